//! [`Writer`]: the history written on a thread of its own, so the poller and the tray never
//! wait for the disk.
//!
//! - [`Writer::send`] never blocks: it puts the record on a bounded channel
//!   ([`WriterOptions::capacity`]). When the channel is full (the disk stalls for minutes)
//!   the record is dropped, [`SendOutcome::Dropped`] says so and [`WriterStatus::dropped`]
//!   counts it; the newest is lost rather than the poller held up.
//! - Each time the thread wakes it takes everything queued and writes it in one
//!   transaction (at most [`WriterOptions::max_batch`] records each).
//! - A file that cannot be written (disk full, read-only file or folder, locked, cannot be
//!   opened) turns [`Writer::health`] to [`Health::Failing`] with the reason in the
//!   owner's words ([`Health::message`]: "History cannot be saved: the disk is full"); the
//!   records are kept in memory (at most [`WriterOptions::max_pending`], beyond that the
//!   newest are dropped and counted) and written at the next record or after
//!   [`WriterOptions::retry_after`] (doubling up to [`WriterOptions::max_retry_after`]).
//! - A damaged file is set aside and a new one started; [`Writer::take_notices`] says so.
//! - A committed batch survives `kill -9` (WAL with `synchronous=NORMAL` only loses a
//!   commit to a power cut); at the app's pace of one reading per poll, a kill loses at
//!   most the reading in flight.

use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError, SyncSender, TryRecvError, TrySendError};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use nestore::reading::Reading;

use crate::error::Error;
use crate::event::Event;
use crate::store::{Notice, Record, Store};

#[derive(Debug, Clone)]
pub struct WriterOptions {
    /// Records the channel holds before [`Writer::send`] drops them.
    pub capacity: usize,
    /// Records kept in memory while the file cannot be written.
    pub max_pending: usize,
    /// Records per transaction.
    pub max_batch: usize,
    /// First wait before writing again after a failure (a new record also tries again).
    pub retry_after: Duration,
    pub max_retry_after: Duration,
}

impl Default for WriterOptions {
    fn default() -> WriterOptions {
        WriterOptions {
            capacity: 1024,
            // A month of readings at 5-minute polls.
            max_pending: 10_000,
            max_batch: 2000,
            retry_after: Duration::from_secs(15),
            max_retry_after: Duration::from_secs(300),
        }
    }
}

/// Whether the history is being saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Health {
    /// Nothing tried yet (the file is opened with the first record).
    Starting,
    Ok,
    Failing {
        /// The owner's words in English, e.g. "the disk is full".
        reason: String,
        /// The reason typed, when it is one the catalogue words ([`Health::text`]).
        unavailable: Option<crate::Unavailable>,
        since: DateTime<Utc>,
        /// Records waiting in memory to be written.
        pending: usize,
    },
}

impl Health {
    /// What the app shows while saving fails: "History cannot be saved: the disk is full".
    pub fn message(&self) -> Option<String> {
        match self {
            Health::Failing { reason, .. } => Some(format!("History cannot be saved: {reason}")),
            _ => None,
        }
    }

    pub fn is_failing(&self) -> bool {
        matches!(self, Health::Failing { .. })
    }
}

/// Counters and health, for the app's status and the tests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WriterStatus {
    pub health: Health,
    /// Records written (readings and events; duplicates of a stored time not included).
    pub written: u64,
    /// Records lost because the channel or the pending queue was full, or still unwritten
    /// when the writer stopped.
    pub dropped: u64,
    /// Records SQLite refused on their own, and readings at a time already stored.
    pub rejected: u64,
}

/// What [`Writer::send`] did with a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SendOutcome {
    Queued,
    /// The channel was full: the record is dropped (and counted).
    Dropped,
    /// The writer was closed.
    Closed,
}

enum Msg {
    Record(Box<Record>),
    Prune {
        keep_days: Option<u32>,
        now: DateTime<Utc>,
    },
}

