//! NEStore Tray: the Tauri shell. `app` is the one place that reacts; `tray`, `notify`
//! and `window` only draw; `commands` hands IPC calls to `app`. The logic lives in
//! `crates/`.

// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod app;
mod args;
mod commands;
mod notify;
mod tray;
mod window;

use std::path::PathBuf;

use nestore_tray_core::autostart;
use tauri::{Manager, RunEvent};
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;

/// The app's identity for the OS (Windows and macOS need it for notifications).
#[cfg_attr(not(any(windows, target_os = "macos")), allow(dead_code))]
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
    let args = args::Args::from_env();
    // Start at login with the same settings folder as this run.
    let config_dir = args
        .config_dir
        .as_ref()
        .map(|d| std::path::absolute(d).unwrap_or_else(|_| d.clone()));
    let launcher = if cfg!(windows) {
        autostart::Launcher::WindowsCommandLine
    } else if cfg!(target_os = "macos") {
        autostart::Launcher::Plain
    } else {
        autostart::Launcher::DesktopEntry
    };
    let login = tauri_plugin_autostart::Builder::new()
        .args(autostart::login_args(config_dir.as_deref(), launcher));
    #[cfg(target_os = "macos")]
    let login = login.macos_launcher(tauri_plugin_autostart::MacosLauncher::LaunchAgent);

    let app = tauri::Builder::default()
        // First, so a second launch is stopped before anything else starts.
        .plugin(tauri_plugin_single_instance::init(|app, argv, _cwd| {
            tracing::info!(?argv, "second launch: opening the window");
            window::open(app);
        }))
        .plugin(login.build())
        .plugin(tauri_plugin_dialog::init())
        .plugin(app::update::plugin(&args))
        .invoke_handler(tauri::generate_handler![
            commands::get_state,
            commands::refresh_now,
            commands::preview_command,
            commands::send_command,
            commands::cancel_confirmation,
            commands::get_settings,
            commands::save_settings,
            commands::test_connection,
            commands::use_demo,
            commands::snooze_alerts,
            commands::history_query,
            commands::history_export,
            commands::get_catalogue,
            commands::discover,
            commands::check_for_updates,
            commands::install_update,
        ])
        .setup(move |app| {
            // A menu-bar app on macOS: no Dock icon, no app menu; notifications as the
            // app's own, not Finder's (the notifier's default; docs/platforms.md).
            #[cfg(target_os = "macos")]
            {
                app.set_activation_policy(tauri::ActivationPolicy::Accessory);
                if let Err(e) = notify_rust::set_application(APP_ID) {
                    tracing::warn!("notifications will not name the app: {e}");
                }
            }
            let handle = app.handle().clone();
            let dir = match &config_dir {
                Some(d) => d.clone(),
                None => handle
                    .path()
                    .app_config_dir()
                    .unwrap_or_else(|_| PathBuf::from(".")),
            };
            // A lock of our own too: the single-instance plugin needs a session bus.
            match nestore_tray_core::instance_lock::InstanceLock::acquire(&dir) {
                Ok(lock) => {
                    app.manage(lock);
                }
                Err(nestore_tray_core::instance_lock::LockError::Held) => {
                    eprintln!(
                        "NEStore Tray is already running with the settings in {}",
                        dir.display()
                    );
                    std::process::exit(0);
                }
                // A folder that cannot hold the lock still lets the app watch the device.
                Err(e) => tracing::warn!("cannot take the instance lock: {e}"),
            }
            let data_dir = match &args.data_dir {
                Some(d) => std::path::absolute(d).unwrap_or_else(|_| d.clone()),
                None => handle.path().app_data_dir().unwrap_or_else(|_| dir.clone()),
            };
            let state =
                tauri::async_runtime::block_on(app::App::start(&handle, &args, dir, data_dir))?;
            app.manage(state);
            tray::create(&handle, app::on_tray)?;
            app::run(&handle);
            quit_when_asked(&handle);
            if args.open {
                window::open(&handle);
            }
            Ok(())
        })
        .build(tauri::generate_context!())
        .expect("failed to build the app");

    app.run(|handle, event| match event {
        // Closing the window must not end the app: it lives in the tray until "Quit".
        RunEvent::ExitRequested {
            code: None, api, ..
        } => api.prevent_exit(),
        // What is queued for the history is written before the app ends.
        RunEvent::Exit => app::shut_down(handle),
        _ => {}
    });
}

/// SIGTERM (a logout, `systemctl stop`, `kill`) and SIGINT end the app as Quit does: the
/// history's queue is written and the tray icon (and its picture file) taken away.
#[cfg(unix)]
fn quit_when_asked(handle: &tauri::AppHandle) {
    use tokio::signal::unix::{signal, SignalKind};
    let handle = handle.clone();
    tauri::async_runtime::spawn(async move {
        let (Ok(mut term), Ok(mut int)) = (
            signal(SignalKind::terminate()),
            signal(SignalKind::interrupt()),
        ) else {
            tracing::warn!("cannot listen for SIGTERM: the app ends without tidying up");
            return;
        };
        tokio::select! {
            _ = term.recv() => tracing::info!("SIGTERM: quitting"),
            _ = int.recv() => tracing::info!("SIGINT: quitting"),
        }
        handle.exit(0);
    });
}

/// Windows ends the app as it ends any windowed program.
#[cfg(not(unix))]
fn quit_when_asked(_handle: &tauri::AppHandle) {}
