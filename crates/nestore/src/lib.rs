//! Client library for the NEStore water battery's local REST API.
//!
//! The contract is `shared/PROTOCOL.md`. This crate owns everything that talks to the
//! device: the wire format ([`reading`]), the path families of the firmware versions
//! ([`api`]), authentication ([`auth`]), validated control commands ([`control`]) and
//! the HTTP [`client`] that ties them together.

pub mod api;
pub mod auth;
pub mod client;
pub mod control;
pub mod error;
pub mod reading;
mod text;

pub use api::ApiVersion;
pub use client::{AddressProblem, Client, ClientConfig, DEFAULT_PORT};
pub use control::{ChargeRequest, Command, Expectation, Outcome, ValidationError};
pub use error::Error;
pub use reading::{Field, Measure, Reading, CHARGING_STATE};
pub use secrecy::SecretString;
