//! The background poller: polls the device at the configured interval and on demand, one
//! poll at a time, and publishes each new [`Status`] on a watch channel.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use nestore::Client;
use tokio::sync::{mpsc, watch};
use tokio::time::Instant;

use crate::status::Status;

/// The device to poll.
#[derive(Clone)]
pub struct Target {
    pub client: Arc<Client>,
    /// "host:port"
    pub label: String,
    pub demo: bool,
}

enum Msg {
    RefreshNow,
    Retarget(Option<Target>),
    Interval(Duration),
}

/// Talks to the poller task. Cheap to clone.
#[derive(Clone)]
pub struct PollerHandle {
    tx: mpsc::UnboundedSender<Msg>,
    status: watch::Receiver<Status>,
    target: Arc<Mutex<Option<Target>>>,
}

impl PollerHandle {
    /// Poll at once (coalesced with a poll already in flight).
    pub fn refresh_now(&self) {
        let _ = self.tx.send(Msg::RefreshNow);
    }

    /// Poll another device (or none) from now on; polls it at once.
    pub fn retarget(&self, target: Option<Target>) {
        *self.target.lock().unwrap() = target.clone();
        let _ = self.tx.send(Msg::Retarget(target));
    }

    pub fn set_interval(&self, interval: Duration) {
        let _ = self.tx.send(Msg::Interval(interval));
    }

    /// The device's client, for control commands.
    pub fn target(&self) -> Option<Target> {
        self.target.lock().unwrap().clone()
    }

    pub fn status(&self) -> Status {
        self.status.borrow().clone()
    }

    /// Every published status, starting with the current one.
    pub fn subscribe(&self) -> watch::Receiver<Status> {
        self.status.clone()
    }
}

/// Starts the poller on the current tokio runtime.
pub fn spawn(target: Option<Target>, interval: Duration) -> PollerHandle {
    let status = initial(&target, interval);
    let (status_tx, status_rx) = watch::channel(status);
    let (tx, rx) = mpsc::unbounded_channel();
    let handle = PollerHandle {
        tx,
        status: status_rx,
        target: Arc::new(Mutex::new(target.clone())),
    };
    tokio::spawn(run(target, interval, rx, status_tx));
    handle
}

fn initial(target: &Option<Target>, interval: Duration) -> Status {
    match target {
        Some(t) => Status::connecting(t.label.clone(), t.demo, interval.as_secs()),
        None => Status::not_configured(interval.as_secs()),
    }
}

async fn run(
    mut target: Option<Target>,
    mut interval: Duration,
    mut rx: mpsc::UnboundedReceiver<Msg>,
    status: watch::Sender<Status>,
) {
    // The first poll runs at once: the tray should show the charge within a second.
    let mut next = Instant::now();
    loop {
        let msg = match &target {
            Some(_) => tokio::select! {
                _ = tokio::time::sleep_until(next) => None,
                m = rx.recv() => match m { Some(m) => Some(m), None => return },
            },
            None => match rx.recv().await {
                Some(m) => Some(m),
                None => return,
            },
        };
        match msg {
            // The timer, or "Refresh now".
            None | Some(Msg::RefreshNow) => {}
            Some(Msg::Interval(d)) => {
                interval = d;
                status.send_modify(|s| s.interval_s = d.as_secs());
                next = Instant::now() + interval;
                continue;
            }
            Some(Msg::Retarget(t)) => {
                target = t;
                status.send_replace(initial(&target, interval));
            }
        }
        let Some(t) = target.clone() else { continue };
        status.send_modify(|s| s.polling = true);
        let poll = t.client.poll();
        tokio::pin!(poll);
        // One poll in flight: refresh requests meanwhile are served by it; a new target
        // abandons it.
        let result = loop {
            tokio::select! {
                r = &mut poll => break Some(r),
                m = rx.recv() => match m {
                    None => return,
                    Some(Msg::RefreshNow) => {}
                    Some(Msg::Interval(d)) => {
                        interval = d;
                        status.send_modify(|s| s.interval_s = d.as_secs());
                    }
                    Some(Msg::Retarget(nt)) => {
                        target = nt;
                        status.send_replace(initial(&target, interval));
                        break None;
                    }
                },
            }
        };
        match result {
            Some(r) => {
                if let Err(e) = &r {
                    tracing::info!("poll failed: {e}");
                }
                status.send_modify(|s| s.record(r, chrono::Utc::now()));
                next = Instant::now() + interval;
            }
            // Retargeted: poll the new device at once.
            None => next = Instant::now(),
        }
    }
}
