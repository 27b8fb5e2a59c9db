//! Physical model of the thermal store in simulated time, which may not read the wall clock
//! nor know HTTP or the simulator's shared state.
//!
//! Energy balance, stratification, pressure, counters and the controller's task/schedule
//! logic, advanced lazily in steps of ≤ 10 simulated s.

use serde::{Deserialize, Serialize};

use crate::scenario::Scenario;

pub const VESSEL_L: f64 = 200.0;
/// Specific heat of water per litre.
pub const WH_PER_LITRE_KELVIN: f64 = 1.163;
pub const T_COLD_C: f64 = 10.0;
pub const T_HOT_C: f64 = 85.0;
pub const T_MIN_USEFUL_C: f64 = 40.0;
const MAX_STEP_S: f64 = 10.0;
/// Thickness of the thermocline as a fraction of the vessel height.
const THERMOCLINE: f64 = 0.25;
/// Standing loss when the whole vessel is at T_HOT (scales with mean temperature).
const STANDING_LOSS_FULL_W: f64 = 60.0;
/// Healthy pressure: 1.8 bar cold, 2.7 bar hot (expansion of the water).
const PRESSURE_COLD_BAR: f64 = 1.8;
const PRESSURE_SPAN_BAR: f64 = 0.9;
const LEAK_BAR_PER_S: f64 = 0.05 / 3600.0;
const OVER_PRESSURE_BAR_PER_S: f64 = 1.5 / 3600.0;
const OVER_PRESSURE_TARGET_BAR: f64 = 3.7;
/// Automatic schedule: off-peak charge 02:00–05:00.
pub const AUTO_WINDOW_S: (f64, f64) = (2.0 * 3600.0, 5.0 * 3600.0);
pub const AUTO_POWER_W: f64 = 3000.0;
/// Daily hot-water draws: (start s after midnight, duration s, nominal flow L/min).
const DRAWS: [(f64, f64, f64); 5] = [
    (7.0 * 3600.0, 300.0, 7.0),  // morning shower
    (7.5 * 3600.0, 120.0, 3.0),  // kitchen
    (12.5 * 3600.0, 120.0, 3.0), // lunch
    (19.0 * 3600.0, 240.0, 6.0), // bath
    (20.5 * 3600.0, 180.0, 3.0), // dishes
];

pub fn total_capacity_wh() -> f64 {
    VESSEL_L * WH_PER_LITRE_KELVIN * (T_HOT_C - T_COLD_C)
}

/// A controller task set through the control endpoint.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Task {
    Start {
        power_w: f64,
        soc_target_pct: f64,
        remaining_s: f64,
    },
    Stop {
        remaining_s: f64,
    },
}

impl Task {
    pub fn kind(&self) -> &'static str {
        match self {
            Task::Start { .. } => "start",
            Task::Stop { .. } => "stop",
        }
    }
}

/// Monotone totals as the device reports them.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Counters {
    pub dhw_energy_wh: f64,
    pub heater_energy_wh: f64,
    pub dhw_volume_ml: f64,
}

#[derive(Debug, Clone)]
pub struct Model {
    /// Simulated seconds since the simulator started.
    pub sim_time_s: f64,
    start_time_of_day_s: f64,
    pub te_wh: f64,
    pub counters: Counters,
    pub task: Option<Task>,
    pub pressure_offset_bar: f64,
    seed: u64,
}

/// Temperature at normalised height `y` (0 bottom, 1 top) for total charge fraction `s`:
/// hot above a linear thermocline whose centre sinks as the store charges.
fn profile_c(s: f64, y: f64) -> f64 {
    let centre = 1.0 + THERMOCLINE / 2.0 - s * (1.0 + THERMOCLINE);
    let x = ((y - centre) / THERMOCLINE + 0.5).clamp(0.0, 1.0);
    T_COLD_C + (T_HOT_C - T_COLD_C) * x
}

/// Fraction of the available (above 40 °C) capacity that is charged.
fn usable_fraction(s: f64) -> f64 {
    const N: usize = 64;
    let sum: f64 = (0..N)
        .map(|i| {
            let y = (i as f64 + 0.5) / N as f64;
            (profile_c(s, y) - T_MIN_USEFUL_C).max(0.0)
        })
        .sum();
    sum / N as f64 / (T_HOT_C - T_MIN_USEFUL_C)
}

fn splitmix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

