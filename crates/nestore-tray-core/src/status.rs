//! What the app knows about the device: the latest reading and the connection, as the
//! poller publishes it. Everything shown (tray icon, menu lines, window) derives from it.

use chrono::{DateTime, Utc};
use nestore::Reading;
use nestore_i18n::{Catalogue, Language};
use serde::Serialize;

fn english() -> &'static Catalogue {
    Catalogue::get(Language::English)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Connection {
    NotConfigured,
    Connecting,
    Online,
    /// The last poll failed, but fewer than [`OFFLINE_AFTER`] in a row: the last reading
    /// still shows and the app polls again soon.
    Retrying,
    Offline,
}

/// Failed polls in a row before the device counts as offline: one failure on a flaky
/// link is no outage.
pub const OFFLINE_AFTER: u32 = 3;
/// After a failed poll, the next one comes this soon (or at the interval, if sooner).
pub const RETRY_AFTER: std::time::Duration = std::time::Duration::from_secs(20);

#[derive(Debug, Clone, Serialize)]
pub struct Status {
    /// "host:port", None when no device is configured.
    pub device: Option<String>,
    pub demo: bool,
    pub connection: Connection,
    /// The last poll's error in the owner's words, while it stands: in English as
    /// recorded (logs, the history); the window shows [`Status::error_message`] in the
    /// app's language.
    pub error: Option<String>,
    /// First failed poll of the current outage.
    pub offline_since: Option<DateTime<Utc>>,
    /// The last successful reading's time.
    pub updated_at: Option<DateTime<Utc>>,
    pub polling: bool,
    pub reading: Option<Reading>,
    /// Poll interval in force, for staleness.
    #[serde(skip)]
    pub interval_s: u64,
    /// Counts poll results, so that a consumer sees each one once.
    #[serde(skip)]
    pub seq: u64,
    /// The last poll's error itself, for the pressure watch.
    #[serde(skip)]
    pub failure: Option<nestore::Error>,
    /// This result is the first after the computer woke from sleep.
    #[serde(skip)]
    pub after_wake: bool,
    /// Failed polls in a row.
    #[serde(skip)]
    pub failures: u32,
}

impl Status {
    pub fn not_configured(interval_s: u64) -> Status {
        Status {
            device: None,
            demo: false,
            connection: Connection::NotConfigured,
            error: None,
            offline_since: None,
            updated_at: None,
            polling: false,
            reading: None,
            interval_s,
            seq: 0,
            failure: None,
            after_wake: false,
            failures: 0,
        }
    }

    pub fn connecting(device: String, demo: bool, interval_s: u64) -> Status {
        Status {
            device: Some(device),
            demo,
            connection: Connection::Connecting,
            ..Status::not_configured(interval_s)
        }
    }

    /// Takes one poll's result. A failure keeps the last reading (shown as stale), so the
    /// owner still sees what was last known. One failure is "retrying"; the device is
    /// offline after [`OFFLINE_AFTER`] in a row. An answer that lacks a required value is
    /// no outage: the device is online and the error says what it lacks.
    pub fn record(&mut self, result: Result<Reading, nestore::Error>, now: DateTime<Utc>) {
        self.polling = false;
        self.seq += 1;
        self.after_wake = false;
        match result {
            Ok(r) => {
                self.connection = Connection::Online;
                self.failure = None;
                self.error = None;
                self.offline_since = None;
                self.failures = 0;
                self.updated_at = Some(now);
                self.reading = Some(r);
            }
            Err(e @ nestore::Error::MissingField { .. }) => {
                self.connection = Connection::Online;
                self.error = Some(e.message(english()));
                self.failure = Some(e);
                self.offline_since = None;
                self.failures = 0;
            }
            Err(e) => {
                self.failures = self.failures.saturating_add(1);
                self.connection = if self.failures >= OFFLINE_AFTER {
                    Connection::Offline
                } else {
                    Connection::Retrying
                };
                self.error = Some(e.message(english()));
                self.failure = Some(e);
                self.offline_since.get_or_insert(now);
            }
        }
    }

    /// The last poll's error in the catalogue's language, while it stands.
    pub fn error_message(&self, cat: &Catalogue) -> Option<String> {
        self.failure.as_ref().map(|e| e.message(cat))
    }

    /// When to poll next, given the interval in force: soon after a failed poll.
    pub fn next_poll_in(&self, interval: std::time::Duration) -> std::time::Duration {
        match self.connection {
            Connection::Retrying => interval.min(RETRY_AFTER),
            _ => interval,
        }
    }

    /// The reading is older than two poll intervals (or there is none while offline).
    pub fn is_stale(&self, now: DateTime<Utc>) -> bool {
        match self.updated_at {
            Some(t) => (now - t).num_seconds() > 2 * self.interval_s as i64,
            None => self.connection == Connection::Offline,
        }
    }

