//! The day-ahead prices the app holds for the timers "in the cheapest hours", and when to
//! ask the price source for more. Pure: the caller passes the time, asks the source for
//! the days [`PriceBook::wanted`] names, and hands back what came ([`PriceBook::got`]).
//!
//! - Only while a timer asks for the cheapest hours (the caller checks): never otherwise.
//! - Today's and tomorrow's market days (Amsterdam's clock). Tomorrow's are published
//!   around 13:00 Amsterdam time, so they are not asked for before [`TOMORROW_FROM_UTC`].
//! - A day that is missing (not published, the source unreachable) is asked for again at
//!   most once per [`ASK_AGAIN`]; a day held is not asked for again.
//! - Hours that ended more than a day ago are forgotten.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};
use nestore_i18n::{Args, Catalogue};
use nestore_prices::{market_day, offset_hours, PriceCurve, PriceError, PricePoint};
use serde::Serialize;

/// A missing day is asked for again after this long.
pub const ASK_AGAIN: Duration = Duration::hours(1);
/// Tomorrow's prices are asked for from this hour of the day, UTC (12:00 UTC is 13:00 or
/// 14:00 in Amsterdam, about when the day-ahead auction publishes).
pub const TOMORROW_FROM_UTC: u32 = 12;

#[derive(Debug, Clone, Default)]
pub struct PriceBook {
    curve: PriceCurve,
    asked: BTreeMap<NaiveDate, DateTime<Utc>>,
    /// The last failure, while a wanted day is missing.
    problem: Option<PriceError>,
}

/// The market day (Amsterdam's clock) that `t` falls in.
pub fn market_date(t: DateTime<Utc>) -> NaiveDate {
    (t + Duration::hours(offset_hours(t))).date_naive()
}

impl PriceBook {
    pub fn curve(&self) -> &PriceCurve {
        &self.curve
    }

    /// Why prices are missing, while they are.
    pub fn problem(&self) -> Option<&PriceError> {
        self.problem.as_ref()
    }

    /// Whether the whole market day `date` is held.
    fn holds(&self, date: NaiveDate) -> bool {
        let Some((from, to)) = market_day(date) else {
            return true;
        };
        let mut t = from;
        while t < to {
            if self.curve.price_at(t).is_none() {
                return false;
            }
            t += Duration::hours(1);
        }
        true
    }

    /// The days to ask for at `now`, and when each missing one may be asked for.
    fn due(&self, now: DateTime<Utc>) -> Vec<(NaiveDate, DateTime<Utc>)> {
        let today = market_date(now);
        let tomorrow_from = now
            .date_naive()
            .and_time(NaiveTime::from_hms_opt(TOMORROW_FROM_UTC, 0, 0).unwrap_or(NaiveTime::MIN))
            .and_utc();
        let mut out = Vec::new();
        for (date, earliest) in [(Some(today), now), (today.succ_opt(), tomorrow_from)] {
            let Some(date) = date else { continue };
            if self.holds(date) {
                continue;
            }
            let again = self.asked.get(&date).map(|t| *t + ASK_AGAIN);
            out.push((date, again.map_or(earliest, |a| a.max(earliest))));
        }
        out
    }

    /// The days to ask for now (none most of the time).
    pub fn wanted(&self, now: DateTime<Utc>) -> Vec<NaiveDate> {
        self.due(now)
            .into_iter()
            .filter(|(_, at)| *at <= now)
            .map(|(d, _)| d)
            .collect()
    }

    /// When [`PriceBook::wanted`] names a day next, if a day is missing.
    pub fn next_ask(&self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        self.due(now).into_iter().map(|(_, at)| at.max(now)).min()
    }

    /// What came of asking for `dates` at `now`: the prices got, and the days that failed.
    pub fn got(
        &mut self,
        dates: &[NaiveDate],
        prices: &PriceCurve,
        failed: Vec<(NaiveDate, PriceError)>,
        now: DateTime<Utc>,
    ) {
        for d in dates {
            self.asked.insert(*d, now);
        }
        self.asked.retain(|d, _| *d >= market_date(now));
        self.curve = self.curve.since(now - Duration::days(1)).merged(prices);
        self.problem = failed.into_iter().map(|(_, e)| e).next();
    }

    /// Why prices are missing, in the owner's words, while they are.
    pub fn problem_text(&self, cat: &Catalogue) -> Option<String> {
        self.problem.as_ref().map(|e| match e {
            PriceError::NotPublished => cat.label("price-problem-not-published"),
            PriceError::Unreachable(_) | PriceError::Timeout => {
                cat.label("price-problem-unreachable")
            }
            PriceError::InvalidUrl(_) => cat.label("price-problem-address"),
            PriceError::Status(code) => cat.t(
                "price-problem-status",
                &Args::new().text("status", code.to_string()),
            ),
            PriceError::TooLarge(_) => cat.label("price-problem-too-large"),
            PriceError::Malformed(_) => cat.label("price-problem-malformed"),
            PriceError::Refused(_) => cat.label("price-problem-refused"),
        })
    }

    /// The prices from the start of today's market day on, for the window's chart.
    pub fn from_today(&self, now: DateTime<Utc>) -> Vec<PricePoint> {
        let start = market_day(market_date(now)).map_or(now, |(from, _)| from);
        self.curve.since(start).points().to_vec()
    }
}

