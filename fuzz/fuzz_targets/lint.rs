//! Bytes in, findings out: the library's lint entry points on any input.
//!
//! Every input is linted as one JSON document and as JSON Lines, each with
//! order detection on (the default) and, where that skipped something, off
//! (every rule runs on anything that parses). Nothing may panic, and the
//! findings must keep the promises of `orderlint::invariants::violations`:
//! spans in the input and on character boundaries, positions that match
//! them, sorted output. Detection may only skip.

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
    // One document. With detection on, a document is either skipped or
    // linted exactly as with it off; so it is linted again with detection
    // off only when it was skipped (every rule then runs on it too).
    let detected = orderlint::lint_bytes("x.json", data, &Config::default());
    check("x.json", &detected, data);
    match detected.status {
        Status::Checked => {}
        Status::Skipped => {
            assert!(detected.findings.is_empty());
            let all = orderlint::lint_bytes("x.json", data, &ALL);
            check("x.json", &all, data);
            assert_eq!(
                all.status,
                Status::Checked,
                "nothing is skipped without detection"
            );
        }
        other => panic!("lint_bytes returned {other:?}"),
    }

    // JSON Lines, the same way: again with detection off when a line was
    // skipped, and then the findings with it on are some of those.
    let detected = orderlint::lint_jsonl("x.jsonl", data, &Config::default());
    check("x.jsonl", &detected, data);
    let lines = data.split_inclusive(|&b| b == b'\n').count();
    let Status::JsonLines { checked, skipped } = detected.status else {
        panic!("lint_jsonl returned {:?}", detected.status);
    };
    assert!(
        checked + skipped <= lines,
        "{checked} + {skipped} lines of {lines}"
    );
    if skipped > 0 {
        let all = orderlint::lint_jsonl("x.jsonl", data, &ALL);
        check("x.jsonl", &all, data);
        assert_eq!(
            all.status,
            Status::JsonLines {
                checked: checked + skipped,
                skipped: 0
            },
            "detection only skips"
        );
        assert!(is_subsequence(&detected.findings, &all.findings));
    }
});
