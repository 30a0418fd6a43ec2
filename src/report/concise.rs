//! `--format concise`: one line per finding, `path:line:col: severity[rule]
//! message`, 1-based, then the summary line. This is the shape editors'
//! error formats (Vim's `errorformat`, VS Code problem matchers) and grep
//! read. A finding without a position (an `io-error`) is
//! `path: error[io-error] message`.

use std::io::{self, Write};

use crate::finding::Finding;
use crate::report::{findings, human};
use crate::run::{FileReport, Summary};

/// Writes one line per finding, then the summary line.
pub fn write(out: &mut dyn Write, reports: &[FileReport], summary: &Summary) -> io::Result<()> {
    for finding in findings(reports) {
        writeln!(out, "{}", line(finding))?;
    }
    writeln!(out, "{}", human::summary_line(summary))
}

/// One finding as one line.
#[must_use]
pub fn line(finding: &Finding) -> String {
    let path = one_line(&finding.path);
    let message = one_line(&finding.message);
    let (severity, rule) = (finding.severity, finding.rule);
    match finding.range {
        Some(range) => format!(
            "{path}:{}:{}: {severity}[{rule}] {message}",
            range.start.line, range.start.column
        ),
        None => format!("{path}: {severity}[{rule}] {message}"),
    }
}

/// The text with line breaks written as `\n` and `\r`, so that one finding
/// stays one line whatever a file name or a message holds.
fn one_line(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains(['\n', '\r']) {
        text.replace('\r', "\\r").replace('\n', "\\n").into()
    } else {
        text.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Severity;

    #[test]
    fn a_line_break_in_a_message_does_not_start_a_new_line() {
        let finding = Finding::file_level(
            "a\nb.json",
            "io-error",
            Severity::Error,
            "first\r\nsecond".to_owned(),
        );
        assert_eq!(
            line(&finding),
            "a\\nb.json: error[io-error] first\\r\\nsecond"
        );
    }
}
