//! Integrations: `--color`, shell completions, the man page.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use clap::ValueEnum;

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
