//! `nestore history`: the app's history (`nestore-history`) exported as CSV, or a demo one
//! seeded. Export opens the file read-only, so it runs while the app writes (WAL); rows go
//! to standard output as they are read, never a year in memory.

use std::path::PathBuf;
use std::time::Duration;

use chrono::{DateTime, Local, NaiveDate, NaiveTime, TimeZone, Utc};
use clap::Subcommand;
use nestore_history::{DailyTotal, SeedOptions, Store, FILE_NAME, MAX_DAYS};

use nestore_i18n::Args;

use crate::text::{label, t};
use crate::{bounded_duration, exit, Failure};

/// The app's identifier: Tauri's `app_data_dir()` is the platform data directory joined
/// with it (`~/.local/share/org.nestore.tray` on Linux).
pub const APP_IDENTIFIER: &str = "org.nestore.tray";

#[derive(Subcommand)]
pub enum HistoryCmd {
    /// Write the stored readings (or daily totals) as CSV to standard output.
    Export(ExportArgs),
    /// Fill a history with simulated readings, marked demo (for demos and benchmarks).
    /// Refused on a history that holds real readings.
    Seed(SeedArgs),
}

#[derive(clap::Args)]
pub struct ExportArgs {
    /// The folder of the history file (default: the app's data folder).
    #[arg(long, env = "NESTORE_DATA_DIR", value_parser = parse_dir)]
    data_dir: Option<PathBuf>,
    /// From this time on (RFC 3339, or a date: its local midnight); default: the first
    /// reading.
    #[arg(long, value_parser = parse_time)]
    from: Option<DateTime<Utc>>,
    /// Before this time (RFC 3339, or a date: its local midnight, not included); default:
    /// after the last reading.
    #[arg(long, value_parser = parse_time)]
    to: Option<DateTime<Utc>>,
    /// One row per local calendar day: hot water used, energy charged, hot-water energy.
    #[arg(long)]
    daily: bool,
}

#[derive(clap::Args)]
pub struct SeedArgs {
    /// The folder of the history file (created if needed).
    #[arg(long, env = "NESTORE_DATA_DIR", required = true, value_parser = parse_dir)]
    data_dir: Option<PathBuf>,
    /// How many days up to now (1-3660).
    #[arg(long, value_parser = parse_days)]
    days: u32,
    /// Time between readings (10 s to 24 h).
    #[arg(long, default_value = "5m", value_parser = parse_seed_interval)]
    interval: Duration,
}

const SEED_INTERVAL: (Duration, Duration) =
    (Duration::from_secs(10), Duration::from_secs(24 * 3600));

fn parse_seed_interval(s: &str) -> Result<Duration, String> {
    bounded_duration(s, SEED_INTERVAL, "cli-parse-seed-interval-range")
}

fn parse_days(s: &str) -> Result<u32, String> {
    match s.trim().parse::<u32>() {
        Ok(n) if (1..=3660).contains(&n) => Ok(n),
        _ => Err(label("cli-parse-days")),
    }
}

pub(crate) fn parse_dir(s: &str) -> Result<PathBuf, String> {
    if s.trim().is_empty() {
        return Err(label("cli-parse-folder-empty"));
    }
    Ok(PathBuf::from(s))
}

/// The first instant of a local calendar day. Where the clocks skip midnight (a daylight
/// saving change at 00:00), the day starts at its first time that exists.
pub fn local_midnight(date: NaiveDate) -> Option<DateTime<Utc>> {
    (0..48).find_map(|half_hours: i64| {
        let t = date.and_time(NaiveTime::MIN) + chrono::Duration::minutes(30 * half_hours);
        Local
            .from_local_datetime(&t)
            .earliest()
            .map(|d| d.with_timezone(&Utc))
    })
}

