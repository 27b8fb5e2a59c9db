//! Listeners, connection serving and the public handle.
//!
//! An own accept loop (rather than `axum::serve`) lets `offline_refuse` close the device
//! port synchronously, drop its live connections, and later re-bind the same port.

use std::future::poll_fn;
use std::io;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

use axum::Router;
use hyper_util::rt::TokioIo;
use hyper_util::service::TowerToHyperService;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{watch, Notify};
use tokio::task::JoinHandle;

use crate::config::{SimConfig, TokenForm};
use crate::fault::Fault;
use crate::scenario::Scenario;
use crate::state::{ControlRecord, Shared, Snapshot};

/// A listening socket that can be closed and re-opened on the same address.
pub(crate) struct ListenerSlot {
    addr: SocketAddr,
    state: Mutex<SlotState>,
    changed: Notify,
    /// The close count, published so connection tasks accepted before a close drop out.
    kill: watch::Sender<u64>,
    rt: tokio::runtime::Handle,
}

struct SlotState {
    listener: Option<TcpListener>,
    /// Bumped by every close, under the same lock that accepts.
    epoch: u64,
    /// Shut down for good: never re-bind.
    shut: bool,
}

impl ListenerSlot {
    fn new(listener: TcpListener) -> io::Result<ListenerSlot> {
        Ok(ListenerSlot {
            addr: listener.local_addr()?,
            state: Mutex::new(SlotState {
                listener: Some(listener),
                epoch: 0,
                shut: false,
            }),
            changed: Notify::new(),
            kill: watch::channel(0).0,
            rt: tokio::runtime::Handle::current(),
        })
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    fn state(&self) -> std::sync::MutexGuard<'_, SlotState> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Close the socket now (connects are refused from here on) and drop live connections.
    pub fn close(&self) {
        let mut st = self.state();
        if let Some(l) = st.listener.take() {
            drop(l);
            st.epoch += 1;
            self.kill.send_replace(st.epoch);
        }
        drop(st);
        self.changed.notify_one();
    }

    fn shut_down(&self) {
        self.state().shut = true;
        self.close();
    }

    /// Bind the same address again (std sets SO_REUSEADDR, so TIME_WAIT does not block it).
    pub fn reopen(&self) -> io::Result<()> {
        let mut st = self.state();
        if st.listener.is_some() || st.shut {
            return Ok(());
        }
        let std = std::net::TcpListener::bind(self.addr)?;
        std.set_nonblocking(true)?;
        let _rt = self.rt.enter();
        st.listener = Some(TcpListener::from_std(std)?);
        drop(st);
        self.changed.notify_one();
        Ok(())
    }

    /// A new connection and the epoch of the listener that accepted it.
    fn poll_accept(&self, cx: &mut Context<'_>) -> Poll<Option<io::Result<(TcpStream, u64)>>> {
        let st = self.state();
        match st.listener.as_ref() {
            Some(l) => l
                .poll_accept(cx)
                .map(|r| Some(r.map(|(s, _)| (s, st.epoch)))),
            None => Poll::Ready(None),
        }
    }

    /// Next connection; waits across close/re-open.
    async fn accept(&self) -> (TcpStream, u64) {
        loop {
            let notified = self.changed.notified();
            tokio::pin!(notified);
            let closed = tokio::select! {
                r = poll_fn(|cx| self.poll_accept(cx)) => match r {
                    Some(Ok(s)) => return s,
                    Some(Err(e)) => {
                        // e.g. out of file descriptors: back off instead of spinning.
                        tracing::warn!("accept failed: {e}");
                        tokio::time::sleep(Duration::from_millis(50)).await;
                        false
                    }
                    None => true,
                },
                _ = &mut notified => false,
            };
            if closed {
                notified.await;
            }
        }
    }
}

async fn accept_loop(slot: Arc<ListenerSlot>, app: Router, shutdown: watch::Receiver<bool>) {
    loop {
        let (stream, epoch) = slot.accept().await;
        let _ = stream.set_nodelay(true);
        let svc = TowerToHyperService::new(app.clone());
        let mut kill = slot.kill.subscribe();
        let mut shutdown = shutdown.clone();
        tokio::spawn(async move {
            // Accepted just before a close: drop it like the others.
            if *kill.borrow_and_update() != epoch {
                return;
            }
            let conn = hyper::server::conn::http1::Builder::new()
                .serve_connection(TokioIo::new(stream), svc);
            // Dropping the connection future closes the socket (offline / shutdown).
            tokio::select! {
                r = conn => if let Err(e) = r { tracing::debug!("connection ended: {e}") },
                _ = kill.changed() => {}
                _ = shutdown.wait_for(|s| *s) => {}
            }
        });
    }
}

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
/// port is offline.
pub async fn spawn_with_admin(
    config: SimConfig,
    addr: SocketAddr,
    admin_addr: Option<SocketAddr>,
) -> io::Result<SimHandle> {
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
        .fallback(crate::api::not_found)
        .layer(axum::middleware::from_fn_with_state(
            shared.clone(),
            crate::api::gate,
        ))
        .with_state(shared.clone());
    let admin_app = crate::admin::routes()
        .fallback(crate::api::not_found)
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

    /// Move simulated time forward now, running the model.
    pub fn advance(&self, d: Duration) {
        self.shared.lock().advance(d);
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

    /// Set the stored energy so that SOC_VES == `pct`.
    pub fn set_soc(&self, pct: f64) {
        self.shared.lock().model.set_soc(pct);
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
