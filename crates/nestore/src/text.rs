//! The library's errors and commands as the owner reads them, in the catalogue's language
//! (`nestore-i18n`, `app.ftl`, ids `device-*`), so that the tray app and the command line
//! say the same thing. This module picks the message and its values; the catalogue writes
//! the words and the numbers in the language's form. The `Display` impls stay English,
//! for logs and machine-readable output.

use nestore_i18n::{Args, Catalogue};

use crate::client::{AddressProblem, MAX_HOST_LEN, MAX_LABEL_LEN};
use crate::control::{Command, ValidationError, LIFETIME_S, POWER_STEP_W, POWER_W, TARGET_SOC_PCT};
use crate::error::Error;
use crate::reading::Field;

/// Whole minutes of a duration (command durations are whole minutes).
fn minutes(d: std::time::Duration) -> i64 {
    i64::try_from(d.as_secs() / 60).unwrap_or(i64::MAX)
}

impl Command {
    /// Exactly what will be asked of the device, for a confirmation prompt, as a clause
    /// starting lower-case ("start electric charging at 2000 W up to 90 % for at most
    /// 2 h"): the power in W, the target in % and the duration, as sent.
    pub fn text(&self, cat: &Catalogue) -> String {
        match self {
            Command::StartCharging(r) => cat.t(
                "device-command-start",
                &Args::new()
                    .int("power", i64::from(r.power_w))
                    .int("target", i64::from(r.target_soc_pct))
                    .minutes("duration", minutes(r.duration)),
            ),
            Command::StopCharging { duration } => cat.t(
                "device-command-stop",
                &Args::new().minutes("duration", minutes(*duration)),
            ),
            Command::ResumeAutomatic => cat.label("device-command-auto"),
        }
    }
}

impl ValidationError {
    /// Why a command is refused, as a clause starting lower-case ("power 1050 W is not a
    /// multiple of 100 W"): the caller puts it in a sentence.
    pub fn message(&self, cat: &Catalogue) -> String {
        let (lo, hi) = (*TARGET_SOC_PCT.start(), *TARGET_SOC_PCT.end());
        match *self {
            ValidationError::PowerOutOfRange(p) => cat.t(
                "device-invalid-power-range",
                &Args::new()
                    .int("power", i64::from(p))
                    .int("min", i64::from(*POWER_W.start()))
                    .int("max", i64::from(*POWER_W.end())),
            ),
            ValidationError::PowerStep(p) => cat.t(
                "device-invalid-power-step",
                &Args::new()
                    .int("power", i64::from(p))
                    .int("step", i64::from(POWER_STEP_W)),
            ),
            ValidationError::DurationOutOfRange(s) => cat.t(
                "device-invalid-duration",
                &Args::new()
                    .int("secs", i64::try_from(s).unwrap_or(i64::MAX))
                    .minutes(
                        "shortest",
                        i64::try_from(*LIFETIME_S.start() / 60).unwrap_or(0),
                    )
                    .minutes(
                        "longest",
                        i64::try_from(*LIFETIME_S.end() / 60).unwrap_or(0),
                    )
                    .int("min", i64::try_from(*LIFETIME_S.start()).unwrap_or(0))
                    .int("max", i64::try_from(*LIFETIME_S.end()).unwrap_or(0)),
            ),
            ValidationError::TargetOutOfRange(t) if t > hi => cat.t(
                "device-invalid-target-above-max",
                &Args::new()
                    .int("target", i64::from(t))
                    .int("max", i64::from(hi)),
            ),
            ValidationError::TargetOutOfRange(t) => cat.t(
                "device-invalid-target-below-min",
                &Args::new()
                    .int("target", i64::from(t))
                    .int("min", i64::from(lo)),
            ),
            ValidationError::TargetNotAboveCurrent { target, current } => cat.t(
                "device-invalid-target-not-above",
                &Args::new()
                    .int("target", i64::from(target))
                    .decimal("soc", current, 1),
            ),
            ValidationError::CurrentSocUnknown => cat.label("device-invalid-soc-unknown"),
        }
    }
}

