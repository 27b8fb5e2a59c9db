//! Setting the app up: the settings (file, keyring, start at login, applied at once),
//! Test connection and the demo device. With control on, saving and Test connection log
//! in, so a wrong password is found now and not at the first command.

use std::sync::Arc;

use nestore::{Client, ClientConfig, SecretString};
use nestore_i18n::{Args, Catalogue, Choice};
use nestore_tray_core::error::IpcError;
use nestore_tray_core::settings::{PriceSource, Settings, SettingsError};
use nestore_watch::Thresholds;
use serde::{Deserialize, Serialize};
use tauri::AppHandle;

use super::{app, publish, App};

#[derive(Debug, Serialize)]
pub struct SettingsView {
    host: Option<String>,
    port: u16,
    poll_interval_s: u64,
    control_enabled: bool,
    autostart: bool,
    alerts: Thresholds,
    history_enabled: bool,
    history_keep_days: Option<u32>,
    /// "system", "en" or "nl".
    language: Choice,
    /// The charge timers.
    timers: Vec<nestore_schedule::Rule>,
    /// The running-low notice's level (null: off).
    low_charge_pct: Option<u8>,
    /// Where the timers in the cheapest hours get their prices.
    price_source: PriceSource,
    password_stored: bool,
    keyring_error: Option<String>,
    /// Whether the password works, when saving checked it.
    password_check: Option<Check>,
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
    /// Absent: as before.
    history_enabled: Option<bool>,
    /// Absent: as before; null: keep everything.
    #[serde(default, deserialize_with = "some_or_null")]
    history_keep_days: Option<Option<u32>>,
    /// Absent: as before.
    language: Option<Choice>,
    /// Absent: as before.
    timers: Option<Vec<nestore_schedule::Rule>>,
    /// Absent: as before; null: off.
    #[serde(default, deserialize_with = "some_or_null")]
    low_charge_pct: Option<Option<u8>>,
    /// Absent: as before.
    price_source: Option<PriceSource>,
}

/// A field that may be absent (None), null (Some(None)) or a value.
fn some_or_null<'de, D, T>(d: D) -> Result<Option<Option<T>>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(d).map(Some)
}

/// A yes or no with the owner's words.
#[derive(Debug, Clone, Serialize)]
pub struct Check {
    ok: bool,
    message: String,
}

#[derive(Debug, Serialize)]
pub struct TestResult {
    ok: bool,
    message: String,
    /// Whether the password works, when one was typed or is stored.
    login: Option<Check>,
}

fn settings_error(cat: &Catalogue, e: SettingsError) -> IpcError {
    IpcError::invalid(e.field(), e.message(cat))
}

