//! The app's settings: a JSON file in the platform config directory, written atomically.
//! The service password is never here: it lives in the OS keyring.
//!
//! Loading never blocks and never reads more than [`MAX_FILE_BYTES`]. A file that cannot be
//! used at all is moved aside and the defaults load; a file with some bad fields keeps every
//! good one: only the bad ones go back to their defaults, the original is kept beside byte
//! for byte, and the notice names what was reset.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::files::{self, ReadError};

pub const FILE_NAME: &str = "settings.json";
pub const MIN_POLL_INTERVAL_S: u64 = 60;
pub const DEFAULT_POLL_INTERVAL_S: u64 = 300;
pub const MAX_POLL_INTERVAL_S: u64 = 24 * 3600;
/// A settings file is a few hundred bytes; a bigger one than this is not read.
pub const MAX_FILE_BYTES: u64 = 1 << 20;

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
    #[error("Host: {0}")]
    Host(String),
    #[error("Port: must be 1-65535")]
    Port,
    #[error("Poll interval: must be {MIN_POLL_INTERVAL_S}-{MAX_POLL_INTERVAL_S} s (the device is slow; the reference polls every 300 s)")]
    PollInterval,
    #[error("Last charge settings: {0}")]
    ChargeDefaults(String),
    /// `field` is the settings key (`alerts.low_bar`, …); the message names the setting
    /// as the window does ("Low-pressure alarm: must be between 1 and 1.8 bar").
    #[error("{message}")]
    Alerts {
        field: &'static str,
        message: String,
    },
}

impl SettingsError {
    /// The settings key of the bad field, as the window's form and `docs/ipc.md` name it:
    /// `host`, `port`, `poll_interval_s`, `charge_defaults`, `alerts.low_alarm_bar`, …
    pub fn field(&self) -> &'static str {
        match self {
            SettingsError::Host(_) => "host",
            SettingsError::Port => "port",
            SettingsError::PollInterval => "poll_interval_s",
            SettingsError::ChargeDefaults(_) => "charge_defaults",
            SettingsError::Alerts { field, .. } => field,
        }
    }

    /// What is wrong, as the rest of a sentence about the field: "it must be 1-65535".
    fn problem(&self) -> String {
        match self {
            SettingsError::Host(m) | SettingsError::ChargeDefaults(m) => m.clone(),
            SettingsError::Port | SettingsError::PollInterval => {
                format!("it must be {}", info(self.field()).rule)
            }
            // "Low-pressure alarm: must be …" → "it must be …"
            SettingsError::Alerts { message, .. } => match message.split_once(": ") {
                Some((_, must)) => format!("it {must}"),
                None => message.clone(),
            },
        }
    }
}

/// The thresholds' error as a settings error naming the field by its settings key.
fn alerts_error(e: nestore_watch::ThresholdError) -> SettingsError {
    let field = ALERT_FIELDS
        .iter()
        .find(|f| f.key.strip_prefix("alerts.") == Some(e.field))
        .map_or("alerts", |f| f.key);
    SettingsError::Alerts {
        field,
        message: e.to_string(),
    }
}

