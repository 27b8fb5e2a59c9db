//! Shape of the device answers against the golden fixtures, API version path families,
//! and the /sim admin API.

mod common;

use common::*;
use nestore_sim::ApiVersion;
use serde_json::{json, Value};

const GROUPS: [&str; 3] = ["DERIVED", "BASE", "COUNTERS"];

#[tokio::test]
async fn engineering_has_every_documented_field_as_a_number() {
    let (_sim, c) = start(frozen()).await;
    let got = c.engineering().await;
    let golden = fixture("engineering.json");
    for g in GROUPS {
        let documented = golden["PAYLOAD"][g].as_object().unwrap();
        for key in documented.keys().filter(|k| !k.contains("UNDOCUMENTED")) {
            num(&got, g, key);
        }
        // Undocumented extras in every group, as the real device has.
        let ours = got["PAYLOAD"][g].as_object().unwrap();
        assert!(ours.keys().any(|k| !documented.contains_key(k)), "{g}");
    }
    assert!(got["PAYLOAD"].as_object().unwrap().len() > 3, "extra group");
    // Ints and floats mixed like the device.
    assert!(got["PAYLOAD"]["DERIVED"]["POWER_HEATER"].is_i64());
    assert!(got["PAYLOAD"]["COUNTERS"]["VOL_DHW_THEORETICAL"].is_i64());
    assert!(got["PAYLOAD"]["DERIVED"]["SOC_VES"].is_f64());
    assert!((num(&got, "DERIVED", "SOC_VES") - 63.0).abs() < 0.01);
}

#[tokio::test]
async fn control_state_and_configuration_shapes() {
    let (_sim, c) = start(frozen()).await;
    let cs = c.get_json(c.paths.control_state).await;
    assert!(fixture("control_state.json")["PAYLOAD"]["NAME"].is_string());
    assert_eq!(cs["PAYLOAD"]["NAME"], "Standby");
    let ca = c.get_json(c.paths.configuration_active).await;
    for k in ["DEPENDENT_MODE", "ONLINE_MODE"] {
        assert!(fixture("configuration_active.json")["PAYLOAD"][k].is_boolean());
        assert!(ca["PAYLOAD"][k].is_boolean(), "{k}");
    }
    for p in [
        "/api/v3/data/measured",
        "/api/v3/configuration/settings/input",
    ] {
        assert!(c.get_json(p).await["PAYLOAD"].is_object());
    }
}

#[tokio::test]
async fn each_version_serves_only_its_own_paths() {
    for v in ApiVersion::ALL {
        let (sim, c) = start_version(v).await;
        let p = v.paths();
        for path in [p.engineering, p.control_state, p.configuration_active] {
            assert!(c.get_json(path).await["PAYLOAD"].is_object(), "{v} {path}");
        }
        let tok = c.token().await;
        let r = c.control(Some(&tok), &stop_body(1800)).await;
        assert_eq!(r.status(), 200, "{v}");
        assert_eq!(c.state_name().await, "Electrical Charging Blocked");
        for other in ApiVersion::ALL.into_iter().filter(|o| *o != v) {
            let q = other.paths();
            for path in [q.engineering, q.control_state, q.configuration_active] {
                let r = c.http.get(c.url(path)).send().await.unwrap();
                assert_eq!(r.status(), 404, "{v} serving {path}");
            }
            for path in [q.request_token, q.control] {
                let r = c
                    .http
                    .post(c.url(path))
                    .json(&json!({}))
                    .send()
                    .await
                    .unwrap();
                assert_eq!(r.status(), 404, "{v} serving {path}");
            }
        }
        sim.shutdown().await;
    }
}

#[tokio::test]
async fn admin_api_round_trip() {
    let (sim, c) = start(frozen()).await;
    let post = |path: &'static str, body: Value| {
        let rq = c.http.post(c.url(path)).json(&body);
        async move { rq.send().await.unwrap() }
    };
    let s: Value = c.get_json("/sim/state").await;
    assert_eq!(s["scenario"], "normal");
    assert_eq!(s["sim_time_s"], 0.0);

    let s: Value = post("/sim/advance", json!({"seconds": 3600}))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(s["sim_time_s"], 3600.0);
    let s: Value = post(
        "/sim/set",
        json!({"soc_pct": 80, "token_form": "object", "token_lifetime_s": 60}),
    )
    .await
    .json()
    .await
    .unwrap();
    assert!((s["soc_pct"].as_f64().unwrap() - 80.0).abs() < 1e-6);
    let tok: Value = c.request_token(PASSWORD).await.json().await.unwrap();
    assert!(tok["token"].is_string());
    sim.advance(std::time::Duration::from_secs(61));
    let r = c.control(tok["token"].as_str(), &stop_body(1800)).await;
    assert_eq!(r.status(), 401, "token_lifetime_s applied");

    assert_eq!(
        post("/sim/scenario", json!({"name": "leak"}))
            .await
            .status(),
        200
    );
    assert_eq!(sim.snapshot().scenario, nestore_sim::Scenario::Leak);
    assert_eq!(
        post("/sim/scenario", json!({"name": "bogus"}))
            .await
            .status(),
        400
    );

    let n: Value = c.get_json("/sim/token-requests").await;
    assert_eq!(n["count"], 1);
    let log: Value = c.get_json("/sim/log").await;
    assert_eq!(log.as_array().unwrap().len(), 1);
    assert_eq!(log[0]["status"], 401);
    let r = c.http.delete(c.url("/sim/log")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert!(sim.control_log().is_empty());

    let tok = c.token().await;
    assert_eq!(post("/sim/expire-tokens", json!({})).await.status(), 200);
    assert_eq!(c.control(Some(&tok), &stop_body(1800)).await.status(), 401);

    assert_eq!(
        post("/sim/fault", json!({"kind": "status500", "count": 2}))
            .await
            .status(),
        200
    );
    for _ in 0..2 {
        let r = c.http.get(c.url(c.paths.engineering)).send().await.unwrap();
        assert_eq!(r.status(), 500);
    }
    // Admin requests never consume faults.
    assert_eq!(
        post("/sim/fault", json!({"kind": "status500"}))
            .await
            .status(),
        200
    );
    c.get_json("/sim/state").await;
    let r = c.http.get(c.url(c.paths.engineering)).send().await.unwrap();
    assert_eq!(r.status(), 500);
    assert_eq!(
        post("/sim/fault", json!({"kind": "nope"})).await.status(),
        400
    );
}

#[tokio::test]
async fn separate_admin_port_stays_up_while_device_offline() {
    let sim = nestore_sim::spawn_with_admin(frozen(), loopback(), Some(loopback()))
        .await
        .unwrap();
    let admin = format!("http://{}/sim/", sim.admin_addr().unwrap());
    let http = reqwest::Client::builder()
        .pool_max_idle_per_host(0)
        .build()
        .unwrap();
    let r = http
        .post(format!("{admin}scenario"))
        .json(&json!({"name": "offline_refuse"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let e = http.get(sim.base_url()).send().await.unwrap_err();
    assert!(e.is_connect(), "{e:?}");
    let s: Value = http
        .get(format!("{admin}state"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(s["scenario"], "offline_refuse");
    // Device paths are not on the admin port.
    let r = http
        .get(format!(
            "http://{}/api/v3/data/engineering",
            sim.admin_addr().unwrap()
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    http.post(format!("{admin}scenario"))
        .json(&json!({"name": "normal"}))
        .send()
        .await
        .unwrap();
    let r = http
        .get(format!("{}api/v3/data/engineering", sim.base_url()))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
}
