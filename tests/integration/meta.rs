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

/// The first ```json block of a section of a rule's documentation.
fn json_block<'d>(doc: &'d str, after: &str) -> Option<&'d str> {
    let section = &doc[doc.find(after)? + after.len()..];
    let start = section.find("```json\n")? + "```json\n".len();
    let end = section[start..].find("```")?;
    Some(&section[start..start + end])
}

/// The documentation's examples behave as they say (biome's
/// `expect_diagnostic`): the `## Example` block triggers the rule, the
/// `Use instead:` block does not.
#[test]
fn explanation_examples_behave() {
    let config = orderlint::Config { detect: false };
    for meta in orderlint::rules::metas() {
        let doc = meta.explanation();
        let bad = json_block(&doc, "## Example").expect("an example block");
        let good = json_block(&doc, "Use instead:").expect("a use-instead block");
        let fires = |text: &str| {
            orderlint::lint_str("doc.json", text, &config)
                .iter()
                .any(|f| f.rule == meta.name)
        };
        assert!(
            fires(bad),
            "{}: its Example does not trigger it:\n{bad}",
            meta.name
        );
        assert!(
            !fires(good),
            "{}: its Use instead triggers it:\n{good}",
            meta.name
        );
    }
}

#[test]
fn the_readme_lists_every_rule() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    for meta in orderlint::rules::metas() {
        let row = format!(
            "| `{}` | {} | {} |",
            meta.name, meta.default_severity, meta.summary
        );
        assert!(readme.contains(&row), "README.md lacks the row `{row}`");
    }
}
