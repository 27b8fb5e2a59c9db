//! The watch itself: a deterministic state machine fed with readings and failed polls.

use std::collections::VecDeque;

use chrono::{DateTime, Duration, FixedOffset, Utc};
use nestore::{Error, Measure, Reading};

use crate::latch::{Latch, Zone};
use crate::notice::{Kind, Notice, Phase, Severity};
use crate::text;
use crate::thresholds::Thresholds;

/// The low-pressure warning applies only above this state of charge (PROTOCOL.md, Health).
const WARN_ABOVE_SOC_PCT: f64 = 50.0;
/// Leak: the window of history the slope is fitted over.
const LEAK_WINDOW_H: i64 = 6;
/// Leak: the least history span and number of readings before a slope means anything.
const LEAK_MIN_SPAN_MIN: i64 = 60;
const LEAK_MIN_POINTS: usize = 4;
/// Leak: the state of charge counts as steady while its range in the window is at most this.
const LEAK_STEADY_SOC_POINTS: f64 = 3.0;
/// Bounds memory whatever the poll rate (6 h at one reading every 10 s).
const HISTORY_CAP: usize = 2200;
/// The closest two kept history points may be (6 h at this spacing fits HISTORY_CAP).
const MIN_SPACING: Duration = Duration::seconds(10);

/// One condition that can be latched as a warning and, for pressure bands, as an alarm.
#[derive(Debug, Clone, Default)]
struct Condition {
    warn: Latch,
    alarm: Latch,
    /// When the current latch began.
    since: Option<DateTime<Utc>>,
    /// The last Raised, Escalated or Reminder notice, for the reminder cooldown.
    last_told: Option<DateTime<Utc>>,
    /// The worst severity told since the latch began: a recovery carries it, so the end of
    /// an alarm is always told, even after it eased to a warning.
    peak: Option<Severity>,
}

enum Change {
    None,
    Raised(Severity),
    Escalated,
    Recovered(Severity),
}

impl Condition {
    fn severity(&self) -> Option<Severity> {
        if self.alarm.latched {
            Some(Severity::Alarm)
        } else if self.warn.latched {
            Some(Severity::Warning)
        } else {
            None
        }
    }

    fn pending(&self) -> bool {
        self.warn.pending() || self.alarm.pending()
    }

    fn restart(&mut self) {
        self.warn.restart();
        self.alarm.restart();
    }

    /// Steps both latches and says what changed. Going from alarm back to warning is
    /// silent: there is nothing the owner must do about it.
    fn step(&mut self, warn: Zone, alarm: Zone, hold: u32, at: DateTime<Utc>) -> Change {
        let before = self.severity();
        self.warn.step(warn, hold);
        self.alarm.step(alarm, hold);
        let change = match (before, self.severity()) {
            (None, Some(s)) => Change::Raised(s),
            (Some(Severity::Warning), Some(Severity::Alarm)) => Change::Escalated,
            (Some(s), None) => Change::Recovered(self.peak.unwrap_or(s).max(s)),
            _ => Change::None,
        };
        match change {
            Change::Raised(s) => {
                self.since = Some(at);
                self.last_told = Some(at);
                self.peak = Some(s);
            }
            Change::Escalated => {
                self.last_told = Some(at);
                self.peak = Some(Severity::Alarm);
            }
            Change::Recovered(_) => {
                self.since = None;
                self.last_told = None;
                self.peak = None;
            }
            Change::None => {}
        }
        change
    }
}

#[derive(Debug, Clone, Copy)]
struct Point {
    at: DateTime<Utc>,
    bar: f64,
    soc: f64,
}

/// A least-squares fit of pressure over the recent history.
#[derive(Debug, Clone, Copy)]
struct Fit {
    /// Positive when falling, in bar per 6 h.
    fall_per_6h: f64,
    /// The standard error of that rate.
    se_per_6h: f64,
    span: Duration,
    soc_min: f64,
    soc_max: f64,
}

#[derive(Debug, Clone)]
struct ChargeWatch {
    target: u8,
    seen_charging: bool,
    idle_run: u32,
}