impl AddressProblem {
    /// Why the address cannot be used, as a clause starting lower-case ("the host is
    /// empty: give the device's host name or IP address").
    pub fn message(&self, cat: &Catalogue) -> String {
        match self {
            AddressProblem::Empty => cat.label("device-address-empty"),
            AddressProblem::TooLong(n) => cat.t(
                "device-address-too-long",
                &Args::new()
                    .int("length", i64::try_from(*n).unwrap_or(i64::MAX))
                    .int("max", MAX_HOST_LEN as i64),
            ),
            AddressProblem::NotAHost(shown, None) => cat.t(
                "device-address-not-a-host",
                &Args::new().text("host", shown.clone()),
            ),
            AddressProblem::NotAHost(shown, Some(reason)) => cat.t(
                "device-address-not-a-host-because",
                &Args::new()
                    .text("host", shown.clone())
                    .text("reason", reason.clone()),
            ),
            AddressProblem::PortZero => cat.label("device-address-port-zero"),
            AddressProblem::IncludesPort { shown, name, port } => cat.t(
                "device-address-includes-port",
                &Args::new()
                    .text("host", shown.clone())
                    .text("name", name.clone())
                    .text("port", port.clone()),
            ),
            AddressProblem::LabelTooLong(start) => cat.t(
                "device-address-label-too-long",
                &Args::new()
                    .text("start", start.clone())
                    .int("max", MAX_LABEL_LEN as i64),
            ),
        }
    }
}

impl Field {
    /// The value's name as a sentence names it: "state of charge", "de laadtoestand".
    pub fn label(self, cat: &Catalogue) -> String {
        let id = match self {
            Field::Soc => "device-field-soc",
            Field::SocTotal => "device-field-soc-total",
            Field::StoredEnergy => "device-field-stored-energy",
            Field::HotWaterFlow => "device-field-hot-water-flow",
            Field::HeaterPower => "device-field-heater-power",
            Field::Pressure => "device-field-pressure",
            Field::HeaterOutlet => "device-field-heater-outlet",
            Field::VesselZone(n) => {
                return cat.t(
                    "device-field-vessel-zone",
                    &Args::new().int("zone", i64::from(n)),
                )
            }
            Field::HotWaterEnergyTotal => "device-field-hot-water-energy-total",
            Field::ChargingEnergyTotal => "device-field-charging-energy-total",
            Field::HotWaterVolumeTotal => "device-field-hot-water-volume-total",
        };
        cat.label(id)
    }
}

