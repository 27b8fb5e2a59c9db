//! "Hot water is running low": an optional notice when the state of charge falls below a
//! level the owner sets (off by default), once per fall. It is told again only after the
//! state of charge has risen [`RE_ARM_PCT`] above the level, so a reading that wobbles
//! around the level is not a notice each time. It names the charge planned, if a timer
//! plans one. Pure: the caller passes the readings and the timers' view.

use chrono::{DateTime, TimeZone, Utc};
use nestore_i18n::{Args, Catalogue};

use crate::presentation::{hh_mm, timer_when};
use crate::view::TimersView;

/// How far above the level the state of charge must rise before a new fall is told.
pub const RE_ARM_PCT: f64 = 5.0;

/// The notice to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LowNotice {
    pub title: String,
    pub body: String,
}

/// Whether the current fall was told.
#[derive(Debug, Clone, Default)]
pub struct RunningLow {
    /// The level it was told at (a new level is a new start).
    told_at: Option<u8>,
}

impl RunningLow {
    /// Feeds one reading's state of charge (`None`: not reported, which tells nothing).
    /// `level`: the owner's setting (`None`: off). True when the owner is to be told now.
    pub fn observe(&mut self, level: Option<u8>, soc: Option<f64>) -> bool {
        let Some(level) = level else {
            self.told_at = None;
            return false;
        };
        if self.told_at.is_some_and(|l| l != level) {
            self.told_at = None;
        }
        let Some(soc) = soc else { return false };
        if soc < f64::from(level) {
            let tell = self.told_at.is_none();
            self.told_at = Some(level);
            tell
        } else {
            if soc >= f64::from(level) + RE_ARM_PCT {
                self.told_at = None;
            }
            false
        }
    }
}

/// The notice's words: the state of charge, the level, and the charge planned.
pub fn notice<Tz: TimeZone>(
    cat: &Catalogue,
    soc: f64,
    level: u8,
    timers: &TimersView,
    tz: &Tz,
    now: DateTime<Utc>,
) -> LowNotice
where
    Tz::Offset: std::fmt::Display,
{
    let plan = match (&timers.active, &timers.next) {
        (Some(w), _) if w.kind == "charge" => cat.t(
            "running-low-plan-now",
            &Args::new().text("end", hh_mm(w.end, tz)),
        ),
        (None, Some(w)) if w.kind == "charge" => cat.t(
            "running-low-plan-timer",
            &Args::new().text("when", timer_when(cat, w, tz, now)),
        ),
        _ => cat.label("running-low-plan-none"),
    };
    LowNotice {
        title: cat.label("running-low-title"),
        body: cat.t(
            "running-low-body",
            &Args::new()
                .percent("soc", soc)
                .int("level", i64::from(level))
                .text("plan", plan),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::view::TimerWindow;
    use chrono::TimeZone;
    use nestore_i18n::Language;

    fn en() -> &'static Catalogue {
        Catalogue::get(Language::English)
    }

    #[test]
    fn a_fall_is_told_once_and_again_only_after_a_real_rise() {
        let mut low = RunningLow::default();
        let level = Some(20);
        assert!(!low.observe(level, Some(35.0)));
        assert!(low.observe(level, Some(19.5)), "the fall");
        assert!(!low.observe(level, Some(18.0)), "once per fall");
        assert!(!low.observe(level, Some(21.0)), "a wobble above the level");
        assert!(!low.observe(level, Some(19.9)), "and below it again");
        assert!(!low.observe(level, None), "no reading tells nothing");
        assert!(!low.observe(level, Some(26.0)), "a real rise re-arms");
        assert!(low.observe(level, Some(15.0)), "the next fall");
    }

    #[test]
    fn off_by_default_and_a_new_level_starts_afresh() {
        let mut low = RunningLow::default();
        assert!(!low.observe(None, Some(3.0)), "off tells nothing");
        assert!(low.observe(Some(20), Some(15.0)));
        assert!(low.observe(Some(30), Some(15.0)), "a new level");
        assert!(!low.observe(None, Some(15.0)));
        assert!(low.observe(Some(30), Some(15.0)), "switched on again");
    }

    #[test]
    fn the_notice_names_the_charge_planned() {
        let now = Utc.with_ymd_and_hms(2026, 1, 5, 18, 0, 0).unwrap();
        let night = TimerWindow {
            timer: 1,
            start: Utc.with_ymd_and_hms(2026, 1, 6, 2, 0, 0).unwrap(),
            end: Utc.with_ymd_and_hms(2026, 1, 6, 5, 0, 0).unwrap(),
            kind: "charge",
            power_w: Some(2000),
            target_soc_pct: Some(90),
            basis: nestore_schedule::Basis::Fixed,
        };
        let planned = TimersView {
            active: None,
            next: Some(night),
        };
        let n = notice(en(), 18.4, 20, &planned, &Utc, now);
        assert_eq!(n.title, "Hot water is running low");
        assert_eq!(
            n.body,
            "The state of charge is 18 %, below the 20 % you set. The next charge is on a timer: tomorrow 02:00–05:00."
        );
        let blocked = TimersView {
            active: None,
            next: Some(TimerWindow {
                kind: "block",
                power_w: None,
                target_soc_pct: None,
                ..night
            }),
        };
        let nl = Catalogue::get(Language::Dutch);
        assert_eq!(
            notice(nl, 18.4, 20, &blocked, &Utc, now).body,
            "De laadtoestand is 18 %, lager dan de 20 % die je hebt ingesteld. Er staat geen laden gepland."
        );
        let running = TimersView {
            active: Some(night),
            next: None,
        };
        assert!(notice(en(), 18.4, 20, &running, &Utc, now)
            .body
            .ends_with("A timer is charging until 05:00."));
    }
}
