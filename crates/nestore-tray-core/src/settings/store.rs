//! The settings file on disk: read bounded and without blocking, a file that cannot be used
//! set aside (never deleted), saved atomically.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde_json::Value;

use super::recover::{recover, Reset};
use super::{Settings, FILE_NAME, MAX_FILE_BYTES};
use crate::files::{self, ReadError};

/// What loading found.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    pub settings: Settings,
    /// For the window, when the file could not be used as it was.
    pub notice: Option<String>,
}

#[derive(Debug, Clone)]
pub struct SettingsStore {
    dir: PathBuf,
}

impl SettingsStore {
    pub fn new(dir: impl Into<PathBuf>) -> SettingsStore {
        SettingsStore { dir: dir.into() }
    }

    pub fn path(&self) -> PathBuf {
        self.dir.join(FILE_NAME)
    }

    /// Loads the settings. A missing file gives the defaults. A file that cannot be used
    /// at all (not a regular file, too large, not JSON) is moved aside and the defaults
    /// load; bad fields go back to their defaults, the others are kept, and the original
    /// file is kept beside. Nothing is lost, and the notice says what happened.
    pub fn load(&self) -> Loaded {
        let path = self.path();
        let bytes = match files::read_bounded(&path, MAX_FILE_BYTES) {
            Ok(b) => b,
            Err(ReadError::NotFound) => {
                return Loaded {
                    settings: Settings::default(),
                    notice: None,
                }
            }
            Err(e) => return self.discard(&path, &e.to_string()),
        };
        let obj = match serde_json::from_slice::<Value>(&bytes) {
            Ok(Value::Object(obj)) => obj,
            Ok(_) => return self.discard(&path, "it does not hold settings (a JSON object)"),
            Err(e) => return self.discard(&path, &format!("it is not valid settings JSON ({e})")),
        };
        let (settings, resets) = recover(&obj);
        if resets.is_empty() {
            return Loaded {
                settings,
                notice: None,
            };
        }
        let what: Vec<String> = resets.iter().map(Reset::sentence).collect();
        let what = what.join(" ");
        let kept = match files::set_aside(&path, "corrupt", false) {
            Ok(aside) => match self.save(&settings) {
                Ok(()) => format!("The file was kept as {}.", aside.display()),
                Err(e) => format!(
                    "The file was kept as {}, but the corrected settings could not be written ({e}).",
                    aside.display()
                ),
            },
            // Without a copy beside, the file is not replaced: nothing is lost.
            Err(e) => format!("The file could not be kept beside ({e}), so it was left as it was."),
        };
        let notice = format!("{what} {kept}");
        tracing::warn!("{notice}");
        Loaded {
            settings,
            notice: Some(notice),
        }
    }

    /// Moves a file that cannot be used aside; the defaults load.
    fn discard(&self, path: &Path, why: &str) -> Loaded {
        let notice = match files::set_aside(path, "corrupt", true) {
            Ok(aside) => format!(
                "The settings file was not used because {why}. It was moved to {} and the defaults are in use.",
                aside.display()
            ),
            Err(e) => format!(
                "The settings file was not used because {why}; it could not be moved aside ({e}). The defaults are in use."
            ),
        };
        tracing::warn!("{notice}");
        Loaded {
            settings: Settings::default(),
            notice: Some(notice),
        }
    }

    /// Writes the settings atomically: a temporary file in the same directory, flushed to
    /// disk, then renamed over the old one, so a crash leaves either the old or the new.
    pub fn save(&self, settings: &Settings) -> std::io::Result<()> {
        std::fs::create_dir_all(&self.dir)?;
        let mut tmp = tempfile::NamedTempFile::new_in(&self.dir)?;
        serde_json::to_writer_pretty(&mut tmp, settings)?;
        tmp.write_all(b"\n")?;
        tmp.as_file().sync_all()?;
        tmp.persist(self.path()).map_err(|e| e.error)?;
        Ok(())
    }
}
