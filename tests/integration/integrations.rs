//! Integrations: `--color`, shell completions, the man page, and the
//! snippets of docs/integrations.md and .pre-commit-hooks.yaml that can be
//! checked without the programs they are for (tests/editors.sh and
//! tests/pre-commit.sh run those programs).

use std::fs;
use std::io::Write;
use std::process::{Command, Output, Stdio};

use clap::ValueEnum;
use regex::Regex;

use crate::support::{code, root, stdout};

/// Runs the binary in the project root with `args`, with `NO_COLOR` and
/// `FORCE_COLOR` unset and then set as `env` says. Standard output is a pipe.
fn orderlint(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_orderlint"));
    command
        .args(args)
        .current_dir(root())
        .env_remove("NO_COLOR")
        .env_remove("FORCE_COLOR");
    for (name, value) in env {
        command.env(name, value);
    }
    command.output().expect("the binary runs")
}

const ESC: &str = "\x1b[";

fn has_color(args: &[&str], env: &[(&str, &str)]) -> bool {
    let output = orderlint(args, env);
    assert_eq!(code(&output), 1, "{output:?}");
    let text = stdout(&output);
    assert!(text.contains("amount-not-in-cents"), "{text}");
    text.contains(ESC)
}

#[test]
fn color_follows_the_flag_and_the_environment() {
    let bad = ["check", "tests/cases/integrations/bad.json"];
    fn with(flag: &'static str) -> [&'static str; 4] {
        [
            "check",
            "tests/cases/integrations/bad.json",
            "--color",
            flag,
        ]
    }
    assert!(!has_color(&bad, &[]), "auto, in a pipe: no colour");
    assert!(has_color(&with("always"), &[]));
    assert!(!has_color(&with("never"), &[]));
    assert!(!has_color(&with("auto"), &[]));
    assert!(has_color(&bad, &[("FORCE_COLOR", "1")]), "FORCE_COLOR");
    assert!(
        !has_color(&bad, &[("FORCE_COLOR", "")]),
        "an empty FORCE_COLOR is not set"
    );
    assert!(!has_color(&with("never"), &[("FORCE_COLOR", "1")]));
    assert!(
        !has_color(&bad, &[("NO_COLOR", "1"), ("FORCE_COLOR", "1")]),
        "NO_COLOR wins over FORCE_COLOR"
    );
    assert!(
        has_color(&with("always"), &[("NO_COLOR", "1")]),
        "--color always wins over NO_COLOR"
    );
    assert!(
        has_color(&bad, &[("NO_COLOR", ""), ("FORCE_COLOR", "1")]),
        "an empty NO_COLOR is not set"
    );
}

#[test]
fn only_the_human_format_is_coloured() {
    let output = orderlint(
        &[
            "check",
            "tests/cases/integrations/bad.json",
            "--color",
            "always",
            "--format",
            "json",
        ],
        &[],
    );
    assert_eq!(code(&output), 1);
    assert!(!stdout(&output).contains(ESC));
}

#[test]
fn color_rejects_other_values() {
    let output = orderlint(&["check", "--color", "sometimes"], &[]);
    assert_eq!(code(&output), 2);
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(
        err.contains("[possible values: auto, always, never]"),
        "{err}"
    );
}

#[test]
fn completions_for_every_shell() {
    let shells = clap_complete::Shell::value_variants();
    assert_eq!(shells.len(), 5, "bash, elvish, fish, powershell, zsh");
    for shell in shells {
        let name = shell.to_possible_value().unwrap().get_name().to_owned();
        let output = orderlint(&["completions", &name], &[]);
        assert_eq!(code(&output), 0, "{name}: {output:?}");
        let script = stdout(&output);
        // fish writes options as `-l format`, the others as `--format`.
        for word in [
            "orderlint",
            "check",
            "format",
            "color",
            "fail-on",
            "completions",
        ] {
            assert!(script.contains(word), "{name}: no `{word}` in\n{script}");
        }
    }
}