async fn settings_view(app: &App, password_check: Option<Check>) -> SettingsView {
    let s = app.settings.lock().unwrap().clone();
    let cat = app.catalogue();
    let (password_stored, keyring_error) = match &s.host {
        None => (false, None),
        Some(host) => {
            let (ks, host) = (app.keystore.clone(), host.clone());
            match tauri::async_runtime::spawn_blocking(move || ks.is_stored(&host)).await {
                Ok(Ok(stored)) => (stored, None),
                Ok(Err(e)) => (false, Some(e.message(cat))),
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
        history_enabled: s.history_enabled,
        history_keep_days: s.history_keep_days,
        language: s.language,
        timers: s.timers,
        low_charge_pct: s.low_charge_pct,
        price_source: s.price_source,
        password_stored,
        keyring_error,
        password_check,
    }
}

pub async fn get_settings(handle: &AppHandle) -> SettingsView {
    settings_view(&app(handle), None).await
}

/// Logs in with the client's password: does it work?
async fn check_login(cat: &Catalogue, client: &Client) -> Check {
    match client.check_login().await {
        Ok(()) => Check {
            ok: true,
            message: cat.label("setup-password-works"),
        },
        Err(e) => Check {
            ok: false,
            message: e.message(cat),
        },
    }
}

/// Saves the settings file (never the password), stores or forgets the password in the
/// OS keyring, and applies everything at once.
pub async fn save_settings(
    handle: &AppHandle,
    input: SettingsInput,
    password: Option<String>,
    clear_password: bool,
) -> Result<SettingsView, IpcError> {
    let app = app(handle);
    let old = app.settings.lock().unwrap().clone();
    let new = Settings {
        host: input.host,
        port: input.port,
        poll_interval_s: input.poll_interval_s,
        control_enabled: input.control_enabled,
        autostart: input.autostart,
        charge_defaults: old.charge_defaults,
        alerts: input.alerts.unwrap_or(old.alerts),
        history_enabled: input.history_enabled.unwrap_or(old.history_enabled),
        history_keep_days: input.history_keep_days.unwrap_or(old.history_keep_days),
        language: input.language.unwrap_or(old.language),
        timers: input.timers.unwrap_or(old.timers),
        low_charge_pct: input.low_charge_pct.unwrap_or(old.low_charge_pct),
        price_source: input.price_source.unwrap_or(old.price_source),
    }
    .normalised();
    // The owner's words in the language just chosen, so that switching shows at once.
    let cat = Catalogue::get(new.language.resolve(app.system_language));
    new.validate().map_err(|e| settings_error(cat, e))?;
    let password = password.filter(|p| !p.is_empty()).map(SecretString::from);
    if password.is_some() && new.host.is_none() {
        return Err(IpcError::invalid(
            "host",
            cat.label("settings-error-address-before-password"),
        ));
    }
    app.store.save(&new).map_err(|e| {
        IpcError::io(cat.t(
            "settings-error-save",
            &Args::new().text("reason", e.to_string()),
        ))
    })?;
    *app.settings.lock().unwrap() = new.clone();
    app.timers.set_rules(new.timers.clone());
    app.prices.kick();

    if let Some(host) = new.host.clone() {
        let ks = app.keystore.clone();
        let result = tauri::async_runtime::spawn_blocking(move || match password {
            Some(pw) => ks.set(&host, &pw),
            None if clear_password => ks.delete(&host).map(drop),
            None => Ok(()),
        })
        .await
        .map_err(|e| IpcError::internal(e.to_string()))?;
        result.map_err(|e| {
            IpcError::keyring(cat.t(
                "settings-error-keyring",
                &Args::new().text("reason", e.message(cat)),
            ))
        })?;
    }
    apply_autostart(handle, new.autostart);
    if new.history_keep_days != old.history_keep_days {
        if let Some(h) = &*app.history.lock().unwrap() {
            h.prune(new.history_keep_days);
        }
    }
    {
        let mut monitor = app.monitor.lock().unwrap();
        monitor.set_thresholds(new.alerts.clone());
        monitor.set_language(app.language());
        let interval = monitor.set_normal_interval(app.normal_interval());
        app.poller.set_interval(interval);
    }
    {
        let mut facts = app.facts.lock().unwrap();
        facts.control_enabled = new.control_enabled;
        facts.notice = None;
    }
    match &new.host {
        Some(host) => app
            .use_device(host, new.port)
            .await
            .map_err(|e| IpcError::invalid("host", e.message(cat)))?,
        None if !app.poller.status().demo => app.poller.retarget(None),
        None => {}
    }
    let password_check = match app.poller.target() {
        Some(t) if new.control_enabled && !t.demo && t.client.has_password() => {
            Some(check_login(cat, &t.client).await)
        }
        _ => None,
    };
    publish(handle);
    Ok(settings_view(&app, password_check).await)
}

fn apply_autostart(handle: &AppHandle, on: bool) {
    use tauri_plugin_autostart::ManagerExt;
    let launcher = handle.autolaunch();
    let result = if on {
        launcher.enable()
    } else {
        launcher.disable()
    };
    if let Err(e) = result {
        tracing::warn!("cannot change start at login: {e}");
    }
}

/// Asks the device at `host:port` for a reading; with a password (typed, or stored for
/// that host), also logs in.
pub async fn test_connection(
    handle: &AppHandle,
    host: String,
    port: u16,
    password: Option<String>,
) -> TestResult {
    let cat = app(handle).catalogue();
    let failed = |message: String| TestResult {
        ok: false,
        message,
        login: None,
    };
    let host = host.trim().to_owned();
    let client = match Client::with_config(&host, port, ClientConfig::default()) {
        Ok(c) => Arc::new(c),
        Err(e) => return failed(e.message(cat)),
    };
    let r = match client.poll().await {
        Ok(r) => r,
        Err(e) => return failed(e.message(cat)),
    };
    let version = client
        .api_version()
        .await
        .map(|v| v.to_string())
        .unwrap_or_default();
    let connected = Args::new().text("api", version);
    let message = match r.soc_pct.value() {
        Some(v) => cat.t("setup-connected", &connected.percent("soc", v)),
        None => cat.t("setup-connected-soc-unknown", &connected),
    };
    let password = match password.filter(|p| !p.is_empty()) {
        Some(p) => Some(SecretString::from(p)),
        None => {
            let ks = app(handle).keystore.clone();
            let h = host.clone();
            tauri::async_runtime::spawn_blocking(move || ks.get(&h))
                .await
                .ok()
                .and_then(Result::ok)
                .flatten()
        }
    };
    let login = match password {
        Some(pw) => {
            client.set_password(Some(pw));
            Some(check_login(cat, &client).await)
        }
        None => None,
    };
    TestResult {
        ok: true,
        message,
        login,
    }
}

/// Uses the built-in simulated device. Refused while a real device is configured: the
/// demo must never take its place unasked.
pub async fn use_demo(handle: &AppHandle) -> Result<(), IpcError> {
    let app = app(handle);
    if app.settings.lock().unwrap().host.is_some() {
        return Err(IpcError::refused(
            app.catalogue().label("setup-demo-refused"),
        ));
    }
    app.start_demo().await.map_err(IpcError::internal)?;
    publish(handle);
    Ok(())
}
