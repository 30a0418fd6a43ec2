//! `--format junit`: JUnit XML, the test-report format GitLab, Jenkins and
//! Azure Pipelines read.
//!
//! One `<testsuite>` per file (`name` = the path), one failing `<testcase>`
//! per finding (`name` = rule and position, `classname` = the path), with a
//! `<failure>` whose `type` is the rule and whose text gives the details. A
//! path that could not be read is an `<error>` (a tool error, not a failed
//! check). A checked file without findings is one passing test case and a
//! skipped file (not an order request) one skipped test case, so the report
//! lists every file and is never empty when a file was found.

use std::fmt::Write as _;
use std::io::{self, Write};

use crate::Status;
use crate::finding::Finding;
use crate::run::{FileReport, IO_ERROR};

/// Writes the XML document.
pub fn write(out: &mut dyn Write, reports: &[FileReport]) -> io::Result<()> {
    out.write_all(document(reports).as_bytes())
}

/// The XML document.
#[must_use]
pub fn document(reports: &[FileReport]) -> String {
    let mut suites = String::new();
    let mut totals = Counts::default();
    for report in reports {
        let counts = Counts::of(report);
        totals.add(counts);
        let path = escape(&report.path);
        let _ = writeln!(
            suites,
            "  <testsuite name=\"{path}\" tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"{}\">",
            counts.tests, counts.failures, counts.errors, counts.skipped
        );
        if report.findings.is_empty() {
            let skipped = if report.status == Status::Skipped {
                ">\n      <skipped message=\"not an order request\"/>\n    </testcase>"
            } else {
                "/>"
            };
            let _ = writeln!(
                suites,
                "    <testcase name=\"orderlint\" classname=\"{path}\"{skipped}"
            );
        }
        for finding in &report.findings {
            testcase(&mut suites, finding);
        }
        suites.push_str("  </testsuite>\n");
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <testsuites name=\"orderlint\" tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"{}\">\n\
         {suites}</testsuites>\n",
        totals.tests, totals.failures, totals.errors, totals.skipped
    )
}

fn testcase(xml: &mut String, finding: &Finding) {
    let (element, name) = match finding.range {
        _ if finding.rule == IO_ERROR => ("error", finding.rule.to_owned()),
        Some(range) => (
            "failure",
            format!(
                "{} at {}:{}",
                finding.rule, range.start.line, range.start.column
            ),
        ),
        None => ("failure", finding.rule.to_owned()),
    };
    let _ = write!(
        xml,
        "    <testcase name=\"{}\" classname=\"{}\">\n      \
         <{element} type=\"{}\" message=\"{}\">{}</{element}>\n    \
         </testcase>\n",
        escape(&name),
        escape(&finding.path),
        escape(finding.rule),
        escape(&finding.message),
        escape_text(&details(finding)),
    );
}

/// The failure's text: where, what, which node, the related places and the
/// help, one per line.
fn details(finding: &Finding) -> String {
    let mut text = finding.path.clone();
    if let Some(range) = finding.range {
        let _ = write!(
            text,
            ":{}:{}-{}:{}",
            range.start.line, range.start.column, range.end.line, range.end.column
        );
    }
    let _ = write!(
        text,
        ": {}[{}] {}",
        finding.severity, finding.rule, finding.message
    );
    if let Some(pointer) = &finding.pointer {
        let pointer = if pointer.is_empty() {
            "\"\" (the whole document)"
        } else {
            pointer
        };
        let _ = write!(text, "\npointer: {pointer}");
    }
    for related in &finding.related {
        let _ = write!(
            text,
            "\nrelated: {}:{}:{}: {}",
            finding.path, related.range.start.line, related.range.start.column, related.message
        );
    }
    if let Some(help) = &finding.help {
        let _ = write!(text, "\nhelp: {help}");
    }
    text
}

#[derive(Debug, Clone, Copy, Default)]
struct Counts {
    tests: usize,
    failures: usize,
    errors: usize,
    skipped: usize,
}

impl Counts {
    fn of(report: &FileReport) -> Self {
        let errors = report
            .findings
            .iter()
            .filter(|f| f.rule == IO_ERROR)
            .count();
        Self {
            tests: report.findings.len().max(1),
            failures: report.findings.len() - errors,
            errors,
            skipped: usize::from(report.findings.is_empty() && report.status == Status::Skipped),
        }
    }

    fn add(&mut self, other: Self) {
        self.tests += other.tests;
        self.failures += other.failures;
        self.errors += other.errors;
        self.skipped += other.skipped;
    }
}

/// Escapes text for an XML 1.0 attribute value: the five markup characters
/// as entities; tab and line breaks as character references, so that the
/// value keeps them (a parser turns a literal one into a space); and the
/// control characters XML 1.0 forbids, which no reference can express, as
/// U+FFFD.
#[must_use]
pub fn escape(text: &str) -> String {
    escape_xml(text, true)
}

/// Escapes text for element content: as [`escape`], but quotes, tabs and
/// line feeds stay as they are (a carriage return is still a reference, as a
/// parser would otherwise turn it into a line feed).
#[must_use]
pub fn escape_text(text: &str) -> String {
    escape_xml(text, false)
}

fn escape_xml(text: &str, attribute: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            '\'' if attribute => out.push_str("&apos;"),
            '\t' | '\n' | '"' | '\'' if !attribute => out.push(c),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\u{0}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_covers_markup_breaks_and_forbidden_characters() {
        assert_eq!(
            escape("a & b <c> \"d\" 'e'"),
            "a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos;"
        );
        assert_eq!(escape("1\t2\r\n3"), "1&#9;2&#13;&#10;3");
        assert_eq!(
            escape_text("1\t2\r\n3 <&> \"'"),
            "1\t2&#13;\n3 &lt;&amp;&gt; \"'"
        );
        assert_eq!(
            escape("\u{0}\u{1}\u{1b}[31m\u{ffff}é"),
            "\u{fffd}\u{fffd}\u{fffd}[31m\u{fffd}é"
        );
    }
}
