//! JSON Lines (`*.jsonl`, `*.ndjson`): one request per line, as recorded
//! payloads and request logs keep them.
//!
//! Each non-blank line is a document of its own, linted by
//! [`crate::lint_text`] as a file would be, and its findings are moved to
//! where the line is in the file: lines, columns and byte offsets are the
//! file's own. A line that is not JSON is an `invalid-json` finding and the
//! next line is checked as usual; a line that is valid JSON but not an order
//! request is skipped (order detection applies per line). Lines end at `\n`;
//! a `\r` before it is not part of the document, and the last line needs no
//! line break. A line of nothing but white space is blank, and not a
//! document.
//!
//! [`JsonLines`] takes lines in order, one or a batch at a time, and keeps
//! no text; the lines of a batch are linted in parallel. [`lint_reader`]
//! feeds it from a reader a batch at a time, so that a file of any length
//! is checked without being held whole; a line longer than its limit is
//! not held either, but reported (an `io-error` at the line) and skipped.

use std::borrow::Cow;
use std::io::{self, BufRead};

use rayon::prelude::*;

use crate::finding::{Finding, Position, Range};
use crate::{Config, Outcome, Status};

/// Whether a path names a JSON Lines file: it ends in `.jsonl` or `.ndjson`.
#[must_use]
pub fn is_json_lines(path: &str) -> bool {
    path.ends_with(".jsonl") || path.ends_with(".ndjson")
}

/// Lints a JSON Lines file one line at a time: [`JsonLines::push`] each line
/// in order, then [`JsonLines::finish`].
#[derive(Debug)]
pub struct JsonLines<'a> {
    path: &'a str,
    config: &'a Config,
    /// Lines pushed so far.
    line: usize,
    /// Byte offset of the next line in the file.
    offset: usize,
    checked: usize,
    skipped: usize,
    findings: Vec<Finding>,
}

impl<'a> JsonLines<'a> {
    /// Starts a file; `path` fills in [`Finding::path`].
    #[must_use]
    pub fn new(path: &'a str, config: &'a Config) -> Self {
        Self {
            path,
            config,
            line: 0,
            offset: 0,
            checked: 0,
            skipped: 0,
            findings: Vec::new(),
        }
    }

    /// Lints the next line. `raw` is the line as read, with its `\n` or
    /// `\r\n` when it has one (the last line of a file may not), and no
    /// other `\n`.
    pub fn push(&mut self, raw: &[u8]) {
        self.push_batch(&[raw]);
    }

    /// Lints the next lines, in parallel, and keeps their findings in line
    /// order: the outcome is the same as pushing them one at a time.
    pub fn push_batch<L: AsRef<[u8]> + Sync>(&mut self, raws: &[L]) {
        let mut places = Vec::with_capacity(raws.len());
        for raw in raws {
            self.line += 1;
            places.push((self.line, self.offset));
            self.offset += raw.as_ref().len();
        }
        let lint = |(raw, &(line, start)): (&L, &(usize, usize))| {
            lint_line(self.path, self.config, raw.as_ref(), line, start)
        };
        let outcomes: Vec<Option<Outcome>> = if raws.len() > 1 {
            raws.par_iter().zip(&places).map(lint).collect()
        } else {
            raws.iter().zip(&places).map(lint).collect()
        };
        for outcome in outcomes.into_iter().flatten() {
            match outcome.status {
                Status::Skipped => self.skipped += 1,
                _ => self.checked += 1,
            }
            self.findings.extend(outcome.findings);
        }
    }

    /// Passes over the next line, which was too long to read: `len` bytes
    /// with its line break, `text` without, over the limit of `limit`
    /// bytes. It is an `io-error` at the start of the line, and counts as
    /// neither checked nor skipped.
    pub fn push_too_long(&mut self, len: usize, text: usize, limit: u64) {
        self.line += 1;
        let (line, start) = (self.line, self.offset);
        self.offset += len;
        let shown = crate::config::show_size(u64::try_from(text).unwrap_or(u64::MAX));
        let limit = crate::config::show_size(limit);
        let place = Position {
            line,
            column: 1,
            offset: start,
        };
        self.findings.push(Finding {
            path: self.path.to_owned(),
            rule: crate::run::IO_ERROR,
            severity: crate::finding::Severity::Error,
            message: format!(
                "line {line} is {shown}, over the {limit} limit for one line of a JSON Lines \
                 file (--max-file-size); it is not read"
            ),
            pointer: None,
            span: Some(crate::finding::Span::new(start, start)),
            range: Some(Range {
                start: place,
                end: place,
            }),
            label: Some("this line is not read".to_owned()),
            related: Vec::new(),
            help: Some(crate::run::OVER_LIMIT_HELP.to_owned()),
            jsonl_line: Some(line),
        });
    }

