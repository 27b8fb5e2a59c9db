//! [`Store`]: one connection to the history file, opened for writing (the app's writer
//! thread) or read-only (the CLI, and the app's queries while its writer writes: WAL lets
//! both run at once). Opening for writing migrates the schema and sets a damaged file aside.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, Utc};
use nestore::reading::Reading;
use rusqlite::{params, Connection, OpenFlags, OptionalExtension, Transaction};

use crate::codec;
use crate::error::{Error, Result, Unavailable};
use crate::event::{cut, Event, LegacyAlert, MAX_BODY_CHARS, MAX_DETAIL_BYTES, MAX_TITLE_CHARS};
use crate::schema;

/// Raw readings are kept at least this long, whatever `keep_days` asks.
pub const MIN_KEEP_DAYS: u32 = 365;
/// How long a statement waits for a lock another connection holds before it says "locked".
const BUSY_TIMEOUT: Duration = Duration::from_secs(2);
/// The `meta` key set once the old alert log has been imported.
const ALERT_LOG_IMPORTED: &str = "alert_log_imported";

/// Something to store: the writer thread takes these in batches.
#[derive(Debug, Clone, PartialEq)]
pub enum Record {
    /// A reading; `demo` when it came from the demo device.
    Reading {
        reading: Reading,
        demo: bool,
    },
    Event(Event),
}

/// What one [`Store::write`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Written {
    pub readings: usize,
    pub events: usize,
    /// Readings at a time already stored (the first one is kept).
    pub duplicates: usize,
    /// Records SQLite refused on their own (the rest of the batch is written).
    pub rejected: usize,
}

/// What [`Store::prune`] removed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Pruned {
    pub readings: usize,
    pub events: usize,
}

/// A one-off message for the owner, e.g. that a damaged history file was set aside.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub message: String,
    /// Where the damaged file now is.
    pub set_aside: Option<PathBuf>,
}

/// A connection to the history file. Not `Sync`: one thread uses it at a time (the writer
/// thread owns the writing one; open a read-only one per query thread).
pub struct Store {
    pub(crate) conn: Connection,
    path: Option<PathBuf>,
    read_only: bool,
    /// State name → id in `states`, as committed.
    states: HashMap<String, i64>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("path", &self.path)
            .field("read_only", &self.read_only)
            .finish()
    }
}

fn io_unavailable(e: &std::io::Error) -> Error {
    use std::io::ErrorKind as K;
    Error::Unavailable(match e.kind() {
        K::PermissionDenied => Unavailable::PermissionDenied,
        K::ReadOnlyFilesystem => Unavailable::ReadOnly,
        K::StorageFull => Unavailable::DiskFull,
        K::NotADirectory => Unavailable::CannotOpen,
        _ => Unavailable::Io(e.to_string()),
    })
}

/// A FIFO or device in the file's place would block or mislead SQLite: refuse it before
/// opening. A missing file is fine (it is created).
fn check_regular(path: &Path) -> Result<()> {
    match std::fs::metadata(path) {
        Ok(m) if !m.is_file() => Err(Error::Unavailable(Unavailable::NotAFile)),
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(io_unavailable(&e)),
    }
}

fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

/// Moves the file (and its WAL, which belongs to it) to a name of its own next to it,
/// never over an existing file; the shared-memory index is only a cache and is removed.
fn set_aside(path: &Path, now: DateTime<Utc>) -> Result<PathBuf> {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "history".into());
    let ext = path
        .extension()
        .map(|e| format!(".{}", e.to_string_lossy()))
        .unwrap_or_default();
    let stamp = now.format("%Y%m%dT%H%M%SZ");
    let dir = path.parent().unwrap_or(Path::new("."));
    for n in 0..1000 {
        let extra = if n == 0 {
            String::new()
        } else {
            format!("-{n}")
        };
        let aside = dir.join(format!("{stem}.damaged-{stamp}{extra}{ext}"));
        // Reserve the name: create_new fails if anything has it, so nothing is overwritten.
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&aside)
        {
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(Error::Io(e)),
        }
        let aside_wal = sidecar(&aside, "-wal");
        if aside_wal.exists() {
            let _ = std::fs::remove_file(&aside);
            continue;
        }
        if let Err(e) = std::fs::rename(path, &aside) {
            let _ = std::fs::remove_file(&aside);
            return Err(Error::Io(e));
        }
        let wal = sidecar(path, "-wal");
        if wal.exists() {
            std::fs::rename(&wal, &aside_wal)?;
        }
        let _ = std::fs::remove_file(sidecar(path, "-shm"));
        return Ok(aside);
    }
    Err(Error::Io(std::io::Error::other(
        "no free name to set the damaged history aside",
    )))
}

