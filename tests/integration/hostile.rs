//! Hostile input (issue 6): no file, however broken or large, crashes
//! orderlint, hangs it, makes it read without bound, or hides the findings
//! of the other files.
//!
//! Every run here goes through [`orderlint`], which runs the binary in a
//! temporary directory with a deadline (a hang is a failure, not a stuck
//! test), checks that it exited with 0, 1 or 2 and printed no internal
//! error (a panic or a signal would show there), and that it wrote nothing
//! next to its inputs. Most runs put [`SIBLING`], a valid request with one
//! known finding, beside the hostile file, and check that its finding is
//! still reported.

use std::collections::BTreeMap;
use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

/// A valid request with one finding: `amount` is a decimal.
const SIBLING: &str = r#"{"order_id":"A","currency":"EUR","amount":10.5,"description":"Order A"}"#;

/// [`SIBLING`]'s finding, as [`diagnostics`] shows it, for the sibling at
/// `sibling.json` (or `./sibling.json` when a directory is walked).
fn sibling_finding(path: &str) -> String {
    format!("amount-not-in-cents {path} 1:43 `amount` is `10.5`, not an integer")
}

/// The start of a valid request whose last field is still to come.
const REQUEST_START: &str = r#"{"order_id":"A","currency":"EUR","amount":100,"description":"#;

/// What a run of the binary gave.
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Run {
    /// Standard output as the JSON report.
    fn json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("not JSON ({e}):\n{}", self.stdout))
    }
}

/// What standard input is.
enum Input<'a> {
    Nothing,
    Bytes(&'a [u8]),
    File(&'a Path),
}

/// Everything below `dir`, without following symbolic links: each path
/// with its kind and size.
fn tree(dir: &Path) -> BTreeMap<PathBuf, (String, u64)> {
    fn go(dir: &Path, out: &mut BTreeMap<PathBuf, (String, u64)>) {
        for entry in fs::read_dir(dir).unwrap() {
            let entry = entry.unwrap();
            let meta = fs::symlink_metadata(entry.path()).unwrap();
            out.insert(
                entry.path(),
                (format!("{:?}", meta.file_type()), meta.len()),
            );
            if meta.is_dir() {
                go(&entry.path(), out);
            }
        }
    }
    let mut out = BTreeMap::new();
    go(dir, &mut out);
    out
}

/// Runs the binary in `dir` with `args` and `stdin`, colour off and a fresh
/// home (no global git excludes), and fails if it takes longer than
/// `deadline`, exits otherwise than with 0, 1 or 2, reports an internal
/// error, or changes anything in `dir`.
fn orderlint_with(dir: &Path, args: &[&str], stdin: Input<'_>, deadline: Duration) -> Run {
    let before = tree(dir);
    let home = tempfile::tempdir().unwrap();
    let stdin_kind = match stdin {
        Input::Nothing => Stdio::null(),
        Input::Bytes(_) => Stdio::piped(),
        Input::File(path) => Stdio::from(fs::File::open(path).unwrap()),
    };
    let started = Instant::now();
    let mut child = crate::support::isolated(dir, args, home.path(), None)
        .stdin(stdin_kind)
        .spawn()
        .expect("the binary runs");
    let writer = match stdin {
        Input::Bytes(bytes) => {
            let mut pipe = child.stdin.take().unwrap();
            let bytes = bytes.to_vec();
            // The binary may stop reading (a limit): a closed pipe is no
            // failure of the test.
            Some(std::thread::spawn(move || {
                let _ = pipe.write_all(&bytes);
            }))
        }
        _ => None,
    };
    let reader = |mut pipe: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut text = Vec::new();
            pipe.read_to_end(&mut text).unwrap();
            text
        })
    };
    let out = reader(Box::new(child.stdout.take().unwrap()));
    let err = reader(Box::new(child.stderr.take().unwrap()));
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > deadline {
            child.kill().unwrap();
            panic!("orderlint {args:?} ran for more than {deadline:?}: it hangs");
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    if let Some(writer) = writer {
        writer.join().unwrap();
    }
    let run = Run {
        code: status
            .code()
            .unwrap_or_else(|| panic!("orderlint {args:?} was killed by a signal: {status}")),
        stdout: String::from_utf8(out.join().unwrap()).expect("stdout is UTF-8"),
        stderr: String::from_utf8(err.join().unwrap()).expect("stderr is UTF-8"),
    };
    assert!(
        [0, 1, 2].contains(&run.code),
        "orderlint {args:?} exited with {}:\n{}",
        run.code,
        run.stderr
    );
    assert!(
        !run.stderr.contains("internal error") && !run.stderr.contains("panicked"),
        "orderlint {args:?} failed inside:\n{}",
        run.stderr
    );
    assert_eq!(
        tree(dir),
        before,
        "orderlint {args:?} changed the directory of its inputs"
    );
    run
}

/// [`orderlint_with`], with nothing on standard input and 30 seconds.
fn orderlint(dir: &Path, args: &[&str]) -> Run {
    orderlint_with(dir, args, Input::Nothing, Duration::from_secs(30))
}

