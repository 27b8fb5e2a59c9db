//! Loading a settings file field by field: every field that reads and validates is kept,
//! every other one goes back to its default, and each reset is said in the owner's words
//! (in the catalogue's language, once the settings, which hold the language, are loaded).

use nestore_i18n::{Args, Catalogue, Language};
use serde_json::{Map, Value};

use super::{ChargeDefaults, Settings, SettingsError};

/// How the owner reads one field of the file. Its words are in the catalogue, by the key:
/// `settings-field-<key>` (the name; `.the` with its article) and `settings-rule-<key>`
/// (what a value must be), with "-" for "_" and ".".
pub(super) struct FieldInfo {
    /// The settings key (`docs/ipc.md`); `alerts.x` for the thresholds.
    pub(super) key: &'static str,
    /// "were" rather than "was".
    plural: bool,
    /// The unit a value is shown in: a `settings-value-<unit>` message, or none.
    unit: Option<&'static str>,
}

const fn field(key: &'static str, plural: bool, unit: Option<&'static str>) -> FieldInfo {
    FieldInfo { key, plural, unit }
}

const FIELDS: &[FieldInfo] = &[
    field("host", false, None),
    field("port", false, None),
    field("poll_interval_s", false, Some("s")),
    field("control_enabled", false, None),
    field("autostart", false, None),
    field("charge_defaults", true, None),
    field("history_enabled", false, None),
    field("history_keep_days", false, Some("days")),
    field("language", false, None),
    field("timers", true, None),
    field("low_charge_pct", false, Some("percent")),
    field("price_source", false, None),
    field("alerts", true, None),
];

pub(super) const ALERT_FIELDS: &[FieldInfo] = &[
    field("alerts.low_bar", false, Some("bar")),
    field("alerts.low_alarm_bar", false, Some("bar")),
    field("alerts.high_bar", false, Some("bar")),
    field("alerts.high_alarm_bar", false, Some("bar")),
    field("alerts.hysteresis_bar", false, Some("bar")),
    field("alerts.leak_bar_per_6h", false, Some("bar-per-6h")),
    field("alerts.hold_readings", false, None),
    field("alerts.offline_grace_min", false, Some("min")),
    field("alerts.reminder_h", false, Some("h")),
    field("alerts.quiet_hours", true, None),
];

pub(super) fn info(key: &str) -> &'static FieldInfo {
    FIELDS
        .iter()
        .chain(ALERT_FIELDS)
        .find(|f| f.key == key)
        .unwrap_or(&FIELDS[FIELDS.len() - 1])
}

/// A settings key as a message id's tail: `alerts.low_bar` → `alerts-low-bar`.
fn slug(key: &str) -> String {
    key.replace(['_', '.'], "-")
}

/// The field's name: "poll interval"; with its article (`the`), as a sentence starts.
fn label(cat: &Catalogue, key: &str, the: bool) -> String {
    let id = format!("settings-field-{}", slug(info(key).key));
    if the {
        cat.label(&format!("{id}.the"))
    } else {
        cat.label(&id)
    }
}

/// What a value of the field must be, as the rest of a sentence: "it must be 1-65535".
pub(super) fn rule(cat: &Catalogue, key: &str) -> String {
    cat.label(&format!("settings-rule-{}", slug(info(key).key)))
}

/// The value at a settings key (`alerts.low_bar` looks inside `alerts`).
fn value_at<'a>(settings: &'a Value, key: &str) -> Option<&'a Value> {
    key.split('.').try_fold(settings, |v, k| v.get(k))
}

/// A value as the owner reads it: `10 s`, `"a b"`, `on`, in the catalogue's language
/// (`2,5 bar`, `aan`); long ones cut short.
fn show(cat: &Catalogue, key: &str, v: &Value) -> String {
    const MAX: usize = 40;
    let with_unit = |number: String| match info(key).unit {
        Some(unit) => cat.t(
            &format!("settings-value-{unit}"),
            &Args::new().text("value", number),
        ),
        None => number,
    };
    let text = match v {
        // Through f64 for fractions: "2" rather than "2.0", as the owner wrote it.
        Value::Number(n) if n.is_f64() => {
            let written = n.as_f64().unwrap_or_default().to_string();
            with_unit(match cat.language() {
                Language::Dutch => written.replace('.', ","),
                Language::English => written,
            })
        }
        Value::Number(n) => with_unit(n.to_string()),
        Value::Bool(b) => cat.label(if *b {
            "settings-value-on"
        } else {
            "settings-value-off"
        }),
        Value::Null => cat.label("settings-value-none"),
        other => other.to_string(),
    };
    if text.chars().count() > MAX {
        format!("{}…", text.chars().take(MAX).collect::<String>())
    } else {
        text
    }
}

