//! The history (issue 9) end to end: readings from the simulator reach the history file
//! and the window's History view, "Export CSV" writes what the file holds, a restart keeps
//! the leak trend, "Keep history" off keeps events only, and a history that cannot be
//! written is said in the window while the tray goes on.
//!
//!   cargo build -p nestore-tray
//!   scripts/desktop-session.sh cargo nextest run -p nestore-e2e --run-ignored only -E 'binary(history)'
//!
//! Every app runs with `--data-dir` in a temp dir of its own; the test opens the history
//! file read-only beside the app's writer (as the CLI does). Nothing races the clock: a
//! proxy in front of the simulator counts the app's polls (and holds them where the test
//! decides what the device answers), and every step waits for what it expects.

mod common;

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use common::*;
use nestore_history::{EventKind, StoredReading};
use nestore_sim::SimHandle;
use serde_json::{json, Value};

/// The app in its window, polling every second a frozen simulator behind a counting
/// proxy, its history in a data dir of its own.
struct Rig {
    sim: SimHandle,
    proxy: CountingProxy,
    data: TempDir,
    app: WindowApp,
}

impl Rig {
    async fn start(test: &str, data_dir: Option<PathBuf>, tray_host: bool) -> Result<Rig> {
        let sim = start_sim(63.0).await;
        let proxy = CountingProxy::start(sim.addr()).await?;
        let data = TempDir::new(&format!("{test}-data"));
        let dir = data_dir.unwrap_or_else(|| data.path().to_owned());
        let dir = dir.display().to_string();
        let args = ["--poll-interval", "1s", "--data-dir", &dir];
        let app = WindowApp::launch_with(
            test,
            proxy.addr,
            Launch {
                tray_host,
                args: &args,
                ..Launch::default()
            },
        )
        .await?;
        Ok(Rig {
            sim,
            proxy,
            data,
            app,
        })
    }

    fn file(&self) -> PathBuf {
        history_file(self.data.path())
    }

    async fn finish(self, result: Result<()>) -> Result<()> {
        self.proxy.stop_holding();
        self.app.finish(result).await
    }
}

/// Runs `script` in the window and returns its value.
async fn js(app: &WindowApp, script: &str) -> Result<Value> {
    Ok(app.client.execute(script, vec![]).await?)
}

/// What the History view's charts were drawn from: the period (uPlot's x scale, unix
/// seconds) and the bucket starts and means of the charge, heater and pressure series.
const CHARTS: &str = "const v = document.getElementById('view-history');\n\
    const box = document.getElementById('history-charts');\n\
    const soc = document.getElementById('chart-soc');\n\
    const p = document.getElementById('chart-pressure');\n\
    if (!v || v.hidden || !box || box.hidden || !soc || !soc.uplot || !p || !p.uplot) return null;\n\
    const u = soc.uplot;\n\
    return {from: u.scales.x.min, to: u.scales.x.max, t: u.data[0], soc: u.data[1],\n\
            power: u.data[2], pressure: p.uplot.data[1]};";

/// Opens the History view and waits until its charts are drawn; returns [`CHARTS`].
async fn open_history(app: &WindowApp) -> Result<Value> {
    app.click("btn-history").await?;
    wait_for("the history charts", STEP, || async {
        let v = js(app, CHARTS).await.ok()?;
        (!v.is_null()).then_some(v)
    })
    .await
}

fn secs(v: &Value, key: &str) -> Result<DateTime<Utc>> {
    let s = v[key].as_f64().ok_or(format!("no {key} in {v}"))?;
    DateTime::from_timestamp(s as i64, 0).ok_or(format!("{key} {s} is no time").into())
}