/// Watches readings for pressure anomalies, outages and the end of a charge, and decides
/// what to tell the owner. Pure and deterministic: time is always passed in.
#[derive(Debug, Clone)]
pub struct Watch {
    t: Thresholds,
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
    history: VecDeque<Point>,
    last_bar: Option<f64>,
    charge: Option<ChargeWatch>,
    snooze: Option<DateTime<Utc>>,
}

/// The facts one notice is about.
struct Ctx {
    now: DateTime<FixedOffset>,
    bar: Option<f64>,
    soc: Option<f64>,
}

impl Watch {
    pub fn new(t: Thresholds) -> Watch {
        Watch {
            t,
            seeding: true,
            low: Condition::default(),
            high: Condition::default(),
            leak: Condition::default(),
            sensor: Condition::default(),
            outage_since: None,
            offline_since: None,
            history: VecDeque::new(),
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

    pub fn thresholds(&self) -> &Thresholds {
        &self.t
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
                self.remember(Point { at, bar: b, soc: s });
            }
        }
        if self.seeding {
            self.seeding = false;
            return out;
        }
        self.step_sensor(bar.is_some(), sensor_detail(r.pressure_bar), &ctx, &mut out);
        match bar {
            Some(b) => {
                self.step_low(b, soc, &ctx, &mut out);
                self.step_high(b, &ctx, &mut out);
                self.step_leak(b, soc.is_some(), &ctx, &mut out);
            }
            None => {
                // No pressure, no evidence either way: runs under way are broken off.
                self.low.restart();
                self.high.restart();
                self.leak.restart();
            }
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
            Error::MissingField { field } => {
                self.device_answered(&ctx, &mut out);
                if field.contains("PRES_SYS") {
                    if self.seeding {
                        self.seeding = false;
                    } else {
                        self.step_sensor(
                            false,
                            "the reading lacks the system pressure (PRES_SYS)".into(),
                            &ctx,
                            &mut out,
                        );
                        self.low.restart();
                        self.high.restart();
                        self.leak.restart();
                    }
                }
            }
            e if is_outage(e) => {
                let since = *self.outage_since.get_or_insert(at);
                let grace = Duration::minutes(i64::from(self.t.offline_grace_min.max(1)));
                if self.offline_since.is_none() && at - since >= grace {
                    self.offline_since = Some(since);
                    let body = format!(
                        "The app has not reached your NEStore since {} ({}). Check that it is \
                         switched on and connected to your network; the app keeps trying.",
                        text::clock(since, now),
                        outage_reason(e)
                    );
                    out.push(self.notice(
                        &ctx,
                        Kind::Offline,
                        Severity::Warning,
                        Phase::Raised,
                        "NEStore offline",
                        body,
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
            c.idle_run = 0;
        }
    }

    /// A charge was started from the app with this target. The watch reports once when it
    /// finishes (state of charge reached target - 1) or when the device stopped it earlier.
    pub fn charge_started(&mut self, target_soc_pct: u8) {
        self.charge = Some(ChargeWatch {
            target: target_soc_pct.min(100),
            seen_charging: false,
            idle_run: 0,
        });
    }

    /// Snoozes warnings and info notices until then; `None` cancels.
    pub fn snooze(&mut self, until: Option<DateTime<Utc>>) {
        self.snooze = until;
    }

    /// The snooze end, as set (an expired snooze is dropped at the next observation).
    pub fn snoozed_until(&self) -> Option<DateTime<Utc>> {
        self.snooze
    }

    /// The latched conditions, in a fixed order.
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
        title: &str,
        body: String,
    ) -> Notice {
        let at = ctx.now.with_timezone(&Utc);
        let suppressed_by = if severity == Severity::Alarm {
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
            title: title.into(),
            body,
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
            let at = ctx.now.with_timezone(&Utc);
            let body = format!(
                "The app reaches your NEStore again after {} offline (since {}).",
                text::duration(at - since),
                text::clock(since, ctx.now)
            );
            out.push(self.notice(
                ctx,
                Kind::Offline,
                Severity::Warning,
                Phase::Recovered,
                "NEStore back online",
                body,
            ));
        }
    }

    fn remember(&mut self, p: Point) {
        if self.history.back().is_some_and(|last| last.at > p.at) {
            // The clock went backwards: the old history cannot be placed any more.
            self.history.clear();
        }
        let oldest = p.at - Duration::hours(LEAK_WINDOW_H);
        while self.history.front().is_some_and(|q| q.at < oldest) {
            self.history.pop_front();
        }
        // Thin fast polls rather than drop old points, so the history always spans the
        // leak window: a point closer than MIN_SPACING to the one before the newest
        // replaces the newest.
        let n = self.history.len();
        if n >= 2 && p.at - self.history[n - 2].at < MIN_SPACING {
            self.history.pop_back();
        }
        self.history.push_back(p);
        while self.history.len() > HISTORY_CAP {
            self.history.pop_front();
        }
    }

    fn hold(&self) -> u32 {
        self.t.hold_readings.max(1)
    }

    fn band(&self) -> String {
        format!(
            "{}-{} bar",
            text::bar(self.t.low_bar),
            text::bar(self.t.high_bar)
        )
    }

    fn step_sensor(&mut self, plausible: bool, detail: String, ctx: &Ctx, out: &mut Vec<Notice>) {
        let zone = if plausible { Zone::Out } else { Zone::In };
        let hold = self.hold();
        let at = ctx.now.with_timezone(&Utc);
        match self.sensor.step(zone, Zone::Out, hold, at) {
            Change::Raised(_) | Change::Escalated => {
                let body = format!(
                    "The device reports no plausible pressure ({detail}). Check the sensor; \
                     call your installer if it persists."
                );
                out.push(self.notice(
                    ctx,
                    Kind::SensorFault,
                    Severity::Warning,
                    Phase::Raised,
                    "Pressure sensor fault",
                    body,
                ));
            }
            Change::Recovered(_) => {
                let body = format!(
                    "The device reports a plausible pressure again: {} bar.",
                    ctx.bar.map(text::bar).unwrap_or_else(|| "?".into())
                );
                out.push(self.notice(
                    ctx,
                    Kind::SensorFault,
                    Severity::Warning,
                    Phase::Recovered,
                    "Pressure sensor working again",
                    body,
                ));
            }
            Change::None => {}
        }
    }

    fn step_low(&mut self, bar: f64, soc: Option<f64>, ctx: &Ctx, out: &mut Vec<Notice>) {
        let t = &self.t;
        let h = t.hysteresis_bar;
        let warn = if bar < t.low_bar && soc.is_some_and(|s| s > WARN_ABOVE_SOC_PCT) {
            Zone::In
        } else if bar >= t.low_bar + h
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
        } else if bar >= t.low_alarm_bar + h {
            Zone::Out
        } else {
            Zone::Margin
        };
        let hold = self.hold();
        let at = ctx.now.with_timezone(&Utc);
        let change = self.low.step(warn, alarm, hold, at);
        self.announce_band(Kind::LowPressure, change, ctx, out);
    }

    fn step_high(&mut self, bar: f64, ctx: &Ctx, out: &mut Vec<Notice>) {
        let t = &self.t;
        let h = t.hysteresis_bar;
        let zone = |limit: f64| {
            if bar > limit {
                Zone::In
            } else if bar <= limit - h {
                Zone::Out
            } else {
                Zone::Margin
            }
        };
        let (warn, alarm) = (zone(t.high_bar), zone(t.high_alarm_bar));
        let hold = self.hold();
        let at = ctx.now.with_timezone(&Utc);
        let change = self.high.step(warn, alarm, hold, at);
        self.announce_band(Kind::HighPressure, change, ctx, out);
    }

    /// Title and body of a low or high pressure notice at this severity.
    fn band_text(&self, kind: Kind, severity: Severity, ctx: &Ctx) -> (&'static str, String) {
        let t = &self.t;
        let p = ctx
            .bar
            .or(self.last_bar)
            .map(text::bar)
            .unwrap_or_else(|| "?".into());
        let charge = text::at_charge(ctx.soc);
        let band = self.band();
        match (kind, severity) {
            (Kind::HighPressure, Severity::Alarm) => (
                "Very high pressure",
                format!(
                    "Pressure {p} bar is above the safe maximum of {} bar{charge} (healthy: \
                     {band}). This can mean an expansion vessel problem: call your installer \
                     now and do not start a charge until it is checked.",
                    text::bar(t.high_alarm_bar)
                ),
            ),
            (Kind::HighPressure, _) => (
                "High pressure",
                format!(
                    "Pressure {p} bar is above the healthy {band}{charge}. This can mean an \
                     expansion vessel problem: call your installer."
                ),
            ),
            (_, Severity::Alarm) => (
                "Very low pressure",
                format!(
                    "Pressure {p} bar is below the safe minimum of {} bar{charge} (healthy: \
                     {band}). The system may be losing water: check for leaks and call your \
                     installer.",
                    text::bar(t.low_alarm_bar)
                ),
            ),
            (_, _) => (
                "Low pressure",
                format!(
                    "Pressure {p} bar is below the healthy {band}{charge}. Check for leaks; \
                     call your installer if it keeps falling."
                ),
            ),
        }
    }

    fn announce_band(&self, kind: Kind, change: Change, ctx: &Ctx, out: &mut Vec<Notice>) {
        let (severity, phase) = match change {
            Change::None => return,
            Change::Raised(s) => (s, Phase::Raised),
            Change::Escalated => (Severity::Alarm, Phase::Escalated),
            Change::Recovered(s) => (s, Phase::Recovered),
        };
        let (title, body) = if phase == Phase::Recovered {
            (
                "Pressure back to normal",
                format!(
                    "Pressure is {} bar{} (healthy: {} above {} % charge). No action needed.",
                    ctx.bar.map(text::bar).unwrap_or_else(|| "?".into()),
                    text::at_charge(ctx.soc),
                    self.band(),
                    text::pct(WARN_ABOVE_SOC_PCT)
                ),
            )
        } else {
            self.band_text(kind, severity, ctx)
        };
        out.push(self.notice(ctx, kind, severity, phase, title, body));
    }

    fn fit(&self) -> Option<Fit> {
        let n = self.history.len();
        let first = self.history.front()?.at;
        let last = self.history.back()?.at;
        let span = last - first;
        if n < LEAK_MIN_POINTS || span < Duration::minutes(LEAK_MIN_SPAN_MIN) {
            return None;
        }
        let hours = |p: &Point| (p.at - first).num_milliseconds() as f64 / 3_600_000.0;
        let nf = n as f64;
        let mx = self.history.iter().map(hours).sum::<f64>() / nf;
        let my = self.history.iter().map(|p| p.bar).sum::<f64>() / nf;
        let (mut sxx, mut sxy) = (0.0, 0.0);
        for p in &self.history {
            let dx = hours(p) - mx;
            sxx += dx * dx;
            sxy += dx * (p.bar - my);
        }
        if sxx <= 0.0 {
            return None;
        }
        let slope = sxy / sxx;
        let ss: f64 = self
            .history
            .iter()
            .map(|p| {
                let e = p.bar - (my + slope * (hours(p) - mx));
                e * e
            })
            .sum();
        let se = (ss / (nf - 2.0) / sxx).sqrt();
        let soc_min = self
            .history
            .iter()
            .map(|p| p.soc)
            .fold(f64::INFINITY, f64::min);
        let soc_max = self
            .history
            .iter()
            .map(|p| p.soc)
            .fold(f64::NEG_INFINITY, f64::max);
        Some(Fit {
            fall_per_6h: -slope * 6.0,
            se_per_6h: se * 6.0,
            span,
            soc_min,
            soc_max,
        })
    }

    fn step_leak(&mut self, bar: f64, with_soc: bool, ctx: &Ctx, out: &mut Vec<Notice>) {
        let limit = self.t.leak_bar_per_6h;
        // Without the charge this reading joined no history: it tells nothing new.
        let fit = if with_soc { self.fit() } else { None };
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
        let at = ctx.now.with_timezone(&Utc);
        match self.leak.step(zone, Zone::Out, hold, at) {
            Change::Raised(_) | Change::Escalated => {
                let Some(f) = fit else { return };
                let hours = f.span.num_milliseconds() as f64 / 3_600_000.0;
                let body = format!(
                    "Pressure fell {} bar in the last {} ({} bar per 6 h, more than {}) while \
                     the charge stayed steady near {} %; it is {} bar now. This suggests water \
                     is escaping: check pipes, valves and the floor around the unit, and call \
                     your installer if it keeps falling.",
                    text::bar(f.fall_per_6h / 6.0 * hours),
                    text::duration(f.span),
                    text::bar(f.fall_per_6h),
                    text::bar(limit),
                    text::pct((f.soc_min + f.soc_max) / 2.0),
                    text::bar(bar)
                );
                out.push(self.notice(
                    ctx,
                    Kind::Leak,
                    Severity::Warning,
                    Phase::Raised,
                    "Possible leak",
                    body,
                ));
            }
            Change::Recovered(_) => {
                let body = format!(
                    "Pressure {} bar is no longer falling faster than {} bar per 6 h. No \
                     action needed.",
                    text::bar(bar),
                    text::bar(limit)
                );
                out.push(self.notice(
                    ctx,
                    Kind::Leak,
                    Severity::Warning,
                    Phase::Recovered,
                    "Pressure no longer falling",
                    body,
                ));
            }
            Change::None => {}
        }
    }

    fn step_charge(&mut self, r: &Reading, ctx: &Ctx, out: &mut Vec<Notice>) {
        let hold = self.hold();
        let Some(c) = self.charge.as_mut() else {
            return;
        };
        let Some(soc) = ctx.soc else { return };
        let target = c.target;
        let finished = soc >= f64::from(target.saturating_sub(1));
        let stopped = if finished || r.is_charging() {
            c.seen_charging |= r.is_charging();
            c.idle_run = 0;
            false
        } else if r.state.is_some() {
            // Left charging; or never seen charging for `hold` readings in a row.
            c.idle_run += 1;
            c.seen_charging || c.idle_run >= hold
        } else {
            false
        };
        if finished {
            self.charge = None;
            let body = format!(
                "The charge reached {} % (target {} %). The hot water is ready.",
                text::pct(soc),
                target
            );
            out.push(self.notice(
                ctx,
                Kind::ChargeFinished,
                Severity::Info,
                Phase::Raised,
                "Charge finished",
                body,
            ));
        } else if stopped {
            self.charge = None;
            let body = format!(
                "The device stopped the charge at {} %, before the {} % target (now: {}). \
                 Start it again from the menu if you still need the hot water.",
                text::pct(soc),
                target,
                r.state.as_deref().unwrap_or("unknown")
            );
            out.push(self.notice(
                ctx,
                Kind::ChargeStopped,
                Severity::Warning,
                Phase::Raised,
                "Charge stopped early",
                body,
            ));
        }
    }

    /// Alarms still latched get one reminder per cooldown; warnings never do.
    fn remind(&mut self, ctx: &Ctx, out: &mut Vec<Notice>) {
        let at = ctx.now.with_timezone(&Utc);
        let cooldown = Duration::hours(i64::from(self.t.reminder_h.max(1)));
        for kind in [Kind::LowPressure, Kind::HighPressure] {
            let cond = if kind == Kind::LowPressure {
                &self.low
            } else {
                &self.high
            };
            if cond.severity() != Some(Severity::Alarm)
                || cond.last_told.is_some_and(|t| at - t < cooldown)
            {
                continue;
            }
            let since = cond.since.unwrap_or(at);
            let (title, body) = self.band_text(kind, Severity::Alarm, ctx);
            let body = format!("{body} Unresolved since {}.", text::clock(since, ctx.now));
            let title = format!("Still: {}", title.to_lowercase());
            out.push(self.notice(ctx, kind, Severity::Alarm, Phase::Reminder, &title, body));
            let cond = if kind == Kind::LowPressure {
                &mut self.low
            } else {
                &mut self.high
            };
            cond.last_told = Some(at);
        }
    }
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

fn outage_reason(e: &Error) -> String {
    match e {
        Error::Unreachable { reason, .. } => reason.clone(),
        Error::Timeout { secs, .. } => format!("no answer within {secs:.0} s"),
        Error::Status { status, .. } => format!("it answered with error {status}"),
        Error::Malformed { .. } => "its answers are garbled".into(),
        Error::UnknownApi { .. } => "no NEStore API answers at its address".into(),
        other => other.to_string(),
    }
}

fn sensor_detail(m: Measure) -> String {
    match m {
        Measure::Implausible(v) => format!("it reported {} bar, which is impossible", text::bar(v)),
        _ => "the reading has no pressure value".into(),
    }
}