struct State {
    health: Health,
    notices: Vec<Notice>,
    /// Records handled: written, refused or dropped by the thread.
    done: u64,
    written: u64,
    dropped: u64,
    rejected: u64,
    finished: bool,
}

impl State {
    fn status(&self) -> WriterStatus {
        WriterStatus {
            health: self.health.clone(),
            written: self.written,
            dropped: self.dropped,
            rejected: self.rejected,
        }
    }
}

struct Shared {
    state: Mutex<State>,
    changed: Condvar,
    /// Records accepted by the channel.
    queued: AtomicU64,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// The history's writer thread. Share it (e.g. in an `Arc`); every method takes `&self`
/// and none waits for the disk except [`Writer::flush`] and [`Writer::close`].
pub struct Writer {
    tx: Mutex<Option<SyncSender<Msg>>>,
    shared: Arc<Shared>,
    thread: Mutex<Option<JoinHandle<()>>>,
}

impl std::fmt::Debug for Writer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Writer")
            .field("status", &self.status())
            .finish()
    }
}

impl Writer {
    /// Starts the writer thread for the history file at `path` (created with its folder if
    /// missing). Returns at once; the file is opened on the thread, and a failure to open
    /// shows in [`Writer::health`] like any other.
    pub fn spawn(path: PathBuf, options: WriterOptions) -> std::io::Result<Writer> {
        let (tx, rx) = mpsc::sync_channel(options.capacity.max(1));
        let shared = Arc::new(Shared {
            state: Mutex::new(State {
                health: Health::Starting,
                notices: Vec::new(),
                done: 0,
                written: 0,
                dropped: 0,
                rejected: 0,
                finished: false,
            }),
            changed: Condvar::new(),
            queued: AtomicU64::new(0),
        });
        let thread_shared = Arc::clone(&shared);
        let thread = std::thread::Builder::new()
            .name("history-writer".into())
            .spawn(move || {
                let mut w = Worker {
                    path,
                    options,
                    shared: thread_shared,
                    store: None,
                    pending: VecDeque::new(),
                    prune: None,
                    delay: Duration::ZERO,
                };
                w.run(rx);
            })?;
        Ok(Writer {
            tx: Mutex::new(Some(tx)),
            shared,
            thread: Mutex::new(Some(thread)),
        })
    }

    fn send_msg(&self, m: Msg) -> SendOutcome {
        let tx = self.tx.lock().unwrap_or_else(|p| p.into_inner());
        let Some(tx) = tx.as_ref() else {
            return SendOutcome::Closed;
        };
        let counted = matches!(m, Msg::Record(_));
        match tx.try_send(m) {
            Ok(()) => {
                if counted {
                    self.shared.queued.fetch_add(1, Ordering::SeqCst);
                }
                SendOutcome::Queued
            }
            Err(TrySendError::Full(_)) => {
                if counted {
                    self.shared.lock().dropped += 1;
                }
                SendOutcome::Dropped
            }
            Err(TrySendError::Disconnected(_)) => SendOutcome::Closed,
        }
    }

    /// Queues a record; never blocks.
    pub fn send(&self, record: Record) -> SendOutcome {
        self.send_msg(Msg::Record(Box::new(record)))
    }

    /// Queues a reading (`demo`: from the demo device); never blocks.
    pub fn send_reading(&self, reading: &Reading, demo: bool) -> SendOutcome {
        self.send(Record::Reading {
            reading: reading.clone(),
            demo,
        })
    }

    /// Queues an event; never blocks.
    pub fn send_event(&self, event: Event) -> SendOutcome {
        self.send(Record::Event(event))
    }

    /// Asks the thread to prune ([`Store::prune`]) after writing what is queued.
    pub fn prune(&self, keep_days: Option<u32>, now: DateTime<Utc>) -> SendOutcome {
        self.send_msg(Msg::Prune { keep_days, now })
    }

