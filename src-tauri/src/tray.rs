//! The tray icon and its menu. Linux trays deliver no clicks and no tooltips, so the
//! menu's first lines carry the readings.

use std::sync::Mutex;

use nestore_tray_core::actions::CommandArgs;
use nestore_tray_core::icon::{self, IconSpec};
use nestore_tray_core::presentation;
use nestore_tray_core::view::View;
use nestore_watch::Severity;
use tauri::image::Image;
use tauri::menu::{Menu, MenuEvent, MenuItem, PredefinedMenuItem};
use tauri::tray::TrayIconBuilder;
use tauri::{AppHandle, Manager};

use crate::shell::Shell;

pub const TRAY_ID: &str = "nestore";
/// Drawn at the size most panels show; they scale it for other sizes.
const ICON_PX: u32 = 32;

/// What the tray shows; it is touched only when this changes.
#[derive(Debug, Clone, PartialEq)]
struct Look {
    icon: IconSpec,
    lines: Vec<String>,
    control: bool,
    start_label: String,
    snoozed: bool,
}

#[derive(Default)]
struct Shown(Mutex<Option<Look>>);

pub fn create(app: &AppHandle) -> tauri::Result<()> {
    app.manage(Shown::default());
    let blank = icon::render(
        IconSpec {
            soc_pct: None,
            look: icon::Look::Offline,
        },
        ICON_PX,
    );
    TrayIconBuilder::with_id(TRAY_ID)
        .icon(Image::new_owned(blank.data, blank.width, blank.height))
        .tooltip("NEStore")
        .show_menu_on_left_click(true)
        .on_menu_event(on_menu)
        .build(app)?;
    Ok(())
}

pub fn update(app: &AppHandle, view: &View, worst: Option<Severity>) {
    let now = chrono::Utc::now();
    let spec = presentation::icon_spec(&view.status, worst, now);
    let active: Vec<_> = view
        .alerts
        .active
        .iter()
        .map(|a| (a.kind, a.severity))
        .collect();
    let mut lines = presentation::header_lines(&view.status, &active, &chrono::Local, now);
    let snoozed = view.alerts.snoozed_until.is_some_and(|t| t > now);
    if let Some(t) = view.alerts.snoozed_until.filter(|_| snoozed) {
        lines.push(format!(
            "Alerts snoozed until {}",
            t.with_timezone(&chrono::Local).format("%H:%M")
        ));
    }
    let control = view.control.available;
    let start_label = {
        let d = view.control.defaults;
        format!(
            "Start charging ({} W to {} %, {} min)",
            d.power_w, d.target_soc_pct, d.duration_min
        )
    };
    let shown = app.state::<Shown>();
    let mut shown = shown.0.lock().unwrap();
    let next = Look {
        icon: spec,
        lines,
        control,
        start_label,
        snoozed,
    };
    if shown.as_ref() == Some(&next) {
        return;
    }
    let Some(tray) = app.tray_by_id(TRAY_ID) else {
        return;
    };
    let rgba = icon::render(next.icon, ICON_PX);
    if let Err(e) = tray.set_icon(Some(Image::new_owned(rgba.data, rgba.width, rgba.height))) {
        tracing::warn!("cannot set the tray icon: {e}");
    }
    let title = presentation::title(&view.status);
    // The footprint script times the first charge shown from this line.
    tracing::info!(target: "nestore_tray::tray", look = ?next.icon.look, "tray shows {title}");
    let _ = tray.set_tooltip(Some(format!("NEStore {title}")));
    #[cfg(target_os = "macos")]
    let _ = tray.set_title(Some(&title));
    match build_menu(app, &next) {
        Ok(menu) => {
            if let Err(e) = tray.set_menu(Some(menu)) {
                tracing::warn!("cannot set the tray menu: {e}");
            }
        }
        Err(e) => tracing::warn!("cannot build the tray menu: {e}"),
    }
    *shown = Some(next);
}

fn build_menu(app: &AppHandle, look: &Look) -> tauri::Result<Menu<tauri::Wry>> {
    let menu = Menu::new(app)?;
    let item = |id: &str, text: &str, enabled: bool| {
        MenuItem::with_id(app, id, text, enabled, None::<&str>)
    };
    let separator = || PredefinedMenuItem::separator(app);
    // The readings first, as disabled lines: on Linux the menu is all a tray shows.
    for (i, line) in look.lines.iter().enumerate() {
        menu.append(&item(&format!("header-{i}"), line, false)?)?;
    }
    menu.append(&separator()?)?;
    menu.append(&item("open", "Open", true)?)?;
    menu.append(&item("refresh", "Refresh now", true)?)?;
    if look.control {
        menu.append(&separator()?)?;
        menu.append(&item("start", &look.start_label, true)?)?;
        menu.append(&item("stop", "Stop charging", true)?)?;
        menu.append(&item("auto", "Resume automatic", true)?)?;
    }
    menu.append(&separator()?)?;
    if look.snoozed {
        menu.append(&item("unsnooze", "Resume alerts", true)?)?;
    } else {
        menu.append(&item("snooze-1h", "Snooze alerts for 1 h", true)?)?;
        menu.append(&item(
            "snooze-tomorrow",
            "Snooze alerts until tomorrow",
            true,
        )?)?;
    }
    menu.append(&item("settings", "Settings", true)?)?;
    menu.append(&item("quit", "Quit", true)?)?;
    Ok(menu)
}

fn on_menu(app: &AppHandle, event: MenuEvent) {
    let shell = app.state::<Shell>();
    match event.id().as_ref() {
        "open" => crate::window::open(app),
        "settings" => crate::window::open_settings(app),
        "refresh" => shell.poller.refresh_now(),
        "snooze-1h" => crate::alerts::snooze_hours(app, 1),
        "snooze-tomorrow" => crate::alerts::snooze_until_tomorrow(app),
        "unsnooze" => crate::alerts::snooze(app, None),
        "quit" => app.exit(0),
        id @ ("start" | "stop" | "auto") => {
            let defaults = shell.facts.lock().unwrap().defaults;
            let args = match id {
                "start" => CommandArgs::from_defaults(defaults),
                "stop" => CommandArgs::Stop {
                    duration_min: defaults.duration_min,
                },
                _ => CommandArgs::Auto,
            };
            let app = app.clone();
            tauri::async_runtime::spawn(async move {
                let outcome = crate::commands::run_command(&app, args).await;
                tracing::info!(ok = outcome.ok, "{}", outcome.message);
            });
        }
        _ => {}
    }
}
