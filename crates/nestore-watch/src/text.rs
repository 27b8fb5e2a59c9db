//! Every word the watch says: notice titles and bodies, and the threshold errors.
//!
//! This is the one module with words in it, so a language catalogue can replace it whole.
//! Each function takes the values a text needs and returns the text; none decides anything
//! (whether to tell, at which severity, when): that is the watch's job. This module may
//! format numbers, times and durations; it may not read a clock, keep state, or look at the
//! watch. The wording is for a home owner: no wire names (`PRES_SYS`), no error codes.

use chrono::{DateTime, Duration, FixedOffset, Utc};
use nestore::{Error, Measure};

use crate::notice::{Kind, Severity};
use crate::thresholds::{Rule, ThresholdError, Thresholds};

/// The title and body of one notice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Text {
    pub title: String,
    pub body: String,
}

impl Text {
    fn new(title: &str, body: String) -> Text {
        Text {
            title: title.into(),
            body,
        }
    }
}

/// A pressure or threshold with at most two decimals and no trailing zeros: 2, 1.5, 1.98.
pub(crate) fn bar(v: f64) -> String {
    let s = format!("{v:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".into()
    } else {
        s.into()
    }
}

/// A pressure that may be unknown: "2.5", or "?".
fn bar_or_unknown(v: Option<f64>) -> String {
    v.map(bar).unwrap_or_else(|| "?".into())
}

/// A state of charge as a whole percentage.
pub(crate) fn pct(v: f64) -> String {
    format!("{v:.0}")
}

/// " at 78 % charge", or nothing when the charge is unknown.
fn at_charge(soc: Option<f64>) -> String {
    soc.map(|s| format!(" at {} % charge", pct(s)))
        .unwrap_or_default()
}

/// "45 min", "2 h", "2 h 10 min" (whole minutes, never negative).
pub(crate) fn duration(d: Duration) -> String {
    let mins = d.num_minutes().max(0);
    let (h, m) = (mins / 60, mins % 60);
    match (h, m) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m} min"),
    }
}

/// A past instant as local clock time in the offset of `now`: "14:05", or with the date
/// when it is not today ("2024-01-05 14:05").
pub(crate) fn clock(t: DateTime<Utc>, now: DateTime<FixedOffset>) -> String {
    let local = t.with_timezone(now.offset());
    if local.date_naive() == now.date_naive() {
        local.format("%H:%M").to_string()
    } else {
        local.format("%Y-%m-%d %H:%M").to_string()
    }
}

/// The healthy band as set: "2-3 bar".
fn band(t: &Thresholds) -> String {
    format!("{}-{} bar", bar(t.low_bar), bar(t.high_bar))
}

// ---- Connection ----------------------------------------------------------------------

/// Why the device is not reached, in plain words.
fn outage_reason(e: &Error) -> String {
    match e {
        Error::Unreachable { reason, .. } => reason.clone(),
        Error::Timeout { secs, .. } => format!("no answer within {secs:.0} s"),
        Error::Status { status, .. } => format!("it answered with error {status}"),
        Error::Malformed { .. } => "its answers are garbled".into(),
        Error::UnknownApi { .. } => "no NEStore API answers at its address".into(),
        other => other.to_string(),
    }
}

/// The device has not been reached since `since`.
pub(crate) fn offline(since: DateTime<Utc>, now: DateTime<FixedOffset>, e: &Error) -> Text {
    Text::new(
        "NEStore offline",
        format!(
            "The app has not reached your NEStore since {} ({}). Check that it is switched on \
             and connected to your network; the app keeps trying.",
            clock(since, now),
            outage_reason(e)
        ),
    )
}

/// The device answers again after an outage that began at `since`.
pub(crate) fn back_online(since: DateTime<Utc>, now: DateTime<FixedOffset>) -> Text {
    Text::new(
        "NEStore back online",
        format!(
            "The app reaches your NEStore again after {} offline (since {}).",
            duration(now.with_timezone(&Utc) - since),
            clock(since, now)
        ),
    )
}

