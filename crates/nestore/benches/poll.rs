//! One full poll cycle (three requests, concurrent) on loopback with keep-alive.
//! Goal: under 1 ms of CPU. The figure reported is the client thread's CPU time, not wall
//! time: the simulator runs on other threads of its own runtime and is not counted.

use std::time::Duration;

use cpu_time::ThreadTime;
use criterion::{criterion_group, criterion_main, Criterion};

fn poll(c: &mut Criterion) {
    let sim_rt = tokio::runtime::Runtime::new().unwrap();
    let cfg = nestore_sim::SimConfig {
        speed: 0.0,
        ..Default::default()
    };
    let sim = sim_rt
        .block_on(nestore_sim::spawn(cfg, "127.0.0.1:0".parse().unwrap()))
        .unwrap();

    // The client and reqwest's connection tasks all run on this one thread.
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let client = nestore::Client::new("127.0.0.1", sim.addr().port()).unwrap();
    rt.block_on(client.poll()).unwrap();

    c.bench_function("poll_cycle_client_cpu", |b| {
        b.iter_custom(|iters| {
            let start = ThreadTime::now();
            for _ in 0..iters {
                rt.block_on(client.poll()).unwrap();
            }
            start.elapsed()
        })
    });
    c.bench_function("poll_cycle_wall", |b| {
        b.iter(|| rt.block_on(client.poll()).unwrap())
    });
    drop(sim_rt);
}

criterion_group! {
    name = benches;
    config = Criterion::default().measurement_time(Duration::from_secs(5));
    targets = poll
}
criterion_main!(benches);
