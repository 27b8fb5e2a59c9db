//! The discovery benchmark (scripts/bench-discover.sh): a few simulators on 127.0.0.x, a
//! sweep of 127.0.0.0/24 with the default timeouts, and the time to the first hit and to
//! done. Loopback only: no names, no mDNS.
//!
//! `--silent N` adds N addresses that swallow connection attempts (a listener whose
//! accept queue is full drops new SYNs), standing in for the addresses of a real home
//! network where no host answers: each costs the sweep a full connect timeout, as on a
//! real /24.
//!
//! `--silent-first` puts the silent addresses before the simulators (lower addresses,
//! swept first): the worst case for the time to the first hit.
//!
//! Usage: bench_discover [--sims N] [--silent N] [--silent-first] [--port P]

use std::net::{Ipv4Addr, SocketAddr};
use std::time::Instant;

use nestore_discover::{discover, Discovery};
use nestore_sim::SimConfig;
use tokio::net::{TcpSocket, TcpStream};

const SUBNET: &str = "127.0.0.0/24";

#[tokio::main]
async fn main() {
    let mut sims = 3u8;
    let mut silent = 0u8;
    let mut port = 4805u16;
    let mut silent_first = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || args.next().and_then(|v| v.parse::<u16>().ok());
        match a.as_str() {
            "--sims" => sims = value().and_then(|v| u8::try_from(v).ok()).unwrap_or(3),
            "--silent" => silent = value().and_then(|v| u8::try_from(v).ok()).unwrap_or(0),
            "--port" => port = value().unwrap_or(4805),
            "--silent-first" => silent_first = true,
            _ => {
                eprintln!(
                    "usage: bench_discover [--sims N] [--silent N] [--silent-first] [--port P]"
                );
                std::process::exit(2);
            }
        }
    }
    assert!(
        u16::from(sims) + u16::from(silent) <= 250,
        "at most 250 hosts in a /24"
    );

    // Simulators on 127.0.0.2.., silent hosts after them (or the other way round); the
    // whole set on one port.
    let (sim_base, silent_base) = if silent_first {
        (2 + silent, 2)
    } else {
        (2, 2 + sims)
    };
    let (port, handles, _silent) = 'found: {
        for attempt in 0..20 {
            let p = if attempt == 0 { port } else { free_port() };
            let mut handles = Vec::new();
            let mut ok = true;
            for i in 0..sims {
                let cfg = SimConfig {
                    speed: 0.0,
                    initial_soc_pct: 20.0 + f64::from(i) * 10.0,
                    ..SimConfig::default()
                };
                match nestore_sim::spawn(cfg, addr(sim_base + i, p)).await {
                    Ok(h) => handles.push(h),
                    Err(_) => {
                        ok = false;
                        break;
                    }
                }
            }
            let mut held = Vec::new();
            for i in 0..silent {
                match swallowing(addr(silent_base + i, p)).await {
                    Some(h) => held.push(h),
                    None => {
                        ok = false;
                        break;
                    }
                }
            }
            if ok {
                break 'found (p, handles, held);
            }
            for h in handles {
                h.shutdown().await;
            }
        }
        panic!("no port free on 127.0.0.2-{}", 1 + sims + silent);
    };

    let opts = Discovery {
        port,
        ..Discovery::sweep_only(SUBNET.parse().unwrap())
    };
    println!(
        "sweeping {SUBNET} port {port}: {sims} simulators, {silent} silent hosts{}; \
         connect timeout {} ms, {} at once, overall timeout {} s",
        if silent_first { " (swept first)" } else { "" },
        opts.connect_timeout.as_millis(),
        opts.concurrency,
        opts.timeout.as_secs_f64()
    );
    let start = Instant::now();
    let mut first = None;
    let mut found = Vec::new();
    let summary = discover(&opts, |hit| {
        first.get_or_insert(start.elapsed());
        found.push(hit);
    })
    .await
    .expect("discovery");
    let done = start.elapsed();

    for hit in &found {
        println!(
            "  hit {} soc {:?} api {}",
            hit.address, hit.soc_pct, hit.api_version
        );
    }
    match first {
        Some(t) => println!("first hit: {:.0} ms", t.as_secs_f64() * 1000.0),
        None => println!("first hit: none"),
    }
    println!(
        "done: {:.0} ms ({} hits, {} addresses swept, {})",
        done.as_secs_f64() * 1000.0,
        summary.hits,
        summary.swept,
        if summary.complete {
            "complete"
        } else {
            "cut off by the timeout"
        }
    );
    for h in handles {
        h.shutdown().await;
    }
}

fn addr(host: u8, port: u16) -> SocketAddr {
    SocketAddr::new(Ipv4Addr::new(127, 0, 0, host).into(), port)
}

fn free_port() -> u16 {
    std::net::TcpListener::bind((Ipv4Addr::new(127, 0, 0, 2), 0))
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .unwrap_or(0)
}

/// A listener that never accepts, its queue filled, so that new connection attempts get
/// no answer. Kept alive by the returned sockets.
async fn swallowing(at: SocketAddr) -> Option<(tokio::net::TcpListener, Vec<TcpStream>)> {
    let socket = TcpSocket::new_v4().ok()?;
    socket.bind(at).ok()?;
    let listener = socket.listen(0).ok()?;
    let mut fillers = Vec::new();
    // Linux queues backlog + 1 connections; one more for good measure, each bounded.
    for _ in 0..2 {
        let c = tokio::time::timeout(
            std::time::Duration::from_millis(200),
            TcpStream::connect(at),
        );
        match c.await {
            Ok(Ok(s)) => fillers.push(s),
            _ => break,
        }
    }
    Some((listener, fillers))
}
