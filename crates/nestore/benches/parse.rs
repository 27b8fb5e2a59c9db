//! Parsing one engineering payload (goal: under 20 µs).

use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;

fn parse(c: &mut Criterion) {
    let body = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/engineering.json"
    ))
    .unwrap();
    let now = chrono::Utc::now();
    c.bench_function("parse_engineering", |b| {
        b.iter(|| nestore::reading::parse_engineering(black_box(&body), now).unwrap())
    });
}

criterion_group!(benches, parse);
criterion_main!(benches);
