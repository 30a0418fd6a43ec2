//! Criterion micro-benchmarks of the library's entry points, without process
//! start-up, file system or rendering: `lint_str` on one clean and one faulty
//! request, and `lint_jsonl` on a batch of lines.
//!
//! ```text
//! cargo bench --manifest-path bench/Cargo.toml
//! cargo bench --manifest-path bench/Cargo.toml -- lint_str/clean
//! ```
//!
//! The documents are built by the seeded generator (`bench/src/lib.rs`), the
//! same requests as `gen` writes. Each benchmark is short (20 samples, about
//! 4 seconds); criterion's own flags (`--measurement-time`, `--sample-size`)
//! override that.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use orderlint::Config;
use orderlint_bench::{Defect, request, request_with};

/// Seed of every document here; 1 is also `bench/run.sh`'s seed.
const SEED: u64 = 1;
/// Lines in the JSON Lines batch.
const LINES: u64 = 100;

fn lint(c: &mut Criterion) {
    let config = Config::default();
    // Compile the schema now, so that no measurement pays for it.
    orderlint::schema::validator().expect("the bundled schema compiles");

    let clean = request_with(SEED, 0, Defect::None, true);
    let faulty = request_with(SEED, 0, Defect::StringAmount, true);
    let findings = |text: &str| orderlint::lint_str("order.json", text, &config).len();
    assert_eq!(findings(&clean), 0, "the clean request has no findings");
    assert!(findings(&faulty) > 0, "the faulty request has findings");

    let mut group = c.benchmark_group("lint_str");
    for (name, text) in [("clean", &clean), ("faulty", &faulty)] {
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(name, |b| {
            b.iter(|| orderlint::lint_str("order.json", black_box(text), &config));
        });
    }
    group.finish();

    // The JSON Lines mix of `gen --jsonl`: 20 % of the lines with a defect.
    let mut lines = String::new();
    for index in 0..LINES {
        lines.push_str(&request(SEED, index, 20, false));
        lines.push('\n');
    }
    let outcome = orderlint::lint_jsonl("requests.jsonl", lines.as_bytes(), &config);
    assert!(
        matches!(outcome.status, orderlint::Status::JsonLines { checked, .. } if checked == LINES as usize),
        "every line is linted"
    );
    let mut group = c.benchmark_group("lint_jsonl");
    group.throughput(Throughput::Bytes(lines.len() as u64));
    group.bench_function(format!("{LINES} lines"), |b| {
        b.iter(|| orderlint::lint_jsonl("requests.jsonl", black_box(lines.as_bytes()), &config));
    });
    group.finish();
}

fn config() -> Criterion {
    Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
}

criterion_group! {
    name = benches;
    config = config();
    targets = lint
}
criterion_main!(benches);
