//! `nestore schedule preview`: what the charge timers (`nestore-schedule`) in the app's
//! settings will send, and when, over the next hours. Nothing is sent and no device is
//! contacted: the settings file is read (bounded, without blocking, as the app reads it)
//! and the library's preview runs on a pretend clock.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Datelike, Local, SecondsFormat, SubsecRound, Timelike, Utc};
use clap::Subcommand;
use nestore::Command;
use nestore_i18n::{capitalise, Args};
use nestore_schedule::{Basis, Planned, Purpose, Rule};
use nestore_tray_core::files::{read_bounded, ReadError};
use nestore_tray_core::settings::{FILE_NAME, MAX_FILE_BYTES};
use serde_json::{json, Value};

use crate::text::{cat, label, t};
use crate::{exit, Failure};

// The app's identifier: Tauri's `app_config_dir()` is the platform config directory
// joined with it (`~/.config/org.nestore.tray` on Linux).
use crate::history::APP_IDENTIFIER;

/// The key of the timers in the settings file.
const TIMERS_KEY: &str = "timers";

#[derive(Subcommand)]
pub enum ScheduleCmd {
    /// What the timers will send and when, without sending anything.
    Preview(PreviewArgs),
}

#[derive(clap::Args)]
pub struct PreviewArgs {
    /// The folder of the app's settings file (default: the app's config folder).
    #[arg(long, value_parser = crate::history::parse_dir)]
    config_dir: Option<PathBuf>,
    /// How many hours ahead (1-336).
    #[arg(long, default_value_t = 48, value_parser = parse_hours)]
    hours: u32,
    /// As one JSON array, English keys, for scripts.
    #[arg(long)]
    json: bool,
}

/// The longest preview: two weeks.
const MAX_HOURS: u32 = 14 * 24;

fn parse_hours(s: &str) -> Result<u32, String> {
    match s.trim().parse::<u32>() {
        Ok(n) if (1..=MAX_HOURS).contains(&n) => Ok(n),
        _ => Err(label("cli-parse-hours")),
    }
}

pub fn run(cmd: ScheduleCmd) -> Result<(), Failure> {
    match cmd {
        ScheduleCmd::Preview(a) => preview(a),
    }
}

/// The settings' folder: `--config-dir`, else the app's config folder (as Tauri's
/// `app_config_dir()` finds it).
fn config_dir(given: Option<PathBuf>) -> Result<PathBuf, Failure> {
    given
        .or_else(|| dirs::config_dir().map(|d| d.join(APP_IDENTIFIER)))
        .ok_or_else(|| Failure(exit::USAGE, label("cli-schedule-no-config-dir")))
}

/// What the settings file holds for the timers.
enum Timers {
    /// No settings file: the app has not saved any (so no timers).
    NoFile,
    /// A settings file without timers.
    NoKey,
    Rules(Vec<Rule>),
}

fn path_arg(path: &Path) -> Args {
    Args::new().text("path", path.display().to_string())
}

/// The timers of the settings file at `path`: only its `timers` key is read, each timer
/// on its own, so an error names the one that is wrong.
fn load(path: &Path) -> Result<Timers, Failure> {
    let bytes = match read_bounded(path, MAX_FILE_BYTES) {
        Ok(b) => b,
        Err(ReadError::NotFound) => return Ok(Timers::NoFile),
        Err(e) => {
            let args = path_arg(path).text("reason", e.message(cat()));
            return Err(Failure(
                exit::SETTINGS,
                t("cli-schedule-file-unusable", &args),
            ));
        }
    };
    let settings: Value = serde_json::from_slice(&bytes).map_err(|e| {
        let args = path_arg(path).text("reason", e.to_string());
        Failure(exit::SETTINGS, t("cli-schedule-not-json", &args))
    })?;
    let Value::Object(mut settings) = settings else {
        return Err(Failure(
            exit::SETTINGS,
            t("cli-schedule-not-settings", &path_arg(path)),
        ));
    };
    let list = match settings.remove(TIMERS_KEY) {
        None | Some(Value::Null) => return Ok(Timers::NoKey),
        Some(Value::Array(list)) => list,
        Some(_) => {
            return Err(Failure(
                exit::SETTINGS,
                t("cli-schedule-not-a-list", &path_arg(path)),
            ))
        }
    };
    let mut rules = Vec::with_capacity(list.len());
    for (i, v) in list.into_iter().enumerate() {
        let rule = serde_json::from_value::<Rule>(v).map_err(|e| {
            let args = path_arg(path)
                .int("rule", i64::try_from(i + 1).unwrap_or(i64::MAX))
                .text("reason", e.to_string());
            Failure(exit::SETTINGS, t("cli-schedule-timer-unreadable", &args))
        })?;
        rules.push(rule);
    }
    Ok(Timers::Rules(rules))
}

