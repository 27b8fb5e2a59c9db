//! EnergyZero against a price server on loopback serving hand-written answers of the
//! documented shape: ordinary days, negative prices, the two changes of the clock, days not
//! published, and answers that must be refused.

mod common;

use std::time::Duration;

use chrono::{DateTime, NaiveDate, Utc};
use common::{fixture, start, Reply};
use nestore_prices::{
    cheapest, days, market_day, CurveError, EnergyZero, PriceCurve, PriceError, PricePoint,
    PriceSource,
};
use serde_json::Value;

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn utc(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

/// The fixture's prices read with nothing of the crate: (readingDate, price) as written.
fn expected(name: &str) -> Vec<(DateTime<Utc>, f64)> {
    let v: Value = serde_json::from_slice(&fixture(name)).unwrap();
    v["Prices"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let price = match &p["price"] {
                Value::String(s) => s.parse().unwrap(),
                n => n.as_f64().unwrap(),
            };
            (utc(p["readingDate"].as_str().unwrap()), price)
        })
        .collect()
}

fn pairs(points: &[PricePoint]) -> Vec<(DateTime<Utc>, f64)> {
    points.iter().map(|p| (p.start, p.eur_per_kwh)).collect()
}

/// Every day the fixtures hold, routed by the `fromDate` EnergyZero's clients send.
fn all_days() -> Vec<(&'static str, Reply)> {
    vec![
        ("2026-11-25T23:00:00.000Z", Reply::File("2026-11-26.json")),
        ("2026-11-26T23:00:00.000Z", Reply::File("2026-11-27.json")),
        ("2026-11-27T23:00:00.000Z", Reply::File("2026-11-28.json")),
        ("2026-11-29T23:00:00.000Z", Reply::File("2026-11-30.json")),
        ("2026-11-30T23:00:00.000Z", Reply::File("2026-12-01.json")),
        ("2026-05-09T22:00:00.000Z", Reply::File("2026-05-10.json")),
        ("2026-03-28T23:00:00.000Z", Reply::File("2026-03-29.json")),
        ("2026-10-24T22:00:00.000Z", Reply::File("2026-10-25.json")),
        ("2026-12-01T23:00:00.000Z", Reply::Huge(1024 * 1024)),
        (
            "2026-12-02T23:00:00.000Z",
            Reply::HugeUnannounced(1024 * 1024),
        ),
        ("2026-12-03T23:00:00.000Z", Reply::Status(302)),
        ("2026-12-04T23:00:00.000Z", Reply::Status(500)),
        ("2026-12-05T23:00:00.000Z", Reply::Silent),
    ]
}

