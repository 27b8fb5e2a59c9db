//! Simulator configuration.

use std::fmt;
use std::str::FromStr;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::scenario::Scenario;

/// Which firmware generation's path family the simulator serves; all other paths 404.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum ApiVersion {
    V1,
    V2,
    #[default]
    V3,
}

/// The device paths of one API version (leading slash included).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ApiPaths {
    pub engineering: &'static str,
    pub control_state: &'static str,
    pub configuration_active: &'static str,
    pub request_token: &'static str,
    pub control: &'static str,
    /// Only v3 documents these two (content unknown).
    pub measured: Option<&'static str>,
    pub settings_input: Option<&'static str>,
}

impl ApiVersion {
    pub const ALL: [ApiVersion; 3] = [ApiVersion::V1, ApiVersion::V2, ApiVersion::V3];

    pub fn paths(self) -> ApiPaths {
        match self {
            ApiVersion::V3 => ApiPaths {
                engineering: "/api/v3/data/engineering",
                control_state: "/api/v3/data/control_state",
                configuration_active: "/api/v3/configuration/active",
                request_token: "/api/v3/auth/requesttoken",
                control: "/api/v3/control/task",
                measured: Some("/api/v3/data/measured"),
                settings_input: Some("/api/v3/configuration/settings/input"),
            },
            ApiVersion::V2 => ApiPaths {
                engineering: "/api/v2/data/engineering",
                control_state: "/api/v2/data/controller",
                configuration_active: "/api/v2/configuration/active",
                request_token: "/api/v2/auth/requesttoken",
                control: "/api/v2/controller/task",
                measured: None,
                settings_input: None,
            },
            ApiVersion::V1 => ApiPaths {
                engineering: "/api/v1/data/engineering",
                control_state: "/api/v1/data/controller",
                configuration_active: "/api/v1/configuration/installer/active",
                request_token: "/api/v1/auth/requesttoken",
                control: "/api/v1/controller/flags",
                measured: None,
                settings_input: None,
            },
        }
    }

    pub fn number(self) -> u8 {
        match self {
            ApiVersion::V1 => 1,
            ApiVersion::V2 => 2,
            ApiVersion::V3 => 3,
        }
    }
}

impl fmt::Display for ApiVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "v{}", self.number())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {what} {value:?} (expected {expected})")]
pub struct ParseError {
    pub what: &'static str,
    pub value: String,
    pub expected: &'static str,
}

impl FromStr for ApiVersion {
    type Err = ParseError;
    /// Accepts `3`, `v3`, `V3` (and likewise 1, 2).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().trim_start_matches(['v', 'V']) {
            "1" => Ok(ApiVersion::V1),
            "2" => Ok(ApiVersion::V2),
            "3" => Ok(ApiVersion::V3),
            _ => Err(ParseError {
                what: "API version",
                value: s.to_owned(),
                expected: "1, 2 or 3",
            }),
        }
    }
}

/// Shape of the token reply: the reference device answers with a bare JSON string.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum TokenForm {
    /// `"abc..."`
    #[default]
    #[serde(rename = "bare")]
    BareString,
    /// `{"token": "abc..."}`
    #[serde(rename = "object")]
    Object,
}

impl fmt::Display for TokenForm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TokenForm::BareString => "bare",
            TokenForm::Object => "object",
        })
    }
}

impl FromStr for TokenForm {
    type Err = ParseError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim() {
            "bare" | "string" => Ok(TokenForm::BareString),
            "object" => Ok(TokenForm::Object),
            _ => Err(ParseError {
                what: "token form",
                value: s.to_owned(),
                expected: "bare or object",
            }),
        }
    }
}

/// Everything needed to start a simulator.
#[derive(Debug, Clone)]
pub struct SimConfig {
    /// Service password in clear; the sim compares its SHA-256 lower-case hex.
    pub password: String,
    pub api_version: ApiVersion,
    pub token_form: TokenForm,
    /// Token lifetime in simulated time.
    pub token_lifetime: Duration,
    /// Simulated seconds per real second; 0.0 freezes the clock (only `advance()` moves it).
    pub speed: f64,
    pub scenario: Scenario,
    pub seed: u64,
    pub initial_soc_pct: f64,
    /// Simulated clock at start, seconds after midnight.
    pub start_time_of_day_s: u32,
}

impl Default for SimConfig {
    fn default() -> Self {
        SimConfig {
            password: "nestore".to_owned(),
            api_version: ApiVersion::V3,
            token_form: TokenForm::BareString,
            token_lifetime: Duration::from_secs(3600),
            speed: 1.0,
            scenario: Scenario::Normal,
            seed: 1,
            initial_soc_pct: 63.0,
            start_time_of_day_s: 12 * 3600,
        }
    }
}
