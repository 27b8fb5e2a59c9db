//! Helpers shared by the end-to-end tests, one file per area:
//!
//! - `wait`: waiting for a condition instead of sleeping, and how long a step may take;
//! - `app`: the app binary, temp dirs, ports, the simulator, one app at a time per session
//!   bus, the app's process tree, and the app as a plain tray-only child process;
//! - `desktop`: the desktop session itself (X windows by title, the keyring);
//! - `driver`: tauri-driver and the app in a WebDriver session (`WindowApp`);
//! - `tray`: the test as the tray host (StatusNotifierWatcher) and the app's dbusmenu;
//! - `icon`: the tray icon's pixels and look;
//! - `notify`: every desktop notification, captured on the session bus;
//! - `proxy`: a loopback proxy in front of the simulator that counts polls and can hold them;
//! - `http`: one request's head read and a 200 answer, for the loopback servers below;
//! - `prices`: a day-ahead price server on loopback in EnergyZero's shape;
//! - `history`: the app's history file (read, seeded) and its save dialog (xdotool).
//!
//! Every test runs the real, built app (`target/debug/nestore-tray`) in the desktop that
//! `scripts/desktop-session.sh` makes: Xvfb, a private session bus and an unlocked
//! gnome-keyring.
#![allow(dead_code)] // each test file uses a different part of these modules
#![allow(unused_imports)] // likewise for the re-exports below

pub mod app;
pub mod desktop;
pub mod driver;
pub mod history;
pub mod http;
pub mod icon;
pub mod notify;
pub mod prices;
pub mod proxy;
pub mod tray;
pub mod wait;

pub use app::*;
pub use desktop::*;
pub use driver::*;
pub use history::*;
pub use http::*;
pub use icon::*;
pub use notify::*;
pub use prices::*;
pub use proxy::*;
pub use tray::*;
pub use wait::*;

pub type Error = Box<dyn std::error::Error + Send + Sync>;
pub type Result<T, E = Error> = std::result::Result<T, E>;
