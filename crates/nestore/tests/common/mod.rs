//! Shared set-up: an in-process simulator on a loopback port and a client for it.

#![allow(dead_code)]

use std::time::Duration;

use nestore::{Client, ClientConfig, SecretString};
use nestore_sim::{SimConfig, SimHandle};

pub const PASSWORD: &str = "correct horse";

pub async fn sim(cfg: SimConfig) -> SimHandle {
    let cfg = SimConfig {
        password: PASSWORD.into(),
        speed: 0.0,
        ..cfg
    };
    nestore_sim::spawn(cfg, "127.0.0.1:0".parse().unwrap())
        .await
        .unwrap()
}

pub fn quick() -> ClientConfig {
    ClientConfig {
        timeout: Duration::from_secs(5),
        // A command on loopback takes milliseconds: a client that never stopped (retrying,
        // reading back) fails a test within seconds instead of hanging it.
        command_deadline: Duration::from_secs(5),
        readback_interval: Duration::from_millis(10),
        ..Default::default()
    }
}

pub fn client_with(sim: &SimHandle, cfg: ClientConfig) -> Client {
    Client::with_config("127.0.0.1", sim.addr().port(), cfg).unwrap()
}

pub fn client(sim: &SimHandle) -> Client {
    client_with(sim, quick())
}

pub fn controller(sim: &SimHandle, password: &str) -> Client {
    let c = client(sim);
    c.set_password(Some(SecretString::from(password.to_owned())));
    c
}

/// A port on which nothing listens (bound, then released).
pub fn closed_port() -> u16 {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    l.local_addr().unwrap().port()
}

/// One request as a [`Fake`] device received it.
#[derive(Debug, Clone)]
pub struct Req {
    pub method: String,
    pub path: String,
    pub body: Vec<u8>,
}

/// A hand-made HTTP/1.1 device on loopback, for answers the simulator does not give:
/// one request per connection, answered by a closure, every request recorded.
pub struct Fake {
    pub port: u16,
    requests: std::sync::Arc<std::sync::Mutex<Vec<Req>>>,
}

impl Fake {
    pub fn requests(&self) -> Vec<Req> {
        self.requests.lock().unwrap().clone()
    }
}

/// A whole HTTP answer: status line (e.g. "307 Temporary Redirect"), extra header lines,
/// body.
pub fn answer(status: &str, headers: &[&str], body: &str) -> Vec<u8> {
    let mut head = format!(
        "HTTP/1.1 {status}\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n",
        body.len()
    );
    for h in headers {
        head.push_str(h);
        head.push_str("\r\n");
    }
    head.push_str("\r\n");
    let mut out = head.into_bytes();
    out.extend_from_slice(body.as_bytes());
    out
}

pub async fn fake(respond: impl Fn(&Req) -> Vec<u8> + Send + Sync + 'static) -> Fake {
    use std::sync::{Arc, Mutex};
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let l = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = l.local_addr().unwrap().port();
    let requests = Arc::new(Mutex::new(Vec::new()));
    let (log, respond) = (requests.clone(), Arc::new(respond));
    tokio::spawn(async move {
        while let Ok((mut s, _)) = l.accept().await {
            let (log, respond) = (log.clone(), respond.clone());
            tokio::spawn(async move {
                let mut buf = Vec::new();
                let mut chunk = [0u8; 4096];
                let head_end = loop {
                    if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
                        break i + 4;
                    }
                    match s.read(&mut chunk).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => buf.extend_from_slice(&chunk[..n]),
                    }
                };
                let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
                let len: usize = head
                    .lines()
                    .find_map(|l| {
                        let (k, v) = l.split_once(':')?;
                        k.eq_ignore_ascii_case("content-length")
                            .then(|| v.trim().parse().ok())?
                    })
                    .unwrap_or(0);
                while buf.len() < head_end + len {
                    match s.read(&mut chunk).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => buf.extend_from_slice(&chunk[..n]),
                    }
                }
                let mut first = head.lines().next().unwrap_or("").split(' ');
                let req = Req {
                    method: first.next().unwrap_or("").to_owned(),
                    path: first.next().unwrap_or("").to_owned(),
                    body: buf[head_end..head_end + len].to_vec(),
                };
                log.lock().unwrap().push(req.clone());
                let _ = s.write_all(&respond(&req)).await;
            });
        }
    });
    Fake { port, requests }
}

/// A v3 device that grants any password a token, accepts every task, and always reports
/// `state` as its control state.
pub async fn stubborn_device(state: &'static str) -> Fake {
    fake(move |r| match (r.method.as_str(), r.path.as_str()) {
        ("GET", "/api/v3/data/control_state") => answer(
            "200 OK",
            &[],
            &serde_json::json!({"PAYLOAD": {"NAME": state}}).to_string(),
        ),
        ("GET", "/api/v3/data/engineering") => answer(
            "200 OK",
            &[],
            r#"{"PAYLOAD":{"DERIVED":{"SOC_VES":40},"BASE":{"PRES_SYS":2.2}}}"#,
        ),
        ("POST", "/api/v3/auth/requesttoken") => answer("200 OK", &[], r#""tok""#),
        ("POST", "/api/v3/control/task") => answer("200 OK", &[], r#"{"PAYLOAD":{}}"#),
        _ => answer("404 Not Found", &[], "{}"),
    })
    .await
}
