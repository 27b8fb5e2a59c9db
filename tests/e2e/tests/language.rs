//! The app in Dutch, end to end: under `LANG=nl_NL.UTF-8` the tray menu and a pressure
//! alarm's notification speak Dutch (decimal commas included), and switching the language
//! in Settings turns the tray menu's lines at once, without a restart.
//!
//! The tray test is the tray host itself, so run in a desktop session WITHOUT --trayer:
//!
//!   cargo build -p nestore-tray
//!   scripts/desktop-session.sh cargo nextest run -p nestore-e2e --run-ignored only -E 'binary(language)'

mod common;

use std::time::Duration;

use common::*;
use nestore_sim::{Scenario, SimConfig, SimHandle, Snapshot};
use serde_json::json;

const APP_NAME: &str = "NEStore Tray";
const URGENCY_CRITICAL: u8 = 2;

/// A pressure as the Dutch texts write it, with a decimal comma: the menu with one
/// decimal ("2,0"), a notification with at most two and no trailing zeros ("2,4").
fn dutch_bar(v: f64, decimals: usize) -> String {
    let s = format!("{v:.decimals$}");
    let s = if decimals > 1 {
        s.trim_end_matches('0').trim_end_matches('.')
    } else {
        &s
    };
    s.replace('.', ",")
}

