//! The tray app's logic, without a GUI, so it builds and tests without GTK. The Tauri
//! shell in `src-tauri/` only wires these pieces to the tray, the window and the OS.

pub mod actions;
pub mod alert_log;
pub mod icon;
pub mod poller;
pub mod presentation;
pub mod settings;
pub mod status;
pub mod view;
