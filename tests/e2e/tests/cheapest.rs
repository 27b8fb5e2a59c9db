//! A charge timer "in the cheapest hours" end to end (issue 11, part 3): the app asks a
//! day-ahead price server on loopback (EnergyZero's shape, `--price-url`) for the prices,
//! picks the timer's two cheapest hours (one of them negative, apart from the other), and
//! says so in the tray menu and in the window's state (the prices for the chart and the
//! hours chosen), and the window draws them: the price chart with the chosen hours marked
//! and in words (its text alternative), the timer line saying "(cheapest hours)". Without
//! prices (the source unreachable) the timer falls back to its last two hours and says that
//! too, in the tray and in the window.
//!
//!   cargo build -p nestore-tray
//!   scripts/desktop-session.sh cargo nextest run -p nestore-e2e --run-ignored only -E 'binary(cheapest)'

mod common;

use chrono::{DateTime, Duration, Local, Utc};
use common::*;
use serde_json::json;

/// The local "HH:MM" of an instant.
fn hhmm(t: DateTime<Utc>) -> String {
    t.with_timezone(&Local).format("%H:%M").to_string()
}

/// A timer from `start` to `end` (whole hours), every day, charging in its 2 cheapest hours.
fn settings(start: DateTime<Utc>, end: DateTime<Utc>) -> String {
    json!({"timers": [{"days": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
                       "start": hhmm(start), "end": hhmm(end), "kind": "charge",
                       "power_w": 2000, "target_soc_pct": 90, "cheapest_hours": 2}]})
    .to_string()
}

/// An hour span as the window writes it: "03:00–04:00", or "Sat 03:00–04:00" on another day.
fn span(start: DateTime<Utc>, end: DateTime<Utc>) -> String {
    let local = start.with_timezone(&Local);
    let first = match local.date_naive() == Local::now().date_naive() {
        true => local.format("%H:%M").to_string(),
        false => local.format("%a %H:%M").to_string(),
    };
    format!("{first}–{}", hhmm(end))
}

