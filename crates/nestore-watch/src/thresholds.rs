//! The owner-adjustable limits of the watch, and the bounds that keep every alarm working.
//!
//! This module may say which settings are allowed ([`Thresholds::validate`]) and fall back
//! to the defaults ([`Thresholds::sanitised`]); the words of its errors come from `text.rs`.
//! It applies no rule to readings (`watch.rs` does).
//!
//! # Bounds
//!
//! PROTOCOL.md ("Health"): a healthy system shows 2-3 bar above 50 % charge. The bounds are
//! chosen so that, whatever the owner sets:
//! - a clearly healthy pressure, 2.4 to 2.6 bar, never raises a warning or an alarm and
//!   always clears one (the low warning plus its recovery margin is at most 2.4 bar, the
//!   high warning minus its margin at least 2.6 bar);
//! - every alarm stays reachable and is not masked: the low alarm lies 0.2 to 1 bar below
//!   the band (1-1.8 bar, so a system that lost much of its water is always told), the
//!   high alarm at most 1.5 bar above it (3-4.5 bar), and each alarm lies beyond its own
//!   warning;
//! - it is confirmed and repeated in useful time: at most 5 readings to confirm, offline
//!   after at most 4 h, a reminder of a standing alarm at least once a day.
//!
//! | key | allowed | default |
//! |---|---|---|
//! | `low_alarm_bar` | 1-1.8 bar | 1.5 |
//! | `low_bar` | 1.2-2.2 bar, above `low_alarm_bar` | 2 |
//! | `high_bar` | 2.8-4 bar | 3 |
//! | `high_alarm_bar` | 3-4.5 bar, above `high_bar` | 3.5 |
//! | `hysteresis_bar` | 0-0.2 bar | 0.1 |
//! | `leak_bar_per_6h` | 0.05-1 bar per 6 h | 0.2 |
//! | `hold_readings` | 1-5 readings | 2 |
//! | `offline_grace_min` | 1-240 min | 15 |
//! | `reminder_h` | 1-24 h | 12 |
//! | `quiet_hours` | start != end | none |
//!
//! A value that is not a finite number (NaN, infinity) is refused before any bound.

use chrono::NaiveTime;
use serde::{Deserialize, Serialize};

/// Limits and timings of the watch. Deserializes with defaults for any missing field, so an
/// older settings file keeps working.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Thresholds {
    /// Warning below this pressure while the state of charge is above 50 %.
    pub low_bar: f64,
    /// Alarm below this pressure at any charge.
    pub low_alarm_bar: f64,
    /// Warning above this pressure (at any charge).
    pub high_bar: f64,
    /// Alarm above this pressure.
    pub high_alarm_bar: f64,
    /// A latched pressure condition recovers only once the value is back inside by this
    /// margin; a value within the margin neither confirms nor clears anything.
    pub hysteresis_bar: f64,
    /// Leak suspicion: pressure falling faster than this many bar per 6 h (least-squares
    /// slope over the last 6 h of readings, at least 1 h and 4 readings of history) while
    /// the state of charge stays within 3 points.
    pub leak_bar_per_6h: f64,
    /// A condition must be seen on this many consecutive readings before it fires, and its
    /// absence as many times before it recovers.
    pub hold_readings: u32,
    /// Continuous failure for this long raises "offline".
    pub offline_grace_min: u32,
    /// Alarms only: a reminder after this many hours while still latched.
    pub reminder_h: u32,
    /// Local time span in which warnings and info notices do not notify (alarms do).
    /// May wrap midnight, e.g. 22:00-07:00.
    pub quiet_hours: Option<(NaiveTime, NaiveTime)>,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            low_bar: 2.0,
            low_alarm_bar: 1.5,
            high_bar: 3.0,
            high_alarm_bar: 3.5,
            hysteresis_bar: 0.1,
            leak_bar_per_6h: 0.2,
            hold_readings: 2,
            offline_grace_min: 15,
            reminder_h: 12,
            quiet_hours: None,
        }
    }
}

/// Allowed ranges, inclusive (see the module docs for why).
pub(crate) const LOW_ALARM_BAR: (f64, f64) = (1.0, 1.8);
pub(crate) const LOW_BAR: (f64, f64) = (1.2, 2.2);
pub(crate) const HIGH_BAR: (f64, f64) = (2.8, 4.0);
pub(crate) const HIGH_ALARM_BAR: (f64, f64) = (3.0, 4.5);
pub(crate) const HYSTERESIS_BAR: (f64, f64) = (0.0, 0.2);
pub(crate) const LEAK_BAR_PER_6H: (f64, f64) = (0.05, 1.0);
pub(crate) const HOLD_READINGS: (u32, u32) = (1, 5);
pub(crate) const OFFLINE_GRACE_MIN: (u32, u32) = (1, 240);
pub(crate) const REMINDER_H: (u32, u32) = (1, 24);

