//! What the watch hands to the app: one [`Notice`] per thing worth telling the owner.
//!
//! Plain data with its serialized form (part of the alert log and the window contract,
//! docs/ipc.md). It may say what a severity allows ([`Severity::snoozable`]); it may not
//! decide when to tell (`watch.rs`) or hold words (`text.rs`).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// What a notice is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    LowPressure,
    HighPressure,
    Leak,
    SensorFault,
    Offline,
    ChargeFinished,
    ChargeStopped,
}

/// How serious. Ordered: `Info < Warning < Alarm`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Info,
    Warning,
    Alarm,
}

impl Severity {
    /// Whether snooze and quiet hours may hold back a notice of this severity. Alarms: never.
    pub fn snoozable(self) -> bool {
        self != Severity::Alarm
    }
}

/// Where in a condition's life a notice falls.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// The condition was confirmed (or a one-off event happened).
    Raised,
    /// A latched warning became an alarm of the same kind.
    Escalated,
    /// An alarm is still latched after the reminder cooldown.
    Reminder,
    /// The condition has cleared. Carries the severity it had when latched.
    Recovered,
}

/// One notification decision. The app logs every notice and shows those with `notify`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Notice {
    pub kind: Kind,
    pub severity: Severity,
    pub phase: Phase,
    /// Names the problem, e.g. "Low pressure", "Pressure back to normal".
    pub title: String,
    /// The value, the band and what to do, in plain words.
    pub body: String,
    pub at: DateTime<Utc>,
    pub pressure_bar: Option<f64>,
    pub soc_pct: Option<f64>,
    /// False when snoozed or in quiet hours. Alarms (including an alarm's recovery) always
    /// notify.
    pub notify: bool,
    /// "snoozed" or "quiet hours" when `notify` is false.
    pub suppressed_by: Option<String>,
}
