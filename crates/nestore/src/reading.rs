//! The wire format of the read endpoints and the typed [`Reading`] made from it.
//!
//! Tolerant by design (PROTOCOL.md): unknown fields are ignored, ints and floats are both
//! numbers, and a missing, null or non-numeric optional field is "not reported" for that
//! field alone. Units are converted here and nowhere else.

use std::fmt;

use chrono::{DateTime, Utc};
use serde::ser::{Serialize, SerializeStruct, Serializer};
use serde_json::Value;

/// The control-state name while an electric charge runs.
pub const CHARGING_STATE: &str = "Charging Electrical Main";

/// One measured quantity as the device reported it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Measure {
    Reported(f64),
    NotReported,
    /// A number outside what is physically possible: kept for diagnosis, never shown as truth.
    Implausible(f64),
}

impl Measure {
    /// The value, if it was reported and is plausible.
    pub fn value(self) -> Option<f64> {
        match self {
            Measure::Reported(v) => Some(v),
            _ => None,
        }
    }

    pub fn is_implausible(self) -> bool {
        matches!(self, Measure::Implausible(_))
    }

    fn checked(raw: Option<f64>, scale: f64, range: (f64, f64)) -> Measure {
        match raw {
            None => Measure::NotReported,
            Some(v) => {
                let v = v * scale;
                if v.is_finite() && v >= range.0 && v <= range.1 {
                    Measure::Reported(v)
                } else {
                    Measure::Implausible(v)
                }
            }
        }
    }
}

impl Serialize for Measure {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.value().serialize(s)
    }
}

/// A field of the engineering reading, as the library names it in errors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    /// `DERIVED.SOC_VES`
    Soc,
    /// `DERIVED.SOC_VES_TOTAL`
    SocTotal,
    /// `DERIVED.TE`
    StoredEnergy,
    /// `DERIVED.FLOW_DHW`
    HotWaterFlow,
    /// `DERIVED.POWER_HEATER`
    HeaterPower,
    /// `BASE.PRES_SYS`
    Pressure,
    /// `BASE.TEMP_HTR_OUT`
    HeaterOutlet,
    /// `BASE.TEMP_VES_INT_1` to `_5`: the zone number as the device counts (1 to 5).
    VesselZone(u8),
    /// `COUNTERS.ENERGY_DHW_THERMAL_THEORETICAL`
    HotWaterEnergyTotal,
    /// `COUNTERS.ENERGY_CRG_ELECTRICAL`
    ChargingEnergyTotal,
    /// `COUNTERS.VOL_DHW_THEORETICAL`
    HotWaterVolumeTotal,
}

impl Field {
    /// The key on the wire (within its `PAYLOAD` group), e.g. `"PRES_SYS"`.
    pub fn wire_key(self) -> &'static str {
        const ZONES: [&str; 5] = [
            "TEMP_VES_INT_1",
            "TEMP_VES_INT_2",
            "TEMP_VES_INT_3",
            "TEMP_VES_INT_4",
            "TEMP_VES_INT_5",
        ];
        match self {
            Field::Soc => "SOC_VES",
            Field::SocTotal => "SOC_VES_TOTAL",
            Field::StoredEnergy => "TE",
            Field::HotWaterFlow => "FLOW_DHW",
            Field::HeaterPower => "POWER_HEATER",
            Field::Pressure => "PRES_SYS",
            Field::HeaterOutlet => "TEMP_HTR_OUT",
            Field::VesselZone(n) => ZONES[usize::from(n.clamp(1, 5)) - 1],
            Field::HotWaterEnergyTotal => "ENERGY_DHW_THERMAL_THEORETICAL",
            Field::ChargingEnergyTotal => "ENERGY_CRG_ELECTRICAL",
            Field::HotWaterVolumeTotal => "VOL_DHW_THEORETICAL",
        }
    }

    /// The `PAYLOAD` group the field sits in: `"DERIVED"`, `"BASE"` or `"COUNTERS"`.
    pub fn wire_group(self) -> &'static str {
        match self {
            Field::Soc
            | Field::SocTotal
            | Field::StoredEnergy
            | Field::HotWaterFlow
            | Field::HeaterPower => "DERIVED",
            Field::Pressure | Field::HeaterOutlet | Field::VesselZone(_) => "BASE",
            Field::HotWaterEnergyTotal
            | Field::ChargingEnergyTotal
            | Field::HotWaterVolumeTotal => "COUNTERS",
        }
    }
}

