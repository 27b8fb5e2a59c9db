//! The values a message is formatted with, each of a kind that says how it reads.

use chrono::{DateTime, FixedOffset, Utc};

/// One value, before the catalogue turns it into words.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value {
    Text(String),
    /// A whole number (counts, codes, targets; usable in a Fluent selector).
    Int(i64),
    /// A decimal, rounded to at most this many fraction digits.
    Decimal(f64, usize),
    /// A duration in whole minutes ("2 h 10 min").
    Minutes(i64),
    /// A past instant as a clock time in the offset of "now", with the date when it is not
    /// today.
    Clock(DateTime<Utc>, DateTime<FixedOffset>),
}

/// The named values of one message, built by chaining:
/// `Args::new().bar("bar", 2.4).percent("soc", 63.0)`. A name used twice keeps the last
/// value.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Args {
    pub(crate) values: Vec<(&'static str, Value)>,
}

impl Args {
    /// No values.
    pub fn new() -> Args {
        Args::default()
    }

    fn with(mut self, name: &'static str, value: Value) -> Args {
        self.values.retain(|(n, _)| *n != name);
        self.values.push((name, value));
        self
    }

    /// Text shown as it is: a label, a device's own state name, another message's output.
    pub fn text(self, name: &'static str, value: impl Into<String>) -> Args {
        self.with(name, Value::Text(value.into()))
    }

    /// A whole number: "80", "503".
    pub fn int(self, name: &'static str, value: i64) -> Args {
        self.with(name, Value::Int(value))
    }

    /// A number rounded to at most `max_decimals` fraction digits, without trailing zeros.
    pub fn decimal(self, name: &'static str, value: f64, max_decimals: usize) -> Args {
        self.with(name, Value::Decimal(value, max_decimals))
    }

    /// A pressure (or a pressure setting) in bar: at most two decimals, "2,4" / "2.4".
    pub fn bar(self, name: &'static str, value: f64) -> Args {
        self.decimal(name, value, 2)
    }

    /// A pressure that may be unknown: as [`Args::bar`], or "?".
    pub fn bar_or_unknown(self, name: &'static str, value: Option<f64>) -> Args {
        match value {
            Some(v) => self.bar(name, v),
            None => self.text(name, "?"),
        }
    }

    /// A percentage (a state of charge), whole: "63". The message writes the " %".
    pub fn percent(self, name: &'static str, value: f64) -> Args {
        self.decimal(name, value, 0)
    }

    /// A duration in whole minutes, in words: "45 min", "2 h 10 min", "2 uur en 10 min".
    /// Negative is 0.
    pub fn minutes(self, name: &'static str, minutes: i64) -> Args {
        self.with(name, Value::Minutes(minutes))
    }

    /// A past instant as a 24-hour clock time in the offset of `now` ("14:05"), with the
    /// date when it is not `now`'s day.
    pub fn clock(self, name: &'static str, at: DateTime<Utc>, now: DateTime<FixedOffset>) -> Args {
        self.with(name, Value::Clock(at, now))
    }
}

#[cfg(test)]
mod tests {
    use super::{Args, Value};

    #[test]
    fn a_name_keeps_its_last_value() {
        let a = Args::new().int("n", 1).text("s", "x").int("n", 2);
        assert_eq!(
            a.values,
            vec![("s", Value::Text("x".into())), ("n", Value::Int(2))]
        );
        assert_eq!(
            Args::new().bar_or_unknown("bar", None).values,
            vec![("bar", Value::Text("?".into()))]
        );
    }
}
