//! Is it a NEStore? One address confirmed by `GET data/engineering` answering with the
//! device's JSON shape, and the cheap TCP connect the sweep tries first.

use std::net::SocketAddr;
use std::time::Duration;

use nestore::ApiVersion;
use serde_json::Value;
use tokio::net::TcpStream;
use tokio::time::timeout;

/// The device's engineering answer is a few kB; anything much larger is something else.
const MAX_BODY: usize = 256 * 1024;

/// What a confirmed device told.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Confirmed {
    pub api_version: ApiVersion,
    pub soc_pct: Option<f64>,
}

/// The HTTP client of one discovery: no redirects, no proxy, no idle connections kept
/// (nothing lingers after the discovery).
pub fn http_client(connect_timeout: Duration) -> reqwest::Client {
    reqwest::Client::builder()
        .connect_timeout(connect_timeout)
        .redirect(reqwest::redirect::Policy::none())
        .no_proxy()
        .pool_max_idle_per_host(0)
        .user_agent(concat!("nestore-discover/", env!("CARGO_PKG_VERSION")))
        .build()
        .expect("a client without TLS or proxies always builds")
}

/// Whether something accepts TCP connections at `addr` within `limit`.
pub async fn port_open(addr: SocketAddr, limit: Duration) -> bool {
    matches!(timeout(limit, TcpStream::connect(addr)).await, Ok(Ok(_)))
}

/// Asks `addr` for `data/engineering`, newest API first (a 404 tries the next older
/// path family, as the client's version detection does). `None` unless an answer has the
/// device's shape. Has no time limit of its own: the caller bounds it.
pub async fn confirm(http: &reqwest::Client, addr: SocketAddr) -> Option<Confirmed> {
    for v in ApiVersion::DETECTION_ORDER {
        let url = format!("http://{addr}/{}", v.engineering());
        let body = match get(http, &url).await {
            Ok(Answer::Body(body)) => body,
            Ok(Answer::NotFound) => continue,
            Ok(Answer::Other) | Err(_) => return None,
        };
        return device_shape(&body).then(|| Confirmed {
            api_version: v,
            soc_pct: nestore::reading::parse_engineering(&body, chrono::Utc::now())
                .ok()
                .and_then(|r| r.soc_pct.value()),
        });
    }
    None
}

enum Answer {
    Body(Vec<u8>),
    NotFound,
    Other,
}

async fn get(http: &reqwest::Client, url: &str) -> Result<Answer, reqwest::Error> {
    let mut resp = http.get(url).send().await?;
    match resp.status() {
        s if s.is_success() => {}
        reqwest::StatusCode::NOT_FOUND => return Ok(Answer::NotFound),
        _ => return Ok(Answer::Other),
    }
    if resp.content_length().is_some_and(|n| n > MAX_BODY as u64) {
        return Ok(Answer::Other);
    }
    let mut body = Vec::new();
    while let Some(chunk) = resp.chunk().await? {
        if body.len() + chunk.len() > MAX_BODY {
            return Ok(Answer::Other);
        }
        body.extend_from_slice(&chunk);
    }
    Ok(Answer::Body(body))
}

/// The device's shape: a `PAYLOAD` object with a `BASE` object holding `PRES_SYS` and a
/// `DERIVED` object holding `SOC_VES` (their values may be anything: a device with a
/// failed sensor is still the device).
pub fn device_shape(body: &[u8]) -> bool {
    let Ok(v) = serde_json::from_slice::<Value>(body) else {
        return false;
    };
    let group = |name: &str, key: &str| {
        v.get("PAYLOAD")
            .and_then(|p| p.get(name))
            .and_then(Value::as_object)
            .is_some_and(|g| g.contains_key(key))
    };
    group("BASE", "PRES_SYS") && group("DERIVED", "SOC_VES")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_devices_shape_is_a_device() {
        let device = br#"{"PAYLOAD": {"BASE": {"PRES_SYS": 2.4, "X": 1},
            "DERIVED": {"SOC_VES": 63.0}, "COUNTERS": {}}}"#;
        assert!(device_shape(device));
        let failed_sensor =
            br#"{"PAYLOAD": {"BASE": {"PRES_SYS": null}, "DERIVED": {"SOC_VES": null}}}"#;
        assert!(device_shape(failed_sensor));
        for other in [
            &br#"{"PAYLOAD": {"BASE": {}, "DERIVED": {}}}"#[..],
            br#"{"PAYLOAD": {"BASE": {"PRES_SYS": 2}}}"#,
            br#"{"PAYLOAD": {"DERIVED": {"SOC_VES": 2}}}"#,
            br#"{"PAYLOAD": {"BASE": [], "DERIVED": {"SOC_VES": 2}}}"#,
            br#"{"BASE": {"PRES_SYS": 2}, "DERIVED": {"SOC_VES": 2}}"#,
            br#"{"status": "ok"}"#,
            br#"[1, 2]"#,
            b"<html>hello</html>",
            b"",
        ] {
            assert!(!device_shape(other), "{}", String::from_utf8_lossy(other));
        }
    }
}
