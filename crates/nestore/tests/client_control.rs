//! Authentication and control against the simulated device over real HTTP.

mod common;

use std::time::Duration;

use common::*;
use nestore::{ChargeRequest, Command, Error, ValidationError, CHARGING_STATE};
use nestore_sim::{Fault, Scenario, SimConfig, TokenForm};
use serde_json::json;

fn start(power_w: u32, target: u8, secs: u64) -> Command {
    Command::StartCharging(ChargeRequest {
        power_w,
        target_soc_pct: target,
        duration: Duration::from_secs(secs),
    })
}

#[tokio::test]
async fn login_with_either_token_form() {
    for form in [TokenForm::BareString, TokenForm::Object] {
        let sim = sim(SimConfig {
            token_form: form,
            ..Default::default()
        })
        .await;
        let c = controller(&sim, PASSWORD);
        c.login().await.unwrap();
        assert_eq!(sim.token_requests(), 1);
        let out = c
            .send(Command::StopCharging {
                duration: Duration::from_secs(1800),
            })
            .await
            .unwrap();
        assert!(out.confirmed, "{form:?}");
        assert_eq!(sim.control_log().last().unwrap().status, 200);
    }
}

#[tokio::test]
async fn a_wrong_password_is_unauthorized_and_controls_nothing() {
    let sim = sim(SimConfig::default()).await;
    let c = controller(&sim, "wrong");
    assert!(matches!(c.login().await, Err(Error::Unauthorized)));
    assert!(matches!(
        c.send(start(2000, 95, 7200)).await,
        Err(Error::Unauthorized)
    ));
    assert!(sim.control_log().is_empty());
}

#[tokio::test]
async fn start_sends_the_documented_body_with_a_bearer_token_and_is_confirmed() {
    let sim = sim(SimConfig::default()).await;
    sim.set_soc(40.0);
    let out = controller(&sim, PASSWORD)
        .send(start(2500, 90, 3600))
        .await
        .unwrap();
    assert!(out.confirmed);
    assert_eq!(out.state.as_deref(), Some(CHARGING_STATE));
    let log = sim.control_log();
    assert_eq!(log.len(), 1);
    assert_eq!(
        log[0].body,
        json!({"TASK": "ControlTask_ChargingElectrical_Start", "spin": true, "power": 2500,
               "soc": 90, "persistent": true, "lifetime": 3600})
    );
    let auth = log[0].authorization.as_deref().unwrap();
    assert!(auth.starts_with("Bearer ") && auth.len() > 10, "{auth}");
    assert_eq!(sim.snapshot().heater_power_w, 2500.0);
}

#[tokio::test]
async fn stop_and_resume_are_confirmed_and_resume_spins_down_both_tasks() {
    let sim = sim(SimConfig::default()).await;
    sim.set_soc(40.0);
    let c = controller(&sim, PASSWORD);
    c.send(start(2000, 90, 7200)).await.unwrap();
    let out = c
        .send(Command::StopCharging {
            duration: Duration::from_secs(7200),
        })
        .await
        .unwrap();
    assert!(out.confirmed);
    assert_ne!(out.state.as_deref(), Some(CHARGING_STATE));
    assert_eq!(sim.snapshot().heater_power_w, 0.0);
    let out = c.send(Command::ResumeAutomatic).await.unwrap();
    assert!(out.confirmed);
    let bodies: Vec<_> = sim
        .control_log()
        .into_iter()
        .skip(2)
        .map(|r| r.body)
        .collect();
    assert_eq!(
        bodies,
        vec![
            json!({"TASK": "ControlTask_ChargingElectrical_Start", "spin": false}),
            json!({"TASK": "ControlTask_ChargingElectrical_Stop", "spin": false}),
        ]
    );
    assert_eq!(sim.snapshot().task, None);
    // One login served all three commands.
    assert_eq!(sim.token_requests(), 1);
}

#[tokio::test]
async fn an_expired_token_means_one_new_login_and_one_retry() {
    let sim = sim(SimConfig::default()).await;
    sim.set_soc(40.0);
    let c = controller(&sim, PASSWORD);
    c.login().await.unwrap();
    sim.expire_tokens();
    assert!(c.send(start(2000, 90, 7200)).await.unwrap().confirmed);
    assert_eq!(sim.token_requests(), 2);
    let statuses: Vec<u16> = sim.control_log().iter().map(|r| r.status).collect();
    assert_eq!(statuses, vec![401, 200]);
}

