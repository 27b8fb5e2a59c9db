//! Control from the window and the tray: the window's command arguments, the confirmation
//! text, and the outcome in plain words. Validation is the library's
//! ([`nestore::Command::check_limits`], [`nestore::ChargeRequest::check_against`]); this
//! module only translates.

use std::time::Duration;

use nestore::control::ValidationError;
use nestore::{ChargeRequest, Client, Command, Error};
use nestore_i18n::{capitalise, Args, Catalogue};
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

fn invalid(cat: &Catalogue, e: ValidationError) -> IpcError {
    IpcError::invalid(field_of(&e), capitalise(&e.message(cat)))
}

/// Validates against the limits and, for a start, against the last known state of
/// charge (the device is asked again when the command is sent); returns the sentence (in
/// the catalogue's language: the power in W, the target in % and the duration, exactly as
/// sent) and the bodies. The caller adds the token.
pub fn preview(
    cat: &Catalogue,
    args: CommandArgs,
    current_soc_pct: Option<f64>,
) -> Result<Preview, IpcError> {
    let cmd = args.command();
    cmd.check_limits().map_err(|e| invalid(cat, e))?;
    if let (Command::StartCharging(req), Some(soc)) = (cmd, current_soc_pct) {
        req.check_against(Some(soc)).map_err(|e| invalid(cat, e))?;
    }
    Ok(Preview {
        text: capitalise(&cmd.text(cat)),
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

/// What the device said after a command, in the catalogue's language.
pub fn outcome_message(cat: &Catalogue, args: CommandArgs, outcome: &nestore::Outcome) -> String {
    let state = outcome
        .state
        .clone()
        .unwrap_or_else(|| cat.label("control-state-none"));
    let args_state = Args::new().text("state", state);
    match (outcome.confirmed, args) {
        (true, CommandArgs::Auto) => cat.t("control-outcome-auto", &args_state),
        (true, _) => cat.t("control-outcome-confirmed", &args_state),
        (false, _) => match &outcome.readback_error {
            Some(e) => cat.t(
                "control-outcome-readback-failed",
                &Args::new().text("reason", e.clone()),
            ),
            None => cat.t("control-outcome-not-confirmed", &args_state),
        },
    }
}

/// Sends the command and says what came of it in the catalogue's language.
pub async fn execute(cat: &Catalogue, client: &Client, args: CommandArgs) -> OutcomeView {
    let at = chrono::Utc::now();
    match client.send(args.command()).await {
        Ok(o) => OutcomeView {
            ok: o.confirmed,
            sent: true,
            message: outcome_message(cat, args, &o),
            state: o.state,
            at,
        },
        Err(e) => OutcomeView {
            ok: false,
            sent: false,
            message: plain(cat, &e),
            state: None,
            at,
        },
    }
}

/// An error in words an owner can act on, in the catalogue's language
/// ([`nestore::Error::message`]).
pub fn plain(cat: &Catalogue, e: &Error) -> String {
    e.message(cat)
}

#[cfg(test)]
mod tests {
    use super::*;
    use nestore_i18n::Language;

    fn en() -> &'static Catalogue {
        Catalogue::get(Language::English)
    }

    fn nl() -> &'static Catalogue {
        Catalogue::get(Language::Dutch)
    }

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
            en(),
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
            en(),
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
        let e = preview(en(), CommandArgs::Stop { duration_min: 301 }, None).unwrap_err();
        assert!(e.message.starts_with("Duration 18060 s is outside"), "{e}");
        assert_eq!(e.field.as_deref(), Some("duration_min"));
        let e = preview(
            en(),
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
            plain(en(), &Error::Unauthorized),
            "The device refused the service password. Enter it again in Settings."
        );
        assert_eq!(
            plain(en(), &Error::NoPassword),
            "No service password is stored. Enter it in Settings."
        );
        assert_eq!(
            plain(en(), &Error::Rejected(ValidationError::PowerStep(1050))),
            "Not sent: power 1050 W is not a multiple of 100 W."
        );
        assert_eq!(
            plain(
                en(),
                &Error::MissingField {
                    field: nestore::Field::Pressure
                }
            ),
            "The device answers, but its reading lacks the system pressure."
        );
        assert_eq!(
            plain(
                en(),
                &Error::Status {
                    url: "http://h:1/x".into(),
                    status: 500
                }
            ),
            "Device answered HTTP 500 for http://h:1/x."
        );
    }

    #[test]
    fn preview_and_refusals_in_dutch_say_exactly_what_is_sent() {
        let start = CommandArgs::Start {
            power_w: 2400,
            target_soc_pct: 85,
            duration_min: 150,
        };
        let p = preview(nl(), start, Some(40.0)).unwrap();
        assert_eq!(
            p.text,
            "Elektrisch laden starten met 2400 W tot een laadtoestand van 85 %, hoogstens 2 uur en 30 min lang"
        );
        assert_eq!(p.bodies, preview(en(), start, Some(40.0)).unwrap().bodies);
        let stop = preview(nl(), CommandArgs::Stop { duration_min: 60 }, None).unwrap();
        assert_eq!(
            stop.text,
            "Elektrisch laden stoppen en het automatische schema 1 uur lang tegenhouden"
        );
        let e = preview(nl(), start, Some(85.4)).unwrap_err();
        assert_eq!(
            e.message,
            "Een doel van 85 % is niet hoger dan de huidige laadtoestand (85,4 %)"
        );
        assert_eq!(e.field.as_deref(), Some("target_soc_pct"));
        let e = preview(nl(), CommandArgs::Stop { duration_min: 20 }, None).unwrap_err();
        assert_eq!(
            e.message,
            "Een duur van 1200 s valt buiten 30 min tot 5 uur (1800-18000 s)"
        );
    }

    #[test]
    fn outcomes_in_each_language() {
        let confirmed = nestore::Outcome {
            state: Some("Charging Electrical Main".into()),
            confirmed: true,
            readback_error: None,
        };
        let start = CommandArgs::from_defaults(ChargeDefaults::default());
        assert_eq!(
            outcome_message(en(), start, &confirmed),
            "Confirmed by the device: \"Charging Electrical Main\"."
        );
        assert_eq!(
            outcome_message(nl(), start, &confirmed),
            "Bevestigd door je NEStore: \"Charging Electrical Main\"."
        );
        assert_eq!(
            outcome_message(nl(), CommandArgs::Auto, &confirmed),
            "Terug naar het automatische schema; je NEStore meldt \"Charging Electrical Main\"."
        );
        let unread = nestore::Outcome {
            state: None,
            confirmed: false,
            readback_error: Some("timed out".into()),
        };
        assert_eq!(
            outcome_message(en(), start, &unread),
            "Sent, but not confirmed: its state could not be read back (timed out)."
        );
        assert_eq!(
            outcome_message(nl(), start, &unread),
            "Verstuurd, maar niet bevestigd: de toestand kon niet worden teruggelezen (timed out)."
        );
        let still = nestore::Outcome {
            state: None,
            confirmed: false,
            readback_error: None,
        };
        assert_eq!(
            outcome_message(en(), start, &still),
            "Sent, but not confirmed: the device still reports \"no state reported\"."
        );
        assert_eq!(
            outcome_message(nl(), start, &still),
            "Verstuurd, maar niet bevestigd: je NEStore meldt nog steeds \"geen toestand doorgegeven\"."
        );
        assert_eq!(
            plain(nl(), &Error::NoPassword),
            "Er is geen servicewachtwoord opgeslagen. Vul het in bij Instellingen."
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
