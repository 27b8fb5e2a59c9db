//! `nestore schedule preview`: the timers of a settings file written here, previewed by the
//! binary. No device, no network. The binary runs with `TZ=UTC`; the timers are placed
//! relative to the test's own clock, far enough ahead that the binary's slightly later
//! "now" plans the same steps.

use std::path::Path;

use assert_cmd::Command;
use chrono::{DateTime, Datelike, Duration, DurationRound, Timelike, Utc};
use serde_json::{json, Value};

/// The binary in English, in UTC, whatever the machine's locale and zone.
fn nestore() -> Command {
    let mut c = Command::cargo_bin("nestore").unwrap();
    c.env("TZ", "UTC")
        .env("LANG", "C")
        .env_remove("LANGUAGE")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        // Any device setting must not matter: nothing is contacted.
        .env("NESTORE_HOST", "192.0.2.1");
    c
}

fn preview(dir: &Path, args: &[&str]) -> Command {
    let mut c = nestore();
    c.args(["schedule", "preview", "--config-dir"])
        .arg(dir)
        .args(args);
    c
}

fn write_settings(dir: &Path, settings: &Value) {
    std::fs::write(
        dir.join("settings.json"),
        serde_json::to_vec_pretty(settings).unwrap(),
    )
    .unwrap();
}

fn day_name(t: DateTime<Utc>) -> &'static str {
    ["mon", "tue", "wed", "thu", "fri", "sat", "sun"][t.weekday().num_days_from_monday() as usize]
}

fn hhmm(t: DateTime<Utc>) -> String {
    format!("{:02}:{:02}", t.hour(), t.minute())
}

/// Two timers ahead of now: a 6 h charge from `s1` (so one renewal) and a 1 h block an hour
/// after it ends, each on the weekday it starts (in UTC).
struct Plan {
    s1: DateTime<Utc>,
    s2: DateTime<Utc>,
    settings: Value,
}

fn plan() -> Plan {
    let minute = Utc::now().duration_trunc(Duration::minutes(1)).unwrap();
    // Just over an hour ahead: `--hours 1` sees nothing yet.
    let s1 = minute + Duration::minutes(62);
    let e1 = s1 + Duration::hours(6);
    let s2 = e1 + Duration::hours(1);
    let e2 = s2 + Duration::hours(1);
    let settings = json!({
        "host": "nestore.home",
        "poll_interval_s": 300,
        "timers": [
            {"days": [day_name(s1)], "start": hhmm(s1), "end": hhmm(e1), "kind": "charge",
             "power_w": 2000, "target_soc_pct": 90, "enabled": true},
            {"days": [day_name(s2)], "start": hhmm(s2), "end": hhmm(e2), "kind": "block",
             "enabled": true},
        ],
    });
    Plan { s1, s2, settings }
}

fn english_when(t: DateTime<Utc>) -> String {
    t.format("%a %-d %b %H:%M").to_string()
}

fn dutch_when(t: DateTime<Utc>) -> String {
    let days = ["ma", "di", "wo", "do", "vr", "za", "zo"];
    let months = [
        "jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec",
    ];
    format!(
        "{} {} {} {}",
        days[t.weekday().num_days_from_monday() as usize],
        t.day(),
        months[t.month0() as usize],
        hhmm(t)
    )
}

fn stdout(c: &mut Command) -> String {
    String::from_utf8(c.assert().success().get_output().stdout.clone()).unwrap()
}

fn stderr_of_failure(c: &mut Command, code: i32) -> String {
    let out = c.assert().code(code).get_output().clone();
    assert!(out.stdout.is_empty(), "{out:?}");
    String::from_utf8(out.stderr).unwrap()
}

