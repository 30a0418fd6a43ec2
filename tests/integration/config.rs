//! `orderlint.toml`, `--config`, `--select`, `--ignore` and `--force-exclude`,
//! run as a user runs them, in a throwaway directory.

use std::fs;
use std::path::Path;
use std::process::Output;

use crate::support::{code, run, stdout};

/// A request with one finding of each of four rules: whitespace-padding at
/// `/description` 6:26, lifetime-as-string at `/days_active` 7:18,
/// insecure-url at `/payment_options/notification_url` 8:44, unknown-field
/// at `/customer/emial` 9:35.
const REQUEST: &str = r#"{
  "type": "redirect",
  "order_id": "A-1",
  "currency": "EUR",
  "amount": 1000,
  "description": "Order 1 ",
  "days_active": "3",
  "payment_options": {"notification_url": "http://example.com/notify"},
  "customer": {"locale": "nl_NL", "emial": "a@example.com"}
}
"#;

/// Writes `files` (path, text) below `dir`.
fn write(dir: &Path, files: &[(&str, &str)]) {
    for (path, text) in files {
        let path = dir.join(path);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

/// The JSON report, one line per diagnostic:
/// `path:line:col severity rule pointer`, then the summary.
fn listing(output: &Output) -> String {
    let json: serde_json::Value = serde_json::from_str(&stdout(output)).unwrap();
    let mut out = String::new();
    for d in json["diagnostics"].as_array().unwrap() {
        out.push_str(&format!(
            "{}:{}:{} {} {} {}\n",
            d["path"].as_str().unwrap(),
            d["range"]["start"]["line"],
            d["range"]["start"]["column"],
            d["severity"].as_str().unwrap(),
            d["rule"].as_str().unwrap(),
            d["pointer"],
        ));
    }
    out.push_str(&json["summary"].to_string());
    out
}

/// Every key of the file at once. The comments say what each one does to
/// the result.
const EVERY_KEY: &str = r#"
# Walked files: only below orders/, and not orders/drafts/.
include = ["orders/**"]
exclude = ["orders/drafts"]
# Warnings and infos do not fail the run.
fail-on = "error"
# Lint every JSON file, not only order requests (orders/other.json).
detect = false
# Read no file larger than this (every file here is smaller, until
# orders/large.json is written).
max-file-size = "1KiB"

[rules]
unknown-field = "off"
lifetime-as-string = "warning"

[[overrides]]
files = ["orders/legacy/**"]
[overrides.rules]
insecure-url = "off"
whitespace-padding = "info"

[[overrides]]
files = ["orders/other.json"]
rules = { schema = "warning" }

[[suppress]]
files = ["orders/a.json"]
pointer = "/description"
rules = ["whitespace-padding"]
reason = "the trailing space is what this template is about"

[[suppress]]
files = ["orders/a.json"]
pointer = "/amount"
rules = ["amount-not-in-cents"]
reason = "stale: the amount was fixed long ago"

[[suppress]]
files = ["orders/a.json"]
pointer = "/customer/emial"
rules = ["unknown-field"]
reason = "unknown-field is off, so this cannot be told stale"
"#;

#[test]
fn every_key() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        &[
            ("orderlint.toml", EVERY_KEY),
            ("orders/a.json", REQUEST),
            ("orders/legacy/b.json", REQUEST),
            ("orders/drafts/c.json", REQUEST),
            ("orders/other.json", "{\"amount\": 1}\n"),
            ("notes/d.json", REQUEST),
        ],
    );
    let output = run(dir.path(), &["check", ".", "--format", "json"]);
    assert_eq!(stderr(&output), "");
    assert_eq!(code(&output), 0, "fail-on = \"error\" and no error is left");
    insta::assert_snapshot!("every_key_listing", listing(&output));

    let output = run(dir.path(), &["check", ".", "--fail-on", "warning"]);
    assert_eq!(code(&output), 1, "the command line's --fail-on wins");
    let human = stdout(&output);
    insta::assert_snapshot!(
        "every_key_unused_suppression",
        &human[human.find("unused-suppression").unwrap()..]
    );

    let large = format!("{}{}", REQUEST.trim_end(), " ".repeat(1024));
    write(dir.path(), &[("orders/large.json", &large)]);
    let output = run(
        dir.path(),
        &["check", "orders/large.json", "--format", "json"],
    );
    assert_eq!(code(&output), 2, "a file not read is a tool error");
    assert_eq!(
        listing(&output),
        "orders/large.json:null:null error io-error null\n\
         {\"checked\":0,\"errors\":1,\"files\":1,\"infos\":0,\"skipped\":0,\"warnings\":0}"
    );
}

