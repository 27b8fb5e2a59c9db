//! The alert log the window shows: every notice of the pressure watch with its readings,
//! newest last, kept as JSON lines in the config directory (bounded, so it never grows
//! without end).

use std::collections::VecDeque;
use std::fs::OpenOptions;
use std::io::Write;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::files::{self, ReadError};

pub const FILE_NAME: &str = "alerts.jsonl";
/// Entries kept, in memory and on disk.
pub const CAPACITY: usize = 500;
/// At most this much of the end of the file is read at start: an entry is a few hundred
/// bytes, so this holds many times [`CAPACITY`] entries, and a huge file costs no more.
pub const TAIL_BYTES: u64 = 4 << 20;

/// One logged notice, as the window shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub at: chrono::DateTime<chrono::Utc>,
    pub kind: String,
    pub severity: String,
    pub phase: String,
    pub title: String,
    pub body: String,
    pub pressure_bar: Option<f64>,
    pub soc_pct: Option<f64>,
    pub notified: bool,
    pub suppressed_by: Option<String>,
}

impl Entry {
    pub fn from_notice(n: &nestore_watch::Notice) -> Entry {
        let word = |v: serde_json::Value| v.as_str().unwrap_or_default().to_owned();
        Entry {
            at: n.at,
            kind: word(serde_json::to_value(n.kind).unwrap_or_default()),
            severity: word(serde_json::to_value(n.severity).unwrap_or_default()),
            phase: word(serde_json::to_value(n.phase).unwrap_or_default()),
            title: n.title.clone(),
            body: n.body.clone(),
            pressure_bar: n.pressure_bar,
            soc_pct: n.soc_pct,
            notified: n.notify,
            suppressed_by: n.suppressed_by.clone(),
        }
    }
}

pub struct AlertLog {
    path: Option<PathBuf>,
    entries: VecDeque<Entry>,
    /// Lines in the file; it is rewritten with the kept entries when it reaches twice
    /// the capacity, so appends stay cheap.
    file_lines: usize,
    /// The file needs rewriting before the next append: it was larger than what is read
    /// at start, or its last line was cut off (an append would glue onto it).
    rewrite_first: bool,
}

impl AlertLog {
    /// Loads the log from `dir` (None: in memory only). Only the end of the file is read
    /// ([`TAIL_BYTES`], whole lines), and unreadable lines are skipped one by one: a
    /// damaged or huge log must not keep the app from starting, nor cost its good entries.
    /// Something other than a regular file in the log's place is moved aside; a log that
    /// cannot be read is left alone and the log stays in memory for this run.
    pub fn open(dir: Option<PathBuf>) -> AlertLog {
        let mut log = AlertLog {
            path: dir.map(|d| d.join(FILE_NAME)),
            entries: VecDeque::new(),
            file_lines: 0,
            rewrite_first: false,
        };
        let Some(path) = log.path.clone() else {
            return log;
        };
        match files::read_tail(&path, TAIL_BYTES) {
            Ok(tail) => {
                let lines = tail.bytes.split(|&b| b == b'\n').filter(|l| !l.is_empty());
                // `from_slice` reads bytes: invalid UTF-8 spoils its own line only.
                for line in lines {
                    log.file_lines += 1;
                    log.entries
                        .extend(serde_json::from_slice::<Entry>(line).ok());
                }
                let cut_off = tail.bytes.last().is_some_and(|&b| b != b'\n');
                log.rewrite_first = tail.skipped > 0 || cut_off;
                if tail.skipped > 0 {
                    tracing::warn!(
                        "the alert log is large ({}): only its last {} are read",
                        files::size(tail.skipped + tail.bytes.len() as u64),
                        files::size(tail.bytes.len() as u64)
                    );
                }
            }
            Err(ReadError::NotFound) => {}
            Err(ReadError::NotRegular(kind)) => match files::set_aside(&path, "unusable", true) {
                Ok(aside) => tracing::warn!(
                    "the alert log is {kind}, not a file: moved to {}",
                    aside.display()
                ),
                Err(e) => {
                    tracing::warn!("the alert log is {kind}, not a file, and cannot be moved aside ({e}): it is kept in memory only");
                    log.path = None;
                }
            },
            Err(e) => {
                tracing::warn!("the alert log was not read because {e}: it is kept in memory only, the file is left as it is");
                log.path = None;
            }
        }
        while log.entries.len() > CAPACITY {
            log.entries.pop_front();
        }
        log
    }

    pub fn append(&mut self, e: Entry) {
        self.entries.push_back(e);
        if self.entries.len() > CAPACITY {
            self.entries.pop_front();
        }
        if self.rewrite_first || self.file_lines + 1 >= 2 * CAPACITY {
            if self.rewrite() {
                self.file_lines = self.entries.len();
                self.rewrite_first = false;
            }
        } else {
            self.append_line(self.entries.back().expect("just pushed"));
            self.file_lines += 1;
        }
    }