/// Plain words, e.g. "system pressure"; the wire key is [`Field::wire_key`].
impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Field::Soc => f.write_str("state of charge"),
            Field::SocTotal => f.write_str("state of charge (total)"),
            Field::StoredEnergy => f.write_str("stored energy"),
            Field::HotWaterFlow => f.write_str("hot-water flow"),
            Field::HeaterPower => f.write_str("heater power"),
            Field::Pressure => f.write_str("system pressure"),
            Field::HeaterOutlet => f.write_str("heater outlet temperature"),
            Field::VesselZone(n) => write!(f, "vessel zone {n} temperature"),
            Field::HotWaterEnergyTotal => f.write_str("hot-water energy total"),
            Field::ChargingEnergyTotal => f.write_str("charging energy total"),
            Field::HotWaterVolumeTotal => f.write_str("hot-water volume total"),
        }
    }
}

/// What a parse of one answer can go wrong with.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ParseError {
    #[error("{0}")]
    Malformed(String),
    #[error("missing {0} ({k})", k = .0.wire_key())]
    Missing(Field),
}

/// One reading of the device: the engineering values, the control state and the modes.
#[derive(Debug, Clone, PartialEq)]
pub struct Reading {
    pub soc_pct: Measure,
    pub soc_total_pct: Measure,
    pub stored_energy_kwh: Measure,
    pub hot_water_flow_lpm: Measure,
    pub pressure_bar: Measure,
    pub heater_power_w: Measure,
    pub heater_outlet_c: Measure,
    /// Vessel zones 1 to 5 as the device numbers them.
    pub zone_temps_c: [Measure; 5],
    pub dhw_energy_total_kwh: Measure,
    pub heater_energy_total_kwh: Measure,
    pub water_volume_total_l: Measure,
    pub state: Option<String>,
    pub dependent_mode: Option<bool>,
    pub online_mode: Option<bool>,
    pub read_at: DateTime<Utc>,
}

// Plausible ranges, in the units shown. Outside them a value is a sensor or wire fault.
const PERCENT: (f64, f64) = (0.0, 100.0);
const PRESSURE_BAR: (f64, f64) = (0.0, 10.0);
const TEMP_C: (f64, f64) = (-40.0, 150.0);
const ENERGY_KWH: (f64, f64) = (0.0, 1000.0);
const FLOW_LPM: (f64, f64) = (0.0, 200.0);
const POWER_W: (f64, f64) = (0.0, 20_000.0);
/// Counters run for the device's life: bound them by what its heater (at most `POWER_W`)
/// and its hot-water flow (at most `FLOW_LPM`) could do non-stop for 50 years.
const LIFE_H: f64 = 50.0 * 365.25 * 24.0;
const ENERGY_TOTAL_KWH: (f64, f64) = (0.0, POWER_W.1 / 1000.0 * LIFE_H);
const VOLUME_TOTAL_L: (f64, f64) = (0.0, FLOW_LPM.1 * 60.0 * LIFE_H);
const WH_TO_KWH: f64 = 1e-3;
/// The reference integration divides the raw volume counter by 1000 to show litres.
const VOLUME_TO_L: f64 = 1e-3;

impl Reading {
    /// Whether the device reports an electric charge running.
    pub fn is_charging(&self) -> bool {
        self.state.as_deref() == Some(CHARGING_STATE)
    }

    /// Names (as in the JSON output) of every field whose value was implausible.
    pub fn implausible_fields(&self) -> Vec<&'static str> {
        let mut out: Vec<&'static str> = self
            .scalars()
            .into_iter()
            .filter(|(_, m)| m.is_implausible())
            .map(|(name, _)| name)
            .collect();
        if self.zone_temps_c.iter().any(|m| m.is_implausible()) {
            out.push("zone_temps_c");
        }
        out
    }

    fn scalars(&self) -> [(&'static str, Measure); 10] {
        [
            ("soc_pct", self.soc_pct),
            ("soc_total_pct", self.soc_total_pct),
            ("stored_energy_kwh", self.stored_energy_kwh),
            ("hot_water_flow_lpm", self.hot_water_flow_lpm),
            ("pressure_bar", self.pressure_bar),
            ("heater_power_w", self.heater_power_w),
            ("heater_outlet_c", self.heater_outlet_c),
            ("dhw_energy_total_kwh", self.dhw_energy_total_kwh),
            ("heater_energy_total_kwh", self.heater_energy_total_kwh),
            ("water_volume_total_l", self.water_volume_total_l),
        ]
    }
}

