//! `--format github`: GitHub Actions workflow commands, one per finding,
//! which the runner turns into annotations on the pull request:
//!
//! ```text
//! ::error file=a.json,line=4,col=15,endLine=4,endColumn=20,title=orderlint (schema)::message
//! ```
//!
//! `warning` for warnings, `notice` for infos. Values are escaped as the
//! Actions toolkit (`@actions/core`, `command.ts`) escapes them. A span that
//! crosses lines has no `col` and `endColumn`: GitHub reads the columns only
//! when the annotation is on one line. No summary line: the exit code says
//! whether the step failed.

use std::fmt::Write as _;
use std::io::{self, Write};

use crate::finding::{Finding, Severity};
use crate::report::findings;
use crate::run::FileReport;

/// Writes one workflow command per finding.
pub fn write(out: &mut dyn Write, reports: &[FileReport]) -> io::Result<()> {
    for finding in findings(reports) {
        writeln!(out, "{}", command(finding))?;
    }
    Ok(())
}

/// One finding as a workflow command.
#[must_use]
pub fn command(finding: &Finding) -> String {
    let level = match finding.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    };
    // Repository-relative, as GitHub matches it against the diff: no `./`.
    let mut path = finding.path.as_str();
    while let Some(rest) = path.strip_prefix("./") {
        path = rest;
    }
    let mut properties = format!("file={}", escape_property(path));
    if let Some(range) = finding.range {
        let (start, end) = (range.start, range.end);
        let _ = write!(properties, ",line={}", start.line);
        if start.line == end.line {
            let _ = write!(properties, ",col={}", start.column);
        }
        let _ = write!(properties, ",endLine={}", end.line);
        if start.line == end.line {
            let _ = write!(properties, ",endColumn={}", end.column);
        }
    }
    let title = format!("orderlint ({})", finding.rule);
    format!(
        "::{level} {properties},title={}::{}",
        escape_property(&title),
        escape_data(&finding.message)
    )
}

/// Escapes a command's message (`escapeData` in the toolkit).
#[must_use]
pub fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value (`escapeProperty` in the toolkit): as a
/// message, and also `:` and `,`, which separate the properties.
#[must_use]
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::{Position, Range};

    #[test]
    fn escaping_follows_the_toolkit() {
        assert_eq!(escape_data("100% a:b, c\r\nd"), "100%25 a:b, c%0D%0Ad");
        assert_eq!(
            escape_property("100% a:b, c\r\nd"),
            "100%25 a%3Ab%2C c%0D%0Ad"
        );
        // `%` first, so that the `%` of an escape is not escaped again.
        assert_eq!(escape_property("%3A:"), "%253A%3A");
    }

    #[test]
    fn a_command_escapes_its_file_title_and_message() {
        let mut finding = Finding::file_level(
            "odd, name: 100%.json",
            "unknown-field",
            Severity::Info,
            "unknown field `a:b,%c`\nsecond line".to_owned(),
        );
        let at = |line, column| Position {
            line,
            column,
            offset: 0,
        };
        finding.range = Some(Range {
            start: at(2, 3),
            end: at(2, 9),
        });
        assert_eq!(
            command(&finding),
            "::notice file=odd%2C name%3A 100%25.json,line=2,col=3,endLine=2,endColumn=9,\
             title=orderlint (unknown-field)::unknown field `a:b,%25c`%0Asecond line"
        );
        finding.range = Some(Range {
            start: at(2, 3),
            end: at(4, 2),
        });
        assert_eq!(
            command(&finding),
            "::notice file=odd%2C name%3A 100%25.json,line=2,endLine=4,\
             title=orderlint (unknown-field)::unknown field `a:b,%25c`%0Asecond line"
        );
    }
}