#[test]
fn max_file_size_must_be_a_size() {
    let dir = tempfile::tempdir().unwrap();
    for (value, message) in [
        ("0", "the size must be at least 1 byte"),
        ("-5", "the size must be at least 1 byte"),
        (
            "\"64 megs\"",
            "`64 megs` is not a size: write bytes, or a number and a unit such as `64MiB`",
        ),
        (
            "true",
            "`max-file-size` must be a number of bytes or a size such as \"64MiB\", not a boolean",
        ),
        (
            "[1]",
            "`max-file-size` must be a number of bytes or a size such as \"64MiB\", not an array",
        ),
    ] {
        write(
            dir.path(),
            &[
                ("orderlint.toml", &format!("max-file-size = {value}\n")),
                ("a.json", "{"),
            ],
        );
        let output = run(dir.path(), &["check", "a.json"]);
        assert_eq!(code(&output), 2, "{value}");
        assert_eq!(stdout(&output), "", "nothing is linted");
        let shown = stderr(&output);
        assert!(shown.starts_with(&format!("  × {message}\n")), "{shown}");
        assert!(shown.contains("[orderlint.toml:1:17]"), "{shown}");
    }
}

#[test]
fn a_toml_error_is_shown_where_it_is_and_nothing_is_linted() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        &[
            (
                "orderlint.toml",
                "fail-on = \"error\"\n\n[rules]\nwhitespace-padding = \"of\"\n",
            ),
            ("a.json", REQUEST),
        ],
    );
    let output = run(dir.path(), &["check", "."]);
    assert_eq!(code(&output), 2);
    assert_eq!(stdout(&output), "", "nothing is linted");
    insta::assert_snapshot!(stderr(&output), @r#"
      × unknown variant `of`, expected one of `off`, `info`, `warning`, `error`
       ╭─[orderlint.toml:4:22]
     3 │ [rules]
     4 │ whitespace-padding = "of"
       ·                      ──┬─
       ·                        ╰── not allowed
       ╰────
    "#);
}

#[test]
fn unknown_rule_names_and_a_missing_reason_are_errors_at_their_place() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        &[
            (
                "orderlint.toml",
                r#"[rules]
whitespace-paddin = "off"

[[overrides]]
files = ["legacy/**"]
rules = { secure-url = "error" }

[[suppress]]
files = ["a.json"]
pointer = "/description"
rules = ["schema", "io-error"]
reason = "the description is checked elsewhere"

[[suppress]]
files = ["a.json"]
pointer = "/amount"
rules = ["amount-not-in-cents"]
"#,
            ),
            ("a.json", REQUEST),
        ],
    );
    let output = run(dir.path(), &["check", "."]);
    assert_eq!(code(&output), 2);
    assert_eq!(stdout(&output), "", "nothing is linted");
    insta::assert_snapshot!("unknown_rule_names", stderr(&output));
}

