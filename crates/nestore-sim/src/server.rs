//! Starting the simulator and its public handle: binds the listeners, assembles the routers
//! and drives the shared state for the handle, but may not serve HTTP itself (`listener`)
//! nor answer requests (`api`, `admin`).

use std::io;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::config::{SimConfig, TokenForm};
use crate::fault::Fault;
use crate::listener::{accept_loop, ListenerSlot};
use crate::scenario::Scenario;
use crate::state::{ControlRecord, Shared, Snapshot};

/// Handle to a running simulator. Cheap to clone; `shutdown` stops it for all clones.
#[derive(Clone)]
pub struct SimHandle {
    shared: Arc<Shared>,
    admin_addr: Option<SocketAddr>,
    shutdown: watch::Sender<bool>,
    tasks: Arc<Mutex<Vec<JoinHandle<()>>>>,
}

/// Start a simulator on `addr` (port 0 picks a free port); the `/sim` admin API is
/// served on the device port too.
pub async fn spawn(config: SimConfig, addr: SocketAddr) -> io::Result<SimHandle> {
    spawn_with_admin(config, addr, None).await
}

/// Like [`spawn`], plus a separate admin-only listener that stays up while the device
/// port is offline. A config that [`SimConfig::validate`] refuses is an
/// `ErrorKind::InvalidInput` error.
pub async fn spawn_with_admin(
    config: SimConfig,
    addr: SocketAddr,
    admin_addr: Option<SocketAddr>,
) -> io::Result<SimHandle> {
    config
        .validate()
        .map_err(|m| io::Error::new(io::ErrorKind::InvalidInput, m))?;
    let device = Arc::new(ListenerSlot::new(TcpListener::bind(addr).await?)?);
    let admin = match admin_addr {
        Some(a) => Some(Arc::new(ListenerSlot::new(TcpListener::bind(a).await?)?)),
        None => None,
    };
    let shared = Arc::new(Shared::new(&config, device.clone()));
    if config.scenario == Scenario::OfflineRefuse {
        device.close();
    }

    let device_app = crate::api::device_routes(shared.clone())
        .merge(crate::admin::routes())
        .fallback(crate::reply::not_found)
        .layer(axum::middleware::from_fn_with_state(
            shared.clone(),
            crate::api::gate,
        ))
        .with_state(shared.clone());
    let admin_app = crate::admin::routes()
        .fallback(crate::reply::not_found)
        .with_state(shared.clone());

    let (shutdown, shutdown_rx) = watch::channel(false);
    let mut tasks = vec![tokio::spawn(accept_loop(
        device.clone(),
        device_app,
        shutdown_rx.clone(),
    ))];
    if let Some(a) = &admin {
        tasks.push(tokio::spawn(accept_loop(a.clone(), admin_app, shutdown_rx)));
    }
    tracing::info!(addr = %device.addr(), api = %config.api_version, scenario = %config.scenario, "simulator started");
    Ok(SimHandle {
        shared,
        admin_addr: admin.map(|a| a.addr()),
        shutdown,
        tasks: Arc::new(Mutex::new(tasks)),
    })
}

impl SimHandle {
    /// The device port's address (stable across offline_refuse).
    pub fn addr(&self) -> SocketAddr {
        self.shared.device.addr()
    }

    /// `http://127.0.0.1:PORT/`
    pub fn base_url(&self) -> String {
        format!("http://{}/", self.addr())
    }

    /// The separate admin listener, if one was requested.
    pub fn admin_addr(&self) -> Option<SocketAddr> {
        self.admin_addr
    }

    pub fn set_scenario(&self, s: Scenario) {
        self.shared.set_scenario(s);
    }

    pub fn scenario(&self) -> Scenario {
        self.shared.scenario()
    }

    /// Move simulated time forward now, running the model (at any speed, paused too). The
    /// model takes about 1 ms per simulated day (release; some 10 ms unoptimised).
    pub fn advance(&self, d: Duration) {
        self.shared.lock().advance(d);
    }

    /// Simulated seconds per real second; 0 while paused.
    pub fn speed(&self) -> f64 {
        self.shared.lock().speed()
    }

    /// Run the simulated clock at `speed` from now on and return the old speed: 0 pauses
    /// it (only [`advance`](Self::advance) moves it then), the old value resumes it. Time up
    /// to now has passed at the old speed.
    ///
    /// # Panics
    /// If `speed` is not within 0 ..= [`MAX_SPEED`](crate::config::MAX_SPEED) (NaN included).
    pub fn set_speed(&self, speed: f64) -> f64 {
        if let Err(m) = crate::config::check_speed(speed) {
            panic!("SimHandle::set_speed: {m}");
        }
        let before = self.shared.lock().set_speed(speed);
        tracing::info!(from = before, to = speed, "clock speed changed");
        before
    }

    pub fn snapshot(&self) -> Snapshot {
        self.shared.lock().snapshot()
    }

    pub fn control_log(&self) -> Vec<ControlRecord> {
        self.shared.lock().log.clone()
    }

    pub fn clear_control_log(&self) {
        self.shared.lock().log.clear();
    }

    pub fn token_requests(&self) -> usize {
        self.shared.lock().token_requests
    }

    pub fn expire_tokens(&self) {
        self.shared.lock().tokens.expire_all();
    }

    /// Set the stored energy so that SOC_VES == `pct` (clamped to 0..=100). The pressure
    /// moves with the charge.
    pub fn set_soc(&self, pct: f64) {
        self.shared.lock().model.set_soc(pct);
    }

    /// Make the pressure read `bar` now. It then follows the charge (and the leak or
    /// over-pressure scenario) from there; switching to the normal scenario heals it.
    ///
    /// # Panics
    /// If `bar` is not within [`PRESSURE_RANGE_BAR`](crate::config::PRESSURE_RANGE_BAR)
    /// (0 ..= 10; NaN included).
    pub fn set_pressure(&self, bar: f64) {
        if let Err(m) = crate::config::check_pressure(bar) {
            panic!("SimHandle::set_pressure: {m}");
        }
        self.shared.lock().model.set_pressure(bar);
    }

    pub fn set_token_form(&self, f: TokenForm) {
        self.shared.lock().token_form = f;
    }

    pub fn set_token_lifetime(&self, d: Duration) {
        self.shared.lock().token_lifetime = d;
    }

    /// Applied to the next device (non-`/sim`) request; queued faults apply in order.
    pub fn push_fault(&self, f: Fault) {
        self.shared.lock().push_fault(f);
    }

    /// Stop listening and drop every connection (hung requests included).
    pub async fn shutdown(self) {
        self.shutdown.send_replace(true);
        self.shared.device.shut_down();
        let tasks = std::mem::take(&mut *self.tasks.lock().unwrap_or_else(|e| e.into_inner()));
        for t in tasks {
            t.abort();
            let _ = t.await;
        }
    }
}