// ---- Pressure sensor -----------------------------------------------------------------

/// The device answers but its pressure is missing (`NotReported`, or a poll that failed
/// for lack of it) or impossible (`Implausible`).
pub(crate) fn sensor_fault(pressure: Measure) -> Text {
    let what = match pressure {
        Measure::Implausible(v) => format!(
            "its pressure sensor reads {} bar, which cannot be right",
            bar(v)
        ),
        _ => "its pressure sensor gives no reading".into(),
    };
    Text::new(
        "Pressure sensor fault",
        format!(
            "Your NEStore is still answering, but {what}, so the app cannot watch the \
             pressure for you. Its other readings still show. If this lasts, call your \
             installer to have the pressure sensor checked."
        ),
    )
}

/// The pressure sensor reads a believable value again.
pub(crate) fn sensor_recovered(bar_now: Option<f64>) -> Text {
    Text::new(
        "Pressure sensor working again",
        format!(
            "The pressure sensor reads {} bar again, and the app watches the pressure as \
             before.",
            bar_or_unknown(bar_now)
        ),
    )
}

// ---- Pressure band -------------------------------------------------------------------

/// A low (`Kind::LowPressure`) or high (any other kind) pressure at this severity.
pub(crate) fn pressure(
    kind: Kind,
    severity: Severity,
    bar_now: Option<f64>,
    soc: Option<f64>,
    t: &Thresholds,
) -> Text {
    let p = bar_or_unknown(bar_now);
    let charge = at_charge(soc);
    let band = band(t);
    match (kind == Kind::LowPressure, severity) {
        (false, Severity::Alarm) => Text::new(
            "Very high pressure",
            format!(
                "Pressure {p} bar is above the safe maximum of {} bar{charge} (healthy: \
                 {band}). This can mean an expansion vessel problem: call your installer now \
                 and do not start a charge until it is checked.",
                bar(t.high_alarm_bar)
            ),
        ),
        (false, _) => Text::new(
            "High pressure",
            format!(
                "Pressure {p} bar is above the healthy {band}{charge}. This can mean an \
                 expansion vessel problem: call your installer."
            ),
        ),
        (true, Severity::Alarm) => Text::new(
            "Very low pressure",
            format!(
                "Pressure {p} bar is below the safe minimum of {} bar{charge} (healthy: \
                 {band}). The system may be losing water: check for leaks and call your \
                 installer.",
                bar(t.low_alarm_bar)
            ),
        ),
        (true, _) => Text::new(
            "Low pressure",
            format!(
                "Pressure {p} bar is below the healthy {band}{charge}. Check for leaks; call \
                 your installer if it keeps falling."
            ),
        ),
    }
}

/// A low or high pressure has cleared; the band holds above `above_soc_pct` charge.
pub(crate) fn pressure_normal(
    bar_now: Option<f64>,
    soc: Option<f64>,
    t: &Thresholds,
    above_soc_pct: f64,
) -> Text {
    Text::new(
        "Pressure back to normal",
        format!(
            "Pressure is {} bar{} (healthy: {} above {} % charge). No action needed.",
            bar_or_unknown(bar_now),
            at_charge(soc),
            band(t),
            pct(above_soc_pct)
        ),
    )
}

/// A reminder of an alarm still standing since `since`.
pub(crate) fn reminder(alarm: Text, since: DateTime<Utc>, now: DateTime<FixedOffset>) -> Text {
    Text {
        title: format!("Still: {}", alarm.title.to_lowercase()),
        body: format!("{} Unresolved since {}.", alarm.body, clock(since, now)),
    }
}

// ---- Leak ----------------------------------------------------------------------------

/// What a suspected leak is based on.
pub(crate) struct LeakFacts {
    /// How far the pressure fell over `span` (by the fitted slope), in bar.
    pub fall_bar: f64,
    pub span: Duration,
    /// The fitted fall, bar per 6 h.
    pub fall_per_6h: f64,
    /// The configured limit, bar per 6 h.
    pub limit_per_6h: f64,
    /// The charge the fall was seen at.
    pub soc: f64,
    pub bar_now: f64,
}

