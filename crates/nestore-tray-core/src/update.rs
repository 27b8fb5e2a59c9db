//! Updates of the app itself, without I/O of the network: when the quiet check is due (at
//! most once a day, remembered across restarts in a small file beside the settings), what
//! a check or an install came to, and the owner's words for it (`update-*` in `app.ftl`).
//! The app's shell asks the update server and installs (`src-tauri/src/app/update.rs`).
//!
//! - A check that could not be made (the server unreachable, its answer malformed) is a
//!   quiet "could not check": kept for the window to show, never a dialog or a
//!   notification, and it counts as the day's check (the server is not asked again soon).
//! - An update is installed only on the owner's word, only after a check found it, and
//!   only if its signature matches the app's key: a package that does not match is
//!   refused and nothing is installed.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Duration, Utc};
use nestore_i18n::{Args, Catalogue};
use serde::{Deserialize, Serialize};

use crate::files;

/// The quiet check runs at most this often.
pub const EVERY: Duration = Duration::hours(24);
/// The file that remembers the last check, in the settings folder.
pub const FILE: &str = "update-check.json";
/// Release notes longer than this are cut (they come from the network).
pub const NOTES_MAX: usize = 4000;
/// The state file is tiny; anything larger is not ours.
const FILE_MAX: u64 = 4096;

/// What the state file holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckRecord {
    /// When the app last asked the update server (whatever came of it).
    pub checked_at: Option<DateTime<Utc>>,
}

impl CheckRecord {
    pub fn path(dir: &Path) -> PathBuf {
        dir.join(FILE)
    }

    /// The record in `dir`; a missing, unreadable or malformed file is "never checked".
    pub fn load(dir: &Path) -> CheckRecord {
        files::read_bounded(&Self::path(dir), FILE_MAX)
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or_default()
    }

    /// Writes the record atomically (a temporary file renamed into place).
    pub fn save(&self, dir: &Path) -> std::io::Result<()> {
        std::fs::create_dir_all(dir)?;
        let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
        serde_json::to_writer(&mut tmp, self)?;
        tmp.as_file().sync_all()?;
        tmp.persist(Self::path(dir)).map_err(|e| e.error)?;
        Ok(())
    }
}

/// When the quiet check is next due: now if the app never checked, else a day after the
/// last check. A last check in the future (the clock was set back) counts as now, so the
/// check still waits a day rather than for ever.
pub fn next_check(last: Option<DateTime<Utc>>, now: DateTime<Utc>) -> DateTime<Utc> {
    match last {
        None => now,
        Some(t) => t.min(now) + EVERY,
    }
}

/// Whether the quiet daily check runs at all in this run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuietPolicy {
    /// The demo device is in use.
    pub demo: bool,
    /// `--no-update-check`.
    pub refused: bool,
    /// `--update-check`: asked for even in a development build (tests).
    pub asked: bool,
    /// A development (debug) build, as the tests run: off unless asked.
    pub development: bool,
}

impl QuietPolicy {
    pub fn enabled(self) -> bool {
        !self.demo && !self.refused && (self.asked || !self.development)
    }
}

/// A release newer than this app, as the update server announced it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Release {
    pub version: String,
    /// Its notes, cleaned of control characters and cut to [`NOTES_MAX`].
    pub notes: Option<String>,
}

impl Release {
    pub fn new(version: &str, notes: Option<&str>) -> Release {
        Release {
            version: clean(version, 64),
            notes: notes.map(|n| clean(n, NOTES_MAX)).filter(|n| !n.is_empty()),
        }
    }
}

/// Text from the network, safe to show: no control or invisible characters but line
/// breaks and tabs, at most `max` characters.
fn clean(s: &str, max: usize) -> String {
    let kept: String = s
        .trim()
        .chars()
        .filter(|c| matches!(c, '\n' | '\t') || !(c.is_control() || is_invisible(*c)))
        .take(max)
        .collect();
    kept.trim_end().to_owned()
}

fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}')
}

/// What one check came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Checked {
    UpToDate,
    Available(Release),
    /// The server unreachable, its answer malformed: quiet.
    CouldNotCheck,
}

/// Why an update was not installed, or a check found nothing to say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    /// A check could not be made (quiet).
    CouldNotCheck,
    /// Install was asked for before a check found an update.
    NothingToInstall,
    /// A check or install is running already.
    Busy,
    /// The package's signature does not match the app's key: refused, nothing installed.
    SignatureMismatch,
    /// The package could not be downloaded: nothing installed.
    DownloadFailed,
    /// This copy was not installed from a package (a development build): the package was
    /// downloaded and verified, but nothing is installed into it.
    NotInstallable,
    /// The installer failed.
    InstallFailed,
}

