//! Command-line options of the app. Every value is checked here, so a bad one is a usage
//! error (exit 2) before anything starts. The help texts and the usage errors are the
//! catalogue's (`cli-app-help` and the shared `cli-help-*` / `cli-usage-*` words of
//! `cli.ftl`, through `nestore_i18n::clap_words`), in the environment's language: the
//! settings, which may choose another, are read only once the options are known.

use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::Duration;

use clap::CommandFactory;
use nestore_i18n::clap_words::{self, Reason};
use nestore_i18n::{Catalogue, Language};

/// `--poll-interval` bounds: a floor of 1 s for tests and demos, a day at most.
pub const MIN_POLL: Duration = Duration::from_secs(1);
pub const MAX_POLL: Duration = Duration::from_secs(24 * 3600);

/// The message of the command line's words: its about text, its options' help by id.
const WORDS: &str = "cli-app-help";

#[derive(clap::Parser, Debug, Clone)]
/// The doc comments say what each option is for the code's readers; the owner reads the
/// catalogue's words (`cli-app-help.<option>`).
#[command(name = "nestore-tray", version)]
pub struct Args {
    /// Use the built-in simulated device (started in-process on loopback).
    #[arg(long)]
    pub demo: bool,
    /// Keep settings in DIR instead of the platform config directory.
    #[arg(long, value_name = "DIR")]
    pub config_dir: Option<PathBuf>,
    /// Keep the history in DIR instead of the platform data directory.
    #[arg(long, value_name = "DIR", env = "NESTORE_DATA_DIR")]
    pub data_dir: Option<PathBuf>,
    /// Use this device for this run, overriding the settings (a name or an IP address).
    #[arg(long, value_parser = host)]
    pub host: Option<String>,
    /// Port of the device given with --host (default: the settings' port, 4805).
    #[arg(long, value_parser = port)]
    pub port: Option<u16>,
    /// Open the window at start.
    #[arg(long)]
    pub open: bool,
    /// Poll at this interval for this run (1s to 24h, e.g. 5s), overriding the settings and
    /// their 60 s minimum: for tests and demos on the simulated device; a real device is slow.
    #[arg(long, value_parser = poll_interval)]
    pub poll_interval: Option<Duration>,
    /// The device's clock runs N times faster than real time (a simulator started with
    /// --speed N): the pressure watch then counts hours in the device's time.
    #[arg(long, value_name = "N", default_value_t = 1.0, value_parser = positive)]
    pub time_scale: f64,
    /// "Find my NEStore" sweeps only this subnet (repeatable; at most a /24 each), without
    /// names or mDNS: for tests on loopback.
    #[arg(long, value_name = "CIDR", value_parser = subnet)]
    pub discover_subnet: Vec<nestore_discover::Ipv4Net>,
    /// The port "Find my NEStore" tries with --discover-subnet (default 4805).
    #[arg(long, value_name = "PORT", value_parser = port, requires = "discover_subnet")]
    pub discover_port: Option<u16>,
    /// Ask this address for the day-ahead prices instead of EnergyZero's (http or https):
    /// for tests, with a price server on loopback.
    #[arg(long, value_name = "URL", value_parser = price_url, env = "NESTORE_PRICE_URL")]
    pub price_url: Option<String>,
    /// Ask this address for `latest.json` instead of the project's releases: for tests, with
    /// an update server on loopback (only a loopback address is taken; a release build, as
    /// the updater wants, asks only over https, a development build over http too).
    #[arg(long, value_name = "URL", value_parser = update_url)]
    pub update_url: Option<tauri::Url>,
    /// Check update packages against this public key (minisign, base64 as in
    /// `tauri.conf.json`) instead of the project's: for tests, with a key they made; only
    /// with a loopback --update-url, so no other server's packages are ever trusted by it.
    #[arg(long, value_name = "KEY", value_parser = update_pubkey, requires = "update_url")]
    pub update_pubkey: Option<String>,
    /// The quiet daily check for updates in this run even in a development build (tests),
    /// at once when due rather than some minutes after start.
    #[arg(long, conflicts_with = "no_update_check")]
    pub update_check: bool,
    /// No quiet daily check for updates in this run ("Check for updates" still works).
    #[arg(long)]
    pub no_update_check: bool,
}

