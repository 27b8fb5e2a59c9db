//! The mDNS way: a browse for `_http._tcp.local.` services and a query for the host name
//! `nestore.local.`, each address heard probed like any other. Runs only when asked
//! ([`crate::Discovery::mdns`]); the daemon is stopped when the way ends or is aborted.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

use mdns_sd::{HostnameResolutionEvent, Receiver, ServiceDaemon, ServiceEvent};
use tokio::task::JoinSet;
use tokio::time::{sleep_until, Instant};

use crate::hit::FoundBy;
use crate::shared::Shared;
use crate::subnet::is_local;

pub const SERVICE_TYPE: &str = "_http._tcp.local.";
pub const HOST_NAME: &str = "nestore.local.";

pub(crate) async fn run(shared: Arc<Shared>, port: u16, listen_until: Instant) {
    let daemon = match ServiceDaemon::new() {
        Ok(d) => Stop(d),
        Err(e) => {
            tracing::info!("mDNS not available: {e}");
            return;
        }
    };
    let services = daemon.0.browse(SERVICE_TYPE).ok();
    let millis = listen_until
        .saturating_duration_since(Instant::now())
        .as_millis();
    let host = daemon
        .0
        .resolve_hostname(HOST_NAME, Some(u64::try_from(millis).unwrap_or(u64::MAX)))
        .ok();
    let (mut services_open, mut host_open) = (services.is_some(), host.is_some());
    let mut probes = JoinSet::new();
    let mut probe = |addr: SocketAddr, name: String, how: FoundBy| {
        shared.learn_name(addr, name, how);
        let shared = shared.clone();
        probes.spawn(async move { shared.check(addr).await });
    };
    let listen = sleep_until(listen_until);
    tokio::pin!(listen);
    while services_open || host_open {
        tokio::select! {
            ev = next(&services), if services_open => match ev {
                Some(ServiceEvent::ServiceResolved(s)) => {
                    let ips = s.addresses.iter().map(|a| a.to_ip_addr());
                    for (addr, name) in service_candidates(&s.fullname, s.port, ips, port) {
                        probe(addr, name, FoundBy::MdnsInstance);
                    }
                }
                Some(_) => {}
                None => services_open = false,
            },
            ev = next(&host), if host_open => match ev {
                Some(HostnameResolutionEvent::AddressesFound(name, ips)) => {
                    let ips = ips.iter().map(|a| a.to_ip_addr());
                    for (addr, name) in host_candidates(&name, ips, port) {
                        probe(addr, name, FoundBy::MdnsHost);
                    }
                }
                Some(HostnameResolutionEvent::SearchTimeout(_)) | None => host_open = false,
                Some(_) => {}
            },
            () = &mut listen => break,
        }
    }
    drop(daemon);
    while probes.join_next().await.is_some() {}
}

/// The next event, or `None` once the channel is closed (or was never opened).
async fn next<T>(rx: &Option<Receiver<T>>) -> Option<T> {
    match rx {
        Some(rx) => rx.recv_async().await.ok(),
        None => None,
    }
}

/// Stops the daemon's thread when dropped, however the way ends.
struct Stop(ServiceDaemon);

impl Drop for Stop {
    fn drop(&mut self) {
        let _ = self.0.shutdown();
    }
}

/// What to probe for one resolved service: each local IPv4 address at the service's port
/// and at the device port, named by the instance (`NEStore 12` of
/// `NEStore 12._http._tcp.local.`), cleaned of control characters.
pub fn service_candidates(
    fullname: &str,
    service_port: u16,
    ips: impl Iterator<Item = IpAddr>,
    port: u16,
) -> Vec<(SocketAddr, String)> {
    let instance = fullname
        .strip_suffix(SERVICE_TYPE)
        .map(|s| s.trim_end_matches('.'))
        .unwrap_or(fullname);
    let Some(name) = nestore::reading::clean_text(&unescape(instance)) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for ip in ips.filter(|ip| is_local(*ip)) {
        for p in [service_port, port] {
            let addr = SocketAddr::new(ip, p);
            if p != 0 && !out.iter().any(|(a, _)| *a == addr) {
                out.push((addr, name.clone()));
            }
        }
    }
    out
}

/// An instance name as DNS-SD escapes it (`\.` for a dot in the name, `\\` for a
/// backslash), unescaped.
fn unescape(escaped: &str) -> String {
    let mut out = String::with_capacity(escaped.len());
    let mut chars = escaped.chars();
    while let Some(c) = chars.next() {
        out.push(if c == '\\' {
            chars.next().unwrap_or(c)
        } else {
            c
        });
    }
    out
}

/// What to probe for the host name's addresses: each local IPv4 address at the device
/// port, named by the host name without its final dot.
pub fn host_candidates(
    host: &str,
    ips: impl Iterator<Item = IpAddr>,
    port: u16,
) -> Vec<(SocketAddr, String)> {
    let Some(name) = nestore::reading::clean_text(host.trim_end_matches('.')) else {
        return Vec::new();
    };
    let mut out: Vec<(SocketAddr, String)> = Vec::new();
    for ip in ips.filter(|ip| is_local(*ip)) {
        let addr = SocketAddr::new(ip, port);
        if !out.iter().any(|(a, _)| *a == addr) {
            out.push((addr, name.clone()));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ips(list: &[&str]) -> Vec<IpAddr> {
        list.iter().map(|s| s.parse().unwrap()).collect()
    }

    #[test]
    fn a_service_is_probed_at_its_port_and_the_device_port_on_local_ipv4_only() {
        let got = service_candidates(
            "NEStore\u{1b}[31m 12._http._tcp.local.",
            80,
            ips(&["192.168.1.20", "8.8.8.8", "fe80::1"]).into_iter(),
            4805,
        );
        assert_eq!(
            got,
            vec![
                (
                    "192.168.1.20:80".parse().unwrap(),
                    "NEStore [31m 12".to_owned()
                ),
                (
                    "192.168.1.20:4805".parse().unwrap(),
                    "NEStore [31m 12".to_owned()
                ),
            ]
        );
        let same_port = service_candidates(
            "x._http._tcp.local.",
            4805,
            ips(&["10.0.0.2"]).into_iter(),
            4805,
        );
        assert_eq!(same_port.len(), 1);
        let escaped = service_candidates(
            r"NEStore\.1 \\ attic._http._tcp.local.",
            4805,
            ips(&["10.0.0.2"]).into_iter(),
            4805,
        );
        assert_eq!(escaped[0].1, r"NEStore.1 \ attic");
    }

    #[test]
    fn a_host_name_is_probed_at_the_device_port() {
        let got = host_candidates(
            "nestore.local.",
            ips(&["192.168.1.20", "192.168.1.20", "203.0.113.1"]).into_iter(),
            4805,
        );
        assert_eq!(
            got,
            vec![(
                "192.168.1.20:4805".parse().unwrap(),
                "nestore.local".to_owned()
            )]
        );
    }
}
