//! "Charge N hours before 07:00 in the cheapest hours": the choice against the price
//! fixtures of `nestore-prices` (hand-written EnergyZero answers, read with its parser), the
//! fallback without prices, negative prices, the clock's changes, and prices that arrive
//! late. Amsterdam's clock, explicit times.

use std::time::Duration as StdDuration;

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use chrono_tz::Europe::Amsterdam;
use nestore::Command;
use nestore_schedule::{
    preview, preview_with_prices, validate, Action, Basis, Days, PriceCurve, Problem, Purpose,
    Rule, RuleError, Scheduler, Sent, Window,
};

fn t(hm: &str) -> NaiveTime {
    NaiveTime::parse_from_str(hm, "%H:%M").unwrap()
}

/// Charge at 2000 W to 90 % in the `hours` cheapest hours of start-end.
fn cheapest(start: &str, end: &str, hours: u8) -> Rule {
    Rule {
        days: Days::EVERY_DAY,
        start: t(start),
        end: t(end),
        action: Action::Charge {
            power_w: 2000,
            target_soc_pct: 90,
        },
        enabled: true,
        cheapest_hours: Some(hours),
    }
}

/// An instant by Amsterdam's wall clock, "2026-11-27 02:00" (the first, if it comes twice).
fn local(s: &str) -> DateTime<Utc> {
    let naive = NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap();
    Amsterdam
        .from_local_datetime(&naive)
        .earliest()
        .unwrap()
        .with_timezone(&Utc)
}

fn show(at: DateTime<Utc>) -> String {
    at.with_timezone(&Amsterdam)
        .format("%Y-%m-%d %H:%M %Z")
        .to_string()
}

/// The prices of the fixture days, read by the source's own parser.
fn prices(days: &[&str]) -> PriceCurve {
    let mut points = Vec::new();
    for day in days {
        let path = format!(
            "{}/../nestore-prices/tests/fixtures/{day}.json",
            env!("CARGO_MANIFEST_DIR")
        );
        let body = std::fs::read(&path).unwrap();
        let date = NaiveDate::parse_from_str(day, "%Y-%m-%d").unwrap();
        points.extend(nestore_prices::energyzero::parse(&body, date).unwrap());
    }
    PriceCurve::new(points).unwrap()
}

/// Each planned step as (local time, purpose, lifetime in minutes, basis).
fn plan(
    rules: &[Rule],
    curve: &PriceCurve,
    from: &str,
    to: &str,
) -> Vec<(String, Purpose, Option<u64>, Basis)> {
    validate(rules).unwrap();
    preview_with_prices(rules, curve, &Amsterdam, local(from), local(to))
        .into_iter()
        .map(|p| {
            (
                show(p.at),
                p.step.purpose,
                p.step.lifetime.map(|l| l.as_secs() / 60),
                p.step.window.basis,
            )
        })
        .collect()
}

fn step(
    at: &str,
    purpose: Purpose,
    minutes: Option<u64>,
    basis: Basis,
) -> (String, Purpose, Option<u64>, Basis) {
    (at.to_string(), purpose, minutes, basis)
}

use Basis::{Cheapest, Fallback};
use Purpose::{End, Start};

// ---- The rule ---------------------------------------------------------------------------

#[test]
fn the_hours_must_fit_the_window_and_only_a_charge_takes_them() {
    assert_eq!(validate(&[cheapest("00:00", "07:00", 7)]), Ok(()));
    assert_eq!(validate(&[cheapest("00:00", "07:00", 1)]), Ok(()));
    let refused = |r: Rule| validate(&[r]).unwrap_err();
    assert_eq!(
        refused(cheapest("00:00", "07:00", 8)),
        RuleError {
            rule: 0,
            problem: Problem::CheapestHours { hours: 8, max: 7 }
        }
    );
    assert_eq!(
        refused(cheapest("00:00", "07:00", 0)).problem,
        Problem::CheapestHours { hours: 0, max: 7 }
    );
    // 22:30-07:00 has eight whole hours by the clock.
    assert_eq!(validate(&[cheapest("22:30", "07:00", 8)]), Ok(()));
    assert_eq!(
        refused(cheapest("22:30", "07:00", 9)).problem,
        Problem::CheapestHours { hours: 9, max: 8 }
    );
    // 02:00-02:45 has none.
    assert_eq!(
        refused(cheapest("02:00", "02:45", 1)).problem,
        Problem::CheapestHours { hours: 1, max: 0 }
    );
    let block = Rule {
        action: Action::Block,
        ..cheapest("00:00", "07:00", 3)
    };
    assert_eq!(refused(block).problem, Problem::CheapestBlock);
}

