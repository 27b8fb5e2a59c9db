//! The owner-adjustable limits of the watch, with sane bounds.

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

impl Thresholds {
    /// Checks the bounds. The error names the offending field and says what is allowed.
    pub fn validate(&self) -> Result<(), String> {
        let finite = [
            ("low_alarm_bar", self.low_alarm_bar),
            ("low_bar", self.low_bar),
            ("high_bar", self.high_bar),
            ("high_alarm_bar", self.high_alarm_bar),
            ("hysteresis_bar", self.hysteresis_bar),
            ("leak_bar_per_6h", self.leak_bar_per_6h),
        ];
        for (name, v) in finite {
            if !v.is_finite() {
                return Err(format!("{name} must be a number"));
            }
        }
        if self.low_alarm_bar <= 0.0 {
            return Err("low_alarm_bar must be above 0 bar".into());
        }
        if self.low_bar <= self.low_alarm_bar {
            return Err("low_bar must be above low_alarm_bar".into());
        }
        if self.high_bar <= self.low_bar {
            return Err("high_bar must be above low_bar".into());
        }
        if self.high_alarm_bar <= self.high_bar {
            return Err("high_alarm_bar must be above high_bar".into());
        }
        if self.high_alarm_bar > 10.0 {
            return Err("high_alarm_bar must be at most 10 bar".into());
        }
        if !(0.0..=0.5).contains(&self.hysteresis_bar) {
            return Err("hysteresis_bar must be between 0 and 0.5 bar".into());
        }
        if !(0.05..=2.0).contains(&self.leak_bar_per_6h) {
            return Err("leak_bar_per_6h must be between 0.05 and 2 bar".into());
        }
        if !(1..=10).contains(&self.hold_readings) {
            return Err("hold_readings must be between 1 and 10".into());
        }
        if !(1..=1440).contains(&self.offline_grace_min) {
            return Err("offline_grace_min must be between 1 and 1440 minutes".into());
        }
        if !(1..=168).contains(&self.reminder_h) {
            return Err("reminder_h must be between 1 and 168 hours".into());
        }
        if let Some((start, end)) = self.quiet_hours {
            if start == end {
                return Err("quiet_hours must start and end at different times".into());
            }
        }
        Ok(())
    }

    /// Whether a local time of day falls in the quiet hours (start inclusive, end
    /// exclusive; a span with start after end wraps midnight).
    pub fn is_quiet(&self, t: NaiveTime) -> bool {
        match self.quiet_hours {
            None => false,
            Some((start, end)) if start < end => start <= t && t < end,
            Some((start, end)) if start > end => t >= start || t < end,
            Some(_) => false,
        }
    }
}
