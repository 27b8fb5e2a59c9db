//! Every word the watch says, from the message catalogue (`nestore-i18n`, `watch.ftl`):
//! notice titles and bodies, and the threshold errors.
//!
//! Each function takes the catalogue and the values a text needs and returns the text;
//! none decides anything (whether to tell, at which severity, when): that is the watch's
//! job. This module picks the message and its values; the catalogue writes the words and
//! the numbers in the language's form. It may not read a clock, keep state, or look at the
//! watch. The wording is for a home owner: no wire names (`PRES_SYS`), no error codes.

use chrono::{DateTime, Duration, FixedOffset, Utc};
use nestore::{Error, Measure};
use nestore_i18n::{Args, Catalogue};

use crate::notice::{Kind, Severity};
use crate::thresholds::{Rule, ThresholdError, Thresholds};

/// The title and body of one notice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Text {
    pub title: String,
    pub body: String,
}

impl Text {
    /// The message `<id>-title` and `<id>-body` (or `body_id`) with these values.
    fn of(cat: &Catalogue, title_id: &str, body_id: &str, args: &Args) -> Text {
        Text {
            title: cat.t(title_id, args),
            body: cat.t(body_id, args),
        }
    }
}

/// " at 78 % charge", or nothing when the charge is unknown.
fn at_charge(cat: &Catalogue, soc: Option<f64>) -> String {
    soc.map(|s| cat.t("at-charge", &Args::new().percent("soc", s)))
        .unwrap_or_default()
}

/// The healthy band as set, and the charge the pressure was seen at.
fn band_args(cat: &Catalogue, bar_now: Option<f64>, soc: Option<f64>, t: &Thresholds) -> Args {
    Args::new()
        .bar_or_unknown("bar", bar_now)
        .bar("low", t.low_bar)
        .bar("high", t.high_bar)
        .text("charge", at_charge(cat, soc))
}

// ---- Connection ----------------------------------------------------------------------

/// Why the device is not reached, in plain words.
fn outage_reason(cat: &Catalogue, e: &Error) -> String {
    match e {
        Error::Timeout { secs, .. } => cat.t(
            "offline-reason-timeout",
            &Args::new().decimal("secs", *secs, 0),
        ),
        Error::Status { status, .. } => cat.t(
            "offline-reason-status",
            &Args::new().int("status", i64::from(*status)),
        ),
        Error::Malformed { .. } => cat.label("offline-reason-garbled"),
        Error::UnknownApi { .. } => cat.label("offline-reason-no-api"),
        // The system's own words ("Connection refused"), not translated.
        Error::Unreachable { reason, .. } => cat.t(
            "offline-reason-other",
            &Args::new().text("reason", reason.clone()),
        ),
        other => cat.t(
            "offline-reason-other",
            &Args::new().text("reason", other.to_string()),
        ),
    }
}

/// The device has not been reached since `since`.
pub(crate) fn offline(
    cat: &Catalogue,
    since: DateTime<Utc>,
    now: DateTime<FixedOffset>,
    e: &Error,
) -> Text {
    let args = Args::new()
        .clock("since", since, now)
        .text("reason", outage_reason(cat, e));
    Text::of(cat, "offline-title", "offline-body", &args)
}

/// The device answers again after an outage that began at `since`.
pub(crate) fn back_online(
    cat: &Catalogue,
    since: DateTime<Utc>,
    now: DateTime<FixedOffset>,
) -> Text {
    let args = Args::new()
        .minutes("duration", (now.with_timezone(&Utc) - since).num_minutes())
        .clock("since", since, now);
    Text::of(cat, "back-online-title", "back-online-body", &args)
}

// ---- Pressure sensor -----------------------------------------------------------------

