//! A [`Reading`] as scaled integers and back: the one place the stored units are chosen.
//!
//! Each of the 15 measured fields has a column and a scale (1/100 %, Wh, 1/100 L/min, mbar,
//! W, 1/100 °C, 1/10 L). A field not reported is NULL; an implausible one is NULL too, with
//! its bit set in the `implausible` mask (bit i for `FIELDS[i]`), so a query never meets an
//! impossible value and an export still says which fields were impossible.

use chrono::{DateTime, Utc};
use nestore::reading::{Measure, Reading};
use serde::Serialize;

/// One measured field: its key (as in `nestore status --json`, zones numbered), its column,
/// and the factor from the unit shown to the integer stored.
#[derive(Debug, Clone, Copy)]
pub(crate) struct FieldSpec {
    pub key: &'static str,
    pub column: &'static str,
    pub scale: f64,
}

const fn f(key: &'static str, column: &'static str, scale: f64) -> FieldSpec {
    FieldSpec { key, column, scale }
}

pub(crate) const N_FIELDS: usize = 15;

/// In mask-bit order; never reorder (the bits are stored).
pub(crate) const FIELDS: [FieldSpec; N_FIELDS] = [
    f("soc_pct", "soc", 100.0),
    f("soc_total_pct", "soc_total", 100.0),
    f("stored_energy_kwh", "stored_wh", 1000.0),
    f("hot_water_flow_lpm", "flow", 100.0),
    f("pressure_bar", "pressure", 1000.0),
    f("heater_power_w", "heater_w", 1.0),
    f("heater_outlet_c", "outlet", 100.0),
    f("zone1_c", "z1", 100.0),
    f("zone2_c", "z2", 100.0),
    f("zone3_c", "z3", 100.0),
    f("zone4_c", "z4", 100.0),
    f("zone5_c", "z5", 100.0),
    f("dhw_energy_total_kwh", "dhw_wh", 1000.0),
    f("heater_energy_total_kwh", "heater_wh", 1000.0),
    f("water_volume_total_l", "volume_dl", 10.0),
];

pub(crate) const SOC: usize = 0;
pub(crate) const PRESSURE: usize = 4;
pub(crate) const DHW: usize = 12;
pub(crate) const HEATER_WH: usize = 13;
pub(crate) const VOLUME: usize = 14;

/// Integers beyond this would lose digits as f64; no plausible value comes near.
const MAX_STORED: f64 = 9.0e15;

fn measures(r: &Reading) -> [Measure; N_FIELDS] {
    let z = r.zone_temps_c;
    [
        r.soc_pct,
        r.soc_total_pct,
        r.stored_energy_kwh,
        r.hot_water_flow_lpm,
        r.pressure_bar,
        r.heater_power_w,
        r.heater_outlet_c,
        z[0],
        z[1],
        z[2],
        z[3],
        z[4],
        r.dhw_energy_total_kwh,
        r.heater_energy_total_kwh,
        r.water_volume_total_l,
    ]
}

/// The stored integers and the implausible mask. A "reported" value that cannot be stored
/// (not finite, or absurdly large) counts as implausible: nothing wrong reaches a column.
pub(crate) fn encode(r: &Reading) -> ([Option<i64>; N_FIELDS], i64) {
    let mut out = [None; N_FIELDS];
    let mut mask = 0i64;
    for (i, m) in measures(r).into_iter().enumerate() {
        match m {
            Measure::NotReported => {}
            Measure::Implausible(_) => mask |= 1 << i,
            Measure::Reported(v) => {
                let x = (v * FIELDS[i].scale).round();
                if x.is_finite() && x.abs() <= MAX_STORED {
                    out[i] = Some(x as i64);
                } else {
                    mask |= 1 << i;
                }
            }
        }
    }
    (out, mask)
}

/// The value shown for a stored integer of field `i`.
pub(crate) fn decode(i: usize, x: i64) -> f64 {
    x as f64 / FIELDS[i].scale
}

/// One stored reading, in the units and keys of `nestore status --json` (`None`: not
/// reported, or implausible and then named in `implausible`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoredReading {
    pub read_at: DateTime<Utc>,
    pub soc_pct: Option<f64>,
    pub soc_total_pct: Option<f64>,
    pub stored_energy_kwh: Option<f64>,
    pub hot_water_flow_lpm: Option<f64>,
    pub pressure_bar: Option<f64>,
    pub heater_power_w: Option<f64>,
    pub heater_outlet_c: Option<f64>,
    /// Zone 1 (top) to zone 5 (bottom).
    pub zone_temps_c: [Option<f64>; 5],
    pub dhw_energy_total_kwh: Option<f64>,
    pub heater_energy_total_kwh: Option<f64>,
    pub water_volume_total_l: Option<f64>,
    pub state: Option<String>,
    pub dependent_mode: Option<bool>,
    pub online_mode: Option<bool>,
    /// Keys of the fields that were physically impossible (`zone3_c` for a zone).
    pub implausible: Vec<&'static str>,
    /// Written for the demo device.
    pub demo: bool,
}

