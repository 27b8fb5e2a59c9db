//! A demo history: the simulator's physical model (`nestore_sim::model`, run directly,
//! without its server) stepped through N days, one reading per interval, marked demo.

use std::time::Duration;

use chrono::{DateTime, Timelike, Utc};
use nestore::reading::{Measure, Reading};
use nestore_sim::model::Model;
use nestore_sim::Scenario;

use crate::error::{Error, Result};
use crate::store::Store;

/// What [`Store::seed_demo`] makes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SeedOptions {
    /// The last reading is at or just before this time.
    pub end: DateTime<Utc>,
    /// 1 to 3660.
    pub days: u32,
    /// Between readings: 10 s to 1 day.
    pub interval: Duration,
    /// The local offset from UTC, so the model's day (draws in the morning and evening, the
    /// off-peak charge at 02:00) falls on the owner's clock.
    pub utc_offset_s: i32,
    /// Varies the daily draws.
    pub seed: u64,
}

impl SeedOptions {
    /// `days` days up to `end` at 5-minute intervals, on UTC's clock.
    pub fn new(end: DateTime<Utc>, days: u32) -> SeedOptions {
        SeedOptions {
            end,
            days,
            interval: Duration::from_secs(300),
            utc_offset_s: 0,
            seed: 1,
        }
    }
}

fn reading(m: &Model, at: DateTime<Utc>) -> Reading {
    let s = Scenario::Normal;
    let z = m.zone_temps_c().map(Measure::Reported);
    Reading {
        soc_pct: Measure::Reported(m.soc_pct()),
        soc_total_pct: Measure::Reported(m.soc_total_pct()),
        stored_energy_kwh: Measure::Reported(m.te_wh / 1000.0),
        hot_water_flow_lpm: Measure::Reported(m.flow_lpm(s)),
        pressure_bar: Measure::Reported(m.pressure_bar()),
        heater_power_w: Measure::Reported(m.heater_power_w(s)),
        heater_outlet_c: Measure::Reported(m.heater_outlet_c(s)),
        zone_temps_c: z,
        dhw_energy_total_kwh: Measure::Reported(m.counters.dhw_energy_wh / 1000.0),
        heater_energy_total_kwh: Measure::Reported(m.counters.heater_energy_wh / 1000.0),
        water_volume_total_l: Measure::Reported(m.counters.dhw_volume_ml / 1000.0),
        state: Some(m.state_name(s).to_owned()),
        dependent_mode: Some(false),
        online_mode: Some(true),
        read_at: at,
    }
}

impl Store {
    /// Fills the store with simulated readings, marked demo; returns
    /// how many. Written in transactions of 10,000 readings. Refused ([`Error::HasRealData`]) when the store holds any real reading,
    /// so a demo never mixes into an owner's history. Readings at times already stored
    /// are skipped.
    pub fn seed_demo(&mut self, o: &SeedOptions) -> Result<usize> {
        if !(1..=3660).contains(&o.days) {
            return Err(Error::invalid("days", "Days: must be 1-3660"));
        }
        if o.interval < Duration::from_secs(10) || o.interval > Duration::from_secs(86_400) {
            return Err(Error::invalid(
                "interval",
                "Interval: must be 10 s to 1 day",
            ));
        }
        if self.has_real_data()? {
            return Err(Error::HasRealData);
        }
        let step_ms = o.interval.as_millis() as i64;
        let span_ms = i64::from(o.days) * 86_400_000;
        let end_ms = o.end.timestamp_millis();
        let start_ms = end_ms - span_ms;
        let start = DateTime::from_timestamp_millis(start_ms).unwrap_or_default();
        let local_tod = (i64::from(start.num_seconds_from_midnight()) + i64::from(o.utc_offset_s))
            .rem_euclid(86_400) as u32;
        let mut model = Model::new(55.0, local_tod, o.seed);
        const CHUNK: usize = 10_000;
        let mut batch = Vec::with_capacity(CHUNK);
        let mut written = 0;
        let mut t = start_ms + step_ms;
        while t <= end_ms {
            model.run_until((t - start_ms) as f64 / 1000.0, Scenario::Normal);
            let at = DateTime::from_timestamp_millis(t).unwrap_or_default();
            batch.push(crate::Record::Reading {
                reading: reading(&model, at),
                demo: true,
            });
            t += step_ms;
            if batch.len() == CHUNK {
                written += self.write(&batch)?.readings;
                batch.clear();
            }
        }
        written += self.write(&batch)?.readings;
        Ok(written)
    }
}
