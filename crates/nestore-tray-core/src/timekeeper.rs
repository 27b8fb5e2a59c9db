//! Carrying out the charge timers (issue 11): the schedule on the device's clock, each
//! step as the same command the window sends, and what the owner is told of it (a
//! notification and an event in the history's timeline), the tray's "Next:" line and the
//! window's timers.
//!
//! Pure, like the monitor: the caller passes the time ([`Now`]) and the time zone, sends
//! each [`Due`] with the device library and reports what came of it ([`Attempt`]). The
//! rules were confirmed by the owner when Settings saved them (the backend checked them
//! then against the device's limits); the device library checks each command again before
//! it is sent, and reads the device back after it.

use std::collections::HashSet;
use std::time::Duration;

use chrono::{DateTime, TimeZone, Utc};
use nestore::control::ValidationError;
use nestore::{Error, Outcome};
use nestore_history::{Event, EventKind, Record, Severity as EventSeverity};
use nestore_i18n::{Args, Catalogue};
use nestore_prices::PriceCurve;
use nestore_schedule::{Action, Basis, Purpose, Rule, Scheduler, Sent, Step, Window, WindowId};

use crate::actions::{self, CommandArgs, OutcomeView};
use crate::clock::DeviceClock;
use crate::monitor::Now;
use crate::presentation::hh_mm;
use crate::pricebook::ChosenSpan;
use crate::view::{TimerWindow, TimersView};

/// A step to send now, as the window's command arguments.
#[derive(Debug, Clone, PartialEq)]
pub struct Due {
    pub step: Step,
    pub args: CommandArgs,
}

/// What came of sending a [`Due`].
#[derive(Debug)]
pub enum Attempt {
    /// The device took it (confirmed by the read-back or not).
    Sent(Outcome),
    /// The device library refused it or the device could not be reached.
    Failed(Error),
    /// The app did not send it (control is off, no password, no device): its reason, in
    /// the owner's words.
    NotSent(String),
}

/// A notification to show (normal urgency).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimerNotice {
    pub title: String,
    pub body: String,
}

/// What the app does with an attempt's result: the outcome for the window, what to show
/// and what goes into the timeline. A repeated failure of the same step is neither shown
/// nor recorded again.
#[derive(Debug, Clone)]
pub struct Report {
    pub outcome: OutcomeView,
    pub notice: Option<TimerNotice>,
    pub record: Option<Record>,
}

/// A window as the window and the tray show it.
fn window_view(w: &Window) -> TimerWindow {
    let (kind, power_w, target_soc_pct) = match w.action {
        Action::Charge {
            power_w,
            target_soc_pct,
        } => ("charge", Some(power_w), Some(target_soc_pct)),
        Action::Block => ("block", None, None),
    };
    TimerWindow {
        timer: w.id.rule + 1,
        start: w.start,
        end: w.end,
        kind,
        power_w,
        target_soc_pct,
        basis: w.basis,
    }
}

/// The scheduler on the device's clock, and which failures the owner was already told of.
#[derive(Debug, Clone)]
pub struct Timekeeper {
    scheduler: Scheduler,
    clock: DeviceClock,
    told_failure: HashSet<(WindowId, Purpose)>,
}

/// The window command of a step: a task's lifetime in whole minutes (the device's tasks
/// last 30 min to 5 h, and a step's lifetime is always within that).
fn command_args(step: &Step) -> CommandArgs {
    let minutes = step
        .lifetime
        .map_or(0, |l| u32::try_from(l.as_secs() / 60).unwrap_or(u32::MAX));
    match step.window.action {
        _ if step.purpose == Purpose::End => CommandArgs::Auto,
        Action::Charge {
            power_w,
            target_soc_pct,
        } => CommandArgs::Start {
            power_w,
            target_soc_pct,
            duration_min: minutes,
        },
        Action::Block => CommandArgs::Stop {
            duration_min: minutes,
        },
    }
}

impl Timekeeper {
    /// `rules`: as Settings keeps them (validated); `time_scale`: how fast the device's
    /// clock runs (1 for a real device).
    pub fn new(rules: Vec<Rule>, time_scale: f64, now: Now) -> Timekeeper {
        Timekeeper {
            scheduler: Scheduler::new(rules),
            clock: DeviceClock::new(time_scale, now.wall, now.mono),
            told_failure: HashSet::new(),
        }
    }

