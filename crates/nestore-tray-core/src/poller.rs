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

/// A new target's status; the result count goes on, so consumers never see it repeat.
fn retargeted(status: &watch::Sender<Status>, target: &Option<Target>, interval: Duration) {
    let seq = status.borrow().seq;
    let mut s = initial(target, interval);
    s.seq = seq;
    status.send_replace(s);
}

/// How much more the wall clock moved than the monotonic clock, which stands still while
/// the computer sleeps, before the gap counts as sleep.
pub const WAKE_JUMP: Duration = Duration::from_secs(60);

/// Whether the computer slept between two instants measured on both clocks.
pub fn slept(wall_elapsed: Duration, mono_elapsed: Duration) -> bool {
    wall_elapsed.saturating_sub(mono_elapsed) > WAKE_JUMP
}

async fn run(
    mut target: Option<Target>,
    mut interval: Duration,
    mut rx: mpsc::UnboundedReceiver<Msg>,
    status: watch::Sender<Status>,
) {
    // The first poll runs at once: the tray should show the charge within a second.
    let mut next = Instant::now();
    // Both clocks at the last poll, to notice a sleep in between.
    let mut last_poll: Option<(Instant, std::time::SystemTime)> = None;
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
                retargeted(&status, &target, interval);
            }
        }
        let Some(t) = target.clone() else { continue };
        let woke = last_poll
            .is_some_and(|(mono, wall)| slept(wall.elapsed().unwrap_or_default(), mono.elapsed()));
        last_poll = Some((Instant::now(), std::time::SystemTime::now()));
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
                        retargeted(&status, &target, interval);
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
                status.send_modify(|s| {
                    s.record(r, chrono::Utc::now());
                    s.after_wake = woke;
                });
                // After a sleep, poll again at once: the first reading only re-seeds. After
                // a failure, soon: one failure is only "retrying".
                next = if woke {
                    Instant::now()
                } else {
                    Instant::now() + status.borrow().next_poll_in(interval)
                };
                if woke {
                    tracing::info!("the computer slept: polling again");
                }
            }
            // Retargeted: poll the new device at once.
            None => next = Instant::now(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sleep_is_a_wall_clock_jump_beyond_the_monotonic_clock() {
        let s = Duration::from_secs;
        assert!(!slept(s(300), s(300)));
        assert!(!slept(s(350), s(300)), "small drift is no sleep");
        assert!(slept(s(3900), s(300)), "an hour asleep");
        assert!(!slept(s(100), s(300)), "a wall clock set back is no sleep");
        assert!(!slept(s(300) + WAKE_JUMP, s(300)), "only beyond the jump");
        assert!(slept(s(301) + WAKE_JUMP, s(300)));
    }
}
