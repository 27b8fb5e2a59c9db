//! A simulated NEStore water battery serving the device's local REST API, with a physical
//! model, run-time scenarios, injectable faults and a `/sim` admin API: this file names the
//! modules and the exports, and may hold no logic.
//!
//! The device API follows `shared/PROTOCOL.md`.
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
//! sim.set_soc(80.0);
//! sim.set_pressure(3.2); // after the charge: the charge moves the pressure
//! sim.push_fault(Fault::Status500); // the next device request answers 500
//! sim.set_scenario(Scenario::Leak);
//! let paused = sim.set_speed(60.0); // run at 60x from now on; returns the old speed (0)
//! sim.set_speed(paused); // and pause again
//! sim.shutdown().await;
//! # Ok(()) }
//! ```
//!
//! # Admin API
//!
//! JSON, on the device port and on the optional admin listener (which stays up while the
//! device port is offline); `/sim` requests never meet faults or offline scenarios. A bad
//! body, an unknown field (`/sim/set`, `/sim/speed`) or a value out of range answers 400
//! with `{"ERROR": {"CODE": 400, "MESSAGE": "..."}}` and changes nothing. "The snapshot"
//! is the reply of `GET /sim/state`, a [`Snapshot`].
//!
//! | Route | Body | Reply | [`SimHandle`] |
//! |---|---|---|---|
//! | `GET /sim/state` | | the snapshot: `sim_time_s`, `time_of_day_s`, `speed`, `soc_pct`, `pressure_bar`, `scenario`, ... | `snapshot()` |
//! | `POST /sim/scenario` | `{"name": "leak"}`, a [`Scenario`] name | `{"scenario": "leak"}` | `set_scenario(s)` |
//! | `POST /sim/speed` | `{"speed": 0}`: simulated seconds per real second, 0 (paused) ..= [`config::MAX_SPEED`] (100000) | the snapshot, with the new `speed` | `set_speed(x) -> old`, `speed()` |
//! | `POST /sim/advance` | `{"seconds": 3600}`: 0 ..= 31 days, at any speed (paused too) | the snapshot after running the model | `advance(d)` |
//! | `POST /sim/set` | any of `{"soc_pct": 0..=100, "pressure_bar": 0..=10, "token_form": "bare"\|"object", "token_lifetime_s": > 0}` | the snapshot | `set_soc`, `set_pressure`, `set_token_form`, `set_token_lifetime` |
//! | `GET /sim/log` | | the control requests, `[{"path", "body", "authorization", "status"}]` | `control_log()` |
//! | `DELETE /sim/log` | | `{"cleared": true}` | `clear_control_log()` |
//! | `POST /sim/expire-tokens` | | `{"expired": true}` | `expire_tokens()` |
//! | `POST /sim/fault` | `{"kind": "status500"\|"truncated"\|"slow"\|"drop"\|"hang", "count": 0..=1000 (default 1), "millis": n}` (`millis` for slow, default 2000) | `{"queued": count}` | `push_fault(f)` |
//! | `GET /sim/token-requests` | | `{"count": n}` | `token_requests()` |
//!
//! `/sim/set` applies `soc_pct` before `pressure_bar`, so both hold together; the pressure
//! then follows the charge (and a leak or over-pressure) from the value set, and switching
//! to the `normal` scenario heals it. A paused clock (`speed` 0) keeps the model (time of
//! day, charge, pressure, hot-water draws) still until an advance or a new speed.

mod admin;
mod api;
pub mod auth;
pub mod config;
pub mod control;
pub mod decoy;
pub mod error;
pub mod fault;
mod listener;
pub mod model;
mod reply;
pub mod scenario;
mod server;
mod state;

pub use config::{ApiPaths, ApiVersion, SimConfig, TokenForm};
pub use error::ParseError;
pub use fault::Fault;
pub use model::Counters;
pub use scenario::Scenario;
pub use server::{spawn, spawn_with_admin, SimHandle};
pub use state::{ControlRecord, Snapshot};
