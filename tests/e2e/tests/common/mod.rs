//! Helpers shared by the end-to-end tests: the simulator, the app binary, tauri-driver
//! and a WebDriver session, waiting for conditions, and one app at a time per session bus.
//!
//! Every test runs the real, built app (`target/debug/nestore-tray`) in the desktop that
//! `scripts/desktop-session.sh` makes: Xvfb, a private session bus and an unlocked
//! gnome-keyring.
#![allow(dead_code)] // each test file uses a different part of this module

use std::collections::HashMap;
use std::fs::File;
use std::future::Future;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use futures_util::StreamExt;
use nestore_sim::{SimConfig, SimHandle};
use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use zbus::message::Header;
use zbus::object_server::SignalEmitter;
use zbus::zvariant::{OwnedValue, Value};
use zbus::{interface, Connection};

pub type Error = Box<dyn std::error::Error + Send + Sync>;
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// The service password of the simulated device in these tests.
pub const SIM_PASSWORD: &str = "e2e-service-pw-7Qx";
/// How long a step may take before the test gives up. WebKit under Xvfb on a 2-core
/// machine with a busy cargo is slow to start.
pub const STEP: Duration = Duration::from_secs(30);
/// The D-Bus name the single-instance plugin claims while the app runs (prefix: the
/// plugin may add a version suffix).
pub const SINGLE_INSTANCE_NAME: &str = "org.nestore.tray.SingleInstance";

