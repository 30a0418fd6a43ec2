//! orderlint: a linter for the JSON bodies of MultiSafepay `POST /orders`
//! requests (orders and payment links).
//!
//! The library reads as the pipeline it is:
//! [`discover`] finds files, [`parse`] reads strict JSON with spans,
//! [`rules`] (the JSON Schema among them) check the document and report
//! [`Finding`]s, and [`report`] renders them. [`lint_str`] is the pure core:
//! no I/O, no printing; the CLI, the tests and any editor integration call it.
//! [`lint_jsonl`] lints a JSON Lines file with it, one line at a time.

pub mod cli;
pub mod config;
pub mod decimal;
pub mod discover;
pub mod document;
pub mod finding;
pub mod invariants;
pub mod jsonl;
pub mod locate;
pub mod manual;
pub mod order;
pub mod parse;
pub mod report;
pub mod rules;
pub mod run;
pub mod schema;
#[cfg(test)]
mod testing;
pub mod text;

pub use document::Document;
pub use finding::{Finding, Position, Range, Related, Severity, Span};

use finding::Sink;
use rules::invalid_json::InvalidJson;

/// What the lint of one document may be told.
#[derive(Debug, Clone)]
pub struct Config {
    /// Lint only documents that look like order requests (see
    /// [`Document::is_order_request`]); others are skipped.
    pub detect: bool,
}

impl Default for Config {
    fn default() -> Self {
        Self { detect: true }
    }
}

/// Whether a document was linted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Linted as an order request (or not JSON, which is always reported).
    Checked,
    /// Valid JSON that is not an order request; not linted.
    Skipped,
    /// The file exists but could not be read (an `io-error` finding says why).
    Unreadable,
    /// The path is not a file that could be read: it does not exist, it is a
    /// symbolic link loop or a dangling link, or a FIFO or device (an
    /// `io-error` finding says which). Not counted as a file.
    NotAFile,
    /// A JSON Lines file: so many of its lines were linted, so many were
    /// valid JSON but not order requests (blank lines are neither).
    JsonLines {
        /// Lines linted (including those that are not JSON).
        checked: usize,
        /// Lines that are valid JSON but not order requests.
        skipped: usize,
    },
    /// The configuration file, which has findings of its own (an unused
    /// suppression). Not counted as a file.
    Config,
}

/// The outcome of linting one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// Whether it was linted.
    pub status: Status,
    /// What was found, sorted by position.
    pub findings: Vec<Finding>,
}

/// Lints one document and returns its findings, sorted by position. `path` is
/// only used to fill in [`Finding::path`].
#[must_use]
pub fn lint_str(path: &str, text: &str, config: &Config) -> Vec<Finding> {
    lint_text(path, text, config).findings
}

/// Lints raw bytes: text that is not UTF-8 is an `invalid-json` finding that
/// names the first bad byte.
#[must_use]
pub fn lint_bytes(path: &str, bytes: &[u8], config: &Config) -> Outcome {
    match std::str::from_utf8(bytes) {
        Ok(text) => lint_text(path, text, config),
        Err(error) => not_utf8(path, bytes, &error, 0),
    }
}

/// Lints a JSON Lines file (`*.jsonl`, `*.ndjson`): each non-blank line is
/// one document, linted as [`lint_text`] lints a file, with every position
/// moved to where the line is in the file (see [`jsonl`]).
#[must_use]
pub fn lint_jsonl(path: &str, bytes: &[u8], config: &Config) -> Outcome {
    jsonl::lint_bytes(path, bytes, config)
}

