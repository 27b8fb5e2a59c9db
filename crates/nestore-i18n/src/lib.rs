//! Every word the NEStore apps show the owner, in English and Dutch.
//!
//! One Fluent catalogue per language (`locales/<code>/*.ftl`: the watch's, the app's, the
//! window's, the command line's), embedded at compile time, with the same messages, attributes and variables in each (the crate's tests
//! check). Rust code asks a [`Catalogue`] for a message by its id with [`Args`]; the window
//! can read the same files ([`Language::source`]) and format them with `@fluent/bundle`.
//!
//! - Numbers are written in the language's form, without digit grouping: "2,4" in Dutch,
//!   "2.4" in English. [`Args`] rounds each kind of value as the owner reads it (pressures
//!   to at most two decimals, percentages whole).
//! - Times are 24-hour in both languages ("14:05"); a time on another day carries the date
//!   ("2024-01-05 14:05", "5 jan 2024 14:05").
//! - No Unicode isolation marks: every output is plain text, fit for a tray menu, a
//!   notification or a log line.
//!
//! - With the `clap` feature (on by default), [`clap_words`] puts a clap command line in
//!   the catalogue's words: help texts and usage errors (the `nestore` command and the
//!   tray app's options, `cli.ftl`).
//!
//! No GUI, no I/O, no clock: the caller passes every value, including "now".
//!
//! ```
//! use nestore_i18n::{Args, Catalogue, Language};
//!
//! let nl = Catalogue::get(Language::from_locale("nl_NL.UTF-8"));
//! let body = nl.t("leak-cleared-body", &Args::new().bar("bar", 2.4).bar("limit", 0.2));
//! assert_eq!(body, "De druk is 2,4 bar en daalt niet meer sneller dan 0,2 bar per 6 uur. Je hoeft niets te doen.");
//! ```

mod args;
mod catalogue;
#[cfg(feature = "clap")]
pub mod clap_words;
mod language;
mod number;

pub use args::Args;

/// A sentence made of a clause that starts lower-case ("power 3500 W is outside …"): its
/// first letter upper-case.
pub fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}
pub use catalogue::{Catalogue, Error};
pub use language::{Choice, Language};
