//! One discovery: the ways run at once, each address probed once, each hit handed on as
//! soon as it is confirmed, everything over by the deadline.

use std::collections::{HashMap, HashSet};
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures_util::future::join_all;
use tokio::sync::{mpsc, watch, Semaphore};
use tokio::task::JoinSet;
use tokio::time::{sleep_until, timeout_at, Instant};

use crate::error::Error;
use crate::hit::{FoundBy, Hit, Summary};
use crate::options::{Discovery, Resolver};
use crate::probe::{http_client, port_open};
use crate::shared::Shared;
use crate::subnet::is_local;

/// How long a device found without a name waits at most, from the start, for the name
/// lookups to finish before it is reported: they take a few milliseconds where the names
/// resolve, and then the hit carries its name (a name is what an owner recognises, and
/// outlives a new DHCP lease).
const NAME_GRACE: Duration = Duration::from_millis(300);

/// Runs one discovery and calls `on_hit` with each device as soon as it is confirmed (in
/// the caller's task, never after this returns). Returns when every way is done or at
/// `opts.timeout`, whichever comes first; nothing it started runs on after that.
///
/// Fails before sending anything when an option is unusable (a subnet larger than a /24,
/// port 0, ...) or the interfaces cannot be listed for the default subnets.
pub async fn discover(opts: &Discovery, mut on_hit: impl FnMut(Hit)) -> Result<Summary, Error> {
    let subnets = opts.subnets_to_sweep()?;
    let start = Instant::now();
    let deadline = start + opts.timeout;
    let (tx, mut rx) = mpsc::unbounded_channel();
    let shared = Arc::new(Shared {
        http: http_client(opts.connect_timeout),
        deadline,
        claimed: Mutex::new(HashSet::new()),
        names: Mutex::new(HashMap::new()),
        cut_short: AtomicBool::new(false),
        lookups_left: watch::Sender::new(opts.names.len()),
        name_grace: deadline.min(start + NAME_GRACE),
        hits: tx,
    });

    let mut ways = JoinSet::new();
    for name in &opts.names {
        let (shared, resolver) = (shared.clone(), opts.resolver.clone());
        let (name, port) = (name.clone(), opts.port);
        ways.spawn(async move { by_name(&shared, &*resolver, &name, port).await });
    }
    if opts.mdns {
        // Listen for two thirds of the time; the rest is for probing what was heard.
        let listen_until = start + opts.timeout.mul_f64(2.0 / 3.0);
        ways.spawn(crate::mdns::run(shared.clone(), opts.port, listen_until));
    }
    let permits = Arc::new(Semaphore::new(opts.concurrency));
    let mut swept = 0;
    let mut seen = HashSet::new();
    for net in &subnets {
        // Overlapping subnets: each address once.
        for ip in net.hosts().filter(|ip| seen.insert(*ip)) {
            swept += 1;
            let addr = SocketAddr::new(ip.into(), opts.port);
            let (shared, permits) = (shared.clone(), permits.clone());
            let connect_timeout = opts.connect_timeout;
            ways.spawn(async move { sweep_one(&shared, &permits, addr, connect_timeout).await });
        }
    }

    let mut hits = 0;
    let mut complete = true;
    let cut_off = sleep_until(deadline);
    tokio::pin!(cut_off);
    loop {
        tokio::select! {
            biased;
            Some(hit) = rx.recv() => {
                hits += 1;
                on_hit(hit);
            }
            joined = ways.join_next() => match joined {
                None => break,
                Some(Err(e)) if e.is_panic() => tracing::warn!("a discovery task panicked: {e}"),
                Some(_) => {}
            },
            () = &mut cut_off => {
                complete = false;
                break;
            }
        }
    }
    // Abort what still waits and wait for it to be gone (the mDNS daemon is stopped).
    ways.shutdown().await;
    while let Ok(hit) = rx.try_recv() {
        hits += 1;
        on_hit(hit);
    }
    let complete = complete && !shared.cut_short.load(Ordering::SeqCst);
    tracing::debug!(hits, swept, complete, elapsed = ?start.elapsed(), "discovery over");
    Ok(Summary {
        hits,
        swept,
        complete,
    })
}

/// [`discover`], collecting the hits, sorted by address.
///
/// The future of [`discover`] is `Send` when `on_hit` is, so a front end may spawn it and
/// forward each hit from the callback (to a channel, an event, a line of output).
pub async fn discover_all(opts: &Discovery) -> Result<Vec<Hit>, Error> {
    let mut hits = Vec::new();
    discover(opts, |h| hits.push(h)).await?;
    hits.sort_by_key(|h| h.address);
    Ok(hits)
}

async fn by_name(shared: &Shared, resolver: &dyn Resolver, name: &str, port: u16) {
    let looked_up = timeout_at(shared.deadline, resolver.lookup(name, port)).await;
    let addrs = match looked_up {
        Ok(Ok(addrs)) => addrs,
        Ok(Err(e)) => {
            tracing::debug!(name, "name not resolved: {e}");
            Vec::new()
        }
        Err(_) => {
            shared.cut_short.store(true, Ordering::SeqCst);
            Vec::new()
        }
    };
    let mut local: Vec<SocketAddr> = Vec::new();
    for addr in addrs {
        if !is_local(addr.ip()) {
            tracing::debug!(name, %addr, "not on the local network; not contacted");
        } else if !local.contains(&addr) {
            local.push(addr);
        }
    }
    for &addr in &local {
        shared.learn_name(addr, name.to_owned(), FoundBy::NameLookup);
    }
    // Names learned: hits waiting for them may go.
    shared
        .lookups_left
        .send_modify(|n| *n = n.saturating_sub(1));
    join_all(local.into_iter().map(|a| shared.check(a))).await;
}

async fn sweep_one(shared: &Shared, permits: &Semaphore, addr: SocketAddr, limit: Duration) {
    if shared.is_claimed(addr) {
        return;
    }
    let open = {
        let Ok(_permit) = permits.acquire().await else {
            return;
        };
        port_open(addr, limit).await
    };
    if open {
        shared.check(addr).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn is_send<T: Send>(_: &T) {}

    #[test]
    fn a_discovery_can_be_spawned() {
        let opts = Discovery::sweep_only("127.0.0.1/32".parse().unwrap());
        let (tx, _rx) = std::sync::mpsc::channel::<Hit>();
        let fut = discover(&opts, move |h| {
            let _ = tx.send(h);
        });
        is_send(&fut);
        is_send(&discover_all(&opts));
    }
}
