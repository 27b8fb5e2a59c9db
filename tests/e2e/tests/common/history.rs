//! The app's history file (`--data-dir DIR` → `DIR/history.sqlite3`): read while the app
//! runs (read-only, beside its writer, as the CLI does), seeded before it starts, and the
//! save dialog of "Export CSV" driven with xdotool.

use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::{DateTime, Utc};
use nestore::reading::{Measure, Reading};
use nestore_history::{Event, Record, Store, StoredReading};

use super::{wait_for, Result, STEP};

/// The history file the app keeps in `data_dir` for a real (not demo) device.
pub fn history_file(data_dir: &Path) -> PathBuf {
    data_dir.join(nestore_history::FILE_NAME)
}

/// A range that holds everything a test stores: from 1970 to a day from now.
fn everything() -> (DateTime<Utc>, DateTime<Utc>) {
    (DateTime::UNIX_EPOCH, Utc::now() + chrono::Duration::days(1))
}

/// The store opened read-only, or `None` while there is no file yet.
pub fn open_store(path: &Path) -> Result<Option<Store>> {
    match Store::open_read_only(path) {
        Ok(s) => Ok(Some(s)),
        Err(nestore_history::Error::NotFound(_)) => Ok(None),
        Err(e) => Err(format!("{}: {e}", path.display()).into()),
    }
}

/// Every reading stored, oldest first (none while there is no file).
pub fn stored_readings(path: &Path) -> Result<Vec<StoredReading>> {
    let Some(store) = open_store(path)? else {
        return Ok(Vec::new());
    };
    let (from, to) = everything();
    Ok(store.readings_vec(from, to)?)
}

/// Every event stored, oldest first (none while there is no file).
pub fn stored_events(path: &Path) -> Result<Vec<Event>> {
    let Some(store) = open_store(path)? else {
        return Ok(Vec::new());
    };
    let (from, to) = everything();
    Ok(store.events(from, to, nestore_history::MAX_EVENTS)?)
}

/// Waits until the stored readings satisfy `ok`, and returns them; the error shows how
/// many there were.
pub async fn wait_stored(
    path: &Path,
    what: &str,
    ok: impl Fn(&[StoredReading]) -> bool,
) -> Result<Vec<StoredReading>> {
    let last = std::cell::Cell::new(0usize);
    let r = wait_for(what, STEP, || async {
        let rs = stored_readings(path).ok()?;
        last.set(rs.len());
        ok(&rs).then_some(rs)
    })
    .await;
    r.map_err(|e| format!("{e} ({} readings stored)", last.get()).into())
}

/// Waits until the stored events satisfy `ok`, and returns them.
pub async fn wait_events(
    path: &Path,
    what: &str,
    ok: impl Fn(&[Event]) -> bool,
) -> Result<Vec<Event>> {
    let last = std::cell::RefCell::new(Vec::new());
    let r = wait_for(what, STEP, || async {
        let es = stored_events(path).ok()?;
        if ok(&es) {
            Some(es)
        } else {
            *last.borrow_mut() = es;
            None
        }
    })
    .await;
    r.map_err(|e| format!("{e} (stored events: {:#?})", last.into_inner()).into())
}

/// A reading with only a charge and a pressure, taken at `at` (what the leak rule reads).
pub fn pressure_reading(at: DateTime<Utc>, soc_pct: f64, pressure_bar: f64) -> Reading {
    let none = Measure::NotReported;
    Reading {
        soc_pct: Measure::Reported(soc_pct),
        soc_total_pct: none,
        stored_energy_kwh: none,
        hot_water_flow_lpm: none,
        pressure_bar: Measure::Reported(pressure_bar),
        heater_power_w: none,
        heater_outlet_c: none,
        zone_temps_c: [none; 5],
        dhw_energy_total_kwh: none,
        heater_energy_total_kwh: none,
        water_volume_total_l: none,
        state: None,
        dependent_mode: None,
        online_mode: None,
        read_at: at,
    }
}

