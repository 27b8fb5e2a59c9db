//! The pressure watch in the app. Every poll result goes to `nestore-watch`; each notice
//! is written to the alert log (stamped with the wall clock, which the owner reads) and
//! handed back for the app to show; the poll pace follows the watch. It reads no clock
//! and shows nothing: the caller passes the time and delivers the notices.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset, Utc};
use nestore_watch::{Notice, Severity, Thresholds, Watch};

use crate::alert_log::{AlertLog, Entry};
use crate::clock::DeviceClock;
use crate::pace::Pace;
use crate::presentation;
use crate::status::Status;
use crate::view::{ActiveAlert, AlertsView};

/// Entries of the log sent to the window.
pub const LOG_SHOWN: usize = 50;

/// What one poll result calls for.
#[derive(Debug, Default)]
pub struct Reaction {
    /// To log (done) and, where `notify` is set, to show.
    pub notices: Vec<Notice>,
    /// The new poll interval, when it changes.
    pub interval: Option<Duration>,
}

pub struct Monitor {
    watch: Watch,
    log: AlertLog,
    pace: Pace,
    clock: DeviceClock,
    /// The last status seen (its result count), so a repeat is not fed twice.
    seen: Option<u64>,
}

/// Both clocks at one instant: the wall clock for what the owner reads, the monotonic one
/// for a simulated device's time.
#[derive(Debug, Clone, Copy)]
pub struct Now {
    pub wall: DateTime<FixedOffset>,
    pub mono: Instant,
}

impl Now {
    pub fn read() -> Now {
        Now {
            wall: chrono::Local::now().fixed_offset(),
            mono: Instant::now(),
        }
    }
}

impl Monitor {
    pub fn new(
        thresholds: Thresholds,
        log_dir: Option<PathBuf>,
        normal: Duration,
        time_scale: f64,
        now: Now,
    ) -> Monitor {
        Monitor {
            watch: Watch::new(thresholds),
            log: AlertLog::open(log_dir),
            pace: Pace::new(normal),
            clock: DeviceClock::new(time_scale, now.wall, now.mono),
            seen: None,
        }
    }

    /// Feeds one poll result to the watch (once per result).
    pub fn observe(&mut self, status: &Status, now: Now) -> Reaction {
        if self.seen == Some(status.seq) {
            return Reaction::default();
        }
        self.seen = Some(status.seq);
        let device_now = self.clock.now(now.wall, now.mono);
        if status.after_wake {
            self.watch.woke();
        }
        let notices = match (&status.failure, &status.reading) {
            (Some(e), _) => self.watch.observe_failure(e, device_now),
            (None, Some(r)) if status.seq > 0 => self.watch.observe(r, device_now),
            _ => Vec::new(),
        };
        for n in &notices {
            let mut entry = Entry::from_notice(n);
            entry.at = now.wall.with_timezone(&Utc);
            self.log.append(entry);
        }
        Reaction {
            notices,
            interval: self.pace.set_fast(self.watch.wants_fast_poll()),
        }
    }

    pub fn view(&self) -> AlertsView {
        AlertsView {
            active: self
                .watch
                .active()
                .into_iter()
                .map(|(kind, severity)| ActiveAlert {
                    kind,
                    severity,
                    line: presentation::alert_line(kind, severity),
                    snoozable: severity != Severity::Alarm,
                })
                .collect(),
            snoozed_until: self.watch.snoozed_until(),
            log: self.log.recent(LOG_SHOWN),
        }
    }

    pub fn worst(&self) -> Option<Severity> {
        self.watch.worst()
    }

    pub fn set_thresholds(&mut self, t: Thresholds) {
        self.watch.set_thresholds(t);
    }

    /// A new normal poll interval; returns the interval in force.
    pub fn set_normal_interval(&mut self, d: Duration) -> Duration {
        self.pace.set_normal(d)
    }

    pub fn interval(&self) -> Duration {
        self.pace.interval()
    }

    /// The device's clock runs `scale` times faster from now (the demo device's speed).
    pub fn set_time_scale(&mut self, scale: f64, now: Now) {
        self.clock.rescale(scale, now.wall, now.mono);
    }

    /// A charge started from the app: the watch reports when it ends.
    pub fn charge_started(&mut self, target_soc_pct: u8) {
        self.watch.charge_started(target_soc_pct);
    }

    /// The owner stopped the charge or resumed automatic: no "stopped early" follows.
    pub fn charge_cancelled(&mut self) {
        self.watch.charge_cancelled();
    }

    pub fn snooze(&mut self, until: Option<DateTime<Utc>>) {
        self.watch.snooze(until);
    }
}