/// The device answers but its pressure is missing (`NotReported`, or a poll that failed
/// for lack of it) or impossible (`Implausible`).
pub(crate) fn sensor_fault(cat: &Catalogue, pressure: Measure) -> Text {
    match pressure {
        Measure::Implausible(v) => Text::of(
            cat,
            "sensor-fault-title",
            "sensor-fault-body-implausible",
            &Args::new().bar("bar", v),
        ),
        _ => Text::of(
            cat,
            "sensor-fault-title",
            "sensor-fault-body-no-reading",
            &Args::new(),
        ),
    }
}

/// The pressure sensor reads a believable value again.
pub(crate) fn sensor_recovered(cat: &Catalogue, bar_now: Option<f64>) -> Text {
    Text::of(
        cat,
        "sensor-recovered-title",
        "sensor-recovered-body",
        &Args::new().bar_or_unknown("bar", bar_now),
    )
}

// ---- Pressure band -------------------------------------------------------------------

/// A low (`Kind::LowPressure`) or high (any other kind) pressure at this severity.
pub(crate) fn pressure(
    cat: &Catalogue,
    kind: Kind,
    severity: Severity,
    bar_now: Option<f64>,
    soc: Option<f64>,
    t: &Thresholds,
) -> Text {
    let args = band_args(cat, bar_now, soc, t);
    let (id, limit) = match (kind == Kind::LowPressure, severity) {
        (false, Severity::Alarm) => ("pressure-high-alarm", t.high_alarm_bar),
        (false, _) => ("pressure-high-warning", t.high_alarm_bar),
        (true, Severity::Alarm) => ("pressure-low-alarm", t.low_alarm_bar),
        (true, _) => ("pressure-low-warning", t.low_alarm_bar),
    };
    let args = args.bar("limit", limit);
    Text::of(cat, &format!("{id}-title"), &format!("{id}-body"), &args)
}

/// A low or high pressure has cleared; the band holds above `above_soc_pct` charge.
pub(crate) fn pressure_normal(
    cat: &Catalogue,
    bar_now: Option<f64>,
    soc: Option<f64>,
    t: &Thresholds,
    above_soc_pct: f64,
) -> Text {
    let args = band_args(cat, bar_now, soc, t).percent("above", above_soc_pct);
    Text::of(cat, "pressure-normal-title", "pressure-normal-body", &args)
}

