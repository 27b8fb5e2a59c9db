//! One app per settings folder: an exclusive OS file lock on `instance.lock` in it, held
//! for the life of the process. It works without a session bus (the single-instance
//! plugin needs D-Bus on Linux) and the OS releases it when the process ends, even when
//! it crashes, so a stale lock file never keeps the app from starting.

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::files::{self, ReadError};

pub const FILE_NAME: &str = "instance.lock";

#[derive(Debug, thiserror::Error)]
pub enum LockError {
    /// Another process holds the lock: another instance runs on this settings folder.
    #[error("another NEStore Tray is already running with this settings folder")]
    Held,
    #[error("cannot lock {}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
}

/// Held while the value lives; dropping it (or the process ending) releases the lock.
#[derive(Debug)]
pub struct InstanceLock {
    _file: File,
    path: PathBuf,
}

impl InstanceLock {
    /// Takes the lock on `dir/instance.lock` (creating the folder and the file if
    /// needed) without waiting: [`LockError::Held`] when another instance has it.
    pub fn acquire(dir: &Path) -> Result<InstanceLock, LockError> {
        let path = dir.join(FILE_NAME);
        let io_error = |source: io::Error| LockError::Io {
            path: path.clone(),
            source,
        };
        std::fs::create_dir_all(dir).map_err(io_error)?;
        let mut file = files::open_regular(
            &path,
            OpenOptions::new().read(true).write(true).create(true),
        )
        .map_err(|e| match e {
            ReadError::Io(e) => io_error(e),
            other => io_error(io::Error::other(other.to_string())),
        })?;
        match file.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => return Err(LockError::Held),
            Err(std::fs::TryLockError::Error(e)) => return Err(io_error(e)),
        }
        // For whoever looks: which process holds it. The lock, not this, is what counts.
        let _ = file
            .set_len(0)
            .and_then(|()| file.write_all(format!("{}\n", std::process::id()).as_bytes()));
        Ok(InstanceLock { _file: file, path })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PROBE_DIR: &str = "NESTORE_TEST_LOCK_PROBE_DIR";
    const PROBE: &str = "instance_lock::tests::probe_from_another_process";
    const ACQUIRED: i32 = 10;
    const HELD: i32 = 11;
    const FAILED: i32 = 12;

    /// Run by the tests below as a child process (this test binary again); on its own,
    /// without the variable, it does nothing.
    #[test]
    fn probe_from_another_process() {
        let Some(dir) = std::env::var_os(PROBE_DIR) else {
            return;
        };
        let code = match InstanceLock::acquire(Path::new(&dir)) {
            Ok(_) => ACQUIRED,
            Err(LockError::Held) => HELD,
            Err(LockError::Io { .. }) => FAILED,
        };
        std::process::exit(code);
    }

    fn probe(dir: &Path) -> i32 {
        let out = std::process::Command::new(std::env::current_exe().unwrap())
            .args([PROBE, "--exact", "--test-threads=1"])
            .env(PROBE_DIR, dir)
            .output()
            .unwrap();
        out.status
            .code()
            .unwrap_or_else(|| panic!("probe: {out:?}"))
    }

    #[test]
    fn a_second_lock_fails_while_the_first_lives_and_works_after() {
        let dir = tempfile::tempdir().unwrap();
        let cfg = dir.path().join("not-yet-created");
        let first = InstanceLock::acquire(&cfg).unwrap();
        assert_eq!(first.path(), cfg.join(FILE_NAME));
        let second = InstanceLock::acquire(&cfg);
        assert!(matches!(second, Err(LockError::Held)), "{second:?}");
        assert!(second.unwrap_err().to_string().contains("already running"));
        drop(first);
        let third = InstanceLock::acquire(&cfg).unwrap();
        // Another folder is another instance's business.
        let other = InstanceLock::acquire(&dir.path().join("other")).unwrap();
        drop((third, other));
    }

    #[test]
    fn another_process_cannot_lock_while_this_one_holds_it() {
        let dir = tempfile::tempdir().unwrap();
        let lock = InstanceLock::acquire(dir.path()).unwrap();
        assert_eq!(probe(dir.path()), HELD);
        drop(lock);
        assert_eq!(probe(dir.path()), ACQUIRED);
        // The child's lock ended with it: this process takes it again.
        InstanceLock::acquire(dir.path()).unwrap();
    }

    #[test]
    fn an_unusable_lock_file_is_a_clear_io_error() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join(FILE_NAME)).unwrap();
        let e = InstanceLock::acquire(dir.path()).unwrap_err();
        assert!(matches!(e, LockError::Io { .. }), "{e:?}");
        let msg = e.to_string();
        assert!(
            msg.contains(FILE_NAME) && msg.contains("a directory"),
            "{msg}"
        );
    }
}