/// Each diagnostic of a JSON report as `rule path line:column message`
/// (without a range: `rule path message`).
fn diagnostics(json: &Value) -> Vec<String> {
    json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let (rule, path, message) = (
                d["rule"].as_str().unwrap(),
                d["path"].as_str().unwrap(),
                d["message"].as_str().unwrap(),
            );
            match d["range"]["start"].as_object() {
                Some(start) => format!(
                    "{rule} {path} {}:{} {message}",
                    start["line"], start["column"]
                ),
                None => format!("{rule} {path} {message}"),
            }
        })
        .collect()
}

/// A temporary directory holding `files` (name, bytes) and [`SIBLING`] as
/// `sibling.json`.
fn with_sibling(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("sibling.json"), SIBLING).unwrap();
    for (name, bytes) in files {
        fs::write(dir.path().join(name), bytes).unwrap();
    }
    dir
}

/// The 1-based line and column of byte `offset` of `bytes`, as orderlint
/// counts them (columns are characters; a byte order mark at the start is
/// not one; every byte that is not UTF-8 is one).
fn line_column(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = &bytes[..offset];
    let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
    let start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let mut segment = &before[start..];
    if start == 0 {
        segment = segment
            .strip_prefix("\u{feff}".as_bytes())
            .unwrap_or(segment);
    }
    (
        line,
        1 + segment.iter().filter(|&&b| b & 0xC0 != 0x80).count(),
    )
}

/// The largest column on each line of `bytes` (one past its last
/// character), counted as [`line_column`] counts.
fn last_columns(bytes: &[u8]) -> Vec<usize> {
    bytes
        .split(|&b| b == b'\n')
        .enumerate()
        .map(|(i, line)| {
            let line = if i == 0 {
                line.strip_prefix("\u{feff}".as_bytes()).unwrap_or(line)
            } else {
                line
            };
            1 + line.iter().filter(|&&b| b & 0xC0 != 0x80).count()
        })
        .collect()
}

/// Whether `offset` is not inside a UTF-8 character of `bytes`.
fn on_boundary(bytes: &[u8], offset: usize) -> bool {
    offset == bytes.len() || bytes.get(offset).is_some_and(|&b| b & 0xC0 != 0x80)
}

/// Checks a line and column against the file: both within it.
fn assert_within(bytes: &[u8], line: usize, column: usize, what: &str) {
    let columns = last_columns(bytes);
    assert!(
        (1..=columns.len()).contains(&line),
        "{what}: line {line} of {}",
        columns.len()
    );
    assert!(
        (1..=columns[line - 1]).contains(&column),
        "{what}: column {column} on line {line}, which ends at {}",
        columns[line - 1]
    );
}

#[test]
fn nesting_100000_levels_is_a_finding_not_a_crash() {
    let arrays = "[".repeat(100_000);
    let objects = "{\"a\":".repeat(100_000);
    let dir = with_sibling(&[
        ("arrays.json", arrays.as_bytes()),
        ("objects.json", objects.as_bytes()),
    ]);
    let run = orderlint(
        dir.path(),
        &[
            "check",
            "arrays.json",
            "objects.json",
            "sibling.json",
            "--format",
            "json",
        ],
    );
    assert_eq!(run.code, 1);
    let deep = "the document is nested too deeply for orderlint: its parser stops at 512 \
                levels of objects, arrays and keys";
    // The parser stops where the 513th level opens: the 513th `[`, or the
    // key of the 257th object (an object and its key are a level each).
    assert_eq!(
        diagnostics(&run.json()),
        [
            format!("invalid-json arrays.json 1:513 {deep}"),
            format!("invalid-json objects.json 1:1282 {deep}"),
            sibling_finding("sibling.json"),
        ]
    );
    assert_eq!(&objects[1280..1282], "{\"");
}

#[test]
fn a_field_nested_10000_levels_deep_in_customer_is_a_finding() {
    let deep = format!(
        "{REQUEST_START}\"d\",\"customer\":{{\"deep\":{}1{}}}}}",
        "{\"x\":".repeat(10_000),
        "}".repeat(10_000)
    );
    // The deepest nesting that parses is linted through: every rule and the
    // schema walk it, on a worker thread (two files are linted in
    // parallel), without running out of stack.
    let deepest_parsed = format!(
        "{REQUEST_START}\"d\",\"shopping_cart\":{}{}}}",
        "[".repeat(511),
        "]".repeat(511)
    );
    let too_deep = format!(
        "{REQUEST_START}\"d\",\"shopping_cart\":{}{}}}",
        "[".repeat(512),
        "]".repeat(512)
    );
    let dir = with_sibling(&[
        ("deep.json", deep.as_bytes()),
        ("deepest.json", deepest_parsed.as_bytes()),
        ("too-deep.json", too_deep.as_bytes()),
    ]);
    let run = orderlint(dir.path(), &["check", ".", "--format", "json"]);
    assert_eq!(run.code, 1);
    let message = "the document is nested too deeply for orderlint: its parser stops at 512 \
                   levels of objects, arrays and keys";
    assert_eq!(
        diagnostics(&run.json()),
        [
            format!("invalid-json ./deep.json 1:1355 {message}"),
            "schema ./deepest.json 1:81 `shopping_cart` must be an object, found an array"
                .to_owned(),
            sibling_finding("./sibling.json"),
            format!("invalid-json ./too-deep.json 1:591 {message}"),
        ]
    );
    assert_eq!(&deep[1354..1355], "\"", "the key at the 513th level");
    assert_eq!(&too_deep[590..591], "[", "the 512th `[`");
}

