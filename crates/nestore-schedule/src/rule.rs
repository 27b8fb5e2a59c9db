//! A timer rule as the owner sets it in Settings, and the checks that refuse a rule the
//! device cannot carry out or that overlaps another.

use chrono::{NaiveTime, Timelike, Weekday};
use nestore::control::{LIFETIME_S, POWER_STEP_W, POWER_W, TARGET_SOC_PCT};
use serde::{Deserialize, Serialize};

/// Minutes in a day and in a week.
const DAY_MIN: u32 = 24 * 60;
const WEEK_MIN: u32 = 7 * DAY_MIN;

/// The days of the week a rule's window starts on. Stored as a list of names: `["mon",
/// "tue"]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Days([bool; 7]);

const NAMES: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

impl Days {
    pub const EVERY_DAY: Days = Days([true; 7]);
    pub const NONE: Days = Days([false; 7]);

    pub fn of(days: &[Weekday]) -> Days {
        let mut d = Days::NONE;
        for w in days {
            d.0[w.num_days_from_monday() as usize] = true;
        }
        d
    }

    pub fn contains(self, day: Weekday) -> bool {
        self.0[day.num_days_from_monday() as usize]
    }

    pub fn is_empty(self) -> bool {
        self.0.iter().all(|d| !d)
    }

    /// The days in the week's order, Monday first.
    pub fn iter(self) -> impl Iterator<Item = Weekday> {
        (0..7u8)
            .filter(move |&i| self.0[usize::from(i)])
            .filter_map(|i| Weekday::try_from(i).ok())
    }
}

impl Serialize for Days {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(
            self.iter()
                .map(|d| NAMES[d.num_days_from_monday() as usize]),
        )
    }
}

impl<'de> Deserialize<'de> for Days {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Days, D::Error> {
        let names = Vec::<String>::deserialize(d)?;
        let mut days = Days::NONE;
        for n in names {
            let i = NAMES.iter().position(|x| *x == n).ok_or_else(|| {
                serde::de::Error::custom(format!("{n:?} is not a day (mon, tue, … sun)"))
            })?;
            days.0[i] = true;
        }
        Ok(days)
    }
}

/// What a rule's window does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Action {
    /// Charge with the heater at this power up to this state of charge.
    Charge { power_w: u32, target_soc_pct: u8 },
    /// Hold the device's own automatic charging off (the stop task).
    Block,
}

/// A timer: on these days, from `start` to `end` local time (an end at or before the
/// start is on the next day: 22:00-06:00), do `action`.
///
/// A charge may instead take only `cheapest_hours` hours of its window: "charge 3 hours
/// before 07:00 in the cheapest hours" is 00:00-07:00 with `cheapest_hours: 3`. With
/// prices for every whole hour of the window it charges in the N cheapest
/// ([`nestore_prices::cheapest`]: merged into spans, ties to the earlier hour); without
/// them (offline, not yet published) in its fixed window: the last N hours before the end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rule {
    pub days: Days,
    #[serde(with = "hhmm")]
    pub start: NaiveTime,
    #[serde(with = "hhmm")]
    pub end: NaiveTime,
    #[serde(flatten)]
    pub action: Action,
    /// A rule can be kept but switched off.
    #[serde(default = "yes")]
    pub enabled: bool,
    /// Charge only in this many of the window's cheapest hours (1 to the window's whole
    /// hours); `None` (the default, left out of the file) charges for the whole window.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cheapest_hours: Option<u8>,
}

fn yes() -> bool {
    true
}

/// Times as "HH:MM", whole minutes.
mod hhmm {
    use chrono::NaiveTime;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(t: &NaiveTime, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&t.format("%H:%M").to_string())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveTime, D::Error> {
        let s = String::deserialize(d)?;
        NaiveTime::parse_from_str(&s, "%H:%M")
            .map_err(|_| serde::de::Error::custom(format!("{s:?} is not a time of day (HH:MM)")))
    }
}

impl Rule {
    /// The hours of "in the cheapest hours", for a charge that asks for them.
    pub fn cheapest(&self) -> Option<u8> {
        match self.action {
            Action::Charge { .. } => self.cheapest_hours,
            Action::Block => None,
        }
    }

    /// The window's length in minutes by the clock on the wall (a DST change that day
    /// makes the real one an hour longer or shorter).
    pub fn minutes(&self) -> u32 {
        let start = minute_of_day(self.start);
        let end = minute_of_day(self.end);
        if end > start {
            end - start
        } else {
            end + DAY_MIN - start
        }
    }

