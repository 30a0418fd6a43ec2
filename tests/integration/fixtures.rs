//! Every fixture: `fixtures/<rule>/fail/*.json` must produce that rule (and
//! its output is snapshotted); `fixtures/<rule>/pass/*.json` must not;
//! `fixtures/valid/*.json` must produce nothing at all.

use std::fs;
use std::path::Path;

use orderlint::Config;

use crate::support::{render, root};

/// `fixtures/schema/fail/x.json` → ("schema", "fail").
fn rule_and_verdict(path: &Path) -> (String, String) {
    let name = |p: &Path| {
        p.file_name()
            .and_then(|s| s.to_str())
            .expect("fixture folders have UTF-8 names")
            .to_owned()
    };
    let verdict = path.parent().expect("fixture has a parent");
    let rule = verdict.parent().expect("fixture is two levels deep");
    (name(rule), name(verdict))
}

#[test]
fn rule_fixtures() {
    insta::glob!("../../fixtures", "*/*/*.json", |path| {
        let (rule, verdict) = rule_and_verdict(path);
        assert!(
            orderlint::rules::by_name(&rule).is_some(),
            "fixtures/{rule}/ names no rule"
        );
        let bytes = fs::read(path).expect("fixture is readable");
        let shown = path
            .strip_prefix(root())
            .expect("fixtures are in the project")
            .to_string_lossy()
            .replace('\\', "/");
        let outcome = orderlint::lint_bytes(&shown, &bytes, &Config::default());
        let findings: Vec<_> = outcome
            .findings
            .into_iter()
            .filter(|f| f.rule == rule)
            .collect();
        match verdict.as_str() {
            "fail" => {
                assert!(!findings.is_empty(), "{shown} should trigger {rule}");
                let text = orderlint::displayable(&bytes);
                insta::assert_snapshot!(render(&findings, &text));
            }
            "pass" => assert!(
                findings.is_empty(),
                "{shown} should not trigger {rule}:\n{findings:#?}"
            ),
            other => panic!("fixtures/{rule}/{other}/ is neither pass/ nor fail/"),
        }
    });
}

#[test]
fn valid_fixtures_have_no_findings() {
    let dir = root().join("fixtures/valid");
    let mut seen = 0;
    for entry in fs::read_dir(&dir).expect("fixtures/valid exists") {
        let path = entry.expect("readable entry").path();
        let text = fs::read_to_string(&path).expect("valid fixtures are UTF-8");
        let outcome = orderlint::lint_text("valid.json", &text, &Config::default());
        assert_eq!(
            outcome.status,
            orderlint::Status::Checked,
            "{}",
            path.display()
        );
        assert!(
            outcome.findings.is_empty(),
            "{} should be clean:\n{:#?}",
            path.display(),
            outcome.findings
        );
        seen += 1;
    }
    assert!(
        seen >= 5,
        "fixtures/valid holds at least five full requests"
    );
}
