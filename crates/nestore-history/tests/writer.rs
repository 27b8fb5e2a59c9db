//! The writer thread: batching, health while the file cannot be written, retries, a full
//! queue, a damaged file.

mod common;

use std::time::{Duration, Instant};

use common::{at, simple, DAY0};
use nestore_history::*;

const LONG: Duration = Duration::from_secs(30);

fn fast_retry() -> WriterOptions {
    WriterOptions {
        retry_after: Duration::from_millis(10),
        max_retry_after: Duration::from_millis(50),
        ..WriterOptions::default()
    }
}

fn count(path: &std::path::Path) -> u64 {
    Store::open_read_only(path)
        .unwrap()
        .reading_count()
        .unwrap()
}

#[test]
fn records_are_written_and_health_is_ok() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sub").join(FILE_NAME);
    let w = Writer::spawn(path.clone(), WriterOptions::default()).unwrap();
    assert_eq!(w.health(), Health::Starting);
    for i in 0..10 {
        assert_eq!(
            w.send_reading(&simple(DAY0 + 300 * i, 50.0), false),
            SendOutcome::Queued
        );
    }
    w.send_event(Event::new(
        at(DAY0),
        EventKind::Online,
        Severity::Info,
        "Online",
        "",
    ));
    // A second reading at a stored time is counted, not written.
    w.send_reading(&simple(DAY0, 1.0), false);
    assert!(w.flush(LONG));
    let st = w.status();
    assert_eq!(st.health, Health::Ok);
    assert_eq!((st.written, st.rejected, st.dropped), (11, 1, 0));
    assert_eq!(count(&path), 10);
    assert!(w.close(LONG));
    assert_eq!(
        w.send_reading(&simple(DAY0 + 99_999, 50.0), false),
        SendOutcome::Closed
    );
}

#[test]
fn a_folder_that_cannot_be_made_fails_then_recovers_without_loss() {
    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("config");
    std::fs::write(&blocker, b"a file where the folder should be").unwrap();
    let path = blocker.join(FILE_NAME);
    let w = Writer::spawn(path.clone(), fast_retry()).unwrap();
    for i in 0..3 {
        w.send_reading(&simple(DAY0 + 300 * i, 50.0), false);
    }
    assert!(w.wait_for(LONG, |s| matches!(
        s.health,
        Health::Failing { pending: 3, .. }
    )));
    let msg = w.health().message().unwrap();
    assert!(msg.starts_with("History cannot be saved: "), "{msg}");
    assert!(!w.flush(Duration::from_millis(50)), "nothing written yet");
    // The owner fixes it; the writer's next retry writes everything kept. (The writer makes
    // the folder itself once the file is gone, so it may already be there.)
    std::fs::remove_file(&blocker).unwrap();
    std::fs::create_dir_all(&blocker).unwrap();
    assert!(w.flush(LONG));
    assert_eq!(w.health(), Health::Ok);
    assert_eq!(count(&path), 3);
}

#[test]
fn a_locked_file_fails_sends_never_block_and_a_full_queue_drops_and_counts() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(FILE_NAME);
    drop(Store::open(&path).unwrap());
    let other = rusqlite::Connection::open(&path).unwrap();
    other
        .execute_batch("BEGIN EXCLUSIVE; DELETE FROM meta;")
        .unwrap();

    let opts = WriterOptions {
        capacity: 4,
        max_pending: 8,
        ..fast_retry()
    };
    let w = Writer::spawn(path.clone(), opts).unwrap();
    w.send_reading(&simple(DAY0, 50.0), false);
    assert!(w.wait_for(LONG, |s| s.health.is_failing()));
    assert_eq!(
        w.health().message().unwrap(),
        "History cannot be saved: another program holds the file locked"
    );
    // Each write attempt waits on the lock for seconds; sending does not.
    let t0 = Instant::now();
    let mut dropped_at_send = 0;
    for i in 1..1000 {
        if w.send_reading(&simple(DAY0 + 300 * i, 50.0), false) == SendOutcome::Dropped {
            dropped_at_send += 1;
        }
    }
    assert!(t0.elapsed() < Duration::from_secs(1), "{:?}", t0.elapsed());
    assert!(dropped_at_send > 0);

    other.execute_batch("ROLLBACK").unwrap();
    drop(other);
    assert!(w.flush(LONG));
    let st = w.status();
    assert_eq!(st.health, Health::Ok);
    assert!(st.dropped >= dropped_at_send);
    assert_eq!(st.written + st.dropped, 1000, "{st:?}");
    assert_eq!(count(&path), st.written);
}

#[test]
fn a_damaged_file_is_set_aside_and_the_writer_carries_on() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(FILE_NAME);
    std::fs::write(&path, vec![0x42u8; 5000]).unwrap();
    let w = Writer::spawn(path.clone(), WriterOptions::default()).unwrap();
    w.send_reading(&simple(DAY0, 50.0), false);
    assert!(w.flush(LONG));
    let notices = w.take_notices();
    assert_eq!(notices.len(), 1);
    let aside = notices[0].set_aside.clone().unwrap();
    assert_eq!(std::fs::read(aside).unwrap(), vec![0x42u8; 5000]);
    assert!(w.take_notices().is_empty(), "told once");
    assert_eq!(count(&path), 1);
}

#[test]
fn prune_runs_on_the_writer_thread_after_the_queued_records() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(FILE_NAME);
    let w = Writer::spawn(path.clone(), WriterOptions::default()).unwrap();
    w.send_reading(&simple(DAY0 - 400 * 86_400, 50.0), false);
    w.send_reading(&simple(DAY0, 50.0), false);
    w.prune(Some(1), at(DAY0));
    // The prune is handled with the records; one more record marks that it is done.
    w.send_reading(&simple(DAY0 + 300, 50.0), false);
    assert!(w.flush(LONG));
    assert!(w.close(LONG));
    assert_eq!(count(&path), 2);
}

#[test]
fn closing_writes_what_is_queued() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(FILE_NAME);
    let w = Writer::spawn(path.clone(), WriterOptions::default()).unwrap();
    for i in 0..50 {
        w.send_reading(&simple(DAY0 + 300 * i, 50.0), false);
    }
    assert!(w.close(LONG));
    assert_eq!(count(&path), 50);
}
