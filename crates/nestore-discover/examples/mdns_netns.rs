//! A check of the mDNS way (and of the default subnets) end to end, for a network
//! namespace of its own only: the test network of a veth pair, nothing else. It refuses to
//! run where any other interface exists, since mDNS multicasts on every interface.
//!
//! It starts a simulator on 10.99.0.2, announces it over mDNS as the `_http._tcp` service
//! "NEStore Test" on host `nestore.local.`, and runs a discovery with mDNS on and no names;
//! with `--sweep` also with the default subnets (the namespace's own: 10.99.0.0/24).
//!
//! ```sh
//! cargo build -p nestore-discover --example mdns_netns
//! unshare -n sh -c 'ip link set lo up
//!   ip link add v0 type veth peer name v1
//!   ip addr add 10.99.0.1/24 dev v0; ip addr add 10.99.0.2/24 dev v1
//!   ip link set v0 up; ip link set v1 up
//!   target/debug/examples/mdns_netns; target/debug/examples/mdns_netns --sweep'
//! ```

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::time::Instant;

use mdns_sd::{ServiceDaemon, ServiceInfo};
use nestore_discover::{discover, Discovery};
use nestore_sim::SimConfig;

const DEVICE: Ipv4Addr = Ipv4Addr::new(10, 99, 0, 2);

#[tokio::main]
async fn main() {
    let interfaces = if_addrs::get_if_addrs().expect("interfaces");
    let foreign: Vec<_> = interfaces
        .iter()
        .filter(|i| !matches!(i.name.as_str(), "lo" | "v0" | "v1"))
        .map(|i| i.name.clone())
        .collect();
    if !foreign.is_empty() || !interfaces.iter().any(|i| i.ip() == IpAddr::V4(DEVICE)) {
        eprintln!(
            "refused: run only inside the network namespace of the doc comment \
             (interfaces lo, v0, v1; found also {foreign:?})"
        );
        std::process::exit(2);
    }
    let sweep = std::env::args().any(|a| a == "--sweep");

    let sim = nestore_sim::spawn(
        SimConfig {
            speed: 0.0,
            initial_soc_pct: 47.0,
            ..SimConfig::default()
        },
        SocketAddr::new(DEVICE.into(), 4805),
    )
    .await
    .expect("simulator on 10.99.0.2:4805");
    let announcer = ServiceDaemon::new().expect("mDNS daemon");
    let service = ServiceInfo::new(
        "_http._tcp.local.",
        "NEStore Test",
        "nestore.local.",
        IpAddr::V4(DEVICE),
        4805,
        None,
    )
    .expect("service info");
    announcer.register(service).expect("announce");

    let opts = Discovery {
        subnets: if sweep { None } else { Some(Vec::new()) },
        names: Vec::new(),
        mdns: true,
        ..Discovery::default()
    };
    println!("subnets: {:?}", opts.subnets_to_sweep().unwrap());
    let start = Instant::now();
    let summary = discover(&opts, |hit| {
        println!(
            "{:>5} ms  {}",
            start.elapsed().as_millis(),
            serde_json::to_string(&hit).unwrap()
        );
    })
    .await
    .expect("discovery");
    println!(
        "{:>5} ms  done: {}",
        start.elapsed().as_millis(),
        serde_json::to_string(&summary).unwrap()
    );
    let _ = announcer.shutdown();
    sim.shutdown().await;
}
