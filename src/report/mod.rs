//! Rendering findings. One module per `--format`; none of them decides what
//! is a finding, and none writes anywhere but the writer it is given.
//!
//! Every format renders the same findings in the same order: the reports
//! sorted by path, each one's findings sorted by position. None uses colour
//! except `human`, and that only when it is told to.

use std::io::{self, Write};

use crate::finding::Finding;
use crate::run::{FileReport, Summary};

pub mod concise;
pub mod file;
pub mod github;
pub mod human;
pub mod json;
pub mod junit;
pub mod sarif;
pub mod statistics;

/// The output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// miette's graphical report: the source snippet with labelled spans.
    Human,
    /// One line per finding, `path:line:col: severity[rule] message`, for
    /// editors and grep.
    Concise,
    /// One JSON document (see the README for its shape).
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// GitHub Actions workflow commands, which annotate a pull request.
    Github,
    /// JUnit XML, for the test reports of GitLab, Jenkins and Azure Pipelines.
    Junit,
}

impl Format {
    /// The name as `--format` takes it.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Human => "human",
            Format::Concise => "concise",
            Format::Json => "json",
            Format::Sarif => "sarif",
            Format::Github => "github",
            Format::Junit => "junit",
        }
    }

    /// Whether `--statistics` has a form in this format. SARIF and JUnit
    /// are read by programs that expect results, and a count is not one.
    #[must_use]
    pub fn has_statistics(self) -> bool {
        !matches!(self, Format::Sarif | Format::Junit)
    }
}

/// How the human format is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    /// Use colour.
    pub color: bool,
    /// Wrap at this many columns.
    pub width: usize,
}

impl Default for Style {
    fn default() -> Self {
        Self {
            color: false,
            width: 100,
        }
    }
}

/// Writes the findings of `reports` (already sorted) and the summary.
pub fn write(
    format: Format,
    style: Style,
    out: &mut dyn Write,
    reports: &[FileReport],
    summary: &Summary,
) -> io::Result<()> {
    match format {
        Format::Human => human::write(style, out, reports, summary),
        Format::Concise => concise::write(out, reports, summary),
        Format::Json => json::write(out, reports, summary),
        Format::Sarif => sarif::write(out, reports, summary),
        Format::Github => github::write(out, reports),
        Format::Junit => junit::write(out, reports),
    }
}

/// Writes a count per rule instead of the findings (`--statistics`): JSON
/// for `json`, a table and the summary line for the text formats. Returns
/// an error of kind [`io::ErrorKind::Unsupported`] for a format without a
/// statistics form (see [`Format::has_statistics`]).
pub fn write_statistics(
    format: Format,
    out: &mut dyn Write,
    reports: &[FileReport],
    summary: &Summary,
) -> io::Result<()> {
    match format {
        Format::Json => json::write_statistics(out, reports, summary),
        Format::Human | Format::Concise | Format::Github => {
            statistics::write_text(out, reports, summary)
        }
        Format::Sarif | Format::Junit => Err(io::Error::new(
            io::ErrorKind::Unsupported,
            format!("--statistics has no `{}` form", format.as_str()),
        )),
    }
}

/// Every finding of every report, in output order.
pub(crate) fn findings(reports: &[FileReport]) -> impl Iterator<Item = &Finding> {
    reports.iter().flat_map(|report| report.findings.iter())
}
