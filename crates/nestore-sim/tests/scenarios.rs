//! Scenarios and injected faults, over real HTTP.

mod common;

use std::time::{Duration, Instant};

use common::*;
use nestore_sim::{Fault, Scenario, SimConfig};
use serde_json::Value;

const HOUR: Duration = Duration::from_secs(3600);

#[tokio::test]
async fn scenario_names_round_trip() {
    for s in Scenario::ALL {
        assert_eq!(s.to_string().parse::<Scenario>().unwrap(), s);
        assert_eq!(serde_json::to_value(s).unwrap(), Value::from(s.to_string()));
    }
    assert!("nope".parse::<Scenario>().is_err());
}

#[tokio::test]
async fn leak_pressure_falls_at_steady_soc_and_normal_heals() {
    let (sim, c) = start(SimConfig {
        initial_soc_pct: 70.0,
        ..frozen()
    })
    .await;
    let p0 = num(&c.engineering().await, "BASE", "PRES_SYS");
    sim.set_scenario(Scenario::Leak);
    let mut last = p0;
    for _ in 0..6 {
        sim.advance(HOUR);
        let e = c.engineering().await;
        let p = num(&e, "BASE", "PRES_SYS");
        assert!(p < last, "falls");
        last = p;
        assert!(
            (num(&e, "DERIVED", "SOC_VES") - 70.0).abs() < 0.01,
            "steady SOC"
        );
        assert_eq!(num(&e, "DERIVED", "FLOW_DHW"), 0.0);
    }
    assert!((p0 - last - 0.3).abs() < 0.02, "{p0} -> {last}");
    sim.set_scenario(Scenario::Normal);
    assert!((num(&c.engineering().await, "BASE", "PRES_SYS") - p0).abs() < 0.011);
}

#[tokio::test]
async fn over_pressure_exceeds_the_band_within_an_hour() {
    let (sim, c) = start(frozen()).await;
    sim.set_scenario(Scenario::OverPressure);
    sim.advance(HOUR);
    let p = num(&c.engineering().await, "BASE", "PRES_SYS");
    assert!((3.5..=3.8).contains(&p), "{p}");
    sim.advance(3 * HOUR);
    let p = sim.snapshot().pressure_bar;
    assert!((3.5..=3.8).contains(&p), "{p}");
    sim.set_scenario(Scenario::Normal);
    assert!(sim.snapshot().pressure_bar < 3.0);
}

#[tokio::test]
async fn sensor_fault_cycles_bad_pressure_readings() {
    let (sim, c) = start(frozen()).await;
    sim.set_scenario(Scenario::SensorFault);
    let mut seen = Vec::new();
    for _ in 0..4 {
        let e = c.engineering().await;
        seen.push(e["PAYLOAD"]["BASE"].get("PRES_SYS").cloned());
        // The rest of the reading stays valid.
        num(&e, "DERIVED", "SOC_VES");
    }
    assert_eq!(
        seen,
        [
            None,
            Some(Value::from(-1.0)),
            Some(Value::from(99.9)),
            Some(Value::from("NaN"))
        ]
    );
}

#[tokio::test]
async fn offline_refuse_then_recover_on_the_same_port() {
    let (sim, c) = start(frozen()).await;
    // A pooled connection must not outlive the outage either.
    c.engineering().await;
    let addr = sim.addr();
    sim.set_scenario(Scenario::OfflineRefuse);
    let fresh = reqwest::Client::builder()
        .pool_max_idle_per_host(0)
        .build()
        .unwrap();
    let e = fresh
        .get(c.url(c.paths.engineering))
        .send()
        .await
        .unwrap_err();
    assert!(e.is_connect(), "{e:?}");
    assert!(c.http.get(c.url(c.paths.engineering)).send().await.is_err());
    // The handle keeps working while offline.
    assert_eq!(sim.snapshot().scenario, Scenario::OfflineRefuse);
    sim.set_scenario(Scenario::Normal);
    assert_eq!(sim.addr(), addr);
    let r = fresh.get(c.url(c.paths.engineering)).send().await.unwrap();
    assert_eq!(r.status(), 200);
    c.engineering().await;
}

