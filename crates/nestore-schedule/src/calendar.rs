//! A rule's windows as instants: local wall-clock times turned into UTC in the caller's
//! time zone, across daylight-saving changes.
//!
//! - A window belongs to the local date it starts on, so a date has at most one window of
//!   a rule: none is run twice when the clock goes back.
//! - A start or end the clock skips (02:30 when it jumps from 02:00 to 03:00) is the
//!   instant the clock jumps to; a time that comes twice (02:30 when it goes back) is the
//!   first of the two. A window squeezed to nothing by a skipped hour keeps its length on
//!   the wall clock, from its start: none is skipped.

use chrono::{DateTime, Duration, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use serde::Serialize;

use crate::rule::{Action, Rule};

/// Which window: the rule's index, the local date its window starts on, and which of its
/// spans (0 but for a rule "in the cheapest hours" whose hours fall apart: 0, 1, ... in
/// order of start).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct WindowId {
    pub rule: usize,
    pub date: NaiveDate,
    pub span: u8,
}

/// Why a window lies where it does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// The rule's own start and end.
    Fixed,
    /// Some of a rule's cheapest hours, chosen from the prices.
    Cheapest,
    /// A rule "in the cheapest hours" without prices for its whole window: its last N
    /// hours.
    Fallback,
}

/// One window of one rule (or one span of a rule "in the cheapest hours").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Window {
    pub id: WindowId,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub action: Action,
    pub basis: Basis,
}

impl Window {
    pub fn contains(&self, t: DateTime<Utc>) -> bool {
        self.start <= t && t < self.end
    }
}

/// The instant of a local wall-clock time in `tz`: the first of two, or the instant the
/// clock jumps to when it skips this time.
pub fn instant<Tz: TimeZone>(tz: &Tz, date: NaiveDate, time: NaiveTime) -> DateTime<Utc> {
    let naive = NaiveDateTime::new(date, time);
    match tz.from_local_datetime(&naive) {
        LocalResult::Single(t) => t.with_timezone(&Utc),
        LocalResult::Ambiguous(a, b) => a.with_timezone(&Utc).min(b.with_timezone(&Utc)),
        LocalResult::None => {
            // Skipped by a jump forward (at most a few hours anywhere; jumps fall on whole
            // minutes): the first minute that exists after it is the instant of the jump.
            (1..=24 * 60)
                .find_map(
                    |m| match tz.from_local_datetime(&(naive + Duration::minutes(m))) {
                        LocalResult::None => None,
                        LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => {
                            Some(t.with_timezone(&Utc))
                        }
                    },
                )
                .unwrap_or_else(|| naive.and_utc())
        }
    }
}

/// The window of `rule` that starts on local `date` in `tz`, if the rule runs that day
/// (basis [`Basis::Fixed`]; for a rule "in the cheapest hours", the range its hours are
/// chosen from: the scheduler turns it into spans).
pub fn window_on<Tz: TimeZone>(
    tz: &Tz,
    index: usize,
    rule: &Rule,
    date: NaiveDate,
) -> Option<Window> {
    use chrono::Datelike;
    if !rule.enabled || !rule.days.contains(date.weekday()) {
        return None;
    }
    let start = instant(tz, date, rule.start);
    let end_date = if rule.end > rule.start {
        date
    } else {
        date.succ_opt()?
    };
    let mut end = instant(tz, end_date, rule.end);
    if end <= start {
        end = start + Duration::minutes(i64::from(rule.minutes()));
    }
    Some(Window {
        id: WindowId {
            rule: index,
            date,
            span: 0,
        },
        start,
        end,
        action: rule.action,
        basis: Basis::Fixed,
    })
}

/// Every window of `rules` that is not over by `from` and starts before `to`, in order of
/// start (then rule).
pub fn windows<Tz: TimeZone>(
    rules: &[Rule],
    tz: &Tz,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Vec<Window> {
    let first = from.with_timezone(tz).date_naive().pred_opt();
    let last = to.with_timezone(tz).date_naive();
    let mut out = Vec::new();
    let Some(mut date) = first else {
        return out;
    };
    while date <= last {
        for (i, rule) in rules.iter().enumerate() {
            if let Some(w) = window_on(tz, i, rule, date) {
                if w.end > from && w.start < to {
                    out.push(w);
                }
            }
        }
        match date.succ_opt() {
            Some(d) => date = d,
            None => break,
        }
    }
    out.sort_by_key(|w| (w.start, w.id));
    out
}