    /// The findings of every line, in order, and how many lines were linted
    /// and skipped.
    #[must_use]
    pub fn finish(self) -> Outcome {
        Outcome {
            status: Status::JsonLines {
                checked: self.checked,
                skipped: self.skipped,
            },
            findings: self.findings,
        }
    }
}

/// The UTF-8 byte order mark, which only the first line may start with.
const BOM: &[u8] = "\u{feff}".as_bytes();

/// Lints line `line` (1-based) of a file, which starts at byte `start`:
/// `None` when it is blank, else its outcome with every finding moved to
/// the file's own positions.
fn lint_line(
    path: &str,
    config: &Config,
    raw: &[u8],
    line: usize,
    start: usize,
) -> Option<Outcome> {
    let content = raw.strip_suffix(b"\n").unwrap_or(raw);
    let content = content.strip_suffix(b"\r").unwrap_or(content);
    let blank_from = if line == 1 && content.starts_with(BOM) {
        BOM.len()
    } else {
        0
    };
    if content[blank_from..]
        .iter()
        .all(|b| matches!(b, b' ' | b'\t' | b'\r'))
    {
        return None;
    }
    // Only the first line may start with a byte order mark; on a later line
    // it is an error, and a column.
    let first = line == 1;
    let mut outcome = match std::str::from_utf8(content) {
        Ok(text) => crate::lint_document(path, text, config, first),
        Err(error) => crate::not_utf8(path, content, &error, start),
    };
    let bom_column = !first && content.starts_with(BOM);
    for finding in &mut outcome.findings {
        move_to_line(finding, line, start, bom_column);
    }
    Some(outcome)
}

/// Lines handed to the threads at a time, at most: enough work to share,
/// little enough to hold.
const BATCH_LINES: usize = 512;
/// Bytes of lines handed to the threads at a time, at most (a batch holds
/// at least one line, however long).
const BATCH_BYTES: usize = 1 << 20;

/// Lints a JSON Lines file from a reader, a batch of lines at a time, so
/// that only one batch of its text is held at once (the findings are
/// kept). A line longer than `max_line` bytes (its line break not counted)
/// is not held: it is an `io-error` at that line (see
/// [`JsonLines::push_too_long`]), and the next line is read as usual.
/// Otherwise the outcome is the same as [`crate::lint_jsonl`]'s on the same
/// bytes.
///
/// # Errors
///
/// An error from the reader; what was linted before it is lost.
pub fn lint_reader(
    path: &str,
    mut reader: impl BufRead,
    config: &Config,
    max_line: u64,
) -> io::Result<Outcome> {
    let lines = std::iter::from_fn(|| read_line(&mut reader, max_line).transpose());
    lint_batched(path, lines, config, max_line)
}

/// One line as read: its bytes, with its line break, or only its length
/// when it is longer than the limit.
#[derive(Debug)]
enum Line<L> {
    Text(L),
    TooLong {
        /// Bytes, with the line break.
        len: usize,
        /// Bytes, without the line break (`\n` or `\r\n`).
        text: usize,
    },
}

/// Reads the next line, up to and with its `\n`. A line longer than
/// `max_line` bytes without its line break (`\n` or `\r\n`) is read to its
/// end and dropped as it is read: only its length is kept. `None` at the
/// end.
fn read_line(reader: &mut impl BufRead, max_line: u64) -> io::Result<Option<Line<Vec<u8>>>> {
    // Room for the longest line and a `\r\n`.
    let keep = usize::try_from(max_line)
        .unwrap_or(usize::MAX)
        .saturating_add(2);
    let mut line = Vec::new();
    let mut len: usize = 0;
    // The last byte read before the piece at hand, and the length of the
    // line break found.
    let mut last = None;
    let mut ending = 0;
    loop {
        let available = match reader.fill_buf() {
            Ok(available) => available,
            Err(error) if error.kind() == io::ErrorKind::Interrupted => continue,
            Err(error) => return Err(error),
        };
        let Some(&final_byte) = available.last() else {
            break;
        };
        let (taken, done) = match memchr::memchr(b'\n', available) {
            Some(at) => {
                let before = at
                    .checked_sub(1)
                    .map_or(last, |i| available.get(i).copied());
                ending = if before == Some(b'\r') { 2 } else { 1 };
                (at + 1, true)
            }
            None => (available.len(), false),
        };
        last = Some(final_byte);
        if len.saturating_add(taken) <= keep {
            line.extend_from_slice(&available[..taken]);
        } else if !line.is_empty() {
            line = Vec::new();
        }
        len = len.saturating_add(taken);
        reader.consume(taken);
        if done {
            break;
        }
    }
    if len == 0 {
        return Ok(None);
    }
    let text = len - ending;
    if len > keep || u64::try_from(text).unwrap_or(u64::MAX) > max_line {
        return Ok(Some(Line::TooLong { len, text }));
    }
    Ok(Some(Line::Text(line)))
}

