//! Simulator configuration and the ranges it accepts (speed, charge, pressure): plain data
//! and checks that may not touch a running simulator.

use std::fmt;
use std::str::FromStr;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::error::ParseError;
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

/// Fastest simulated clock, in simulated seconds per real second (about 28 simulated hours
/// a second; catching up then costs the model about 1 ms of CPU per real second, some 10 ms
/// unoptimised).
pub const MAX_SPEED: f64 = 100_000.0;

/// What the pressure sensor can report, in bar (the range a reading counts as plausible).
pub const PRESSURE_RANGE_BAR: (f64, f64) = (0.0, 10.0);

/// `speed` if it is a usable clock rate: 0 (frozen) up to [`MAX_SPEED`].
pub fn check_speed(speed: f64) -> Result<f64, String> {
    if (0.0..=MAX_SPEED).contains(&speed) {
        Ok(speed)
    } else {
        Err(format!(
            "speed must be from 0 (frozen clock) to {MAX_SPEED} simulated seconds per second, not {speed:?}"
        ))
    }
}

/// `pct` if it is a state of charge: 0 to 100 %.
pub fn check_soc(pct: f64) -> Result<f64, String> {
    if (0.0..=100.0).contains(&pct) {
        Ok(pct)
    } else {
        Err(format!(
            "state of charge must be from 0 to 100 %, not {pct:?}"
        ))
    }
}

/// `bar` if the pressure sensor can report it: within [`PRESSURE_RANGE_BAR`].
pub fn check_pressure(bar: f64) -> Result<f64, String> {
    let (lo, hi) = PRESSURE_RANGE_BAR;
    if (lo..=hi).contains(&bar) {
        Ok(bar)
    } else {
        Err(format!(
            "pressure must be from {lo} to {hi} bar, not {bar:?}"
        ))
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
    /// Simulated seconds per real second, 0 ..= [`MAX_SPEED`]; 0.0 freezes the clock (only
    /// `advance()` moves it). `SimHandle::set_speed` changes it at run time.
    pub speed: f64,
    pub scenario: Scenario,
    pub seed: u64,
    pub initial_soc_pct: f64,
    /// Simulated clock at start, seconds after midnight.
    pub start_time_of_day_s: u32,
}

impl SimConfig {
    /// Whether a simulator can start with these values; the error names the first that
    /// cannot (speed, initial charge, or a zero token lifetime).
    pub fn validate(&self) -> Result<(), String> {
        check_speed(self.speed)?;
        check_soc(self.initial_soc_pct)?;
        if self.token_lifetime.is_zero() {
            return Err("token lifetime must be longer than 0".into());
        }
        Ok(())
    }
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
