//! The pressure watch in the app. Every poll result goes to `nestore-watch`; each notice
//! becomes an alert log entry (stamped with the wall clock, which the owner reads), kept
//! for the window and handed back with the notice for the app to show and store; the
//! poll pace follows the watch. It reads no clock, writes no file and shows nothing: the
//! caller passes the time, stores the entries and delivers the notices.

use std::collections::VecDeque;
use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset, Utc};
use nestore_watch::{Notice, Severity, Thresholds, Watch};

use crate::alert_log::Entry;
use crate::clock::DeviceClock;
use crate::pace::Pace;
use crate::presentation;
use crate::status::Status;
use crate::view::{ActiveAlert, AlertsView};

/// Entries of the log sent to the window.
pub const LOG_SHOWN: usize = 50;
/// Entries kept in memory.
pub const LOG_KEPT: usize = 500;

/// What one poll result calls for.
#[derive(Debug, Default)]
pub struct Reaction {
    /// To store and, where `notify` is set, to show.
    pub notices: Vec<Notice>,
    /// The alert log's entry of each notice, in the same order.
    pub entries: Vec<Entry>,
    /// The new poll interval, when it changes.
    pub interval: Option<Duration>,
}

pub struct Monitor {
    watch: Watch,
    /// The alert log, oldest first.
    log: VecDeque<Entry>,
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
    /// `log`: the alert log as stored, oldest first.
    pub fn new(
        thresholds: Thresholds,
        log: Vec<Entry>,
        normal: Duration,
        time_scale: f64,
        now: Now,
    ) -> Monitor {
        let skip = log.len().saturating_sub(LOG_KEPT);
        Monitor {
            watch: Watch::new(thresholds),
            log: log.into_iter().skip(skip).collect(),
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
        let mut entries = Vec::with_capacity(notices.len());
        for n in &notices {
            let mut entry = Entry::from_notice(n);
            entry.at = now.wall.with_timezone(&Utc);
            if self.log.len() >= LOG_KEPT {
                self.log.pop_front();
            }
            self.log.push_back(entry.clone());
            entries.push(entry);
        }
        Reaction {
            notices,
            entries,
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
                    line: presentation::alert_line(
                        nestore_i18n::Catalogue::get(self.watch.language()),
                        kind,
                        severity,
                    ),
                    snoozable: severity != Severity::Alarm,
                })
                .collect(),
            snoozed_until: self.watch.snoozed_until(),
            log: self.log.iter().rev().take(LOG_SHOWN).cloned().collect(),
        }
    }

    pub fn worst(&self) -> Option<Severity> {
        self.watch.worst()
    }

    pub fn set_thresholds(&mut self, t: Thresholds) {
        self.watch.set_thresholds(t);
    }

    /// The language of the notices from now on.
    pub fn set_language(&mut self, language: nestore_i18n::Language) {
        self.watch.set_language(language);
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

    /// Seeds the leak rule's history with readings kept before a restart.
    pub fn restore(&mut self, points: impl IntoIterator<Item = (DateTime<Utc>, f64, Option<f64>)>) {
        self.watch.restore(points);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pace::FAST_POLL;
    use nestore_watch::{Kind, Phase};

    /// A story: statuses as the poller publishes them, at times the test chooses.
    struct Story {
        monitor: Monitor,
        status: Status,
        now: Now,
    }

    impl Story {
        fn new(scale: f64) -> Story {
            let now = Now {
                wall: DateTime::from_timestamp(1_764_079_500, 0)
                    .unwrap()
                    .fixed_offset(),
                mono: Instant::now(),
            };
            Story {
                monitor: Monitor::new(
                    Thresholds::default(),
                    Vec::new(),
                    Duration::from_secs(300),
                    scale,
                    now,
                ),
                status: Status::connecting("h:1".into(), false, 300),
                now,
            }
        }

        /// `secs` later the device reports this charge and pressure.
        fn reading(&mut self, secs: u64, soc: f64, bar: f64) -> Reaction {
            self.now.wall += chrono::Duration::seconds(secs as i64);
            self.now.mono += Duration::from_secs(secs);
            let body = format!(
                r#"{{"PAYLOAD":{{"DERIVED":{{"SOC_VES":{soc}}},"BASE":{{"PRES_SYS":{bar}}}}}}}"#
            );
            let r = nestore::reading::parse_engineering(
                body.as_bytes(),
                self.now.wall.with_timezone(&Utc),
            )
            .unwrap();
            self.status.record(Ok(r), self.now.wall.with_timezone(&Utc));
            self.monitor.observe(&self.status, self.now)
        }
    }

    #[test]
    fn each_result_is_fed_once() {
        let mut s = Story::new(1.0);
        s.reading(300, 70.0, 2.4);
        s.reading(300, 70.0, 1.2);
        let again = s.monitor.observe(&s.status, s.now);
        assert!(again.notices.is_empty() && again.interval.is_none());
        let n = s.reading(300, 70.0, 1.2).notices;
        assert_eq!(n.len(), 1, "the second reading confirms the alarm: {n:?}");
        let repeat = s.monitor.observe(&s.status, s.now);
        assert!(repeat.notices.is_empty(), "a repeat raises nothing twice");
        assert_eq!(s.monitor.view().log.len(), 1);
    }

    #[test]
    fn polls_fast_while_suspected_and_slow_again_after() {
        let mut s = Story::new(1.0);
        assert_eq!(s.reading(300, 70.0, 2.4).interval, None);
        assert_eq!(s.reading(300, 70.0, 1.2).interval, Some(FAST_POLL));
        assert_eq!(s.monitor.interval(), FAST_POLL);
        let confirmed = s.reading(60, 70.0, 1.2);
        assert_eq!(confirmed.notices[0].kind, Kind::LowPressure);
        assert_eq!(confirmed.notices[0].phase, Phase::Raised);
        assert_eq!(confirmed.interval, Some(Duration::from_secs(300)));
    }

    #[test]
    fn the_log_uses_the_wall_clock_even_for_a_fast_device() {
        // The demo device runs at 60x: its hours pass in minutes, but the owner reads the
        // alert log against the clock on the wall.
        let mut s = Story::new(60.0);
        s.reading(5, 70.0, 2.4);
        s.reading(5, 70.0, 1.2);
        let n = s.reading(5, 70.0, 1.2).notices;
        assert_eq!(n.len(), 1);
        let logged = &s.monitor.view().log[0];
        assert_eq!(logged.at, s.now.wall.with_timezone(&Utc));
        assert_ne!(
            n[0].at, logged.at,
            "the watch itself ran on the device's time"
        );
    }

    #[test]
    fn alarms_cannot_be_snoozed_warnings_can() {
        let mut s = Story::new(1.0);
        s.reading(300, 70.0, 2.4);
        s.reading(300, 70.0, 1.2);
        s.reading(60, 70.0, 1.2);
        let active = s.monitor.view().active;
        assert_eq!(active.len(), 1);
        assert_eq!(active[0].severity, Severity::Alarm);
        assert!(!active[0].snoozable);
        let mut s = Story::new(1.0);
        s.reading(300, 70.0, 2.4);
        s.reading(300, 70.0, 1.8);
        s.reading(60, 70.0, 1.8);
        let active = s.monitor.view().active;
        assert_eq!(active[0].severity, Severity::Warning);
        assert!(active[0].snoozable);
    }

    #[test]
    fn the_log_starts_from_what_was_stored_and_keeps_what_follows() {
        let mut s = Story::new(1.0);
        let old = |i: i64| Entry {
            at: DateTime::from_timestamp(1_700_000_000 + i, 0).unwrap(),
            kind: "low_pressure".into(),
            severity: "warning".into(),
            phase: "raised".into(),
            title: format!("old {i}"),
            body: String::new(),
            pressure_bar: None,
            soc_pct: None,
            notified: true,
            suppressed_by: None,
        };
        s.monitor = Monitor::new(
            Thresholds::default(),
            (0..LOG_KEPT as i64 + 3).map(old).collect(),
            Duration::from_secs(300),
            1.0,
            s.now,
        );
        assert_eq!(
            s.monitor.view().log[0].title,
            format!("old {}", LOG_KEPT + 2)
        );
        s.reading(300, 70.0, 2.4);
        s.reading(300, 70.0, 1.2);
        let r = s.reading(60, 70.0, 1.2);
        assert_eq!(r.entries.len(), 1);
        assert_eq!(r.entries[0].title, r.notices[0].title);
        let log = s.monitor.view().log;
        assert_eq!(log[0], r.entries[0], "newest first");
        assert_eq!(log[1].title, format!("old {}", LOG_KEPT + 2));
        assert_eq!(log.len(), LOG_SHOWN);
    }

    #[test]
    fn a_restored_history_lets_a_leak_show_sooner() {
        // Six hours of a steady fall, kept before a restart: the first readings after it
        // continue the trend instead of starting a new one.
        let mut s = Story::new(1.0);
        let start = s.now.wall.with_timezone(&Utc) - chrono::Duration::hours(6);
        s.monitor.restore((0..=72).map(|i| {
            let at = start + chrono::Duration::minutes(5 * i);
            (at, 2.6 - 0.4 * (i as f64 / 72.0), Some(70.0))
        }));
        let mut raised = Vec::new();
        for _ in 0..3 {
            raised.extend(s.reading(300, 70.0, 2.19).notices);
        }
        assert!(
            raised.iter().any(|n| n.kind == Kind::Leak),
            "the leak trend survived the restart: {raised:?}"
        );
        let mut fresh = Story::new(1.0);
        let mut none = Vec::new();
        for _ in 0..3 {
            none.extend(fresh.reading(300, 70.0, 2.19).notices);
        }
        assert!(none.iter().all(|n| n.kind != Kind::Leak), "{none:?}");
    }

    #[test]
    fn the_first_result_after_a_wake_raises_nothing() {
        let mut s = Story::new(1.0);
        s.reading(300, 70.0, 2.4);
        s.reading(300, 70.0, 1.2);
        // The third low reading would confirm the alarm, but the computer slept before it.
        s.now.wall += chrono::Duration::hours(8);
        s.now.mono += Duration::from_secs(300);
        let body = r#"{"PAYLOAD":{"DERIVED":{"SOC_VES":70},"BASE":{"PRES_SYS":1.2}}}"#;
        let r = nestore::reading::parse_engineering(body.as_bytes(), s.now.wall.to_utc()).unwrap();
        s.status.record(Ok(r), s.now.wall.to_utc());
        s.status.after_wake = true;
        let woke = s.monitor.observe(&s.status, s.now);
        assert!(woke.notices.is_empty(), "{:?}", woke.notices);
        assert_eq!(s.monitor.worst(), None);
    }

    #[test]
    fn worst_is_the_latched_condition() {
        let mut s = Story::new(1.0);
        assert_eq!(s.monitor.worst(), None);
        s.reading(300, 70.0, 2.4);
        s.reading(300, 70.0, 1.2);
        assert_eq!(s.monitor.worst(), None, "suspected is not latched");
        s.reading(60, 70.0, 1.2);
        assert_eq!(s.monitor.worst(), Some(Severity::Alarm));
    }

    #[test]
    fn new_thresholds_apply_to_the_next_result() {
        let mut s = Story::new(1.0);
        s.monitor.set_thresholds(Thresholds {
            hold_readings: 3,
            ..Thresholds::default()
        });
        s.reading(300, 70.0, 2.4);
        s.reading(300, 70.0, 1.2);
        assert!(
            s.reading(60, 70.0, 1.2).notices.is_empty(),
            "held 3 readings"
        );
        assert_eq!(s.reading(60, 70.0, 1.2).notices.len(), 1);
    }

    #[test]
    fn a_new_normal_interval_is_in_force_unless_a_problem_is_suspected() {
        let mut s = Story::new(1.0);
        let ten_min = Duration::from_secs(600);
        assert_eq!(s.monitor.set_normal_interval(ten_min), ten_min);
        assert_eq!(s.monitor.interval(), ten_min);
        s.reading(300, 70.0, 2.4);
        s.reading(300, 70.0, 1.2);
        assert_eq!(
            s.monitor.set_normal_interval(Duration::from_secs(900)),
            FAST_POLL
        );
    }

    #[test]
    fn a_new_time_scale_runs_the_watch_that_much_faster_from_now() {
        let mut s = Story::new(1.0);
        s.reading(300, 70.0, 2.4);
        s.reading(300, 70.0, 1.2);
        let scaled_at = s.now.wall;
        s.monitor.set_time_scale(60.0, s.now);
        let n = s.reading(5, 70.0, 1.2).notices;
        assert_eq!(n.len(), 1);
        assert_eq!(
            n[0].at,
            (scaled_at + chrono::Duration::seconds(300)).to_utc()
        );
    }

    #[test]
    fn a_charge_started_from_the_app_is_reported_when_it_ends_unless_cancelled() {
        let mut s = Story::new(1.0);
        s.reading(300, 70.0, 2.4);
        s.monitor.charge_started(80);
        let n = s.reading(300, 79.0, 2.4).notices;
        assert_eq!(n.len(), 1, "{n:?}");
        assert_eq!(n[0].kind, Kind::ChargeFinished);
        s.monitor.charge_started(90);
        s.monitor.charge_cancelled();
        assert!(s.reading(300, 89.0, 2.4).notices.is_empty());
    }

    #[test]
    fn a_snooze_shows_until_when() {
        let mut s = Story::new(1.0);
        let until = s.now.wall.to_utc() + chrono::Duration::hours(1);
        s.monitor.snooze(Some(until));
        assert_eq!(s.monitor.view().snoozed_until, Some(until));
        s.monitor.snooze(None);
        assert_eq!(s.monitor.view().snoozed_until, None);
    }

    #[test]
    fn failed_polls_go_to_the_watch_which_tells_of_an_outage() {
        let mut s = Story::new(1.0);
        s.reading(300, 70.0, 2.4);
        let gone = nestore::Error::Unreachable {
            url: "http://h:1/".into(),
            reason: "connection refused".into(),
        };
        let mut told = Vec::new();
        // 16 minutes of failures, past the 15 minutes of grace.
        for _ in 0..=16 {
            s.now.wall += chrono::Duration::seconds(60);
            s.now.mono += Duration::from_secs(60);
            s.status.record(Err(gone.clone()), s.now.wall.to_utc());
            told.extend(s.monitor.observe(&s.status, s.now).notices);
        }
        assert_eq!(told.len(), 1, "{told:?}");
        assert_eq!(told[0].kind, Kind::Offline);
        assert_eq!(s.monitor.view().active[0].kind, Kind::Offline);
    }

    #[test]
    fn the_log_keeps_every_notice_up_to_its_bound() {
        let mut s = Story::new(1.0);
        s.reading(300, 70.0, 2.4);
        s.reading(300, 70.0, 1.2);
        s.reading(60, 70.0, 1.2);
        s.reading(60, 70.0, 2.4);
        let recovered = s.reading(60, 70.0, 2.4);
        assert_eq!(recovered.entries.len(), 1, "{:?}", recovered.notices);
        let log = s.monitor.view().log;
        assert_eq!(log.len(), 2, "raised and recovered: {log:?}");
        assert_eq!(log[0], recovered.entries[0], "newest first");
        // A full log drops its oldest entry for each new one.
        let full: Vec<Entry> = std::iter::repeat_n(log[0].clone(), LOG_KEPT).collect();
        s.monitor = Monitor::new(Thresholds::default(), full, FAST_POLL, 1.0, s.now);
        let told: usize = (0..3).map(|_| s.reading(60, 70.0, 1.2).entries.len()).sum();
        assert_eq!(told, 1);
        assert_eq!(s.monitor.log.len(), LOG_KEPT);
        assert_eq!(s.monitor.log.back().unwrap().phase, "raised");
    }
}