#[tokio::test]
async fn tokens_that_expire_with_time_are_renewed() {
    let sim = sim(SimConfig {
        token_lifetime: Duration::from_secs(120),
        ..Default::default()
    })
    .await;
    sim.set_soc(40.0);
    let c = controller(&sim, PASSWORD);
    c.send(start(2000, 90, 7200)).await.unwrap();
    sim.advance(Duration::from_secs(600));
    assert!(
        c.send(Command::StopCharging {
            duration: Duration::from_secs(7200)
        })
        .await
        .unwrap()
        .confirmed
    );
    assert_eq!(sim.token_requests(), 2);
}

#[tokio::test]
async fn without_a_password_nothing_is_sent() {
    let sim = sim(SimConfig::default()).await;
    let e = client(&sim)
        .send(Command::ResumeAutomatic)
        .await
        .unwrap_err();
    assert!(matches!(e, Error::NoPassword));
    assert!(sim.control_log().is_empty());
    assert_eq!(sim.token_requests(), 0);
}

#[tokio::test]
async fn validation_boundaries_and_rejected_commands_send_nothing() {
    let sim = sim(SimConfig::default()).await;
    sim.set_soc(40.0);
    let c = controller(&sim, PASSWORD);
    let rejected = [
        start(999, 90, 7200),
        start(3401, 90, 7200),
        start(2000, 90, 1799),
        start(2000, 90, 18001),
        start(2000, 0, 7200),
        start(2000, 101, 7200),
        start(2000, 40, 7200),
        start(2000, 30, 7200),
        Command::StopCharging {
            duration: Duration::from_secs(1799),
        },
        Command::StopCharging {
            duration: Duration::from_secs(18001),
        },
    ];
    for cmd in rejected {
        let e = c.send(cmd).await.unwrap_err();
        assert!(matches!(e, Error::Rejected(_)), "{cmd:?}: {e}");
    }
    assert!(sim.control_log().is_empty(), "{:?}", sim.control_log());
    assert_eq!(sim.token_requests(), 0);

    let accepted = [start(1000, 41, 1800), start(3400, 100, 18000)];
    for cmd in accepted {
        c.send(cmd).await.unwrap_or_else(|e| panic!("{cmd:?}: {e}"));
    }
    let sent: Vec<_> = sim
        .control_log()
        .iter()
        .map(|r| {
            (
                r.body["power"].clone(),
                r.body["lifetime"].clone(),
                r.status,
            )
        })
        .collect();
    assert_eq!(
        sent,
        vec![
            (json!(1000), json!(1800), 200),
            (json!(3400), json!(18000), 200)
        ]
    );
    for secs in [1800, 18000] {
        c.send(Command::StopCharging {
            duration: Duration::from_secs(secs),
        })
        .await
        .unwrap();
    }
    assert_eq!(sim.control_log().len(), 4);
}

#[tokio::test]
async fn the_target_is_checked_against_a_fresh_reading() {
    let sim = sim(SimConfig::default()).await;
    let c = controller(&sim, PASSWORD);
    sim.set_soc(80.0);
    let e = c.send(start(2000, 80, 7200)).await.unwrap_err();
    assert!(
        matches!(
            e,
            Error::Rejected(ValidationError::TargetNotAboveCurrent { target: 80, .. })
        ),
        "{e}"
    );
    sim.set_soc(70.0);
    assert!(c.send(start(2000, 80, 7200)).await.unwrap().confirmed);
}

#[tokio::test]
async fn charging_to_a_target_ends_and_reads_back_as_not_charging() {
    let sim = sim(SimConfig::default()).await;
    sim.set_soc(60.0);
    let c = controller(&sim, PASSWORD);
    assert!(c.send(start(3400, 65, 7200)).await.unwrap().confirmed);
    // 5 % of the available capacity at 3.4 kW takes about 10 minutes.
    sim.advance(Duration::from_secs(20 * 60));
    let r = c.poll().await.unwrap();
    assert!(!r.is_charging(), "{:?}", r.state);
    assert!(r.soc_pct.value().unwrap() >= 64.0, "{:?}", r.soc_pct);
}

#[tokio::test]
async fn control_works_on_older_firmware_paths() {
    for v in [nestore_sim::ApiVersion::V1, nestore_sim::ApiVersion::V2] {
        let sim = sim(SimConfig {
            api_version: v,
            ..Default::default()
        })
        .await;
        sim.set_soc(40.0);
        let out = controller(&sim, PASSWORD)
            .send(start(2000, 90, 7200))
            .await
            .unwrap();
        assert!(out.confirmed, "{v:?}");
        let path = &sim.control_log()[0].path;
        assert!(
            path.contains(if v == nestore_sim::ApiVersion::V1 {
                "controller/flags"
            } else {
                "controller/task"
            }),
            "{path}"
        );
    }
}