impl Serialize for Reading {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Reading", 16)?;
        for (name, m) in self.scalars() {
            st.serialize_field(name, &m)?;
        }
        st.serialize_field("zone_temps_c", &self.zone_temps_c)?;
        st.serialize_field("state", &self.state)?;
        st.serialize_field("dependent_mode", &self.dependent_mode)?;
        st.serialize_field("online_mode", &self.online_mode)?;
        st.serialize_field("read_at", &self.read_at.to_rfc3339())?;
        st.serialize_field("implausible", &self.implausible_fields())?;
        st.end()
    }
}

fn payload(body: &[u8]) -> Result<Value, ParseError> {
    let mut root: Value = serde_json::from_slice(body)
        .map_err(|e| ParseError::Malformed(format!("not JSON ({e})")))?;
    match root.get_mut("PAYLOAD") {
        Some(p) if p.is_object() => Ok(p.take()),
        _ => Err(ParseError::Malformed("no PAYLOAD object".into())),
    }
}

fn number(p: &Value, group: &str, key: &str) -> Option<f64> {
    p.get(group)?.get(key)?.as_f64()
}

fn flag(v: Option<&Value>) -> Option<bool> {
    match v? {
        Value::Bool(b) => Some(*b),
        Value::String(s) if s.eq_ignore_ascii_case("true") => Some(true),
        Value::String(s) if s.eq_ignore_ascii_case("false") => Some(false),
        Value::Number(n) => match n.as_u64()? {
            0 => Some(false),
            1 => Some(true),
            _ => None,
        },
        _ => None,
    }
}

/// Parses `data/engineering`. The control state and modes come from other endpoints and
/// are left unset here. Fails only on a body that is not a PAYLOAD object, or when the
/// state of charge is absent (a reading without it is no reading). A missing pressure is
/// [`Measure::NotReported`] like any other field: the reading still shows the rest, and
/// the pressure watch treats it as a sensor fault.
pub fn parse_engineering(body: &[u8], read_at: DateTime<Utc>) -> Result<Reading, ParseError> {
    let p = payload(body)?;
    let derived = |k: &str| number(&p, "DERIVED", k);
    let base = |k: &str| number(&p, "BASE", k);
    let counter = |k: &str| number(&p, "COUNTERS", k);

    let soc = derived(Field::Soc.wire_key()).ok_or(ParseError::Missing(Field::Soc))?;
    let zone = |i: usize| Measure::checked(base(&format!("TEMP_VES_INT_{i}")), 1.0, TEMP_C);
    Ok(Reading {
        soc_pct: Measure::checked(Some(soc), 1.0, PERCENT),
        soc_total_pct: Measure::checked(derived("SOC_VES_TOTAL"), 1.0, PERCENT),
        stored_energy_kwh: Measure::checked(derived("TE"), WH_TO_KWH, ENERGY_KWH),
        hot_water_flow_lpm: Measure::checked(derived("FLOW_DHW"), 1.0, FLOW_LPM),
        pressure_bar: Measure::checked(base(Field::Pressure.wire_key()), 1.0, PRESSURE_BAR),
        heater_power_w: Measure::checked(derived("POWER_HEATER"), 1.0, POWER_W),
        heater_outlet_c: Measure::checked(base("TEMP_HTR_OUT"), 1.0, TEMP_C),
        zone_temps_c: [zone(1), zone(2), zone(3), zone(4), zone(5)],
        dhw_energy_total_kwh: Measure::checked(
            counter("ENERGY_DHW_THERMAL_THEORETICAL"),
            WH_TO_KWH,
            ENERGY_TOTAL_KWH,
        ),
        heater_energy_total_kwh: Measure::checked(
            counter("ENERGY_CRG_ELECTRICAL"),
            WH_TO_KWH,
            ENERGY_TOTAL_KWH,
        ),
        water_volume_total_l: Measure::checked(
            counter("VOL_DHW_THEORETICAL"),
            VOLUME_TO_L,
            VOLUME_TOTAL_L,
        ),
        state: None,
        dependent_mode: None,
        online_mode: None,
        read_at,
    })
}

/// The longest device text kept, in characters; the device's names are a few words.
pub const MAX_TEXT_CHARS: usize = 80;

