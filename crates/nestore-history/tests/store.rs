//! The store and its queries, on files in a temporary folder.

mod common;

use chrono::{Duration, FixedOffset, TimeZone, Utc};
use common::{at, reading, simple, DAY0};
use nestore::reading::Measure;
use nestore_history::*;

fn mem() -> Store {
    Store::open_in_memory().unwrap()
}

#[test]
fn a_reading_round_trips_with_not_reported_and_implausible_kept_apart() {
    let mut s = mem();
    let mut r = reading(DAY0, 63.4, 2.413, (1234.567, 2345.678, 45678.9));
    r.soc_total_pct = Measure::NotReported;
    r.zone_temps_c[2] = Measure::Implausible(900.0);
    r.state = Some("Charging Electrical Main".into());
    assert!(s.insert_reading(&r, false).unwrap());
    // The same time again is a duplicate: the first stays.
    assert!(!s.insert_reading(&simple(DAY0, 10.0), false).unwrap());
    let rows = s.readings_vec(at(DAY0), at(DAY0 + 1)).unwrap();
    assert_eq!(rows.len(), 1);
    let got = &rows[0];
    assert_eq!(got.read_at, r.read_at);
    assert_eq!(got.soc_pct, r.soc_pct.value());
    assert_eq!(got.soc_total_pct, None);
    assert_eq!(got.pressure_bar, r.pressure_bar.value());
    assert_eq!(got.zone_temps_c[2], None);
    assert_eq!(got.zone_temps_c[4], r.zone_temps_c[4].value());
    assert_eq!(got.implausible, vec!["zone3_c"]);
    assert_eq!(got.dhw_energy_total_kwh, r.dhw_energy_total_kwh.value());
    assert_eq!(
        got.heater_energy_total_kwh,
        r.heater_energy_total_kwh.value()
    );
    assert_eq!(got.water_volume_total_l, r.water_volume_total_l.value());
    assert_eq!(got.state, r.state);
    assert_eq!(got.online_mode, Some(true));
    assert!(!got.demo);
}

#[test]
fn device_text_is_cleaned_before_it_is_stored() {
    let mut s = mem();
    let mut r = simple(DAY0, 50.0);
    r.state = Some("Stand\u{1b}[2Kby\n".into());
    s.insert_reading(&r, false).unwrap();
    let rows = s.readings_vec(at(DAY0), at(DAY0 + 1)).unwrap();
    let state = rows[0].state.clone().unwrap();
    assert!(!state.chars().any(char::is_control), "{state:?}");
}

#[test]
fn series_buckets_hold_min_mean_max_and_gaps_stay_gaps() {
    let mut s = mem();
    // Two readings in each of the first three 10-minute buckets, none in the fourth,
    // one in the fifth.
    let pts: Vec<(i64, f64, f64)> = vec![
        (0, 40.0, 2.40),
        (300, 44.0, 2.44),
        (600, 50.0, 2.50),
        (900, 52.0, 2.53),
        (1200, 60.0, 2.61),
        (1500, 61.0, 2.62),
        (2400, 70.0, 2.70),
    ];
    for (dt, soc, p) in &pts {
        s.insert_reading(&reading(DAY0 + dt, *soc, *p, (0.0, 0.0, 0.0)), false)
            .unwrap();
    }
    let series = s.series(at(DAY0), at(DAY0 + 3000), 5).unwrap();
    assert_eq!(series.bucket_s, 600);
    assert_eq!(series.t, (0..5).map(|i| DAY0 + 600 * i).collect::<Vec<_>>());
    for b in 0..5usize {
        let inside: Vec<_> = pts
            .iter()
            .filter(|(dt, _, _)| (*dt as usize) / 600 == b)
            .collect();
        let soc = &series.series.soc_pct;
        let p = &series.series.pressure_bar;
        if inside.is_empty() {
            assert_eq!((soc.min[b], soc.mean[b], soc.max[b]), (None, None, None));
            assert_eq!(p.mean[b], None);
            assert_eq!(series.series.zone1_c.mean[b], None);
            continue;
        }
        let socs: Vec<f64> = inside.iter().map(|x| x.1).collect();
        let ps: Vec<f64> = inside.iter().map(|x| x.2).collect();
        let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
        let min = |v: &[f64]| v.iter().cloned().fold(f64::INFINITY, f64::min);
        let max = |v: &[f64]| v.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
        assert!(
            (soc.mean[b].unwrap() - mean(&socs)).abs() < 1e-9,
            "bucket {b}"
        );
        assert_eq!(soc.min[b], Some(min(&socs)));
        assert_eq!(soc.max[b], Some(max(&socs)));
        assert!((p.mean[b].unwrap() - mean(&ps)).abs() < 1e-9);
        assert_eq!(p.min[b], Some(min(&ps)));
        assert_eq!(series.series.zone5_c.max[b], Some(15.5));
    }
}