/// Polls `f` until it yields `Some`, or fails after `within` naming `what`.
pub async fn wait_for<T, F, Fut>(what: &str, within: Duration, mut f: F) -> Result<T>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Option<T>>,
{
    let deadline = Instant::now() + within;
    loop {
        if let Some(v) = f().await {
            return Ok(v);
        }
        if Instant::now() >= deadline {
            return Err(format!("timed out after {within:?} waiting for {what}").into());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Fails early with a clear message when the test is not inside a desktop session.
pub fn require_desktop() {
    for var in ["DISPLAY", "DBUS_SESSION_BUS_ADDRESS", "XDG_RUNTIME_DIR"] {
        assert!(
            std::env::var_os(var).is_some(),
            "{var} is not set: run the e2e tests inside scripts/desktop-session.sh"
        );
    }
}

/// The workspace root.
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("the workspace root")
}

/// The built app: `$NESTORE_TRAY_BIN`, else `nestore-tray` in the target directory this
/// test binary was built into (`target/debug/deps/..` → `target/debug/nestore-tray`).
pub fn app_binary() -> PathBuf {
    if let Some(p) = std::env::var_os("NESTORE_TRAY_BIN") {
        return PathBuf::from(p);
    }
    let exe = std::env::current_exe().expect("the test binary's path");
    let profile_dir = exe
        .parent()
        .and_then(Path::parent)
        .expect("target/<profile>/deps");
    let bin = profile_dir.join("nestore-tray");
    assert!(
        bin.is_file(),
        "{} does not exist: run `cargo build -p nestore-tray` first (or set NESTORE_TRAY_BIN)",
        bin.display()
    );
    bin
}

/// A keyring service name no other test (or person) uses.
pub fn unique_service(test: &str) -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos();
    format!("nestore-e2e-{test}-{}-{nanos}", std::process::id())
}

/// A fresh, empty directory under the (private) temp dir; removed on drop.
pub struct TempDir(PathBuf);

impl TempDir {
    pub fn new(tag: &str) -> TempDir {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos();
        let p =
            std::env::temp_dir().join(format!("nestore-e2e-{tag}-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&p).expect("create a temp dir");
        TempDir(p)
    }
    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A loopback port that was free a moment ago.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free loopback port")
}

/// The simulated device, frozen in time (speed 0) so its readings stay put.
pub async fn start_sim(soc: f64) -> SimHandle {
    let cfg = SimConfig {
        password: SIM_PASSWORD.into(),
        speed: 0.0,
        ..Default::default()
    };
    let sim = nestore_sim::spawn(cfg, "127.0.0.1:0".parse().unwrap())
        .await
        .expect("start the simulator");
    sim.set_soc(soc);
    sim
}

/// One app at a time on this session bus: the app is a single instance (a second launch
/// would only open the first one's window) and the tray test owns the tray watcher. The
/// lock file is in the session's private runtime dir; the lock is released on drop.
pub struct AppLock(File);

impl AppLock {
    pub fn acquire() -> AppLock {
        let dir = std::env::var_os("XDG_RUNTIME_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(std::env::temp_dir);
        let f = File::create(dir.join("nestore-e2e.lock")).expect("create the lock file");
        f.lock().expect("lock the lock file");
        AppLock(f)
    }
}

impl Drop for AppLock {
    fn drop(&mut self) {
        let _ = self.0.unlock();
    }
}

/// The pid of the running app, found through the single-instance name it owns on the
/// session bus (the app may be a grandchild of the test, started by WebKitWebDriver).
pub async fn app_pid_on_bus(conn: &zbus::Connection) -> Option<u32> {
    let dbus = zbus::fdo::DBusProxy::new(conn).await.ok()?;
    let names = dbus.list_names().await.ok()?;
    for name in names {
        if name.as_str().starts_with(SINGLE_INSTANCE_NAME) {
            let bus_name = zbus::names::BusName::try_from(name.as_str().to_owned()).ok()?;
            return dbus.get_connection_unix_process_id(bus_name).await.ok();
        }
    }
    None
}

/// Waits until no app is left on the session bus; ends a straggler by its pid.
pub async fn wait_app_gone() -> Result<()> {
    let conn = zbus::Connection::session().await?;
    let gone = wait_for("the app to exit", Duration::from_secs(10), || async {
        app_pid_on_bus(&conn).await.is_none().then_some(())
    })
    .await;
    if gone.is_err() {
        if let Some(pid) = app_pid_on_bus(&conn).await {
            eprintln!("the app (pid {pid}) is still running: ending it");
            let _ = Command::new("kill").arg(pid.to_string()).status();
            wait_for("the app to exit after SIGTERM", STEP, || async {
                app_pid_on_bus(&conn).await.is_none().then_some(())
            })
            .await?;
        }
    }
    Ok(())
}

// ---------------------------------------------------------------- tauri-driver

/// `tauri-driver`: `$TAURI_DRIVER`, else `~/.cargo/bin/tauri-driver`, else the PATH.
pub fn tauri_driver_binary() -> PathBuf {
    if let Some(p) = std::env::var_os("TAURI_DRIVER") {
        return PathBuf::from(p);
    }
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")));
    if let Some(p) = cargo_home.map(|c| c.join("bin/tauri-driver")) {
        if p.is_file() {
            return p;
        }
    }
    PathBuf::from("tauri-driver")
}

/// The children of a process (Linux: /proc/PID/task/*/children).
fn children_of(pid: u32) -> Vec<u32> {
    let mut out = Vec::new();
    if let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) {
        for t in tasks.flatten() {
            if let Ok(s) = std::fs::read_to_string(t.path().join("children")) {
                out.extend(s.split_whitespace().filter_map(|p| p.parse::<u32>().ok()));
            }
        }
    }
    out
}

/// A running `tauri-driver` (which starts WebKitWebDriver, which starts the app).
pub struct TauriDriver {
    child: Child,
    pub port: u16,
}

impl TauriDriver {
    /// Starts tauri-driver on free ports with `env` added to its (and so the app's)
    /// environment, and waits until it accepts connections.
    pub async fn start(env: &[(&str, &str)]) -> Result<TauriDriver> {
        let port = free_port();
        let native_port = free_port();
        let mut cmd = Command::new(tauri_driver_binary());
        cmd.args(["--port", &port.to_string()])
            .args(["--native-port", &native_port.to_string()])
            .args(["--native-driver", "/usr/bin/WebKitWebDriver"])
            .stdin(Stdio::null());
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = cmd.spawn().map_err(|e| {
            format!(
                "cannot start tauri-driver ({e}): cargo install tauri-driver --version '^2' --locked"
            )
        })?;
        let mut driver = TauriDriver { child, port };
        let addr: SocketAddr = ([127, 0, 0, 1], port).into();
        let child = &mut driver.child;
        let up = wait_for("tauri-driver to listen", STEP, || {
            let exited = child.try_wait().ok().flatten();
            async move {
                if let Some(status) = exited {
                    return Some(Err(format!("tauri-driver exited: {status}")));
                }
                TcpStream::connect_timeout(&addr, Duration::from_millis(200))
                    .ok()
                    .map(|_| Ok(()))
            }
        })
        .await?;
        up?;
        Ok(driver)
    }

    /// A WebDriver session that launches the app with `args`.
    pub async fn session(&self, args: &[String]) -> Result<Client> {
        let caps = json!({
            "browserName": "wry",
            "tauri:options": {
                "application": app_binary(),
                "args": args,
            }
        });
        let caps = match caps {
            serde_json::Value::Object(m) => m,
            _ => unreachable!(),
        };
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        let client = ClientBuilder::new(connector)
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{}", self.port))
            .await?;
        Ok(client)
    }
}

impl Drop for TauriDriver {
    fn drop(&mut self) {
        // WebKitWebDriver (tauri-driver's child) does not always go with it: end it first.
        let pid = self.child.id();
        for c in children_of(pid) {
            let _ = Command::new("kill").arg(c.to_string()).status();
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The app in a WebDriver session, with everything it needs held until the test ends.
pub struct WindowApp {
    pub client: Client,
    pub config_dir: TempDir,
    pub service: String,
    driver: TauriDriver,
    _lock: AppLock,
}

impl WindowApp {
    /// Launches the app with `--open` against the simulator at `sim`, a fresh config dir
    /// and a keyring service of its own.
    pub async fn launch(test: &str, sim: SocketAddr) -> Result<WindowApp> {
        WindowApp::launch_with_settings(test, sim, None).await
    }

    /// As [`WindowApp::launch`], with `settings` (any text) as the settings file the app
    /// finds at start.
    pub async fn launch_with_settings(
        test: &str,
        sim: SocketAddr,
        settings: Option<&str>,
    ) -> Result<WindowApp> {
        require_desktop();
        let lock = AppLock::acquire();
        wait_app_gone().await?;
        let service = unique_service(test);
        let config_dir = TempDir::new(test);
        if let Some(text) = settings {
            std::fs::write(config_dir.path().join("settings.json"), text)?;
        }
        let driver = TauriDriver::start(&[
            ("NESTORE_KEYRING_SERVICE", service.as_str()),
            ("NESTORE_LOG", "info,tao=warn,wry=warn"),
        ])
        .await?;
        let args = vec![
            "--open".to_string(),
            "--host".into(),
            sim.ip().to_string(),
            "--port".into(),
            sim.port().to_string(),
            "--config-dir".into(),
            config_dir.path().display().to_string(),
        ];
        let client = driver.session(&args).await?;
        Ok(WindowApp {
            client,
            config_dir,
            service,
            driver,
            _lock: lock,
        })
    }

    /// Closes the app whatever the test's `result`, then returns that result (or the
    /// failure to close, when the test itself passed).
    pub async fn finish(self, result: Result<()>) -> Result<()> {
        let closed = self.close().await;
        result?;
        closed
    }

    /// From start to a window with control on: waits for the first reading (63 %), saves
    /// the device and its password in Settings, and returns to the readings.
    pub async fn enable_control(&self, sim: SocketAddr, password: &str) -> Result<()> {
        self.wait_text("soc", "the first reading", |t| t == "63 %")
            .await?;
        self.save_settings_with_password(sim, password).await?;
        self.click("btn-back").await
    }

    /// Ends the session (which ends the app) and waits until the app is gone.
    pub async fn close(self) -> Result<()> {
        let WindowApp {
            client,
            config_dir,
            service,
            driver,
            _lock,
        } = self;
        let closed = client.close().await;
        let gone = wait_app_gone().await;
        drop(driver);
        let _ = Command::new("secret-tool")
            .args(["clear", "service", &service])
            .status();
        drop(config_dir);
        closed?;
        gone
    }

    pub async fn el(&self, id: &str) -> Result<Element> {
        Ok(self.client.find(Locator::Id(id)).await?)
    }

    /// The text of element `id` (empty when it is hidden).
    pub async fn text(&self, id: &str) -> Result<String> {
        Ok(self.el(id).await?.text().await?)
    }

    /// Waits until the text of element `id` satisfies `ok`, and returns it.
    pub async fn wait_text(
        &self,
        id: &str,
        what: &str,
        ok: impl Fn(&str) -> bool,
    ) -> Result<String> {
        let last = std::cell::RefCell::new(String::new());
        let r = wait_for(what, STEP, || async {
            let el = self.client.find(Locator::Id(id)).await.ok()?;
            let t = el.text().await.ok()?;
            if ok(&t) {
                Some(t)
            } else {
                *last.borrow_mut() = t;
                None
            }
        })
        .await;
        let last = last.into_inner();
        r.map_err(|e| format!("{e} (#{id} showed {last:?})").into())
    }

    /// Waits until element `id` is displayed and enabled, then clicks it.
    pub async fn click(&self, id: &str) -> Result<()> {
        let el = wait_for(&format!("#{id} to be clickable"), STEP, || async {
            let el = self.client.find(Locator::Id(id)).await.ok()?;
            (el.is_displayed().await.ok()? && el.is_enabled().await.ok()?).then_some(el)
        })
        .await?;
        el.click().await?;
        Ok(())
    }

    /// Replaces the value of input `id` by typing `value`.
    pub async fn type_into(&self, id: &str, value: &str) -> Result<()> {
        let el = wait_for(&format!("#{id} to be displayed"), STEP, || async {
            let el = self.client.find(Locator::Id(id)).await.ok()?;
            el.is_displayed().await.ok()?.then_some(el)
        })
        .await?;
        el.clear().await?;
        el.send_keys(value).await?;
        let got = el.prop("value").await?.unwrap_or_default();
        if got != value {
            return Err(format!("#{id} holds {got:?} after typing {value:?}").into());
        }
        Ok(())
    }

    /// Sets checkbox `id` to `on` by clicking it when needed.
    pub async fn set_checked(&self, id: &str, on: bool) -> Result<()> {
        let el = self.el(id).await?;
        if el.is_selected().await? != on {
            el.click().await?;
        }
        let now = el.is_selected().await?;
        if now != on {
            return Err(format!("#{id} is still {now} after clicking").into());
        }
        Ok(())
    }

    /// Opens Settings in the window, enters the simulator as the device with control on
    /// and `password`, saves, and waits for "Saved.".
    pub async fn save_settings_with_password(&self, sim: SocketAddr, password: &str) -> Result<()> {
        self.click("btn-settings").await?;
        self.type_into("set-host", &sim.ip().to_string()).await?;
        self.type_into("set-port", &sim.port().to_string()).await?;
        self.set_checked("set-control", true).await?;
        self.type_into("set-password", password).await?;
        self.click("btn-save-settings").await?;
        self.wait_text("settings-message", "the settings to be saved", |t| {
            t == "Saved." || (!t.is_empty() && !t.starts_with("Saving"))
        })
        .await
        .and_then(|t| {
            if t == "Saved." {
                Ok(())
            } else {
                Err(format!("saving the settings failed: {t:?}").into())
            }
        })
    }
}

/// `secret-tool lookup service SERVICE username ACCOUNT`: the stored secret, if any.
pub fn keyring_lookup(service: &str, account: &str) -> Option<String> {
    let out = Command::new("secret-tool")
        .args(["lookup", "service", service, "username", account])
        .output()
        .expect("run secret-tool (apt-get install libsecret-tools)");
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// True when `needle` occurs anywhere in `hay`.
pub fn contains_bytes(hay: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle)
}

/// `xwininfo -root -tree`: does any window have this exact title?
pub fn x_window_titled(title: &str) -> bool {
    Command::new("xwininfo")
        .args(["-root", "-tree"])
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).contains(&format!("\"{title}\"")))
        .unwrap_or(false)
}

// ---------------------------------------------------------------- the tray over D-Bus

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

    pub async fn menu_entries(&self, item: &Item, menu: &str) -> Result<Vec<Entry>> {
        menu_entries(&self.conn, item, menu).await
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

    pub async fn click(&self, item: &Item, menu: &str, id: i32) -> Result<()> {
        click_menu(&self.conn, item, menu, id).await
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

pub async fn menu_entries(conn: &Connection, item: &Item, menu: &str) -> Result<Vec<Entry>> {
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

pub async fn click_menu(conn: &Connection, item: &Item, menu: &str, id: i32) -> Result<()> {
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

// ---------------------------------------------------------------- the tray icon

/// An icon as 8-bit RGBA pixels.
#[derive(Debug, Clone)]
pub struct Icon {
    pub width: u32,
    pub height: u32,
    pub rgba: Vec<u8>,
    /// The file it was read from, or "IconPixmap".
    pub source: String,
}

/// The looks of the tray icon, by the colour of its fill (nestore-tray-core's icon.rs).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tint {
    /// Teal: healthy.
    Normal,
    /// Orange: a warning is latched.
    Warning,
    /// Red: an alarm is latched.
    Alarm,
}

impl Tint {
    pub const ALL: [Tint; 3] = [Tint::Normal, Tint::Warning, Tint::Alarm];

    pub fn rgb(self) -> [u8; 3] {
        match self {
            Tint::Normal => [0x14, 0xb8, 0xa6],
            Tint::Warning => [0xff, 0x82, 0x00],
            Tint::Alarm => [0xe8, 0x1c, 0x2e],
        }
    }
}

impl Icon {
    /// How many opaque pixels are within a small distance of `rgb` (the renderer
    /// antialiases edges, so exact matches are the inner pixels of a colour area).
    pub fn count_near(&self, rgb: [u8; 3]) -> usize {
        self.rgba
            .chunks_exact(4)
            .filter(|p| p[3] >= 250 && p[..3].iter().zip(rgb).all(|(&a, b)| a.abs_diff(b) <= 12))
            .count()
    }

    /// The look colour that covers most of the icon, if any covers a tenth of it.
    pub fn tint(&self) -> Option<Tint> {
        let total = (self.width * self.height) as usize;
        Tint::ALL
            .into_iter()
            .map(|t| (t, self.count_near(t.rgb())))
            .filter(|&(_, n)| n * 10 >= total)
            .max_by_key(|&(_, n)| n)
            .map(|(t, _)| t)
    }

    /// The most frequent opaque colour, for messages.
    pub fn dominant(&self) -> Option<[u8; 3]> {
        let mut counts: HashMap<[u8; 3], usize> = HashMap::new();
        for p in self.rgba.chunks_exact(4).filter(|p| p[3] >= 250) {
            *counts.entry([p[0], p[1], p[2]]).or_default() += 1;
        }
        counts.into_iter().max_by_key(|&(_, n)| n).map(|(c, _)| c)
    }
}

/// Decodes a PNG to 8-bit RGBA.
pub fn decode_png(bytes: &[u8]) -> Result<Icon> {
    let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = decoder.read_info()?;
    let mut buf = vec![0; reader.output_buffer_size().ok_or("PNG too large")?];
    let info = reader.next_frame(&mut buf)?;
    buf.truncate(info.buffer_size());
    let rgba = match info.color_type {
        png::ColorType::Rgba => buf,
        png::ColorType::Rgb => buf
            .chunks_exact(3)
            .flat_map(|p| [p[0], p[1], p[2], 255])
            .collect(),
        png::ColorType::GrayscaleAlpha => buf
            .chunks_exact(2)
            .flat_map(|p| [p[0], p[0], p[0], p[1]])
            .collect(),
        png::ColorType::Grayscale => buf.iter().flat_map(|&g| [g, g, g, 255]).collect(),
        other => return Err(format!("unexpected PNG colour type {other:?}").into()),
    };
    Ok(Icon {
        width: info.width,
        height: info.height,
        rgba,
        source: String::new(),
    })
}

// ---------------------------------------------------------------- the app, tray only

/// The app as a plain child process (tray only, no WebDriver), its stderr in a file;
/// ended on drop if still up.
pub struct TrayApp {
    pub child: Child,
    pub log: PathBuf,
}

impl TrayApp {
    /// Starts the app against the device at `device` with `extra` arguments, a keyring
    /// service `service`, and its log (info) in `log`.
    pub fn spawn(
        device: SocketAddr,
        config_dir: &Path,
        service: &str,
        extra: &[&str],
        log: PathBuf,
    ) -> Result<TrayApp> {
        let stderr = File::create(&log)?;
        let child = Command::new(app_binary())
            .args(["--host", &device.ip().to_string(), "--port"])
            .arg(device.port().to_string())
            .arg("--config-dir")
            .arg(config_dir)
            .args(extra)
            .env("NESTORE_KEYRING_SERVICE", service)
            .env("NESTORE_LOG", "info,tao=warn,wry=warn")
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(stderr)
            .spawn()?;
        Ok(TrayApp { child, log })
    }

    /// The app's log so far, without terminal colour codes.
    pub fn log_text(&self) -> String {
        strip_ansi(&std::fs::read_to_string(&self.log).unwrap_or_default())
    }

    /// The `alert: TITLE ...` lines of the log.
    pub fn alert_lines(&self) -> Vec<String> {
        self.log_text()
            .lines()
            .filter(|l| l.contains("alert: "))
            .map(String::from)
            .collect()
    }
}

impl Drop for TrayApp {
    fn drop(&mut self) {
        if self.child.try_wait().ok().flatten().is_none() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// Removes ANSI escape sequences (`ESC [ ... letter`).
pub fn strip_ansi(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' && chars.peek() == Some(&'[') {
            chars.next();
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

// ---------------------------------------------------------------- notifications

/// One `org.freedesktop.Notifications.Notify` call as seen on the bus.
#[derive(Debug, Clone)]
pub struct Notification {
    pub app_name: String,
    pub replaces_id: u32,
    pub icon: String,
    pub summary: String,
    pub body: String,
    pub actions: Vec<String>,
    /// The `urgency` hint: 0 low, 1 normal, 2 critical.
    pub urgency: Option<u8>,
    pub timeout: i32,
}

type NotifyArgs = (
    String,
    u32,
    String,
    String,
    String,
    Vec<String>,
    HashMap<String, OwnedValue>,
    i32,
);

/// Every Notify call on the session bus, captured by a connection that became a bus
/// monitor (`org.freedesktop.DBus.Monitoring.BecomeMonitor`). Start it before the app.
pub struct NotificationMonitor {
    seen: Arc<Mutex<Vec<Notification>>>,
    task: tokio::task::JoinHandle<()>,
}

impl NotificationMonitor {
    pub async fn start() -> Result<NotificationMonitor> {
        let conn = zbus::connection::Builder::session()?.build().await?;
        // The stream first, so nothing that arrives after BecomeMonitor is missed.
        let mut stream = zbus::MessageStream::from(&conn);
        let rule = zbus::MatchRule::builder()
            .msg_type(zbus::message::Type::MethodCall)
            .interface("org.freedesktop.Notifications")?
            .member("Notify")?
            .build();
        zbus::fdo::MonitoringProxy::new(&conn)
            .await?
            .become_monitor(&[rule], 0)
            .await?;
        let seen = Arc::new(Mutex::new(Vec::new()));
        let sink = seen.clone();
        let task = tokio::spawn(async move {
            let _conn = conn;
            while let Some(msg) = stream.next().await {
                let Ok(msg) = msg else { continue };
                let h = msg.header();
                if h.message_type() != zbus::message::Type::MethodCall
                    || h.member().map(|m| m.as_str()) != Some("Notify")
                {
                    continue;
                }
                match msg.body().deserialize::<NotifyArgs>() {
                    Ok((app_name, replaces_id, icon, summary, body, actions, hints, timeout)) => {
                        let urgency = hints.get("urgency").and_then(|v| match &**v {
                            Value::U8(b) => Some(*b),
                            Value::Value(inner) => match &**inner {
                                Value::U8(b) => Some(*b),
                                _ => None,
                            },
                            _ => None,
                        });
                        sink.lock().unwrap().push(Notification {
                            app_name,
                            replaces_id,
                            icon,
                            summary,
                            body,
                            actions,
                            urgency,
                            timeout,
                        });
                    }
                    Err(e) => eprintln!("a Notify call that does not parse: {e}"),
                }
            }
        });
        Ok(NotificationMonitor { seen, task })
    }

    /// The notifications seen so far from `app_name`.
    pub fn sent_by(&self, app_name: &str) -> Vec<Notification> {
        self.seen
            .lock()
            .unwrap()
            .iter()
            .filter(|n| n.app_name == app_name)
            .cloned()
            .collect()
    }
}

impl Drop for NotificationMonitor {
    fn drop(&mut self) {
        self.task.abort();
    }
}

// ---------------------------------------------------------------- counting polls

/// A loopback TCP proxy in front of the simulator that counts the app's readings (HTTP
/// requests for the engineering data), so a test can wait for "N more polls" instead of
/// sleeping.
pub struct CountingProxy {
    pub addr: SocketAddr,
    count: Arc<AtomicUsize>,
    task: tokio::task::JoinHandle<()>,
}

/// What one reading asks for (the v3 engineering path of the simulator).
const READING_REQUEST: &[u8] = b"GET /api/v3/data/engineering";

impl CountingProxy {
    pub async fn start(upstream: SocketAddr) -> Result<CountingProxy> {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let addr = listener.local_addr()?;
        let count = Arc::new(AtomicUsize::new(0));
        let counter = count.clone();
        let task = tokio::spawn(async move {
            while let Ok((client, _)) = listener.accept().await {
                let counter = counter.clone();
                tokio::spawn(async move {
                    let Ok(server) = tokio::net::TcpStream::connect(upstream).await else {
                        return;
                    };
                    let (mut cr, mut cw) = client.into_split();
                    let (mut sr, mut sw) = server.into_split();
                    let up = async {
                        let mut buf = vec![0u8; 16 * 1024];
                        // The end of the previous read, for a request line split in two.
                        let mut tail: Vec<u8> = Vec::new();
                        loop {
                            let n = match cr.read(&mut buf).await {
                                Ok(0) | Err(_) => break,
                                Ok(n) => n,
                            };
                            let mut hay = std::mem::take(&mut tail);
                            hay.extend_from_slice(&buf[..n]);
                            let hits = hay
                                .windows(READING_REQUEST.len())
                                .filter(|w| *w == READING_REQUEST)
                                .count();
                            counter.fetch_add(hits, Ordering::SeqCst);
                            let keep = hay.len().min(READING_REQUEST.len() - 1);
                            tail = hay[hay.len() - keep..].to_vec();
                            if sw.write_all(&buf[..n]).await.is_err() {
                                break;
                            }
                        }
                        let _ = sw.shutdown().await;
                    };
                    let down = async {
                        let _ = tokio::io::copy(&mut sr, &mut cw).await;
                        let _ = cw.shutdown().await;
                    };
                    tokio::join!(up, down);
                });
            }
        });
        Ok(CountingProxy { addr, count, task })
    }

    /// Readings requested so far.
    pub fn readings(&self) -> usize {
        self.count.load(Ordering::SeqCst)
    }

    /// Waits until `n` more readings than `from` were requested (and so, with a 1 s poll
    /// interval, answered and handled: the next request only follows the previous one).
    pub async fn wait_readings(&self, from: usize, n: usize) -> Result<usize> {
        wait_for(
            &format!("{n} more readings after reading {from}"),
            STEP,
            || async {
                let now = self.readings();
                (now >= from + n).then_some(now)
            },
        )
        .await
    }
}

impl Drop for CountingProxy {
    fn drop(&mut self) {
        self.task.abort();
    }
}
