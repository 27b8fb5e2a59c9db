//! Desktop notifications (notify-rust). The watch decides what to say and whether to say
//! it; this only delivers, and hands the buttons ("Open", "Snooze 1 h") back as a
//! [`NotifyAction`]. Each condition has one notification on screen: a new notice of the
//! same condition replaces it, and its recovery replaces the alarm with a quiet note that
//! goes away on its own.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Mutex;

use nestore_tray_core::actions::OutcomeView;
use nestore_tray_core::presentation::NotifyLabels;
use nestore_tray_core::running_low::LowNotice;
use nestore_tray_core::timekeeper::TimerNotice;
use nestore_watch::{Kind, Notice, Phase, Severity};
use notify_rust::{Notification, Timeout, Urgency};
use tauri::{AppHandle, Manager};

const APP_NAME: &str = "NEStore Tray";
/// What the notification's actions are called on the bus (Linux) or the toast (Windows);
/// macOS notifications get no buttons (docs/platforms.md).
#[cfg_attr(target_os = "macos", allow(dead_code))]
pub const ACTION_OPEN: &str = "open";
#[cfg_attr(target_os = "macos", allow(dead_code))]
pub const ACTION_SNOOZE: &str = "snooze-1h";
#[cfg_attr(target_os = "macos", allow(dead_code))]
pub const ACTION_START: &str = "start-charging";

/// A button on a notification.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotifyAction {
    Open,
    #[cfg_attr(target_os = "macos", allow(dead_code))]
    Snooze1h,
    /// Opens the window's confirmation of a charge (the running-low notice).
    #[cfg_attr(target_os = "macos", allow(dead_code))]
    StartCharging,
}

/// What a notification is about, so the next one of the same topic replaces it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Topic {
    Alert(Kind),
    Command,
    Timer,
    RunningLow,
}

/// The server's id of the notification on screen per topic.
#[derive(Default)]
struct Shown(Mutex<HashMap<Topic, u32>>);

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

/// A notice of the pressure watch.
pub fn alert(
    app: &AppHandle,
    notice: &Notice,
    labels: &NotifyLabels,
    icon: Option<&PathBuf>,
    on_action: fn(&AppHandle, NotifyAction),
) {
    // "Back to normal" needs no action, whatever it ends: it comes quietly and goes.
    let recovered = notice.phase == Phase::Recovered;
    let urgency = match notice.severity {
        _ if recovered => Urgency::Normal,
        Severity::Alarm => Urgency::Critical,
        Severity::Warning => Urgency::Normal,
        Severity::Info => Urgency::Low,
    };
    // Alarms stay until dismissed; the rest go away on their own.
    let sticky = notice.severity == Severity::Alarm && !recovered;
    send(
        app,
        Topic::Alert(notice.kind),
        &notice.title,
        &notice.body,
        urgency,
        sticky,
        labels,
        icon,
        on_action,
    );
}

/// A command that failed or that the device did not confirm.
pub fn command_failed(
    app: &AppHandle,
    outcome: &OutcomeView,
    labels: &NotifyLabels,
    icon: Option<&PathBuf>,
) {
    let title = if outcome.sent {
        &labels.command_not_confirmed
    } else {
        &labels.command_failed
    };
    send(
        app,
        Topic::Command,
        title,
        &outcome.message,
        Urgency::Normal,
        false,
        labels,
        icon,
        open_only,
    );
}

/// "Hot water is running low", with a button to start charging (through the window's
/// confirmation).
pub fn running_low(
    app: &AppHandle,
    notice: &LowNotice,
    labels: &NotifyLabels,
    icon: Option<&PathBuf>,
    on_action: fn(&AppHandle, NotifyAction),
) {
    send(
        app,
        Topic::RunningLow,
        &notice.title,
        &notice.body,
        Urgency::Normal,
        false,
        labels,
        icon,
        on_action,
    );
}

/// The one button of a command's or a timer's notification: Open.
fn open_only(app: &AppHandle, action: NotifyAction) {
    if action == NotifyAction::Open {
        crate::window::open(app);
    }
}

/// A charge timer's action, or why it could not act.
pub fn timer(app: &AppHandle, notice: &TimerNotice, labels: &NotifyLabels, icon: Option<&PathBuf>) {
    send(
        app,
        Topic::Timer,
        &notice.title,
        &notice.body,
        Urgency::Normal,
        false,
        labels,
        icon,
        open_only,
    );
}

#[allow(clippy::too_many_arguments)]
fn send(
    app: &AppHandle,
    topic: Topic,
    title: &str,
    body: &str,
    urgency: Urgency,
    sticky: bool,
    labels: &NotifyLabels,
    icon: Option<&PathBuf>,
    on_action: fn(&AppHandle, NotifyAction),
) {
    let mut n = Notification::new();
    n.appname(APP_NAME).summary(title).body(body);
    if let Some(icon) = icon {
        n.icon(&icon.to_string_lossy());
    }
    let shown = app
        .try_state::<Shown>()
        .map(|s| s.0.lock().unwrap().get(&topic).copied());
    if let Some(Some(id)) = shown {
        n.id(id);
    }
    // XDG hints, or a toast's buttons, scenario and duration on Windows.
    #[cfg(not(target_os = "macos"))]
    {
        n.urgency(urgency);
        if topic == Topic::RunningLow {
            n.action(ACTION_START, &labels.start_charging);
        }
        n.action(ACTION_OPEN, &labels.open);
        if matches!(topic, Topic::Alert(_)) && urgency != Urgency::Critical {
            n.action(ACTION_SNOOZE, &labels.snooze_hour);
        }
        n.timeout(if sticky {
            Timeout::Never
        } else {
            Timeout::Default
        });
    }
    #[cfg(target_os = "macos")]
    let _ = (urgency, sticky, labels, Timeout::Default);
    #[cfg(windows)]
    {
        // Without it, Windows shows the toast as coming from PowerShell.
        n.app_id(crate::APP_ID);
    }
    if app.try_state::<Shown>().is_none() {
        app.manage(Shown::default());
    }
    let app = app.clone();
    // Waiting for an action blocks, so each notification gets a blocking task.
    tauri::async_runtime::spawn_blocking(move || match n.show() {
        Ok(handle) => {
            // Only the XDG handle has an id: Windows toasts and macOS notifications are
            // not replaced (docs/platforms.md).
            #[cfg(all(unix, not(target_os = "macos")))]
            {
                tracing::info!(id = handle.id(), ?topic, "notification shown");
                app.state::<Shown>()
                    .0
                    .lock()
                    .unwrap()
                    .insert(topic, handle.id());
            }
            #[cfg(not(all(unix, not(target_os = "macos"))))]
            let _ = topic;
            #[cfg(not(target_os = "macos"))]
            handle.wait_for_action(|action| match action {
                ACTION_OPEN => on_action(&app, NotifyAction::Open),
                ACTION_SNOOZE => on_action(&app, NotifyAction::Snooze1h),
                ACTION_START => on_action(&app, NotifyAction::StartCharging),
                _ => {}
            });
            #[cfg(target_os = "macos")]
            let _ = (handle, app, on_action);
        }
        Err(e) => tracing::warn!("cannot show a notification: {e}"),
    });
}