pub(crate) fn leak(f: &LeakFacts) -> Text {
    Text::new(
        "Possible leak",
        format!(
            "Pressure fell {} bar in the last {} ({} bar per 6 h, more than {}) while the \
             charge stayed steady near {} %; it is {} bar now. This suggests water is \
             escaping: check pipes, valves and the floor around the unit, and call your \
             installer if it keeps falling.",
            bar(f.fall_bar),
            duration(f.span),
            bar(f.fall_per_6h),
            bar(f.limit_per_6h),
            pct(f.soc),
            bar(f.bar_now)
        ),
    )
}

pub(crate) fn leak_cleared(bar_now: f64, limit_per_6h: f64) -> Text {
    Text::new(
        "Pressure no longer falling",
        format!(
            "Pressure {} bar is no longer falling faster than {} bar per 6 h. No action needed.",
            bar(bar_now),
            bar(limit_per_6h)
        ),
    )
}

// ---- Charge --------------------------------------------------------------------------

pub(crate) fn charge_finished(soc: f64, target: u8) -> Text {
    Text::new(
        "Charge finished",
        format!(
            "The charge reached {} % (target {target} %). The hot water is ready.",
            pct(soc)
        ),
    )
}

/// The device left charging before the target; `state` is what it does now, as it names it.
pub(crate) fn charge_stopped(soc: f64, target: u8, state: Option<&str>) -> Text {
    Text::new(
        "Charge stopped early",
        format!(
            "The device stopped the charge at {} %, before the {target} % target (now: {}). \
             Start it again from the menu if you still need the hot water.",
            pct(soc),
            state.unwrap_or("unknown")
        ),
    )
}

// ---- Threshold errors ----------------------------------------------------------------

/// A setting's name as the Settings window shows it, by its key.
fn setting_label(field: &str) -> &'static str {
    match field {
        "low_bar" => "Low-pressure warning",
        "low_alarm_bar" => "Low-pressure alarm",
        "high_bar" => "High-pressure warning",
        "high_alarm_bar" => "High-pressure alarm",
        "hysteresis_bar" => "Recovery margin",
        "leak_bar_per_6h" => "Leak warning",
        "hold_readings" => "Readings to confirm",
        "offline_grace_min" => "Offline after",
        "reminder_h" => "Alarm reminder",
        "quiet_hours" => "Quiet hours",
        _ => "Alert setting",
    }
}

/// The unit a setting is given in.
fn unit(field: &str) -> &'static str {
    match field {
        "leak_bar_per_6h" => "bar per 6 h",
        "hold_readings" => "readings",
        "offline_grace_min" => "minutes",
        "reminder_h" => "hours",
        _ => "bar",
    }
}

/// One line naming the setting and what it must be, e.g. "Low-pressure alarm: must be
/// between 1 and 1.8 bar".
impl std::fmt::Display for ThresholdError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&threshold_error(self.field, self.rule))
    }
}

fn threshold_error(field: &str, rule: Rule) -> String {
    let must = match rule {
        Rule::Number => "must be a number".to_string(),
        Rule::Between(lo, hi) => {
            format!(
                "must be between {} and {} {}",
                bar(lo),
                bar(hi),
                unit(field)
            )
        }
        Rule::Above(other, v) => format!(
            "must be above the {} ({} {})",
            setting_label(other).to_lowercase(),
            bar(v),
            unit(other)
        ),
        Rule::DifferentEnds => "must start and end at different times".to_string(),
    };
    format!("{}: {must}", setting_label(field))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_plainly() {
        assert_eq!(bar(2.0), "2");
        assert_eq!(bar(1.5), "1.5");
        assert_eq!(bar(1.98), "1.98");
        assert_eq!(bar(1.704), "1.7");
        assert_eq!(pct(77.6), "78");
        assert_eq!(duration(Duration::minutes(45)), "45 min");
        assert_eq!(duration(Duration::minutes(120)), "2 h");
        assert_eq!(duration(Duration::minutes(130)), "2 h 10 min");
    }
}
