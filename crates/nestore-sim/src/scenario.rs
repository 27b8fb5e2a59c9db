//! The names of the simulated device's run-time switchable behaviours, which may not
//! implement them (the model, the device routes and the shared state do).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::error::ParseError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Scenario {
    /// Healthy device.
    #[default]
    Normal,
    /// Pressure falls slowly; draws and charging suspended so SOC stays steady.
    Leak,
    /// Pressure ramps up to ~3.7 bar within about a simulated hour.
    OverPressure,
    /// PRES_SYS alternately missing, -1.0, 99.9 and "NaN".
    SensorFault,
    /// Device port closed: connections refused.
    OfflineRefuse,
    /// Device requests never answer (until the scenario changes).
    OfflineHang,
    /// ~30 % of device requests fail in one of several ways.
    Flaky,
    /// Tokens expire after ~2 simulated minutes.
    TokenExpiry,
}

impl Scenario {
    pub const ALL: [Scenario; 8] = [
        Scenario::Normal,
        Scenario::Leak,
        Scenario::OverPressure,
        Scenario::SensorFault,
        Scenario::OfflineRefuse,
        Scenario::OfflineHang,
        Scenario::Flaky,
        Scenario::TokenExpiry,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Scenario::Normal => "normal",
            Scenario::Leak => "leak",
            Scenario::OverPressure => "over_pressure",
            Scenario::SensorFault => "sensor_fault",
            Scenario::OfflineRefuse => "offline_refuse",
            Scenario::OfflineHang => "offline_hang",
            Scenario::Flaky => "flaky",
            Scenario::TokenExpiry => "token_expiry",
        }
    }
}

impl fmt::Display for Scenario {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Scenario {
    type Err = ParseError;
    /// Accepts the snake_case names; `-` is taken as `_` for command-line comfort.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let norm = s.trim().to_ascii_lowercase().replace('-', "_");
        Scenario::ALL
            .into_iter()
            .find(|sc| sc.name() == norm)
            .ok_or_else(|| ParseError {
                what: "scenario",
                value: s.to_owned(),
                expected: "normal, leak, over_pressure, sensor_fault, offline_refuse, offline_hang, flaky or token_expiry",
            })
    }
}