#[test]
fn a_50_mb_description_is_too_long_and_nothing_worse() {
    let text = format!("{REQUEST_START}\"{}\"}}", "x".repeat(50_000_000));
    let dir = with_sibling(&[("huge.json", text.as_bytes())]);
    // Well within the limit (64 MiB): it is read and linted whole. The
    // concise format keeps the check to the lint itself.
    let run = orderlint_with(
        dir.path(),
        &["check", "huge.json", "sibling.json", "--format", "concise"],
        Input::Nothing,
        Duration::from_secs(90),
    );
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stdout,
        "huge.json:1:262: error[description-too-long] `description` is 50000000 characters \
         long, 49999800 more than the maximum of 200\n\
         sibling.json:1:43: error[amount-not-in-cents] `amount` is `10.5`, not an integer\n\
         Checked 2 files: 2 errors, 0 warnings, 0 infos\n"
    );
}

#[test]
fn a_file_over_the_limit_is_not_read() {
    let dir = with_sibling(&[]);
    // 200 MiB of nothing: a sparse file, which costs no disk and no time
    // to make. Read, it would be an `invalid-json` NUL byte; it is refused
    // by its size, without being read.
    let big = fs::File::create(dir.path().join("big.json")).unwrap();
    big.set_len(200 << 20).unwrap();
    drop(big);
    let run = orderlint(dir.path(), &["check", ".", "--format", "json"]);
    assert_eq!(run.code, 2, "a file not read is a tool error");
    let json = run.json();
    assert_eq!(
        diagnostics(&json),
        [
            "io-error ./big.json `./big.json` is 200 MiB, over the 64 MiB limit \
             (--max-file-size); it is not read",
            &sibling_finding("./sibling.json"),
        ]
    );
    assert_eq!(
        json["diagnostics"][0]["help"],
        "if it is meant to be this large, raise the limit with `--max-file-size` or \
         `max-file-size` in orderlint.toml"
    );
    assert_eq!(json["summary"]["files"], 2);
}

