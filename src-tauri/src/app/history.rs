//! The app's memory (`nestore-history`): the writer for the device in use (the demo
//! device has a history file of its own, so a demo never mixes into the owner's), what is
//! restored from it at start (the alert log, the leak trend), and the window's queries and
//! CSV export. Writing never waits: records go to the writer's thread.

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, Utc};
use nestore_history::{HistoryView, Record, SeedOptions, Store, Writer, WriterOptions};
use nestore_i18n::{Args, Catalogue};
use nestore_tray_core::alert_log::{AlertLog, Entry};
use nestore_tray_core::error::IpcError;
use nestore_tray_core::recorder;
use serde::Serialize;
use tauri::AppHandle;

use super::app;

/// The demo device's history, beside the owner's.
const DEMO_FILE_NAME: &str = "history-demo.sqlite3";
/// Days of history the demo starts with.
const DEMO_DAYS: u32 = 30;
/// How far back the leak rule looks.
const LEAK_WINDOW: chrono::Duration = chrono::Duration::hours(6);
/// Alert events read back for the window's log at start.
const LOG_RESTORED: usize = 500;

pub struct History {
    writer: Writer,
    pub path: PathBuf,
    pub demo: bool,
}

pub fn path_for(data_dir: &Path, demo: bool) -> PathBuf {
    data_dir.join(if demo {
        DEMO_FILE_NAME
    } else {
        nestore_history::FILE_NAME
    })
}

impl History {
    /// Starts the writer of the history at `path` (the file opens with the first record).
    pub fn start(path: PathBuf, demo: bool) -> Option<History> {
        match Writer::spawn(path.clone(), WriterOptions::default()) {
            Ok(writer) => Some(History { writer, path, demo }),
            Err(e) => {
                tracing::error!("cannot start the history writer: {e}");
                None
            }
        }
    }

    pub fn send(&self, record: Record) {
        self.writer.send(record);
    }

    pub fn prune(&self, keep_days: Option<u32>) {
        self.writer.prune(keep_days, Utc::now());
    }

    /// A problem to show in the window, in the catalogue's language: the file cannot be
    /// written, or a damaged one was set aside.
    pub fn problem(&self, cat: &Catalogue) -> Option<String> {
        let notices = self.writer.take_notices();
        if let Some(n) = notices.into_iter().last() {
            return Some(n.text(cat));
        }
        self.writer.health().text(cat)
    }

    pub fn close(&self) {
        self.writer.close(Duration::from_secs(5));
    }
}

/// What the history gives the app at start: the alert log, and the leak trend's points.
pub struct Restored {
    pub log: Vec<Entry>,
    pub pressure: Vec<(DateTime<Utc>, f64, Option<f64>)>,
    pub notice: Option<String>,
}

/// Opens the history once at start (blocking: call it on a blocking thread): brings its
/// schema up to date, imports the old alert log from `config_dir` once (then sets the file
/// aside), and reads back the alert log and the last hours of pressure. A problem is told
/// in the catalogue's language.
pub fn restore(path: &Path, config_dir: &Path, demo: bool, cat: &Catalogue) -> Restored {
    let mut out = Restored {
        log: Vec::new(),
        pressure: Vec::new(),
        notice: None,
    };
    if let Some(dir) = path.parent() {
        if let Err(e) = std::fs::create_dir_all(dir) {
            out.notice = Some(cat.t(
                "history-cannot-save",
                &Args::new().text("reason", e.to_string()),
            ));
            return out;
        }
    }
    let mut store = match Store::open(path) {
        Ok((store, notice)) => {
            out.notice = notice.map(|n| n.text(cat));
            store
        }
        Err(e) => {
            out.notice = Some(cat.t(
                "history-cannot-open",
                &Args::new().text("reason", e.message(cat)),
            ));
            return out;
        }
    };
    if !demo {
        import_alert_log(&mut store, config_dir);
    }
    let now = Utc::now();
    let since = now - chrono::Duration::days(3650);
    match store.events(since, now + chrono::Duration::minutes(1), LOG_RESTORED * 4) {
        Ok(events) => out.log = events.iter().filter_map(recorder::entry_of).collect(),
        Err(e) => tracing::warn!("cannot read the alert log back: {e}"),
    }
    match store.recent_pressure(now - LEAK_WINDOW, demo) {
        Ok(points) => {
            out.pressure = points
                .into_iter()
                .map(|p| (p.at, p.pressure_bar, Some(p.soc_pct)))
                .collect()
        }
        Err(e) => tracing::warn!("cannot read the pressure trend back: {e}"),
    }
    out
}

