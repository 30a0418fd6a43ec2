//! Inputs that once broke a promise, found by `cargo fuzz` (see
//! `fuzz/README.md`): each file in `tests/cases/hostile/` is linted as the
//! CLI lints it (JSON Lines when its name says so), its findings must keep
//! the invariants (`orderlint::invariants`), and they are snapshotted.

use std::fs;

use orderlint::Config;

use crate::support::render;

#[test]
fn hostile_inputs_keep_the_promises() {
    insta::glob!("../cases/hostile", "*.{json,jsonl}", |path| {
        let bytes = fs::read(path).unwrap();
        let name = path.file_name().unwrap().to_str().unwrap().to_owned();
        let report = orderlint::run::lint_file(name.clone(), &bytes, &Config::default());
        assert!(!report.findings.is_empty(), "{name} has findings");
        assert_eq!(
            orderlint::invariants::violations(&name, &report.findings, &bytes),
            Vec::<String>::new(),
            "{name}"
        );
        insta::assert_snapshot!(render(
            &report.findings,
            report.text.as_deref().unwrap_or_default()
        ));
    });
}

/// Every input in the fuzzers' corpora (`fuzz/corpus/`), checked as the
/// fuzz targets check it but on stable Rust: the lint keeps the invariants
/// as one document and as JSON Lines, with order detection on and off, and
/// the configuration's errors point inside its text.
#[test]
fn the_fuzz_corpora_keep_the_promises() {
    let corpus = crate::support::root().join("fuzz/corpus");
    let mut seen = 0;
    for entry in fs::read_dir(corpus.join("lint")).unwrap() {
        let bytes = fs::read(entry.unwrap().path()).unwrap();
        for config in [Config::default(), Config { detect: false }] {
            for (path, outcome) in [
                ("x.json", orderlint::lint_bytes("x.json", &bytes, &config)),
                ("x.jsonl", orderlint::lint_jsonl("x.jsonl", &bytes, &config)),
            ] {
                let broken = orderlint::invariants::violations(path, &outcome.findings, &bytes);
                assert!(broken.is_empty(), "{path} {bytes:?}: {broken:#?}");
            }
        }
        seen += 1;
    }
    for entry in fs::read_dir(corpus.join("config")).unwrap() {
        let bytes = fs::read(entry.unwrap().path()).unwrap();
        let Ok(text) = String::from_utf8(bytes) else {
            continue;
        };
        if let Err(errors) = orderlint::config::ConfigFile::parse("orderlint.toml", &text) {
            for span in errors.iter().filter_map(|e| e.span) {
                assert!(
                    span.start <= span.end
                        && text.is_char_boundary(span.start)
                        && text.is_char_boundary(span.end),
                    "{span:?} in {text:?}"
                );
            }
        }
        seen += 1;
    }
    assert!(seen >= 100, "the corpora are in fuzz/corpus/");
}

/// Every input of the lint and parse corpora, checked as the `parse` fuzz
/// target checks it (`orderlint::invariants::parse_disagreement`): the fast
/// parser's tree is the slow parser's, and the schema gives the same answer
/// on the tree as on its `serde_json::Value`.
#[test]
fn the_fuzz_corpora_parse_alike_both_ways() {
    let corpus = crate::support::root().join("fuzz/corpus");
    let (mut seen, mut validated) = (0, 0);
    for dir in ["lint", "parse"] {
        for entry in fs::read_dir(corpus.join(dir)).unwrap() {
            let bytes = fs::read(entry.unwrap().path()).unwrap();
            seen += 1;
            let Ok(text) = std::str::from_utf8(&bytes) else {
                continue;
            };
            if let Some(disagreement) = orderlint::invariants::parse_disagreement(text) {
                panic!("{disagreement}");
            }
            validated += usize::from(
                orderlint::parse::parse(text)
                    .ok()
                    .and_then(|tree| orderlint::schema::validity(&tree))
                    .is_some(),
            );
        }
    }
    assert!(
        seen >= 3_000 && validated >= 500,
        "{seen} inputs, {validated} validated"
    );
}