/// RFC 3339 (`2026-11-01T06:00:00+01:00`, `…Z`) or a plain date (`2026-11-01`: its local
/// midnight).
fn parse_time(s: &str) -> Result<DateTime<Utc>, String> {
    let s = s.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Ok(t.with_timezone(&Utc));
    }
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return local_midnight(d)
            .ok_or_else(|| t("cli-parse-no-midnight", &Args::new().text("date", s)));
    }
    Err(label("cli-parse-not-time"))
}

/// The history's folder: `--data-dir`, `NESTORE_DATA_DIR`, else the app's data folder.
fn data_dir(given: Option<PathBuf>) -> Result<PathBuf, Failure> {
    given
        .or_else(|| dirs::data_dir().map(|d| d.join(APP_IDENTIFIER)))
        .ok_or_else(|| Failure(exit::USAGE, label("cli-history-no-data-dir")))
}

impl From<nestore_history::Error> for Failure {
    fn from(e: nestore_history::Error) -> Self {
        use nestore_history::Error as E;
        let failed = |e: &dyn std::fmt::Display| {
            t(
                "cli-history-failed",
                &Args::new().text("reason", e.to_string()),
            )
        };
        match e {
            E::NotFound(path) => Failure(
                exit::HISTORY,
                t(
                    "cli-history-not-found",
                    &Args::new().text("path", path.display().to_string()),
                ),
            ),
            E::Corrupt => Failure(exit::HISTORY, label("cli-history-damaged")),
            E::TooNew { found, known } => Failure(
                exit::HISTORY,
                t(
                    "cli-history-too-new",
                    &Args::new()
                        .int("found", i64::from(found))
                        .int("known", i64::from(known)),
                ),
            ),
            E::Outdated { .. } => Failure(exit::HISTORY, label("cli-history-outdated")),
            // The command line's own checks, in the history library's words.
            e @ E::Invalid { .. } => Failure(exit::USAGE, e.to_string()),
            E::HasRealData => Failure(exit::REJECTED, label("cli-history-has-real-data")),
            e => Failure(exit::OTHER, failed(&e)),
        }
    }
}

pub fn run(cmd: HistoryCmd) -> Result<(), Failure> {
    match cmd {
        HistoryCmd::Export(a) => export(a),
        HistoryCmd::Seed(a) => seed(a),
    }
}

