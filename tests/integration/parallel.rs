//! Files and JSON Lines are checked in parallel: the output must not depend
//! on the number of threads or on which one finished first, and must be what
//! linting each document on its own gives.

use std::path::{Path, PathBuf};
use std::process::Command;

use orderlint::Config;

use crate::support::root;

/// Every fixture document, pass and fail, of every rule.
fn fixture_texts() -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![root().join("fixtures")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "json") {
                let name = path.strip_prefix(root()).unwrap().display().to_string();
                out.push((name, std::fs::read(&path).unwrap()));
            }
        }
    }
    out.sort();
    out
}

/// A corpus in `dir`: each fixture copied three times into nested folders
/// (several hundred files), and a JSON Lines file of the fixtures that are
/// JSON, compacted, repeated past two batches of lines, with a broken line.
fn corpus(dir: &Path) -> PathBuf {
    let fixtures = fixture_texts();
    assert!(fixtures.len() > 50, "{} fixtures", fixtures.len());
    for copy in 0..3 {
        for (i, (_, bytes)) in fixtures.iter().enumerate() {
            let folder = dir.join(format!("c{copy}/d{}", i % 7));
            std::fs::create_dir_all(&folder).unwrap();
            std::fs::write(folder.join(format!("f{i}.json")), bytes).unwrap();
        }
    }
    let lines: Vec<String> = fixtures
        .iter()
        .filter_map(|(_, bytes)| serde_json::from_slice::<serde_json::Value>(bytes).ok())
        .map(|value| value.to_string())
        .collect();
    let mut jsonl = String::new();
    let mut n = 0;
    while n < 5000 {
        for line in &lines {
            jsonl.push_str(line);
            jsonl.push_str(if n % 3 == 0 { "\r\n" } else { "\n" });
            n += 1;
            if n == 2500 {
                jsonl.push_str("{\"order_id\": \"broken\",\n");
            }
        }
    }
    let path = dir.join("requests.jsonl");
    std::fs::write(&path, jsonl).unwrap();
    path
}

fn check(dir: &Path, threads: &str, format: &str) -> Vec<u8> {
    let output = Command::new(env!("CARGO_BIN_EXE_orderlint"))
        .args(["check", ".", "--format", format])
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("RAYON_NUM_THREADS", threads)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "{format}, {threads} threads");
    output.stdout
}

#[test]
fn the_output_is_the_same_whatever_the_number_of_threads() {
    let dir = tempfile::tempdir().unwrap();
    corpus(dir.path());
    for format in ["json", "human", "concise"] {
        let one = check(dir.path(), "1", format);
        for threads in ["2", "8"] {
            assert!(
                check(dir.path(), threads, format) == one,
                "{format}: 1 thread and {threads} threads differ"
            );
        }
    }
}

/// (path, line, rule, column) of every diagnostic in the JSON report.
fn places(report: &serde_json::Value) -> Vec<(String, u64, String, u64)> {
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["path"].as_str().unwrap().to_owned(),
                d["range"]["start"]["line"].as_u64().unwrap_or(0),
                d["rule"].as_str().unwrap().to_owned(),
                d["range"]["start"]["column"].as_u64().unwrap_or(0),
            )
        })
        .collect()
}

#[test]
fn a_parallel_run_finds_what_linting_each_document_alone_finds() {
    let dir = tempfile::tempdir().unwrap();
    let jsonl = corpus(dir.path());
    let report: serde_json::Value =
        serde_json::from_slice(&check(dir.path(), "2", "json")).unwrap();
    let mut expected = Vec::new();
    let mut files = Vec::new();
    let mut stack = vec![dir.path().to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                files.push(path);
            }
        }
    }
    let config = Config::default();
    for path in files {
        // As the report shows it: below `.`, which was checked.
        let shown = format!("./{}", path.strip_prefix(dir.path()).unwrap().display());
        let bytes = std::fs::read(&path).unwrap();
        let outcome = if path == jsonl {
            // One line at a time, in order, on this thread.
            let mut lines = orderlint::jsonl::JsonLines::new(&shown, &config);
            for line in bytes.split_inclusive(|&b| b == b'\n') {
                lines.push(line);
            }
            lines.finish()
        } else {
            orderlint::lint_bytes(&shown, &bytes, &config)
        };
        for f in outcome.findings {
            let start = f.range.unwrap().start;
            expected.push((
                f.path,
                start.line as u64,
                f.rule.to_owned(),
                start.column as u64,
            ));
        }
    }
    let mut got = places(&report);
    // The report is ordered by path, then position; compare as sets of
    // places, with duplicates.
    got.sort();
    expected.sort();
    assert!(got.len() > 1000, "{} findings", got.len());
    assert!(
        got.iter()
            .any(|(p, l, r, _)| p == "./requests.jsonl" && *l > 2500 && r == "invalid-json"),
        "the broken line in the second batch is reported: {:?}",
        got.iter()
            .filter(|(p, _, r, _)| p == "./requests.jsonl" && r == "invalid-json")
            .collect::<Vec<_>>()
    );
    assert_eq!(got, expected);
}