/// A reminder of an alarm (low or high pressure) still standing since `since`.
pub(crate) fn reminder(
    cat: &Catalogue,
    kind: Kind,
    alarm: Text,
    since: DateTime<Utc>,
    now: DateTime<FixedOffset>,
) -> Text {
    let title = match kind {
        Kind::LowPressure => "reminder-title-low-pressure",
        _ => "reminder-title-high-pressure",
    };
    Text {
        title: cat.label(title),
        body: cat.t(
            "reminder-body",
            &Args::new()
                .text("body", alarm.body)
                .clock("since", since, now),
        ),
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

pub(crate) fn leak(cat: &Catalogue, f: &LeakFacts) -> Text {
    let args = Args::new()
        .bar("fall", f.fall_bar)
        .minutes("span", f.span.num_minutes())
        .bar("rate", f.fall_per_6h)
        .bar("limit", f.limit_per_6h)
        .percent("soc", f.soc)
        .bar("bar", f.bar_now);
    Text::of(cat, "leak-title", "leak-body", &args)
}

pub(crate) fn leak_cleared(cat: &Catalogue, bar_now: f64, limit_per_6h: f64) -> Text {
    let args = Args::new().bar("bar", bar_now).bar("limit", limit_per_6h);
    Text::of(cat, "leak-cleared-title", "leak-cleared-body", &args)
}

// ---- Charge --------------------------------------------------------------------------

pub(crate) fn charge_finished(cat: &Catalogue, soc: f64, target: u8) -> Text {
    let args = Args::new()
        .percent("soc", soc)
        .int("target", i64::from(target));
    Text::of(cat, "charge-finished-title", "charge-finished-body", &args)
}

/// The device left charging before the target; `state` is what it does now, as it names it.
pub(crate) fn charge_stopped(cat: &Catalogue, soc: f64, target: u8, state: Option<&str>) -> Text {
    let state = state.map_or_else(|| cat.label("state-unknown"), str::to_owned);
    let args = Args::new()
        .percent("soc", soc)
        .int("target", i64::from(target))
        .text("state", state);
    Text::of(cat, "charge-stopped-title", "charge-stopped-body", &args)
}

// ---- Threshold errors ----------------------------------------------------------------

/// A setting's message id (`setting-low-bar`), by its key.
fn setting_id(field: &str) -> String {
    const KNOWN: [&str; 10] = [
        "low_bar",
        "low_alarm_bar",
        "high_bar",
        "high_alarm_bar",
        "hysteresis_bar",
        "leak_bar_per_6h",
        "hold_readings",
        "offline_grace_min",
        "reminder_h",
        "quiet_hours",
    ];
    if KNOWN.contains(&field) {
        format!("setting-{}", field.replace('_', "-"))
    } else {
        "setting-other".into()
    }
}

/// The unit a setting is given in.
fn unit_id(field: &str) -> &'static str {
    match field {
        "leak_bar_per_6h" => "unit-bar-per-6h",
        "hold_readings" => "unit-readings",
        "offline_grace_min" => "unit-minutes",
        "reminder_h" => "unit-hours",
        _ => "unit-bar",
    }
}

/// One line naming the setting and what it must be, e.g. "Low-pressure alarm: must be
/// between 1 and 1.8 bar".
pub(crate) fn threshold_error(cat: &Catalogue, field: &str, rule: Rule) -> String {
    let args = Args::new().text("setting", cat.label(&setting_id(field)));
    match rule {
        Rule::Number => cat.t("threshold-number", &args),
        Rule::Between(lo, hi) => cat.t(
            "threshold-between",
            &args
                .bar("low", lo)
                .bar("high", hi)
                .text("unit", cat.label(unit_id(field))),
        ),
        Rule::Above(other, v) => cat.t(
            "threshold-above",
            &args
                .text("other", cat.label(&format!("{}.inline", setting_id(other))))
                .bar("value", v)
                .text("unit", cat.label(unit_id(other))),
        ),
        Rule::DifferentEnds => cat.t("threshold-different-ends", &args),
    }
}

impl ThresholdError {
    /// What is wrong, in the catalogue's language.
    pub fn message(&self, cat: &Catalogue) -> String {
        threshold_error(cat, self.field, self.rule)
    }
}

/// In English (logs, tests); the owner sees [`ThresholdError::message`].
impl std::fmt::Display for ThresholdError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Catalogue::get(nestore_i18n::Language::English)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use nestore_i18n::Language;

    #[test]
    fn numbers_read_plainly_in_each_language() {
        let en = Catalogue::get(Language::English);
        let nl = Catalogue::get(Language::Dutch);
        let t = Thresholds::default();
        let high = pressure(
            en,
            Kind::HighPressure,
            Severity::Warning,
            Some(2.954),
            Some(77.6),
            &t,
        );
        assert!(
            high.body.starts_with("Pressure 2.95 bar is above"),
            "{}",
            high.body
        );
        assert!(high.body.contains(" at 78 % charge"), "{}", high.body);
        let high = pressure(
            nl,
            Kind::HighPressure,
            Severity::Warning,
            Some(2.954),
            Some(77.6),
            &t,
        );
        assert!(
            high.body
                .starts_with("De druk is 2,95 bar bij een laadtoestand van 78 %"),
            "{}",
            high.body
        );
        let leak = leak(
            nl,
            &LeakFacts {
                fall_bar: 0.3,
                span: Duration::minutes(130),
                fall_per_6h: 0.21,
                limit_per_6h: 0.2,
                soc: 50.0,
                bar_now: 1.9,
            },
        );
        assert!(
            leak.body
                .contains("in de afgelopen 2 uur en 10 min met 0,3 bar gedaald"),
            "{}",
            leak.body
        );
    }
}
