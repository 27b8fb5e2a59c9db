//! Hold counting with a neutral margin: the debounce shared by every condition.
//!
//! A [`Latch`] counts observations already sorted into [`Zone`]s; it may not look at
//! values, limits or times, and says nothing to the owner.

/// How one observation relates to a condition.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Zone {
    /// The condition applies.
    In,
    /// Within the hysteresis margin, or not decidable: neither confirms nor clears.
    Margin,
    /// Clearly clear (back inside by the hysteresis margin).
    Out,
}

/// A latched flag that changes only after `hold` consecutive observations pointing the
/// other way. Observations in the margin do not break a run, but `hold` of them in a row
/// drop it (so a suspicion cannot linger forever).
#[derive(Debug, Clone, Default)]
pub(crate) struct Latch {
    pub latched: bool,
    streak: u32,
    margin_run: u32,
}

/// What a step of a latch did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Flip {
    None,
    Latched,
    Released,
}

impl Latch {
    pub fn step(&mut self, zone: Zone, hold: u32) -> Flip {
        let hold = hold.max(1);
        let towards = if self.latched { Zone::Out } else { Zone::In };
        if zone == Zone::Margin {
            self.margin_run += 1;
            if self.margin_run >= hold {
                self.streak = 0;
            }
        } else if zone == towards {
            self.streak += 1;
            self.margin_run = 0;
        } else {
            self.restart();
        }
        if self.streak >= hold {
            self.latched = !self.latched;
            self.restart();
            if self.latched {
                Flip::Latched
            } else {
                Flip::Released
            }
        } else {
            Flip::None
        }
    }

    /// A change is under way but not yet confirmed.
    pub fn pending(&self) -> bool {
        self.streak > 0
    }

    /// Forgets any run under way; the latched state stays.
    pub fn restart(&mut self) {
        self.streak = 0;
        self.margin_run = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Zone::*;

    #[test]
    fn latches_after_hold_and_margin_neither_counts_nor_breaks() {
        let mut l = Latch::default();
        assert_eq!(l.step(In, 2), Flip::None);
        assert!(l.pending());
        assert_eq!(l.step(Margin, 2), Flip::None);
        assert_eq!(l.step(In, 2), Flip::Latched);
        assert!(!l.pending());
        assert_eq!(l.step(In, 2), Flip::None);
        assert_eq!(l.step(Out, 2), Flip::None);
        assert_eq!(l.step(In, 2), Flip::None);
        assert_eq!(l.step(Out, 2), Flip::None);
        assert_eq!(l.step(Out, 2), Flip::Released);
    }

    #[test]
    fn a_long_margin_drops_the_run() {
        let mut l = Latch::default();
        l.step(In, 2);
        l.step(Margin, 2);
        l.step(Margin, 2);
        assert!(!l.pending());
        assert_eq!(l.step(In, 2), Flip::None);
    }
}
