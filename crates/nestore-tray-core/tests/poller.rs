//! The poller against real HTTP on loopback: the simulator, and a gated counting server
//! for the one-poll-in-flight rule.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use nestore::Client;
use nestore_sim::{Scenario, SimConfig};
use nestore_tray_core::poller::{self, Target};
use nestore_tray_core::status::{Connection, Status};
use tokio::sync::watch;

const HOUR: Duration = Duration::from_secs(3600);

async fn until(rx: &mut watch::Receiver<Status>, what: impl Fn(&Status) -> bool) -> Status {
    let s = tokio::time::timeout(Duration::from_secs(10), rx.wait_for(|s| what(s)))
        .await
        .expect("status did not arrive")
        .unwrap();
    s.clone()
}

fn target(port: u16) -> Target {
    let cfg = nestore::ClientConfig {
        timeout: Duration::from_secs(5),
        ..Default::default()
    };
    Target {
        client: Arc::new(Client::with_config("127.0.0.1", port, cfg).unwrap()),
        label: format!("127.0.0.1:{port}"),
        demo: false,
    }
}

/// A simulator whose time moves only when a test says so.
async fn frozen_sim() -> nestore_sim::SimHandle {
    let cfg = SimConfig {
        speed: 0.0,
        ..Default::default()
    };
    nestore_sim::spawn(cfg, "127.0.0.1:0".parse().unwrap())
        .await
        .unwrap()
}

fn soc(s: &Status) -> Option<f64> {
    s.reading.as_ref()?.soc_pct.value()
}

#[tokio::test]
async fn first_poll_is_immediate_and_refresh_now_polls_again() {
    let sim = frozen_sim().await;
    sim.set_soc(42.0);
    let p = poller::spawn(Some(target(sim.addr().port())), HOUR);
    let mut rx = p.subscribe();
    let s = until(&mut rx, |s| s.connection == Connection::Online).await;
    assert!((soc(&s).unwrap() - 42.0).abs() < 0.1);
    assert_eq!(
        s.device.as_deref(),
        Some(format!("127.0.0.1:{}", sim.addr().port()).as_str())
    );

    sim.set_soc(77.0);
    p.refresh_now();
    let s = until(&mut rx, |s| soc(s).is_some_and(|v| (v - 77.0).abs() < 0.1)).await;
    assert!(!s.polling);
}

#[tokio::test]
async fn offline_keeps_the_last_reading_and_recovers() {
    let sim = frozen_sim().await;
    let p = poller::spawn(Some(target(sim.addr().port())), HOUR);
    let mut rx = p.subscribe();
    until(&mut rx, |s| s.connection == Connection::Online).await;
    sim.set_scenario(Scenario::OfflineRefuse);
    // One failure is only "retrying"; the third in a row is offline.
    for n in 1..=3 {
        p.refresh_now();
        let s = until(&mut rx, |s| s.failures == n && !s.polling).await;
        let expected = if n < 3 {
            Connection::Retrying
        } else {
            Connection::Offline
        };
        assert_eq!(s.connection, expected, "after {n} failures");
    }
    let s = rx.borrow().clone();
    assert!(
        s.error.as_deref().unwrap().contains("unreachable"),
        "{:?}",
        s.error
    );
    assert!(s.offline_since.is_some() && s.reading.is_some());
    sim.set_scenario(Scenario::Normal);
    p.refresh_now();
    let s = until(&mut rx, |s| s.connection == Connection::Online).await;
    assert!(s.offline_since.is_none() && s.error.is_none());
}

#[tokio::test]
async fn retarget_to_none_and_back() {
    let sim = frozen_sim().await;
    let p = poller::spawn(None, HOUR);
    let mut rx = p.subscribe();
    assert_eq!(rx.borrow().connection, Connection::NotConfigured);
    p.retarget(Some(target(sim.addr().port())));
    until(&mut rx, |s| s.connection == Connection::Online).await;
    p.retarget(None);
    let s = until(&mut rx, |s| s.connection == Connection::NotConfigured).await;
    assert!(s.reading.is_none() && p.target().is_none());
}

/// A device whose answers wait for a gate, counting the requests it receives.
struct Gated {
    port: u16,
    requests: Arc<AtomicUsize>,
    gate: Arc<tokio::sync::Semaphore>,
}

async fn gated() -> Gated {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let l = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = l.local_addr().unwrap().port();
    let requests = Arc::new(AtomicUsize::new(0));
    let gate = Arc::new(tokio::sync::Semaphore::new(0));
    let (r, g) = (requests.clone(), gate.clone());
    tokio::spawn(async move {
        while let Ok((mut s, _)) = l.accept().await {
            let (r, g) = (r.clone(), g.clone());
            tokio::spawn(async move {
                let mut buf = vec![0u8; 4096];
                loop {
                    let n = match s.read(&mut buf).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => n,
                    };
                    r.fetch_add(1, Ordering::SeqCst);
                    let req = String::from_utf8_lossy(&buf[..n]).to_string();
                    let body = if req.contains("engineering") {
                        r#"{"PAYLOAD":{"DERIVED":{"SOC_VES":55},"BASE":{"PRES_SYS":2.4}}}"#
                    } else {
                        r#"{"PAYLOAD":{"NAME":"Standby"}}"#
                    };
                    g.acquire().await.unwrap().forget();
                    let resp = format!("HTTP/1.1 200 OK\r\ncontent-length: {}\r\ncontent-type: application/json\r\n\r\n{body}", body.len());
                    if s.write_all(resp.as_bytes()).await.is_err() {
                        return;
                    }
                }
            });
        }
    });
    Gated {
        port,
        requests,
        gate,
    }
}

#[tokio::test]
async fn refreshes_during_a_poll_are_served_by_it() {
    let dev = gated().await;
    let t = target(dev.port);
    // Detection done up front, so that every request counted below belongs to a poll.
    dev.gate.add_permits(1);
    t.client.api_version().await.unwrap();
    let before = dev.requests.load(Ordering::SeqCst);

    let p = poller::spawn(Some(t), HOUR);
    let mut rx = p.subscribe();
    until(&mut rx, |s| s.polling).await;
    for _ in 0..5 {
        p.refresh_now();
    }
    dev.gate.add_permits(3);
    let first = until(&mut rx, |s| s.connection == Connection::Online)
        .await
        .updated_at;
    // Had the five refreshes queued polls, they would run before this one.
    dev.gate.add_permits(3);
    p.refresh_now();
    until(&mut rx, |s| !s.polling && s.updated_at != first).await;
    assert_eq!(
        dev.requests.load(Ordering::SeqCst) - before,
        6,
        "two polls of three requests each"
    );
}

#[tokio::test]
async fn the_target_is_the_device_polled_and_a_new_interval_is_published() {
    let sim = frozen_sim().await;
    let label = format!("127.0.0.1:{}", sim.addr().port());
    let p = poller::spawn(Some(target(sim.addr().port())), HOUR);
    assert_eq!(p.target().map(|t| t.label), Some(label.clone()));
    let mut rx = p.subscribe();
    until(&mut rx, |s| s.connection == Connection::Online).await;
    assert_eq!(p.status().interval_s, 3600);
    p.set_interval(Duration::from_secs(120));
    let s = until(&mut rx, |s| s.interval_s == 120).await;
    assert_eq!(s.device.as_deref(), Some(label.as_str()));
    assert_eq!(p.status().interval_s, 120);
    p.retarget(None);
    assert!(p.target().is_none());
}
