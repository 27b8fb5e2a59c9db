//! The day-ahead prices for the timers in the cheapest hours: one task asks the price
//! source for the days the price book wants, only while a timer asks for the cheapest
//! hours, and hands what came to the timers. It sleeps until the book wants a day again,
//! and is woken by saved settings. The decisions are `nestore_tray_core::pricebook`'s.

use std::sync::Mutex;

use chrono::Local;
use nestore_prices::EnergyZero;
use nestore_tray_core::pricebook::{PriceBook, PricesView};
use nestore_tray_core::settings::PriceSource;
use tauri::AppHandle;
use tokio::sync::Notify;

use super::{app, publish};

/// How far ahead the window's chart shows the hours chosen.
const CHART_AHEAD: chrono::Duration = chrono::Duration::hours(48);

pub struct Prices {
    book: Mutex<PriceBook>,
    kick: Notify,
    /// `--price-url`: another address for the source (tests, on loopback).
    url: Option<String>,
}

impl Prices {
    pub fn new(url: Option<String>) -> Prices {
        Prices {
            book: Mutex::new(PriceBook::default()),
            kick: Notify::new(),
            url,
        }
    }

    /// Looks again now (the timers or the source changed).
    pub fn kick(&self) {
        self.kick.notify_one();
    }

    fn source(&self, choice: PriceSource) -> Option<EnergyZero> {
        match (choice, &self.url) {
            (PriceSource::EnergyZero, Some(url)) => EnergyZero::new(url)
                .map_err(|e| tracing::warn!("price source {url}: {e}"))
                .ok(),
            (PriceSource::EnergyZero, None) => Some(EnergyZero::public()),
        }
    }
}

/// The prices and the chosen hours for the window, while a timer asks for them.
pub fn view(app: &super::App) -> Option<PricesView> {
    let timers = &app.timers;
    if !timers.needs_prices() {
        return None;
    }
    let now = timers.now();
    let book = app.prices.book.lock().unwrap();
    Some(PricesView {
        points: book.from_today(now),
        chosen: timers.chosen(&Local, CHART_AHEAD),
        problem: book.problem_text(app.catalogue()),
    })
}

/// Starts the prices' task.
pub fn run(handle: &AppHandle) {
    let handle = handle.clone();
    tauri::async_runtime::spawn(async move {
        loop {
            let app = app(&handle);
            let (timers, prices) = (&app.timers, &app.prices);
            let needed = timers.needs_prices();
            let now = timers.now();
            let wanted = if needed {
                prices.book.lock().unwrap().wanted(now)
            } else {
                Vec::new()
            };
            let choice = app.settings.lock().unwrap().price_source;
            if let (false, Some(source)) = (wanted.is_empty(), prices.source(choice)) {
                tracing::info!(days = ?wanted, "asking for prices");
                let (curve, failed) = nestore_prices::days(&source, &wanted).await;
                for (day, e) in &failed {
                    tracing::warn!(%day, "no prices: {e}");
                }
                let mut book = prices.book.lock().unwrap();
                book.got(&wanted, &curve, failed, timers.now());
                timers.set_prices(book.curve());
                drop(book);
                publish(&handle);
            }
            let next = needed
                .then(|| prices.book.lock().unwrap().next_ask(timers.now()))
                .flatten();
            let kicked = prices.kick.notified();
            match next {
                Some(at) => {
                    let wait = timers.real(at - timers.now());
                    tokio::select! {
                        _ = tokio::time::sleep(wait) => {}
                        _ = kicked => {}
                    }
                }
                None => kicked.await,
            }
        }
    });
}
