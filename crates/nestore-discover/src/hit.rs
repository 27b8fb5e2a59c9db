//! What a discovery finds: [`Hit`]s, and a [`Summary`] of the whole run.

use std::net::SocketAddr;

use nestore::ApiVersion;
use serde::{Serialize, Serializer};

/// One NEStore found: an address that answered `data/engineering` with the device's JSON
/// shape. Serialises as
/// `{"address": "192.168.1.20:4805", "name": "nestore.home", "found_by": "name_lookup",
/// "api_version": "v3", "soc_pct": 63.0}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    /// Where it answered (`ip:port`); a discovery reports each address once.
    pub address: SocketAddr,
    /// The name it is known by, when one way learned one before the hit was confirmed:
    /// the name looked up, the mDNS instance name or the mDNS host name (see `found_by`).
    /// Names from the network are cleaned of control characters and cut to 80 characters.
    pub name: Option<String>,
    pub found_by: FoundBy,
    /// The firmware's API path family that answered (v3, else v2, else v1).
    #[serde(serialize_with = "as_display")]
    pub api_version: ApiVersion,
    /// The state of charge in % (`SOC_VES`), when the device reported a plausible one.
    pub soc_pct: Option<f64>,
}

impl Hit {
    /// What to save as the device's host: the name when the system's resolver found it
    /// by that name (a name survives a new DHCP lease), else the IP address (an mDNS name
    /// resolves only where the system itself speaks mDNS).
    pub fn host(&self) -> String {
        match (&self.name, self.found_by) {
            (Some(name), FoundBy::NameLookup) => name.clone(),
            _ => self.address.ip().to_string(),
        }
    }
}

/// How a hit was found. When several ways find one address, it is the way that gave the
/// name (or `sweep` when none did).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FoundBy {
    /// One of the names the device is known by (`nestore.home`, ...), through the
    /// system's resolver.
    NameLookup,
    /// An mDNS service of type `_http._tcp.local.`; `name` is its instance name.
    MdnsInstance,
    /// The mDNS host name query (`nestore.local`); `name` is the host name.
    MdnsHost,
    /// The TCP sweep of the subnets; no name.
    Sweep,
}

/// How a discovery went, returned when it is over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Hits reported.
    pub hits: usize,
    /// Addresses the sweep tried to connect to.
    pub swept: usize,
    /// False when the overall timeout cut probes short (a host that accepted but did not
    /// answer, say); what was found until then is reported all the same.
    pub complete: bool,
}

fn as_display<S: Serializer>(v: &ApiVersion, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hit_serialises_in_snake_case_with_its_address_as_ip_and_port() {
        let hit = Hit {
            address: "192.168.1.20:4805".parse().unwrap(),
            name: Some("nestore.home".into()),
            found_by: FoundBy::NameLookup,
            api_version: ApiVersion::V3,
            soc_pct: Some(63.0),
        };
        assert_eq!(
            serde_json::to_value(&hit).unwrap(),
            serde_json::json!({
                "address": "192.168.1.20:4805",
                "name": "nestore.home",
                "found_by": "name_lookup",
                "api_version": "v3",
                "soc_pct": 63.0
            })
        );
        assert_eq!(hit.host(), "nestore.home");
        let swept = Hit {
            name: None,
            found_by: FoundBy::Sweep,
            soc_pct: None,
            ..hit.clone()
        };
        assert_eq!(swept.host(), "192.168.1.20");
        assert_eq!(
            serde_json::to_value(&swept).unwrap()["found_by"],
            serde_json::json!("sweep")
        );
        let instance = Hit {
            name: Some("NEStore 12".into()),
            found_by: FoundBy::MdnsInstance,
            ..hit
        };
        assert_eq!(instance.host(), "192.168.1.20");
        let mdns_host = Hit {
            name: Some("nestore.local".into()),
            found_by: FoundBy::MdnsHost,
            ..instance
        };
        assert_eq!(mdns_host.host(), "192.168.1.20");
    }
}
