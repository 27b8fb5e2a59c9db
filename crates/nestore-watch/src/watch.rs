//! The watch itself: a deterministic state machine fed with readings and failed polls.
//!
//! This module holds the rules: which zone a reading falls in for each condition, when a
//! poll failure is an outage or a sensor fault, what is held back by snooze and quiet hours,
//! and when to remind. It may not hold words (every title and body comes from `text.rs`),
//! read a clock (every instant is passed in), or do I/O. The state of one condition lives in
//! `conditions.rs`, the pressure history and its slope in `history.rs`, the tracking of a
//! charge in `charge.rs`.

use chrono::{DateTime, Duration, FixedOffset, Utc};
use nestore::{Error, Field, Measure, Reading};

use crate::charge::{ChargeEnd, ChargeTrack};
use crate::conditions::{Change, Condition};
use crate::history::{History, Point};
use crate::latch::Zone;
use crate::notice::{Kind, Notice, Phase, Severity};
use nestore_i18n::{Catalogue, Language};

use crate::text::{self, Text};
use crate::thresholds::Thresholds;

/// The low-pressure warning applies only above this state of charge (PROTOCOL.md, Health).
const WARN_ABOVE_SOC_PCT: f64 = 50.0;
/// A pressure this close to a recovery level counts as at it, so that 2.2 + 0.2 bar clears
/// at 2.4 bar despite floating-point sums (2.4000000000000004).
const ROUNDING: f64 = 1e-9;
/// Leak: the state of charge counts as steady while its range in the window is at most this.
const LEAK_STEADY_SOC_POINTS: f64 = 3.0;

/// Watches readings for pressure anomalies, outages and the end of a charge, and decides
/// what to tell the owner. Pure and deterministic: time is always passed in.
#[derive(Debug, Clone)]
pub struct Watch {
    t: Thresholds,
    /// The language the notices are written in.
    language: Language,
    /// The next observation only seeds (after `new()` and `woke()`).
    seeding: bool,
    low: Condition,
    high: Condition,
    leak: Condition,
    sensor: Condition,
    /// First failed poll of the current outage.
    outage_since: Option<DateTime<Utc>>,
    /// Set while an Offline notice stands: the outage start it reported.
    offline_since: Option<DateTime<Utc>>,
    history: History,
    last_bar: Option<f64>,
    charge: Option<ChargeTrack>,
    snooze: Option<DateTime<Utc>>,
}

/// The facts one notice is about.
struct Ctx {
    now: DateTime<FixedOffset>,
    bar: Option<f64>,
    soc: Option<f64>,
}

impl Ctx {
    fn at(&self) -> DateTime<Utc> {
        self.now.with_timezone(&Utc)
    }
}

impl Watch {
    pub fn new(t: Thresholds) -> Watch {
        Watch {
            t,
            language: Language::English,
            seeding: true,
            low: Condition::default(),
            high: Condition::default(),
            leak: Condition::default(),
            sensor: Condition::default(),
            outage_since: None,
            offline_since: None,
            history: History::default(),
            last_bar: None,
            charge: None,
            snooze: None,
        }
    }

    /// New limits take effect with the next observation; latched conditions stay latched
    /// and recover under the new limits.
    pub fn set_thresholds(&mut self, t: Thresholds) {
        self.t = t;
    }

    /// The language of the notices from now on (those already told keep theirs).
    pub fn set_language(&mut self, language: Language) {
        self.language = language;
    }

    pub fn language(&self) -> Language {
        self.language
    }