    /// A reading that is current enough to show as the device's state.
    pub fn fresh_reading(&self, now: DateTime<Utc>) -> Option<&Reading> {
        self.reading.as_ref().filter(|_| {
            matches!(self.connection, Connection::Online | Connection::Retrying)
                && !self.is_stale(now)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reading(at: DateTime<Utc>) -> Reading {
        nestore::reading::parse_engineering(
            br#"{"PAYLOAD":{"DERIVED":{"SOC_VES":50},"BASE":{"PRES_SYS":2.2}}}"#,
            at,
        )
        .unwrap()
    }

    #[test]
    fn failure_keeps_the_last_reading_and_the_outage_start() {
        let t0 = DateTime::from_timestamp(1_000_000, 0).unwrap();
        let mut s = Status::connecting("h:1".into(), false, 300);
        s.record(Ok(reading(t0)), t0);
        assert_eq!(s.connection, Connection::Online);
        let t1 = t0 + chrono::Duration::seconds(300);
        for i in 0..3 {
            s.record(
                Err(nestore::Error::Unauthorized),
                t1 + chrono::Duration::seconds(300 * i),
            );
        }
        assert_eq!(s.connection, Connection::Offline);
        assert_eq!(s.offline_since, Some(t1));
        assert!(s.reading.is_some());
        assert_eq!(s.updated_at, Some(t0));
        assert!(s.fresh_reading(t1).is_none());
        s.record(Ok(reading(t1)), t1 + chrono::Duration::seconds(900));
        assert_eq!(s.offline_since, None);
        assert!(s.error.is_none());
    }

    fn unreachable() -> nestore::Error {
        nestore::Error::Unreachable {
            url: "http://h:1/".into(),
            reason: "connection refused".into(),
        }
    }

    #[test]
    fn one_failure_is_retrying_not_offline() {
        let t0 = DateTime::from_timestamp(1_000_000, 0).unwrap();
        let mut s = Status::connecting("h:1".into(), false, 300);
        s.record(Ok(reading(t0)), t0);
        s.record(Err(unreachable()), t0 + chrono::Duration::seconds(300));
        assert_eq!(s.connection, Connection::Retrying);
        assert!(
            s.fresh_reading(t0 + chrono::Duration::seconds(301))
                .is_some(),
            "the reading still shows"
        );
        assert_eq!(
            s.next_poll_in(std::time::Duration::from_secs(300)),
            RETRY_AFTER
        );
        s.record(Ok(reading(t0)), t0 + chrono::Duration::seconds(320));
        assert_eq!(s.connection, Connection::Online);
        assert_eq!(
            s.next_poll_in(std::time::Duration::from_secs(300))
                .as_secs(),
            300
        );
        // Two failures, an answer, two failures: never offline.
        for _ in 0..2 {
            s.record(Err(unreachable()), t0 + chrono::Duration::seconds(340));
        }
        s.record(Ok(reading(t0)), t0 + chrono::Duration::seconds(360));
        for _ in 0..2 {
            s.record(Err(unreachable()), t0 + chrono::Duration::seconds(380));
        }
        assert_eq!(s.connection, Connection::Retrying);
        s.record(Err(unreachable()), t0 + chrono::Duration::seconds(400));
        assert_eq!(s.connection, Connection::Offline);
        assert_eq!(
            s.offline_since,
            Some(t0 + chrono::Duration::seconds(380)),
            "the outage began at its first failure"
        );
    }

    #[test]
    fn stale_after_two_intervals() {
        let t0 = DateTime::from_timestamp(1_000_000, 0).unwrap();
        let mut s = Status::connecting("h:1".into(), false, 60);
        s.record(Ok(reading(t0)), t0);
        assert!(!s.is_stale(t0 + chrono::Duration::seconds(120)));
        assert!(s.is_stale(t0 + chrono::Duration::seconds(121)));
    }

    #[test]
    fn offline_stays_offline_while_the_failures_go_on() {
        let t0 = DateTime::from_timestamp(1_000_000, 0).unwrap();
        let mut s = Status::connecting("h:1".into(), false, 300);
        for n in 1..=6 {
            s.record(Err(unreachable()), t0 + chrono::Duration::seconds(20 * n));
        }
        assert_eq!(s.failures, 6);
        assert_eq!(s.connection, Connection::Offline);
        assert_eq!(
            s.next_poll_in(std::time::Duration::from_secs(300))
                .as_secs(),
            300,
            "offline polls at the interval, not every 20 s"
        );
    }

    #[test]
    fn a_reading_that_lacks_a_value_is_no_outage() {
        let t0 = DateTime::from_timestamp(1_000_000, 0).unwrap();
        let mut s = Status::connecting("h:1".into(), false, 300);
        s.record(Ok(reading(t0)), t0);
        s.record(Err(unreachable()), t0 + chrono::Duration::seconds(300));
        let lacking = nestore::Error::MissingField {
            field: nestore::Field::Soc,
        };
        for i in 0..4 {
            s.record(
                Err(lacking.clone()),
                t0 + chrono::Duration::seconds(320 + i),
            );
        }
        assert_eq!(s.connection, Connection::Online);
        assert_eq!((s.failures, s.offline_since), (0, None));
        assert_eq!(
            s.error.as_deref(),
            Some("The device answers, but its reading lacks the state of charge.")
        );
        assert_eq!(
            s.error_message(Catalogue::get(Language::Dutch)).as_deref(),
            Some("Je NEStore antwoordt, maar in de meting ontbreekt de laadtoestand.")
        );
        assert!(matches!(
            s.failure,
            Some(nestore::Error::MissingField { .. })
        ));
        assert_eq!(s.updated_at, Some(t0), "no new reading came");
    }

    #[test]
    fn without_any_reading_only_offline_is_stale() {
        let t = DateTime::from_timestamp(1_000_000, 0).unwrap();
        let mut s = Status::connecting("h:1".into(), false, 300);
        assert!(!s.is_stale(t));
        s.record(Err(unreachable()), t);
        assert!(!s.is_stale(t), "retrying");
        s.record(Err(unreachable()), t);
        s.record(Err(unreachable()), t);
        assert!(s.is_stale(t));
        assert!(!Status::not_configured(300).is_stale(t));
    }

    #[test]
    fn a_new_device_starts_connecting_and_says_whether_it_is_the_demo() {
        let s = Status::connecting("127.0.0.1:4805".into(), true, 300);
        assert_eq!(s.connection, Connection::Connecting);
        assert!(s.demo);
        assert_eq!(s.device.as_deref(), Some("127.0.0.1:4805"));
        assert_eq!(s.interval_s, 300);
        assert!(!Status::connecting("h:1".into(), false, 300).demo);
    }
}