impl Model {
    pub fn new(initial_soc_pct: f64, start_time_of_day_s: u32, seed: u64) -> Model {
        let mut m = Model {
            sim_time_s: 0.0,
            start_time_of_day_s: f64::from(start_time_of_day_s % 86_400),
            te_wh: 0.0,
            // A couple of years of service.
            counters: Counters {
                dhw_energy_wh: 3_150_000.0,
                heater_energy_wh: 3_900_000.0,
                dhw_volume_ml: 52_000_000.0,
            },
            task: None,
            pressure_offset_bar: 0.0,
            seed,
        };
        m.set_soc(initial_soc_pct);
        m
    }

    /// Fraction 0..1 of the total capacity.
    pub fn soc_total(&self) -> f64 {
        (self.te_wh / total_capacity_wh()).clamp(0.0, 1.0)
    }

    pub fn soc_total_pct(&self) -> f64 {
        100.0 * self.soc_total()
    }

    /// SOC_VES: usable energy above the min-useful temperature / available capacity.
    pub fn soc_pct(&self) -> f64 {
        (100.0 * usable_fraction(self.soc_total())).clamp(0.0, 100.0)
    }

    /// Set the stored energy so that SOC_VES equals `pct` (bisection: SOC_VES is monotone).
    pub fn set_soc(&mut self, pct: f64) {
        let target = pct.clamp(0.0, 100.0) / 100.0;
        if target >= 1.0 {
            // 100 % means a full store, not merely the first state that reads 100.
            self.te_wh = total_capacity_wh();
            return;
        }
        let (mut lo, mut hi) = (0.0_f64, 1.0_f64);
        for _ in 0..60 {
            let mid = (lo + hi) / 2.0;
            if usable_fraction(mid) < target {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        self.te_wh = hi * total_capacity_wh();
    }

    /// Zone 1 (top) .. zone 5 (bottom), each the mean of the profile over its fifth.
    pub fn zone_temps_c(&self) -> [f64; 5] {
        let s = self.soc_total();
        let mut out = [0.0; 5];
        for (i, z) in out.iter_mut().enumerate() {
            let top = 1.0 - i as f64 / 5.0;
            const K: usize = 16;
            *z = (0..K)
                .map(|k| profile_c(s, top - (k as f64 + 0.5) / K as f64 / 5.0))
                .sum::<f64>()
                / K as f64;
        }
        out
    }

    pub fn time_of_day_s(&self) -> f64 {
        (self.start_time_of_day_s + self.sim_time_s).rem_euclid(86_400.0)
    }

    fn day(&self) -> u64 {
        ((self.start_time_of_day_s + self.sim_time_s) / 86_400.0).floor() as u64
    }

    /// Hot-water flow now, L/min; each day's draws vary ±15 % with the seed.
    pub fn flow_lpm(&self, scenario: Scenario) -> f64 {
        if scenario == Scenario::Leak {
            return 0.0;
        }
        let tod = self.time_of_day_s();
        let day = self.day();
        DRAWS
            .iter()
            .enumerate()
            .find(|(_, (start, dur, _))| tod >= *start && tod < start + dur)
            .map(|(i, (_, _, lpm))| {
                let h = splitmix(self.seed ^ splitmix(day * 16 + i as u64));
                let jitter = 0.85 + 0.3 * (h % 1000) as f64 / 1000.0;
                lpm * jitter
            })
            .unwrap_or(0.0)
    }

    fn in_auto_window(&self) -> bool {
        let tod = self.time_of_day_s();
        tod >= AUTO_WINDOW_S.0 && tod < AUTO_WINDOW_S.1
    }

    /// Heater power now, W. Full store, a leak (charging suspended) or a stop task keep it off.
    pub fn heater_power_w(&self, scenario: Scenario) -> f64 {
        if scenario == Scenario::Leak || self.te_wh >= total_capacity_wh() - 1e-6 {
            return 0.0;
        }
        match self.task {
            Some(Task::Start {
                power_w,
                soc_target_pct,
                ..
            }) if self.soc_pct() < soc_target_pct - 1e-6 => power_w,
            Some(_) => 0.0,
            None if self.in_auto_window() => AUTO_POWER_W,
            None => 0.0,
        }
    }

    /// Heater outlet: bottom water plus a rise proportional to heater power.
    pub fn heater_outlet_c(&self, scenario: Scenario) -> f64 {
        let bottom = self.zone_temps_c()[4];
        let p = self.heater_power_w(scenario);
        if p > 0.0 {
            bottom + p * 0.005
        } else {
            bottom + 0.3
        }
    }

    /// True pressure (sensor faults are applied at the API layer).
    pub fn pressure_bar(&self) -> f64 {
        self.base_pressure_bar() + self.pressure_offset_bar
    }

    /// Make the pressure read `bar` now; from there it follows the charge (and a leak or
    /// over-pressure) as before, and a switch to the normal scenario heals it.
    pub fn set_pressure(&mut self, bar: f64) {
        self.pressure_offset_bar = bar - self.base_pressure_bar();
    }

    fn base_pressure_bar(&self) -> f64 {
        PRESSURE_COLD_BAR + PRESSURE_SPAN_BAR * self.soc_total()
    }

    pub fn state_name(&self, scenario: Scenario) -> &'static str {
        if self.heater_power_w(scenario) > 0.0 {
            "Charging Electrical Main"
        } else if matches!(self.task, Some(Task::Stop { .. })) {
            "Electrical Charging Blocked"
        } else {
            "Standby"
        }
    }

    /// Scenario switch side effects: returning to normal heals the pressure at once.
    pub fn on_scenario(&mut self, scenario: Scenario) {
        if scenario == Scenario::Normal {
            self.pressure_offset_bar = 0.0;
        }
    }

    /// Run the model forward to simulated time `t`.
    pub fn run_until(&mut self, t: f64, scenario: Scenario) {
        while self.sim_time_s < t {
            let dt = (t - self.sim_time_s).min(MAX_STEP_S);
            self.step(dt, scenario);
        }
    }

    fn step(&mut self, dt: f64, scenario: Scenario) {
        let cap = total_capacity_wh();
        let power = self.heater_power_w(scenario);
        let flow = self.flow_lpm(scenario);
        let top = self.zone_temps_c()[0];

        let heat_in = power * dt / 3600.0;
        let litres = flow / 60.0 * dt;
        let drawn = (litres * WH_PER_LITRE_KELVIN * (top - T_COLD_C).max(0.0)).min(self.te_wh);
        let loss = if scenario == Scenario::Leak {
            0.0
        } else {
            STANDING_LOSS_FULL_W * self.soc_total() * dt / 3600.0
        };
        self.te_wh = (self.te_wh + heat_in - drawn - loss).clamp(0.0, cap);

        self.counters.heater_energy_wh += heat_in;
        self.counters.dhw_energy_wh += drawn;
        self.counters.dhw_volume_ml += litres * 1000.0;

        self.task = match self.task {
            Some(Task::Start {
                power_w,
                soc_target_pct,
                remaining_s,
            }) => {
                let remaining_s = remaining_s - dt;
                let done = remaining_s <= 0.0
                    || self.soc_pct() >= soc_target_pct - 1e-6
                    || self.te_wh >= cap - 1e-6;
                (!done).then_some(Task::Start {
                    power_w,
                    soc_target_pct,
                    remaining_s,
                })
            }
            Some(Task::Stop { remaining_s }) => {
                let remaining_s = remaining_s - dt;
                (remaining_s > 0.0).then_some(Task::Stop { remaining_s })
            }
            None => None,
        };

        match scenario {
            Scenario::Leak => self.pressure_offset_bar -= LEAK_BAR_PER_S * dt,
            Scenario::OverPressure => {
                let target = OVER_PRESSURE_TARGET_BAR - self.base_pressure_bar();
                if self.pressure_offset_bar < target {
                    self.pressure_offset_bar =
                        (self.pressure_offset_bar + OVER_PRESSURE_BAR_PER_S * dt).min(target);
                }
            }
            _ => {}
        }
        self.sim_time_s += dt;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_soc_round_trips_and_extremes_are_uniform() {
        let mut m = Model::new(63.0, 0, 1);
        assert!((m.soc_pct() - 63.0).abs() < 1e-6);
        m.set_soc(100.0);
        assert!(m.zone_temps_c().iter().all(|t| (t - T_HOT_C).abs() < 0.5));
        m.set_soc(0.0);
        m.te_wh = 0.0;
        assert!(m.zone_temps_c().iter().all(|t| (t - T_COLD_C).abs() < 0.5));
    }

    #[test]
    fn zones_monotone_across_charge() {
        let mut m = Model::new(0.0, 0, 1);
        for i in 0..=100 {
            m.te_wh = total_capacity_wh() * i as f64 / 100.0;
            let z = m.zone_temps_c();
            assert!(z.windows(2).all(|w| w[0] >= w[1] - 1e-9), "{z:?}");
        }
    }
}
