//! The app's settings: a JSON file in the platform config directory, written atomically.
//! The service password is never here: it lives in the OS keyring.
//!
//! Loading never blocks and never reads more than [`MAX_FILE_BYTES`]. A file that cannot be
//! used at all is moved aside and the defaults load; a file with some bad fields keeps every
//! good one: only the bad ones go back to their defaults, the original is kept beside byte
//! for byte, and the notice names what was reset.

mod recover;
mod store;
#[cfg(test)]
mod tests;

use nestore_i18n::{Args, Catalogue};
use serde::{Deserialize, Serialize};

pub use store::{Loaded, SettingsStore};

pub const FILE_NAME: &str = "settings.json";
pub const MIN_POLL_INTERVAL_S: u64 = 60;
pub const DEFAULT_POLL_INTERVAL_S: u64 = 300;
pub const MAX_POLL_INTERVAL_S: u64 = 24 * 3600;
/// Raw readings are kept at least a year, whatever is asked, and at most a century.
pub const MIN_HISTORY_KEEP_DAYS: u32 = 365;
pub const MAX_HISTORY_KEEP_DAYS: u32 = 36_500;
/// A settings file is a few hundred bytes; a bigger one than this is not read.
pub const MAX_FILE_BYTES: u64 = 1 << 20;
/// The running-low notice's level, when on: a level of 0 would never be reached and one near
/// 100 would be told all day.
pub const LOW_CHARGE_PCT: std::ops::RangeInclusive<u8> = 5..=90;

/// Where the day-ahead prices for the timers in the cheapest hours come from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PriceSource {
    /// EnergyZero's public API: Dutch day-ahead prices, no key.
    #[default]
    EnergyZero,
}

/// The last charge started from the app, offered again by "Start charging" in the menu.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChargeDefaults {
    pub power_w: u32,
    pub target_soc_pct: u8,
    pub duration_min: u32,
}

impl Default for ChargeDefaults {
    fn default() -> Self {
        ChargeDefaults {
            power_w: 2000,
            target_soc_pct: 90,
            duration_min: 120,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// None: no device configured yet.
    pub host: Option<String>,
    pub port: u16,
    pub poll_interval_s: u64,
    pub control_enabled: bool,
    pub autostart: bool,
    pub charge_defaults: ChargeDefaults,
    /// The pressure watch's thresholds.
    pub alerts: nestore_watch::Thresholds,
    /// Keep every reading in the history database.
    pub history_enabled: bool,
    /// How many days of readings to keep; None: all of them.
    pub history_keep_days: Option<u32>,
    /// The language of every word the app shows: the system's, or one by name.
    pub language: nestore_i18n::Choice,
    /// Charge timers (issue 11): checked here, carried out by the app's timekeeper.
    pub timers: Vec<nestore_schedule::Rule>,
    /// Tell the owner when the state of charge falls below this level (once per fall);
    /// None: off, the default.
    pub low_charge_pct: Option<u8>,
    /// Where the timers in the cheapest hours get their prices.
    pub price_source: PriceSource,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            host: None,
            port: nestore::DEFAULT_PORT,
            poll_interval_s: DEFAULT_POLL_INTERVAL_S,
            control_enabled: false,
            autostart: false,
            charge_defaults: ChargeDefaults::default(),
            alerts: nestore_watch::Thresholds::default(),
            history_enabled: true,
            history_keep_days: None,
            language: nestore_i18n::Choice::System,
            timers: Vec::new(),
            low_charge_pct: None,
            price_source: PriceSource::EnergyZero,
        }
    }
}

/// A setting that cannot be used. `Display` is the English (logs, tests); the owner reads
/// [`SettingsError::message`] in the app's language.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SettingsError {
    #[error("Host: {0}")]
    Host(nestore::AddressProblem),
    #[error("Port: must be 1-65535")]
    Port,
    #[error("Poll interval: must be {MIN_POLL_INTERVAL_S}-{MAX_POLL_INTERVAL_S} s (the device is slow; the reference polls every 300 s)")]
    PollInterval,
    #[error("Last charge settings: {0}")]
    ChargeDefaults(nestore::ValidationError),
    #[error("Keep history for: must be at least {MIN_HISTORY_KEEP_DAYS} days (raw readings are kept a year at least) and at most {MAX_HISTORY_KEEP_DAYS}")]
    HistoryKeep,
    /// `field` is the settings key (`alerts.low_bar`, …); the message names the setting
    /// as the window does ("Low-pressure alarm: must be between 1 and 1.8 bar").
    #[error("{error}")]
    Alerts {
        field: &'static str,
        error: nestore_watch::ThresholdError,
    },
    /// A timer the device cannot carry out, or two that overlap.
    #[error("{0}")]
    Timers(nestore_schedule::RuleError),
    #[error("Running-low notice: must be off or 5-90 %")]
    LowCharge,
}

