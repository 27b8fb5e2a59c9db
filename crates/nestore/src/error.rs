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
        matches!(self, Error::Unreachable { .. } | Error::Timeout { .. })
    }
}