impl Error {
    /// The error as one sentence an owner can act on, in the catalogue's language: "The
    /// device refused the service password. Enter it again in Settings."
    pub fn message(&self, cat: &Catalogue) -> String {
        match self {
            Error::Unreachable { url, reason } => cat.t(
                "device-error-unreachable",
                &Args::new()
                    .text("url", url.clone())
                    .text("reason", reason.clone()),
            ),
            Error::Timeout { url, secs } => cat.t(
                "device-error-timeout",
                &Args::new()
                    .text("url", url.clone())
                    .decimal("secs", *secs, 1),
            ),
            Error::Status { url, status } => cat.t(
                "device-error-status",
                &Args::new()
                    .text("url", url.clone())
                    .int("status", i64::from(*status)),
            ),
            Error::Redirected { url, status } => cat.t(
                "device-error-redirected",
                &Args::new()
                    .text("url", url.clone())
                    .int("status", i64::from(*status)),
            ),
            Error::CommandTimeout { secs, maybe_sent } => cat.t(
                if *maybe_sent {
                    "device-error-command-timeout-maybe-sent"
                } else {
                    "device-error-command-timeout-not-sent"
                },
                &Args::new().decimal("secs", *secs, 1),
            ),
            Error::Malformed { url, reason } => cat.t(
                "device-error-malformed",
                &Args::new()
                    .text("url", url.clone())
                    .text("reason", reason.clone()),
            ),
            Error::MissingField { field } => cat.t(
                "device-error-missing-field",
                &Args::new().text("field", field.label(cat)),
            ),
            Error::Unauthorized => cat.label("device-error-unauthorized"),
            Error::NoPassword => cat.label("device-error-no-password"),
            Error::Rejected(v) => cat.t(
                "device-error-rejected",
                &Args::new().text("reason", v.message(cat)),
            ),
            Error::UnknownApi { url } => cat.t(
                "device-error-unknown-api",
                &Args::new().text("url", url.clone()),
            ),
            Error::BadAddress(reason) => cat.t(
                "device-error-bad-address",
                &Args::new().text("reason", reason.clone()),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use nestore_i18n::Language;

    use super::*;
    use crate::control::ChargeRequest;

    fn en() -> &'static Catalogue {
        Catalogue::get(Language::English)
    }

    fn nl() -> &'static Catalogue {
        Catalogue::get(Language::Dutch)
    }

    fn start(power_w: u32, target: u8, secs: u64) -> Command {
        Command::StartCharging(ChargeRequest {
            power_w,
            target_soc_pct: target,
            duration: Duration::from_secs(secs),
        })
    }

    #[test]
    fn a_command_reads_exactly_what_is_sent_in_each_language() {
        let c = start(2500, 90, 5400);
        // The English matches the library's own words (logs, the CLI).
        assert_eq!(c.text(en()), c.to_string());
        assert_eq!(
            c.text(nl()),
            "elektrisch laden starten met 2500 W tot een laadtoestand van 90 %, hoogstens 1 uur en 30 min lang"
        );
        let stop = Command::StopCharging {
            duration: Duration::from_secs(7200),
        };
        assert_eq!(stop.text(en()), stop.to_string());
        assert_eq!(
            stop.text(nl()),
            "elektrisch laden stoppen en het automatische schema 2 uur lang tegenhouden"
        );
        assert_eq!(
            Command::ResumeAutomatic.text(en()),
            Command::ResumeAutomatic.to_string()
        );
        assert!(Command::ResumeAutomatic
            .text(nl())
            .contains("het automatische schema"));
    }

    #[test]
    fn each_validation_error_reads_as_its_display_in_english() {
        for e in [
            ValidationError::PowerOutOfRange(3500),
            ValidationError::PowerStep(1050),
            ValidationError::DurationOutOfRange(18060),
            ValidationError::TargetOutOfRange(0),
            ValidationError::TargetOutOfRange(101),
            ValidationError::TargetNotAboveCurrent {
                target: 90,
                current: 95.0,
            },
            ValidationError::CurrentSocUnknown,
        ] {
            assert_eq!(e.message(en()), e.to_string());
            assert_ne!(e.message(nl()), e.to_string(), "{e}");
        }
        let e = ValidationError::TargetNotAboveCurrent {
            target: 90,
            current: 95.26,
        };
        assert_eq!(
            e.message(nl()),
            "een doel van 90 % is niet hoger dan de huidige laadtoestand (95,3 %)"
        );
        assert_eq!(
            ValidationError::PowerStep(1050).message(nl()),
            "een vermogen van 1050 W is geen veelvoud van 100 W"
        );
    }

    #[test]
    fn device_errors_are_told_in_the_owner_s_language() {
        assert_eq!(
            Error::Unauthorized.message(en()),
            "The device refused the service password. Enter it again in Settings."
        );
        assert_eq!(
            Error::Unauthorized.message(nl()),
            "Je NEStore weigerde het servicewachtwoord. Vul het opnieuw in bij Instellingen."
        );
        let timeout = Error::Timeout {
            url: "http://h:1/".into(),
            secs: 9.96,
        };
        assert_eq!(
            timeout.message(en()),
            "Device did not answer within 10.0 s (http://h:1/)."
        );
        assert_eq!(
            timeout.message(nl()),
            "Je NEStore antwoordde niet binnen 10,0 s (http://h:1/)."
        );
        let missing = Error::MissingField { field: Field::Soc };
        assert_eq!(
            missing.message(en()),
            "The device answers, but its reading lacks the state of charge."
        );
        assert_eq!(
            missing.message(nl()),
            "Je NEStore antwoordt, maar in de meting ontbreekt de laadtoestand."
        );
        let rejected = Error::Rejected(ValidationError::PowerOutOfRange(3500));
        assert_eq!(
            rejected.message(en()),
            "Not sent: power 3500 W is outside 1000-3400 W."
        );
        assert_eq!(
            rejected.message(nl()),
            "Niet verstuurd: een vermogen van 3500 W valt buiten 1000-3400 W."
        );
        let late = Error::CommandTimeout {
            secs: 30.0,
            maybe_sent: true,
        };
        assert_eq!(late.message(en()), format!("{}.", capitalised(&late)));
    }

    /// The library's own (English) words as a sentence.
    fn capitalised(e: &Error) -> String {
        nestore_i18n::capitalise(&e.to_string())
    }

    #[test]
    fn every_error_has_words_in_both_languages() {
        for e in crate::error::every_kind_of_error() {
            for cat in [en(), nl()] {
                let text = e.message(cat);
                assert!(!text.starts_with("device-"), "{text}");
                assert!(!text.contains('{'), "{text}");
            }
            // Where the owner needs no other advice, the English is the library's own words
            // as a sentence.
            let own_words = matches!(
                e,
                Error::Unreachable { .. }
                    | Error::Status { .. }
                    | Error::Redirected { .. }
                    | Error::CommandTimeout { .. }
                    | Error::Malformed { .. }
                    | Error::UnknownApi { .. }
                    | Error::BadAddress(_)
            );
            if own_words {
                assert_eq!(e.message(en()), format!("{}.", capitalised(&e)), "{e:?}");
            }
        }
    }

    #[test]
    fn address_problems_read_as_their_display_in_english() {
        for (host, port) in [
            ("", 1),
            ("a b", 1),
            ("h", 0),
            ("127.0.0.1:4805", 4805),
            ("[::1]:4805", 4805),
        ] {
            let p = crate::client::address(host, port).unwrap_err();
            assert_eq!(p.message(en()), p.to_string());
            assert_ne!(p.message(nl()), p.to_string());
        }
        let long = "a".repeat(300);
        let p = crate::client::address(&long, 1).unwrap_err();
        assert_eq!(p.message(en()), p.to_string());
        let label = format!("{}.example", "b".repeat(70));
        let p = crate::client::address(&label, 1).unwrap_err();
        assert_eq!(p.message(en()), p.to_string());
        let p = crate::client::address("127.0.0.1:4805", 4805).unwrap_err();
        assert_eq!(
            p.message(nl()),
            "\"127.0.0.1:4805\" bevat een poort: vul 127.0.0.1 in als adres en 4805 als poort"
        );
    }

    #[test]
    fn every_field_has_a_name_in_both_languages() {
        for f in [
            Field::Soc,
            Field::SocTotal,
            Field::StoredEnergy,
            Field::HotWaterFlow,
            Field::HeaterPower,
            Field::Pressure,
            Field::HeaterOutlet,
            Field::VesselZone(3),
            Field::HotWaterEnergyTotal,
            Field::ChargingEnergyTotal,
            Field::HotWaterVolumeTotal,
        ] {
            assert_eq!(f.label(en()), f.to_string());
            assert!(!f.label(nl()).starts_with("device-"), "{f:?}");
        }
        assert_eq!(
            Field::VesselZone(3).label(nl()),
            "de temperatuur in zone 3 van het vat"
        );
    }
}
