//! One language's messages, formatted with their values.

use std::sync::OnceLock;

use chrono::{DateTime, Datelike, FixedOffset, Timelike, Utc};
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::types::{FluentNumber, FluentNumberOptions};
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

use crate::args::{Args, Value};
use crate::language::Language;
use crate::number;

/// Why a message could not be formatted as written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// No message (or no attribute of it) by this id.
    #[error("no message {id:?} in the {language} catalogue")]
    Missing { id: String, language: &'static str },
    /// The message exists but something in it failed (most often a variable without a
    /// value); `text` is what Fluent made of it anyway.
    #[error("message {id:?} in the {language} catalogue: {}", problems.join("; "))]
    Format {
        id: String,
        language: &'static str,
        text: String,
        problems: Vec<String>,
    },
}

/// Every message of one language. Cheap to share: `Send + Sync`, and [`Catalogue::get`]
/// hands out one per language for the life of the process.
pub struct Catalogue {
    language: Language,
    bundle: FluentBundle<FluentResource>,
}

impl std::fmt::Debug for Catalogue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Catalogue")
            .field("language", &self.language)
            .finish_non_exhaustive()
    }
}

fn format_english(
    v: &FluentValue,
    _: &intl_memoizer::concurrent::IntlLangMemoizer,
) -> Option<String> {
    match v {
        FluentValue::Number(n) => Some(number::format(n, '.')),
        _ => None,
    }
}

fn format_dutch(
    v: &FluentValue,
    _: &intl_memoizer::concurrent::IntlLangMemoizer,
) -> Option<String> {
    match v {
        FluentValue::Number(n) => Some(number::format(n, ',')),
        _ => None,
    }
}

impl Catalogue {
    /// The catalogue of `language`, parsed from the embedded source. A message the parser
    /// cannot read is left out (the crate's tests make sure there is none).
    pub fn new(language: Language) -> Catalogue {
        let langid = language.code().parse().unwrap_or_default();
        let mut bundle = FluentBundle::new_concurrent(vec![langid]);
        bundle.set_use_isolating(false);
        bundle.set_formatter(Some(match language {
            Language::English => format_english,
            Language::Dutch => format_dutch,
        }));
        // Neither can fail on a fresh bundle but for a duplicate id, which the tests rule out.
        let _ = bundle.add_builtins();
        for (_, source) in language.files() {
            let resource =
                FluentResource::try_new(source.to_owned()).unwrap_or_else(|(resource, _)| resource);
            let _ = bundle.add_resource(resource);
        }
        Catalogue { language, bundle }
    }

    /// The catalogue of `language`, built once per process.
    pub fn get(language: Language) -> &'static Catalogue {
        static ENGLISH: OnceLock<Catalogue> = OnceLock::new();
        static DUTCH: OnceLock<Catalogue> = OnceLock::new();
        let cell = match language {
            Language::English => &ENGLISH,
            Language::Dutch => &DUTCH,
        };
        cell.get_or_init(|| Catalogue::new(language))
    }

    pub fn language(&self) -> Language {
        self.language
    }

    /// Whether a message (`id`) or one of its attributes (`id.attribute`) exists.
    pub fn has(&self, id: &str) -> bool {
        self.pattern(id).is_some()
    }

    /// The message `id` (or `id.attribute`) formatted with `args`. Never fails: a missing
    /// message gives its id, a message with a missing value gives what Fluent made of it
    /// (the variable's name in braces). Tests should use [`Catalogue::try_t`].
    pub fn t(&self, id: &str, args: &Args) -> String {
        match self.try_t(id, args) {
            Ok(text) | Err(Error::Format { text, .. }) => text,
            Err(Error::Missing { .. }) => id.to_owned(),
        }
    }

    /// A message without values: a label, a title.
    pub fn label(&self, id: &str) -> String {
        self.t(id, &Args::new())
    }

    /// As [`Catalogue::t`], but says what went wrong.
    pub fn try_t(&self, id: &str, args: &Args) -> Result<String, Error> {
        let Some(pattern) = self.pattern(id) else {
            return Err(Error::Missing {
                id: id.to_owned(),
                language: self.language.code(),
            });
        };
        let mut fluent_args = FluentArgs::with_capacity(args.values.len());
        for (name, value) in &args.values {
            fluent_args.set(*name, self.value(value));
        }
        let mut errors = Vec::new();
        let text = self
            .bundle
            .format_pattern(pattern, Some(&fluent_args), &mut errors)
            .into_owned();
        if errors.is_empty() {
            Ok(text)
        } else {
            Err(Error::Format {
                id: id.to_owned(),
                language: self.language.code(),
                text,
                problems: errors.iter().map(ToString::to_string).collect(),
            })
        }
    }

    /// A number in this language's form, rounded to at most `max_decimals` fraction
    /// digits: `number(2.4, 2)` is "2,4" in Dutch, "2.4" in English.
    pub fn number(&self, value: f64, max_decimals: usize) -> String {
        let decimal = match self.language {
            Language::English => '.',
            Language::Dutch => ',',
        };
        number::format(&decimal_number(value, max_decimals), decimal)
    }

    /// Whole minutes in words: "45 min", "2 h", "2 h 10 min" ("2 uur en 10 min").
    /// Negative is 0.
    pub fn duration(&self, minutes: i64) -> String {
        let minutes = minutes.max(0);
        let (h, m) = (minutes / 60, minutes % 60);
        let args = Args::new().int("hours", h).int("minutes", m);
        let id = match (h, m) {
            (0, _) => "duration-minutes",
            (_, 0) => "duration-hours",
            _ => "duration-hours-minutes",
        };
        self.t(id, &args)
    }

    /// A past instant as a 24-hour clock time in the offset of `now`: "14:05", or with the
    /// date when it is not `now`'s day ("2024-01-05 14:05", "5 jan 2024 14:05").
    pub fn clock(&self, at: DateTime<Utc>, now: DateTime<FixedOffset>) -> String {
        let local = at.with_timezone(now.offset());
        let time = self.t(
            "clock-time",
            &Args::new()
                .int("hour", i64::from(local.hour()))
                .int("minute", i64::from(local.minute())),
        );
        if local.date_naive() == now.date_naive() {
            return time;
        }
        let args = Args::new()
            .int("year", i64::from(local.year()))
            .int("month", i64::from(local.month()))
            .int("day", i64::from(local.day()))
            .text("time", time);
        self.t("clock-date-time", &args)
    }

    fn pattern(&self, id: &str) -> Option<&fluent_syntax::ast::Pattern<&str>> {
        let (message, attribute) = match id.split_once('.') {
            Some((m, a)) => (m, Some(a)),
            None => (id, None),
        };
        let message = self.bundle.get_message(message)?;
        match attribute {
            None => message.value(),
            Some(a) => message.get_attribute(a).map(|a| a.value()),
        }
    }

    fn value(&self, value: &Value) -> FluentValue<'static> {
        match value {
            Value::Text(s) => FluentValue::from(s.clone()),
            Value::Int(i) => FluentValue::from(*i),
            Value::Decimal(v, max) => FluentValue::Number(decimal_number(*v, *max)),
            Value::Minutes(m) => FluentValue::from(self.duration(*m)),
            Value::Clock(at, now) => FluentValue::from(self.clock(*at, *now)),
        }
    }
}

fn decimal_number(value: f64, max_decimals: usize) -> FluentNumber {
    FluentNumber::new(
        value,
        FluentNumberOptions {
            maximum_fraction_digits: Some(max_decimals),
            ..Default::default()
        },
    )
}