impl Args {
    /// This process's command line. Help and the version are printed and the process
    /// exits 0; a command line that cannot be run is told on standard error and the
    /// process exits 2.
    pub fn from_env() -> Args {
        let cat = environment();
        clap_words::parse_or_exit(&mut command(cat), cat, std::env::args_os())
    }
}

/// The command line in the words of `cat`, built.
fn command(cat: &Catalogue) -> clap::Command {
    clap_words::command(Args::command(), cat, WORDS)
}

/// The catalogue in the environment's language (`LANGUAGE`, `LC_ALL`, `LC_MESSAGES`,
/// `LANG`), looked up once.
fn environment() -> &'static Catalogue {
    static LANGUAGE: OnceLock<Language> = OnceLock::new();
    Catalogue::get(*LANGUAGE.get_or_init(Language::system))
}

fn positive(s: &str) -> Result<f64, Reason> {
    match s.trim().parse::<f64>() {
        Ok(v) if v.is_finite() && v > 0.0 && v <= 100_000.0 => Ok(v),
        _ => Err(Reason::label("cli-app-parse-time-scale")),
    }
}

fn poll_interval(s: &str) -> Result<Duration, Reason> {
    let d =
        humantime::parse_duration(s.trim()).map_err(|_| Reason::label("cli-parse-not-duration"))?;
    if (MIN_POLL..=MAX_POLL).contains(&d) {
        Ok(d)
    } else {
        Err(Reason::label("cli-parse-interval-range"))
    }
}

fn port(s: &str) -> Result<u16, Reason> {
    match s.trim().parse::<u16>() {
        Ok(n) if n >= 1 => Ok(n),
        _ => Err(Reason::label("cli-parse-port")),
    }
}

/// A subnet to sweep, as the command line's `discover --subnet` takes it.
fn subnet(s: &str) -> Result<nestore_discover::Ipv4Net, Reason> {
    nestore_discover::parse_subnet(s).map_err(|e| match e {
        nestore_discover::Error::SubnetTooLarge { .. } => Reason::new(|cat| {
            let max = i64::from(nestore_discover::MAX_PREFIX_LEN);
            cat.t(
                "cli-parse-subnet-too-large",
                &nestore_i18n::Args::new().int("max", max),
            )
        }),
        _ => Reason::label("cli-parse-subnet"),
    })
}

/// A price source's address: one the EnergyZero client takes (http or https, a host).
fn price_url(s: &str) -> Result<String, Reason> {
    match nestore_prices::EnergyZero::new(s.trim()) {
        Ok(_) => Ok(s.trim().to_owned()),
        Err(_) => Err(Reason::label("cli-app-parse-price-url")),
    }
}

/// An update server's address on loopback (tests): http or https, a loopback host.
fn update_url(s: &str) -> Result<tauri::Url, Reason> {
    let refused = || Reason::label("cli-app-parse-update-url");
    let url = tauri::Url::parse(s.trim()).map_err(|_| refused())?;
    let loopback = url.host_str().is_some_and(|h| {
        h.eq_ignore_ascii_case("localhost")
            || h.trim_matches(['[', ']'])
                .parse::<std::net::IpAddr>()
                .is_ok_and(|ip| ip.is_loopback())
    });
    match (url.scheme(), loopback) {
        ("http" | "https", true) => Ok(url),
        _ => Err(refused()),
    }
}

/// A minisign public key as `tauri.conf.json` holds it: base64 of the key file's text.
fn update_pubkey(s: &str) -> Result<String, Reason> {
    let key = s.trim();
    let base64 = key
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'='));
    // "untrusted comment: minisign public key: …" and the key line: about 150 characters.
    if base64 && (100..=1024).contains(&key.len()) && key.starts_with("dW50cnVzdGVkIGNvbW1lbnQ6") {
        Ok(key.to_owned())
    } else {
        Err(Reason::label("cli-app-parse-update-pubkey"))
    }
}

/// The same check the settings use: a name or an address the client can talk to.
fn host(s: &str) -> Result<String, Reason> {
    match nestore::client::address(s, nestore::DEFAULT_PORT) {
        Ok(_) => Ok(s.trim().to_owned()),
        Err(problem) => Err(Reason::new(move |cat| problem.message(cat))),
    }
}

