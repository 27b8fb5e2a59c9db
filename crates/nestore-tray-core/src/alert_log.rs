//! The alert log the window shows: every notice of the pressure watch with its readings,
//! newest last, kept as JSON lines in the config directory (bounded, so it never grows
//! without end).

use std::collections::VecDeque;
use std::io::Write;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

pub const FILE_NAME: &str = "alerts.jsonl";
/// Entries kept, in memory and on disk.
pub const CAPACITY: usize = 500;

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
}

impl AlertLog {
    /// Loads the log from `dir` (None: in memory only). Unreadable lines are skipped: a
    /// damaged log must not keep the app from starting.
    pub fn open(dir: Option<PathBuf>) -> AlertLog {
        let path = dir.map(|d| d.join(FILE_NAME));
        let mut entries = VecDeque::new();
        let mut file_lines = 0;
        if let Some(text) = path.as_ref().and_then(|p| std::fs::read_to_string(p).ok()) {
            file_lines = text.lines().count();
            entries.extend(
                text.lines()
                    .filter_map(|l| serde_json::from_str::<Entry>(l).ok()),
            );
        }
        while entries.len() > CAPACITY {
            entries.pop_front();
        }
        AlertLog {
            path,
            entries,
            file_lines,
        }
    }

    pub fn append(&mut self, e: Entry) {
        self.entries.push_back(e);
        if self.entries.len() > CAPACITY {
            self.entries.pop_front();
        }
        if self.file_lines + 1 >= 2 * CAPACITY {
            self.rewrite();
            self.file_lines = self.entries.len();
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
            let mut f = std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(path)?;
            writeln!(f, "{}", serde_json::to_string(e)?)
        })();
        if let Err(err) = result {
            tracing::warn!("cannot write the alert log: {err}");
        }
    }

    fn rewrite(&self) {
        let Some(path) = &self.path else { return };
        let text: String = self
            .entries
            .iter()
            .filter_map(|e| serde_json::to_string(e).ok())
            .map(|l| l + "\n")
            .collect();
        let result = (|| -> std::io::Result<()> {
            let dir = path.parent().unwrap_or(std::path::Path::new("."));
            let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
            tmp.write_all(text.as_bytes())?;
            tmp.persist(path).map_err(|e| e.error)?;
            Ok(())
        })();
        if let Err(err) = result {
            tracing::warn!("cannot rewrite the alert log: {err}");
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
}
