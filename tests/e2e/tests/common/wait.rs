//! Waiting for a condition (never a fixed sleep), and how long one step may take.

use std::future::Future;
use std::time::{Duration, Instant};

use super::Result;

/// How long a step may take before the test gives up. WebKit under Xvfb on a 2-core
/// machine with a busy cargo is slow to start.
pub const STEP: Duration = Duration::from_secs(30);
/// The D-Bus name the single-instance plugin claims while the app runs (prefix: the
/// plugin may add a version suffix).
pub const SINGLE_INSTANCE_NAME: &str = "org.nestore.tray.SingleInstance";

/// Polls `f` until it yields `Some`, or fails after `within` naming `what`.
pub async fn wait_for<T, F, Fut>(what: &str, within: Duration, mut f: F) -> Result<T>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Option<T>>,
{
    let deadline = Instant::now() + within;
    loop {
        if let Some(v) = f().await {
            return Ok(v);
        }
        if Instant::now() >= deadline {
            return Err(format!("timed out after {within:?} waiting for {what}").into());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}