#[test]
fn series_never_exceeds_the_buckets_asked_and_refuses_bad_arguments() {
    let s = mem();
    for (span, buckets) in [
        (86_400, 1000),
        (86_400 * 365, 2000),
        (7, 1000),
        (100_001, 3),
    ] {
        let x = s.series(at(DAY0), at(DAY0 + span), buckets).unwrap();
        assert!(x.t.len() <= buckets as usize, "{span} {buckets}");
        assert!(x.t.len() as i64 * i64::from(x.bucket_s) >= span);
        assert_eq!(x.series.soc_pct.mean.len(), x.t.len());
    }
    for b in [0, MAX_BUCKETS + 1] {
        let e = s.series(at(DAY0), at(DAY0 + 60), b).unwrap_err();
        assert!(
            matches!(
                e,
                Error::Invalid {
                    field: "buckets",
                    ..
                }
            ),
            "{e:?}"
        );
    }
    let e = s.series(at(DAY0), at(DAY0), 10).unwrap_err();
    assert!(matches!(e, Error::Invalid { field: "to", .. }));
}

/// Readings every 5 min with counters rising by the given steps; returns the steps.
fn counters_day(s: &mut Store, start: i64, n: i64, step: impl Fn(i64) -> (f64, f64, f64)) {
    let mut c = (1000.0, 2000.0, 50_000.0);
    for i in 0..n {
        let d = step(i);
        c = (c.0 + d.0, c.1 + d.1, c.2 + d.2);
        s.insert_reading(&reading(start + 300 * i, 50.0, 2.5, c), false)
            .unwrap();
    }
}

#[test]
fn daily_totals_sum_the_counter_steps_per_local_day() {
    let mut s = mem();
    // Two UTC days of readings, 0.1 kWh hot-water energy, 0.5 kWh charge, 2.5 L per step.
    let step = (0.1, 0.5, 2.5);
    counters_day(&mut s, DAY0, 576, |_| step);
    let days = s.daily(at(DAY0), at(DAY0 + 2 * 86_400), &Utc).unwrap();
    assert_eq!(days.len(), 2);
    assert_eq!(days[0].date.to_string(), "2025-11-25");
    // The first day has one step fewer: its first reading has none before it.
    for (d, steps) in days.iter().zip([287.0, 288.0]) {
        assert!(
            (d.hot_water_kwh.unwrap() - step.0 * steps).abs() < 1e-6,
            "{d:?}"
        );
        assert!((d.charged_kwh.unwrap() - step.1 * steps).abs() < 1e-6);
        assert!((d.hot_water_l.unwrap() - step.2 * steps).abs() < 1e-6);
    }
    // At UTC+2, the local days start two hours earlier: three days, the first short.
    let tz = FixedOffset::east_opt(2 * 3600).unwrap();
    let days = s.daily(at(DAY0), at(DAY0 + 2 * 86_400), &tz).unwrap();
    assert_eq!(days.len(), 3);
    let steps_on = |local_day: i64| {
        (1..576)
            .filter(|i| {
                let t = tz.timestamp_opt(DAY0 + 300 * i, 0).unwrap();
                (t.date_naive() - days[0].date).num_days() == local_day
            })
            .count() as f64
    };
    for (k, d) in days.iter().enumerate() {
        assert!(
            (d.hot_water_l.unwrap() - 2.5 * steps_on(k as i64)).abs() < 1e-6,
            "{d:?}"
        );
    }
}

