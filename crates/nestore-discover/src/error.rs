//! The one error type of a discovery. `Display` is English for logs; front ends match the
//! variants (or [`Error::kind`]) and say it in the owner's words.

use ipnet::Ipv4Net;

/// The smallest prefix length (the largest subnet) a sweep takes: a /24, 254 hosts.
pub const MAX_PREFIX_LEN: u8 = 24;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// A subnet given explicitly holds more than a /24 (256 addresses).
    #[error("subnet {subnet} is larger than a /{max}; give a /{max} or smaller", max = MAX_PREFIX_LEN)]
    SubnetTooLarge { subnet: Ipv4Net },
    /// Text that is no IPv4 subnet ([`crate::parse_subnet`]); the text as typed, escaped
    /// and cut to 64 characters.
    #[error("\"{0}\" is not an IPv4 subnet (like 192.168.1.0/24)")]
    NotASubnet(String),
    /// An option that cannot be used: `port` 0, `concurrency` 0, a zero `timeout` or
    /// `connect_timeout`. The field's name.
    #[error("discovery option {0} is out of range")]
    InvalidOption(&'static str),
    /// The computer's network interfaces could not be listed (for the default subnets).
    #[error("the network interfaces could not be listed: {0}")]
    Interfaces(String),
}

impl Error {
    /// A stable snake_case name of the kind of failure, for machine-readable output.
    pub fn kind(&self) -> &'static str {
        match self {
            Error::SubnetTooLarge { .. } => "subnet_too_large",
            Error::NotASubnet(_) => "not_a_subnet",
            Error::InvalidOption(_) => "invalid_option",
            Error::Interfaces(_) => "interfaces",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_the_subnet_and_the_limit() {
        let e = Error::SubnetTooLarge {
            subnet: "10.0.0.0/16".parse().unwrap(),
        };
        assert_eq!(
            e.to_string(),
            "subnet 10.0.0.0/16 is larger than a /24; give a /24 or smaller"
        );
        assert_eq!(e.kind(), "subnet_too_large");
        assert_eq!(Error::InvalidOption("port").kind(), "invalid_option");
        assert_eq!(Error::Interfaces("x".into()).kind(), "interfaces");
        assert_eq!(Error::NotASubnet("x".into()).kind(), "not_a_subnet");
    }
}
