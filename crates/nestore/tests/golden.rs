//! The client against the hand-written fixtures in `tests/fixtures` (from PROTOCOL.md).

use nestore::reading::{parse_active, parse_control_state, parse_engineering};
use nestore::{auth, Measure};
use secrecy::ExposeSecret;
use serde_json::Value;

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/../../tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn engineering_fixture_reads_as_expected_with_units_converted() {
    let r = parse_engineering(&fixture("engineering.json"), chrono::Utc::now()).unwrap();
    let got = serde_json::to_value(&r).unwrap();
    let want: Value = serde_json::from_slice(&fixture("engineering.expected.json")).unwrap();
    for (key, expected) in want.as_object().unwrap() {
        let close = |a: &Value, b: &Value| (a.as_f64().unwrap() - b.as_f64().unwrap()).abs() < 1e-9;
        match expected {
            Value::Array(xs) => {
                let ys = got[key].as_array().unwrap();
                assert_eq!(xs.len(), ys.len(), "{key}");
                assert!(xs.iter().zip(ys).all(|(x, y)| close(x, y)), "{key}: {ys:?}");
            }
            x => assert!(close(x, &got[key]), "{key}: got {} want {x}", got[key]),
        }
    }
    assert!(r.implausible_fields().is_empty());
}

#[test]
fn sparse_fixture_keeps_what_is_there_and_marks_the_rest_not_reported() {
    let r = parse_engineering(&fixture("engineering-sparse.json"), chrono::Utc::now()).unwrap();
    assert_eq!(r.soc_pct, Measure::Reported(40.0));
    assert_eq!(r.pressure_bar, Measure::Reported(1.9));
    assert_eq!(r.stored_energy_kwh, Measure::NotReported, "null");
    assert_eq!(r.hot_water_flow_lpm, Measure::NotReported, "non-numeric");
    assert_eq!(r.soc_total_pct, Measure::NotReported, "absent");
    assert_eq!(r.zone_temps_c[2], Measure::Reported(50.5));
    assert_eq!(r.zone_temps_c[0], Measure::NotReported);
    assert_eq!(r.water_volume_total_l, Measure::NotReported, "absent group");
}

#[test]
fn control_state_and_modes_fixtures() {
    assert_eq!(
        parse_control_state(&fixture("control_state.json"))
            .unwrap()
            .as_deref(),
        Some(nestore::CHARGING_STATE)
    );
    let m = parse_active(&fixture("configuration_active.json")).unwrap();
    assert_eq!((m.dependent_mode, m.online_mode), (Some(false), Some(true)));
}

#[test]
fn both_token_fixtures_give_the_same_token() {
    let bare = auth::parse_token(&fixture("token.bare.json")).unwrap();
    let object = auth::parse_token(&fixture("token.object.json")).unwrap();
    assert_eq!(bare.expose_secret(), "3f2b9c0e8d7a41f6b5c4d3e2f1a09b8c");
    assert_eq!(bare.expose_secret(), object.expose_secret());
}

#[test]
fn a_reading_without_pressure_is_a_reading_with_pressure_not_reported() {
    let r =
        parse_engineering(&fixture("engineering-no-pressure.json"), chrono::Utc::now()).unwrap();
    assert_eq!(r.pressure_bar, Measure::NotReported);
    assert_eq!(r.soc_pct, Measure::Reported(55.5));
    assert_eq!(r.stored_energy_kwh, Measure::Reported(9.0));
    assert_eq!(r.heater_outlet_c, Measure::Reported(48.0));
    assert_eq!(r.zone_temps_c[0], Measure::Reported(61.0));
    assert!(r.implausible_fields().is_empty());
    let v = serde_json::to_value(&r).unwrap();
    assert!(v["pressure_bar"].is_null(), "{v}");
}
