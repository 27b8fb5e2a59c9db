//! What the ways of one discovery share: the addresses claimed (each probed once), the names
//! learned, the deadline, and where hits go. The engine and the mDNS way both use it.

use std::collections::{HashMap, HashSet};
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

use tokio::sync::{mpsc, watch};
use tokio::time::{timeout_at, Instant};

use crate::hit::{FoundBy, Hit};
use crate::probe::confirm;

/// What the ways of one discovery share.
pub(crate) struct Shared {
    pub(crate) http: reqwest::Client,
    pub(crate) deadline: Instant,
    /// Addresses probed (or being probed): each once.
    pub(crate) claimed: Mutex<HashSet<SocketAddr>>,
    /// The first name learned for an address, and how.
    pub(crate) names: Mutex<HashMap<SocketAddr, (String, FoundBy)>>,
    /// Set when a lookup or a probe was still waiting at the deadline.
    pub(crate) cut_short: AtomicBool,
    /// Name lookups not yet answered (or failed).
    pub(crate) lookups_left: watch::Sender<usize>,
    /// Until when a hit without a name waits for the lookups.
    pub(crate) name_grace: Instant,
    pub(crate) hits: mpsc::UnboundedSender<Hit>,
}

impl Shared {
    /// Remembers a name for `addr`; the first one learned stays.
    pub(crate) fn learn_name(&self, addr: SocketAddr, name: String, how: FoundBy) {
        self.names
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .entry(addr)
            .or_insert((name, how));
    }

    pub(crate) fn name_of(&self, addr: SocketAddr) -> Option<(String, FoundBy)> {
        self.names
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(&addr)
            .cloned()
    }

    pub(crate) fn is_claimed(&self, addr: SocketAddr) -> bool {
        self.claimed
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .contains(&addr)
    }

    /// Probes `addr` unless another way already did, and reports it if it is a NEStore,
    /// with the name learned for it by then.
    pub(crate) async fn check(&self, addr: SocketAddr) {
        let first = self
            .claimed
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(addr);
        if !first {
            return;
        }
        let found = match timeout_at(self.deadline, confirm(&self.http, addr)).await {
            Ok(Some(found)) => found,
            Ok(None) => return,
            Err(_) => {
                self.cut_short.store(true, Ordering::SeqCst);
                return;
            }
        };
        if self.name_of(addr).is_none() {
            let mut left = self.lookups_left.subscribe();
            let _ = timeout_at(self.name_grace, left.wait_for(|n| *n == 0)).await;
        }
        let (name, found_by) = match self.name_of(addr) {
            Some((name, how)) => (Some(name), how),
            None => (None, FoundBy::Sweep),
        };
        // The receiver is gone only once the discovery is over.
        let _ = self.hits.send(Hit {
            address: addr,
            name,
            found_by,
            api_version: found.api_version,
            soc_pct: found.soc_pct,
        });
    }
}
