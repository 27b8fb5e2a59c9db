//! The charge timers as stories: rules, a local clock in Amsterdam (with its daylight-saving
//! changes), and what the scheduler sends when.

use std::time::Duration as StdDuration;

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use chrono_tz::Europe::Amsterdam;
use nestore::{ChargeRequest, Command};
use nestore_schedule::{
    preview, validate, windows, Action, Days, Problem, Purpose, Rule, RuleError, Scheduler, Sent,
    Step,
};

fn t(hm: &str) -> NaiveTime {
    NaiveTime::parse_from_str(hm, "%H:%M").unwrap()
}

fn charge(start: &str, end: &str, power_w: u32, target_soc_pct: u8) -> Rule {
    Rule {
        days: Days::EVERY_DAY,
        start: t(start),
        end: t(end),
        action: Action::Charge {
            power_w,
            target_soc_pct,
        },
        enabled: true,
        cheapest_hours: None,
    }
}

fn block(start: &str, end: &str) -> Rule {
    Rule {
        action: Action::Block,
        ..charge(start, end, 2000, 90)
    }
}

/// An instant by Amsterdam's wall clock, "2026-01-05 02:00" (the first, if it comes twice).
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

fn secs(s: u64) -> StdDuration {
    StdDuration::from_secs(s)
}

/// The scheduler on Amsterdam's clock: `at` asks what is due then, `take` reports steps.
struct Story {
    s: Scheduler,
}

impl Story {
    fn new(rules: Vec<Rule>) -> Story {
        validate(&rules).unwrap();
        Story {
            s: Scheduler::new(rules),
        }
    }

    fn due(&mut self, at: DateTime<Utc>) -> Vec<Step> {
        self.s.due(at, &Amsterdam)
    }

    /// What is due at `at`, each reported as `result`.
    fn at(&mut self, at: DateTime<Utc>, result: Sent) -> Vec<(Purpose, Command)> {
        let steps = self.due(at);
        for step in &steps {
            self.s.sent(step, result, at);
        }
        steps.into_iter().map(|s| (s.purpose, s.command)).collect()
    }

