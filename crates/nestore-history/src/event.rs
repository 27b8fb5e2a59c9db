//! Events: what happened besides readings (alerts, commands, the connection coming and going).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    Alert,
    Command,
    Offline,
    Online,
    PollFailed,
    /// A charge timer's action (start, renewal, end) or why it did nothing.
    Timer,
}

impl EventKind {
    pub const ALL: [EventKind; 6] = [
        EventKind::Alert,
        EventKind::Command,
        EventKind::Offline,
        EventKind::Online,
        EventKind::PollFailed,
        EventKind::Timer,
    ];

    /// The word stored and shown in the JSON: `alert`, `command`, `offline`, `online`,
    /// `poll_failed`, `timer`.
    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::Alert => "alert",
            EventKind::Command => "command",
            EventKind::Offline => "offline",
            EventKind::Online => "online",
            EventKind::PollFailed => "poll_failed",
            EventKind::Timer => "timer",
        }
    }

    pub fn parse(s: &str) -> Option<EventKind> {
        EventKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Info,
    Warning,
    Alarm,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Alarm => "alarm",
        }
    }

    /// `info`, `warning` or `alarm`; anything else is `None`.
    pub fn parse(s: &str) -> Option<Severity> {
        [Severity::Info, Severity::Warning, Severity::Alarm]
            .into_iter()
            .find(|k| k.as_str() == s)
    }
}

/// Longest title and body kept, in characters; longer ones are cut (the event is kept).
pub const MAX_TITLE_CHARS: usize = 200;
pub const MAX_BODY_CHARS: usize = 4000;
/// Longest JSON detail kept, in bytes; a longer one is replaced by `{"truncated": true}`.
pub const MAX_DETAIL_BYTES: usize = 16_000;

/// One event, as stored and as `history_query` returns it (`detail` and `demo` only when set).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub at: DateTime<Utc>,
    pub kind: EventKind,
    pub severity: Severity,
    pub title: String,
    pub body: String,
    /// Anything machine-readable worth keeping: the command sent, the alert's kind and
    /// readings, the error of a failed poll.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<serde_json::Value>,
    /// Happened on the demo device.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub demo: bool,
}

impl Event {
    pub fn new(
        at: DateTime<Utc>,
        kind: EventKind,
        severity: Severity,
        title: impl Into<String>,
        body: impl Into<String>,
    ) -> Event {
        Event {
            at,
            kind,
            severity,
            title: title.into(),
            body: body.into(),
            detail: None,
            demo: false,
        }
    }

    pub fn with_detail(mut self, detail: serde_json::Value) -> Event {
        self.detail = Some(detail);
        self
    }

    pub fn with_demo(mut self, demo: bool) -> Event {
        self.demo = demo;
        self
    }
}

pub(crate) fn cut(s: &str, max_chars: usize) -> &str {
    match s.char_indices().nth(max_chars) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

/// One entry of the old alert log (`alerts.jsonl`), as the app hands it over.
#[derive(Debug, Clone, PartialEq)]
pub struct LegacyAlert {
    pub at: DateTime<Utc>,
    /// The alert's kind in the old log, e.g. `high_pressure`; kept in the event's detail.
    pub kind: String,
    /// `info`, `warning` or `alarm`; anything else is kept as `warning`.
    pub severity: String,
    pub title: String,
    pub body: String,
}

impl From<(DateTime<Utc>, String, String, String, String)> for LegacyAlert {
    fn from(
        (at, kind, severity, title, body): (DateTime<Utc>, String, String, String, String),
    ) -> LegacyAlert {
        LegacyAlert {
            at,
            kind,
            severity,
            title,
            body,
        }
    }
}

impl LegacyAlert {
    pub(crate) fn into_event(self) -> Event {
        let severity = Severity::parse(&self.severity).unwrap_or(Severity::Warning);
        Event::new(self.at, EventKind::Alert, severity, self.title, self.body)
            .with_detail(serde_json::json!({"alert": self.kind, "imported_from": "alerts.jsonl"}))
    }
}
