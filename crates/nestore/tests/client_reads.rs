//! Reading the simulated device over real HTTP on loopback.

mod common;

use std::time::Duration;

use common::*;
use nestore::{ApiVersion, ClientConfig, Error, Measure};
use nestore_sim::{ApiVersion as SimApi, Fault, Scenario, SimConfig};

#[tokio::test]
async fn poll_reads_every_endpoint_and_matches_the_device() {
    let sim = sim(SimConfig::default()).await;
    sim.set_soc(70.0);
    let r = client(&sim).poll().await.unwrap();
    let truth = sim.snapshot();
    let soc = r.soc_pct.value().unwrap();
    assert!(
        (soc - truth.soc_pct).abs() < 0.05,
        "{soc} vs {}",
        truth.soc_pct
    );
    assert!((r.pressure_bar.value().unwrap() - truth.pressure_bar).abs() < 0.01);
    assert!((r.stored_energy_kwh.value().unwrap() * 1000.0 - truth.stored_energy_wh).abs() < 1.0);
    for (got, want) in r.zone_temps_c.iter().zip(truth.zone_temps_c) {
        assert!((got.value().unwrap() - want).abs() < 0.1);
    }
    for m in [
        r.soc_total_pct,
        r.hot_water_flow_lpm,
        r.heater_power_w,
        r.heater_outlet_c,
        r.dhw_energy_total_kwh,
        r.heater_energy_total_kwh,
        r.water_volume_total_l,
    ] {
        assert!(matches!(m, Measure::Reported(_)), "{m:?}");
    }
    assert_eq!(r.state.as_deref(), Some(truth.state_name.as_str()));
    assert!(r.dependent_mode.is_some() && r.online_mode.is_some());
    assert!(r.implausible_fields().is_empty());
}

#[tokio::test]
async fn detects_each_api_version_and_reads_with_its_paths() {
    for (sim_v, want) in [
        (SimApi::V1, ApiVersion::V1),
        (SimApi::V2, ApiVersion::V2),
        (SimApi::V3, ApiVersion::V3),
    ] {
        let sim = sim(SimConfig {
            api_version: sim_v,
            ..Default::default()
        })
        .await;
        let c = client(&sim);
        assert_eq!(c.api_version().await.unwrap(), want);
        let r = c.poll().await.unwrap();
        assert!(r.soc_pct.value().is_some() && r.state.is_some(), "{want}");
    }
}

#[tokio::test]
async fn nothing_listening_is_unreachable() {
    let c = nestore::Client::with_config("127.0.0.1", closed_port(), quick()).unwrap();
    let e = c.poll().await.unwrap_err();
    assert!(matches!(e, Error::Unreachable { .. }), "{e}");
    assert!(e.to_string().contains("unreachable"), "{e}");
}

#[tokio::test]
async fn refused_then_back_on_the_same_port() {
    let sim = sim(SimConfig::default()).await;
    let c = client(&sim);
    c.poll().await.unwrap();
    sim.set_scenario(Scenario::OfflineRefuse);
    let e = c.poll().await.unwrap_err();
    assert!(e.is_connection(), "{e}");
    sim.set_scenario(Scenario::Normal);
    // The same client (and its pool) recovers once the device is back.
    let mut recovered = None;
    for _ in 0..50 {
        match c.poll().await {
            Ok(r) => {
                recovered = Some(r);
                break;
            }
            Err(e) => assert!(e.is_connection(), "{e}"),
        }
        tokio::task::yield_now().await;
    }
    assert!(recovered.is_some());
}

#[tokio::test]
async fn a_hanging_device_times_out() {
    let sim = sim(SimConfig::default()).await;
    let c = client_with(
        &sim,
        ClientConfig {
            timeout: Duration::from_millis(300),
            ..quick()
        },
    );
    c.api_version().await.unwrap();
    sim.set_scenario(Scenario::OfflineHang);
    let e = c.poll().await.unwrap_err();
    assert!(matches!(e, Error::Timeout { .. }), "{e}");
}