impl Store {
    /// Opens (or creates) the history file for writing: WAL journal, `synchronous=NORMAL`,
    /// the schema migrated to this version. A damaged file (not a database, or failing
    /// SQLite's quick check) is moved aside byte for byte to
    /// `<name>.damaged-<UTC time>[-n].<ext>` (its `-wal` with it), a new file is started,
    /// and the [`Notice`] says so.
    ///
    /// Errors: [`Error::Unavailable`] (cannot be written now: retry later),
    /// [`Error::TooNew`] (left untouched), or another error.
    pub fn open(path: &Path) -> Result<(Store, Option<Notice>)> {
        match Store::open_rw(path) {
            Err(Error::Corrupt) => {
                let aside = set_aside(path, Utc::now())?;
                tracing::warn!(aside = %aside.display(), "damaged history file set aside");
                let store = Store::open_rw(path)?;
                let notice = Notice {
                    message: format!(
                        "The history file was damaged. It was kept as {} and a new history was started.",
                        aside.display()
                    ),
                    set_aside: Some(aside),
                };
                Ok((store, Some(notice)))
            }
            other => other.map(|s| (s, None)),
        }
    }

    fn open_rw(path: &Path) -> Result<Store> {
        check_regular(path)?;
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| io_unavailable(&e))?;
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let mut conn = Connection::open_with_flags(path, flags)?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        // Before anything is changed: a newer file is left exactly as it is.
        let found = schema::version(&conn)?;
        if found > schema::VERSION {
            return Err(Error::TooNew {
                found,
                known: schema::VERSION,
            });
        }
        let mode: String = conn.query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            tracing::warn!(%mode, "history: WAL journal not available");
        }
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        schema::migrate(&mut conn)?;
        let check: String = conn.query_row("PRAGMA quick_check(1)", [], |r| r.get(0))?;
        if check != "ok" {
            tracing::warn!(%check, "history file fails its quick check");
            return Err(Error::Corrupt);
        }
        Ok(Store {
            conn,
            path: Some(path.to_owned()),
            read_only: false,
            states: HashMap::new(),
        })
    }

    /// Opens the history read-only (the CLI; queries beside the app's writer). Never
    /// changes the file. [`Error::NotFound`] when there is none, [`Error::Outdated`] when
    /// only the app can bring it up to date, [`Error::TooNew`], [`Error::Corrupt`].
    pub fn open_read_only(path: &Path) -> Result<Store> {
        match std::fs::metadata(path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(Error::NotFound(path.to_owned()))
            }
            Err(e) => return Err(io_unavailable(&e)),
            Ok(m) if !m.is_file() => return Err(Error::Unavailable(Unavailable::NotAFile)),
            Ok(_) => {}
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags)?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        // Reads straight from the page cache: a year's scan costs no read() per page.
        let _: i64 = conn.query_row("PRAGMA mmap_size=268435456", [], |r| r.get(0))?;
        let found = schema::version(&conn)?;
        if found > schema::VERSION {
            return Err(Error::TooNew {
                found,
                known: schema::VERSION,
            });
        }
        if found < schema::VERSION {
            return Err(Error::Outdated {
                found,
                known: schema::VERSION,
            });
        }
        Ok(Store {
            conn,
            path: Some(path.to_owned()),
            read_only: true,
            states: HashMap::new(),
        })
    }

    /// A history in memory only (tests, or when history is off but a view is wanted).
    pub fn open_in_memory() -> Result<Store> {
        let mut conn = Connection::open_in_memory()?;
        schema::migrate(&mut conn)?;
        Ok(Store {
            conn,
            path: None,
            read_only: false,
            states: HashMap::new(),
        })
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    pub fn schema_version(&self) -> Result<u32> {
        schema::version(&self.conn)
    }

    /// Closes this damaged store, sets its file aside and starts a new one (the writer's
    /// answer to a file found damaged while writing).
    pub(crate) fn restart_damaged(self) -> Result<(Store, Notice)> {
        let path = self.path.clone().ok_or(Error::Corrupt).and_then(|p| {
            if self.read_only {
                Err(Error::Corrupt)
            } else {
                Ok(p)
            }
        })?;
        drop(self);
        let aside = set_aside(&path, Utc::now())?;
        let store = Store::open_rw(&path)?;
        Ok((
            store,
            Notice {
                message: format!(
                    "The history file was damaged. It was kept as {} and a new history was started.",
                    aside.display()
                ),
                set_aside: Some(aside),
            },
        ))
    }

    /// Writes the records in one transaction. A record SQLite refuses on its own is
    /// skipped and counted (the others are written); a failure of the file (full,
    /// read-only, locked, damaged) writes nothing and returns the error, so the caller can
    /// keep the records and try again.
    pub fn write(&mut self, records: &[Record]) -> Result<Written> {
        let mut new_states = HashMap::new();
        let tx = self.conn.transaction()?;
        let mut w = Written::default();
        for rec in records {
            let outcome = match rec {
                Record::Reading { reading, demo } => {
                    insert_reading(&tx, &self.states, &mut new_states, reading, *demo).map(
                        |inserted| {
                            if inserted {
                                w.readings += 1
                            } else {
                                w.duplicates += 1
                            }
                        },
                    )
                }
                Record::Event(e) => insert_event(&tx, e).map(|()| w.events += 1),
            };
            match outcome {
                Ok(()) => {}
                Err(e @ (Error::Sqlite(_) | Error::Invalid { .. })) => {
                    tracing::warn!(error = %e, "history record refused");
                    w.rejected += 1;
                }
                Err(e) => return Err(e),
            }
        }
        tx.commit()?;
        self.states.extend(new_states);
        Ok(w)
    }

    /// Stores one reading; `false` when a reading at that time is already stored.
    pub fn insert_reading(&mut self, reading: &Reading, demo: bool) -> Result<bool> {
        let w = self.write(&[Record::Reading {
            reading: reading.clone(),
            demo,
        }])?;
        Ok(w.readings == 1)
    }

    pub fn insert_event(&mut self, event: &Event) -> Result<()> {
        self.write(&[Record::Event(event.clone())])?;
        Ok(())
    }

    /// Removes readings and events older than `keep_days` before `now`; `None` keeps
    /// everything. Whatever is asked, [`MIN_KEEP_DAYS`] are kept.
    pub fn prune(&mut self, keep_days: Option<u32>, now: DateTime<Utc>) -> Result<Pruned> {
        let Some(days) = keep_days else {
            return Ok(Pruned::default());
        };
        let days = days.max(MIN_KEEP_DAYS);
        let cutoff = (now - chrono::Duration::days(i64::from(days))).timestamp_millis();
        let tx = self.conn.transaction()?;
        let readings = tx.execute("DELETE FROM readings WHERE t < ?1", [cutoff])?;
        let events = tx.execute("DELETE FROM events WHERE t < ?1", [cutoff])?;
        tx.commit()?;
        Ok(Pruned { readings, events })
    }

    /// Whether any reading of a real (not demo) device is stored.
    pub fn has_real_data(&self) -> Result<bool> {
        Ok(self.conn.query_row(
            "SELECT EXISTS(SELECT 1 FROM readings WHERE demo = 0)",
            [],
            |r| r.get(0),
        )?)
    }

    /// Whether any demo reading is stored.
    pub fn has_demo_data(&self) -> Result<bool> {
        Ok(self.conn.query_row(
            "SELECT EXISTS(SELECT 1 FROM readings WHERE demo = 1)",
            [],
            |r| r.get(0),
        )?)
    }

    /// Removes every demo reading and event (e.g. once a real device is set up).
    pub fn delete_demo(&mut self) -> Result<Pruned> {
        let tx = self.conn.transaction()?;
        let readings = tx.execute("DELETE FROM readings WHERE demo = 1", [])?;
        let events = tx.execute("DELETE FROM events WHERE demo = 1", [])?;
        tx.commit()?;
        Ok(Pruned { readings, events })
    }

    /// Imports the old alert log (`alerts.jsonl`) as `alert` events, once: the import and
    /// its mark are one transaction, and a later call imports nothing and returns `None`.
    /// Returns how many entries were imported.
    pub fn import_alert_log<I>(&mut self, entries: I) -> Result<Option<usize>>
    where
        I: IntoIterator,
        I::Item: Into<LegacyAlert>,
    {
        let tx = self.conn.transaction()?;
        let done: Option<String> = tx
            .query_row(
                "SELECT value FROM meta WHERE key = ?1",
                [ALERT_LOG_IMPORTED],
                |r| r.get(0),
            )
            .optional()?;
        if done.is_some() {
            return Ok(None);
        }
        let mut n = 0;
        for entry in entries {
            insert_event(&tx, &entry.into().into_event())?;
            n += 1;
        }
        tx.execute(
            "INSERT INTO meta (key, value) VALUES (?1, ?2)",
            params![ALERT_LOG_IMPORTED, format!("{n} entries")],
        )?;
        tx.commit()?;
        Ok(Some(n))
    }

    /// The number of readings stored (all of them, demo included).
    pub fn reading_count(&self) -> Result<u64> {
        let n: i64 = self
            .conn
            .query_row("SELECT count(*) FROM readings", [], |r| r.get(0))?;
        Ok(n.max(0) as u64)
    }

    /// Checkpoints the WAL into the main file (the writer does it when it stops).
    pub fn checkpoint(&self) -> Result<()> {
        self.conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(())
    }
}