impl StoredReading {
    /// The measured values in [`FIELDS`] order.
    pub(crate) fn values(&self) -> [Option<f64>; N_FIELDS] {
        let z = self.zone_temps_c;
        [
            self.soc_pct,
            self.soc_total_pct,
            self.stored_energy_kwh,
            self.hot_water_flow_lpm,
            self.pressure_bar,
            self.heater_power_w,
            self.heater_outlet_c,
            z[0],
            z[1],
            z[2],
            z[3],
            z[4],
            self.dhw_energy_total_kwh,
            self.heater_energy_total_kwh,
            self.water_volume_total_l,
        ]
    }

    pub(crate) fn from_parts(
        read_at: DateTime<Utc>,
        raw: [Option<i64>; N_FIELDS],
        mask: i64,
        state: Option<String>,
        modes: (Option<bool>, Option<bool>),
        demo: bool,
    ) -> StoredReading {
        let v: [Option<f64>; N_FIELDS] = std::array::from_fn(|i| {
            if mask & (1 << i) != 0 {
                None
            } else {
                raw[i].map(|x| decode(i, x))
            }
        });
        StoredReading {
            read_at,
            soc_pct: v[0],
            soc_total_pct: v[1],
            stored_energy_kwh: v[2],
            hot_water_flow_lpm: v[3],
            pressure_bar: v[4],
            heater_power_w: v[5],
            heater_outlet_c: v[6],
            zone_temps_c: [v[7], v[8], v[9], v[10], v[11]],
            dhw_energy_total_kwh: v[12],
            heater_energy_total_kwh: v[13],
            water_volume_total_l: v[14],
            state,
            dependent_mode: modes.0,
            online_mode: modes.1,
            implausible: (0..N_FIELDS)
                .filter(|i| mask & (1 << i) != 0)
                .map(|i| FIELDS[i].key)
                .collect(),
            demo,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reading() -> Reading {
        Reading {
            soc_pct: Measure::Reported(63.37),
            soc_total_pct: Measure::NotReported,
            stored_energy_kwh: Measure::Reported(9.876),
            hot_water_flow_lpm: Measure::Reported(0.0),
            pressure_bar: Measure::Implausible(12.0),
            heater_power_w: Measure::Reported(2000.0),
            heater_outlet_c: Measure::Reported(-3.25),
            zone_temps_c: [
                Measure::Reported(78.2),
                Measure::Reported(f64::NAN),
                Measure::Reported(1e300),
                Measure::NotReported,
                Measure::Implausible(900.0),
            ],
            dhw_energy_total_kwh: Measure::Reported(1234.5678),
            heater_energy_total_kwh: Measure::Reported(500_000.0),
            water_volume_total_l: Measure::Reported(45678.94),
            state: None,
            dependent_mode: None,
            online_mode: None,
            read_at: DateTime::from_timestamp(1_700_000_000, 0).unwrap(),
        }
    }

    #[test]
    fn values_round_trip_at_their_stored_precision() {
        let r = reading();
        let (raw, mask) = encode(&r);
        let s = StoredReading::from_parts(r.read_at, raw, mask, None, (None, None), false);
        assert_eq!(s.soc_pct, Some(63.37));
        assert_eq!(s.soc_total_pct, None);
        assert_eq!(s.stored_energy_kwh, Some(9.876));
        assert_eq!(s.hot_water_flow_lpm, Some(0.0));
        assert_eq!(s.pressure_bar, None);
        assert_eq!(s.heater_outlet_c, Some(-3.25));
        assert_eq!(s.zone_temps_c, [Some(78.2), None, None, None, None]);
        assert_eq!(s.dhw_energy_total_kwh, Some(1234.568));
        assert_eq!(s.heater_energy_total_kwh, Some(500_000.0));
        assert_eq!(s.water_volume_total_l, Some(45678.9));
        // NaN and 1e300 cannot be stored: implausible, like the device's impossible values.
        assert_eq!(
            s.implausible,
            vec!["pressure_bar", "zone2_c", "zone3_c", "zone5_c"]
        );
    }

    #[test]
    fn keys_are_unique_and_named_as_the_status_json() {
        let keys: std::collections::HashSet<_> = FIELDS.iter().map(|f| f.key).collect();
        assert_eq!(keys.len(), N_FIELDS);
        assert_eq!(FIELDS[SOC].key, "soc_pct");
        assert_eq!(FIELDS[PRESSURE].key, "pressure_bar");
        assert_eq!(FIELDS[DHW].key, "dhw_energy_total_kwh");
        assert_eq!(FIELDS[HEATER_WH].key, "heater_energy_total_kwh");
        assert_eq!(FIELDS[VOLUME].key, "water_volume_total_l");
    }
}