#[tokio::test]
async fn offline_hang_times_out_until_the_scenario_changes() {
    let (sim, c) = start(frozen()).await;
    sim.set_scenario(Scenario::OfflineHang);
    let short = reqwest::Client::builder()
        .timeout(Duration::from_millis(300))
        .build()
        .unwrap();
    let e = short
        .get(c.url(c.paths.engineering))
        .send()
        .await
        .unwrap_err();
    assert!(e.is_timeout(), "{e:?}");
    // A request already waiting is answered once the device comes back.
    let pending = tokio::spawn({
        let http = c.http.clone();
        let url = c.url(c.paths.control_state);
        async move { http.get(url).send().await.map(|r| r.status()) }
    });
    // Admin stays reachable on the device port.
    let s: Value = c.get_json("/sim/state").await;
    assert_eq!(s["scenario"], "offline_hang");
    sim.set_scenario(Scenario::Normal);
    assert_eq!(pending.await.unwrap().unwrap(), 200);
    assert_eq!(
        short
            .get(c.url(c.paths.engineering))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
}

#[tokio::test]
async fn one_shot_faults() {
    let (sim, c) = start(frozen()).await;
    let url = c.url(c.paths.engineering);

    sim.push_fault(Fault::Status500);
    let r = c.http.get(&url).send().await.unwrap();
    assert_eq!(r.status(), 500);
    assert!(r.json::<Value>().await.unwrap().is_object());
    assert_eq!(
        c.http.get(&url).send().await.unwrap().status(),
        200,
        "one shot"
    );

    sim.push_fault(Fault::Truncated);
    let r = c.http.get(&url).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let len: usize = r.headers()["content-length"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    let body = r.bytes().await.unwrap();
    assert_eq!(body.len(), len);
    assert!(serde_json::from_slice::<Value>(&body).is_err());
    assert!(body.starts_with(b"{\"PAYLOAD\""));

    sim.push_fault(Fault::Drop);
    let r = c.http.get(&url).send().await.unwrap();
    assert_eq!(r.status(), 200, "headers arrive");
    let e = r.bytes().await.unwrap_err();
    assert!(e.is_body() || e.is_decode(), "{e:?}");

    sim.push_fault(Fault::Slow(Duration::from_millis(400)));
    let t = Instant::now();
    assert_eq!(c.http.get(&url).send().await.unwrap().status(), 200);
    assert!(t.elapsed() >= Duration::from_millis(400));

    sim.push_fault(Fault::Hang);
    let short = reqwest::Client::builder()
        .timeout(Duration::from_millis(200))
        .build()
        .unwrap();
    assert!(short.get(&url).send().await.unwrap_err().is_timeout());
    assert_eq!(c.http.get(&url).send().await.unwrap().status(), 200);

    // A 500 on the control path is logged like any control request.
    let tok = c.token().await;
    sim.push_fault(Fault::Status500);
    assert_eq!(c.control(Some(&tok), &stop_body(1800)).await.status(), 500);
    let log = sim.control_log();
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].status, 500);
    assert_eq!(log[0].body, stop_body(1800));
    assert_eq!(sim.snapshot().task, None);
    sim.shutdown().await;
}

#[tokio::test]
async fn flaky_fails_some_requests_deterministically() {
    let run = || async {
        let (sim, _) = start(SimConfig {
            scenario: Scenario::Flaky,
            seed: 7,
            ..frozen()
        })
        .await;
        let http = reqwest::Client::builder()
            .timeout(Duration::from_millis(500))
            .build()
            .unwrap();
        let url = format!("{}api/v3/data/engineering", sim.base_url());
        let mut outcomes = Vec::new();
        for _ in 0..40 {
            let outcome = match http.get(&url).send().await {
                Ok(r) if r.status() != 200 => "status",
                Ok(r) => match r.bytes().await {
                    Ok(b) if serde_json::from_slice::<Value>(&b).is_ok() => "ok",
                    Ok(_) => "truncated",
                    Err(_) => "dropped",
                },
                Err(e) if e.is_timeout() => "slow",
                Err(_) => "error",
            };
            outcomes.push(outcome);
        }
        sim.shutdown().await;
        outcomes
    };
    let a = run().await;
    let ok = a.iter().filter(|o| **o == "ok").count();
    assert!((20..40).contains(&ok), "{a:?}");
    for kind in ["status", "truncated", "dropped"] {
        assert!(a.contains(&kind), "{kind} in {a:?}");
    }
    assert_eq!(a, run().await, "seeded");
}
