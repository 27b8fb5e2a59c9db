//! Loading a settings file field by field: every field that reads and validates is kept,
//! every other one goes back to its default, and each reset is said in the owner's words.

use serde_json::{Map, Value};

use super::{ChargeDefaults, Settings};

/// How the owner reads one field of the file.
pub(super) struct FieldInfo {
    /// The settings key (`docs/ipc.md`); `alerts.x` for the thresholds.
    pub(super) key: &'static str,
    label: &'static str,
    /// "were" rather than "was".
    plural: bool,
    unit: &'static str,
    /// What a value must be, after "it must be".
    pub(super) rule: &'static str,
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
        "history_enabled",
        "keep history setting",
        false,
        "",
        "true or false",
    ),
    field(
        "history_keep_days",
        "history period",
        false,
        " days",
        "null (keep everything) or 365-36500 days",
    ),
    field(
        "language",
        "language",
        false,
        "",
        "\"system\", \"en\" or \"nl\"",
    ),
    field(
        "alerts",
        "alert thresholds",
        true,
        "",
        "an object of thresholds",
    ),
];

pub(super) const ALERT_FIELDS: &[FieldInfo] = &[
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

pub(super) fn info(key: &str) -> &'static FieldInfo {
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
pub(super) struct Reset {
    pub(super) key: &'static str,
    /// The bad value as it was, when it is worth showing.
    value: Option<String>,
    problem: String,
}

impl Reset {
    pub(super) fn sentence(&self) -> String {
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
        "history_enabled" => s.history_enabled = d.history_enabled,
        "history_keep_days" => s.history_keep_days = d.history_keep_days,
        "language" => s.language = d.language,
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
pub(super) fn recover(obj: &Map<String, Value>) -> (Settings, Vec<Reset>) {
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