impl SettingsError {
    /// The settings key of the bad field, as the window's form and `docs/ipc.md` name it:
    /// `host`, `port`, `poll_interval_s`, `charge_defaults`, `alerts.low_alarm_bar`, …
    pub fn field(&self) -> &'static str {
        match self {
            SettingsError::Host(_) => "host",
            SettingsError::Port => "port",
            SettingsError::PollInterval => "poll_interval_s",
            SettingsError::ChargeDefaults(_) => "charge_defaults",
            SettingsError::HistoryKeep => "history_keep_days",
            SettingsError::Alerts { field, .. } => field,
            SettingsError::Timers(_) => "timers",
            SettingsError::LowCharge => "low_charge_pct",
        }
    }

    /// The setting and what it must be, in the catalogue's language: "Poll interval: must
    /// be 60-86400 s (…)".
    pub fn message(&self, cat: &Catalogue) -> String {
        match self {
            SettingsError::Host(p) => cat.t(
                "settings-error-host",
                &Args::new().text("reason", p.message(cat)),
            ),
            SettingsError::Port => cat.label("settings-error-port"),
            SettingsError::PollInterval => cat.t(
                "settings-error-poll-interval",
                &Args::new()
                    .int("min", MIN_POLL_INTERVAL_S as i64)
                    .int("max", MAX_POLL_INTERVAL_S as i64)
                    .int("usual", DEFAULT_POLL_INTERVAL_S as i64),
            ),
            SettingsError::ChargeDefaults(v) => cat.t(
                "settings-error-charge-defaults",
                &Args::new().text("reason", v.message(cat)),
            ),
            SettingsError::HistoryKeep => cat.t(
                "settings-error-history-keep",
                &Args::new()
                    .int("min", i64::from(MIN_HISTORY_KEEP_DAYS))
                    .int("max", i64::from(MAX_HISTORY_KEEP_DAYS)),
            ),
            SettingsError::Alerts { error, .. } => error.message(cat),
            SettingsError::Timers(e) => e.message(cat),
            SettingsError::LowCharge => cat.t(
                "settings-error-low-charge",
                &Args::new()
                    .int("min", i64::from(*LOW_CHARGE_PCT.start()))
                    .int("max", i64::from(*LOW_CHARGE_PCT.end())),
            ),
        }
    }

    /// What is wrong, as the rest of a sentence about the field: "it must be 1-65535".
    fn problem(&self, cat: &Catalogue) -> String {
        match self {
            SettingsError::Host(p) => p.message(cat),
            SettingsError::ChargeDefaults(v) => v.message(cat),
            SettingsError::Timers(e) => e.message(cat),
            SettingsError::Port
            | SettingsError::PollInterval
            | SettingsError::HistoryKeep
            | SettingsError::LowCharge => recover::rule(cat, self.field()),
            // "Low-pressure alarm: must be …" → "it must be …"
            SettingsError::Alerts { error, .. } => {
                let message = error.message(cat);
                match message.split_once(": ") {
                    Some((_, must)) => cat.t(
                        "settings-problem-threshold",
                        &Args::new().text("rule", must.to_owned()),
                    ),
                    None => message,
                }
            }
        }
    }
}

/// The thresholds' error as a settings error naming the field by its settings key.
fn alerts_error(error: nestore_watch::ThresholdError) -> SettingsError {
    let field = recover::ALERT_FIELDS
        .iter()
        .find(|f| f.key.strip_prefix("alerts.") == Some(error.field))
        .map_or("alerts", |f| f.key);
    SettingsError::Alerts { field, error }
}

impl Settings {
    /// Checks every field; the error names the first bad one ([`SettingsError::field`]).
    pub fn validate(&self) -> Result<(), SettingsError> {
        // The port first: the host's check (the library's) refuses port 0 too.
        if self.port == 0 {
            return Err(SettingsError::Port);
        }
        if let Some(host) = &self.host {
            nestore::client::address(host, self.port).map_err(SettingsError::Host)?;
        }
        if !(MIN_POLL_INTERVAL_S..=MAX_POLL_INTERVAL_S).contains(&self.poll_interval_s) {
            return Err(SettingsError::PollInterval);
        }
        let d = self.charge_defaults;
        let req = nestore::ChargeRequest {
            power_w: d.power_w,
            target_soc_pct: d.target_soc_pct,
            duration: std::time::Duration::from_secs(u64::from(d.duration_min) * 60),
        };
        req.check_limits().map_err(SettingsError::ChargeDefaults)?;
        if self
            .history_keep_days
            .is_some_and(|d| !(MIN_HISTORY_KEEP_DAYS..=MAX_HISTORY_KEEP_DAYS).contains(&d))
        {
            return Err(SettingsError::HistoryKeep);
        }
        if self
            .low_charge_pct
            .is_some_and(|p| !LOW_CHARGE_PCT.contains(&p))
        {
            return Err(SettingsError::LowCharge);
        }
        self.alerts.validate().map_err(alerts_error)?;
        nestore_schedule::validate(&self.timers).map_err(SettingsError::Timers)
    }

    /// A host with surrounding blanks trimmed, and an empty host meaning "none".
    pub fn normalised(mut self) -> Settings {
        self.host = self
            .host
            .map(|h| h.trim().to_owned())
            .filter(|h| !h.is_empty());
        self
    }
}
