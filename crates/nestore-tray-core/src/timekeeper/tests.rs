//! The timers as the owner lives them: a night's charge, a device that does not answer, a
//! store already full, the owner's own command, a fast simulated device. Times are
//! explicit; the time zone is UTC unless a test says otherwise.

use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset, NaiveTime, TimeZone, Utc};
use nestore::control::ValidationError;
use nestore::{Error, Outcome};
use nestore_history::{EventKind, Record};
use nestore_i18n::{Catalogue, Language};
use nestore_schedule::{Action, Days, Purpose, Rule};

use super::*;

fn en() -> &'static Catalogue {
    Catalogue::get(Language::English)
}

fn nl() -> &'static Catalogue {
    Catalogue::get(Language::Dutch)
}

fn hm(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap()
}

fn rule(start: NaiveTime, end: NaiveTime, action: Action) -> Rule {
    Rule {
        days: Days::EVERY_DAY,
        start,
        end,
        action,
        enabled: true,
        cheapest_hours: None,
    }
}

const NIGHT: Action = Action::Charge {
    power_w: 2000,
    target_soc_pct: 90,
};

/// Monday 5 January 2026, at this UTC time.
fn at(h: u32, m: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 1, 5, h, m, 0).unwrap()
}

/// A story on one clock: the wall clock moves as the test says; the monotonic one with it.
struct Story {
    keeper: Timekeeper,
    origin: DateTime<Utc>,
    mono: Instant,
    now: Now,
}

impl Story {
    fn new(rules: Vec<Rule>, start: DateTime<Utc>) -> Story {
        Story::scaled(rules, start, 1.0)
    }

    fn scaled(rules: Vec<Rule>, start: DateTime<Utc>, scale: f64) -> Story {
        let mono = Instant::now();
        let now = Now {
            wall: start.fixed_offset(),
            mono,
        };
        Story {
            keeper: Timekeeper::new(rules, scale, now),
            origin: start,
            mono,
            now,
        }
    }

    /// The wall clock (and the monotonic one) at `t`.
    fn at(&mut self, t: DateTime<Utc>) -> &mut Story {
        let real = (t - self.origin).to_std().unwrap();
        self.now = Now {
            wall: t.fixed_offset(),
            mono: self.mono + real,
        };
        self
    }

    fn due(&mut self) -> Vec<Due> {
        self.keeper.due(self.now, &Utc)
    }

    fn report(&mut self, due: &Due, attempt: Attempt) -> Report {
        self.report_in(en(), due, attempt)
    }

    fn report_in(&mut self, cat: &Catalogue, due: &Due, attempt: Attempt) -> Report {
        self.keeper.report(cat, due, attempt, self.now, &Utc, false)
    }

    fn view(&self) -> TimersView {
        self.keeper.view(self.now, &Utc)
    }
}

fn taken(state: &str) -> Attempt {
    Attempt::Sent(Outcome {
        state: Some(state.into()),
        confirmed: true,
        readback_error: None,
    })
}

fn offline() -> Attempt {
    Attempt::Failed(Error::Unreachable {
        url: "http://127.0.0.1:4805/".into(),
        reason: "connection refused".into(),
    })
}

fn only(due: Vec<Due>) -> Due {
    assert_eq!(due.len(), 1, "{due:?}");
    due.into_iter().next().unwrap()
}

fn timeline_title(r: &Report) -> String {
    match &r.record {
        Some(Record::Event(e)) => {
            assert_eq!(e.kind, EventKind::Timer);
            e.title.clone()
        }
        other => panic!("no timeline event: {other:?}"),
    }
}

#[test]
fn a_night_charge_starts_and_ends_with_a_notification_and_an_event_each() {
    let mut s = Story::new(vec![rule(hm(2, 0), hm(5, 0), NIGHT)], at(0, 0));
    assert!(s.due().is_empty(), "nothing before the window");
    assert_eq!(
        s.keeper.wait(s.now, &Utc),
        Some(Duration::from_secs(2 * 3600))
    );
    assert_eq!(
        s.view().next.map(|w| (w.timer, w.start, w.kind)),
        Some((1, at(2, 0), "charge"))
    );

    let start = only(s.at(at(2, 0)).due());
    assert_eq!(start.step.purpose, Purpose::Start);
    assert_eq!(
        start.args,
        CommandArgs::Start {
            power_w: 2000,
            target_soc_pct: 90,
            duration_min: 180
        }
    );
    let r = s.report(&start, taken("charging"));
    assert!(r.outcome.ok && r.outcome.sent);
    let n = r.notice.clone().expect("a start is told");
    assert_eq!(n.title, "Charging on a timer");
    assert_eq!(
        n.body,
        "The heater charges at 2000 W up to 90 %, until 05:00."
    );
    assert_eq!(timeline_title(&r), "Charging on a timer");
    assert_eq!(s.view().active.map(|w| w.end), Some(at(5, 0)));
    assert!(s.at(at(3, 0)).due().is_empty(), "nothing while it runs");

    let end = only(s.at(at(5, 0)).due());
    assert_eq!(end.args, CommandArgs::Auto);
    let r = s.report(&end, taken("automatic"));
    assert_eq!(r.notice.unwrap().title, "Timer finished");
    assert_eq!(
        s.view().next.map(|w| w.start),
        Some(at(2, 0) + chrono::Duration::days(1)),
        "tomorrow's is next"
    );
}

