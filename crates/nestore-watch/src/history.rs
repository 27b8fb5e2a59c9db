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
/// Bounds memory whatever the poll rate. The thinning keeps at most 6 h / MIN_SPACING + 2
/// points (2162), so this is only a safety net: it never cuts the window short.
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
        // leak window: the newest point stays only until the next one arrives unless it
        // lies at least MIN_SPACING after the one before it. Every kept point but the
        // newest is then MIN_SPACING from the next, so 6 h always fits CAP.
        let n = self.points.len();
        if n >= 2 && self.points[n - 1].at - self.points[n - 2].at < MIN_SPACING {
            self.points.pop_back();
        }
        self.points.push_back(p);
        while self.points.len() > CAP {
            self.points.pop_front();
        }
    }

    /// Adds earlier points, in any order, as if each had been remembered in its time: the
    /// history keeps what lies within the window before its newest point (a later point
    /// drops the rest as usual). A point at the same instant as another is kept once.
    pub fn restore(&mut self, points: impl IntoIterator<Item = Point>) {
        let mut all: Vec<Point> = self.points.drain(..).chain(points).collect();
        all.sort_by_key(|p| p.at);
        all.dedup_by_key(|p| p.at);
        for p in all {
            self.remember(p);
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

#[cfg(test)]
mod tests {
    use super::*;

    fn t0() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2024-03-05T13:05:00Z")
            .unwrap()
            .with_timezone(&Utc)
    }

    fn at(secs: i64) -> DateTime<Utc> {
        t0() + Duration::seconds(secs)
    }

    fn point(secs: i64, bar: f64, soc: f64) -> Point {
        Point {
            at: at(secs),
            bar,
            soc,
        }
    }

    /// A history of these (seconds after t0, bar) points at 70 % charge.
    fn history(points: &[(i64, f64)]) -> History {
        let mut h = History::default();
        for &(s, bar) in points {
            h.remember(point(s, bar, 70.0));
        }
        h
    }

    fn times(h: &History) -> Vec<i64> {
        h.points
            .iter()
            .map(|p| (p.at - t0()).num_seconds())
            .collect()
    }

    const H: i64 = 3600;

    #[test]
    fn the_fit_is_the_least_squares_line_and_its_standard_error() {
        // Hourly: 2.5, 2.46, 2.38, 2.36, 2.3 bar. Mean 2 h and 2.4 bar; Sxx = 10,
        // Sxy = -0.5, so the slope is -0.05 bar/h (a fall of 0.3 bar per 6 h); the line
        // gives 2.5, 2.45, 2.4, 2.35, 2.3, residuals 0, 0.01, -0.02, 0.01, 0: SS = 0.0006
        // and the slope's standard error sqrt(SS / (n - 2) / Sxx).
        let mut h = History::default();
        for (i, (bar, soc)) in [
            (2.5, 70.0),
            (2.46, 71.0),
            (2.38, 69.5),
            (2.36, 70.0),
            (2.3, 70.5),
        ]
        .into_iter()
        .enumerate()
        {
            h.remember(point(i as i64 * H, bar, soc));
        }
        let f = h.fit().unwrap();
        let close = |a: f64, b: f64| (a - b).abs() < 1e-9;
        assert!(close(f.fall_per_6h, 0.3), "{f:?}");
        let se_per_h = (0.0006_f64 / 3.0 / 10.0).sqrt();
        assert!(close(f.se_per_6h, se_per_h * 6.0), "{f:?}");
        assert_eq!(f.span, Duration::hours(4));
        assert_eq!((f.soc_min, f.soc_max), (69.5, 71.0));
    }

    #[test]
    fn a_rising_pressure_is_a_negative_fall() {
        let h = history(&[(0, 2.0), (H, 2.1), (2 * H, 2.2), (3 * H, 2.3)]);
        let f = h.fit().unwrap();
        assert!((f.fall_per_6h + 0.6).abs() < 1e-9, "{f:?}");
        assert!(f.se_per_6h.abs() < 1e-9, "a straight line: {f:?}");
    }

    #[test]
    fn a_fit_needs_four_points_over_at_least_an_hour() {
        let four_in_an_hour = history(&[(0, 2.5), (20 * 60, 2.4), (40 * 60, 2.3), (H, 2.2)]);
        assert_eq!(four_in_an_hour.fit().unwrap().span, Duration::hours(1));
        let three_in_two_hours = history(&[(0, 2.5), (H, 2.4), (2 * H, 2.3)]);
        assert!(three_in_two_hours.fit().is_none());
        let four_in_59_min = history(&[(0, 2.5), (20 * 60, 2.4), (40 * 60, 2.3), (59 * 60, 2.2)]);
        assert!(four_in_59_min.fit().is_none());
    }

    #[test]
    fn the_window_keeps_six_hours_to_the_second() {
        // A point exactly 6 h before the newest stays; one older goes.
        let h = history(&[(0, 2.5), (2 * H, 2.4), (4 * H, 2.3), (6 * H, 2.2)]);
        assert_eq!(times(&h), [0, 2 * H, 4 * H, 6 * H]);
        assert_eq!(h.fit().unwrap().span, Duration::hours(6));
        let h = history(&[(0, 2.5), (H, 2.4), (2 * H, 2.3), (6 * H + 60, 2.2)]);
        assert_eq!(times(&h), [H, 2 * H, 6 * H + 60]);
    }

    #[test]
    fn a_clock_going_back_starts_the_history_afresh_but_a_repeated_time_does_not() {
        let mut h = history(&[(0, 2.5), (H, 2.4), (2 * H, 2.3)]);
        h.remember(point(H + 1800, 2.4, 70.0));
        assert_eq!(times(&h), [H + 1800]);

        let mut h = history(&[(0, 2.5), (20 * 60, 2.4), (40 * 60, 2.3), (H, 2.2)]);
        h.remember(point(H, 2.2, 70.0));
        assert_eq!(h.fit().unwrap().span, Duration::hours(1));
    }

    #[test]
    fn points_min_spacing_apart_are_kept_closer_ones_thinned() {
        let h = history(&[(0, 2.5), (10, 2.5), (H, 2.4), (H + 60, 2.4)]);
        assert_eq!(times(&h), [0, 10, H, H + 60]);
        let h = history(&[(0, 2.5), (9, 2.5), (H, 2.4), (H + 60, 2.4)]);
        assert_eq!(times(&h), [0, H, H + 60]);
    }

    #[test]
    fn restored_points_join_the_history_in_time_order() {
        let mut h = history(&[(2 * H, 2.4), (3 * H, 2.35)]);
        h.restore([
            point(H, 2.45, 70.0),
            point(0, 2.5, 70.0),
            point(2 * H, 2.4, 70.0),
        ]);
        assert_eq!(times(&h), [0, H, 2 * H, 3 * H]);
        assert!((h.fit().unwrap().fall_per_6h - 0.3).abs() < 1e-9);
        // Only the window before the newest point stays.
        h.restore([point(9 * H + 60, 2.3, 70.0)]);
        assert_eq!(times(&h), [9 * H + 60]);
    }

    #[test]
    fn fast_polls_are_thinned_so_the_history_spans_the_whole_window() {
        for every in [1, 5, 7, 10, 60] {
            let mut h = History::default();
            for i in 0..=(7 * H / every) {
                h.remember(point(i * every, 2.5, 70.0));
            }
            let f = h.fit().unwrap();
            // The oldest kept point lies within two spacings of the window's edge.
            let short = Duration::hours(6) - f.span;
            assert!(
                short >= Duration::zero() && short < MIN_SPACING * 2,
                "a reading every {every} s spans {:?}",
                f.span
            );
            assert!(h.points.len() <= CAP, "a reading every {every} s");
            let gaps = h.points.iter().zip(h.points.iter().skip(1));
            let close = gaps
                .take(h.points.len() - 2)
                .filter(|(a, b)| b.at - a.at < MIN_SPACING)
                .count();
            assert_eq!(close, 0, "only the newest may be closer; every {every} s");
        }
    }
}