impl Problem {
    pub fn id(self) -> &'static str {
        match self {
            Problem::CouldNotCheck => "update-could-not-check",
            Problem::NothingToInstall => "update-nothing-to-install",
            Problem::Busy => "update-busy",
            Problem::SignatureMismatch => "update-signature-mismatch",
            Problem::DownloadFailed => "update-download-failed",
            Problem::NotInstallable => "update-not-installable",
            Problem::InstallFailed => "update-install-failed",
        }
    }

    pub fn message(self, cat: &Catalogue) -> String {
        cat.t(self.id(), &Args::new())
    }

    /// A refusal the window shows as an answer to "Install": all but the quiet one.
    pub fn is_quiet(self) -> bool {
        self == Problem::CouldNotCheck
    }
}

/// What the app knows of updates: the last check and what came of it, the release found
/// (kept until a later check says otherwise), the last problem.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Updates {
    checked_at: Option<DateTime<Utc>>,
    found: Option<Release>,
    problem: Option<Problem>,
}

/// The window's `state.update` (`docs/ipc.md`), and the answer of `check_for_updates`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UpdateView {
    /// A newer release is there to install.
    pub available: bool,
    /// This app's version.
    pub current: String,
    /// The newer release's version and notes, while one is available.
    pub version: Option<String>,
    pub notes: Option<String>,
    pub checked_at: Option<DateTime<Utc>>,
    /// The owner's words: "could not check" (quiet), or why an install was refused.
    pub problem: Option<String>,
    /// `problem` is a refused or failed install (shown as an error), not the quiet "could
    /// not check"; it stays so when the window is opened again.
    pub refused: bool,
}

impl Updates {
    /// Takes in what a check came to. "Could not check" keeps a release found before.
    pub fn checked(&mut self, result: Checked, now: DateTime<Utc>) {
        self.checked_at = Some(now);
        match result {
            Checked::UpToDate => {
                self.found = None;
                self.problem = None;
            }
            Checked::Available(r) => {
                self.found = Some(r);
                self.problem = None;
            }
            Checked::CouldNotCheck => self.problem = Some(Problem::CouldNotCheck),
        }
    }

    /// An install that was refused or failed (the release stays found, to try again).
    pub fn refused(&mut self, problem: Problem) {
        self.problem = Some(problem);
    }

    pub fn found(&self) -> Option<&Release> {
        self.found.as_ref()
    }

    pub fn problem(&self) -> Option<Problem> {
        self.problem
    }

    /// The window's view: always the version in use; `checked_at` null until a check was
    /// made in this run.
    pub fn view(&self, cat: &Catalogue, current: &str) -> Option<UpdateView> {
        Some(UpdateView {
            available: self.found.is_some(),
            current: current.to_owned(),
            version: self.found.as_ref().map(|r| r.version.clone()),
            notes: self.found.as_ref().and_then(|r| r.notes.clone()),
            checked_at: self.checked_at,
            problem: self.problem.map(|p| p.message(cat)),
            refused: self.problem.is_some_and(|p| !p.is_quiet()),
        })
    }
}

/// "Version 0.2.0 is available (you have 0.1.0)." or "… is up to date", for logs and a
/// status line.
pub fn summary(cat: &Catalogue, view: &UpdateView) -> String {
    match &view.version {
        Some(v) => cat.t(
            "update-available",
            &Args::new()
                .text("version", v.clone())
                .text("current", view.current.clone()),
        ),
        None => cat.t(
            "update-up-to-date",
            &Args::new().text("current", view.current.clone()),
        ),
    }
}

#[cfg(test)]
mod tests {
    use nestore_i18n::Language;

    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn the_quiet_check_is_due_at_most_once_a_day() {
        let now = at("2026-11-27T10:00:00Z");
        assert_eq!(next_check(None, now), now);
        let last = at("2026-11-27T02:00:00Z");
        assert_eq!(next_check(Some(last), now), at("2026-11-28T02:00:00Z"));
        assert_eq!(
            next_check(Some(at("2026-11-25T02:00:00Z")), now),
            at("2026-11-26T02:00:00Z"),
            "overdue: due at once (in the past)"
        );
        // The clock was set back a year: a day from now, not a year.
        let future = at("2027-11-27T10:00:00Z");
        assert_eq!(next_check(Some(future), now), now + EVERY);
    }

