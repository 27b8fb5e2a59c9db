//! The readings window: created on demand and destroyed when closed, so that no WebKit
//! process stays alive while the app only sits in the tray. It only shows what it is
//! sent; it is sized to fit the screen's work area (its content scrolls).

use nestore_tray_core::placement::{self, Corner, Placement, MIN_HEIGHT, MIN_WIDTH};
use nestore_tray_core::view::View;
use tauri::{AppHandle, Emitter, Manager, WebviewUrl, WebviewWindowBuilder};

pub const LABEL: &str = "main";

pub fn open(app: &AppHandle) {
    show(app, "index.html");
}

pub fn open_settings(app: &AppHandle) {
    if let Some(w) = app.get_webview_window(LABEL) {
        let _ = w.emit("show-settings", ());
    }
    show(app, "index.html#settings");
}

/// Sends the state to the window, when it is open.
pub fn send_state(app: &AppHandle, view: &View) {
    if let Some(w) = app.get_webview_window(LABEL) {
        if let Err(e) = w.emit("state", view) {
            tracing::warn!("cannot send the state to the window: {e}");
        }
    }
}

/// Hands the window one device "Find my NEStore" found, as soon as it is found.
pub fn send_discovery_hit(app: &AppHandle, found: &impl serde::Serialize) {
    if let Some(w) = app.get_webview_window(LABEL) {
        if let Err(e) = w.emit("discovery-hit", found) {
            tracing::warn!("cannot send a search result to the window: {e}");
        }
    }
}

fn show(app: &AppHandle, page: &str) {
    if let Some(w) = app.get_webview_window(LABEL) {
        let _ = w.unminimize();
        let _ = w.show();
        let _ = w.set_focus();
        return;
    }
    let at = place(app);
    let built = WebviewWindowBuilder::new(app, LABEL, WebviewUrl::App(page.into()))
        .title("NEStore")
        .inner_size(at.width, at.height)
        .min_inner_size(MIN_WIDTH.min(at.width), MIN_HEIGHT.min(at.height))
        .position(at.x, at.y)
        .focused(true)
        .build();
    match built {
        Ok(_) => tracing::info!(width = at.width, height = at.height, "window created"),
        Err(e) => tracing::error!("cannot open the window: {e}"),
    }
}

/// Near the tray, inside the work area. Trays on Linux report no position to ask instead.
fn place(app: &AppHandle) -> Placement {
    let Ok(Some(m)) = app.primary_monitor() else {
        return placement::FALLBACK;
    };
    let scale = m.scale_factor();
    let area = m.work_area();
    let size = area.size.to_logical::<f64>(scale);
    let pos = area.position.to_logical::<f64>(scale);
    let corner = if cfg!(target_os = "windows") {
        Corner::BottomRight
    } else {
        Corner::TopRight
    };
    placement::fit(corner, pos.x, pos.y, size.width, size.height)
}