/// Lints a JSON Lines file held in memory, in batches as [`lint_reader`]
/// does.
#[must_use]
pub fn lint_bytes(path: &str, bytes: &[u8], config: &Config) -> Outcome {
    let lines = bytes
        .split_inclusive(|&b| b == b'\n')
        .map(|line| Ok::<_, std::convert::Infallible>(Line::Text(line)));
    match lint_batched(path, lines, config, u64::MAX) {
        Ok(outcome) => outcome,
        Err(never) => match never {},
    }
}

/// Lints `lines` (each with its line break) in batches of at most
/// [`BATCH_LINES`] lines or [`BATCH_BYTES`] bytes. A line too long to be
/// read, over `max_line`, is reported in its place.
fn lint_batched<L: AsRef<[u8]> + Sync, E>(
    path: &str,
    lines: impl Iterator<Item = Result<Line<L>, E>>,
    config: &Config,
    max_line: u64,
) -> Result<Outcome, E> {
    let mut linted = JsonLines::new(path, config);
    let mut batch = Vec::new();
    let mut bytes = 0;
    for line in lines {
        let line = match line? {
            Line::Text(line) => line,
            Line::TooLong { len, text } => {
                // The lines before it first, so that the findings stay in
                // line order.
                linted.push_batch(&batch);
                batch.clear();
                bytes = 0;
                linted.push_too_long(len, text, max_line);
                continue;
            }
        };
        bytes += line.as_ref().len();
        batch.push(line);
        if batch.len() >= BATCH_LINES || bytes >= BATCH_BYTES {
            linted.push_batch(&batch);
            batch.clear();
            bytes = 0;
        }
    }
    linted.push_batch(&batch);
    Ok(linted.finish())
}

/// Moves a finding in the document of line `line` (1-based), which starts at
/// byte `start` of the file, to the file's own positions, and words the
/// syntax errors for a line rather than a file. `bom_column`: the line
/// starts with a byte order mark that is a column, which the document's
/// positions, as those of a file, do not count.
fn move_to_line(finding: &mut Finding, line: usize, start: usize, bom_column: bool) {
    let position = |p: Position| Position {
        // The document is one line: its line 1 is the file's line `line`.
        line: p.line + line - 1,
        column: p.column + usize::from(bom_column && p.offset >= BOM.len()),
        offset: p.offset + start,
    };
    let range = |r: Range| Range {
        start: position(r.start),
        end: position(r.end),
    };
    if let Some(span) = &mut finding.span {
        span.start += start;
        span.end += start;
    }
    finding.range = finding.range.map(range);
    for related in &mut finding.related {
        related.span.start += start;
        related.span.end += start;
        related.range = range(related.range);
    }
    finding.jsonl_line = Some(line);
    if finding.rule == crate::rules::invalid_json::InvalidJson::META.name {
        finding.message = of_a_line(&finding.message);
        finding.label = finding.label.as_deref().map(of_a_line);
        finding.help = finding.help.as_deref().map(of_a_line);
    }
}

/// A syntax error's words about the end of the file, said of the line: in
/// JSON Lines the document ends where the line does.
fn of_a_line(text: &str) -> String {
    text.replace("end of file", "end of the line")
        .replace("the file ends", "the line ends")
        .replace("a file holds one JSON value", "a line holds one JSON value")
        .replace(
            "a byte order mark (U+FEFF) after the start of the file",
            "a byte order mark (U+FEFF) at the start of a line other than the first \
             (joining files with `cat` leaves one where each file began)",
        )
}

