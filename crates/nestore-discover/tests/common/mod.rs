//! A little network on loopback for the tests: simulators and decoys on addresses of one
//! 127.0.N.0/24 (a /24 of each test's own), all on one free port. Nothing here sends
//! traffic anywhere but 127.0.0.0/8.

#![allow(dead_code)]

use std::collections::HashMap;
use std::io;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use nestore_discover::{Discovery, Ipv4Net, Lookup, Resolver};
use nestore_sim::{ApiVersion, SimConfig, SimHandle};
use tokio::net::TcpListener;
use tokio::task::JoinHandle;

pub use nestore_sim::decoy::{Decoy, OTHER_JSON};

/// One simulator to start: the last octet of its address, its SOC, its API family.
pub struct Sim {
    pub host: u8,
    pub soc: f64,
    pub api: ApiVersion,
}

pub fn sim(host: u8, soc: f64) -> Sim {
    Sim {
        host,
        soc,
        api: ApiVersion::V3,
    }
}

pub struct Lab {
    pub net: Ipv4Net,
    pub port: u16,
    pub sims: Vec<SimHandle>,
    decoys: Vec<JoinHandle<()>>,
}

impl Lab {
    /// Starts the simulators and decoys on 127.0.`octet`.x, all on one port that is free
    /// on every one of those addresses.
    pub async fn start(octet: u8, sims: &[Sim], decoys: &[(u8, Decoy)]) -> Lab {
        let net: Ipv4Net = format!("127.0.{octet}.0/24").parse().unwrap();
        let ip = |host: u8| Ipv4Addr::new(127, 0, octet, host);
        'attempt: for _ in 0..50 {
            let port = {
                let probe = std::net::TcpListener::bind((ip(1), 0)).expect("bind loopback");
                probe.local_addr().unwrap().port()
            };
            let mut lab = Lab {
                net,
                port,
                sims: Vec::new(),
                decoys: Vec::new(),
            };
            for s in sims {
                let cfg = SimConfig {
                    speed: 0.0,
                    initial_soc_pct: s.soc,
                    api_version: s.api,
                    ..SimConfig::default()
                };
                match nestore_sim::spawn(cfg, SocketAddr::new(ip(s.host).into(), port)).await {
                    Ok(h) => lab.sims.push(h),
                    Err(_) => {
                        lab.stop().await;
                        continue 'attempt;
                    }
                }
            }
            for (host, decoy) in decoys {
                match TcpListener::bind((ip(*host), port)).await {
                    Ok(l) => lab
                        .decoys
                        .push(tokio::spawn(nestore_sim::decoy::serve(l, decoy.clone()))),
                    Err(_) => {
                        lab.stop().await;
                        continue 'attempt;
                    }
                }
            }
            return lab;
        }
        panic!("no port free on all of 127.0.{octet}.x after 50 tries");
    }

    pub fn addr(&self, host: u8) -> SocketAddr {
        let o = self.net.network().octets();
        SocketAddr::new(Ipv4Addr::new(o[0], o[1], o[2], host).into(), self.port)
    }

    /// Options that reach this lab's /24 only: no names, no mDNS; a timeout that a
    /// healthy run never meets.
    pub fn options(&self) -> Discovery {
        Discovery {
            port: self.port,
            timeout: GENEROUS,
            ..Discovery::sweep_only(self.net)
        }
    }

    pub async fn stop(self) {
        for d in &self.decoys {
            d.abort();
        }
        for s in self.sims {
            s.shutdown().await;
        }
    }
}

/// A resolver that knows only what it is given (loopback addresses), never asking DNS.
#[derive(Default)]
pub struct FakeResolver(pub HashMap<String, Vec<SocketAddr>>);

impl FakeResolver {
    pub fn with(mut self, name: &str, addrs: &[SocketAddr]) -> FakeResolver {
        for a in addrs {
            assert!(a.ip().is_loopback(), "tests resolve names to loopback only");
        }
        self.0.insert(name.to_owned(), addrs.to_vec());
        self
    }

    pub fn arc(self) -> Arc<dyn Resolver> {
        Arc::new(self)
    }
}

impl Resolver for FakeResolver {
    fn lookup<'a>(&'a self, name: &'a str, port: u16) -> Lookup<'a> {
        let found = self.0.get(name).cloned();
        Box::pin(async move {
            let addrs = found.ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "unknown"))?;
            Ok(addrs
                .into_iter()
                .map(|a| SocketAddr::new(a.ip(), if a.port() == 0 { port } else { a.port() }))
                .collect())
        })
    }
}

/// Long enough never to be reached by a healthy run on a loaded machine; tests that need
/// the timeout to cut set their own.
pub const GENEROUS: Duration = Duration::from_secs(20);

/// A resolver that never answers (a DNS server that does not reply).
pub struct SilentResolver;

impl Resolver for SilentResolver {
    fn lookup<'a>(&'a self, _name: &'a str, _port: u16) -> Lookup<'a> {
        Box::pin(std::future::pending())
    }
}
