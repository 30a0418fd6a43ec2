//! Bytes in, findings out: the library's lint entry points on any input.
//!
//! Every input is linted four ways, as one JSON document and as JSON
//! Lines, each with order detection on (the default) and off (every rule
//! runs on anything that parses). Nothing may panic, and the findings must
//! keep the promises of `orderlint::invariants::violations`: spans in the
//! input and on character boundaries, positions that match them, sorted
//! output. Detection may only skip: where a document is linted with it on,
//! its findings are those it has with it off.

#![no_main]

use libfuzzer_sys::fuzz_target;
use orderlint::{Config, Finding, Outcome, Status};

const ALL: Config = Config { detect: false };

fn check(path: &str, outcome: &Outcome, data: &[u8]) {
    let broken = orderlint::invariants::violations(path, &outcome.findings, data);
    assert!(
        broken.is_empty(),
        "{path}: {broken:#?}\nfindings: {:#?}",
        outcome.findings
    );
}

/// `some` is `all` with some findings left out, in the same order.
fn is_subsequence(some: &[Finding], all: &[Finding]) -> bool {
    let mut all = all.iter();
    some.iter().all(|finding| all.any(|other| other == finding))
}

fuzz_target!(|data: &[u8]| {
    // One document.
    let all = orderlint::lint_bytes("x.json", data, &ALL);
    check("x.json", &all, data);
    assert_ne!(
        all.status,
        Status::Skipped,
        "nothing is skipped without detection"
    );
    let detected = orderlint::lint_bytes("x.json", data, &Config::default());
    check("x.json", &detected, data);
    match detected.status {
        Status::Checked => assert_eq!(detected.findings, all.findings),
        Status::Skipped => assert!(detected.findings.is_empty()),
        other => panic!("lint_bytes returned {other:?}"),
    }

    // JSON Lines.
    let all = orderlint::lint_jsonl("x.jsonl", data, &ALL);
    check("x.jsonl", &all, data);
    let detected = orderlint::lint_jsonl("x.jsonl", data, &Config::default());
    check("x.jsonl", &detected, data);
    let lines = data.split_inclusive(|&b| b == b'\n').count();
    match (all.status, detected.status) {
        (
            Status::JsonLines {
                checked,
                skipped: 0,
            },
            Status::JsonLines {
                checked: some,
                skipped,
            },
        ) => {
            assert!(checked <= lines, "{checked} lines linted of {lines}");
            assert_eq!(some + skipped, checked, "detection only skips");
        }
        other => panic!("lint_jsonl returned {other:?}"),
    }
    assert!(is_subsequence(&detected.findings, &all.findings));
});
