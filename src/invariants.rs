//! What must hold of the findings of any input, whatever the input: the
//! promises that the fuzz targets (`fuzz/`) and the property tests check.
//!
//! Computed here from the bytes alone, independently of [`crate::text`], so
//! that a mistake there is caught rather than repeated.

use crate::finding::{Finding, Position, Span};

/// Where the two parsers or the two ways of validating disagree on `text`,
/// in words; `None` when they agree. The fast parser's tree must be the slow
/// parser's, whenever the fast one gives one ([`crate::parse::fast`]); and a
/// tree with no repeated key must be valid by the schema on the tree exactly
/// when it is valid as a `serde_json::Value` ([`crate::schema::validity`]).
/// Checked by the `parse` fuzz target and on its corpus by the tests.
#[must_use]
pub fn parse_disagreement(text: &str) -> Option<String> {
    let tree = crate::parse::parse(text).ok()?;
    if let Some((on_tree, as_value)) = crate::schema::validity(&tree)
        && on_tree != as_value
    {
        return Some(format!(
            "valid on the tree: {on_tree}, as a value: {as_value}: {text:?}"
        ));
    }
    let slow = crate::parse::parse_slow(text);
    (slow.as_ref().ok() != Some(&tree))
        .then(|| format!("the fast parser's tree is not the slow one's ({slow:?}): {text:?}"))
}

/// Every way in which `findings`, the outcome of linting `bytes` (one
/// document, or a JSON Lines file), break the promises; empty when they
/// hold:
///
/// - every span lies inside the input, start before end, and on character
///   boundaries (bytes that are not UTF-8 are no character to be inside);
/// - every position's offset is its span's, and its line and column are
///   those of that offset (lines end at `\n`, columns count characters, a
///   byte order mark at the start of the input is not a column);
/// - every finding has a known rule id, a message, and the path it was
///   given;
/// - the findings are sorted by position.
#[must_use]
pub fn violations(path: &str, findings: &[Finding], bytes: &[u8]) -> Vec<String> {
    let mut out = Vec::new();
    let input = Input::new(bytes);
    for (i, finding) in findings.iter().enumerate() {
        let what = format!("finding {i} ({})", finding.rule);
        if finding.path != path {
            out.push(format!("{what}: path `{}`, not `{path}`", finding.path));
        }
        if crate::rules::by_name(finding.rule).is_none() && finding.rule != crate::run::IO_ERROR {
            out.push(format!("{what}: unknown rule"));
        }
        if finding.message.trim().is_empty() {
            out.push(format!("{what}: empty message"));
        }
        match (finding.span, finding.range) {
            (Some(span), Some(range)) => {
                check_span(&mut out, &what, bytes, span);
                input.check_position(&mut out, &what, span.start, range.start);
                input.check_position(&mut out, &what, span.end, range.end);
            }
            (None, None) => {}
            _ => out.push(format!("{what}: a span without a range, or the reverse")),
        }
        for related in &finding.related {
            check_span(&mut out, &what, bytes, related.span);
            input.check_position(&mut out, &what, related.span.start, related.range.start);
            input.check_position(&mut out, &what, related.span.end, related.range.end);
        }
    }
    let sorted = findings
        .windows(2)
        .all(|pair| pair[0].sort_key() <= pair[1].sort_key());
    if !sorted {
        out.push("the findings are not sorted by position".to_owned());
    }
    out
}

fn check_span(out: &mut Vec<String>, what: &str, bytes: &[u8], span: Span) {
    if span.start > span.end || span.end > bytes.len() {
        out.push(format!(
            "{what}: span {}..{} outside the input of {} bytes",
            span.start,
            span.end,
            bytes.len()
        ));
        return;
    }
    for at in [span.start, span.end] {
        if !on_boundary(bytes, at) {
            out.push(format!("{what}: offset {at} is inside a character"));
        }
    }
}

/// Whether `at` is not in the middle of a UTF-8 character. Bytes that are
/// not UTF-8 are no character to be inside of: any offset at or around them
/// is accepted, and the valid text after them is checked as usual.
fn on_boundary(bytes: &[u8], at: usize) -> bool {
    let mut start = 0;
    for chunk in bytes.utf8_chunks() {
        let valid = chunk.valid();
        if at < start {
            // Among the bytes that are not UTF-8 before this chunk.
            return true;
        }
        if at <= start + valid.len() {
            return valid.is_char_boundary(at - start);
        }
        start += valid.len() + chunk.invalid().len();
    }
    true
}

