//! The IPC commands the window calls (`docs/ipc.md`). Each validates in the backend; the
//! window's own checks are a convenience only.

use nestore::{Client, ClientConfig, SecretString};
use nestore_tray_core::actions::{self, CommandArgs, OutcomeView, Preview};
use nestore_tray_core::settings::{ChargeDefaults, Settings};
use nestore_tray_core::view::View;
use nestore_watch::Thresholds;
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Manager, State};

use crate::shell::{publish, Shell};

#[tauri::command]
pub fn get_state(shell: State<'_, Shell>) -> View {
    // The footprint script times "window shows data" from this line.
    tracing::info!("window: state delivered");
    shell.view()
}

#[tauri::command]
pub fn refresh_now(shell: State<'_, Shell>) {
    shell.poller.refresh_now();
}

#[tauri::command]
pub fn preview_command(shell: State<'_, Shell>, cmd: CommandArgs) -> Result<Preview, String> {
    let soc = shell
        .poller
        .status()
        .reading
        .and_then(|r| r.soc_pct.value());
    actions::preview(cmd, soc)
}

#[tauri::command]
pub async fn send_command(app: AppHandle, cmd: CommandArgs) -> Result<OutcomeView, String> {
    Ok(run_command(&app, cmd).await)
}

/// Sends one command (from the window or the tray menu), one at a time, and publishes
/// the outcome. A start also becomes the "last used" charge.
pub async fn run_command(app: &AppHandle, cmd: CommandArgs) -> OutcomeView {
    let shell = app.state::<Shell>();
    let refuse = |message: &str| OutcomeView {
        ok: false,
        message: message.into(),
        state: None,
        at: chrono::Utc::now(),
    };
    let Some(target) = shell.poller.target() else {
        return refuse("No device is configured.");
    };
    {
        let mut facts = shell.facts.lock().unwrap();
        if !facts.control_enabled {
            return refuse("Control is off. Turn it on in Settings.");
        }
        if facts.busy {
            return refuse("Another command is still being sent.");
        }
        facts.busy = true;
    }
    publish(app);
    let outcome = actions::execute(&target.client, cmd).await;
    if let (
        true,
        CommandArgs::Start {
            power_w,
            target_soc_pct,
            duration_min,
        },
    ) = (outcome.ok, cmd)
    {
        remember_charge(
            &shell,
            ChargeDefaults {
                power_w,
                target_soc_pct,
                duration_min,
            },
        );
        shell.alerts.charge_started(target_soc_pct);
    }
    {
        let mut facts = shell.facts.lock().unwrap();
        facts.busy = false;
        facts.last_outcome = Some(outcome.clone());
    }
    shell.poller.refresh_now();
    publish(app);
    outcome
}

fn remember_charge(shell: &Shell, d: ChargeDefaults) {
    shell.facts.lock().unwrap().defaults = d;
    let mut settings = shell.settings.lock().unwrap();
    settings.charge_defaults = d;
    if let Err(e) = shell.store.save(&settings) {
        tracing::warn!("cannot save the last used charge: {e}");
    }
}

