//! The one place that reacts. Every change of the app's state goes through here: a poll
//! result (fed to the pressure watch, its notices shown, the poll pace set, then
//! published, in that order, by one listener), a command from the window or the tray
//! (`control.rs`), a snooze, saved settings (`setup.rs`). The outputs (`tray.rs`,
//! `notify.rs`, `window.rs`) only draw what [`publish`] hands them; their clicks and
//! actions come back here as plain values. The decisions themselves live in
//! `nestore-tray-core`.

mod control;
pub mod discover;
pub mod history;
mod prices;
mod setup;
mod timers;
pub mod update;

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::{DateTime, Utc};
use nestore::{Client, SecretString};
use nestore_i18n::{Catalogue, Language};
use nestore_secrets::Keystore;
use nestore_sim::SimHandle;
use nestore_tray_core::gate::Gate;
use nestore_tray_core::monitor::{Monitor, Now};
use nestore_tray_core::poller::{self, PollerHandle, Target};
use nestore_tray_core::presentation;
use nestore_tray_core::recorder::{self, Recorder};
use nestore_tray_core::running_low::{self, RunningLow};
use nestore_tray_core::settings::{Settings, SettingsStore};
use nestore_tray_core::status::Connection;
use nestore_tray_core::view::{self, AppFacts, View};
use tauri::{AppHandle, Manager};

pub use control::{cancel_confirmation, preview, send};
pub use setup::{
    get_settings, save_settings, test_connection, use_demo, SettingsInput, SettingsView, TestResult,
};

use crate::args::Args;
use crate::notify::NotifyAction;
use crate::tray::TrayAction;

/// The demo device's service password: it is a simulator, and the app hands the password
/// to its client in memory, so control works in the demo without the keyring.
const DEMO_PASSWORD: &str = "nestore-demo";
/// The demo device lives a minute per second, so that a day of charging and hot water
/// passes in under half an hour.
const DEMO_SPEED: f64 = 60.0;
/// The demo polls every 5 s (5 of its minutes), so it visibly lives.
const DEMO_INTERVAL: Duration = Duration::from_secs(5);

pub struct App {
    poller: PollerHandle,
    store: SettingsStore,
    settings: Mutex<Settings>,
    facts: Mutex<AppFacts>,
    keystore: Keystore,
    monitor: Mutex<Monitor>,
    gate: Mutex<Gate>,
    /// `--poll-interval`, when given.
    interval_override: Option<Duration>,
    /// `--time-scale`: how fast the configured device's clock runs.
    time_scale: f64,
    demo: tokio::sync::Mutex<Option<SimHandle>>,
    /// The app icon as a file, for notifications.
    icon: Option<PathBuf>,
    /// Where the history files live (`--data-dir`).
    data_dir: PathBuf,
    /// The writer of the device in use's history (the demo's is another file).
    history: Mutex<Option<history::History>>,
    recorder: Mutex<Recorder>,
    /// When the history was last pruned to "keep for".
    pruned: Mutex<Option<std::time::Instant>>,
    /// The operating system's language, read once at start; Settings may pick another.
    system_language: Language,
    /// A "Find my NEStore" search is running.
    discovering: std::sync::atomic::AtomicBool,
    /// Where that search looks instead of the usual ways (`--discover-subnet`).
    discover_override: Option<discover::Override>,
    /// The charge timers, carried out on the device's clock.
    timers: timers::Timers,
    /// The day-ahead prices for the timers in the cheapest hours.
    prices: prices::Prices,
    /// Whether the owner was told of the current fall below the running-low level.
    running_low: Mutex<RunningLow>,
    /// Updates of the app itself: checks, the quiet daily one, the install.
    updates: update::Updates,
}

/// The message catalogue for the window: its language and every file's source.
#[derive(Debug, Clone, serde::Serialize)]
pub struct CatalogueView {
    pub language: &'static str,
    pub source: String,
}

fn app(handle: &AppHandle) -> tauri::State<'_, App> {
    handle.state::<App>()
}