/// The prices and the hours chosen, as the window draws them (a chart with the chosen
/// hours marked). Present only while a timer asks for the cheapest hours.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct PricesView {
    /// From the start of today's market day, hour by hour (gaps where none are known).
    pub points: Vec<PricePoint>,
    /// The spans the timers chose from them (or their fixed last hours without prices),
    /// from now on.
    pub chosen: Vec<ChosenSpan>,
    /// Why prices are missing, in the owner's words, while they are.
    pub problem: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ChosenSpan {
    pub timer: usize,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    /// `cheapest` or `fallback` (no prices for the whole window: its last hours).
    pub basis: nestore_schedule::Basis,
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(d: u32, h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, d, h, 0, 0).unwrap()
    }

    /// Every hour of the market day `date` at one price.
    fn day(date: NaiveDate, price: f64) -> PriceCurve {
        let (mut t, to) = market_day(date).unwrap();
        let mut points = Vec::new();
        while t < to {
            points.push(PricePoint {
                start: t,
                eur_per_kwh: price,
            });
            t += Duration::hours(1);
        }
        PriceCurve::new(points).unwrap()
    }

    fn date(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
    }

    #[test]
    fn today_at_once_tomorrow_once_published_and_nothing_once_held() {
        let mut book = PriceBook::default();
        // 08:00 UTC: today only; tomorrow's are not out before noon.
        assert_eq!(book.wanted(at(27, 8)), [date(27)]);
        book.got(&[date(27)], &day(date(27), 0.2), Vec::new(), at(27, 8));
        assert!(book.wanted(at(27, 8)).is_empty());
        assert_eq!(book.next_ask(at(27, 8)), Some(at(27, 12)));
        assert_eq!(book.wanted(at(27, 12)), [date(28)]);
        // Not published yet: again an hour later, not before.
        book.got(
            &[date(28)],
            &PriceCurve::default(),
            vec![(date(28), PriceError::NotPublished)],
            at(27, 12),
        );
        assert!(matches!(book.problem(), Some(PriceError::NotPublished)));
        assert!(book.wanted(at(27, 12) + Duration::minutes(59)).is_empty());
        assert_eq!(book.next_ask(at(27, 12)), Some(at(27, 13)));
        assert_eq!(book.wanted(at(27, 13)), [date(28)]);
        book.got(&[date(28)], &day(date(28), 0.1), Vec::new(), at(27, 13));
        assert_eq!(book.problem().map(PriceError::kind), None);
        assert_eq!(book.next_ask(at(27, 13)), None, "both days held");
        assert_eq!(book.curve().price_at(at(28, 3)), Some(0.1));
    }

    #[test]
    fn old_hours_are_forgotten_and_the_chart_starts_today() {
        let mut book = PriceBook::default();
        book.got(&[date(25)], &day(date(25), 0.3), Vec::new(), at(25, 10));
        book.got(&[date(27)], &day(date(27), 0.2), Vec::new(), at(27, 10));
        assert_eq!(book.curve().price_at(at(25, 5)), None, "two days ago");
        let chart = book.from_today(at(27, 10));
        assert_eq!(chart.len(), 24);
        assert_eq!(chart[0].start, market_day(date(27)).unwrap().0);
    }

    #[test]
    fn every_price_problem_is_in_the_owners_words_in_both_languages() {
        use nestore_i18n::Language;
        let problems = [
            PriceError::InvalidUrl("ftp://x".into()),
            PriceError::Unreachable("connection refused (os error 111)".into()),
            PriceError::Timeout,
            PriceError::Status(503),
            PriceError::TooLarge(1 << 20),
            PriceError::Malformed("expected value at line 1 column 1".into()),
            PriceError::Refused(nestore_prices::CurveError::NotFinite { at: at(27, 3) }),
            PriceError::NotPublished,
        ];
        for lang in [Language::English, Language::Dutch] {
            let cat = Catalogue::get(lang);
            for e in &problems {
                let mut book = PriceBook::default();
                book.got(
                    &[date(27)],
                    &PriceCurve::default(),
                    vec![(date(27), e.clone())],
                    at(27, 8),
                );
                let text = book.problem_text(cat).unwrap();
                assert!(
                    !text.is_empty() && text.ends_with('.'),
                    "{lang:?} {e:?}: {text}"
                );
                // Nothing of the error's own (English) text: no parser or OS words.
                for internal in [
                    "expected",
                    "os error",
                    "ftp",
                    "1048576",
                    "not finite",
                    "cannot be read:",
                ] {
                    assert!(!text.contains(internal), "{lang:?} {e:?}: {text}");
                }
            }
        }
        let nl = Catalogue::get(Language::Dutch);
        let mut book = PriceBook::default();
        book.got(
            &[date(27)],
            &PriceCurve::default(),
            vec![(date(27), PriceError::Status(503))],
            at(27, 8),
        );
        assert_eq!(
            book.problem_text(nl).as_deref(),
            Some("De prijsbron gaf een foutmelding (HTTP 503).")
        );
    }

    #[test]
    fn the_market_day_is_amsterdams() {
        // 23:30 UTC in winter is 00:30 the next day in Amsterdam.
        let late = Utc.with_ymd_and_hms(2026, 11, 26, 23, 30, 0).unwrap();
        assert_eq!(market_date(late), date(27));
    }
}
