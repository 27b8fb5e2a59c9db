//! `nestore`: read and control a NEStore water battery from the command line.

mod discover;
mod format;
mod history;
mod password;
mod schedule;
mod text;
mod usage;

use std::process::ExitCode;
use std::time::Duration;

use clap::{Parser, Subcommand};
use nestore::{ChargeRequest, Client, Command, Error};
use nestore_i18n::Args;

use crate::text::{label, t};

/// Exit codes, one per kind of failure, so scripts can tell them apart.
mod exit {
    pub const OTHER: u8 = 1;
    /// Bad input on the command line (clap's own usage errors exit 2 too).
    pub const USAGE: u8 = nestore_i18n::clap_words::USAGE;
    pub const DEVICE: u8 = 3;
    pub const AUTH: u8 = 4;
    pub const REJECTED: u8 = 5;
    pub const NOT_CONFIRMED: u8 = 6;
    /// No history file, or one this version cannot read (damaged, newer, not yet updated).
    pub const HISTORY: u8 = 7;
    /// `discover` found no device.
    pub const NOT_FOUND: u8 = 8;
    /// The app's settings file cannot be used for the timers: unreadable, not a regular
    /// file, too large, not JSON, or timers that are not timers.
    pub const SETTINGS: u8 = 9;
}

/// The command line. Its help texts are the catalogue's (`cli-help-*`, set by
/// [`usage::localise`]); the doc comments here say what each option is for the code's
/// readers.
#[derive(Parser)]
#[command(name = "nestore", bin_name = "nestore", version)]
struct Cli {
    /// Device host name or IP address (without the port: that is --port).
    #[arg(
        long,
        env = "NESTORE_HOST",
        default_value = "nestore.home",
        value_parser = parse_host,
        global = true
    )]
    host: String,
    /// Device port (1-65535).
    #[arg(
        long,
        env = "NESTORE_PORT",
        default_value_t = nestore::DEFAULT_PORT,
        value_parser = parse_port,
        global = true
    )]
    port: u16,
    /// Per-request timeout (1 s to 5 min).
    #[arg(long, default_value = "10s", value_parser = parse_timeout, global = true)]
    timeout: Duration,
    /// Read the service password from standard input (one line) instead of the keyring
    /// or NESTORE_PASSWORD.
    #[arg(long, global = true)]
    password_stdin: bool,
    #[command(subcommand)]
    command: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    #[command(flatten)]
    Device(DeviceCmd),
    /// Find NEStores on the network ("Find my NEStore"): --host and --password-stdin do
    /// not apply.
    Discover(discover::DiscoverArgs),
    /// The app's history of readings: export it as CSV, or seed a demo one.
    #[command(subcommand)]
    History(history::HistoryCmd),
    /// The charge timers in the app's settings: what they will send and when.
    #[command(subcommand)]
    Schedule(schedule::ScheduleCmd),
}

/// The commands that talk to the device.
#[derive(Subcommand)]
enum DeviceCmd {
    /// Print one reading.
    Status {
        /// As JSON, English keys, for scripts.
        #[arg(long)]
        json: bool,
    },
    /// Print one line per reading until stopped (or --count readings).
    Watch {
        /// Time between readings (1 s to 24 h); the device is slow: below 60 s it may be
        /// overloaded.
        #[arg(long, default_value = "5m", value_parser = parse_interval)]
        interval: Duration,
        /// Stop after this many readings (at least 1).
        #[arg(long, value_parser = parse_count)]
        count: Option<u64>,
        /// One JSON object per line, failures included.
        #[arg(long)]
        json: bool,
    },
    /// Start or stop electric charging.
    #[command(subcommand)]
    Charge(ChargeCmd),
    /// Cancel manual tasks: the device returns to its automatic schedule.
    Auto,
    /// Check the service password with the device and store it in the OS keyring.
    Login,
    /// Remove the stored service password from the OS keyring.
    Logout,
}

#[derive(Subcommand)]
enum ChargeCmd {
    /// Charge with the electric heater.
    Start {
        /// Heater power in W (1000-3400, steps of 100).
        #[arg(long, value_parser = parse_power)]
        power: u32,
        /// Target state of charge in % (above the current one).
        #[arg(long, value_parser = parse_soc)]
        soc: u8,
        /// How long the task holds (30 min to 5 h), e.g. 2h or 90min.
        #[arg(long, default_value = "2h", value_parser = parse_duration)]
        duration: Duration,
    },
    /// Stop charging and block the automatic schedule for a while.
    Stop {
        /// How long the block holds (30 min to 5 h).
        #[arg(long, default_value = "2h", value_parser = parse_duration)]
        duration: Duration,
    },
}

