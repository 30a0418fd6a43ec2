//! Inputs: standard input (`-`, `--stdin-filename`), JSON Lines files, and
//! the ignore files a directory walk respects (`--no-ignore`).
//!
//! Every run here gets a home directory of its own, so that the machine's
//! global git excludes cannot hide a test file.

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
    let mut child = crate::support::isolated(dir, args, home.path(), gitconfig)
        .stdin(Stdio::piped())
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

/// A request with a string amount (line 5) and a description padded after
/// `Zoë` (line 6), with multi-byte characters before both.
const REQUEST: &str = "{\n  \"type\": \"redirect\",\n  \"order_id\": \"Zoë-1\",\n  \
     \"currency\": \"EUR\",\n  \"amount\": \"1000\",\n  \"description\": \"Zoë \"\n}\n";

#[test]
fn stdin_is_read_with_exact_positions() {
    let dir = tempfile::tempdir().unwrap();
    let output = orderlint(
        dir.path(),
        &["check", "-", "--format", "json"],
        REQUEST.as_bytes(),
    );
    assert_eq!(code(&output), 1);
    let json = json(&output);
    // `"1000"` is at byte 81 (one `ë` before it is two bytes); the space
    // after `Zoë` is column 22 but byte 111 (two `ë` before it).
    assert_eq!(
        places(&json),
        [
            "amount-not-in-cents - 5:13+81 \"/amount\"",
            "whitespace-padding - 6:22+111 \"/description\"",
        ]
    );
    assert_eq!(&REQUEST[81..87], "\"1000\"");
    assert_eq!(&REQUEST[111..112], " ");
    assert_eq!(json["summary"]["files"], 1);
    assert_eq!(json["summary"]["checked"], 1);
}

#[test]
fn stdin_filename_names_the_document_and_is_not_read() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("orders")).unwrap();
    // A file by that name exists, but standard input is what is linted.
    fs::write(dir.path().join("orders/today.json"), "not json").unwrap();
    let args = ["check", "-", "--stdin-filename", "orders/today.json"];
    let output = orderlint(dir.path(), &args, REQUEST.as_bytes());
    assert_eq!(code(&output), 1);
    insta::assert_snapshot!(stdout(&output));

    let mut args = args.to_vec();
    args.extend(["--format", "json"]);
    let output = orderlint(dir.path(), &args, REQUEST.as_bytes());
    assert_eq!(
        places(&json(&output)),
        [
            "amount-not-in-cents orders/today.json 5:13+81 \"/amount\"",
            "whitespace-padding orders/today.json 6:22+111 \"/description\"",
        ]
    );
}

#[test]
fn stdin_filename_without_paths_reads_stdin_and_with_others_needs_a_dash() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("good.json"), "{\"order_id\": \"A\"}").unwrap();
    let output = orderlint(
        dir.path(),
        &["check", "--stdin-filename", "a.json", "--format", "json"],
        REQUEST.as_bytes(),
    );
    assert_eq!(code(&output), 1);
    assert_eq!(json(&output)["diagnostics"][0]["path"], "a.json");

    let output = orderlint(
        dir.path(),
        &["check", "good.json", "--stdin-filename", "a.json"],
        REQUEST.as_bytes(),
    );
    assert_eq!(code(&output), 2);
    assert_eq!(
        String::from_utf8(output.stderr).unwrap(),
        "error: --stdin-filename names the document read from standard input; \
         add `-` to the paths\n"
    );
}

#[test]
fn stdin_among_files_is_sorted_with_them_and_read_once() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.json"), "{").unwrap();
    fs::write(dir.path().join("z.json"), "{").unwrap();
    let output = orderlint(
        dir.path(),
        &["check", "z.json", "-", "a.json", "-", "--format", "json"],
        b"[",
    );
    assert_eq!(code(&output), 1);
    let json = json(&output);
    let paths: Vec<&str> = crate::support::each(&json, "path");
    assert_eq!(paths, ["-", "a.json", "z.json"]);
    assert_eq!(json["summary"]["files"], 3);
}