#[test]
fn the_next_24_hours_list_each_start_renewal_and_end_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let p = plan();
    write_settings(dir.path(), &p.settings);
    let out = stdout(&mut preview(dir.path(), &["--hours", "24"]));
    let renew = p.s1 + Duration::hours(5) - Duration::minutes(10);
    let want = [
        format!(
            "{}  Start electric charging at 2000 W up to 90 % for at most 5 h (start of timer 1)",
            english_when(p.s1)
        ),
        format!(
            "{}  Start electric charging at 2000 W up to 90 % for at most 1 h 10 min (renewal of timer 1)",
            english_when(renew)
        ),
        format!(
            "{}  Back to the automatic schedule (end of timer 1)",
            english_when(p.s1 + Duration::hours(6))
        ),
        format!(
            "{}  Stop electric charging and block the automatic schedule for 1 h (start of timer 2)",
            english_when(p.s2)
        ),
        format!(
            "{}  Back to the automatic schedule (end of timer 2)",
            english_when(p.s2 + Duration::hours(1))
        ),
    ];
    assert_eq!(out.lines().collect::<Vec<_>>(), want, "{out}");

    // An hour ahead sees nothing yet: the first timer starts just after it.
    let out = stdout(&mut preview(dir.path(), &["--hours", "1"]));
    assert_eq!(out, "The timers send nothing in the next hour.\n");
}

#[test]
fn a_timer_in_the_cheapest_hours_shows_its_last_hours_and_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let minute = Utc::now().duration_trunc(Duration::minutes(1)).unwrap();
    let start = minute + Duration::minutes(62);
    let end = start + Duration::hours(6);
    write_settings(
        dir.path(),
        &json!({"timers": [
            {"days": [day_name(start)], "start": hhmm(start), "end": hhmm(end), "kind": "charge",
             "power_w": 2000, "target_soc_pct": 90, "cheapest_hours": 2},
        ]}),
    );
    let out = stdout(&mut preview(dir.path(), &["--hours", "24"]));
    let want = [
        format!(
            "{}  Start electric charging at 2000 W up to 90 % for at most 2 h (start of timer 1: its last hours, as there are no prices here)",
            english_when(end - Duration::hours(2))
        ),
        format!(
            "{}  Back to the automatic schedule (end of timer 1)",
            english_when(end)
        ),
    ];
    assert_eq!(out.lines().collect::<Vec<_>>(), want, "{out}");
    // More hours than the window has: refused, exit 5.
    write_settings(
        dir.path(),
        &json!({"timers": [
            {"days": [day_name(start)], "start": hhmm(start), "end": hhmm(end), "kind": "charge",
             "power_w": 2000, "target_soc_pct": 90, "cheapest_hours": 7},
        ]}),
    );
    let err = stderr_of_failure(&mut preview(dir.path(), &[]), 5);
    assert!(
        err.contains(
            "Timer 1: 7 cheapest hours do not fit between the start and the end: choose 1 to 6"
        ),
        "{err}"
    );
}

#[test]
fn the_preview_speaks_dutch_under_a_dutch_locale() {
    let dir = tempfile::tempdir().unwrap();
    let p = plan();
    write_settings(dir.path(), &p.settings);
    let out = stdout(preview(dir.path(), &["--hours", "24"]).env("LANG", "nl_NL.UTF-8"));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 5, "{out}");
    assert_eq!(
        lines[0],
        format!(
            "{}  Elektrisch laden starten met 2000 W tot een laadtoestand van 90 %, hoogstens 5 uur lang (begin van timer 1)",
            dutch_when(p.s1)
        )
    );
    assert!(lines[1].ends_with("(verlenging van timer 1)"), "{out}");
    assert_eq!(
        lines[2],
        format!(
            "{}  Terug naar het automatische schema (einde van timer 1)",
            dutch_when(p.s1 + Duration::hours(6))
        )
    );
    assert!(
        lines[3].starts_with(&format!("{}  Elektrisch laden stoppen", dutch_when(p.s2))),
        "{out}"
    );
    let out = stdout(preview(dir.path(), &["--hours", "1"]).env("LANG", "nl_NL.UTF-8"));
    assert_eq!(out, "De timers versturen niets in het komende uur.\n");
}

