//! The readings window: created on demand and destroyed when closed, so that no WebKit
//! process stays alive while the app only sits in the tray.

use tauri::{AppHandle, Emitter, Manager, WebviewUrl, WebviewWindowBuilder};

pub const LABEL: &str = "main";
const WIDTH: f64 = 380.0;
const HEIGHT: f64 = 640.0;
/// Distance from the screen edge and the panel.
const MARGIN: f64 = 12.0;
const PANEL: f64 = 40.0;

pub fn open(app: &AppHandle) {
    show(app, "index.html");
}

pub fn open_settings(app: &AppHandle) {
    if let Some(w) = app.get_webview_window(LABEL) {
        let _ = w.emit("show-settings", ());
    }
    show(app, "index.html#settings");
}

fn show(app: &AppHandle, page: &str) {
    if let Some(w) = app.get_webview_window(LABEL) {
        let _ = w.unminimize();
        let _ = w.show();
        let _ = w.set_focus();
        return;
    }
    let (x, y) = corner(app);
    let built = WebviewWindowBuilder::new(app, LABEL, WebviewUrl::App(page.into()))
        .title("NEStore")
        .inner_size(WIDTH, HEIGHT)
        .min_inner_size(320.0, 420.0)
        .position(x, y)
        .focused(true)
        .build();
    match built {
        Ok(_) => tracing::info!("window created"),
        Err(e) => tracing::error!("cannot open the window: {e}"),
    }
}

/// Near the tray: top right on Linux and macOS (where panels and the menu bar usually
/// are), bottom right on Windows. Trays on Linux report no position to ask instead.
fn corner(app: &AppHandle) -> (f64, f64) {
    let Ok(Some(m)) = app.primary_monitor() else {
        return (MARGIN, MARGIN);
    };
    let scale = m.scale_factor();
    let size = m.size().to_logical::<f64>(scale);
    let pos = m.position().to_logical::<f64>(scale);
    let x = pos.x + size.width - WIDTH - MARGIN;
    let y = if cfg!(target_os = "windows") {
        pos.y + size.height - HEIGHT - PANEL - MARGIN
    } else {
        pos.y + PANEL
    };
    (x.max(pos.x), y.max(pos.y))
}
