//! Command-line options of the app.

use std::path::PathBuf;

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
    /// Use this device for this run, overriding the settings.
    #[arg(long)]
    pub host: Option<String>,
    /// Port of the device given with --host (default: the settings' port, 4805).
    #[arg(long)]
    pub port: Option<u16>,
    /// Open the window at start.
    #[arg(long)]
    pub open: bool,
    /// Poll at this interval for this run (e.g. 5s), overriding the settings and their
    /// 60 s minimum: for tests and demos on the simulated device; a real device is slow.
    #[arg(long, value_parser = humantime::parse_duration)]
    pub poll_interval: Option<std::time::Duration>,
    /// The device's clock runs N times faster than real time (a simulator started with
    /// --speed N): the pressure watch then counts hours in the device's time.
    #[arg(long, default_value_t = 1.0, value_parser = positive)]
    pub time_scale: f64,
}

fn positive(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(v) if v.is_finite() && v > 0.0 && v <= 100_000.0 => Ok(v),
        _ => Err(format!("{s:?} is not a number between 0 and 100000")),
    }
}
