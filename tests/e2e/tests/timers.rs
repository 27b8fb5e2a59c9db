//! Charge timers in the settings (issue 11, part 2): saved through the window's IPC and
//! through its Settings form (the Timers section), kept in the file, refused with the timer
//! named when they overlap (the form shows the refusal at its Timers section).
//!
//!   cargo build -p nestore-tray
//!   scripts/desktop-session.sh cargo nextest run -p nestore-e2e --run-ignored only -E 'binary(timers)'

mod common;

use common::*;
use fantoccini::Locator;
use serde_json::json;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs a desktop session: scripts/desktop-session.sh"]
async fn timers_are_saved_and_overlapping_ones_refused_naming_the_timer() -> Result<()> {
    let sim = start_sim(63.0).await;
    let app = WindowApp::launch("timers", sim.addr()).await?;
    let result = async {
        app.wait_text("soc", "the first reading", |t| t == "63 %")
            .await?;
        let night = json!({"days": ["mon", "tue", "wed", "thu", "fri"], "start": "22:00",
                           "end": "06:00", "kind": "charge", "power_w": 2000,
                           "target_soc_pct": 90, "enabled": true});
        let evening = json!({"days": ["sat", "sun"], "start": "17:00", "end": "20:00",
                             "kind": "block", "enabled": true});
        let settings = |timers: serde_json::Value| {
            json!({
                "settings": {"host": sim.addr().ip().to_string(), "port": sim.addr().port(),
                             "poll_interval_s": 300, "control_enabled": false,
                             "autostart": false, "timers": timers},
                "password": null, "clearPassword": false})
        };
        let saved = app
            .invoke("save_settings", settings(json!([night, evening])))
            .await?
            .map_err(|e| format!("save_settings: {e}"))?;
        assert_eq!(saved["timers"], json!([night, evening]), "{saved}");
        let file = std::fs::read_to_string(app.config_dir.path().join("settings.json"))?;
        let file: serde_json::Value = serde_json::from_str(&file)?;
        assert_eq!(file["timers"], json!([night, evening]), "{file}");

        // Tuesday 05:00-07:00 overlaps the night's end: refused, nothing saved.
        let morning = json!({"days": ["tue"], "start": "05:00", "end": "07:00",
                             "kind": "block", "enabled": true});
        let refused = app
            .invoke("save_settings", settings(json!([night, morning])))
            .await?
            .err()
            .ok_or("overlapping timers were saved")?;
        assert_eq!(refused["code"], "invalid", "{refused}");
        assert_eq!(refused["field"], "timers", "{refused}");
        assert_eq!(
            refused["message"], "Timer 2: it overlaps timer 1",
            "{refused}"
        );
        let kept = app
            .invoke("get_settings", json!({}))
            .await?
            .map_err(|e| format!("get_settings: {e}"))?;
        assert_eq!(kept["timers"], json!([night, evening]), "{kept}");
        // The window's own save sends no timers: they stay as they are.
        app.open_settings().await?;
        app.click("btn-save-settings").await?;
        app.wait_text("settings-message", "the save", |t| t == "Saved.")
            .await?;
        let file = std::fs::read_to_string(app.config_dir.path().join("settings.json"))?;
        let file: serde_json::Value = serde_json::from_str(&file)?;
        assert_eq!(file["timers"], json!([night, evening]), "{file}");
        Ok::<_, Error>(())
    }
    .await;
    app.finish(result).await
}

/// The settings file's timers.
fn file_timers(app: &WindowApp) -> Result<serde_json::Value> {
    let file = std::fs::read_to_string(app.config_dir.path().join("settings.json"))?;
    let file: serde_json::Value = serde_json::from_str(&file)?;
    Ok(file["timers"].clone())
}

/// Picks `value` in select `id`, as the owner would.
async fn pick(app: &WindowApp, id: &str, value: &str) -> Result<()> {
    let el = app.el(id).await?;
    app.scroll_to(&el).await?;
    el.select_by_value(value)
        .await
        .map_err(|e| format!("picking {value} in #{id}: {e}"))?;
    Ok(())
}