fn iso(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// The non-null numbers of a JSON array.
fn numbers(v: &Value) -> Vec<f64> {
    v.as_array()
        .map(|a| a.iter().filter_map(Value::as_f64).collect())
        .unwrap_or_default()
}

/// JSON values equal, numbers compared as numbers: a 0.0 that went through the page comes
/// back as 0, and serde_json parses a decimal to the nearest double or the one next to it
/// (without its `float_roundtrip` feature). On a difference, the path to the first one.
fn json_diff(a: &Value, b: &Value, path: &str) -> Option<String> {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            let (x, y) = (
                x.as_f64().unwrap_or(f64::NAN),
                y.as_f64().unwrap_or(f64::NAN),
            );
            ((x - y).abs() > 1e-12 * x.abs().max(1.0)).then(|| format!("{path}: {x} ≠ {y}"))
        }
        (Value::Array(x), Value::Array(y)) => {
            if x.len() != y.len() {
                return Some(format!("{path}: {} ≠ {} items", x.len(), y.len()));
            }
            x.iter()
                .zip(y)
                .enumerate()
                .find_map(|(i, (x, y))| json_diff(x, y, &format!("{path}[{i}]")))
        }
        (Value::Object(x), Value::Object(y)) => {
            let keys: std::collections::BTreeSet<&String> = x.keys().chain(y.keys()).collect();
            keys.into_iter().find_map(|k| {
                json_diff(
                    x.get(k).unwrap_or(&Value::Null),
                    y.get(k).unwrap_or(&Value::Null),
                    &format!("{path}.{k}"),
                )
            })
        }
        _ => (a != b).then(|| format!("{path}: {a} ≠ {b}")),
    }
}

fn assert_same(a: &Value, b: &Value, what: &str) {
    if let Some(d) = json_diff(a, b, "") {
        panic!("{what}: {d}");
    }
}