    /// New rules from Settings: a window in progress whose rule is unchanged goes on.
    pub fn set_rules(&mut self, rules: Vec<Rule>) {
        if rules != self.scheduler.rules() {
            self.scheduler.set_rules(rules);
        }
    }

    /// Whether a timer asks for the cheapest hours (then the app fetches prices).
    pub fn needs_prices(&self) -> bool {
        self.scheduler
            .rules()
            .iter()
            .any(|r| r.enabled && r.cheapest().is_some())
    }

    /// The prices the cheapest hours are chosen from (all that are known).
    pub fn set_prices(&mut self, prices: &PriceCurve) {
        self.scheduler.set_prices(prices);
    }

    /// The spans the timers in the cheapest hours chose (or fall back to) from now on,
    /// for the window's price chart.
    pub fn chosen<Tz: TimeZone>(
        &self,
        now: Now,
        tz: &Tz,
        ahead: chrono::Duration,
    ) -> Vec<ChosenSpan> {
        let t = self.now(now);
        self.scheduler
            .windows(tz, t, t + ahead, t)
            .into_iter()
            .filter(|w| w.basis != Basis::Fixed)
            .map(|w| ChosenSpan {
                timer: w.id.rule + 1,
                start: w.start,
                end: w.end,
                basis: w.basis,
            })
            .collect()
    }

    pub fn set_time_scale(&mut self, scale: f64, now: Now) {
        if scale != self.clock.scale() {
            self.clock.rescale(scale, now.wall, now.mono);
        }
    }

    /// How long `ahead` on the schedule's clock lasts in real time.
    pub fn real(&self, ahead: chrono::Duration) -> Duration {
        ahead
            .to_std()
            .unwrap_or_default()
            .div_f64(self.clock.scale().max(f64::MIN_POSITIVE))
    }

    /// The schedule's time: the wall clock, or a simulated device's.
    pub fn now(&self, now: Now) -> DateTime<Utc> {
        self.clock.now(now.wall, now.mono).with_timezone(&Utc)
    }

    /// The steps to send now, ends first.
    pub fn due<Tz: TimeZone>(&mut self, now: Now, tz: &Tz) -> Vec<Due> {
        let t = self.now(now);
        self.scheduler
            .due(t, tz)
            .into_iter()
            .map(|step| Due {
                args: command_args(&step),
                step,
            })
            .collect()
    }

    /// How long (real time) until [`Timekeeper::due`] may have something, or `None` when
    /// no window lies ahead.
    pub fn wait<Tz: TimeZone>(&self, now: Now, tz: &Tz) -> Option<Duration> {
        let t = self.now(now);
        let at = self.scheduler.wake_at(t, tz)?;
        Some(self.real(at - t))
    }