#[test]
fn empty_stdin_is_an_empty_document() {
    let dir = tempfile::tempdir().unwrap();
    let output = orderlint(dir.path(), &["check", "-", "--format", "json"], b"");
    assert_eq!(code(&output), 1);
    let json = json(&output);
    assert_eq!(places(&json), ["invalid-json - 1:1+0 \"\""]);
    assert_eq!(json["diagnostics"][0]["message"], "the file is empty");
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
fn json_lines_from_stdin() {
    let dir = tempfile::tempdir().unwrap();
    let text = LINES.join("\n");
    let output = orderlint(
        dir.path(),
        &[
            "check",
            "-",
            "--stdin-filename",
            "log/requests.jsonl",
            "--format",
            "json",
        ],
        text.as_bytes(),
    );
    assert_eq!(code(&output), 1);
    assert_eq!(
        places(&json(&output)),
        [
            "amount-not-in-cents log/requests.jsonl 1:70+69 \"/amount\" (line 1)",
            "invalid-json log/requests.jsonl 3:70+167 \"\" (line 3)",
            "whitespace-padding log/requests.jsonl 5:97+292 \"/description\" (line 5)",
        ]
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

/// Writes a file holding `{`, which is always one `invalid-json` finding,
/// so that the paths reported are the files found.
fn broken(dir: &Path, name: &str) {
    let path = dir.join(name);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, "{").unwrap();
}

/// The paths reported, that is, the files read.
fn found(output: &Output) -> Vec<String> {
    json(output)["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["path"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn gitignore_and_ignore_files_are_respected_outside_a_repository() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    for name in [
        "kept.json",
        "ignored.json",
        "logs/kept.jsonl",
        "logs/skip.ndjson",
        "build/out.json",
        "fixtures/a.json",
        "fixtures/keep-me.json",
    ] {
        broken(root, name);
    }
    fs::write(root.join(".gitignore"), "ignored.json\nbuild/\n").unwrap();
    fs::write(root.join(".ignore"), "*.ndjson\n").unwrap();
    // A nested `.gitignore` with a negation, read as git reads it.
    fs::write(root.join("fixtures/.gitignore"), "*.json\n!keep-me.json\n").unwrap();
    let output = orderlint(root, &["check", ".", "--format", "json"], b"");
    assert_eq!(
        found(&output),
        [
            "./fixtures/keep-me.json",
            "./kept.json",
            "./logs/kept.jsonl"
        ]
    );

    let output = orderlint(
        root,
        &["check", ".", "--no-ignore", "--format", "json"],
        b"",
    );
    assert_eq!(
        found(&output),
        [
            "./build/out.json",
            "./fixtures/a.json",
            "./fixtures/keep-me.json",
            "./ignored.json",
            "./kept.json",
            "./logs/kept.jsonl",
            "./logs/skip.ndjson",
        ]
    );

    // A file named on the command line is read, ignored or not.
    let output = orderlint(root, &["check", "ignored.json", "--format", "json"], b"");
    assert_eq!(found(&output), ["ignored.json"]);
}

#[test]
fn a_repositorys_ignore_files_apply_to_a_subdirectory_walked() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::create_dir_all(root.join(".git/info")).unwrap();
    fs::write(root.join(".git/info/exclude"), "local.json\n").unwrap();
    fs::write(root.join(".gitignore"), "/orders/draft-*.json\n").unwrap();
    for name in [
        "orders/a.json",
        "orders/draft-1.json",
        "orders/local.json",
        "orders/sub/draft-2.json",
    ] {
        broken(root, name);
    }
    // `orders` is walked, and the root's `.gitignore` and the repository's
    // exclude file still apply; the anchored pattern only matches at its
    // level.
    let output = orderlint(root, &["check", "orders", "--format", "json"], b"");
    assert_eq!(found(&output), ["orders/a.json", "orders/sub/draft-2.json"]);
    let output = orderlint(
        &root.join("orders"),
        &["check", ".", "--format", "json"],
        b"",
    );
    assert_eq!(found(&output), ["./a.json", "./sub/draft-2.json"]);
}

#[test]
fn the_global_git_excludes_are_respected() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("work");
    broken(&root, "a.json");
    broken(&root, "scratch.json");
    let excludes = dir.path().join("global-ignore");
    fs::write(&excludes, "scratch.json\n").unwrap();
    let gitconfig = dir.path().join("gitconfig");
    fs::write(
        &gitconfig,
        format!("[core]\n\texcludesFile = {}\n", excludes.display()),
    )
    .unwrap();
    let args = ["check", ".", "--format", "json"];
    let output = orderlint_with(&root, &args, b"", Some(&gitconfig));
    assert_eq!(found(&output), ["./a.json"]);
    let output = orderlint_with(
        &root,
        &[&args[..], &["--no-ignore"]].concat(),
        b"",
        Some(&gitconfig),
    );
    assert_eq!(found(&output), ["./a.json", "./scratch.json"]);
}

#[cfg(unix)]
#[test]
fn a_fifo_is_never_read() {
    let dir = tempfile::tempdir().unwrap();
    broken(dir.path(), "a.json");
    let made = Command::new("mkfifo")
        .arg(dir.path().join("pipe.json"))
        .status()
        .unwrap();
    assert!(made.success());
    // Nothing ever writes to the FIFO: a run that opened it would hang, so
    // the run gets ten seconds.
    let mut child = Command::new(env!("CARGO_BIN_EXE_orderlint"))
        .args(["check", ".", "pipe.json", "--format", "json"])
        .current_dir(dir.path())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while child.try_wait().unwrap().is_none() {
        if std::time::Instant::now() > deadline {
            child.kill().unwrap();
            panic!("orderlint opened the FIFO and hung");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let output = child.wait_with_output().unwrap();
    assert_eq!(
        code(&output),
        2,
        "the FIFO named explicitly is a tool error"
    );
    let json = json(&output);
    assert_eq!(
        found(&output),
        ["./a.json", "pipe.json"],
        "the walk passes the FIFO over"
    );
    assert_eq!(
        json["diagnostics"][1]["message"],
        "cannot read `pipe.json`: not a regular file or directory \
         (a FIFO, socket or device is not read)"
    );
}