/// The host as the library will use it: the same rule, and the same words, as the app's
/// settings.
fn parse_host(s: &str) -> Result<String, String> {
    match nestore::client::address(s, nestore::DEFAULT_PORT) {
        Ok(_) => Ok(s.trim().to_owned()),
        Err(problem) => Err(problem.message(text::cat())),
    }
}

/// A duration as humantime reads it ("30s", "5m", "2h", "90min").
fn parse_duration(s: &str) -> Result<Duration, String> {
    humantime::parse_duration(s.trim()).map_err(|_| label("cli-parse-not-duration"))
}

/// A duration within `min..=max`; `range` is the message that says so.
fn bounded_duration(
    s: &str,
    (min, max): (Duration, Duration),
    range: &str,
) -> Result<Duration, String> {
    let d = parse_duration(s)?;
    if d < min || d > max {
        return Err(label(range));
    }
    Ok(d)
}

const TIMEOUT: (Duration, Duration) = (Duration::from_secs(1), Duration::from_secs(300));
const INTERVAL: (Duration, Duration) = (Duration::from_secs(1), Duration::from_secs(24 * 3600));

fn parse_timeout(s: &str) -> Result<Duration, String> {
    bounded_duration(s, TIMEOUT, "cli-parse-timeout-range")
}

fn parse_interval(s: &str) -> Result<Duration, String> {
    bounded_duration(s, INTERVAL, "cli-parse-interval-range")
}

fn parse_count(s: &str) -> Result<u64, String> {
    match s.trim().parse::<u64>() {
        Ok(n) if n >= 1 => Ok(n),
        _ => Err(label("cli-parse-count")),
    }
}

fn parse_port(s: &str) -> Result<u16, String> {
    match s.trim().parse::<u16>() {
        Ok(n) if n >= 1 => Ok(n),
        _ => Err(label("cli-parse-port")),
    }
}

/// Any whole number of watts: the library says which powers the device takes.
fn parse_power(s: &str) -> Result<u32, String> {
    s.trim().parse().map_err(|_| label("cli-parse-power"))
}

/// Any whole percentage up to 255: the library says which targets the device takes.
fn parse_soc(s: &str) -> Result<u8, String> {
    s.trim().parse().map_err(|_| label("cli-parse-soc"))
}

/// A failure: one line for the user and an exit code.
struct Failure(u8, String);

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        let code = match &e {
            Error::Unauthorized | Error::NoPassword => exit::AUTH,
            Error::Rejected(_) => exit::REJECTED,
            Error::BadAddress(_) => exit::USAGE,
            _ => exit::DEVICE,
        };
        Failure(code, format::error(&e))
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_env("NESTORE_LOG"))
        .with_writer(std::io::stderr)
        .init();
    let cli = match usage::parse() {
        Ok(cli) => cli,
        Err(code) => return code,
    };
    match run(cli).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure(code, msg)) => {
            eprintln!("nestore: {msg}");
            ExitCode::from(code)
        }
    }
}

async fn run(cli: Cli) -> Result<(), Failure> {
    match cli.command {
        // Local files only: no device, no client.
        Cmd::History(cmd) => history::run(cmd),
        // The settings file only: nothing is sent, no device is contacted.
        Cmd::Schedule(cmd) => schedule::run(cmd),
        // The network, not the device of --host.
        Cmd::Discover(args) => discover::run(args).await,
        Cmd::Device(cmd) => device(&cli.host, cli.port, cli.timeout, cli.password_stdin, cmd).await,
    }
}

