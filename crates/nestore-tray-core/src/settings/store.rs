//! The settings file on disk: read bounded and without blocking, a file that cannot be used
//! set aside (never deleted), saved atomically.

use std::io::Write;
use std::path::{Path, PathBuf};

use nestore_i18n::{Args, Catalogue, Language};
use serde_json::Value;

use super::recover::recover;
use super::{Settings, FILE_NAME, MAX_FILE_BYTES};
use crate::files::{self, ReadError};

/// What loading found.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    pub settings: Settings,
    /// For the window, when the file could not be used as it was: in the language of the
    /// settings loaded.
    pub notice: Option<String>,
}

/// Where the original of a file with bad fields went.
enum Kept {
    Aside(PathBuf),
    /// Set aside, but the corrected settings could not be written (why).
    AsideNotSaved(PathBuf, String),
    /// Not set aside (why), so it was left as it was.
    Left(String),
}

impl Kept {
    fn sentence(&self, cat: &Catalogue) -> String {
        match self {
            Kept::Aside(aside) => cat.t(
                "settings-kept",
                &Args::new().text("path", aside.display().to_string()),
            ),
            Kept::AsideNotSaved(aside, e) => cat.t(
                "settings-kept-not-saved",
                &Args::new()
                    .text("path", aside.display().to_string())
                    .text("reason", e.clone()),
            ),
            Kept::Left(e) => cat.t("settings-not-kept", &Args::new().text("reason", e.clone())),
        }
    }
}

fn english() -> &'static Catalogue {
    Catalogue::get(Language::English)
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
    /// file is kept beside. Nothing is lost, and the notice says what happened, in the
    /// language of the settings loaded (their choice, or the system's).
    pub fn load(&self) -> Loaded {
        self.load_with(Language::system())
    }

    /// As [`SettingsStore::load`], with `system` as the system's language.
    pub fn load_with(&self, system: Language) -> Loaded {
        let path = self.path();
        let bytes = match files::read_bounded(&path, MAX_FILE_BYTES) {
            Ok(b) => b,
            Err(ReadError::NotFound) => {
                return Loaded {
                    settings: Settings::default(),
                    notice: None,
                }
            }
            Err(e) => return self.discard(&path, system, |cat| e.message(cat)),
        };
        let obj = match serde_json::from_slice::<Value>(&bytes) {
            Ok(Value::Object(obj)) => obj,
            Ok(_) => {
                return self.discard(&path, system, |cat| cat.label("settings-why-not-object"))
            }
            Err(e) => {
                return self.discard(&path, system, |cat| {
                    cat.t(
                        "settings-why-not-json",
                        &Args::new().text("reason", e.to_string()),
                    )
                })
            }
        };
        let (settings, resets) = recover(&obj);
        if resets.is_empty() {
            return Loaded {
                settings,
                notice: None,
            };
        }
        let kept = match files::set_aside(&path, "corrupt", false) {
            Ok(aside) => match self.save(&settings) {
                Ok(()) => Kept::Aside(aside),
                Err(e) => Kept::AsideNotSaved(aside, e.to_string()),
            },
            // Without a copy beside, the file is not replaced: nothing is lost.
            Err(e) => Kept::Left(e.to_string()),
        };
        let said = |cat: &Catalogue| {
            let what: Vec<String> = resets.iter().map(|r| r.sentence(cat)).collect();
            format!("{} {}", what.join(" "), kept.sentence(cat))
        };
        tracing::warn!("{}", said(english()));
        let notice = said(Catalogue::get(settings.language.resolve(system)));
        Loaded {
            settings,
            notice: Some(notice),
        }
    }

    /// Moves a file that cannot be used aside; the defaults load. `why` completes "The
    /// settings file was not used because …".
    fn discard(&self, path: &Path, system: Language, why: impl Fn(&Catalogue) -> String) -> Loaded {
        let aside = files::set_aside(path, "corrupt", true);
        let said = |cat: &Catalogue| match &aside {
            Ok(aside) => cat.t(
                "settings-discarded",
                &Args::new()
                    .text("why", why(cat))
                    .text("path", aside.display().to_string()),
            ),
            Err(e) => cat.t(
                "settings-discarded-not-moved",
                &Args::new()
                    .text("why", why(cat))
                    .text("reason", e.to_string()),
            ),
        };
        tracing::warn!("{}", said(english()));
        let settings = Settings::default();
        let notice = said(Catalogue::get(settings.language.resolve(system)));
        Loaded {
            settings,
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
