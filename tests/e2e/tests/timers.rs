//! Charge timers in the settings (issue 11, part 2; the app does not carry them out yet):
//! saved through the window's IPC, kept in the file, refused with the timer named when they
//! overlap.
//!
//!   cargo build -p nestore-tray
//!   scripts/desktop-session.sh cargo nextest run -p nestore-e2e --run-ignored only -E 'binary(timers)'

mod common;

use common::*;
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
        app.click("btn-settings").await?;
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
