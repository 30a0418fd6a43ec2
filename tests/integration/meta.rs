//! Invariants of the rule registry: names, docs and fixtures.

use std::collections::BTreeSet;

use crate::support::root;

#[test]
fn rule_names_are_unique_kebab_case_and_listed() {
    let mut seen = BTreeSet::new();
    for meta in orderlint::rules::metas() {
        assert!(seen.insert(meta.name), "duplicate rule {}", meta.name);
        assert!(
            meta.name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c == '-'),
            "{} is not kebab-case",
            meta.name
        );
        assert!(
            !meta.summary.ends_with('.'),
            "{}: summary ends with a period",
            meta.name
        );
    }
    // The public contract: a rename, removal or severity change shows up here.
    let table: Vec<String> = orderlint::rules::metas()
        .map(|m| format!("{} {}", m.name, m.default_severity))
        .collect();
    insta::assert_snapshot!(table.join("\n"));
}

#[test]
fn every_rule_has_pass_and_fail_fixtures() {
    for meta in orderlint::rules::metas() {
        for verdict in ["pass", "fail"] {
            let dir = root().join("fixtures").join(meta.name).join(verdict);
            let count = std::fs::read_dir(&dir)
                .map(|entries| {
                    entries
                        .filter_map(Result::ok)
                        .filter(|e| e.path().extension().is_some_and(|x| x == "json"))
                        .count()
                })
                .unwrap_or(0);
            assert!(
                count > 0,
                "{} has no fixture in {}",
                meta.name,
                dir.display()
            );
        }
    }
}

#[test]
fn every_explanation_has_the_headings() {
    for meta in orderlint::rules::metas() {
        let doc = meta.explanation();
        for heading in [
            "## What it does",
            "## Why is this bad?",
            "## Example",
            "Use instead:",
            "## Source",
        ] {
            assert!(doc.contains(heading), "{}: missing `{heading}`", meta.name);
        }
        assert!(
            !doc.lines()
                .any(|l| l.starts_with(' ') && l.trim().starts_with("##"))
        );
    }
}
