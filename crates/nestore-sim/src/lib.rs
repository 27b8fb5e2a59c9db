//! A simulated NEStore water battery serving the device's local REST API (see
//! `shared/PROTOCOL.md`), with a physical model, run-time scenarios, injectable faults
//! and a `/sim` admin API.
//!
//! ```no_run
//! # async fn demo() -> std::io::Result<()> {
//! use nestore_sim::{Fault, Scenario, SimConfig};
//! use std::time::Duration;
//!
//! // Frozen clock: only `advance` moves simulated time, so tests are deterministic.
//! let cfg = SimConfig { speed: 0.0, ..SimConfig::default() };
//! let sim = nestore_sim::spawn(cfg, "127.0.0.1:0".parse().unwrap()).await?;
//! let _base = sim.base_url(); // "http://127.0.0.1:PORT/"
//! sim.advance(Duration::from_secs(3600));
//! sim.push_fault(Fault::Status500); // the next device request answers 500
//! sim.set_scenario(Scenario::Leak);
//! sim.shutdown().await;
//! # Ok(()) }
//! ```
//!
//! Admin API (JSON; on the device port and on the optional admin listener):
//! `GET /sim/state`, `POST /sim/scenario {"name"}`, `POST /sim/advance {"seconds"}`,
//! `POST /sim/set {"soc_pct", "token_form": "bare"|"object", "token_lifetime_s"}`,
//! `GET|DELETE /sim/log`, `POST /sim/expire-tokens`,
//! `POST /sim/fault {"kind": "status500"|"truncated"|"slow"|"drop"|"hang", "count", "millis"}`,
//! `GET /sim/token-requests`.

mod admin;
mod api;
pub mod auth;
pub mod config;
pub mod control;
pub mod fault;
pub mod model;
pub mod scenario;
mod server;
mod state;

pub use config::{ApiPaths, ApiVersion, SimConfig, TokenForm};
pub use fault::Fault;
pub use model::Counters;
pub use scenario::Scenario;
pub use server::{spawn, spawn_with_admin, SimHandle};
pub use state::{ControlRecord, Snapshot};
