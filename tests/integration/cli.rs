//! The binary, run as a user runs it: output, exit codes, file discovery.

use std::fs;

use clap::CommandFactory;

use crate::support::{code, root, run, stdout};

#[test]
fn clap_definition_is_consistent() {
    orderlint::cli::Cli::command().debug_assert();
}

#[test]
fn human_output_points_at_the_right_places() {
    let output = run(&root(), &["check", "tests/cases/mixed"]);
    assert_eq!(code(&output), 1);
    insta::assert_snapshot!(stdout(&output));
}

#[test]
fn json_output_has_the_documented_shape() {
    let output = run(&root(), &["check", "tests/cases/mixed", "--format", "json"]);
    assert_eq!(code(&output), 1);
    let text = stdout(&output);
    let json: serde_json::Value = serde_json::from_str(&text).expect("one JSON document");
    assert_eq!(json["version"], 1);
    assert_eq!(json["tool"]["name"], "orderlint");
    assert_eq!(
        json["summary"]["files"], 4,
        "node_modules, hidden dirs and *.txt are not walked"
    );
    assert_eq!(json["summary"]["checked"], 3);
    assert_eq!(
        json["summary"]["skipped"], 1,
        "package.json is not an order request"
    );
    insta::assert_snapshot!(text);
}

#[test]
fn columns_count_characters_not_bytes() {
    let output = run(
        &root(),
        &["check", "tests/cases/mixed/bad.json", "--format", "json"],
    );
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    let locale = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["pointer"] == "/customer/locale")
        .expect("the locale is reported");
    let line = fs::read_to_string(root().join("tests/cases/mixed/bad.json")).unwrap();
    let line = line.lines().nth(5).unwrap();
    let byte = line.find("\"nl-NL\"").unwrap();
    let chars = line[..byte].chars().count();
    assert!(
        chars < byte,
        "the line has multi-byte characters before the value"
    );
    assert_eq!(locale["range"]["start"]["line"], 6);
    assert_eq!(locale["range"]["start"]["column"], chars + 1);
    assert_eq!(
        locale["range"]["end"]["column"],
        chars + 1 + "\"nl-NL\"".len()
    );
}

#[test]
fn a_clean_run_exits_zero_and_says_so() {
    let output = run(&root(), &["check", "tests/cases/mixed/good.json"]);
    assert_eq!(code(&output), 0);
    assert_eq!(
        stdout(&output),
        "Checked 1 file: 0 errors, 0 warnings, 0 infos\n"
    );
}

#[test]
fn fail_on_error_ignores_nothing_that_is_an_error() {
    let output = run(
        &root(),
        &["check", "tests/cases/mixed/bad.json", "--fail-on", "error"],
    );
    assert_eq!(code(&output), 1);
}

#[test]
fn all_lints_files_that_are_not_order_requests() {
    let output = run(
        &root(),
        &[
            "check",
            "tests/cases/mixed/package.json",
            "--all",
            "--format",
            "json",
        ],
    );
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(json["summary"]["checked"], 1);
    let messages: Vec<&str> = crate::support::each(&json, "message");
    assert!(
        messages.contains(&"missing required field `order_id`"),
        "{messages:?}"
    );
    assert!(
        messages.contains(&"unknown field `name` in the request body"),
        "{messages:?}"
    );
    assert_eq!(code(&output), 1);
}

#[test]
fn skipped_files_are_counted() {
    let output = run(&root(), &["check", "tests/cases/mixed/package.json"]);
    assert_eq!(code(&output), 0);
    assert_eq!(
        stdout(&output),
        "Checked 0 files, skipped 1 (not an order request): 0 errors, 0 warnings, 0 infos\n"
    );
}

