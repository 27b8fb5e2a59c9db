//! The pressure watch of NEStore Tray.
//!
//! Pressure is the owner's main health signal (PROTOCOL.md, "Health"): 2-3 bar is healthy
//! when the state of charge is above 50 %, a falling pressure at a steady charge suggests a
//! leak, a pressure above the band an expansion problem. [`Watch`] is fed every poll result
//! (a [`nestore::Reading`] or a [`nestore::Error`]) with the current time, and returns the
//! [`Notice`]s to log and, where `notify` is set, to show. It does no I/O, reads no clock
//! and never sleeps: the same inputs always give the same notices.
//!
//! Rules, all debounced by [`Thresholds::hold_readings`] consecutive readings both ways
//! (a reading within the hysteresis margin neither confirms nor clears):
//! - low pressure: warning below `low_bar` above 50 % charge, alarm below `low_alarm_bar`
//!   at any charge (warning → alarm is one `Escalated` notice; alarm → warning is silent);
//! - high pressure: warning above `high_bar`, alarm above `high_alarm_bar`, at any charge;
//! - leak: a least-squares fall over the last 6 h faster than `leak_bar_per_6h` while the
//!   charge stays within 3 points (at least 1 h and 4 readings of history);
//! - sensor fault: a reading whose pressure is not reported or impossible (or a poll
//!   failing for lack of it): the device answers, so this is never "offline";
//! - offline: connection failures for `offline_grace_min` (no hold; one notice, one
//!   recovery at the next answer);
//! - charge finished / stopped after [`Watch::charge_started`], unless the owner ended it
//!   ([`Watch::charge_cancelled`]).
//!
//! The leak rule needs hours of history. At start, [`Watch::restore`] seeds it from the
//! readings the app kept (the last 6 h of them matter), so a leak that began before a
//! restart is told a few readings after it rather than an hour later; it raises nothing
//! by itself.
//!
//! Latched alarms are repeated every `reminder_h` hours. Snooze and quiet hours silence
//! warnings and info notices, never alarms ([`Severity::snoozable`]). [`Thresholds::validate`]
//! keeps every alarm reachable and a healthy pressure quiet, whatever the owner sets.
//!
//! Modules: `watch` (the rules), `conditions` (one condition's latched state), `latch`
//! (hold and margin), `history` (pressure history and its slope), `charge` (a charge
//! started from the app), `thresholds` (settings and bounds), `notice` (what the app gets),
//! `text` (every word: the one module a language catalogue replaces).

mod charge;
mod conditions;
mod history;
mod latch;
mod notice;
mod text;
mod thresholds;
mod watch;

#[cfg(test)]
mod tests;

use chrono::{DateTime, Duration, FixedOffset, NaiveTime, TimeZone, Utc};

pub use notice::{Kind, Notice, Phase, Severity};
pub use thresholds::{ThresholdError, Thresholds};
pub use watch::Watch;

/// "Until tomorrow": the next 07:00 local time (in the offset of `now`) after `now`.
pub fn tomorrow_morning(now: DateTime<FixedOffset>) -> DateTime<Utc> {
    let seven = NaiveTime::from_hms_opt(7, 0, 0).unwrap_or_default();
    let local = now.naive_local();
    let date = if local.time() < seven {
        local.date()
    } else {
        local.date().succ_opt().unwrap_or(local.date())
    };
    now.offset()
        .from_local_datetime(&date.and_time(seven))
        .single()
        .map(|d| d.with_timezone(&Utc))
        .unwrap_or_else(|| now.with_timezone(&Utc) + Duration::hours(24))
}
