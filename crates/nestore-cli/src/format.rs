//! Human output: every reading with its unit, commands and errors in words, all from the
//! catalogue (`text`).

use std::fmt::Write;

use chrono::{Datelike, Local};
use nestore::control::ValidationError;
use nestore::reading::Field;
use nestore::{Command, Error, Measure, Reading};
use nestore_i18n::Args;

use crate::text::{cat, label, t};

/// A unit, with the catalogue's message that writes a value in it and the decimals it is
/// rounded to.
#[derive(Clone, Copy)]
enum Unit {
    Percent,
    Kwh,
    KwhFine,
    Lpm,
    Bar,
    Watt,
    Celsius,
    Litre,
}

impl Unit {
    fn message(self) -> (&'static str, usize) {
        match self {
            Unit::Percent => ("cli-unit-percent", 1),
            Unit::Kwh => ("cli-unit-kwh", 1),
            Unit::KwhFine => ("cli-unit-kwh-fine", 2),
            Unit::Lpm => ("cli-unit-lpm", 1),
            Unit::Bar => ("cli-unit-bar", 2),
            Unit::Watt => ("cli-unit-watt", 0),
            Unit::Celsius => ("cli-unit-celsius", 1),
            Unit::Litre => ("cli-unit-litre", 0),
        }
    }
}

/// `v` in `unit`, rounded to at most `decimals`.
fn value(v: f64, unit: Unit, decimals: usize) -> String {
    t(unit.message().0, &Args::new().decimal("value", v, decimals))
}

fn measure(m: Measure, unit: Unit) -> String {
    match m {
        Measure::Reported(v) => value(v, unit, unit.message().1),
        Measure::NotReported => label("cli-not-reported"),
        // What the device sent, more precisely than a good value: it cannot be right.
        Measure::Implausible(v) => t(
            "cli-implausible",
            &Args::new().text("value", value(v, unit, 3)),
        ),
    }
}

/// The pressure is the owner's main health signal: a missing one says where to look.
fn pressure(m: Measure) -> String {
    match m {
        Measure::NotReported => label("cli-pressure-not-reported"),
        m => measure(m, Unit::Bar),
    }
}

fn yes_no(b: Option<bool>) -> String {
    label(match b {
        Some(true) => "cli-yes",
        Some(false) => "cli-no",
        None => "cli-not-reported",
    })
}

/// The local date and time of `at`, 24-hour with seconds.
fn date_time(at: chrono::DateTime<chrono::Utc>) -> String {
    let local = at.with_timezone(&Local);
    let args = Args::new()
        .int("year", i64::from(local.year()))
        .int("month", i64::from(local.month()))
        .int("day", i64::from(local.day()))
        .text("time", local.format("%H:%M:%S").to_string());
    t("cli-date-time", &args)
}

pub fn status(r: &Reading) -> String {
    let zones = r.zone_temps_c.map(|z| measure(z, Unit::Celsius));
    let [z1, z2, z3, z4, z5] = zones;
    let zones = Args::new()
        .text("zone1", z1)
        .text("zone2", z2)
        .text("zone3", z3)
        .text("zone4", z4)
        .text("zone5", z5);
    let rows = [
        ("cli-status-soc", measure(r.soc_pct, Unit::Percent)),
        (
            "cli-status-soc-total",
            measure(r.soc_total_pct, Unit::Percent),
        ),
        (
            "cli-status-stored-energy",
            measure(r.stored_energy_kwh, Unit::KwhFine),
        ),
        ("cli-status-flow", measure(r.hot_water_flow_lpm, Unit::Lpm)),
        ("cli-status-pressure", pressure(r.pressure_bar)),
        (
            "cli-status-heater-power",
            measure(r.heater_power_w, Unit::Watt),
        ),
        (
            "cli-status-heater-outlet",
            measure(r.heater_outlet_c, Unit::Celsius),
        ),
        ("cli-status-zones", t("cli-status-zones-value", &zones)),
        (
            "cli-status-dhw-energy",
            measure(r.dhw_energy_total_kwh, Unit::Kwh),
        ),
        (
            "cli-status-charged-energy",
            measure(r.heater_energy_total_kwh, Unit::Kwh),
        ),
        (
            "cli-status-water-volume",
            measure(r.water_volume_total_l, Unit::Litre),
        ),
        (
            "cli-status-state",
            r.state.clone().unwrap_or_else(|| label("cli-not-reported")),
        ),
        ("cli-status-dependent-mode", yes_no(r.dependent_mode)),
        ("cli-status-online-mode", yes_no(r.online_mode)),
        ("cli-status-read-at", date_time(r.read_at)),
    ];
    let rows = rows.map(|(id, value)| (label(id), value));
    // The values line up one space after the longest label.
    let width = rows
        .iter()
        .map(|(l, _)| l.chars().count())
        .max()
        .unwrap_or(0)
        + 1;
    let mut out = String::new();
    for (label, value) in rows {
        let _ = writeln!(out, "{label:<width$} {value}");
    }
    out
}