    pub fn health(&self) -> Health {
        self.shared.lock().health.clone()
    }

    pub fn status(&self) -> WriterStatus {
        self.shared.lock().status()
    }

    /// One-off messages since the last call (a damaged file set aside).
    pub fn take_notices(&self) -> Vec<Notice> {
        std::mem::take(&mut self.shared.lock().notices)
    }

    /// Waits until every record sent before this call is handled (written, or counted as
    /// refused or dropped), at most `timeout`; `true` if so. For tests and shutdown only.
    pub fn flush(&self, timeout: Duration) -> bool {
        let target = self.shared.queued.load(Ordering::SeqCst);
        self.wait(timeout, |s| {
            if s.done >= target {
                Some(true)
            } else {
                s.finished.then_some(false)
            }
        })
    }

    /// Waits until `pred` holds for the status (checked at each change), at most
    /// `timeout`; `true` if it did. For tests and diagnostics.
    pub fn wait_for(&self, timeout: Duration, pred: impl Fn(&WriterStatus) -> bool) -> bool {
        self.wait(timeout, |s| {
            if pred(&s.status()) {
                Some(true)
            } else {
                s.finished.then_some(false)
            }
        })
    }

    /// Checks the state at each change until `answer` gives one, at most `timeout`
    /// (`false` then).
    fn wait(&self, timeout: Duration, answer: impl Fn(&State) -> Option<bool>) -> bool {
        let deadline = Instant::now() + timeout;
        let mut s = self.shared.lock();
        loop {
            if let Some(a) = answer(&s) {
                return a;
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return false;
            }
            s = self
                .shared
                .changed
                .wait_timeout(s, left)
                .unwrap_or_else(|p| p.into_inner())
                .0;
        }
    }

    /// Stops taking records, writes what is queued (one more try if the file is failing)
    /// and waits for the thread at most `timeout`; `true` if it finished.
    pub fn close(&self, timeout: Duration) -> bool {
        drop(self.tx.lock().unwrap_or_else(|p| p.into_inner()).take());
        if !self.wait(timeout, |s| s.finished.then_some(true)) {
            return false;
        }
        if let Some(t) = self.thread.lock().unwrap_or_else(|p| p.into_inner()).take() {
            let _ = t.join();
        }
        true
    }
}

impl Drop for Writer {
    /// Closes the channel; the thread writes what is queued and ends on its own.
    fn drop(&mut self) {
        drop(self.tx.lock().unwrap_or_else(|p| p.into_inner()).take());
    }
}

struct Worker {
    path: PathBuf,
    options: WriterOptions,
    shared: Arc<Shared>,
    store: Option<Store>,
    pending: VecDeque<Record>,
    prune: Option<(Option<u32>, DateTime<Utc>)>,
    /// Wait before the next retry; zero while healthy.
    delay: Duration,
}

impl Worker {
    fn run(&mut self, rx: mpsc::Receiver<Msg>) {
        let mut open = true;
        while open {
            let idle = self.pending.is_empty() && self.prune.is_none();
            let first = if idle {
                rx.recv().map_err(|_| RecvTimeoutError::Disconnected)
            } else {
                rx.recv_timeout(self.delay)
            };
            match first {
                Ok(m) => self.take(m),
                Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => open = false,
            }
            while open {
                match rx.try_recv() {
                    Ok(m) => self.take(m),
                    Err(TryRecvError::Empty) => break,
                    Err(TryRecvError::Disconnected) => open = false,
                }
            }
            self.attempt();
        }
        // Closed: whatever could not be written is lost; say how much.
        let lost = self.pending.len() as u64;
        if lost > 0 {
            tracing::warn!(lost, "history writer stopped with records unwritten");
        }
        if let Some(store) = &self.store {
            let _ = store.checkpoint();
        }
        self.store = None;
        let mut s = self.shared.lock();
        s.dropped += lost;
        s.done += lost;
        s.finished = true;
        self.shared.changed.notify_all();
    }

