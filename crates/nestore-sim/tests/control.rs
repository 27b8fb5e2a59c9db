//! Control tasks: start, stop, spin-down, validation, and their effect on the model.

mod common;

use std::time::Duration;

use common::*;
use nestore_sim::SimConfig;
use serde_json::{json, Value};

const HOUR: Duration = Duration::from_secs(3600);

#[tokio::test]
async fn start_task_charges_to_target_then_returns_to_automatic() {
    let (sim, c) = start(SimConfig {
        initial_soc_pct: 75.0,
        ..frozen()
    })
    .await;
    let tok = c.token().await;
    let r = c.control(Some(&tok), &fixture("task.start.json")).await;
    assert_eq!(r.status(), 200);
    assert_eq!(
        r.json::<Value>().await.unwrap(),
        json!({"PAYLOAD": {"RESULT": "OK"}})
    );
    assert_eq!(c.state_name().await, "Charging Electrical Main");
    let e = c.engineering().await;
    assert_eq!(e["PAYLOAD"]["DERIVED"]["POWER_HEATER"], 2000);
    assert!(num(&e, "BASE", "TEMP_HTR_OUT") > num(&e, "BASE", "TEMP_VES_INT_5") + 5.0);

    let soc0 = num(&e, "DERIVED", "SOC_VES");
    let heater0 = num(&e, "COUNTERS", "ENERGY_CRG_ELECTRICAL");
    sim.advance(Duration::from_secs(600));
    let e = c.engineering().await;
    assert!(num(&e, "DERIVED", "SOC_VES") > soc0, "SOC rises");
    let added = num(&e, "COUNTERS", "ENERGY_CRG_ELECTRICAL") - heater0;
    assert!((added - 2000.0 / 6.0).abs() < 1.0, "{added}");

    // Target 90 % from 75 %: well inside the 2 h lifetime at 2 kW.
    sim.advance(Duration::from_secs(7200 - 600));
    let e = c.engineering().await;
    let soc = num(&e, "DERIVED", "SOC_VES");
    assert!((89.5..=91.0).contains(&soc), "stopped at target: {soc}");
    assert_eq!(e["PAYLOAD"]["DERIVED"]["POWER_HEATER"], 0);
    assert_eq!(c.state_name().await, "Standby");
    assert_eq!(sim.snapshot().task, None);
}

#[tokio::test]
async fn lifetime_expiry_ends_the_task() {
    let (sim, c) = start(frozen()).await;
    let tok = c.token().await;
    // 1 kW to 100 % cannot finish in 30 min.
    assert_eq!(
        c.control(Some(&tok), &start_body(1000, 100, 1800))
            .await
            .status(),
        200
    );
    sim.advance(Duration::from_secs(1790));
    assert_eq!(c.state_name().await, "Charging Electrical Main");
    sim.advance(Duration::from_secs(20));
    assert_eq!(c.state_name().await, "Standby");
    assert_eq!(sim.snapshot().heater_power_w, 0.0);
}

#[tokio::test]
async fn stop_blocks_the_automatic_window_and_spin_down_restores_it() {
    // 01:30, so the 02:00–05:00 automatic window is ahead.
    let (sim, c) = start(SimConfig {
        start_time_of_day_s: 5400,
        initial_soc_pct: 40.0,
        ..frozen()
    })
    .await;
    let tok = c.token().await;
    assert_eq!(
        c.control(Some(&tok), &fixture("task.stop.json"))
            .await
            .status(),
        200
    );
    assert_eq!(c.state_name().await, "Electrical Charging Blocked");
    let heater0 = sim.snapshot().counters.heater_energy_wh;
    for _ in 0..12 {
        sim.advance(Duration::from_secs(300)); // through 02:30 .. 02:30+
        let s = sim.snapshot();
        assert_eq!(s.heater_power_w, 0.0);
        assert_eq!(c.state_name().await, "Electrical Charging Blocked");
    }
    assert_eq!(sim.snapshot().counters.heater_energy_wh, heater0);

    // Spin the stop down: automatic operation resumes inside the window at once.
    let tok = c.token().await; // the first one has aged past its hour
    let r = c
        .control(Some(&tok), &fixture("task.stop.spindown.json"))
        .await;
    assert_eq!(r.status(), 200);
    assert_eq!(c.state_name().await, "Charging Electrical Main");
    assert_eq!(sim.snapshot().task, None);
    sim.advance(HOUR);
    assert!(sim.snapshot().counters.heater_energy_wh > heater0 + 2900.0);
}