impl App {
    pub async fn start(
        handle: &AppHandle,
        args: &Args,
        dir: PathBuf,
        data_dir: PathBuf,
    ) -> Result<App, Box<dyn std::error::Error>> {
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
        let interval_override = args.poll_interval.or(args.demo.then_some(DEMO_INTERVAL));
        let normal = interval_override.unwrap_or(Duration::from_secs(settings.poll_interval_s));
        let demo = args.demo;
        let restored = {
            let (path, dir) = (history::path_for(&data_dir, demo), dir.clone());
            let cat = Catalogue::get(settings.language.resolve(Language::system()));
            tauri::async_runtime::spawn_blocking(move || history::restore(&path, &dir, demo, cat))
                .await?
        };
        let mut monitor = Monitor::new(
            settings.alerts.clone(),
            restored.log,
            normal,
            args.time_scale,
            Now::read(),
        );
        // The leak trend survives a restart: only on the wall clock's time, which the
        // stored readings are on.
        if args.time_scale == 1.0 && !demo {
            monitor.restore(restored.pressure);
        }
        let system_language = Language::system();
        monitor.set_language(settings.language.resolve(system_language));
        let mut facts = facts;
        if facts.notice.is_none() {
            facts.notice = restored.notice;
        }
        let app = App {
            poller: poller::spawn(None, normal),
            store,
            monitor: Mutex::new(monitor),
            settings: Mutex::new(settings.clone()),
            facts: Mutex::new(facts),
            keystore: Keystore::from_env(),
            gate: Mutex::new(Gate::default()),
            interval_override,
            time_scale: args.time_scale,
            demo: tokio::sync::Mutex::new(None),
            icon: crate::notify::icon_file(handle),
            data_dir,
            history: Mutex::new(None),
            recorder: Mutex::new(Recorder::default()),
            pruned: Mutex::new(None),
            system_language,
            discovering: std::sync::atomic::AtomicBool::new(false),
            discover_override: (!args.discover_subnet.is_empty()).then(|| discover::Override {
                subnets: args.discover_subnet.clone(),
                port: args.discover_port.unwrap_or(nestore::DEFAULT_PORT),
            }),
            timers: timers::Timers::new(settings.timers.clone(), args.time_scale),
            prices: prices::Prices::new(args.price_url.clone()),
            running_low: Mutex::new(RunningLow::default()),
            updates: update::Updates::new(
                args,
                dir.clone(),
                handle.package_info().version.to_string(),
            ),
        };
        if args.demo {
            app.start_demo().await?;
        } else if let Some(host) = &settings.host {
            app.use_device(host, settings.port).await?;
        }
        Ok(app)
    }

    /// Polls this device from now on, with the password from the keyring if one is stored.
    /// The same device as now keeps its status (no "connecting" flash): only the password
    /// is loaded again.
    async fn use_device(&self, host: &str, port: u16) -> Result<(), nestore::Error> {
        self.use_history(false).await;
        let label = format!("{host}:{port}");
        let current = self.poller.target().filter(|t| !t.demo && t.label == label);
        let client = match current {
            Some(t) => t.client,
            None => {
                let client = Arc::new(Client::new(host, port)?);
                self.poller.retarget(Some(Target {
                    client: client.clone(),
                    label,
                    demo: false,
                }));
                self.monitor
                    .lock()
                    .unwrap()
                    .set_time_scale(self.time_scale, Now::read());
                self.timers.set_time_scale(self.time_scale);
                client
            }
        };
        self.load_password(&client, host).await;
        Ok(())
    }

    async fn load_password(&self, client: &Client, host: &str) {
        let ks = self.keystore.clone();
        let host = host.to_owned();
        // The Secret Service is a blocking D-Bus call.
        let found = tauri::async_runtime::spawn_blocking(move || ks.get(&host)).await;
        let cat = self.catalogue();
        let mut facts = self.facts.lock().unwrap();
        match found {
            Ok(Ok(pw)) => {
                facts.password_stored = pw.is_some();
                client.set_password(pw);
            }
            Ok(Err(e)) => {
                facts.password_stored = false;
                facts.notice = Some(cat.t(
                    "notice-keyring-unavailable",
                    &nestore_i18n::Args::new().text("reason", e.message(cat)),
                ));
            }
            Err(e) => tracing::error!("keyring task failed: {e}"),
        }
    }

    /// Writes to the owner's history, or the demo's (made with a month of the model's
    /// readings the first time).
    async fn use_history(&self, demo: bool) {
        if self
            .history
            .lock()
            .unwrap()
            .as_ref()
            .is_some_and(|h| h.demo == demo)
        {
            return;
        }
        let path = history::path_for(&self.data_dir, demo);
        if demo {
            let p = path.clone();
            let _ = tauri::async_runtime::spawn_blocking(move || history::seed_demo(&p)).await;
        }
        let keep = self.settings.lock().unwrap().history_keep_days;
        let next = history::History::start(path, demo);
        if let Some(h) = &next {
            h.prune(keep);
        }
        if let Some(old) = std::mem::replace(&mut *self.history.lock().unwrap(), next) {
            old.close();
        }
        *self.pruned.lock().unwrap() = Some(std::time::Instant::now());
    }

    /// Hands records to the history writer (never waits).
    fn record(&self, records: impl IntoIterator<Item = nestore_history::Record>) {
        if let Some(h) = &*self.history.lock().unwrap() {
            for r in records {
                h.send(r);
            }
        }
    }