fn state_id(
    tx: &Transaction<'_>,
    known: &HashMap<String, i64>,
    new: &mut HashMap<String, i64>,
    name: &str,
) -> Result<i64> {
    if let Some(id) = known.get(name).or_else(|| new.get(name)) {
        return Ok(*id);
    }
    tx.execute("INSERT OR IGNORE INTO states (name) VALUES (?1)", [name])?;
    let id: i64 = tx.query_row("SELECT id FROM states WHERE name = ?1", [name], |r| {
        r.get(0)
    })?;
    new.insert(name.to_owned(), id);
    Ok(id)
}

fn insert_reading(
    tx: &Transaction<'_>,
    known: &HashMap<String, i64>,
    new: &mut HashMap<String, i64>,
    r: &Reading,
    demo: bool,
) -> Result<bool> {
    let (v, mask) = codec::encode(r);
    // The library cleans device text already; a Reading made elsewhere gets the same.
    let state = match r.state.as_deref().and_then(nestore::reading::clean_text) {
        Some(name) => Some(state_id(tx, known, new, &name)?),
        None => None,
    };
    let mut stmt = tx.prepare_cached(
        "INSERT OR IGNORE INTO readings (t, soc, soc_total, stored_wh, flow, pressure, heater_w,
             outlet, z1, z2, z3, z4, z5, dhw_wh, heater_wh, volume_dl, state, dependent_mode,
             online_mode, implausible, demo)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
             ?18, ?19, ?20, ?21)",
    )?;
    let n = stmt.execute(params![
        r.read_at.timestamp_millis(),
        v[0],
        v[1],
        v[2],
        v[3],
        v[4],
        v[5],
        v[6],
        v[7],
        v[8],
        v[9],
        v[10],
        v[11],
        v[12],
        v[13],
        v[14],
        state,
        r.dependent_mode,
        r.online_mode,
        mask,
        demo,
    ])?;
    Ok(n == 1)
}

