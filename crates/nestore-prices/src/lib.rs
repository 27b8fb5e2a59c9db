//! Day-ahead electricity prices for the charge timers (issue 11, part 3: "charge N hours
//! before 07:00 in the cheapest hours").
//!
//! - [`PricePoint`]: one hour's price (UTC start, EUR/kWh); [`PriceCurve`]: many, checked
//!   (finite, within ±10 EUR/kWh, whole hours, one per hour; gaps allowed).
//! - [`cheapest`]: the N cheapest whole hours of a range, merged into spans; `None` when
//!   the prices do not cover the range (the rule then falls back). Pure, in UTC.
//! - [`market_day`]: a day of the Amsterdam clock as UTC instants (23 or 25 hours on the
//!   changes).
//! - [`PriceSource`]: where prices come from, one day per call; [`EnergyZero`] the first
//!   (feature `fetch`, on by default: reqwest and tokio). [`energyzero::parse`] reads its
//!   answer without any I/O.
//!
//! Without the `fetch` feature the crate is pure (what `nestore-schedule` uses). No words:
//! typed errors ([`PriceError`], [`CurveError`]), `Display` in English for logs.
//!
//! ```no_run
//! # async fn demo() -> Result<(), nestore_prices::PriceError> {
//! use chrono::NaiveDate;
//! use nestore_prices::{EnergyZero, PriceCurve, PriceSource};
//!
//! let source = EnergyZero::public(); // or EnergyZero::new("http://127.0.0.1:8080/v1/energyprices")?
//! let date = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
//! let curve = PriceCurve::new(source.day(date).await?)?;
//! let (from, to) = nestore_prices::market_day(date).unwrap();
//! let spans = curve.cheapest(from, to, 3); // Some([(start, end), ...]) or None
//! # let _ = spans; Ok(()) }
//! ```

mod choice;
pub mod energyzero;
mod error;
mod market;
mod point;
mod source;

pub use choice::{ceil_hour, cheapest};
#[cfg(feature = "fetch")]
pub use energyzero::EnergyZero;
pub use error::PriceError;
pub use market::{market_day, offset_hours, summer_time};
pub use point::{check, CurveError, PriceCurve, PricePoint, MAX_EUR_PER_KWH, MIN_EUR_PER_KWH};
pub use source::{days, PriceSource};