#[test]
fn a_rule_without_cheapest_hours_is_stored_as_before() {
    let json = r#"{"days":["mon"],"start":"02:00","end":"05:00","kind":"charge","power_w":2000,"target_soc_pct":90,"enabled":true}"#;
    let old: Rule = serde_json::from_str(json).unwrap();
    assert_eq!(old.cheapest_hours, None);
    assert_eq!(serde_json::to_string(&old).unwrap(), json);
    let with = r#"{"days":["mon"],"start":"00:00","end":"07:00","kind":"charge","power_w":2000,"target_soc_pct":90,"enabled":true,"cheapest_hours":3}"#;
    let rule: Rule = serde_json::from_str(with).unwrap();
    assert_eq!(rule.cheapest_hours, Some(3));
    assert_eq!(serde_json::to_string(&rule).unwrap(), with);
}

// ---- The choice -------------------------------------------------------------------------

#[test]
fn with_prices_it_charges_in_the_cheapest_hours_of_the_fixture_day() {
    // 2026-11-27: 02:00 0.205, 03:00 0.198, 04:00 0.201 are the three cheapest of 00:00-07:00.
    let rules = [cheapest("00:00", "07:00", 3)];
    let curve = prices(&["2026-11-27"]);
    assert_eq!(
        plan(&rules, &curve, "2026-11-26 12:00", "2026-11-27 12:00"),
        vec![
            step("2026-11-27 02:00 CET", Start, Some(180), Cheapest),
            step("2026-11-27 05:00 CET", End, None, Cheapest),
        ]
    );
}

#[test]
fn hours_apart_are_windows_of_their_own_and_a_tie_goes_to_the_earlier_hour() {
    // 22:00-07:00 across two fixture days, five hours: 22:00 and 23:00 on the 26th (0.214,
    // 0.209; 22:00 ties with 05:00 on the 27th and wins as the earlier), 02:00-05:00.
    let rules = [cheapest("22:00", "07:00", 5)];
    let curve = prices(&["2026-11-26", "2026-11-27"]);
    assert_eq!(
        plan(&rules, &curve, "2026-11-26 12:00", "2026-11-27 12:00"),
        vec![
            step("2026-11-26 22:00 CET", Start, Some(120), Cheapest),
            step("2026-11-27 00:00 CET", End, None, Cheapest),
            step("2026-11-27 02:00 CET", Start, Some(180), Cheapest),
            step("2026-11-27 05:00 CET", End, None, Cheapest),
        ]
    );
    let s = {
        let mut s = Scheduler::new(rules.to_vec());
        s.set_prices(&curve);
        s
    };
    let spans = s.windows(
        &Amsterdam,
        local("2026-11-26 12:00"),
        local("2026-11-27 12:00"),
        local("2026-11-26 12:00"),
    );
    let ids: Vec<u8> = spans.iter().map(|w| w.id.span).collect();
    assert_eq!(ids, vec![0, 1]);
    assert!(spans.iter().all(|w| w.id.date == spans[0].id.date));
}

#[test]
fn without_prices_it_charges_in_its_last_hours_and_says_so() {
    let rules = [cheapest("00:00", "07:00", 3)];
    let fallback = vec![
        step("2026-11-28 04:00 CET", Start, Some(180), Fallback),
        step("2026-11-28 07:00 CET", End, None, Fallback),
    ];
    // No prices at all.
    assert_eq!(
        plan(
            &rules,
            &PriceCurve::default(),
            "2026-11-27 12:00",
            "2026-11-28 12:00"
        ),
        fallback
    );
    assert_eq!(
        preview(
            &rules,
            &Amsterdam,
            local("2026-11-27 12:00"),
            local("2026-11-28 12:00")
        )[0]
        .step
        .window
        .basis,
        Fallback
    );
    // Prices of other days only: the 28th is not published.
    let curve = prices(&["2026-11-26", "2026-11-27"]);
    assert_eq!(
        plan(&rules, &curve, "2026-11-27 12:00", "2026-11-28 12:00"),
        fallback
    );
    // A night half covered (23:00-07:00 needs the 27th and the 28th) falls back too.
    let night = [cheapest("23:00", "07:00", 2)];
    assert_eq!(
        plan(&night, &curve, "2026-11-27 12:00", "2026-11-28 12:00"),
        vec![
            step("2026-11-28 05:00 CET", Start, Some(120), Fallback),
            step("2026-11-28 07:00 CET", End, None, Fallback),
        ]
    );
}

