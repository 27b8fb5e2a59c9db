//! The tray over D-Bus: the test is the StatusNotifierWatcher (the tray host), so it sees
//! exactly what a panel would: the app's StatusNotifierItem and its dbusmenu.
//!
//! Run in a desktop session WITHOUT a tray host (no --trayer), so that the test can own
//! org.kde.StatusNotifierWatcher:
//!
//!   cargo build -p nestore-tray
//!   scripts/desktop-session.sh cargo nextest run -p nestore-e2e --run-ignored only

mod common;

use std::collections::HashMap;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};

use common::*;
use zbus::message::Header;
use zbus::object_server::SignalEmitter;
use zbus::zvariant::{OwnedValue, Value};
use zbus::{interface, Connection};

const WATCHER_NAME: &str = "org.kde.StatusNotifierWatcher";
const WATCHER_PATH: &str = "/StatusNotifierWatcher";
const ITEM_IFACE: &str = "org.kde.StatusNotifierItem";
const MENU_IFACE: &str = "com.canonical.dbusmenu";

/// A registered item: the bus name that owns it and its object path.
#[derive(Debug, Clone, PartialEq)]
struct Item {
    bus: String,
    path: String,
}

#[derive(Default, Clone)]
struct Watcher {
    items: Arc<Mutex<Vec<Item>>>,
}

#[interface(name = "org.kde.StatusNotifierWatcher")]
impl Watcher {
    /// `service` is a bus name (the item is at /StatusNotifierItem) or, as
    /// libayatana-appindicator sends it, an object path on the caller's connection.
    async fn register_status_notifier_item(
        &self,
        service: &str,
        #[zbus(header)] header: Header<'_>,
        #[zbus(signal_emitter)] emitter: SignalEmitter<'_>,
    ) {
        let sender = header.sender().map(|s| s.to_string()).unwrap_or_default();
        let item = if service.starts_with('/') {
            Item {
                bus: sender,
                path: service.to_owned(),
            }
        } else {
            Item {
                bus: service.to_owned(),
                path: "/StatusNotifierItem".to_owned(),
            }
        };
        let full = format!("{}{}", item.bus, item.path);
        {
            let mut items = self.items.lock().unwrap();
            if !items.contains(&item) {
                items.push(item);
            }
        }
        let _ = Self::status_notifier_item_registered(&emitter, &full).await;
        let _ = self
            .registered_status_notifier_items_changed(&emitter)
            .await;
    }

    async fn register_status_notifier_host(&self, _service: &str) {}

    #[zbus(property)]
    async fn registered_status_notifier_items(&self) -> Vec<String> {
        self.items
            .lock()
            .unwrap()
            .iter()
            .map(|i| format!("{}{}", i.bus, i.path))
            .collect()
    }

    #[zbus(property)]
    async fn is_status_notifier_host_registered(&self) -> bool {
        true
    }

    #[zbus(property)]
    async fn protocol_version(&self) -> i32 {
        0
    }

    #[zbus(signal)]
    async fn status_notifier_item_registered(
        emitter: &SignalEmitter<'_>,
        service: &str,
    ) -> zbus::Result<()>;

    #[zbus(signal)]
    async fn status_notifier_item_unregistered(
        emitter: &SignalEmitter<'_>,
        service: &str,
    ) -> zbus::Result<()>;