fn min_max(xs: impl IntoIterator<Item = f64>) -> Option<(f64, f64)> {
    xs.into_iter().fold(None, |acc, x| match acc {
        None => Some((x, x)),
        Some((lo, hi)) => Some((lo.min(x), hi.max(x))),
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs a desktop session: scripts/desktop-session.sh"]
async fn readings_reach_the_history_file_and_the_history_view() -> Result<()> {
    let started = Utc::now();
    let rig = Rig::start("hist-readings", None, false).await?;
    let result = readings_reach(&rig, started).await;
    rig.finish(result).await
}

async fn readings_reach(rig: &Rig, started: DateTime<Utc>) -> Result<()> {
    const POLLS: usize = 5;
    let app = &rig.app;
    let file = rig.file();
    app.wait_text("soc", "the first reading", |t| t == "63 %")
        .await?;

    // Hold the next poll: from here the test decides what the device answers to each one.
    rig.proxy.hold();
    rig.proxy.wait_held().await?;
    // Every poll answered so far (all but the one held) is one reading in the file.
    let answered = rig.proxy.readings() - rig.proxy.held();
    let before = wait_stored(
        &file,
        &format!("the {answered} readings answered so far"),
        |r| r.len() == answered,
    )
    .await?;
    assert!(
        before.iter().all(|r| close_to(r.soc_pct, 63.0)),
        "{before:#?}"
    );

    // POLLS polls, each answered with another charge and pressure (healthy ones: no alert).
    let mut expected = Vec::new();
    for i in 0..POLLS {
        rig.sim.set_soc(56.0 + 5.0 * i as f64);
        rig.sim.set_pressure(2.2 + 0.07 * i as f64);
        expected.push(rig.sim.snapshot());
        let seen = rig.proxy.readings();
        rig.proxy.release();
        // The next poll only starts once this one is answered.
        wait_for(&format!("the poll after poll {}", seen), STEP, || async {
            (rig.proxy.readings() > seen && rig.proxy.held() > 0).then_some(())
        })
        .await?;
    }
    let stored = wait_stored(&file, &format!("{POLLS} more readings"), |r| {
        r.len() == before.len() + POLLS
    })
    .await?;
    let new = &stored[before.len()..];
    for (r, snap) in new.iter().zip(&expected) {
        let what = format!("the reading at {} ({snap:?})", r.read_at);
        assert!(close_to(r.soc_pct, snap.soc_pct), "{what}: {r:?}");
        assert!(close_to(r.pressure_bar, snap.pressure_bar), "{what}: {r:?}");
        assert!(
            close_to(r.heater_power_w, snap.heater_power_w.round()),
            "{what}: {r:?}"
        );
        for (z, c) in r.zone_temps_c.iter().zip(snap.zone_temps_c) {
            assert!(close_to(*z, c), "{what}: zones {r:?}");
        }
        assert_eq!(r.state.as_deref(), Some(snap.state_name.as_str()), "{what}");
        assert!(!r.demo, "{what}: a real device's reading");
        assert!(r.implausible.is_empty(), "{what}: {r:?}");
    }
    let times: Vec<DateTime<Utc>> = stored.iter().map(|r| r.read_at).collect();
    assert!(
        times.windows(2).all(|w| w[0] < w[1]),
        "one reading per poll, in order: {times:?}"
    );
    assert!(
        times[0] >= started && times[times.len() - 1] <= Utc::now(),
        "taken while the test ran ({started}): {times:?}"
    );

    // The History view (still no new reading: the next poll is held) shows the last 24 h.
    let charts = open_history(app).await?;
    let (from, to) = (secs(&charts, "from")?, secs(&charts, "to")?);
    assert_eq!(
        (to - from).num_seconds(),
        86_400,
        "the view opens on 24 h: {from} – {to}"
    );
    assert!(
        to >= times[times.len() - 1] && to <= Utc::now(),
        "ends now: {to}"
    );
    let shown = numbers(&charts["soc"]);
    assert!(!shown.is_empty(), "the charge chart has data: {charts}");
    let stored_soc = min_max(stored.iter().filter_map(|r| r.soc_pct)).ok_or("no charge")?;
    let shown_soc = min_max(shown.iter().copied()).ok_or("no charge shown")?;
    assert!(
        shown_soc.0 >= stored_soc.0 - 1e-9 && shown_soc.1 <= stored_soc.1 + 1e-9,
        "bucket means lie within the readings: shown {shown_soc:?}, stored {stored_soc:?}"
    );
    assert!(
        !numbers(&charts["pressure"]).is_empty(),
        "the pressure chart has data: {charts}"
    );

    // The view is what history_query answers for its period, and that is the store's view
    // of the same period (read by the test from the file, in the same time zone).
    let buckets = charts["t"].as_array().map_or(0, Vec::len);
    let reply = app
        .invoke(
            "history_query",
            json!({"from": iso(from), "to": iso(to), "buckets": buckets}),
        )
        .await?
        .map_err(|e| format!("history_query failed: {e}"))?;
    assert_same(&reply["t"], &charts["t"], "the charts' buckets");
    let s = &reply["series"];
    assert_same(&s["soc_pct"]["mean"], &charts["soc"], "the charge chart");
    assert_same(&s["heater_power_w"]["mean"], &charts["power"], "the heater");
    assert_same(
        &s["pressure_bar"]["mean"],
        &charts["pressure"],
        "the pressure",
    );
    let min = numbers(&reply["series"]["soc_pct"]["min"]);
    let max = numbers(&reply["series"]["soc_pct"]["max"]);
    assert_eq!(
        (
            min.iter().copied().fold(f64::INFINITY, f64::min),
            max.iter().copied().fold(f64::NEG_INFINITY, f64::max)
        ),
        stored_soc,
        "the lowest and highest charge of the period are the readings'"
    );
    assert_eq!(reply["enabled"], json!(true), "{reply}");
    assert_eq!(reply["demo"], json!(false), "{reply}");
    let store = open_store(&file)?.ok_or("no history file")?;
    let mut view = store.view(from, to, buckets as u32, &chrono::Local)?;
    view.enabled = true;
    assert_same(
        &reply,
        &serde_json::to_value(&view)?,
        "history_query = the store's view",
    );
    Ok(())
}

/// The cells of a CSV line (no quoted cells expected in these exports).
fn cells(line: &str) -> Vec<&str> {
    line.split(',').collect()
}

fn cell_num(row: &[&str], header: &[&str], key: &str) -> Option<f64> {
    let i = header.iter().position(|h| *h == key)?;
    row.get(i)?.parse().ok()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs a desktop session: scripts/desktop-session.sh"]
async fn export_csv_writes_the_stored_readings_of_the_period() -> Result<()> {
    let rig = Rig::start("hist-export", None, false).await?;
    let out = TempDir::new("hist-export-out");
    let result = export_csv(&rig, out.path()).await;
    rig.finish(result).await
}

async fn export_csv(rig: &Rig, out: &Path) -> Result<()> {
    let app = &rig.app;
    let file = rig.file();
    // A few readings with different values.
    for soc in [58.0, 66.0, 71.0] {
        rig.sim.set_soc(soc);
        let want = rig.sim.snapshot().soc_pct;
        wait_stored(&file, &format!("a reading at {want} %"), |r| {
            r.iter().any(|r| close_to(r.soc_pct, want))
        })
        .await?;
    }
    let charts = open_history(app).await?;
    let (from, to) = (secs(&charts, "from")?, secs(&charts, "to")?);

    // Cancel: nothing written, nothing said, Export usable again.
    app.click("btn-export").await?;
    cancel_dialog(EXPORT_DIALOG_TITLE).await?;
    wait_for("Export to be enabled again", STEP, || async {
        app.el("btn-export")
            .await
            .ok()?
            .is_enabled()
            .await
            .ok()?
            .then_some(())
    })
    .await?;
    let msg = app.el("history-export-message").await?;
    assert!(
        !msg.is_displayed().await?,
        "a cancelled export says nothing: {:?}",
        msg.text().await?
    );
    assert_eq!(std::fs::read_dir(out)?.count(), 0, "nothing written");

    // Save: the path typed into the dialog.
    let target = out.join("history export.csv");
    app.click("btn-export").await?;
    save_in_dialog(EXPORT_DIALOG_TITLE, &target).await?;
    let said = app
        .wait_text("history-export-message", "the export's outcome", |t| {
            !t.is_empty() && t != "Exporting…"
        })
        .await?;
    assert_eq!(said, format!("Saved to {}", target.display()));
    let csv = std::fs::read_to_string(&target)?;

    // The file is the store's readings of the period shown, row for row.
    let store = open_store(&file)?.ok_or("no history file")?;
    let readings: Vec<StoredReading> = store.readings_vec(from, to)?;
    assert!(
        readings.len() >= 3,
        "{} readings in the period",
        readings.len()
    );
    let lines: Vec<&str> = csv.split_terminator("\r\n").collect();
    assert!(csv.ends_with("\r\n"), "CRLF line ends");
    assert_eq!(lines[0], nestore_history::readings_header(), "the header");
    let header = cells(lines[0]);
    assert_eq!(
        lines.len() - 1,
        readings.len(),
        "one row per stored reading of {from} – {to}"
    );
    for (line, r) in lines[1..].iter().zip(&readings) {
        let row = cells(line);
        assert_eq!(row.len(), header.len(), "{line}");
        let at = DateTime::parse_from_rfc3339(row[0])?.with_timezone(&Utc);
        assert_eq!(at, r.read_at, "{line}");
        assert_eq!(cell_num(&row, &header, "soc_pct"), r.soc_pct, "{line}");
        assert_eq!(
            cell_num(&row, &header, "pressure_bar"),
            r.pressure_bar,
            "{line}"
        );
        assert_eq!(cell_num(&row, &header, "zone1_c"), r.zone_temps_c[0]);
        assert_eq!(row[row.len() - 1], "false", "not the demo's: {line}");
    }
    // Byte for byte what the library writes for that store and period.
    let mut expected = Vec::new();
    nestore_history::write_readings_csv(&store, from, to, &chrono::Local, &mut expected)?;
    assert_eq!(csv.as_bytes(), expected.as_slice(), "the library's CSV");
    let leftovers: Vec<_> = std::fs::read_dir(out)?
        .map(|e| e.map(|e| e.file_name()))
        .collect::<std::io::Result<_>>()?;
    assert_eq!(leftovers.len(), 1, "no temp file left: {leftovers:?}");
    Ok(())
}

// ------------------------------------------------------------- a restart keeps the leak trend

const APP_NAME: &str = "NEStore Tray";
/// How far the seeded history's pressure falls over 6 h (the leak limit is 0.2).
const SEEDED_FALL_BAR: f64 = 0.5;

/// The app in the tray only (no window), polling every second a frozen simulator behind a
/// counting proxy, its history in `data`; the test is the tray host and sees every
/// notification.
struct TrayRun {
    /// The device, held for as long as the app polls it.
    _sim: SimHandle,
    proxy: CountingProxy,
    host: TrayHost,
    notes: NotificationMonitor,
    app: TrayApp,
    item: Item,
    menu: String,
    service: String,
    _config: TempDir,
    _lock: AppLock,
}

impl TrayRun {
    async fn start(test: &str, sim: SimHandle, data: &Path) -> Result<TrayRun> {
        TrayRun::start_in(test, sim, data, TempDir::new(test)).await
    }

    /// The same, with the settings folder `config` (made ready by the test).
    async fn start_in(test: &str, sim: SimHandle, data: &Path, config: TempDir) -> Result<TrayRun> {
        require_desktop();
        let lock = AppLock::acquire();
        wait_app_gone().await?;
        let proxy = CountingProxy::start(sim.addr()).await?;
        let host = TrayHost::start().await?;
        let notes = NotificationMonitor::start().await?;
        let service = unique_service(test);
        let dir = data.display().to_string();
        let app = TrayApp::spawn(
            proxy.addr,
            config.path(),
            &service,
            &["--poll-interval", "1s", "--data-dir", &dir],
            std::env::temp_dir().join(format!("nestore-e2e-{test}-{}.log", std::process::id())),
        )?;
        let item = host.item().await?;
        let menu = host.menu_path(&item).await?;
        Ok(TrayRun {
            _sim: sim,
            proxy,
            host,
            notes,
            app,
            item,
            menu,
            service,
            _config: config,
            _lock: lock,
        })
    }

    fn leak_notes(&self) -> Vec<Notification> {
        self.notes
            .sent_by(APP_NAME)
            .into_iter()
            .filter(|n| n.summary == "Possible leak")
            .collect()
    }

    /// Quits from the tray menu (the history is written before the app ends).
    async fn quit(mut self) -> Result<()> {
        self.host
            .click_label(&self.item, &self.menu, "Quit")
            .await?;
        let child = &mut self.app.child;
        let status = wait_for("the app to exit after Quit", STEP, || {
            let s = child.try_wait().ok().flatten();
            async move { s }
        })
        .await?;
        let _ = std::process::Command::new("secret-tool")
            .args(["clear", "service", &self.service])
            .status();
        assert!(status.success(), "the app exited with {status}");
        let _ = std::fs::remove_file(&self.app.log);
        Ok(())
    }

    async fn finish(self, result: Result<()>) -> Result<()> {
        if result.is_err() {
            eprintln!(
                "---- the app's log ({}) ----\n{}",
                self.app.log.display(),
                self.app.log_text()
            );
        }
        let quit = self.quit().await;
        result?;
        quit
    }
}

/// A frozen device at a steady 80 % whose pressure has just been set to 2.3 bar.
async fn leaking_device() -> SimHandle {
    let sim = start_sim(80.0).await;
    sim.set_pressure(2.3);
    sim
}

/// The number just before " bar per 6 h" in a leak notice body.
fn rate_in(body: &str) -> Option<f64> {
    let before = body.split(" bar per 6 h").next()?;
    before.rsplit(['(', ' ']).next()?.parse().ok()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs a desktop session: scripts/desktop-session.sh"]
async fn a_restart_keeps_the_leak_trend_of_the_history_file() -> Result<()> {
    // With the history of the last 6 h in the file (the pressure falling 0.5 bar at a
    // steady charge, down to the device's pressure now), the app suspects the leak within
    // a few polls: its first reading only seeds the watch, then the rule holds for 2.
    let seeded = TempDir::new("hist-leak-seeded");
    let sim = leaking_device().await;
    let now = rig_now(&sim);
    let points = seed_fall(now.0, now.1, now.2);
    let stored = seed_history(&history_file(seeded.path()), points)?;
    assert!(stored > 60, "{stored} readings seeded");
    let run = TrayRun::start("hist-leak-seeded", sim, seeded.path()).await?;
    let polls = std::cell::Cell::new(0);
    let result = async {
        let notes = wait_for("a leak notice", STEP, || async {
            let n = run.leak_notes();
            (!n.is_empty()).then_some(n)
        })
        .await?;
        polls.set(run.proxy.readings());
        let body = &notes[0].body;
        let rate = rate_in(body).ok_or(format!("no rate in {body:?}"))?;
        assert!(
            (SEEDED_FALL_BAR * 0.8..=SEEDED_FALL_BAR * 1.1).contains(&rate),
            "the stored trend falls {SEEDED_FALL_BAR} bar per 6 h, the notice says {rate}: {body}"
        );
        assert!(body.contains("near 80 %"), "{body}");
        let line = wait_for("the leak line in the menu", STEP, || async {
            let l = run.host.menu_labels(&run.item, &run.menu).await.ok()?;
            l.into_iter().find(|l| l == "Warning: leak suspected")
        })
        .await?;
        eprintln!("seeded: {line:?} after {} polls", polls.get());
        // And it went into the history, beside the seeded readings.
        wait_events(
            &history_file(seeded.path()),
            "the leak alert in the history",
            |es| {
                es.iter()
                    .any(|e| e.kind == EventKind::Alert && e.title == "Possible leak")
            },
        )
        .await?;
        Ok(())
    }
    .await;
    run.finish(result).await?;
    let polls = polls.get();
    assert!(
        polls <= 6,
        "a leak in the history is seen within a few polls: {polls}"
    );

    // The same device on an empty history: the rule wants an hour of readings first, so
    // no leak notice in more polls than the seeded run needed.
    let fresh = TempDir::new("hist-leak-fresh");
    let run = TrayRun::start("hist-leak-fresh", leaking_device().await, fresh.path()).await?;
    let result = async {
        run.proxy.wait_readings(0, polls + 3).await?;
        // The readings of those polls are handled (the next poll follows the last answer).
        wait_stored(
            &history_file(fresh.path()),
            "the fresh run's readings",
            |r| r.len() + 1 >= polls + 3,
        )
        .await?;
        assert!(
            run.leak_notes().is_empty(),
            "no leak from an empty history in {} polls: {:#?}",
            run.proxy.readings(),
            run.notes.sent_by(APP_NAME)
        );
        let labels = run.host.menu_labels(&run.item, &run.menu).await?;
        assert!(
            !labels.iter().any(|l| l.contains("leak")),
            "no leak line: {labels:?}"
        );
        Ok(())
    }
    .await;
    run.finish(result).await
}

/// Now, and the device's charge and pressure now.
fn rig_now(sim: &SimHandle) -> (DateTime<Utc>, f64, f64) {
    let snap = sim.snapshot();
    (Utc::now(), snap.soc_pct, snap.pressure_bar)
}

/// Readings every 5 minutes over the 6 h before `now` at a steady `soc`, the pressure
/// falling [`SEEDED_FALL_BAR`] over 6 h down to `bar_now`.
fn seed_fall(now: DateTime<Utc>, soc: f64, bar_now: f64) -> Vec<nestore::reading::Reading> {
    (1..72)
        .map(|k| {
            let ago = chrono::Duration::minutes(360 - 5 * k);
            let bar = bar_now + SEEDED_FALL_BAR * ago.num_seconds() as f64 / (6.0 * 3600.0);
            pressure_reading(now - ago, soc, (bar * 1000.0).round() / 1000.0)
        })
        .collect()
}

// ------------------------------------------------------------------- "Keep history" off

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs a desktop session: scripts/desktop-session.sh"]
async fn keep_history_off_stops_the_readings_but_not_the_events() -> Result<()> {
    let rig = Rig::start("hist-off", None, false).await?;
    let result = keep_history_off(&rig).await;
    rig.finish(result).await
}

/// In Settings, sets "Keep history" to `on`, saves, and returns when it was saved.
async fn save_keep_history(app: &WindowApp, on: bool) -> Result<DateTime<Utc>> {
    app.open_settings().await?;
    // The form shows the settings once loaded: the host the app runs with.
    wait_for("the settings to load", STEP, || async {
        let v = app.el("set-host").await.ok()?.prop("value").await.ok()??;
        (!v.is_empty()).then_some(())
    })
    .await?;
    app.set_checked("set-history", on).await?;
    app.click("btn-save-settings").await?;
    let said = app
        .wait_text("settings-message", "the settings to be saved", |t| {
            !t.is_empty() && !t.starts_with("Saving")
        })
        .await?;
    assert_eq!(said, "Saved.", "saving \"Keep history\" {on}");
    Ok(Utc::now())
}

async fn keep_history_off(rig: &Rig) -> Result<()> {
    let app = &rig.app;
    let file = rig.file();
    app.wait_text("soc", "the first reading", |t| t == "63 %")
        .await?;
    wait_stored(&file, "two readings", |r| r.len() >= 2).await?;

    let off = save_keep_history(app, false).await?;
    // The app goes on reading the device...
    let from = rig.proxy.readings();
    rig.proxy.wait_readings(from, 3).await?;
    app.wait_state("a reading taken after the change", |s| {
        s["reading"]["read_at"]
            .as_str()
            .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
            .is_some_and(|t| t > off)
    })
    .await?;
    // ...and an alert still goes into the history: over 3 bar, a high-pressure warning.
    rig.sim.set_pressure(3.3);
    let events = wait_events(&file, "the high-pressure alert in the history", |es| {
        es.iter()
            .any(|e| e.kind == EventKind::Alert && e.title == "High pressure" && e.at > off)
    })
    .await?;
    // The writer writes in order: the alert is in, so is every reading handed over before
    // it. None was taken after "Keep history" went off.
    let stored = stored_readings(&file)?;
    let late: Vec<_> = stored.iter().filter(|r| r.read_at > off).collect();
    assert!(
        late.is_empty(),
        "no reading kept after {off}: {late:#?} (events {events:#?})"
    );
    assert!(stored.len() >= 2, "the earlier readings stay");

    // The History view says so, and still shows what was kept.
    app.click("btn-back").await?;
    open_history(app).await?;
    let said = app
        .wait_text("history-off", "the \"Keep history\" note", |t| {
            !t.is_empty()
        })
        .await?;
    assert!(said.contains("Keep history"), "{said:?}");

    // On again: readings are kept again (so it was the setting that stopped them).
    app.click("btn-history-back").await?;
    let on = save_keep_history(app, true).await?;
    wait_stored(
        &file,
        "a reading kept after \"Keep history\" is on again",
        |r| r.iter().any(|r| r.read_at > on),
    )
    .await?;
    Ok(())
}

// --------------------------------------------------- a history that cannot be written

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs a desktop session: scripts/desktop-session.sh"]
async fn a_data_dir_that_cannot_be_written_is_said_and_the_tray_goes_on() -> Result<()> {
    // The data dir lies under a regular file: it can never be made.
    let holder = TempDir::new("hist-unwritable");
    let file = holder.path().join("not-a-dir");
    std::fs::write(&file, b"a plain file")?;
    let rig = Rig::start("hist-unwritable", Some(file.join("history")), true).await?;
    let result = async {
        let app = &rig.app;
        let said = app
            .wait_text("notice-text", "the history notice", |t| !t.is_empty())
            .await?;
        assert!(
            said.starts_with("History cannot be saved"),
            "the window says {said:?}"
        );
        app.wait_text("soc", "the readings in the window", |t| t == "63 %")
            .await?;
        // The tray shows the readings, poll after poll.
        let host = app.host.as_ref().ok_or("no tray host")?;
        let item = host.item().await?;
        let menu = host.menu_path(&item).await?;
        let from = rig.proxy.readings();
        let last = std::cell::RefCell::new(Vec::new());
        let r = wait_for("three more polls shown in the tray", STEP, || async {
            let l = host.menu_labels(&item, &menu).await.ok()?;
            let ok = l.iter().any(|l| l == "State of charge 63 %")
                && l.iter()
                    .any(|l| l.starts_with("Updated ") && !l.contains("retrying"));
            *last.borrow_mut() = l;
            (ok && rig.proxy.readings() >= from + 3).then_some(())
        })
        .await;
        r.map_err(|e| format!("{e} (the menu showed {:?})", last.borrow()))?;
        // Still said, and nothing made of the file.
        assert_eq!(app.text("notice-text").await?, said);
        assert_eq!(std::fs::read(&file)?, b"a plain file");
        let state = app.state().await?;
        assert_eq!(state["connection"], json!("online"), "{state}");
        // What the History view says of it (for the report; it must not hang).
        app.click("btn-history").await?;
        let status = app
            .wait_text("history-status", "the History view's status", |t| {
                !t.is_empty() && !t.starts_with("Loading")
            })
            .await?;
        eprintln!("the History view says: {status:?}");
        Ok(())
    }
    .await;
    rig.finish(result).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs a desktop session: scripts/desktop-session.sh"]
async fn the_old_alert_log_moves_into_the_history_once() -> Result<()> {
    // An alert log as the app before the history kept it, in the settings folder.
    let test = "hist-import";
    let config = TempDir::new(test);
    let data = TempDir::new("hist-import-data");
    let t0 = Utc::now() - chrono::Duration::days(3);
    let lines: String = (0..3)
        .map(|i| {
            let e = json!({
                "at": t0 + chrono::Duration::hours(i), "kind": "high_pressure",
                "severity": "warning", "phase": "raised", "title": format!("High pressure {i}"),
                "body": "Pressure 3.2 bar is above the healthy band.", "pressure_bar": 3.2,
                "soc_pct": 70.0, "notified": true, "suppressed_by": null
            });
            format!("{e}\n")
        })
        .collect();
    let old = config.path().join("alerts.jsonl");
    std::fs::write(&old, &lines)?;
    let run = TrayRun::start_in(test, start_sim(63.0).await, data.path(), config).await?;
    let result = async {
        let file = history_file(data.path());
        let imported = |es: &[nestore_history::Event]| {
            es.iter()
                .filter(|e| e.kind == EventKind::Alert && e.title.starts_with("High pressure "))
                .map(|e| (e.title.clone(), e.at))
                .collect::<Vec<_>>()
        };
        let events = wait_events(&file, "the old alerts in the history", |es| {
            imported(es).len() == 3
        })
        .await?;
        let titles: Vec<_> = imported(&events).into_iter().map(|(t, _)| t).collect();
        assert_eq!(
            titles,
            ["High pressure 0", "High pressure 1", "High pressure 2"]
        );
        assert_eq!(imported(&events)[0].1.timestamp(), t0.timestamp());
        // The old file is set aside, byte for byte, so it is never imported again.
        assert!(!old.exists(), "alerts.jsonl is still there");
        let dir = old.parent().ok_or("no settings folder")?;
        let aside: Vec<_> = std::fs::read_dir(dir)?
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .filter(|p| p.to_string_lossy().contains("alerts.jsonl."))
            .collect();
        assert_eq!(aside.len(), 1, "{aside:?}");
        assert_eq!(std::fs::read_to_string(&aside[0])?, lines);
        Ok(())
    }
    .await;
    run.finish(result).await
}