/// The input, with where its lines start.
struct Input<'b> {
    bytes: &'b [u8],
    /// The offset of every `\n`.
    newlines: Vec<usize>,
}

impl<'b> Input<'b> {
    fn new(bytes: &'b [u8]) -> Self {
        let newlines = (0..bytes.len()).filter(|&i| bytes[i] == b'\n').collect();
        Self { bytes, newlines }
    }

    fn check_position(&self, out: &mut Vec<String>, what: &str, at: usize, got: Position) {
        if at > self.bytes.len() {
            return;
        }
        // The line breaks before `at`.
        let breaks = self.newlines.partition_point(|&nl| nl < at);
        let line = 1 + breaks;
        let line_start = breaks.checked_sub(1).map_or(0, |i| self.newlines[i] + 1);
        let mut segment = &self.bytes[line_start..at];
        if line_start == 0 {
            segment = segment
                .strip_prefix("\u{feff}".as_bytes())
                .unwrap_or(segment);
        }
        // A column counts characters; a byte that is not UTF-8 is one column,
        // as the `?` that shows it.
        let column = 1 + segment
            .utf8_chunks()
            .map(|chunk| chunk.valid().chars().count() + chunk.invalid().len())
            .sum::<usize>();
        let expected = Position {
            line,
            column,
            offset: at,
        };
        if got != expected {
            out.push(format!(
                "{what}: position {got:?} at offset {at}, expected {expected:?}"
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Config;

    #[test]
    fn the_findings_of_the_fixtures_keep_the_promises() {
        let text =
            "\u{feff}{\"order_id\": \"é\", \"amount\": 1.5,\n \"currency\": \"EUR\", \"x\": 1}";
        let findings = crate::lint_str("x.json", text, &Config::default());
        assert!(findings.len() >= 2, "{findings:?}");
        assert_eq!(
            violations("x.json", &findings, text.as_bytes()),
            Vec::<String>::new()
        );
    }

    /// Found by `cargo fuzz run lint`: a byte that is not UTF-8 and is not
    /// the start of a character (here a stray continuation byte, `0xAA`)
    /// was taken for the inside of one, and not counted as a column.
    #[test]
    fn bytes_that_are_not_utf8_are_no_character_and_one_column_each() {
        let inputs: [&[u8]; 4] = [
            b"{\"order_id\": \"A\"\xAA\n}",
            b"{\"order_id\": \"\xE2\x82\"}",
            b"{\"a\": 1}\n\xAA\xAA\n{\"order_id\": \"\xC3\xA9\", \"amount\": 1.5}\n",
            b"\xEF\xBB\xBF\xAA",
        ];
        for bytes in inputs {
            for (path, outcome) in [
                (
                    "x.json",
                    crate::lint_bytes("x.json", bytes, &Config::default()),
                ),
                (
                    "x.jsonl",
                    crate::lint_jsonl("x.jsonl", bytes, &Config::default()),
                ),
            ] {
                assert!(!outcome.findings.is_empty(), "{bytes:?}");
                assert_eq!(
                    violations(path, &outcome.findings, bytes),
                    Vec::<String>::new(),
                    "{path} {bytes:?}"
                );
            }
        }
    }

    #[test]
    fn a_broken_promise_is_named() {
        let text = "{\"order_id\": \"é\", \"amount\": 1.5}";
        let mut findings = crate::lint_str("x.json", text, &Config::default());
        let first = &mut findings[0];
        if let (Some(span), Some(range)) = (&mut first.span, &mut first.range) {
            span.end = text.find('é').unwrap_or(0) + 1;
            range.start.column += 1;
        }
        let found = violations("y.json", &findings, text.as_bytes());
        assert!(
            found.iter().any(|v| v.contains("inside a character")),
            "{found:?}"
        );
        assert!(found.iter().any(|v| v.contains("expected")), "{found:?}");
        assert!(
            found.iter().any(|v| v.contains("not `y.json`")),
            "{found:?}"
        );
    }
}
