//! The history file on disk: damaged files set aside, read-only opening beside a writer,
//! files that cannot be used.

mod common;

use std::path::Path;

use common::{at, simple, DAY0};
use nestore_history::*;

fn garbage(len: usize) -> Vec<u8> {
    (0..len).map(|i| (i * 7 + 3) as u8).collect()
}

fn listing(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn a_damaged_file_is_set_aside_byte_for_byte_never_over_another() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(FILE_NAME);
    let mut asides = Vec::new();
    for round in 0..3 {
        let bytes = garbage(10_000 + round);
        std::fs::write(&path, &bytes).unwrap();
        let (mut store, notice) = Store::open(&path).unwrap();
        let notice = notice.expect("a notice");
        let aside = notice.set_aside.clone().unwrap();
        assert!(notice.message.contains("damaged"), "{}", notice.message);
        assert!(
            std::fs::read(&aside).unwrap() == bytes,
            "kept byte for byte"
        );
        assert!(!asides.contains(&aside), "a name of its own");
        asides.push(aside);
        // The new history works.
        store.insert_reading(&simple(DAY0, 50.0), false).unwrap();
        assert_eq!(store.reading_count().unwrap(), 1);
    }
    // Every damaged file is still there.
    for (round, a) in asides.iter().enumerate() {
        assert_eq!(std::fs::read(a).unwrap().len(), 10_000 + round);
    }
    let names = listing(dir.path());
    assert_eq!(
        names.iter().filter(|n| n.contains(".damaged-")).count(),
        3,
        "{names:?}"
    );
}

#[test]
fn a_file_damaged_inside_is_found_by_the_quick_check() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(FILE_NAME);
    {
        let (mut s, _) = Store::open(&path).unwrap();
        s.seed_demo(&SeedOptions::new(at(DAY0), 3)).unwrap();
        s.checkpoint().unwrap();
    }
    // Overwrite a page in the middle of the file (the header stays valid).
    let mut bytes = std::fs::read(&path).unwrap();
    let mid = bytes.len() / 2 / 4096 * 4096;
    for b in &mut bytes[mid..mid + 4096] {
        *b = 0xA5;
    }
    std::fs::write(&path, &bytes).unwrap();
    let (store, notice) = Store::open(&path).unwrap();
    assert!(notice.is_some(), "the damage is noticed");
    assert_eq!(store.reading_count().unwrap(), 0, "a new history");
}

#[test]
fn read_only_opening_sees_the_writers_data_and_never_writes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(FILE_NAME);
    assert!(matches!(
        Store::open_read_only(&path),
        Err(Error::NotFound(_))
    ));
    let (mut w, _) = Store::open(&path).unwrap();
    w.insert_reading(&simple(DAY0, 50.0), false).unwrap();
    let mut r = Store::open_read_only(&path).unwrap();
    assert!(r.is_read_only());
    assert_eq!(r.reading_count().unwrap(), 1);
    // The writer goes on; the reader sees it at its next query.
    w.insert_reading(&simple(DAY0 + 300, 51.0), false).unwrap();
    assert_eq!(r.reading_count().unwrap(), 2);
    let e = r
        .insert_reading(&simple(DAY0 + 600, 52.0), false)
        .unwrap_err();
    assert!(e.is_retryable() || matches!(e, Error::Sqlite(_)), "{e:?}");
    assert_eq!(w.reading_count().unwrap(), 2);
    // A query while a write transaction is open does not wait for it (WAL).
    let other = rusqlite::Connection::open(&path).unwrap();
    other
        .execute_batch("BEGIN EXCLUSIVE; DELETE FROM readings;")
        .unwrap();
    let t0 = std::time::Instant::now();
    assert_eq!(r.reading_count().unwrap(), 2);
    assert!(t0.elapsed() < std::time::Duration::from_secs(1));
    other.execute_batch("ROLLBACK").unwrap();
}

#[test]
fn a_folder_or_fifo_in_the_files_place_is_refused_not_opened() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(FILE_NAME);
    std::fs::create_dir(&path).unwrap();
    let e = Store::open(&path).unwrap_err();
    assert!(
        matches!(e, Error::Unavailable(Unavailable::NotAFile)),
        "{e:?}"
    );
    assert!(path.is_dir(), "left as it was");
    let e = Store::open_read_only(&path).unwrap_err();
    assert!(
        matches!(e, Error::Unavailable(Unavailable::NotAFile)),
        "{e:?}"
    );
}

#[test]
fn a_folder_that_cannot_exist_is_unavailable() {
    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("not-a-folder");
    std::fs::write(&blocker, b"x").unwrap();
    let e = Store::open(&blocker.join(FILE_NAME)).unwrap_err();
    assert!(e.is_retryable(), "{e:?}");
    assert!(!e.to_string().is_empty());
}