/// The menu's timer line, once it says `ends`.
async fn menu_line(app: &WindowApp, ends: &str) -> Result<String> {
    let host = app.host.as_ref().ok_or("no tray host")?;
    let item = host.item().await?;
    let menu = host.menu_path(&item).await?;
    wait_for(&format!("a menu line ending {ends:?}"), STEP, || async {
        host.menu_labels(&item, &menu)
            .await
            .ok()?
            .into_iter()
            .find(|l| l.starts_with("Next: charge") && l.ends_with(ends))
    })
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs a desktop session: scripts/desktop-session.sh"]
async fn the_cheapest_hours_are_chosen_from_the_prices_or_the_last_ones_without() -> Result<()> {
    let sim = start_sim(40.0).await;
    let hour = nestore_prices::ceil_hour(Utc::now());
    let (start, end) = (hour + Duration::hours(1), hour + Duration::hours(7));
    let (cheap, negative) = (hour + Duration::hours(3), hour + Duration::hours(5));
    let server = PriceServer::start(move |t| match t {
        t if t == cheap => 0.04,
        t if t == negative => -0.02,
        _ => 0.30,
    })
    .await?;
    let text = settings(start, end);

    // With prices: the two cheapest hours, each a span of its own.
    let app = WindowApp::launch_with(
        "cheapest",
        sim.addr(),
        Launch {
            settings: SettingsFile::Text(&text),
            tray_host: true,
            args: &["--price-url", &server.url],
            ..Launch::default()
        },
    )
    .await?;
    let result = async {
        let state = app
            .wait_state("the cheapest hours chosen", |s| {
                s["timers"]["next"]["basis"] == "cheapest"
            })
            .await?;
        let next = &state["timers"]["next"];
        assert_eq!(next["start"], json!(cheap), "{next}");
        assert_eq!(next["end"], json!(cheap + Duration::hours(1)), "{next}");
        let prices = &state["prices"];
        let chosen: Vec<_> = prices["chosen"]
            .as_array()
            .ok_or("no chosen hours")?
            .iter()
            .map(|c| (c["start"].clone(), c["basis"].clone()))
            .collect();
        assert_eq!(
            chosen[..2],
            [
                (json!(cheap), json!("cheapest")),
                (json!(negative), json!("cheapest"))
            ],
            "{prices}"
        );
        let points = prices["points"].as_array().ok_or("no prices")?;
        assert!(
            points
                .iter()
                .any(|p| p["start"] == json!(negative) && p["eur_per_kwh"] == json!(-0.02)),
            "the chart's prices hold the negative hour: {prices}"
        );
        assert_eq!(prices["problem"], serde_json::Value::Null, "{prices}");
        let line = menu_line(
            &app,
            &format!(
                "{}–{} (cheapest hours)",
                hhmm(cheap),
                hhmm(cheap + Duration::hours(1))
            ),
        )
        .await?;
        assert!(server.requests() >= 1, "{line}");

        // The window: the chart's chosen hours in words (its text alternative and its
        // legend), the bars of those hours marked, the timer line with its basis.
        let chosen = format!(
            "Cheapest hours chosen: {}, {}",
            span(cheap, cheap + Duration::hours(1)),
            span(negative, negative + Duration::hours(1))
        );
        let legend = app
            .wait_text("prices-chosen", "the chart's chosen hours", |t| {
                t.starts_with(&chosen)
            })
            .await?;
        let alt = app
            .el("prices-chart")
            .await?
            .attr("aria-label")
            .await?
            .unwrap_or_default();
        assert!(
            alt.starts_with("Hourly electricity prices from -2\u{a0}ct/kWh to 30\u{a0}ct/kWh.")
                && alt.ends_with(&legend),
            "the chart's text alternative: {alt:?} (legend {legend:?})"
        );
        let marked = app
            .client
            .execute(
                "return [...document.querySelectorAll('#prices-chart .prices-bar.is-chosen')]\
                   .map((b) => b.dataset.start);",
                vec![],
            )
            .await?;
        let marked: Vec<String> = serde_json::from_value(marked)?;
        let iso = |t: DateTime<Utc>| t.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string();
        assert!(
            marked.starts_with(&[iso(cheap), iso(negative)]),
            "the bars marked: {marked:?}"
        );
        app.wait_text("timer-line", "the timer line's basis", |t| {
            t.ends_with("(cheapest hours)")
        })
        .await?;
        Ok(())
    }
    .await;
    app.finish(result).await?;

    // Without prices: the last two hours of the window, and why.
    let closed = format!("http://127.0.0.1:{}/v1/energyprices", free_port());
    let app = WindowApp::launch_with(
        "cheapest-fallback",
        sim.addr(),
        Launch {
            settings: SettingsFile::Text(&text),
            tray_host: true,
            args: &["--price-url", &closed],
            ..Launch::default()
        },
    )
    .await?;
    let result = async {
        let state = app
            .wait_state("the fallback, and why", |s| {
                s["timers"]["next"]["basis"] == "fallback" && s["prices"]["problem"].is_string()
            })
            .await?;
        assert_eq!(
            state["timers"]["next"]["start"],
            json!(end - Duration::hours(2)),
            "{state}"
        );
        assert_eq!(
            state["prices"]["problem"],
            "The price source could not be reached."
        );
        menu_line(
            &app,
            &format!(
                "{}–{} (no prices yet: its last hours)",
                hhmm(end - Duration::hours(2)),
                hhmm(end)
            ),
        )
        .await?;
        // The window: why, and what the timer does instead.
        app.wait_text("prices-problem", "the problem in the window", |t| {
            t == "The price source could not be reached."
        })
        .await?;
        app.wait_text("prices-fallback", "the fallback in the window", |t| {
            t.starts_with(&format!(
                "Without prices, timer 1 charges in its last hours instead: {}",
                span(end - Duration::hours(2), end)
            ))
        })
        .await?;
        app.wait_text("timer-line", "the timer line's basis", |t| {
            t.ends_with("(no prices yet: its last hours)")
        })
        .await?;
        Ok(())
    }
    .await;
    app.finish(result).await
}
