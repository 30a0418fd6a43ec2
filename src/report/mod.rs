//! Rendering findings. One module per `--format`; none of them decides what
//! is a finding, and none writes anywhere but the writer it is given.

use std::io::{self, Write};

use crate::run::{FileReport, Summary};

pub mod human;
pub mod json;

/// The output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// miette's graphical report: the source snippet with labelled spans.
    Human,
    /// One JSON document (see the README for its shape).
    Json,
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
        Format::Json => json::write(out, reports, summary),
    }
}