    /// The newest `n` entries, newest first.
    pub fn recent(&self, n: usize) -> Vec<Entry> {
        self.entries.iter().rev().take(n).cloned().collect()
    }

    fn append_line(&self, e: &Entry) {
        let Some(path) = &self.path else { return };
        let result = (|| -> std::io::Result<()> {
            if let Some(d) = path.parent() {
                std::fs::create_dir_all(d)?;
            }
            let mut f = files::open_regular(path, OpenOptions::new().create(true).append(true))
                .map_err(|e| match e {
                    ReadError::Io(e) => e,
                    other => std::io::Error::other(other.to_string()),
                })?;
            // One write, so a line is never split by another writer.
            f.write_all(format!("{}\n", serde_json::to_string(e)?).as_bytes())
        })();
        if let Err(err) = result {
            tracing::warn!("cannot write the alert log: {err}");
        }
    }

    /// Replaces the file with the kept entries (atomically: the old file stays whole
    /// until the new one is complete). False when it could not.
    fn rewrite(&self) -> bool {
        let Some(path) = &self.path else { return true };
        let text: String = self
            .entries
            .iter()
            .filter_map(|e| serde_json::to_string(e).ok())
            .map(|l| l + "\n")
            .collect();
        let result = (|| -> std::io::Result<()> {
            let dir = path.parent().unwrap_or(std::path::Path::new("."));
            std::fs::create_dir_all(dir)?;
            let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
            tmp.write_all(text.as_bytes())?;
            tmp.as_file().sync_all()?;
            tmp.persist(path).map_err(|e| e.error)?;
            Ok(())
        })();
        match result {
            Ok(()) => true,
            Err(err) => {
                tracing::warn!("cannot rewrite the alert log: {err}");
                false
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(i: usize) -> Entry {
        Entry {
            at: chrono::DateTime::from_timestamp(1_700_000_000 + i as i64, 0).unwrap(),
            kind: "low_pressure".into(),
            severity: "warning".into(),
            phase: "raised".into(),
            title: format!("t{i}"),
            body: "b".into(),
            pressure_bar: Some(1.8),
            soc_pct: Some(70.0),
            notified: true,
            suppressed_by: None,
        }
    }

    #[test]
    fn survives_a_restart_and_stays_bounded() {
        let dir = tempfile::tempdir().unwrap();
        let mut log = AlertLog::open(Some(dir.path().to_owned()));
        let n = 2 * CAPACITY + 7;
        for i in 0..n {
            log.append(entry(i));
        }
        assert_eq!(log.recent(1)[0].title, format!("t{}", n - 1));
        let lines = std::fs::read_to_string(dir.path().join(FILE_NAME))
            .unwrap()
            .lines()
            .count();
        assert!(
            lines < 2 * CAPACITY,
            "the file was rewritten: {lines} lines"
        );
        let again = AlertLog::open(Some(dir.path().to_owned()));
        assert_eq!(again.entries.len(), CAPACITY);
        let titles: Vec<_> = again.recent(2).into_iter().map(|e| e.title).collect();
        assert_eq!(titles, vec![format!("t{}", n - 1), format!("t{}", n - 2)]);
    }

    #[test]
    fn a_damaged_log_loses_only_its_damaged_lines() {
        let dir = tempfile::tempdir().unwrap();
        let good = serde_json::to_string(&entry(1)).unwrap();
        std::fs::write(
            dir.path().join(FILE_NAME),
            format!("{good}\n{{broken\n{good}\n"),
        )
        .unwrap();
        assert_eq!(
            AlertLog::open(Some(dir.path().to_owned())).recent(10).len(),
            2
        );
    }

    fn line(i: usize) -> String {
        serde_json::to_string(&entry(i)).unwrap() + "\n"
    }

    fn titles(log: &AlertLog) -> Vec<String> {
        log.entries.iter().map(|e| e.title.clone()).collect()
    }

    #[test]
    fn a_bad_byte_costs_only_its_own_line_and_a_rewrite_keeps_the_rest() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        // One line with a byte that is not UTF-8 among good ones, enough lines that the
        // next append rewrites the file.
        let mut bytes = line(0).replace("t0", "t\u{0}").into_bytes();
        let at = bytes.iter().position(|&b| b == 0).unwrap();
        bytes[at] = 0xff;
        let n = 2 * CAPACITY - 1;
        for i in 1..n {
            bytes.extend(line(i).as_bytes());
        }
        std::fs::write(&path, &bytes).unwrap();
        let mut log = AlertLog::open(Some(dir.path().to_owned()));
        let kept: Vec<String> = (n - CAPACITY..n).map(|i| format!("t{i}")).collect();
        assert_eq!(titles(&log), kept);
        log.append(entry(n));
        let again = AlertLog::open(Some(dir.path().to_owned()));
        assert_eq!(titles(&again), titles(&log));
        assert_eq!(again.recent(2)[1].title, format!("t{}", n - 1));
    }

    #[test]
    fn a_huge_log_is_read_from_its_end_and_cut_down_at_the_first_append() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        // 64 MiB of zero bytes (sparse: cheap to make), then the newest entries.
        let f = std::fs::File::create(&path).unwrap();
        f.set_len(16 * TAIL_BYTES).unwrap();
        drop(f);
        let mut f = OpenOptions::new().append(true).open(&path).unwrap();
        f.write_all(format!("\n{}{}", line(1), line(2)).as_bytes())
            .unwrap();
        drop(f);
        let mut log = AlertLog::open(Some(dir.path().to_owned()));
        assert_eq!(titles(&log), ["t1", "t2"]);
        log.append(entry(3));
        let len = std::fs::metadata(&path).unwrap().len();
        assert!(len < TAIL_BYTES, "the file was cut down: {len} bytes");
        let again = AlertLog::open(Some(dir.path().to_owned()));
        assert_eq!(titles(&again), ["t1", "t2", "t3"]);
    }

    #[test]
    fn an_append_after_a_cut_off_last_line_is_not_glued_onto_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        std::fs::write(&path, format!("{}{{\"at\": \"2026", line(1))).unwrap();
        let mut log = AlertLog::open(Some(dir.path().to_owned()));
        assert_eq!(titles(&log), ["t1"]);
        log.append(entry(2));
        let again = AlertLog::open(Some(dir.path().to_owned()));
        assert_eq!(titles(&again), ["t1", "t2"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_in_place_of_the_log_does_not_hang_the_start() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        let c = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).unwrap();
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        let (tx, rx) = std::sync::mpsc::channel();
        let d = dir.path().to_owned();
        std::thread::spawn(move || {
            let mut log = AlertLog::open(Some(d));
            log.append(entry(1));
            tx.send(log.recent(5).len()).unwrap();
        });
        let n = match rx.recv_timeout(std::time::Duration::from_secs(20)) {
            Ok(n) => n,
            Err(_) => {
                // Release the blocked reader (a writer end appears), then fail.
                let _ = OpenOptions::new().write(true).open(&path);
                panic!("opening the alert log blocks on a FIFO");
            }
        };
        assert_eq!(n, 1);
        // The FIFO was moved aside and a regular file holds the entry.
        assert!(std::fs::metadata(&path).unwrap().is_file());
        assert_eq!(titles(&AlertLog::open(Some(dir.path().to_owned()))), ["t1"]);
        let aside = std::fs::read_dir(dir.path())
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .contains(".unusable-")
            })
            .count();
        assert_eq!(aside, 1);
    }

    fn file_lines(dir: &std::path::Path) -> usize {
        std::fs::read_to_string(dir.join(FILE_NAME))
            .unwrap()
            .lines()
            .count()
    }

    #[test]
    fn the_lines_found_at_start_count_toward_the_rewrite() {
        let dir = tempfile::tempdir().unwrap();
        let text: String = (0..2 * CAPACITY - 1).map(line).collect();
        std::fs::write(dir.path().join(FILE_NAME), text).unwrap();
        let mut log = AlertLog::open(Some(dir.path().to_owned()));
        log.append(entry(2 * CAPACITY));
        assert_eq!(file_lines(dir.path()), CAPACITY, "cut down to what is kept");
        // In memory too, exactly as many as the capacity.
        let mut log = AlertLog::open(None);
        for i in 0..CAPACITY {
            log.append(entry(i));
        }
        assert_eq!(log.recent(usize::MAX).len(), CAPACITY);
        log.append(entry(CAPACITY));
        assert_eq!(log.recent(usize::MAX).len(), CAPACITY);
        assert_eq!(log.recent(usize::MAX)[CAPACITY - 1].title, "t1");
    }

    #[cfg(unix)]
    #[test]
    fn a_healthy_log_is_appended_to_in_place() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        // More lines than are kept, fewer than make a rewrite.
        let n = CAPACITY + 5;
        std::fs::write(&path, (0..n).map(line).collect::<String>()).unwrap();
        let inode = std::fs::metadata(&path).unwrap().ino();
        let mut log = AlertLog::open(Some(dir.path().to_owned()));
        log.append(entry(n));
        assert_eq!(file_lines(dir.path()), n + 1);
        assert_eq!(log.recent(usize::MAX).len(), CAPACITY);
        assert_eq!(
            std::fs::metadata(&path).unwrap().ino(),
            inode,
            "appended, not rewritten"
        );
    }
}