#[test]
fn json_is_english_with_utc_times_and_the_documented_keys() {
    let dir = tempfile::tempdir().unwrap();
    let p = plan();
    write_settings(dir.path(), &p.settings);
    let out = stdout(preview(dir.path(), &["--hours", "24", "--json"]).env("LANG", "nl_NL.UTF-8"));
    let v: Value = serde_json::from_str(&out).unwrap();
    let at = |t: DateTime<Utc>| t.format("%Y-%m-%dT%H:%M:%SZ").to_string();
    let renew = p.s1 + Duration::hours(5) - Duration::minutes(10);
    let start = |power: u32, target: u8, secs: u64| json!({"kind": "start", "power_w": power, "target_soc_pct": target, "duration_s": secs});
    let auto = json!({"kind": "auto", "power_w": null, "target_soc_pct": null, "duration_s": null});
    assert_eq!(
        v,
        json!([
            {"at": at(p.s1), "rule": 1, "purpose": "start", "command": start(2000, 90, 5 * 3600)},
            {"at": at(renew), "rule": 1, "purpose": "renew", "command": start(2000, 90, 70 * 60)},
            {"at": at(p.s1 + Duration::hours(6)), "rule": 1, "purpose": "end", "command": auto},
            {"at": at(p.s2), "rule": 2, "purpose": "start",
             "command": {"kind": "stop", "power_w": null, "target_soc_pct": null, "duration_s": 3600}},
            {"at": at(p.s2 + Duration::hours(1)), "rule": 2, "purpose": "end", "command": auto},
        ])
    );
    // Nothing ahead: an empty array, not words.
    let out = stdout(&mut preview(dir.path(), &["--hours", "1", "--json"]));
    assert_eq!(serde_json::from_str::<Value>(&out).unwrap(), json!([]));
}

#[test]
fn no_timers_or_no_settings_file_is_said_plainly_and_exits_0() {
    let dir = tempfile::tempdir().unwrap();
    let out = stdout(&mut preview(dir.path(), &[]));
    assert!(
        out.starts_with("No timers are set: there is no settings file at "),
        "{out}"
    );
    write_settings(
        dir.path(),
        &json!({"host": "nestore.home", "poll_interval_s": 300}),
    );
    let out = stdout(&mut preview(dir.path(), &[]));
    let path = dir.path().join("settings.json");
    assert_eq!(out, format!("No timers are set (in {}).\n", path.display()));
    let out = stdout(preview(dir.path(), &[]).env("LANG", "nl_NL.UTF-8"));
    assert_eq!(
        out,
        format!("Er zijn geen timers ingesteld (in {}).\n", path.display())
    );
    write_settings(dir.path(), &json!({"timers": []}));
    assert!(stdout(&mut preview(dir.path(), &[])).starts_with("No timers are set (in "));
    let out = stdout(&mut preview(dir.path(), &["--json"]));
    assert_eq!(out.trim(), "[]");
}

#[test]
fn the_default_folder_is_the_app_s_config_folder() {
    // On Linux the app keeps its settings in $XDG_CONFIG_HOME/org.nestore.tray.
    if !cfg!(target_os = "linux") {
        return;
    }
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("org.nestore.tray");
    std::fs::create_dir(&dir).unwrap();
    write_settings(&dir, &plan().settings);
    let out = stdout(
        nestore()
            .env("XDG_CONFIG_HOME", home.path())
            .args(["schedule", "preview", "--hours", "24"]),
    );
    assert_eq!(out.lines().count(), 5, "{out}");
}