impl Settings {
    /// Checks every field; the error names the first bad one ([`SettingsError::field`]).
    pub fn validate(&self) -> Result<(), SettingsError> {
        // The port first: the host's check (the library's) refuses port 0 too.
        if self.port == 0 {
            return Err(SettingsError::Port);
        }
        if let Some(host) = &self.host {
            nestore::client::base_url(host, self.port)
                .map_err(|e| SettingsError::Host(e.to_string()))?;
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
            .map_err(|e| SettingsError::ChargeDefaults(e.to_string()))?;
        self.alerts.validate().map_err(alerts_error)
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

/// How the owner reads one field of the file.
struct FieldInfo {
    /// The settings key (`docs/ipc.md`); `alerts.x` for the thresholds.
    key: &'static str,
    label: &'static str,
    /// "were" rather than "was".
    plural: bool,
    unit: &'static str,
    /// What a value must be, after "it must be".
    rule: &'static str,
}

const fn field(
    key: &'static str,
    label: &'static str,
    plural: bool,
    unit: &'static str,
    rule: &'static str,
) -> FieldInfo {
    FieldInfo {
        key,
        label,
        plural,
        unit,
        rule,
    }
}

const FIELDS: &[FieldInfo] = &[
    field(
        "host",
        "device address",
        false,
        "",
        "a host name or IP address",
    ),
    field("port", "port", false, "", "1-65535"),
    field(
        "poll_interval_s",
        "poll interval",
        false,
        " s",
        "60-86400 s",
    ),
    field(
        "control_enabled",
        "control setting",
        false,
        "",
        "true or false",
    ),
    field("autostart", "autostart setting", false, "", "true or false"),
    field(
        "charge_defaults",
        "last charge settings",
        true,
        "",
        "power_w, target_soc_pct and duration_min",
    ),
    field(
        "alerts",
        "alert thresholds",
        true,
        "",
        "an object of thresholds",
    ),
];

const ALERT_FIELDS: &[FieldInfo] = &[
    field(
        "alerts.low_bar",
        "low-pressure warning level",
        false,
        " bar",
        "a number of bar",
    ),
    field(
        "alerts.low_alarm_bar",
        "low-pressure alarm level",
        false,
        " bar",
        "a number of bar",
    ),
    field(
        "alerts.high_bar",
        "high-pressure warning level",
        false,
        " bar",
        "a number of bar",
    ),
    field(
        "alerts.high_alarm_bar",
        "high-pressure alarm level",
        false,
        " bar",
        "a number of bar",
    ),
    field(
        "alerts.hysteresis_bar",
        "recovery margin",
        false,
        " bar",
        "a number of bar",
    ),
    field(
        "alerts.leak_bar_per_6h",
        "leak warning level",
        false,
        " bar per 6 h",
        "a number of bar per 6 h",
    ),
    field(
        "alerts.hold_readings",
        "number of readings to confirm",
        false,
        "",
        "a whole number",
    ),
    field(
        "alerts.offline_grace_min",
        "time before offline",
        false,
        " min",
        "a whole number of minutes",
    ),
    field(
        "alerts.reminder_h",
        "alarm reminder interval",
        false,
        " h",
        "a whole number of hours",
    ),
    field(
        "alerts.quiet_hours",
        "quiet hours",
        true,
        "",
        "null or two times of day such as [\"22:00:00\", \"07:00:00\"]",
    ),
];

fn info(key: &str) -> &'static FieldInfo {
    FIELDS
        .iter()
        .chain(ALERT_FIELDS)
        .find(|f| f.key == key)
        .unwrap_or(&FIELDS[FIELDS.len() - 1])
}

/// The value at a settings key (`alerts.low_bar` looks inside `alerts`).
fn value_at<'a>(settings: &'a Value, key: &str) -> Option<&'a Value> {
    key.split('.').try_fold(settings, |v, k| v.get(k))
}

/// A value as the owner reads it: `10 s`, `"a b"`, `on`; long ones cut short.
fn show(key: &str, v: &Value) -> String {
    const MAX: usize = 40;
    let text = match v {
        // Through f64 for fractions: "2" rather than "2.0", as the owner wrote it.
        Value::Number(n) if n.is_f64() => {
            format!("{}{}", n.as_f64().unwrap_or_default(), info(key).unit)
        }
        Value::Number(n) => format!("{n}{}", info(key).unit),
        Value::Bool(b) => (if *b { "on" } else { "off" }).to_owned(),
        Value::Null => "none".to_owned(),
        other => other.to_string(),
    };
    if text.chars().count() > MAX {
        format!("{}…", text.chars().take(MAX).collect::<String>())
    } else {
        text
    }
}

/// A field that was reset to its default on load.
#[derive(Debug)]
struct Reset {
    key: &'static str,
    /// The bad value as it was, when it is worth showing.
    value: Option<String>,
    problem: String,
}

impl Reset {
    fn sentence(&self) -> String {
        let f = info(self.key);
        let was = if f.plural { "were" } else { "was" };
        let defaults = serde_json::to_value(Settings::default()).unwrap_or_default();
        let to = match (self.key, value_at(&defaults, self.key)) {
            ("host", _) => "cleared (no device is set)".to_owned(),
            ("alerts", _) => "reset to their defaults".to_owned(),
            ("charge_defaults", _) => {
                let d = ChargeDefaults::default();
                format!(
                    "reset to {} W, {} %, {} min",
                    d.power_w, d.target_soc_pct, d.duration_min
                )
            }
            (key, Some(v)) => format!("reset to {}", show(key, v)),
            (_, None) => "reset to its default".to_owned(),
        };
        let why = match &self.value {
            Some(v) => format!("{v}; {}", self.problem),
            None => self.problem.clone(),
        };
        format!(
            "The {} in the settings file {was} not valid ({why}) and {was} {to}.",
            f.label
        )
    }
}

