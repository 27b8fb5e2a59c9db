//! The test as the tray host: it owns org.kde.StatusNotifierWatcher, so it sees what a
//! panel would: the app's StatusNotifierItem, its icon and its dbusmenu.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use zbus::message::Header;
use zbus::object_server::SignalEmitter;
use zbus::zvariant::{OwnedValue, Value};
use zbus::{interface, Connection};

use super::{decode_png, wait_for, Icon, Result, STEP};

pub const WATCHER_NAME: &str = "org.kde.StatusNotifierWatcher";
pub const WATCHER_PATH: &str = "/StatusNotifierWatcher";
pub const ITEM_IFACE: &str = "org.kde.StatusNotifierItem";
pub const MENU_IFACE: &str = "com.canonical.dbusmenu";

/// A registered item: the bus name that owns it and its object path.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub bus: String,
    pub path: String,
}

/// The StatusNotifierWatcher the test serves, so it sees what a panel would.
#[derive(Default, Clone)]
pub struct Watcher {
    pub items: Arc<Mutex<Vec<Item>>>,
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

/// The test as the tray host: owns the watcher name on the session bus. Start it before
/// the app, so that the app registers with it (and does not fall back to an XEmbed icon).
pub struct TrayHost {
    pub conn: Connection,
    pub items: Arc<Mutex<Vec<Item>>>,
}

impl TrayHost {
    pub async fn start() -> Result<TrayHost> {
        let watcher = Watcher::default();
        let items = watcher.items.clone();
        let conn = zbus::connection::Builder::session()?
            .name(WATCHER_NAME)?
            .serve_at(WATCHER_PATH, watcher)?
            .build()
            .await
            .map_err(|e| format!("cannot own {WATCHER_NAME} (is a tray host running? {e})"))?;
        Ok(TrayHost { conn, items })
    }

    /// Waits for the first item to register.
    pub async fn item(&self) -> Result<Item> {
        let items = &self.items;
        wait_for("the app's tray item to register", STEP, || async {
            items.lock().unwrap().first().cloned()
        })
        .await
    }

    /// All properties of the item, read afresh (no cache).
    pub async fn item_properties(&self, item: &Item) -> Result<HashMap<String, OwnedValue>> {
        let props = zbus::fdo::PropertiesProxy::builder(&self.conn)
            .destination(item.bus.as_str())?
            .path(item.path.as_str())?
            .cache_properties(zbus::proxy::CacheProperties::No)
            .build()
            .await?;
        Ok(props
            .get_all(zbus::names::InterfaceName::from_static_str_unchecked(
                ITEM_IFACE,
            ))
            .await?)
    }

    /// The item's menu object path.
    pub async fn menu_path(&self, item: &Item) -> Result<String> {
        let all = self.item_properties(item).await?;
        let menu = all
            .get("Menu")
            .and_then(|v| string_of(v))
            .ok_or("the item has no Menu")?;
        if !menu.starts_with('/') || menu == "/" {
            return Err(format!("Menu path {menu:?}").into());
        }
        Ok(menu)
    }

    /// The visible entries of the menu at `menu`, flattened in order (dbusmenu GetLayout).
    pub async fn menu_entries(&self, item: &Item, menu: &str) -> Result<Vec<Entry>> {
        let reply = self
            .conn
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

    /// The visible, non-separator labels of the menu.
    pub async fn menu_labels(&self, item: &Item, menu: &str) -> Result<Vec<String>> {
        Ok(self
            .menu_entries(item, menu)
            .await?
            .into_iter()
            .filter(|e| !e.separator)
            .map(|e| e.label)
            .collect())
    }

    /// The id of the visible entry labelled `label`.
    pub async fn entry_id(&self, item: &Item, menu: &str, label: &str) -> Result<i32> {
        let entries = self.menu_entries(item, menu).await?;
        entries
            .iter()
            .find(|e| e.label == label)
            .map(|e| e.id)
            .ok_or_else(|| {
                let labels: Vec<&str> = entries.iter().map(|e| e.label.as_str()).collect();
                format!("no {label:?} in the menu {labels:?}").into()
            })
    }

    /// Clicks the visible entry labelled `label`.
    pub async fn click_label(&self, item: &Item, menu: &str, label: &str) -> Result<()> {
        let id = self.entry_id(item, menu, label).await?;
        self.click(item, menu, id).await
    }

    /// Clicks the menu entry `id` (dbusmenu Event "clicked").
    pub async fn click(&self, item: &Item, menu: &str, id: i32) -> Result<()> {
        self.conn
            .call_method(
                Some(item.bus.as_str()),
                menu,
                Some(MENU_IFACE),
                "Event",
                &(id, "clicked", Value::I32(0), 0u32),
            )
            .await?;
        Ok(())
    }

    /// The item's icon as RGBA pixels: the PNG file named by `IconName` (what
    /// libayatana-appindicator publishes), else the largest `IconPixmap` (ARGB32,
    /// network byte order).
    pub async fn icon(&self, item: &Item) -> Result<Icon> {
        let all = self.item_properties(item).await?;
        let name = all.get("IconName").and_then(|v| string_of(v));
        let theme = all.get("IconThemePath").and_then(|v| string_of(v));
        if let Some(name) = name.filter(|n| !n.is_empty()) {
            let mut path = PathBuf::from(&name);
            if !path.is_absolute() {
                let dir = theme.unwrap_or_default();
                path = Path::new(&dir).join(format!("{name}.png"));
            }
            let png = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            let mut icon = decode_png(&png)?;
            icon.source = path.display().to_string();
            return Ok(icon);
        }
        let pixmaps: Vec<(i32, i32, Vec<u8>)> = match all.get("IconPixmap") {
            Some(v) => v.try_clone()?.try_into()?,
            None => Vec::new(),
        };
        let (w, h, argb) = pixmaps
            .into_iter()
            .max_by_key(|(w, h, _)| w * h)
            .ok_or("the item has neither IconName nor IconPixmap")?;
        let rgba = argb
            .chunks_exact(4)
            .flat_map(|p| [p[1], p[2], p[3], p[0]])
            .collect();
        Ok(Icon {
            width: w as u32,
            height: h as u32,
            rgba,
            source: "IconPixmap".into(),
        })
    }
}

/// One dbusmenu entry, flattened.
#[derive(Debug, Clone)]
pub struct Entry {
    pub id: i32,
    pub label: String,
    pub enabled: bool,
    pub separator: bool,
}

pub fn string_of(v: &Value<'_>) -> Option<String> {
    match v {
        Value::Str(s) => Some(s.to_string()),
        Value::ObjectPath(p) => Some(p.to_string()),
        Value::Value(inner) => string_of(inner),
        _ => None,
    }
}

pub fn bool_of(v: &Value<'_>) -> Option<bool> {
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
