//! Driving the simulated clock and readings from a test, instead of racing the wall clock:
//! pause and change the speed at run time, advance by a simulated duration, and set the
//! pressure and the charge directly (admin API and `SimHandle`).

mod common;

use std::time::Duration;

use common::*;
use nestore_sim::config::MAX_SPEED;
use nestore_sim::{Scenario, SimConfig};
use serde_json::{json, Value};

fn f(v: &Value, key: &str) -> f64 {
    v[key]
        .as_f64()
        .unwrap_or_else(|| panic!("{key} not numeric in {v}"))
}

fn running(speed: f64) -> SimConfig {
    SimConfig {
        speed,
        ..SimConfig::default()
    }
}

/// Yields until the simulated clock passes `t0` (no fixed sleep; fails after ~5 s).
async fn wait_past(c: &Client, t0: f64) -> f64 {
    for _ in 0..500 {
        let t = f(&c.get_json("/sim/state").await, "sim_time_s");
        if t > t0 {
            return t;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    panic!("the simulated clock stayed at {t0}");
}

#[tokio::test]
async fn speed_zero_pauses_advance_still_works_and_a_speed_resumes() {
    let (_sim, c) = start(running(1000.0)).await;
    assert_eq!(f(&c.get_json("/sim/state").await, "speed"), 1000.0);
    wait_past(&c, 0.0).await;

    let paused = c.post_ok("/sim/speed", &json!({"speed": 0})).await;
    assert_eq!(f(&paused, "speed"), 0.0);
    let t = f(&paused, "sim_time_s");
    assert!(t > 0.0, "the time run at 1000x stays counted: {paused}");
    let readings = c.engineering().await;
    tokio::time::sleep(Duration::from_millis(100)).await; // 100 simulated s at the old speed
    let still = c.get_json("/sim/state").await;
    assert_eq!(f(&still, "sim_time_s"), t, "paused: {still}");
    assert_eq!(
        c.engineering().await["PAYLOAD"]["DERIVED"],
        readings["PAYLOAD"]["DERIVED"]
    );

    let moved = c.post_ok("/sim/advance", &json!({"seconds": 90})).await;
    // The clock sums in its own order: equal to the last bits of a double, not exactly.
    assert!(
        (f(&moved, "sim_time_s") - (t + 90.0)).abs() < 1e-6,
        "advance works while paused: {moved}, from {t}"
    );
    assert_eq!(f(&moved, "speed"), 0.0, "and does not resume");

    let resumed = c.post_ok("/sim/speed", &json!({"speed": 1000.0})).await;
    assert_eq!(f(&resumed, "speed"), 1000.0);
    wait_past(&c, t + 90.0).await;
}

#[tokio::test]
async fn handle_set_speed_returns_the_old_speed_and_pauses() {
    let (sim, c) = start(frozen()).await;
    assert_eq!(sim.speed(), 0.0);
    assert_eq!(sim.set_speed(500.0), 0.0, "the old speed");
    assert_eq!(sim.speed(), 500.0);
    assert_eq!(sim.snapshot().speed, 500.0);
    wait_past(&c, 0.0).await;

    assert_eq!(sim.set_speed(0.0), 500.0);
    let t = sim.snapshot().sim_time_s;
    tokio::time::sleep(Duration::from_millis(50)).await;
    assert_eq!(sim.snapshot().sim_time_s, t, "paused");
    assert_eq!(f(&c.get_json("/sim/state").await, "speed"), 0.0);

    // The fastest clock is allowed.
    assert_eq!(sim.set_speed(MAX_SPEED), 0.0);
    assert_eq!(sim.set_speed(0.0), MAX_SPEED);
}

#[tokio::test]
#[should_panic(expected = "SimHandle::set_speed: speed must be from 0")]
async fn handle_set_speed_refuses_nan() {
    let (sim, _c) = start(frozen()).await;
    sim.set_speed(f64::NAN);
}

#[tokio::test]
async fn bad_speeds_are_400_and_change_nothing() {
    let (sim, c) = start(frozen()).await;
    for body in [
        json!({"speed": -1}),
        json!({"speed": MAX_SPEED + 1.0}),
        json!({"speed": 1e300}),
    ] {
        let m = c.post_400("/sim/speed", &body).await;
        assert!(m.contains("speed must be from 0"), "{body}: {m}");
    }
    for body in [
        json!({"speed": "fast"}),
        json!({}),
        json!({"speed": 1, "scale": 2}),
        json!([1]),
    ] {
        c.post_400("/sim/speed", &body).await;
    }
    let r = c
        .http
        .post(c.url("/sim/speed"))
        .body("speed=1")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400, "not JSON");
    assert_eq!(sim.speed(), 0.0);
}

#[tokio::test]
async fn advance_refuses_what_it_cannot_run() {
    let (sim, c) = start(frozen()).await;
    for s in [-1.0, 1e30, 31.0 * 86_400.0 + 1.0] {
        c.post_400("/sim/advance", &json!({"seconds": s})).await;
    }
    c.post_400("/sim/advance", &json!({"seconds": "1h"})).await;
    assert_eq!(sim.snapshot().sim_time_s, 0.0);
}

#[tokio::test]
async fn paused_at_18_59_the_evening_draw_starts_after_advancing_a_minute() {
    // What e2e tests used to wait ~36 real seconds for at a high speed.
    let (sim, c) = start(SimConfig {
        start_time_of_day_s: 19 * 3600 - 60,
        ..frozen()
    })
    .await;
    assert_eq!(num(&c.engineering().await, "DERIVED", "FLOW_DHW"), 0.0);
    let s = c.post_ok("/sim/advance", &json!({"seconds": 61})).await;
    assert_eq!(f(&s, "time_of_day_s"), 19.0 * 3600.0 + 1.0);
    assert!(f(&s, "flow_lpm") > 0.0, "{s}");
    assert!(num(&c.engineering().await, "DERIVED", "FLOW_DHW") > 0.0);
    assert_eq!(sim.speed(), 0.0);
}

#[tokio::test]
async fn set_pressure_and_charge_over_http() {
    let (_sim, c) = start(frozen()).await;
    let s = c.post_ok("/sim/set", &json!({"pressure_bar": 3.2})).await;
    assert!((f(&s, "pressure_bar") - 3.2).abs() < 1e-9, "{s}");
    assert_eq!(num(&c.engineering().await, "BASE", "PRES_SYS"), 3.2);
    let m = c.get_json(c.paths.measured.unwrap()).await;
    assert_eq!(m["PAYLOAD"]["P_SYS"], 3.2);

    // Both at once: the charge first, so the pressure set holds.
    let s = c
        .post_ok("/sim/set", &json!({"soc_pct": 90, "pressure_bar": 1.2}))
        .await;
    assert!((f(&s, "soc_pct") - 90.0).abs() < 1e-6, "{s}");
    assert!((f(&s, "pressure_bar") - 1.2).abs() < 1e-9, "{s}");
    let e = c.engineering().await;
    assert_eq!(num(&e, "BASE", "PRES_SYS"), 1.2);
    assert_eq!(num(&e, "DERIVED", "SOC_VES"), 90.0);

    // The sensor's whole range is allowed, and nothing past it.
    for p in [0.0, 10.0] {
        let s = c.post_ok("/sim/set", &json!({"pressure_bar": p})).await;
        assert!((f(&s, "pressure_bar") - p).abs() < 1e-9, "{s}");
    }
    for body in [
        json!({"pressure_bar": -0.1}),
        json!({"pressure_bar": 10.5}),
        json!({"pressure_bar": "high"}),
        // Checked before anything changes: the good charge is not applied either.
        json!({"soc_pct": 10, "pressure_bar": 11}),
        json!({"soc_pct": 10, "token_lifetime_s": 1e300}),
        json!({"soc_pct": 101}),
    ] {
        c.post_400("/sim/set", &body).await;
    }
    let s = c.get_json("/sim/state").await;
    assert!((f(&s, "soc_pct") - 90.0).abs() < 1e-6, "unchanged: {s}");
    assert!(
        (f(&s, "pressure_bar") - 10.0).abs() < 1e-9,
        "unchanged: {s}"
    );
}

#[tokio::test]
async fn handle_set_pressure_follows_the_charge_and_normal_heals_it() {
    let (sim, _c) = start(SimConfig {
        initial_soc_pct: 60.0,
        ..frozen()
    })
    .await;
    let healthy = sim.snapshot().pressure_bar;
    sim.set_pressure(3.6);
    assert!((sim.snapshot().pressure_bar - 3.6).abs() < 1e-9);
    sim.set_soc(30.0);
    assert!(sim.snapshot().pressure_bar < 3.6, "the charge moves it");
    sim.set_soc(60.0);
    assert!((sim.snapshot().pressure_bar - 3.6).abs() < 1e-6);

    sim.set_scenario(Scenario::Leak);
    sim.set_scenario(Scenario::Normal);
    assert!(
        (sim.snapshot().pressure_bar - healthy).abs() < 1e-6,
        "healed"
    );
}

#[tokio::test]
#[should_panic(expected = "SimHandle::set_pressure: pressure must be from 0 to 10 bar")]
async fn handle_set_pressure_refuses_out_of_range() {
    let (sim, _c) = start(frozen()).await;
    sim.set_pressure(12.0);
}

#[tokio::test]
async fn fault_count_is_bounded() {
    let (_sim, c) = start(frozen()).await;
    let m = c
        .post_400(
            "/sim/fault",
            &json!({"kind": "hang", "count": 1_000_000_000_000u64}),
        )
        .await;
    assert!(m.contains("count"), "{m}");
    let v = c
        .post_ok("/sim/fault", &json!({"kind": "status500", "count": 0}))
        .await;
    assert_eq!(v["queued"], 0);
    let r = c.http.get(c.url(c.paths.engineering)).send().await.unwrap();
    assert_eq!(r.status(), 200, "nothing queued");
}

#[tokio::test]
async fn spawn_refuses_a_config_it_cannot_run() {
    for cfg in [
        running(f64::NAN),
        running(-1.0),
        running(MAX_SPEED * 2.0),
        SimConfig {
            initial_soc_pct: 120.0,
            ..frozen()
        },
        SimConfig {
            token_lifetime: Duration::ZERO,
            ..frozen()
        },
    ] {
        let e = match nestore_sim::spawn(cfg.clone(), loopback()).await {
            Ok(_) => panic!("started with {cfg:?}"),
            Err(e) => e,
        };
        assert_eq!(e.kind(), std::io::ErrorKind::InvalidInput, "{e}");
    }
}
