//! What the app knows about the device: the latest reading and the connection, as the
//! poller publishes it. Everything shown (tray icon, menu lines, window) derives from it.

use chrono::{DateTime, Utc};
use nestore::Reading;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Connection {
    NotConfigured,
    Connecting,
    Online,
    Offline,
}

#[derive(Debug, Clone, Serialize)]
pub struct Status {
    /// "host:port", None when no device is configured.
    pub device: Option<String>,
    pub demo: bool,
    pub connection: Connection,
    /// The last poll's error in plain words, while it stands.
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
    /// owner still sees what was last known.
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
                self.updated_at = Some(now);
                self.reading = Some(r);
            }
            Err(e) => {
                self.connection = Connection::Offline;
                self.error = Some(e.to_string());
                self.failure = Some(e);
                self.offline_since.get_or_insert(now);
            }
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
        self.reading
            .as_ref()
            .filter(|_| self.connection == Connection::Online && !self.is_stale(now))
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
        s.record(Err(nestore::Error::Unauthorized), t1);
        s.record(
            Err(nestore::Error::Unauthorized),
            t1 + chrono::Duration::seconds(300),
        );
        assert_eq!(s.connection, Connection::Offline);
        assert_eq!(s.offline_since, Some(t1));
        assert!(s.reading.is_some());
        assert_eq!(s.updated_at, Some(t0));
        assert!(s.fresh_reading(t1).is_none());
        s.record(Ok(reading(t1)), t1 + chrono::Duration::seconds(900));
        assert_eq!(s.offline_since, None);
        assert!(s.error.is_none());
    }

    #[test]
    fn stale_after_two_intervals() {
        let t0 = DateTime::from_timestamp(1_000_000, 0).unwrap();
        let mut s = Status::connecting("h:1".into(), false, 60);
        s.record(Ok(reading(t0)), t0);
        assert!(!s.is_stale(t0 + chrono::Duration::seconds(120)));
        assert!(s.is_stale(t0 + chrono::Duration::seconds(121)));
    }
}
