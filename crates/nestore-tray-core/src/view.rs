//! The state the window shows (`docs/ipc.md`): the status plus what the app adds.

use chrono::{DateTime, Utc};
use nestore::control::{LIFETIME_S, POWER_STEP_W, POWER_W, TARGET_SOC_PCT};
use serde::Serialize;

use crate::actions::OutcomeView;
use crate::presentation::PressureBand;
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

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct View {
    #[serde(flatten)]
    pub status: Status,
    pub stale: bool,
    pub pressure_band: PressureBand,
    pub control: ControlView,
    pub notice: Option<String>,
}

/// What the app itself knows besides the device's status.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AppFacts {
    pub control_enabled: bool,
    pub password_stored: bool,
    pub busy: bool,
    pub defaults: ChargeDefaults,
    pub last_outcome: Option<OutcomeView>,
    pub notice: Option<String>,
}

pub fn view(status: &Status, facts: &AppFacts, band: PressureBand, now: DateTime<Utc>) -> View {
    View {
        stale: status.is_stale(now),
        pressure_band: band,
        control: ControlView {
            enabled: facts.control_enabled,
            password_stored: facts.password_stored,
            available: facts.control_enabled && facts.password_stored && status.device.is_some(),
            busy: facts.busy,
            defaults: facts.defaults,
            limits: LIMITS,
            last_outcome: facts.last_outcome.clone(),
        },
        notice: facts.notice.clone(),
        status: status.clone(),
    }
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
        let v =
            serde_json::to_value(view(&s, &facts, PressureBand::default(), Utc::now())).unwrap();
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
            "notice",
        ] {
            assert!(v.get(key).is_some(), "{key} missing: {v}");
        }
        assert_eq!(v["connection"], "connecting");
        assert_eq!(v["control"]["available"], true);
        assert_eq!(v["control"]["limits"]["duration_max_min"], 300);
        assert_eq!(v["control"]["defaults"]["power_w"], 2000);
        let none = view(
            &Status::not_configured(300),
            &facts,
            PressureBand::default(),
            Utc::now(),
        );
        assert!(!none.control.available, "no device, no control");
    }
}
