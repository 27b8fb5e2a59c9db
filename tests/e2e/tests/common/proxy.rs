//! A loopback TCP proxy in front of the simulator: counts the app's polls and the device's
//! error answers, and can hold polls until the test lets each one through.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::tcp::{OwnedReadHalf, OwnedWriteHalf};
use tokio::sync::Semaphore;

use super::{wait_for, Result, STEP};

/// A loopback TCP proxy in front of the simulator that counts the app's readings (HTTP
/// requests for the engineering data), so a test can wait for "N more polls" instead of
/// sleeping. While [`hold`](CountingProxy::hold) is on, each reading request waits in the
/// proxy until [`release`](CountingProxy::release) lets it go on to the device, so the
/// test decides what the device answers to each poll (e.g. a one-shot fault queued in
/// the simulator just before).
pub struct CountingProxy {
    pub addr: SocketAddr,
    shared: Arc<Shared>,
    task: tokio::task::JoinHandle<()>,
}

struct Shared {
    /// Reading requests seen.
    readings: AtomicUsize,
    /// Answers with status 500 from the device.
    errors: AtomicUsize,
    holding: AtomicBool,
    /// Reading requests waiting in the proxy now.
    held: AtomicUsize,
    /// One permit per held request let through.
    gate: Semaphore,
}

/// What one reading asks for (the v3 engineering path of the simulator).
const READING_REQUEST: &[u8] = b"GET /api/v3/data/engineering";
/// The status line of an error answer of the simulator (its one-shot `status500` fault).
const ERROR_ANSWER: &[u8] = b"HTTP/1.1 500 ";

/// How many times `needle` occurs in what was read, with `tail` the end of the previous
/// read (kept for a needle split across two reads; updated).
fn count_in(tail: &mut Vec<u8>, read: &[u8], needle: &[u8]) -> usize {
    let mut hay = std::mem::take(tail);
    hay.extend_from_slice(read);
    let hits = hay.windows(needle.len()).filter(|w| *w == needle).count();
    let keep = hay.len().min(needle.len() - 1);
    *tail = hay[hay.len() - keep..].to_vec();
    hits
}

/// App → device: counts reading requests and holds them while holding is on.
async fn upstream(mut from: OwnedReadHalf, mut to: OwnedWriteHalf, shared: Arc<Shared>) {
    let mut buf = vec![0u8; 16 * 1024];
    let mut tail = Vec::new();
    loop {
        let n = match from.read(&mut buf).await {
            Ok(0) | Err(_) => break,
            Ok(n) => n,
        };
        let hits = count_in(&mut tail, &buf[..n], READING_REQUEST);
        shared.readings.fetch_add(hits, Ordering::SeqCst);
        if hits > 0 && shared.holding.load(Ordering::SeqCst) {
            shared.held.fetch_add(1, Ordering::SeqCst);
            // Closed when holding stops: then everything goes through.
            if let Ok(permit) = shared.gate.acquire().await {
                permit.forget();
            }
            shared.held.fetch_sub(1, Ordering::SeqCst);
        }
        if to.write_all(&buf[..n]).await.is_err() {
            break;
        }
    }
    let _ = to.shutdown().await;
}

/// Device → app: counts error answers.
async fn downstream(mut from: OwnedReadHalf, mut to: OwnedWriteHalf, shared: Arc<Shared>) {
    let mut buf = vec![0u8; 16 * 1024];
    let mut tail = Vec::new();
    loop {
        let n = match from.read(&mut buf).await {
            Ok(0) | Err(_) => break,
            Ok(n) => n,
        };
        let hits = count_in(&mut tail, &buf[..n], ERROR_ANSWER);
        shared.errors.fetch_add(hits, Ordering::SeqCst);
        if to.write_all(&buf[..n]).await.is_err() {
            break;
        }
    }
    let _ = to.shutdown().await;
}

impl CountingProxy {
    pub async fn start(upstream_addr: SocketAddr) -> Result<CountingProxy> {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let addr = listener.local_addr()?;
        let shared = Arc::new(Shared {
            readings: AtomicUsize::new(0),
            errors: AtomicUsize::new(0),
            holding: AtomicBool::new(false),
            held: AtomicUsize::new(0),
            gate: Semaphore::new(0),
        });
        let task_shared = shared.clone();
        let task = tokio::spawn(async move {
            while let Ok((client, _)) = listener.accept().await {
                let shared = task_shared.clone();
                tokio::spawn(async move {
                    let Ok(server) = tokio::net::TcpStream::connect(upstream_addr).await else {
                        return;
                    };
                    let (cr, cw) = client.into_split();
                    let (sr, sw) = server.into_split();
                    tokio::join!(upstream(cr, sw, shared.clone()), downstream(sr, cw, shared));
                });
            }
        });
        Ok(CountingProxy { addr, shared, task })
    }

    /// Readings requested so far.
    pub fn readings(&self) -> usize {
        self.shared.readings.load(Ordering::SeqCst)
    }

    /// Error answers (status 500) the device gave so far.
    pub fn errors(&self) -> usize {
        self.shared.errors.load(Ordering::SeqCst)
    }

    /// Waits until `n` more readings than `from` were requested (and so, with a 1 s poll
    /// interval, answered and handled: the next request only follows the previous one).
    pub async fn wait_readings(&self, from: usize, n: usize) -> Result<usize> {
        wait_for(
            &format!("{n} more readings after reading {from}"),
            STEP,
            || async {
                let now = self.readings();
                (now >= from + n).then_some(now)
            },
        )
        .await
    }

    /// From now on every reading request waits in the proxy for [`release`](Self::release).
    /// The app gives up on a request after 10 s: release it well before.
    pub fn hold(&self) {
        self.shared.holding.store(true, Ordering::SeqCst);
    }

    /// Reading requests waiting in the proxy now.
    pub fn held(&self) -> usize {
        self.shared.held.load(Ordering::SeqCst)
    }

    /// Waits until a reading request waits in the proxy.
    pub async fn wait_held(&self) -> Result<()> {
        wait_for("a poll held in the proxy", STEP, || async {
            (self.held() > 0).then_some(())
        })
        .await
    }

    /// Lets one held reading request (now or the next one) go on to the device.
    pub fn release(&self) {
        self.shared.gate.add_permits(1);
    }

    /// Lets everything through again, for good.
    pub fn stop_holding(&self) {
        self.shared.holding.store(false, Ordering::SeqCst);
        self.shared.gate.close();
    }

    /// Waits until the device has given `n` error answers in all.
    pub async fn wait_errors(&self, n: usize) -> Result<()> {
        wait_for(&format!("{n} error answers"), STEP, || async {
            (self.errors() >= n).then_some(())
        })
        .await
    }
}

impl Drop for CountingProxy {
    fn drop(&mut self) {
        self.stop_holding();
        self.task.abort();
    }
}
