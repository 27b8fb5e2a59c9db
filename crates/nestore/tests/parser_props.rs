//! The parsers never panic, whatever the device (or a broken network) sends.

use nestore::reading::{parse_active, parse_control_state, parse_engineering};
use proptest::prelude::*;
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

fn parse_all(bytes: &[u8]) {
    if let Ok(r) = parse_engineering(bytes, chrono::Utc::now()) {
        // Whatever passed must be plausible or flagged: never an out-of-band "truth".
        if let Some(p) = r.pressure_bar.value() {
            assert!((0.0..=10.0).contains(&p));
        }
        if let Some(s) = r.soc_pct.value() {
            assert!((0.0..=100.0).contains(&s));
        }
        serde_json::to_string(&r).unwrap();
    }
    let _ = parse_control_state(bytes);
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