#[test]
fn a_reset_a_gap_or_a_wild_step_contributes_nothing() {
    let mut s = mem();
    let mut t = DAY0;
    let mut push = |s: &mut Store, dt: i64, c: (f64, f64, f64)| {
        t += dt;
        s.insert_reading(&reading(t, 50.0, 2.5, c), false).unwrap();
    };
    push(&mut s, 0, (100.0, 200.0, 1000.0));
    push(&mut s, 300, (100.5, 201.0, 1010.0)); // counts: 0.5, 1, 10
    push(&mut s, 300, (0.2, 0.1, 3.0)); // reset: nothing
    push(&mut s, 300, (0.4, 0.3, 5.0)); // counts: 0.2, 0.2, 2
    push(&mut s, 3 * 3600, (9.0, 9.0, 90.0)); // after a 3 h gap: nothing
    push(&mut s, 300, (9.5, 9.5, 95.0)); // counts: 0.5, 0.5, 5
    push(&mut s, 300, (9.5, 1e6, 1e9)); // a spike of the heater and volume: nothing
    push(&mut s, 300, (9.6, 1e6 + 0.1, 1e9 + 1.0)); // counts: 0.1, 0.1, 1
    let d = &s.daily(at(DAY0), at(DAY0 + 86_400), &Utc).unwrap()[0];
    assert!(
        (d.hot_water_kwh.unwrap() - (0.5 + 0.2 + 0.5 + 0.0 + 0.1)).abs() < 1e-6,
        "{d:?}"
    );
    assert!(
        (d.charged_kwh.unwrap() - (1.0 + 0.2 + 0.5 + 0.1)).abs() < 1e-6,
        "{d:?}"
    );
    assert!(
        (d.hot_water_l.unwrap() - (10.0 + 2.0 + 5.0 + 1.0)).abs() < 1e-6,
        "{d:?}"
    );
}

#[test]
fn a_day_without_two_readings_is_unknown_and_demo_never_pairs_with_real() {
    let mut s = mem();
    s.insert_reading(&reading(DAY0, 50.0, 2.5, (1.0, 1.0, 1.0)), true)
        .unwrap();
    s.insert_reading(
        &reading(DAY0 + 300, 50.0, 2.5, (500.0, 500.0, 500.0)),
        false,
    )
    .unwrap();
    let days = s.daily(at(DAY0 - 86_400), at(DAY0 + 86_400), &Utc).unwrap();
    assert_eq!(days.len(), 2);
    assert_eq!(days[0].hot_water_l, None);
    assert_eq!(days[1].hot_water_l, None, "demo to real is no step");
    assert_eq!(days[1].charged_kwh, None);
}

#[test]
fn events_are_the_newest_of_the_range_oldest_first() {
    let mut s = mem();
    for i in 0..10 {
        let e = Event::new(
            at(DAY0 + i),
            EventKind::Alert,
            Severity::Warning,
            format!("e{i}"),
            "b",
        )
        .with_detail(serde_json::json!({"i": i}));
        s.insert_event(&e).unwrap();
    }
    let got = s.events(at(DAY0), at(DAY0 + 8), 3).unwrap();
    let titles: Vec<_> = got.iter().map(|e| e.title.as_str()).collect();
    assert_eq!(titles, ["e5", "e6", "e7"]);
    assert_eq!(got[0].detail, Some(serde_json::json!({"i": 5})));
    // A huge body is cut, the event kept.
    let long = "x".repeat(MAX_BODY_CHARS * 2);
    s.insert_event(&Event::new(
        at(DAY0 + 20),
        EventKind::Command,
        Severity::Info,
        "t",
        long,
    ))
    .unwrap();
    let got = s.events(at(DAY0 + 20), at(DAY0 + 21), 10).unwrap();
    assert_eq!(got[0].body.chars().count(), MAX_BODY_CHARS);
}

#[test]
fn recent_pressure_keeps_demo_and_real_apart_and_skips_missing_values() {
    let mut s = mem();
    for i in 0..6 {
        let mut r = reading(
            DAY0 + 300 * i,
            50.0 + i as f64,
            2.5 - 0.01 * i as f64,
            (0.0, 0.0, 0.0),
        );
        if i == 2 {
            r.pressure_bar = Measure::NotReported;
        }
        if i == 3 {
            r.pressure_bar = Measure::Implausible(-1.0);
        }
        s.insert_reading(&r, false).unwrap();
    }
    s.insert_reading(&simple(DAY0 + 100, 99.0), true).unwrap();
    let pts = s.recent_pressure(at(DAY0 + 300), false).unwrap();
    let times: Vec<i64> = pts.iter().map(|p| p.at.timestamp() - DAY0).collect();
    assert_eq!(times, [300, 1200, 1500]);
    assert!((pts[0].pressure_bar - 2.49).abs() < 1e-9);
    assert_eq!(pts[0].soc_pct, 51.0);
    let demo = s.recent_pressure(at(DAY0), true).unwrap();
    assert_eq!(demo.len(), 1);
    assert_eq!(demo[0].soc_pct, 99.0);
}

