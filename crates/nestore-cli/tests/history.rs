//! `nestore history`: a store seeded by the command, exported, and checked against the
//! store itself (opened with the library). No device, no network.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::Stdio;

use assert_cmd::Command;
use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, TimeZone, Utc};
use nestore::reading::{Measure, Reading};
use nestore_history::{Store, StoredReading, DAILY_HEADER, FILE_NAME};

/// The CLI's local time in these tests: UTC+05:30 (a POSIX TZ string, no tz database
/// needed), so local times, offsets and days differ from UTC's. On Windows the zone is the
/// system's, whatever TZ says: the tests that read local times are left out there.
const TZ: &str = "XYZ-5:30";

fn local() -> FixedOffset {
    FixedOffset::east_opt(5 * 3600 + 30 * 60).unwrap()
}

/// The binary in English (`LANG=C`, no other locale variable) whatever the machine's
/// locale.
fn nestore() -> Command {
    let mut c = Command::cargo_bin("nestore").unwrap();
    c.env("TZ", TZ)
        .env_remove("NESTORE_DATA_DIR")
        .env("LANG", "C")
        .env_remove("LANGUAGE")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES");
    c
}

fn seed(dir: &Path, days: &str, interval: &str) {
    nestore()
        .args(["history", "seed", "--data-dir"])
        .arg(dir)
        .args(["--days", days, "--interval", interval])
        .assert()
        .success();
}

fn stored(dir: &Path) -> Vec<StoredReading> {
    let store = Store::open_read_only(&dir.join(FILE_NAME)).unwrap();
    store
        .readings_vec(DateTime::<Utc>::MIN_UTC, DateTime::<Utc>::MAX_UTC)
        .unwrap()
}

/// `history export` with `args`: the CSV's lines (CRLF ends removed), after a success.
fn export(dir: &Path, args: &[&str]) -> Vec<String> {
    let out = nestore()
        .args(["history", "export", "--data-dir"])
        .arg(dir)
        .args(args)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert!(text.ends_with("\r\n"), "{text:?}");
    text.split_terminator("\r\n").map(str::to_owned).collect()
}

fn cells(line: &str) -> Vec<&str> {
    line.split(',').collect()
}

/// The column of `key` in a header line.
fn col(header: &str, key: &str) -> usize {
    cells(header)
        .iter()
        .position(|c| *c == key)
        .unwrap_or_else(|| panic!("{key} not in {header}"))
}

fn num(cell: &str) -> Option<f64> {
    (!cell.is_empty()).then(|| cell.parse().unwrap())
}

fn time(cell: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(cell).unwrap_or_else(|e| panic!("{cell}: {e}"))
}

fn midnight(date: NaiveDate) -> DateTime<Utc> {
    local()
        .from_local_datetime(&date.and_time(NaiveTime::MIN))
        .unwrap()
        .with_timezone(&Utc)
}

fn local_date(t: DateTime<Utc>) -> NaiveDate {
    t.with_timezone(&local()).date_naive()
}