    #[test]
    fn the_quiet_check_is_off_in_the_demo_in_tests_and_when_refused() {
        let release = QuietPolicy {
            demo: false,
            refused: false,
            asked: false,
            development: false,
        };
        assert!(release.enabled());
        assert!(!QuietPolicy {
            demo: true,
            ..release
        }
        .enabled());
        assert!(!QuietPolicy {
            refused: true,
            ..release
        }
        .enabled());
        let dev = QuietPolicy {
            development: true,
            ..release
        };
        assert!(
            !dev.enabled(),
            "a development build (the tests) does not check"
        );
        assert!(QuietPolicy { asked: true, ..dev }.enabled());
        assert!(!QuietPolicy {
            asked: true,
            demo: true,
            ..dev
        }
        .enabled());
    }

    #[test]
    fn the_record_survives_a_restart_and_a_bad_file_is_never_checked() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(CheckRecord::load(dir.path()), CheckRecord::default());
        let r = CheckRecord {
            checked_at: Some(at("2026-11-27T02:00:00Z")),
        };
        r.save(dir.path()).unwrap();
        assert_eq!(CheckRecord::load(dir.path()), r);
        std::fs::write(CheckRecord::path(dir.path()), "not json").unwrap();
        assert_eq!(CheckRecord::load(dir.path()), CheckRecord::default());
        std::fs::write(CheckRecord::path(dir.path()), vec![b' '; 10_000]).unwrap();
        assert_eq!(CheckRecord::load(dir.path()), CheckRecord::default());
    }

    #[test]
    fn notes_from_the_network_are_cleaned_and_bounded() {
        let r = Release::new(
            " 0.2.0\u{202E} ",
            Some("Fixes:\n\t- a \u{1b}[31mthing\u{200B}\n"),
        );
        assert_eq!(r.version, "0.2.0");
        assert_eq!(r.notes.as_deref(), Some("Fixes:\n\t- a [31mthing"));
        let long = "x".repeat(NOTES_MAX * 2);
        let r = Release::new("1.0.0", Some(&long));
        assert_eq!(r.notes.unwrap().chars().count(), NOTES_MAX);
        assert_eq!(Release::new("1.0.0", Some("  ")).notes, None);
    }

    #[test]
    fn a_check_shows_the_version_and_notes_and_could_not_check_is_quiet() {
        let cat = Catalogue::get(Language::English);
        let now = at("2026-11-27T10:00:00Z");
        let mut u = Updates::default();
        let before = u.view(cat, "0.1.0").unwrap();
        assert_eq!(
            (before.current.as_str(), before.available, before.checked_at),
            ("0.1.0", false, None),
            "the version in use before any check, and nothing checked"
        );
        u.checked(
            Checked::Available(Release::new("0.2.0", Some("Faster."))),
            now,
        );
        let v = u.view(cat, "0.1.0").unwrap();
        assert!(v.available);
        assert_eq!(v.version.as_deref(), Some("0.2.0"));
        assert_eq!(v.notes.as_deref(), Some("Faster."));
        assert_eq!(v.problem, None);
        assert_eq!(
            summary(cat, &v),
            "Version 0.2.0 is available (you have 0.1.0)."
        );

        // Could not check: quiet words, the release found before still there.
        u.checked(Checked::CouldNotCheck, now + Duration::hours(1));
        let v = u.view(cat, "0.1.0").unwrap();
        assert!(v.available);
        assert_eq!(
            v.problem.as_deref(),
            Some("Could not check for updates just now.")
        );
        assert!(!v.refused, "could not check is quiet, not a refusal");

        // A refused install stays a refusal in the view (the window opened again draws it
        // as an error, not as the quiet line).
        u.refused(Problem::SignatureMismatch);
        let v = u.view(cat, "0.1.0").unwrap();
        assert!(v.refused);
        assert!(v.problem.unwrap().contains("signature"));

        u.checked(Checked::UpToDate, now + Duration::hours(2));
        let v = u.view(cat, "0.1.0").unwrap();
        assert!(!v.available);
        assert_eq!(v.problem, None);
        assert_eq!(summary(cat, &v), "NEStore Tray 0.1.0 is up to date.");
    }

    #[test]
    fn every_problem_has_words_in_both_languages() {
        use Problem::*;
        for l in Language::ALL {
            let cat = Catalogue::get(l);
            for p in [
                CouldNotCheck,
                NothingToInstall,
                Busy,
                SignatureMismatch,
                DownloadFailed,
                NotInstallable,
                InstallFailed,
            ] {
                let m = p.message(cat);
                assert!(!m.is_empty() && !m.contains("update-"), "{l:?} {p:?}: {m}");
            }
        }
    }
}
