//! Carrying out the rules: which command to send now, for which window, and what happened.
//!
//! The caller owns the clock and the device: it asks [`Scheduler::due`] at the instants
//! [`Scheduler::wake_at`] names (and whenever it likes: after a wake from sleep, after the
//! device comes back), sends each [`Step`]'s command, and reports with [`Scheduler::sent`].
//! A step in flight is not handed out again until it is reported.
//!
//! - Start: at the window's start, or late, when the app starts or the computer wakes
//!   inside it, with a lifetime that covers what is left of it (the device's tasks last
//!   30 min to 5 h).
//! - Renew: a window longer than 5 h gets its task again 10 min before the last one runs
//!   out.
//! - End: at the window's end, automatic operation resumes (for a window that sent
//!   anything). A window that passed while the computer slept, unstarted, sends nothing.
//! - A failed send is tried again a minute later, for as long as the window lasts (an end,
//!   for as long as a task could still hold).
//! - A command the owner sends by hand during a window wins: that window sends nothing
//!   more, not even its end.
//!
//! A rule "in the cheapest hours" ([`Rule::cheapest_hours`]) becomes spans, each a window
//! of its own (its own [`WindowId::span`], started, renewed, retried, ended and overridden
//! like any window), from the prices given with [`Scheduler::set_prices`]: the N cheapest
//! of the hours of its window that have not ended yet ([`Basis::Cheapest`]), or without
//! prices for all of those, its last N hours ([`Basis::Fallback`]). The choice is made again
//! whenever it is asked for (new prices count), until one of its spans begins: from then on
//! that window's spans stay as they are, so no span runs twice and none moves under a task
//! the device holds. After new prices, ask [`Scheduler::wake_at`] again. The owner's own
//! command wins in the span it is sent in; a later span of the same night still runs.
//! The hours are whole UTC hours (whole local hours wherever the offset is whole hours).

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use nestore::control::LIFETIME_S;
use nestore::{ChargeRequest, Command};
use nestore_prices::PriceCurve;
use serde::Serialize;

use crate::calendar::{windows, Basis, Window, WindowId};
use crate::rule::{Action, Rule};

/// A task is sent again this long before it runs out, when its window goes on.
pub const RENEW_BEFORE: Duration = Duration::minutes(10);
/// A failed send is tried again after this long.
pub const RETRY_AFTER: Duration = Duration::minutes(1);
/// How far ahead [`Scheduler::next`] and [`Scheduler::wake_at`] look for a window.
const LOOK_AHEAD: Duration = Duration::days(8);
/// Finished windows are forgotten this long after their end.
const KEEP_PAST: Duration = Duration::days(2);

/// Why a step is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Purpose {
    /// The end of a window: back to automatic operation. First among steps due at once.
    End,
    /// The window's task, at its start (or late).
    Start,
    /// The window's task again, before the last one runs out.
    Renew,
}

/// One command to send now.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Step {
    pub window: Window,
    pub purpose: Purpose,
    #[serde(skip)]
    pub command: Command,
    /// The task's lifetime (none for an end).
    pub lifetime: Option<std::time::Duration>,
}

/// What became of a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sent {
    /// The device took it.
    Done,
    /// Not sent or refused (offline, a fault): try again later.
    Failed,
    /// A charge whose target is not above the state of charge: nothing to do this window.
    AlreadyCharged,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Waiting,
    /// Its task holds until then.
    Running {
        until: DateTime<Utc>,
    },
    /// The charge had nothing to do; the device may still hold an earlier task of it.
    Satisfied,
    /// The owner sent a command by hand during the window.
    Overridden,
    Ended,
}

#[derive(Debug, Clone)]
struct Run {
    window: Window,
    state: State,
    /// A start or renewal was taken by the device, so the end resumes automatic.
    sent_any: bool,
    in_flight: bool,
    retry_at: Option<DateTime<Utc>>,
    /// Its rule changed or went: it ends now.
    orphan: bool,
}

impl Run {
    fn new(window: Window) -> Run {
        Run {
            window,
            state: State::Waiting,
            sent_any: false,
            in_flight: false,
            retry_at: None,
            orphan: false,
        }
    }

    /// The instant the window ends for this run (now, for an orphan).
    fn end(&self, now: DateTime<Utc>) -> DateTime<Utc> {
        if self.orphan {
            now.min(self.window.end)
        } else {
            self.window.end
        }
    }

