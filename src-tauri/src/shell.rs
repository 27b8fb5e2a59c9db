//! The app's state in the shell: the poller, the settings, the keyring and the demo
//! device, and the one place that publishes what changed to the tray and the window.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use nestore::{Client, SecretString};
use nestore_secrets::Keystore;
use nestore_sim::SimHandle;
use nestore_tray_core::poller::{self, PollerHandle, Target};
use nestore_tray_core::settings::{Settings, SettingsStore};
use nestore_tray_core::view::{self, AppFacts, View};
use tauri::{AppHandle, Emitter, Manager};

use crate::alerts::Alerts;
use crate::args::Args;

/// The demo device's service password: it is a simulator, and the app hands the password
/// to its client in memory, so control works in the demo without the keyring.
const DEMO_PASSWORD: &str = "nestore-demo";
/// The demo device lives a minute per second, so that a day of charging and hot water
/// passes in under half an hour.
const DEMO_SPEED: f64 = 60.0;

pub struct Shell {
    pub poller: PollerHandle,
    pub store: SettingsStore,
    pub settings: Mutex<Settings>,
    pub facts: Mutex<AppFacts>,
    pub keystore: Keystore,
    pub alerts: Alerts,
    /// `--poll-interval`, when given.
    interval_override: Option<Duration>,
    /// `--time-scale`: how fast the configured device's clock runs.
    time_scale: f64,
    demo: tokio::sync::Mutex<Option<SimHandle>>,
}

impl Shell {
    pub async fn start(app: &AppHandle, args: &Args) -> Result<Shell, Box<dyn std::error::Error>> {
        let dir = match &args.config_dir {
            Some(d) => d.clone(),
            None => app
                .path()
                .app_config_dir()
                .unwrap_or_else(|_| PathBuf::from(".")),
        };
        let store = SettingsStore::new(dir.clone());
        let loaded = store.load();
        let mut settings = loaded.settings;
        if let Some(h) = &args.host {
            settings.host = Some(h.clone());
        }
        if let Some(p) = args.port {
            settings.port = p;
        }
        let facts = AppFacts {
            control_enabled: settings.control_enabled,
            defaults: settings.charge_defaults,
            notice: loaded.notice,
            ..Default::default()
        };
        if let Some(d) = args.poll_interval.filter(|d| *d < Duration::from_secs(60)) {
            tracing::warn!("polling every {d:?}: a real device may be overloaded below 60 s");
        }
        let interval = args
            .poll_interval
            .unwrap_or(Duration::from_secs(settings.poll_interval_s));
        let shell = Shell {
            poller: poller::spawn(None, interval),
            store,
            settings: Mutex::new(settings.clone()),
            facts: Mutex::new(facts),
            keystore: Keystore::from_env(),
            alerts: Alerts::new(
                settings.alerts.clone(),
                Some(dir),
                crate::notify::icon_file(app),
                args.time_scale,
            ),
            interval_override: args.poll_interval,
            time_scale: args.time_scale,
            demo: tokio::sync::Mutex::new(None),
        };
        if args.demo {
            shell.start_demo().await?;
        } else if let Some(host) = &settings.host {
            shell.use_device(host, settings.port).await?;
        }
        Ok(shell)
    }

    /// Polls this device from now on, with the password from the keyring if one is stored.
    pub async fn use_device(&self, host: &str, port: u16) -> Result<(), String> {
        let client = Arc::new(Client::new(host, port).map_err(|e| e.to_string())?);
        let target = Target {
            client: client.clone(),
            label: format!("{host}:{port}"),
            demo: false,
        };
        self.poller.retarget(Some(target));
        self.alerts.set_time_scale(self.time_scale);
        self.load_password(&client, host).await;
        Ok(())
    }

    async fn load_password(&self, client: &Client, host: &str) {
        let ks = self.keystore.clone();
        let host = host.to_owned();
        // The Secret Service is a blocking D-Bus call.
        let found = tauri::async_runtime::spawn_blocking(move || ks.get(&host)).await;
        let mut facts = self.facts.lock().unwrap();
        match found {
            Ok(Ok(pw)) => {
                facts.password_stored = pw.is_some();
                client.set_password(pw);
            }
            Ok(Err(e)) => {
                facts.password_stored = false;
                facts.notice = Some(format!("The OS keyring is not available: {e}"));
            }
            Err(e) => tracing::error!("keyring task failed: {e}"),
        }
    }

    /// Starts the simulated device in-process (once) and polls it.
    pub async fn start_demo(&self) -> Result<(), String> {
        let mut demo = self.demo.lock().await;
        if demo.is_none() {
            let cfg = nestore_sim::SimConfig {
                password: DEMO_PASSWORD.into(),
                speed: DEMO_SPEED,
                ..Default::default()
            };
            // The usual port when free, so the CLI can watch the same demo; any port otherwise.
            let sim = match nestore_sim::spawn(cfg.clone(), "127.0.0.1:4805".parse().unwrap()).await
            {
                Ok(s) => s,
                Err(_) => nestore_sim::spawn(cfg, "127.0.0.1:0".parse().unwrap())
                    .await
                    .map_err(|e| format!("cannot start the demo device: {e}"))?,
            };
            tracing::info!("demo device at {}", sim.base_url());
            *demo = Some(sim);
        }
        let sim = demo.as_ref().expect("started above");
        let client =
            Arc::new(Client::new("127.0.0.1", sim.addr().port()).map_err(|e| e.to_string())?);
        client.set_password(Some(SecretString::from(DEMO_PASSWORD)));
        let label = format!("127.0.0.1:{}", sim.addr().port());
        self.poller.retarget(Some(Target {
            client,
            label,
            demo: true,
        }));
        self.alerts.set_time_scale(DEMO_SPEED);
        let mut facts = self.facts.lock().unwrap();
        facts.password_stored = true;
        facts.control_enabled = true;
        Ok(())
    }

    /// The poll interval when nothing is suspected.
    pub fn normal_interval(&self) -> Duration {
        self.interval_override
            .unwrap_or_else(|| Duration::from_secs(self.settings.lock().unwrap().poll_interval_s))
    }

    pub fn view(&self) -> View {
        let facts = self.facts.lock().unwrap().clone();
        let thresholds = self.settings.lock().unwrap().alerts.clone();
        view::view(
            &self.poller.status(),
            &facts,
            &thresholds,
            self.alerts.view(),
            chrono::Utc::now(),
        )
    }
}

/// Pushes the current state to the tray and, when open, to the window.
pub fn publish(app: &AppHandle) {
    let shell = app.state::<Shell>();
    let v = shell.view();
    crate::tray::update(app, &v, shell.alerts.worst());
    if let Some(w) = app.get_webview_window(crate::window::LABEL) {
        if let Err(e) = w.emit("state", &v) {
            tracing::warn!("cannot send the state to the window: {e}");
        }
    }
}

/// Publishes every status the poller produces.
pub fn watch_status(app: &AppHandle) {
    let app = app.clone();
    let mut rx = app.state::<Shell>().poller.subscribe();
    tauri::async_runtime::spawn(async move {
        loop {
            publish(&app);
            if rx.changed().await.is_err() {
                return;
            }
        }
    });
}