#[test]
fn bash_completion_is_valid_bash() {
    let script = stdout(&orderlint(&["completions", "bash"], &[]));
    let mut bash = Command::new("bash")
        .arg("-n")
        .stdin(Stdio::piped())
        .spawn()
        .expect("bash runs");
    bash.stdin
        .take()
        .unwrap()
        .write_all(script.as_bytes())
        .unwrap();
    assert!(bash.wait().unwrap().success());
}

#[test]
fn the_man_page_documents_the_exit_codes() {
    let output = orderlint(&["man"], &[]);
    assert_eq!(code(&output), 0);
    let page = stdout(&output);
    assert!(page.starts_with(".ie \\n(.g .ds Aq"), "roff:\n{page}");
    assert!(page.contains(".TH orderlint 1"), "{page}");
    assert!(
        page.contains("orderlint\\-check(1)"),
        "lists the subcommands"
    );
    // The section as roff writes it: each code in bold, its meaning below.
    let exit_status = &page[page
        .find(".SH \"EXIT STATUS\"")
        .expect("an EXIT STATUS section")..];
    for (code, meaning) in [
        ("0", "no finding at or above \\-\\-fail\\-on"),
        ("1", "some finding at or above \\-\\-fail\\-on"),
        (
            "2",
            "a tool error: bad arguments, a path that cannot be read",
        ),
    ] {
        let entry = format!(".TP\n\\fB{code}\\fR\n{meaning}");
        assert!(
            exit_status.contains(&entry),
            "no `{entry}` in\n{exit_status}"
        );
    }
}

#[test]
fn each_subcommand_has_a_man_page() {
    let check = stdout(&orderlint(&["man", "check"], &[]));
    assert!(check.contains(".TH orderlint-check 1"), "{check}");
    assert!(check.contains("\\-\\-color"), "{check}");
    assert!(check.contains(".SH \"EXIT STATUS\""), "{check}");
    for name in ["schema", "rules", "explain", "completions", "man"] {
        let output = orderlint(&["man", name], &[]);
        assert_eq!(code(&output), 0, "{name}: {output:?}");
        assert!(stdout(&output).contains(&format!(".TH orderlint-{name} 1")));
    }
    let unknown = orderlint(&["man", "lint"], &[]);
    assert_eq!(code(&unknown), 2);
    assert_eq!(
        String::from_utf8_lossy(&unknown.stderr),
        "error: no subcommand `lint`; the pages are: check, schema, rules, explain, completions, man\n"
    );
}

/// The fenced blocks of docs/integrations.md with the given info string that
/// contain `marker`; there must be exactly one.
fn doc_block(lang: &str, marker: &str) -> String {
    let doc = fs::read_to_string(root().join("docs/integrations.md")).unwrap();
    let mut found = Vec::new();
    let mut lines = doc.lines();
    while let Some(line) = lines.next() {
        if line == format!("```{lang}") {
            let block: Vec<_> = lines.by_ref().take_while(|l| *l != "```").collect();
            let block = block.join("\n");
            if block.contains(marker) {
                found.push(block);
            }
        }
    }
    assert_eq!(found.len(), 1, "```{lang} blocks with `{marker}`");
    found.remove(0)
}

/// Lines of `--format concise` as the issue specifies them,
/// `path:line:col: severity[rule] message`, built from real findings
/// (tests/editors.sh runs the matcher on the reporter's own output).
fn concise_lines() -> Vec<(String, orderlint::Finding)> {
    let mut lines = Vec::new();
    for path in [
        "tests/cases/mixed/bad.json",
        "tests/cases/mixed/nested/broken.json",
        "tests/cases/integrations/bad.json",
        "fixtures/lifetime-as-string/fail/both-fields-digit-strings.json",
    ] {
        let text = fs::read_to_string(root().join(path)).unwrap();
        for finding in orderlint::lint_str(path, &text, &orderlint::Config::default()) {
            let start = finding.range.expect("a finding in a document").start;
            let line = format!(
                "{}:{}:{}: {}[{}] {}",
                finding.path,
                start.line,
                start.column,
                finding.severity,
                finding.rule,
                finding.message
            );
            lines.push((line, finding));
        }
    }
    lines
}

