//! The choice of the cheapest hours, for any prices: as many hours as asked, whole hours
//! inside the range, spans apart and in order, and no hour left out cheaper than one
//! chosen (nor as cheap and earlier).

use chrono::{DateTime, Duration, Utc};
use nestore_prices::{cheapest, PricePoint};
use proptest::prelude::*;

fn hours_of(spans: &[(DateTime<Utc>, DateTime<Utc>)]) -> Vec<DateTime<Utc>> {
    let mut out = Vec::new();
    for &(mut t, end) in spans {
        while t < end {
            out.push(t);
            t += Duration::hours(1);
        }
    }
    out
}

proptest! {
    #[test]
    fn the_choice_is_the_cheapest_and_keeps_to_the_range(
        // Prices in tenths of a cent, few distinct values so ties are common.
        milli in prop::collection::vec(-50i64..50, 1..40),
        from_off_min in 0i64..120,
        len_min in 0i64..(40 * 60),
        wanted in 0u32..40,
    ) {
        let t0 = DateTime::parse_from_rfc3339("2026-10-24T20:00:00Z").unwrap().with_timezone(&Utc);
        let points: Vec<PricePoint> = milli
            .iter()
            .enumerate()
            .map(|(i, m)| PricePoint { start: t0 + Duration::hours(i as i64), eur_per_kwh: *m as f64 / 1000.0 })
            .collect();
        let from = t0 + Duration::minutes(from_off_min);
        let to = from + Duration::minutes(len_min);
        // The whole hours of the range, and whether prices cover them.
        let first = nestore_prices::ceil_hour(from);
        let mut slots = Vec::new();
        let mut h = first;
        while h + Duration::hours(1) <= to {
            slots.push(h);
            h += Duration::hours(1);
        }
        let covered = slots.iter().all(|s| points.iter().any(|p| p.start == *s));
        let got = cheapest(&points, from, to, wanted);
        if !covered || slots.len() < wanted as usize {
            prop_assert_eq!(got, None);
            return Ok(());
        }
        let spans = got.unwrap();
        prop_assert!(spans.windows(2).all(|w| w[0].1 < w[1].0), "apart and in order: {:?}", spans);
        let chosen = hours_of(&spans);
        prop_assert_eq!(chosen.len(), wanted as usize);
        prop_assert!(chosen.iter().all(|c| slots.contains(c)));
        let price = |t: &DateTime<Utc>| points.iter().find(|p| p.start == *t).unwrap().eur_per_kwh;
        for left in slots.iter().filter(|s| !chosen.contains(s)) {
            for c in &chosen {
                prop_assert!(
                    price(c) < price(left) || (price(c) == price(left) && c < left),
                    "{} ({}) chosen over {} ({})", c, price(c), left, price(left)
                );
            }
        }
    }
}
