//! NEStore Tray's memory: every reading and event in one SQLite file, without a GUI.
//!
//! - The app writes through a [`Writer`] (a thread of its own; [`Writer::send`] never
//!   blocks) and shows [`Writer::health`] ("History cannot be saved: …") and
//!   [`Writer::take_notices`] (a damaged file set aside).
//! - Queries run on a [`Store`]: the app opens one read-only per query thread
//!   ([`Store::open_read_only`]) beside its writer, the CLI the same while the app runs.
//!   [`Store::view`] is the whole `history_query` reply of `docs/ipc.md` ([`HistoryView`]);
//!   [`Store::series`], [`Store::daily`], [`Store::events`], [`Store::recent_pressure`]
//!   (the pressure watch's leak history at start), [`Store::readings`] (streamed) are its
//!   parts.
//! - [`write_readings_csv`] and [`write_daily_csv`] write the exports to any `io::Write`.
//! - [`Store::seed_demo`] fills a history without real readings from the simulator's model;
//!   [`Store::import_alert_log`] takes the old `alerts.jsonl` entries once;
//!   [`Store::prune`] applies "keep days" (never under [`MIN_KEEP_DAYS`]).
//!
//! The file: WAL journal, `synchronous=NORMAL`, schema version in `PRAGMA user_version`
//! migrated forward on open ([`schema`]); readings keyed by their time in ms (UTC) in a
//! `WITHOUT ROWID` table of scaled integers, about 60 bytes each (a year at 5-minute polls
//! is under 10 MB). Times are `DateTime<Utc>`; ranges are half-open, `[from, to)`.
//!
//! ```no_run
//! use std::time::Duration;
//! use nestore_history::{Store, Writer, WriterOptions, DEFAULT_BUCKETS};
//! # fn demo(reading: nestore::reading::Reading) -> Result<(), nestore_history::Error> {
//! let path = std::path::PathBuf::from("/home/me/.config/nestore-tray/history.sqlite3");
//! let writer = Writer::spawn(path.clone(), WriterOptions::default())?;
//! writer.send_reading(&reading, false); // at each poll; never blocks
//! if let Some(msg) = writer.health().message() { eprintln!("{msg}"); }
//!
//! let store = Store::open_read_only(&path)?; // in a blocking task
//! let to = chrono::Utc::now();
//! let mut view = store.view(to - chrono::Duration::days(1), to, DEFAULT_BUCKETS, &chrono::Local)?;
//! view.enabled = true; // from the settings
//!
//! writer.close(Duration::from_secs(5)); // at exit
//! # Ok(()) }
//! ```

mod codec;
mod csv;
mod error;
mod event;
mod query;
pub mod schema;
mod seed;
mod store;
mod text;
mod writer;

pub use codec::StoredReading;
pub use csv::{reading_row, readings_header, write_daily_csv, write_readings_csv, DAILY_HEADER};
pub use error::{Error, Result, Unavailable};
pub use event::{
    Event, EventKind, LegacyAlert, Severity, MAX_BODY_CHARS, MAX_DETAIL_BYTES, MAX_TITLE_CHARS,
};
pub use query::{
    DailyTotal, HistoryView, PressurePoint, Series, SeriesSet, Stats, DEFAULT_BUCKETS,
    EVENTS_IN_VIEW, MAX_BUCKETS, MAX_COUNTER_GAP_MS, MAX_DAYS, MAX_EVENTS,
};
pub use seed::SeedOptions;
pub use store::{Notice, Pruned, Record, Store, Written, MIN_KEEP_DAYS};
pub use writer::{Health, SendOutcome, Writer, WriterOptions, WriterStatus};

/// The history file's name in the app's settings folder.
pub const FILE_NAME: &str = "history.sqlite3";