#[test]
fn unknown_rule_names_on_the_command_line_are_errors() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), &[("a.json", REQUEST)]);
    let output = run(dir.path(), &["check", ".", "--select", "schema,whitespace"]);
    assert_eq!(code(&output), 2);
    assert_eq!(stdout(&output), "");
    assert!(
        stderr(&output).starts_with(
            "error: invalid value 'whitespace' for '--select <RULE>': unknown rule `whitespace`"
        ),
        "{}",
        stderr(&output)
    );
    let output = run(
        dir.path(),
        &["check", ".", "--ignore", "unused-suppression"],
    );
    assert_eq!(code(&output), 2);
    assert!(
        stderr(&output).contains(
            "unknown rule `unused-suppression`; `unused-suppression` is not a rule and cannot be configured"
        ),
        "{}",
        stderr(&output)
    );
}

#[test]
fn an_override_applies_to_its_files_only_and_in_order() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        &[
            (
                "orderlint.toml",
                r#"
[rules]
second-chance-short-lifetime = "error"
insecure-url = "error"

[[overrides]]
files = ["fixtures/legacy/**"]
rules = { insecure-url = "off", lifetime-as-string = "off" }

[[overrides]]
files = ["fixtures/legacy/keep/*.json"]
rules = { insecure-url = "info" }
"#,
            ),
            ("orders/a.json", REQUEST),
            ("fixtures/legacy/b.json", REQUEST),
            ("fixtures/legacy/keep/c.json", REQUEST),
        ],
    );
    let output = run(
        dir.path(),
        &[
            "check",
            ".",
            "--format",
            "json",
            "--ignore",
            "unknown-field",
        ],
    );
    insta::assert_snapshot!(listing(&output), @r#"
    ./fixtures/legacy/b.json:6:26 warning whitespace-padding "/description"
    ./fixtures/legacy/keep/c.json:6:26 warning whitespace-padding "/description"
    ./fixtures/legacy/keep/c.json:8:44 info insecure-url "/payment_options/notification_url"
    ./orders/a.json:6:26 warning whitespace-padding "/description"
    ./orders/a.json:7:18 info lifetime-as-string "/days_active"
    ./orders/a.json:8:44 error insecure-url "/payment_options/notification_url"
    {"checked":3,"errors":1,"files":3,"infos":2,"skipped":0,"warnings":3}
    "#);
}

/// A request whose `amount` is a string: `amount-not-in-cents` reports it,
/// and the `schema` finding for the same value is dropped.
const STRING_AMOUNT: &str = r#"{
  "type": "redirect",
  "order_id": "A-1",
  "currency": "EUR",
  "amount": "1000",
  "description": "Order 1 "
}
"#;

