//! Inputs: JSON Lines files.
//!
//! Every run here gets a home directory of its own, so that the machine's
//! global git configuration cannot change what a test sees.

use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use crate::support::{code, stdout};

/// Runs the binary in `dir` with `args`, `stdin` on standard input, colour
/// off, and a fresh home: no global or system git configuration unless
/// `gitconfig` names one (it becomes `GIT_CONFIG_GLOBAL`).
fn orderlint_with(dir: &Path, args: &[&str], stdin: &[u8], gitconfig: Option<&Path>) -> Output {
    let home = tempfile::tempdir().unwrap();
    let global = gitconfig.map_or_else(|| home.path().join(".gitconfig"), Path::to_path_buf);
    let mut child = Command::new(env!("CARGO_BIN_EXE_orderlint"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("FORCE_COLOR")
        .env("HOME", home.path())
        .env("XDG_CONFIG_HOME", home.path().join(".config"))
        .env("GIT_CONFIG_GLOBAL", global)
        .env("GIT_CONFIG_SYSTEM", home.path().join("gitconfig"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    // The binary may exit without reading (a bad argument): a closed pipe
    // is then no failure of the test.
    let _ = child.stdin.take().unwrap().write_all(stdin);
    child.wait_with_output().unwrap()
}

fn orderlint(dir: &Path, args: &[&str], stdin: &[u8]) -> Output {
    orderlint_with(dir, args, stdin, None)
}

fn json(output: &Output) -> serde_json::Value {
    serde_json::from_str(&stdout(output)).expect("one JSON document")
}

/// Each diagnostic as `rule path line:column+offset pointer`, with the JSON
/// Lines line when there is one.
fn places(json: &serde_json::Value) -> Vec<String> {
    json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let start = &d["range"]["start"];
            let jsonl = d
                .get("jsonl_line")
                .map_or_else(String::new, |line| format!(" (line {line})"));
            format!(
                "{} {} {}:{}+{} {}{jsonl}",
                d["rule"].as_str().unwrap(),
                d["path"].as_str().unwrap(),
                start["line"],
                start["column"],
                start["offset"],
                d["pointer"],
            )
        })
        .collect()
}

/// Five lines: an order with a decimal amount (line 1), a blank line, a
/// broken line, valid JSON that is not an order (skipped), and an order with
/// a padded description after multi-byte characters (line 5, no final line
/// break).
const LINES: [&str; 5] = [
    r#"{"type": "redirect", "order_id": "A-1", "currency": "EUR", "amount": 10.5, "description": "One"}"#,
    "",
    r#"{"type": "redirect", "order_id": "A-3", "currency": "EUR", "amount": }"#,
    r#"{"name": "not an order"}"#,
    r#"{"type": "redirect", "order_id": "Zoë-5", "currency": "EUR", "amount": 1000, "description": "Zoë "}"#,
];

#[test]
fn json_lines_positions_are_the_files_own() {
    let dir = tempfile::tempdir().unwrap();
    let text = LINES.join("\n");
    fs::write(dir.path().join("requests.jsonl"), &text).unwrap();
    let output = orderlint(
        dir.path(),
        &["check", "requests.jsonl", "--format", "json"],
        b"",
    );
    assert_eq!(code(&output), 1);
    let json = json(&output);
    // Line 3 starts at byte 98 (97 + 1, then the blank line's break); line
    // 5 at byte 194, and its two `ë` make the column 97 where the byte is
    // 98 bytes into the line.
    assert_eq!(
        places(&json),
        [
            "amount-not-in-cents requests.jsonl 1:70+69 \"/amount\" (line 1)",
            "invalid-json requests.jsonl 3:70+167 \"\" (line 3)",
            "whitespace-padding requests.jsonl 5:97+292 \"/description\" (line 5)",
        ]
    );
    assert_eq!(&text[69..73], "10.5");
    assert_eq!(&text[167..168], "}");
    assert_eq!(&text[292..293], " ");
    assert_eq!(json["diagnostics"][1]["message"], "unexpected `}`");
    assert_eq!(json["summary"]["files"], 1);
    assert_eq!(
        json["summary"]["checked"], 3,
        "two orders and the broken line"
    );
    assert_eq!(
        json["summary"]["skipped"], 1,
        "the line that is not an order"
    );

    let output = orderlint(dir.path(), &["check", "requests.jsonl"], b"");
    insta::assert_snapshot!(stdout(&output));
}

#[test]
fn json_lines_with_crlf_keep_their_columns() {
    let dir = tempfile::tempdir().unwrap();
    let text = LINES.join("\r\n") + "\r\n";
    fs::write(dir.path().join("requests.ndjson"), &text).unwrap();
    let output = orderlint(
        dir.path(),
        &["check", "requests.ndjson", "--format", "json"],
        b"",
    );
    assert_eq!(code(&output), 1);
    // The same lines and columns; each offset is one byte further per `\r`
    // before it.
    assert_eq!(
        places(&json(&output)),
        [
            "amount-not-in-cents requests.ndjson 1:70+69 \"/amount\" (line 1)",
            "invalid-json requests.ndjson 3:70+169 \"\" (line 3)",
            "whitespace-padding requests.ndjson 5:97+296 \"/description\" (line 5)",
        ]
    );
    assert_eq!(&text[169..170], "}");
    assert_eq!(&text[296..297], " ");
}

#[test]
fn an_unfinished_line_is_reported_and_the_next_line_still_checked() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!("{}\n{{\"order_id\": \"B\",\n{}\n", LINES[0], LINES[0]);
    fs::write(dir.path().join("r.jsonl"), &text).unwrap();
    let output = orderlint(dir.path(), &["check", "r.jsonl", "--format", "json"], b"");
    let json = json(&output);
    assert_eq!(
        places(&json),
        [
            "amount-not-in-cents r.jsonl 1:70+69 \"/amount\" (line 1)",
            "invalid-json r.jsonl 2:17+113 \"\" (line 2)",
            "amount-not-in-cents r.jsonl 3:70+184 \"/amount\" (line 3)",
        ]
    );
    // At the `,` that ends line 2, where the document ends unfinished.
    assert_eq!(&text[113..114], ",");
    assert_eq!(
        json["diagnostics"][1]["message"],
        "unexpected end of the line: the object opened with `{` is never closed"
    );
}

#[test]
fn json_lines_summary_counts_documents() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.jsonl"), LINES.join("\n")).unwrap();
    fs::write(
        dir.path().join("b.json"),
        r#"{"type": "redirect", "order_id": "B", "currency": "EUR", "amount": 1, "description": "d"}"#,
    )
    .unwrap();
    let output = orderlint(dir.path(), &["check", "a.jsonl", "b.json"], b"");
    let out = stdout(&output);
    assert_eq!(
        out.lines().last().unwrap(),
        "Checked 4 documents in 2 files, skipped 1 (not an order request): \
         2 errors, 1 warning, 0 infos"
    );
}