#[tokio::test]
async fn check_login_says_whether_the_stored_password_works() {
    let sim = sim(SimConfig::default()).await;
    assert!(matches!(
        client(&sim).check_login().await,
        Err(Error::NoPassword)
    ));
    assert!(matches!(
        controller(&sim, "wrong").check_login().await,
        Err(Error::Unauthorized)
    ));
    let c = controller(&sim, PASSWORD);
    c.check_login().await.unwrap();
    // Afresh each time, even with a token held.
    c.check_login().await.unwrap();
    assert_eq!(sim.token_requests(), 3);
    assert!(sim.control_log().is_empty());
    let gone = nestore::Client::with_config("127.0.0.1", closed_port(), quick()).unwrap();
    gone.set_password(Some(nestore::SecretString::from(PASSWORD.to_owned())));
    let e = gone.check_login().await.unwrap_err();
    assert!(e.is_connection(), "{e}");
}

/// The client has logged in and detected the API: the next device request is the task.
async fn logged_in(sim: &nestore_sim::SimHandle) -> nestore::Client {
    let c = controller(sim, PASSWORD);
    c.login().await.unwrap();
    c
}

const STOP: Command = Command::StopCharging {
    duration: Duration::from_secs(7200),
};

#[tokio::test]
async fn a_failed_read_back_is_sent_but_not_confirmed_not_an_error() {
    let sim = sim(SimConfig::default()).await;
    let c = logged_in(&sim).await;
    sim.push_fault(Fault::Slow(Duration::ZERO)); // the task: accepted
    for _ in 0..quick().readback_attempts {
        sim.push_fault(Fault::Status500); // every read-back
    }
    let out = c.send(STOP).await.unwrap();
    assert!(!out.confirmed);
    assert_eq!(out.state, None);
    let why = out.readback_error.as_deref().unwrap();
    assert!(why.contains("HTTP 500"), "{why}");
    assert_eq!(sim.control_log().len(), 1);
    assert_eq!(sim.control_log()[0].status, 200);
    assert_eq!(sim.snapshot().task.as_deref(), Some("stop"));
}

#[tokio::test]
async fn a_read_back_that_fails_once_is_tried_again() {
    let sim = sim(SimConfig::default()).await;
    let c = logged_in(&sim).await;
    sim.push_fault(Fault::Slow(Duration::ZERO));
    sim.push_fault(Fault::Status500);
    let out = c.send(STOP).await.unwrap();
    assert!(out.confirmed, "{out:?}");
    assert_eq!(out.readback_error, None);
}

#[tokio::test]
async fn a_start_the_device_does_not_act_on_is_not_confirmed() {
    // Under a leak the simulated device suspends charging: it takes the task, never charges.
    let sim = sim(SimConfig {
        scenario: Scenario::Leak,
        ..Default::default()
    })
    .await;
    sim.set_soc(40.0);
    let out = controller(&sim, PASSWORD)
        .send(start(2000, 90, 7200))
        .await
        .unwrap();
    assert!(!out.confirmed);
    assert_eq!(out.readback_error, None);
    assert_ne!(out.state.as_deref(), Some(CHARGING_STATE));
    assert_eq!(sim.control_log().len(), 1);
    assert_eq!(sim.control_log()[0].status, 200);
}

#[tokio::test]
async fn a_stop_the_device_does_not_act_on_is_not_confirmed() {
    // The simulator always obeys a stop: a hand-made device that keeps charging.
    let dev = stubborn_device(CHARGING_STATE).await;
    // A short deadline: a read-back that never gave up would end in it (and say so).
    let c = nestore::Client::with_config("127.0.0.1", dev.port, with_deadline(5_000)).unwrap();
    c.set_password(Some(nestore::SecretString::from(PASSWORD.to_owned())));
    let out = c.send(STOP).await.unwrap();
    assert!(!out.confirmed);
    assert_eq!(out.state.as_deref(), Some(CHARGING_STATE));
    assert_eq!(out.readback_error, None);
    let tasks = dev
        .requests()
        .iter()
        .filter(|r| r.path == "/api/v3/control/task")
        .count();
    assert_eq!(tasks, 1);
    let reads = dev
        .requests()
        .iter()
        .filter(|r| r.path == "/api/v3/data/control_state")
        .count();
    // One to detect the API, then every read-back attempt.
    assert_eq!(reads as u32, 1 + quick().readback_attempts);
}

