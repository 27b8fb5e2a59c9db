//! The app and what it runs with: its binary, temp dirs, free ports, the simulator, one
//! app at a time per session bus, its process tree, and the app as a plain child process
//! (tray only, no WebDriver).

use std::fs::File;
use std::net::{SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use nestore_sim::{SimConfig, SimHandle};

use super::{wait_for, Result, STEP};

/// The service password of the simulated device in these tests.
pub const SIM_PASSWORD: &str = "e2e-service-pw-7Qx";

/// The D-Bus name the single-instance plugin claims while the app runs (prefix: the
/// plugin may add a version suffix).
pub const SINGLE_INSTANCE_NAME: &str = "org.nestore.tray.SingleInstance";

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
    free_ports::<1>()[0]
}

/// `N` different loopback ports that were free a moment ago (held together while chosen,
/// so the kernel cannot hand out the same one twice).
pub fn free_ports<const N: usize>() -> [u16; N] {
    let held: Vec<TcpListener> = (0..N)
        .map(|_| TcpListener::bind("127.0.0.1:0").expect("a free loopback port"))
        .collect();
    std::array::from_fn(|i| held[i].local_addr().expect("a bound port").port())
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

/// Every process below `pid` (children, their children, ...).
pub fn descendants(pid: u32) -> Vec<u32> {
    let mut out = Vec::new();
    let mut todo = children_of(pid);
    while let Some(p) = todo.pop() {
        todo.extend(children_of(p));
        out.push(p);
    }
    out
}

/// The command name of a process (`/proc/PID/comm`, at most 15 bytes), if it still exists.
pub fn process_name(pid: u32) -> Option<String> {
    std::fs::read_to_string(format!("/proc/{pid}/comm"))
        .ok()
        .map(|s| s.trim_end().to_owned())
}

/// Whether a process has ended but is not yet reaped by its parent (state Z).
pub fn is_zombie(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .ok()
        .and_then(|s| {
            let after = s.rsplit_once(')')?.1;
            after.split_whitespace().next().map(|st| st == "Z")
        })
        .unwrap_or(false)
}

/// The live WebKit web processes below `pid` (the webview's renderer: "WebKitWebProcess",
/// cut to 15 bytes by the kernel).
pub fn web_processes(pid: u32) -> Vec<u32> {
    descendants(pid)
        .into_iter()
        .filter(|&p| process_name(p).is_some_and(|n| n.starts_with("WebKitWebProces")))
        .filter(|&p| !is_zombie(p))
        .collect()
}

/// Whether a process is alive (exists and is no zombie).
pub fn process_alive(pid: u32) -> bool {
    std::path::Path::new(&format!("/proc/{pid}")).exists() && !is_zombie(pid)
}

/// The children of a process (Linux: /proc/PID/task/*/children).
pub fn children_of(pid: u32) -> Vec<u32> {
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

/// True when `needle` occurs anywhere in `hay`.
pub fn contains_bytes(hay: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle)
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
        TrayApp::spawn_in("C.UTF-8", device, config_dir, service, extra, log)
    }

    /// As [`TrayApp::spawn`], with `lang` as the app's LANG (and no other locale
    /// variable), which decides the language of its words.
    pub fn spawn_in(
        lang: &str,
        device: SocketAddr,
        config_dir: &Path,
        service: &str,
        extra: &[&str],
        log: PathBuf,
    ) -> Result<TrayApp> {
        TrayApp::spawn_with(lang, device, config_dir, service, extra, log, &[])
    }

    /// As [`TrayApp::spawn_in`], with more environment variables for the app.
    pub fn spawn_with(
        lang: &str,
        device: SocketAddr,
        config_dir: &Path,
        service: &str,
        extra: &[&str],
        log: PathBuf,
        env: &[(&str, &Path)],
    ) -> Result<TrayApp> {
        let stderr = File::create(&log)?;
        let child = Command::new(app_binary())
            .envs(env.iter().copied())
            .env_remove("LANGUAGE")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env("LANG", lang)
            // A history of its own (a test's --data-dir wins), so no test sees another's.
            .env("NESTORE_DATA_DIR", config_dir.join("data"))
            // No test asks the public price source: a closed port on loopback (a test
            // with a price server passes --price-url, which wins).
            .env("NESTORE_PRICE_URL", NO_PRICES_URL)
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

/// The price source every app in the tests asks unless told otherwise: port 9 on loopback,
/// where nothing listens.
pub const NO_PRICES_URL: &str = "http://127.0.0.1:9/v1/energyprices";

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

/// "HH:MM" of the local time `minutes` from now (a timer's start or end in a test).
pub fn local_hhmm_in(minutes: i64) -> String {
    use chrono::Timelike;
    let t = chrono::Local::now() + chrono::Duration::minutes(minutes);
    format!("{:02}:{:02}", t.hour(), t.minute())
}
