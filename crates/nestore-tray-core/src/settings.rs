//! The app's settings: a JSON file in the platform config directory, written atomically.
//! The service password is never here: it lives in the OS keyring.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

pub const FILE_NAME: &str = "settings.json";
pub const MIN_POLL_INTERVAL_S: u64 = 60;
pub const DEFAULT_POLL_INTERVAL_S: u64 = 300;
pub const MAX_POLL_INTERVAL_S: u64 = 24 * 3600;

/// The last charge started from the app, offered again by "Start charging" in the menu.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChargeDefaults {
    pub power_w: u32,
    pub target_soc_pct: u8,
    pub duration_min: u32,
}

impl Default for ChargeDefaults {
    fn default() -> Self {
        ChargeDefaults {
            power_w: 2000,
            target_soc_pct: 90,
            duration_min: 120,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// None: no device configured yet.
    pub host: Option<String>,
    pub port: u16,
    pub poll_interval_s: u64,
    pub control_enabled: bool,
    pub autostart: bool,
    pub charge_defaults: ChargeDefaults,
    /// The pressure watch's thresholds.
    pub alerts: nestore_watch::Thresholds,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            host: None,
            port: nestore::DEFAULT_PORT,
            poll_interval_s: DEFAULT_POLL_INTERVAL_S,
            control_enabled: false,
            autostart: false,
            charge_defaults: ChargeDefaults::default(),
            alerts: nestore_watch::Thresholds::default(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SettingsError {
    #[error("host: {0}")]
    Host(String),
    #[error("port: must be 1-65535")]
    Port,
    #[error("poll interval: must be {MIN_POLL_INTERVAL_S}-{MAX_POLL_INTERVAL_S} s (the device is slow; the reference polls every 300 s)")]
    PollInterval,
    #[error("last charge settings: {0}")]
    ChargeDefaults(String),
    #[error("alert thresholds: {0}")]
    Alerts(String),
}

impl Settings {
    /// Checks every field; the error names the first bad one.
    pub fn validate(&self) -> Result<(), SettingsError> {
        if let Some(host) = &self.host {
            nestore::client::base_url(host, self.port)
                .map_err(|e| SettingsError::Host(e.to_string()))?;
        }
        if self.port == 0 {
            return Err(SettingsError::Port);
        }
        if !(MIN_POLL_INTERVAL_S..=MAX_POLL_INTERVAL_S).contains(&self.poll_interval_s) {
            return Err(SettingsError::PollInterval);
        }
        let d = self.charge_defaults;
        let req = nestore::ChargeRequest {
            power_w: d.power_w,
            target_soc_pct: d.target_soc_pct,
            duration: std::time::Duration::from_secs(u64::from(d.duration_min) * 60),
        };
        req.check_limits()
            .map_err(|e| SettingsError::ChargeDefaults(e.to_string()))
    }

    /// A host with surrounding blanks trimmed, and an empty host meaning "none".
    pub fn normalised(mut self) -> Settings {
        self.host = self
            .host
            .map(|h| h.trim().to_owned())
            .filter(|h| !h.is_empty());
        self
    }
}

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

    /// Loads the settings. A missing file gives the defaults. A file that cannot be used is
    /// moved aside (nothing is lost), the defaults load, and the notice says so.
    pub fn load(&self) -> Loaded {
        let path = self.path();
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Loaded {
                    settings: Settings::default(),
                    notice: None,
                }
            }
            Err(e) => return self.set_aside(&path, &format!("it could not be read ({e})")),
        };
        match serde_json::from_str::<Settings>(&text) {
            Ok(s) => {
                let s = s.normalised();
                match s.validate() {
                    Ok(()) => Loaded {
                        settings: s,
                        notice: None,
                    },
                    Err(e) => self.set_aside(&path, &format!("it holds an invalid {e}")),
                }
            }
            Err(e) => self.set_aside(&path, &format!("it is not valid settings JSON ({e})")),
        }
    }

    fn set_aside(&self, path: &Path, why: &str) -> Loaded {
        let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
        let aside = path.with_file_name(format!("{FILE_NAME}.corrupt-{stamp}"));
        let notice = match std::fs::rename(path, &aside) {
            Ok(()) => format!(
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

#[cfg(test)]
mod tests {
    use super::*;

    fn store() -> (tempfile::TempDir, SettingsStore) {
        let dir = tempfile::tempdir().unwrap();
        let store = SettingsStore::new(dir.path().join("nested"));
        (dir, store)
    }

    #[test]
    fn missing_file_gives_defaults_without_notice() {
        let (_d, s) = store();
        let l = s.load();
        assert_eq!(l.settings, Settings::default());
        assert_eq!(l.settings.port, 4805);
        assert_eq!(l.settings.poll_interval_s, 300);
        assert!(l.notice.is_none());
    }

    #[test]
    fn save_then_load_round_trips_and_leaves_no_temp_files() {
        let (_d, s) = store();
        let mut set = Settings {
            host: Some("192.0.2.7".into()),
            control_enabled: true,
            ..Default::default()
        };
        set.charge_defaults.power_w = 3000;
        s.save(&set).unwrap();
        assert_eq!(
            s.load(),
            Loaded {
                settings: set.clone(),
                notice: None
            }
        );
        set.poll_interval_s = 600;
        s.save(&set).unwrap();
        assert_eq!(s.load().settings.poll_interval_s, 600);
        let names: Vec<_> = std::fs::read_dir(s.path().parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from(FILE_NAME)]);
    }

    #[test]
    fn a_corrupt_file_is_moved_aside_with_a_notice() {
        let (_d, s) = store();
        std::fs::create_dir_all(s.path().parent().unwrap()).unwrap();
        std::fs::write(s.path(), "{\"host\": \"a\", trunc").unwrap();
        let l = s.load();
        assert_eq!(l.settings, Settings::default());
        let notice = l.notice.unwrap();
        assert!(
            notice.contains("not valid settings JSON") && notice.contains("moved to"),
            "{notice}"
        );
        assert!(!s.path().exists());
        let aside: Vec<_> = std::fs::read_dir(s.path().parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.to_string_lossy().contains(".corrupt-"))
            .collect();
        assert_eq!(aside.len(), 1);
        assert_eq!(
            std::fs::read_to_string(&aside[0]).unwrap(),
            "{\"host\": \"a\", trunc"
        );
    }

    #[test]
    fn absurd_values_are_not_used() {
        let (_d, s) = store();
        std::fs::create_dir_all(s.path().parent().unwrap()).unwrap();
        for bad in [
            r#"{"poll_interval_s": 5}"#,
            r#"{"port": 0}"#,
            r#"{"host": "a b"}"#,
            r#"{"port": "x"}"#,
            r#"{"charge_defaults": {"power_w": 99999, "target_soc_pct": 90, "duration_min": 120}}"#,
        ] {
            std::fs::write(s.path(), bad).unwrap();
            let l = s.load();
            assert_eq!(l.settings, Settings::default(), "{bad}");
            assert!(l.notice.is_some(), "{bad}");
        }
    }

    #[test]
    fn unknown_and_missing_fields_are_tolerated() {
        let (_d, s) = store();
        std::fs::create_dir_all(s.path().parent().unwrap()).unwrap();
        std::fs::write(s.path(), r#"{"host": " nestore.home ", "future_field": 1}"#).unwrap();
        let l = s.load();
        assert_eq!(l.settings.host.as_deref(), Some("nestore.home"));
        assert_eq!(l.settings.poll_interval_s, 300);
        assert!(l.notice.is_none());
    }

    #[test]
    fn validation_names_the_field() {
        let s = Settings {
            poll_interval_s: 59,
            ..Default::default()
        };
        assert!(s
            .validate()
            .unwrap_err()
            .to_string()
            .starts_with("poll interval"));
        let s = Settings {
            poll_interval_s: 60,
            ..Default::default()
        };
        assert!(s.validate().is_ok());
        let s = Settings {
            host: Some("x/y".into()),
            ..Default::default()
        };
        assert!(s.validate().unwrap_err().to_string().starts_with("host"));
    }
}
