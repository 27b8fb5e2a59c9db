//! The one error type of a price source. `Display` is English, for logs; front ends match
//! the variants (or [`PriceError::kind`]), and every one of them means the same to a rule:
//! no prices, so it charges in its fixed window.

use crate::point::CurveError;

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum PriceError {
    /// The source's address cannot be used (not http or https, no host).
    #[error("the price source address {0:?} cannot be used")]
    InvalidUrl(String),
    /// No connection, or it broke off (offline, no name, refused).
    #[error("the price source could not be reached: {0}")]
    Unreachable(String),
    /// No complete answer within the time limit.
    #[error("the price source did not answer in time")]
    Timeout,
    /// An HTTP status other than 200 (a redirect is not followed).
    #[error("the price source answered with HTTP status {0}")]
    Status(u16),
    /// The answer is larger than the limit (bytes); it was not read further.
    #[error("the price source's answer is larger than {0} bytes")]
    TooLarge(usize),
    /// Not the shape the source documents (not JSON, a field missing or of another type, a
    /// price or time that does not parse).
    #[error("the price source's answer cannot be read: {0}")]
    Malformed(String),
    /// The prices are there but cannot be true (not a number, implausible, not hourly,
    /// one hour twice).
    #[error("the price source's answer is refused: {0}")]
    Refused(#[from] CurveError),
    /// The day's prices are not published yet (or no longer): the answer has none.
    #[error("the day's prices are not published")]
    NotPublished,
}

impl PriceError {
    /// A stable snake_case name of the kind of failure, for machine-readable output.
    pub fn kind(&self) -> &'static str {
        match self {
            PriceError::InvalidUrl(_) => "invalid_url",
            PriceError::Unreachable(_) => "unreachable",
            PriceError::Timeout => "timeout",
            PriceError::Status(_) => "status",
            PriceError::TooLarge(_) => "too_large",
            PriceError::Malformed(_) => "malformed",
            PriceError::Refused(_) => "refused",
            PriceError::NotPublished => "not_published",
        }
    }
}