    /// Starts the simulated device in-process (once) and polls it.
    async fn start_demo(&self) -> Result<(), String> {
        self.use_history(true).await;
        let mut demo = self.demo.lock().await;
        if demo.is_none() {
            let cfg = nestore_sim::SimConfig {
                password: DEMO_PASSWORD.into(),
                speed: DEMO_SPEED,
                ..Default::default()
            };
            let any = std::net::SocketAddr::from(([127, 0, 0, 1], 0));
            let usual = std::net::SocketAddr::from(([127, 0, 0, 1], nestore::DEFAULT_PORT));
            // The usual port when free, so the CLI can watch the same demo; any port otherwise.
            let sim = match nestore_sim::spawn(cfg.clone(), usual).await {
                Ok(s) => s,
                Err(_) => nestore_sim::spawn(cfg, any)
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
        {
            let mut monitor = self.monitor.lock().unwrap();
            monitor.set_time_scale(DEMO_SPEED, Now::read());
            self.timers.set_time_scale(DEMO_SPEED);
            let interval =
                monitor.set_normal_interval(self.interval_override.unwrap_or(DEMO_INTERVAL));
            self.poller.set_interval(interval);
        }
        let mut facts = self.facts.lock().unwrap();
        facts.password_stored = true;
        facts.control_enabled = true;
        Ok(())
    }

    /// Why control cannot be used now: the message id of the owner's words.
    pub(super) fn control_unavailable(&self) -> Option<&'static str> {
        let status = self.poller.status();
        let facts = self.facts.lock().unwrap();
        if status.device.is_none() {
            Some("control-no-device")
        } else if !facts.control_enabled {
            Some("control-off")
        } else if !facts.password_stored {
            Some("device-error-no-password")
        } else if matches!(
            status.connection,
            Connection::Offline | Connection::Connecting
        ) {
            Some("control-not-answering")
        } else {
            None
        }
    }

    /// The poll interval when nothing is suspected.
    fn normal_interval(&self) -> Duration {
        self.interval_override
            .unwrap_or_else(|| Duration::from_secs(self.settings.lock().unwrap().poll_interval_s))
    }

    /// The language of every word the app shows now: Settings' choice, or the system's.
    pub fn language(&self) -> Language {
        self.settings
            .lock()
            .unwrap()
            .language
            .resolve(self.system_language)
    }

    /// The catalogue of [`App::language`].
    pub fn catalogue(&self) -> &'static Catalogue {
        Catalogue::get(self.language())
    }

    pub fn catalogue_view(&self) -> CatalogueView {
        let language = self.language();
        CatalogueView {
            language: language.code(),
            source: language.source(),
        }
    }

    pub fn view(&self) -> View {
        let mut facts = self.facts.lock().unwrap().clone();
        facts.language = self.language();
        facts.timers = self.timers.view();
        facts.prices = prices::view(self);
        facts.update = self.updates.view(self.catalogue());
        let thresholds = self.settings.lock().unwrap().alerts.clone();
        let alerts = self.monitor.lock().unwrap().view();
        let busy = self.gate.lock().unwrap().busy();
        let mut status = self.poller.status();
        status.error = status.error_message(self.catalogue());
        view::view(&status, &facts, &thresholds, alerts, busy, Utc::now())
    }

    pub fn refresh_now(&self) {
        self.poller.refresh_now();
    }

    /// Shows a history that cannot be written, and prunes it to "keep for" once a day.
    fn look_after_history(&self) {
        let history = self.history.lock().unwrap();
        let Some(h) = &*history else { return };
        if let Some(problem) = h.problem(self.catalogue()) {
            let mut facts = self.facts.lock().unwrap();
            if facts.notice.is_none() {
                facts.notice = Some(problem);
            }
        }
        let mut pruned = self.pruned.lock().unwrap();
        let day = Duration::from_secs(24 * 3600);
        if pruned.is_none_or(|t| t.elapsed() >= day) {
            h.prune(self.settings.lock().unwrap().history_keep_days);
            *pruned = Some(std::time::Instant::now());
        }
    }
}

/// At exit: what is queued for the history is written.
pub fn shut_down(handle: &AppHandle) {
    if let Some(app) = handle.try_state::<App>() {
        if let Some(h) = &*app.history.lock().unwrap() {
            h.close();
        }
    }
}

/// Starts the one listener of the poller: each result goes to the watch, its notices are
/// shown and the pace set, and then, in that order, everything is published.
pub fn run(handle: &AppHandle) {
    timers::run(handle);
    prices::run(handle);
    update::run(handle);
    let handle = handle.clone();
    let mut rx = app(&handle).poller.subscribe();
    tauri::async_runtime::spawn(async move {
        loop {
            let status = rx.borrow_and_update().clone();
            react(&handle, &status);
            publish(&handle);
            if rx.changed().await.is_err() {
                return;
            }
        }
    });
}

