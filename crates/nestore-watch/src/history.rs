//! The recent pressure history and its least-squares slope, for the leak rule.
//!
//! [`History`] keeps (time, pressure, charge) points over the last [`LEAK_WINDOW_H`] hours,
//! thinned rather than cut short when polls come fast, and bounded in memory whatever the
//! poll rate. [`History::fit`] fits a straight line through them. This module only keeps
//! and measures: whether a slope means a leak is the watch's rule (`watch.rs`), and it may
//! not read a clock (every point carries its time) or produce words.

use std::collections::VecDeque;

use chrono::{DateTime, Duration, Utc};

/// The window of history the slope is fitted over.
const LEAK_WINDOW_H: i64 = 6;
/// The least history span and number of readings before a slope means anything.
const MIN_SPAN_MIN: i64 = 60;
const MIN_POINTS: usize = 4;
/// Bounds memory whatever the poll rate (6 h at one reading every 10 s).
const CAP: usize = 2200;
/// The closest two kept history points may be (6 h at this spacing fits CAP).
const MIN_SPACING: Duration = Duration::seconds(10);

/// One reading with both a pressure and a state of charge.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Point {
    pub at: DateTime<Utc>,
    pub bar: f64,
    pub soc: f64,
}

/// A least-squares fit of pressure over the recent history.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Fit {
    /// Positive when falling, in bar per 6 h.
    pub fall_per_6h: f64,
    /// The standard error of that rate.
    pub se_per_6h: f64,
    /// From the oldest to the newest point.
    pub span: Duration,
    pub soc_min: f64,
    pub soc_max: f64,
}

/// The points of the last [`LEAK_WINDOW_H`] hours, oldest first.
#[derive(Debug, Clone, Default)]
pub(crate) struct History {
    points: VecDeque<Point>,
}

impl History {
    /// Adds the newest point, dropping what fell out of the window.
    pub fn remember(&mut self, p: Point) {
        if self.points.back().is_some_and(|last| last.at > p.at) {
            // The clock went backwards: the old history cannot be placed any more.
            self.points.clear();
        }
        let oldest = p.at - Duration::hours(LEAK_WINDOW_H);
        while self.points.front().is_some_and(|q| q.at < oldest) {
            self.points.pop_front();
        }
        // Thin fast polls rather than drop old points, so the history always spans the
        // leak window: a point closer than MIN_SPACING to the one before the newest
        // replaces the newest.
        let n = self.points.len();
        if n >= 2 && p.at - self.points[n - 2].at < MIN_SPACING {
            self.points.pop_back();
        }
        self.points.push_back(p);
        while self.points.len() > CAP {
            self.points.pop_front();
        }
    }

    /// The fitted line, once the history spans at least an hour with four points.
    pub fn fit(&self) -> Option<Fit> {
        let pts = &self.points;
        let n = pts.len();
        let first = pts.front()?.at;
        let last = pts.back()?.at;
        let span = last - first;
        if n < MIN_POINTS || span < Duration::minutes(MIN_SPAN_MIN) {
            return None;
        }
        let hours = |p: &Point| (p.at - first).num_milliseconds() as f64 / 3_600_000.0;
        let nf = n as f64;
        let mx = pts.iter().map(hours).sum::<f64>() / nf;
        let my = pts.iter().map(|p| p.bar).sum::<f64>() / nf;
        let (mut sxx, mut sxy) = (0.0, 0.0);
        for p in pts {
            let dx = hours(p) - mx;
            sxx += dx * dx;
            sxy += dx * (p.bar - my);
        }
        if sxx <= 0.0 {
            return None;
        }
        let slope = sxy / sxx;
        let ss: f64 = pts
            .iter()
            .map(|p| {
                let e = p.bar - (my + slope * (hours(p) - mx));
                e * e
            })
            .sum();
        let se = (ss / (nf - 2.0) / sxx).sqrt();
        let soc_min = pts.iter().map(|p| p.soc).fold(f64::INFINITY, f64::min);
        let soc_max = pts.iter().map(|p| p.soc).fold(f64::NEG_INFINITY, f64::max);
        Some(Fit {
            fall_per_6h: -slope * 6.0,
            se_per_6h: se * 6.0,
            span,
            soc_min,
            soc_max,
        })
    }
}