/// Why a field was reset.
#[derive(Debug)]
enum Problem {
    /// The value is not of the field's kind: what it must be.
    Rule(&'static str),
    /// The value is of its kind, but not allowed.
    Invalid(SettingsError),
    /// The thresholds do not fit together: the one that failed, its value, and why.
    Threshold {
        key: &'static str,
        value: Option<Value>,
        problem: Box<Problem>,
    },
}

impl Problem {
    fn words(&self, cat: &Catalogue) -> String {
        match self {
            Problem::Rule(key) => rule(cat, key),
            Problem::Invalid(e) => e.problem(cat),
            Problem::Threshold {
                key,
                value,
                problem,
            } => {
                let problem = problem.words(cat);
                match value {
                    Some(v) => format!(
                        "{} {}: {problem}",
                        label(cat, key, false),
                        show(cat, key, v)
                    ),
                    None => format!("{}: {problem}", label(cat, key, false)),
                }
            }
        }
    }
}

/// A field that was reset to its default on load.
#[derive(Debug)]
pub(super) struct Reset {
    pub(super) key: &'static str,
    /// The bad value as it was, when it is worth showing.
    value: Option<Value>,
    problem: Problem,
}

impl Reset {
    /// One sentence in the catalogue's language: "The poll interval in the settings file
    /// was not valid (10 s; it must be 60-86400 s) and was reset to 300 s."
    pub(super) fn sentence(&self, cat: &Catalogue) -> String {
        let f = info(self.key);
        let defaults = serde_json::to_value(Settings::default()).unwrap_or_default();
        let to = match (self.key, value_at(&defaults, self.key)) {
            ("host", _) => cat.label("settings-reset-cleared"),
            ("alerts", _) => cat.label("settings-reset-to-defaults"),
            ("low_charge_pct", _) => cat.t(
                "settings-reset-to",
                &Args::new().text("value", cat.label("settings-value-off")),
            ),
            ("charge_defaults", _) => {
                let d = ChargeDefaults::default();
                cat.t(
                    "settings-reset-to-charge",
                    &Args::new()
                        .int("power", i64::from(d.power_w))
                        .int("target", i64::from(d.target_soc_pct))
                        .int("minutes", i64::from(d.duration_min)),
                )
            }
            (key, Some(v)) => cat.t(
                "settings-reset-to",
                &Args::new().text("value", show(cat, key, v)),
            ),
            (_, None) => cat.label("settings-reset-to-default"),
        };
        let problem = self.problem.words(cat);
        let why = match &self.value {
            Some(v) => format!("{}; {problem}", show(cat, self.key, v)),
            None => problem,
        };
        let sentence = cat.t(
            "settings-reset",
            &Args::new()
                .text("field", label(cat, self.key, true))
                .int("count", if f.plural { 2 } else { 1 })
                .text("why", why)
                .text("to", to),
        );
        nestore_i18n::capitalise(&sentence)
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
        "timers" => s.timers = d.timers,
        "low_charge_pct" => s.low_charge_pct = d.low_charge_pct,
        "price_source" => s.price_source = d.price_source,
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
            value: Some(v.clone()),
            problem: Problem::Rule("alerts"),
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
                value: Some(v.clone()),
                problem: Problem::Rule(f.key),
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
                value: Some(v),
                problem: Problem::Rule(f.key),
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
            let (key, value, problem) = first.map_or((key, None, Problem::Invalid(e)), |r| {
                (r.key, r.value, r.problem)
            });
            resets.push(Reset {
                key: "alerts",
                value: None,
                problem: Problem::Threshold {
                    key,
                    value,
                    problem: Box::new(problem),
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
                .then(|| value_at(&before, key).cloned())
                .flatten(),
            problem: Problem::Invalid(e),
        });
        reset_field(&mut s, key);
        done.push(key);
    }
    (s, resets)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_has_its_words_in_both_languages() {
        for lang in Language::ALL {
            let cat = Catalogue::get(lang);
            for f in FIELDS.iter().chain(ALERT_FIELDS) {
                let id = format!("settings-field-{}", slug(f.key));
                for id in [
                    id.clone(),
                    format!("{id}.the"),
                    format!("settings-rule-{}", slug(f.key)),
                ] {
                    assert!(cat.has(&id), "{lang:?}: no {id}");
                }
                if let Some(unit) = f.unit {
                    assert!(
                        cat.has(&format!("settings-value-{unit}")),
                        "{lang:?}: {unit}"
                    );
                }
                assert!(!label(cat, f.key, true).starts_with("settings-"));
            }
        }
        let nl = Catalogue::get(Language::Dutch);
        assert_eq!(
            show(nl, "alerts.leak_bar_per_6h", &serde_json::json!(0.25)),
            "0,25 bar per 6 uur"
        );
        assert_eq!(show(nl, "autostart", &serde_json::json!(true)), "aan");
        assert_eq!(show(nl, "history_keep_days", &Value::Null), "geen");
    }
}
