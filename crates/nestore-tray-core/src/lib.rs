//! The tray app's logic, without a GUI, so it builds and tests without GTK. The Tauri
//! shell in `src-tauri/` only wires these pieces to the tray, the window and the OS.

pub mod actions;
pub mod alert_log;
pub mod autostart;
pub mod clock;
pub mod error;
pub mod files;
pub mod gate;
pub mod icon;
pub mod instance_lock;
pub mod monitor;
pub mod pace;
pub mod placement;
pub mod poller;
pub mod presentation;
pub mod pricebook;
pub mod recorder;
pub mod running_low;
pub mod settings;
pub mod status;
pub mod timekeeper;
pub mod update;
pub mod view;
