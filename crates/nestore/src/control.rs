//! Control commands (PROTOCOL.md, "Control endpoint"), validated against the documented
//! limits before anything is sent. The checks live here, in the library, so that every
//! front end (CLI, tray app) gets them whether or not its own UI checks too.

use std::fmt;
use std::ops::RangeInclusive;
use std::time::Duration;

use serde_json::{json, Value};

pub const START_TASK: &str = "ControlTask_ChargingElectrical_Start";
pub const STOP_TASK: &str = "ControlTask_ChargingElectrical_Stop";
pub const POWER_W: RangeInclusive<u32> = 1000..=3400;
pub const POWER_STEP_W: u32 = 100;
/// Task lifetime: "more than 1799 and less than 18001" seconds.
pub const LIFETIME_S: RangeInclusive<u64> = 1800..=18000;
pub const TARGET_SOC_PCT: RangeInclusive<u8> = 1..=100;
/// The lifetime the reference client sends when nothing else is asked for.
pub const DEFAULT_LIFETIME: Duration = Duration::from_secs(7200);

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ValidationError {
    #[error("power {0} W is outside 1000-3400 W")]
    PowerOutOfRange(u32),
    #[error("power {0} W is not a multiple of 100 W")]
    PowerStep(u32),
    #[error("duration {0} s is outside 30 min to 5 h (1800-18000 s)")]
    DurationOutOfRange(u64),
    #[error("{}", target_out_of_range(*.0))]
    TargetOutOfRange(u8),
    #[error("target state of charge {target} % is not above the current {current:.1} %")]
    TargetNotAboveCurrent { target: u8, current: f64 },
    #[error("the current state of charge is not known, so a target cannot be checked")]
    CurrentSocUnknown,
}

fn target_out_of_range(t: u8) -> String {
    let (lo, hi) = (*TARGET_SOC_PCT.start(), *TARGET_SOC_PCT.end());
    if t > hi {
        format!("target state of charge {t} % is above the {hi} % maximum")
    } else {
        format!("target state of charge {t} % is below the {lo} % minimum")
    }
}

/// Start electric charging.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChargeRequest {
    pub power_w: u32,
    pub target_soc_pct: u8,
    pub duration: Duration,
}

fn check_lifetime(d: Duration) -> Result<u64, ValidationError> {
    let s = d.as_secs();
    if LIFETIME_S.contains(&s) && d.subsec_nanos() == 0 {
        Ok(s)
    } else {
        Err(ValidationError::DurationOutOfRange(s))
    }
}

impl ChargeRequest {
    /// The limits that hold whatever the device's state.
    pub fn check_limits(&self) -> Result<(), ValidationError> {
        if !POWER_W.contains(&self.power_w) {
            return Err(ValidationError::PowerOutOfRange(self.power_w));
        }
        if !self.power_w.is_multiple_of(POWER_STEP_W) {
            return Err(ValidationError::PowerStep(self.power_w));
        }
        if !TARGET_SOC_PCT.contains(&self.target_soc_pct) {
            return Err(ValidationError::TargetOutOfRange(self.target_soc_pct));
        }
        check_lifetime(self.duration).map(drop)
    }

    /// The reference only starts when the target is above the current state of charge.
    pub fn check_against(&self, current_soc_pct: Option<f64>) -> Result<(), ValidationError> {
        let current = current_soc_pct.ok_or(ValidationError::CurrentSocUnknown)?;
        if f64::from(self.target_soc_pct) > current {
            Ok(())
        } else {
            Err(ValidationError::TargetNotAboveCurrent {
                target: self.target_soc_pct,
                current,
            })
        }
    }
}

/// What the device should do after a command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expectation {
    /// `control_state` names the electric charge.
    Charging,
    /// `control_state` names anything but the electric charge.
    NotCharging,
    /// Back to the device's own schedule, which may or may not charge: nothing to confirm
    /// beyond the device accepting the command.
    Automatic,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    StartCharging(ChargeRequest),
    /// Stop charging and block the automatic schedule for `duration`.
    StopCharging {
        duration: Duration,
    },
    /// Spin down the manual tasks so that the device returns to automatic operation.
    ResumeAutomatic,
}

impl Command {
    pub fn check_limits(&self) -> Result<(), ValidationError> {
        match self {
            Command::StartCharging(r) => r.check_limits(),
            Command::StopCharging { duration } => check_lifetime(*duration).map(drop),
            Command::ResumeAutomatic => Ok(()),
        }
    }

    /// The bodies to POST, in order. Only call after [`Command::check_limits`] passed.
    ///
    /// Resume spins down both known tasks: the device cannot tell which one is in force
    /// (a stop block and an idle device may look alike), and spinning down a task that
    /// is not in force is harmless.
    pub fn bodies(&self) -> Vec<Value> {
        match self {
            Command::StartCharging(r) => vec![json!({
                "TASK": START_TASK, "spin": true, "power": r.power_w, "soc": r.target_soc_pct,
                "persistent": true, "lifetime": r.duration.as_secs(),
            })],
            Command::StopCharging { duration } => vec![json!({
                "TASK": STOP_TASK, "spin": true, "persistent": true, "lifetime": duration.as_secs(),
            })],
            Command::ResumeAutomatic => vec![
                json!({"TASK": START_TASK, "spin": false}),
                json!({"TASK": STOP_TASK, "spin": false}),
            ],
        }
    }