#[test]
fn select_and_ignore_come_after_the_configuration() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        &[
            (
                "orderlint.toml",
                "[rules]\nwhitespace-padding = \"off\"\namount-not-in-cents = \"warning\"\n",
            ),
            ("a.json", STRING_AMOUNT),
        ],
    );
    let check = |extra: &[&str]| {
        let mut args = vec!["check", "a.json", "--format", "json"];
        args.extend_from_slice(extra);
        listing(&run(dir.path(), &args))
    };
    insta::assert_snapshot!(check(&[]), @r#"
    a.json:5:13 warning amount-not-in-cents "/amount"
    {"checked":1,"errors":0,"files":1,"infos":0,"skipped":0,"warnings":1}
    "#);
    // --select turns on a rule that the file turned off, at its default
    // severity, and only the selected rules report.
    insta::assert_snapshot!(check(&["--select", "whitespace-padding"]), @r#"
    a.json:6:26 warning whitespace-padding "/description"
    {"checked":1,"errors":0,"files":1,"infos":0,"skipped":0,"warnings":1}
    "#);
    // Selected rules keep the severity the file gives them.
    insta::assert_snapshot!(check(&["--select", "amount-not-in-cents,whitespace-padding"]), @r#"
    a.json:5:13 warning amount-not-in-cents "/amount"
    a.json:6:26 warning whitespace-padding "/description"
    {"checked":1,"errors":0,"files":1,"infos":0,"skipped":0,"warnings":2}
    "#);
    // --ignore wins over --select. Turning a rule off hides its findings but
    // does not bring back the `schema` finding its finding replaced.
    insta::assert_snapshot!(
        check(&["--select", "amount-not-in-cents,schema", "--ignore", "amount-not-in-cents"]),
        @r#"{"checked":1,"errors":0,"files":1,"infos":0,"skipped":0,"warnings":0}"#
    );
}

#[test]
fn force_exclude_filters_explicit_paths_too() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        &[
            ("orderlint.toml", "exclude = [\"generated/**\"]\n"),
            ("generated/a.json", STRING_AMOUNT),
            ("orders/b.json", STRING_AMOUNT),
        ],
    );
    let files = |args: &[&str]| {
        let mut all = vec!["check", "--format", "json"];
        all.extend_from_slice(args);
        let output = run(dir.path(), &all);
        let json: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
        let mut paths: Vec<String> = json["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["path"].as_str().unwrap().to_owned())
            .collect();
        paths.dedup();
        (paths, code(&output))
    };
    // Walked: excluded.
    assert_eq!(files(&["."]), (vec!["./orders/b.json".to_owned()], 1));
    // Named on the command line (as pre-commit does): checked anyway...
    assert_eq!(
        files(&["generated/a.json", "orders/b.json"]),
        (
            vec!["generated/a.json".to_owned(), "orders/b.json".to_owned()],
            1
        )
    );
    // ...unless --force-exclude.
    assert_eq!(
        files(&["--force-exclude", "generated/a.json", "orders/b.json"]),
        (vec!["orders/b.json".to_owned()], 1)
    );
    assert_eq!(files(&["--force-exclude", "generated/a.json"]), (vec![], 0));
    // Named and also walked, spelled otherwise than the walk spells it: the
    // walk's copy is the one kept, and it is still a named file.
    for named in ["generated/./a.json", "generated//a.json"] {
        assert_eq!(
            files(&["generated", named]),
            (vec!["generated/a.json".to_owned()], 1),
            "{named}"
        );
    }
}

#[test]
fn the_file_is_found_upward_and_its_globs_are_relative_to_it() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        &[
            (
                "orderlint.toml",
                r#"
[[suppress]]
files = ["orders/a.json"]
pointer = "/description"
rules = ["whitespace-padding"]
reason = "kept on purpose"

[[suppress]]
files = ["orders/a.json"]
pointer = "/amount"
rules = ["whitespace-padding"]
reason = "stale"

[[suppress]]
files = ["elsewhere/*.json"]
pointer = "/amount"
rules = ["whitespace-padding"]
reason = "about files this run does not look at"
"#,
            ),
            ("orders/a.json", STRING_AMOUNT),
        ],
    );
    let output = run(
        &dir.path().join("orders"),
        &["check", "a.json", "--format", "json"],
    );
    insta::assert_snapshot!(listing(&output), @r#"
    ../orderlint.toml:8:1 warning unused-suppression null
    a.json:5:13 error amount-not-in-cents "/amount"
    {"checked":1,"errors":1,"files":1,"infos":0,"skipped":0,"warnings":1}
    "#);
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(
        json["diagnostics"][0]["message"],
        "unused suppression: no `whitespace-padding` finding at `/amount` in the files it names"
    );
    assert_eq!(
        json["diagnostics"][0]["range"]["end"]["line"], 12,
        "the range covers the whole table"
    );
}

#[test]
fn config_names_the_file_and_a_missing_one_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        &[
            ("orderlint.toml", "this is not toml"),
            (
                "ci/strict.toml",
                "fail-on = \"info\"\n[rules]\nschema = \"info\"\n",
            ),
            ("a.json", "{\"order_id\": \"A\"}\n"),
        ],
    );
    // --config: the file found upward (broken here) is not read.
    let output = run(
        dir.path(),
        &[
            "check",
            "a.json",
            "--config",
            "ci/strict.toml",
            "--format",
            "json",
        ],
    );
    assert_eq!(code(&output), 1, "fail-on = \"info\" and only infos");
    assert!(
        listing(&output).contains("\"infos\":3"),
        "{}",
        listing(&output)
    );

    let output = run(
        dir.path(),
        &["check", "a.json", "--config", "ci/missing.toml"],
    );
    assert_eq!(code(&output), 2);
    assert_eq!(stdout(&output), "");
    assert_eq!(
        stderr(&output),
        "error: cannot read the configuration `ci/missing.toml`: no such file or directory\n"
    );
}

