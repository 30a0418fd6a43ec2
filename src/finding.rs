//! Findings: what a check reports, and where.
//!
//! A check never prints. It reports through a [`Sink`] with byte spans into the
//! document text; [`Sink::finish`] turns those spans into 1-based line and
//! column positions once, at the end, and only when there is something to report.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::rules::RuleMeta;
use crate::text::LineIndex;

/// How serious a finding is. Ordered so that `Info < Warning < Error`.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    clap::ValueEnum,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; never wrong to ignore.
    Info,
    /// Probably a mistake.
    Warning,
    /// Certainly a mistake: the API refuses it or misreads it.
    Error,
}

impl Severity {
    /// The lowercase name used in every output format.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Byte offsets into the document text, end-exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end` (byte offsets).
    #[must_use]
    pub fn new(start: usize, end: usize) -> Self {
        Self { start, end }
    }
}

impl From<jsonc_parser::common::Range> for Span {
    fn from(range: jsonc_parser::common::Range) -> Self {
        Self::new(range.start, range.end)
    }
}

/// A place in a file: 1-based line, 1-based column counted in Unicode scalar
/// values, and the 0-based byte offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Position {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, in characters (Unicode scalar values), not bytes.
    pub column: usize,
    /// 0-based byte offset into the file.
    pub offset: usize,
}

/// A range of text, start inclusive, end exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Range {
    /// Where the range starts.
    pub start: Position,
    /// Where the range ends (exclusive).
    pub end: Position,
}

/// A secondary place that takes part in a finding (the first of two duplicate
/// keys, the other lifetime field).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Related {
    /// What this place is, in a few words.
    pub message: String,
    /// Byte span in the document.
    pub span: Span,
    /// The same place as line and column.
    pub range: Range,
}

/// One problem found in one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The file, as it is shown to the user (`/`-separated).
    pub path: String,
    /// The rule's stable kebab-case id, for example `schema` or `io-error`.
    pub rule: &'static str,
    /// The severity, after configuration.
    pub severity: Severity,
    /// What is wrong, naming the field and the value.
    pub message: String,
    /// JSON Pointer of the node the finding is about (`""` is the whole document).
    pub pointer: Option<String>,
    /// Byte span of the primary place; `None` for a file that could not be read.
    pub span: Option<Span>,
    /// The primary place as line and column.
    pub range: Option<Range>,
    /// A short label shown at the primary span.
    pub label: Option<String>,
    /// Other places that take part.
    pub related: Vec<Related>,
    /// How to fix it.
    pub help: Option<String>,
    /// For a finding in a JSON Lines file (`*.jsonl`, `*.ndjson`): the
    /// 1-based line of the document it is in. `pointer` is then a pointer
    /// into that line's document. `None` for any other file.
    pub jsonl_line: Option<usize>,
}

impl Finding {
    /// A finding about a whole file that has no text to point into (it could
    /// not be read).
    #[must_use]
    pub fn file_level(path: &str, rule: &'static str, severity: Severity, message: String) -> Self {
        Self {
            path: path.to_owned(),
            rule,
            severity,
            message,
            pointer: None,
            span: None,
            range: None,
            label: None,
            related: Vec::new(),
            help: None,
            jsonl_line: None,
        }
    }

    /// The key findings are sorted by: path, then position, then rule.
    #[must_use]
    pub fn sort_key(&self) -> (&str, usize, usize, &str, &str) {
        let (start, end) = self.span.map_or((0, 0), |s| (s.start, s.end));
        (&self.path, start, end, self.rule, &self.message)
    }
}

/// A finding under construction, returned by [`Sink::report`] so that a label,
/// related places and help can be chained on.
#[derive(Debug)]
pub struct Report<'s> {
    finding: &'s mut Pending,
}

#[derive(Debug)]
struct Pending {
    rule: &'static str,
    severity: Severity,
    message: String,
    pointer: String,
    span: Span,
    label: Option<String>,
    related: Vec<(Span, String)>,
    help: Option<String>,
    keyword: Option<&'static str>,
}

impl Report<'_> {
    /// Names the JSON Schema keyword a `schema` finding comes from
    /// (`maxLength`, `type`), so that a named rule that covers that keyword
    /// at the same place can take its place.
    pub fn keyword(self, keyword: &'static str) -> Self {
        self.finding.keyword = Some(keyword);
        self
    }

    /// Sets the short label shown at the primary span.
    pub fn label(self, label: impl Into<String>) -> Self {
        self.finding.label = Some(label.into());
        self
    }

    /// Adds another place that takes part in the finding.
    pub fn related(self, span: Span, message: impl Into<String>) -> Self {
        self.finding.related.push((span, message.into()));
        self
    }

    /// Sets the help line: how to fix it, as an imperative.
    pub fn help(self, help: impl Into<String>) -> Self {
        self.finding.help = Some(help.into());
        self
    }
}

/// Collects the findings of one document. The only way a check reports.
#[derive(Debug, Default)]
pub struct Sink {
    pending: Vec<Pending>,
}

impl Sink {
    /// Reports a finding of `rule` at `span` (bytes), about the node at
    /// `pointer`, with the rule's default severity.
    pub fn report(
        &mut self,
        rule: &'static RuleMeta,
        pointer: impl Into<String>,
        span: Span,
        message: impl Into<String>,
    ) -> Report<'_> {
        self.pending.push(Pending {
            rule: rule.name,
            severity: rule.default_severity,
            message: message.into(),
            pointer: pointer.into(),
            span,
            label: None,
            related: Vec::new(),
            help: None,
            keyword: None,
        });
        let last = self.pending.len() - 1;
        Report {
            finding: &mut self.pending[last],
        }
    }

    /// Whether nothing has been reported.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.pending.is_empty()
    }

    /// Keeps only the findings for which `keep(rule, pointer, keyword)` is
    /// true.
    pub fn retain(&mut self, mut keep: impl FnMut(&'static str, &str, Option<&str>) -> bool) {
        self.pending.retain(|p| keep(p.rule, &p.pointer, p.keyword));
    }

    /// Every finding so far as (rule, pointer, schema keyword).
    pub fn entries(&self) -> impl Iterator<Item = (&'static str, &str, Option<&'static str>)> {
        self.pending
            .iter()
            .map(|p| (p.rule, p.pointer.as_str(), p.keyword))
    }

    /// Resolves every span against `text` and returns the findings, sorted.
    #[must_use]
    pub fn finish(self, path: &str, text: &str) -> Vec<Finding> {
        if self.pending.is_empty() {
            return Vec::new();
        }
        let index = LineIndex::new(text);
        // In order of place, so that the index counts columns on from one
        // finding to the next (the findings are sorted again below).
        let mut pending = self.pending;
        pending.sort_by_key(|p| p.span.start);
        let mut findings: Vec<Finding> = pending
            .into_iter()
            .map(|p| {
                let span = index.clamp(p.span);
                Finding {
                    path: path.to_owned(),
                    rule: p.rule,
                    severity: p.severity,
                    message: p.message,
                    pointer: Some(p.pointer),
                    span: Some(span),
                    range: Some(index.range(span)),
                    label: p.label,
                    related: p
                        .related
                        .into_iter()
                        .map(|(span, message)| {
                            let span = index.clamp(span);
                            Related {
                                message,
                                span,
                                range: index.range(span),
                            }
                        })
                        .collect(),
                    help: p.help,
                    jsonl_line: None,
                }
            })
            .collect();
        findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        findings
    }
}
