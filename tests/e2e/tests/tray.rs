//! The tray over D-Bus: the test is the StatusNotifierWatcher (the tray host), so it sees
//! exactly what a panel would: the app's StatusNotifierItem and its dbusmenu.
//!
//! Run in a desktop session WITHOUT a tray host (no --trayer), so that the test can own
//! org.kde.StatusNotifierWatcher:
//!
//!   cargo build -p nestore-tray
//!   scripts/desktop-session.sh cargo nextest run -p nestore-e2e --run-ignored only

mod common;

use std::process::Command;

use common::*;

/// Every local "HH:MM" from `from` to `to`, both included: the first reading came in
/// between, so its minute is one of these however long the steps took.
fn minutes_between(
    from: chrono::DateTime<chrono::Local>,
    to: chrono::DateTime<chrono::Local>,
) -> Vec<String> {
    use chrono::Timelike;
    let mut t = from
        .with_second(0)
        .and_then(|t| t.with_nanosecond(0))
        .expect("a whole minute");
    let mut out = Vec::new();
    while t <= to {
        out.push(t.format("%H:%M").to_string());
        t += chrono::Duration::minutes(1);
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs a desktop session: scripts/desktop-session.sh"]
async fn the_tray_menu_shows_the_readings_and_opens_and_quits() -> Result<()> {
    require_desktop();
    let _lock = AppLock::acquire();
    wait_app_gone().await?;
    let sim = start_sim(63.0).await;
    let config_dir = TempDir::new("tray");
    let service = unique_service("tray");

    // Be the tray host before the app starts, so it registers with us (and does not fall
    // back to an XEmbed icon).
    let host = TrayHost::start().await?;

    let started = chrono::Local::now();
    let mut app = TrayApp::spawn(
        sim.addr(),
        config_dir.path(),
        &service,
        &[],
        config_dir.path().join("app.log"),
    )?;

    let item = host.item().await?;
    eprintln!("item registered: {item:?}");

    // The item's properties, as a panel reads them.
    let all = host.item_properties(&item).await?;
    let prop = |k: &str| all.get(k).and_then(|v| string_of(v));
    eprintln!(
        "Id={:?} Title={:?} Status={:?} IconName={:?} IconThemePath={:?} Menu={:?}",
        prop("Id"),
        prop("Title"),
        prop("Status"),
        prop("IconName"),
        prop("IconThemePath"),
        prop("Menu")
    );
    assert!(
        !prop("Id").unwrap_or_default().is_empty(),
        "the item has an Id"
    );
    assert_eq!(prop("Status").as_deref(), Some("Active"));
    let has_pixmap = matches!(all.get("IconPixmap").map(|v| &**v), Some(zbus::zvariant::Value::Array(a)) if !a.is_empty());
    assert!(
        !prop("IconName").unwrap_or_default().is_empty() || has_pixmap,
        "the item has an icon (IconName or IconPixmap)"
    );
    let menu = prop("Menu").ok_or("the item has no Menu")?;
    assert!(menu.starts_with('/') && menu != "/", "Menu path {menu:?}");

    // The header lines appear with the first reading.
    let entries = wait_for("the readings in the tray menu", STEP, || async {
        let e = host.menu_entries(&item, &menu).await.ok()?;
        e.iter()
            .any(|e| e.label.starts_with("Updated "))
            .then_some(e)
    })
    .await?;
    let checked_at = chrono::Local::now();
    let labels: Vec<&str> = entries
        .iter()
        .filter(|e| !e.separator)
        .map(|e| e.label.as_str())
        .collect();
    eprintln!("menu: {labels:?}");
    let snap = sim.snapshot();
    let pressure = format!("Pressure {:.1} bar", snap.pressure_bar);
    assert_eq!(
        &labels[..4],
        &[
            "State of charge 63 %",
            pressure.as_str(),
            owners_words(&snap.state_name),
            labels[3]
        ],
        "the header lines"
    );
    let updated = labels[3].strip_prefix("Updated ").unwrap_or_default();
    let minutes = minutes_between(started, checked_at);
    assert!(
        minutes.iter().any(|m| m == updated),
        "{:?} is not one of the minutes the first reading can have come in: {minutes:?}",
        labels[3],
    );
    for header in entries.iter().filter(|e| !e.separator).take(4) {
        assert!(
            !header.enabled,
            "header line {:?} is disabled",
            header.label
        );
    }
    // No password is stored: no control entries.
    assert_eq!(
        &labels[4..],
        &[
            "Open",
            "Refresh now",
            "Snooze alerts for 1 h",
            "Snooze alerts until tomorrow",
            "Settings",
            "Quit"
        ],
        "the actions"
    );
    let id_of = |label: &str| {
        entries
            .iter()
            .find(|e| e.label == label)
            .map(|e| e.id)
            .ok_or(format!("no {label:?} in the menu"))
    };

    // Open → the window appears.
    assert!(!x_window_titled("NEStore"), "no window before Open");
    host.click(&item, &menu, id_of("Open")?).await?;
    wait_for("the NEStore window", STEP, || async {
        x_window_titled("NEStore").then_some(())
    })
    .await?;

    // Quit → the app exits with status 0.
    host.click(&item, &menu, id_of("Quit")?).await?;
    let child = &mut app.child;
    let status = wait_for("the app to exit after Quit", STEP, || {
        let s = child.try_wait().ok().flatten();
        async move { s }
    })
    .await?;
    assert!(status.success(), "the app exited with {status}");
    let _ = Command::new("secret-tool")
        .args(["clear", "service", &service])
        .status();
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs a desktop session: scripts/desktop-session.sh"]
async fn a_second_launch_opens_the_first_ones_window_and_exits() -> Result<()> {
    require_desktop();
    let _lock = AppLock::acquire();
    wait_app_gone().await?;
    let sim = start_sim(63.0).await;
    let config_dir = TempDir::new("single");
    let service = unique_service("single");
    let host = TrayHost::start().await?;
    let mut first = TrayApp::spawn(
        sim.addr(),
        config_dir.path(),
        &service,
        &[],
        config_dir.path().join("first.log"),
    )?;
    // The first instance is up once its tray menu shows the first reading.
    let item = host.item().await?;
    let menu = host.menu_path(&item).await?;
    wait_for("the first instance to poll", STEP, || async {
        let labels = host.menu_labels(&item, &menu).await.ok()?;
        labels
            .iter()
            .any(|l| l == "State of charge 63 %")
            .then_some(())
    })
    .await?;
    assert!(
        !x_window_titled("NEStore"),
        "the first instance starts without a window"
    );

    let mut second = Command::new(app_binary())
        .args(["--host", "127.0.0.1", "--port", "1", "--config-dir"])
        .arg(config_dir.path().join("second"))
        .env("NESTORE_KEYRING_SERVICE", &service)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()?;
    let status = wait_for("the second launch to exit", STEP, || {
        let s = second.try_wait().ok().flatten();
        async move { s }
    })
    .await?;
    assert!(status.success(), "the second launch exited with {status}");
    wait_for("the first instance's window", STEP, || async {
        x_window_titled("NEStore").then_some(())
    })
    .await?;
    assert!(
        first.child.try_wait()?.is_none(),
        "the first instance is still running"
    );
    Ok(())
}

/// The device's state name as the menu shows it: two names have the owner's words.
fn owners_words(state: &str) -> &str {
    match state {
        "Charging Electrical Main" => "Charging (electric heater)",
        "Electrical Charging Blocked" => "Not charging (held off)",
        other => other,
    }
}

/// The tray icon's picture files in `runtime/tray-icon`, where the tray library writes them
/// (`$XDG_RUNTIME_DIR/tray-icon`).
fn tray_pictures(runtime: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(runtime.join("tray-icon"))
        .map(|d| {
            d.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// A logout or `kill` sends SIGTERM: the app ends as Quit ends it (exit 0, its tray icon
/// and picture file gone, its history written), not killed half-way.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs a desktop session: scripts/desktop-session.sh"]
async fn sigterm_ends_the_app_as_quit_does() -> Result<()> {
    require_desktop();
    let _lock = AppLock::acquire();
    wait_app_gone().await?;
    let sim = start_sim(63.0).await;
    let config_dir = TempDir::new("sigterm");
    let service = unique_service("sigterm");
    // A runtime folder of its own, so no other app's picture files are in it.
    let runtime = TempDir::new("sigterm-runtime");
    let host = TrayHost::start().await?;
    let mut app = TrayApp::spawn_with(
        "C.UTF-8",
        sim.addr(),
        config_dir.path(),
        &service,
        &[],
        config_dir.path().join("app.log"),
        &[("XDG_RUNTIME_DIR", runtime.path())],
    )?;
    let item = host.item().await?;
    let menu = host.menu_path(&item).await?;
    wait_for("the first reading in the menu", STEP, || async {
        host.menu_labels(&item, &menu)
            .await
            .ok()?
            .iter()
            .any(|l| l == "State of charge 63 %")
            .then_some(())
    })
    .await?;
    let shown = tray_pictures(runtime.path());
    assert_eq!(shown.len(), 1, "its picture file while it runs: {shown:?}");

    let killed = Command::new("kill")
        .args(["-TERM", &app.child.id().to_string()])
        .status()?;
    assert!(killed.success());
    let child = std::cell::RefCell::new(&mut app.child);
    let status = wait_for("the app to end", STEP, || async {
        child.borrow_mut().try_wait().ok().flatten()
    })
    .await?;
    assert_eq!(status.code(), Some(0), "it ends as Quit does: {status:?}");
    assert!(
        app.log_text().contains("SIGTERM: quitting"),
        "{}",
        app.log_text()
    );
    assert_eq!(
        tray_pictures(runtime.path()),
        Vec::<String>::new(),
        "its picture file is gone"
    );
    Ok(())
}