fn number(i: usize) -> i64 {
    i64::try_from(i + 1).unwrap_or(i64::MAX)
}

fn preview(a: PreviewArgs) -> Result<(), Failure> {
    let path = config_dir(a.config_dir)?.join(FILE_NAME);
    let rules = match load(&path)? {
        Timers::Rules(rules) if !rules.is_empty() => rules,
        none => {
            if a.json {
                println!("[]");
            } else {
                let id = match none {
                    Timers::NoFile => "cli-schedule-no-file",
                    _ => "cli-schedule-no-timers",
                };
                println!("{}", t(id, &path_arg(&path)));
            }
            return Ok(());
        }
    };
    nestore_schedule::validate(&rules).map_err(|e| {
        let args = path_arg(&path).text("problem", e.message(cat()));
        Failure(exit::REJECTED, t("cli-schedule-refused", &args))
    })?;
    // Whole seconds: the times printed and in the JSON are whole seconds.
    let from = Utc::now().trunc_subsecs(0);
    let to = from + chrono::Duration::hours(i64::from(a.hours));
    let planned = nestore_schedule::preview(&rules, &Local, from, to);
    if a.json {
        let list: Vec<Value> = planned.iter().map(planned_json).collect();
        println!(
            "{}",
            serde_json::to_string_pretty(&list).expect("JSON values serialise")
        );
        return Ok(());
    }
    if planned.is_empty() {
        let args = Args::new().int("hours", i64::from(a.hours));
        println!("{}", t("cli-schedule-nothing", &args));
        return Ok(());
    }
    for p in &planned {
        println!("{}", line(p));
    }
    Ok(())
}

/// A local time as "Mon 27 Nov 02:00" in the catalogue's language, 24-hour.
fn when(at: DateTime<Utc>) -> String {
    let local = at.with_timezone(&Local);
    let args = Args::new()
        .int("weekday", i64::from(local.weekday().number_from_monday()))
        .int("day", i64::from(local.day()))
        .int("month", i64::from(local.month()))
        .text("time", format!("{:02}:{:02}", local.hour(), local.minute()));
    t("cli-schedule-when", &args)
}

/// One planned step as a line: when, then what (a sentence), then which timer.
fn line(p: &Planned) -> String {
    let rule = number(p.step.window.id.rule);
    let (what, id) = match p.step.purpose {
        // A timer "in the cheapest hours": without prices here, its last hours.
        Purpose::Start => (
            capitalise(&p.step.command.text(cat())),
            match p.step.window.basis {
                Basis::Fixed => "cli-schedule-start",
                Basis::Cheapest => "cli-schedule-start-cheapest",
                Basis::Fallback => "cli-schedule-start-fallback",
            },
        ),
        Purpose::Renew => (
            capitalise(&p.step.command.text(cat())),
            "cli-schedule-renew",
        ),
        Purpose::End => (label("cli-schedule-back-to-automatic"), "cli-schedule-end"),
    };
    let args = Args::new()
        .text("when", when(p.at))
        .text("command", what)
        .int("rule", rule);
    t(id, &args)
}

/// One planned step for `--json` (English keys, stable).
fn planned_json(p: &Planned) -> Value {
    let purpose = match p.step.purpose {
        Purpose::Start => "start",
        Purpose::Renew => "renew",
        Purpose::End => "end",
    };
    let command = match &p.step.command {
        Command::StartCharging(r) => json!({
            "kind": "start",
            "power_w": r.power_w,
            "target_soc_pct": r.target_soc_pct,
            "duration_s": r.duration.as_secs(),
        }),
        Command::StopCharging { duration } => json!({
            "kind": "stop",
            "power_w": null,
            "target_soc_pct": null,
            "duration_s": duration.as_secs(),
        }),
        Command::ResumeAutomatic => json!({
            "kind": "auto",
            "power_w": null,
            "target_soc_pct": null,
            "duration_s": null,
        }),
    };
    json!({
        "at": p.at.to_rfc3339_opts(SecondsFormat::Secs, true),
        "rule": number(p.step.window.id.rule),
        "purpose": purpose,
        "command": command,
    })
}
