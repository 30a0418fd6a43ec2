//! MultiSafepay's own published request bodies (`../shared/examples`): the
//! real-world test of precision.

use std::collections::BTreeMap;
use std::fs;

use orderlint::Config;

use crate::support::shared;

struct Example {
    name: String,
    bytes: Vec<u8>,
    status: orderlint::Status,
    findings: Vec<orderlint::Finding>,
}

fn examples() -> Vec<Example> {
    let dir = shared().join("examples");
    let mut names: Vec<String> = fs::read_dir(&dir)
        .expect("examples folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".json"))
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|name| {
            let bytes = fs::read(dir.join(&name)).expect("readable");
            let outcome = orderlint::lint_bytes(&name, &bytes, &Config::default());
            Example {
                name,
                bytes,
                status: outcome.status,
                findings: outcome.findings,
            }
        })
        .collect()
}

#[test]
fn invalid_json_agrees_with_serde_json_on_every_example() {
    let examples = examples();
    assert_eq!(examples.len(), 305);
    let mut not_json = 0;
    for example in &examples {
        let parses = serde_json::from_slice::<serde_json::Value>(&example.bytes).is_ok();
        let invalid: Vec<_> = example
            .findings
            .iter()
            .filter(|f| f.rule == "invalid-json")
            .collect();
        assert_eq!(
            invalid.is_empty(),
            parses,
            "{}: serde_json parses it: {parses}; orderlint says {invalid:#?}",
            example.name
        );
        if parses {
            assert_eq!(
                example.status,
                orderlint::Status::Checked,
                "{}: every published body is an order request",
                example.name
            );
        } else {
            not_json += 1;
            assert_eq!(
                invalid.len(),
                1,
                "{}: one invalid-json finding",
                example.name
            );
        }
    }
    assert_eq!(
        not_json, 34,
        "INDEX.md: 34 examples are not JSON as published"
    );
}

#[test]
fn findings_per_rule_on_the_examples() {
    let mut all: BTreeMap<&str, usize> = BTreeMap::new();
    let mut oas: BTreeMap<&str, usize> = BTreeMap::new();
    for example in &examples() {
        for finding in &example.findings {
            *all.entry(finding.rule).or_default() += 1;
            if example.name.starts_with("oas-") {
                *oas.entry(finding.rule).or_default() += 1;
            }
        }
    }
    insta::assert_snapshot!(format!(
        "all 305 examples: {all:#?}\n59 oas-* examples: {oas:#?}"
    ));
}

/// Every finding on the current API reference's examples, one line each: a
/// change in what orderlint says about MultiSafepay's own examples shows up
/// in review.
#[test]
fn findings_on_the_current_api_examples() {
    let mut lines = Vec::new();
    for example in examples().iter().filter(|e| e.name.starts_with("oas-")) {
        for finding in &example.findings {
            let range = finding.range.expect("a range");
            lines.push(format!(
                "{}:{}:{} {} {} {}",
                example.name,
                range.start.line,
                range.start.column,
                finding.severity,
                finding.rule,
                finding.message
            ));
        }
    }
    insta::assert_snapshot!(lines.join("\n"));
}

/// `schemas/README.md` justifies every `error` on the current API examples:
/// for each one, a row of its decisions table names the example and the field.
#[test]
fn every_error_on_the_current_api_examples_is_justified() {
    let readme = fs::read_to_string(crate::support::root().join("schemas/README.md"))
        .expect("schemas/README.md");
    // Rows of the decisions table whose decision (third column) is an error.
    let rows: Vec<&str> = readme
        .lines()
        .filter(|l| l.starts_with('|'))
        .filter(|l| l.split('|').nth(3).is_some_and(|d| d.contains("error")))
        .collect();
    let names_word = |row: &str, word: &str| {
        row.match_indices(word).any(|(i, _)| {
            let before = row[..i].chars().next_back();
            let after = row[i + word.len()..].chars().next();
            let boundary =
                |c: Option<char>| c.is_none_or(|c| !(c.is_alphanumeric() || c == '-' || c == '_'));
            boundary(before) && boundary(after)
        })
    };
    let mut unjustified = Vec::new();
    for example in examples().iter().filter(|e| e.name.starts_with("oas-")) {
        let stem = example
            .name
            .trim_start_matches("oas-")
            .trim_end_matches(".json");
        for finding in example
            .findings
            .iter()
            .filter(|f| f.severity == orderlint::Severity::Error)
        {
            let pointer = finding.pointer.as_deref().unwrap_or_default();
            let field = pointer.rsplit('/').next().unwrap_or_default();
            let justified = rows
                .iter()
                .any(|row| names_word(row, stem) && names_word(row, field));
            if !justified {
                unjustified.push(format!("{} {pointer}: {}", example.name, finding.message));
            }
        }
    }
    assert!(
        unjustified.is_empty(),
        "errors on MultiSafepay's current examples that schemas/README.md does not justify:\n{}",
        unjustified.join("\n")
    );
}
