//! The connection to the device end to end: one failed poll is only "retrying" (the last
//! reading still shows, nothing looks offline), three in a row are "offline".
//!
//! The test is the tray host, so run in a desktop session WITHOUT --trayer:
//!
//!   cargo build -p nestore-tray
//!   scripts/desktop-session.sh cargo nextest run -p nestore-e2e --run-ignored only
//!
//! No test here depends on how fast the machine is: the app polls once an hour, so it
//! polls when the test asks (Refresh now) or when it retries after a failure; a proxy in
//! front of the simulator holds every poll until the test has queued what the device will
//! answer (a one-shot fault of the simulator, or nothing), and counts the error answers.

mod common;

use common::*;
use nestore_sim::Fault;
use serde_json::{json, Value};

/// The window's connection chip: its look (`conn--retrying`, `conn--offline`, ...).
async fn connection_class(app: &WindowApp) -> Result<String> {
    Ok(app
        .el("connection")
        .await?
        .attr("class")
        .await?
        .unwrap_or_default())
}

/// One poll that the device answers with an error: asks for a poll (served by one already
/// waiting in the proxy, if the app retried meanwhile), queues the fault once the poll
/// waits in the proxy, lets it through, and waits for the error answer (`errors` in all).
async fn failed_poll(
    app: &WindowApp,
    sim: &nestore_sim::SimHandle,
    proxy: &CountingProxy,
    errors: usize,
) -> Result<()> {
    // A refresh while a poll is in flight is served by that poll: ask only once the app
    // is done with the last one (or a new one, its retry, already waits in the proxy).
    wait_for("the app to be done with the last poll", STEP, || async {
        if proxy.held() > 0 {
            return Some(());
        }
        let s = app.state().await.ok()?;
        (s["polling"] == false).then_some(())
    })
    .await?;
    if proxy.held() == 0 {
        app.invoke("refresh_now", json!({}))
            .await?
            .map_err(|e| format!("refresh_now: {e}"))?;
    }
    proxy.wait_held().await?;
    sim.push_fault(Fault::Status500);
    proxy.release();
    proxy.wait_errors(errors).await
}

fn soc_of(state: &Value) -> Option<f64> {
    state["reading"]["soc_pct"].as_f64()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs a desktop session: scripts/desktop-session.sh"]
async fn one_failed_poll_is_retrying_and_three_are_offline() -> Result<()> {
    let sim = start_sim(63.0).await;
    let proxy = CountingProxy::start(sim.addr()).await?;
    let app = WindowApp::launch_with(
        "retrying",
        proxy.addr,
        Launch {
            tray_host: true,
            args: &["--poll-interval", "1h"],
            ..Launch::default()
        },
    )
    .await?;
    let result = async {
        let online = app
            .wait_state("the first reading", |s| {
                s["connection"] == "online" && soc_of(s).is_some()
            })
            .await?;
        let host = app.host.as_ref().ok_or("no tray host")?;
        let item = host.item().await?;
        let online_icon = wait_for("the tray icon with the reading", STEP, || async {
            let icon = host.icon(&item).await.ok()?;
            (icon.tint() == Some(Tint::Normal)).then_some(icon)
        })
        .await?;
        app.wait_text("soc", "the reading in the window", |t| t == "63 %")
            .await?;

        proxy.hold();
        // One failed poll: retrying, and everything else as it was.
        failed_poll(&app, &sim, &proxy, 1).await?;
        let retrying = app
            .wait_state("retrying after one failed poll", |s| {
                s["connection"] != "online"
            })
            .await?;
        assert_eq!(retrying["connection"], "retrying", "{retrying}");
        assert_eq!(
            soc_of(&retrying),
            soc_of(&online),
            "the reading still shows"
        );
        assert_eq!(retrying["updated_at"], online["updated_at"], "{retrying}");
        assert_eq!(app.text("soc").await?, "63 %");
        let class = connection_class(&app).await?;
        assert!(
            class.contains("conn--retrying") && !class.contains("offline"),
            "the window's connection look: {class:?}"
        );
        let icon = host.icon(&item).await?;
        assert_eq!(
            icon.rgba,
            online_icon.rgba,
            "the tray icon is unchanged (it has tint {:?})",
            icon.tint()
        );

        // Two in a row: still retrying.
        failed_poll(&app, &sim, &proxy, 2).await?;
        let state = app.state().await?;
        assert_eq!(state["connection"], "retrying", "after two: {state}");

        // Three in a row: offline, in the window and in the tray.
        failed_poll(&app, &sim, &proxy, 3).await?;
        let offline = app
            .wait_state("offline after three failed polls", |s| {
                s["connection"] == "offline"
            })
            .await?;
        assert!(
            offline["offline_since"].is_string(),
            "offline since the first failure: {offline}"
        );
        app.wait_text("connection", "the offline look", |t| t.contains("offline"))
            .await?;
        let class = connection_class(&app).await?;
        assert!(class.contains("conn--offline"), "{class:?}");
        let icon = wait_for("the offline tray icon", STEP, || async {
            let icon = host.icon(&item).await.ok()?;
            (icon.tint() == Some(Tint::Offline)).then_some(icon)
        })
        .await?;
        assert_ne!(icon.rgba, online_icon.rgba);

        // The device answers again: online at the next poll.
        proxy.stop_holding();
        app.invoke("refresh_now", json!({}))
            .await?
            .map_err(|e| format!("refresh_now: {e}"))?;
        app.wait_state("online again", |s| s["connection"] == "online")
            .await?;
        Ok::<_, Error>(())
    }
    .await;
    proxy.stop_holding();
    app.finish(result).await
}
