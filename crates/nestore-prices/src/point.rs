//! Hourly prices: one [`PricePoint`] per hour, and a checked [`PriceCurve`] of them.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, Timelike, Utc};
use serde::{Deserialize, Serialize};

/// The highest price taken as real, in EUR/kWh (the day-ahead market's harmonised ceiling
/// is 4 EUR/kWh before taxes); above it a price is implausible and refused.
pub const MAX_EUR_PER_KWH: f64 = 10.0;
/// The lowest price taken as real, in EUR/kWh (the market's floor is -0.5 EUR/kWh).
pub const MIN_EUR_PER_KWH: f64 = -10.0;

/// One hour's price: from `start` (UTC, a whole hour) for one hour, in euros per kWh as the
/// source gives it (EnergyZero: with VAT). Serialises as
/// `{"start":"2026-11-26T23:00:00Z","eur_per_kwh":0.231}` (for the window's chart).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct PricePoint {
    pub start: DateTime<Utc>,
    pub eur_per_kwh: f64,
}

impl PricePoint {
    /// The end of its hour.
    pub fn end(&self) -> DateTime<Utc> {
        self.start + HOUR
    }
}

pub(crate) const HOUR: Duration = Duration::hours(1);

/// Why a list of price points is refused. `Display` is English, for logs.
#[derive(Debug, Clone, Copy, PartialEq, thiserror::Error)]
pub enum CurveError {
    /// NaN or infinite.
    #[error("the price at {at} is not a number")]
    NotFinite { at: DateTime<Utc> },
    /// Outside [`MIN_EUR_PER_KWH`]..=[`MAX_EUR_PER_KWH`].
    #[error("the price at {at} ({eur_per_kwh} EUR/kWh) is implausible")]
    Implausible { at: DateTime<Utc>, eur_per_kwh: f64 },
    /// A start that is not a whole hour (15-minute prices are not taken).
    #[error("the price at {at} does not start on a whole hour")]
    NotHourly { at: DateTime<Utc> },
    /// Two prices for the same hour.
    #[error("two prices for the hour at {at}")]
    Duplicate { at: DateTime<Utc> },
}

/// Checks one point: a finite, plausible price for a whole hour.
pub fn check(p: &PricePoint) -> Result<(), CurveError> {
    let at = p.start;
    if !p.eur_per_kwh.is_finite() {
        return Err(CurveError::NotFinite { at });
    }
    if !(MIN_EUR_PER_KWH..=MAX_EUR_PER_KWH).contains(&p.eur_per_kwh) {
        return Err(CurveError::Implausible {
            at,
            eur_per_kwh: p.eur_per_kwh,
        });
    }
    if at.minute() != 0 || at.second() != 0 || at.nanosecond() != 0 {
        return Err(CurveError::NotHourly { at });
    }
    Ok(())
}

/// Hourly prices, checked: each plausible and on a whole hour, in order of start, one per
/// hour. Gaps are allowed (a day not yet published): the choice of the cheapest hours
/// falls back where the prices do not cover a window.
///
/// Serialises as the list of its points; reading one back checks it again (a file kept by
/// the app cannot slip an implausible price in).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(into = "Vec<PricePoint>", try_from = "Vec<PricePoint>")]
pub struct PriceCurve {
    points: Vec<PricePoint>,
}

impl PriceCurve {
    /// Checks every point, sorts them by start and refuses two for one hour.
    pub fn new(mut points: Vec<PricePoint>) -> Result<PriceCurve, CurveError> {
        for p in &points {
            check(p)?;
        }
        points.sort_by_key(|p| p.start);
        if let Some(w) = points.windows(2).find(|w| w[0].start == w[1].start) {
            return Err(CurveError::Duplicate { at: w[0].start });
        }
        Ok(PriceCurve { points })
    }

    /// The points, in order of start.
    pub fn points(&self) -> &[PricePoint] {
        &self.points
    }

    pub fn is_empty(&self) -> bool {
        self.points.is_empty()
    }

    /// This curve with `newer`'s points added; where both have an hour, `newer`'s price.
    pub fn merged(&self, newer: &PriceCurve) -> PriceCurve {
        let mut by_start: BTreeMap<DateTime<Utc>, PricePoint> =
            self.points.iter().map(|p| (p.start, *p)).collect();
        by_start.extend(newer.points.iter().map(|p| (p.start, *p)));
        PriceCurve {
            points: by_start.into_values().collect(),
        }
    }

