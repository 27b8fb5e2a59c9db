//! The history's problems as the owner reads them, in the catalogue's language
//! (`nestore-i18n`, `app.ftl`, ids `history-*`). This module picks the message and its
//! values; the `Display` impls and [`Notice::message`] stay English, for logs and the
//! command line.

use nestore_i18n::{Args, Catalogue};

use crate::error::{Error, Unavailable};
use crate::query::{MAX_BUCKETS, MAX_DAYS};
use crate::store::Notice;
use crate::writer::Health;

impl Unavailable {
    /// Why the history cannot be stored now, as a clause: "the disk is full".
    pub fn message(&self, cat: &Catalogue) -> String {
        let id = match self {
            Unavailable::DiskFull => "history-unavailable-disk-full",
            Unavailable::ReadOnly => "history-unavailable-read-only",
            Unavailable::Locked => "history-unavailable-locked",
            Unavailable::CannotOpen => "history-unavailable-cannot-open",
            Unavailable::PermissionDenied => "history-unavailable-permission-denied",
            Unavailable::NotAFile => "history-unavailable-not-a-file",
            // The system's own words.
            Unavailable::Io(m) => return m.clone(),
        };
        cat.label(id)
    }
}

impl Error {
    /// What went wrong, in the catalogue's language, as a clause (the caller makes the
    /// sentence); a bad request's message is a sentence of its own.
    pub fn message(&self, cat: &Catalogue) -> String {
        match self {
            Error::Unavailable(u) => u.message(cat),
            Error::Corrupt => cat.label("history-error-corrupt"),
            Error::TooNew { found, known } => cat.t(
                "history-error-too-new",
                &Args::new()
                    .int("found", i64::from(*found))
                    .int("known", i64::from(*known)),
            ),
            Error::Outdated { .. } => cat.label("history-error-outdated"),
            Error::NotFound(path) => cat.t(
                "history-error-not-found",
                &Args::new().text("path", path.display().to_string()),
            ),
            Error::Invalid { field, message } => match *field {
                "to" if message.starts_with("The end") => cat.label("history-invalid-range"),
                "to" if message.starts_with("Daily totals") => {
                    cat.t("history-invalid-days", &Args::new().int("max", MAX_DAYS))
                }
                "buckets" => cat.t(
                    "history-invalid-buckets",
                    &Args::new().int("max", i64::from(MAX_BUCKETS)),
                ),
                _ => message.clone(),
            },
            Error::HasRealData => cat.label("history-error-has-real-data"),
            Error::Io(e) => e.to_string(),
            Error::Sqlite(e) => cat.t(
                "history-error-database",
                &Args::new().text("reason", e.to_string()),
            ),
        }
    }
}

impl Notice {
    /// The notice in the catalogue's language ([`Notice::message`] is the English).
    pub fn text(&self, cat: &Catalogue) -> String {
        match &self.set_aside {
            Some(aside) => cat.t(
                "history-damaged",
                &Args::new().text("path", aside.display().to_string()),
            ),
            None => self.message.clone(),
        }
    }
}

impl Health {
    /// What the app shows while saving fails, in the catalogue's language: "History
    /// cannot be saved: the disk is full" ([`Health::message`] is the English).
    pub fn text(&self, cat: &Catalogue) -> Option<String> {
        match self {
            Health::Failing {
                reason,
                unavailable,
                ..
            } => Some(
                cat.t(
                    "history-cannot-save",
                    &Args::new().text(
                        "reason",
                        unavailable
                            .as_ref()
                            .map_or_else(|| reason.clone(), |u| u.message(cat)),
                    ),
                ),
            ),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use nestore_i18n::Language;

    use super::*;

    #[test]
    fn problems_read_in_each_language_and_the_english_is_the_log_s() {
        let en = Catalogue::get(Language::English);
        let nl = Catalogue::get(Language::Dutch);
        for u in [
            Unavailable::DiskFull,
            Unavailable::ReadOnly,
            Unavailable::Locked,
            Unavailable::CannotOpen,
            Unavailable::PermissionDenied,
            Unavailable::NotAFile,
        ] {
            assert_eq!(u.message(en), u.to_string());
            assert_ne!(u.message(nl), u.to_string());
            let e = Error::Unavailable(u.clone());
            assert_eq!(e.message(en), e.to_string());
        }
        for e in [
            Error::Corrupt,
            Error::TooNew { found: 9, known: 3 },
            Error::Outdated { found: 2, known: 3 },
            Error::NotFound("/h/history.sqlite3".into()),
            Error::HasRealData,
            Error::invalid("to", "The end must be after the start"),
            Error::invalid("buckets", format!("Buckets: must be 1-{MAX_BUCKETS}")),
            Error::invalid(
                "to",
                format!("Daily totals: at most {MAX_DAYS} days at once"),
            ),
        ] {
            assert_eq!(e.message(en), e.to_string());
            assert_ne!(e.message(nl), e.to_string(), "{e}");
        }
        let failing = Health::Failing {
            reason: Unavailable::DiskFull.to_string(),
            unavailable: Some(Unavailable::DiskFull),
            since: chrono::Utc::now(),
            pending: 3,
        };
        assert_eq!(failing.text(en), failing.message());
        assert_eq!(
            failing.text(nl).unwrap(),
            "De geschiedenis kan niet worden opgeslagen: de schijf is vol"
        );
        assert_eq!(Health::Ok.text(nl), None);
        let notice = Notice {
            message:
                "The history file was damaged. It was kept as /h/x and a new history was started."
                    .into(),
            set_aside: Some("/h/x".into()),
        };
        assert_eq!(notice.text(en), notice.message);
        assert_eq!(
            notice.text(nl),
            "Het geschiedenisbestand was beschadigd. Het is bewaard als /h/x en er is een nieuwe geschiedenis begonnen."
        );
    }
}
