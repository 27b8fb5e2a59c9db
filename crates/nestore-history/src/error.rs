//! The one error type of the crate, with SQLite's failures sorted into what the app can
//! tell the owner: the file cannot be written now (retry later), the file is damaged, it
//! belongs to another version, or the request itself was wrong.

use std::path::PathBuf;

use rusqlite::ErrorCode;

/// Why the history cannot be stored now, in the owner's words. Each is worth a retry later.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unavailable {
    DiskFull,
    ReadOnly,
    Locked,
    CannotOpen,
    PermissionDenied,
    /// Something other than a regular file is in the history file's place.
    NotAFile,
    /// A disk error or anything else the file system said.
    Io(String),
}

impl std::fmt::Display for Unavailable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Unavailable::DiskFull => f.write_str("the disk is full"),
            Unavailable::ReadOnly => f.write_str("the file or its folder is read-only"),
            Unavailable::Locked => f.write_str("another program holds the file locked"),
            Unavailable::CannotOpen => f.write_str("the file cannot be opened"),
            Unavailable::PermissionDenied => f.write_str("permission denied"),
            Unavailable::NotAFile => f.write_str("something other than a file is in its place"),
            Unavailable::Io(m) => f.write_str(m),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The file cannot be read or written now; nothing is lost by trying again later.
    #[error("{0}")]
    Unavailable(Unavailable),
    /// The file is damaged ([`crate::Store::open`] sets such a file aside by itself).
    #[error("the history file is damaged")]
    Corrupt,
    /// Written by a newer version of the app: left alone, never written.
    #[error("the history was written by a newer version of NEStore Tray (schema {found}, this version knows {known})")]
    TooNew { found: u32, known: u32 },
    /// Opened read-only, but the file still needs an update only the app makes.
    #[error("the history file is from an older version: start NEStore Tray once to update it")]
    Outdated { found: u32, known: u32 },
    /// Opened read-only, and there is no history file (yet).
    #[error("no history yet ({})", .0.display())]
    NotFound(PathBuf),
    /// A bad argument; `field` names it like the IPC errors do (`from`, `to`, `buckets`, ...).
    #[error("{message}")]
    Invalid {
        field: &'static str,
        message: String,
    },
    /// Demo readings are only added to a history without real ones.
    #[error("the history already holds real readings: demo readings are only added to a history without any")]
    HasRealData,
    /// Writing the CSV (or moving a damaged file aside) failed.
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// Anything else SQLite said.
    #[error("history database: {0}")]
    Sqlite(rusqlite::Error),
}

impl Error {
    pub(crate) fn invalid(field: &'static str, message: impl Into<String>) -> Error {
        Error::Invalid {
            field,
            message: message.into(),
        }
    }

    /// Whether a later attempt may succeed (the app keeps the records and retries).
    pub fn is_retryable(&self) -> bool {
        matches!(self, Error::Unavailable(_))
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Error {
        let code = match &e {
            rusqlite::Error::SqliteFailure(f, _) => f.code,
            _ => return Error::Sqlite(e),
        };
        let unavailable = match code {
            ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase => return Error::Corrupt,
            ErrorCode::DiskFull => Unavailable::DiskFull,
            ErrorCode::ReadOnly => Unavailable::ReadOnly,
            ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked => Unavailable::Locked,
            ErrorCode::CannotOpen => Unavailable::CannotOpen,
            ErrorCode::PermissionDenied | ErrorCode::AuthorizationForStatementDenied => {
                Unavailable::PermissionDenied
            }
            ErrorCode::SystemIoFailure
            | ErrorCode::FileLockingProtocolFailed
            | ErrorCode::NoLargeFileSupport
            | ErrorCode::OutOfMemory => Unavailable::Io(format!("a disk error ({e})")),
            _ => return Error::Sqlite(e),
        };
        Error::Unavailable(unavailable)
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
