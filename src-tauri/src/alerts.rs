//! The pressure watch in the app: every poll result goes to `nestore-watch`; each notice
//! is logged, delivered as a notification when the watch says so, and published to the
//! tray and the window. While a pressure problem is suspected the app polls every 60 s.

use std::path::PathBuf;
use std::sync::Mutex;
use std::time::Duration;

use chrono::{DateTime, Utc};
use nestore_tray_core::alert_log::{AlertLog, Entry};
use nestore_tray_core::presentation;
use nestore_tray_core::view::{ActiveAlert, AlertsView};
use nestore_watch::{Severity, Thresholds, Watch};
use tauri::{AppHandle, Manager};

use crate::shell::{publish, Shell};

/// The poll interval while a pressure problem is suspected but not yet confirmed.
pub const FAST_POLL: Duration = Duration::from_secs(60);
/// Entries of the log sent to the window.
const LOG_SHOWN: usize = 50;

pub struct Alerts {
    watch: Mutex<Watch>,
    log: Mutex<AlertLog>,
    icon: Option<PathBuf>,
    fast: Mutex<bool>,
    clock: Mutex<Clock>,
}

/// The watch's clock. For a real device it is the wall clock. A simulated device may run
/// N times faster; then the watch's time runs N times faster too, so that "0.2 bar per
/// 6 h" or "15 min offline" mean the device's hours and minutes.
#[derive(Debug, Clone, Copy)]
struct Clock {
    origin: DateTime<chrono::FixedOffset>,
    since: std::time::Instant,
    scale: f64,
}

impl Clock {
    fn new(scale: f64) -> Clock {
        Clock {
            origin: chrono::Local::now().fixed_offset(),
            since: std::time::Instant::now(),
            scale,
        }
    }

    fn now(&self) -> DateTime<chrono::FixedOffset> {
        if self.scale == 1.0 {
            return chrono::Local::now().fixed_offset();
        }
        let elapsed = self.since.elapsed().as_secs_f64() * self.scale;
        self.origin + chrono::Duration::milliseconds((elapsed * 1000.0) as i64)
    }
}

impl Alerts {
    pub fn new(
        thresholds: Thresholds,
        log_dir: Option<PathBuf>,
        icon: Option<PathBuf>,
        time_scale: f64,
    ) -> Alerts {
        Alerts {
            watch: Mutex::new(Watch::new(thresholds)),
            log: Mutex::new(AlertLog::open(log_dir)),
            icon,
            fast: Mutex::new(false),
            clock: Mutex::new(Clock::new(time_scale)),
        }
    }

    /// Runs the watch's clock `scale` times faster from now (the demo device's speed).
    pub fn set_time_scale(&self, scale: f64) {
        let mut c = self.clock.lock().unwrap();
        let now = c.now();
        *c = Clock {
            origin: now,
            since: std::time::Instant::now(),
            scale,
        };
    }

    fn now(&self) -> DateTime<chrono::FixedOffset> {
        self.clock.lock().unwrap().now()
    }

    pub fn set_thresholds(&self, t: Thresholds) {
        self.watch.lock().unwrap().set_thresholds(t);
    }

    pub fn worst(&self) -> Option<Severity> {
        self.watch.lock().unwrap().worst()
    }

    pub fn view(&self) -> AlertsView {
        let w = self.watch.lock().unwrap();
        AlertsView {
            active: w
                .active()
                .into_iter()
                .map(|(kind, severity)| ActiveAlert {
                    kind,
                    severity,
                    line: presentation::alert_line(kind, severity),
                })
                .collect(),
            snoozed_until: w.snoozed_until(),
            log: self.log.lock().unwrap().recent(LOG_SHOWN),
        }
    }

    /// A charge started from the app: the watch reports when it ends.
    pub fn charge_started(&self, target_soc_pct: u8) {
        self.watch.lock().unwrap().charge_started(target_soc_pct);
    }
}

/// Feeds every new poll result to the watch.
pub fn start(app: &AppHandle) {
    let app = app.clone();
    let mut rx = app.state::<Shell>().poller.subscribe();
    tauri::async_runtime::spawn(async move {
        let mut seen = rx.borrow().seq;
        while rx.changed().await.is_ok() {
            let status = rx.borrow_and_update().clone();
            if status.seq == seen {
                continue;
            }
            seen = status.seq;
            observe(&app, &status);
        }
    });
}

fn observe(app: &AppHandle, status: &nestore_tray_core::status::Status) {
    let shell = app.state::<Shell>();
    let alerts = &shell.alerts;
    let now = alerts.now();
    let (notices, fast) = {
        let mut w = alerts.watch.lock().unwrap();
        if status.after_wake {
            w.woke();
        }
        let notices = match (&status.failure, &status.reading) {
            (Some(e), _) => w.observe_failure(e, now),
            (None, Some(r)) => w.observe(r, now),
            (None, None) => Vec::new(),
        };
        (notices, w.wants_fast_poll())
    };
    for n in &notices {
        tracing::info!(kind = ?n.kind, phase = ?n.phase, notify = n.notify, "alert: {}", n.title);
        alerts.log.lock().unwrap().append(Entry::from_notice(n));
        if n.notify {
            crate::notify::send(app, n, alerts.icon.as_ref());
        }
    }
    let mut was_fast = alerts.fast.lock().unwrap();
    if *was_fast != fast {
        *was_fast = fast;
        let normal = shell.normal_interval();
        let interval = if fast { FAST_POLL.min(normal) } else { normal };
        tracing::info!(secs = interval.as_secs(), "poll interval");
        shell.poller.set_interval(interval);
    }
    drop(was_fast);
    if !notices.is_empty() {
        publish(app);
    }
}

pub fn snooze(app: &AppHandle, until: Option<DateTime<Utc>>) {
    app.state::<Shell>()
        .alerts
        .watch
        .lock()
        .unwrap()
        .snooze(until);
    publish(app);
}

pub fn snooze_hours(app: &AppHandle, hours: i64) {
    snooze(app, Some(Utc::now() + chrono::Duration::hours(hours)));
}

pub fn snooze_until_tomorrow(app: &AppHandle) {
    snooze(
        app,
        Some(nestore_watch::tomorrow_morning(
            chrono::Local::now().fixed_offset(),
        )),
    );
}
