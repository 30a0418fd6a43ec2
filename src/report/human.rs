//! `--format human`: miette's graphical report, one per finding, then a
//! summary line. The only module that knows about miette's handlers.

use std::io::{self, Write};

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteDiagnostic, MietteError,
    MietteSpanContents, SourceCode, SourceSpan, SpanContents,
};

use crate::config::ConfigError;
use crate::finding::{Finding, Severity};
use crate::report::Style;
use crate::run::{FileReport, Summary};
use crate::text::plural;

/// Writes every finding, then the summary line.
pub fn write(
    style: Style,
    out: &mut dyn Write,
    reports: &[FileReport],
    summary: &Summary,
) -> io::Result<()> {
    let handler = handler(style);
    for report in reports {
        for finding in &report.findings {
            let rendered = render(&handler, finding, report.text.as_deref());
            out.write_all(rendered.as_bytes())?;
            writeln!(out)?;
        }
    }
    writeln!(out, "{}", summary_line(summary))
}

fn handler(style: Style) -> GraphicalReportHandler {
    let theme = if style.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    GraphicalReportHandler::new_themed(theme)
        .with_width(style.width)
        .with_links(false)
}

/// Renders a mistake in the configuration as miette draws it: the message,
/// the TOML with the place labelled, and help. It has no rule.
#[must_use]
pub fn render_error(style: Style, error: &ConfigError) -> String {
    let mut diagnostic =
        MietteDiagnostic::new(error.message.clone()).with_severity(miette::Severity::Error);
    if let Some(help) = &error.help {
        diagnostic = diagnostic.with_help(help.clone());
    }
    let mut rendered = String::new();
    let result = match (&error.text, error.span) {
        (Some(text), Some(span)) => {
            let label =
                LabeledSpan::new_primary_with_span(error.label.clone(), span.start..span.end);
            let report =
                miette::Report::new(diagnostic.with_label(label)).with_source_code(Source {
                    name: error.path.clone(),
                    text: text.clone(),
                    base: 0,
                    first_line: 0,
                });
            handler(style).render_report(&mut rendered, report.as_ref())
        }
        _ => return format!("error: {}\n", error.message),
    };
    if result.is_err() {
        rendered = format!("error: {}: {}\n", error.path, error.message);
    }
    rendered
}

/// Renders one finding as miette draws it.
#[must_use]
pub fn render(handler: &GraphicalReportHandler, finding: &Finding, text: Option<&str>) -> String {
    render_from(handler, finding, text, excerpt)
}

/// [`render`], with the source that `source` makes of the finding and the
/// file's text (an [`excerpt`]; the tests compare it with the whole text).
fn render_from(
    handler: &GraphicalReportHandler,
    finding: &Finding,
    text: Option<&str>,
    source: fn(&Finding, &str) -> Source,
) -> String {
    let severity = match finding.severity {
        Severity::Error => miette::Severity::Error,
        Severity::Warning => miette::Severity::Warning,
        Severity::Info => miette::Severity::Advice,
    };
    let mut diagnostic = MietteDiagnostic::new(finding.message.clone())
        .with_code(finding.rule)
        .with_severity(severity);
    if let Some(help) = &finding.help {
        diagnostic = diagnostic.with_help(help.clone());
    }
    let mut labels = Vec::new();
    if let Some(span) = finding.span {
        labels.push(LabeledSpan::new_primary_with_span(
            finding.label.clone(),
            span.start..span.end,
        ));
    }
    for related in &finding.related {
        labels.push(LabeledSpan::new_with_span(
            Some(related.message.clone()),
            related.span.start..related.span.end,
        ));
    }
    let mut rendered = String::new();
    // miette draws a line in full and pads with format widths that must fit
    // in 16 bits: a finding on a very long line (minified JSON) is drawn
    // without its source, with its place in the message instead.
    let text = text.filter(|text| !on_long_line(text, finding));
    let result = match (text, labels.is_empty()) {
        (Some(text), false) => {
            let report = miette::Report::new(diagnostic.with_labels(labels))
                .with_source_code(source(finding, text));
            handler.render_report(&mut rendered, report.as_ref())
        }
        _ => {
            // An io-error's message names its path already.
            let place = match finding.range {
                Some(range) => format!(
                    "{}:{}:{}: ",
                    finding.path, range.start.line, range.start.column
                ),
                None if finding.rule == crate::run::IO_ERROR => String::new(),
                None => format!("{}: ", finding.path),
            };
            let diagnostic = MietteDiagnostic {
                message: format!("{place}{}", finding.message),
                ..diagnostic
            };
            handler.render_report(&mut rendered, &diagnostic)
        }
    };
    if result.is_err() {
        // Rendering only fails on a formatter error; fall back to one line.
        rendered = format!(
            "{}: {}[{}] {}\n",
            finding.path, finding.severity, finding.rule, finding.message
        );
    }
    rendered
}