#[tokio::test]
async fn stop_lifetime_runs_out_then_automatic_charges() {
    let (sim, c) = start(SimConfig {
        start_time_of_day_s: 2 * 3600,
        ..frozen()
    })
    .await;
    assert_eq!(
        c.state_name().await,
        "Charging Electrical Main",
        "automatic window"
    );
    let tok = c.token().await;
    assert_eq!(c.control(Some(&tok), &stop_body(1800)).await.status(), 200);
    assert_eq!(sim.snapshot().heater_power_w, 0.0);
    sim.advance(Duration::from_secs(1810));
    assert_eq!(c.state_name().await, "Charging Electrical Main");
    assert_eq!(sim.snapshot().heater_power_w, 3000.0);
}

#[tokio::test]
async fn start_spin_down_stops_the_heater() {
    let (sim, c) = start(frozen()).await;
    let tok = c.token().await;
    c.control(Some(&tok), &start_body(3400, 100, 18000)).await;
    assert_eq!(sim.snapshot().heater_power_w, 3400.0);
    let r = c
        .control(Some(&tok), &fixture("task.start.spindown.json"))
        .await;
    assert_eq!(r.status(), 200);
    assert_eq!(c.state_name().await, "Standby");
    // A stop task replaces a start task.
    c.control(Some(&tok), &start_body(2000, 100, 3600)).await;
    c.control(Some(&tok), &stop_body(3600)).await;
    assert_eq!(c.state_name().await, "Electrical Charging Blocked");
}

#[tokio::test]
async fn invalid_bodies_are_400_and_logged() {
    let (sim, c) = start(frozen()).await;
    let tok = c.token().await;
    let bad = [
        start_body(900, 90, 7200),
        start_body(3500, 90, 7200),
        start_body(2050, 90, 7200),
        start_body(2000, 0, 7200),
        start_body(2000, 101, 7200),
        start_body(2000, 90, 1799),
        start_body(2000, 90, 18001),
        stop_body(1000),
        json!({"TASK": "ControlTask_ChargingElectrical_Start", "spin": true, "power": 2000, "soc": 90, "lifetime": 7200}),
        json!({"TASK": "ControlTask_Unknown", "spin": true}),
        json!({"spin": false}),
        json!("ControlTask_ChargingElectrical_Stop"),
    ];
    for b in &bad {
        let r = c.control(Some(&tok), b).await;
        assert_eq!(r.status(), 400, "{b}");
        assert!(r.json::<Value>().await.unwrap().is_object());
    }
    let r = c
        .http
        .post(c.url(c.paths.control))
        .bearer_auth(&tok)
        .body("not json")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    let log = sim.control_log();
    assert_eq!(log.len(), bad.len() + 1);
    assert!(log.iter().all(|r| r.status == 400));
    assert_eq!(log[0].body, bad[0]);
    assert_eq!(log.last().unwrap().body, json!("not json"));
    assert_eq!(sim.snapshot().task, None, "nothing applied");
    // Bounds are inclusive.
    assert_eq!(
        c.control(Some(&tok), &start_body(1000, 1, 1800))
            .await
            .status(),
        200
    );
    assert_eq!(
        c.control(Some(&tok), &start_body(3400, 100, 18000))
            .await
            .status(),
        200
    );
    sim.clear_control_log();
    assert!(sim.control_log().is_empty());
}
