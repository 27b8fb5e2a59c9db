//! Shared set-up: an in-process simulator on a loopback port and a client for it.

#![allow(dead_code)]

use std::time::Duration;

use nestore::{Client, ClientConfig, SecretString};
use nestore_sim::{SimConfig, SimHandle};

pub const PASSWORD: &str = "correct horse";

pub async fn sim(cfg: SimConfig) -> SimHandle {
    let cfg = SimConfig {
        password: PASSWORD.into(),
        speed: 0.0,
        ..cfg
    };
    nestore_sim::spawn(cfg, "127.0.0.1:0".parse().unwrap())
        .await
        .unwrap()
}

pub fn quick() -> ClientConfig {
    ClientConfig {
        timeout: Duration::from_secs(5),
        readback_interval: Duration::from_millis(10),
        ..Default::default()
    }
}

pub fn client_with(sim: &SimHandle, cfg: ClientConfig) -> Client {
    Client::with_config("127.0.0.1", sim.addr().port(), cfg).unwrap()
}

pub fn client(sim: &SimHandle) -> Client {
    client_with(sim, quick())
}

pub fn controller(sim: &SimHandle, password: &str) -> Client {
    let c = client(sim);
    c.set_password(Some(SecretString::from(password.to_owned())));
    c
}

/// A port on which nothing listens (bound, then released).
pub fn closed_port() -> u16 {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    l.local_addr().unwrap().port()
}