#[test]
fn the_limit_is_exact_and_set_on_the_command_line_or_in_the_configuration() {
    // 100 bytes, and the same with one more: the limit is 100.
    let request = format!("{REQUEST_START}\"{}\",\"x\":1}}", "d".repeat(31));
    assert_eq!(request.len(), 100);
    let dir = with_sibling(&[("at.json", request.as_bytes())]);
    fs::write(dir.path().join("over.json"), format!("{request} ")).unwrap();
    let expected = [
        "unknown-field at.json 1:95 unknown field `x` in the request body".to_owned(),
        "io-error over.json `over.json` is 101 bytes, over the 100 bytes limit \
         (--max-file-size); it is not read"
            .to_owned(),
        sibling_finding("sibling.json"),
    ];
    let args = [
        "check",
        "over.json",
        "at.json",
        "sibling.json",
        "--format",
        "json",
    ];
    let run = orderlint(
        dir.path(),
        &[&args[..], &["--max-file-size", "100"]].concat(),
    );
    assert_eq!(run.code, 2);
    assert_eq!(diagnostics(&run.json()), expected);

    fs::write(dir.path().join("orderlint.toml"), "max-file-size = 100\n").unwrap();
    let run = orderlint(dir.path(), &args);
    assert_eq!(run.code, 2);
    assert_eq!(
        diagnostics(&run.json()),
        expected,
        "max-file-size in orderlint.toml"
    );

    // The command line wins over the file; units are read.
    fs::write(
        dir.path().join("orderlint.toml"),
        "max-file-size = \"1KiB\"\n",
    )
    .unwrap();
    let run = orderlint(
        dir.path(),
        &[&args[..], &["--max-file-size", "99B"]].concat(),
    );
    assert_eq!(
        diagnostics(&run.json())[0],
        "io-error at.json `at.json` is 100 bytes, over the 99 bytes limit (--max-file-size); \
         it is not read"
    );
    let run = orderlint(dir.path(), &args);
    assert_eq!(run.code, 1, "1 KiB lets every file through");

    let run = orderlint(dir.path(), &["check", "at.json", "--max-file-size", "0"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains(
            "invalid value '0' for '--max-file-size <BYTES>': the size must be at least 1 byte"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn a_json_lines_file_is_limited_line_by_line() {
    let line = |amount: &str| {
        format!(
            "{{\"type\":\"redirect\",\"order_id\":\"A\",\"currency\":\"EUR\",\"amount\":{amount},\
             \"description\":\"d\"}}"
        )
    };
    let short = line("10.5");
    let long = line(&format!("1{}", "0".repeat(40)));
    // Exactly at the limit of 100 bytes (its line break not counted): read.
    let exact = line(&"1".repeat(21));
    assert_eq!((short.len(), long.len(), exact.len()), (83, 120, 100));
    // Lines 2 (with a Windows line break) and 5 (with none) are over it.
    let text = format!("{short}\n{long}\r\n{short}\n{exact}\n{long}");
    let dir = with_sibling(&[("requests.jsonl", text.as_bytes())]);
    let run = orderlint(
        dir.path(),
        &[
            "check",
            "requests.jsonl",
            "sibling.json",
            "--max-file-size",
            "100",
            "--format",
            "json",
        ],
    );
    assert_eq!(run.code, 2);
    let json = run.json();
    let over = |n: usize| {
        format!(
            "io-error requests.jsonl {n}:1 line {n} is 120 bytes, over the 100 bytes limit \
             for one line of a JSON Lines file (--max-file-size); it is not read"
        )
    };
    assert_eq!(
        diagnostics(&json),
        [
            "amount-not-in-cents requests.jsonl 1:61 `amount` is `10.5`, not an integer".to_owned(),
            over(2),
            "amount-not-in-cents requests.jsonl 3:61 `amount` is `10.5`, not an integer".to_owned(),
            format!(
                "schema requests.jsonl 4:61 `amount` must be at most 9223372036854775807, \
                 found the number `{}`",
                "1".repeat(21)
            ),
            over(5),
            sibling_finding("sibling.json"),
        ]
    );
    // The lines after a long one keep the file's own offsets: the lines
    // start at bytes 0, 84, 206, 290 and 391.
    let offsets: Vec<u64> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .take(5)
        .map(|d| d["range"]["start"]["offset"].as_u64().unwrap())
        .collect();
    assert_eq!(offsets, [60, 84, 206 + 60, 290 + 60, 391]);
    assert_eq!(&text[206 + 60..206 + 64], "10.5");
    assert_eq!(json["diagnostics"][1]["jsonl_line"], 2);
    assert_eq!(json["diagnostics"][1]["pointer"], Value::Null);
    assert_eq!(
        json["summary"]["checked"], 4,
        "three lines were linted, and the sibling"
    );
}

#[test]
fn a_200_mib_json_lines_file_is_streamed_not_held() {
    let dir = with_sibling(&[]);
    // One line of 200 MiB of NUL bytes, with no line break: read to its
    // end a piece at a time, never held whole, and reported.
    let big = fs::File::create(dir.path().join("big.jsonl")).unwrap();
    big.set_len(200 << 20).unwrap();
    drop(big);
    let message = "line 1 is 200 MiB, over the 64 MiB limit for one line of a JSON Lines file \
                   (--max-file-size); it is not read";
    let run = orderlint(dir.path(), &["check", ".", "--format", "json"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        diagnostics(&run.json()),
        [
            format!("io-error ./big.jsonl 1:1 {message}"),
            sibling_finding("./sibling.json"),
        ]
    );
    // The human format shows a file's source, but does not read one over
    // the limit to show it.
    let run = orderlint(dir.path(), &["check", "big.jsonl", "sibling.json"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stdout
            .contains(&format!("big.jsonl:1:1: {}", &message[..40])),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("╭─[sibling.json:1:43]"),
        "{}",
        run.stdout
    );
}

#[cfg(unix)]
#[test]
fn standard_input_is_read_within_the_limit() {
    let dir = with_sibling(&[]);
    let zero = Path::new("/dev/zero");
    let run = orderlint_with(
        dir.path(),
        &[
            "check",
            "-",
            "sibling.json",
            "--max-file-size",
            "1MiB",
            "--format",
            "json",
        ],
        Input::File(zero),
        Duration::from_secs(30),
    );
    assert_eq!(run.code, 2);
    assert_eq!(
        diagnostics(&run.json()),
        [
            "io-error - standard input is over the 1 MiB limit (--max-file-size); it is not read"
                .to_owned(),
            sibling_finding("sibling.json"),
        ]
    );
    // The default limit ends an endless input too.
    let run = orderlint_with(
        dir.path(),
        &[
            "check",
            "-",
            "--stdin-filename",
            "x.jsonl",
            "--format",
            "concise",
        ],
        Input::File(zero),
        Duration::from_secs(30),
    );
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stdout.lines().next().unwrap(),
        "x.jsonl: error[io-error] standard input is over the 64 MiB limit (--max-file-size); \
         it is not read"
    );
    // Within the limit, standard input is linted as before.
    let run = orderlint_with(
        dir.path(),
        &["check", "-", "--max-file-size", "71", "--format", "concise"],
        Input::Bytes(SIBLING.as_bytes()),
        Duration::from_secs(30),
    );
    assert_eq!(run.code, 1);
    assert!(run.stdout.starts_with("-:1:43: error[amount-not-in-cents]"));
}

/// The broken files of [`bytes_that_are_not_json_get_exact_findings`]:
/// name, bytes, and the finding (`rule line:column message`).
fn broken_bytes() -> Vec<(&'static str, Vec<u8>, &'static str)> {
    let request = |description: &[u8]| {
        let mut bytes = REQUEST_START.as_bytes().to_vec();
        bytes.extend_from_slice(description);
        bytes.push(b'}');
        bytes
    };
    let utf16 = |big_endian: bool| {
        let text = "\u{feff}{\"order_id\":\"A\"}";
        text.encode_utf16()
            .flat_map(|unit| {
                if big_endian {
                    unit.to_be_bytes()
                } else {
                    unit.to_le_bytes()
                }
            })
            .collect::<Vec<u8>>()
    };
    let mut bom = "\u{feff}".as_bytes().to_vec();
    bom.extend_from_slice(SIBLING.as_bytes());
    vec![
        (
            "latin1-value.json",
            request(b"\"caf\xE9\""),
            "invalid-json 1:65 the file is not valid UTF-8 at byte 64 (0xE9); is it Latin-1 \
             or Windows-1252?",
        ),
        (
            "latin1-key.json",
            b"{\"order_id\":\"A\",\"caf\xE9\":1}".to_vec(),
            "invalid-json 1:21 the file is not valid UTF-8 at byte 20 (0xE9); is it Latin-1 \
             or Windows-1252?",
        ),
        (
            "nul.json",
            request(b"\"a\x00b\""),
            "invalid-json 1:63 a control character (U+0000) inside a string: JSON requires \
             it to be escaped",
        ),
        (
            "nul-after.json",
            [SIBLING.as_bytes(), b"\x00"].concat(),
            "invalid-json 1:72 a NUL byte: the file looks like UTF-16 or binary, not UTF-8 JSON",
        ),
        (
            "surrogate.json",
            request(br#""\ud800""#),
            "invalid-json 1:62 invalid `\\u` escape: d800 (unpaired high surrogate)",
        ),
        (
            "utf16le.json",
            utf16(false),
            "invalid-json 1:1 the file is UTF-16 (it starts with a UTF-16 byte order mark); \
             JSON must be UTF-8",
        ),
        (
            "utf16be.json",
            utf16(true),
            "invalid-json 1:1 the file is UTF-16 (it starts with a UTF-16 byte order mark); \
             JSON must be UTF-8",
        ),
        (
            // Accepted, and not a column: the finding is where it is
            // without the mark.
            "utf8-bom.json",
            bom,
            "amount-not-in-cents 1:43 `amount` is `10.5`, not an integer",
        ),
        (
            "white-space.json",
            b" \r\n\t\n  ".to_vec(),
            "invalid-json 1:1 the file contains only white space",
        ),
        (
            "empty.json",
            Vec::new(),
            "invalid-json 1:1 the file is empty",
        ),
        (
            "mid-escape.json",
            request(br#""\u00"#),
            "invalid-json 1:62 invalid `\\u` escape: expected four hexadecimal digits",
        ),
        (
            "mid-character.json",
            [REQUEST_START.as_bytes(), b"\"caf\xC3"].concat(),
            "invalid-json 1:65 the file is not valid UTF-8: it ends in the middle of a \
             character, at byte 64",
        ),
    ]
}

#[test]
fn bytes_that_are_not_json_get_exact_findings() {
    let cases = broken_bytes();
    let files: Vec<(&str, &[u8])> = cases.iter().map(|(n, b, _)| (*n, b.as_slice())).collect();
    let dir = with_sibling(&files);
    let run = orderlint(dir.path(), &["check", ".", "--format", "json"]);
    assert_eq!(run.code, 1);
    let mut expected: Vec<String> = cases
        .iter()
        .map(|(name, _, finding)| {
            let (rule, rest) = finding.split_once(' ').unwrap();
            format!("{rule} ./{name} {rest}")
        })
        .collect();
    expected.push(sibling_finding("./sibling.json"));
    expected.sort_by_key(|d| d.split(' ').nth(1).unwrap().to_owned());
    assert_eq!(diagnostics(&run.json()), expected);

    // The library's findings keep every promise about positions.
    for (name, bytes, _) in &cases {
        let outcome = orderlint::lint_bytes(name, bytes, &orderlint::Config::default());
        assert_eq!(
            orderlint::invariants::violations(name, &outcome.findings, bytes),
            Vec::<String>::new(),
            "{name}"
        );
    }
}

#[test]
fn numbers_beyond_any_machine_integer() {
    let nines = "9".repeat(400);
    let request = |value: &str| {
        format!(r#"{{"order_id":"A","currency":"EUR","description":"d","amount":{value}}}"#)
    };
    let dir = with_sibling(&[
        ("exponent.json", request("1e999999").as_bytes()),
        ("minus-zero.json", request("-0").as_bytes()),
        ("zero.json", request("0").as_bytes()),
        ("largest.json", request("9223372036854775807").as_bytes()),
        ("past-i64.json", request("9223372036854775808").as_bytes()),
        ("past-u64.json", request("18446744073709551616").as_bytes()),
        ("digits-400.json", request(&nines).as_bytes()),
        ("minus-digits-400.json", request(&format!("-{nines}")).as_bytes()),
        (
            "elsewhere.json",
            format!(
                r#"{{"order_id":"A","currency":"EUR","description":"d","amount":1,"x":[{nines},1e999999,-0]}}"#
            )
            .as_bytes(),
        ),
    ]);
    let run = orderlint(dir.path(), &["check", ".", "--format", "json"]);
    assert_eq!(run.code, 1);
    let most = "`amount` must be at most 9223372036854775807, found the number";
    let shown = format!("{}…", "9".repeat(60));
    assert_eq!(
        diagnostics(&run.json()),
        [
            format!("schema ./digits-400.json 1:61 {most} `{shown}`"),
            "unknown-field ./elsewhere.json 1:63 unknown field `x` in the request body".to_owned(),
            "amount-not-in-cents ./exponent.json 1:61 `amount` is `1e999999`, not an integer"
                .to_owned(),
            format!("schema ./exponent.json 1:61 {most} `1e999999`"),
            format!(
                "schema ./minus-digits-400.json 1:61 `amount` must be at least 0, found the \
                 number `-{}…`",
                "9".repeat(59)
            ),
            format!("schema ./past-i64.json 1:61 {most} `9223372036854775808`"),
            format!("schema ./past-u64.json 1:61 {most} `18446744073709551616`"),
            sibling_finding("./sibling.json"),
        ],
        "`-0` is the integer zero, which the schema allows (a Zero Authorization), as it \
         does 2^63 - 1"
    );
}

/// Makes a FIFO at `path`.
#[cfg(unix)]
fn mkfifo(path: &Path) {
    let made = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(made.success());
}

#[cfg(unix)]
#[test]
fn paths_that_are_not_files_are_reported_and_never_block() {
    use std::os::unix::ffi::OsStrExt;
    use std::os::unix::fs::symlink;

    let dir = with_sibling(&[]);
    let root = dir.path();
    mkfifo(&root.join("fifo.json"));
    symlink("fifo.json", root.join("to-fifo.json")).unwrap();
    symlink("/dev/zero", root.join("to-zero.json")).unwrap();
    symlink("nowhere.json", root.join("dangling.json")).unwrap();
    symlink("loop.json", root.join("loop.json")).unwrap();
    fs::create_dir(root.join("dir.json")).unwrap();
    fs::write(root.join("dir.json/inner.json"), "{").unwrap();
    // Two names that are not UTF-8, shown alike: both are reported.
    for byte in [0xE8, 0xE9] {
        let name = [b'c', b'a', b'f', byte, b'.', b'j', b's', b'o', b'n'];
        fs::write(root.join(std::ffi::OsStr::from_bytes(&name)), SIBLING).unwrap();
    }
    let loop_message = "symbolic link loop: following it never reaches a file (too many levels \
                        of symbolic links); not followed";
    let not_a_file = "not a regular file or directory (a FIFO, socket or device is not read)";

    // Walked: the FIFO and the links to a FIFO and a device are passed over.
    let run = orderlint_with(
        root,
        &["check", ".", "--format", "json"],
        Input::Nothing,
        Duration::from_secs(10),
    );
    assert_eq!(run.code, 2);
    let json = run.json();
    assert_eq!(
        diagnostics(&json),
        [
            sibling_finding("./caf\u{FFFD}.json"),
            sibling_finding("./caf\u{FFFD}.json"),
            "io-error ./dangling.json cannot read `./dangling.json`: dangling symbolic link: \
             its target does not exist"
                .to_owned(),
            "invalid-json ./dir.json/inner.json 1:1 unexpected end of file: the object opened \
             with `{` is never closed"
                .to_owned(),
            format!("io-error ./loop.json cannot read `./loop.json`: {loop_message}"),
            sibling_finding("./sibling.json"),
        ]
    );
    assert_eq!(json["summary"]["files"], 4);

    // Named: each is refused with its reason, at once.
    let run = orderlint_with(
        root,
        &[
            "check",
            "fifo.json",
            "to-fifo.json",
            "/dev/zero",
            "to-zero.json",
            "dangling.json",
            "loop.json",
            "missing.json",
            "dir.json",
            "sibling.json",
            "--format",
            "json",
        ],
        Input::Nothing,
        Duration::from_secs(10),
    );
    assert_eq!(run.code, 2);
    assert_eq!(
        diagnostics(&run.json()),
        [
            format!("io-error /dev/zero cannot read `/dev/zero`: {not_a_file}"),
            "io-error dangling.json cannot read `dangling.json`: dangling symbolic link: its \
             target does not exist"
                .to_owned(),
            "invalid-json dir.json/inner.json 1:1 unexpected end of file: the object opened \
             with `{` is never closed"
                .to_owned(),
            format!("io-error fifo.json cannot read `fifo.json`: {not_a_file}"),
            format!("io-error loop.json cannot read `loop.json`: {loop_message}"),
            "io-error missing.json cannot read `missing.json`: no such file or directory"
                .to_owned(),
            sibling_finding("sibling.json"),
            format!("io-error to-fifo.json cannot read `to-fifo.json`: {not_a_file}"),
            format!("io-error to-zero.json cannot read `to-zero.json`: {not_a_file}"),
        ]
    );

    // An empty directory named like a file: nothing to check.
    fs::remove_file(root.join("dir.json/inner.json")).unwrap();
    let run = orderlint(root, &["check", "dir.json"]);
    assert_eq!(run.code, 0);
    assert_eq!(
        run.stderr,
        "warning: no JSON files found in the given paths\n"
    );
}

/// The configuration is read too, and is no way around the rules: a FIFO
/// or a device named by `--config` is refused at once (a mistake in the
/// configuration stops the run, as always).
#[cfg(unix)]
#[test]
fn a_configuration_that_is_not_a_file_is_refused_at_once() {
    let dir = with_sibling(&[]);
    mkfifo(&dir.path().join("fifo.toml"));
    for config in ["fifo.toml", "/dev/zero"] {
        let run = orderlint_with(
            dir.path(),
            &["check", "sibling.json", "--config", config],
            Input::Nothing,
            Duration::from_secs(10),
        );
        assert_eq!(run.code, 2);
        assert_eq!(run.stdout, "");
        assert_eq!(
            run.stderr,
            format!(
                "error: cannot read the configuration `{config}`: not a regular file or \
                 directory (a FIFO, socket or device is not read)\n"
            )
        );
    }
}

#[test]
fn a_file_that_disappears_after_it_was_found_is_an_io_error() {
    use orderlint::config::Settings;
    use orderlint::run::{self, Sources};

    let dir = with_sibling(&[("gone.json", b"{}"), ("gone.jsonl", b"{}\n")]);
    let paths = [dir.path().to_path_buf()];
    let found = orderlint::discover::discover(&paths, &orderlint::discover::Options::default());
    assert_eq!(found.len(), 3);
    fs::remove_file(dir.path().join("gone.json")).unwrap();
    fs::remove_file(dir.path().join("gone.jsonl")).unwrap();
    let config = orderlint::Config::default();
    for sources in [Sources::Keep, Sources::Drop] {
        let reports = run::check_found(
            found.clone(),
            &paths,
            &config,
            &Settings::default(),
            sources,
        );
        let shown = orderlint::discover::display(dir.path());
        let summary: Vec<(String, orderlint::Status, Vec<String>)> = reports
            .iter()
            .map(|r| {
                let path = r.path.strip_prefix(&shown).unwrap().to_owned();
                let messages = r
                    .findings
                    .iter()
                    .map(|f| format!("{} {}", f.rule, f.message.replace(&shown, "DIR")))
                    .collect();
                (path, r.status, messages)
            })
            .collect();
        assert_eq!(
            summary,
            [
                (
                    "/gone.json".to_owned(),
                    orderlint::Status::Unreadable,
                    vec![
                        "io-error cannot read `DIR/gone.json`: no such file or directory"
                            .to_owned()
                    ]
                ),
                (
                    "/gone.jsonl".to_owned(),
                    orderlint::Status::Unreadable,
                    vec![
                        "io-error cannot read `DIR/gone.jsonl`: no such file or directory"
                            .to_owned()
                    ]
                ),
                (
                    "/sibling.json".to_owned(),
                    orderlint::Status::Checked,
                    vec!["amount-not-in-cents `amount` is `10.5`, not an integer".to_owned()]
                ),
            ]
        );
    }
}

/// A file swapped for a FIFO after it was found (and found to be a file) is
/// an `io-error` at once: it is opened without waiting for a writer.
#[cfg(unix)]
#[test]
fn a_file_swapped_for_a_fifo_after_it_was_found_is_an_io_error_at_once() {
    use orderlint::config::Settings;
    use orderlint::run::{self, Sources};

    let dir = with_sibling(&[("swapped.json", b"{}")]);
    let paths = [dir.path().to_path_buf()];
    let found = orderlint::discover::discover(&paths, &orderlint::discover::Options::default());
    assert_eq!(found.len(), 2);
    fs::remove_file(dir.path().join("swapped.json")).unwrap();
    mkfifo(&dir.path().join("swapped.json"));
    // On a thread, so that a run that waits fails the test instead of
    // hanging it.
    let (send, receive) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let config = orderlint::Config::default();
        let reports = run::check_found(found, &paths, &config, &Settings::default(), Sources::Drop);
        let swapped = reports
            .iter()
            .find(|r| r.path.ends_with("swapped.json"))
            .unwrap();
        let messages: Vec<String> = swapped
            .findings
            .iter()
            .map(|f| format!("{} {}", f.rule, f.message))
            .collect();
        send.send((swapped.status, messages)).unwrap();
    });
    let (status, messages) = receive
        .recv_timeout(Duration::from_secs(20))
        .expect("a FIFO is not waited on");
    assert_eq!(status, orderlint::Status::Unreadable);
    assert_eq!(messages.len(), 1);
    assert!(
        messages[0].starts_with("io-error cannot read `")
            && messages[0].ends_with(
                "swapped.json`: not a regular file or directory (a FIFO, socket or device is not read)"
            ),
        "{messages:?}"
    );
}

/// Hostile files for the output formats: the broken bytes above, deep
/// nesting, a 400-digit `amount` (a duplicate key, after a multi-byte
/// character), and a JSON Lines file whose lines are not UTF-8, not JSON,
/// or 300 bytes long.
fn hostile_files() -> Vec<(&'static str, Vec<u8>)> {
    let mut files: Vec<(&'static str, Vec<u8>)> = broken_bytes()
        .into_iter()
        .map(|(name, bytes, _)| (name, bytes))
        .collect();
    files.push(("deep.json", "[{\"a\":".repeat(1000).into_bytes()));
    files.push((
        "amount.json",
        format!("{REQUEST_START}\"Zoë\",\n\"amount\":{}}}", "9".repeat(400)).into_bytes(),
    ));
    let mut lines = b"{\"order_id\":\"\xC3\xA9\",\"amount\":1.5}\n".to_vec();
    lines.extend_from_slice(&[b'x'; 300]);
    lines.extend_from_slice(b"\n{\"order_id\":\"\xE9\"}\n\"\\u00\n");
    lines.extend_from_slice(SIBLING.as_bytes());
    files.push(("lines.jsonl", lines));
    files
}

#[test]
fn positions_are_inside_the_file_in_every_format() {
    let files = hostile_files();
    let borrowed: Vec<(&str, &[u8])> = files.iter().map(|(n, b)| (*n, b.as_slice())).collect();
    let dir = with_sibling(&borrowed);
    let bytes_of = |path: &str| -> Vec<u8> {
        let file = dir.path().join(path.trim_start_matches("./"));
        fs::read(&file).unwrap_or_else(|e| panic!("{path}: {e}"))
    };
    // 300 bytes: the second line of `lines.jsonl` is over the limit, every
    // other file and line within it.
    let args = ["check", ".", "--max-file-size", "256"];
    let format = |name: &str| {
        let run = orderlint(dir.path(), &[&args[..], &["--format", name]].concat());
        assert_eq!(run.code, 2, "{name}: the long line is an io-error");
        run
    };

    // JSON: every range is exact, and on character boundaries.
    let json = format("json").json();
    let diagnostics = json["diagnostics"].as_array().unwrap();
    assert!(diagnostics.len() > files.len(), "{diagnostics:#?}");
    for d in diagnostics {
        if d["range"].is_null() {
            continue;
        }
        let bytes = bytes_of(d["path"].as_str().unwrap());
        let mut places = vec![&d["range"]];
        places.extend(d["related"].as_array().unwrap().iter().map(|r| &r["range"]));
        for range in places {
            for end in ["start", "end"] {
                let at = &range[end];
                let offset = usize::try_from(at["offset"].as_u64().unwrap()).unwrap();
                assert!(offset <= bytes.len(), "{d}");
                assert!(on_boundary(&bytes, offset), "{d}");
                let (line, column) = line_column(&bytes, offset);
                assert_eq!(
                    (at["line"].as_u64().unwrap(), at["column"].as_u64().unwrap()),
                    (line as u64, column as u64),
                    "{d}"
                );
            }
        }
    }

    // The others: every position they give lies within its file.
    let concise = format("concise");
    let github = format("github");
    let junit = format("junit");
    let human = format("human");
    let sarif: Value = serde_json::from_str(&format("sarif").stdout).unwrap();
    let ranged = diagnostics.iter().filter(|d| !d["range"].is_null()).count();
    let mut counts = Vec::new();
    let mut checked = 0;
    let place = regex::Regex::new(r"^([^\s:]+):(\d+):(\d+): ").unwrap();
    for line in concise.stdout.lines() {
        if let Some(c) = place.captures(line) {
            assert_within(
                &bytes_of(&c[1]),
                c[2].parse().unwrap(),
                c[3].parse().unwrap(),
                line,
            );
            checked += 1;
        }
    }
    counts.push(std::mem::take(&mut checked));
    let annotation =
        regex::Regex::new(r"file=([^,]+),line=(\d+),col=(\d+),endLine=(\d+),endColumn=(\d+)")
            .unwrap();
    for c in annotation.captures_iter(&github.stdout) {
        let bytes = bytes_of(&c[1]);
        assert_within(&bytes, c[2].parse().unwrap(), c[3].parse().unwrap(), &c[0]);
        assert_within(&bytes, c[4].parse().unwrap(), c[5].parse().unwrap(), &c[0]);
        checked += 1;
    }
    counts.push(std::mem::take(&mut checked));
    let junit_place = regex::Regex::new(r">([^<>\s]+):(\d+):(\d+)-(\d+):(\d+): ").unwrap();
    for c in junit_place.captures_iter(&junit.stdout) {
        let bytes = bytes_of(&c[1]);
        assert_within(&bytes, c[2].parse().unwrap(), c[3].parse().unwrap(), &c[0]);
        assert_within(&bytes, c[4].parse().unwrap(), c[5].parse().unwrap(), &c[0]);
        checked += 1;
    }
    counts.push(std::mem::take(&mut checked));
    let drawn = regex::Regex::new(r"(?:╭─\[|× )([^\s:\]]+):(\d+):(\d+)[\]:]").unwrap();
    for c in drawn.captures_iter(&human.stdout) {
        assert_within(
            &bytes_of(&c[1]),
            c[2].parse().unwrap(),
            c[3].parse().unwrap(),
            &c[0],
        );
        checked += 1;
    }
    counts.push(std::mem::take(&mut checked));
    for result in sarif["runs"][0]["results"].as_array().unwrap() {
        for location in result["locations"].as_array().unwrap() {
            let physical = &location["physicalLocation"];
            let Some(region) = physical["region"].as_object() else {
                continue;
            };
            let uri = physical["artifactLocation"]["uri"].as_str().unwrap();
            let bytes = bytes_of(uri);
            let at = |line: &str, column: &str| {
                (
                    usize::try_from(region[line].as_u64().unwrap()).unwrap(),
                    usize::try_from(region[column].as_u64().unwrap()).unwrap(),
                )
            };
            let (line, column) = at("startLine", "startColumn");
            assert_within(&bytes, line, column, uri);
            let (line, column) = at("endLine", "endColumn");
            assert_within(&bytes, line, column, uri);
            checked += 1;
        }
    }
    counts.push(checked);
    assert_eq!(
        counts, [ranged; 5],
        "places checked in concise, github, junit, human, sarif"
    );
}
