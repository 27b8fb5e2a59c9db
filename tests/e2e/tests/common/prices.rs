//! A day-ahead price server on loopback, in EnergyZero's shape: each request's market day
//! (its `fromDate` to `tillDate`) answered hour by hour with the prices a test chooses, as
//! strings in EUR/kWh with UTC times. It counts the requests.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use tokio::net::TcpListener;

use super::http::{read_head, reply_ok};
use super::Result;

pub struct PriceServer {
    /// The endpoint, for `--price-url`.
    pub url: String,
    requests: Arc<AtomicUsize>,
    task: tokio::task::JoinHandle<()>,
}

/// The value of `key` in a request line's query, percent-decoded.
fn query_value(line: &str, key: &str) -> Option<String> {
    let query = line.split_whitespace().nth(1)?.split_once('?')?.1;
    let raw = query
        .split('&')
        .find_map(|kv| kv.strip_prefix(key)?.strip_prefix('='))?;
    let mut out = Vec::new();
    let bytes = raw.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => {
                out.push(u8::from_str_radix(raw.get(i + 1..i + 3)?, 16).ok()?);
                i += 3;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

impl PriceServer {
    /// Answers every day with `price(hour's start)`.
    pub async fn start(
        price: impl Fn(DateTime<Utc>) -> f64 + Send + Sync + 'static,
    ) -> Result<PriceServer> {
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let url = format!("http://{}/v1/energyprices", listener.local_addr()?);
        let requests = Arc::new(AtomicUsize::new(0));
        let count = requests.clone();
        let price = Arc::new(price);
        let task = tokio::spawn(async move {
            while let Ok((mut sock, _)) = listener.accept().await {
                let (count, price) = (count.clone(), price.clone());
                tokio::spawn(async move {
                    let Some(head) = read_head(&mut sock).await else {
                        return;
                    };
                    count.fetch_add(1, Ordering::SeqCst);
                    let line = head.lines().next().unwrap_or_default();
                    let parse = |k| {
                        query_value(line, k)
                            .and_then(|v| DateTime::parse_from_rfc3339(&v).ok())
                            .map(|t| t.with_timezone(&Utc))
                    };
                    let body = match (parse("fromDate"), parse("tillDate")) {
                        (Some(from), Some(till)) => {
                            let mut prices = Vec::new();
                            let mut t = from;
                            while t <= till {
                                prices.push(serde_json::json!({
                                    "price": format!("{:.3}", price(t)),
                                    "readingDate": t.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
                                }));
                                t += Duration::hours(1);
                            }
                            serde_json::json!({"Prices": prices, "intervalType": 4,
                                               "fromDate": from, "tillDate": till})
                            .to_string()
                        }
                        _ => String::from("{}"),
                    };
                    reply_ok(&mut sock, "application/json", body.as_bytes()).await;
                });
            }
        });
        Ok(PriceServer {
            url,
            requests,
            task,
        })
    }

    pub fn requests(&self) -> usize {
        self.requests.load(Ordering::SeqCst)
    }
}

impl Drop for PriceServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}
