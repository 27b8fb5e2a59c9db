//! Readings for the tests.
#![allow(dead_code)]

use chrono::{DateTime, Utc};
use nestore::reading::{Measure, Reading};

pub fn at(s: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(s, 0).unwrap()
}

/// 2025-11-25T00:00:00Z
pub const DAY0: i64 = 1_764_028_800;

/// A plausible reading at `t` (unix s) with the counters given (kWh, kWh, L).
pub fn reading(t: i64, soc: f64, pressure: f64, counters: (f64, f64, f64)) -> Reading {
    let r = Measure::Reported;
    Reading {
        soc_pct: r(soc),
        soc_total_pct: r(soc + 5.0),
        stored_energy_kwh: r(soc / 10.0),
        hot_water_flow_lpm: r(0.0),
        pressure_bar: r(pressure),
        heater_power_w: r(if soc < 50.0 { 2000.0 } else { 0.0 }),
        heater_outlet_c: r(40.0 + soc / 10.0),
        zone_temps_c: [r(80.0), r(70.0), r(60.0), r(40.0), r(15.5)],
        dhw_energy_total_kwh: r(counters.0),
        heater_energy_total_kwh: r(counters.1),
        water_volume_total_l: r(counters.2),
        state: Some("Standby".into()),
        dependent_mode: Some(false),
        online_mode: Some(true),
        read_at: at(t),
    }
}

pub fn simple(t: i64, soc: f64) -> Reading {
    reading(t, soc, 2.5, (1000.0, 2000.0, 50_000.0))
}
