//! What goes into the history: each reading (while "Keep history" is on) and one timeline
//! of events: a failed poll, the device going offline and coming back, every alert notice,
//! every control command with its outcome. Pure: it turns what happened into records,
//! and the app hands them to the history writer.

use chrono::Utc;
use nestore_history::{Event, EventKind, Record, Severity as EventSeverity};
use nestore_i18n::Catalogue;
use nestore_watch::{Notice, Severity};

use crate::actions::{CommandArgs, OutcomeView};
use crate::alert_log::Entry;
use crate::status::{Connection, Status};

#[derive(Debug, Default)]
pub struct Recorder {
    /// The last result seen (its count), so a status published twice is recorded once.
    seen: Option<u64>,
    last: Option<Connection>,
}

fn severity(s: Severity) -> EventSeverity {
    match s {
        Severity::Info => EventSeverity::Info,
        Severity::Warning => EventSeverity::Warning,
        Severity::Alarm => EventSeverity::Alarm,
    }
}

impl Recorder {
    /// The records one published status calls for; the events' words in the catalogue's
    /// language (the history keeps them as they were said).
    pub fn on_status(
        &mut self,
        cat: &Catalogue,
        status: &Status,
        keep_readings: bool,
    ) -> Vec<Record> {
        if status.seq == 0 || self.seen == Some(status.seq) {
            return Vec::new();
        }
        self.seen = Some(status.seq);
        let demo = status.demo;
        let at = status
            .updated_at
            .filter(|_| status.failure.is_none())
            .or(status.offline_since)
            .unwrap_or_else(Utc::now);
        let error = || status.error_message(cat).unwrap_or_default();
        let mut out = Vec::new();
        match (&status.failure, &status.reading) {
            (None, Some(r)) if keep_readings => out.push(Record::Reading {
                reading: r.clone(),
                demo,
            }),
            (Some(_), _) => {
                out.push(Record::Event(
                    Event::new(
                        Utc::now(),
                        EventKind::PollFailed,
                        EventSeverity::Info,
                        cat.label("event-poll-failed"),
                        error(),
                    )
                    .with_demo(demo),
                ));
            }
            _ => {}
        }
        let was = self.last.replace(status.connection);
        match (was, status.connection) {
            (Some(w), Connection::Offline) if w != Connection::Offline => {
                out.push(Record::Event(
                    Event::new(
                        at,
                        EventKind::Offline,
                        EventSeverity::Warning,
                        cat.label("event-offline"),
                        error(),
                    )
                    .with_demo(demo),
                ));
            }
            (Some(Connection::Offline), Connection::Online) => {
                out.push(Record::Event(
                    Event::new(
                        at,
                        EventKind::Online,
                        EventSeverity::Info,
                        cat.label("event-online"),
                        cat.label("event-online-body"),
                    )
                    .with_demo(demo),
                ));
            }
            _ => {}
        }
        out
    }
}

/// An alert notice, as logged (the window's alert log entry is kept in the detail).
pub fn notice(n: &Notice, entry: &Entry, demo: bool) -> Record {
    Record::Event(
        Event::new(
            entry.at,
            EventKind::Alert,
            severity(n.severity),
            &n.title,
            &n.body,
        )
        .with_detail(serde_json::to_value(entry).unwrap_or_default())
        .with_demo(demo),
    )
}

/// A control command and its outcome (the title in the catalogue's language; the outcome
/// is already in it).
pub fn command(cat: &Catalogue, cmd: CommandArgs, outcome: &OutcomeView, demo: bool) -> Record {
    let title = cat.label(match cmd {
        CommandArgs::Start { .. } => "event-command-start",
        CommandArgs::Stop { .. } => "event-command-stop",
        CommandArgs::Auto => "event-command-auto",
    });
    let sev = if outcome.ok {
        EventSeverity::Info
    } else {
        EventSeverity::Warning
    };
    Record::Event(
        Event::new(
            outcome.at,
            EventKind::Command,
            sev,
            &title,
            &outcome.message,
        )
        .with_detail(serde_json::json!({
            "command": cmd,
            "ok": outcome.ok,
            "sent": outcome.sent,
            "state": outcome.state,
        }))
        .with_demo(demo),
    )
}

