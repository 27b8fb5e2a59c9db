//! Tracking one charge started from the app, until it finishes or stops early.
//!
//! [`ChargeTrack`] is stepped with each reading's charge and controller state and says when
//! the charge has ended and how ([`ChargeEnd`]). It may not produce words (`text.rs` does)
//! or read a clock; it knows nothing of pressure.

/// How a tracked charge ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ChargeEnd {
    /// The state of charge reached the target - 1.
    Finished,
    /// The device left charging (or never began) before the target.
    Stopped,
}

/// A charge the app started, with its target.
#[derive(Debug, Clone)]
pub(crate) struct ChargeTrack {
    pub target: u8,
    seen_charging: bool,
    /// Readings in a row with a known state that is not charging.
    idle_run: u32,
}

impl ChargeTrack {
    pub fn new(target_soc_pct: u8) -> ChargeTrack {
        ChargeTrack {
            target: target_soc_pct.min(100),
            seen_charging: false,
            idle_run: 0,
        }
    }

    /// One reading: its state of charge, whether the device is charging, and whether it
    /// named its state at all. A charge never seen running counts as stopped after `hold`
    /// readings in a row that name another state; one seen running, at the first.
    pub fn step(
        &mut self,
        soc: f64,
        charging: bool,
        state_known: bool,
        hold: u32,
    ) -> Option<ChargeEnd> {
        let finished = soc >= f64::from(self.target.saturating_sub(1));
        if finished {
            return Some(ChargeEnd::Finished);
        }
        if charging {
            self.seen_charging = true;
            self.idle_run = 0;
            None
        } else if state_known {
            self.idle_run += 1;
            (self.seen_charging || self.idle_run >= hold).then_some(ChargeEnd::Stopped)
        } else {
            None
        }
    }

    /// Readings before a sleep do not count towards "never began".
    pub fn restart(&mut self) {
        self.idle_run = 0;
    }
}
