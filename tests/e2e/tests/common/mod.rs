//! Helpers shared by the end-to-end tests: the simulator, the app binary, tauri-driver
//! and a WebDriver session, waiting for conditions, and one app at a time per session bus.
//!
//! Every test runs the real, built app (`target/debug/nestore-tray`) in the desktop that
//! `scripts/desktop-session.sh` makes: Xvfb, a private session bus and an unlocked
//! gnome-keyring.
#![allow(dead_code)] // each test file uses a different part of this module

use std::fs::File;
use std::future::Future;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use nestore_sim::{SimConfig, SimHandle};
use serde_json::json;

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
        require_desktop();
        let lock = AppLock::acquire();
        wait_app_gone().await?;
        let service = unique_service(test);
        let config_dir = TempDir::new(test);
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
