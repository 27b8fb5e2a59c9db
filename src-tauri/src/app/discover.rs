//! "Find my NEStore": a search the owner starts from the window, never by itself. The
//! names the device is known by, mDNS and the computer's own subnets (nestore-discover),
//! or only the subnets the command line names (`--discover-subnet`, for tests on
//! loopback); each hit goes to the window as soon as it is confirmed, and the whole list
//! when the search is over (about 3 s).

use std::sync::atomic::Ordering;

use nestore_discover::{Discovery, Hit, Ipv4Net};
use nestore_i18n::Args;
use nestore_tray_core::error::IpcError;
use serde::Serialize;
use tauri::AppHandle;

use super::app;

/// Where to look instead of the usual ways: these subnets on this port, nothing else.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Override {
    pub subnets: Vec<Ipv4Net>,
    pub port: u16,
}

/// One device found, as the window shows it and as Settings takes it.
#[derive(Debug, Clone, Serialize)]
pub struct Found {
    /// "192.168.1.20:4805"
    pub address: String,
    /// What goes into the address field: the name it was found by, else the IP.
    pub host: String,
    pub port: u16,
    pub name: Option<String>,
    pub found_by: nestore_discover::FoundBy,
    pub api_version: nestore::ApiVersion,
    pub soc_pct: Option<f64>,
}

impl From<Hit> for Found {
    fn from(h: Hit) -> Found {
        Found {
            address: h.address.to_string(),
            host: h.host(),
            port: h.address.port(),
            name: h.name,
            found_by: h.found_by,
            api_version: h.api_version,
            soc_pct: h.soc_pct,
        }
    }
}

/// The end of a search.
#[derive(Debug, Clone, Serialize)]
pub struct Searched {
    pub hits: Vec<Found>,
    /// Every way finished before the time ran out.
    pub complete: bool,
    /// How many addresses the sweep tried.
    pub swept: usize,
}

fn options(over: Option<&Override>) -> Discovery {
    match over {
        Some(o) => Discovery {
            subnets: Some(o.subnets.clone()),
            port: o.port,
            names: Vec::new(),
            mdns: false,
            ..Discovery::default()
        },
        None => Discovery::default(),
    }
}

/// Clears the "searching" mark however the search ends.
struct Searching<'a>(&'a std::sync::atomic::AtomicBool);

impl Drop for Searching<'_> {
    fn drop(&mut self) {
        self.0.store(false, Ordering::SeqCst);
    }
}

/// Searches once; refused while another search runs.
pub async fn discover(handle: &AppHandle) -> Result<Searched, IpcError> {
    let app = app(handle);
    let cat = app.catalogue();
    if app.discovering.swap(true, Ordering::SeqCst) {
        return Err(IpcError::refused(cat.label("discover-busy")));
    }
    let _searching = Searching(&app.discovering);
    let opts = options(app.discover_override.as_ref());
    tracing::info!(subnets = ?opts.subnets, port = opts.port, "searching for a NEStore");
    let mut hits = Vec::new();
    let summary = nestore_discover::discover(&opts, |hit| {
        let found = Found::from(hit);
        crate::window::send_discovery_hit(handle, &found);
        hits.push(found);
    })
    .await
    .map_err(|e| {
        IpcError::internal(cat.t(
            "discover-failed",
            &Args::new().text("reason", e.to_string()),
        ))
    })?;
    tracing::info!(hits = hits.len(), swept = summary.swept, "search over");
    Ok(Searched {
        hits,
        complete: summary.complete,
        swept: summary.swept,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_named_subnet_is_swept_alone() {
        let net: Ipv4Net = "127.0.9.0/24".parse().unwrap();
        let o = options(Some(&Override {
            subnets: vec![net],
            port: 4999,
        }));
        assert_eq!(o.subnets, Some(vec![net]));
        assert_eq!(o.port, 4999);
        assert!(o.names.is_empty() && !o.mdns, "no names, no mDNS in tests");
        let usual = options(None);
        assert_eq!(usual.subnets, None, "the computer's own subnets");
        assert!(usual.mdns && !usual.names.is_empty());
    }
}