/// Writes `readings` (a real device's) into the history at `path` before the app starts,
/// in one transaction; returns how many were stored.
pub fn seed_history(path: &Path, readings: Vec<Reading>) -> Result<usize> {
    let (mut store, notice) = Store::open(path)?;
    if let Some(n) = notice {
        return Err(format!("a fresh history file should open cleanly: {}", n.message).into());
    }
    let records: Vec<Record> = readings
        .into_iter()
        .map(|reading| Record::Reading {
            reading,
            demo: false,
        })
        .collect();
    let w = store.write(&records)?;
    store.checkpoint()?;
    Ok(w.readings)
}

// ------------------------------------------------------------ X windows with xdotool

/// The visible X windows whose title is exactly `title` (`xdotool search`).
pub fn x_windows_titled(title: &str) -> Vec<String> {
    let pattern = format!("^{}$", regex_escape(title));
    Command::new("xdotool")
        .args(["search", "--onlyvisible", "--name", &pattern])
        .output()
        .map(|o| {
            String::from_utf8_lossy(&o.stdout)
                .split_whitespace()
                .map(String::from)
                .collect()
        })
        .unwrap_or_default()
}

fn regex_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if "\\.+*?()|[]{}^$".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Waits for a visible X window titled `title` and returns its id.
pub async fn wait_x_window(title: &str) -> Result<String> {
    wait_for(&format!("a window titled {title:?}"), STEP, || async {
        x_windows_titled(title).into_iter().next()
    })
    .await
}

/// Waits until no visible X window is titled `title`.
pub async fn wait_x_window_gone(title: &str) -> Result<()> {
    wait_for(&format!("the window {title:?} to close"), STEP, || async {
        x_windows_titled(title).is_empty().then_some(())
    })
    .await
}

/// Runs `xdotool ARGS`; an error names the arguments and what xdotool said.
pub fn xdotool(args: &[&str]) -> Result<()> {
    let out = Command::new("xdotool")
        .args(args)
        .output()
        .map_err(|e| format!("cannot run xdotool ({e}): apt-get install xdotool"))?;
    if !out.status.success() {
        return Err(format!(
            "xdotool {args:?}: {} {}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        )
        .into());
    }
    Ok(())
}

/// The title of the save dialog of "Export CSV" (`src-tauri/src/app/history.rs`).
pub const EXPORT_DIALOG_TITLE: &str = "Export history as CSV";

/// In the GTK save dialog titled `title`: gives it the keyboard focus (there is no window
/// manager to do it), replaces its name field (focused when it opens, the suggested name
/// selected) with the full `path`, and presses Return. Waits until the dialog has gone.
pub async fn save_in_dialog(title: &str, path: &Path) -> Result<()> {
    let id = wait_x_window(title).await?;
    let path = path.to_str().ok_or("a path that is not UTF-8")?;
    // Events through XTEST (xdotool without --window) reach GTK as real key presses, to
    // the window with the input focus.
    xdotool(&["windowfocus", "--sync", &id])?;
    xdotool(&["key", "--clearmodifiers", "ctrl+a"])?;
    xdotool(&["type", "--clearmodifiers", "--delay", "20", path])?;
    xdotool(&["key", "--clearmodifiers", "Return"])?;
    wait_x_window_gone(title).await
}

/// Closes the GTK dialog titled `title` with Escape (its Cancel) and waits until it has
/// gone.
pub async fn cancel_dialog(title: &str) -> Result<()> {
    let id = wait_x_window(title).await?;
    xdotool(&["windowfocus", "--sync", &id])?;
    xdotool(&["key", "--clearmodifiers", "Escape"])?;
    wait_x_window_gone(title).await
}

/// How close two stored values must be: the device sends 2 decimals, the store keeps them.
pub const VALUE_TOLERANCE: f64 = 0.006;

/// Whether an optional stored value is `expected` within [`VALUE_TOLERANCE`].
pub fn close_to(stored: Option<f64>, expected: f64) -> bool {
    stored.is_some_and(|v| (v - expected).abs() <= VALUE_TOLERANCE)
}