#[tokio::test]
async fn a_device_that_always_answers_401_gets_one_new_login_and_one_retry() {
    // Tokens that expire as soon as they are issued: every task is refused.
    let sim = nestore_sim::spawn(
        SimConfig {
            password: PASSWORD.into(),
            speed: 1.0,
            token_lifetime: Duration::from_nanos(1),
            ..Default::default()
        },
        "127.0.0.1:0".parse().unwrap(),
    )
    .await
    .unwrap();
    // A deadline well above what the exchange takes: a client that kept logging in and
    // retrying would end in a timeout, not in `Unauthorized`.
    let controller = |sim: &nestore_sim::SimHandle, password: &str| {
        let c = client_with(sim, with_deadline(5_000));
        c.set_password(Some(nestore::SecretString::from(password.to_owned())));
        c
    };
    let c = controller(&sim, PASSWORD);
    // A fresh login that is refused at once: no second login.
    let e = c.send(STOP).await.unwrap_err();
    assert!(matches!(e, Error::Unauthorized), "{e}");
    assert_eq!(sim.token_requests(), 1);
    assert_eq!(sim.control_log().len(), 1);

    // A token held from before: one new login, one retry, then give up.
    let c = controller(&sim, PASSWORD);
    c.login().await.unwrap();
    let e = c.send(STOP).await.unwrap_err();
    assert!(matches!(e, Error::Unauthorized), "{e}");
    assert_eq!(sim.token_requests(), 3);
    let statuses: Vec<u16> = sim.control_log().iter().map(|r| r.status).collect();
    assert_eq!(statuses, vec![401, 401, 401]);
}

fn with_deadline(ms: u64) -> nestore::ClientConfig {
    nestore::ClientConfig {
        command_deadline: Duration::from_millis(ms),
        ..quick()
    }
}

#[tokio::test]
async fn slow_answers_do_not_add_up_past_the_command_deadline() {
    let sim = sim(SimConfig::default()).await;
    let c = client_with(&sim, with_deadline(600));
    c.set_password(Some(nestore::SecretString::from(PASSWORD.to_owned())));
    // Each request alone is well within the 5 s per-request timeout; together they are not.
    for _ in 0..8 {
        sim.push_fault(Fault::Slow(Duration::from_millis(250)));
    }
    let began = std::time::Instant::now();
    let e = c.send(STOP).await.unwrap_err();
    assert!(matches!(e, Error::CommandTimeout { .. }), "{e}");
    assert!(
        began.elapsed() < Duration::from_secs(3),
        "{:?}",
        began.elapsed()
    );
    let text = e.to_string();
    assert!(text.contains("did not finish within 0.6 s"), "{text}");
    assert!(e.is_connection());
}

#[tokio::test]
async fn the_deadline_in_the_read_back_is_sent_but_not_confirmed() {
    let sim = sim(SimConfig::default()).await;
    let c = client_with(&sim, with_deadline(500));
    c.set_password(Some(nestore::SecretString::from(PASSWORD.to_owned())));
    c.login().await.unwrap();
    sim.push_fault(Fault::Slow(Duration::ZERO));
    sim.push_fault(Fault::Hang);
    let out = c.send(STOP).await.unwrap();
    assert!(!out.confirmed);
    let why = out.readback_error.as_deref().unwrap();
    assert!(why.contains("deadline"), "{why}");
    assert_eq!(sim.control_log().len(), 1);
}

#[tokio::test]
async fn nothing_is_announced_for_a_command_that_is_rejected() {
    let sim = sim(SimConfig::default()).await;
    sim.set_soc(42.0);
    let c = controller(&sim, PASSWORD);
    let announced = std::sync::atomic::AtomicU32::new(0);
    let note = |_: &Command| {
        announced.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    };
    for cmd in [
        start(2000, 101, 7200),
        start(2000, 42, 7200),
        start(999, 90, 7200),
    ] {
        let e = c.send_with(cmd, note).await.unwrap_err();
        assert!(matches!(e, Error::Rejected(_)), "{e}");
    }
    assert_eq!(announced.load(std::sync::atomic::Ordering::SeqCst), 0);
    let out = c.send_with(start(2000, 90, 7200), note).await.unwrap();
    assert!(out.confirmed);
    assert_eq!(announced.load(std::sync::atomic::Ordering::SeqCst), 1);
}