fn react(handle: &AppHandle, status: &nestore_tray_core::status::Status) {
    let app = app(handle);
    let reaction = app.monitor.lock().unwrap().observe(status, Now::read());
    let keep = app.settings.lock().unwrap().history_enabled;
    let cat = app.catalogue();
    let records = app.recorder.lock().unwrap().on_status(cat, status, keep);
    app.record(records);
    for (n, entry) in reaction.notices.iter().zip(&reaction.entries) {
        tracing::info!(kind = ?n.kind, phase = ?n.phase, notify = n.notify, "alert: {}", n.title);
        app.record([recorder::notice(n, entry, status.demo)]);
        if n.notify {
            let labels = presentation::notify_labels(app.catalogue());
            crate::notify::alert(handle, n, &labels, app.icon.as_ref(), on_notification);
        }
    }
    tell_running_low(handle, &app, status);
    app.look_after_history();
    // A wake from sleep, a device back online: a timer's step may be due.
    app.timers.kick();
    if let Some(interval) = reaction.interval {
        tracing::info!(secs = interval.as_secs(), "poll interval");
        app.poller.set_interval(interval);
    }
}

/// "Hot water is running low", once per fall below the owner's level (off by default),
/// naming the charge a timer plans; its button opens the window's confirmation of a charge.
fn tell_running_low(handle: &AppHandle, app: &App, status: &nestore_tray_core::status::Status) {
    let level = app.settings.lock().unwrap().low_charge_pct;
    let soc = status.reading.as_ref().and_then(|r| r.soc_pct.value());
    let tell = app.running_low.lock().unwrap().observe(level, soc);
    if let (true, Some(level), Some(soc)) = (tell, level, soc) {
        let cat = app.catalogue();
        let timers = app.timers.view();
        let n = running_low::notice(cat, soc, level, &timers, &chrono::Local, Utc::now());
        tracing::info!(soc, level, "running low: {}", n.body);
        let labels = presentation::notify_labels(cat);
        crate::notify::running_low(handle, &n, &labels, app.icon.as_ref(), on_notification);
    }
}

/// Hands the current state to the tray and, when open, to the window.
pub fn publish(handle: &AppHandle) {
    let app = app(handle);
    let v = app.view();
    let worst = app.monitor.lock().unwrap().worst();
    let look = presentation::tray_look(app.catalogue(), &v, worst, &chrono::Local, Utc::now());
    crate::tray::draw(handle, &look);
    crate::window::send_state(handle, &v);
}

/// How long to snooze the alerts (alarms are never held back).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Snooze {
    Hour,
    UntilTomorrow,
    Off,
}

impl Snooze {
    pub fn parse(s: &str) -> Option<Snooze> {
        match s {
            "1h" => Some(Snooze::Hour),
            "tomorrow" => Some(Snooze::UntilTomorrow),
            "off" => Some(Snooze::Off),
            _ => None,
        }
    }

    fn until(self) -> Option<DateTime<Utc>> {
        match self {
            Snooze::Hour => Some(Utc::now() + chrono::Duration::hours(1)),
            Snooze::UntilTomorrow => Some(nestore_watch::tomorrow_morning(
                chrono::Local::now().fixed_offset(),
            )),
            Snooze::Off => None,
        }
    }
}

pub fn snooze(handle: &AppHandle, s: Snooze) {
    app(handle).monitor.lock().unwrap().snooze(s.until());
    publish(handle);
}

/// A click in the tray menu.
pub fn on_tray(handle: &AppHandle, action: TrayAction) {
    match action {
        TrayAction::Open => crate::window::open(handle),
        TrayAction::Settings => crate::window::open_settings(handle),
        TrayAction::Refresh => app(handle).refresh_now(),
        TrayAction::Snooze1h => snooze(handle, Snooze::Hour),
        TrayAction::SnoozeTomorrow => snooze(handle, Snooze::UntilTomorrow),
        TrayAction::Unsnooze => snooze(handle, Snooze::Off),
        TrayAction::Quit => handle.exit(0),
        TrayAction::Start | TrayAction::Stop | TrayAction::Auto => {
            control::ask_from_tray(handle, action)
        }
    }
}

/// A button on a notification.
pub fn on_notification(handle: &AppHandle, action: NotifyAction) {
    match action {
        NotifyAction::Open => crate::window::open(handle),
        NotifyAction::Snooze1h => snooze(handle, Snooze::Hour),
        NotifyAction::StartCharging => control::ask_from_tray(handle, TrayAction::Start),
    }
}