/// Device text made safe for any output: control characters (escape sequences, newlines,
/// C1 codes) and invisible format characters (bidirectional overrides, zero-width) are
/// dropped or turned into spaces, runs of spaces become one, and the text is cut to
/// [`MAX_TEXT_CHARS`] characters. `None` when nothing printable is left.
pub fn clean_text(raw: &str) -> Option<String> {
    let invisible = |c: char| matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{206f}' | '\u{feff}');
    let mut out = String::new();
    let mut kept = 0;
    for c in raw.chars() {
        let c = if c.is_whitespace() || c.is_control() || invisible(c) {
            ' '
        } else {
            c
        };
        if c == ' ' && (out.is_empty() || out.ends_with(' ')) {
            continue;
        }
        if kept == MAX_TEXT_CHARS {
            break;
        }
        out.push(c);
        kept += 1;
    }
    let out = out.trim_end();
    (!out.is_empty()).then(|| out.to_owned())
}

/// Parses `data/control_state`: the human-readable name, if any, shown as it comes once
/// made safe for a terminal ([`clean_text`]).
pub fn parse_control_state(body: &[u8]) -> Result<Option<String>, ParseError> {
    let p = payload(body)?;
    Ok(p.get("NAME").and_then(Value::as_str).and_then(clean_text))
}

/// The two documented flags of `configuration/active`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Modes {
    pub dependent_mode: Option<bool>,
    pub online_mode: Option<bool>,
}

