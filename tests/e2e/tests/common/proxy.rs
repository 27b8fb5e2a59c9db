//! A loopback TCP proxy in front of the simulator: counts the app's polls.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use tokio::io::{AsyncReadExt, AsyncWriteExt};

use super::{wait_for, Result, STEP};

/// A loopback TCP proxy in front of the simulator that counts the app's readings (HTTP
/// requests for the engineering data), so a test can wait for "N more polls" instead of
/// sleeping.
pub struct CountingProxy {
    pub addr: SocketAddr,
    count: Arc<AtomicUsize>,
    task: tokio::task::JoinHandle<()>,
}

/// What one reading asks for (the v3 engineering path of the simulator).
const READING_REQUEST: &[u8] = b"GET /api/v3/data/engineering";

impl CountingProxy {
    pub async fn start(upstream: SocketAddr) -> Result<CountingProxy> {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let addr = listener.local_addr()?;
        let count = Arc::new(AtomicUsize::new(0));
        let counter = count.clone();
        let task = tokio::spawn(async move {
            while let Ok((client, _)) = listener.accept().await {
                let counter = counter.clone();
                tokio::spawn(async move {
                    let Ok(server) = tokio::net::TcpStream::connect(upstream).await else {
                        return;
                    };
                    let (mut cr, mut cw) = client.into_split();
                    let (mut sr, mut sw) = server.into_split();
                    let up = async {
                        let mut buf = vec![0u8; 16 * 1024];
                        // The end of the previous read, for a request line split in two.
                        let mut tail: Vec<u8> = Vec::new();
                        loop {
                            let n = match cr.read(&mut buf).await {
                                Ok(0) | Err(_) => break,
                                Ok(n) => n,
                            };
                            let mut hay = std::mem::take(&mut tail);
                            hay.extend_from_slice(&buf[..n]);
                            let hits = hay
                                .windows(READING_REQUEST.len())
                                .filter(|w| *w == READING_REQUEST)
                                .count();
                            counter.fetch_add(hits, Ordering::SeqCst);
                            let keep = hay.len().min(READING_REQUEST.len() - 1);
                            tail = hay[hay.len() - keep..].to_vec();
                            if sw.write_all(&buf[..n]).await.is_err() {
                                break;
                            }
                        }
                        let _ = sw.shutdown().await;
                    };
                    let down = async {
                        let _ = tokio::io::copy(&mut sr, &mut cw).await;
                        let _ = cw.shutdown().await;
                    };
                    tokio::join!(up, down);
                });
            }
        });
        Ok(CountingProxy { addr, count, task })
    }

    /// Readings requested so far.
    pub fn readings(&self) -> usize {
        self.count.load(Ordering::SeqCst)
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
}

impl Drop for CountingProxy {
    fn drop(&mut self) {
        self.task.abort();
    }
}
