//! The pressure watch's clock. For a real device it is the wall clock. A simulated device
//! may run N times faster; then the watch's time runs N times faster too, so that "0.2 bar
//! per 6 h" or "15 min offline" mean the device's hours and minutes. What the owner reads
//! (the alert log's times) always uses the wall clock. Pure: the caller passes both clocks.

use std::time::Instant;

use chrono::{DateTime, FixedOffset};

#[derive(Debug, Clone, Copy)]
pub struct DeviceClock {
    origin: DateTime<FixedOffset>,
    since: Instant,
    scale: f64,
}

impl DeviceClock {
    pub fn new(scale: f64, wall: DateTime<FixedOffset>, mono: Instant) -> DeviceClock {
        DeviceClock {
            origin: wall,
            since: mono,
            scale,
        }
    }

    /// The device's time now.
    pub fn now(&self, wall: DateTime<FixedOffset>, mono: Instant) -> DateTime<FixedOffset> {
        if self.scale == 1.0 {
            return wall;
        }
        let elapsed = mono.saturating_duration_since(self.since).as_secs_f64() * self.scale;
        self.origin + chrono::Duration::milliseconds((elapsed * 1000.0) as i64)
    }

    /// Runs `scale` times faster from now on, continuing from the device time reached.
    pub fn rescale(&mut self, scale: f64, wall: DateTime<FixedOffset>, mono: Instant) {
        let origin = self.now(wall, mono);
        *self = DeviceClock {
            origin,
            since: mono,
            scale,
        };
    }

    pub fn scale(&self) -> f64 {
        self.scale
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn wall(s: i64) -> DateTime<FixedOffset> {
        DateTime::from_timestamp(1_764_079_500 + s, 0)
            .unwrap()
            .fixed_offset()
    }

    #[test]
    fn real_time_is_the_wall_clock() {
        let m0 = Instant::now();
        let c = DeviceClock::new(1.0, wall(0), m0);
        // The wall clock wins even when it jumps (NTP, a suspend).
        assert_eq!(c.now(wall(3600), m0 + Duration::from_secs(10)), wall(3600));
    }

    #[test]
    fn a_fast_device_runs_its_hours_on_the_monotonic_clock() {
        let m0 = Instant::now();
        let mut c = DeviceClock::new(60.0, wall(0), m0);
        assert_eq!(c.now(wall(10), m0 + Duration::from_secs(10)), wall(600));
        c.rescale(1.0, wall(10), m0 + Duration::from_secs(10));
        assert_eq!(c.scale(), 1.0);
        let mut c = DeviceClock::new(60.0, wall(0), m0);
        c.rescale(150.0, wall(10), m0 + Duration::from_secs(10));
        assert_eq!(
            c.now(wall(12), m0 + Duration::from_secs(12)),
            wall(600 + 300),
            "continues from the device time reached"
        );
    }

    #[test]
    fn the_scale_is_the_one_in_force() {
        let m0 = Instant::now();
        let mut c = DeviceClock::new(60.0, wall(0), m0);
        assert_eq!(c.scale(), 60.0);
        c.rescale(150.0, wall(1), m0 + Duration::from_secs(1));
        assert_eq!(c.scale(), 150.0);
    }
}