#[test]
fn prune_keeps_at_least_a_year() {
    let mut s = mem();
    let now = at(DAY0);
    for days_ago in [800, 400, 366, 364, 10] {
        let t = DAY0 - days_ago * 86_400;
        s.insert_reading(&simple(t, 50.0), false).unwrap();
        s.insert_event(&Event::new(
            at(t),
            EventKind::Online,
            Severity::Info,
            "on",
            "",
        ))
        .unwrap();
    }
    assert_eq!(s.prune(None, now).unwrap(), Pruned::default());
    assert_eq!(s.reading_count().unwrap(), 5);
    // Asking for 30 days keeps 365.
    let p = s.prune(Some(30), now).unwrap();
    assert_eq!(
        p,
        Pruned {
            readings: 3,
            events: 3
        }
    );
    let p = s.prune(Some(300), now).unwrap();
    assert_eq!(p, Pruned::default());
    let left = s.readings_vec(at(0), now).unwrap();
    assert!(left.iter().all(|r| now - r.read_at <= Duration::days(365)));
    assert_eq!(left.len(), 2);
}

#[test]
fn demo_seeding_fills_an_empty_store_and_is_refused_on_real_data() {
    let mut s = mem();
    let end = at(DAY0);
    let n = s.seed_demo(&SeedOptions::new(end, 3)).unwrap();
    assert_eq!(n, 3 * 288);
    assert!(s.has_demo_data().unwrap());
    assert!(!s.has_real_data().unwrap());
    let rows = s
        .readings_vec(end - Duration::days(3), end + Duration::seconds(1))
        .unwrap();
    assert_eq!(rows.len(), n);
    assert!(rows.iter().all(|r| r.demo && r.implausible.is_empty()));
    assert!(rows
        .iter()
        .all(|r| (1.0..4.0).contains(&r.pressure_bar.unwrap())));
    // The model charges every night and draws hot water every day.
    let days = s.daily(end - Duration::days(3), end, &Utc).unwrap();
    for d in &days[1..] {
        assert!(d.charged_kwh.unwrap() > 1.0, "{d:?}");
        assert!(d.hot_water_l.unwrap() > 10.0, "{d:?}");
        assert!(d.hot_water_kwh.unwrap() > 0.5, "{d:?}");
    }
    let socs: Vec<f64> = rows.iter().filter_map(|r| r.soc_pct).collect();
    let (lo, hi) = socs
        .iter()
        .fold((f64::MAX, f64::MIN), |a, &x| (a.0.min(x), a.1.max(x)));
    assert!(hi - lo > 10.0, "the charge moves: {lo}..{hi}");

    s.insert_reading(&simple(DAY0 + 10, 50.0), false).unwrap();
    assert!(matches!(
        s.seed_demo(&SeedOptions::new(at(DAY0 + 86_400 * 10), 1)),
        Err(Error::HasRealData)
    ));
    // Deleting the demo leaves the real reading.
    let p = s.delete_demo().unwrap();
    assert_eq!(p.readings, n);
    assert_eq!(s.reading_count().unwrap(), 1);
}

#[test]
fn the_old_alert_log_is_imported_once() {
    let mut s = mem();
    let old = vec![
        (
            at(DAY0),
            "high_pressure".to_owned(),
            "warning".to_owned(),
            "High pressure".to_owned(),
            "3.1 bar".to_owned(),
        ),
        (
            at(DAY0 + 60),
            "leak".to_owned(),
            "bogus".to_owned(),
            "Leak?".to_owned(),
            "b".to_owned(),
        ),
    ];
    assert_eq!(s.import_alert_log(old.clone()).unwrap(), Some(2));
    assert_eq!(s.import_alert_log(old).unwrap(), None);
    let ev = s.events(at(DAY0), at(DAY0 + 3600), 10).unwrap();
    assert_eq!(ev.len(), 2);
    assert_eq!(ev[0].kind, EventKind::Alert);
    assert_eq!(ev[0].title, "High pressure");
    assert_eq!(ev[0].detail.as_ref().unwrap()["alert"], "high_pressure");
    assert_eq!(
        ev[1].severity,
        Severity::Warning,
        "an unknown severity is kept as a warning"
    );
}