    fn owes_end(&self) -> bool {
        self.sent_any && !matches!(self.state, State::Overridden | State::Ended)
    }
}

/// The rules being carried out, and what each window has done so far.
#[derive(Debug, Clone, Default)]
pub struct Scheduler {
    rules: Vec<Rule>,
    runs: BTreeMap<WindowId, Run>,
    /// Windows in progress whose rule changed or went: each only owes its end.
    orphans: Vec<Run>,
    /// The prices the cheapest hours are chosen from.
    prices: PriceCurve,
    /// The spans of a rule "in the cheapest hours" (rule, date) once one of them began.
    fixed_plans: BTreeMap<(usize, NaiveDate), Vec<Window>>,
}

/// The spans a rule window becomes: itself for a plain rule; for a rule "in the cheapest
/// hours", its cheapest hours among those not ended by `now`, or else its last N hours.
fn plan(rule: &Rule, w: &Window, prices: &PriceCurve, now: DateTime<Utc>) -> Vec<Window> {
    let Some(hours) = rule.cheapest() else {
        return vec![*w];
    };
    // Hours not ended by now: the current one counts (it starts late), so a plan asked
    // for a moment after its span began is the same plan.
    let from = w
        .start
        .max(now - Duration::hours(1) + Duration::nanoseconds(1));
    let span = |i: usize, start, end, basis| Window {
        id: WindowId {
            span: u8::try_from(i).unwrap_or(u8::MAX),
            ..w.id
        },
        start,
        end,
        basis,
        ..*w
    };
    match prices.cheapest(from, w.end, u32::from(hours)) {
        Some(spans) if !spans.is_empty() => spans
            .into_iter()
            .enumerate()
            .map(|(i, (start, end))| span(i, start, end, Basis::Cheapest))
            .collect(),
        _ => {
            let start = w.start.max(w.end - Duration::hours(i64::from(hours)));
            vec![span(0, start, w.end, Basis::Fallback)]
        }
    }
}

/// The lifetime that covers `left` of a window, within the device's limits.
fn lifetime(left: Duration) -> std::time::Duration {
    let secs = u64::try_from(left.num_seconds()).unwrap_or(0);
    std::time::Duration::from_secs(secs.clamp(*LIFETIME_S.start(), *LIFETIME_S.end()))
}

fn task(action: Action, lifetime: std::time::Duration) -> Command {
    match action {
        Action::Charge {
            power_w,
            target_soc_pct,
        } => Command::StartCharging(ChargeRequest {
            power_w,
            target_soc_pct,
            duration: lifetime,
        }),
        Action::Block => Command::StopCharging { duration: lifetime },
    }
}

impl Scheduler {
    /// Rules that passed [`crate::validate`].
    pub fn new(rules: Vec<Rule>) -> Scheduler {
        Scheduler {
            rules,
            ..Scheduler::default()
        }
    }

    /// The prices the rules "in the cheapest hours" choose from (all there are: a day
    /// missing from them makes the windows that need it fall back). Windows whose spans
    /// began keep them.
    pub fn set_prices(&mut self, prices: &PriceCurve) {
        self.prices = prices.clone();
    }

    pub fn prices(&self) -> &PriceCurve {
        &self.prices
    }