/// Runs the frozen simulator forward, 30 simulated seconds at a time, until `ok` holds.
fn advance_until(sim: &SimHandle, limit: Duration, ok: impl Fn(&Snapshot) -> bool) -> Snapshot {
    let step = Duration::from_secs(30);
    let mut moved = Duration::ZERO;
    loop {
        let snap = sim.snapshot();
        if ok(&snap) || moved >= limit {
            return snap;
        }
        sim.advance(step);
        moved += step;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs a desktop session: scripts/desktop-session.sh"]
async fn under_a_dutch_lang_the_tray_and_a_pressure_alarm_speak_dutch() -> Result<()> {
    require_desktop();
    let lock = AppLock::acquire();
    wait_app_gone().await?;
    // A frozen device at 13:00 (no hot-water draw): the test moves the pressure itself.
    let sim = nestore_sim::spawn(
        SimConfig {
            speed: 0.0,
            scenario: Scenario::Normal,
            initial_soc_pct: 80.0,
            start_time_of_day_s: 13 * 3600,
            ..Default::default()
        },
        "127.0.0.1:0".parse()?,
    )
    .await?;
    let proxy = CountingProxy::start(sim.addr()).await?;
    let host = TrayHost::start().await?;
    let notes = NotificationMonitor::start().await?;
    let config = TempDir::new("dutch-tray");
    let service = unique_service("dutch-tray");
    let log = std::env::temp_dir().join(format!("nestore-e2e-dutch-{}.log", std::process::id()));
    let mut app = TrayApp::spawn_in(
        "nl_NL.UTF-8",
        proxy.addr,
        config.path(),
        &service,
        &["--poll-interval", "1s"],
        log,
    )?;
    let item = host.item().await?;
    let menu = host.menu_path(&item).await?;
    let labels = || host.menu_labels(&item, &menu);

    let result = async {
        // The readings, in Dutch, as the device has them.
        let snap = sim.snapshot();
        let soc_line = format!("Laadtoestand {:.0} %", snap.soc_pct);
        let bar_line = format!("Druk {} bar", dutch_bar(snap.pressure_bar, 1));
        let shown = wait_for("the Dutch readings in the menu", STEP, || async {
            let l = labels().await.ok()?;
            l.iter()
                .any(|l| l.starts_with("Bijgewerkt om "))
                .then_some(l)
        })
        .await?;
        assert!(shown.contains(&soc_line), "{soc_line:?} in {shown:?}");
        assert!(shown.contains(&bar_line), "{bar_line:?} in {shown:?}");
        for item in [
            "Openen",
            "Nu bijwerken",
            "Meldingen 1 uur uitstellen",
            "Meldingen uitstellen tot morgen",
            "Instellingen",
            "Afsluiten",
        ] {
            assert!(shown.iter().any(|l| l == item), "{item:?} in {shown:?}");
        }
        assert!(
            !shown
                .iter()
                .any(|l| ["Open", "Quit", "Settings"].contains(&l.as_str())),
            "no English item left: {shown:?}"
        );
        proxy.wait_readings(0, 3).await?;

        // Past the alarm threshold: the alarm in Dutch.
        sim.set_scenario(Scenario::OverPressure);
        let over = advance_until(&sim, Duration::from_secs(3 * 3600), |s| {
            s.pressure_bar > 3.6
        });
        assert!(over.pressure_bar > 3.6, "{} bar", over.pressure_bar);
        let alarm = wait_for("the Dutch alarm", STEP, || async {
            notes
                .sent_by(APP_NAME)
                .into_iter()
                .find(|n| n.urgency == Some(URGENCY_CRITICAL))
        })
        .await?;
        assert_eq!(alarm.summary, "Zeer hoge druk", "{alarm:#?}");
        let body = &alarm.body;
        let named = format!("De druk is {} bar", dutch_bar(over.pressure_bar, 2));
        assert!(body.starts_with(&named), "{named:?}: {body}");
        assert!(
            body.contains("hoger dan het veilige maximum van 3,5 bar")
                && body.contains("(normaal: 2-3 bar)")
                && body.contains("bel nu je installateur"),
            "{body}"
        );
        assert_eq!(alarm.actions, ["open", "Openen"], "{alarm:#?}");
        let shown = wait_for("the Dutch alarm line", STEP, || async {
            let l = labels().await.ok()?;
            l.iter().any(|l| l == "Alarm: hoge druk").then_some(l)
        })
        .await?;
        assert!(
            !shown.iter().any(|l| l.starts_with("Alarm: high")),
            "{shown:?}"
        );
        host.click_label(&item, &menu, "Afsluiten").await?;
        let child = &mut app.child;
        let status = wait_for("the app to exit after Afsluiten", STEP, || {
            let s = child.try_wait().ok().flatten();
            async move { s }
        })
        .await?;
        assert!(status.success(), "the app exited with {status}");
        Ok(())
    }
    .await;
    if result.is_err() {
        eprintln!("---- the app's log ----\n{}", app.log_text());
    }
    let _ = std::process::Command::new("secret-tool")
        .args(["clear", "service", &service])
        .status();
    drop(lock);
    result
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs a desktop session: scripts/desktop-session.sh"]
async fn switching_the_language_in_settings_turns_the_tray_menu_and_the_window_at_once(
) -> Result<()> {
    let sim = start_sim(63.0).await;
    let app = WindowApp::launch_with(
        "language-switch",
        sim.addr(),
        Launch {
            tray_host: true,
            args: &["--poll-interval", "1s"],
            ..Launch::default()
        },
    )
    .await?;
    let result = switch(&app, &sim).await;
    app.finish(result).await
}

async fn switch(app: &WindowApp, sim: &SimHandle) -> Result<()> {
    let host = app.host.as_ref().ok_or("no tray host")?;
    let item = host.item().await?;
    let menu = host.menu_path(&item).await?;
    let snap = sim.snapshot();
    let english = wait_for("the English menu", STEP, || async {
        let l = host.menu_labels(&item, &menu).await.ok()?;
        l.iter().any(|l| l.starts_with("Updated ")).then_some(l)
    })
    .await?;
    assert!(english.iter().any(|l| l == "Quit"), "{english:?}");
    assert!(
        english.contains(&format!("State of charge {:.0} %", snap.soc_pct)),
        "{english:?}"
    );
    assert_eq!(app.state().await?["language"], "en");

    // Nederlands in Settings, as the owner picks it.
    app.open_settings().await?;
    app.el("set-language").await?.select_by_value("nl").await?;
    app.click("btn-save-settings").await?;
    let dutch = wait_for("the menu in Dutch", STEP, || async {
        let l = host.menu_labels(&item, &menu).await.ok()?;
        l.iter().any(|l| l == "Afsluiten").then_some(l)
    })
    .await?;
    assert!(
        dutch.iter().any(|l| l.starts_with("Laadtoestand ")),
        "the readings' lines too: {dutch:?}"
    );
    assert!(
        !dutch
            .iter()
            .any(|l| l == "Quit" || l.starts_with("State of charge")),
        "{dutch:?}"
    );
    // The window turned Dutch with it, without a reload.
    app.wait_text("settings-message", "the Dutch save message", |t| {
        t == "Opgeslagen."
    })
    .await?;
    assert_eq!(app.state().await?["language"], "nl");
    // The choice is in the settings file, so it holds after a restart.
    let file = std::fs::read_to_string(app.config_dir.path().join("settings.json"))?;
    let file: serde_json::Value = serde_json::from_str(&file)?;
    assert_eq!(file["language"], "nl", "{file}");

    // And back to the system's language (English here), over IPC as the window sends it.
    let saved = app
        .invoke(
            "save_settings",
            json!({
                "settings": {"host": sim.addr().ip().to_string(), "port": sim.addr().port(),
                             "poll_interval_s": 300, "control_enabled": false,
                             "autostart": false, "language": "system"},
                "password": null, "clearPassword": false}),
        )
        .await?
        .map_err(|e| format!("save_settings: {e}"))?;
    assert_eq!(saved["language"], "system", "{saved}");
    wait_for("the menu in English again", STEP, || async {
        let l = host.menu_labels(&item, &menu).await.ok()?;
        l.iter().any(|l| l == "Quit").then_some(())
    })
    .await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs a desktop session: scripts/desktop-session.sh"]
async fn under_a_dutch_lang_the_window_speaks_dutch() -> Result<()> {
    let sim = start_sim(63.0).await;
    let app = WindowApp::launch_with(
        "dutch-window",
        sim.addr(),
        Launch {
            lang: "nl_NL.UTF-8",
            ..Launch::default()
        },
    )
    .await?;
    let result = async {
        app.wait_text("soc", "the state of charge", |t| t == "63 %")
            .await?;
        let bar = app
            .wait_text("pressure", "the pressure", |t| t.ends_with(" bar"))
            .await?;
        let expected = format!("{} bar", dutch_bar(sim.snapshot().pressure_bar, 2));
        assert_eq!(bar, expected, "a decimal comma");
        app.wait_text("connection-text", "the connection", |t| t == "verbonden")
            .await?;
        let lang = app
            .client
            .execute("return document.documentElement.lang", vec![])
            .await?;
        assert_eq!(lang, "nl");
        let body = app
            .client
            .execute("return document.body.innerText", vec![])
            .await?;
        // innerText as shown (headings in capitals): compared without case.
        let body = body.as_str().unwrap_or_default().to_lowercase();
        for dutch in ["druk", "bediening", "bijwerken", "opgeslagen energie"] {
            assert!(body.contains(dutch), "{dutch:?} in the window: {body}");
        }
        for english in [
            "pressure",
            "state of charge",
            "refresh",
            "controls",
            "heater",
        ] {
            assert!(!body.contains(english), "{english:?} left in: {body}");
        }
        // Test connection answers in Dutch too (a backend sentence).
        app.open_settings().await?;
        app.click("btn-test-connection").await?;
        let said = app
            .wait_text("settings-message", "the test result", |t| {
                t.starts_with("Verbonden")
            })
            .await?;
        assert!(said.contains("63 %"), "{said}");
        Ok::<_, Error>(())
    }
    .await;
    app.finish(result).await
}