    /// Only the hours that end after `from` (for forgetting old days).
    pub fn since(&self, from: DateTime<Utc>) -> PriceCurve {
        PriceCurve {
            points: self
                .points
                .iter()
                .filter(|p| p.end() > from)
                .copied()
                .collect(),
        }
    }

    /// The price of the hour that starts at `start`.
    pub fn price_at(&self, start: DateTime<Utc>) -> Option<f64> {
        self.points
            .binary_search_by_key(&start, |p| p.start)
            .ok()
            .map(|i| self.points[i].eur_per_kwh)
    }

    /// [`crate::cheapest`] on this curve.
    pub fn cheapest(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        hours: u32,
    ) -> Option<Vec<(DateTime<Utc>, DateTime<Utc>)>> {
        crate::cheapest(&self.points, from, to, hours)
    }
}

impl From<PriceCurve> for Vec<PricePoint> {
    fn from(c: PriceCurve) -> Vec<PricePoint> {
        c.points
    }
}

impl TryFrom<Vec<PricePoint>> for PriceCurve {
    type Error = CurveError;

    fn try_from(points: Vec<PricePoint>) -> Result<PriceCurve, CurveError> {
        PriceCurve::new(points)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn p(s: &str, eur_per_kwh: f64) -> PricePoint {
        PricePoint {
            start: at(s),
            eur_per_kwh,
        }
    }

    #[test]
    fn prices_that_cannot_be_true_are_refused() {
        let t = "2026-11-27T01:00:00Z";
        assert_eq!(
            PriceCurve::new(vec![p(t, f64::NAN)]),
            Err(CurveError::NotFinite { at: at(t) })
        );
        assert_eq!(
            PriceCurve::new(vec![p(t, f64::INFINITY)]),
            Err(CurveError::NotFinite { at: at(t) })
        );
        for bad in [10.01, -10.01, 1e300] {
            assert_eq!(
                PriceCurve::new(vec![p(t, bad)]),
                Err(CurveError::Implausible {
                    at: at(t),
                    eur_per_kwh: bad
                })
            );
        }
        for edge in [MAX_EUR_PER_KWH, MIN_EUR_PER_KWH, 0.0, -0.5] {
            assert!(PriceCurve::new(vec![p(t, edge)]).is_ok(), "{edge}");
        }
        let quarter = "2026-11-27T01:15:00Z";
        assert_eq!(
            PriceCurve::new(vec![p(quarter, 0.2)]),
            Err(CurveError::NotHourly { at: at(quarter) })
        );
        assert_eq!(
            PriceCurve::new(vec![p(t, 0.2), p("2026-11-27T00:00:00Z", 0.2), p(t, 0.3)]),
            Err(CurveError::Duplicate { at: at(t) })
        );
    }

    #[test]
    fn a_curve_is_in_order_and_a_newer_day_wins_where_both_have_an_hour() {
        let old = PriceCurve::new(vec![
            p("2026-11-27T01:00:00Z", 0.3),
            p("2026-11-27T00:00:00Z", 0.2),
        ])
        .unwrap();
        assert_eq!(old.points()[0].start, at("2026-11-27T00:00:00Z"));
        let newer = PriceCurve::new(vec![
            p("2026-11-27T01:00:00Z", 0.1),
            p("2026-11-27T02:00:00Z", 0.4),
        ])
        .unwrap();
        let both = old.merged(&newer);
        let prices: Vec<f64> = both.points().iter().map(|p| p.eur_per_kwh).collect();
        assert_eq!(prices, vec![0.2, 0.1, 0.4]);
        assert_eq!(both.price_at(at("2026-11-27T02:00:00Z")), Some(0.4));
        assert_eq!(both.price_at(at("2026-11-27T03:00:00Z")), None);
        assert_eq!(both.since(at("2026-11-27T01:30:00Z")).points().len(), 2);
        assert_eq!(
            serde_json::to_string(&both.points()[0]).unwrap(),
            r#"{"start":"2026-11-27T00:00:00Z","eur_per_kwh":0.2}"#
        );
        let json = serde_json::to_string(&both).unwrap();
        assert!(
            json.starts_with(r#"[{"start":"2026-11-27T00:00:00Z""#),
            "{json}"
        );
        assert_eq!(serde_json::from_str::<PriceCurve>(&json).unwrap(), both);
        let bad = r#"[{"start":"2026-11-27T00:00:00Z","eur_per_kwh":11.0}]"#;
        assert!(serde_json::from_str::<PriceCurve>(bad).is_err());
    }
}