fn reset_field(s: &mut Settings, key: &str) {
    let d = Settings::default();
    let t = &mut s.alerts;
    let td = d.alerts.clone();
    match key {
        "host" => s.host = d.host,
        "port" => s.port = d.port,
        "poll_interval_s" => s.poll_interval_s = d.poll_interval_s,
        "control_enabled" => s.control_enabled = d.control_enabled,
        "autostart" => s.autostart = d.autostart,
        "charge_defaults" => s.charge_defaults = d.charge_defaults,
        "alerts.low_bar" => t.low_bar = td.low_bar,
        "alerts.low_alarm_bar" => t.low_alarm_bar = td.low_alarm_bar,
        "alerts.high_bar" => t.high_bar = td.high_bar,
        "alerts.high_alarm_bar" => t.high_alarm_bar = td.high_alarm_bar,
        "alerts.hysteresis_bar" => t.hysteresis_bar = td.hysteresis_bar,
        "alerts.leak_bar_per_6h" => t.leak_bar_per_6h = td.leak_bar_per_6h,
        "alerts.hold_readings" => t.hold_readings = td.hold_readings,
        "alerts.offline_grace_min" => t.offline_grace_min = td.offline_grace_min,
        "alerts.reminder_h" => t.reminder_h = td.reminder_h,
        "alerts.quiet_hours" => t.quiet_hours = td.quiet_hours,
        _ => s.alerts = td,
    }
}

/// The thresholds object with every key that does not deserialise left out (and noted).
fn usable_alerts(v: &Value, resets: &mut Vec<Reset>) -> Option<Value> {
    let Some(obj) = v.as_object() else {
        resets.push(Reset {
            key: "alerts",
            value: Some(show("alerts", v)),
            problem: format!("it must be {}", info("alerts").rule),
        });
        return None;
    };
    let mut good = Map::new();
    for (k, v) in obj {
        let single = Value::Object(Map::from_iter([(k.clone(), v.clone())]));
        if serde_json::from_value::<nestore_watch::Thresholds>(single).is_ok() {
            good.insert(k.clone(), v.clone());
        } else if let Some(f) = ALERT_FIELDS.iter().find(|f| f.key[7..] == **k) {
            resets.push(Reset {
                key: f.key,
                value: Some(show(f.key, v)),
                problem: format!("it must be {}", f.rule),
            });
        }
    }
    Some(Value::Object(good))
}