    fn cat(&self) -> &'static Catalogue {
        Catalogue::get(self.language)
    }

    pub fn thresholds(&self) -> &Thresholds {
        &self.t
    }

    /// Seeds the pressure history with readings taken before the app started, so that a
    /// leak trend survives a restart: `(time, pressure in bar, state of charge in %)`,
    /// oldest first, as the app's history keeps them. Only what lies within the leak
    /// window before the next reading counts (older points are dropped with it); points
    /// without a charge or with a value that is not a finite number are skipped. Raises
    /// nothing and latches nothing: the next observation still only seeds, and the leak
    /// rule then judges the restored history together with the new readings.
    pub fn restore(&mut self, points: impl IntoIterator<Item = (DateTime<Utc>, f64, Option<f64>)>) {
        self.history
            .restore(points.into_iter().filter_map(|(at, bar, soc)| {
                let soc = soc?;
                (bar.is_finite() && soc.is_finite()).then_some(Point { at, bar, soc })
            }));
    }

    /// Takes one successful reading. `now` carries the local offset for quiet hours.
    pub fn observe(&mut self, r: &Reading, now: DateTime<FixedOffset>) -> Vec<Notice> {
        let at = now.with_timezone(&Utc);
        self.expire_snooze(at);
        let bar = r.pressure_bar.value();
        let soc = r.soc_pct.value();
        let ctx = Ctx { now, bar, soc };
        let mut out = Vec::new();
        self.device_answered(&ctx, &mut out);
        if let Some(b) = bar {
            self.last_bar = Some(b);
            if let Some(s) = soc {
                self.history.remember(Point { at, bar: b, soc: s });
            }
        }
        if self.seeding {
            self.seeding = false;
            return out;
        }
        self.step_sensor(r.pressure_bar, &ctx, &mut out);
        match bar {
            Some(b) => {
                self.step_low(b, soc, &ctx, &mut out);
                self.step_high(b, &ctx, &mut out);
                self.step_leak(b, soc.is_some(), &ctx, &mut out);
            }
            None => self.no_pressure_evidence(),
        }
        self.step_charge(r, &ctx, &mut out);
        self.remind(&ctx, &mut out);
        out
    }

    /// Takes one failed poll. Connection-type failures (unreachable, timeout, HTTP 5xx,
    /// malformed answer, no known API) run the outage clock; a reading without the system
    /// pressure is a sensor fault (and proves the device answers); other errors (login,
    /// configuration, HTTP 4xx) change nothing.
    pub fn observe_failure(&mut self, e: &Error, now: DateTime<FixedOffset>) -> Vec<Notice> {
        let at = now.with_timezone(&Utc);
        self.expire_snooze(at);
        let ctx = Ctx {
            now,
            bar: None,
            soc: None,
        };
        let mut out = Vec::new();
        match e {
            Error::MissingField { .. } => {
                self.device_answered(&ctx, &mut out);
                if lacks_pressure(e) {
                    if self.seeding {
                        self.seeding = false;
                    } else {
                        self.step_sensor(Measure::NotReported, &ctx, &mut out);
                        self.no_pressure_evidence();
                    }
                }
            }
            e if is_outage(e) => {
                let since = *self.outage_since.get_or_insert(at);
                let grace = Duration::minutes(i64::from(self.t.offline_grace_min.max(1)));
                if self.offline_since.is_none() && at - since >= grace {
                    self.offline_since = Some(since);
                    let text = text::offline(self.cat(), since, now, e);
                    out.push(self.notice(
                        &ctx,
                        Kind::Offline,
                        Severity::Warning,
                        Phase::Raised,
                        text,
                    ));
                }
            }
            _ => {}
        }
        out
    }

    /// The computer woke from sleep: the next observation raises nothing, runs under way
    /// start over, and the outage clock restarts (time asleep is no outage). Latched
    /// conditions stay latched.
    pub fn woke(&mut self) {
        self.seeding = true;
        for c in [
            &mut self.low,
            &mut self.high,
            &mut self.leak,
            &mut self.sensor,
        ] {
            c.restart();
        }
        self.outage_since = None;
        if let Some(c) = &mut self.charge {
            c.restart();
        }
    }

    /// A charge was started from the app with this target. The watch reports once when it
    /// finishes (state of charge reached target - 1) or when the device stopped it earlier.
    pub fn charge_started(&mut self, target_soc_pct: u8) {
        self.charge = Some(ChargeTrack::new(target_soc_pct));
    }

    /// The owner stopped the charge or handed the device back to its automatic operation
    /// (Stop or Resume automatic): the tracking of a charge started from the app ends
    /// without a notice, since the device leaving charging is then what was asked for.
    pub fn charge_cancelled(&mut self) {
        self.charge = None;
    }

    /// Snoozes warnings and info notices until then; `None` cancels.
    pub fn snooze(&mut self, until: Option<DateTime<Utc>>) {
        self.snooze = until;
    }

    /// The snooze end, as set (an expired snooze is dropped at the next observation).
    pub fn snoozed_until(&self) -> Option<DateTime<Utc>> {
        self.snooze
    }

    /// The latched conditions, in a fixed order. Whether a snooze can silence one is its
    /// severity's [`Severity::snoozable`]: alarms keep notifying whatever the snooze.
    pub fn active(&self) -> Vec<(Kind, Severity)> {
        let mut v: Vec<(Kind, Severity)> = [
            (Kind::LowPressure, &self.low),
            (Kind::HighPressure, &self.high),
            (Kind::Leak, &self.leak),
            (Kind::SensorFault, &self.sensor),
        ]
        .into_iter()
        .filter_map(|(k, c)| c.severity().map(|s| (k, s)))
        .collect();
        if self.offline_since.is_some() {
            v.push((Kind::Offline, Severity::Warning));
        }
        v
    }

    pub fn worst(&self) -> Option<Severity> {
        self.active().into_iter().map(|(_, s)| s).max()
    }

    /// A pressure condition is suspected (seen but not yet held long enough to fire, or
    /// latched but seen recovering): the app polls every 60 s until confirmed or cleared.
    pub fn wants_fast_poll(&self) -> bool {
        [&self.low, &self.high, &self.leak, &self.sensor]
            .iter()
            .any(|c| c.pending())
    }

    fn expire_snooze(&mut self, at: DateTime<Utc>) {
        if self.snooze.is_some_and(|u| at >= u) {
            self.snooze = None;
        }
    }

    fn notice(
        &self,
        ctx: &Ctx,
        kind: Kind,
        severity: Severity,
        phase: Phase,
        text: Text,
    ) -> Notice {
        let at = ctx.at();
        // Tags of the window contract (docs/ipc.md), not words for the owner.
        let suppressed_by = if !severity.snoozable() {
            None
        } else if self.snooze.is_some_and(|u| at < u) {
            Some("snoozed")
        } else if self.t.is_quiet(ctx.now.time()) {
            Some("quiet hours")
        } else {
            None
        };
        Notice {
            kind,
            severity,
            phase,
            title: text.title,
            body: text.body,
            at,
            pressure_bar: ctx.bar,
            soc_pct: ctx.soc,
            notify: suppressed_by.is_none(),
            suppressed_by: suppressed_by.map(String::from),
        }
    }

    /// Any answer from the device ends an outage; a reported one recovers.
    fn device_answered(&mut self, ctx: &Ctx, out: &mut Vec<Notice>) {
        self.outage_since = None;
        if let Some(since) = self.offline_since.take() {
            let text = text::back_online(self.cat(), since, ctx.now);
            out.push(self.notice(
                ctx,
                Kind::Offline,
                Severity::Warning,
                Phase::Recovered,
                text,
            ));
        }
    }

    /// No pressure, no evidence either way: runs under way are broken off.
    fn no_pressure_evidence(&mut self) {
        self.low.restart();
        self.high.restart();
        self.leak.restart();
    }

    fn hold(&self) -> u32 {
        self.t.hold_readings.max(1)
    }

    /// `pressure` as the reading had it (`NotReported` for a poll that failed for lack of
    /// it). Not reported or implausible is a fault; the device answered, so never offline.
    fn step_sensor(&mut self, pressure: Measure, ctx: &Ctx, out: &mut Vec<Notice>) {
        let zone = if pressure.value().is_some() {
            Zone::Out
        } else {
            Zone::In
        };
        let hold = self.hold();
        let (severity, phase, text) = match self.sensor.step(zone, Zone::Out, hold, ctx.at()) {
            Change::Raised(_) | Change::Escalated => (
                Severity::Warning,
                Phase::Raised,
                text::sensor_fault(self.cat(), pressure),
            ),
            Change::Recovered(_) => (
                Severity::Warning,
                Phase::Recovered,
                text::sensor_recovered(self.cat(), ctx.bar),
            ),
            Change::None => return,
        };
        out.push(self.notice(ctx, Kind::SensorFault, severity, phase, text));
    }

    fn step_low(&mut self, bar: f64, soc: Option<f64>, ctx: &Ctx, out: &mut Vec<Notice>) {
        let t = &self.t;
        let h = t.hysteresis_bar;
        let warn = if bar < t.low_bar && soc.is_some_and(|s| s > WARN_ABOVE_SOC_PCT) {
            Zone::In
        } else if bar >= t.low_bar + h - ROUNDING
            || (!self.low.warn.latched && soc.is_some_and(|s| s <= WARN_ABOVE_SOC_PCT))
        {
            // Below the band at a low charge is no warning; but a latched warning is kept
            // until the pressure itself is back.
            Zone::Out
        } else {
            Zone::Margin
        };
        let alarm = if bar < t.low_alarm_bar {
            Zone::In
        } else if bar >= t.low_alarm_bar + h - ROUNDING {
            Zone::Out
        } else {
            Zone::Margin
        };
        let hold = self.hold();
        let change = self.low.step(warn, alarm, hold, ctx.at());
        self.announce_band(Kind::LowPressure, change, ctx, out);
    }

    fn step_high(&mut self, bar: f64, ctx: &Ctx, out: &mut Vec<Notice>) {
        let t = &self.t;
        let h = t.hysteresis_bar;
        let zone = |limit: f64| {
            if bar > limit {
                Zone::In
            } else if bar <= limit - h + ROUNDING {
                Zone::Out
            } else {
                Zone::Margin
            }
        };
        let (warn, alarm) = (zone(t.high_bar), zone(t.high_alarm_bar));
        let hold = self.hold();
        let change = self.high.step(warn, alarm, hold, ctx.at());
        self.announce_band(Kind::HighPressure, change, ctx, out);
    }

    /// Title and body of a low or high pressure notice at this severity.
    fn band_text(&self, kind: Kind, severity: Severity, ctx: &Ctx) -> Text {
        text::pressure(
            self.cat(),
            kind,
            severity,
            ctx.bar.or(self.last_bar),
            ctx.soc,
            &self.t,
        )
    }

    fn announce_band(&self, kind: Kind, change: Change, ctx: &Ctx, out: &mut Vec<Notice>) {
        let (severity, phase) = match change {
            Change::None => return,
            Change::Raised(s) => (s, Phase::Raised),
            Change::Escalated => (Severity::Alarm, Phase::Escalated),
            Change::Recovered(s) => (s, Phase::Recovered),
        };
        let text = if phase == Phase::Recovered {
            text::pressure_normal(self.cat(), ctx.bar, ctx.soc, &self.t, WARN_ABOVE_SOC_PCT)
        } else {
            self.band_text(kind, severity, ctx)
        };
        out.push(self.notice(ctx, kind, severity, phase, text));
    }

    fn step_leak(&mut self, bar: f64, with_soc: bool, ctx: &Ctx, out: &mut Vec<Notice>) {
        let limit = self.t.leak_bar_per_6h;
        // Without the charge this reading joined no history: it tells nothing new.
        let fit = if with_soc { self.history.fit() } else { None };
        // Only a steady charge makes a falling pressure meaningful (heating and cooling
        // move it too). A fall must beat the limit by one standard error to count, and
        // clears once it no longer exceeds the limit.
        let zone = match fit {
            Some(f) if f.soc_max - f.soc_min <= LEAK_STEADY_SOC_POINTS => {
                if f.fall_per_6h - f.se_per_6h > limit {
                    Zone::In
                } else if f.fall_per_6h <= limit {
                    Zone::Out
                } else {
                    Zone::Margin
                }
            }
            _ => Zone::Margin,
        };
        let hold = self.hold();
        let (phase, text) = match self.leak.step(zone, Zone::Out, hold, ctx.at()) {
            Change::Raised(_) | Change::Escalated => {
                let Some(f) = fit else { return };
                let hours = f.span.num_milliseconds() as f64 / 3_600_000.0;
                let facts = text::LeakFacts {
                    fall_bar: f.fall_per_6h / 6.0 * hours,
                    span: f.span,
                    fall_per_6h: f.fall_per_6h,
                    limit_per_6h: limit,
                    soc: (f.soc_min + f.soc_max) / 2.0,
                    bar_now: bar,
                };
                (Phase::Raised, text::leak(self.cat(), &facts))
            }
            Change::Recovered(_) => (Phase::Recovered, text::leak_cleared(self.cat(), bar, limit)),
            Change::None => return,
        };
        out.push(self.notice(ctx, Kind::Leak, Severity::Warning, phase, text));
    }

    fn step_charge(&mut self, r: &Reading, ctx: &Ctx, out: &mut Vec<Notice>) {
        let hold = self.hold();
        let (Some(c), Some(soc)) = (self.charge.as_mut(), ctx.soc) else {
            return;
        };
        let Some(end) = c.step(soc, r.is_charging(), r.state.is_some(), hold) else {
            return;
        };
        let target = c.target;
        self.charge = None;
        let (kind, severity, text) = match end {
            ChargeEnd::Finished => (
                Kind::ChargeFinished,
                Severity::Info,
                text::charge_finished(self.cat(), soc, target),
            ),
            ChargeEnd::Stopped => (
                Kind::ChargeStopped,
                Severity::Warning,
                text::charge_stopped(self.cat(), soc, target, r.state.as_deref()),
            ),
        };
        out.push(self.notice(ctx, kind, severity, Phase::Raised, text));
    }

    /// Alarms still latched get one reminder per cooldown; warnings never do.
    fn remind(&mut self, ctx: &Ctx, out: &mut Vec<Notice>) {
        let at = ctx.at();
        let cooldown = Duration::hours(i64::from(self.t.reminder_h.max(1)));
        for kind in [Kind::LowPressure, Kind::HighPressure] {
            let cond = self.band_condition(kind);
            if cond.severity() != Some(Severity::Alarm)
                || cond.last_told.is_some_and(|t| at - t < cooldown)
            {
                continue;
            }
            let since = cond.since.unwrap_or(at);
            let text = text::reminder(
                self.cat(),
                kind,
                self.band_text(kind, Severity::Alarm, ctx),
                since,
                ctx.now,
            );
            out.push(self.notice(ctx, kind, Severity::Alarm, Phase::Reminder, text));
            self.band_condition_mut(kind).last_told = Some(at);
        }
    }

    fn band_condition(&self, kind: Kind) -> &Condition {
        if kind == Kind::LowPressure {
            &self.low
        } else {
            &self.high
        }
    }

    fn band_condition_mut(&mut self, kind: Kind) -> &mut Condition {
        if kind == Kind::LowPressure {
            &mut self.low
        } else {
            &mut self.high
        }
    }
}

/// A poll that failed because the reading had no system pressure. (The library now reads
/// a missing pressure as `Measure::NotReported` in a good reading; this keeps the watch
/// right should a poll fail for it anyway.)
fn lacks_pressure(e: &Error) -> bool {
    matches!(
        e,
        Error::MissingField {
            field: Field::Pressure
        }
    )
}

fn is_outage(e: &Error) -> bool {
    match e {
        Error::Unreachable { .. }
        | Error::Timeout { .. }
        | Error::Malformed { .. }
        | Error::UnknownApi { .. } => true,
        Error::Status { status, .. } => *status >= 500,
        _ => false,
    }
}