/// The `invalid-json` finding for bytes that are not UTF-8. `base` is the
/// byte offset of `bytes` in the file, for the message.
fn not_utf8(path: &str, bytes: &[u8], error: &std::str::Utf8Error, base: usize) -> Outcome {
    let at = error.valid_up_to();
    let bad = error.error_len().unwrap_or(bytes.len() - at);
    let utf16 = bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]);
    let byte = base + at;
    let message = if utf16 {
        "the file is UTF-16 (it starts with a UTF-16 byte order mark); JSON must be UTF-8"
            .to_owned()
    } else if error.error_len().is_none() {
        format!("the file is not valid UTF-8: it ends in the middle of a character, at byte {byte}")
    } else {
        format!(
            "the file is not valid UTF-8 at byte {byte} (0x{:02X}); is it Latin-1 or Windows-1252?",
            bytes[at]
        )
    };
    let mut sink = Sink::default();
    sink.report(&InvalidJson::META, "", Span::new(at, at + bad), message)
        .label("not UTF-8")
        .help("save the file as UTF-8");
    Outcome {
        status: Status::Checked,
        findings: sink.finish(path, &displayable(bytes)),
    }
}

/// The text of a file as it can be shown: the file itself when it is UTF-8;
/// otherwise the part before the first bad byte, then one `?` for each byte
/// of the bad sequence. ASCII control characters other than tab and line
/// breaks are shown as `?` too, so that no raw control byte reaches a
/// terminal. Every byte offset and column up to the first bad byte stays the
/// same.
#[must_use]
pub fn displayable(bytes: &[u8]) -> std::borrow::Cow<'_, str> {
    let (valid, bad) = match std::str::from_utf8(bytes) {
        Ok(text) => (text, 0),
        Err(error) => {
            let at = error.valid_up_to();
            let valid = std::str::from_utf8(&bytes[..at]).unwrap_or_default();
            (valid, error.error_len().unwrap_or(bytes.len() - at))
        }
    };
    let hidden = |c: char| c.is_ascii_control() && !matches!(c, '\t' | '\n' | '\r');
    if bad == 0 && !valid.contains(hidden) {
        return std::borrow::Cow::Borrowed(valid);
    }
    let mut text: String = valid
        .chars()
        .map(|c| if hidden(c) { '?' } else { c })
        .collect();
    text.extend(std::iter::repeat_n('?', bad));
    std::borrow::Cow::Owned(text)
}

/// Lints one document held as text.
#[must_use]
pub fn lint_text(path: &str, text: &str, config: &Config) -> Outcome {
    lint_document(path, text, config, true)
}

/// [`lint_text`], with a byte order mark at the start of `text` accepted
/// (`bom`: the start of a file) or an error (a line of a JSON Lines file
/// after the first).
fn lint_document(path: &str, text: &str, config: &Config, bom: bool) -> Outcome {
    let without_bom = if bom { parse::strip_bom(text) } else { None };
    let parse_text = without_bom.as_deref().unwrap_or(text);
    let mut sink = Sink::default();
    let root = match parse::parse(parse_text) {
        Ok(root) => root,
        Err(error) => {
            let report = sink
                .report(&InvalidJson::META, "", error.span, error.message)
                .label(error.label);
            let report = match error.related {
                Some((span, message)) => report.related(span, message),
                None => report,
            };
            if let Some(help) = error.help {
                report.help(help);
            }
            return Outcome {
                status: Status::Checked,
                findings: sink.finish(path, text),
            };
        }
    };
    if config.detect && !document::is_order_request(&root) {
        return Outcome {
            status: Status::Skipped,
            findings: Vec::new(),
        };
    }
    let doc = Document::new(parse_text, &root);
    for rule in rules::ALL {
        rule.check(&doc, &mut sink);
    }
    drop_schema_duplicates(&mut sink);
    Outcome {
        status: Status::Checked,
        findings: sink.finish(path, text),
    }
}

/// Rules whose finding gives way to a `schema` error at the same pointer:
/// there the schema's problem is the bigger one, and its message quotes the
/// value (`"EUR "` is not a currency code, whatever the white space).
const YIELD_TO_SCHEMA: &[&str] = &[rules::whitespace_padding::WhitespacePadding::META.name];

