//! A refused rule in the owner's words, in the catalogue's language (`app.ftl`, ids
//! `timer-*`): this crate picks the message and its values, the catalogue writes the words.
//! `Display` stays English, for logs.

use nestore::control::{POWER_STEP_W, POWER_W, TARGET_SOC_PCT};
use nestore_i18n::{Args, Catalogue};

use crate::rule::{Problem, RuleError, MIN_WINDOW_MIN};

impl Problem {
    /// What is wrong with the rule, as a clause: "it overlaps timer 1".
    pub fn message(&self, cat: &Catalogue) -> String {
        match *self {
            Problem::NoDays => cat.label("timer-problem-no-days"),
            Problem::SameTimes => cat.label("timer-problem-same-times"),
            Problem::TooShort(minutes) => cat.t(
                "timer-problem-too-short",
                &Args::new()
                    .int("minutes", i64::from(minutes))
                    .int("shortest", i64::from(MIN_WINDOW_MIN)),
            ),
            Problem::Power(power) => cat.t(
                "timer-problem-power",
                &Args::new()
                    .int("power", i64::from(power))
                    .int("min", i64::from(*POWER_W.start()))
                    .int("max", i64::from(*POWER_W.end()))
                    .int("step", i64::from(POWER_STEP_W)),
            ),
            Problem::Target(target) => cat.t(
                "timer-problem-target",
                &Args::new()
                    .int("target", i64::from(target))
                    .int("min", i64::from(*TARGET_SOC_PCT.start()))
                    .int("max", i64::from(*TARGET_SOC_PCT.end())),
            ),
            Problem::Overlaps(other) => cat.t(
                "timer-problem-overlaps",
                &Args::new().int("other", other as i64 + 1),
            ),
            Problem::CheapestHours { hours, max } => cat.t(
                "timer-problem-cheapest-hours",
                &Args::new()
                    .int("hours", i64::from(hours))
                    .int("max", i64::from(max)),
            ),
            Problem::CheapestBlock => cat.label("timer-problem-cheapest-block"),
        }
    }
}

impl RuleError {
    /// The refused rule named as the owner counts them (from 1) and what is wrong with it:
    /// "Timer 2: it overlaps timer 1".
    pub fn message(&self, cat: &Catalogue) -> String {
        cat.t(
            "timer-error",
            &Args::new()
                .int("timer", self.rule as i64 + 1)
                .text("problem", self.problem.message(cat)),
        )
    }
}

#[cfg(test)]
mod tests {
    use nestore_i18n::Language;

    use super::*;

    #[test]
    fn every_problem_reads_in_both_languages() {
        let problems = [
            Problem::NoDays,
            Problem::SameTimes,
            Problem::TooShort(29),
            Problem::Power(3500),
            Problem::Target(0),
            Problem::Overlaps(0),
            Problem::CheapestHours { hours: 9, max: 7 },
            Problem::CheapestHours { hours: 0, max: 1 },
            Problem::CheapestBlock,
        ];
        for l in Language::ALL {
            let cat = Catalogue::get(l);
            for p in problems {
                let e = RuleError {
                    rule: 1,
                    problem: p,
                };
                let text = cat.try_t(
                    "timer-error",
                    &Args::new().int("timer", 2).text("problem", p.message(cat)),
                );
                assert!(text.is_ok(), "{l:?} {p:?}: {text:?}");
                assert!(
                    e.message(cat).starts_with("Timer 2: "),
                    "{l:?}: {}",
                    e.message(cat)
                );
            }
        }
        let en = Catalogue::get(Language::English);
        let nl = Catalogue::get(Language::Dutch);
        let overlap = RuleError {
            rule: 1,
            problem: Problem::Overlaps(0),
        };
        assert_eq!(overlap.message(en), "Timer 2: it overlaps timer 1");
        assert_eq!(overlap.message(nl), "Timer 2: die overlapt met timer 1");
        assert_eq!(
            Problem::CheapestHours { hours: 9, max: 7 }.message(en),
            "9 cheapest hours do not fit between the start and the end: choose 1 to 7"
        );
        assert_eq!(
            Problem::CheapestHours { hours: 9, max: 7 }.message(nl),
            "9 goedkoopste uren passen niet tussen begin en eind: kies 1 tot en met 7"
        );
        assert_eq!(
            Problem::Power(3500).message(nl),
            "een vermogen van 3500 W ligt niet tussen 1000 en 3400 W in stappen van 100 W"
        );
    }
}