#[cfg(test)]
mod tests {
    use std::ffi::OsString;

    use super::*;

    #[test]
    fn every_option_has_its_help_in_both_languages() {
        for l in Language::ALL {
            let missing = clap_words::missing_help(&Args::command(), Catalogue::get(l), WORDS);
            assert!(missing.is_empty(), "{l:?}: no help text for {missing:?}");
            command(Catalogue::get(l)).debug_assert();
        }
    }

    #[test]
    fn the_help_is_in_the_catalogues_words() {
        let nl = command(Catalogue::get(Language::Dutch))
            .render_help()
            .to_string();
        for dutch in [
            "NEStore-waterbatterij in het systeemvak",
            "Gebruik: nestore-tray",
            "Opties:",
            "Toon de hulp",
            "--poll-interval",
        ] {
            assert!(nl.contains(dutch), "{dutch:?} missing in\n{nl}");
        }
        for english in ["Usage:", "Options:", "Print help", "default:"] {
            assert!(!nl.contains(english), "{english:?} in\n{nl}");
        }
        let en = command(Catalogue::get(Language::English))
            .render_help()
            .to_string();
        assert!(
            en.contains("NEStore water battery in the system tray"),
            "{en}"
        );
    }

    /// What a command line prints on standard error in `language`, and whether it parses.
    fn refused(language: Language, args: &[&str]) -> Option<String> {
        let cat = Catalogue::get(language);
        let mut cmd = command(cat);
        let args: Vec<OsString> = std::iter::once("nestore-tray")
            .chain(args.iter().copied())
            .map(OsString::from)
            .collect();
        let e = cmd.try_get_matches_from_mut(&args).err()?;
        clap_words::error_text(&e, &cmd, cat, &args)
    }

    #[test]
    fn a_bad_value_is_told_in_the_catalogues_words() {
        let cases: &[(&[&str], &str, &str)] = &[
            (
                &["--poll-interval", "0s"],
                "invalid value '0s' for '--poll-interval <POLL_INTERVAL>': must be 1 s to 24 h",
                "ongeldige waarde '0s' voor '--poll-interval <POLL_INTERVAL>': moet tussen 1 s en 24 uur liggen",
            ),
            (&["--poll-interval", "often"], "not a duration", "geen duur"),
            (&["--time-scale", "0"], "above 0", "boven 0"),
            (&["--port", "0"], "1 to 65535", "1 tot en met 65535"),
            (&["--host", "a b"], "is not a host name", "is geen hostnaam"),
            (&["--discover-subnet", "10.0.0.0/8"], "/24", "/24"),
            (&["--discover-subnet", "lots"], "lots", "lots"),
            (
                &["--update-url", "https://example.org/latest.json"],
                "loopback",
                "loopback",
            ),
            (
                &[
                    "--update-url",
                    "http://127.0.0.1:1/l.json",
                    "--update-pubkey",
                    "abc",
                ],
                "public key",
                "publieke minisign-sleutel",
            ),
            (
                &["--update-check", "--no-update-check"],
                "--no-update-check",
                "--no-update-check",
            ),
            (
                &["--frobnicate"],
                "unexpected argument '--frobnicate'",
                "onbekende optie '--frobnicate'",
            ),
        ];
        for (args, english, dutch) in cases {
            let en = refused(Language::English, args).unwrap_or_else(|| panic!("{args:?} parsed"));
            assert!(en.starts_with("nestore-tray: "), "{en}");
            assert!(en.contains(english), "{args:?}: {en}");
            assert!(
                en.contains("For more information, try 'nestore-tray --help'."),
                "{en}"
            );
            let nl = refused(Language::Dutch, args).unwrap();
            assert!(nl.contains(dutch), "{args:?}: {nl}");
            assert!(
                !nl.contains("invalid value") && !nl.contains("Usage:"),
                "{nl}"
            );
        }
        assert!(refused(Language::Dutch, &["--demo", "--poll-interval", "5s"]).is_none());
        assert_eq!(clap_words::USAGE, 2);
    }
}