    #[zbus(signal)]
    async fn status_notifier_host_registered(emitter: &SignalEmitter<'_>) -> zbus::Result<()>;
}

/// One dbusmenu entry, flattened.
#[derive(Debug, Clone)]
struct Entry {
    id: i32,
    label: String,
    enabled: bool,
    separator: bool,
}

fn string_of(v: &Value<'_>) -> Option<String> {
    match v {
        Value::Str(s) => Some(s.to_string()),
        Value::ObjectPath(p) => Some(p.to_string()),
        Value::Value(inner) => string_of(inner),
        _ => None,
    }
}

fn bool_of(v: &Value<'_>) -> Option<bool> {
    match v {
        Value::Bool(b) => Some(*b),
        Value::Value(inner) => bool_of(inner),
        _ => None,
    }
}

/// Walks a dbusmenu layout node `(ia{sv}av)` given as a value.
fn walk(v: &Value<'_>, out: &mut Vec<Entry>) {
    let v = match v {
        Value::Value(inner) => inner.as_ref(),
        other => other,
    };
    let Value::Structure(s) = v else { return };
    let [Value::I32(id), Value::Dict(props), Value::Array(children)] = s.fields() else {
        return;
    };
    let mut label = None;
    let mut enabled = true;
    let mut visible = true;
    let mut separator = false;
    for (k, val) in props.iter() {
        match string_of(k).as_deref() {
            Some("label") => label = string_of(val),
            Some("enabled") => enabled = bool_of(val).unwrap_or(true),
            Some("visible") => visible = bool_of(val).unwrap_or(true),
            Some("type") => separator = string_of(val).as_deref() == Some("separator"),
            _ => {}
        }
    }
    if visible {
        out.push(Entry {
            id: *id,
            // GTK mnemonics ("_Open") are not part of what a person reads.
            label: label.unwrap_or_default().replace('_', ""),
            enabled,
            separator,
        });
    }
    for c in children.inner() {
        walk(c, out);
    }
}

type Layout = (u32, (i32, HashMap<String, OwnedValue>, Vec<OwnedValue>));

async fn menu_entries(conn: &Connection, item: &Item, menu: &str) -> Result<Vec<Entry>> {
    let reply = conn
        .call_method(
            Some(item.bus.as_str()),
            menu,
            Some(MENU_IFACE),
            "GetLayout",
            &(0i32, -1i32, Vec::<&str>::new()),
        )
        .await?;
    let (_rev, (_root, _props, children)): Layout = reply.body().deserialize()?;
    let mut out = Vec::new();
    for c in &children {
        walk(c, &mut out);
    }
    Ok(out)
}

async fn click(conn: &Connection, item: &Item, menu: &str, id: i32) -> Result<()> {
    conn.call_method(
        Some(item.bus.as_str()),
        menu,
        Some(MENU_IFACE),
        "Event",
        &(id, "clicked", Value::I32(0), 0u32),
    )
    .await?;
    Ok(())
}

/// The app as a plain child process (tray only, no WebDriver); ended on drop if still up.
struct TrayApp {
    child: Child,
}

impl Drop for TrayApp {
    fn drop(&mut self) {
        if self.child.try_wait().ok().flatten().is_none() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

fn hhmm(t: chrono::DateTime<chrono::Local>) -> String {
    t.format("%H:%M").to_string()
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
    let watcher = Watcher::default();
    let items = watcher.items.clone();
    let conn = zbus::connection::Builder::session()?
        .name(WATCHER_NAME)?
        .serve_at(WATCHER_PATH, watcher)?
        .build()
        .await
        .map_err(|e| format!("cannot own {WATCHER_NAME} (is a tray host running? {e})"))?;

    let started = chrono::Local::now();
    let mut app = TrayApp {
        child: Command::new(app_binary())
            .args(["--host", "127.0.0.1", "--port"])
            .arg(sim.addr().port().to_string())
            .arg("--config-dir")
            .arg(config_dir.path())
            .env("NESTORE_KEYRING_SERVICE", &service)
            .stdin(Stdio::null())
            .spawn()?,
    };

    let item = wait_for("the app's tray item to register", STEP, || async {
        items.lock().unwrap().first().cloned()
    })
    .await?;
    eprintln!("item registered: {item:?}");

    // The item's properties, as a panel reads them.
    let props = zbus::fdo::PropertiesProxy::builder(&conn)
        .destination(item.bus.as_str())?
        .path(item.path.as_str())?
        .build()
        .await?;
    let all = props
        .get_all(zbus::names::InterfaceName::from_static_str_unchecked(
            ITEM_IFACE,
        ))
        .await?;
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
    let has_pixmap =
        matches!(all.get("IconPixmap").map(|v| &**v), Some(Value::Array(a)) if !a.is_empty());
    assert!(
        !prop("IconName").unwrap_or_default().is_empty() || has_pixmap,
        "the item has an icon (IconName or IconPixmap)"
    );
    let menu = prop("Menu").ok_or("the item has no Menu")?;
    assert!(menu.starts_with('/') && menu != "/", "Menu path {menu:?}");

    // The header lines appear with the first reading.
    let entries = wait_for("the readings in the tray menu", STEP, || async {
        let e = menu_entries(&conn, &item, &menu).await.ok()?;
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
            snap.state_name.as_str(),
            labels[3]
        ],
        "the header lines"
    );
    let updated = labels[3].strip_prefix("Updated ").unwrap_or_default();
    assert!(
        [hhmm(started), hhmm(checked_at)].contains(&updated.to_owned()),
        "{:?} is not between {} and {}",
        labels[3],
        hhmm(started),
        hhmm(checked_at)
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
        &["Open", "Refresh now", "Settings", "Quit"],
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
    click(&conn, &item, &menu, id_of("Open")?).await?;
    wait_for("the NEStore window", STEP, || async {
        x_window_titled("NEStore").then_some(())
    })
    .await?;

    // Quit → the app exits with status 0.
    click(&conn, &item, &menu, id_of("Quit")?).await?;
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
