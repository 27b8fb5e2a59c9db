//! The readings window, driven over WebDriver (tauri-driver + WebKitWebDriver), against
//! the simulated device on loopback.
//!
//!   cargo build -p nestore-tray
//!   scripts/desktop-session.sh cargo nextest run -p nestore-e2e --run-ignored only

mod common;

use common::*;
use serde_json::json;

fn number_in(text: &str) -> Option<f64> {
    text.split_whitespace().next()?.parse().ok()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs a desktop session: scripts/desktop-session.sh"]
async fn the_window_shows_the_simulators_readings() -> Result<()> {
    let sim = start_sim(63.0).await;
    let app = WindowApp::launch("readings", sim.addr()).await?;
    let result = async {
        app.wait_text("soc", "the state of charge", |t| t == "63 %")
            .await?;
        let snap = sim.snapshot();

        let pressure = app
            .wait_text("pressure", "the pressure", |t| t.ends_with(" bar"))
            .await?;
        let shown = number_in(&pressure).ok_or(format!("pressure {pressure:?}"))?;
        assert!(
            (shown - snap.pressure_bar).abs() < 0.006,
            "the window shows {pressure:?}, the device has {} bar",
            snap.pressure_bar
        );
        let state = app
            .wait_text("device-state", "the device state", |t| t != "—")
            .await?;
        assert_eq!(state, snap.state_name);
        let conn = app.text("connection").await?;
        assert!(conn.contains("online"), "connection chip: {conn:?}");
        Ok::<_, Error>(())
    }
    .await;
    app.finish(result).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs a desktop session: scripts/desktop-session.sh"]
async fn a_password_saved_in_settings_goes_to_the_keyring_only() -> Result<()> {
    let sim = start_sim(63.0).await;
    let app = WindowApp::launch("password", sim.addr()).await?;
    let result = async {
        app.wait_text("soc", "the first reading", |t| t == "63 %")
            .await?;
        app.save_settings_with_password(sim.addr(), SIM_PASSWORD)
            .await?;

        let stored = keyring_lookup(&app.service, "127.0.0.1");
        assert_eq!(
            stored.as_deref(),
            Some(SIM_PASSWORD),
            "secret-tool lookup service {} username 127.0.0.1",
            app.service
        );
        let file = app.config_dir.path().join("settings.json");
        let bytes = std::fs::read(&file).map_err(|e| format!("{}: {e}", file.display()))?;
        assert!(
            !contains_bytes(&bytes, SIM_PASSWORD.as_bytes()),
            "the password is in {}",
            file.display()
        );
        let settings: serde_json::Value = serde_json::from_slice(&bytes)?;
        assert_eq!(settings["host"], json!("127.0.0.1"), "{settings}");
        assert_eq!(settings["port"], json!(sim.addr().port()), "{settings}");
        assert_eq!(settings["control_enabled"], json!(true), "{settings}");

        let status = app
            .wait_text("password-status", "the password status", |t| {
                t.contains("stored in the OS keyring")
            })
            .await?;
        assert_eq!(status, "A password is stored in the OS keyring");
        Ok::<_, Error>(())
    }
    .await;
    app.finish(result).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs a desktop session: scripts/desktop-session.sh"]
async fn start_charging_from_the_window_reaches_the_device() -> Result<()> {
    let sim = start_sim(63.0).await;
    let app = WindowApp::launch("charge", sim.addr()).await?;
    let result = async {
        app.enable_control(sim.addr(), SIM_PASSWORD).await?;

        // The control form appears once control is on and a password is stored.
        app.type_into("power", "2400").await?;
        app.type_into("target-soc", "80").await?;
        let duration_min: u64 = app
            .el("duration")
            .await?
            .prop("value")
            .await?
            .ok_or("no duration selected")?
            .parse()?;
        assert!(
            sim.control_log().is_empty(),
            "nothing is sent before Confirm"
        );

        app.click("btn-start").await?;
        let text = app
            .wait_text("confirm-text", "the confirm dialog", |t| !t.is_empty())
            .await?;
        assert!(text.contains("2400 W"), "the dialog says {text:?}");
        assert!(text.contains("80 %"), "the dialog says {text:?}");
        assert!(
            sim.control_log().is_empty(),
            "nothing is sent before Confirm"
        );
        app.click("btn-confirm").await?;

        let outcome = app
            .wait_text("outcome", "the outcome", |t| {
                !t.is_empty() && !t.starts_with("Talking")
            })
            .await?;
        assert!(
            outcome.contains("Confirmed by the device")
                && outcome.contains("Charging Electrical Main"),
            "outcome: {outcome:?}"
        );

        let log = sim.control_log();
        assert_eq!(log.len(), 1, "one control request: {log:#?}");
        let rec = &log[0];
        assert_eq!(
            rec.body,
            json!({
                "TASK": "ControlTask_ChargingElectrical_Start",
                "spin": true,
                "power": 2400,
                "soc": 80,
                "persistent": true,
                "lifetime": duration_min * 60,
            })
        );
        let auth = rec.authorization.as_deref().unwrap_or_default();
        assert!(auth.starts_with("Bearer "), "authorization: {auth:?}");
        assert!(
            !auth.contains(SIM_PASSWORD),
            "the password itself is never sent"
        );
        assert_eq!(sim.snapshot().task.as_deref(), Some("start"));
        Ok::<_, Error>(())
    }
    .await;
    app.finish(result).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs a desktop session: scripts/desktop-session.sh"]
async fn a_corrupt_settings_file_is_set_aside_and_the_window_says_so() -> Result<()> {
    const BROKEN: &str = "{\"host\": \"127.0.0.1\", \"poll_interval_s\": 30";
    let sim = start_sim(63.0).await;
    let app = WindowApp::launch_with_settings("corrupt", sim.addr(), Some(BROKEN)).await?;
    let result = async {
        let notice = app
            .wait_text("notice", "the notice about the settings file", |t| {
                t.contains("settings file")
            })
            .await?;
        assert!(
            notice.contains("moved to") && notice.contains("defaults are in use"),
            "notice: {notice:?}"
        );
        // Nothing is lost: the unreadable file is kept beside, byte for byte.
        let aside: Vec<_> = std::fs::read_dir(app.config_dir.path())?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.to_string_lossy().contains("settings.json.corrupt-"))
            .collect();
        assert_eq!(aside.len(), 1, "one file set aside: {aside:?}");
        assert_eq!(std::fs::read_to_string(&aside[0])?, BROKEN);
        // And the app still works: --host names the device for this run.
        app.wait_text("soc", "the first reading", |t| t == "63 %")
            .await?;
        Ok::<_, Error>(())
    }
    .await;
    app.finish(result).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs a desktop session: scripts/desktop-session.sh"]
async fn test_connection_reports_the_device_or_the_problem() -> Result<()> {
    let sim = start_sim(63.0).await;
    let app = WindowApp::launch("testconn", sim.addr()).await?;
    let result = async {
        app.wait_text("soc", "the first reading", |t| t == "63 %")
            .await?;
        app.click("btn-settings").await?;
        app.type_into("set-host", "127.0.0.1").await?;
        app.type_into("set-port", &sim.addr().port().to_string())
            .await?;
        app.click("btn-test-connection").await?;
        let ok = app
            .wait_text("settings-message", "the test result", |t| {
                !t.is_empty() && !t.starts_with("Trying")
            })
            .await?;
        assert!(
            ok.starts_with("Connected") && ok.contains("63 %"),
            "message: {ok:?}"
        );

        app.type_into("set-port", &free_port().to_string()).await?;
        app.click("btn-test-connection").await?;
        let bad = app
            .wait_text("settings-message", "the failed test result", |t| {
                t != ok && !t.is_empty() && !t.starts_with("Trying")
            })
            .await?;
        assert!(bad.contains("unreachable"), "message: {bad:?}");
        Ok::<_, Error>(())
    }
    .await;
    app.finish(result).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs a desktop session: scripts/desktop-session.sh"]
async fn stop_and_resume_from_the_window_reach_the_device() -> Result<()> {
    let sim = start_sim(63.0).await;
    let app = WindowApp::launch("stopauto", sim.addr()).await?;
    let result = async {
        app.enable_control(sim.addr(), SIM_PASSWORD).await?;

        app.click("btn-stop").await?;
        let text = app
            .wait_text("confirm-text", "the stop confirmation", |t| !t.is_empty())
            .await?;
        assert!(
            text.contains("stop electric charging") || text.contains("Stop electric charging"),
            "{text:?}"
        );
        app.click("btn-confirm").await?;
        let outcome = app
            .wait_text("outcome", "the stop outcome", |t| t.contains("Confirmed"))
            .await?;
        assert!(!outcome.contains("Charging Electrical Main"), "{outcome:?}");
        assert_eq!(sim.snapshot().task.as_deref(), Some("stop"));

        app.click("btn-auto").await?;
        app.wait_text("confirm-text", "the resume confirmation", |t| {
            t.contains("automatic")
        })
        .await?;
        app.click("btn-confirm").await?;
        // The outcome names the state read back after the task was spun down.
        app.wait_text("outcome", "the resume outcome", |t| {
            t.contains("Confirmed") && t != outcome
        })
        .await?;
        assert_eq!(sim.snapshot().task, None);

        let mut bodies: Vec<_> = sim.control_log().into_iter().map(|r| r.body).collect();
        assert_eq!(bodies.len(), 3, "{bodies:#?}");
        let lifetime = bodies[0]["lifetime"].take().as_u64().unwrap_or_default();
        assert!(
            (1800..=18000).contains(&lifetime),
            "stop lifetime {lifetime}"
        );
        assert_eq!(
            bodies,
            vec![
                json!({"TASK": "ControlTask_ChargingElectrical_Stop", "spin": true,
                       "persistent": true, "lifetime": null}),
                json!({"TASK": "ControlTask_ChargingElectrical_Start", "spin": false}),
                json!({"TASK": "ControlTask_ChargingElectrical_Stop", "spin": false}),
            ]
        );
        Ok::<_, Error>(())
    }
    .await;
    app.finish(result).await
}

/// How a test closes the window.
#[derive(Debug, Clone, Copy)]
enum CloseBy {
    /// What the title bar's close button asks for: the window's own `close()` (Tauri's
    /// window API, as the page calls it), run over WebDriver.
    CloseRequest,
    /// The Esc key, typed into the page.
    Esc,
}

/// Opens the window, closes it `how`, and checks that the window is destroyed and its web
/// process ended, while the app stays in the tray.
async fn closing_destroys_the_window(test: &str, how: CloseBy) -> Result<()> {
    let sim = start_sim(63.0).await;
    let app = WindowApp::launch(test, sim.addr()).await?;
    let result = async {
        app.wait_text("soc", "the first reading", |t| t == "63 %")
            .await?;
        let pid = app.pid().await?;
        assert!(x_window_titled("NEStore"), "the window is there");
        let web = wait_for("the window's web process", STEP, || async {
            let w = web_processes(pid);
            (!w.is_empty()).then_some(w)
        })
        .await?;
        eprintln!("app {pid}, web processes {web:?}");

        match how {
            CloseBy::CloseRequest => {
                // The reply may never come: the window goes while the script runs.
                let r = app
                    .client
                    .execute(
                        "window.__TAURI__.window.getCurrentWindow().close(); return null;",
                        vec![],
                    )
                    .await;
                eprintln!("close(): {r:?}");
            }
            CloseBy::Esc => {
                use fantoccini::actions::{InputSource, KeyAction, KeyActions};
                use fantoccini::key::Key;
                let esc = KeyActions::new("keyboard".into())
                    .then(KeyAction::Down {
                        value: Key::Escape.into(),
                    })
                    .then(KeyAction::Up {
                        value: Key::Escape.into(),
                    });
                // The reply may never come: the window goes while the key is handled.
                let r = app.client.perform_actions(esc).await;
                eprintln!("Esc: {r:?}");
            }
        }

        wait_for("the window to be destroyed", STEP, || async {
            (!x_window_titled("NEStore")).then_some(())
        })
        .await?;
        let left = std::cell::RefCell::new(Vec::new());
        wait_for("the web process to end", STEP, || async {
            let now = web_processes(pid);
            let done = now.is_empty() && web.iter().all(|&p| !process_alive(p));
            *left.borrow_mut() = now;
            done.then_some(())
        })
        .await
        .map_err(|e| {
            let left = left.borrow().clone();
            let names: Vec<_> = descendants(pid)
                .into_iter()
                .map(|p| (p, process_name(p)))
                .collect();
            format!("{e}: still {left:?} (the app's processes: {names:?})")
        })?;
        assert!(process_alive(pid), "the app stays in the tray");
        Ok::<_, Error>(())
    }
    .await;
    let closed = app.close_windowless().await;
    result?;
    closed
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs a desktop session: scripts/desktop-session.sh"]
async fn closing_the_window_destroys_it_and_ends_its_web_process() -> Result<()> {
    closing_destroys_the_window("closewin", CloseBy::CloseRequest).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs a desktop session: scripts/desktop-session.sh"]
async fn esc_destroys_the_window_and_ends_its_web_process() -> Result<()> {
    closing_destroys_the_window("escwin", CloseBy::Esc).await
}
