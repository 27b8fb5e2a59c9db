//! `nestore`: read and control a NEStore water battery from the command line.

mod format;
mod history;
mod password;

use std::process::ExitCode;
use std::time::Duration;

use clap::{Parser, Subcommand};
use nestore::{ChargeRequest, Client, Command, Error};

/// Exit codes, one per kind of failure, so scripts can tell them apart.
mod exit {
    pub const OTHER: u8 = 1;
    /// Bad input on the command line (clap's own usage errors exit 2 too).
    pub const USAGE: u8 = 2;
    pub const DEVICE: u8 = 3;
    pub const AUTH: u8 = 4;
    pub const REJECTED: u8 = 5;
    pub const NOT_CONFIRMED: u8 = 6;
    /// No history file, or one this version cannot read (damaged, newer, not yet updated).
    pub const HISTORY: u8 = 7;
}

#[derive(Parser)]
#[command(
    name = "nestore",
    version,
    about = "Read and control a NEStore water battery"
)]
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
        value_parser = clap::value_parser!(u16).range(1..),
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
    /// The app's history of readings: export it as CSV, or seed a demo one.
    #[command(subcommand)]
    History(history::HistoryCmd),
}

/// The commands that talk to the device.
#[derive(Subcommand)]
enum DeviceCmd {
    /// Print one reading.
    Status {
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
        #[arg(long)]
        power: u32,
        /// Target state of charge in % (above the current one).
        #[arg(long)]
        soc: u8,
        /// How long the task holds (30 min to 5 h), e.g. 2h or 90min.
        #[arg(long, default_value = "2h", value_parser = humantime::parse_duration)]
        duration: Duration,
    },
    /// Stop charging and block the automatic schedule for a while.
    Stop {
        #[arg(long, default_value = "2h", value_parser = humantime::parse_duration)]
        duration: Duration,
    },
}

/// The host as the library will use it: the same rule as the app's settings.
fn parse_host(s: &str) -> Result<String, String> {
    nestore::client::base_url(s, nestore::DEFAULT_PORT)
        .map(|_| s.trim().to_owned())
        .map_err(|e| match e {
            Error::BadAddress(why) => why,
            e => e.to_string(),
        })
}

fn bounded_duration(
    s: &str,
    (min, max): (Duration, Duration),
    words: &str,
) -> Result<Duration, String> {
    let d = humantime::parse_duration(s).map_err(|e| format!("{e} (e.g. 30s, 5m, 2h)"))?;
    if d < min || d > max {
        return Err(format!("must be {words}"));
    }
    Ok(d)
}

const TIMEOUT: (Duration, Duration) = (Duration::from_secs(1), Duration::from_secs(300));
const INTERVAL: (Duration, Duration) = (Duration::from_secs(1), Duration::from_secs(24 * 3600));

fn parse_timeout(s: &str) -> Result<Duration, String> {
    bounded_duration(s, TIMEOUT, "1 s to 5 min")
}

fn parse_interval(s: &str) -> Result<Duration, String> {
    bounded_duration(s, INTERVAL, "1 s to 24 h")
}

fn parse_count(s: &str) -> Result<u64, String> {
    match s.trim().parse::<u64>() {
        Ok(n) if n >= 1 => Ok(n),
        _ => Err("must be a whole number of at least 1".into()),
    }
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
        let hint = match &e {
            Error::NoPassword => {
                " (run `nestore login`, set NESTORE_PASSWORD or use --password-stdin)"
            }
            Error::Unauthorized => {
                " (check the service password; `nestore login` stores a new one)"
            }
            _ => "",
        };
        Failure(code, format!("{e}{hint}"))
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_env("NESTORE_LOG"))
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
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
            println!(
                "Password accepted by the device and stored in the OS keyring for {}.",
                host
            );
            Ok(())
        }
        DeviceCmd::Logout => {
            if password::remove(host)? {
                println!("Removed the stored password for {}.", host);
            } else {
                println!("No password was stored for {}.", host);
            }
            Ok(())
        }
    }
}

async fn send(client: &Client, cmd: Command) -> Result<(), Failure> {
    // Printed only once every check has passed, just before anything is sent.
    let outcome = client
        .send_with(cmd, |cmd| println!("Sending: {cmd}."))
        .await?;
    if outcome.confirmed {
        let state = outcome.state.as_deref().unwrap_or("not reported");
        println!("Confirmed: the device reports \"{state}\".");
        return Ok(());
    }
    let why = match (&outcome.readback_error, &outcome.state) {
        (Some(e), _) => format!("its state could not be read back ({e})"),
        (None, Some(state)) => format!("the device reports \"{state}\""),
        (None, None) => "the device reports no state".into(),
    };
    Err(Failure(
        exit::NOT_CONFIRMED,
        format!("sent, but not confirmed: {why}"),
    ))
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
        eprintln!(
            "nestore: warning: polling every {} may overload the device (the reference polls every 300 s and advises at least 60 s)",
            humantime::format_duration(interval)
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
                    println!("{}  {e}", chrono::Local::now().format("%H:%M:%S"));
                }
                Err(e.into())
            }
        };
    }
    last
}
