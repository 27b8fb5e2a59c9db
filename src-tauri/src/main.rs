//! NEStore Tray: the Tauri shell. It owns the tray, the window, the IPC commands and the
//! glue to the OS; the logic lives in `crates/`.

// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod alerts;
mod args;
mod commands;
mod notify;
mod shell;
mod tray;
mod window;

use clap::Parser;
use tauri::{Manager, RunEvent};
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;

/// The app's identity for the OS (Windows needs it for notifications).
#[cfg_attr(not(windows), allow(dead_code))]
pub const APP_ID: &str = "org.nestore.tray";

fn main() {
    // `Targets` rather than `EnvFilter`: the same "info,wry=warn" syntax without a regex
    // engine in the binary.
    let filter: tracing_subscriber::filter::Targets = std::env::var("NESTORE_LOG")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| "info,tao=warn,wry=warn".parse().expect("a valid filter"));
    tracing_subscriber::registry()
        .with(tracing_subscriber::fmt::layer().with_writer(std::io::stderr))
        .with(filter)
        .init();
    let args = args::Args::parse();

    let app = tauri::Builder::default()
        // First, so a second launch is stopped before anything else starts.
        .plugin(tauri_plugin_single_instance::init(|app, argv, _cwd| {
            tracing::info!(?argv, "second launch: opening the window");
            window::open(app);
        }))
        .plugin(tauri_plugin_autostart::init(
            tauri_plugin_autostart::MacosLauncher::LaunchAgent,
            None,
        ))
        .invoke_handler(tauri::generate_handler![
            commands::get_state,
            commands::refresh_now,
            commands::preview_command,
            commands::send_command,
            commands::get_settings,
            commands::save_settings,
            commands::test_connection,
            commands::use_demo,
            commands::snooze_alerts,
        ])
        .setup(move |app| {
            let handle = app.handle().clone();
            let shell = tauri::async_runtime::block_on(shell::Shell::start(&handle, &args))?;
            app.manage(shell);
            tray::create(&handle)?;
            shell::watch_status(&handle);
            alerts::start(&handle);
            if args.open {
                window::open(&handle);
            }
            Ok(())
        })
        .build(tauri::generate_context!())
        .expect("failed to build the app");

    app.run(|_app, event| {
        // Closing the window must not end the app: it lives in the tray until "Quit".
        if let RunEvent::ExitRequested {
            code: None, api, ..
        } = event
        {
            api.prevent_exit();
        }
    });
}