/// The settings in a JSON object, every usable field kept and every other one at its
/// default; the resets say which and why. The result always validates.
fn recover(obj: &Map<String, Value>) -> (Settings, Vec<Reset>) {
    let mut resets = Vec::new();
    let mut good = Map::new();
    for (k, v) in obj {
        let Some(f) = FIELDS.iter().find(|f| f.key == k) else {
            continue; // unknown fields (a newer version's) are ignored
        };
        let v = if f.key == "alerts" {
            match usable_alerts(v, &mut resets) {
                Some(v) => v,
                None => continue,
            }
        } else {
            v.clone()
        };
        let single = Value::Object(Map::from_iter([(k.clone(), v.clone())]));
        if serde_json::from_value::<Settings>(single).is_ok() {
            good.insert(k.clone(), v);
        } else {
            resets.push(Reset {
                key: f.key,
                value: Some(show(f.key, &v)),
                problem: format!("it must be {}", f.rule),
            });
        }
    }
    let mut s = serde_json::from_value::<Settings>(Value::Object(good))
        .unwrap_or_default()
        .normalised();
    // Each round resets the field the error names; a threshold that fails again (its
    // default does not fit the others) takes all the thresholds back to their defaults.
    let mut done: Vec<&str> = Vec::new();
    while let Err(e) = s.validate() {
        let key = e.field();
        if done.contains(&key) && key.starts_with("alerts") && !done.contains(&"alerts") {
            // A threshold's default does not fit the others: all of them go back to their
            // defaults, in one sentence instead of one for each threshold.
            let first = resets
                .iter()
                .position(|r| r.key.starts_with("alerts."))
                .map(|i| resets.remove(i));
            resets.retain(|r| !r.key.starts_with("alerts."));
            let (key, value, problem) =
                first.map_or((key, None, e.problem()), |r| (r.key, r.value, r.problem));
            let label = info(key).label;
            resets.push(Reset {
                key: "alerts",
                value: None,
                problem: match value {
                    Some(v) => format!("{label} {v}: {problem}"),
                    None => format!("{label}: {problem}"),
                },
            });
            s.alerts = nestore_watch::Thresholds::default();
            done.push("alerts");
            continue;
        }
        if done.contains(&key) {
            // Cannot happen (every default is valid); never loop.
            tracing::error!("settings still invalid after resetting {key}: {e}");
            return (Settings::default(), resets);
        }
        let before = serde_json::to_value(&s).unwrap_or_default();
        resets.push(Reset {
            key,
            value: (key != "alerts")
                .then(|| value_at(&before, key).map(|v| show(key, v)))
                .flatten(),
            problem: e.problem(),
        });
        reset_field(&mut s, key);
        done.push(key);
    }
    (s, resets)
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
        let e = s.validate().unwrap_err();
        assert_eq!(e.field(), "poll_interval_s");
        assert!(
            e.to_string()
                .starts_with("Poll interval: must be 60-86400 s"),
            "{e}"
        );
        let s = Settings {
            poll_interval_s: 60,
            ..Default::default()
        };
        assert!(s.validate().is_ok());
        let s = Settings {
            host: Some("x/y".into()),
            ..Default::default()
        };
        let e = s.validate().unwrap_err();
        assert_eq!(e.field(), "host");
        assert!(e.to_string().starts_with("Host: "), "{e}");
        let s = Settings {
            port: 0,
            ..Default::default()
        };
        assert_eq!(s.validate().unwrap_err().field(), "port");
        let mut s = Settings::default();
        s.charge_defaults.power_w = 99_999;
        assert_eq!(s.validate().unwrap_err().field(), "charge_defaults");
    }

    fn with_alerts(f: impl FnOnce(&mut nestore_watch::Thresholds)) -> Settings {
        let mut s = Settings::default();
        f(&mut s.alerts);
        s
    }

    #[test]
    fn bad_thresholds_are_refused_and_the_error_names_the_field() {
        type Spoil = fn(&mut nestore_watch::Thresholds);
        let cases: [(Spoil, &str); 6] = [
            (|t| t.low_alarm_bar = 0.0, "alerts.low_alarm_bar"),
            (|t| t.low_bar = 1.0, "alerts.low_bar"),
            (|t| t.high_alarm_bar = 11.0, "alerts.high_alarm_bar"),
            (|t| t.hold_readings = 0, "alerts.hold_readings"),
            (|t| t.offline_grace_min = 0, "alerts.offline_grace_min"),
            (|t| t.reminder_h = 1000, "alerts.reminder_h"),
        ];
        for (bad, field) in cases {
            let s = with_alerts(bad);
            let e = s.validate().unwrap_err();
            assert_eq!(e.field(), field, "{e}");
            // The watch's words, which name the setting as the window does.
            assert_eq!(e.to_string(), s.alerts.validate().unwrap_err().to_string());
        }
        assert!(with_alerts(|t| t.hold_readings = 3).validate().is_ok());
    }

    fn write(s: &SettingsStore, text: impl AsRef<[u8]>) {
        std::fs::create_dir_all(s.path().parent().unwrap()).unwrap();
        std::fs::write(s.path(), text).unwrap();
    }

    fn set_aside_files(s: &SettingsStore) -> Vec<PathBuf> {
        let mut v: Vec<_> = std::fs::read_dir(s.path().parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.to_string_lossy().contains(".corrupt-"))
            .collect();
        v.sort();
        v
    }

    #[test]
    fn one_bad_field_is_reset_and_every_other_field_is_kept() {
        let (_d, s) = store();
        let original = r#"{"host": "192.0.2.7", "port": 4806, "poll_interval_s": 10, "control_enabled": true}"#;
        write(&s, original);
        let l = s.load();
        let want = Settings {
            host: Some("192.0.2.7".into()),
            port: 4806,
            control_enabled: true,
            ..Default::default()
        };
        assert_eq!(l.settings, want);
        let aside = set_aside_files(&s);
        assert_eq!(aside.len(), 1);
        assert_eq!(
            l.notice.as_deref(),
            Some(
                format!(
                    "The poll interval in the settings file was not valid (10 s; it must be 60-86400 s) \
                     and was reset to 300 s. The file was kept as {}.",
                    aside[0].display()
                )
                .as_str()
            )
        );
        // The original beside, byte for byte; the corrected settings in its place.
        assert_eq!(std::fs::read_to_string(&aside[0]).unwrap(), original);
        assert_eq!(
            s.load(),
            Loaded {
                settings: want,
                notice: None
            }
        );
    }

    #[test]
    fn fields_of_the_wrong_type_are_reset_one_by_one() {
        let (_d, s) = store();
        write(
            &s,
            r#"{"host": "nestore.home", "port": "x", "autostart": "yes", "poll_interval_s": 900}"#,
        );
        let l = s.load();
        assert_eq!(l.settings.host.as_deref(), Some("nestore.home"));
        assert_eq!(l.settings.poll_interval_s, 900);
        assert_eq!(l.settings.port, Settings::default().port);
        assert!(!l.settings.autostart);
        let notice = l.notice.unwrap();
        assert!(
            notice.contains(r#"The port in the settings file was not valid ("x"; it must be 1-65535) and was reset to 4805."#)
                && notice.contains(r#"The autostart setting in the settings file was not valid ("yes"; it must be true or false) and was reset to off."#),
            "{notice}"
        );
    }

    #[test]
    fn bad_thresholds_in_the_file_fall_back_to_their_defaults_and_the_rest_is_kept() {
        let (_d, s) = store();
        write(
            &s,
            r#"{"host": "192.0.2.7", "poll_interval_s": 600,
                "alerts": {"low_alarm_bar": 0, "hold_readings": 3, "reminder_h": "soon"}}"#,
        );
        let l = s.load();
        assert_eq!(l.settings.host.as_deref(), Some("192.0.2.7"));
        assert_eq!(l.settings.poll_interval_s, 600);
        let defaults = nestore_watch::Thresholds::default();
        assert_eq!(l.settings.alerts.low_alarm_bar, defaults.low_alarm_bar);
        assert_eq!(l.settings.alerts.reminder_h, defaults.reminder_h);
        assert_eq!(l.settings.alerts.hold_readings, 3);
        assert!(l.settings.validate().is_ok());
        let notice = l.notice.unwrap();
        assert!(
            notice.contains("The low-pressure alarm level in the settings file was not valid (0 bar; it must be between 1 and 1.8 bar) and was reset to 1.5 bar.")
                && notice.contains(r#"The alarm reminder interval in the settings file was not valid ("soon"; it must be a whole number of hours) and was reset to 12 h."#)
                && notice.contains("The file was kept as"),
            "{notice}"
        );
    }

    #[test]
    fn thresholds_that_do_not_fit_together_all_go_back_to_their_defaults() {
        let (_d, s) = store();
        write(
            &s,
            r#"{"host": "192.0.2.7", "alerts": {"high_bar": 4.0, "high_alarm_bar": 3.9}}"#,
        );
        let l = s.load();
        assert_eq!(l.settings.host.as_deref(), Some("192.0.2.7"));
        assert_eq!(l.settings.alerts, nestore_watch::Thresholds::default());
        let notice = l.notice.unwrap();
        assert!(
            notice.starts_with("The alert thresholds in the settings file were not valid (high-pressure alarm level 3.9 bar: it must be above")
                && notice.contains("and were reset to their defaults. The file was kept as"),
            "{notice}"
        );
    }

    #[test]
    fn a_file_set_aside_never_replaces_one_set_aside_before() {
        let (_d, s) = store();
        // Twice in a row, within the same second as a rule: two files kept, each whole.
        write(&s, "{first");
        s.load();
        write(&s, "{second");
        s.load();
        write(&s, r#"{"port": 0}"#);
        s.load();
        let kept: Vec<_> = set_aside_files(&s)
            .iter()
            .map(|p| std::fs::read_to_string(p).unwrap())
            .collect();
        let mut sorted = kept.clone();
        sorted.sort();
        assert_eq!(sorted, ["{\"port\": 0}", "{first", "{second"], "{kept:?}");
    }

    #[test]
    fn a_huge_host_is_refused() {
        let label = "a".repeat(63);
        let max = nestore::client::MAX_HOST_LEN;
        let longest = [label.as_str(); 4].join(".")[..max].to_owned();
        let s = Settings {
            host: Some(longest.trim_end_matches('.').to_owned()),
            ..Default::default()
        };
        assert!(s.validate().is_ok());
        for len in [max + 1, 1_000_000] {
            let s = Settings {
                host: Some("a".repeat(len)),
                ..Default::default()
            };
            let e = s.validate().unwrap_err();
            assert_eq!(e.field(), "host");
            assert!(e.to_string().len() < 200, "a short message: {e}");
        }
        // In the file: the host is cleared, the rest kept, and the notice stays short.
        let (_d, store) = store();
        write(
            &store,
            format!(r#"{{"host": "{}", "port": 4806}}"#, "a".repeat(1_000_000)),
        );
        let l = store.load();
        assert_eq!((l.settings.host, l.settings.port), (None, 4806));
        let notice = l.notice.unwrap();
        assert!(
            notice.starts_with("The device address in the settings file was not valid")
                && notice.contains("cleared")
                && notice.len() < 600,
            "{notice}"
        );
    }

    #[test]
    fn a_file_above_the_bound_is_not_read_but_set_aside() {
        let (_d, s) = store();
        // Valid JSON, padded with blanks past the bound.
        let mut text = br#"{"host": "192.0.2.7"}"#.to_vec();
        text.resize(MAX_FILE_BYTES as usize + 1, b' ');
        write(&s, &text);
        let l = s.load();
        assert_eq!(l.settings, Settings::default());
        let notice = l.notice.unwrap();
        assert!(
            notice.contains("too large") && notice.contains("moved to"),
            "{notice}"
        );
        let aside = set_aside_files(&s);
        assert_eq!(std::fs::read(&aside[0]).unwrap(), text);
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_in_place_of_the_file_does_not_hang_the_start() {
        let (_d, s) = store();
        std::fs::create_dir_all(s.path().parent().unwrap()).unwrap();
        let c = std::ffi::CString::new(s.path().as_os_str().as_encoded_bytes()).unwrap();
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        let (tx, rx) = std::sync::mpsc::channel();
        let store = s.clone();
        std::thread::spawn(move || tx.send(store.load()).unwrap());
        let l = match rx.recv_timeout(std::time::Duration::from_secs(20)) {
            Ok(l) => l,
            Err(_) => {
                // Release the blocked reader (a writer end appears), then fail.
                let _ = std::fs::OpenOptions::new().write(true).open(s.path());
                panic!("loading blocks on a FIFO");
            }
        };
        assert_eq!(l.settings, Settings::default());
        let notice = l.notice.unwrap();
        assert!(
            notice.contains("named pipe") && notice.contains("moved to"),
            "{notice}"
        );
        assert!(!s.path().exists());
        // Saving then writes a regular file in its place.
        s.save(&Settings::default()).unwrap();
        assert_eq!(s.load().notice, None);
    }

    #[test]
    fn save_replaces_the_file_and_never_writes_into_the_old_one() {
        let (_d, s) = store();
        let old = Settings {
            host: Some("192.0.2.7".into()),
            ..Default::default()
        };
        s.save(&old).unwrap();
        let old_bytes = std::fs::read(s.path()).unwrap();
        // A second name for the old file: an in-place overwrite would show through it.
        let link = s.path().with_file_name("old-settings.json");
        std::fs::hard_link(s.path(), &link).unwrap();
        let new = Settings {
            host: Some("192.0.2.8".into()),
            poll_interval_s: 900,
            ..Default::default()
        };
        s.save(&new).unwrap();
        assert_eq!(std::fs::read(&link).unwrap(), old_bytes);
        assert_eq!(s.load().settings, new);
    }
}
