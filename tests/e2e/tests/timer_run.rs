//! The charge timers carried out end to end (issue 11): a timer in settings.json, the
//! simulated device running 600 times faster than real time and the app told so
//! (`--time-scale`), so a three-hour window opens and closes in seconds. The simulator's
//! control log shows the start task with a lifetime that covers the window and then the
//! return to automatic; each is a notification on the session bus (normal urgency) and an
//! event in the history's timeline; the tray menu names the timer running and the next.
//!
//! The test is the tray host, so run in a desktop session WITHOUT --trayer:
//!
//!   cargo build -p nestore-tray
//!   scripts/desktop-session.sh cargo nextest run -p nestore-e2e --run-ignored only -E 'binary(timer_run)'
//!
//! Nothing races the clock: the window starts 30 device minutes (3 real seconds) after
//! the app's start, and if the app is slower to come up it starts the window late, which
//! is what it must do anyway; every check waits for its condition.

mod common;

use std::time::Duration;

use common::*;
use nestore::SecretString;
use nestore_history::EventKind;
use nestore_sim::SimConfig;
use serde_json::json;

const APP_NAME: &str = "NEStore Tray";
/// Device seconds per real second.
const SPEED: f64 = 600.0;
const URGENCY_NORMAL: u8 = 1;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs a desktop session: scripts/desktop-session.sh"]
async fn a_timer_window_opens_and_closes_with_the_right_tasks_and_is_told() -> Result<()> {
    require_desktop();
    let lock = AppLock::acquire();
    wait_app_gone().await?;
    let sim = nestore_sim::spawn(
        SimConfig {
            password: SIM_PASSWORD.into(),
            speed: SPEED,
            ..Default::default()
        },
        "127.0.0.1:0".parse()?,
    )
    .await?;
    sim.set_soc(40.0);
    let host = TrayHost::start().await?;
    let notes = NotificationMonitor::start().await?;
    let config_dir = TempDir::new("timer-run");
    let service = unique_service("timer-run");
    let keystore = nestore_secrets::Keystore::with_service(&service);
    let device = sim.addr().ip().to_string();
    keystore.set(&device, &SecretString::from(SIM_PASSWORD))?;

    // Every day, from 30 to 210 device minutes after now: three hours, 18 real seconds.
    let (start, end) = (local_hhmm_in(31), local_hhmm_in(211));
    let timer = json!({"days": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
                       "start": start, "end": end, "kind": "charge",
                       "power_w": 2000, "target_soc_pct": 95, "enabled": true});
    std::fs::write(
        config_dir.path().join("settings.json"),
        serde_json::to_vec(&json!({"control_enabled": true, "timers": [timer]}))?,
    )?;
    let app = TrayApp::spawn(
        sim.addr(),
        config_dir.path(),
        &service,
        &["--poll-interval", "1s", "--time-scale", "600"],
        std::env::temp_dir().join(format!("nestore-e2e-timer-run-{}.log", std::process::id())),
    )?;
    let result = async {
        let item = host.item().await?;
        let menu = host.menu_path(&item).await?;
        let labels = || async { host.menu_labels(&item, &menu).await.unwrap_or_default() };

        // The start: the charge task, its lifetime covering what is left of the window.
        let started = wait_for(
            "the timer's start task",
            Duration::from_secs(60),
            || async {
                sim.control_log()
                    .into_iter()
                    .find(|r| r.body["TASK"] == "ControlTask_ChargingElectrical_Start")
            },
        )
        .await?;
        assert_eq!(started.status, 200, "{started:?}");
        assert_eq!(started.body["power"], 2000, "{started:?}");
        assert_eq!(started.body["soc"], 95, "{started:?}");
        assert_eq!(started.body["spin"], true, "{started:?}");
        let lifetime = started.body["lifetime"].as_u64().unwrap_or(0);
        assert!(
            (1800..=3 * 3600).contains(&lifetime),
            "a lifetime within the window and the device's limits: {started:?}"
        );
        wait_for("the start's notification", STEP, || async {
            notes
                .sent_by(APP_NAME)
                .into_iter()
                .find(|n| n.summary == "Charging on a timer")
        })
        .await
        .map(|n| {
            assert_eq!(n.urgency, Some(URGENCY_NORMAL), "{n:?}");
            assert!(n.body.contains("2000 W up to 95 %"), "{n:?}");
        })?;

        let running = format!("Timer: charging until {end}");
        wait_for("the running timer in the menu", STEP, || async {
            labels().await.into_iter().find(|l| *l == running)
        })
        .await?;

        // The end: back to automatic, told, and the menu names tomorrow's window.
        // (The simulator's tokens expire on its fast clock too: a 401 is followed by a new
        // login and the same request again.) Resuming spins down both known tasks.
        let ended = wait_for("the timer's end", Duration::from_secs(90), || async {
            let log = sim.control_log();
            let at = log
                .iter()
                .position(|r| r.body["TASK"] == "ControlTask_ChargingElectrical_Start")?;
            let tasks: Vec<String> = log
                .into_iter()
                .skip(at + 1)
                .filter(|r| r.body["spin"] == false && r.status == 200)
                .filter_map(|r| r.body["TASK"].as_str().map(String::from))
                .collect();
            (tasks.len() >= 2).then_some(tasks)
        })
        .await?;
        assert_eq!(
            ended[..2],
            [
                "ControlTask_ChargingElectrical_Start",
                "ControlTask_ChargingElectrical_Stop"
            ],
            "{ended:?}"
        );
        wait_for("the end's notification", STEP, || async {
            notes
                .sent_by(APP_NAME)
                .into_iter()
                .find(|n| n.summary == "Timer finished")
        })
        .await?;
        let next = format!("{start}–{end}");
        wait_for("the next timer in the menu", STEP, || async {
            labels()
                .await
                .into_iter()
                .find(|l| l.starts_with("Next: charge") && l.ends_with(&next))
        })
        .await?;

        // The timeline holds both, in order.
        let history = history_file(&config_dir.path().join("data"));
        let events = wait_for("the timer events in the history", STEP, || async {
            let titles: Vec<String> = stored_events(&history)
                .ok()?
                .into_iter()
                .filter(|e| e.kind == EventKind::Timer)
                .map(|e| e.title)
                .collect();
            (titles.len() >= 2).then_some(titles)
        })
        .await?;
        assert_eq!(
            events[..2],
            ["Charging on a timer", "Timer finished"],
            "{events:?}"
        );
        Ok(())
    }
    .await;
    let _ = keystore.delete(&device);
    drop(app);
    drop(lock);
    result
}
