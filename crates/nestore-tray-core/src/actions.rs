//! Control from the window and the tray: the window's command arguments, the confirmation
//! text, and the outcome in plain words. Validation is the library's
//! ([`nestore::Command::check_limits`], [`nestore::ChargeRequest::check_against`]); this
//! module only translates.

use std::time::Duration;

use nestore::control::ValidationError;
use nestore::{ChargeRequest, Client, Command, Error};
use serde::{Deserialize, Serialize};

use crate::error::IpcError;
use crate::settings::ChargeDefaults;

/// A command as the window sends it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum CommandArgs {
    Start {
        power_w: u32,
        target_soc_pct: u8,
        duration_min: u32,
    },
    Stop {
        duration_min: u32,
    },
    Auto,
}

fn minutes(m: u32) -> Duration {
    Duration::from_secs(u64::from(m) * 60)
}

impl CommandArgs {
    pub fn command(self) -> Command {
        match self {
            CommandArgs::Start {
                power_w,
                target_soc_pct,
                duration_min,
            } => Command::StartCharging(ChargeRequest {
                power_w,
                target_soc_pct,
                duration: minutes(duration_min),
            }),
            CommandArgs::Stop { duration_min } => Command::StopCharging {
                duration: minutes(duration_min),
            },
            CommandArgs::Auto => Command::ResumeAutomatic,
        }
    }

    pub fn from_defaults(d: ChargeDefaults) -> CommandArgs {
        CommandArgs::Start {
            power_w: d.power_w,
            target_soc_pct: d.target_soc_pct,
            duration_min: d.duration_min,
        }
    }
}

/// What a confirmation shows: the plain sentence and the exact bodies, and the token
/// that the send must carry (see [`crate::gate`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Preview {
    pub text: String,
    pub bodies: Vec<serde_json::Value>,
    pub token: String,
}

/// The command argument a validation error is about.
fn field_of(e: &ValidationError) -> &'static str {
    match e {
        ValidationError::PowerOutOfRange(_) | ValidationError::PowerStep(_) => "power_w",
        ValidationError::DurationOutOfRange(_) => "duration_min",
        ValidationError::TargetOutOfRange(_)
        | ValidationError::TargetNotAboveCurrent { .. }
        | ValidationError::CurrentSocUnknown => "target_soc_pct",
    }
}

fn invalid(e: ValidationError) -> IpcError {
    IpcError::invalid(field_of(&e), capitalise(&e.to_string()))
}

/// Validates against the limits and, for a start, against the last known state of
/// charge (the device is asked again when the command is sent); returns the sentence and
/// the bodies. The caller adds the token.
pub fn preview(args: CommandArgs, current_soc_pct: Option<f64>) -> Result<Preview, IpcError> {
    let cmd = args.command();
    cmd.check_limits().map_err(invalid)?;
    if let (Command::StartCharging(req), Some(soc)) = (cmd, current_soc_pct) {
        req.check_against(Some(soc)).map_err(invalid)?;
    }
    Ok(Preview {
        text: capitalise(&cmd.to_string()),
        bodies: cmd.bodies(),
        token: String::new(),
    })
}

/// The outcome of a command, as the window and notifications show it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OutcomeView {
    pub ok: bool,
    /// The device took the command (whether or not the read-back confirmed it).
    pub sent: bool,
    pub message: String,
    pub state: Option<String>,
    pub at: chrono::DateTime<chrono::Utc>,
}

pub async fn execute(client: &Client, args: CommandArgs) -> OutcomeView {
    let at = chrono::Utc::now();
    match client.send(args.command()).await {
        Ok(o) => {
            let state = o
                .state
                .clone()
                .unwrap_or_else(|| "no state reported".into());
            let message = match (o.confirmed, args) {
                (true, CommandArgs::Auto) => {
                    format!("Automatic operation resumed; the device reports \"{state}\".")
                }
                (true, _) => format!("Confirmed by the device: \"{state}\"."),
                (false, _) => match &o.readback_error {
                    Some(e) => {
                        format!("Sent, but not confirmed: its state could not be read back ({e}).")
                    }
                    None => {
                        format!("Sent, but not confirmed: the device still reports \"{state}\".")
                    }
                },
            };
            OutcomeView {
                ok: o.confirmed,
                sent: true,
                message,
                state: o.state,
                at,
            }
        }
        Err(e) => OutcomeView {
            ok: false,
            sent: false,
            message: plain(&e),
            state: None,
            at,
        },
    }
}

