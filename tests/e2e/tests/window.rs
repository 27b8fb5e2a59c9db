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

        // "updated HH:MM": the minute of the app's own updated_at, in local time (so no
        // guess from the test's clock).
        let state = app.state().await?;
        let updated = state["updated_at"]
            .as_str()
            .ok_or(format!("no updated_at in {state}"))?;
        let updated = chrono::DateTime::parse_from_rfc3339(updated)?
            .with_timezone(&chrono::Local)
            .format("%H:%M")
            .to_string();
        let age = app
            .wait_text("age", "the age of the reading", |t| {
                t.starts_with("updated ")
            })
            .await?;
        assert!(
            age.contains(&updated),
            "the window says {age:?}, the app's updated_at is {updated}"
        );
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
        app.open_settings().await?;
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

/// The numbers in "Start charging (2000 W to 90 %, 120 min)…".
fn start_label_numbers(label: &str) -> Result<(u64, u64, u64)> {
    let inner = label
        .split_once('(')
        .and_then(|(_, r)| r.split_once(')'))
        .map(|(i, _)| i)
        .ok_or(format!("no parameters in {label:?}"))?;
    let nums: Vec<u64> = inner
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|w| w.parse().ok())
        .collect();
    match nums[..] {
        [power, target, minutes] => Ok((power, target, minutes)),
        _ => Err(format!("not three numbers in {label:?}").into()),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs a desktop session: scripts/desktop-session.sh"]
async fn start_charging_in_the_tray_asks_in_the_window_first() -> Result<()> {
    let sim = start_sim(63.0).await;
    let proxy = CountingProxy::start(sim.addr()).await?;
    let app = WindowApp::launch_with(
        "traystart",
        proxy.addr,
        Launch {
            tray_host: true,
            args: &["--poll-interval", "1s"],
            ..Launch::default()
        },
    )
    .await?;
    let result = async {
        app.enable_control(proxy.addr, SIM_PASSWORD).await?;
        let host = app.host.as_ref().ok_or("no tray host")?;
        let item = host.item().await?;
        let menu = host.menu_path(&item).await?;
        let label = wait_for("Start charging in the tray menu", STEP, || async {
            let labels = host.menu_labels(&item, &menu).await.ok()?;
            labels.into_iter().find(|l| l.starts_with("Start charging"))
        })
        .await?;
        let (power, target, minutes) = start_label_numbers(&label)?;

        host.click_label(&item, &menu, &label).await?;
        let text = app
            .wait_text("confirm-text", "the confirmation in the window", |t| {
                !t.is_empty()
            })
            .await?;
        assert!(
            text.contains(&format!("{power} W")) && text.contains(&format!("{target} %")),
            "the dialog says {text:?} for {label:?}"
        );
        let state = app.state().await?;
        assert_eq!(
            state["confirm"],
            json!({"kind": "start", "power_w": power, "target_soc_pct": target,
                   "duration_min": minutes}),
            "{state}"
        );
        // Nothing goes to the device while the dialog waits: three more polls pass.
        let from = proxy.readings();
        proxy.wait_readings(from, 3).await?;
        assert!(
            sim.control_log().is_empty(),
            "nothing is sent before Send: {:#?}",
            sim.control_log()
        );

        app.click("btn-confirm").await?;
        app.wait_text("outcome", "the outcome", |t| t.contains("Confirmed"))
            .await?;
        let log = sim.control_log();
        assert_eq!(log.len(), 1, "one control request: {log:#?}");
        assert_eq!(
            log[0].body,
            json!({
                "TASK": "ControlTask_ChargingElectrical_Start",
                "spin": true,
                "power": power,
                "soc": target,
                "persistent": true,
                "lifetime": minutes * 60,
            })
        );
        let state = app
            .wait_state("the confirmation to be done", |s| s["confirm"].is_null())
            .await?;
        assert_eq!(
            state["control"]["last_outcome"]["ok"],
            json!(true),
            "{state}"
        );
        Ok::<_, Error>(())
    }
    .await;
    app.finish(result).await
}

/// The rejection is the IPC error `refused` (docs/ipc.md), nothing else.
fn refused(what: &str, r: Invoked) -> Result<()> {
    match r {
        Err(e) if e["code"] == "refused" => Ok(()),
        other => Err(format!("{what}: not refused: {other:?}").into()),
    }
}

fn start_cmd(power_w: u64) -> serde_json::Value {
    json!({"kind": "start", "power_w": power_w, "target_soc_pct": 90, "duration_min": 120})
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs a desktop session: scripts/desktop-session.sh"]
async fn send_command_without_a_token_is_refused() -> Result<()> {
    let sim = start_sim(63.0).await;
    let app = WindowApp::launch("notoken", sim.addr()).await?;
    let result = async {
        app.enable_control(sim.addr(), SIM_PASSWORD).await?;
        let logins = sim.token_requests();
        for args in [
            json!({"cmd": start_cmd(2000)}),
            json!({"cmd": start_cmd(2000), "token": null}),
        ] {
            refused(
                &format!("send_command {args}"),
                app.invoke("send_command", args.clone()).await?,
            )?;
        }
        assert!(
            sim.control_log().is_empty(),
            "nothing reached the device: {:#?}",
            sim.control_log()
        );
        assert_eq!(sim.token_requests(), logins, "not even a login");
        Ok::<_, Error>(())
    }
    .await;
    app.finish(result).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs a desktop session: scripts/desktop-session.sh"]
async fn send_command_with_a_wrong_or_used_token_is_refused() -> Result<()> {
    let sim = start_sim(63.0).await;
    let app = WindowApp::launch("badtoken", sim.addr()).await?;
    let result = async {
        app.enable_control(sim.addr(), SIM_PASSWORD).await?;
        let logins = sim.token_requests();
        let cmd = start_cmd(2000);

        // A made-up token, and a real one for another command.
        refused(
            "a made-up token",
            app.invoke(
                "send_command",
                json!({"cmd": cmd, "token": "0123456789abcdef"}),
            )
            .await?,
        )?;
        let preview = app
            .invoke("preview_command", json!({"cmd": cmd}))
            .await?
            .map_err(|e| format!("preview_command: {e}"))?;
        let token = preview["token"]
            .as_str()
            .ok_or(format!("no token in {preview}"))?
            .to_owned();
        refused(
            "another command's token",
            app.invoke(
                "send_command",
                json!({"cmd": start_cmd(3000), "token": token}),
            )
            .await?,
        )?;
        assert!(
            sim.control_log().is_empty(),
            "nothing reached the device: {:#?}",
            sim.control_log()
        );
        assert_eq!(sim.token_requests(), logins, "not even a login");

        // The token is good for its command, once.
        let sent = app
            .invoke("send_command", json!({"cmd": cmd, "token": token}))
            .await?
            .map_err(|e| format!("send_command with its token: {e}"))?;
        assert_eq!(sent["ok"], json!(true), "{sent}");
        assert_eq!(sim.control_log().len(), 1);
        refused(
            "a used token",
            app.invoke("send_command", json!({"cmd": cmd, "token": token}))
                .await?,
        )?;
        assert_eq!(sim.control_log().len(), 1, "the used token sent nothing");
        Ok::<_, Error>(())
    }
    .await;
    app.finish(result).await
}