/// The longest line drawn with its source.
const MAX_DRAWN_LINE: usize = 1000;

/// Whether a span of the finding lies on a line longer than
/// [`MAX_DRAWN_LINE`] characters.
fn on_long_line(text: &str, finding: &Finding) -> bool {
    let spans = finding
        .span
        .into_iter()
        .chain(finding.related.iter().map(|r| r.span));
    spans.into_iter().any(|span| {
        [span.start, span.end].into_iter().any(|at| {
            let at = at.min(text.len());
            let start = text
                .get(..at)
                .and_then(|t| t.rfind('\n'))
                .map_or(0, |i| i + 1);
            let end = text
                .get(at..)
                .and_then(|t| t.find('\n'))
                .map_or(text.len(), |i| at + i);
            text.get(start..end).is_some_and(|line| {
                line.len() > MAX_DRAWN_LINE && line.chars().count() > MAX_DRAWN_LINE
            })
        })
    })
}

/// Lines of context that an excerpt keeps around a finding's spans: more
/// than the handler draws (miette's default is one), so that the drawing is
/// the same as with the whole text.
const CONTEXT_LINES: usize = 3;

/// The part of `text` that a finding's drawing can show: from a few lines
/// before its first span to a few lines after its last. miette looks for
/// lines from the start of the text it is given, so handing it a whole
/// file for each finding costs time in proportion to findings × file size
/// (a JSON Lines file of thousands of findings took minutes).
fn excerpt(finding: &Finding, text: &str) -> Source {
    let whole = || whole_text(finding, text);
    // (byte offset, 1-based line) of where each span starts.
    let mut starts = Vec::new();
    let mut end = 0;
    if let (Some(span), Some(range)) = (finding.span, finding.range) {
        starts.push((span.start, range.start.line));
        end = span.end;
    }
    for related in &finding.related {
        starts.push((related.span.start, related.range.start.line));
        end = end.max(related.span.end);
    }
    let Some(&(first, line)) = starts.iter().min() else {
        return whole();
    };
    let line_start = |at: usize| text.get(..at).and_then(|t| t.rfind('\n')).map(|i| i + 1);
    let line_end = |at: usize| {
        text.get(at..)
            .map(|t| t.find('\n').map_or(text.len(), |i| at + i))
    };
    let (Some(mut begin), Some(mut stop)) = (
        line_start(first.min(text.len())).or(Some(0)),
        line_end(end.max(first).min(text.len())),
    ) else {
        return whole();
    };
    let mut first_line = line.saturating_sub(1);
    for _ in 0..CONTEXT_LINES {
        if begin == 0 || first_line == 0 {
            break;
        }
        begin = line_start(begin - 1).unwrap_or(0);
        first_line -= 1;
    }
    for _ in 0..CONTEXT_LINES {
        match line_end(stop + 1) {
            Some(next) if stop < text.len() => stop = next,
            _ => break,
        }
    }
    match text.get(begin..stop) {
        Some(part) => Source {
            name: finding.path.clone(),
            text: part.to_owned(),
            base: begin,
            first_line,
        },
        None => whole(),
    }
}

