//! "Hot water is running low" end to end (issue 11, part 4): the owner set a level of
//! 20 %, the device reads 15 %: one notification (normal urgency) names the charge a timer
//! plans and offers "Start charging…"; more readings below the level tell nothing more;
//! the button (its ActionInvoked signal on the session bus, as a notification server sends
//! it) opens the window's confirmation, and nothing is sent to the device without it.
//!
//!   cargo build -p nestore-tray
//!   scripts/desktop-session.sh cargo nextest run -p nestore-e2e --run-ignored only -E 'binary(running_low)'

mod common;

use common::*;
use nestore::SecretString;
use serde_json::json;

const APP_NAME: &str = "NEStore Tray";
const TITLE: &str = "Hot water is running low";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs a desktop session: scripts/desktop-session.sh"]
async fn running_low_is_told_once_and_its_button_asks_to_confirm_a_charge() -> Result<()> {
    require_desktop();
    let lock = AppLock::acquire();
    wait_app_gone().await?;
    let sim = start_sim(15.0).await;
    let proxy = CountingProxy::start(sim.addr()).await?;
    let notes = NotificationMonitor::start().await?;
    let config_dir = TempDir::new("running-low");
    let service = unique_service("running-low");
    let keystore = nestore_secrets::Keystore::with_service(&service);
    let device = proxy.addr.ip().to_string();
    keystore.set(&device, &SecretString::from(SIM_PASSWORD))?;
    // A charge timer two to three hours from now, every day.
    let (start, end) = (local_hhmm_in(120), local_hhmm_in(180));
    let timer = json!({"days": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
                       "start": start, "end": end, "kind": "charge",
                       "power_w": 2000, "target_soc_pct": 90});
    std::fs::write(
        config_dir.path().join("settings.json"),
        serde_json::to_vec(&json!({"control_enabled": true, "low_charge_pct": 20,
                                   "timers": [timer]}))?,
    )?;
    let app = TrayApp::spawn(
        proxy.addr,
        config_dir.path(),
        &service,
        &["--poll-interval", "1s"],
        std::env::temp_dir().join(format!(
            "nestore-e2e-running-low-{}.log",
            std::process::id()
        )),
    )?;
    let result = async {
        let told = wait_for("the running-low notification", STEP, || async {
            notes
                .sent_by(APP_NAME)
                .into_iter()
                .find(|n| n.summary == TITLE)
        })
        .await?;
        assert_eq!(told.urgency, Some(1), "normal urgency: {told:?}");
        assert!(
            told.body
                .starts_with("The state of charge is 15 %, below the 20 % you set.")
                && told.body.contains("The next charge is on a timer: ")
                && told.body.contains(&format!("{start}–{end}")),
            "{told:?}"
        );
        assert_eq!(
            told.actions,
            ["start-charging", "Start charging…", "open", "Open"],
            "{told:?}"
        );

        // Three more readings, still low: told once.
        let seen = proxy.readings();
        proxy.wait_readings(seen, 3).await?;
        let count = notes
            .sent_by(APP_NAME)
            .iter()
            .filter(|n| n.summary == TITLE)
            .count();
        assert_eq!(count, 1, "once per fall");

        // The button: the server's ActionInvoked for the id the app was given.
        let id = wait_for("the notification's id in the log", STEP, || async {
            app.log_text().lines().find_map(|l| {
                (l.contains("notification shown") && l.contains("RunningLow"))
                    .then(|| {
                        l.split("id=")
                            .nth(1)?
                            .split_whitespace()
                            .next()?
                            .parse::<u32>()
                            .ok()
                    })
                    .flatten()
            })
        })
        .await?;
        assert!(!x_window_titled("NEStore"), "no window before the button");
        let bus = zbus::Connection::session().await?;
        bus.emit_signal(
            None::<()>,
            "/org/freedesktop/Notifications",
            "org.freedesktop.Notifications",
            "ActionInvoked",
            &(id, "start-charging"),
        )
        .await?;
        wait_for("the window, to confirm", STEP, || async {
            x_window_titled("NEStore").then_some(())
        })
        .await?;
        assert!(
            sim.control_log().is_empty(),
            "nothing is sent before the owner confirms: {:?}",
            sim.control_log()
        );
        Ok(())
    }
    .await;
    let _ = keystore.delete(&device);
    drop(app);
    drop(lock);
    result
}

/// Settings' "Running-low notice" through the real window: a level outside 5-90 % is refused
/// at its field in the backend's words, 25 % is saved to settings.json as `low_charge_pct`,
/// and off saves null.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs a desktop session: scripts/desktop-session.sh"]
async fn the_running_low_level_is_saved_from_the_window() -> Result<()> {
    let sim = start_sim(63.0).await;
    let app = WindowApp::launch("running-low-window", sim.addr()).await?;
    let result = async {
        let saved = |what: &'static str| {
            let app = &app;
            async move {
                app.click("btn-save-settings").await?;
                app.wait_text("settings-message", what, |t| {
                    !t.is_empty() && !t.starts_with("Saving")
                })
                .await
            }
        };
        let level = || -> Result<serde_json::Value> {
            let file = std::fs::read_to_string(app.config_dir.path().join("settings.json"))?;
            let v: serde_json::Value = serde_json::from_str(&file)?;
            Ok(v["low_charge_pct"].clone())
        };
        app.open_settings().await?;
        app.type_into("set-host", &sim.addr().ip().to_string())
            .await?;
        app.type_into("set-port", &sim.addr().port().to_string())
            .await?;
        // Off by default; on, 95 % is refused at the field.
        let on = app.el("set-low-charge-on").await?;
        app.scroll_to(&on).await?;
        assert!(!on.is_selected().await?, "off by default");
        app.set_checked("set-low-charge-on", true).await?;
        app.type_into("set-low-charge", "95").await?;
        saved("the refusal").await?;
        app.wait_text("low-charge-error", "the refusal at the field", |t| {
            t == "Running-low notice: must be off or 5-90 %"
        })
        .await?;
        let field = app.el("set-low-charge").await?;
        assert_eq!(field.attr("aria-invalid").await?.as_deref(), Some("true"));
        // 25 %: saved.
        app.type_into("set-low-charge", "25").await?;
        let said = saved("the save").await?;
        assert_eq!(said, "Saved.");
        assert_eq!(level()?, serde_json::json!(25), "settings.json");
        // Off: null.
        app.scroll_to(&app.el("set-low-charge-on").await?).await?;
        app.set_checked("set-low-charge-on", false).await?;
        let said = saved("the save").await?;
        assert_eq!(said, "Saved.");
        assert_eq!(level()?, serde_json::Value::Null, "settings.json");
        Ok(())
    }
    .await;
    app.finish(result).await
}
