//! "Find my NEStore" end to end: the real window searches (on loopback only: the app is
//! started with `--discover-subnet 127.0.40.0/24`, which sweeps that subnet alone, no names,
//! no mDNS), lists the simulators as they are found and not the HTTP server that is no
//! NEStore, and one click on a hit makes it the device the app reads.
//!
//!   cargo build -p nestore-tray
//!   scripts/desktop-session.sh cargo nextest run -p nestore-e2e --run-ignored only -E 'binary(discover)'

mod common;

use std::net::{Ipv4Addr, SocketAddr};

use common::*;
use nestore_sim::decoy::{self, Decoy};
use nestore_sim::{SimConfig, SimHandle};

/// The test's own /24 on loopback.
const NET: [u8; 3] = [127, 0, 40];

fn at(host: u8, port: u16) -> SocketAddr {
    SocketAddr::from((Ipv4Addr::new(NET[0], NET[1], NET[2], host), port))
}

/// A port free on every address the test binds (each is tried on all of them).
fn port_free_on(hosts: &[u8]) -> u16 {
    loop {
        let port = free_port();
        let all = hosts
            .iter()
            .all(|&h| std::net::TcpListener::bind(at(h, port)).is_ok());
        if all {
            return port;
        }
    }
}

async fn sim_at(addr: SocketAddr, soc: f64) -> Result<SimHandle> {
    Ok(nestore_sim::spawn(
        SimConfig {
            initial_soc_pct: soc,
            speed: 0.0,
            ..Default::default()
        },
        addr,
    )
    .await?)
}

/// An HTTP server that answers every request with JSON that is not a NEStore's.
async fn decoy(addr: SocketAddr) -> Result<tokio::task::JoinHandle<()>> {
    let listener = tokio::net::TcpListener::bind(addr).await?;
    Ok(tokio::spawn(decoy::serve(
        listener,
        Decoy::Json(decoy::OTHER_JSON.into()),
    )))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs a desktop session: scripts/desktop-session.sh"]
async fn find_my_nestore_lists_the_devices_and_one_click_uses_one() -> Result<()> {
    let port = port_free_on(&[2, 3, 4]);
    let first = sim_at(at(2, port), 41.0).await?;
    let second = sim_at(at(3, port), 77.0).await?;
    let fake = decoy(at(4, port)).await?;
    // The app starts on the first device; the search finds both, and the decoy not.
    let subnet = format!("{}.{}.{}.0/24", NET[0], NET[1], NET[2]);
    let port_arg = port.to_string();
    let args = [
        "--discover-subnet",
        subnet.as_str(),
        "--discover-port",
        port_arg.as_str(),
    ];
    let app = WindowApp::launch_with(
        "discover",
        first.addr(),
        Launch {
            args: &args,
            ..Launch::default()
        },
    )
    .await?;
    let result = async {
        app.wait_text("soc", "the first device's charge", |t| t == "41 %")
            .await?;
        app.open_settings().await?;
        app.click("btn-find").await?;
        let status = app
            .wait_text("find-status", "the end of the search", |t| {
                t.starts_with("Found ")
            })
            .await?;
        assert!(status.starts_with("Found 2 "), "{status:?}");
        // Rows: (their index, address, text), in order of address.
        let mut rows = Vec::new();
        for i in 0..2 {
            let row = app.el(&format!("find-hit-{i}")).await?;
            let address = row.attr("data-address").await?.unwrap_or_default();
            // No-break spaces join numbers and units: compared as plain spaces.
            let text = row.text().await?.replace('\u{a0}', " ");
            rows.push((address, i, text));
        }
        rows.sort();
        assert_eq!(rows[0].0, at(2, port).to_string(), "{rows:?}");
        assert_eq!(rows[1].0, at(3, port).to_string(), "{rows:?}");
        assert!(
            rows[0].2.contains("41 %") && rows[0].2.to_lowercase().contains("api v3"),
            "{rows:?}"
        );
        assert!(rows[1].2.contains("77 %"), "{rows:?}");
        assert!(
            app.client
                .find(fantoccini::Locator::Id("find-hit-2"))
                .await
                .is_err(),
            "the decoy is no hit"
        );

        // One click on the second: tested, saved, and read from now on.
        app.click(&format!("btn-use-hit-{}", rows[1].1)).await?;
        app.wait_text("settings-message", "the device in use", |t| {
            t.starts_with("Saved.")
        })
        .await?;
        app.wait_text("soc", "the second device's charge", |t| t == "77 %")
            .await?;
        let state = app.state().await?;
        assert_eq!(state["device"], at(3, port).to_string(), "{state}");
        let file = std::fs::read_to_string(app.config_dir.path().join("settings.json"))?;
        let file: serde_json::Value = serde_json::from_str(&file)?;
        assert_eq!(file["host"], at(3, port).ip().to_string(), "{file}");
        assert_eq!(file["port"], port, "{file}");
        Ok::<_, Error>(())
    }
    .await;
    fake.abort();
    drop(second);
    app.finish(result).await
}
