//! Desktop notifications for the pressure watch (notify-rust). The watch decides what to
//! say and whether to say it; this only delivers it, with "Open" and "Snooze 1 h" where
//! the platform supports actions.

use std::path::PathBuf;

use nestore_watch::{Notice, Phase, Severity};
use notify_rust::{Notification, Timeout, Urgency};
use tauri::{AppHandle, Manager};

const APP_NAME: &str = "NEStore Tray";
/// What the notification's actions are called on the bus.
pub const ACTION_OPEN: &str = "open";
pub const ACTION_SNOOZE: &str = "snooze-1h";

/// The app icon as a file, since notification servers take a path or a theme name.
pub fn icon_file(app: &AppHandle) -> Option<PathBuf> {
    let dir = app.path().app_cache_dir().ok()?;
    let path = dir.join("nestore-tray.png");
    if !path.exists() {
        let png = nestore_tray_core::icon::app_icon_png(128);
        std::fs::create_dir_all(&dir).ok()?;
        std::fs::write(&path, png).ok()?;
    }
    Some(path)
}

pub fn send(app: &AppHandle, notice: &Notice, icon: Option<&PathBuf>) {
    let mut n = Notification::new();
    n.appname(APP_NAME)
        .summary(&notice.title)
        .body(&notice.body);
    if let Some(icon) = icon {
        n.icon(&icon.to_string_lossy());
    }
    #[cfg(all(unix, not(target_os = "macos")))]
    {
        // "Back to normal" needs no action, whatever it ends: it comes quietly and goes.
        let recovered = notice.phase == Phase::Recovered;
        n.urgency(match notice.severity {
            _ if recovered => Urgency::Normal,
            Severity::Alarm => Urgency::Critical,
            Severity::Warning => Urgency::Normal,
            Severity::Info => Urgency::Low,
        });
        n.action(ACTION_OPEN, "Open")
            .action(ACTION_SNOOZE, "Snooze 1 h");
        // Alarms stay until dismissed; the rest go away on their own.
        if notice.severity == Severity::Alarm && !recovered {
            n.timeout(Timeout::Never);
        }
    }
    #[cfg(windows)]
    {
        // Without it, Windows shows the toast as coming from PowerShell.
        n.app_id(crate::APP_ID);
    }
    let app = app.clone();
    // Waiting for an action blocks, so each notification gets a blocking task.
    tauri::async_runtime::spawn_blocking(move || match n.show() {
        #[cfg(all(unix, not(target_os = "macos")))]
        Ok(handle) => handle.wait_for_action(|action| match action {
            ACTION_OPEN => crate::window::open(&app),
            ACTION_SNOOZE => crate::alerts::snooze_hours(&app, 1),
            _ => {}
        }),
        #[cfg(not(all(unix, not(target_os = "macos"))))]
        Ok(_) => {}
        Err(e) => tracing::warn!("cannot show a notification: {e}"),
    });
}
