//! Control: a command is previewed (validated in the backend, against PROTOCOL.md's
//! limits and the last reading), confirmed by the owner with the preview's token, sent
//! one at a time, and read back. The tray's Start / Stop / Resume only ask the window to
//! confirm. A command that fails or is not confirmed is also a notification.

use std::time::Instant;

use nestore_tray_core::actions::{self, CommandArgs, OutcomeView, Preview};
use nestore_tray_core::error::IpcError;
use nestore_tray_core::presentation;
use nestore_tray_core::settings::ChargeDefaults;
use tauri::AppHandle;

use super::{app, publish, App};
use crate::tray::TrayAction;

/// Validates `cmd` and hands out the token that its send must carry.
pub fn preview(handle: &AppHandle, cmd: CommandArgs) -> Result<Preview, IpcError> {
    let app = app(handle);
    let cat = app.catalogue();
    if let Some(why) = app.control_unavailable() {
        return Err(IpcError::refused(cat.label(why)));
    }
    let soc = app.poller.status().reading.and_then(|r| r.soc_pct.value());
    let mut preview = actions::preview(cat, cmd, soc)?;
    preview.token = app.gate.lock().unwrap().issue(cmd, Instant::now());
    Ok(preview)
}

/// Sends a confirmed command and publishes the outcome. A start also becomes the "last
/// used" charge; the owner's own Stop or Resume ends the watch's charge tracking.
pub async fn send(
    handle: &AppHandle,
    cmd: CommandArgs,
    token: &str,
) -> Result<OutcomeView, IpcError> {
    let app = app(handle);
    let cat = app.catalogue();
    let Some(target) = app.poller.target() else {
        return Err(IpcError::refused(cat.label("control-no-device")));
    };
    if !app.facts.lock().unwrap().control_enabled {
        return Err(IpcError::refused(cat.label("control-off")));
    }
    app.gate
        .lock()
        .unwrap()
        .begin(cmd, token, Instant::now())
        .map_err(|e| IpcError::refused(e.message(cat)))?;
    app.facts.lock().unwrap().confirm = None;
    publish(handle);
    let outcome = actions::execute(cat, &target.client, cmd).await;
    if outcome.sent {
        let mut monitor = app.monitor.lock().unwrap();
        match cmd {
            CommandArgs::Start {
                power_w,
                target_soc_pct,
                duration_min,
            } => {
                monitor.charge_started(target_soc_pct);
                drop(monitor);
                remember_charge(
                    &app,
                    ChargeDefaults {
                        power_w,
                        target_soc_pct,
                        duration_min,
                    },
                );
            }
            CommandArgs::Stop { .. } | CommandArgs::Auto => monitor.charge_cancelled(),
        }
        super::timers::manual(handle);
    }
    app.record([nestore_tray_core::recorder::command(
        cat,
        cmd,
        &outcome,
        app.poller.status().demo,
    )]);
    app.facts.lock().unwrap().last_outcome = Some(outcome.clone());
    app.gate.lock().unwrap().finish();
    if !outcome.ok {
        crate::notify::command_failed(
            handle,
            &outcome,
            &presentation::notify_labels(app.catalogue()),
            app.icon.as_ref(),
        );
    }
    app.poller.refresh_now();
    publish(handle);
    Ok(outcome)
}

fn remember_charge(app: &App, d: ChargeDefaults) {
    app.facts.lock().unwrap().defaults = d;
    let mut settings = app.settings.lock().unwrap();
    settings.charge_defaults = d;
    if let Err(e) = app.store.save(&settings) {
        tracing::warn!("cannot save the last used charge: {e}");
    }
}

/// The window shows its confirmation for `cmd` (it previews, then sends or cancels).
fn ask_to_confirm(handle: &AppHandle, cmd: CommandArgs) {
    app(handle).facts.lock().unwrap().confirm = Some(cmd);
    publish(handle);
    crate::window::open(handle);
}

pub fn cancel_confirmation(handle: &AppHandle) {
    app(handle).facts.lock().unwrap().confirm = None;
    publish(handle);
}

/// Start / Stop / Resume automatic in the tray menu: never sent from there.
pub(super) fn ask_from_tray(handle: &AppHandle, action: TrayAction) {
    let defaults = app(handle).facts.lock().unwrap().defaults;
    let cmd = match action {
        TrayAction::Start => CommandArgs::from_defaults(defaults),
        TrayAction::Stop => CommandArgs::Stop {
            duration_min: defaults.duration_min,
        },
        _ => CommandArgs::Auto,
    };
    ask_to_confirm(handle, cmd);
}
