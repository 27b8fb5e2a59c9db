//! Servers that are no NEStore, for the tests of finding one (`nestore-discover`, the
//! command line's `discover`, the app's Find my NEStore): on the device's port they answer
//! HTTP with other JSON, hold a connection without a word, or answer only once the test lets
//! them. Like the simulator, they are for loopback.

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;

/// JSON that is no NEStore's: the two names the device's reading has, but not where it
/// has them.
pub const OTHER_JSON: &str = r#"{"status": "ok", "PRES_SYS": 2.5, "SOC_VES": 50}"#;

/// What a decoy does with a request.
#[derive(Debug, Clone)]
pub enum Decoy {
    /// Answers every request with 200 and this JSON.
    Json(String),
    /// Accepts connections and never answers.
    Hang,
    /// Answers 200 with `body` once `open` turns true, not before.
    Gate {
        open: watch::Receiver<bool>,
        body: String,
    },
}

/// Serves `decoy` on `listener` until the task running it is aborted (or the listener
/// fails).
pub async fn serve(listener: TcpListener, decoy: Decoy) {
    while let Ok((stream, _)) = listener.accept().await {
        tokio::spawn(answer(stream, decoy.clone()));
    }
}

async fn answer(mut stream: TcpStream, decoy: Decoy) {
    // The request head (a sweep's bare connects close at once: nothing to do).
    let mut head = Vec::new();
    let mut buf = [0u8; 1024];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        match stream.read(&mut buf).await {
            Ok(0) | Err(_) => return,
            Ok(n) => head.extend_from_slice(&buf[..n]),
        }
    }
    let body = match decoy {
        Decoy::Json(body) => body,
        Decoy::Hang => {
            // Hold the connection until the client gives up.
            while matches!(stream.read(&mut buf).await, Ok(n) if n > 0) {}
            return;
        }
        Decoy::Gate { mut open, body } => {
            if open.wait_for(|o| *o).await.is_err() {
                return;
            }
            body
        }
    };
    let reply = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let _ = stream.write_all(reply.as_bytes()).await;
    let _ = stream.shutdown().await;
}