/// The whole of `text` as the source: where an excerpt cannot be cut.
fn whole_text(finding: &Finding, text: &str) -> Source {
    Source {
        name: finding.path.clone(),
        text: text.to_owned(),
        base: 0,
        first_line: 0,
    }
}

/// A named source whose columns count characters, as orderlint's do
/// everywhere else (miette's own count bytes, which would put the header's
/// `line:column` out of step with the JSON output on a line with `é`).
/// It holds a part of the file (see [`excerpt`]): `text` starts at byte
/// `base` of the file, on its line `first_line` (0-based); spans are the
/// file's own.
#[derive(Debug)]
struct Source {
    name: String,
    text: String,
    base: usize,
    first_line: usize,
}

impl SourceCode for Source {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let offset = span
            .offset()
            .checked_sub(self.base)
            .ok_or(MietteError::OutOfBounds)?;
        let local = SourceSpan::new(offset.into(), span.len());
        let inner =
            self.text
                .as_str()
                .read_span(&local, context_lines_before, context_lines_after)?;
        let start = inner.span().offset();
        let before = self.text.get(..start).unwrap_or_default();
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = crate::text::column(&self.text, line_start, start);
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            SourceSpan::new((start + self.base).into(), inner.span().len()),
            inner.line() + self.first_line,
            column,
            // miette counts lines from the start of the text it was given
            // (and joins two snippets by that count): count them from the
            // start of the file, as with the whole text.
            inner.line_count() + self.first_line,
        )))
    }
}

/// `Checked 3 files, skipped 1 (not an order request): 2 errors, 1 warning, 0 infos`.
/// When JSON Lines files were read, what is counted is documents:
/// `Checked 12 documents in 3 files, skipped 1 (…): …`.
#[must_use]
pub fn summary_line(summary: &Summary) -> String {
    let mut line = if summary.json_lines == 0 {
        format!("Checked {}", plural(summary.checked, "file"))
    } else {
        format!(
            "Checked {} in {}",
            plural(summary.checked, "document"),
            plural(summary.files, "file")
        )
    };
    if summary.skipped > 0 {
        let what = if summary.skipped == 1 {
            "not an order request"
        } else {
            "not order requests"
        };
        line.push_str(&format!(", skipped {} ({what})", summary.skipped));
    }
    if summary.tool_errors > 0 {
        line.push_str(&format!(", could not read {}", summary.tool_errors));
    }
    line.push_str(&format!(
        ": {}, {}, {}",
        plural(summary.errors, "error"),
        plural(summary.warnings, "warning"),
        plural(summary.infos, "info"),
    ));
    line
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::{Sink, Span};
    use crate::rules::schema::Schema;

    #[test]
    fn an_excerpt_draws_what_the_whole_text_draws() {
        let text: String = (1..=40)
            .map(|i| format!("  \"key_{i}\": \"välue {i}\",\n"))
            .collect();
        let at = |line: usize| {
            let start = text.match_indices('\n').nth(line - 2).unwrap().0 + 3;
            Span::new(start, start + 8)
        };
        // Spans near the start, in the middle and at the end of the text,
        // alone, related far apart, related close together, and one that
        // covers several lines.
        let cases: Vec<(Span, Option<Span>)> = vec![
            (Span::new(2, 8), None),
            (at(20), None),
            (at(40), None),
            (at(10), Some(at(30))),
            (at(10), Some(at(12))),
            (at(10), Some(at(16))),
            (Span::new(at(5).start, at(9).end), Some(at(39))),
        ];
        let handler = handler(Style::default());
        for (primary, related) in cases {
            let mut sink = Sink::default();
            let report = sink
                .report(&Schema::META, "", primary, "a message")
                .label("here");
            if let Some(span) = related {
                report.related(span, "and there");
            }
            let findings = sink.finish("x.json", &text);
            let finding = &findings[0];
            assert_eq!(
                render(&handler, finding, Some(&text)),
                render_from(&handler, finding, Some(&text), whole_text),
                "{primary:?} {related:?}"
            );
        }
    }
}
