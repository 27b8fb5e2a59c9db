//! The market's day: the Dutch day-ahead market trades days of the Amsterdam clock (CET,
//! CEST in summer), which begin at 23:00 UTC in winter and 22:00 UTC in summer and last 23
//! hours on the last Sunday of March and 25 on the last Sunday of October.
//!
//! Summer time in the EU runs from 01:00 UTC on the last Sunday of March to 01:00 UTC on the
//! last Sunday of October (Directive 2000/84/EC), the same instant in every member state.
//! That one rule is written out here rather than carrying a whole time-zone database into
//! the app; the tests check it against `chrono-tz`'s Europe/Amsterdam day by day.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, Utc, Weekday};

/// The last Sunday of `month` in `year`, at 01:00 UTC.
fn last_sunday_0100(year: i32, month: u32) -> Option<DateTime<Utc>> {
    let first_next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)?
    };
    let last = first_next.pred_opt()?;
    let back = last.weekday().days_since(Weekday::Sun);
    let sunday = last - Duration::days(i64::from(back));
    Some(sunday.and_time(NaiveTime::from_hms_opt(1, 0, 0)?).and_utc())
}

/// Whether Amsterdam keeps summer time (UTC+2) at `t`.
pub fn summer_time(t: DateTime<Utc>) -> bool {
    let year = t.year();
    match (last_sunday_0100(year, 3), last_sunday_0100(year, 10)) {
        (Some(begin), Some(end)) => begin <= t && t < end,
        _ => false,
    }
}

/// The offset of the Amsterdam clock from UTC at `t`, in hours: 1 or 2.
pub fn offset_hours(t: DateTime<Utc>) -> i64 {
    if summer_time(t) {
        2
    } else {
        1
    }
}

/// The local midnight that begins `date` on the Amsterdam clock, as an instant.
fn midnight(date: NaiveDate) -> DateTime<Utc> {
    let naive = date.and_time(NaiveTime::MIN).and_utc();
    // Midnight is never near a change (those are at 01:00 UTC): the offset an hour before
    // the naive midnight read as UTC is the offset at the real one.
    naive - Duration::hours(offset_hours(naive - Duration::hours(1)))
}

/// The market day `date` (Amsterdam's clock) as the UTC instants [start, end): 24 hours,
/// 23 on the spring change, 25 on the autumn one. `None` only at the end of time.
pub fn market_day(date: NaiveDate) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
    Some((midnight(date), midnight(date.succ_opt()?)))
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;
    use chrono_tz::Europe::Amsterdam;

    use super::*;

    #[test]
    fn every_day_from_2000_to_2060_agrees_with_the_time_zone_database() {
        let mut date = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap();
        let (mut short, mut long) = (0, 0);
        while date.year() <= 2060 {
            let (from, to) = market_day(date).unwrap();
            let want_from = Amsterdam
                .from_local_datetime(&date.and_time(NaiveTime::MIN))
                .single()
                .unwrap();
            assert_eq!(from, want_from.with_timezone(&Utc), "{date}");
            match (to - from).num_hours() {
                23 => short += 1,
                25 => long += 1,
                24 => {}
                h => panic!("{date}: {h} hours"),
            }
            date = date.succ_opt().unwrap();
        }
        assert_eq!((short, long), (61, 61), "one of each a year");
    }

    #[test]
    fn the_offset_changes_at_one_in_the_morning_utc() {
        let at = |s: &str| DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc);
        assert_eq!(offset_hours(at("2026-03-29T00:59:59Z")), 1);
        assert_eq!(offset_hours(at("2026-03-29T01:00:00Z")), 2);
        assert_eq!(offset_hours(at("2026-10-25T00:59:59Z")), 2);
        assert_eq!(offset_hours(at("2026-10-25T01:00:00Z")), 1);
    }
}