#[test]
fn the_vs_code_problem_matcher_reads_every_field_of_a_concise_line() {
    let tasks: serde_json::Value =
        serde_json::from_str(&doc_block("json", "problemMatcher")).expect("tasks.json is JSON");
    let task = &tasks["tasks"][0];
    assert_eq!(task["command"], "orderlint");
    assert_eq!(
        task["args"],
        serde_json::json!(["check", "--format", "concise", "."])
    );
    let pattern = &task["problemMatcher"]["pattern"];
    let regex = Regex::new(pattern["regexp"].as_str().unwrap()).unwrap();
    let group = |name: &str| usize::try_from(pattern[name].as_u64().unwrap()).unwrap();

    let lines = concise_lines();
    let severities: std::collections::BTreeSet<_> =
        lines.iter().map(|(_, f)| f.severity.as_str()).collect();
    assert_eq!(severities.len(), 3, "errors, warnings and infos");
    for (line, finding) in &lines {
        let captures = regex
            .captures(line)
            .unwrap_or_else(|| panic!("no match: {line}"));
        let start = finding.range.unwrap().start;
        assert_eq!(&captures[group("file")], finding.path, "{line}");
        assert_eq!(&captures[group("line")], start.line.to_string(), "{line}");
        assert_eq!(
            &captures[group("column")],
            start.column.to_string(),
            "{line}"
        );
        assert_eq!(
            &captures[group("severity")],
            finding.severity.as_str(),
            "{line}"
        );
        assert_eq!(&captures[group("code")], finding.rule, "{line}");
        assert_eq!(&captures[group("message")], finding.message, "{line}");
    }
    for not_a_finding in [
        "Checked 3 files, skipped 1 (not an order request): 5 errors, 1 warning, 0 infos",
        "warning: no JSON files found in the given paths",
        "error: cannot write the output: broken pipe",
    ] {
        assert!(!regex.is_match(not_a_finding), "{not_a_finding}");
    }
}

#[test]
fn the_vs_code_schema_setting_points_at_the_saved_schema() {
    let settings: serde_json::Value =
        serde_json::from_str(&doc_block("json", "json.schemas")).expect("settings.json is JSON");
    let schemas = settings["json.schemas"].as_array().unwrap();
    assert_eq!(schemas.len(), 1);
    assert_eq!(schemas[0]["url"], "./orders.schema.json");
    assert!(doc_block("sh", "orderlint schema").contains("orderlint schema > orders.schema.json"));
}

#[test]
fn the_pre_commit_hooks_match_json_and_json_lines() {
    let yaml = fs::read_to_string(root().join(".pre-commit-hooks.yaml")).unwrap();
    let values = |key: &str| -> Vec<String> {
        yaml.lines()
            .filter_map(|line| line.trim_start().strip_prefix(&format!("{key}: ")))
            .map(|value| value.trim_start_matches("- ").to_owned())
            .collect()
    };
    let ids: Vec<_> = yaml
        .lines()
        .filter_map(|line| line.strip_prefix("- id: "))
        .collect();
    assert_eq!(ids, ["orderlint", "orderlint-system"]);
    assert_eq!(values("language"), ["rust", "system"]);
    assert_eq!(
        values("entry"),
        [
            "orderlint check --force-exclude",
            "orderlint check --force-exclude"
        ]
    );
    assert_eq!(values("require_serial"), ["false", "false"]);
    let files = values("files");
    assert_eq!(files.len(), 2);
    assert_eq!(files[0], files[1]);
    // pre-commit uses Python's `re.search`; this pattern means the same in
    // the regex crate.
    let regex = Regex::new(&files[0]).unwrap();
    for path in [
        "good.json",
        "requests/2024.jsonl",
        "log.ndjson",
        "UPPER.JSON",
        "a b.Json",
    ] {
        assert!(regex.is_match(path), "{path}");
    }
    for path in [
        "a.json5",
        "tsconfig.jsonc",
        "b.json.bak",
        "json",
        "notes.txt",
    ] {
        assert!(!regex.is_match(path), "{path}");
    }
}
