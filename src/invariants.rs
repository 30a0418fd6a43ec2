//! What must hold of the findings of any input, whatever the input: the
//! promises that the fuzz targets (`fuzz/`) and the property tests check.
//!
//! Computed here from the bytes alone, independently of [`crate::text`], so
//! that a mistake there is caught rather than repeated.

use crate::finding::{Finding, Position, Span};

/// Every way in which `findings`, the outcome of linting `bytes` (one
/// document, or a JSON Lines file), break the promises; empty when they
/// hold:
///
/// - every span lies inside the input, start before end, and on character
///   boundaries (where the input is UTF-8 up to that point);
/// - every position's offset is its span's, and its line and column are
///   those of that offset (lines end at `\n`, columns count characters and
///   each byte that is not UTF-8, a byte order mark at the start of the
///   input is not a column);
/// - every finding has a known rule id, a message, and the path it was
///   given;
/// - the findings are sorted by position.
#[must_use]
pub fn violations(path: &str, findings: &[Finding], bytes: &[u8]) -> Vec<String> {
    let mut out = Vec::new();
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
                check_position(&mut out, &what, bytes, span.start, range.start);
                check_position(&mut out, &what, bytes, span.end, range.end);
            }
            (None, None) => {}
            _ => out.push(format!("{what}: a span without a range, or the reverse")),
        }
        for related in &finding.related {
            check_span(&mut out, &what, bytes, related.span);
            check_position(
                &mut out,
                &what,
                bytes,
                related.span.start,
                related.range.start,
            );
            check_position(&mut out, &what, bytes, related.span.end, related.range.end);
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

/// Whether `at` is not in the middle of a UTF-8 character. From the first
/// byte that is not UTF-8 on, any offset is accepted (there is no character
/// to be inside of, even where that byte is a stray continuation byte).
fn on_boundary(bytes: &[u8], at: usize) -> bool {
    match std::str::from_utf8(bytes) {
        Ok(text) => text.is_char_boundary(at),
        Err(error) => {
            let valid = error.valid_up_to();
            at >= valid
                || std::str::from_utf8(&bytes[..valid]).is_ok_and(|text| text.is_char_boundary(at))
        }
    }
}

fn check_position(out: &mut Vec<String>, what: &str, bytes: &[u8], at: usize, got: Position) {
    let Some(before) = bytes.get(..at) else {
        return;
    };
    let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let mut segment = &before[line_start..];
    if line_start == 0 {
        segment = segment
            .strip_prefix("\u{feff}".as_bytes())
            .unwrap_or(segment);
    }
    // A column counts characters; a byte that is not UTF-8 counts as one,
    // as orderlint shows it (one `?` each, see `orderlint::displayable`).
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

    #[test]
    fn a_byte_that_is_not_utf8_is_one_column() {
        // A stray continuation byte first: no character to be inside of.
        for bytes in [&b"\x80{}"[..], b"\xE9 ", b"\xF0\x9F\x98"] {
            let outcome = crate::lint_bytes("x.json", bytes, &Config::default());
            assert_eq!(outcome.findings.len(), 1);
            assert_eq!(
                violations("x.json", &outcome.findings, bytes),
                Vec::<String>::new()
            );
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
