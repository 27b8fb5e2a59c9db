//! The charge timers carried out: one task sends each step when it is due, through the
//! command gate (one command at a time), and tells the owner what came of it. It sleeps
//! until the next step, and is woken early by each poll result (so a wake from sleep or a
//! device that comes back is noticed at once), by saved settings and by the owner's own
//! commands. The decisions are `nestore_tray_core::timekeeper`'s.

use std::sync::Mutex;

use chrono::Local;
use nestore_tray_core::monitor::Now;
use nestore_tray_core::presentation;
use nestore_tray_core::timekeeper::{Attempt, Due, Timekeeper};
use nestore_tray_core::view::TimersView;
use tauri::AppHandle;
use tokio::sync::Notify;

use super::{app, publish};

/// The timekeeper and the bell that wakes its task.
pub struct Timers {
    keeper: Mutex<Timekeeper>,
    kick: Notify,
}

impl Timers {
    pub fn new(rules: Vec<nestore_schedule::Rule>, time_scale: f64) -> Timers {
        Timers {
            keeper: Mutex::new(Timekeeper::new(rules, time_scale, Now::read())),
            kick: Notify::new(),
        }
    }

    /// Looks again now: something changed (a poll, the rules, a command).
    pub fn kick(&self) {
        self.kick.notify_one();
    }

    pub fn set_rules(&self, rules: Vec<nestore_schedule::Rule>) {
        self.keeper.lock().unwrap().set_rules(rules);
        self.kick();
    }

    pub fn set_time_scale(&self, scale: f64) {
        self.keeper
            .lock()
            .unwrap()
            .set_time_scale(scale, Now::read());
        self.kick();
    }

    pub fn needs_prices(&self) -> bool {
        self.keeper.lock().unwrap().needs_prices()
    }

    /// The schedule's time now.
    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.keeper.lock().unwrap().now(Now::read())
    }

    /// How long `ahead` on the schedule's clock lasts in real time.
    pub fn real(&self, ahead: chrono::Duration) -> std::time::Duration {
        self.keeper.lock().unwrap().real(ahead)
    }

    /// New prices: the cheapest hours are chosen again, and the task looks at once.
    pub fn set_prices(&self, prices: &nestore_prices::PriceCurve) {
        self.keeper.lock().unwrap().set_prices(prices);
        self.kick();
    }

    pub fn chosen(
        &self,
        tz: &Local,
        ahead: chrono::Duration,
    ) -> Vec<nestore_tray_core::pricebook::ChosenSpan> {
        self.keeper.lock().unwrap().chosen(Now::read(), tz, ahead)
    }

    pub fn view(&self) -> TimersView {
        self.keeper.lock().unwrap().view(Now::read(), &Local)
    }
}

/// Starts the timers' task.
pub fn run(handle: &AppHandle) {
    let handle = handle.clone();
    tauri::async_runtime::spawn(async move {
        loop {
            let timers = &app(&handle).timers;
            let due = timers.keeper.lock().unwrap().due(Now::read(), &Local);
            let acted = !due.is_empty();
            for d in due {
                carry_out(&handle, d).await;
            }
            if acted {
                publish(&handle);
            }
            let wait = timers.keeper.lock().unwrap().wait(Now::read(), &Local);
            let kicked = timers.kick.notified();
            match wait {
                Some(w) => {
                    tokio::select! {
                        _ = tokio::time::sleep(w) => {}
                        _ = kicked => {}
                    }
                }
                None => kicked.await,
            }
        }
    });
}

/// Sends one step (unless control cannot be used now) and tells what came of it.
async fn carry_out(handle: &AppHandle, due: Due) {
    let app = app(handle);
    let cat = app.catalogue();
    let target = app.poller.target();
    let attempt = match (app.control_unavailable(), target) {
        (Some(why), _) => Attempt::NotSent(cat.label(why)),
        (None, None) => Attempt::NotSent(cat.label("control-no-device")),
        (None, Some(target)) => {
            let begun = app.gate.lock().unwrap().begin_scheduled();
            match begun {
                Err(busy) => Attempt::NotSent(busy.message(cat)),
                Ok(()) => {
                    tracing::info!(purpose = ?due.step.purpose, "timer: {:?}", due.args);
                    let sent = target.client.send(due.args.command()).await;
                    app.gate.lock().unwrap().finish();
                    match sent {
                        Ok(o) => Attempt::Sent(o),
                        Err(e) => Attempt::Failed(e),
                    }
                }
            }
        }
    };
    let demo = app.poller.status().demo;
    let report =
        app.timers
            .keeper
            .lock()
            .unwrap()
            .report(cat, &due, attempt, Now::read(), &Local, demo);
    app.record(report.record);
    if report.outcome.sent {
        app.facts.lock().unwrap().last_outcome = Some(report.outcome);
        app.poller.refresh_now();
    }
    if let Some(n) = report.notice {
        let labels = presentation::notify_labels(cat);
        crate::notify::timer(handle, &n, &labels, app.icon.as_ref());
    }
}

/// The owner sent a command by hand: a timer's window in progress steps aside, and says
/// so.
pub fn manual(handle: &AppHandle) {
    let app = app(handle);
    let demo = app.poller.status().demo;
    let told = app
        .timers
        .keeper
        .lock()
        .unwrap()
        .manual(app.catalogue(), Now::read(), &Local, demo);
    app.timers.kick();
    if let Some((notice, record)) = told {
        app.record([record]);
        let labels = presentation::notify_labels(app.catalogue());
        crate::notify::timer(handle, &notice, &labels, app.icon.as_ref());
    }
}
