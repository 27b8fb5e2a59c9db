//! A price server on loopback for the tests: answers `GET ...?fromDate=...` with the reply
//! routed by the `fromDate` asked for (hand-written fixture files of EnergyZero's documented
//! shape, or a fault), 404 for a day it has nothing for. Only 127.0.0.1.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// A request's query: (name, value) pairs, decoded, in order.
pub type Query = Vec<(String, String)>;

/// What the server answers for one `fromDate`.
#[derive(Debug, Clone)]
pub enum Reply {
    /// 200 with this fixture file from `tests/fixtures/`.
    File(&'static str),
    /// This status, no body (a `Location` with a 3xx).
    Status(u16),
    /// 200 with a body of this many bytes, its length announced.
    Huge(usize),
    /// 200 with a body of this many bytes, its length not announced (ends at close).
    HugeUnannounced(usize),
    /// Takes the request and never answers (until the client gives up).
    Silent,
}

pub struct PriceServer {
    pub addr: SocketAddr,
    /// The query of every request, in order, as (name, value) pairs, decoded.
    pub requests: Arc<Mutex<Vec<Query>>>,
    pub paths: Arc<Mutex<Vec<String>>>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for PriceServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl PriceServer {
    /// The endpoint's address, as a source is given it.
    pub fn url(&self) -> String {
        format!("http://{}/v1/energyprices", self.addr)
    }

    pub fn queries(&self) -> Vec<Query> {
        self.requests.lock().unwrap().clone()
    }
}

pub fn fixture(name: &str) -> Vec<u8> {
    let path: PathBuf = [env!("CARGO_MANIFEST_DIR"), "tests", "fixtures", name]
        .iter()
        .collect();
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Starts the server with `routes`: (the `fromDate` as EnergyZero's clients send it, reply).
pub async fn start(routes: Vec<(&'static str, Reply)>) -> PriceServer {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let requests = Arc::new(Mutex::new(Vec::new()));
    let paths = Arc::new(Mutex::new(Vec::new()));
    let (r, p) = (requests.clone(), paths.clone());
    let routes = Arc::new(routes);
    let task = tokio::spawn(async move {
        while let Ok((conn, _)) = listener.accept().await {
            let (routes, r, p) = (routes.clone(), r.clone(), p.clone());
            tokio::spawn(async move {
                let _ = serve(conn, &routes, &r, &p).await;
            });
        }
    });
    PriceServer {
        addr,
        requests,
        paths,
        task,
    }
}

async fn serve(
    mut conn: TcpStream,
    routes: &[(&'static str, Reply)],
    requests: &Mutex<Vec<Query>>,
    paths: &Mutex<Vec<String>>,
) -> std::io::Result<()> {
    // The request head, bounded.
    let mut head = Vec::new();
    let mut buf = [0u8; 1024];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        let n = conn.read(&mut buf).await?;
        if n == 0 || head.len() > 16 * 1024 {
            return Ok(());
        }
        head.extend_from_slice(&buf[..n]);
    }
    let head = String::from_utf8_lossy(&head).to_string();
    let target = head.split_whitespace().nth(1).unwrap_or("/").to_string();
    let url = reqwest::Url::parse(&format!("http://localhost{target}")).unwrap();
    let query: Vec<(String, String)> = url.query_pairs().into_owned().collect();
    paths.lock().unwrap().push(url.path().to_string());
    requests.lock().unwrap().push(query.clone());
    let from = query
        .iter()
        .find(|(k, _)| k == "fromDate")
        .map(|(_, v)| v.clone());
    let reply = routes
        .iter()
        .find(|(key, _)| Some(*key) == from.as_deref())
        .map(|(_, r)| r.clone())
        .unwrap_or(Reply::Status(404));
    match reply {
        Reply::File(name) => {
            let body = fixture(name);
            let h = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            conn.write_all(h.as_bytes()).await?;
            conn.write_all(&body).await?;
        }
        Reply::Status(code) => {
            let h = format!(
                "HTTP/1.1 {code} Whatever\r\nLocation: http://127.0.0.1:9/elsewhere\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            );
            conn.write_all(h.as_bytes()).await?;
        }
        Reply::Huge(n) => {
            let h = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {n}\r\nConnection: close\r\n\r\n"
            );
            conn.write_all(h.as_bytes()).await?;
            write_spaces(&mut conn, n).await?;
        }
        Reply::HugeUnannounced(n) => {
            conn.write_all(
                b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n",
            )
            .await?;
            write_spaces(&mut conn, n).await?;
        }
        Reply::Silent => {
            // Holds the connection until the client closes it.
            while conn.read(&mut buf).await? > 0 {}
            return Ok(());
        }
    }
    conn.shutdown().await
}

/// `n` bytes of a JSON document that never ends: `{"Prices":[` and blanks.
async fn write_spaces(conn: &mut TcpStream, n: usize) -> std::io::Result<()> {
    let start = b"{\"Prices\":[";
    conn.write_all(start).await?;
    let chunk = vec![b' '; 8192];
    let mut left = n.saturating_sub(start.len());
    while left > 0 {
        let k = left.min(chunk.len());
        conn.write_all(&chunk[..k]).await?;
        left -= k;
    }
    Ok(())
}