/// Clicks the toggle of `day` in timer `i`: its label, which holds the (invisible) box.
async fn toggle_day(app: &WindowApp, i: usize, day: &str) -> Result<()> {
    let label = app
        .client
        .find(Locator::XPath(&format!(
            "//input[@id='timer-{i}-day-{day}']/parent::label"
        )))
        .await?;
    app.scroll_to(&label).await?;
    label.click().await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs a desktop session: scripts/desktop-session.sh"]
async fn a_timer_added_in_settings_is_saved_and_an_overlapping_one_refused_at_the_section(
) -> Result<()> {
    let sim = start_sim(63.0).await;
    let app = WindowApp::launch("timers-form", sim.addr()).await?;
    let result = async {
        app.wait_text("soc", "the first reading", |t| t == "63 %")
            .await?;
        app.open_settings().await?;
        app.wait_text("timers-none", "the empty list of timers", |t| {
            t == "No timers yet."
        })
        .await?;

        // One timer through the form: weekdays 22:00-06:00, 2400 W up to 85 %, in the 3
        // cheapest hours.
        app.click("btn-timer-add").await?;
        app.wait_text("timer-0-title", "the new timer", |t| t == "Timer 1")
            .await?;
        for day in ["sat", "sun"] {
            toggle_day(&app, 0, day).await?;
        }
        pick(&app, "timer-0-start-h", "22").await?;
        pick(&app, "timer-0-end-h", "06").await?;
        pick(&app, "timer-0-power", "2400").await?;
        app.type_into("timer-0-target", "85").await?;
        // Only in the 3 cheapest hours of the night's 8.
        pick(&app, "timer-0-cheapest", "3").await?;
        let summary = app
            .wait_text("timer-0-summary", "the timer's summary", |t| {
                t.ends_with("cheapest hours")
            })
            .await?;
        assert_eq!(
            summary.replace('\u{a0}', " "),
            "Mon-Fri 22:00-06:00: charge at 2400 W up to 85 %, in the 3 cheapest hours"
        );
        app.click("btn-save-settings").await?;
        app.wait_text("settings-message", "the save", |t| t == "Saved.")
            .await?;
        let night = json!([{"days": ["mon", "tue", "wed", "thu", "fri"], "start": "22:00",
                            "end": "06:00", "kind": "charge", "power_w": 2400,
                            "target_soc_pct": 85, "enabled": true, "cheapest_hours": 3}]);
        assert_eq!(file_timers(&app)?, night);
        let kept = app
            .invoke("get_settings", json!({}))
            .await?
            .map_err(|e| format!("get_settings: {e}"))?;
        assert_eq!(kept["timers"], night, "{kept}");

        // The readings say what the timer does next (or now, on a weekday night). The tests'
        // price source is a closed port on loopback (NESTORE_PRICE_URL), so without prices
        // it charges in its last 3 hours, and says so.
        app.click("btn-back").await?;
        let line = app
            .wait_text("timer-line", "the timer line", |t| {
                (t.starts_with("Next timer: charge ")
                    || t.starts_with("Charging on a timer until "))
                    && t.ends_with("06:00 (no prices yet: its last hours)")
            })
            .await?;
        let state = app.state().await?;
        let timers = &state["timers"];
        let expected = if timers["active"].is_null() {
            "next"
        } else {
            "active"
        };
        assert_eq!(timers[expected]["timer"], 1, "{timers}");
        assert_eq!(timers[expected]["kind"], "charge", "{timers}");
        assert_eq!(
            line.starts_with("Next timer"),
            expected == "next",
            "{line:?} for {timers}"
        );
        app.open_settings().await?;
        app.wait_text("timer-0-title", "the timers loaded again", |t| {
            t == "Timer 1"
        })
        .await?;

        // A second, every day 02:00-05:00 (as added): Tuesday's overlaps the first's night.
        app.click("btn-timer-add").await?;
        app.wait_text("timer-1-title", "the second timer", |t| t == "Timer 2")
            .await?;
        app.click("btn-save-settings").await?;
        app.wait_text("timers-error", "the refusal at the Timers section", |t| {
            t == "Timer 2: it overlaps timer 1"
        })
        .await?;
        assert_eq!(
            app.text("settings-message").await?,
            "Timer 2: it overlaps timer 1"
        );
        let named = app.el("timer-1").await?;
        assert_eq!(
            named.attr("aria-invalid").await?.as_deref(),
            Some("true"),
            "the timer named is marked"
        );
        assert_eq!(app.el("timer-0").await?.attr("aria-invalid").await?, None);
        // What the owner set is still there, and nothing was saved.
        assert_eq!(
            app.el("timer-0-power")
                .await?
                .prop("value")
                .await?
                .as_deref(),
            Some("2400")
        );
        assert!(app.el("timer-1-enabled").await?.is_selected().await?);
        assert_eq!(file_timers(&app)?, night);
        let kept = app
            .invoke("get_settings", json!({}))
            .await?
            .map_err(|e| format!("get_settings: {e}"))?;
        assert_eq!(kept["timers"], night, "{kept}");
        Ok::<_, Error>(())
    }
    .await;
    app.finish(result).await
}