#[tokio::test]
async fn each_injected_fault_is_a_typed_error_and_the_next_poll_works() {
    let sim = sim(SimConfig::default()).await;
    let c = client_with(
        &sim,
        ClientConfig {
            timeout: Duration::from_millis(500),
            ..quick()
        },
    );
    c.api_version().await.unwrap();
    type Expect = fn(&Error) -> bool;
    let cases: [(Fault, Expect); 4] = [
        (Fault::Status500, |e| {
            matches!(e, Error::Status { status: 500, .. })
        }),
        (Fault::Truncated, |e| matches!(e, Error::Malformed { .. })),
        (Fault::Drop, |e| {
            matches!(e, Error::Malformed { .. } | Error::Unreachable { .. })
        }),
        (Fault::Slow(Duration::from_secs(3)), |e| {
            matches!(e, Error::Timeout { .. })
        }),
    ];
    for (fault, expected) in cases {
        sim.push_fault(fault);
        let e = c.poll().await.unwrap_err();
        assert!(expected(&e), "{fault:?} gave {e}");
        c.poll()
            .await
            .unwrap_or_else(|e| panic!("after {fault:?}: {e}"));
    }
}

#[tokio::test]
async fn a_sensor_fault_never_passes_as_a_pressure_and_the_rest_still_reads() {
    let sim = sim(SimConfig {
        scenario: Scenario::SensorFault,
        ..Default::default()
    })
    .await;
    let c = client(&sim);
    let (mut missing, mut implausible) = (0, 0);
    // The simulator cycles: PRES_SYS absent, -1.0, 99.9, "NaN".
    for _ in 0..8 {
        let r = c.poll().await.unwrap();
        assert!(r.soc_pct.value().is_some(), "{:?}", r.soc_pct);
        assert!(r.zone_temps_c.iter().all(|z| z.value().is_some()));
        assert!(r.state.is_some());
        match r.pressure_bar {
            Measure::NotReported => {
                assert!(r.implausible_fields().is_empty());
                missing += 1;
            }
            Measure::Implausible(_) => {
                assert_eq!(r.implausible_fields(), vec!["pressure_bar"]);
                implausible += 1;
            }
            Measure::Reported(p) => panic!("a faulty sensor passed as {p} bar"),
        }
    }
    assert_eq!((missing, implausible), (4, 4));
}

#[tokio::test]
async fn leak_lowers_pressure_at_steady_charge() {
    let sim = sim(SimConfig {
        scenario: Scenario::Leak,
        ..Default::default()
    })
    .await;
    let c = client(&sim);
    let before = c.poll().await.unwrap();
    sim.advance(Duration::from_secs(6 * 3600));
    let after = c.poll().await.unwrap();
    let dp = before.pressure_bar.value().unwrap() - after.pressure_bar.value().unwrap();
    let dsoc = (before.soc_pct.value().unwrap() - after.soc_pct.value().unwrap()).abs();
    assert!(dp >= 0.2, "pressure fell only {dp} bar in 6 h");
    assert!(dsoc < 1.0, "SOC moved {dsoc} %");
}

#[tokio::test]
async fn over_pressure_rises_above_the_alarm_level() {
    let sim = sim(SimConfig {
        scenario: Scenario::OverPressure,
        ..Default::default()
    })
    .await;
    sim.advance(Duration::from_secs(2 * 3600));
    let r = client(&sim).poll().await.unwrap();
    assert!(
        r.pressure_bar.value().unwrap() > 3.5,
        "{:?}",
        r.pressure_bar
    );
}

#[tokio::test]
async fn a_flaky_device_gives_typed_errors_and_readings_never_garbage() {
    let sim = sim(SimConfig {
        scenario: Scenario::Flaky,
        seed: 7,
        ..Default::default()
    })
    .await;
    let c = client_with(
        &sim,
        ClientConfig {
            timeout: Duration::from_millis(400),
            ..quick()
        },
    );
    let (mut ok, mut failed) = (0, 0);
    while ok + failed < 40 {
        match c.poll().await {
            Ok(r) => {
                assert!(r.soc_pct.value().is_some() && r.pressure_bar.value().is_some());
                ok += 1;
            }
            Err(e) => {
                assert!(
                    matches!(
                        e,
                        Error::Status { .. }
                            | Error::Malformed { .. }
                            | Error::Timeout { .. }
                            | Error::Unreachable { .. }
                    ),
                    "{e}"
                );
                failed += 1;
            }
        }
    }
    assert!(ok > 0 && failed > 0, "{ok} ok, {failed} failed");
}

/// A raw server for answers the simulator does not make: one canned answer per connection.
async fn canned(answer: Vec<u8>) -> u16 {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let l = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = l.local_addr().unwrap().port();
    tokio::spawn(async move {
        while let Ok((mut s, _)) = l.accept().await {
            let answer = answer.clone();
            tokio::spawn(async move {
                let mut buf = [0u8; 4096];
                let _ = s.read(&mut buf).await;
                let _ = s.write_all(&answer).await;
            });
        }
    });
    port
}