#[derive(Debug, Serialize)]
pub struct SettingsView {
    host: Option<String>,
    port: u16,
    poll_interval_s: u64,
    control_enabled: bool,
    autostart: bool,
    alerts: Thresholds,
    password_stored: bool,
    keyring_error: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct SettingsInput {
    host: Option<String>,
    port: u16,
    poll_interval_s: u64,
    control_enabled: bool,
    autostart: bool,
    /// Absent: keep the thresholds in force.
    alerts: Option<Thresholds>,
}

async fn settings_view(shell: &Shell) -> SettingsView {
    let s = shell.settings.lock().unwrap().clone();
    let (password_stored, keyring_error) = match &s.host {
        None => (false, None),
        Some(host) => {
            let (ks, host) = (shell.keystore.clone(), host.clone());
            match tauri::async_runtime::spawn_blocking(move || ks.is_stored(&host)).await {
                Ok(Ok(stored)) => (stored, None),
                Ok(Err(e)) => (false, Some(e.to_string())),
                Err(e) => (false, Some(e.to_string())),
            }
        }
    };
    SettingsView {
        host: s.host,
        port: s.port,
        poll_interval_s: s.poll_interval_s,
        control_enabled: s.control_enabled,
        autostart: s.autostart,
        alerts: s.alerts,
        password_stored,
        keyring_error,
    }
}

#[tauri::command]
pub async fn get_settings(shell: State<'_, Shell>) -> Result<SettingsView, String> {
    Ok(settings_view(&shell).await)
}

/// Saves the settings file (never the password), stores or forgets the password in the
/// OS keyring, and applies everything at once.
#[tauri::command]
pub async fn save_settings(
    app: AppHandle,
    settings: SettingsInput,
    password: Option<String>,
    clear_password: bool,
) -> Result<SettingsView, String> {
    let shell = app.state::<Shell>();
    let old = shell.settings.lock().unwrap().clone();
    let new = Settings {
        host: settings.host,
        port: settings.port,
        poll_interval_s: settings.poll_interval_s,
        control_enabled: settings.control_enabled,
        autostart: settings.autostart,
        charge_defaults: old.charge_defaults,
        alerts: settings.alerts.unwrap_or(old.alerts),
    }
    .normalised();
    new.validate().map_err(|e| e.to_string())?;
    let password = password.filter(|p| !p.is_empty()).map(SecretString::from);
    if password.is_some() && new.host.is_none() {
        return Err("host: enter the device's address before its password".into());
    }
    shell
        .store
        .save(&new)
        .map_err(|e| format!("cannot save the settings file: {e}"))?;
    *shell.settings.lock().unwrap() = new.clone();

    if let Some(host) = new.host.clone() {
        let ks = shell.keystore.clone();
        let result = tauri::async_runtime::spawn_blocking(move || match password {
            Some(pw) => ks.set(&host, &pw),
            None if clear_password => ks.delete(&host).map(drop),
            None => Ok(()),
        })
        .await
        .map_err(|e| e.to_string())?;
        result.map_err(|e| format!("Settings saved, but the OS keyring failed: {e}"))?;
    }
    apply_autostart(&app, new.autostart);
    shell.alerts.set_thresholds(new.alerts.clone());
    {
        let mut facts = shell.facts.lock().unwrap();
        facts.control_enabled = new.control_enabled;
        facts.notice = None;
    }
    shell.poller.set_interval(shell.normal_interval());
    match &new.host {
        Some(host) => shell.use_device(host, new.port).await?,
        None if !shell.poller.status().demo => shell.poller.retarget(None),
        None => {}
    }
    publish(&app);
    Ok(settings_view(&shell).await)
}

fn apply_autostart(app: &AppHandle, on: bool) {
    use tauri_plugin_autostart::ManagerExt;
    let launcher = app.autolaunch();
    let result = if on {
        launcher.enable()
    } else {
        launcher.disable()
    };
    if let Err(e) = result {
        tracing::warn!("cannot change start at login: {e}");
    }
}

#[derive(Debug, Serialize)]
pub struct TestResult {
    ok: bool,
    message: String,
}

#[tauri::command]
pub async fn test_connection(host: String, port: u16) -> TestResult {
    let client = match Client::with_config(&host, port, ClientConfig::default()) {
        Ok(c) => c,
        Err(e) => {
            return TestResult {
                ok: false,
                message: e.to_string(),
            }
        }
    };
    match client.poll().await {
        Ok(r) => {
            let version = client
                .api_version()
                .await
                .map(|v| v.to_string())
                .unwrap_or_default();
            let soc = r
                .soc_pct
                .value()
                .map(|v| format!("{v:.0} %"))
                .unwrap_or_else(|| "not reported".into());
            TestResult {
                ok: true,
                message: format!(
                    "Connected: the device answers (API {version}), state of charge {soc}."
                ),
            }
        }
        Err(e) => TestResult {
            ok: false,
            message: actions::plain(&e),
        },
    }
}

#[tauri::command]
pub async fn use_demo(app: AppHandle) -> Result<(), String> {
    app.state::<Shell>().start_demo().await?;
    publish(&app);
    Ok(())
}

/// Snooze the alerts: `"1h"`, `"tomorrow"` (until 07:00) or `"off"`. Alarms still notify.
#[tauri::command]
pub fn snooze_alerts(app: AppHandle, until: String) -> Result<(), String> {
    match until.as_str() {
        "1h" => crate::alerts::snooze_hours(&app, 1),
        "tomorrow" => crate::alerts::snooze_until_tomorrow(&app),
        "off" => crate::alerts::snooze(&app, None),
        other => return Err(format!("unknown snooze {other:?}: use 1h, tomorrow or off")),
    }
    Ok(())
}
