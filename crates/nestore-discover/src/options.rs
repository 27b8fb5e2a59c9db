//! The options of one discovery, and the name resolver behind them.

use std::fmt;
use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use ipnet::Ipv4Net;

use crate::error::Error;
use crate::subnet::{check_subnet, interface_addresses, own_subnets};

/// The names the device is known by, tried by default.
pub const DEFAULT_NAMES: [&str; 3] = ["nestore.home", "nestore.local", "nestore"];

/// What one discovery does. [`Discovery::default`] is what "Find my NEStore" runs: the
/// three names, mDNS, and a sweep of the computer's own private subnets, done in 3 s.
///
/// Tests and benchmarks must set `subnets` to a loopback subnet, `mdns` to false and
/// `names` to empty (or give a fake [`Resolver`]): the defaults reach the real network.
#[derive(Clone)]
pub struct Discovery {
    /// The subnets to sweep, each at most a /24, as given. `None`: the computer's own
    /// private IPv4 subnets (10/8, 172.16/12, 192.168/16), each cut to the /24 around its
    /// address. `Some(vec![])`: no sweep.
    pub subnets: Option<Vec<Ipv4Net>>,
    /// The device port: 4805.
    pub port: u16,
    /// The whole discovery is over by then, whatever still waits for an answer: 3 s.
    pub timeout: Duration,
    /// One TCP connect of the sweep: 600 ms.
    pub connect_timeout: Duration,
    /// TCP connects of the sweep at once: 128.
    pub concurrency: usize,
    /// Names looked up through `resolver`, each a candidate on `port`.
    pub names: Vec<String>,
    /// Browse mDNS for `_http._tcp.local.` services and ask for `nestore.local`.
    pub mdns: bool,
    /// How `names` are looked up: the system's resolver by default.
    pub resolver: Arc<dyn Resolver>,
}

impl Default for Discovery {
    fn default() -> Self {
        Discovery {
            subnets: None,
            port: nestore::DEFAULT_PORT,
            timeout: Duration::from_secs(3),
            connect_timeout: Duration::from_millis(600),
            concurrency: 128,
            names: DEFAULT_NAMES.iter().map(|n| n.to_string()).collect(),
            mdns: true,
            resolver: Arc::new(SystemResolver),
        }
    }
}

impl fmt::Debug for Discovery {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Discovery")
            .field("subnets", &self.subnets)
            .field("port", &self.port)
            .field("timeout", &self.timeout)
            .field("connect_timeout", &self.connect_timeout)
            .field("concurrency", &self.concurrency)
            .field("names", &self.names)
            .field("mdns", &self.mdns)
            .finish_non_exhaustive()
    }
}

impl Discovery {
    /// Options that reach nothing but what is named: no names, no mDNS, a sweep of
    /// `subnet` only (the tests' and the benchmark's starting point).
    pub fn sweep_only(subnet: Ipv4Net) -> Discovery {
        Discovery {
            subnets: Some(vec![subnet]),
            names: Vec::new(),
            mdns: false,
            ..Discovery::default()
        }
    }

    /// Checks the options and settles the subnets to sweep (listing the computer's
    /// interfaces when none are given).
    pub fn subnets_to_sweep(&self) -> Result<Vec<Ipv4Net>, Error> {
        self.check()?;
        match &self.subnets {
            Some(given) => {
                let mut out: Vec<Ipv4Net> = Vec::new();
                for net in given {
                    let net = check_subnet(*net)?;
                    if !out.contains(&net) {
                        out.push(net);
                    }
                }
                Ok(out)
            }
            None => Ok(own_subnets(&interface_addresses()?)),
        }
    }

    fn check(&self) -> Result<(), Error> {
        if self.port == 0 {
            return Err(Error::InvalidOption("port"));
        }
        if self.concurrency == 0 {
            return Err(Error::InvalidOption("concurrency"));
        }
        if self.timeout.is_zero() {
            return Err(Error::InvalidOption("timeout"));
        }
        if self.connect_timeout.is_zero() {
            return Err(Error::InvalidOption("connect_timeout"));
        }
        Ok(())
    }
}

/// The future a [`Resolver`] returns.
pub type Lookup<'a> = Pin<Box<dyn Future<Output = io::Result<Vec<SocketAddr>>> + Send + 'a>>;

/// Looks a name up. The system's resolver in use; tests give one that maps names to
/// loopback addresses.
pub trait Resolver: Send + Sync {
    /// The addresses of `name`, each with `port`.
    fn lookup<'a>(&'a self, name: &'a str, port: u16) -> Lookup<'a>;
}

/// The system's resolver (`tokio::net::lookup_host`): hosts file, DNS, and mDNS where the
/// system resolves `.local` names.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemResolver;

impl Resolver for SystemResolver {
    fn lookup<'a>(&'a self, name: &'a str, port: u16) -> Lookup<'a> {
        Box::pin(async move { Ok(tokio::net::lookup_host((name, port)).await?.collect()) })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_the_issues() {
        let d = Discovery::default();
        assert_eq!(d.port, 4805);
        assert_eq!(d.timeout, Duration::from_secs(3));
        assert_eq!(d.names, ["nestore.home", "nestore.local", "nestore"]);
        assert!(d.mdns);
        assert!(d.subnets.is_none());
    }

    #[test]
    fn explicit_subnets_are_checked_and_unusable_options_refused() {
        let net: Ipv4Net = "127.0.0.0/24".parse().unwrap();
        let mut d = Discovery::sweep_only(net);
        assert_eq!(d.subnets_to_sweep(), Ok(vec![net]));
        d.subnets = Some(vec![net, "127.0.0.7/24".parse().unwrap()]);
        assert_eq!(d.subnets_to_sweep(), Ok(vec![net]), "duplicates dropped");
        d.subnets = Some(vec![net, "127.0.0.0/16".parse().unwrap()]);
        assert!(matches!(
            d.subnets_to_sweep(),
            Err(Error::SubnetTooLarge { .. })
        ));
        for (field, change) in [
            (
                "port",
                (|d: &mut Discovery| d.port = 0) as fn(&mut Discovery),
            ),
            ("concurrency", |d| d.concurrency = 0),
            ("timeout", |d| d.timeout = Duration::ZERO),
            ("connect_timeout", |d| d.connect_timeout = Duration::ZERO),
        ] {
            let mut d = Discovery::sweep_only(net);
            change(&mut d);
            assert_eq!(d.subnets_to_sweep(), Err(Error::InvalidOption(field)));
        }
    }
}
