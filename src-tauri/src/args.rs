//! Command-line options of the app. Every value is checked here, so a bad one is a usage
//! error (exit 2) before anything starts.

use std::path::PathBuf;
use std::time::Duration;

/// `--poll-interval` bounds: a floor of 1 s for tests and demos, a day at most.
pub const MIN_POLL: Duration = Duration::from_secs(1);
pub const MAX_POLL: Duration = Duration::from_secs(24 * 3600);

#[derive(clap::Parser, Debug, Clone)]
#[command(
    name = "nestore-tray",
    version,
    about = "NEStore water battery in the system tray"
)]
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
    #[arg(long, value_parser = clap::value_parser!(u16).range(1..))]
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
    #[arg(long, default_value_t = 1.0, value_parser = positive)]
    pub time_scale: f64,
}

fn positive(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(v) if v.is_finite() && v > 0.0 && v <= 100_000.0 => Ok(v),
        _ => Err(format!("{s:?} is not a number above 0 and at most 100000")),
    }
}

fn poll_interval(s: &str) -> Result<Duration, String> {
    let d = humantime::parse_duration(s).map_err(|e| format!("{s:?}: {e}"))?;
    if (MIN_POLL..=MAX_POLL).contains(&d) {
        Ok(d)
    } else {
        Err(format!("{s:?} is outside 1s to 24h"))
    }
}

/// The same check the settings use: a name or an address the client can talk to.
fn host(s: &str) -> Result<String, String> {
    let h = s.trim();
    if h.is_empty() {
        return Err("the host is empty: give the device's name or IP address".into());
    }
    nestore::client::base_url(h, nestore::DEFAULT_PORT)
        .map(|_| h.to_owned())
        .map_err(|e| e.to_string())
}
