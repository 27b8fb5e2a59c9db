//! One error type for everything the client does. Messages are one clear line and never
//! carry a password or a token.

use crate::control::ValidationError;
use crate::reading::Field;

#[derive(Debug, Clone, thiserror::Error)]
pub enum Error {
    #[error("device unreachable at {url}: {reason}")]
    Unreachable { url: String, reason: String },
    #[error("device did not answer within {secs:.1} s ({url})")]
    Timeout { url: String, secs: f64 },
    #[error("device answered HTTP {status} for {url}")]
    Status { url: String, status: u16 },
    /// A 3xx answer: never followed, since a redirect would carry the password's hash or
    /// a token to another address. The target is not repeated.
    #[error("the device redirected to another address; not followed (HTTP {status} for {url})")]
    Redirected { url: String, status: u16 },
    /// A command ([`crate::Client::send`]) did not finish within its overall deadline.
    #[error(
        "the command did not finish within {secs} s (the device answers too slowly){}",
        if *.maybe_sent { "; it may have reached the device" } else { "; nothing was sent" }
    )]
    CommandTimeout { secs: f64, maybe_sent: bool },
    #[error("device sent a malformed answer for {url}: {reason}")]
    Malformed { url: String, reason: String },
    /// A reading without a field it cannot do without (today only the state of charge;
    /// a missing pressure is `Measure::NotReported` in an otherwise good reading).
    #[error("device reading lacks the {field} ({key}), which is required", key = field.wire_key())]
    MissingField { field: Field },
    #[error("the device refused the service password")]
    Unauthorized,
    #[error("no service password is available for control")]
    NoPassword,
    #[error("command rejected before sending: {0}")]
    Rejected(#[from] ValidationError),
    #[error("no known API version answers at {url} (tried v3, v2, v1)")]
    UnknownApi { url: String },
    #[error("invalid device address: {0}")]
    BadAddress(String),
}

impl Error {
    /// True when the device could not be talked to at all (as opposed to a bad answer).
    pub fn is_connection(&self) -> bool {
        matches!(
            self,
            Error::Unreachable { .. } | Error::Timeout { .. } | Error::CommandTimeout { .. }
        )
    }

    /// A stable snake_case name of the kind of failure, for machine-readable output.
    pub fn kind(&self) -> &'static str {
        match self {
            Error::Unreachable { .. } => "unreachable",
            Error::Timeout { .. } => "timeout",
            Error::Status { .. } => "status",
            Error::Redirected { .. } => "redirected",
            Error::CommandTimeout { .. } => "command_timeout",
            Error::Malformed { .. } => "malformed",
            Error::MissingField { .. } => "missing_field",
            Error::Unauthorized => "unauthorized",
            Error::NoPassword => "no_password",
            Error::Rejected(_) => "rejected",
            Error::UnknownApi { .. } => "unknown_api",
            Error::BadAddress(_) => "bad_address",
        }
    }
}

/// One error of each kind, for tests here and of the owner's words (`text.rs`).
#[cfg(test)]
pub(crate) fn every_kind_of_error() -> Vec<Error> {
    let url = || "http://h:1/".to_owned();
    vec![
        Error::Unreachable {
            url: url(),
            reason: "refused".into(),
        },
        Error::Timeout {
            url: url(),
            secs: 10.0,
        },
        Error::Status {
            url: url(),
            status: 500,
        },
        Error::Redirected {
            url: url(),
            status: 307,
        },
        Error::CommandTimeout {
            secs: 30.0,
            maybe_sent: false,
        },
        Error::Malformed {
            url: url(),
            reason: "x".into(),
        },
        Error::MissingField { field: Field::Soc },
        Error::Unauthorized,
        Error::NoPassword,
        Error::Rejected(ValidationError::PowerStep(1050)),
        Error::UnknownApi { url: url() },
        Error::BadAddress("x".into()),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_has_its_own_stable_snake_case_name() {
        let kinds: Vec<&str> = every_kind_of_error().iter().map(Error::kind).collect();
        // The names are machine-readable output (the CLI's JSON): they must not change.
        assert_eq!(
            kinds,
            [
                "unreachable",
                "timeout",
                "status",
                "redirected",
                "command_timeout",
                "malformed",
                "missing_field",
                "unauthorized",
                "no_password",
                "rejected",
                "unknown_api",
                "bad_address"
            ]
        );
    }

    #[test]
    fn only_failures_to_talk_to_the_device_are_connection_errors() {
        let connection: Vec<&str> = every_kind_of_error()
            .iter()
            .filter(|e| e.is_connection())
            .map(Error::kind)
            .collect();
        assert_eq!(connection, ["unreachable", "timeout", "command_timeout"]);
    }
}