/// An error in words an owner can act on.
pub fn plain(e: &Error) -> String {
    match e {
        Error::Unauthorized => {
            "The device refused the service password. Enter it again in Settings.".into()
        }
        Error::NoPassword => "No service password is stored. Enter it in Settings.".into(),
        Error::Rejected(v) => format!("Not sent: {v}."),
        Error::MissingField { field } => {
            format!("The device answers, but its reading lacks the {field}.")
        }
        e => capitalise(&format!("{e}.")),
    }
}

/// The sentence with its first letter upper-case.
pub fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn window_json_maps_to_commands_and_unknown_fields_are_refused() {
        let a: CommandArgs = serde_json::from_str(
            r#"{"kind":"start","power_w":2000,"target_soc_pct":90,"duration_min":120}"#,
        )
        .unwrap();
        assert_eq!(a.command().bodies()[0]["lifetime"], 7200);
        assert!(serde_json::from_str::<CommandArgs>(
            r#"{"kind":"start","power_w":-1,"target_soc_pct":90,"duration_min":120}"#
        )
        .is_err());
        assert!(serde_json::from_str::<CommandArgs>(
            r#"{"kind":"stop","duration_min":120,"extra":1}"#
        )
        .is_err());
        assert!(serde_json::from_str::<CommandArgs>(r#"{"kind":"explode"}"#).is_err());
    }

    #[test]
    fn preview_says_what_is_sent_and_refuses_bad_commands() {
        let p = preview(
            CommandArgs::Start {
                power_w: 2000,
                target_soc_pct: 90,
                duration_min: 120,
            },
            Some(50.0),
        )
        .unwrap();
        assert_eq!(
            p.text,
            "Start electric charging at 2000 W up to 90 % for at most 2 h"
        );
        assert_eq!(p.bodies[0]["power"], 2000);
        let e = preview(
            CommandArgs::Start {
                power_w: 2000,
                target_soc_pct: 90,
                duration_min: 120,
            },
            Some(95.0),
        )
        .unwrap_err();
        assert!(e.message.contains("not above the current 95.0 %"), "{e}");
        assert_eq!(e.field.as_deref(), Some("target_soc_pct"));
        let e = preview(CommandArgs::Stop { duration_min: 301 }, None).unwrap_err();
        assert!(e.message.starts_with("Duration 18060 s is outside"), "{e}");
        assert_eq!(e.field.as_deref(), Some("duration_min"));
        let e = preview(
            CommandArgs::Start {
                power_w: 3500,
                target_soc_pct: 90,
                duration_min: 60,
            },
            None,
        )
        .unwrap_err();
        assert!(e.message.contains("3500 W"), "{e}");
        assert_eq!(e.field.as_deref(), Some("power_w"));
    }

    #[test]
    fn errors_are_told_in_words_an_owner_can_act_on() {
        assert_eq!(
            plain(&Error::Unauthorized),
            "The device refused the service password. Enter it again in Settings."
        );
        assert_eq!(
            plain(&Error::NoPassword),
            "No service password is stored. Enter it in Settings."
        );
        assert_eq!(
            plain(&Error::Rejected(ValidationError::PowerStep(1050))),
            "Not sent: power 1050 W is not a multiple of 100 W."
        );
        assert_eq!(
            plain(&Error::MissingField {
                field: nestore::Field::Pressure
            }),
            "The device answers, but its reading lacks the system pressure."
        );
        assert_eq!(
            plain(&Error::Status {
                url: "http://h:1/x".into(),
                status: 500
            }),
            "Device answered HTTP 500 for http://h:1/x."
        );
    }

    #[test]
    fn the_menu_s_start_uses_the_last_charge_settings() {
        let d = ChargeDefaults {
            power_w: 2500,
            target_soc_pct: 80,
            duration_min: 90,
        };
        assert_eq!(
            CommandArgs::from_defaults(d),
            CommandArgs::Start {
                power_w: 2500,
                target_soc_pct: 80,
                duration_min: 90
            }
        );
    }
}
