//! EnergyZero's public day-ahead prices (no key): `GET /v1/energyprices` with `fromDate`
//! and `tillDate` (UTC, ISO 8601), `interval=4` (hours), `usageType=1` (electricity),
//! `inclBtw=true` (with VAT). One day per request. The answer:
//!
//! ```json
//! {"Prices": [{"price": "0.231", "readingDate": "2026-11-26T23:00:00Z"}, ...],
//!  "intervalType": 4, "average": 0.27, "fromDate": "...", "tillDate": "..."}
//! ```
//!
//! A price is text or a number (both are seen); its time is the start of its hour, in UTC.
//! Only `Prices` is read. An empty `Prices` is [`PriceError::NotPublished`] (tomorrow's
//! prices appear in the afternoon).

use chrono::{DateTime, Duration, NaiveDate, SecondsFormat, Utc};
use serde::Deserialize;

use crate::error::PriceError;
use crate::market::market_day;
use crate::point::{PriceCurve, PricePoint};

/// EnergyZero's public endpoint.
pub const DEFAULT_URL: &str = "https://api.energyzero.nl/v1/energyprices";

#[derive(Deserialize)]
struct Answer {
    #[serde(rename = "Prices")]
    prices: Vec<Entry>,
}

#[derive(Deserialize)]
struct Entry {
    price: Number,
    #[serde(rename = "readingDate")]
    reading_date: String,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Number {
    Value(f64),
    Text(String),
}

/// The query of one market day: `fromDate` its first instant, `tillDate` its last
/// millisecond (as EnergyZero's own clients send it).
pub fn query(date: NaiveDate) -> Option<[(&'static str, String); 5]> {
    let (from, to) = market_day(date)?;
    let till = to - Duration::milliseconds(1);
    Some([
        (
            "fromDate",
            from.to_rfc3339_opts(SecondsFormat::Millis, true),
        ),
        (
            "tillDate",
            till.to_rfc3339_opts(SecondsFormat::Millis, true),
        ),
        ("interval", "4".to_string()),
        ("usageType", "1".to_string()),
        ("inclBtw", "true".to_string()),
    ])
}

/// Reads an answer for the market day `date`: the prices of its hours, in order, checked
/// ([`PriceCurve::new`]). Points outside the day are left out. A day with fewer hours than
/// it has (a partial answer) is returned as it is; the choice falls back where hours lack.
pub fn parse(body: &[u8], date: NaiveDate) -> Result<Vec<PricePoint>, PriceError> {
    let (from, to) =
        market_day(date).ok_or_else(|| PriceError::Malformed("a date out of range".into()))?;
    let answer: Answer =
        serde_json::from_slice(body).map_err(|e| PriceError::Malformed(short(&e.to_string())))?;
    if answer.prices.is_empty() {
        return Err(PriceError::NotPublished);
    }
    let mut points = Vec::with_capacity(answer.prices.len());
    for e in answer.prices {
        let start = DateTime::parse_from_rfc3339(e.reading_date.trim())
            .map_err(|_| {
                PriceError::Malformed(format!("readingDate {:?}", short(&e.reading_date)))
            })?
            .with_timezone(&Utc);
        let eur_per_kwh = match e.price {
            Number::Value(v) => v,
            Number::Text(s) => s
                .trim()
                .parse::<f64>()
                .map_err(|_| PriceError::Malformed(format!("price {:?}", short(&s))))?,
        };
        if from <= start && start < to {
            points.push(PricePoint { start, eur_per_kwh });
        }
    }
    if points.is_empty() {
        return Err(PriceError::NotPublished);
    }
    Ok(PriceCurve::new(points)?.points().to_vec())
}

/// Text from the answer, cut to 64 characters for an error.
fn short(s: &str) -> String {
    s.chars().take(64).collect()
}

#[cfg(feature = "fetch")]
pub use fetch::{EnergyZero, MAX_BODY};

#[cfg(feature = "fetch")]
mod fetch {
    use std::time::Duration;

    use chrono::NaiveDate;
    use reqwest::Url;

    use super::{parse, query, DEFAULT_URL};
    use crate::error::PriceError;
    use crate::point::PricePoint;
    use crate::source::PriceSource;

    /// A day of hourly prices is about 3 kB; anything near this is something else.
    pub const MAX_BODY: usize = 256 * 1024;
    const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
    const TIMEOUT: Duration = Duration::from_secs(15);

    /// EnergyZero as a [`PriceSource`]: no redirects followed, no proxy, a connect timeout
    /// of 5 s and 15 s for the whole answer, at most [`MAX_BODY`] bytes read.
    #[derive(Debug, Clone)]
    pub struct EnergyZero {
        url: Url,
        http: reqwest::Client,
    }

    impl EnergyZero {
        /// The source at `base_url` (the endpoint itself, [`DEFAULT_URL`] for the real one;
        /// tests pass a loopback address). Refuses what is not http or https.
        pub fn new(base_url: &str) -> Result<EnergyZero, PriceError> {
            EnergyZero::with_timeout(base_url, TIMEOUT)
        }

        /// The real endpoint.
        pub fn public() -> EnergyZero {
            EnergyZero::new(DEFAULT_URL).expect("the default address is valid")
        }

        /// With another limit for the whole answer (tests: short).
        pub fn with_timeout(base_url: &str, timeout: Duration) -> Result<EnergyZero, PriceError> {
            let bad = || PriceError::InvalidUrl(base_url.chars().take(200).collect());
            let url = Url::parse(base_url).map_err(|_| bad())?;
            if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
                return Err(bad());
            }
            let http = reqwest::Client::builder()
                .connect_timeout(CONNECT_TIMEOUT.min(timeout))
                .timeout(timeout)
                .redirect(reqwest::redirect::Policy::none())
                .no_proxy()
                .user_agent(concat!("nestore-prices/", env!("CARGO_PKG_VERSION")))
                .build()
                .map_err(|e| PriceError::Unreachable(e.to_string()))?;
            Ok(EnergyZero { url, http })
        }

        /// The address asked for `date`.
        pub fn url_for(&self, date: NaiveDate) -> Result<Url, PriceError> {
            let q =
                query(date).ok_or_else(|| PriceError::Malformed("a date out of range".into()))?;
            let mut url = self.url.clone();
            url.query_pairs_mut()
                .extend_pairs(q.iter().map(|(k, v)| (*k, v.as_str())));
            Ok(url)
        }

        async fn fetch(&self, date: NaiveDate) -> Result<Vec<PricePoint>, PriceError> {
            let url = self.url_for(date)?;
            let mut resp = self.http.get(url).send().await.map_err(transport)?;
            let status = resp.status();
            if status != reqwest::StatusCode::OK {
                return Err(PriceError::Status(status.as_u16()));
            }
            if resp.content_length().is_some_and(|n| n > MAX_BODY as u64) {
                return Err(PriceError::TooLarge(MAX_BODY));
            }
            let mut body = Vec::new();
            while let Some(chunk) = resp.chunk().await.map_err(transport)? {
                if body.len() + chunk.len() > MAX_BODY {
                    return Err(PriceError::TooLarge(MAX_BODY));
                }
                body.extend_from_slice(&chunk);
            }
            parse(&body, date)
        }
    }

    fn transport(e: reqwest::Error) -> PriceError {
        if e.is_timeout() {
            PriceError::Timeout
        } else {
            // Without the address: it holds nothing secret, but the error's own chain
            // says what failed.
            let e = e.without_url();
            let mut text = e.to_string();
            let mut source = std::error::Error::source(&e);
            while let Some(s) = source {
                text.push_str(": ");
                text.push_str(&s.to_string());
                source = s.source();
            }
            PriceError::Unreachable(text)
        }
    }

    impl PriceSource for EnergyZero {
        async fn day(&self, date: NaiveDate) -> Result<Vec<PricePoint>, PriceError> {
            self.fetch(date).await
        }
    }
}