    /// Runs the clock from `from` to `to` a minute at a time, every step taken, and
    /// returns each step with its local time.
    fn run(&mut self, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<(String, Purpose)> {
        let mut out = Vec::new();
        let mut now = from;
        while now < to {
            for step in self.due(now) {
                self.s.sent(&step, Sent::Done, now);
                out.push((show(now), step.purpose));
            }
            now += Duration::minutes(1);
        }
        out
    }
}

fn start(power_w: u32, target_soc_pct: u8, lifetime_s: u64) -> Command {
    Command::StartCharging(ChargeRequest {
        power_w,
        target_soc_pct,
        duration: secs(lifetime_s),
    })
}

// ---- Rules ------------------------------------------------------------------------------

#[test]
fn rules_outside_the_devices_limits_are_refused_naming_the_rule() {
    let ok = charge("02:00", "05:00", 2000, 90);
    assert_eq!(validate(&[ok]), Ok(()));
    let refused = |r: Rule| validate(&[ok, r]).unwrap_err();
    let at_two = |problem| RuleError { rule: 1, problem };
    let mut later = charge("12:00", "14:00", 900, 90);
    assert_eq!(refused(later), at_two(Problem::Power(900)));
    later = charge("12:00", "14:00", 3500, 90);
    assert_eq!(refused(later), at_two(Problem::Power(3500)));
    later = charge("12:00", "14:00", 2050, 90);
    assert_eq!(refused(later), at_two(Problem::Power(2050)));
    later = charge("12:00", "14:00", 3400, 0);
    assert_eq!(refused(later), at_two(Problem::Target(0)));
    later = charge("12:00", "14:00", 1000, 101);
    assert_eq!(refused(later), at_two(Problem::Target(101)));
    assert_eq!(
        refused(charge("12:00", "12:29", 2000, 90)),
        at_two(Problem::TooShort(29))
    );
    assert_eq!(validate(&[charge("12:00", "12:30", 2000, 90)]), Ok(()));
    assert_eq!(
        refused(charge("12:00", "12:00", 2000, 90)),
        at_two(Problem::SameTimes)
    );
    let no_days = Rule {
        days: Days::NONE,
        ..charge("12:00", "14:00", 2000, 90)
    };
    assert_eq!(refused(no_days), at_two(Problem::NoDays));
    assert_eq!(
        RuleError {
            rule: 1,
            problem: Problem::Overlaps(0)
        }
        .to_string(),
        "rule 2: it overlaps rule 1"
    );
}

#[test]
fn overlapping_rules_are_refused_across_midnight_and_the_week_end() {
    use chrono::Weekday::{Mon, Sun, Tue};
    let night = charge("22:00", "06:00", 2000, 90);
    // 05:00-07:00 the next morning overlaps the night's end.
    assert_eq!(
        validate(&[night, block("05:00", "07:00")]),
        Err(RuleError {
            rule: 1,
            problem: Problem::Overlaps(0)
        })
    );
    // Back to back is no overlap.
    assert_eq!(validate(&[night, block("06:00", "08:00")]), Ok(()));
    // Sunday night into Monday morning overlaps a Monday early window...
    let sunday = Rule {
        days: Days::of(&[Sun]),
        ..night
    };
    let monday = Rule {
        days: Days::of(&[Mon]),
        ..block("01:00", "02:00")
    };
    assert!(validate(&[sunday, monday]).is_err());
    // ...but not a Tuesday one.
    let tuesday = Rule {
        days: Days::of(&[Tue]),
        ..monday
    };
    assert_eq!(validate(&[sunday, tuesday]), Ok(()));
    // A rule switched off overlaps nothing.
    let off = Rule {
        enabled: false,
        ..block("05:00", "07:00")
    };
    assert_eq!(validate(&[night, off]), Ok(()));
}

#[test]
fn rules_are_stored_as_plain_json() {
    use chrono::Weekday::{Fri, Mon};
    let r = Rule {
        days: Days::of(&[Mon, Fri]),
        ..charge("22:30", "06:00", 2500, 80)
    };
    let json = serde_json::to_value(r).unwrap();
    assert_eq!(
        json,
        serde_json::json!({"days": ["mon", "fri"], "start": "22:30", "end": "06:00",
                           "kind": "charge", "power_w": 2500, "target_soc_pct": 80,
                           "enabled": true})
    );
    assert_eq!(serde_json::from_value::<Rule>(json).unwrap(), r);
    let b: Rule = serde_json::from_str(
        r#"{"days": ["sat", "sun"], "start": "17:00", "end": "20:00", "kind": "block"}"#,
    )
    .unwrap();
    assert_eq!(b.action, Action::Block);
    assert!(b.enabled, "enabled unless it says otherwise");
    for bad in [
        r#"{"days": ["someday"], "start": "17:00", "end": "20:00", "kind": "block"}"#,
        r#"{"days": ["sat"], "start": "25:00", "end": "20:00", "kind": "block"}"#,
        r#"{"days": ["sat"], "start": "17:00", "end": "20:00", "kind": "boil"}"#,
    ] {
        assert!(serde_json::from_str::<Rule>(bad).is_err(), "{bad}");
    }
}

// ---- A window opens and closes ------------------------------------------------------------

#[test]
fn a_night_window_starts_with_a_task_that_covers_it_and_ends_in_automatic() {
    let mut s = Story::new(vec![charge("02:00", "05:00", 2000, 90)]);
    assert!(s.at(local("2026-01-05 01:59"), Sent::Done).is_empty());
    assert_eq!(
        s.at(local("2026-01-05 02:00"), Sent::Done),
        [(Purpose::Start, start(2000, 90, 3 * 3600))]
    );
    assert!(
        s.at(local("2026-01-05 02:01"), Sent::Done).is_empty(),
        "once"
    );
    assert!(s.at(local("2026-01-05 04:59"), Sent::Done).is_empty());
    assert_eq!(
        s.at(local("2026-01-05 05:00"), Sent::Done),
        [(Purpose::End, Command::ResumeAutomatic)]
    );
    assert!(s.at(local("2026-01-05 05:01"), Sent::Done).is_empty());
    // And the next night again.
    assert_eq!(
        s.at(local("2026-01-06 02:00"), Sent::Done),
        [(Purpose::Start, start(2000, 90, 3 * 3600))]
    );
}

#[test]
fn the_scheduler_says_when_to_wake_it() {
    let mut s = Story::new(vec![charge("02:00", "05:00", 2000, 90)]);
    let evening = local("2026-01-04 21:00");
    assert_eq!(
        s.s.wake_at(evening, &Amsterdam),
        Some(local("2026-01-05 02:00"))
    );
    s.at(local("2026-01-05 02:00"), Sent::Done);
    assert_eq!(
        s.s.wake_at(local("2026-01-05 02:00"), &Amsterdam),
        Some(local("2026-01-05 05:00")),
        "the end"
    );
    let none = Scheduler::new(vec![]);
    assert_eq!(none.s_wake(), None);
}

trait Wake {
    fn s_wake(&self) -> Option<DateTime<Utc>>;
}

impl Wake for Scheduler {
    fn s_wake(&self) -> Option<DateTime<Utc>> {
        self.wake_at(local("2026-01-05 00:00"), &Amsterdam)
    }
}

#[test]
fn a_block_window_holds_the_automatic_charging_off() {
    let mut s = Story::new(vec![block("17:00", "20:00")]);
    assert_eq!(
        s.at(local("2026-01-05 17:00"), Sent::Done),
        [(
            Purpose::Start,
            Command::StopCharging {
                duration: secs(3 * 3600)
            }
        )]
    );
    assert_eq!(
        s.at(local("2026-01-05 20:00"), Sent::Done),
        [(Purpose::End, Command::ResumeAutomatic)]
    );
}

#[test]
fn back_to_back_windows_end_the_first_before_starting_the_second() {
    let mut s = Story::new(vec![
        block("05:00", "07:00"),
        charge("02:00", "05:00", 2000, 90),
    ]);
    s.at(local("2026-01-05 02:00"), Sent::Done);
    let at_five = s.at(local("2026-01-05 05:00"), Sent::Done);
    assert_eq!(
        at_five,
        [
            (Purpose::End, Command::ResumeAutomatic),
            (
                Purpose::Start,
                Command::StopCharging {
                    duration: secs(2 * 3600)
                }
            )
        ]
    );
}

#[test]
fn only_the_chosen_days_have_windows() {
    use chrono::Weekday::{Sat, Sun};
    let weekend = Rule {
        days: Days::of(&[Sat, Sun]),
        ..charge("10:00", "12:00", 2000, 90)
    };
    // Monday 5 January 2026 to Monday 12 January: Saturday the 10th and Sunday the 11th.
    let ws = windows(
        &[weekend],
        &Amsterdam,
        local("2026-01-05 00:00"),
        local("2026-01-12 00:00"),
    );
    let starts: Vec<String> = ws.iter().map(|w| show(w.start)).collect();
    assert_eq!(starts, ["2026-01-10 10:00 CET", "2026-01-11 10:00 CET"]);
}

// ---- Late, long, short ----------------------------------------------------------------------

#[test]
fn an_app_that_starts_inside_a_window_starts_it_late_for_what_is_left() {
    let mut s = Story::new(vec![charge("02:00", "05:00", 2000, 90)]);
    assert_eq!(
        s.at(local("2026-01-05 03:30"), Sent::Done),
        [(Purpose::Start, start(2000, 90, 90 * 60))]
    );
}

#[test]
fn less_than_half_an_hour_left_still_starts_for_the_devices_shortest_task() {
    let mut s = Story::new(vec![charge("02:00", "05:00", 2000, 90)]);
    assert_eq!(
        s.at(local("2026-01-05 04:45"), Sent::Done),
        [(Purpose::Start, start(2000, 90, 1800))]
    );
    // The end still comes at 05:00 and spins the longer task down.
    assert_eq!(
        s.at(local("2026-01-05 05:00"), Sent::Done),
        [(Purpose::End, Command::ResumeAutomatic)]
    );
}

#[test]
fn a_window_longer_than_five_hours_is_renewed_before_the_task_runs_out() {
    let mut s = Story::new(vec![charge("22:00", "07:00", 3000, 100)]);
    let night = s.run(local("2026-01-05 21:00"), local("2026-01-06 08:00"));
    assert_eq!(
        night,
        [
            ("2026-01-05 22:00 CET".into(), Purpose::Start),
            ("2026-01-06 02:50 CET".into(), Purpose::Renew),
            ("2026-01-06 07:00 CET".into(), Purpose::End),
        ]
    );
    let mut s = Story::new(vec![charge("22:00", "07:00", 3000, 100)]);
    assert_eq!(
        s.at(local("2026-01-05 22:00"), Sent::Done),
        [(Purpose::Start, start(3000, 100, 5 * 3600))]
    );
    // 10 minutes before the first task runs out: the rest of the window, 4 h 10 min.
    assert!(s.at(local("2026-01-06 02:49"), Sent::Done).is_empty());
    assert_eq!(
        s.at(local("2026-01-06 02:50"), Sent::Done),
        [(Purpose::Renew, start(3000, 100, 4 * 3600 + 10 * 60))]
    );
}

// ---- Offline, asleep, already charged ---------------------------------------------------------

#[test]
fn a_send_that_fails_is_tried_again_a_minute_later_within_the_window() {
    let mut s = Story::new(vec![charge("02:00", "05:00", 2000, 90)]);
    assert_eq!(s.at(local("2026-01-05 02:00"), Sent::Failed).len(), 1);
    let half_minute = local("2026-01-05 02:00") + Duration::seconds(30);
    assert!(s.at(half_minute, Sent::Failed).is_empty(), "not at once");
    assert_eq!(
        s.s.wake_at(half_minute, &Amsterdam),
        Some(local("2026-01-05 02:01"))
    );
    // Still offline at 02:01; back at 02:10: the task covers what is left.
    assert_eq!(s.at(local("2026-01-05 02:01"), Sent::Failed).len(), 1);
    assert_eq!(
        s.at(local("2026-01-05 02:10"), Sent::Done),
        [(Purpose::Start, start(2000, 90, 2 * 3600 + 50 * 60))]
    );
    // An end that fails is tried again too, then given up once no task can still hold.
    assert_eq!(s.at(local("2026-01-05 05:00"), Sent::Failed).len(), 1);
    assert_eq!(s.at(local("2026-01-05 05:01"), Sent::Failed).len(), 1);
    assert_eq!(s.at(local("2026-01-05 09:59"), Sent::Failed).len(), 1);
    assert!(s.at(local("2026-01-05 10:01"), Sent::Failed).is_empty());
    assert!(s.at(local("2026-01-05 10:02"), Sent::Failed).is_empty());
}

#[test]
fn a_step_in_flight_is_not_handed_out_twice() {
    let mut s = Story::new(vec![charge("02:00", "05:00", 2000, 90)]);
    let steps = s.due(local("2026-01-05 02:00"));
    assert_eq!(steps.len(), 1);
    assert!(s.due(local("2026-01-05 02:00")).is_empty());
    assert!(
        s.due(local("2026-01-05 02:03")).is_empty(),
        "still unreported"
    );
    s.s.sent(&steps[0], Sent::Done, local("2026-01-05 02:03"));
    assert!(s.due(local("2026-01-05 02:04")).is_empty());
}

#[test]
fn a_window_slept_through_sends_nothing_and_an_end_slept_through_is_sent_on_waking() {
    let mut s = Story::new(vec![charge("02:00", "05:00", 2000, 90)]);
    // Asleep from midnight to 06:00: the window passed unstarted.
    assert!(s.at(local("2026-01-05 00:00"), Sent::Done).is_empty());
    assert!(s.at(local("2026-01-05 06:00"), Sent::Done).is_empty());
    // Started, then asleep from 03:00 to 08:00: the end is sent on waking.
    s.at(local("2026-01-06 02:00"), Sent::Done);
    assert_eq!(
        s.at(local("2026-01-06 08:00"), Sent::Done),
        [(Purpose::End, Command::ResumeAutomatic)]
    );
}

#[test]
fn a_charge_with_nothing_to_do_sends_nothing_more_that_window() {
    let mut s = Story::new(vec![charge("02:00", "05:00", 2000, 90)]);
    assert_eq!(
        s.at(local("2026-01-05 02:00"), Sent::AlreadyCharged).len(),
        1
    );
    assert!(
        s.at(local("2026-01-05 02:01"), Sent::Done).is_empty(),
        "no retry"
    );
    assert!(
        s.at(local("2026-01-05 05:00"), Sent::Done).is_empty(),
        "no end"
    );
    assert_eq!(
        s.at(local("2026-01-06 02:00"), Sent::Done).len(),
        1,
        "tomorrow"
    );
}

// ---- The owner's own command wins -------------------------------------------------------------

#[test]
fn a_command_sent_by_hand_during_a_window_wins_until_it_ends() {
    let mut s = Story::new(vec![charge("22:00", "07:00", 2000, 90)]);
    s.at(local("2026-01-05 22:00"), Sent::Done);
    s.s.manual(local("2026-01-05 23:00"), &Amsterdam);
    let rest = s.run(local("2026-01-05 23:00"), local("2026-01-06 08:00"));
    assert!(rest.is_empty(), "no renewal, no end: {rest:?}");
    // The next night is the rule's again.
    assert_eq!(s.at(local("2026-01-06 22:00"), Sent::Done).len(), 1);
}

#[test]
fn a_command_by_hand_before_the_window_was_started_keeps_it_from_starting() {
    let mut s = Story::new(vec![charge("02:00", "05:00", 2000, 90)]);
    s.s.manual(local("2026-01-05 02:00"), &Amsterdam);
    assert!(s
        .run(local("2026-01-05 02:00"), local("2026-01-05 06:00"))
        .is_empty());
}

#[test]
fn a_reply_for_a_step_overridden_meanwhile_changes_nothing() {
    let mut s = Story::new(vec![charge("02:00", "05:00", 2000, 90)]);
    let steps = s.due(local("2026-01-05 02:00"));
    s.s.manual(local("2026-01-05 02:00"), &Amsterdam);
    s.s.sent(&steps[0], Sent::Done, local("2026-01-05 02:00"));
    assert!(s.at(local("2026-01-05 05:00"), Sent::Done).is_empty());
}

// ---- Daylight saving --------------------------------------------------------------------------

#[test]
fn on_the_spring_night_a_window_in_the_skipped_hour_runs_from_the_jump() {
    // 29 March 2026: Amsterdam's clocks jump from 02:00 to 03:00.
    let mut s = Story::new(vec![charge("02:00", "04:00", 2000, 90)]);
    let night = s.run(local("2026-03-28 23:00"), local("2026-03-29 06:00"));
    assert_eq!(
        night,
        [
            ("2026-03-29 03:00 CEST".into(), Purpose::Start),
            ("2026-03-29 04:00 CEST".into(), Purpose::End),
        ]
    );
    // A window wholly inside the skipped hour still runs, for its length.
    let ws = windows(
        &[charge("02:00", "02:45", 2000, 90)],
        &Amsterdam,
        local("2026-03-29 00:00"),
        local("2026-03-29 12:00"),
    );
    assert_eq!(ws.len(), 1);
    assert_eq!(show(ws[0].start), "2026-03-29 03:00 CEST");
    assert_eq!(ws[0].end - ws[0].start, Duration::minutes(45));
}

#[test]
fn on_the_autumn_night_the_repeated_hour_runs_one_window_once() {
    // 25 October 2026: Amsterdam's clocks go back from 03:00 to 02:00.
    let mut s = Story::new(vec![charge("02:00", "03:00", 2000, 90)]);
    let night = s.run(
        Utc.with_ymd_and_hms(2026, 10, 24, 21, 0, 0).unwrap(),
        Utc.with_ymd_and_hms(2026, 10, 25, 6, 0, 0).unwrap(),
    );
    assert_eq!(
        night,
        [
            ("2026-10-25 02:00 CEST".into(), Purpose::Start),
            ("2026-10-25 03:00 CET".into(), Purpose::End),
        ]
    );
    // A night window across the change is an hour longer in real time.
    let ws = windows(
        &[charge("22:00", "06:00", 2000, 90)],
        &Amsterdam,
        local("2026-10-24 12:00"),
        local("2026-10-25 12:00"),
    );
    assert_eq!(ws[0].end - ws[0].start, Duration::hours(9));
    assert_eq!(
        ws[0].id.date,
        NaiveDate::from_ymd_opt(2026, 10, 24).unwrap()
    );
}

#[test]
fn a_week_across_both_changes_has_every_window_once() {
    let rules = vec![charge("01:30", "03:30", 2000, 90)];
    for (from, to) in [
        ("2026-03-25 00:00", "2026-04-01 00:00"),
        ("2026-10-21 00:00", "2026-10-28 00:00"),
    ] {
        let mut s = Story::new(rules.clone());
        let steps = s.run(local(from), local(to));
        let starts = steps.iter().filter(|(_, p)| *p == Purpose::Start).count();
        let ends = steps.iter().filter(|(_, p)| *p == Purpose::End).count();
        assert_eq!((starts, ends), (7, 7), "{from}: {steps:?}");
    }
}

// ---- Changing rules, the next window, the preview ----------------------------------------------

#[test]
fn a_window_whose_rule_changes_ends_at_once() {
    let mut s = Story::new(vec![charge("02:00", "05:00", 2000, 90)]);
    s.at(local("2026-01-05 02:00"), Sent::Done);
    s.s.set_rules(vec![charge("02:00", "05:00", 3000, 90)]);
    // The changed rule's window of today ends now; the new one starts afresh.
    assert_eq!(
        s.at(local("2026-01-05 02:30"), Sent::Done),
        [
            (Purpose::End, Command::ResumeAutomatic),
            (Purpose::Start, start(3000, 90, 150 * 60))
        ]
    );
    // A rule that stays the same keeps its window going.
    s.s.set_rules(vec![charge("02:00", "05:00", 3000, 90)]);
    assert!(s.at(local("2026-01-05 02:31"), Sent::Done).is_empty());
}

#[test]
fn the_next_window_is_the_one_in_progress_or_the_one_ahead() {
    let mut s = Story::new(vec![
        charge("02:00", "05:00", 2000, 90),
        block("17:00", "20:00"),
    ]);
    let next = |s: &Story, at: &str| {
        s.s.next(local(at), &Amsterdam)
            .map(|w| (show(w.start), show(w.end), w.action))
    };
    assert_eq!(
        next(&s, "2026-01-05 12:00"),
        Some((
            "2026-01-05 17:00 CET".into(),
            "2026-01-05 20:00 CET".into(),
            Action::Block
        ))
    );
    s.at(local("2026-01-05 17:00"), Sent::Done);
    assert_eq!(
        next(&s, "2026-01-05 18:00").unwrap().0,
        "2026-01-05 17:00 CET"
    );
    s.s.manual(local("2026-01-05 18:00"), &Amsterdam);
    assert_eq!(
        next(&s, "2026-01-05 18:00").unwrap().0,
        "2026-01-06 02:00 CET",
        "an overridden window is no longer the next"
    );
}

#[test]
fn the_preview_lists_what_the_rules_will_send_without_sending() {
    let rules = [charge("22:00", "07:00", 2000, 90), block("17:00", "20:00")];
    let plan = preview(
        &rules,
        &Amsterdam,
        local("2026-01-05 12:00"),
        local("2026-01-06 12:00"),
    );
    let seen: Vec<(String, Purpose, Option<StdDuration>)> = plan
        .iter()
        .map(|p| (show(p.at), p.step.purpose, p.step.lifetime))
        .collect();
    assert_eq!(
        seen,
        [
            (
                "2026-01-05 17:00 CET".into(),
                Purpose::Start,
                Some(secs(3 * 3600))
            ),
            ("2026-01-05 20:00 CET".into(), Purpose::End, None),
            (
                "2026-01-05 22:00 CET".into(),
                Purpose::Start,
                Some(secs(5 * 3600))
            ),
            (
                "2026-01-06 02:50 CET".into(),
                Purpose::Renew,
                Some(secs(4 * 3600 + 600))
            ),
            ("2026-01-06 07:00 CET".into(), Purpose::End, None),
        ]
    );
    assert!(preview(
        &[],
        &Amsterdam,
        local("2026-01-05 12:00"),
        local("2026-01-06 12:00")
    )
    .is_empty());
}
