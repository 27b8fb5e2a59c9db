//! Scenario tests: sequences of readings with explicit times.

use chrono::{DateTime, Duration, FixedOffset, NaiveTime, TimeZone, Utc};
use nestore::{Error, Field, Measure, Reading, CHARGING_STATE};

use crate::{tomorrow_morning, Kind, Notice, Phase, Severity, ThresholdError, Thresholds, Watch};

fn local(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<FixedOffset> {
    FixedOffset::east_opt(3600)
        .unwrap()
        .with_ymd_and_hms(y, mo, d, h, mi, 0)
        .unwrap()
}

fn reading(soc: f64, bar: f64, at: DateTime<Utc>) -> Reading {
    let body =
        format!(r#"{{"PAYLOAD":{{"DERIVED":{{"SOC_VES":{soc}}},"BASE":{{"PRES_SYS":{bar}}}}}}}"#);
    nestore::reading::parse_engineering(body.as_bytes(), at).unwrap()
}

/// A watch fed at a fixed interval from 14:05 local time (+01:00).
struct Feed {
    w: Watch,
    now: DateTime<FixedOffset>,
    step: Duration,
    state: Option<String>,
}

impl Feed {
    fn new() -> Feed {
        Feed::with(Thresholds::default())
    }

    fn with(t: Thresholds) -> Feed {
        Feed {
            w: Watch::new(t),
            now: local(2024, 3, 5, 14, 5),
            step: Duration::minutes(5),
            state: None,
        }
    }

    fn every(mut self, step: Duration) -> Feed {
        self.step = step;
        self
    }

    fn read(&mut self, soc: f64, bar: f64) -> Vec<Notice> {
        let mut r = reading(soc, bar, self.now.with_timezone(&Utc));
        r.state = self.state.clone();
        self.feed(&r)
    }

    /// A reading whose pressure is as given (not reported, implausible).
    fn read_pressure(&mut self, soc: f64, pressure: Measure) -> Vec<Notice> {
        let mut r = reading(soc, 2.5, self.now.with_timezone(&Utc));
        r.state = self.state.clone();
        r.pressure_bar = pressure;
        self.feed(&r)
    }

    fn feed(&mut self, r: &Reading) -> Vec<Notice> {
        let out = self.w.observe(r, self.now);
        self.now += self.step;
        out
    }

    fn fail(&mut self, e: &Error) -> Vec<Notice> {
        let out = self.w.observe_failure(e, self.now);
        self.now += self.step;
        out
    }

    /// Feeds each pressure at this charge; returns every notice.
    fn run(&mut self, soc: f64, bars: &[f64]) -> Vec<Notice> {
        bars.iter().flat_map(|&b| self.read(soc, b)).collect()
    }

    /// Seeds with one healthy reading (the first one never counts).
    fn seeded(mut self) -> Feed {
        assert!(self.read(70.0, 2.5).is_empty());
        self
    }
}

fn kinds(n: &[Notice]) -> Vec<(Kind, Severity, Phase)> {
    n.iter().map(|n| (n.kind, n.severity, n.phase)).collect()
}

fn unreachable() -> Error {
    Error::Unreachable {
        url: "http://192.0.2.7:5000/".into(),
        reason: "connection refused".into(),
    }
}

use Kind::*;
use Phase::*;
use Severity::*;

#[test]
fn low_warning_fires_after_hold_latches_and_recovers_once() {
    let mut f = Feed::new().seeded();
    assert!(f.read(78.0, 1.7).is_empty(), "one reading is not enough");
    let n = f.read(78.0, 1.7);
    assert_eq!(kinds(&n), vec![(LowPressure, Warning, Raised)]);
    assert_eq!(n[0].title, "Low pressure");
    assert_eq!(
        n[0].body,
        "Pressure 1.7 bar is below the healthy 2-3 bar at 78 % charge. Check for leaks; call \
         your installer if it keeps falling."
    );
    assert_eq!(n[0].pressure_bar, Some(1.7));
    assert_eq!(n[0].soc_pct, Some(78.0));
    assert!(n[0].notify && n[0].suppressed_by.is_none());
    assert!(f.run(78.0, &[1.7, 1.8, 1.6, 1.9]).is_empty(), "no repeats");
    assert_eq!(f.w.active(), vec![(LowPressure, Warning)]);
    assert_eq!(f.w.worst(), Some(Warning));
    // Back inside but not by the hysteresis: stays latched.
    assert!(f.run(78.0, &[2.05, 2.05, 2.05, 2.05]).is_empty());
    assert!(f.read(78.0, 2.2).is_empty(), "recovery needs the hold too");
    let n = f.read(78.0, 2.2);
    assert_eq!(kinds(&n), vec![(LowPressure, Warning, Recovered)]);
    assert_eq!(n[0].title, "Pressure back to normal");
    assert!(n[0].body.contains("2.2 bar"), "{}", n[0].body);
    assert!(f.run(78.0, &[2.2, 2.3, 2.4]).is_empty());
    assert!(f.w.active().is_empty());
    assert_eq!(f.w.worst(), None);
}

#[test]
fn a_blip_does_not_fire() {
    let mut f = Feed::new().seeded();
    assert!(f.run(78.0, &[1.7, 2.4, 1.7, 2.4, 1.6, 2.5]).is_empty());
    assert!(f.w.active().is_empty());
}

#[test]
fn hovering_around_each_threshold_gives_exactly_one_alert() {
    // Alternates just beyond and just inside `limit` (`dir` +1: beyond is below).
    let hover = |limit: f64, dir: f64| -> Vec<f64> {
        (0..40)
            .map(|i| {
                let off = 0.01 + 0.01 * f64::from((i / 2) % 2);
                if i % 2 == 0 {
                    limit - dir * off
                } else {
                    limit + dir * off
                }
            })
            .collect()
    };
    // Low warning: 1.99, 2.01, 1.98, 2.02, ...
    assert_eq!(hover(2.0, 1.0)[..4], [1.99, 2.01, 1.98, 2.02]);
    let mut f = Feed::new().seeded();
    let n = f.run(78.0, &hover(2.0, 1.0));
    assert_eq!(kinds(&n), vec![(LowPressure, Warning, Raised)]);

    // High warning.
    let mut f = Feed::new().seeded();
    let n = f.run(90.0, &hover(3.0, -1.0));
    assert_eq!(kinds(&n), vec![(HighPressure, Warning, Raised)]);

    // Low alarm while a low warning is latched: one escalation.
    let mut f = Feed::new().seeded();
    f.run(78.0, &[1.8, 1.8]);
    let n = f.run(78.0, &hover(1.5, 1.0));
    assert_eq!(kinds(&n), vec![(LowPressure, Alarm, Escalated)]);

    // Low alarm at a low charge (no warning there).
    let mut f = Feed::new().seeded();
    let n = f.run(40.0, &hover(1.5, 1.0));
    assert_eq!(kinds(&n), vec![(LowPressure, Alarm, Raised)]);

    // High alarm while a high warning is latched.
    let mut f = Feed::new().seeded();
    f.run(90.0, &[3.2, 3.2]);
    let n = f.run(90.0, &hover(3.5, -1.0));
    assert_eq!(kinds(&n), vec![(HighPressure, Alarm, Escalated)]);

    // The recovery edge (low + hysteresis): one recovery, no re-raise.
    let mut f = Feed::new().seeded();
    f.run(78.0, &[1.8, 1.8]);
    let n = f.run(78.0, &hover(2.1, -1.0));
    assert_eq!(kinds(&n), vec![(LowPressure, Warning, Recovered)]);
}

#[test]
fn warning_escalates_to_alarm_once_and_recovers_once() {
    let mut f = Feed::new().seeded();
    assert_eq!(
        kinds(&f.run(78.0, &[1.8, 1.8])),
        vec![(LowPressure, Warning, Raised)]
    );
    assert!(f.read(78.0, 1.4).is_empty());
    let n = f.read(78.0, 1.4);
    assert_eq!(kinds(&n), vec![(LowPressure, Alarm, Escalated)]);
    assert_eq!(n[0].title, "Very low pressure");
    assert!(
        n[0].body.contains("below the safe minimum of 1.5 bar"),
        "{}",
        n[0].body
    );
    assert!(f.run(78.0, &[1.4, 1.3, 1.45]).is_empty());
    assert_eq!(f.w.active(), vec![(LowPressure, Alarm)]);
    // Back to the warning range: silent de-escalation, no more alarm.
    assert!(f.run(78.0, &[1.8, 1.8, 1.8]).is_empty());
    assert_eq!(f.w.active(), vec![(LowPressure, Warning)]);
    let n = f.run(78.0, &[2.3, 2.3, 2.3]);
    assert_eq!(
        kinds(&n),
        vec![(LowPressure, Alarm, Recovered)],
        "the end of an alarm is told as an alarm's"
    );
}

#[test]
fn alarm_straight_away_and_recovered_alarm_carries_alarm_severity() {
    let mut f = Feed::new().seeded();
    let n = f.run(78.0, &[1.2, 1.2]);
    assert_eq!(kinds(&n), vec![(LowPressure, Alarm, Raised)]);
    let n = f.run(78.0, &[2.4, 2.4]);
    assert_eq!(kinds(&n), vec![(LowPressure, Alarm, Recovered)]);
}

#[test]
fn low_warning_needs_charge_above_half_but_the_alarm_does_not() {
    let mut f = Feed::new().seeded();
    assert!(f.run(40.0, &[1.8; 10]).is_empty());
    assert!(f.run(50.0, &[1.8; 3]).is_empty(), "50 % is not above 50 %");
    assert!(!f.w.wants_fast_poll());
    let n = f.run(40.0, &[1.4, 1.4]);
    assert_eq!(kinds(&n), vec![(LowPressure, Alarm, Raised)]);
    let mut f = Feed::new().seeded();
    let n = f.run(51.0, &[1.8, 1.8]);
    assert_eq!(kinds(&n), vec![(LowPressure, Warning, Raised)]);
}

#[test]
fn high_pressure_warns_and_alarms_with_plain_advice() {
    let mut f = Feed::new().seeded();
    let n = f.run(90.0, &[3.2, 3.2]);
    assert_eq!(kinds(&n), vec![(HighPressure, Warning, Raised)]);
    assert_eq!(n[0].title, "High pressure");
    assert_eq!(
        n[0].body,
        "Pressure 3.2 bar is above the healthy 2-3 bar at 90 % charge. This can mean an \
         expansion vessel problem: call your installer."
    );
    let n = f.run(90.0, &[3.6, 3.6]);
    assert_eq!(kinds(&n), vec![(HighPressure, Alarm, Escalated)]);
    assert!(n[0]
        .body
        .starts_with("Pressure 3.6 bar is above the safe maximum of 3.5 bar"));
    assert!(
        f.run(90.0, &[2.95, 2.95]).is_empty(),
        "inside, but not by the hysteresis"
    );
    let n = f.run(90.0, &[2.8, 2.8]);
    assert_eq!(kinds(&n), vec![(HighPressure, Alarm, Recovered)]);
}

#[test]
fn texts_use_the_configured_thresholds() {
    let t = Thresholds {
        low_bar: 1.8,
        high_bar: 2.8,
        ..Thresholds::default()
    };
    let mut f = Feed::with(t).seeded();
    let n = f.run(78.0, &[1.7, 1.7]);
    assert!(n[0].body.contains("healthy 1.8-2.8 bar"), "{}", n[0].body);
}

#[test]
fn first_reading_and_the_one_after_waking_do_not_count() {
    let mut f = Feed::new();
    assert!(f.read(78.0, 1.2).is_empty());
    assert!(
        f.read(78.0, 1.2).is_empty(),
        "the first reading was not counted"
    );
    assert_eq!(
        kinds(&f.read(78.0, 1.2)),
        vec![(LowPressure, Alarm, Raised)]
    );

    let mut f = Feed::new().seeded();
    assert!(f.read(78.0, 1.8).is_empty());
    assert!(f.w.wants_fast_poll());
    f.w.woke();
    assert!(!f.w.wants_fast_poll(), "hold counts restart");
    assert!(f.read(78.0, 1.8).is_empty(), "raises nothing");
    assert!(f.read(78.0, 1.8).is_empty());
    assert_eq!(
        kinds(&f.read(78.0, 1.8)),
        vec![(LowPressure, Warning, Raised)]
    );
    // A latched condition stays latched over a sleep.
    f.w.woke();
    assert!(f.run(78.0, &[1.8, 1.8]).is_empty());
    assert_eq!(f.w.active(), vec![(LowPressure, Warning)]);
}

#[test]
fn a_short_outage_says_nothing() {
    let mut f = Feed::new().seeded().every(Duration::minutes(1));
    for _ in 0..14 {
        assert!(f.fail(&unreachable()).is_empty());
    }
    assert!(f.read(70.0, 2.5).is_empty());
    assert!(f.w.active().is_empty());
    // The clock restarts with the next failure.
    for _ in 0..14 {
        assert!(f.fail(&unreachable()).is_empty());
    }
}

#[test]
fn a_long_outage_gives_one_alert_and_one_recovery() {
    let mut f = Feed::new().every(Duration::minutes(1));
    let mut all = Vec::new();
    for _ in 0..60 {
        all.extend(f.fail(&unreachable()));
    }
    assert_eq!(kinds(&all), vec![(Offline, Warning, Raised)]);
    let n = &all[0];
    assert_eq!(n.title, "NEStore offline");
    assert!(n.body.contains("since 14:05"), "{}", n.body);
    assert!(n.body.contains("connection refused"), "{}", n.body);
    assert_eq!(n.at, local(2024, 3, 5, 14, 20).with_timezone(&Utc));
    assert_eq!(f.w.active(), vec![(Offline, Warning)]);
    let n = f.read(70.0, 2.5);
    assert_eq!(kinds(&n), vec![(Offline, Warning, Recovered)]);
    assert_eq!(n[0].title, "NEStore back online");
    assert!(f.read(70.0, 2.5).is_empty());
    assert!(f.w.active().is_empty());
}

#[test]
fn which_failures_count_as_offline() {
    let five_hundred = Error::Status {
        url: "u".into(),
        status: 503,
    };
    let timeout = Error::Timeout {
        url: "u".into(),
        secs: 10.0,
    };
    let malformed = Error::Malformed {
        url: "u".into(),
        reason: "not JSON".into(),
    };
    for e in [five_hundred, timeout, malformed] {
        let mut f = Feed::new().every(Duration::minutes(16));
        assert!(f.fail(&e).is_empty());
        assert_eq!(kinds(&f.fail(&e)), vec![(Offline, Warning, Raised)], "{e}");
    }
    for e in [
        Error::Status {
            url: "u".into(),
            status: 404,
        },
        Error::Unauthorized,
    ] {
        let mut f = Feed::new().every(Duration::minutes(16));
        assert!(f.fail(&e).is_empty());
        assert!(f.fail(&e).is_empty(), "{e}");
    }
}

#[test]
fn sleep_time_is_no_outage() {
    let mut f = Feed::new().every(Duration::minutes(1));
    f.fail(&unreachable());
    f.now += Duration::hours(8);
    f.w.woke();
    assert!(f.fail(&unreachable()).is_empty());
}

/// Feeds readings every 15 min for `hours`, pressure falling by `fall_per_6h` and the
/// charge moving by `soc_per_6h`; returns every notice.
fn ramp(f: &mut Feed, start: f64, fall_per_6h: f64, soc_per_6h: f64, hours: u32) -> Vec<Notice> {
    let mut out = Vec::new();
    for i in 0..=(hours * 4) {
        let h = f64::from(i) / 4.0;
        let bar = start - fall_per_6h * h / 6.0;
        let soc = 70.0 + soc_per_6h * h / 6.0;
        out.extend(f.read(soc, (bar * 1000.0).round() / 1000.0));
    }
    out
}

#[test]
fn leak_fires_for_a_steady_fall_at_a_steady_charge() {
    let mut f = Feed::new().every(Duration::minutes(15));
    let n = ramp(&mut f, 2.7, 0.3, 0.0, 6);
    assert_eq!(kinds(&n), vec![(Leak, Warning, Raised)]);
    assert_eq!(n[0].title, "Possible leak");
    assert!(n[0].body.contains("0.3 bar per 6 h"), "{}", n[0].body);
    assert!(n[0].body.contains("near 70 %"), "{}", n[0].body);
    // Fired after the hold once 1 h of history was there (at 1 h and 1 h 15 min).
    assert_eq!(n[0].at, local(2024, 3, 5, 15, 20).with_timezone(&Utc));
    // Pressure steady again: one recovery once the slope flattens.
    let mut rest = Vec::new();
    for _ in 0..48 {
        rest.extend(f.read(70.0, 2.4));
    }
    assert_eq!(kinds(&rest), vec![(Leak, Warning, Recovered)]);
    assert_eq!(rest[0].title, "Pressure no longer falling");
}

#[test]
fn a_leak_is_found_at_any_poll_rate() {
    // One reading a second for 70 minutes: the history must still span the hour the
    // slope needs (the window is thinned, not cut short).
    let mut f = Feed::new().every(Duration::seconds(1));
    let mut n = Vec::new();
    for i in 0..70 * 60 {
        let bar = 2.7 - 0.6 * f64::from(i) / (6.0 * 3600.0);
        n.extend(f.read(70.0, (bar * 1000.0).round() / 1000.0));
    }
    assert_eq!(kinds(&n), vec![(Leak, Warning, Raised)]);
}

#[test]
fn no_leak_while_the_charge_moves_or_for_a_slow_drift() {
    let mut f = Feed::new().every(Duration::minutes(15));
    assert!(ramp(&mut f, 2.7, 0.3, -20.0, 6).is_empty());
    assert!(!f.w.wants_fast_poll());
    let mut f = Feed::new().every(Duration::minutes(15));
    assert!(ramp(&mut f, 2.7, 0.1, 0.0, 12).is_empty());
    assert!(!f.w.wants_fast_poll());
}

#[test]
fn no_leak_from_too_little_history() {
    // Fast fall over 45 min: not enough history for a slope.
    let mut f = Feed::new().every(Duration::minutes(5));
    let n: Vec<Notice> = (0..10)
        .flat_map(|i| f.read(70.0, 2.8 - f64::from(i) * 0.01))
        .collect();
    assert!(n.is_empty());
}

#[test]
fn a_leak_and_low_pressure_are_each_reported_once() {
    let mut f = Feed::new().every(Duration::minutes(15));
    let n = ramp(&mut f, 2.3, 1.2, 0.0, 3);
    let mut k = kinds(&n);
    k.sort_by_key(|x| x.0);
    assert_eq!(
        k,
        vec![(LowPressure, Warning, Raised), (Leak, Warning, Raised)]
    );
    assert_eq!(f.w.active(), vec![(LowPressure, Warning), (Leak, Warning)]);
}

#[test]
fn sensor_fault_from_implausible_or_missing_pressure() {
    let mut f = Feed::new().seeded();
    assert!(f.read(70.0, 12.0).is_empty());
    let n = f.read(70.0, 12.0);
    assert_eq!(kinds(&n), vec![(SensorFault, Warning, Raised)]);
    assert_eq!(n[0].pressure_bar, None);
    assert!(n[0].body.contains("reads 12 bar"), "{}", n[0].body);
    assert!(f.read_pressure(70.0, Measure::NotReported).is_empty());
    assert!(f.read(70.0, 2.5).is_empty());
    let n = f.read(70.0, 2.5);
    assert_eq!(kinds(&n), vec![(SensorFault, Warning, Recovered)]);
    assert!(n[0].body.contains("2.5 bar"), "{}", n[0].body);

    // From the poll error for a missing pressure: a fault, not an outage.
    let missing = Error::MissingField {
        field: Field::Pressure,
    };
    let mut f = Feed::new().seeded().every(Duration::minutes(20));
    assert!(f.fail(&missing).is_empty());
    let n = f.fail(&missing);
    assert_eq!(kinds(&n), vec![(SensorFault, Warning, Raised)]);
    assert!(f.fail(&missing).is_empty());
    assert_eq!(f.w.active(), vec![(SensorFault, Warning)]);

    // A missing state of charge is neither.
    let mut f = Feed::new().seeded().every(Duration::minutes(20));
    let soc = Error::MissingField { field: Field::Soc };
    for _ in 0..5 {
        assert!(f.fail(&soc).is_empty());
    }
}

#[test]
fn a_missing_pressure_is_a_sensor_fault_never_offline() {
    // Readings without a pressure for 3 h: the device answers, so one sensor fault after
    // the hold and nothing else, however long it lasts.
    let mut f = Feed::new().seeded().every(Duration::minutes(20));
    assert!(f.read_pressure(70.0, Measure::NotReported).is_empty());
    assert!(f.w.wants_fast_poll(), "suspected after one");
    let n = f.read_pressure(70.0, Measure::NotReported);
    assert_eq!(kinds(&n), vec![(SensorFault, Warning, Raised)]);
    let more: Vec<Notice> = (0..8)
        .flat_map(|_| f.read_pressure(70.0, Measure::NotReported))
        .collect();
    assert!(more.is_empty(), "{more:?}");
    assert_eq!(f.w.active(), vec![(SensorFault, Warning)]);

    // During an outage, the first reading without pressure ends the outage.
    let mut f = Feed::new().seeded().every(Duration::minutes(20));
    assert_eq!(
        kinds(
            &f.fail(&unreachable())
                .into_iter()
                .chain(f.fail(&unreachable()))
                .collect::<Vec<_>>()
        ),
        vec![(Offline, Warning, Raised)]
    );
    let n = f.read_pressure(70.0, Measure::NotReported);
    assert_eq!(kinds(&n), vec![(Offline, Warning, Recovered)]);
    let n = f.read_pressure(70.0, Measure::NotReported);
    assert_eq!(kinds(&n), vec![(SensorFault, Warning, Raised)]);
    assert_eq!(f.w.active(), vec![(SensorFault, Warning)]);
}

#[test]
fn a_sensor_fault_reads_in_the_owners_words() {
    let raised = |pressure: Measure| {
        let mut f = Feed::new().seeded();
        f.read_pressure(70.0, pressure);
        let n = f.read_pressure(70.0, pressure);
        assert_eq!(kinds(&n), vec![(SensorFault, Warning, Raised)]);
        n[0].clone()
    };
    let from_error = {
        let mut f = Feed::new().seeded();
        let e = Error::MissingField {
            field: Field::Pressure,
        };
        f.fail(&e);
        f.fail(&e).remove(0)
    };
    let missing = raised(Measure::NotReported);
    let impossible = raised(Measure::Implausible(-1.0));
    for n in [&missing, &impossible, &from_error] {
        assert_eq!(n.title, "Pressure sensor fault");
        let b = &n.body;
        for wire in [
            "PRES_SYS",
            "field",
            "reading lacks",
            "required",
            "plausible",
        ] {
            assert!(!b.contains(wire), "{wire:?} in {b}");
        }
        assert!(
            b.contains("still answering"),
            "the device is not offline: {b}"
        );
        assert!(
            b.contains("cannot watch the pressure"),
            "what it means: {b}"
        );
        assert!(b.contains("call your installer"), "what to do: {b}");
    }
    assert!(
        missing.body.contains("pressure sensor gives no reading"),
        "{}",
        missing.body
    );
    assert_eq!(from_error.body, missing.body);
    assert!(
        impossible
            .body
            .contains("pressure sensor reads -1 bar, which cannot be right"),
        "{}",
        impossible.body
    );
}

#[test]
fn reminders_every_12_hours_for_alarms_only() {
    let mut f = Feed::new().seeded().every(Duration::minutes(30));
    let all = f.run(78.0, &[1.3; 61]); // 30 h
    assert_eq!(
        kinds(&all),
        vec![
            (LowPressure, Alarm, Raised),
            (LowPressure, Alarm, Reminder),
            (LowPressure, Alarm, Reminder)
        ]
    );
    assert_eq!(all[1].at - all[0].at, Duration::hours(12));
    assert_eq!(all[2].at - all[1].at, Duration::hours(12));
    assert!(all[1].body.contains("Unresolved since"), "{}", all[1].body);

    let mut f = Feed::new().seeded().every(Duration::minutes(30));
    let all = f.run(78.0, &[1.8; 61]);
    assert_eq!(kinds(&all), vec![(LowPressure, Warning, Raised)]);
    let mut f = Feed::new().seeded().every(Duration::minutes(30));
    let all = f.run(90.0, &[3.2; 61]);
    assert_eq!(kinds(&all), vec![(HighPressure, Warning, Raised)]);
}

#[test]
fn snooze_silences_warnings_but_not_alarms() {
    let mut f = Feed::new().seeded();
    let until = f.now.with_timezone(&Utc) + Duration::hours(2);
    f.w.snooze(Some(until));
    assert_eq!(f.w.snoozed_until(), Some(until));
    let n = f.run(78.0, &[1.8, 1.8]);
    assert_eq!(kinds(&n), vec![(LowPressure, Warning, Raised)]);
    assert!(!n[0].notify);
    assert_eq!(n[0].suppressed_by.as_deref(), Some("snoozed"));
    let n = f.run(78.0, &[1.3, 1.3]);
    assert_eq!(kinds(&n), vec![(LowPressure, Alarm, Escalated)]);
    assert!(n[0].notify && n[0].suppressed_by.is_none());
    let n = f.run(78.0, &[2.5, 2.5]);
    assert_eq!(kinds(&n), vec![(LowPressure, Alarm, Recovered)]);
    assert!(n[0].notify, "an alarm's recovery notifies too");
    // After the snooze ends, warnings notify again.
    f.now += Duration::hours(3);
    let n = f.run(90.0, &[3.2, 3.2]);
    assert!(n[0].notify);
    assert_eq!(f.w.snoozed_until(), None);
    // Cancelling.
    f.w.snooze(Some(f.now.with_timezone(&Utc) + Duration::hours(5)));
    f.w.snooze(None);
    let n = f.run(90.0, &[2.5, 2.5]);
    assert_eq!(kinds(&n), vec![(HighPressure, Warning, Recovered)]);
    assert!(n[0].notify);
}

#[test]
fn the_app_can_tell_which_active_conditions_a_snooze_silences() {
    let mut f = Feed::new().seeded();
    f.run(78.0, &[1.3, 1.3]);
    f.run(70.0, &[12.0, 12.0]);
    let mut f2 = Feed::new().seeded();
    f2.run(78.0, &[1.8, 1.8]);
    let snoozable = |w: &Watch| -> Vec<(Kind, bool)> {
        w.active()
            .into_iter()
            .map(|(k, s)| (k, s.snoozable()))
            .collect()
    };
    assert_eq!(
        snoozable(&f.w),
        vec![(LowPressure, false), (SensorFault, true)]
    );
    assert_eq!(snoozable(&f2.w), vec![(LowPressure, true)]);
    assert!(!Alarm.snoozable() && Warning.snoozable() && Info.snoozable());
}

#[test]
fn quiet_hours_wrapping_midnight_silence_warnings_but_not_alarms() {
    let t = Thresholds {
        quiet_hours: Some((
            NaiveTime::from_hms_opt(22, 0, 0).unwrap(),
            NaiveTime::from_hms_opt(7, 0, 0).unwrap(),
        )),
        ..Thresholds::default()
    };
    for (h, quiet) in [
        (23, true),
        (2, true),
        (6, true),
        (7, false),
        (12, false),
        (21, false),
    ] {
        let mut f = Feed::with(t.clone());
        f.now = local(2024, 3, 5, h, 30);
        let f = &mut f.seeded();
        let n = f.run(78.0, &[1.8, 1.8]);
        assert_eq!(kinds(&n), vec![(LowPressure, Warning, Raised)]);
        assert_eq!(n[0].notify, !quiet, "{h}:30");
        if quiet {
            assert_eq!(n[0].suppressed_by.as_deref(), Some("quiet hours"));
        }
        let n = f.run(78.0, &[1.3, 1.3]);
        assert!(
            n[0].notify && n[0].suppressed_by.is_none(),
            "alarms override"
        );
    }
}

#[test]
fn tomorrow_morning_is_the_next_seven_oclock() {
    assert_eq!(
        tomorrow_morning(local(2024, 3, 5, 23, 10)),
        local(2024, 3, 6, 7, 0).with_timezone(&Utc)
    );
    assert_eq!(
        tomorrow_morning(local(2024, 3, 6, 3, 0)),
        local(2024, 3, 6, 7, 0).with_timezone(&Utc)
    );
    assert_eq!(
        tomorrow_morning(local(2024, 3, 6, 7, 0)),
        local(2024, 3, 7, 7, 0).with_timezone(&Utc)
    );
    assert_eq!(
        tomorrow_morning(local(2024, 12, 31, 12, 0)),
        local(2025, 1, 1, 7, 0).with_timezone(&Utc)
    );
}

#[test]
fn charge_finished_vs_stopped() {
    let mut f = Feed::new().seeded();
    f.w.charge_started(90);
    f.state = Some(CHARGING_STATE.into());
    assert!(f.read(60.0, 2.5).is_empty());
    assert!(f.read(88.0, 2.6).is_empty());
    let n = f.read(89.0, 2.6);
    assert_eq!(kinds(&n), vec![(ChargeFinished, Info, Raised)]);
    assert_eq!(n[0].title, "Charge finished");
    assert!(f.read(95.0, 2.6).is_empty(), "reported once");

    // Left charging at the target - 1: finished too.
    let mut f = Feed::new().seeded();
    f.w.charge_started(90);
    f.state = Some(CHARGING_STATE.into());
    f.read(80.0, 2.5);
    f.state = Some("Standby".into());
    assert_eq!(
        kinds(&f.read(89.0, 2.5)),
        vec![(ChargeFinished, Info, Raised)]
    );

    // Left charging early: stopped.
    let mut f = Feed::new().seeded();
    f.w.charge_started(90);
    f.state = Some(CHARGING_STATE.into());
    f.read(60.0, 2.5);
    f.state = Some("Standby".into());
    let n = f.read(64.0, 2.5);
    assert_eq!(kinds(&n), vec![(ChargeStopped, Warning, Raised)]);
    assert!(
        n[0].body.contains("64 %") && n[0].body.contains("90 %"),
        "{}",
        n[0].body
    );
    assert!(f.read(64.0, 2.5).is_empty(), "reported once");

    // Never seen charging for the hold: stopped.
    let mut f = Feed::new().seeded();
    f.w.charge_started(90);
    f.state = Some("Standby".into());
    assert!(f.read(60.0, 2.5).is_empty());
    assert_eq!(
        kinds(&f.read(60.0, 2.5)),
        vec![(ChargeStopped, Warning, Raised)]
    );
}

#[test]
fn the_owners_own_stop_or_resume_automatic_is_no_early_stop() {
    // Started, seen charging, then the owner sends Stop (or Resume automatic): the device
    // leaves charging because it was asked to, which is nothing to warn about.
    let mut f = Feed::new().seeded();
    f.w.charge_started(90);
    f.state = Some(CHARGING_STATE.into());
    assert!(f.read(60.0, 2.5).is_empty());
    f.w.charge_cancelled();
    f.state = Some("Standby".into());
    assert!(f.run(62.0, &[2.5; 3]).is_empty(), "no \"stopped early\"");
    f.state = Some(CHARGING_STATE.into());
    assert!(f.run(95.0, &[2.5; 2]).is_empty(), "nor \"finished\" later");

    // Cancelled before the device ever showed it charging.
    let mut f = Feed::new().seeded();
    f.w.charge_started(90);
    f.w.charge_cancelled();
    f.state = Some("Standby".into());
    assert!(f.run(60.0, &[2.5; 3]).is_empty());

    // A new charge after a cancelled one is tracked again.
    f.w.charge_started(80);
    f.state = Some(CHARGING_STATE.into());
    assert_eq!(
        kinds(&f.read(79.0, 2.5)),
        vec![(ChargeFinished, Info, Raised)]
    );
}

#[test]
fn fast_poll_while_suspected_only() {
    let mut f = Feed::new().seeded();
    assert!(!f.w.wants_fast_poll());
    f.read(78.0, 1.8);
    assert!(f.w.wants_fast_poll(), "seen once");
    f.read(78.0, 1.8);
    assert!(!f.w.wants_fast_poll(), "confirmed");
    f.read(78.0, 2.4);
    assert!(f.w.wants_fast_poll(), "seen recovering");
    f.read(78.0, 2.4);
    assert!(!f.w.wants_fast_poll(), "recovered");
    f.read(78.0, 1.8);
    assert!(f.w.wants_fast_poll());
    f.read(78.0, 2.4);
    assert!(!f.w.wants_fast_poll(), "cleared");
    f.read(78.0, 12.0);
    assert!(f.w.wants_fast_poll(), "sensor fault suspected");
}

/// The error for these thresholds changed by `f`, or None when they are allowed.
fn refusal(f: impl Fn(&mut Thresholds)) -> Option<ThresholdError> {
    let mut t = Thresholds::default();
    f(&mut t);
    t.validate().err()
}

#[test]
fn thresholds_refuse_every_setting_that_could_silence_an_alarm() {
    assert_eq!(Thresholds::default().validate(), Ok(()));
    let huge = [f64::NAN, f64::INFINITY, f64::NEG_INFINITY, 1e308, -1e308];
    type Set = fn(&mut Thresholds, f64);
    let bars: [(&str, Set, &[f64]); 6] = [
        // Below 0 or -1 bar, or at/above a healthy 2.4 bar: never reached or always on.
        (
            "low_alarm_bar",
            |t, v| t.low_alarm_bar = v,
            &[-1.0, 0.0, 0.5, 0.99, 1.81, 2.4],
        ),
        (
            "low_bar",
            |t, v| t.low_bar = v,
            &[-1.0, 0.0, 1.19, 2.21, 2.4, 2.5, 3.0],
        ),
        // At/below a healthy 2.6 bar: always on; far above the band: never reached.
        (
            "high_bar",
            |t, v| t.high_bar = v,
            &[-1.0, 0.0, 2.0, 2.6, 2.79, 4.01, 10.0],
        ),
        (
            "high_alarm_bar",
            |t, v| t.high_alarm_bar = v,
            &[0.0, 2.6, 2.99, 4.51, 10.0],
        ),
        // A margin so wide that a healthy pressure cannot clear a latched alarm.
        (
            "hysteresis_bar",
            |t, v| t.hysteresis_bar = v,
            &[-0.1, 0.21, 0.5, 3.0],
        ),
        (
            "leak_bar_per_6h",
            |t, v| t.leak_bar_per_6h = v,
            &[-0.2, 0.0, 0.04, 1.01, 3.0],
        ),
    ];
    for (field, set, bad) in bars {
        for &v in huge.iter().chain(bad) {
            let e = refusal(|t| set(t, v));
            assert_eq!(e.map(|e| e.field), Some(field), "{field} = {v}");
        }
    }
    type Count = fn(&mut Thresholds, u32);
    let counts: [(&str, Count, &[u32]); 3] = [
        (
            "hold_readings",
            |t, v| t.hold_readings = v,
            &[0, 6, 100, u32::MAX],
        ),
        (
            "offline_grace_min",
            |t, v| t.offline_grace_min = v,
            &[0, 241, 1440, u32::MAX],
        ),
        (
            "reminder_h",
            |t, v| t.reminder_h = v,
            &[0, 25, 168, u32::MAX],
        ),
    ];
    for (field, set, bad) in counts {
        for &v in bad {
            let e = refusal(|t| set(t, v));
            assert_eq!(e.map(|e| e.field), Some(field), "{field} = {v}");
        }
    }
    // A warning at or beyond its own alarm.
    for (low, alarm) in [(1.4, 1.5), (1.5, 1.5), (1.7, 1.8)] {
        let e = refusal(|t| (t.low_bar, t.low_alarm_bar) = (low, alarm));
        assert_eq!(e.map(|e| e.field), Some("low_bar"), "{low} vs {alarm}");
    }
    for (high, alarm) in [(3.4, 3.2), (3.0, 3.0), (4.0, 3.9)] {
        let e = refusal(|t| (t.high_bar, t.high_alarm_bar) = (high, alarm));
        assert_eq!(
            e.map(|e| e.field),
            Some("high_alarm_bar"),
            "{high} vs {alarm}"
        );
    }
    let at = NaiveTime::from_hms_opt(22, 0, 0).unwrap();
    let e = refusal(|t| t.quiet_hours = Some((at, at)));
    assert_eq!(e.map(|e| e.field), Some("quiet_hours"));
}

#[test]
fn thresholds_accept_each_bound_itself() {
    let edges: [fn(&mut Thresholds); 16] = [
        |t| t.low_alarm_bar = 1.0,
        |t| t.low_alarm_bar = 1.8,
        |t| (t.low_alarm_bar, t.low_bar) = (1.1, 1.2),
        |t| t.low_bar = 2.2,
        |t| t.high_bar = 2.8,
        |t| (t.high_bar, t.high_alarm_bar) = (4.0, 4.5),
        |t| (t.high_bar, t.high_alarm_bar) = (2.8, 3.0),
        |t| t.high_alarm_bar = 4.5,
        |t| t.hysteresis_bar = 0.0,
        |t| t.hysteresis_bar = 0.2,
        |t| t.leak_bar_per_6h = 0.05,
        |t| t.leak_bar_per_6h = 1.0,
        |t| (t.hold_readings, t.offline_grace_min, t.reminder_h) = (1, 1, 1),
        |t| (t.hold_readings, t.offline_grace_min, t.reminder_h) = (5, 240, 24),
        |t| (t.low_alarm_bar, t.low_bar) = (1.0, 1.2),
        |t| (t.low_alarm_bar, t.low_bar) = (1.8, 2.2),
    ];
    for (i, f) in edges.iter().enumerate() {
        assert_eq!(refusal(f), None, "edge {i}");
    }
}

#[test]
fn a_threshold_error_names_the_setting_in_plain_words() {
    let msg = |f: fn(&mut Thresholds)| refusal(f).unwrap().to_string();
    assert_eq!(
        msg(|t| t.low_alarm_bar = -1.0),
        "Low-pressure alarm: must be between 1 and 1.8 bar"
    );
    assert_eq!(
        msg(|t| t.low_bar = f64::NAN),
        "Low-pressure warning: must be a number"
    );
    assert_eq!(
        msg(|t| t.low_bar = 1.4),
        "Low-pressure warning: must be above the low-pressure alarm (1.5 bar)"
    );
    assert_eq!(
        msg(|t| t.high_bar = 2.6),
        "High-pressure warning: must be between 2.8 and 4 bar"
    );
    assert_eq!(
        msg(|t| t.high_alarm_bar = 3.0),
        "High-pressure alarm: must be above the high-pressure warning (3 bar)"
    );
    assert_eq!(
        msg(|t| t.leak_bar_per_6h = 0.0),
        "Leak warning: must be between 0.05 and 1 bar per 6 h"
    );
    assert_eq!(
        msg(|t| t.hold_readings = 0),
        "Readings to confirm: must be between 1 and 5 readings"
    );
    assert_eq!(
        msg(|t| t.reminder_h = 0),
        "Alarm reminder: must be between 1 and 24 hours"
    );
    assert_eq!(
        msg(|t| t.hysteresis_bar = 0.5),
        "Recovery margin: must be between 0 and 0.2 bar"
    );
    let ten = NaiveTime::from_hms_opt(22, 0, 0);
    assert_eq!(
        refusal(|t| t.quiet_hours = ten.zip(ten))
            .unwrap()
            .to_string(),
        "Quiet hours: must start and end at different times"
    );
    let e = refusal(|t| t.offline_grace_min = 0).unwrap();
    assert_eq!(e.field, "offline_grace_min");
    assert_eq!(
        e.to_string(),
        "Offline after: must be between 1 and 240 minutes"
    );
}

#[test]
fn invalid_thresholds_fall_back_to_the_defaults() {
    let mine = Thresholds {
        low_bar: 1.8,
        reminder_h: 6,
        ..Thresholds::default()
    };
    assert_eq!(mine.clone().sanitised(), (mine, None));
    // A settings file edited by hand to switch the low alarm off.
    let t: Thresholds = serde_json::from_str(r#"{"low_alarm_bar":-1e308,"low_bar":1.8}"#).unwrap();
    let (t, e) = t.sanitised();
    assert_eq!(t, Thresholds::default());
    assert_eq!(e.map(|e| e.field), Some("low_alarm_bar"));
}

#[test]
fn whatever_is_allowed_every_alarm_is_reachable_and_a_healthy_pressure_is_quiet() {
    // Every corner of the allowed box: the alarms fire at 0.9 and 4.6 bar, and a healthy
    // 2.4-2.6 bar raises nothing and clears everything.
    let mut corners = 0;
    for low_alarm_bar in [1.0, 1.8] {
        for low_bar in [1.2, 2.2] {
            for high_bar in [2.8, 4.0] {
                for high_alarm_bar in [3.0, 4.5] {
                    for hysteresis_bar in [0.0, 0.2] {
                        for hold_readings in [1, 5] {
                            let t = Thresholds {
                                low_alarm_bar,
                                low_bar,
                                high_bar,
                                high_alarm_bar,
                                hysteresis_bar,
                                hold_readings,
                                ..Thresholds::default()
                            };
                            if t.validate().is_err() {
                                continue;
                            }
                            corners += 1;
                            let hold = hold_readings as usize;
                            let mut f = Feed::with(t.clone()).seeded();
                            let steady = |f: &mut Feed, bar: f64| f.run(78.0, &vec![bar; hold]);
                            assert_eq!(
                                kinds(&steady(&mut f, 0.9)),
                                vec![(LowPressure, Alarm, Raised)],
                                "{t:?}"
                            );
                            assert_eq!(
                                kinds(&steady(&mut f, 2.4)),
                                vec![(LowPressure, Alarm, Recovered)],
                                "{t:?}"
                            );
                            assert_eq!(
                                kinds(&steady(&mut f, 4.6)),
                                vec![(HighPressure, Alarm, Raised)],
                                "{t:?}"
                            );
                            assert_eq!(
                                kinds(&steady(&mut f, 2.6)),
                                vec![(HighPressure, Alarm, Recovered)],
                                "{t:?}"
                            );
                            let healthy: Vec<f64> =
                                [2.4, 2.5, 2.6].iter().cycle().take(30).copied().collect();
                            assert!(f.run(78.0, &healthy).is_empty(), "{t:?}");
                            assert!(f.w.active().is_empty(), "{t:?}");
                        }
                    }
                }
            }
        }
    }
    // Low alarm/warning pairs allowed: (1, 1.2), (1, 2.2), (1.8, 2.2); high likewise three;
    // times two margins and two holds.
    assert_eq!(corners, 3 * 3 * 2 * 2);
}

#[test]
fn thresholds_fill_defaults_and_round_trip() {
    let t: Thresholds = serde_json::from_str(r#"{"low_bar":1.8}"#).unwrap();
    assert_eq!(t.low_bar, 1.8);
    assert_eq!(t.hold_readings, 2);
    let t = Thresholds {
        quiet_hours: Some((
            NaiveTime::from_hms_opt(22, 0, 0).unwrap(),
            NaiveTime::from_hms_opt(7, 0, 0).unwrap(),
        )),
        ..Thresholds::default()
    };
    let back: Thresholds = serde_json::from_str(&serde_json::to_string(&t).unwrap()).unwrap();
    assert_eq!(back, t);
}

#[test]
fn notices_serialize_in_snake_case() {
    let mut f = Feed::new().seeded();
    let n = f.run(78.0, &[1.8, 1.8]);
    let v = serde_json::to_value(&n[0]).unwrap();
    assert_eq!(v["kind"], "low_pressure");
    assert_eq!(v["severity"], "warning");
    assert_eq!(v["phase"], "raised");
    assert_eq!(v["notify"], true);
    assert!(Alarm > Warning && Warning > Info);
}

#[test]
fn the_same_inputs_give_the_same_notices() {
    let go = || {
        let mut f = Feed::new().every(Duration::minutes(15));
        let mut n = ramp(&mut f, 2.3, 1.2, 0.0, 4);
        n.extend(f.run(78.0, &[1.3; 60]));
        n
    };
    assert_eq!(go(), go());
}

#[test]
fn quiet_hours_run_from_their_start_up_to_their_end() {
    let hm = |h: u32, m: u32, s: u32| NaiveTime::from_hms_opt(h, m, s).unwrap();
    let quiet = |span: Option<(NaiveTime, NaiveTime)>| Thresholds {
        quiet_hours: span,
        ..Thresholds::default()
    };
    // An afternoon nap, 13:00-15:00.
    let nap = quiet(Some((hm(13, 0, 0), hm(15, 0, 0))));
    for (t, expect) in [
        (hm(0, 0, 0), false),
        (hm(12, 59, 59), false),
        (hm(13, 0, 0), true),
        (hm(14, 0, 0), true),
        (hm(14, 59, 59), true),
        (hm(15, 0, 0), false),
        (hm(23, 0, 0), false),
    ] {
        assert_eq!(nap.is_quiet(t), expect, "13:00-15:00 at {t}");
    }
    // The night, across midnight.
    let night = quiet(Some((hm(22, 0, 0), hm(7, 0, 0))));
    for (t, expect) in [
        (hm(12, 0, 0), false),
        (hm(21, 59, 59), false),
        (hm(22, 0, 0), true),
        (hm(23, 59, 59), true),
        (hm(0, 0, 0), true),
        (hm(6, 59, 59), true),
        (hm(7, 0, 0), false),
    ] {
        assert_eq!(night.is_quiet(t), expect, "22:00-07:00 at {t}");
    }
    // No quiet hours, or a span whose ends meet (refused by validate): never quiet, rather
    // than quiet all day.
    let meet = quiet(Some((hm(22, 0, 0), hm(22, 0, 0))));
    for t in [hm(0, 0, 0), hm(21, 59, 59), hm(22, 0, 0), hm(23, 0, 0)] {
        assert!(!quiet(None).is_quiet(t), "none at {t}");
        assert!(!meet.is_quiet(t), "22:00-22:00 at {t}");
    }
}

#[test]
fn a_warning_raised_at_the_start_of_the_quiet_hours_is_held_back() {
    let t = Thresholds {
        quiet_hours: Some((
            NaiveTime::from_hms_opt(14, 15, 0).unwrap(),
            NaiveTime::from_hms_opt(14, 25, 0).unwrap(),
        )),
        ..Thresholds::default()
    };
    // Seeded at 14:05; 14:10 and 14:15 low: raised at 14:15, the first quiet minute.
    let mut f = Feed::with(t.clone()).seeded();
    let n = f.run(78.0, &[1.8, 1.8]);
    assert_eq!(kinds(&n), vec![(LowPressure, Warning, Raised)]);
    assert_eq!(n[0].suppressed_by.as_deref(), Some("quiet hours"));
    // Back at 14:20, recovered at 14:25, the first minute after them: told.
    let n = f.run(78.0, &[2.5, 2.5]);
    assert_eq!(n[0].at, local(2024, 3, 5, 14, 25).with_timezone(&Utc));
    assert_eq!(kinds(&n), vec![(LowPressure, Warning, Recovered)]);
    assert!(n[0].notify);
}

#[test]
fn a_snooze_ends_at_its_time() {
    // Seeded at 14:05, snoozed until 14:15; low at 14:10 and 14:15: raised at 14:15, told.
    let mut f = Feed::new().seeded();
    f.w.snooze(Some(local(2024, 3, 5, 14, 15).with_timezone(&Utc)));
    let n = f.run(78.0, &[1.8, 1.8]);
    assert_eq!(kinds(&n), vec![(LowPressure, Warning, Raised)]);
    assert!(n[0].notify && n[0].suppressed_by.is_none());
    assert_eq!(f.w.snoozed_until(), None);
}

#[test]
fn new_thresholds_apply_from_the_next_reading() {
    let mut f = Feed::new().seeded();
    let mine = Thresholds {
        low_bar: 1.8,
        reminder_h: 6,
        ..Thresholds::default()
    };
    f.w.set_thresholds(mine.clone());
    assert_eq!(f.w.thresholds(), &mine);
    assert!(
        f.run(78.0, &[1.9; 4]).is_empty(),
        "1.9 bar is above the new 1.8 bar"
    );
    let n = f.run(78.0, &[1.7, 1.7]);
    assert_eq!(kinds(&n), vec![(LowPressure, Warning, Raised)]);
    assert!(n[0].body.contains("healthy 1.8-3 bar"), "{}", n[0].body);
}

#[test]
fn a_latched_condition_recovers_under_the_new_thresholds() {
    let mut f = Feed::new().seeded();
    assert_eq!(
        kinds(&f.run(78.0, &[1.9, 1.9])),
        vec![(LowPressure, Warning, Raised)]
    );
    // 1.95 bar is within the default margin (2 + 0.1), so it would stay latched; the owner
    // lowers the warning to 1.8 bar, and 1.95 is back inside by the margin.
    assert!(f.run(78.0, &[1.95; 3]).is_empty());
    f.w.set_thresholds(Thresholds {
        low_bar: 1.8,
        ..Thresholds::default()
    });
    let n = f.run(78.0, &[1.95, 1.95]);
    assert_eq!(kinds(&n), vec![(LowPressure, Warning, Recovered)]);
    assert!(f.w.active().is_empty());
}

#[test]
fn a_pressure_exactly_at_a_limit_is_not_beyond_it() {
    // Defaults: warnings below 2 and above 3 bar, alarms below 1.5 and above 3.5 bar.
    let mut f = Feed::new().seeded();
    assert!(f.run(78.0, &[2.0; 6]).is_empty(), "2 bar is no low warning");
    assert!(
        f.run(78.0, &[3.0; 6]).is_empty(),
        "3 bar is no high warning"
    );
    assert!(f.w.active().is_empty());

    let mut f = Feed::new().seeded();
    assert!(f.run(40.0, &[1.5; 6]).is_empty(), "1.5 bar is no low alarm");
    let n = f.run(78.0, &[1.5; 6]);
    assert_eq!(kinds(&n), vec![(LowPressure, Warning, Raised)]);

    let mut f = Feed::new().seeded();
    let n = f.run(90.0, &[3.5; 6]);
    assert_eq!(
        kinds(&n),
        vec![(HighPressure, Warning, Raised)],
        "3.5 bar is no high alarm"
    );
}

#[test]
fn an_alarm_clears_exactly_at_its_limit_plus_the_margin() {
    // 1.1 + 0.2 is 1.3000000000000003 in floating point: 1.3 bar must still clear.
    let t = Thresholds {
        low_alarm_bar: 1.1,
        low_bar: 1.2,
        hysteresis_bar: 0.2,
        ..Thresholds::default()
    };
    assert_eq!(t.validate(), Ok(()));
    let mut f = Feed::with(t).seeded();
    let n = f.run(40.0, &[1.0, 1.0]);
    assert_eq!(kinds(&n), vec![(LowPressure, Alarm, Raised)]);
    assert!(f.run(40.0, &[1.29; 3]).is_empty(), "within the margin");
    let n = f.run(40.0, &[1.3, 1.3]);
    assert_eq!(kinds(&n), vec![(LowPressure, Alarm, Recovered)]);
}

#[test]
fn a_latched_low_warning_stays_while_the_charge_falls_below_half() {
    // The warning applies above 50 % charge; once raised, it is kept until the pressure
    // itself is back, whatever the charge does.
    let mut f = Feed::new().seeded();
    f.run(78.0, &[1.8, 1.8]);
    assert!(f.run(40.0, &[1.8; 6]).is_empty());
    assert_eq!(f.w.active(), vec![(LowPressure, Warning)]);
    let n = f.run(40.0, &[2.3, 2.3]);
    assert_eq!(kinds(&n), vec![(LowPressure, Warning, Recovered)]);
}

#[test]
fn a_reading_at_low_charge_breaks_a_run_of_low_readings() {
    let mut f = Feed::new().seeded().every(Duration::minutes(1));
    assert!(f.read(78.0, 1.8).is_empty());
    assert!(f.read(40.0, 1.8).is_empty(), "no warning at 40 %");
    assert!(f.read(78.0, 1.8).is_empty(), "the run starts over");
    assert_eq!(
        kinds(&f.read(78.0, 1.8)),
        vec![(LowPressure, Warning, Raised)]
    );
}

#[test]
fn a_reading_without_pressure_breaks_a_run_under_way() {
    let missing = Error::MissingField {
        field: Field::Pressure,
    };
    for gap in [
        &mut |f: &mut Feed| f.read_pressure(78.0, Measure::NotReported),
        &mut |f: &mut Feed| f.fail(&missing),
    ] as [&mut dyn FnMut(&mut Feed) -> Vec<Notice>; 2]
    {
        let mut f = Feed::new().seeded();
        assert!(f.read(78.0, 1.8).is_empty());
        assert!(gap(&mut f).is_empty());
        assert!(f.read(78.0, 1.8).is_empty(), "the run starts over");
        assert_eq!(
            kinds(&f.read(78.0, 1.8)),
            vec![(LowPressure, Warning, Raised)]
        );
    }
}

#[test]
fn a_leak_notice_says_how_far_and_over_how_long_the_pressure_fell() {
    // 1.2 bar per 6 h from 2.9 bar, every 15 min: raised at 1 h 15 min, after a fall of
    // 1.2 / 6 * 1.25 = 0.25 bar.
    let mut f = Feed::new().every(Duration::minutes(15));
    let n = ramp(&mut f, 2.9, 1.2, 0.0, 2);
    assert_eq!(kinds(&n), vec![(Leak, Warning, Raised)]);
    assert_eq!(n[0].at, local(2024, 3, 5, 15, 20).with_timezone(&Utc));
    assert!(
        n[0].body.starts_with(
            "Pressure fell 0.25 bar in the last 1 h 15 min (1.2 bar per 6 h, more than 0.2) \
             while the charge stayed steady near 70 %; it is 2.65 bar now."
        ),
        "{}",
        n[0].body
    );
}

#[test]
fn a_noisy_fall_must_beat_the_limit_by_its_standard_error() {
    // 0.3 bar per 6 h on average, but zigzagging 0.1 bar either way every 15 min: over
    // 2 h that could be noise, so no leak is suspected yet.
    let mut f = Feed::new().every(Duration::minutes(15));
    let n: Vec<Notice> = (0..=8)
        .flat_map(|i| {
            let h = f64::from(i) / 4.0;
            let zig = if i % 2 == 0 { 0.1 } else { -0.1 };
            let bar = 2.6 - 0.3 * h / 6.0 + zig;
            f.read(70.0, (bar * 1000.0).round() / 1000.0)
        })
        .collect();
    assert!(n.is_empty(), "{:?}", kinds(&n));
    assert!(f.w.active().is_empty());
}

#[test]
fn a_fall_exactly_at_the_leak_limit_is_not_beyond_it() {
    // Hourly, 1/16 bar lower each time: exactly 0.375 bar per 6 h, a straight line (no
    // error). At a limit of 0.375 that is no leak; at 0.37 it is one.
    let bars = [2.5, 2.4375, 2.375, 2.3125, 2.25, 2.1875, 2.125];
    let at_limit = |limit: f64| {
        let mut f = Feed::with(Thresholds {
            leak_bar_per_6h: limit,
            ..Thresholds::default()
        })
        .every(Duration::hours(1));
        kinds(&f.run(70.0, &bars))
    };
    assert_eq!(at_limit(0.375), vec![]);
    assert_eq!(at_limit(0.37), vec![(Leak, Warning, Raised)]);
}

#[test]
fn readings_before_a_sleep_do_not_count_towards_a_charge_that_never_began() {
    let mut f = Feed::new().seeded();
    f.w.charge_started(90);
    f.state = Some("Standby".into());
    assert!(f.read(60.0, 2.5).is_empty());
    f.w.woke();
    assert!(f.read(60.0, 2.5).is_empty(), "the first after waking seeds");
    assert!(f.read(60.0, 2.5).is_empty(), "one in a row since waking");
    assert_eq!(
        kinds(&f.read(60.0, 2.5)),
        vec![(ChargeStopped, Warning, Raised)]
    );
}

/// `(time, bar, soc)` points every 15 min from `hours` before `end` up to `end - 15 min`,
/// the pressure falling from `start` by `fall_per_6h`, at 70 % charge.
fn before(
    end: DateTime<FixedOffset>,
    hours: u32,
    start: f64,
    fall_per_6h: f64,
) -> Vec<(DateTime<Utc>, f64, Option<f64>)> {
    (0..hours * 4)
        .map(|i| {
            let h = f64::from(i) / 4.0;
            let at = end.with_timezone(&Utc) - Duration::hours(i64::from(hours))
                + Duration::minutes(15 * i64::from(i));
            let bar = start - fall_per_6h * h / 6.0;
            (at, (bar * 1000.0).round() / 1000.0, Some(70.0))
        })
        .collect()
}

#[test]
fn a_leak_that_began_before_a_restart_is_told_soon_after_it() {
    // The app kept 2 h of a pressure falling 0.3 bar per 6 h; it restarts at 14:05 and the
    // fall goes on. Its history also holds a point without a charge and a broken one.
    let mut kept = before(local(2024, 3, 5, 14, 5), 2, 2.7, 0.3);
    let at = kept[3].0 + Duration::minutes(5);
    kept.insert(4, (at, 2.0, None));
    kept.insert(5, (at + Duration::minutes(1), f64::NAN, Some(70.0)));
    let mut f = Feed::new().every(Duration::minutes(15));
    f.w.restore(kept);
    assert!(f.w.active().is_empty() && !f.w.wants_fast_poll());
    let after = [2.6, 2.588, 2.575];
    let n = f.run(70.0, &after);
    assert_eq!(kinds(&n), vec![(Leak, Warning, Raised)]);
    // The first reading seeds, the next two confirm: 14:35.
    assert_eq!(n[0].at, local(2024, 3, 5, 14, 35).with_timezone(&Utc));
    assert!(
        n[0].body.contains("in the last 2 h 30 min"),
        "{}",
        n[0].body
    );

    // Without the restored history the same readings are too few to tell anything.
    let mut fresh = Feed::new().every(Duration::minutes(15));
    assert!(fresh.run(70.0, &after).is_empty());
    assert!(!fresh.w.wants_fast_poll());
}

#[test]
fn restoring_points_older_than_the_leak_window_changes_nothing() {
    // Kept from a day the app last ran, 7 to 13 h before this start: at 2.9 bar, far above
    // today's 2.7, they would make today's readings look like a fall.
    let stale = before(local(2024, 3, 5, 7, 5), 6, 2.9, 0.0);
    let go = |restore: bool| {
        let mut f = Feed::new().every(Duration::minutes(15));
        if restore {
            f.w.restore(stale.clone());
            assert!(f.w.active().is_empty() && !f.w.wants_fast_poll());
        }
        let mut n = f.run(70.0, &[2.7; 4]);
        n.extend(ramp(&mut f, 2.7, 0.6, 0.0, 2));
        (n, f.w.active(), f.w.wants_fast_poll())
    };
    let (n, active, fast) = go(true);
    assert_eq!(
        (&n, &active, fast),
        (&go(false).0, &go(false).1, go(false).2)
    );
    assert_eq!(
        kinds(&n),
        vec![(Leak, Warning, Raised)],
        "the fall of today"
    );
}
