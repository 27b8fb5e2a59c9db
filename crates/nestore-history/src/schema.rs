//! The schema and its forward migrations. `PRAGMA user_version` is the number of steps of
//! [`MIGRATIONS`] applied; each step runs in its own transaction together with the new
//! version number, so a crash leaves the file at one version or the next, never between.
//!
//! Values are scaled integers (see `codec.rs`): SQLite stores small integers in 1 to 4
//! bytes, 0 and 1 in none, so a reading takes about 60 bytes.
//!
//! A new version appends a step here, never edits an old one, and adds its case to the
//! migration tests (`tests` below: a database made at each older version is migrated with
//! its data kept).

use rusqlite::Connection;

use crate::error::{Error, Result};

/// The SQL of each step: `MIGRATIONS[i]` takes a database from version `i` to `i + 1`.
pub const MIGRATIONS: &[&str] = &[
    // 1: readings, their state names, and a key-value table for the store's own notes.
    "CREATE TABLE states (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
     CREATE TABLE readings (
         t INTEGER PRIMARY KEY,   -- read_at, ms since 1970 UTC
         soc INTEGER,             -- soc_pct, 1/100 %
         soc_total INTEGER,       -- soc_total_pct, 1/100 %
         stored_wh INTEGER,       -- stored_energy_kwh, Wh
         flow INTEGER,            -- hot_water_flow_lpm, 1/100 L/min
         pressure INTEGER,        -- pressure_bar, mbar
         heater_w INTEGER,        -- heater_power_w, W
         outlet INTEGER,          -- heater_outlet_c, 1/100 °C
         z1 INTEGER, z2 INTEGER, z3 INTEGER, z4 INTEGER, z5 INTEGER,  -- zone temps, 1/100 °C
         dhw_wh INTEGER,          -- dhw_energy_total_kwh, Wh
         heater_wh INTEGER,       -- heater_energy_total_kwh, Wh
         volume_dl INTEGER,       -- water_volume_total_l, 1/10 L
         state INTEGER REFERENCES states(id),
         dependent_mode INTEGER,  -- NULL, 0 or 1
         online_mode INTEGER,
         implausible INTEGER NOT NULL DEFAULT 0,  -- bit i: field i (codec.rs) was implausible
         demo INTEGER NOT NULL DEFAULT 0
     ) WITHOUT ROWID;
     CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;",
    // 2: events (alerts, commands, connection changes).
    "CREATE TABLE events (
         id INTEGER PRIMARY KEY,
         t INTEGER NOT NULL,      -- ms since 1970 UTC
         kind TEXT NOT NULL,      -- alert | command | offline | online | poll_failed
         severity TEXT NOT NULL,  -- info | warning | alarm
         title TEXT NOT NULL,
         body TEXT NOT NULL,
         detail TEXT,             -- JSON
         demo INTEGER NOT NULL DEFAULT 0
     );
     CREATE INDEX events_t ON events(t);",
];

/// The version this build writes.
pub const VERSION: u32 = MIGRATIONS.len() as u32;

pub(crate) fn version(conn: &Connection) -> Result<u32> {
    let v: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    u32::try_from(v).map_err(|_| Error::Corrupt)
}

/// Brings the database up to [`VERSION`], step by step. A newer file is left alone.
pub(crate) fn migrate(conn: &mut Connection) -> Result<()> {
    migrate_to(conn, VERSION)
}