#[test]
fn detect_and_fail_on_yield_to_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        &[
            ("orderlint.toml", "detect = true\nfail-on = \"error\"\n"),
            ("package.json", "{\"name\": \"x\"}\n"),
            ("a.json", REQUEST),
        ],
    );
    let output = run(dir.path(), &["check", "."]);
    assert_eq!(
        code(&output),
        0,
        "only warnings and an info; fail-on = error"
    );
    let output = run(dir.path(), &["check", ".", "--fail-on", "info"]);
    assert_eq!(code(&output), 1);
    let output = run(
        dir.path(),
        &["check", "package.json", "--all", "--format", "json"],
    );
    assert!(
        listing(&output).contains("\"checked\":1"),
        "--all wins over detect"
    );
}

#[test]
fn mistakes_point_at_themselves() {
    let cases = [
        (
            "colour = \"never\"\n",
            "[orderlint.toml:1:1]",
            "unknown field `colour`",
        ),
        (
            "detect = \"yes\"\n",
            "[orderlint.toml:1:10]",
            "invalid type: string \"yes\"",
        ),
        (
            "fail-on = \"off\"\n",
            "[orderlint.toml:1:11]",
            "unknown variant `off`",
        ),
        (
            "include = [\"orders/[a\"]\n",
            "[orderlint.toml:1:12]",
            "invalid glob `orders/[a`",
        ),
        (
            "exclude = [\"/abs/**\"]\n",
            "[orderlint.toml:1:12]",
            "leaves the directory",
        ),
        (
            "[[overrides]]\nfile = [\"a\"]\n",
            "[orderlint.toml:2:1]",
            "unknown field `file`",
        ),
        (
            "[[suppress]]\nfiles = [\"a.json\"]\npointer = \"description\"\nrules = [\"schema\"]\nreason = \"r\"\n",
            "[orderlint.toml:3:11]",
            "`description` is not a JSON Pointer",
        ),
        ("[rules\n", "[orderlint.toml:1:7]", "unclosed table"),
    ];
    for (toml, place, message) in cases {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), &[("orderlint.toml", toml), ("a.json", REQUEST)]);
        let output = run(dir.path(), &["check", "."]);
        let shown = stderr(&output);
        assert_eq!(code(&output), 2, "{toml}");
        assert_eq!(stdout(&output), "", "{toml}");
        assert!(shown.contains(place), "{toml}: {shown}");
        assert!(shown.contains(message), "{toml}: {shown}");
    }
}

#[test]
fn explain_unused_suppression() {
    let output = run(&crate::support::root(), &["explain", "unused-suppression"]);
    assert_eq!(code(&output), 0);
    assert!(stdout(&output).starts_with("## What it is\nNot a rule"));
}

#[test]
fn the_documented_example_is_a_valid_configuration() {
    let doc = fs::read_to_string(crate::support::root().join("docs/configuration.md")).unwrap();
    let start = doc.find("```toml\n").unwrap() + "```toml\n".len();
    let example = &doc[start..start + doc[start..].find("```").unwrap()];
    let file = orderlint::config::ConfigFile::parse("orderlint.toml", example).unwrap();
    assert_eq!(file.overrides.len(), 2);
    assert_eq!(file.suppress.len(), 2);
    assert_eq!(file.max_file_size, Some(64 << 20));
    for key in [
        "include",
        "exclude",
        "fail-on",
        "detect",
        "max-file-size",
        "[rules]",
    ] {
        assert!(example.contains(key), "the example shows `{key}`");
    }
}
