//! The parsers never panic, whatever the device (or a broken network) sends.

use std::cell::Cell;

use nestore::reading::{parse_active, parse_control_state, parse_engineering};
use nestore::{Measure, Reading};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde_json::{json, Value};

fn arb_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<f64>().prop_map(|f| json!(f)),
        any::<i64>().prop_map(|i| json!(i)),
        "[A-Z_0-9]{0,12}".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::hash_map(
                prop_oneof![
                    Just("PAYLOAD".to_string()),
                    Just("DERIVED".to_string()),
                    Just("BASE".to_string()),
                    Just("COUNTERS".to_string()),
                    Just("SOC_VES".to_string()),
                    Just("PRES_SYS".to_string()),
                    Just("NAME".to_string()),
                    "[A-Z_]{1,8}"
                ],
                inner,
                0..6
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Whatever passed must be plausible or flagged: never an out-of-band "truth".
fn assert_in_band(r: &Reading) {
    let life_h = 50.0 * 365.25 * 24.0;
    let bands = [
        (r.soc_pct, 0.0, 100.0),
        (r.soc_total_pct, 0.0, 100.0),
        (r.stored_energy_kwh, 0.0, 1000.0),
        (r.hot_water_flow_lpm, 0.0, 200.0),
        (r.pressure_bar, 0.0, 10.0),
        (r.heater_power_w, 0.0, 20_000.0),
        (r.heater_outlet_c, -40.0, 150.0),
        (r.dhw_energy_total_kwh, 0.0, 20.0 * life_h),
        (r.heater_energy_total_kwh, 0.0, 20.0 * life_h),
        (r.water_volume_total_l, 0.0, 200.0 * 60.0 * life_h),
    ];
    for (i, (m, lo, hi)) in bands.into_iter().enumerate() {
        if let Some(v) = m.value() {
            assert!(v.is_finite() && (lo..=hi).contains(&v), "field {i}: {v}");
        }
    }
    for z in r.zone_temps_c {
        if let Some(v) = z.value() {
            assert!((-40.0..=150.0).contains(&v), "zone {v}");
        }
    }
    // SOC is required: a reading always carries it, in band or flagged.
    assert_ne!(r.soc_pct, Measure::NotReported);
    let v = serde_json::to_value(r).unwrap();
    for f in r.implausible_fields() {
        assert!(v[f].is_null() || v[f].is_array(), "{f} shown as {}", v[f]);
    }
}

fn parse_all(bytes: &[u8]) {
    if let Ok(r) = parse_engineering(bytes, chrono::Utc::now()) {
        assert_in_band(&r);
    }
    if let Ok(Some(name)) = parse_control_state(bytes) {
        assert!(!name.chars().any(char::is_control), "{name:?}");
    }
    let _ = parse_active(bytes);
    let _ = nestore::auth::parse_token(bytes);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        parse_all(&bytes);
    }

    #[test]
    fn arbitrary_json(v in arb_json()) {
        parse_all(&serde_json::to_vec(&v).unwrap());
        parse_all(&serde_json::to_vec(&json!({"PAYLOAD": v})).unwrap());
    }

    #[test]
    fn truncated_fixture(cut in 0usize..2000) {
        let full = std::fs::read(format!(
            "{}/../../tests/fixtures/engineering.json",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap();
        let cut = cut.min(full.len());
        parse_all(&full[..cut]);
        if cut < full.len() - 1 {
            prop_assert!(parse_engineering(&full[..cut], chrono::Utc::now()).is_err());
        }
    }
}

/// A value where the device puts a number: mostly numbers of every size and sign (a few
/// in band, many out of it), sometimes null, a string, a bool or a missing key.
fn arb_number() -> impl Strategy<Value = Option<Value>> {
    prop_oneof![
        4 => (-50.0..250.0f64).prop_map(|f| Some(json!(f))),
        3 => any::<f64>().prop_map(|f| Some(json!(f))),
        2 => any::<i64>().prop_map(|i| Some(json!(i))),
        1 => (0.0..1e12f64).prop_map(|f| Some(json!(f))),
        1 => Just(Some(Value::Null)),
        1 => "[0-9a-zA-Z. ]{0,6}".prop_map(|s| Some(Value::String(s))),
        1 => any::<bool>().prop_map(|b| Some(Value::Bool(b))),
        1 => Just(None),
    ]
}

/// The state of charge is required: a number nine times in ten.
fn arb_soc() -> impl Strategy<Value = Option<Value>> {
    prop_oneof![
        6 => (-20.0..120.0f64).prop_map(|f| Some(json!(f))),
        2 => any::<f64>().prop_map(|f| Some(json!(f))),
        1 => any::<i32>().prop_map(|i| Some(json!(i))),
        1 => prop_oneof![Just(None), Just(Some(Value::Null)), Just(Some(json!("50")))],
    ]
}

fn group(keys: &[&str], values: Vec<Option<Value>>) -> Value {
    let mut m = serde_json::Map::new();
    for (k, v) in keys.iter().zip(values) {
        if let Some(v) = v {
            m.insert((*k).to_owned(), v);
        }
    }
    // An undocumented field the client must ignore.
    m.insert("EXTRA".into(), json!(1));
    Value::Object(m)
}

/// A well-formed engineering answer (PAYLOAD with DERIVED, BASE, COUNTERS) with arbitrary
/// values, so that the parser takes its way through every field.
fn arb_engineering() -> impl Strategy<Value = Value> {
    (
        arb_soc(),
        prop::collection::vec(arb_number(), 4),
        prop::collection::vec(arb_number(), 7),
        prop::collection::vec(arb_number(), 3),
        any::<u8>(),
    )
        .prop_map(|(soc, mut derived, base, counters, shape)| {
            derived.insert(0, soc);
            let derived = group(
                &["SOC_VES", "SOC_VES_TOTAL", "TE", "FLOW_DHW", "POWER_HEATER"],
                derived,
            );
            let base = group(
                &[
                    "PRES_SYS",
                    "TEMP_HTR_OUT",
                    "TEMP_VES_INT_1",
                    "TEMP_VES_INT_2",
                    "TEMP_VES_INT_3",
                    "TEMP_VES_INT_4",
                    "TEMP_VES_INT_5",
                ],
                base,
            );
            let counters = group(
                &[
                    "ENERGY_DHW_THERMAL_THEORETICAL",
                    "ENERGY_CRG_ELECTRICAL",
                    "VOL_DHW_THEORETICAL",
                ],
                counters,
            );
            let mut payload = json!({"DERIVED": derived, "BASE": base});
            // Now and then a device without counters, or with a group of the wrong type.
            match shape % 8 {
                0 => {}
                1 => payload["COUNTERS"] = json!([1, 2]),
                _ => payload["COUNTERS"] = counters,
            }
            json!({"PAYLOAD": payload, "STATUS": {"FW": "x"}})
        })
}

#[test]
fn well_formed_payloads_parse_and_every_value_is_in_band_or_flagged() {
    const CASES: u32 = 3000;
    let parsed = Cell::new(0u32);
    let (reported, implausible) = (Cell::new(0u32), Cell::new(0u32));
    let mut runner = TestRunner::new(Config {
        cases: CASES,
        failure_persistence: None,
        ..Config::default()
    });
    runner
        .run(&arb_engineering(), |v| {
            let bytes = serde_json::to_vec(&v).unwrap();
            let soc_is_number = v["PAYLOAD"]["DERIVED"]["SOC_VES"].is_number();
            match parse_engineering(&bytes, chrono::Utc::now()) {
                Ok(r) => {
                    prop_assert!(soc_is_number, "parsed without a numeric SOC: {v}");
                    assert_in_band(&r);
                    parsed.set(parsed.get() + 1);
                    if r.pressure_bar.value().is_some() {
                        reported.set(reported.get() + 1);
                    }
                    if r.pressure_bar.is_implausible() {
                        implausible.set(implausible.get() + 1);
                    }
                }
                Err(e) => prop_assert!(!soc_is_number, "{e} for {v}"),
            }
            Ok(())
        })
        .unwrap();
    // The asserts above must have run on most cases, with pressures of both kinds.
    assert!(
        parsed.get() >= CASES * 3 / 4,
        "{} of {CASES} parsed",
        parsed.get()
    );
    assert!(
        reported.get() >= CASES / 20,
        "{} in-band pressures",
        reported.get()
    );
    assert!(
        implausible.get() >= CASES / 10,
        "{} implausible pressures",
        implausible.get()
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn any_control_state_name_is_safe_to_print(name in any::<String>()) {
        let body = json!({"PAYLOAD": {"NAME": name}}).to_string();
        if let Some(shown) = parse_control_state(body.as_bytes()).unwrap() {
            prop_assert!(!shown.chars().any(char::is_control), "{shown:?}");
            prop_assert!(shown.chars().count() <= nestore::reading::MAX_TEXT_CHARS);
            prop_assert_eq!(shown.trim(), shown.as_str());
        }
    }
}