/// A threshold setting that is not allowed: which one, and what it must be.
/// Its `Display` (in `text.rs`) is the owner's words, naming the setting: "Low-pressure
/// alarm: must be between 1 and 1.8 bar".
#[derive(Debug, Clone, PartialEq)]
pub struct ThresholdError {
    /// The setting's key in `settings.alerts`, e.g. `"low_alarm_bar"`.
    pub field: &'static str,
    /// What it must be.
    pub rule: Rule,
}

impl std::error::Error for ThresholdError {}

/// What a setting must be, for the error's words.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Rule {
    /// A finite number.
    Number,
    /// Within these bounds, inclusive.
    Between(f64, f64),
    /// Above the setting with this key, whose value is this.
    Above(&'static str, f64),
    /// A time span whose ends differ.
    DifferentEnds,
}

fn refuse(field: &'static str, rule: Rule) -> Result<(), ThresholdError> {
    Err(ThresholdError { field, rule })
}

/// A finite number within the bounds.
fn within(field: &'static str, v: f64, (lo, hi): (f64, f64)) -> Result<(), ThresholdError> {
    if !v.is_finite() {
        refuse(field, Rule::Number)
    } else if !(lo..=hi).contains(&v) {
        refuse(field, Rule::Between(lo, hi))
    } else {
        Ok(())
    }
}

fn count_within(field: &'static str, v: u32, (lo, hi): (u32, u32)) -> Result<(), ThresholdError> {
    if (lo..=hi).contains(&v) {
        Ok(())
    } else {
        refuse(field, Rule::Between(f64::from(lo), f64::from(hi)))
    }
}

/// `v` strictly above the setting `other`, whose value is `o`.
fn above(field: &'static str, v: f64, other: &'static str, o: f64) -> Result<(), ThresholdError> {
    if v > o {
        Ok(())
    } else {
        refuse(field, Rule::Above(other, o))
    }
}

impl Thresholds {
    /// Checks every bound (module docs). The error names the first offending setting, in
    /// the order of the Settings form, by its key.
    pub fn validate(&self) -> Result<(), ThresholdError> {
        within("low_alarm_bar", self.low_alarm_bar, LOW_ALARM_BAR)?;
        within("low_bar", self.low_bar, LOW_BAR)?;
        above("low_bar", self.low_bar, "low_alarm_bar", self.low_alarm_bar)?;
        within("high_bar", self.high_bar, HIGH_BAR)?;
        within("high_alarm_bar", self.high_alarm_bar, HIGH_ALARM_BAR)?;
        above(
            "high_alarm_bar",
            self.high_alarm_bar,
            "high_bar",
            self.high_bar,
        )?;
        within("hysteresis_bar", self.hysteresis_bar, HYSTERESIS_BAR)?;
        within("leak_bar_per_6h", self.leak_bar_per_6h, LEAK_BAR_PER_6H)?;
        count_within("hold_readings", self.hold_readings, HOLD_READINGS)?;
        count_within(
            "offline_grace_min",
            self.offline_grace_min,
            OFFLINE_GRACE_MIN,
        )?;
        count_within("reminder_h", self.reminder_h, REMINDER_H)?;
        if let Some((start, end)) = self.quiet_hours {
            if start == end {
                refuse("quiet_hours", Rule::DifferentEnds)?;
            }
        }
        Ok(())
    }

    /// These thresholds if they are allowed; otherwise the defaults, with the reason (for
    /// the settings loader: a file edited by hand can never switch an alarm off).
    pub fn sanitised(self) -> (Thresholds, Option<ThresholdError>) {
        match self.validate() {
            Ok(()) => (self, None),
            Err(e) => (Thresholds::default(), Some(e)),
        }
    }

    /// Whether a local time of day falls in the quiet hours (start inclusive, end
    /// exclusive; a span with start after end wraps midnight; one whose ends meet, which
    /// `validate` refuses, is never quiet).
    pub fn is_quiet(&self, t: NaiveTime) -> bool {
        let Some((start, end)) = self.quiet_hours else {
            return false;
        };
        if start <= end {
            start <= t && t < end
        } else {
            t >= start || t < end
        }
    }
}
