//! The choice of the cheapest hours of a window: pure, in UTC, so a day of 23 or 25 hours
//! needs no special case.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use crate::point::{PricePoint, HOUR};

/// The first whole hour (UTC) at or after `t`.
pub fn ceil_hour(t: DateTime<Utc>) -> DateTime<Utc> {
    let s = t.timestamp();
    let floor = s.div_euclid(3600) * 3600;
    let up = if floor == s && t.timestamp_subsec_nanos() == 0 {
        floor
    } else {
        floor + 3600
    };
    DateTime::from_timestamp(up, 0).unwrap_or(t)
}

/// The `hours` cheapest whole hours in [`from`, `to`), as contiguous [start, end) spans in
/// order: each hour is one that starts on a whole UTC hour at or after `from` and ends at
/// or before `to`. The cheapest first (a negative price is cheaper than any positive
/// one); of two hours at the same price, the earlier. `None` when a whole hour of the range
/// has no price (or a price that is not a number), or the range has fewer than `hours`
/// whole hours: then the caller falls back. `hours` 0 is `Some` of no span.
///
/// Duplicate points of one hour: the first in `points` counts (a [`crate::PriceCurve`]
/// has none).
pub fn cheapest(
    points: &[PricePoint],
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    hours: u32,
) -> Option<Vec<(DateTime<Utc>, DateTime<Utc>)>> {
    let mut by_start: BTreeMap<DateTime<Utc>, f64> = BTreeMap::new();
    for p in points {
        by_start.entry(p.start).or_insert(p.eur_per_kwh);
    }
    let mut slots: Vec<(f64, DateTime<Utc>)> = Vec::new();
    let mut h = ceil_hour(from);
    while h + HOUR <= to {
        let price = *by_start.get(&h)?;
        if !price.is_finite() {
            return None;
        }
        slots.push((price, h));
        h += HOUR;
    }
    let wanted = usize::try_from(hours).ok()?;
    if slots.len() < wanted {
        return None;
    }
    slots.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    let mut chosen: Vec<DateTime<Utc>> = slots.into_iter().take(wanted).map(|s| s.1).collect();
    chosen.sort();
    let mut spans: Vec<(DateTime<Utc>, DateTime<Utc>)> = Vec::new();
    for start in chosen {
        match spans.last_mut() {
            Some(last) if last.1 == start => last.1 = start + HOUR,
            _ => spans.push((start, start + HOUR)),
        }
    }
    Some(spans)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    /// Hourly points from `first`, one per price.
    fn curve(first: &str, prices: &[f64]) -> Vec<PricePoint> {
        let t0 = at(first);
        prices
            .iter()
            .enumerate()
            .map(|(i, &eur_per_kwh)| PricePoint {
                start: t0 + HOUR * i as i32,
                eur_per_kwh,
            })
            .collect()
    }

    #[test]
    fn ties_go_to_the_earlier_hour_and_neighbours_merge() {
        let c = curve("2026-01-01T00:00:00Z", &[0.3, 0.1, 0.2, 0.1, 0.2, 0.1]);
        let (from, to) = (at("2026-01-01T00:00:00Z"), at("2026-01-01T06:00:00Z"));
        assert_eq!(
            cheapest(&c, from, to, 2),
            Some(vec![
                (at("2026-01-01T01:00:00Z"), at("2026-01-01T02:00:00Z")),
                (at("2026-01-01T03:00:00Z"), at("2026-01-01T04:00:00Z")),
            ])
        );
        assert_eq!(
            cheapest(&c, from, to, 4),
            Some(vec![
                (at("2026-01-01T01:00:00Z"), at("2026-01-01T04:00:00Z")),
                (at("2026-01-01T05:00:00Z"), at("2026-01-01T06:00:00Z")),
            ]),
            "the first 0.2 of two"
        );
        assert_eq!(cheapest(&c, from, to, 0), Some(vec![]));
    }

    #[test]
    fn only_whole_hours_inside_the_range_count() {
        let c = curve("2026-01-01T00:00:00Z", &[0.1, 0.5, 0.4, 0.3]);
        // 00:30-04:00: the cheap hour at 00:00 is only half inside.
        let spans = cheapest(
            &c,
            at("2026-01-01T00:30:00Z"),
            at("2026-01-01T04:00:00Z"),
            1,
        );
        assert_eq!(
            spans,
            Some(vec![(
                at("2026-01-01T03:00:00Z"),
                at("2026-01-01T04:00:00Z")
            )])
        );
        // Three whole hours in 00:30-04:00, not four.
        assert_eq!(
            cheapest(
                &c,
                at("2026-01-01T00:30:00Z"),
                at("2026-01-01T04:00:00Z"),
                4
            ),
            None
        );
        assert_eq!(
            ceil_hour(at("2026-01-01T00:00:00Z")),
            at("2026-01-01T00:00:00Z")
        );
        assert_eq!(
            ceil_hour(at("2026-01-01T00:00:00.5Z")),
            at("2026-01-01T01:00:00Z")
        );
    }

    #[test]
    fn a_range_not_covered_has_no_choice() {
        let mut c = curve("2026-01-01T00:00:00Z", &[0.1, 0.5, 0.4, 0.3]);
        let (from, to) = (at("2026-01-01T00:00:00Z"), at("2026-01-01T05:00:00Z"));
        assert_eq!(cheapest(&c, from, to, 1), None, "04:00 has no price");
        c.remove(2);
        assert_eq!(
            cheapest(&c, from, at("2026-01-01T04:00:00Z"), 1),
            None,
            "a gap"
        );
        let nan = curve("2026-01-01T00:00:00Z", &[0.1, f64::NAN]);
        assert_eq!(cheapest(&nan, from, at("2026-01-01T02:00:00Z"), 1), None);
    }

    #[test]
    fn negative_prices_are_the_cheapest() {
        let c = curve("2026-06-01T10:00:00Z", &[0.01, -0.02, 0.0, -0.10, 0.05]);
        let (from, to) = (at("2026-06-01T10:00:00Z"), at("2026-06-01T15:00:00Z"));
        assert_eq!(
            cheapest(&c, from, to, 2),
            Some(vec![
                (at("2026-06-01T11:00:00Z"), at("2026-06-01T12:00:00Z")),
                (at("2026-06-01T13:00:00Z"), at("2026-06-01T14:00:00Z")),
            ])
        );
    }
}