    /// The windows (spans, for a rule "in the cheapest hours") that are not over by `from`
    /// and start before `to`, in order of start, as planned at `now`.
    pub fn windows<Tz: TimeZone>(
        &self,
        tz: &Tz,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Vec<Window> {
        let mut out: Vec<Window> = windows(&self.rules, tz, from, to)
            .iter()
            .flat_map(|w| self.spans_of(w, now))
            .filter(|s| s.end > from && s.start < to)
            .collect();
        out.sort_by_key(|w| (w.start, w.id));
        out
    }

    fn spans_of(&self, w: &Window, now: DateTime<Utc>) -> Vec<Window> {
        if let Some(fixed) = self.fixed_plans.get(&(w.id.rule, w.id.date)) {
            return fixed.clone();
        }
        match self.rules.get(w.id.rule) {
            Some(rule) => plan(rule, w, &self.prices, now),
            None => Vec::new(),
        }
    }

    /// A run for every window (span) that contains `now`; a rule "in the cheapest hours"
    /// whose span begins keeps its plan from then on.
    fn enter<Tz: TimeZone>(&mut self, now: DateTime<Utc>, tz: &Tz) {
        for w in windows(&self.rules, tz, now, now + Duration::seconds(1)) {
            if !w.contains(now) {
                continue;
            }
            let spans = self.spans_of(&w, now);
            let Some(span) = spans.iter().find(|s| s.contains(now)).copied() else {
                continue;
            };
            if span.basis != Basis::Fixed {
                self.fixed_plans
                    .entry((w.id.rule, w.id.date))
                    .or_insert(spans);
            }
            self.runs.entry(span.id).or_insert_with(|| Run::new(span));
        }
    }

    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// New rules (validated). A window in progress whose rule is the same goes on; one
    /// whose rule changed or went ends at the next [`Scheduler::due`] (automatic resumes
    /// if it had sent anything); windows not yet started are planned afresh.
    pub fn set_rules(&mut self, rules: Vec<Rule>) {
        let changed: Vec<WindowId> = self
            .runs
            .keys()
            .filter(|id| rules.get(id.rule) != self.rules.get(id.rule))
            .copied()
            .collect();
        self.fixed_plans
            .retain(|(rule, _), _| rules.get(*rule) == self.rules.get(*rule));
        for id in changed {
            if let Some(mut run) = self.runs.remove(&id) {
                if run.owes_end() || run.in_flight {
                    run.orphan = true;
                    self.orphans.push(run);
                }
            }
        }
        self.rules = rules;
    }

    /// The owner sent a command by hand at `now`: the windows in progress send nothing
    /// more, their end included.
    pub fn manual<Tz: TimeZone>(&mut self, now: DateTime<Utc>, tz: &Tz) {
        self.enter(now, tz);
        for run in self.runs.values_mut() {
            if run.window.contains(now) && !run.orphan {
                run.state = State::Overridden;
                run.in_flight = false;
            }
        }
    }

    /// The steps to send now, ends first. Each is handed out once until reported with
    /// [`Scheduler::sent`].
    pub fn due<Tz: TimeZone>(&mut self, now: DateTime<Utc>, tz: &Tz) -> Vec<Step> {
        self.enter(now, tz);
        let mut steps = Vec::new();
        for run in self.runs.values_mut().chain(self.orphans.iter_mut()) {
            if run.in_flight || run.retry_at.is_some_and(|t| t > now) {
                continue;
            }
            let end = run.end(now);
            let step = if now >= end {
                Self::after_end(run, now)
            } else if now >= run.window.start {
                Self::during(run, now)
            } else {
                None
            };
            if let Some(step) = step {
                run.in_flight = true;
                steps.push(step);
            }
        }
        self.orphans
            .retain(|r| r.in_flight || r.state != State::Ended);
        self.runs.retain(|_, r| {
            !(matches!(r.state, State::Ended | State::Overridden | State::Satisfied)
                && !r.in_flight
                && r.window.end + KEEP_PAST < now)
        });
        let runs = &self.runs;
        self.fixed_plans.retain(|_, spans| {
            spans
                .iter()
                .any(|s| s.end + KEEP_PAST >= now || runs.contains_key(&s.id))
        });
        steps.sort_by_key(|s| (s.purpose, s.window.start, s.window.id));
        steps
    }

    fn during(run: &mut Run, now: DateTime<Utc>) -> Option<Step> {
        let purpose = match run.state {
            State::Waiting => Purpose::Start,
            State::Running { until } if until < run.window.end && now >= until - RENEW_BEFORE => {
                Purpose::Renew
            }
            _ => return None,
        };
        let life = lifetime(run.window.end - now);
        Some(Step {
            window: run.window,
            purpose,
            command: task(run.window.action, life),
            lifetime: Some(life),
        })
    }

    fn after_end(run: &mut Run, now: DateTime<Utc>) -> Option<Step> {
        let give_up = run.end(now) + Duration::seconds(*LIFETIME_S.end() as i64);
        if !run.owes_end() || now > give_up {
            run.state = State::Ended;
            return None;
        }
        Some(Step {
            window: run.window,
            purpose: Purpose::End,
            command: Command::ResumeAutomatic,
            lifetime: None,
        })
    }

    /// What became of `step`, sent at `now`.
    pub fn sent(&mut self, step: &Step, result: Sent, now: DateTime<Utc>) {
        let orphan = self
            .orphans
            .iter_mut()
            .find(|r| step.purpose == Purpose::End && r.in_flight && r.window.id == step.window.id);
        let Some(run) = orphan.or_else(|| self.runs.get_mut(&step.window.id)) else {
            return;
        };
        if !run.in_flight {
            return; // overridden meanwhile: the manual command won
        }
        run.in_flight = false;
        run.retry_at = None;
        match (step.purpose, result) {
            (_, Sent::Failed) => run.retry_at = Some(now + RETRY_AFTER),
            (Purpose::End, _) => run.state = State::Ended,
            (_, Sent::AlreadyCharged) => run.state = State::Satisfied,
            (_, Sent::Done) => {
                let life = step.lifetime.unwrap_or_default();
                let life = Duration::from_std(life).unwrap_or_default();
                run.state = State::Running { until: now + life };
                run.sent_any = true;
            }
        }
    }

    /// The window in progress that still acts, or else the next one to start: for "Next:
    /// charge 02:00-05:00".
    /// A span of a rule "in the cheapest hours" says so in its [`Window::basis`].
    pub fn next<Tz: TimeZone>(&self, now: DateTime<Utc>, tz: &Tz) -> Option<Window> {
        self.windows(tz, now, now + LOOK_AHEAD, now)
            .into_iter()
            .find(|w| {
                self.runs.get(&w.id).is_none_or(|r| {
                    !r.orphan && matches!(r.state, State::Waiting | State::Running { .. })
                })
            })
    }

    /// The next instant [`Scheduler::due`] may have something to send (`now` when it has
    /// now), or `None` with no window ahead. The caller also asks after a wake from sleep
    /// and when the device comes back.
    pub fn wake_at<Tz: TimeZone>(&self, now: DateTime<Utc>, tz: &Tz) -> Option<DateTime<Utc>> {
        let mut at: Option<DateTime<Utc>> = None;
        let mut consider = |t: DateTime<Utc>| at = Some(at.map_or(t, |a| a.min(t)));
        for run in self.runs.values().chain(&self.orphans) {
            if run.in_flight {
                continue;
            }
            if let Some(t) = run.retry_at {
                consider(t);
                continue;
            }
            match run.state {
                State::Waiting if run.window.end > now => consider(run.window.start),
                State::Running { until } if until < run.window.end => {
                    consider(until - RENEW_BEFORE)
                }
                _ => {}
            }
            if run.owes_end() {
                consider(run.end(now));
            }
        }
        if let Some(w) = self
            .windows(tz, now, now + LOOK_AHEAD, now)
            .into_iter()
            .find(|w| !self.runs.contains_key(&w.id))
        {
            consider(w.start);
        }
        at.map(|t| t.max(now))
    }
}

/// One planned command, for a preview.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Planned {
    pub at: DateTime<Utc>,
    #[serde(flatten)]
    pub step: Step,
}

/// What the rules will send from `from` to `to`, if every command is taken: the scheduler
/// itself, run on a pretend clock. Without prices: a rule "in the cheapest hours" shows its
/// fallback ([`preview_with_prices`] for the choice).
pub fn preview<Tz: TimeZone>(
    rules: &[Rule],
    tz: &Tz,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Vec<Planned> {
    preview_with_prices(rules, &PriceCurve::default(), tz, from, to)
}

/// [`preview`] with the prices the rules "in the cheapest hours" choose from; each step's
/// window says whether it is the choice or the fallback ([`Window::basis`]).
pub fn preview_with_prices<Tz: TimeZone>(
    rules: &[Rule],
    prices: &PriceCurve,
    tz: &Tz,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Vec<Planned> {
    let mut s = Scheduler::new(rules.to_vec());
    s.set_prices(prices);
    let mut out = Vec::new();
    let mut now = from;
    while now < to {
        for step in s.due(now, tz) {
            s.sent(&step, Sent::Done, now);
            out.push(Planned { at: now, step });
        }
        match s.wake_at(now, tz) {
            Some(t) if t > now => now = t,
            Some(_) => now += Duration::seconds(1),
            None => break,
        }
    }
    out
}