#[tokio::test]
async fn an_oversized_answer_is_refused() {
    let body = vec![b' '; (1 << 20) + 10];
    let mut answer = format!(
        "HTTP/1.1 200 OK\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
        body.len()
    )
    .into_bytes();
    answer.extend_from_slice(&body);
    let c = nestore::Client::with_config("127.0.0.1", canned(answer).await, quick()).unwrap();
    let e = c
        .api_version()
        .await
        .and(c.poll().await.map(drop))
        .unwrap_err();
    assert!(
        matches!(&e, Error::Malformed { reason, .. } if reason.contains("larger")),
        "{e}"
    );
}

#[tokio::test]
async fn no_known_api_is_a_clear_error() {
    let answer =
        b"HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\nconnection: close\r\n\r\n".to_vec();
    let c = nestore::Client::with_config("127.0.0.1", canned(answer).await, quick()).unwrap();
    assert!(matches!(
        c.poll().await.unwrap_err(),
        Error::UnknownApi { .. }
    ));
}

#[test]
fn bad_hosts_are_refused_and_ipv6_is_bracketed() {
    assert!(nestore::Client::new("", 4805).is_err());
    assert!(nestore::Client::new("a/b", 4805).is_err());
    assert_eq!(
        nestore::Client::new("::1", 4805).unwrap().base_url(),
        "http://[::1]:4805/"
    );
    assert_eq!(
        nestore::Client::new("nestore.home", 4805)
            .unwrap()
            .base_url(),
        "http://nestore.home:4805/"
    );
}

/// `{"PAYLOAD":{"NAME":"Standby"}}` padded with spaces to exactly `len` bytes.
fn state_body(len: usize) -> Vec<u8> {
    let mut body = br#"{"PAYLOAD":{"NAME":"Standby"}}"#.to_vec();
    body.resize(len, b' ');
    body
}

/// The body sent with `transfer-encoding: chunked`, in chunks of `chunk` bytes.
fn chunked(body: &[u8], chunk: usize) -> Vec<u8> {
    let mut out =
        b"HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\nconnection: close\r\n\r\n".to_vec();
    for part in body.chunks(chunk) {
        out.extend_from_slice(format!("{:x}\r\n", part.len()).as_bytes());
        out.extend_from_slice(part);
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(b"0\r\n\r\n");
    out
}

fn with_length(body: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "HTTP/1.1 200 OK\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
        body.len()
    )
    .into_bytes();
    out.extend_from_slice(body);
    out
}

#[tokio::test]
async fn an_answer_of_exactly_the_cap_is_read_one_byte_more_is_not() {
    const MAX: usize = 1000;
    let cfg = || ClientConfig {
        max_body: MAX,
        ..quick()
    };
    let read = |answer: Vec<u8>| async {
        let c = nestore::Client::with_config("127.0.0.1", canned(answer).await, cfg()).unwrap();
        c.control_state().await
    };
    // At the cap, announced by its length or arriving in many chunks: read.
    for answer in [
        with_length(&state_body(MAX)),
        chunked(&state_body(MAX), 100),
    ] {
        assert_eq!(read(answer).await.unwrap().as_deref(), Some("Standby"));
    }
    // Above it, announced or not (chunk sizes that never add up to the cap exactly).
    for answer in [
        with_length(&state_body(MAX + 1)),
        chunked(&state_body(MAX + 50), 150),
        chunked(&state_body(MAX + 1), 7),
    ] {
        let e = read(answer).await.unwrap_err();
        assert!(
            matches!(&e, Error::Malformed { reason, .. } if reason.contains("larger than 1000 bytes")),
            "{e}"
        );
    }
}

#[tokio::test]
async fn an_answer_cut_off_mid_body_is_malformed_not_unreachable() {
    // The header promises 1000 bytes; the device sends 30 and closes.
    let mut answer =
        b"HTTP/1.1 200 OK\r\ncontent-length: 1000\r\nconnection: close\r\n\r\n".to_vec();
    answer.extend_from_slice(br#"{"PAYLOAD":{"NAME":"Standby"  "#);
    let c = nestore::Client::with_config("127.0.0.1", canned(answer).await, quick()).unwrap();
    let e = c.control_state().await.unwrap_err();
    assert!(
        matches!(&e, Error::Malformed { reason, .. } if reason.starts_with("answer cut off")),
        "{e}"
    );
    assert!(!e.is_connection(), "{e}");
}
