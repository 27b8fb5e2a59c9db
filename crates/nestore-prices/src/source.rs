//! Where prices come from: one small trait, so another source (another country's market,
//! a supplier's own tariff) can follow EnergyZero.

use std::future::Future;

use chrono::NaiveDate;

use crate::error::PriceError;
use crate::point::{PriceCurve, PricePoint};

/// A source of day-ahead prices.
pub trait PriceSource {
    /// The hourly prices of the market day `date` (Amsterdam's clock: 23, 24 or 25 hours;
    /// see [`crate::market_day`]), in order, each checked. A day not yet published is
    /// [`PriceError::NotPublished`], never an empty list.
    fn day(
        &self,
        date: NaiveDate,
    ) -> impl Future<Output = Result<Vec<PricePoint>, PriceError>> + Send;
}

/// The days `dates` from `source`, one request after the other, as one curve; each day
/// that failed, with its error (the rules fall back for the hours it lacks).
pub async fn days<S: PriceSource + Sync>(
    source: &S,
    dates: &[NaiveDate],
) -> (PriceCurve, Vec<(NaiveDate, PriceError)>) {
    let mut curve = PriceCurve::default();
    let mut failed = Vec::new();
    for &date in dates {
        let got = match source.day(date).await {
            Ok(points) => PriceCurve::new(points).map_err(PriceError::from),
            Err(e) => Err(e),
        };
        match got {
            Ok(day) => curve = curve.merged(&day),
            Err(e) => failed.push((date, e)),
        }
    }
    (curve, failed)
}