pub(crate) fn migrate_to(conn: &mut Connection, target: u32) -> Result<()> {
    let found = version(conn)?;
    if found > VERSION {
        return Err(Error::TooNew {
            found,
            known: VERSION,
        });
    }
    for v in found..target {
        let tx = conn.transaction()?;
        tx.execute_batch(MIGRATIONS[v as usize])?;
        tx.pragma_update(None, "user_version", v + 1)?;
        tx.commit()?;
        tracing::info!(from = v, to = v + 1, "history schema migrated");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Store, StoredReading};
    use chrono::{DateTime, Utc};

    fn at(ms: i64) -> DateTime<Utc> {
        DateTime::from_timestamp_millis(ms).unwrap()
    }

    /// Makes a file at `version` with some data written the way that version wrote it.
    fn file_at(dir: &std::path::Path, version: u32) -> std::path::PathBuf {
        let path = dir.join(format!("v{version}.sqlite3"));
        let mut conn = Connection::open(&path).unwrap();
        migrate_to(&mut conn, version).unwrap();
        if version >= 1 {
            conn.execute_batch(
                "INSERT INTO states (id, name) VALUES (1, 'Standby');
                 INSERT INTO readings (t, soc, pressure, z1, dhw_wh, state, online_mode, implausible, demo)
                     VALUES (1700000000000, 6340, 2410, 7820, 1234567, 1, 1, 16, 0);
                 INSERT INTO meta (key, value) VALUES ('note', 'kept');",
            )
            .unwrap();
        }
        if version >= 2 {
            conn.execute(
                "INSERT INTO events (t, kind, severity, title, body, detail) VALUES (1700000000000, 'alert', 'warning', 'High pressure', 'body', '{\"a\":1}')",
                [],
            )
            .unwrap();
        }
        path
    }

    #[test]
    fn every_older_version_opens_migrated_with_its_data() {
        let dir = tempfile::tempdir().unwrap();
        for v in 0..VERSION {
            let path = file_at(dir.path(), v);
            let (store, notice) = Store::open(&path).unwrap();
            assert!(notice.is_none(), "v{v}: {notice:?}");
            assert_eq!(store.schema_version().unwrap(), VERSION, "v{v}");
            let rows: Vec<StoredReading> =
                store.readings_vec(at(0), at(4_102_444_800_000)).unwrap();
            if v >= 1 {
                assert_eq!(rows.len(), 1, "v{v}");
                let r = &rows[0];
                assert_eq!(r.read_at, at(1_700_000_000_000));
                assert_eq!(r.soc_pct, Some(63.4));
                assert_eq!(r.pressure_bar, None);
                assert_eq!(r.implausible, vec!["pressure_bar"]);
                assert_eq!(r.zone_temps_c[0], Some(78.2));
                assert_eq!(r.dhw_energy_total_kwh, Some(1234.567));
                assert_eq!(r.state.as_deref(), Some("Standby"));
                assert_eq!(r.online_mode, Some(true));
                assert_eq!(r.dependent_mode, None);
            } else {
                assert!(rows.is_empty());
            }
            let events = store.events(at(0), at(4_102_444_800_000), 10).unwrap();
            assert_eq!(events.len(), usize::from(v >= 2), "v{v}");
            // Writing works at the new version.
            drop(store);
            let (mut store, _) = Store::open(&path).unwrap();
            store
                .insert_event(&crate::Event::new(
                    at(1_700_000_100_000),
                    crate::EventKind::Online,
                    crate::Severity::Info,
                    "Online",
                    "",
                ))
                .unwrap();
            assert_eq!(
                store
                    .events(at(0), at(4_102_444_800_000), 10)
                    .unwrap()
                    .len(),
                usize::from(v >= 2) + 1
            );
        }
    }

    #[test]
    fn a_newer_file_is_refused_and_left_unchanged() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new.sqlite3");
        {
            let conn = Connection::open(&path).unwrap();
            conn.execute_batch("CREATE TABLE future (x); INSERT INTO future VALUES (1);")
                .unwrap();
            conn.pragma_update(None, "user_version", VERSION + 1)
                .unwrap();
        }
        let before = std::fs::read(&path).unwrap();
        let e = Store::open(&path).err().unwrap();
        assert!(
            matches!(e, Error::TooNew { found, known } if found == VERSION + 1 && known == VERSION),
            "{e:?}"
        );
        assert!(std::fs::read(&path).unwrap() == before, "the file changed");
        assert!(matches!(
            Store::open_read_only(&path).err().unwrap(),
            Error::TooNew { .. }
        ));
    }

    #[test]
    fn migrations_are_numbered_by_their_place() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn).unwrap();
        assert_eq!(version(&conn).unwrap(), VERSION);
        // Running again changes nothing.
        migrate(&mut conn).unwrap();
        assert_eq!(version(&conn).unwrap(), VERSION);
    }
}
