//! Large inputs, built at test time: thousands of repeated keys, tens of
//! thousands of unknown keys in one object, a JSON Lines file of a million
//! lines. Each test asserts exact counts and positions, never a time: the
//! sizes are chosen so that linear work takes a few seconds in a debug
//! build and quadratic work would take minutes, which a reviewer notices
//! long before CI's time limit.

use orderlint::invariants::violations;
use orderlint::{Config, Finding, Status};

/// The promises hold for the first and last ten findings. (`violations`
/// counts every position from the start of the input, which over all of
/// them would be the quadratic cost these tests look for; each test
/// asserts every finding's position itself.)
fn no_violations(path: &str, findings: &[Finding], bytes: &[u8]) {
    for sample in [
        &findings[..findings.len().min(10)],
        &findings[findings.len().saturating_sub(10)..],
    ] {
        let broken = violations(path, sample, bytes);
        assert!(broken.is_empty(), "{broken:#?}");
    }
}

fn start(finding: &Finding) -> (usize, usize, usize) {
    let start = finding.range.expect("a range").start;
    (start.line, start.column, start.offset)
}

/// One object with `order_id` 5,000 times, on one line: one
/// `duplicate-key` finding for each copy after the first, each pointing
/// back at the first.
#[test]
fn five_thousand_copies_of_one_key() {
    const COPIES: usize = 5_000;
    let mut text = String::from(r#"{"amount":1,"currency":"EUR","description":"d""#);
    let mut keys = Vec::with_capacity(COPIES);
    for _ in 0..COPIES {
        text.push(',');
        keys.push(text.len());
        text.push_str(r#""order_id":"A""#);
    }
    text.push('}');
    let findings = orderlint::lint_str("x.json", &text, &Config::default());
    no_violations("x.json", &findings, text.as_bytes());
    assert_eq!(findings.len(), COPIES - 1);
    for (finding, &key) in findings.iter().zip(&keys[1..]) {
        assert_eq!(finding.rule, "duplicate-key");
        assert_eq!(start(finding), (1, key + 1, key));
        assert_eq!(finding.related.len(), 1);
        assert_eq!(finding.related[0].span.start, keys[0]);
    }
    let first = &findings[0];
    assert_eq!(
        first.message,
        "`order_id` appears 5000 times in the request body; most parsers keep the last value"
    );
    assert_eq!(first.pointer.as_deref(), Some("/order_id"));
    assert_eq!(
        start(&findings[COPIES - 2]),
        (1, keys[COPIES - 1] + 1, keys[COPIES - 1])
    );
}

/// An order request with `n` distinct keys that the API does not know, on
/// one line: one `unknown-field` finding for each, in order, at its key
/// (and no `schema` finding for the same keys).
fn unknown_keys(n: usize) {
    let mut text = String::from(r#"{"order_id":"A","amount":1,"currency":"EUR","description":"d""#);
    let mut keys = Vec::with_capacity(n);
    for i in 0..n {
        text.push(',');
        keys.push(text.len());
        text.push_str(&format!(r#""x{i:06}-is-not-a-field-of-the-api":{i}"#));
    }
    text.push('}');
    let findings = orderlint::lint_str("x.json", &text, &Config::default());
    no_violations("x.json", &findings, text.as_bytes());
    assert_eq!(findings.len(), n);
    for (finding, &key) in findings.iter().zip(&keys) {
        assert_eq!(finding.rule, "unknown-field");
        assert_eq!(start(finding), (1, key + 1, key));
    }
    assert_eq!(
        findings[0].message,
        "unknown field `x000000-is-not-a-field-of-the-api` in the request body"
    );
    let last = format!("x{:06}-is-not-a-field-of-the-api", n - 1);
    assert_eq!(
        findings[n - 1].pointer.as_deref(),
        Some(&*format!("/{last}"))
    );
}

#[test]
fn twenty_thousand_unknown_keys() {
    unknown_keys(20_000);
}

/// The same with 100,000 keys: about 6.5 s in a debug build on two cores,
/// five times the 20,000 keys' time (minutes while the schema's report
/// scanned the object for each unknown key).
#[test]
fn a_hundred_thousand_unknown_keys() {
    unknown_keys(100_000);
}

/// A JSON Lines file of a million short lines, read as the CLI reads it
/// (`jsonl::lint_reader`, a batch at a time): every twentieth line an order
/// request (every 50,000th with an amount in euros), the others other JSON
/// (skipped); Windows line endings on the even lines, a broken line near
/// the end, and a last line with a finding and no line break. (A million
/// order requests take about a minute in a debug build, so most lines are
/// skipped ones, which take the parser and the line machinery only.)
#[test]
fn a_million_json_lines() {
    const LINES: usize = 1_000_000;
    const BROKEN: usize = LINES - 1;
    let clean = r#"{"order_id":"A","amount":1,"currency":"EUR","description":"d"}"#;
    let euros = r#"{"order_id":"B","amount":1.5,"currency":"EUR","description":"d"}"#;
    let other = r#"{"event":"ping","n":1}"#;
    let broken = r#"{"order_id":"C","amount":1,"#;
    let mut bytes = Vec::with_capacity(LINES * 50);
    // Where each line starts (`starts[0]` is unused: lines count from 1).
    let mut starts = vec![0];
    for line in 1..=LINES {
        starts.push(bytes.len());
        let content = match line {
            LINES => euros,
            BROKEN => broken,
            _ if line % 50_000 == 1 => euros,
            _ if line % 20 == 1 => clean,
            _ => other,
        };
        bytes.extend_from_slice(content.as_bytes());
        if line < LINES {
            bytes.extend_from_slice(if line % 2 == 0 { b"\r\n" } else { b"\n" });
        }
    }
    let outcome =
        orderlint::jsonl::lint_reader("x.jsonl", &bytes[..], &Config::default(), u64::MAX).unwrap();
    assert_eq!(
        outcome.status,
        Status::JsonLines {
            checked: 50_002,
            skipped: 949_998
        }
    );
    let findings = &outcome.findings;
    no_violations("x.jsonl", &findings[..1], &bytes);
    let euro_lines: Vec<usize> = (0..20).map(|k| k * 50_000 + 1).chain([LINES]).collect();
    let amount = euros.find("1.5").unwrap();
    let mut expected: Vec<(&str, usize, usize, usize)> = euro_lines
        .iter()
        .map(|&line| {
            (
                "amount-not-in-cents",
                line,
                amount + 1,
                starts[line] + amount,
            )
        })
        .collect();
    // The line ends after its last `,`: the object is never closed.
    let comma = broken.len() - 1;
    expected.insert(
        20,
        ("invalid-json", BROKEN, comma + 1, starts[BROKEN] + comma),
    );
    let got: Vec<(&str, usize, usize, usize)> = findings
        .iter()
        .map(|f| {
            let (line, column, offset) = start(f);
            assert_eq!(f.jsonl_line, Some(line));
            (f.rule, line, column, offset)
        })
        .collect();
    assert_eq!(got, expected);
    assert!(
        findings[20].message.contains("end of the line"),
        "{}",
        findings[20].message
    );
}