    /// What came of `due`, told in `cat`'s words.
    pub fn report<Tz: TimeZone>(
        &mut self,
        cat: &Catalogue,
        due: &Due,
        attempt: Attempt,
        now: Now,
        tz: &Tz,
        demo: bool,
    ) -> Report
    where
        Tz::Offset: std::fmt::Display,
    {
        let t = self.now(now);
        let at = now.wall.with_timezone(&Utc);
        let step = &due.step;
        let end = Args::new().text("end", hh_mm(step.window.end, tz));
        let key = (step.window.id, step.purpose);
        let (sent, outcome) = match attempt {
            Attempt::Sent(o) => (
                Sent::Done,
                OutcomeView {
                    ok: o.confirmed,
                    sent: true,
                    message: actions::outcome_message(cat, due.args, &o),
                    state: o.state,
                    at,
                },
            ),
            Attempt::Failed(e) => {
                let charged = matches!(
                    e,
                    Error::Rejected(ValidationError::TargetNotAboveCurrent { .. })
                );
                let sent = if charged {
                    Sent::AlreadyCharged
                } else {
                    Sent::Failed
                };
                (sent, failed(actions::plain(cat, &e), at))
            }
            Attempt::NotSent(reason) => (Sent::Failed, failed(reason, at)),
        };
        self.scheduler.sent(step, sent, t);
        let words = |title: &str, body: String| TimerNotice {
            title: cat.label(title),
            body,
        };
        let notice = match sent {
            Sent::Failed if !self.told_failure.insert(key) => None,
            Sent::Failed => {
                let id = if step.purpose == Purpose::End {
                    "timer-failed-end-body"
                } else {
                    "timer-failed-body"
                };
                let body = cat.t(id, &end.clone().text("reason", outcome.message.clone()));
                Some(words("timer-failed-title", body))
            }
            Sent::AlreadyCharged => {
                let target = match step.window.action {
                    Action::Charge { target_soc_pct, .. } => i64::from(target_soc_pct),
                    Action::Block => 0,
                };
                let body = cat.t("timer-charged-body", &end.clone().int("target", target));
                Some(words("timer-charged-title", body))
            }
            Sent::Done => {
                self.told_failure.remove(&key);
                let (title, body) = match (step.purpose, step.window.action) {
                    (Purpose::End, _) => ("timer-ended-title", cat.label("timer-ended-body")),
                    (Purpose::Renew, _) => {
                        ("timer-renewed-title", cat.t("timer-renewed-body", &end))
                    }
                    (
                        Purpose::Start,
                        Action::Charge {
                            power_w,
                            target_soc_pct,
                        },
                    ) => (
                        "timer-started-charge-title",
                        cat.t(
                            "timer-started-charge-body",
                            &end.clone()
                                .int("power", i64::from(power_w))
                                .int("target", i64::from(target_soc_pct)),
                        ),
                    ),
                    (Purpose::Start, Action::Block) => (
                        "timer-started-block-title",
                        cat.t("timer-started-block-body", &end),
                    ),
                };
                // Taken but not confirmed: the read-back's words say so.
                let body = if outcome.ok {
                    body
                } else {
                    outcome.message.clone()
                };
                Some(words(title, body))
            }
        };
        let record = notice.as_ref().map(|n| {
            let severity = if outcome.ok || sent == Sent::AlreadyCharged {
                EventSeverity::Info
            } else {
                EventSeverity::Warning
            };
            timeline(n, severity, at, demo).with_detail(serde_json::json!({
                "timer": step.window.id.rule + 1,
                "purpose": step.purpose,
                "window": {"start": step.window.start, "end": step.window.end},
                "command": due.args,
                "ok": outcome.ok,
                "sent": outcome.sent,
                "state": outcome.state,
            }))
        });
        Report {
            outcome,
            notice,
            record: record.map(Record::Event),
        }
    }

    /// The owner sent a command by hand: a window in progress sends nothing more. What to
    /// tell, when one was in progress.
    pub fn manual<Tz: TimeZone>(
        &mut self,
        cat: &Catalogue,
        now: Now,
        tz: &Tz,
        demo: bool,
    ) -> Option<(TimerNotice, Record)>
    where
        Tz::Offset: std::fmt::Display,
    {
        let t = self.now(now);
        let open = self.scheduler.next(t, tz).filter(|w| w.contains(t));
        self.scheduler.manual(t, tz);
        let w = open?;
        let notice = TimerNotice {
            title: cat.label("timer-manual-title"),
            body: cat.t(
                "timer-manual-body",
                &Args::new().text("end", hh_mm(w.end, tz)),
            ),
        };
        let at = now.wall.with_timezone(&Utc);
        let event = timeline(&notice, EventSeverity::Info, at, demo).with_detail(
            serde_json::json!({"timer": w.id.rule + 1, "purpose": "manual",
                               "window": {"start": w.start, "end": w.end}}),
        );
        Some((notice, Record::Event(event)))
    }

    /// The window in progress and the next one, for the window and the tray.
    pub fn view<Tz: TimeZone>(&self, now: Now, tz: &Tz) -> TimersView {
        let t = self.now(now);
        match self.scheduler.next(t, tz) {
            Some(w) if w.contains(t) => TimersView {
                active: Some(window_view(&w)),
                next: None,
            },
            Some(w) => TimersView {
                active: None,
                next: Some(window_view(&w)),
            },
            None => TimersView::default(),
        }
    }
}

fn failed(message: String, at: DateTime<Utc>) -> OutcomeView {
    OutcomeView {
        ok: false,
        sent: false,
        message,
        state: None,
        at,
    }
}

fn timeline(n: &TimerNotice, severity: EventSeverity, at: DateTime<Utc>, demo: bool) -> Event {
    Event::new(at, EventKind::Timer, severity, &n.title, &n.body).with_demo(demo)
}

#[cfg(test)]
mod tests;
