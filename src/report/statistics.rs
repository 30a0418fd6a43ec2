//! `--statistics`: a count per rule instead of the findings.
//!
//! One row per rule and severity (a rule has one severity unless
//! configuration gives it different ones for different files), most
//! frequent first, then by rule name. The text formats print the rows as a
//! table and then the summary line; `json` prints them in its own document
//! (see [`crate::report::json::write_statistics`]).

use std::collections::BTreeMap;
use std::io::{self, Write};

use crate::finding::Severity;
use crate::report::{findings, human};
use crate::run::{FileReport, Summary};

/// How often one rule was found at one severity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Row {
    /// The rule (or `io-error`).
    pub rule: &'static str,
    /// The severity of these findings.
    pub severity: Severity,
    /// How many there are.
    pub count: usize,
}

/// The rows, most frequent first, then by rule name, then by severity
/// (highest first).
#[must_use]
pub fn rows(reports: &[FileReport]) -> Vec<Row> {
    let mut counts: BTreeMap<(&'static str, Severity), usize> = BTreeMap::new();
    for finding in findings(reports) {
        *counts.entry((finding.rule, finding.severity)).or_default() += 1;
    }
    let mut rows: Vec<Row> = counts
        .into_iter()
        .map(|((rule, severity), count)| Row {
            rule,
            severity,
            count,
        })
        .collect();
    rows.sort_by(|a, b| (b.count, a.rule, b.severity).cmp(&(a.count, b.rule, a.severity)));
    rows
}

/// Writes `count  rule  severity`, one row a line, aligned, then the summary
/// line.
pub fn write_text(
    out: &mut dyn Write,
    reports: &[FileReport],
    summary: &Summary,
) -> io::Result<()> {
    let rows = rows(reports);
    let count_width = rows
        .iter()
        .map(|r| r.count.to_string().len())
        .max()
        .unwrap_or(0);
    let rule_width = rows.iter().map(|r| r.rule.len()).max().unwrap_or(0);
    for row in &rows {
        writeln!(
            out,
            "{:>count_width$}  {:rule_width$}  {}",
            row.count, row.rule, row.severity
        )?;
    }
    writeln!(out, "{}", human::summary_line(summary))
}
