fn main() {
    // Declaring the app's commands makes each one a permission of its own, so the window's
    // capability (capabilities/default.json) grants exactly these and nothing by default.
    let commands = tauri_build::AppManifest::new().commands(&[
        "get_state",
        "refresh_now",
        "preview_command",
        "send_command",
        "cancel_confirmation",
        "get_settings",
        "save_settings",
        "test_connection",
        "use_demo",
        "snooze_alerts",
        "history_query",
        "history_export",
        "get_catalogue",
        "discover",
        "check_for_updates",
        "install_update",
    ]);
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(commands))
        .expect("tauri-build failed");
}