/// The window's alert log entry of a stored alert event (newer ones carry it whole; an
/// entry imported from the old `alerts.jsonl` is rebuilt from its fields).
pub fn entry_of(e: &Event) -> Option<Entry> {
    if e.kind != EventKind::Alert {
        return None;
    }
    if let Some(entry) = e
        .detail
        .as_ref()
        .and_then(|d| serde_json::from_value::<Entry>(d.clone()).ok())
    {
        return Some(entry);
    }
    let kind = e
        .detail
        .as_ref()
        .and_then(|d| d.get("alert"))
        .and_then(|k| k.as_str())
        .unwrap_or("alert")
        .to_owned();
    Some(Entry {
        at: e.at,
        kind,
        severity: e.severity.as_str().to_owned(),
        phase: "raised".into(),
        title: e.title.clone(),
        body: e.body.clone(),
        pressure_bar: None,
        soc_pct: None,
        notified: true,
        suppressed_by: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::DateTime;

    fn reading(t: DateTime<Utc>) -> nestore::Reading {
        nestore::reading::parse_engineering(
            br#"{"PAYLOAD":{"DERIVED":{"SOC_VES":50},"BASE":{"PRES_SYS":2.2}}}"#,
            t,
        )
        .unwrap()
    }

    fn unreachable() -> nestore::Error {
        nestore::Error::Unreachable {
            url: "http://h:1/".into(),
            reason: "connection refused".into(),
        }
    }

    fn kinds(records: &[Record]) -> Vec<&'static str> {
        records
            .iter()
            .map(|r| match r {
                Record::Reading { .. } => "reading",
                Record::Event(e) => e.kind.as_str(),
            })
            .collect()
    }

    fn en() -> &'static Catalogue {
        Catalogue::get(nestore_i18n::Language::English)
    }

    #[test]
    fn events_are_told_in_the_language_of_the_moment() {
        let t0 = DateTime::from_timestamp(1_764_079_500, 0).unwrap();
        let nl = Catalogue::get(nestore_i18n::Language::Dutch);
        let mut rec = Recorder::default();
        let mut s = Status::connecting("h:1".into(), false, 300);
        s.record(Ok(reading(t0)), t0);
        rec.on_status(nl, &s, true);
        s.record(Err(nestore::Error::Unauthorized), t0);
        let records = rec.on_status(nl, &s, true);
        let [Record::Event(e)] = records.as_slice() else {
            panic!("{records:?}")
        };
        assert_eq!(e.title, "Uitlezen mislukt");
        assert_eq!(
            e.body,
            "Je NEStore weigerde het servicewachtwoord. Vul het opnieuw in bij Instellingen."
        );
        let outcome = OutcomeView {
            ok: true,
            sent: true,
            message: "Bevestigd door je NEStore: \"Idle\".".into(),
            state: Some("Idle".into()),
            at: t0,
        };
        let Record::Event(e) = command(nl, CommandArgs::Auto, &outcome, false) else {
            panic!()
        };
        assert_eq!(e.title, "Terug naar automatisch");
        let Record::Event(e) = command(en(), CommandArgs::Auto, &outcome, false) else {
            panic!()
        };
        assert_eq!(e.title, "Resume automatic");
    }

    #[test]
    fn readings_failures_and_the_outage_make_one_timeline() {
        let t0 = DateTime::from_timestamp(1_764_079_500, 0).unwrap();
        let mut rec = Recorder::default();
        let mut s = Status::connecting("h:1".into(), false, 300);
        assert!(
            rec.on_status(en(), &s, true).is_empty(),
            "nothing happened yet"
        );
        s.record(Ok(reading(t0)), t0);
        assert_eq!(kinds(&rec.on_status(en(), &s, true)), ["reading"]);
        assert!(
            rec.on_status(en(), &s, true).is_empty(),
            "the same result once"
        );
        s.record(Err(unreachable()), t0);
        assert_eq!(kinds(&rec.on_status(en(), &s, true)), ["poll_failed"]);
        s.record(Err(unreachable()), t0);
        rec.on_status(en(), &s, true);
        s.record(Err(unreachable()), t0);
        assert_eq!(
            kinds(&rec.on_status(en(), &s, true)),
            ["poll_failed", "offline"],
            "the third failure is the outage"
        );
        s.record(Err(unreachable()), t0);
        assert_eq!(kinds(&rec.on_status(en(), &s, true)), ["poll_failed"]);
        s.record(Ok(reading(t0)), t0);
        assert_eq!(kinds(&rec.on_status(en(), &s, true)), ["reading", "online"]);
        s.record(Ok(reading(t0)), t0);
        assert!(
            rec.on_status(en(), &s, false).is_empty(),
            "Keep history off: no readings, still the events"
        );
    }

    #[test]
    fn an_alert_event_gives_back_the_window_entry() {
        let entry = Entry {
            at: DateTime::from_timestamp(1_764_079_500, 0).unwrap(),
            kind: "high_pressure".into(),
            severity: "alarm".into(),
            phase: "raised".into(),
            title: "Very high pressure".into(),
            body: "3.6 bar".into(),
            pressure_bar: Some(3.6),
            soc_pct: Some(80.0),
            notified: true,
            suppressed_by: None,
        };
        let Record::Event(e) = Record::Event(
            Event::new(
                entry.at,
                EventKind::Alert,
                EventSeverity::Alarm,
                &entry.title,
                &entry.body,
            )
            .with_detail(serde_json::to_value(&entry).unwrap()),
        ) else {
            unreachable!()
        };
        assert_eq!(entry_of(&e), Some(entry.clone()));
        let legacy = Event::new(
            entry.at,
            EventKind::Alert,
            EventSeverity::Warning,
            "Low pressure",
            "1.9 bar",
        )
        .with_detail(serde_json::json!({"alert": "low_pressure", "imported_from": "alerts.jsonl"}));
        let back = entry_of(&legacy).unwrap();
        assert_eq!(back.kind, "low_pressure");
        assert_eq!(back.severity, "warning");
        let cmd = Event::new(entry.at, EventKind::Command, EventSeverity::Info, "x", "y");
        assert_eq!(entry_of(&cmd), None);
    }
}