/// The old `alerts.jsonl` goes into the history once; then it is set aside.
fn import_alert_log(store: &mut Store, config_dir: &Path) {
    let file = config_dir.join(nestore_tray_core::alert_log::FILE_NAME);
    if !file.exists() {
        return;
    }
    let entries = AlertLog::open(Some(config_dir.to_owned())).recent(usize::MAX);
    let legacy = entries
        .into_iter()
        .rev()
        .map(|e| (e.at, e.kind, e.severity, e.title, e.body));
    match store.import_alert_log(legacy) {
        Ok(n) => {
            tracing::info!(imported = ?n, "the old alert log is now in the history");
            if let Err(e) = nestore_tray_core::files::set_aside(&file, "imported", true) {
                tracing::warn!("cannot set the old alert log aside: {e}");
            }
        }
        Err(e) => tracing::warn!("cannot import the old alert log: {e}"),
    }
}

/// Fills an empty demo history with a month of the simulator's model (blocking).
pub fn seed_demo(path: &Path) {
    let result = Store::open(path).and_then(|(mut store, _)| {
        if store.reading_count()? > 0 {
            return Ok(0);
        }
        let mut o = SeedOptions::new(Utc::now(), DEMO_DAYS);
        o.utc_offset_s = chrono::Local::now().offset().local_minus_utc();
        store.seed_demo(&o)
    });
    match result {
        Ok(0) => {}
        Ok(n) => tracing::info!(readings = n, "demo history made"),
        Err(e) => tracing::warn!("cannot make the demo history: {e}"),
    }
}

fn history_error(cat: &Catalogue, e: nestore_history::Error) -> IpcError {
    match e {
        nestore_history::Error::Invalid { field, .. } => IpcError::invalid(field, e.message(cat)),
        e => IpcError::io(nestore_i18n::capitalise(&e.message(cat))),
    }
}

fn current(handle: &AppHandle) -> (PathBuf, bool) {
    let app = app(handle);
    let enabled = app.settings.lock().unwrap().history_enabled;
    let path = match &*app.history.lock().unwrap() {
        Some(h) => h.path.clone(),
        None => path_for(&app.data_dir, app.poller.status().demo),
    };
    (path, enabled)
}

/// The window's history for `[from, to)` in at most `buckets` buckets.
pub async fn query(
    handle: &AppHandle,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    buckets: Option<u32>,
) -> Result<HistoryView, IpcError> {
    let (path, enabled) = current(handle);
    let cat = app(handle).catalogue();
    let buckets = buckets.unwrap_or(nestore_history::DEFAULT_BUCKETS);
    let view = tauri::async_runtime::spawn_blocking(move || {
        let store = match Store::open_read_only(&path) {
            Ok(s) => s,
            // Nothing kept yet: an empty history of the same shape.
            Err(nestore_history::Error::NotFound(_)) => Store::open_in_memory()?,
            Err(e) => return Err(e),
        };
        store.view(from, to, buckets, &chrono::Local)
    })
    .await
    .map_err(|e| IpcError::internal(e.to_string()))?
    .map_err(|e| history_error(cat, e))?;
    Ok(HistoryView { enabled, ..view })
}

#[derive(Debug, Serialize)]
pub struct Exported {
    /// Where the file was written; None when the owner cancelled.
    path: Option<PathBuf>,
    rows: usize,
}

/// Asks where to save, then writes the readings (or daily totals) of `[from, to)` as CSV.
pub async fn export(
    handle: &AppHandle,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    daily: bool,
) -> Result<Exported, IpcError> {
    use tauri_plugin_dialog::DialogExt;
    let (path, _) = current(handle);
    let cat = app(handle).catalogue();
    let name = format!(
        "nestore-{}{}.csv",
        to.with_timezone(&chrono::Local).format("%Y-%m-%d"),
        if daily { "-daily" } else { "" }
    );
    let dialog = handle
        .dialog()
        .file()
        .set_title(cat.label("history-export-title"))
        .set_file_name(&name)
        .add_filter("CSV", &["csv"]);
    let chosen = tauri::async_runtime::spawn_blocking(move || dialog.blocking_save_file())
        .await
        .map_err(|e| IpcError::internal(e.to_string()))?;
    let Some(target) = chosen.and_then(|p| p.into_path().ok()) else {
        return Ok(Exported {
            path: None,
            rows: 0,
        });
    };
    let out = target.clone();
    let rows = tauri::async_runtime::spawn_blocking(move || -> nestore_history::Result<usize> {
        let store = Store::open_read_only(&path)?;
        let mut tmp = tempfile::NamedTempFile::new_in(out.parent().unwrap_or(Path::new(".")))?;
        let rows = {
            let w = std::io::BufWriter::new(tmp.as_file_mut());
            if daily {
                let days = store.daily(from, to, &chrono::Local)?;
                nestore_history::write_daily_csv(&days, w)?
            } else {
                nestore_history::write_readings_csv(&store, from, to, &chrono::Local, w)?
            }
        };
        tmp.persist(&out).map_err(|e| e.error)?;
        Ok(rows)
    })
    .await
    .map_err(|e| IpcError::internal(e.to_string()))?
    .map_err(|e| history_error(cat, e))?;
    tracing::info!(rows, path = %target.display(), "history exported");
    Ok(Exported {
        path: Some(target),
        rows,
    })
}
