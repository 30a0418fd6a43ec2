//! `--format json`: one versioned document. Fields may be added in later
//! versions; none is renamed or removed without a new `version`.

use std::io::{self, Write};

use serde::Serialize;

use crate::finding::{Finding, Range};
use crate::report::statistics;
use crate::run::{FileReport, Summary};

#[derive(Serialize)]
struct Output<'a> {
    version: u32,
    tool: Tool,
    summary: JsonSummary,
    diagnostics: Vec<Diagnostic<'a>>,
}

#[derive(Serialize)]
struct Statistics {
    version: u32,
    tool: Tool,
    summary: JsonSummary,
    statistics: Vec<StatisticsRow>,
}

#[derive(Serialize)]
struct StatisticsRow {
    rule: &'static str,
    severity: &'static str,
    count: usize,
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct JsonSummary {
    files: usize,
    checked: usize,
    skipped: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
}

#[derive(Serialize)]
struct Diagnostic<'a> {
    path: &'a str,
    rule: &'a str,
    severity: &'a str,
    message: &'a str,
    pointer: Option<&'a str>,
    range: Option<Range>,
    related: Vec<RelatedOut<'a>>,
    help: Option<&'a str>,
    /// Only for a finding in a JSON Lines file: the line of its document.
    #[serde(skip_serializing_if = "Option::is_none")]
    jsonl_line: Option<usize>,
}

#[derive(Serialize)]
struct RelatedOut<'a> {
    message: &'a str,
    range: Range,
}

fn diagnostic(finding: &Finding) -> Diagnostic<'_> {
    Diagnostic {
        path: &finding.path,
        rule: finding.rule,
        severity: finding.severity.as_str(),
        message: &finding.message,
        pointer: finding.pointer.as_deref(),
        range: finding.range,
        related: finding
            .related
            .iter()
            .map(|r| RelatedOut {
                message: &r.message,
                range: r.range,
            })
            .collect(),
        help: finding.help.as_deref(),
        jsonl_line: finding.jsonl_line,
    }
}

/// Writes the JSON document and a final newline.
pub fn write(out: &mut dyn Write, reports: &[FileReport], summary: &Summary) -> io::Result<()> {
    let output = Output {
        version: 1,
        tool: TOOL,
        summary: JsonSummary::of(summary),
        diagnostics: reports
            .iter()
            .flat_map(|r| r.findings.iter().map(diagnostic))
            .collect(),
    };
    write_document(out, &output)
}

/// Writes the `--statistics` document: the same `version`, `tool` and
/// `summary` as the findings document, and `statistics` in place of
/// `diagnostics`: `[{"rule", "severity", "count"}]`, most frequent first.
pub fn write_statistics(
    out: &mut dyn Write,
    reports: &[FileReport],
    summary: &Summary,
) -> io::Result<()> {
    let output = Statistics {
        version: 1,
        tool: TOOL,
        summary: JsonSummary::of(summary),
        statistics: statistics::rows(reports)
            .into_iter()
            .map(|row| StatisticsRow {
                rule: row.rule,
                severity: row.severity.as_str(),
                count: row.count,
            })
            .collect(),
    };
    write_document(out, &output)
}

const TOOL: Tool = Tool {
    name: env!("CARGO_PKG_NAME"),
    version: env!("CARGO_PKG_VERSION"),
};

impl JsonSummary {
    fn of(summary: &Summary) -> Self {
        Self {
            files: summary.files,
            checked: summary.checked,
            skipped: summary.skipped,
            errors: summary.errors,
            warnings: summary.warnings,
            infos: summary.infos,
        }
    }
}

fn write_document(out: &mut dyn Write, output: &impl Serialize) -> io::Result<()> {
    // Written as it is serialised, not built in memory first (a report of
    // tens of thousands of findings is tens of megabytes). An error keeps
    // its kind, so that a closed pipe is still not a failure.
    serde_json::to_writer_pretty(&mut *out, output).map_err(|error| {
        let kind = error.io_error_kind().unwrap_or(io::ErrorKind::Other);
        io::Error::new(kind, error)
    })?;
    out.write_all(b"\n")
}