#[test]
fn a_device_that_does_not_answer_is_told_once_and_tried_again_each_minute() {
    let mut s = Story::new(vec![rule(hm(2, 0), hm(5, 0), NIGHT)], at(2, 0));
    let first = only(s.due());
    let r = s.report(&first, offline());
    assert!(!r.outcome.sent);
    let n = r.notice.clone().expect("the first failure is told");
    assert_eq!(n.title, "A timer could not be carried out");
    assert!(
        n.body
            .ends_with("The app tries again every minute until 05:00."),
        "{}",
        n.body
    );
    assert!(r.record.is_some());
    assert!(s.due().is_empty(), "not again at once");

    let second = only(s.at(at(2, 1)).due());
    let r = s.report(&second, offline());
    assert!(r.notice.is_none() && r.record.is_none(), "told once");

    // Back: the late start covers what is left of the window, and is told.
    let third = only(s.at(at(2, 2)).due());
    assert_eq!(
        third.args,
        CommandArgs::Start {
            power_w: 2000,
            target_soc_pct: 90,
            duration_min: 178
        }
    );
    let r = s.report(&third, taken("charging"));
    assert_eq!(r.notice.unwrap().title, "Charging on a timer");
}

#[test]
fn control_switched_off_is_a_failure_in_the_apps_words() {
    let mut s = Story::new(vec![rule(hm(2, 0), hm(5, 0), NIGHT)], at(2, 0));
    let d = only(s.due());
    let r = s.report(
        &d,
        Attempt::NotSent("Control is switched off in Settings.".into()),
    );
    assert!(r
        .notice
        .unwrap()
        .body
        .starts_with("Control is switched off in Settings. The app tries again"));
}

#[test]
fn a_store_already_full_needs_nothing_and_owes_no_end() {
    let mut s = Story::new(vec![rule(hm(2, 0), hm(5, 0), NIGHT)], at(2, 0));
    let d = only(s.due());
    let full = Attempt::Failed(Error::Rejected(ValidationError::TargetNotAboveCurrent {
        target: 90,
        current: 93.0,
    }));
    let r = s.report(&d, full);
    assert_eq!(
        r.notice.unwrap().body,
        "The state of charge is already 90 % or more: the timer has nothing to do until 05:00."
    );
    assert!(s.at(at(3, 0)).due().is_empty());
    assert!(
        s.at(at(5, 0)).due().is_empty(),
        "nothing was sent, so no end"
    );
}

#[test]
fn the_owners_own_command_wins_until_the_window_ends() {
    let mut s = Story::new(vec![rule(hm(2, 0), hm(5, 0), NIGHT)], at(2, 0));
    let d = only(s.due());
    s.report(&d, taken("charging"));
    s.at(at(3, 0));
    let (n, record) = s
        .keeper
        .manual(en(), s.now, &Utc, false)
        .expect("a window was running");
    assert_eq!(n.title, "Your own command comes first");
    assert_eq!(n.body, "The timer sends nothing more until 05:00.");
    assert!(matches!(record, Record::Event(e) if e.kind == EventKind::Timer));
    assert!(s.at(at(5, 0)).due().is_empty(), "not even its end");
    // Outside a window, a command by hand is nothing to tell.
    assert!(s.keeper.manual(en(), s.now, &Utc, false).is_none());
}

#[test]
fn a_block_window_holds_off_automatic_charging_in_dutch() {
    let mut s = Story::new(vec![rule(hm(17, 0), hm(20, 0), Action::Block)], at(17, 0));
    let d = only(s.due());
    assert_eq!(d.args, CommandArgs::Stop { duration_min: 180 });
    let r = s.report_in(nl(), &d, taken("stopped"));
    let n = r.notice.unwrap();
    assert_eq!(n.title, "Automatisch laden tegengehouden");
    assert_eq!(
        n.body,
        "Een timer houdt het automatische laden tegen tot 20:00."
    );
    let end = only(s.at(at(20, 0)).due());
    assert_eq!(
        s.report_in(nl(), &end, taken("automatic"))
            .notice
            .unwrap()
            .body,
        "Terug naar het automatische schema."
    );
}

