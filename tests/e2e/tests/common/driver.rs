//! tauri-driver (which starts WebKitWebDriver, which starts the app) and the app's window
//! in a WebDriver session.

use std::net::{SocketAddr, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;

use super::{
    app_binary, app_pid_on_bus, children_of, free_ports, require_desktop, unique_service,
    wait_app_gone, wait_for, AppLock, Result, TempDir, TrayHost, STEP,
};

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

/// A running `tauri-driver` (which starts WebKitWebDriver, which starts the app).
pub struct TauriDriver {
    child: Child,
    pub port: u16,
}

impl TauriDriver {
    /// Starts tauri-driver on free ports with `env` added to its (and so the app's)
    /// environment, and waits until it accepts connections.
    pub async fn start(env: &[(&str, &str)]) -> Result<TauriDriver> {
        let [port, native_port] = free_ports::<2>();
        let mut cmd = Command::new(tauri_driver_binary());
        // The app's language comes from LANG alone (or `env`), whatever the session has.
        for var in ["LANGUAGE", "LC_ALL", "LC_MESSAGES"] {
            cmd.env_remove(var);
        }
        cmd.env("LANG", "C.UTF-8");
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
        // tauri-driver, and the WebKitWebDriver it starts at once: a session asked for
        // before the latter listens fails with a dropped connection.
        let addrs: [SocketAddr; 2] = [
            ([127, 0, 0, 1], port).into(),
            ([127, 0, 0, 1], native_port).into(),
        ];
        let child = &mut driver.child;
        let up = wait_for("tauri-driver and WebKitWebDriver to listen", STEP, || {
            let exited = child.try_wait().ok().flatten();
            async move {
                if let Some(status) = exited {
                    return Some(Err(format!("tauri-driver exited: {status}")));
                }
                addrs
                    .iter()
                    .all(|a| TcpStream::connect_timeout(a, Duration::from_millis(200)).is_ok())
                    .then_some(Ok(()))
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
    /// The tray host, when the launch asked for one ([`Launch::tray_host`]).
    pub host: Option<TrayHost>,
    driver: TauriDriver,
    _lock: AppLock,
}

/// What the settings file holds when the app starts.
pub enum SettingsFile<'a> {
    /// No file: the defaults.
    None,
    /// This text, whatever it is.
    Text(&'a str),
    /// A named pipe (FIFO) with no writer: opening it for reading would block.
    Fifo,
}

/// How [`WindowApp::launch_with`] starts the app.
pub struct Launch<'a> {
    pub settings: SettingsFile<'a>,
    /// Be the tray host (StatusNotifierWatcher) before the app starts.
    pub tray_host: bool,
    /// More arguments after `--open --host .. --port .. --config-dir ..`.
    pub args: &'a [&'a str],
    /// The app's LANG: "C.UTF-8" (English) unless a test asks for another.
    pub lang: &'a str,
}

impl Default for Launch<'_> {
    fn default() -> Self {
        Launch {
            settings: SettingsFile::None,
            tray_host: false,
            args: &[],
            lang: "C.UTF-8",
        }
    }
}

/// What a command over IPC answered: its value, or the error it rejected with.
pub type Invoked = std::result::Result<serde_json::Value, serde_json::Value>;

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
        let settings = settings.map_or(SettingsFile::None, SettingsFile::Text);
        WindowApp::launch_with(
            test,
            sim,
            Launch {
                settings,
                ..Launch::default()
            },
        )
        .await
    }

    /// Launches the app with `--open` against the simulator at `sim` as `how` says, with a
    /// fresh config dir and a keyring service of its own.
    pub async fn launch_with(test: &str, sim: SocketAddr, how: Launch<'_>) -> Result<WindowApp> {
        require_desktop();
        let lock = AppLock::acquire();
        wait_app_gone().await?;
        let service = unique_service(test);
        let config_dir = TempDir::new(test);
        let settings = config_dir.path().join("settings.json");
        match how.settings {
            SettingsFile::None => {}
            SettingsFile::Text(text) => std::fs::write(&settings, text)?,
            SettingsFile::Fifo => {
                let made = Command::new("mkfifo").arg(&settings).status()?;
                if !made.success() {
                    return Err(format!("mkfifo {}: {made}", settings.display()).into());
                }
            }
        }
        let data_dir = config_dir.path().join("data").display().to_string();
        let host = match how.tray_host {
            true => Some(TrayHost::start().await?),
            false => None,
        };
        let driver = TauriDriver::start(&[
            ("NESTORE_KEYRING_SERVICE", service.as_str()),
            ("NESTORE_LOG", "info,tao=warn,wry=warn"),
            ("LANG", how.lang),
            // A history of its own (a test's --data-dir wins), so no test sees another's.
            ("NESTORE_DATA_DIR", &data_dir),
            // No test asks the public price source (a test's --price-url wins).
            ("NESTORE_PRICE_URL", super::app::NO_PRICES_URL),
        ])
        .await?;
        let mut args = vec![
            "--open".to_string(),
            "--host".into(),
            sim.ip().to_string(),
            "--port".into(),
            sim.port().to_string(),
            "--config-dir".into(),
            config_dir.path().display().to_string(),
        ];
        args.extend(how.args.iter().map(|a| a.to_string()));
        // A hung app would leave the session request waiting for ever.
        let client = tokio::time::timeout(STEP * 2, driver.session(&args))
            .await
            .map_err(|_| "the WebDriver session did not start: the app hangs or has no window")??;
        Ok(WindowApp {
            client,
            config_dir,
            service,
            host,
            driver,
            _lock: lock,
        })
    }

    /// The app's pid (it is WebKitWebDriver's child, found by its name on the bus).
    pub async fn pid(&self) -> Result<u32> {
        let conn = zbus::Connection::session().await?;
        wait_for("the app on the session bus", STEP, || async {
            app_pid_on_bus(&conn).await
        })
        .await
    }

    /// Calls the app's IPC command `name` with `args` from the window, as the page does
    /// (`window.__TAURI__.core.invoke`), and returns what it answered or rejected with.
    pub async fn invoke(&self, name: &str, args: serde_json::Value) -> Result<Invoked> {
        const SCRIPT: &str = "const [name, args, done] = arguments;\n\
            window.__TAURI__.core.invoke(name, args).then(\n\
              (value) => done({ok: value === undefined ? null : value}),\n\
              (error) => done({err: error === undefined ? null : error}));";
        let out = self
            .client
            .execute_async(SCRIPT, vec![json!(name), args])
            .await?;
        match (out.get("ok"), out.get("err")) {
            (Some(v), None) => Ok(Ok(v.clone())),
            (None, Some(e)) => Ok(Err(e.clone())),
            _ => Err(format!("invoke {name}: {out}").into()),
        }
    }

    /// The app's state as the window gets it (`get_state`, docs/ipc.md).
    pub async fn state(&self) -> Result<serde_json::Value> {
        self.invoke("get_state", json!({}))
            .await?
            .map_err(|e| format!("get_state failed: {e}").into())
    }

    /// Waits until the app's state satisfies `ok`, and returns it.
    pub async fn wait_state(
        &self,
        what: &str,
        ok: impl Fn(&serde_json::Value) -> bool,
    ) -> Result<serde_json::Value> {
        let last = std::cell::RefCell::new(serde_json::Value::Null);
        let r = wait_for(what, STEP, || async {
            let s = self.state().await.ok()?;
            if ok(&s) {
                Some(s)
            } else {
                *last.borrow_mut() = s;
                None
            }
        })
        .await;
        r.map_err(|e| format!("{e} (the state was {})", last.into_inner()).into())
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
        self.close_session(true).await
    }

    /// Ends the app after its window was closed: the WebDriver session has no window left
    /// to close, so its end may fail; the app must be gone all the same.
    pub async fn close_windowless(self) -> Result<()> {
        self.close_session(false).await
    }

    async fn close_session(self, window_expected: bool) -> Result<()> {
        let WindowApp {
            client,
            config_dir,
            service,
            host,
            driver,
            _lock,
        } = self;
        let closed = match client.close().await {
            Err(e) if !window_expected => {
                eprintln!("ending the WebDriver session without a window: {e}");
                Ok(())
            }
            other => other,
        };
        drop(host);
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

    /// Scrolls `el` to the middle of the window, as a person would before using it (the
    /// window is small, and sticky parts may cover a field at its edge).
    pub async fn scroll_to(&self, el: &Element) -> Result<()> {
        scroll_into_view(&self.client, el).await
    }

    /// Opens Settings and waits until the form has the settings (it is inert and
    /// `aria-busy` until get_settings answers: a box ticked before would be undone).
    pub async fn open_settings(&self) -> Result<()> {
        self.click("btn-settings").await?;
        settings_loaded(&self.client).await
    }

    /// Waits until element `id` is displayed and enabled, then clicks it.
    pub async fn click(&self, id: &str) -> Result<()> {
        let el = wait_for(&format!("#{id} to be clickable"), STEP, || async {
            let el = self.client.find(Locator::Id(id)).await.ok()?;
            (el.is_displayed().await.ok()? && el.is_enabled().await.ok()?).then_some(el)
        })
        .await?;
        self.scroll_to(&el).await?;
        el.click()
            .await
            .map_err(|e| format!("clicking #{id}: {e}"))?;
        Ok(())
    }

    /// Replaces the value of input `id` by typing `value`.
    pub async fn type_into(&self, id: &str, value: &str) -> Result<()> {
        let el = wait_for(&format!("#{id} to be displayed"), STEP, || async {
            let el = self.client.find(Locator::Id(id)).await.ok()?;
            el.is_displayed().await.ok()?.then_some(el)
        })
        .await?;
        self.scroll_to(&el).await?;
        el.clear()
            .await
            .map_err(|e| format!("clearing #{id}: {e}"))?;
        el.send_keys(value)
            .await
            .map_err(|e| format!("typing into #{id}: {e}"))?;
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
        self.open_settings().await?;
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

/// Scrolls `el` to the middle of the window of `client`, as a person would before using it
/// (a field below the fold is not interactable, and sticky parts may cover one at an edge).
/// Waits until Settings' form has the settings: it is inert and `aria-busy` from the
/// click on Settings until get_settings answers.
pub async fn settings_loaded(client: &Client) -> Result<()> {
    wait_for("the settings to load into the form", STEP, || async {
        let form = client.find(Locator::Id("settings-form")).await.ok()?;
        (form.attr("aria-busy").await.ok()?? == "false").then_some(())
    })
    .await
}

pub async fn scroll_into_view(client: &Client, el: &Element) -> Result<()> {
    let arg = serde_json::to_value(el)?;
    client
        .execute(
            "arguments[0].scrollIntoView({block: 'center', inline: 'nearest'});",
            vec![arg],
        )
        .await?;
    Ok(())
}