async fn device(
    host: &str,
    port: u16,
    timeout: Duration,
    password_stdin: bool,
    command: DeviceCmd,
) -> Result<(), Failure> {
    let defaults = nestore::ClientConfig::default();
    let cfg = nestore::ClientConfig {
        timeout,
        // A longer per-request timeout must leave a command room for its few requests.
        command_deadline: defaults.command_deadline.max(timeout * 3),
        ..defaults
    };
    let client = Client::with_config(host, port, cfg)?;
    let control = |client: &Client| -> Result<(), Failure> {
        let pw = password::for_control(host, password_stdin)?;
        client.set_password(Some(pw));
        Ok(())
    };
    match command {
        DeviceCmd::Status { json } => {
            let r = client.poll().await?;
            if json {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&r).expect("a reading serialises")
                );
            } else {
                print!("{}", format::status(&r));
            }
            Ok(())
        }
        DeviceCmd::Watch {
            interval,
            count,
            json,
        } => watch(&client, interval, count, json).await,
        DeviceCmd::Charge(ChargeCmd::Start {
            power,
            soc,
            duration,
        }) => {
            let cmd = Command::StartCharging(ChargeRequest {
                power_w: power,
                target_soc_pct: soc,
                duration,
            });
            cmd.check_limits().map_err(Error::from)?;
            control(&client)?;
            send(&client, cmd).await
        }
        DeviceCmd::Charge(ChargeCmd::Stop { duration }) => {
            let cmd = Command::StopCharging { duration };
            cmd.check_limits().map_err(Error::from)?;
            control(&client)?;
            send(&client, cmd).await
        }
        DeviceCmd::Auto => {
            control(&client)?;
            send(&client, Command::ResumeAutomatic).await
        }
        DeviceCmd::Login => {
            let pw = password::obtain_new(password_stdin)?;
            client.set_password(Some(pw.clone()));
            client.login().await?;
            password::store(host, &pw)?;
            println!("{}", t("cli-login-stored", &Args::new().text("host", host)));
            Ok(())
        }
        DeviceCmd::Logout => {
            let id = if password::remove(host)? {
                "cli-logout-removed"
            } else {
                "cli-logout-none"
            };
            println!("{}", t(id, &Args::new().text("host", host)));
            Ok(())
        }
    }
}

async fn send(client: &Client, cmd: Command) -> Result<(), Failure> {
    // Printed only once every check has passed, just before anything is sent.
    let outcome = client
        .send_with(cmd, |cmd| {
            let what = Args::new().text("command", format::command(cmd));
            println!("{}", t("cli-sending", &what));
        })
        .await?;
    if outcome.confirmed {
        let state = outcome
            .state
            .clone()
            .unwrap_or_else(|| label("cli-not-reported"));
        println!("{}", t("cli-confirmed", &Args::new().text("state", state)));
        return Ok(());
    }
    let why = match (&outcome.readback_error, &outcome.state) {
        (Some(e), _) => t(
            "cli-not-confirmed-read-back",
            // The library's own words (English): the outcome keeps no error of its own.
            &Args::new().text("reason", e.clone()),
        ),
        (None, Some(state)) => t(
            "cli-not-confirmed-state",
            &Args::new().text("state", state.clone()),
        ),
        (None, None) => label("cli-not-confirmed-no-state"),
    };
    Err(Failure(exit::NOT_CONFIRMED, why))
}

/// A failed poll as one JSON line for `watch --json`.
fn error_json(e: &Error) -> serde_json::Value {
    serde_json::json!({
        "error": {"kind": e.kind(), "message": e.to_string()},
        "at": chrono::Utc::now().to_rfc3339(),
    })
}

async fn watch(
    client: &Client,
    interval: Duration,
    count: Option<u64>,
    json: bool,
) -> Result<(), Failure> {
    if interval < Duration::from_secs(60) {
        let every = humantime::format_duration(interval).to_string();
        eprintln!(
            "nestore: {}",
            t("cli-watch-too-often", &Args::new().text("interval", every))
        );
    }
    let mut ticks = tokio::time::interval(interval);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut last: Result<(), Failure> = Ok(());
    let mut n = 0;
    while count.is_none_or(|c| n < c) {
        ticks.tick().await;
        n += 1;
        // A monitor keeps going through failures; each is one line.
        last = match client.poll().await {
            Ok(r) if json => {
                println!(
                    "{}",
                    serde_json::to_string(&r).expect("a reading serialises")
                );
                Ok(())
            }
            Ok(r) => {
                println!("{}", format::line(&r));
                Ok(())
            }
            Err(e) => {
                if json {
                    println!("{}", error_json(&e));
                } else {
                    let args = Args::new()
                        .text("time", format::time_of_day(chrono::Utc::now()))
                        .text("error", format::error(&e));
                    println!("{}", t("cli-watch-failed", &args));
                }
                Err(e.into())
            }
        };
    }
    last
}
