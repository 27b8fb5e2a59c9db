//! The state the window shows (`docs/ipc.md`): the status plus what the app adds.

use chrono::{DateTime, Utc};
use nestore::control::{LIFETIME_S, POWER_STEP_W, POWER_W, TARGET_SOC_PCT};
use serde::Serialize;

use nestore_watch::{Kind, Severity, Thresholds};

use crate::actions::{CommandArgs, OutcomeView};
use crate::alert_log::Entry;
use crate::pricebook::PricesView;
use crate::settings::ChargeDefaults;
use crate::status::Status;

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Limits {
    pub power_min_w: u32,
    pub power_max_w: u32,
    pub power_step_w: u32,
    pub duration_min_min: u64,
    pub duration_max_min: u64,
    pub target_max_pct: u8,
}

pub const LIMITS: Limits = Limits {
    power_min_w: *POWER_W.start(),
    power_max_w: *POWER_W.end(),
    power_step_w: POWER_STEP_W,
    duration_min_min: *LIFETIME_S.start() / 60,
    duration_max_min: *LIFETIME_S.end() / 60,
    target_max_pct: *TARGET_SOC_PCT.end(),
};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ControlView {
    pub enabled: bool,
    pub password_stored: bool,
    /// Enabled, a password stored, and a device to send to.
    pub available: bool,
    pub busy: bool,
    pub defaults: ChargeDefaults,
    pub limits: Limits,
    pub last_outcome: Option<OutcomeView>,
}

/// The healthy band and the alarm levels, for the pressure gauge.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct PressureBand {
    pub low_bar: f64,
    pub high_bar: f64,
    pub low_alarm_bar: f64,
    pub high_alarm_bar: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActiveAlert {
    pub kind: Kind,
    pub severity: Severity,
    pub line: String,
    /// Snooze and quiet hours can hold it back: never for an alarm.
    pub snoozable: bool,
}

/// The pressure watch as the window shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AlertsView {
    pub active: Vec<ActiveAlert>,
    pub snoozed_until: Option<DateTime<Utc>>,
    /// Newest first.
    pub log: Vec<Entry>,
}

#[derive(Debug, Clone, Serialize)]
pub struct View {
    #[serde(flatten)]
    pub status: Status,
    pub stale: bool,
    pub pressure_band: PressureBand,
    pub control: ControlView,
    pub alerts: AlertsView,
    pub notice: Option<String>,
    /// A command the tray asked to send: the window confirms it (or cancels).
    pub confirm: Option<CommandArgs>,
    /// The language of the app's words ("en", "nl"): the window formats its own in it,
    /// and fetches the catalogue again when it changes.
    pub language: &'static str,
    /// The charge timer in progress, or else the next one.
    pub timers: TimersView,
    /// The prices and the hours chosen, while a timer asks for the cheapest hours.
    pub prices: Option<PricesView>,
    /// Updates of the app: null until a check was made in this run.
    pub update: Option<crate::update::UpdateView>,
}

/// What the app itself knows besides the device's status.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AppFacts {
    pub control_enabled: bool,
    pub password_stored: bool,
    pub defaults: ChargeDefaults,
    pub last_outcome: Option<OutcomeView>,
    pub notice: Option<String>,
    /// A command the tray asked to send, waiting for the window's confirmation.
    pub confirm: Option<CommandArgs>,
    /// The language the owner's words are in (Settings' choice, resolved).
    pub language: nestore_i18n::Language,
    /// The charge timers' window in progress or the next one.
    pub timers: TimersView,
    pub prices: Option<PricesView>,
    pub update: Option<crate::update::UpdateView>,
}

pub fn view(
    status: &Status,
    facts: &AppFacts,
    th: &Thresholds,
    alerts: AlertsView,
    busy: bool,
    now: DateTime<Utc>,
) -> View {
    View {
        stale: status.is_stale(now),
        pressure_band: PressureBand {
            low_bar: th.low_bar,
            high_bar: th.high_bar,
            low_alarm_bar: th.low_alarm_bar,
            high_alarm_bar: th.high_alarm_bar,
        },
        alerts,
        control: ControlView {
            enabled: facts.control_enabled,
            password_stored: facts.password_stored,
            available: facts.control_enabled && facts.password_stored && status.device.is_some(),
            busy,
            defaults: facts.defaults,
            limits: LIMITS,
            last_outcome: facts.last_outcome.clone(),
        },
        notice: facts.notice.clone(),
        confirm: facts.confirm,
        language: facts.language.code(),
        timers: facts.timers,
        prices: facts.prices.clone(),
        update: facts.update.clone(),
        status: status.clone(),
    }
}

/// One timer window, for the window and the tray.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct TimerWindow {
    /// The timer's number in Settings, from 1.
    pub timer: usize,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    /// `charge` or `block`.
    pub kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub power_w: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target_soc_pct: Option<u8>,
    /// `fixed` (the timer's own times), `cheapest` (chosen from the prices) or
    /// `fallback` (a timer in the cheapest hours without prices: its last hours).
    pub basis: nestore_schedule::Basis,
}

/// The timers as the window shows them: the window in progress, or else the next.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct TimersView {
    pub active: Option<TimerWindow>,
    pub next: Option<TimerWindow>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_state_has_the_documented_shape() {
        let facts = AppFacts {
            control_enabled: true,
            password_stored: true,
            ..Default::default()
        };
        let s = Status::connecting("127.0.0.1:4805".into(), true, 300);
        let th = Thresholds::default();
        let none = || AlertsView {
            active: vec![],
            snoozed_until: None,
            log: vec![],
        };
        let v = serde_json::to_value(view(&s, &facts, &th, none(), false, Utc::now())).unwrap();
        for key in [
            "device",
            "demo",
            "connection",
            "error",
            "offline_since",
            "updated_at",
            "stale",
            "polling",
            "reading",
            "pressure_band",
            "control",
            "alerts",
            "notice",
            "confirm",
            "language",
        ] {
            assert!(v.get(key).is_some(), "{key} missing: {v}");
        }
        assert_eq!(v["connection"], "connecting");
        assert_eq!(v["language"], "en");
        assert_eq!(v["control"]["available"], true);
        assert_eq!(v["control"]["limits"]["duration_max_min"], 300);
        assert_eq!(v["control"]["defaults"]["power_w"], 2000);
        assert_eq!(v["pressure_band"]["low_bar"], 2.0);
        assert!(v["alerts"]["active"].as_array().unwrap().is_empty());
        let unconfigured = view(
            &Status::not_configured(300),
            &facts,
            &th,
            none(),
            false,
            Utc::now(),
        );
        assert!(!unconfigured.control.available, "no device, no control");
    }
}