#[test]
fn a_missing_path_is_a_tool_error_and_the_rest_is_still_checked() {
    let output = run(
        &root(),
        &[
            "check",
            "no/such/file.json",
            "tests/cases/mixed/bad.json",
            "--format",
            "json",
        ],
    );
    assert_eq!(code(&output), 2, "a tool error wins over findings");
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    let diagnostics = json["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics[0]["rule"], "io-error");
    assert_eq!(diagnostics[0]["path"], "no/such/file.json");
    assert_eq!(
        diagnostics[0]["message"],
        "cannot read `no/such/file.json`: no such file or directory"
    );
    assert!(diagnostics.len() > 1, "bad.json is still reported");
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_is_reported_and_not_followed() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("orders")).unwrap();
    fs::copy(
        root().join("tests/cases/mixed/good.json"),
        dir.path().join("orders/good.json"),
    )
    .unwrap();
    std::os::unix::fs::symlink("..", dir.path().join("orders/loop")).unwrap();
    let output = run(dir.path(), &["check", "orders", "--format", "json"]);
    assert_eq!(code(&output), 2);
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(json["summary"]["checked"], 1, "good.json is still checked");
    let diagnostics = json["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), 1);
    assert_eq!(diagnostics[0]["rule"], "io-error");
    assert_eq!(diagnostics[0]["path"], "orders/loop");
    assert!(
        diagnostics[0]["message"]
            .as_str()
            .unwrap()
            .contains("symbolic link loop"),
        "{}",
        diagnostics[0]["message"]
    );
}

#[test]
fn walking_is_sorted_and_paths_are_joined_to_the_argument() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["b.json", "a.json", "sub/c.json"] {
        let path = dir.path().join("in").join(name);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(
            &path,
            "{\"order_id\": 1, \"currency\": \"EUR\", \"amount\": 1}",
        )
        .unwrap();
    }
    let output = run(dir.path(), &["check", "in", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    let paths: Vec<&str> = crate::support::each(&json, "path");
    let mut sorted = paths.clone();
    sorted.sort_unstable();
    assert_eq!(paths, sorted);
    assert!(paths.contains(&"in/sub/c.json"), "{paths:?}");
}

#[test]
fn schema_prints_the_bundled_schema() {
    let output = run(&root(), &["schema"]);
    assert_eq!(code(&output), 0);
    let bundled = fs::read_to_string(root().join("schemas/orders.schema.json")).unwrap();
    assert_eq!(stdout(&output), bundled);
}

#[test]
fn help_documents_the_exit_codes() {
    let output = run(&root(), &["check", "--help"]);
    let help = stdout(&output);
    assert!(help.contains("Exit codes:"), "{help}");
    assert!(help.contains("2  a tool error"), "{help}");
}

#[test]
fn bad_arguments_exit_two() {
    let output = run(&root(), &["check", "--format", "yaml"]);
    assert_eq!(code(&output), 2);
}

#[test]
fn rules_and_explain() {
    let output = run(&root(), &["rules"]);
    assert_eq!(code(&output), 0);
    let list = stdout(&output);
    assert!(list.contains("invalid-json"), "{list}");
    assert!(list.contains("schema"), "{list}");

    let output = run(&root(), &["explain", "invalid-json"]);
    assert_eq!(code(&output), 0);
    assert_eq!(
        stdout(&output),
        orderlint::rules::by_name("invalid-json")
            .unwrap()
            .explanation()
    );

    let output = run(&root(), &["explain", "no-such-rule"]);
    assert_eq!(code(&output), 2);
}

#[cfg(unix)]
#[test]
fn dangling_links_are_reported_only_where_a_file_would_be_read() {
    let dir = tempfile::tempdir().unwrap();
    let orders = dir.path().join("orders");
    fs::create_dir(&orders).unwrap();
    fs::copy(
        root().join("tests/cases/mixed/good.json"),
        orders.join("good.json"),
    )
    .unwrap();
    for name in ["README", ".hidden.json", "gone.json"] {
        std::os::unix::fs::symlink("/nonexistent/target", orders.join(name)).unwrap();
    }
    let output = run(dir.path(), &["check", "orders", "--format", "json"]);
    assert_eq!(code(&output), 2);
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    let diagnostics = json["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    assert_eq!(diagnostics[0]["path"], "orders/gone.json");
    assert_eq!(
        diagnostics[0]["message"],
        "cannot read `orders/gone.json`: dangling symbolic link: its target does not exist"
    );
    assert_eq!(json["summary"]["files"], 1, "a dangling link is not a file");
}

#[test]
fn json_with_comments_config_files_are_not_walked() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["tsconfig.json", "tsconfig.build.json", "jsconfig.json"] {
        fs::write(
            dir.path().join(name),
            "{\n  // comments are normal here\n}\n",
        )
        .unwrap();
    }
    let output = run(dir.path(), &["check", "."]);
    assert_eq!(code(&output), 0, "{}", stdout(&output));
    // Named explicitly, such a file is still read.
    let output = run(dir.path(), &["check", "tsconfig.json"]);
    assert_eq!(code(&output), 1);
}

#[test]
fn no_files_found_is_said_on_stderr() {
    let dir = tempfile::tempdir().unwrap();
    let output = run(dir.path(), &["check", "."]);
    assert_eq!(code(&output), 0);
    assert_eq!(
        String::from_utf8(output.stderr).unwrap(),
        "warning: no JSON files found in the given paths\n"
    );
}

#[test]
fn explain_io_error() {
    let output = run(&root(), &["explain", "io-error"]);
    assert_eq!(code(&output), 0);
    assert!(stdout(&output).contains("Not a rule"));
}

#[test]
fn fail_on_sets_the_threshold() {
    let dir = tempfile::tempdir().unwrap();
    // A digit string for days_active is no error, so this file is clean;
    // missing `order_id` is an error.
    fs::write(
        dir.path().join("clean.json"),
        r#"{"order_id": "A", "currency": "EUR", "amount": 1, "description": "d"}"#,
    )
    .unwrap();
    fs::write(
        dir.path().join("error.json"),
        r#"{"currency": "EUR", "amount": 1, "description": "d"}"#,
    )
    .unwrap();
    for level in ["error", "warning", "info"] {
        let clean = run(dir.path(), &["check", "clean.json", "--fail-on", level]);
        assert_eq!(code(&clean), 0, "clean, --fail-on {level}");
        let error = run(dir.path(), &["check", "error.json", "--fail-on", level]);
        assert_eq!(code(&error), 1, "an error, --fail-on {level}");
    }
}

/// The README's `console` examples are real: each `$ command` is run in the
/// project root and must print exactly what follows it.
#[test]
fn readme_examples_are_real() {
    let readme = fs::read_to_string(root().join("README.md")).unwrap();
    let mut blocks = 0;
    let mut lines = readme.lines();
    while let Some(line) = lines.next() {
        if line != "```console" {
            continue;
        }
        let mut command = None;
        let mut expected = String::new();
        for line in lines.by_ref() {
            if line == "```" {
                break;
            }
            match line.strip_prefix("$ ") {
                Some(c) if command.is_none() => command = Some(c.to_owned()),
                _ => {
                    expected.push_str(line);
                    expected.push('\n');
                }
            }
        }
        let command = command.expect("a console block starts with `$ `");
        let args: Vec<&str> = command.split_whitespace().skip(1).collect();
        assert!(command.starts_with("orderlint "), "{command}");
        let output = run(&root(), &args);
        assert_eq!(stdout(&output), expected, "README example `{command}`");
        blocks += 1;
    }
    assert!(blocks > 0, "the README has a console example");
}

#[test]
fn a_finding_on_a_very_long_line_is_shown_without_its_source() {
    let dir = tempfile::tempdir().unwrap();
    let body = format!(
        r#"{{"order_id":"A-1","currency":"EUR","amount":1,"description":"d","var1":"{}","gateway":"iDEAL"}}"#,
        "x".repeat(70_000)
    );
    fs::write(dir.path().join("minified.json"), body).unwrap();
    let output = run(dir.path(), &["check", "minified.json"]);
    assert_eq!(
        code(&output),
        1,
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = stdout(&output);
    assert!(
        text.contains("minified.json:1:70085: `gateway` is `iDEAL`"),
        "{text}"
    );
    assert!(text.len() < 2_000, "no 70,000-character snippet");
}

#[test]
fn force_exclude_applies_to_the_stdin_filename() {
    use std::io::Write as _;
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("orderlint.toml"),
        "exclude = [\"legacy/**\"]\n",
    )
    .unwrap();
    let bad = fs::read(root().join("tests/cases/mixed/bad.json")).unwrap();
    let lint = |name: &str| {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_orderlint"))
            .args(["check", "-", "--stdin-filename", name, "--force-exclude"])
            .args(["--format", "concise"])
            .current_dir(dir.path())
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(&bad).unwrap();
        child.wait_with_output().unwrap()
    };
    let excluded = lint("legacy/old.json");
    assert_eq!(code(&excluded), 0, "{}", stdout(&excluded));
    assert!(
        !stdout(&excluded).contains("error["),
        "{}",
        stdout(&excluded)
    );
    let checked = lint("orders/new.json");
    assert_eq!(code(&checked), 1);
    assert!(
        stdout(&checked).starts_with("orders/new.json:"),
        "{}",
        stdout(&checked)
    );
}

#[test]
fn github_annotations_name_repository_relative_files() {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(
        root().join("tests/cases/mixed/bad.json"),
        dir.path().join("bad.json"),
    )
    .unwrap();
    let output = run(dir.path(), &["check", ".", "--format", "github"]);
    assert_eq!(code(&output), 1);
    let text = stdout(&output);
    assert!(text.starts_with("::error file=bad.json,"), "{text}");
}