#[test]
#[cfg_attr(
    windows,
    ignore = "sets TZ, which Windows programs do not follow: the zone is the system's (docs/platforms.md)"
)]
fn export_has_a_row_per_reading_with_the_stored_values_and_local_times() {
    let dir = tempfile::tempdir().unwrap();
    seed(dir.path(), "2", "10m");
    let readings = stored(dir.path());
    assert!(readings.len() > 100, "{}", readings.len());
    assert!(readings.iter().all(|r| r.demo));

    let lines = export(dir.path(), &[]);
    let header = &lines[0];
    // The units are in the names: the keys of `nestore status --json`, zones numbered.
    let keys = [
        "read_at",
        "soc_pct",
        "soc_total_pct",
        "stored_energy_kwh",
        "hot_water_flow_lpm",
        "pressure_bar",
        "heater_power_w",
        "heater_outlet_c",
        "zone1_c",
        "zone2_c",
        "zone3_c",
        "zone4_c",
        "zone5_c",
        "dhw_energy_total_kwh",
        "heater_energy_total_kwh",
        "water_volume_total_l",
        "state",
        "dependent_mode",
        "online_mode",
        "implausible",
        "demo",
    ];
    assert_eq!(cells(header), keys);
    assert_eq!(lines.len() - 1, readings.len());

    let (pressure, soc, zone3, state, demo) = (
        col(header, "pressure_bar"),
        col(header, "soc_pct"),
        col(header, "zone3_c"),
        col(header, "state"),
        col(header, "demo"),
    );
    for (line, r) in lines[1..].iter().zip(&readings) {
        let c = cells(line);
        assert_eq!(c.len(), keys.len(), "{line}");
        let t = time(c[0]);
        assert_eq!(t.offset(), &local(), "{line}: not in local time");
        assert_eq!(t.with_timezone(&Utc), r.read_at, "{line}");
        assert_eq!(num(c[pressure]), r.pressure_bar, "{line}");
        assert_eq!(num(c[soc]), r.soc_pct, "{line}");
        assert_eq!(num(c[zone3]), r.zone_temps_c[2], "{line}");
        assert_eq!(Some(c[state]), r.state.as_deref(), "{line}");
        assert_eq!(c[demo], "true", "{line}");
    }
    // Oldest first, no time twice.
    assert!(readings.windows(2).all(|w| w[0].read_at < w[1].read_at));
}

#[test]
#[cfg_attr(
    windows,
    ignore = "sets TZ, which Windows programs do not follow: the zone is the system's (docs/platforms.md)"
)]
fn daily_export_has_one_row_per_local_day_with_the_stores_totals() {
    let dir = tempfile::tempdir().unwrap();
    seed(dir.path(), "3", "5m");
    let readings = stored(dir.path());
    let first = local_date(readings[0].read_at);
    let last = local_date(readings[readings.len() - 1].read_at);

    let lines = export(dir.path(), &["--daily"]);
    assert_eq!(lines[0], DAILY_HEADER);
    let rows = &lines[1..];
    assert_eq!(
        rows.len() as i64,
        (last - first).num_days() + 1,
        "{lines:?}"
    );
    for (i, row) in rows.iter().enumerate() {
        let date = NaiveDate::parse_from_str(cells(row)[0], "%Y-%m-%d").unwrap();
        assert_eq!(date, first + chrono::Duration::days(i as i64), "{lines:?}");
    }

    // A whole day in the middle: the same totals as the store gives for that day alone.
    let day = first + chrono::Duration::days(1);
    let store = Store::open_read_only(&dir.path().join(FILE_NAME)).unwrap();
    let want = store
        .daily(
            midnight(day),
            midnight(day + chrono::Duration::days(1)),
            &local(),
        )
        .unwrap();
    assert_eq!(want.len(), 1);
    let c = cells(&rows[1]);
    assert_eq!(num(c[1]), want[0].hot_water_l);
    assert_eq!(num(c[2]), want[0].charged_kwh);
    assert_eq!(num(c[3]), want[0].hot_water_kwh);
    assert!(want[0].hot_water_l.is_some_and(|l| l > 0.0), "{want:?}");
}