#[test]
fn overlapping_timers_are_refused_naming_both_exit_5() {
    let dir = tempfile::tempdir().unwrap();
    let every_day = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
    write_settings(
        dir.path(),
        &json!({"timers": [
            {"days": every_day, "start": "02:00", "end": "05:00", "kind": "charge",
             "power_w": 2000, "target_soc_pct": 90},
            {"days": ["wed"], "start": "04:00", "end": "06:00", "kind": "block"},
        ]}),
    );
    let err = stderr_of_failure(&mut preview(dir.path(), &[]), 5);
    assert!(err.starts_with("nestore: the timers in "), "{err}");
    assert!(err.contains("Timer 2: it overlaps timer 1"), "{err}");
    let err = stderr_of_failure(preview(dir.path(), &[]).env("LANG", "nl_NL.UTF-8"), 5);
    assert!(err.contains("zijn niet te gebruiken"), "{err}");
    assert!(err.contains("Timer 2: die overlapt met timer 1"), "{err}");

    // A timer the device cannot carry out is refused too, by its number.
    write_settings(
        dir.path(),
        &json!({"timers": [{"days": ["mon"], "start": "02:00", "end": "05:00",
                            "kind": "charge", "power_w": 5000, "target_soc_pct": 90}]}),
    );
    let err = stderr_of_failure(&mut preview(dir.path(), &["--json"]), 5);
    assert!(err.contains("Timer 1: a power of 5000 W"), "{err}");
}

#[test]
fn a_corrupt_settings_file_or_timer_is_refused_with_exit_9() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("settings.json");
    std::fs::write(&path, b"{\"timers\": [").unwrap();
    let err = stderr_of_failure(&mut preview(dir.path(), &[]), 9);
    assert!(
        err.starts_with(&format!(
            "nestore: cannot read the timers: {} is not valid JSON (",
            path.display()
        )),
        "{err}"
    );
    std::fs::write(&path, b"[1, 2]").unwrap();
    let err = stderr_of_failure(&mut preview(dir.path(), &["--json"]), 9);
    assert!(err.contains("holds no settings"), "{err}");
    std::fs::write(&path, br#"{"timers": {"days": ["mon"]}}"#).unwrap();
    let err = stderr_of_failure(&mut preview(dir.path(), &[]), 9);
    assert!(err.contains("is not a list"), "{err}");
    write_settings(
        dir.path(),
        &json!({"timers": [
            {"days": ["mon"], "start": "02:00", "end": "05:00", "kind": "block"},
            {"days": ["mon"], "start": "2am", "end": "05:00", "kind": "block"},
        ]}),
    );
    let err = stderr_of_failure(preview(dir.path(), &[]).env("LANG", "nl_NL.UTF-8"), 9);
    assert!(
        err.contains("kan de timers niet lezen: timer 2 in ")
            && err.contains("is geen geldige timer"),
        "{err}"
    );
    // Over 1 MiB: refused by its size, not read.
    let big = format!("{{\"timers\": [], \"pad\": \"{}\"}}", "x".repeat(1 << 20));
    std::fs::write(&path, big).unwrap();
    let err = stderr_of_failure(&mut preview(dir.path(), &[]), 9);
    assert!(
        err.contains("was not used because it is too large"),
        "{err}"
    );
}

#[cfg(unix)]
#[test]
fn a_fifo_in_the_settings_file_s_place_is_refused_without_blocking() {
    let dir = tempfile::tempdir().unwrap();
    let status = std::process::Command::new("mkfifo")
        .arg(dir.path().join("settings.json"))
        .status()
        .unwrap();
    assert!(status.success());
    let mut c = preview(dir.path(), &[]);
    // Blocking on the FIFO would hang: the timeout turns that into a failure.
    c.timeout(std::time::Duration::from_secs(20));
    let err = stderr_of_failure(&mut c, 9);
    assert!(err.contains("not a regular file but a named pipe"), "{err}");
}

#[test]
fn hours_outside_1_to_336_are_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    for bad in ["0", "337", "two"] {
        let err = stderr_of_failure(&mut preview(dir.path(), &["--hours", bad]), 2);
        assert!(
            err.contains(&format!("invalid value '{bad}' for '--hours <HOURS>'")),
            "{err}"
        );
        assert!(err.contains("from 1 to 336"), "{err}");
    }
    let err = stderr_of_failure(
        preview(dir.path(), &["--hours", "0"]).env("LANG", "nl_NL.UTF-8"),
        2,
    );
    assert!(err.contains("van 1 tot en met 336"), "{err}");
    stdout(&mut preview(dir.path(), &["--hours", "336"]));
}
