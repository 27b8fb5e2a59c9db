//! `kill -9` at any moment: the test binary runs itself again as a writer (the `child`
//! test, which does nothing unless the environment names a history file), kills it with
//! SIGKILL at varying points, then reopens the file and counts.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::time::Duration;

use common::{at, simple, DAY0};
use nestore_history::*;

const CHILD_PATH: &str = "NESTORE_HISTORY_CRASH_CHILD";
const CHILD_MODE: &str = "NESTORE_HISTORY_CRASH_MODE";

/// The child: writes readings 0, 1, 2, ... five minutes apart until killed, printing
/// `sent i` once reading i is queued. In `paced` mode it waits for each reading to be
/// written before sending the next (the app's pace: one reading per poll); in `burst`
/// mode it sends as fast as it can.
#[test]
fn child() {
    let Ok(path) = std::env::var(CHILD_PATH) else {
        return;
    };
    let paced = std::env::var(CHILD_MODE).as_deref() == Ok("paced");
    let w = Writer::spawn(path.into(), WriterOptions::default()).unwrap();
    let mut out = std::io::stdout().lock();
    for i in 0i64.. {
        while w.send_reading(&simple(DAY0 + 300 * i, (i % 100) as f64), false)
            == SendOutcome::Dropped
        {
            assert!(w.flush(Duration::from_secs(30)));
        }
        writeln!(out, "sent {i}").unwrap();
        out.flush().unwrap();
        if paced {
            assert!(w.flush(Duration::from_secs(30)));
        }
    }
}

/// Runs the child until it has sent `until`, kills it, returns the last `sent` seen.
fn run_and_kill(path: &std::path::Path, mode: &str, until: i64) -> i64 {
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args(["child", "--exact", "--nocapture", "--test-threads=1"])
        .env(CHILD_PATH, path)
        .env(CHILD_MODE, mode)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut last = -1;
    for line in lines {
        let line = line.unwrap();
        if let Some(n) = line.strip_prefix("sent ") {
            last = n.parse().unwrap();
            if last >= until {
                break;
            }
        }
    }
    child.kill().unwrap(); // SIGKILL on Unix
    child.wait().unwrap();
    assert!(last >= until, "the child stopped early at {last}");
    last
}

fn reopen_and_check(path: &std::path::Path) -> u64 {
    let (store, notice) = Store::open(path).unwrap();
    assert!(notice.is_none(), "not damaged: {notice:?}");
    let n = store.reading_count().unwrap();
    // What is there is the first n readings, in order: no hole, nothing half-written.
    let rows = store
        .readings_vec(at(DAY0 - 1), at(DAY0 + 300 * (n as i64 + 10)))
        .unwrap();
    assert_eq!(rows.len() as u64, n);
    for (i, r) in rows.iter().enumerate() {
        assert_eq!(r.read_at, at(DAY0 + 300 * i as i64));
        assert_eq!(r.soc_pct, Some((i % 100) as f64));
    }
    n
}

#[test]
fn kill_9_at_the_apps_pace_loses_at_most_the_last_reading() {
    for (round, until) in [3i64, 17, 40, 71].into_iter().enumerate() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        let last = run_and_kill(&path, "paced", until);
        let n = reopen_and_check(&path) as i64;
        // Readings 0..last-1 were written before reading `last` was sent.
        assert!(
            n >= last,
            "round {round}: {n} stored, {last} sent before the last"
        );
    }
}

#[test]
fn kill_9_in_a_burst_leaves_a_sound_file_with_whole_batches() {
    for until in [500i64, 3000] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        run_and_kill(&path, "burst", until);
        let n = reopen_and_check(&path);
        // Writing goes on after a reopen.
        let (mut s, _) = Store::open(&path).unwrap();
        s.insert_reading(&simple(DAY0 + 300 * (n as i64), 0.0), false)
            .unwrap();
        assert_eq!(s.reading_count().unwrap(), n + 1);
    }
}