#[test]
fn a_long_window_is_renewed_before_the_devices_five_hours_run_out() {
    let mut s = Story::new(vec![rule(hm(22, 0), hm(6, 0), NIGHT)], at(22, 0));
    let start = only(s.due());
    assert_eq!(
        start.args,
        CommandArgs::Start {
            power_w: 2000,
            target_soc_pct: 90,
            duration_min: 300
        }
    );
    s.report(&start, taken("charging"));
    let renew = only(s.at(at(22, 0) + chrono::Duration::minutes(290)).due());
    assert_eq!(renew.step.purpose, Purpose::Renew);
    let r = s.report(&renew, taken("charging"));
    assert_eq!(
        r.notice.unwrap().body,
        "The timer's task was sent again and lasts until 06:00."
    );
}

#[test]
fn a_fast_simulated_device_runs_the_timers_on_its_own_clock() {
    // 60 device minutes per real minute: the window two device hours away is two real
    // minutes away.
    let mut s = Story::scaled(vec![rule(hm(2, 0), hm(5, 0), NIGHT)], at(0, 0), 60.0);
    assert_eq!(s.keeper.wait(s.now, &Utc), Some(Duration::from_secs(120)));
    s.at(at(0, 2));
    assert_eq!(s.keeper.now(s.now), at(2, 0));
    assert_eq!(only(s.due()).step.purpose, Purpose::Start);
}

#[test]
fn new_rules_end_a_window_whose_rule_went() {
    let mut s = Story::new(vec![rule(hm(2, 0), hm(5, 0), NIGHT)], at(2, 0));
    let d = only(s.due());
    s.report(&d, taken("charging"));
    s.keeper.set_rules(Vec::new());
    let end = only(s.at(at(2, 30)).due());
    assert_eq!(end.args, CommandArgs::Auto);
    assert_eq!(s.view(), TimersView::default());
}

#[test]
fn the_tray_says_what_runs_now_or_comes_next() {
    let night = rule(hm(2, 0), hm(5, 0), NIGHT);
    let line =
        |s: &Story, cat| crate::presentation::timer_line(cat, &s.view(), &Utc, s.keeper.now(s.now));
    let mut s = Story::new(vec![night], at(0, 0));
    assert_eq!(line(&s, en()).as_deref(), Some("Next: charge 02:00–05:00"));
    s.at(at(5, 30));
    assert_eq!(
        line(&s, nl()).as_deref(),
        Some("Volgende: laden morgen 02:00–05:00")
    );
    let mut s = Story::new(vec![night], at(2, 0));
    let d = only(s.due());
    s.report(&d, taken("charging"));
    assert_eq!(
        line(&s, en()).as_deref(),
        Some("Timer: charging until 05:00")
    );

    // A block only on Saturdays, seen on a Monday, in Amsterdam's winter time.
    let saturday = Rule {
        days: Days::of(&[chrono::Weekday::Sat]),
        ..rule(hm(17, 0), hm(20, 0), Action::Block)
    };
    let s = Story::new(vec![saturday], at(9, 0));
    let cet = FixedOffset::east_opt(3600).unwrap();
    let view = s.keeper.view(s.now, &cet);
    assert_eq!(
        crate::presentation::timer_line(nl(), &view, &cet, at(9, 0)).as_deref(),
        Some("Volgende: geen automatisch laden za 17:00–20:00")
    );
    assert_eq!(
        crate::presentation::timer_line(en(), &TimersView::default(), &Utc, at(9, 0)),
        None
    );
}

#[test]
fn the_tray_says_whether_the_hours_are_the_cheapest_or_a_fallback() {
    let start = at(2, 0);
    let w = crate::view::TimerWindow {
        timer: 1,
        start,
        end: at(4, 0),
        kind: "charge",
        power_w: Some(2000),
        target_soc_pct: Some(90),
        basis: nestore_schedule::Basis::Cheapest,
    };
    let next = |basis| TimersView {
        active: None,
        next: Some(crate::view::TimerWindow { basis, ..w }),
    };
    let line = |cat, v: &TimersView| crate::presentation::timer_line(cat, v, &Utc, at(0, 0));
    assert_eq!(
        line(en(), &next(nestore_schedule::Basis::Cheapest)).as_deref(),
        Some("Next: charge 02:00–04:00 (cheapest hours)")
    );
    assert_eq!(
        line(nl(), &next(nestore_schedule::Basis::Fallback)).as_deref(),
        Some("Volgende: laden 02:00–04:00 (nog geen prijzen: de laatste uren)")
    );
}