/// The local time of day, 24-hour with seconds, for `watch`'s lines.
pub fn time_of_day(at: chrono::DateTime<chrono::Utc>) -> String {
    at.with_timezone(&Local).format("%H:%M:%S").to_string()
}

/// One line for `watch`.
pub fn line(r: &Reading) -> String {
    let state = r
        .state
        .clone()
        .unwrap_or_else(|| label("cli-watch-state-not-reported"));
    let args = Args::new()
        .text("time", time_of_day(r.read_at))
        .text("soc", measure(r.soc_pct, Unit::Percent))
        .text("bar", pressure(r.pressure_bar))
        .text("heater", measure(r.heater_power_w, Unit::Watt))
        .text("state", state);
    t("cli-watch-line", &args)
}

/// What a command asks of the device, in words (the library's, as the app says it).
pub fn command(cmd: &Command) -> String {
    cmd.text(cat())
}

/// Why a command was refused before sending (the library's words, as the app says them).
fn rejected(e: &ValidationError) -> String {
    e.message(cat())
}

/// A failure of the device library, in words (one line). `watch --json` keeps the
/// library's own English words instead.
pub fn error(e: &Error) -> String {
    let url = |url: &str| Args::new().text("url", url.to_owned());
    match e {
        Error::Unreachable { url: u, reason } => t(
            "cli-error-unreachable",
            &url(u).text("reason", reason.clone()),
        ),
        Error::Timeout { url: u, secs } => {
            t("cli-error-timeout", &url(u).decimal("secs", *secs, 1))
        }
        Error::Status { url: u, status } => t(
            "cli-error-status",
            &url(u).int("status", i64::from(*status)),
        ),
        Error::Redirected { url: u, status } => t(
            "cli-error-redirected",
            &url(u).int("status", i64::from(*status)),
        ),
        Error::CommandTimeout { secs, maybe_sent } => t(
            if *maybe_sent {
                "cli-error-command-timeout-maybe-sent"
            } else {
                "cli-error-command-timeout-not-sent"
            },
            &Args::new().decimal("secs", *secs, 1),
        ),
        Error::Malformed { url: u, reason } => t(
            "cli-error-malformed",
            &url(u).text("reason", reason.clone()),
        ),
        Error::MissingField { field } => {
            let key = Args::new().text("key", field.wire_key());
            match field {
                Field::Soc => t("cli-error-missing-soc", &key),
                _ => t("cli-error-missing-field", &key),
            }
        }
        Error::Unauthorized => label("cli-error-unauthorized"),
        Error::NoPassword => label("cli-error-no-password"),
        Error::Rejected(why) => t(
            "cli-error-rejected",
            &Args::new().text("reason", rejected(why)),
        ),
        Error::UnknownApi { url: u } => t("cli-error-unknown-api", &url(u)),
        Error::BadAddress(why) => t(
            "cli-error-bad-address",
            &Args::new().text("reason", why.clone()),
        ),
    }
}