#[test]
#[cfg_attr(
    windows,
    ignore = "sets TZ, which Windows programs do not follow: the zone is the system's (docs/platforms.md)"
)]
fn from_and_to_bound_the_export() {
    let dir = tempfile::tempdir().unwrap();
    seed(dir.path(), "3", "15m");
    let readings = stored(dir.path());

    // RFC 3339 in any offset; --from included, --to not.
    let (a, b) = (readings[10].read_at, readings[30].read_at);
    let other = FixedOffset::west_opt(7 * 3600).unwrap();
    let lines = export(
        dir.path(),
        &[
            "--from",
            &a.with_timezone(&other).to_rfc3339(),
            "--to",
            &b.to_rfc3339(),
        ],
    );
    let times: Vec<_> = lines[1..].iter().map(|l| time(cells(l)[0])).collect();
    assert_eq!(times.len(), 20);
    assert_eq!(times[0], a);
    assert_eq!(times[19], readings[29].read_at);

    // Plain dates are local midnights: one local day exactly.
    let day = local_date(readings[readings.len() / 2].read_at);
    let next = day + chrono::Duration::days(1);
    let (d, n) = (day.to_string(), next.to_string());
    let lines = export(dir.path(), &["--from", &d, "--to", &n]);
    let on_day = readings
        .iter()
        .filter(|r| local_date(r.read_at) == day)
        .count();
    assert!(on_day > 0);
    assert_eq!(lines.len() - 1, on_day);
    assert!(lines[1..]
        .iter()
        .all(|l| time(cells(l)[0]).date_naive() == day));

    // Only --from: up to the last reading; only --to: from the first.
    let lines = export(dir.path(), &["--from", &d]);
    let since = readings
        .iter()
        .filter(|r| r.read_at >= midnight(day))
        .count();
    assert_eq!(lines.len() - 1, since);
    let lines = export(dir.path(), &["--to", &d]);
    assert_eq!(lines.len() - 1, readings.len() - since);

    // Daily rows keep to the range too.
    let lines = export(dir.path(), &["--daily", "--from", &d, "--to", &n]);
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(lines[1].starts_with(&format!("{d},")), "{lines:?}");

    // Any span, beyond the store's ten years per query: days without readings are empty,
    // the days with readings the same as by default.
    let first = local_date(readings[0].read_at);
    let (start, end) = (
        first - chrono::Duration::days(4000),
        first + chrono::Duration::days(10),
    );
    let (s, e) = (start.to_string(), end.to_string());
    let wide = export(dir.path(), &["--daily", "--from", &s, "--to", &e]);
    assert_eq!(wide.len() as i64 - 1, (end - start).num_days());
    let by_default = export(dir.path(), &["--daily"]);
    let at = 1 + (first - start).num_days() as usize;
    assert_eq!(wide[at..at + by_default.len() - 1], by_default[1..]);
    assert!(wide[1..at].iter().all(|l| l.ends_with(",,,")), "{wide:?}");
    assert!(wide[at + by_default.len() - 1..]
        .iter()
        .all(|l| l.ends_with(",,,")));
}

#[test]
fn export_works_while_another_connection_holds_a_write_transaction() {
    let dir = tempfile::tempdir().unwrap();
    seed(dir.path(), "1", "5m");
    let n = stored(dir.path()).len();

    // The app's writer in the middle of a write: every reading deleted, not committed.
    let writer = rusqlite::Connection::open(dir.path().join(FILE_NAME)).unwrap();
    writer.execute_batch("BEGIN IMMEDIATE").unwrap();
    let deleted = writer.execute("DELETE FROM readings", []).unwrap();
    assert_eq!(deleted, n);

    // The export reads the last committed state, without waiting for the writer.
    let lines = export(dir.path(), &[]);
    assert_eq!(lines.len() - 1, n);
    let lines = export(dir.path(), &["--daily"]);
    assert!(lines.len() > 1, "{lines:?}");
    writer.execute_batch("ROLLBACK").unwrap();
}

fn real_reading(at: DateTime<Utc>) -> Reading {
    Reading {
        soc_pct: Measure::Reported(61.5),
        soc_total_pct: Measure::Reported(64.0),
        stored_energy_kwh: Measure::Reported(11.2),
        hot_water_flow_lpm: Measure::Reported(0.0),
        pressure_bar: Measure::Reported(2.4),
        heater_power_w: Measure::Reported(0.0),
        heater_outlet_c: Measure::Reported(20.0),
        zone_temps_c: [Measure::Reported(80.0); 5],
        dhw_energy_total_kwh: Measure::Reported(100.0),
        heater_energy_total_kwh: Measure::Reported(200.0),
        water_volume_total_l: Measure::Reported(3000.0),
        state: Some("Standby".into()),
        dependent_mode: Some(false),
        online_mode: Some(true),
        read_at: at,
    }
}

