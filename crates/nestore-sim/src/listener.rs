//! The listening sockets (a [`ListenerSlot`] closes and re-binds its port on demand,
//! [`accept_loop`] serves its connections), which may not know routes or simulator state
//! nor import other modules of the crate.
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
    pub fn new(listener: TcpListener) -> io::Result<ListenerSlot> {
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

    /// Close for good: a later `reopen` does nothing.
    pub fn shut_down(&self) {
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

/// Serve `app` on every connection `slot` accepts, until `shutdown` turns true; a close
/// drops the connections accepted before it.
pub(crate) async fn accept_loop(
    slot: Arc<ListenerSlot>,
    app: Router,
    shutdown: watch::Receiver<bool>,
) {
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