#[test]
fn negative_prices_are_chosen_first() {
    // 2026-05-10 (summer): 12:00 -0.045, 13:00 -0.061, 14:00 -0.038 are the lowest three of
    // 10:00-17:00.
    let rules = [cheapest("10:00", "17:00", 3)];
    let curve = prices(&["2026-05-10"]);
    assert_eq!(
        plan(&rules, &curve, "2026-05-10 00:00", "2026-05-11 00:00"),
        vec![
            step("2026-05-10 12:00 CEST", Start, Some(180), Cheapest),
            step("2026-05-10 15:00 CEST", End, None, Cheapest),
        ]
    );
}

// ---- The clock's changes ----------------------------------------------------------------

#[test]
fn on_the_short_night_the_cheapest_hours_run_across_the_jump() {
    // 2026-03-29: 01:00 CET 0.150, 03:00 CEST 0.140, 04:00 CEST 0.145: three real hours.
    let rules = [cheapest("00:00", "07:00", 3)];
    let curve = prices(&["2026-03-29"]);
    assert_eq!(
        plan(&rules, &curve, "2026-03-28 12:00", "2026-03-29 12:00"),
        vec![
            step("2026-03-29 01:00 CET", Start, Some(180), Cheapest),
            step("2026-03-29 05:00 CEST", End, None, Cheapest),
        ]
    );
    // Seven hours by the clock are six real ones that night: no choice of seven, so the
    // whole window, and it says it fell back (its six hours in a task of the device's
    // longest, 5 h, renewed 10 min before it runs out).
    let seven = [cheapest("00:00", "07:00", 7)];
    assert_eq!(
        plan(&seven, &curve, "2026-03-28 12:00", "2026-03-29 12:00"),
        vec![
            step("2026-03-29 00:00 CET", Start, Some(300), Fallback),
            step("2026-03-29 05:50 CEST", Purpose::Renew, Some(70), Fallback),
            step("2026-03-29 07:00 CEST", End, None, Fallback),
        ]
    );
}

#[test]
fn on_the_long_night_the_repeated_hour_can_be_chosen_twice_and_runs_once_each() {
    // 2026-10-25: 02:00 CEST 0.101 and 02:00 CET 0.099, the cheapest two: one span of two
    // real hours.
    let rules = [cheapest("00:00", "07:00", 2)];
    let curve = prices(&["2026-10-25"]);
    assert_eq!(
        plan(&rules, &curve, "2026-10-24 12:00", "2026-10-25 12:00"),
        vec![
            step("2026-10-25 02:00 CEST", Start, Some(120), Cheapest),
            step("2026-10-25 03:00 CET", End, None, Cheapest),
        ]
    );
}

// ---- Prices that arrive late ------------------------------------------------------------

