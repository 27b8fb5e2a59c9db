//! How often the app polls: the settings' interval, every 60 s while the pressure watch
//! suspects a problem, and soon again after a failed poll. Pure logic.

use std::time::Duration;

/// The poll interval while a pressure problem is suspected but not yet confirmed.
pub const FAST_POLL: Duration = Duration::from_secs(60);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pace {
    normal: Duration,
    fast: bool,
}

impl Pace {
    pub fn new(normal: Duration) -> Pace {
        Pace {
            normal,
            fast: false,
        }
    }

    /// The interval in force.
    pub fn interval(&self) -> Duration {
        if self.fast {
            FAST_POLL.min(self.normal)
        } else {
            self.normal
        }
    }

    /// The watch's wish; returns the new interval when it changes.
    pub fn set_fast(&mut self, fast: bool) -> Option<Duration> {
        let before = self.interval();
        self.fast = fast;
        Some(self.interval()).filter(|&d| d != before)
    }

    /// A new normal interval (settings saved); returns the interval in force.
    pub fn set_normal(&mut self, normal: Duration) -> Duration {
        self.normal = normal;
        self.interval()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fast_while_suspected_then_back() {
        let mut p = Pace::new(Duration::from_secs(300));
        assert_eq!(p.interval(), Duration::from_secs(300));
        assert_eq!(p.set_fast(false), None, "no change, nothing to do");
        assert_eq!(p.set_fast(true), Some(FAST_POLL));
        assert_eq!(p.set_fast(true), None);
        assert_eq!(p.set_normal(Duration::from_secs(600)), FAST_POLL);
        assert_eq!(p.set_fast(false), Some(Duration::from_secs(600)));
    }

    #[test]
    fn never_slower_than_the_normal_interval() {
        let mut p = Pace::new(Duration::from_secs(5));
        assert_eq!(p.set_fast(true), None, "5 s is already faster than 60 s");
        assert_eq!(p.interval(), Duration::from_secs(5));
    }
}
