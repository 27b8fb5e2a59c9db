//! The IPC commands the window calls (`docs/ipc.md`): each is one hand-off to `app`, and
//! every failure is the one typed [`IpcError`] (`{code, message, field}`).

use nestore_tray_core::actions::{CommandArgs, OutcomeView, Preview};
use nestore_tray_core::error::IpcError;
use nestore_tray_core::view::View;
use tauri::{AppHandle, Manager, State};

use crate::app::{self, App, SettingsView, Snooze, TestResult};

#[tauri::command]
pub fn get_state(app: State<'_, App>) -> View {
    // The footprint script times "window shows data" from this line.
    tracing::info!("window: state delivered");
    app.view()
}

/// The whole message catalogue in the app's language, for the window to format its words
/// with (`docs/ipc.md`).
#[tauri::command]
pub fn get_catalogue(app: State<'_, App>) -> app::CatalogueView {
    app.catalogue_view()
}

#[tauri::command]
pub fn refresh_now(app: State<'_, App>) {
    app.refresh_now();
}

#[tauri::command]
pub fn preview_command(handle: AppHandle, cmd: CommandArgs) -> Result<Preview, IpcError> {
    app::preview(&handle, cmd)
}

#[tauri::command]
pub async fn send_command(
    handle: AppHandle,
    cmd: CommandArgs,
    token: Option<String>,
) -> Result<OutcomeView, IpcError> {
    // No token is no confirmation: refused like a wrong one, in the same typed error.
    app::send(&handle, cmd, token.as_deref().unwrap_or_default()).await
}

#[tauri::command]
pub fn cancel_confirmation(handle: AppHandle) {
    app::cancel_confirmation(&handle);
}

#[tauri::command]
pub async fn get_settings(handle: AppHandle) -> Result<SettingsView, IpcError> {
    Ok(app::get_settings(&handle).await)
}

#[tauri::command]
pub async fn save_settings(
    handle: AppHandle,
    settings: app::SettingsInput,
    password: Option<String>,
    clear_password: bool,
) -> Result<SettingsView, IpcError> {
    app::save_settings(&handle, settings, password, clear_password).await
}

#[tauri::command]
pub async fn test_connection(
    handle: AppHandle,
    host: String,
    port: u16,
    password: Option<String>,
) -> TestResult {
    app::test_connection(&handle, host, port, password).await
}

#[tauri::command]
pub async fn use_demo(handle: AppHandle) -> Result<(), IpcError> {
    app::use_demo(&handle).await
}

#[tauri::command]
pub async fn history_query(
    handle: AppHandle,
    from: chrono::DateTime<chrono::Utc>,
    to: chrono::DateTime<chrono::Utc>,
    buckets: Option<u32>,
) -> Result<nestore_history::HistoryView, IpcError> {
    app::history::query(&handle, from, to, buckets).await
}

#[tauri::command]
pub async fn history_export(
    handle: AppHandle,
    from: chrono::DateTime<chrono::Utc>,
    to: chrono::DateTime<chrono::Utc>,
    daily: bool,
) -> Result<app::history::Exported, IpcError> {
    app::history::export(&handle, from, to, daily).await
}

/// "Find my NEStore": searches (about 3 s); each hit is also sent as it comes
/// (`discovery-hit`).
#[tauri::command]
pub async fn discover(handle: AppHandle) -> Result<app::discover::Searched, IpcError> {
    app::discover::discover(&handle).await
}

/// "Check for updates": asks the update server now. A check that could not be made is an
/// answer (`problem`, quiet), not an error.
#[tauri::command]
pub async fn check_for_updates(
    handle: AppHandle,
) -> Result<nestore_tray_core::update::UpdateView, IpcError> {
    app::update::check(&handle).await
}

/// "Install", the owner's word after a check found an update: refused (nothing installed)
/// without one, or when its signature does not match the app's key.
#[tauri::command]
pub async fn install_update(handle: AppHandle) -> Result<app::update::Installed, IpcError> {
    app::update::install(&handle).await
}

/// `"1h"`, `"tomorrow"` (until 07:00) or `"off"`. Alarms still notify.
#[tauri::command]
pub fn snooze_alerts(handle: AppHandle, until: String) -> Result<(), IpcError> {
    let s = Snooze::parse(&until).ok_or_else(|| {
        let cat = handle.state::<App>().catalogue();
        IpcError::invalid(
            "until",
            cat.t(
                "snooze-unknown",
                &nestore_i18n::Args::new().text("value", format!("{until:?}")),
            ),
        )
    })?;
    app::snooze(&handle, s);
    Ok(())
}
