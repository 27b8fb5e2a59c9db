//! The state of one watched condition: a warning latch, an alarm latch, and what has been
//! told about them.
//!
//! A [`Condition`] is stepped with one [`Zone`] for its warning and one for its alarm and
//! says what changed ([`Change`]). It knows nothing about pressures, limits or words: which
//! zone a reading falls in is decided by the watch's rules (`watch.rs`), and what to say by
//! `text.rs`. It may not read a clock: every instant is passed in.

use chrono::{DateTime, Utc};

use crate::latch::{Latch, Zone};
use crate::notice::Severity;

/// One condition that can be latched as a warning and, for pressure bands, as an alarm.
#[derive(Debug, Clone, Default)]
pub(crate) struct Condition {
    pub warn: Latch,
    alarm: Latch,
    /// When the current latch began.
    pub since: Option<DateTime<Utc>>,
    /// The last Raised, Escalated or Reminder notice, for the reminder cooldown.
    pub last_told: Option<DateTime<Utc>>,
    /// The worst severity told since the latch began: a recovery carries it, so the end of
    /// an alarm is always told, even after it eased to a warning.
    peak: Option<Severity>,
}

/// What one step of a [`Condition`] changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Change {
    None,
    Raised(Severity),
    Escalated,
    /// Cleared; carries the worst severity it had while latched.
    Recovered(Severity),
}

impl Condition {
    /// The latched severity, if any.
    pub fn severity(&self) -> Option<Severity> {
        if self.alarm.latched {
            Some(Severity::Alarm)
        } else if self.warn.latched {
            Some(Severity::Warning)
        } else {
            None
        }
    }

    /// A change is under way but not yet confirmed.
    pub fn pending(&self) -> bool {
        self.warn.pending() || self.alarm.pending()
    }

    /// Forgets any run under way; the latched state stays.
    pub fn restart(&mut self) {
        self.warn.restart();
        self.alarm.restart();
    }

    /// Steps both latches and says what changed. Going from alarm back to warning is
    /// silent: there is nothing the owner must do about it.
    pub fn step(&mut self, warn: Zone, alarm: Zone, hold: u32, at: DateTime<Utc>) -> Change {
        let before = self.severity();
        self.warn.step(warn, hold);
        self.alarm.step(alarm, hold);
        let change = match (before, self.severity()) {
            (None, Some(s)) => Change::Raised(s),
            (Some(Severity::Warning), Some(Severity::Alarm)) => Change::Escalated,
            (Some(s), None) => Change::Recovered(self.peak.unwrap_or(s).max(s)),
            _ => Change::None,
        };
        match change {
            Change::Raised(s) => {
                self.since = Some(at);
                self.last_told = Some(at);
                self.peak = Some(s);
            }
            Change::Escalated => {
                self.last_told = Some(at);
                self.peak = Some(Severity::Alarm);
            }
            Change::Recovered(_) => {
                self.since = None;
                self.last_told = None;
                self.peak = None;
            }
            Change::None => {}
        }
        change
    }
}