/// The schema keywords each named rule reports better: at the same pointer,
/// the rule's finding replaces the `schema` finding of these keywords, and
/// only of these (a duplicate key or an `http://` URL at a pointer does not
/// hide a different schema error there).
const COVERS: &[(&str, &[&str])] = &[
    (
        rules::amount_not_in_cents::AmountNotInCents::META.name,
        &["type"],
    ),
    (
        rules::order_id_too_long::OrderIdTooLong::META.name,
        &["maxLength"],
    ),
    (
        rules::description_too_long::DescriptionTooLong::META.name,
        &["maxLength"],
    ),
    (
        rules::unknown_field::UnknownField::META.name,
        &["additionalProperties", "unevaluatedProperties"],
    ),
    (
        rules::lifetime_invalid::LifetimeInvalid::META.name,
        &["type", "pattern", "minimum", "maximum"],
    ),
];

/// One problem, one finding: a `schema` finding that a named rule covers
/// (see [`COVERS`]) at the same pointer is dropped; a finding of a rule that
/// yields to the schema (see [`YIELD_TO_SCHEMA`]) is dropped where the schema
/// reports an error at its pointer.
fn drop_schema_duplicates(sink: &mut Sink) {
    let schema = rules::schema::Schema::META.name;
    // Per pointer, the schema keywords that a named rule covers there.
    let mut covered: std::collections::HashMap<String, Vec<&'static str>> =
        std::collections::HashMap::new();
    let mut by_schema: std::collections::HashSet<String> = std::collections::HashSet::new();
    for (rule, pointer, _) in sink.entries() {
        if rule == schema {
            by_schema.insert(pointer.to_owned());
        } else if let Some((_, keywords)) = COVERS.iter().find(|(name, _)| *name == rule) {
            covered
                .entry(pointer.to_owned())
                .or_default()
                .extend(keywords.iter());
        }
    }
    if covered.is_empty() && by_schema.is_empty() {
        return;
    }
    sink.retain(|rule, pointer, keyword| {
        if rule == schema {
            keyword.is_none_or(|k| !covered.get(pointer).is_some_and(|c| c.contains(&k)))
        } else if YIELD_TO_SCHEMA.contains(&rule) {
            !by_schema.contains(pointer)
        } else {
            true
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::schema::Schema;

    #[test]
    fn a_named_rule_at_the_same_pointer_drops_the_schema_finding() {
        let amount = &rules::amount_not_in_cents::AmountNotInCents::META;
        let mut sink = Sink::default();
        sink.report(&Schema::META, "/amount", Span::new(1, 2), "type")
            .keyword("type");
        sink.report(&Schema::META, "/amount", Span::new(1, 2), "minimum")
            .keyword("minimum");
        sink.report(&Schema::META, "/currency", Span::new(3, 4), "pattern")
            .keyword("pattern");
        sink.report(amount, "/amount", Span::new(1, 2), "covers type");
        sink.report(
            &InvalidJson::META,
            "/currency",
            Span::new(3, 4),
            "covers nothing",
        );
        drop_schema_duplicates(&mut sink);
        let findings = sink.finish("x.json", "0123456789");
        let kept: Vec<(&str, &str)> = findings
            .iter()
            .map(|f| (f.rule, f.pointer.as_deref().unwrap_or_default()))
            .collect();
        assert_eq!(
            kept,
            [
                ("amount-not-in-cents", "/amount"),
                ("schema", "/amount"),
                ("invalid-json", "/currency"),
                ("schema", "/currency"),
            ]
        );
    }

    #[test]
    fn white_space_gives_way_to_a_schema_error_at_the_same_pointer() {
        let padding = &rules::whitespace_padding::WhitespacePadding::META;
        let mut sink = Sink::default();
        sink.report(&Schema::META, "/currency", Span::new(1, 2), "schema says")
            .keyword("pattern");
        sink.report(padding, "/currency", Span::new(1, 2), "padding says");
        sink.report(padding, "/description", Span::new(3, 4), "padding says");
        drop_schema_duplicates(&mut sink);
        let findings = sink.finish("x.json", "0123456789");
        let kept: Vec<(&str, &str)> = findings
            .iter()
            .map(|f| (f.rule, f.pointer.as_deref().unwrap_or_default()))
            .collect();
        assert_eq!(
            kept,
            [
                ("schema", "/currency"),
                ("whitespace-padding", "/description")
            ]
        );
    }
}
