//! `nestore-sim`: run the simulated NEStore device from the command line.

use std::io::{IsTerminal, Write};
use std::net::{IpAddr, SocketAddr};
use std::process::ExitCode;
use std::time::Duration;

use clap::Parser;
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
    /// Device port (0 picks a free one).
    #[arg(long, default_value_t = 4805)]
    port: u16,
    /// Separate admin-only port (reachable while the device port is offline).
    #[arg(long)]
    admin_port: Option<u16>,
    /// Simulated seconds per real second (0 freezes the clock).
    #[arg(long, default_value_t = 1.0)]
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
    /// Token lifetime in simulated time, e.g. 1h, 90s.
    #[arg(long, default_value = "1h", value_parser = humantime::parse_duration)]
    token_lifetime: Duration,
    /// Seed for the flaky scenario and the daily draw pattern.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Initial state of charge SOC_VES in %.
    #[arg(long, default_value_t = 63.0)]
    soc: f64,
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
        eprintln!(
            "nestore-sim: refusing to bind non-loopback address {} without --allow-remote",
            args.bind
        );
        return ExitCode::from(2);
    }
    let speed_ok = args.speed.is_finite() && args.speed >= 0.0;
    if !speed_ok || !(0.0..=100.0).contains(&args.soc) {
        eprintln!("nestore-sim: --speed must be >= 0 and --soc within 0..=100");
        return ExitCode::from(2);
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
            eprintln!("nestore-sim: cannot bind {addr}: {e}");
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