/// Parses `configuration/active`.
pub fn parse_active(body: &[u8]) -> Result<Modes, ParseError> {
    let p = payload(body)?;
    Ok(Modes {
        dependent_mode: flag(p.get("DEPENDENT_MODE")),
        online_mode: flag(p.get("ONLINE_MODE")),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at() -> DateTime<Utc> {
        DateTime::from_timestamp(1_700_000_000, 0).unwrap()
    }

    fn eng(derived: &str, base: &str) -> Vec<u8> {
        format!(r#"{{"PAYLOAD":{{"DERIVED":{{{derived}}},"BASE":{{{base}}}}}}}"#).into_bytes()
    }

    #[test]
    fn ints_and_floats_are_both_numbers() {
        let r = parse_engineering(&eng(r#""SOC_VES":50"#, r#""PRES_SYS":2.5"#), at()).unwrap();
        assert_eq!(r.soc_pct, Measure::Reported(50.0));
        assert_eq!(r.pressure_bar, Measure::Reported(2.5));
    }

    #[test]
    fn missing_soc_fails_with_the_field_named() {
        for derived in [r#""TE":1"#, r#""SOC_VES":null"#, r#""SOC_VES":"50""#] {
            let e = parse_engineering(&eng(derived, r#""PRES_SYS":2.5"#), at()).unwrap_err();
            assert_eq!(e, ParseError::Missing(Field::Soc), "{derived}");
            assert_eq!(e.to_string(), "missing state of charge (SOC_VES)");
        }
    }

    #[test]
    fn missing_pressure_is_not_reported_and_the_rest_still_reads() {
        for base in [
            r#""TEMP_HTR_OUT":60"#,
            r#""PRES_SYS":null,"TEMP_HTR_OUT":60"#,
            r#""PRES_SYS":"2.5","TEMP_HTR_OUT":60"#,
            r#""PRES_SYS":"NaN","TEMP_HTR_OUT":60"#,
        ] {
            let r = parse_engineering(&eng(r#""SOC_VES":50"#, base), at()).unwrap();
            assert_eq!(r.pressure_bar, Measure::NotReported, "{base}");
            assert_eq!(r.soc_pct, Measure::Reported(50.0));
            assert_eq!(r.heater_outlet_c, Measure::Reported(60.0));
            assert!(r.implausible_fields().is_empty());
        }
    }

    #[test]
    fn fields_name_their_wire_key_and_read_in_plain_words() {
        assert_eq!(Field::Pressure.wire_key(), "PRES_SYS");
        assert_eq!(Field::Pressure.wire_group(), "BASE");
        assert_eq!(Field::Pressure.to_string(), "system pressure");
        assert_eq!(Field::Soc.wire_key(), "SOC_VES");
        assert_eq!(Field::Soc.wire_group(), "DERIVED");
        assert_eq!(Field::Soc.to_string(), "state of charge");
        assert_eq!(Field::VesselZone(3).wire_key(), "TEMP_VES_INT_3");
        assert_eq!(
            Field::VesselZone(3).to_string(),
            "vessel zone 3 temperature"
        );
        assert_eq!(Field::HotWaterVolumeTotal.wire_group(), "COUNTERS");
    }

    #[test]
    fn impossible_values_are_flagged_not_passed_on() {
        let r = parse_engineering(
            &eng(
                r#""SOC_VES":101,"POWER_HEATER":-5"#,
                r#""PRES_SYS":10.5,"TEMP_VES_INT_2":900"#,
            ),
            at(),
        )
        .unwrap();
        assert_eq!(r.soc_pct, Measure::Implausible(101.0));
        assert_eq!(r.pressure_bar.value(), None);
        assert!(r.heater_power_w.is_implausible());
        assert!(r.zone_temps_c[1].is_implausible());
        assert_eq!(
            r.implausible_fields(),
            vec!["soc_pct", "pressure_bar", "heater_power_w", "zone_temps_c"]
        );
        let r = parse_engineering(&eng(r#""SOC_VES":-0.1"#, r#""PRES_SYS":-0.01"#), at()).unwrap();
        assert!(r.soc_pct.is_implausible() && r.pressure_bar.is_implausible());
    }

    #[test]
    fn band_edges_are_plausible() {
        let r = parse_engineering(&eng(r#""SOC_VES":100"#, r#""PRES_SYS":0"#), at()).unwrap();
        assert_eq!(r.soc_pct, Measure::Reported(100.0));
        assert_eq!(r.pressure_bar, Measure::Reported(0.0));
        let r = parse_engineering(&eng(r#""SOC_VES":0"#, r#""PRES_SYS":10"#), at()).unwrap();
        assert_eq!(r.pressure_bar, Measure::Reported(10.0));
    }

    #[test]
    fn not_json_or_no_payload_is_malformed() {
        for body in [
            &b""[..],
            b"{",
            b"[]",
            b"{\"PAYLOAD\":3}",
            b"{\"payload\":{}}",
            b"\"x\"",
        ] {
            assert!(
                matches!(parse_engineering(body, at()), Err(ParseError::Malformed(_))),
                "{:?}",
                String::from_utf8_lossy(body)
            );
        }
    }

    #[test]
    fn control_state_name_is_taken_as_it_comes() {
        assert_eq!(
            parse_control_state(br#"{"PAYLOAD":{"NAME":"Some New Mode"}}"#).unwrap(),
            Some("Some New Mode".into())
        );
        assert_eq!(
            parse_control_state(br#"{"PAYLOAD":{"NAME":7}}"#).unwrap(),
            None
        );
        assert_eq!(parse_control_state(br#"{"PAYLOAD":{}}"#).unwrap(), None);
    }

    #[test]
    fn control_state_name_loses_control_and_invisible_characters() {
        let name = |raw: &str| {
            let body = serde_json::json!({"PAYLOAD": {"NAME": raw}}).to_string();
            parse_control_state(body.as_bytes()).unwrap()
        };
        assert_eq!(
            name("Standby\n\u{1b}[2KPressure  9.99 bar").as_deref(),
            Some("Standby [2KPressure 9.99 bar")
        );
        assert_eq!(
            name("\u{1b}[31mRed\u{1b}[0m\r").as_deref(),
            Some("[31mRed [0m")
        );
        assert_eq!(
            name("a\u{202e}b\u{200b}c\u{9b}d\u{7f}").as_deref(),
            Some("a b c d")
        );
        assert_eq!(name("\n\t \u{1b}"), None);
        let long = name(&"x".repeat(10_000)).unwrap();
        assert_eq!(long.chars().count(), MAX_TEXT_CHARS);
        assert_eq!(
            name("Charging Electrical Main").as_deref(),
            Some(CHARGING_STATE)
        );
        assert_eq!(name("  Zürich  Mode ").as_deref(), Some("Zürich Mode"));
        for s in ["x\u{0}y", "\u{85}\u{2028}\u{2029}", "\u{1b}]0;title\u{7}"] {
            let got = name(s).unwrap_or_default();
            assert!(!got.chars().any(|c| c.is_control()), "{got:?}");
        }
    }

    #[test]
    fn counters_beyond_a_lifetime_of_full_power_are_implausible() {
        let body = |dhw: &str, crg: &str, vol: &str| {
            format!(
                r#"{{"PAYLOAD":{{"DERIVED":{{"SOC_VES":50}},"BASE":{{"PRES_SYS":2}},"COUNTERS":{{"ENERGY_DHW_THERMAL_THEORETICAL":{dhw},"ENERGY_CRG_ELECTRICAL":{crg},"VOL_DHW_THEORETICAL":{vol}}}}}}}"#
            )
        };
        let r = parse_engineering(body("1e308", "1e12", "1e16").as_bytes(), at()).unwrap();
        assert!(r.dhw_energy_total_kwh.is_implausible());
        assert!(r.heater_energy_total_kwh.is_implausible());
        assert!(r.water_volume_total_l.is_implausible());
        assert_eq!(
            r.implausible_fields(),
            vec![
                "dhw_energy_total_kwh",
                "heater_energy_total_kwh",
                "water_volume_total_l"
            ]
        );
        // A hard-working device after many years: 500 MWh, 5 million litres.
        let r = parse_engineering(body("5e8", "5e8", "5e9").as_bytes(), at()).unwrap();
        assert_eq!(r.dhw_energy_total_kwh, Measure::Reported(500_000.0));
        assert_eq!(r.heater_energy_total_kwh, Measure::Reported(500_000.0));
        assert_eq!(r.water_volume_total_l, Measure::Reported(5_000_000.0));
        let r = parse_engineering(body("-1", "0", "0").as_bytes(), at()).unwrap();
        assert!(r.dhw_energy_total_kwh.is_implausible());
        assert_eq!(r.water_volume_total_l, Measure::Reported(0.0));
    }

    #[test]
    fn mode_flags_accept_bools_and_their_spellings() {
        let m = parse_active(br#"{"PAYLOAD":{"DEPENDENT_MODE":"True","ONLINE_MODE":0}}"#).unwrap();
        assert_eq!(m.dependent_mode, Some(true));
        assert_eq!(m.online_mode, Some(false));
        let m = parse_active(br#"{"PAYLOAD":{"DEPENDENT_MODE":"maybe"}}"#).unwrap();
        assert_eq!(m, Modes::default());
    }

    #[test]
    fn json_output_uses_null_for_not_reported_and_lists_implausible() {
        let r = parse_engineering(&eng(r#""SOC_VES":50"#, r#""PRES_SYS":12"#), at()).unwrap();
        let v = serde_json::to_value(&r).unwrap();
        assert_eq!(v["soc_pct"], 50.0);
        assert!(v["pressure_bar"].is_null());
        assert!(v["stored_energy_kwh"].is_null());
        assert_eq!(v["zone_temps_c"].as_array().unwrap().len(), 5);
        assert_eq!(v["implausible"], serde_json::json!(["pressure_bar"]));
        assert_eq!(v["read_at"], "2023-11-14T22:13:20+00:00");
    }

    #[test]
    fn charging_is_the_electric_charge_state_only() {
        let mut r = parse_engineering(&eng(r#""SOC_VES":50"#, r#""PRES_SYS":2"#), at()).unwrap();
        assert!(!r.is_charging(), "no state reported");
        r.state = Some(CHARGING_STATE.into());
        assert!(r.is_charging());
        r.state = Some("Standby".into());
        assert!(!r.is_charging());
    }

    #[test]
    fn counters_are_plausible_up_to_fifty_years_at_full_power_and_flow() {
        // 20 kW for 50 years is 8 766 000 kWh; 200 L/min for 50 years is 5 259 600 000 L.
        let counters = |wh: f64, raw_volume: f64| {
            let body = format!(
                r#"{{"PAYLOAD":{{"DERIVED":{{"SOC_VES":50}},"COUNTERS":{{"ENERGY_CRG_ELECTRICAL":{wh},"VOL_DHW_THEORETICAL":{raw_volume}}}}}}}"#
            );
            let r = parse_engineering(body.as_bytes(), at()).unwrap();
            (r.heater_energy_total_kwh, r.water_volume_total_l)
        };
        let (energy, volume) = counters(8.7e9, 5.25e12);
        assert_eq!(energy, Measure::Reported(8.7e6));
        assert_eq!(volume, Measure::Reported(5.25e9));
        let (energy, volume) = counters(8.8e9, 5.27e12);
        assert!(energy.is_implausible(), "{energy:?}");
        assert!(volume.is_implausible(), "{volume:?}");
    }

    #[test]
    fn mode_flags_read_every_spelling_of_both_values() {
        let modes = |dependent: &str, online: &str| {
            let body =
                format!(r#"{{"PAYLOAD":{{"DEPENDENT_MODE":{dependent},"ONLINE_MODE":{online}}}}}"#);
            let m = parse_active(body.as_bytes()).unwrap();
            (m.dependent_mode, m.online_mode)
        };
        assert_eq!(modes("true", "false"), (Some(true), Some(false)));
        assert_eq!(modes(r#""TRUE""#, r#""False""#), (Some(true), Some(false)));
        assert_eq!(modes("1", "0"), (Some(true), Some(false)));
        assert_eq!(modes("2", r#""no""#), (None, None));
    }
}