#[test]
fn csv_has_units_in_the_header_times_with_offsets_and_one_row_per_reading() {
    let mut s = mem();
    for i in 0..5 {
        let mut r = simple(DAY0 + 300 * i, 40.0 + i as f64);
        if i == 1 {
            r.pressure_bar = Measure::Implausible(99.0);
            r.state = Some("=cmd|' /C calc'!A0, \"x\"".into());
        }
        s.insert_reading(&r, false).unwrap();
    }
    let tz = FixedOffset::east_opt(3600).unwrap();
    let mut out = Vec::new();
    let n = write_readings_csv(&s, at(DAY0), at(DAY0 + 86_400), &tz, &mut out).unwrap();
    assert_eq!(n, 5);
    let text = String::from_utf8(out).unwrap();
    let lines: Vec<&str> = text.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(lines.len(), 6);
    let header: Vec<&str> = lines[0].split(',').collect();
    for key in [
        "read_at",
        "soc_pct",
        "pressure_bar",
        "zone1_c",
        "zone5_c",
        "water_volume_total_l",
        "implausible",
        "demo",
    ] {
        assert!(header.contains(&key), "{key} in {header:?}");
    }
    let first: Vec<&str> = lines[1].split(',').collect();
    assert_eq!(first.len(), header.len());
    assert_eq!(first[0], tz.timestamp_opt(DAY0, 0).unwrap().to_rfc3339());
    assert!(first[0].ends_with("+01:00"));
    let col = |name: &str| header.iter().position(|h| *h == name).unwrap();
    assert_eq!(first[col("soc_pct")].parse::<f64>().unwrap(), 40.0);
    assert_eq!(first[col("pressure_bar")].parse::<f64>().unwrap(), 2.5);
    // The implausible pressure is an empty cell, and named; the state cannot run a formula.
    assert!(lines[2].contains(",,") && lines[2].contains("pressure_bar"));
    assert!(lines[2].contains("\"'=cmd"), "{}", lines[2]);

    let days = s.daily(at(DAY0), at(DAY0 + 86_400), &Utc).unwrap();
    let mut out = Vec::new();
    write_daily_csv(&days, &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    assert!(text.starts_with("date,hot_water_l,charged_kwh,hot_water_kwh\r\n2025-11-25,"));
}

#[test]
fn the_view_serialises_as_the_ipc_contract_says() {
    let mut s = mem();
    s.insert_reading(&simple(DAY0 + 60, 50.0), true).unwrap();
    s.insert_event(&Event::new(
        at(DAY0 + 61),
        EventKind::PollFailed,
        Severity::Info,
        "t",
        "b",
    ))
    .unwrap();
    let v = s
        .view(at(DAY0), at(DAY0 + 86_400), DEFAULT_BUCKETS, &Utc)
        .unwrap();
    let j = serde_json::to_value(&v).unwrap();
    assert_eq!(j["from"], "2025-11-25T00:00:00Z");
    assert_eq!(
        j["bucket_s"],
        (86_400 + 999) / 1000,
        "whole seconds, rounded up"
    );
    assert!(j["t"].as_array().unwrap().len() <= 1000);
    for k in [
        "soc_pct",
        "heater_power_w",
        "pressure_bar",
        "zone1_c",
        "zone5_c",
    ] {
        assert!(j["series"][k]["min"].is_array(), "{k}");
        assert!(j["series"][k]["mean"][1].is_null(), "{k}: a gap is null");
    }
    assert_eq!(j["series"]["soc_pct"]["mean"][0], 50.0);
    assert_eq!(j["daily"][0]["date"], "2025-11-25");
    assert!(j["daily"][0]["hot_water_l"].is_null());
    assert_eq!(j["events"][0]["kind"], "poll_failed");
    assert_eq!(j["events"][0]["severity"], "info");
    assert_eq!(j["demo"], true);
    assert_eq!(j["enabled"], true);
    let back: HistoryView = serde_json::from_value(j).unwrap();
    assert_eq!(back, v);
}

#[test]
fn the_view_agrees_with_its_parts() {
    let mut s = mem();
    s.seed_demo(&SeedOptions::new(at(DAY0), 4)).unwrap();
    let tz = FixedOffset::west_opt(5 * 3600).unwrap();
    let (from, to) = (at(DAY0 - 3 * 86_400 + 1234), at(DAY0 - 3600));
    let v = s.view(from, to, 300, &tz).unwrap();
    let series = s.series(from, to, 300).unwrap();
    assert_eq!(
        (v.bucket_s, &v.t, &v.series),
        (series.bucket_s, &series.t, &series.series)
    );
    assert_eq!(v.daily, s.daily(from, to, &tz).unwrap());
    assert_eq!(v.demo, s.has_demo_in(from, to).unwrap());
    assert!(v.demo);
    assert!(
        v.series.soc_pct.mean.iter().all(Option::is_some),
        "no gap in a seeded range"
    );
}
