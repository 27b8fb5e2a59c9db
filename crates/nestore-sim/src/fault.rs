//! One-shot faults for the next device request and how they mangle a response, which may
//! not decide when one applies (the shared state queues them, the gate in `api` applies
//! them).
//!
//! Queued faults take priority over the `flaky` scenario's random ones, so tests can be
//! deterministic.

use std::time::Duration;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Fault {
    /// Answer 500 with a JSON error body without touching the device logic.
    Status500,
    /// A valid HTTP response whose JSON body is cut in half (correct Content-Length).
    Truncated,
    /// Wait this long, then answer normally.
    Slow(Duration),
    /// Send the headers, then break the connection mid-body.
    Drop,
    /// Never answer (until the simulator shuts down).
    Hang,
}

/// How `flaky` picks its random faults: one of four, the slow one takes a few seconds.
pub(crate) const FLAKY_PROBABILITY: f64 = 0.3;
pub(crate) const FLAKY_SLOW: Duration = Duration::from_secs(3);

impl Fault {
    pub(crate) fn random_flaky(pick: u32) -> Fault {
        match pick % 4 {
            0 => Fault::Status500,
            1 => Fault::Truncated,
            2 => Fault::Slow(FLAKY_SLOW),
            _ => Fault::Drop,
        }
    }

    /// Parse the admin API's `{"kind": ..., "millis": ...}` form.
    pub fn from_kind(kind: &str, millis: Option<u64>) -> Option<Fault> {
        Some(match kind {
            "status500" | "500" => Fault::Status500,
            "truncated" => Fault::Truncated,
            "slow" => Fault::Slow(Duration::from_millis(millis.unwrap_or(2000))),
            "drop" => Fault::Drop,
            "hang" => Fault::Hang,
            _ => return None,
        })
    }
}

use axum::body::{Body, Bytes};
use axum::http::header;
use axum::response::Response;

/// Cut a response's body in half; hyper then sends the (correct) shorter Content-Length.
pub(crate) async fn truncate(resp: Response) -> Response {
    let (mut parts, body) = resp.into_parts();
    let bytes = axum::body::to_bytes(body, usize::MAX)
        .await
        .unwrap_or_default();
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(bytes.slice(..bytes.len() / 2)))
}

/// A 200 whose chunked body yields `first` and then fails, so hyper aborts the
/// connection after the headers went out. The short pause lets them be flushed first.
pub(crate) fn broken_body(first: Bytes) -> Response {
    use futures_util::StreamExt;
    let head = futures_util::stream::iter([Ok::<Bytes, std::io::Error>(first)]);
    let tail = futures_util::stream::once(async {
        tokio::time::sleep(Duration::from_millis(20)).await;
        Err(std::io::Error::new(
            std::io::ErrorKind::ConnectionReset,
            "simulated connection drop",
        ))
    });
    Response::new(Body::from_stream(head.chain(tail)))
}
