//! The error of parsing a name (API version, token form, scenario) from the command line or
//! the admin API, a leaf that may not import other modules of the crate.

/// A name that is not one of the accepted ones; says which were.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {what} {value:?} (expected {expected})")]
pub struct ParseError {
    pub what: &'static str,
    pub value: String,
    pub expected: &'static str,
}
