//! Discovery against simulators and decoys on loopback: which answers are hits, what a hit
//! carries, that hits come as they are confirmed, and what the timeout and a too-large
//! subnet do. Every test sweeps a 127.0.N.0/24 of its own (or none) with mDNS off and
//! names resolved by a fake resolver only.

mod common;

use std::time::Duration;

use std::sync::Arc;

use common::{sim, Decoy, FakeResolver, Lab, SilentResolver, Sim, GENEROUS, OTHER_JSON};
use nestore_discover::{discover, discover_all, ApiVersion, Discovery, Error, FoundBy, Hit};
use tokio::sync::watch;

const NEAR_MISS: &str = r#"{"PAYLOAD": {"BASE": {"TEMP_HTR_OUT": 50}, "DERIVED": {"TE": 1000}}}"#;

fn swept(lab: &Lab, host: u8, soc: f64, api: ApiVersion) -> Hit {
    Hit {
        address: lab.addr(host),
        name: None,
        found_by: FoundBy::Sweep,
        api_version: api,
        soc_pct: Some(soc),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hits_are_exactly_the_simulators_with_their_charge_and_api() {
    let lab = Lab::start(
        11,
        &[
            sim(2, 20.0),
            sim(3, 55.5),
            Sim {
                host: 4,
                soc: 90.0,
                api: nestore_sim::ApiVersion::V2,
            },
        ],
        &[
            (5, Decoy::Json(OTHER_JSON.into())),
            (6, Decoy::Json(NEAR_MISS.into())),
        ],
    )
    .await;

    let mut seen = Vec::new();
    let summary = discover(&lab.options(), |h| seen.push(h)).await.unwrap();

    seen.sort_by_key(|h| h.address);
    assert_eq!(
        seen,
        vec![
            swept(&lab, 2, 20.0, ApiVersion::V3),
            swept(&lab, 3, 55.5, ApiVersion::V3),
            swept(&lab, 4, 90.0, ApiVersion::V2),
        ],
        "the two HTTP servers that are no NEStore are no hits"
    );
    assert_eq!(summary.hits, 3);
    assert_eq!(summary.swept, 254);
    assert!(summary.complete);
    lab.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_listener_that_never_answers_holds_the_result_no_longer_than_the_timeout() {
    let lab = Lab::start(12, &[sim(2, 40.0), sim(9, 70.0)], &[(3, Decoy::Hang)]).await;
    let opts = Discovery {
        timeout: Duration::from_secs(1),
        ..lab.options()
    };

    let mut seen = Vec::new();
    let summary = tokio::time::timeout(GENEROUS, discover(&opts, |h| seen.push(h)))
        .await
        .expect("the discovery ends at its own timeout")
        .unwrap();

    assert!(!summary.complete, "the hanging listener was cut off");
    seen.sort_by_key(|h| h.address);
    assert_eq!(
        seen,
        vec![
            swept(&lab, 2, 40.0, ApiVersion::V3),
            swept(&lab, 9, 70.0, ApiVersion::V3),
        ]
    );
    lab.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hits_arrive_while_the_sweep_still_waits_for_an_answer() {
    // A decoy that answers only once the caller has seen every simulator: were hits held
    // back until the sweep ends, the sweep could never end before the timeout.
    let (open_gate, gate) = watch::channel(false);
    let lab = Lab::start(
        13,
        &[sim(2, 10.0), sim(200, 80.0)],
        &[(
            100,
            Decoy::Gate {
                open: gate,
                body: r#"{"PAYLOAD": {"STATUS": "ok"}}"#.into(),
            },
        )],
    )
    .await;
    let sims = [lab.addr(2), lab.addr(200)];

    let mut order = Vec::new();
    let summary = discover(&lab.options(), |h| {
        order.push(h.address);
        if sims.iter().all(|a| order.contains(a)) {
            open_gate.send_replace(true);
        }
    })
    .await
    .unwrap();

    assert!(
        summary.complete,
        "the sweep finished (after the gate opened), not cut off by the timeout"
    );
    assert_eq!(order.len(), 2);
    assert!(*open_gate.borrow(), "the gate was opened from a hit");
    lab.stop().await;
}

#[tokio::test]
async fn a_subnet_larger_than_a_slash_24_is_refused() {
    let mut calls = 0;
    for net in ["127.0.14.0/23", "127.0.0.0/8"] {
        let opts = Discovery::sweep_only(net.parse().unwrap());
        let got = discover(&opts, |_| calls += 1).await;
        assert_eq!(
            got,
            Err(Error::SubnetTooLarge {
                subnet: net.parse().unwrap()
            })
        );
    }
    assert_eq!(calls, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_name_resolved_to_a_device_gives_a_hit_with_that_name() {
    let lab = Lab::start(15, &[sim(2, 33.0)], &[(3, Decoy::Json(OTHER_JSON.into()))]).await;
    let resolver = FakeResolver::default()
        .with("nestore.home", &[lab.addr(2)])
        .with("nestore", &[lab.addr(3)]) // an HTTP server, no NEStore
        .arc();
    let opts = Discovery {
        subnets: Some(Vec::new()), // no sweep: the name is the only way
        names: vec![
            "nestore.home".into(),
            "nestore".into(),
            "nestore.local".into(),
        ],
        resolver,
        ..lab.options()
    };

    let hits = discover_all(&opts).await.unwrap();

    assert_eq!(
        hits,
        vec![Hit {
            address: lab.addr(2),
            name: Some("nestore.home".into()),
            found_by: FoundBy::NameLookup,
            api_version: ApiVersion::V3,
            soc_pct: Some(33.0),
        }]
    );
    assert_eq!(hits[0].host(), "nestore.home");
    lab.stop().await;
}

// One thread: the name way (spawned first) has learned its name before any probe runs, so
// which way "wins" is fixed.
#[tokio::test(flavor = "current_thread")]
async fn a_device_found_by_name_and_by_the_sweep_is_one_hit_carrying_the_name() {
    let lab = Lab::start(16, &[sim(2, 50.0), sim(3, 60.0)], &[]).await;
    let opts = Discovery {
        names: vec!["nestore.home".into(), "nestore".into()],
        // Both names are the same device; one of them twice.
        resolver: FakeResolver::default()
            .with("nestore.home", &[lab.addr(2), lab.addr(2)])
            .with("nestore", &[lab.addr(2)])
            .arc(),
        ..lab.options()
    };

    let mut seen = Vec::new();
    let summary = discover(&opts, |h| seen.push(h)).await.unwrap();

    seen.sort_by_key(|h| h.address);
    assert_eq!(
        seen,
        vec![
            Hit {
                name: Some("nestore.home".into()),
                found_by: FoundBy::NameLookup,
                ..swept(&lab, 2, 50.0, ApiVersion::V3)
            },
            swept(&lab, 3, 60.0, ApiVersion::V3),
        ]
    );
    assert_eq!(summary.hits, 2);
    assert!(summary.complete);
    lab.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_name_lookup_that_never_answers_holds_back_no_hit_and_ends_at_the_timeout() {
    let lab = Lab::start(17, &[sim(2, 25.0), sim(3, 75.0)], &[]).await;
    let opts = Discovery {
        names: vec!["nestore.home".into()],
        resolver: Arc::new(SilentResolver),
        timeout: Duration::from_secs(1),
        ..lab.options()
    };

    let mut seen = Vec::new();
    let summary = tokio::time::timeout(GENEROUS, discover(&opts, |h| seen.push(h)))
        .await
        .expect("the discovery ends at its own timeout")
        .unwrap();

    seen.sort_by_key(|h| h.address);
    assert_eq!(
        seen,
        vec![
            swept(&lab, 2, 25.0, ApiVersion::V3),
            swept(&lab, 3, 75.0, ApiVersion::V3),
        ]
    );
    assert!(!summary.complete, "the lookup was cut off");
    lab.stop().await;
}

#[tokio::test]
async fn nothing_to_try_finds_nothing_at_once() {
    let opts = Discovery {
        subnets: Some(Vec::new()),
        names: vec!["nestore.home".into()],
        mdns: false,
        resolver: FakeResolver::default().arc(), // resolves nothing
        ..Discovery::default()
    };
    let summary = discover(&opts, |h| panic!("no hit expected: {h:?}"))
        .await
        .unwrap();
    assert_eq!(summary.hits, 0);
    assert_eq!(summary.swept, 0);
    assert!(summary.complete);
}