#[test]
fn seeding_a_history_with_real_readings_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(FILE_NAME);
    {
        let (mut store, _) = Store::open(&path).unwrap();
        let at = Utc::now() - chrono::Duration::hours(1);
        assert!(store.insert_reading(&real_reading(at), false).unwrap());
    }
    let out = nestore()
        .args(["history", "seed", "--data-dir"])
        .arg(dir.path())
        .args(["--days", "2"])
        .assert()
        .failure()
        .get_output()
        .clone();
    assert_eq!(out.status.code(), Some(5));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("real readings"), "{err}");
    assert!(out.stdout.is_empty());

    let readings = stored(dir.path());
    assert_eq!(readings.len(), 1);
    assert!(!readings[0].demo);
    let lines = export(dir.path(), &[]);
    assert_eq!(lines.len(), 2);
    assert!(lines[1].ends_with(",false"), "{lines:?}");
}

#[test]
fn a_missing_history_is_an_error_and_nothing_is_created() {
    let dir = tempfile::tempdir().unwrap();
    for extra in [&[][..], &["--daily"][..]] {
        let out = nestore()
            .args(["history", "export", "--data-dir"])
            .arg(dir.path())
            .args(extra)
            .assert()
            .code(7)
            .get_output()
            .clone();
        assert!(out.stdout.is_empty(), "{extra:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("no history at"), "{err}");
        assert!(err.contains(FILE_NAME), "{err}");
    }
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn bad_arguments_are_usage_errors() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("not-made");
    let m = missing.to_str().unwrap();
    let cases: &[(&[&str], &str)] = &[
        (
            &["export", "--data-dir", m, "--from", "yesterday"],
            "--from",
        ),
        (&["export", "--data-dir", m, "--to", "2026-13-01"], "--to"),
        (
            &["export", "--data-dir", m, "--from", "2026-11-01T10:00:00"],
            "RFC 3339",
        ),
        (&["export", "--data-dir", m, "--from", ""], "--from"),
        (
            &[
                "export",
                "--data-dir",
                m,
                "--from",
                "2026-11-02",
                "--to",
                "2026-11-01",
            ],
            "--from must be before --to",
        ),
        (
            &[
                "export",
                "--data-dir",
                m,
                "--daily",
                "--from",
                "2026-11-01T00:00:00Z",
                "--to",
                "2026-11-01T00:00:00Z",
            ],
            "--from must be before --to",
        ),
        (&["export", "--data-dir", ""], "--data-dir"),
        (&["export", "--daily=yes"], "--daily"),
        (&["seed", "--data-dir", m, "--days", "0"], "1 to 3660"),
        (&["seed", "--data-dir", m, "--days", "3661"], "1 to 3660"),
        (&["seed", "--data-dir", m, "--days", "-1"], "--days"),
        (&["seed", "--data-dir", m, "--days", "week"], "1 to 3660"),
        (
            &["seed", "--data-dir", m, "--days", "1", "--interval", "0s"],
            "10 s to 24 h",
        ),
        (
            &["seed", "--data-dir", m, "--days", "1", "--interval", "9s"],
            "10 s to 24 h",
        ),
        (
            &["seed", "--data-dir", m, "--days", "1", "--interval", "25h"],
            "10 s to 24 h",
        ),
        (
            &[
                "seed",
                "--data-dir",
                m,
                "--days",
                "1",
                "--interval",
                "often",
            ],
            "--interval",
        ),
        (&["seed", "--data-dir", m], "--days"),
        (&["seed", "--days", "1"], "--data-dir"),
        (&["frobnicate"], "frobnicate"),
    ];
    for (args, words) in cases {
        let out = nestore()
            .arg("history")
            .args(*args)
            .assert()
            .code(2)
            .get_output()
            .clone();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(words), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert!(out.stdout.is_empty(), "{args:?}");
    }
    assert!(!missing.exists(), "a refused command made the folder");
}

/// Where the app keeps it: the platform data folder joined with the app's identifier
/// (Linux: `$XDG_DATA_HOME` or `~/.local/share`), unless `NESTORE_DATA_DIR` names another.
#[cfg(target_os = "linux")]
#[test]
fn the_data_dir_is_the_apps_unless_nestore_data_dir_says_otherwise() {
    let home = tempfile::tempdir().unwrap();
    let app_dir = home.path().join(".local/share/org.nestore.tray");
    seed(&app_dir, "1", "1h");
    let other = home.path().join("elsewhere");
    seed(&other, "2", "1h");
    let rows = |env: Option<&Path>, flag: Option<&Path>| {
        let mut c = nestore();
        c.args(["history", "export"])
            .env("HOME", home.path())
            .env_remove("XDG_DATA_HOME");
        if let Some(dir) = env {
            c.env("NESTORE_DATA_DIR", dir);
        }
        if let Some(dir) = flag {
            c.arg("--data-dir").arg(dir);
        }
        let out = c.assert().success().get_output().stdout.clone();
        String::from_utf8(out).unwrap().lines().count() - 1
    };
    let (in_app, in_other) = (stored(&app_dir).len(), stored(&other).len());
    assert_ne!(in_app, in_other);
    assert_eq!(rows(None, None), in_app);
    assert_eq!(rows(Some(&other), None), in_other);
    // --data-dir wins over the environment.
    assert_eq!(rows(Some(&other), Some(&app_dir)), in_app);
}

#[test]
fn a_reader_that_stops_early_is_no_failure() {
    let dir = tempfile::tempdir().unwrap();
    // More CSV than a pipe holds.
    seed(dir.path(), "2", "30s");
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("nestore"))
        .env("TZ", TZ)
        .args(["history", "export", "--data-dir"])
        .arg(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut header = String::new();
    out.read_line(&mut header).unwrap();
    assert!(header.starts_with("read_at,"), "{header}");
    drop(out);
    let done = child.wait_with_output().unwrap();
    assert!(done.status.success(), "{done:?}");
    assert!(done.stderr.is_empty(), "{done:?}");
}

/// The CSV is for programs: the same bytes in every language. The words around it are
/// the owner's.
#[test]
fn the_csv_is_the_same_in_dutch_and_the_messages_are_dutch() {
    let dir = tempfile::tempdir().unwrap();
    let out = nestore()
        .env("LANG", "nl_NL.UTF-8")
        .args(["history", "seed", "--data-dir"])
        .arg(dir.path())
        .args(["--days", "1", "--interval", "1h"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let said = String::from_utf8(out).unwrap();
    assert!(said.contains(" demometingen toegevoegd aan "), "{said}");
    assert!(said.contains("(1 dag, een meting per 1h)"), "{said}");

    for extra in [&[][..], &["--daily"][..]] {
        let csv = |lang: &str| {
            nestore()
                .env("LANG", lang)
                .args(["history", "export", "--data-dir"])
                .arg(dir.path())
                .args(extra)
                .assert()
                .success()
                .get_output()
                .stdout
                .clone()
        };
        let english = csv("C");
        let rows = english.iter().filter(|&&b| b == b'\n').count();
        assert!(
            rows >= 2,
            "{extra:?}: {}",
            String::from_utf8_lossy(&english)
        );
        assert_eq!(csv("nl_NL.UTF-8"), english, "{extra:?}");
    }

    let empty = tempfile::tempdir().unwrap();
    let out = nestore()
        .env("LANG", "nl_NL.UTF-8")
        .args(["history", "export", "--data-dir"])
        .arg(empty.path())
        .assert()
        .code(7)
        .get_output()
        .clone();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.starts_with("nestore: geen geschiedenis in "), "{err}");
    assert!(err.contains(FILE_NAME), "{err}");
}