    /// Minutes of the week (Monday 00:00 = 0) each window covers, as [from, to) spans;
    /// a span past Sunday midnight wraps to Monday.
    fn week_spans(&self) -> Vec<(u32, u32)> {
        let len = self.minutes();
        let mut out = Vec::new();
        for day in self.days.iter() {
            let from = day.num_days_from_monday() * DAY_MIN + minute_of_day(self.start);
            let to = from + len;
            if to <= WEEK_MIN {
                out.push((from, to));
            } else {
                out.push((from, WEEK_MIN));
                out.push((0, to - WEEK_MIN));
            }
        }
        out
    }
}

fn minute_of_day(t: NaiveTime) -> u32 {
    t.hour() * 60 + t.minute()
}

/// Why a rule is refused. Words for the owner come from the catalogue; `Display` is for
/// logs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Problem {
    #[error("no day is chosen")]
    NoDays,
    #[error("the start and end are the same time")]
    SameTimes,
    /// The device's shortest task lasts 30 minutes.
    #[error("the window is {0} min, shorter than the device's 30 min")]
    TooShort(u32),
    #[error("power {0} W is not 1000-3400 W in steps of 100 W")]
    Power(u32),
    #[error("target {0} % is not 1-100 %")]
    Target(u8),
    /// Overlaps the rule with this index.
    #[error("it overlaps rule {}", .0 + 1)]
    Overlaps(usize),
    /// "In the cheapest hours" asks for 0 hours or more whole hours than the window has
    /// (`max`, by the clock on the wall).
    #[error("{hours} cheapest hours is not 1-{max}")]
    CheapestHours { hours: u8, max: u32 },
    /// "In the cheapest hours" is for a charge, not a block.
    #[error("only a charge can be in the cheapest hours")]
    CheapestBlock,
}

/// A refused rule: its index in the list (0-based) and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("rule {}: {problem}", .rule + 1)]
pub struct RuleError {
    pub rule: usize,
    pub problem: Problem,
}

/// The shortest window, in minutes: the device's shortest task.
pub const MIN_WINDOW_MIN: u32 = (*LIFETIME_S.start() / 60) as u32;

/// Checks each rule against the device's limits (PROTOCOL.md), then every pair of
/// enabled rules for overlap; the error names the first bad rule.
pub fn validate(rules: &[Rule]) -> Result<(), RuleError> {
    for (i, r) in rules.iter().enumerate() {
        check(r).map_err(|problem| RuleError { rule: i, problem })?;
    }
    let spans: Vec<(usize, Vec<(u32, u32)>)> = rules
        .iter()
        .enumerate()
        .filter(|(_, r)| r.enabled)
        .map(|(i, r)| (i, r.week_spans()))
        .collect();
    for (n, (i, a)) in spans.iter().enumerate() {
        for (j, b) in &spans[..n] {
            let overlap = a
                .iter()
                .any(|&(a0, a1)| b.iter().any(|&(b0, b1)| a0 < b1 && b0 < a1));
            if overlap {
                return Err(RuleError {
                    rule: *i,
                    problem: Problem::Overlaps(*j),
                });
            }
        }
    }
    Ok(())
}

fn check(r: &Rule) -> Result<(), Problem> {
    if r.days.is_empty() {
        return Err(Problem::NoDays);
    }
    if r.start == r.end {
        return Err(Problem::SameTimes);
    }
    if r.minutes() < MIN_WINDOW_MIN {
        return Err(Problem::TooShort(r.minutes()));
    }
    if let Action::Charge {
        power_w,
        target_soc_pct,
    } = r.action
    {
        if !POWER_W.contains(&power_w) || !power_w.is_multiple_of(POWER_STEP_W) {
            return Err(Problem::Power(power_w));
        }
        if !TARGET_SOC_PCT.contains(&target_soc_pct) {
            return Err(Problem::Target(target_soc_pct));
        }
    }
    if let Some(hours) = r.cheapest_hours {
        if r.action == Action::Block {
            return Err(Problem::CheapestBlock);
        }
        let max = r.minutes() / 60;
        if hours == 0 || u32::from(hours) > max {
            return Err(Problem::CheapestHours { hours, max });
        }
    }
    Ok(())
}