#[tokio::test]
async fn a_winter_day_is_one_request_for_its_24_hours_in_utc() {
    let server = start(all_days()).await;
    let ez = EnergyZero::new(&server.url()).unwrap();
    let got = ez.day(date("2026-11-27")).await.unwrap();
    assert_eq!(pairs(&got), expected("2026-11-27.json"));
    assert_eq!(got.len(), 24);
    let q = server.queries();
    assert_eq!(q.len(), 1, "one request per day");
    let want: Vec<(String, String)> = [
        ("fromDate", "2026-11-26T23:00:00.000Z"),
        ("tillDate", "2026-11-27T22:59:59.999Z"),
        ("interval", "4"),
        ("usageType", "1"),
        ("inclBtw", "true"),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    assert_eq!(q[0], want);
    assert_eq!(server.paths.lock().unwrap()[0], "/v1/energyprices");
}

#[tokio::test]
async fn the_clock_changes_give_days_of_23_and_25_hours() {
    let server = start(all_days()).await;
    let ez = EnergyZero::new(&server.url()).unwrap();
    for (day, file, hours) in [
        ("2026-03-29", "2026-03-29.json", 23),
        ("2026-10-25", "2026-10-25.json", 25),
    ] {
        let got = ez.day(date(day)).await.unwrap();
        assert_eq!(got.len(), hours, "{day}");
        assert_eq!(pairs(&got), expected(file), "{day}");
        let (from, to) = market_day(date(day)).unwrap();
        assert_eq!(got[0].start, from);
        assert_eq!(got[hours - 1].end(), to);
        assert!(
            got.windows(2).all(|w| w[1].start == w[0].end()),
            "{day}: every hour once"
        );
    }
    let q = server.queries();
    assert_eq!(
        q[0][1].1, "2026-03-29T21:59:59.999Z",
        "tillDate of the short day"
    );
    assert_eq!(
        q[1][1].1, "2026-10-25T22:59:59.999Z",
        "tillDate of the long day"
    );
}

#[tokio::test]
async fn negative_prices_given_as_numbers_are_read_and_are_the_cheapest() {
    let server = start(all_days()).await;
    let ez = EnergyZero::new(&server.url()).unwrap();
    let got = ez.day(date("2026-05-10")).await.unwrap();
    assert_eq!(pairs(&got), expected("2026-05-10.json"));
    let negative: Vec<DateTime<Utc>> = got
        .iter()
        .filter(|p| p.eur_per_kwh < 0.0)
        .map(|p| p.start)
        .collect();
    assert_eq!(negative.len(), 5);
    let (from, to) = market_day(date("2026-05-10")).unwrap();
    let spans = cheapest(&got, from, to, 5).unwrap();
    assert_eq!(
        spans,
        vec![(negative[0], negative[4] + chrono::Duration::hours(1))],
        "the five hours below zero, in one span"
    );
}

#[tokio::test]
async fn a_day_not_published_is_not_published_and_a_missing_one_is_a_404() {
    let server = start(all_days()).await;
    let ez = EnergyZero::new(&server.url()).unwrap();
    assert_eq!(
        ez.day(date("2026-11-28")).await,
        Err(PriceError::NotPublished),
        "empty Prices"
    );
    assert_eq!(
        ez.day(date("2026-11-29")).await,
        Err(PriceError::Status(404)),
        "the server has nothing for the day"
    );
    assert_eq!(
        ez.day(date("2026-12-05")).await.unwrap_err().kind(),
        "status"
    );
}

#[tokio::test]
async fn answers_that_cannot_be_true_are_refused_with_their_reason() {
    let server = start(all_days()).await;
    let ez = EnergyZero::new(&server.url()).unwrap();
    let malformed = ez.day(date("2026-11-30")).await.unwrap_err();
    assert!(
        matches!(malformed, PriceError::Malformed(_)),
        "{malformed:?}"
    );
    assert_eq!(
        ez.day(date("2026-12-01")).await,
        Err(PriceError::Refused(CurveError::Implausible {
            at: utc("2026-12-01T01:00:00Z"),
            eur_per_kwh: 42.0
        }))
    );
}

#[tokio::test]
async fn a_huge_answer_is_refused_without_reading_it_all() {
    let server = start(all_days()).await;
    let ez = EnergyZero::new(&server.url()).unwrap();
    let limit = nestore_prices::energyzero::MAX_BODY;
    assert_eq!(
        ez.day(date("2026-12-02")).await,
        Err(PriceError::TooLarge(limit)),
        "announced"
    );
    assert_eq!(
        ez.day(date("2026-12-03")).await,
        Err(PriceError::TooLarge(limit)),
        "not announced"
    );
}

#[tokio::test]
async fn a_redirect_is_not_followed_and_an_error_status_is_typed() {
    let server = start(all_days()).await;
    let ez = EnergyZero::new(&server.url()).unwrap();
    assert_eq!(
        ez.day(date("2026-12-04")).await,
        Err(PriceError::Status(302))
    );
    assert_eq!(server.queries().len(), 1, "the Location was not asked");
}

#[tokio::test]
async fn a_server_that_does_not_answer_times_out() {
    let server = start(all_days()).await;
    let ez = EnergyZero::with_timeout(&server.url(), Duration::from_millis(300)).unwrap();
    assert_eq!(ez.day(date("2026-12-06")).await, Err(PriceError::Timeout));
}

#[tokio::test]
async fn no_server_is_unreachable_and_a_bad_address_is_refused() {
    // A port just freed: nothing listens there.
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let ez = EnergyZero::new(&format!("http://127.0.0.1:{port}/v1/energyprices")).unwrap();
    let e = ez.day(date("2026-11-27")).await.unwrap_err();
    assert!(matches!(e, PriceError::Unreachable(_)), "{e:?}");
    for bad in ["ftp://127.0.0.1/x", "not an address", "http://"] {
        let e = EnergyZero::new(bad).unwrap_err();
        assert_eq!(e.kind(), "invalid_url", "{bad}");
    }
}

#[tokio::test]
async fn several_days_make_one_curve_and_say_which_failed() {
    let server = start(all_days()).await;
    let ez = EnergyZero::new(&server.url()).unwrap();
    let (curve, failed) = days(
        &ez,
        &[date("2026-11-26"), date("2026-11-27"), date("2026-11-28")],
    )
    .await;
    let mut want = expected("2026-11-26.json");
    want.extend(expected("2026-11-27.json"));
    assert_eq!(pairs(curve.points()), want);
    assert_eq!(failed, vec![(date("2026-11-28"), PriceError::NotPublished)]);
}

/// The oracle: of every choice of `n` hours, the cheapest sum (in tenths of a cent, as the
/// fixtures are written), and of those the one with the earliest hours.
fn brute_force(prices: &[(DateTime<Utc>, f64)], n: usize) -> Vec<DateTime<Utc>> {
    let milli: Vec<i64> = prices
        .iter()
        .map(|p| (p.1 * 1000.0).round() as i64)
        .collect();
    let mut best: Option<(i64, Vec<usize>)> = None;
    let k = prices.len();
    for mask in 0u32..(1 << k) {
        if mask.count_ones() as usize != n {
            continue;
        }
        let chosen: Vec<usize> = (0..k).filter(|i| mask & (1 << i) != 0).collect();
        let sum: i64 = chosen.iter().map(|&i| milli[i]).sum();
        let better = match &best {
            None => true,
            Some((s, c)) => sum < *s || (sum == *s && chosen < *c),
        };
        if better {
            best = Some((sum, chosen));
        }
    }
    best.unwrap().1.into_iter().map(|i| prices[i].0).collect()
}

fn hours_of(spans: &[(DateTime<Utc>, DateTime<Utc>)]) -> Vec<DateTime<Utc>> {
    let mut out = Vec::new();
    for &(mut t, end) in spans {
        while t < end {
            out.push(t);
            t += chrono::Duration::hours(1);
        }
    }
    out
}

#[test]
fn the_cheapest_hours_of_a_night_across_two_fixture_days_match_the_oracle() {
    let mut points =
        nestore_prices::energyzero::parse(&fixture("2026-11-26.json"), date("2026-11-26")).unwrap();
    points.extend(
        nestore_prices::energyzero::parse(&fixture("2026-11-27.json"), date("2026-11-27")).unwrap(),
    );
    let curve = PriceCurve::new(points).unwrap();
    // 22:00 on the 26th to 07:00 on the 27th, Amsterdam (winter: UTC+1).
    let (from, to) = (utc("2026-11-26T21:00:00Z"), utc("2026-11-27T06:00:00Z"));
    let night: Vec<(DateTime<Utc>, f64)> = pairs(curve.points())
        .into_iter()
        .filter(|p| from <= p.0 && p.0 < to)
        .collect();
    assert_eq!(night.len(), 9);
    for n in 1..=9u32 {
        let spans = curve.cheapest(from, to, n).unwrap();
        assert_eq!(
            hours_of(&spans),
            brute_force(&night, n as usize),
            "{n} hours"
        );
        assert!(
            spans.windows(2).all(|w| w[0].1 < w[1].0),
            "{n}: spans apart, in order"
        );
    }
    // By the fixtures' design: 02:00-05:00 local are the cheapest three ...
    assert_eq!(
        curve.cheapest(from, to, 3),
        Some(vec![(
            utc("2026-11-27T01:00:00Z"),
            utc("2026-11-27T04:00:00Z")
        )])
    );
    // ... and 22:00 on the 26th ties with 05:00 on the 27th (0.214): the earlier wins.
    assert_eq!(
        curve.cheapest(from, to, 5),
        Some(vec![
            (utc("2026-11-26T21:00:00Z"), utc("2026-11-26T23:00:00Z")),
            (utc("2026-11-27T01:00:00Z"), utc("2026-11-27T04:00:00Z")),
        ])
    );
    // The 28th is not published: a night into it has no choice.
    assert_eq!(
        curve.cheapest(utc("2026-11-27T21:00:00Z"), utc("2026-11-28T06:00:00Z"), 3),
        None
    );
}

#[test]
fn on_the_clock_changes_the_choice_counts_real_hours() {
    let short =
        nestore_prices::energyzero::parse(&fixture("2026-03-29.json"), date("2026-03-29")).unwrap();
    // 00:00-07:00 by the clock is six real hours: 23:00-05:00 UTC.
    let (from, to) = (utc("2026-03-28T23:00:00Z"), utc("2026-03-29T05:00:00Z"));
    assert_eq!(
        cheapest(&short, from, to, 6).map(|s| hours_of(&s).len()),
        Some(6)
    );
    assert_eq!(cheapest(&short, from, to, 7), None, "only six hours");
    // The cheapest three: 01:00 CET to 04:00 CEST, across the jump.
    assert_eq!(
        cheapest(&short, from, to, 3),
        Some(vec![(
            utc("2026-03-29T00:00:00Z"),
            utc("2026-03-29T03:00:00Z")
        )])
    );
    let long =
        nestore_prices::energyzero::parse(&fixture("2026-10-25.json"), date("2026-10-25")).unwrap();
    // 00:00-07:00 by the clock is eight real hours: 22:00-06:00 UTC.
    let (from, to) = (utc("2026-10-24T22:00:00Z"), utc("2026-10-25T06:00:00Z"));
    assert_eq!(
        cheapest(&long, from, to, 8).map(|s| hours_of(&s).len()),
        Some(8)
    );
    // The cheapest two are 02:00 twice: 02:00 CEST (00:00 UTC) and 02:00 CET (01:00 UTC).
    assert_eq!(
        cheapest(&long, from, to, 2),
        Some(vec![(
            utc("2026-10-25T00:00:00Z"),
            utc("2026-10-25T02:00:00Z")
        )])
    );
    let hours: Vec<(DateTime<Utc>, f64)> = pairs(&long)
        .into_iter()
        .filter(|p| from <= p.0 && p.0 < to)
        .collect();
    for n in 1..=8 {
        assert_eq!(
            hours_of(&cheapest(&long, from, to, n as u32).unwrap()),
            brute_force(&hours, n)
        );
    }
}