    pub fn expectation(&self) -> Expectation {
        match self {
            Command::StartCharging(_) => Expectation::Charging,
            Command::StopCharging { .. } => Expectation::NotCharging,
            Command::ResumeAutomatic => Expectation::Automatic,
        }
    }
}

fn hm(d: Duration) -> String {
    let m = d.as_secs() / 60;
    match (m / 60, m % 60) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m} min"),
    }
}

/// Plain words for a confirmation prompt: exactly what will be asked of the device.
impl fmt::Display for Command {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Command::StartCharging(r) => write!(
                f,
                "start electric charging at {} W up to {} % for at most {}",
                r.power_w,
                r.target_soc_pct,
                hm(r.duration)
            ),
            Command::StopCharging { duration } => write!(
                f,
                "stop electric charging and block the automatic schedule for {}",
                hm(*duration)
            ),
            Command::ResumeAutomatic => {
                f.write_str("cancel manual tasks and resume automatic operation")
            }
        }
    }
}

/// What the device said after a command was sent. An `Outcome` always means the device
/// accepted the command ("sent"); a command that was not sent is an `Err` instead.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Outcome {
    /// `control_state` as read back after the command; `None` when not reported or when
    /// the read-back failed.
    pub state: Option<String>,
    /// The state read back is what the command asked for.
    pub confirmed: bool,
    /// Why the state could not be read back (then `confirmed` is false): sent, but not
    /// confirmed. `None` when the state was read.
    pub readback_error: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn start(power_w: u32, target: u8, secs: u64) -> Command {
        Command::StartCharging(ChargeRequest {
            power_w,
            target_soc_pct: target,
            duration: Duration::from_secs(secs),
        })
    }

    #[test]
    fn power_bounds_and_step() {
        assert_eq!(
            start(999, 90, 7200).check_limits(),
            Err(ValidationError::PowerOutOfRange(999))
        );
        assert_eq!(start(1000, 90, 7200).check_limits(), Ok(()));
        assert_eq!(start(3400, 90, 7200).check_limits(), Ok(()));
        assert_eq!(
            start(3401, 90, 7200).check_limits(),
            Err(ValidationError::PowerOutOfRange(3401))
        );
        assert_eq!(
            start(1050, 90, 7200).check_limits(),
            Err(ValidationError::PowerStep(1050))
        );
    }

    #[test]
    fn lifetime_bounds() {
        for (secs, ok) in [(1799, false), (1800, true), (18000, true), (18001, false)] {
            assert_eq!(start(2000, 90, secs).check_limits().is_ok(), ok, "{secs}");
            let stop = Command::StopCharging {
                duration: Duration::from_secs(secs),
            };
            assert_eq!(stop.check_limits().is_ok(), ok, "stop {secs}");
        }
        let frac = Command::StopCharging {
            duration: Duration::from_millis(1_800_500),
        };
        assert!(frac.check_limits().is_err());
    }

    #[test]
    fn target_bounds_and_current_soc() {
        assert_eq!(
            start(2000, 0, 7200).check_limits(),
            Err(ValidationError::TargetOutOfRange(0))
        );
        assert_eq!(
            start(2000, 101, 7200).check_limits(),
            Err(ValidationError::TargetOutOfRange(101))
        );
        assert_eq!(
            ValidationError::TargetOutOfRange(101).to_string(),
            "target state of charge 101 % is above the 100 % maximum"
        );
        assert_eq!(
            ValidationError::TargetOutOfRange(0).to_string(),
            "target state of charge 0 % is below the 1 % minimum"
        );
        let r = ChargeRequest {
            power_w: 2000,
            target_soc_pct: 60,
            duration: DEFAULT_LIFETIME,
        };
        assert!(r.check_against(Some(59.9)).is_ok());
        assert!(r.check_against(Some(60.0)).is_err());
        assert!(r.check_against(Some(75.0)).is_err());
        assert_eq!(
            r.check_against(None),
            Err(ValidationError::CurrentSocUnknown)
        );
    }

    #[test]
    fn bodies_match_the_golden_fixtures() {
        let fixture = |name: &str| -> Value {
            let path = format!("{}/../../tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
            serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
        };
        assert_eq!(
            start(2000, 90, 7200).bodies(),
            vec![fixture("task.start.json")]
        );
        let stop = Command::StopCharging {
            duration: DEFAULT_LIFETIME,
        };
        assert_eq!(stop.bodies(), vec![fixture("task.stop.json")]);
        assert_eq!(
            Command::ResumeAutomatic.bodies(),
            vec![
                fixture("task.start.spindown.json"),
                fixture("task.stop.spindown.json")
            ]
        );
    }

    #[test]
    fn describes_exactly_what_is_sent() {
        assert_eq!(
            start(2500, 90, 5400).to_string(),
            "start electric charging at 2500 W up to 90 % for at most 1 h 30 min"
        );
        assert_eq!(
            Command::StopCharging {
                duration: DEFAULT_LIFETIME
            }
            .to_string(),
            "stop electric charging and block the automatic schedule for 2 h"
        );
    }
}