fn export(a: ExportArgs) -> Result<(), Failure> {
    if let (Some(from), Some(to)) = (a.from, a.to) {
        if from >= to {
            return Err(Failure(exit::USAGE, label("cli-history-from-after-to")));
        }
    }
    let path = data_dir(a.data_dir)?.join(FILE_NAME);
    let store = Store::open_read_only(&path)?;
    let out = std::io::stdout().lock();
    let result = if a.daily {
        let days = daily(&store, a.from, a.to)?;
        nestore_history::write_daily_csv(&days, out).map(drop)
    } else {
        let from = a.from.unwrap_or(DateTime::<Utc>::MIN_UTC);
        let to = a.to.unwrap_or(DateTime::<Utc>::MAX_UTC);
        nestore_history::write_readings_csv(&store, from, to, &Local, out).map(drop)
    };
    match result {
        Ok(()) => Ok(()),
        // A reader that stopped reading (`nestore history export | head`) is no failure.
        Err(nestore_history::Error::Io(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(nestore_history::Error::Io(e)) => {
            let why = Args::new().text("reason", e.to_string());
            Err(Failure(exit::OTHER, t("cli-history-csv-failed", &why)))
        }
        Err(e) => Err(e.into()),
    }
}

/// The time of the first reading of `[from, to)`: the query stops at the first row.
fn first_reading(
    store: &Store,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> nestore_history::Result<Option<DateTime<Utc>>> {
    if from >= to {
        return Ok(None);
    }
    let mut first = None;
    let stop = store.readings(from, to, |r| {
        first = Some(r.read_at);
        // Any error ends the query; this one only means "found".
        Err(nestore_history::Error::Io(std::io::Error::other("found")))
    });
    match (first, stop) {
        (Some(t), _) => Ok(Some(t)),
        (None, Ok(_)) => Ok(None),
        (None, Err(e)) => Err(e),
    }
}

/// The time of the last reading of `[from, to)`, by bisection on [`first_reading`] (each
/// probe one index seek: the store has no "newest" query).
fn last_reading(
    store: &Store,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> nestore_history::Result<Option<DateTime<Utc>>> {
    let Some(mut lo) = first_reading(store, from, to)? else {
        return Ok(None);
    };
    // Invariant: a reading at `lo`, none in [hi, to).
    let mut hi = to;
    while (hi - lo).num_milliseconds() > 1 {
        let mid = lo + chrono::Duration::milliseconds((hi - lo).num_milliseconds() / 2);
        match first_reading(store, mid, hi)? {
            Some(t) => lo = t,
            None => hi = mid,
        }
    }
    Ok(Some(lo))
}

/// Daily totals of `[from, to)`, by default from the first reading's local day to the last
/// one's; in pieces of at most [`MAX_DAYS`] days cut at local midnights, so any span works.
fn daily(
    store: &Store,
    from: Option<DateTime<Utc>>,
    to: Option<DateTime<Utc>>,
) -> Result<Vec<DailyTotal>, Failure> {
    let lo = from.unwrap_or(DateTime::<Utc>::MIN_UTC);
    let hi = to.unwrap_or(DateTime::<Utc>::MAX_UTC);
    let start = match from {
        Some(f) => f,
        None => match first_reading(store, lo, hi)? {
            Some(t) => midnight_of(t)?,
            None => return Ok(Vec::new()),
        },
    };
    let end = match to {
        Some(t) => t,
        None => match last_reading(store, lo, hi)? {
            Some(t) => {
                let next_day = t.with_timezone(&Local).date_naive() + chrono::Duration::days(1);
                local_midnight(next_day).ok_or_else(no_midnight)?
            }
            None => return Ok(Vec::new()),
        },
    };
    let mut days = Vec::new();
    let mut piece = start;
    while piece < end {
        let date = piece.with_timezone(&Local).date_naive();
        let limit =
            local_midnight(date + chrono::Duration::days(MAX_DAYS - 1)).ok_or_else(no_midnight)?;
        let piece_end = limit.min(end);
        days.extend(store.daily(piece, piece_end, &Local)?);
        piece = piece_end;
    }
    Ok(days)
}

fn no_midnight() -> Failure {
    Failure(exit::OTHER, label("cli-history-no-day-start"))
}

fn midnight_of(t: DateTime<Utc>) -> Result<DateTime<Utc>, Failure> {
    local_midnight(t.with_timezone(&Local).date_naive()).ok_or_else(no_midnight)
}

fn seed(a: SeedArgs) -> Result<(), Failure> {
    let dir = data_dir(a.data_dir)?;
    let path = dir.join(FILE_NAME);
    let now = Utc::now();
    // On the interval's grid, so a second seed meets the first one's times.
    let step = a.interval.as_millis() as i64;
    let end_ms = now.timestamp_millis().div_euclid(step) * step;
    let end = DateTime::from_timestamp_millis(end_ms).unwrap_or(now);
    let options = SeedOptions {
        interval: a.interval,
        utc_offset_s: Local::now().offset().local_minus_utc(),
        ..SeedOptions::new(end, a.days)
    };
    let (mut store, notice) = Store::open(&path)?;
    if let Some(n) = notice {
        let message = match &n.set_aside {
            Some(aside) => t(
                "cli-history-set-aside",
                &Args::new().text("path", aside.display().to_string()),
            ),
            // A notice of another kind: the history library's own words.
            None => n.message,
        };
        eprintln!("nestore: {message}");
    }
    let n = store.seed_demo(&options)?;
    store.checkpoint()?;
    let args = Args::new()
        .int("count", i64::try_from(n).unwrap_or(i64::MAX))
        .int("days", i64::from(a.days))
        .text(
            "interval",
            humantime::format_duration(a.interval).to_string(),
        )
        .text("path", path.display().to_string());
    println!("{}", t("cli-history-seeded", &args));
    Ok(())
}
