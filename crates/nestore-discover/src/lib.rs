//! "Find my NEStore": finds NEStore water batteries on the local network, only when asked
//! (a library: no background activity, nothing runs once a discovery has returned).
//!
//! Ways, run at once; each hit is handed on as soon as it is confirmed:
//! - **names** the device is known by (`nestore.home`, `nestore.local`, `nestore`), through
//!   a [`Resolver`] (the system's by default); only answers on the local network
//!   (private, link-local or loopback IPv4) are contacted;
//! - **mDNS** (`mdns-sd`): a browse for `_http._tcp.local.` services (probed at their own
//!   port and at the device port) and a query for the host name `nestore.local`;
//! - a **sweep**: a TCP connect to the device port (4805) on every address of the
//!   computer's own private IPv4 subnets (10/8, 172.16/12, 192.168/16; a larger subnet cut
//!   to the /24 around the computer's address; loopback, link-local and public ones
//!   skipped), or of the subnets given (each at most a /24, else
//!   [`Error::SubnetTooLarge`]), with a short connect timeout and bounded concurrency.
//!
//! Every candidate is confirmed by `GET api/v3/data/engineering` (a 404 tries v2, then
//! v1) answering with the device's JSON shape: `PAYLOAD` with `BASE.PRES_SYS` and
//! `DERIVED.SOC_VES`. Any other HTTP server is no hit. Each address is probed once, so hits
//! are unique by address; one found by several ways carries the name learned first (a hit
//! found without a name waits up to 300 ms from the start for the name lookups, which
//! take milliseconds where the names resolve; mDNS names are not waited for).
//!
//! Everything is over at [`Discovery::timeout`] (3 s): probes still waiting are dropped
//! and [`Summary::complete`] is false. Nothing is contacted outside the subnets swept and
//! the addresses that the names and mDNS gave (and those only on the local network).
//! One thing may outlive a discovery: a system name lookup (`getaddrinfo` runs on a
//! blocking thread and cannot be cancelled); its answer is dropped.
//!
//! ```no_run
//! # async fn demo() -> Result<(), nestore_discover::Error> {
//! use nestore_discover::{discover, discover_all, Discovery};
//!
//! // What "Find my NEStore" runs: the names, mDNS, the own subnets; over within 3 s.
//! let summary = discover(&Discovery::default(), |hit| {
//!     println!("{} {:?} {:?} {:?}%", hit.address, hit.name, hit.found_by, hit.soc_pct);
//! })
//! .await?;
//! println!("{} found, {} addresses swept", summary.hits, summary.swept);
//!
//! // One subnet only, nothing else: what tests and `--subnet` use. `parse_subnet` takes
//! // text as typed and refuses more than a /24 (`Error::SubnetTooLarge`).
//! let subnet = nestore_discover::parse_subnet("127.0.0.0/24")?;
//! let hits = discover_all(&Discovery::sweep_only(subnet)).await?;
//! # let _ = hits; Ok(()) }
//! ```
//!
//! A front end that wants the hits on a channel spawns [`discover`] and sends from the
//! callback. [`Hit`] and [`Summary`] serialise with snake_case English field names.

mod engine;
mod error;
mod hit;
pub mod mdns;
mod options;
pub mod probe;
mod shared;
pub mod subnet;

pub use engine::{discover, discover_all};
pub use error::Error;
pub use hit::{FoundBy, Hit, Summary};
pub use ipnet::Ipv4Net;
pub use nestore::ApiVersion;
pub use options::{Discovery, Lookup, Resolver, SystemResolver, DEFAULT_NAMES};
pub use subnet::{own_subnets, parse_subnet, MAX_PREFIX_LEN};
