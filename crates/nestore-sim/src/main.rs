//! `nestore-sim` runs the simulated device from the command line after checking the
//! arguments (a bad one is a usage error, exit 2), and may use only the library's public API.

use std::io::{IsTerminal, Write};
use std::net::{IpAddr, SocketAddr};
use std::process::ExitCode;
use std::time::Duration;

use clap::Parser;
use nestore_sim::config::{check_soc, check_speed};
use nestore_sim::{ApiVersion, Scenario, SimConfig, TokenForm};

/// Simulated NEStore water battery serving the device's local REST API.
///
/// The service password comes from the environment variable NESTORE_SIM_PASSWORD
/// (default "nestore"), never from the command line where other users could read it.
#[derive(Debug, Parser)]
#[command(version, about)]
struct Args {
    /// Address to bind; anything but loopback needs --allow-remote.
    #[arg(long, default_value = "127.0.0.1")]
    bind: IpAddr,
    /// Allow binding a non-loopback address (the simulator has no real security).
    #[arg(long)]
    allow_remote: bool,
    /// Device port (0 picks a free one, named in the "listening on" line).
    #[arg(long, default_value_t = 4805, value_parser = port, allow_negative_numbers = true)]
    port: u16,
    /// Separate admin-only port (reachable while the device port is offline); not 0, and
    /// not the device port.
    #[arg(long, value_parser = admin_port, allow_negative_numbers = true)]
    admin_port: Option<u16>,
    /// Simulated seconds per real second, 0 (frozen clock) to 100000; POST /sim/speed
    /// changes it at run time.
    #[arg(long, default_value_t = 1.0, value_parser = speed, allow_negative_numbers = true)]
    speed: f64,
    /// normal, leak, over_pressure, sensor_fault, offline_refuse, offline_hang, flaky, token_expiry
    #[arg(long, default_value = "normal")]
    scenario: Scenario,
    /// Which firmware path family to serve: 1, 2 or 3.
    #[arg(long, default_value = "3")]
    api_version: ApiVersion,
    /// Token reply shape: bare or object.
    #[arg(long, default_value = "bare")]
    token_form: TokenForm,
    /// Token lifetime in simulated time, e.g. 1h, 90s (more than 0).
    #[arg(long, default_value = "1h", value_parser = token_lifetime)]
    token_lifetime: Duration,
    /// Seed for the flaky scenario and the daily draw pattern.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Initial state of charge SOC_VES in %, 0 to 100.
    #[arg(long, default_value_t = 63.0, value_parser = soc, allow_negative_numbers = true)]
    soc: f64,
}

// Value parsers: clap reports their errors as usage errors (exit 2) naming the option.

fn number(s: &str) -> Result<f64, String> {
    s.trim()
        .parse::<f64>()
        .map_err(|_| format!("{s:?} is not a number"))
}

fn speed(s: &str) -> Result<f64, String> {
    check_speed(number(s)?)
}

fn soc(s: &str) -> Result<f64, String> {
    check_soc(number(s)?)
}

fn port(s: &str) -> Result<u16, String> {
    s.trim()
        .parse::<u16>()
        .map_err(|_| format!("{s:?} is not a port number (0 to 65535; 0 picks a free one)"))
}

/// The admin port is never reported, so 0 (a free port picked at random) would be unusable.
fn admin_port(s: &str) -> Result<u16, String> {
    match s.trim().parse::<u16>() {
        Ok(0) => Err(
            "0 would pick a port that is never reported: give a port number from 1 to 65535".into(),
        ),
        Ok(p) => Ok(p),
        Err(_) => Err(format!("{s:?} is not a port number (1 to 65535)")),
    }
}

fn token_lifetime(s: &str) -> Result<Duration, String> {
    match humantime::parse_duration(s) {
        Ok(d) if d.is_zero() => Err("must be longer than 0".into()),
        Ok(d) => Ok(d),
        Err(e) => Err(e.to_string()),
    }
}

/// A usage error: the message and the usage line on stderr, exit 2 (clap's own format).
fn usage_error(kind: clap::error::ErrorKind, message: impl std::fmt::Display) -> ! {
    use clap::CommandFactory;
    Args::command().error(kind, message).exit()
}

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .init();
    let args = Args::parse();
    if !args.bind.is_loopback() && !args.allow_remote {
        usage_error(
            clap::error::ErrorKind::ArgumentConflict,
            format!(
                "refusing to bind non-loopback address {} without --allow-remote",
                args.bind
            ),
        );
    }
    if args.admin_port == Some(args.port) {
        usage_error(
            clap::error::ErrorKind::ArgumentConflict,
            format!(
                "--admin-port {} is the device port; give another",
                args.port
            ),
        );
    }
    let config = SimConfig {
        password: std::env::var("NESTORE_SIM_PASSWORD").unwrap_or_else(|_| "nestore".into()),
        api_version: args.api_version,
        token_form: args.token_form,
        token_lifetime: args.token_lifetime,
        speed: args.speed,
        scenario: args.scenario,
        seed: args.seed,
        initial_soc_pct: args.soc,
        ..SimConfig::default()
    };
    if let Err(m) = config.validate() {
        usage_error(clap::error::ErrorKind::ValueValidation, m);
    }
    let rt = match tokio::runtime::Runtime::new() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("nestore-sim: cannot start runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    rt.block_on(run(args, config))
}

async fn run(args: Args, config: SimConfig) -> ExitCode {
    let addr = SocketAddr::new(args.bind, args.port);
    let admin = args.admin_port.map(|p| SocketAddr::new(args.bind, p));
    let sim = match nestore_sim::spawn_with_admin(config, addr, admin).await {
        Ok(s) => s,
        Err(e) => {
            match admin {
                Some(a) => eprintln!("nestore-sim: cannot bind {addr} and admin {a}: {e}"),
                None => eprintln!("nestore-sim: cannot bind {addr}: {e}"),
            }
            return ExitCode::FAILURE;
        }
    };
    // Scripts wait for this exact line on stdout.
    println!("nestore-sim listening on {}", sim.base_url());
    let _ = std::io::stdout().flush();
    if let Some(a) = sim.admin_addr() {
        tracing::info!("admin API on http://{a}/sim/state");
    }
    wait_for_signal().await;
    tracing::info!("shutting down");
    sim.shutdown().await;
    ExitCode::SUCCESS
}

async fn wait_for_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}