pub(crate) fn insert_event(tx: &Transaction<'_>, e: &Event) -> Result<()> {
    let detail = e.detail.as_ref().map(|d| {
        let s = d.to_string();
        if s.len() > MAX_DETAIL_BYTES {
            r#"{"truncated":true}"#.to_owned()
        } else {
            s
        }
    });
    let mut stmt = tx.prepare_cached(
        "INSERT INTO events (t, kind, severity, title, body, detail, demo)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    stmt.execute(params![
        e.at.timestamp_millis(),
        e.kind.as_str(),
        e.severity.as_str(),
        cut(&e.title, MAX_TITLE_CHARS),
        cut(&e.body, MAX_BODY_CHARS),
        detail,
        e.demo,
    ])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Unavailable;

    #[test]
    fn a_full_disk_is_told_as_such_and_the_batch_is_kept_whole() {
        let mut s = Store::open_in_memory().unwrap();
        let pages: i64 = s
            .conn
            .query_row("PRAGMA page_count", [], |r| r.get(0))
            .unwrap();
        s.conn
            .pragma_update(None, "max_page_count", pages + 2)
            .unwrap();
        let mut e = Event::new(
            DateTime::from_timestamp(1_700_000_000, 0).unwrap(),
            crate::EventKind::Alert,
            crate::Severity::Alarm,
            "t",
            "",
        );
        let mut records = Vec::new();
        for i in 0..2000 {
            e.at = DateTime::from_timestamp(1_700_000_000 + i, 0).unwrap();
            e.body = "x".repeat(500);
            records.push(Record::Event(e.clone()));
        }
        let err = s.write(&records).unwrap_err();
        assert!(
            matches!(err, Error::Unavailable(Unavailable::DiskFull)),
            "{err:?}"
        );
        assert_eq!(err.to_string(), "the disk is full");
        // Nothing of the batch is half-written: the writer keeps it all for later.
        let n: i64 = s
            .conn
            .query_row("SELECT count(*) FROM events", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 0);
    }
}