/// Runs the scheduler a minute at a time, every step taken; each step as (local time,
/// purpose, basis).
fn run(s: &mut Scheduler, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<(String, Purpose, Basis)> {
    let mut out = Vec::new();
    let mut now = from;
    while now < to {
        for step in s.due(now, &Amsterdam) {
            s.sent(&step, Sent::Done, now);
            out.push((show(now), step.purpose, step.window.basis));
        }
        now += Duration::minutes(1);
    }
    out
}

fn next(s: &Scheduler, at: &str) -> Option<(String, String, Basis)> {
    s.next(local(at), &Amsterdam)
        .map(|w: Window| (show(w.start), show(w.end), w.basis))
}

#[test]
fn prices_that_arrive_before_the_window_move_it_to_the_cheapest_hours() {
    let rules = vec![cheapest("00:00", "07:00", 3)];
    validate(&rules).unwrap();
    let mut s = Scheduler::new(rules);
    assert_eq!(
        next(&s, "2026-11-26 23:00"),
        Some((
            "2026-11-27 04:00 CET".into(),
            "2026-11-27 07:00 CET".into(),
            Fallback
        ))
    );
    assert_eq!(
        run(&mut s, local("2026-11-26 23:00"), local("2026-11-27 01:00")),
        vec![]
    );
    s.set_prices(&prices(&["2026-11-27"]));
    assert_eq!(
        next(&s, "2026-11-27 01:00"),
        Some((
            "2026-11-27 02:00 CET".into(),
            "2026-11-27 05:00 CET".into(),
            Cheapest
        ))
    );
    assert_eq!(
        s.wake_at(local("2026-11-27 01:00"), &Amsterdam),
        Some(local("2026-11-27 02:00"))
    );
    assert_eq!(
        run(&mut s, local("2026-11-27 01:00"), local("2026-11-27 09:00")),
        vec![
            ("2026-11-27 02:00 CET".into(), Start, Cheapest),
            ("2026-11-27 05:00 CET".into(), End, Cheapest),
        ]
    );
}

#[test]
fn prices_that_arrive_during_the_fallback_change_nothing() {
    let rules = vec![cheapest("00:00", "07:00", 3)];
    let mut s = Scheduler::new(rules);
    assert_eq!(
        run(&mut s, local("2026-11-27 03:00"), local("2026-11-27 04:30")),
        vec![("2026-11-27 04:00 CET".into(), Start, Fallback)]
    );
    s.set_prices(&prices(&["2026-11-27"]));
    assert_eq!(
        next(&s, "2026-11-27 04:30"),
        Some((
            "2026-11-27 04:00 CET".into(),
            "2026-11-27 07:00 CET".into(),
            Fallback
        ))
    );
    assert_eq!(
        run(&mut s, local("2026-11-27 04:30"), local("2026-11-27 09:00")),
        vec![("2026-11-27 07:00 CET".into(), End, Fallback)],
        "no span twice, no second choice"
    );
}

#[test]
fn prices_that_arrive_inside_the_window_choose_among_the_hours_left() {
    // At 03:30 the hours not over are 03:00 (0.198), 04:00 (0.201), 05:00 (0.214), 06:00:
    // the current one counts, so it starts at once, for what is left of 03:00-06:00.
    let rules = vec![cheapest("00:00", "07:00", 3)];
    let mut s = Scheduler::new(rules);
    assert_eq!(
        run(&mut s, local("2026-11-27 00:00"), local("2026-11-27 03:30")),
        vec![]
    );
    s.set_prices(&prices(&["2026-11-27"]));
    let steps = s.due(local("2026-11-27 03:30"), &Amsterdam);
    assert_eq!(steps.len(), 1);
    assert_eq!((steps[0].purpose, steps[0].window.basis), (Start, Cheapest));
    assert_eq!(steps[0].lifetime, Some(StdDuration::from_secs(150 * 60)));
    s.sent(&steps[0], Sent::Done, local("2026-11-27 03:30"));
    assert_eq!(
        run(&mut s, local("2026-11-27 03:31"), local("2026-11-27 09:00")),
        vec![("2026-11-27 06:00 CET".into(), End, Cheapest)]
    );
}

#[test]
fn a_wake_a_moment_late_finds_the_same_choice() {
    let rules = vec![cheapest("00:00", "07:00", 3)];
    let mut s = Scheduler::new(rules);
    s.set_prices(&prices(&["2026-11-27"]));
    let wake = s.wake_at(local("2026-11-27 00:00"), &Amsterdam).unwrap();
    assert_eq!(wake, local("2026-11-27 02:00"));
    let late = wake + Duration::milliseconds(200);
    let steps = s.due(late, &Amsterdam);
    assert_eq!(steps.len(), 1);
    assert_eq!(steps[0].window.start, local("2026-11-27 02:00"));
    assert_eq!(steps[0].window.end, local("2026-11-27 05:00"));
}

// ---- Spans as windows -------------------------------------------------------------------

#[test]
fn a_command_by_hand_wins_in_its_span_and_the_next_span_still_runs() {
    let rules = vec![cheapest("22:00", "07:00", 5)];
    let mut s = Scheduler::new(rules);
    s.set_prices(&prices(&["2026-11-26", "2026-11-27"]));
    assert_eq!(
        run(&mut s, local("2026-11-26 21:00"), local("2026-11-26 22:30")),
        vec![("2026-11-26 22:00 CET".into(), Start, Cheapest)]
    );
    s.manual(local("2026-11-26 22:30"), &Amsterdam);
    assert_eq!(
        run(&mut s, local("2026-11-26 22:30"), local("2026-11-27 09:00")),
        vec![
            ("2026-11-27 02:00 CET".into(), Start, Cheapest),
            ("2026-11-27 05:00 CET".into(), End, Cheapest),
        ]
    );
}

#[test]
fn a_span_whose_send_fails_is_tried_again() {
    let rules = vec![cheapest("00:00", "07:00", 3)];
    let mut s = Scheduler::new(rules);
    s.set_prices(&prices(&["2026-11-27"]));
    let two = local("2026-11-27 02:00");
    let steps = s.due(two, &Amsterdam);
    s.sent(&steps[0], Sent::Failed, two);
    assert!(s.due(two + Duration::seconds(30), &Amsterdam).is_empty());
    let again = s.due(two + Duration::minutes(1), &Amsterdam);
    assert_eq!(again.len(), 1);
    assert_eq!(again[0].purpose, Start);
    assert!(matches!(again[0].command, Command::StartCharging(_)));
    assert_eq!(again[0].window.id, steps[0].window.id);
}