/// The text of a JSON Lines file as it can be shown: like
/// [`crate::displayable`], but every byte that is not UTF-8 becomes one `?`
/// and the text goes on after it, so that the lines after a bad one keep
/// their byte offsets and columns.
#[must_use]
pub fn displayable(bytes: &[u8]) -> Cow<'_, str> {
    if let Ok(text) = std::str::from_utf8(bytes) {
        return crate::displayable(text.as_bytes());
    }
    let mut text = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        text.push_str(&crate::displayable(chunk.valid().as_bytes()));
        text.extend(std::iter::repeat_n('?', chunk.invalid().len()));
    }
    Cow::Owned(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lint(text: &str) -> Outcome {
        crate::lint_jsonl("x.jsonl", text.as_bytes(), &Config::default())
    }

    /// Where each finding is, leaving out `schema` (these requests lack
    /// required fields, which is not what is tested).
    fn places(outcome: &Outcome) -> Vec<(Option<usize>, usize, usize, usize, &str)> {
        outcome
            .findings
            .iter()
            .filter(|f| f.rule != "schema")
            .map(|f| {
                let start = f.range.unwrap().start;
                (f.jsonl_line, start.line, start.column, start.offset, f.rule)
            })
            .collect()
    }

    #[test]
    fn positions_are_the_files_own() {
        let line = r#"{"order_id": "A", "currency": "EUR", "amount": 1.5}"#;
        let text = format!("{line}\n{line}\n");
        let outcome = lint(&text);
        let column = line.find("1.5").unwrap() + 1;
        let second = line.len() + 1 + column - 1;
        assert_eq!(
            places(&outcome),
            [
                (Some(1), 1, column, column - 1, "amount-not-in-cents"),
                (Some(2), 2, column, second, "amount-not-in-cents"),
            ]
        );
        assert_eq!(
            outcome.status,
            Status::JsonLines {
                checked: 2,
                skipped: 0
            }
        );
        let span = outcome.findings[1].span.unwrap();
        assert_eq!(&text[span.start..span.end], "1.5");
    }

    #[test]
    fn blank_lines_are_not_documents_and_crlf_and_no_final_newline_work() {
        let text = "\r\n  \t\r\n{\"order_id\": \"A\", \"amount\": 1.5}\r\n\n[1]";
        let outcome = lint(text);
        assert_eq!(
            places(&outcome),
            [(Some(3), 3, 29, 35, "amount-not-in-cents")]
        );
        assert_eq!(
            outcome.status,
            Status::JsonLines {
                checked: 1,
                skipped: 1
            }
        );
    }

    #[test]
    fn a_syntax_error_speaks_of_the_line() {
        let outcome = lint("{\"order_id\": \"A\",\n{\"order_id\": \"B\"}\n");
        let first = &outcome.findings[0];
        assert_eq!(first.rule, "invalid-json");
        assert_eq!(first.jsonl_line, Some(1));
        assert!(
            first.message.contains("end of the line"),
            "{}",
            first.message
        );
        assert!(!first.message.contains("file"), "{}", first.message);
    }

    #[test]
    fn a_line_that_is_not_utf8_names_the_files_byte() {
        let mut bytes = b"{\"order_id\": \"A\"}\n".to_vec();
        bytes.extend_from_slice(b"{\"order_id\": \"Caf\xE9\"}\n");
        bytes.extend_from_slice(b"{\"order_id\": \"B\", \"amount\": 1.5}");
        let outcome = crate::lint_jsonl("x.jsonl", &bytes, &Config::default());
        let bad = bytes.iter().position(|&b| b == 0xE9).unwrap();
        let rules: Vec<_> = places(&outcome);
        assert_eq!(rules[0], (Some(2), 2, 18, bad, "invalid-json"));
        let invalid = outcome
            .findings
            .iter()
            .find(|f| f.rule == "invalid-json")
            .unwrap();
        assert!(
            invalid.message.contains(&format!("at byte {bad} ")),
            "{}",
            invalid.message
        );
        assert_eq!(rules[1], (Some(3), 3, 29, 67, "amount-not-in-cents"));
        assert_eq!(rules.len(), 2);
        let shown = displayable(&bytes);
        assert_eq!(shown.len(), bytes.len(), "every byte keeps its offset");
        let span = outcome.findings.last().unwrap().span.unwrap();
        assert_eq!(&shown[span.start..span.end], "1.5");
    }

    #[test]
    fn an_empty_file_has_no_documents() {
        let outcome = lint("");
        assert!(outcome.findings.is_empty());
        assert_eq!(
            outcome.status,
            Status::JsonLines {
                checked: 0,
                skipped: 0
            }
        );
    }

    #[test]
    fn a_byte_order_mark_on_the_first_line_is_not_a_column() {
        let outcome = lint("\u{feff}{\"order_id\": \"A\", \"amount\": 1.5}\n");
        assert_eq!(
            places(&outcome),
            [(Some(1), 1, 29, 31, "amount-not-in-cents")]
        );
    }

    /// Found by `cargo fuzz run lint`: a later line that started with a
    /// byte order mark was linted as if it were the start of a file, so the
    /// mark was accepted and was not a column.
    #[test]
    fn a_byte_order_mark_on_a_later_line_is_an_error_and_a_column() {
        let line = "{\"order_id\": \"A\", \"amount\": 1.5}";
        let outcome = lint(&format!("{line}\n\u{feff}{line}\n"));
        let second = line.len() + 1;
        assert_eq!(
            places(&outcome),
            [
                (Some(1), 1, 29, 28, "amount-not-in-cents"),
                (Some(2), 2, 1, second, "invalid-json"),
            ]
        );
        let bom = outcome.findings.iter().find(|f| f.rule == "invalid-json");
        let bom = bom.unwrap();
        let range = bom.range.unwrap();
        assert_eq!((range.end.column, range.end.offset), (2, second + 3));
        assert_eq!(bom.span.unwrap().end, second + 3);
        assert!(bom.message.contains("byte order mark"), "{}", bom.message);

        // Not UTF-8 after the mark: the bad byte is the second column.
        let bytes = [line.as_bytes(), b"\n\xEF\xBB\xBF\xAA\n"].concat();
        let outcome = crate::lint_jsonl("x.jsonl", &bytes, &Config::default());
        let bad = outcome.findings.last().unwrap();
        let range = bad.range.unwrap();
        assert_eq!((range.start.line, range.start.column), (2, 2));
        assert_eq!(range.start.offset, second + 3);
    }

    #[test]
    fn a_line_over_the_limit_is_reported_in_its_place_however_it_is_read() {
        let line = "{\"order_id\": \"A\", \"amount\": 1.5}";
        let long = "{\"order_id\": \"A\", \"amount\": 1.5, \"description\": \"too long\"}";
        let text = format!("{line}\r\n{long}\r\n\n{line}\n{long}");
        let limit = u64::try_from(line.len()).unwrap();
        // Where lines 1, 2, 4 and 5 start (line 3 is blank).
        let fourth = line.len() + long.len() + 5;
        let starts = [0, line.len() + 2, fourth, fourth + line.len() + 1];
        let amount = line.find("1.5").unwrap();
        let expected = [
            (Some(1), 1, amount + 1, amount, "amount-not-in-cents"),
            (Some(2), 2, 1, starts[1], "io-error"),
            (
                Some(4),
                4,
                amount + 1,
                starts[2] + amount,
                "amount-not-in-cents",
            ),
            (Some(5), 5, 1, starts[3], "io-error"),
        ];
        // Read a byte at a time, `\r` and `\n` fall in different pieces.
        for capacity in [1, 2, 3, 7, 64, 1 << 16] {
            let reader = std::io::BufReader::with_capacity(capacity, text.as_bytes());
            let outcome = lint_reader("x.jsonl", reader, &Config::default(), limit).unwrap();
            assert_eq!(places(&outcome), expected, "pieces of {capacity} bytes");
            let over = outcome
                .findings
                .iter()
                .find(|f| f.rule == "io-error")
                .unwrap();
            assert_eq!(
                over.message,
                format!(
                    "line 2 is {} bytes, over the {limit} bytes limit for one line of a JSON \
                     Lines file (--max-file-size); it is not read",
                    long.len()
                )
            );
            assert_eq!(
                outcome.status,
                Status::JsonLines {
                    checked: 2,
                    skipped: 0
                }
            );
            let violations =
                crate::invariants::violations("x.jsonl", &outcome.findings, text.as_bytes());
            assert_eq!(violations, Vec::<String>::new());
        }
        // Within the limit, reading is the same as linting the bytes.
        let reader = std::io::BufReader::with_capacity(3, text.as_bytes());
        let read = lint_reader("x.jsonl", reader, &Config::default(), 1000).unwrap();
        assert_eq!(read, lint(&text));
    }

    #[test]
    fn json_lines_names() {
        assert!(is_json_lines("a/b.jsonl"));
        assert!(is_json_lines("b.ndjson"));
        assert!(!is_json_lines("b.json"));
        assert!(!is_json_lines("jsonl"));
    }
}