    fn take(&mut self, m: Msg) {
        match m {
            Msg::Record(r) if self.pending.len() < self.options.max_pending => {
                self.pending.push_back(*r)
            }
            Msg::Record(_) => {
                let mut s = self.shared.lock();
                s.dropped += 1;
                s.done += 1;
                self.shared.changed.notify_all();
            }
            Msg::Prune { keep_days, now } => self.prune = Some((keep_days, now)),
        }
    }

    fn fail(&mut self, e: &Error) {
        // Reopen next time: the folder may have been fixed, the file replaced.
        self.store = None;
        self.delay = if self.delay.is_zero() {
            self.options.retry_after
        } else {
            (self.delay * 2).min(self.options.max_retry_after)
        };
        let (reason, unavailable) = match e {
            Error::Unavailable(u) => (u.to_string(), Some(u.clone())),
            other => (other.to_string(), None),
        };
        let mut s = self.shared.lock();
        let since = match &s.health {
            Health::Failing {
                since, reason: r, ..
            } if *r == reason => *since,
            _ => {
                tracing::warn!(%reason, "history cannot be saved");
                Utc::now()
            }
        };
        s.health = Health::Failing {
            reason,
            unavailable,
            since,
            pending: self.pending.len(),
        };
        self.shared.changed.notify_all();
    }

    fn ensure_open(&mut self) -> Result<(), Error> {
        if self.store.is_none() {
            let (store, notice) = Store::open(&self.path)?;
            self.store = Some(store);
            if let Some(n) = notice {
                self.shared.lock().notices.push(n);
            }
        }
        Ok(())
    }

    /// Writes what is pending, then prunes if asked. On failure keeps everything.
    fn attempt(&mut self) {
        if self.pending.is_empty() && self.prune.is_none() {
            return;
        }
        let mut restarted = false;
        loop {
            if let Err(e) = self.ensure_open() {
                return self.fail(&e);
            }
            let store = self.store.as_mut().expect("opened above");
            let result = if self.pending.is_empty() {
                match self.prune {
                    Some((keep_days, now)) => store.prune(keep_days, now).map(|p| {
                        if p.readings + p.events > 0 {
                            tracing::info!(
                                readings = p.readings,
                                events = p.events,
                                "history pruned"
                            );
                        }
                        self.prune = None;
                    }),
                    None => break,
                }
            } else {
                let n = self.pending.len().min(self.options.max_batch.max(1));
                let batch = &self.pending.make_contiguous()[..n];
                store.write(batch).map(|w| {
                    self.pending.drain(..n);
                    let mut s = self.shared.lock();
                    s.done += n as u64;
                    s.written += (w.readings + w.events) as u64;
                    s.rejected += (w.rejected + w.duplicates) as u64;
                    // Healthy in the same breath as done: a flush never sees one without
                    // the other.
                    if s.health.is_failing() {
                        tracing::info!("history saved again");
                    }
                    s.health = Health::Ok;
                    self.shared.changed.notify_all();
                })
            };
            match result {
                Ok(()) => {}
                Err(Error::Corrupt) if !restarted => {
                    restarted = true;
                    let damaged = self.store.take().expect("opened above");
                    match damaged.restart_damaged() {
                        Ok((store, notice)) => {
                            tracing::warn!(message = %notice.message, "history restarted");
                            self.store = Some(store);
                            self.shared.lock().notices.push(notice);
                        }
                        Err(e) => return self.fail(&e),
                    }
                }
                Err(e) => return self.fail(&e),
            }
        }
        self.delay = Duration::ZERO;
        let mut s = self.shared.lock();
        if s.health.is_failing() {
            tracing::info!("history saved again");
        }
        s.health = Health::Ok;
        self.shared.changed.notify_all();
    }
}
