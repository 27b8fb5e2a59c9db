//! Plain-words formatting of values for notice texts.

use chrono::{DateTime, Duration, FixedOffset, Utc};

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

/// A state of charge as a whole percentage.
pub(crate) fn pct(v: f64) -> String {
    format!("{v:.0}")
}

/// " at 78 % charge", or nothing when the charge is unknown.
pub(crate) fn at_charge(soc: Option<f64>) -> String {
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
