//! Strict JSON (RFC 8259) with a byte span on every key and value.
//!
//! The tree is jsonc-parser's AST: it keeps duplicate keys and the raw text of
//! numbers, which the rules need. Two parsers build it. [`fast`] takes the
//! texts that are strict JSON, nearly all of them, in one pass and gives up at
//! the first thing it does not expect. jsonc-parser, with every leniency
//! switched off, takes the rest and says what is wrong ([`parse_slow`]). Two
//! things it lets through that RFC 8259 does not are checked here: control
//! characters inside strings, and a UTF-8 byte order mark (which we accept on
//! purpose, see [`strip_bom`]).

use jsonc_parser::ParseStringErrorKind;
use jsonc_parser::ast::Value;
use jsonc_parser::errors::ParseErrorKind;
use jsonc_parser::{CollectOptions, ParseOptions};

use crate::finding::Span;

pub mod fast;

/// Why a text is not strict JSON, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// Where the problem is (bytes).
    pub span: Span,
    /// What is wrong, in plain words.
    pub message: String,
    /// A few words shown at the span.
    pub label: String,
    /// How to fix it, where there is something to say.
    pub help: Option<String>,
    /// Another place that explains the problem (the bracket that is never closed).
    pub related: Option<(Span, String)>,
}

impl SyntaxError {
    fn new(span: Span, message: impl Into<String>, label: impl Into<String>) -> Self {
        Self {
            span,
            message: message.into(),
            label: label.into(),
            help: None,
            related: None,
        }
    }

    fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

/// The deepest nesting of arrays and objects jsonc-parser accepts before it
/// stops (its parser is recursive; the limit keeps the stack safe).
pub const MAX_DEPTH: usize = 512;

/// The UTF-8 byte order mark.
const BOM: &str = "\u{feff}";

/// RFC 8259 §8.1 lets a parser ignore a UTF-8 byte order mark, and editors on
/// Windows write one, so orderlint accepts it. The mark is replaced by three
/// spaces (it is three bytes long), so every byte offset stays the same.
#[must_use]
pub fn strip_bom(text: &str) -> Option<String> {
    text.strip_prefix(BOM).map(|rest| format!("   {rest}"))
}

/// Parses `text` as strict JSON.
pub fn parse(text: &str) -> Result<Value<'_>, Box<SyntaxError>> {
    match fast::parse(text) {
        Some(root) => Ok(root),
        None => parse_slow(text),
    }
}

/// Parses `text` as strict JSON with jsonc-parser, and describes what is
/// wrong when it is not: the same tree as [`parse`], more slowly.
pub fn parse_slow(text: &str) -> Result<Value<'_>, Box<SyntaxError>> {
    // Written out in full, with no `..Default::default()`: the defaults are
    // lenient, and a new `allow_*` field must fail to compile, not slip in.
    let options = ParseOptions {
        allow_comments: false,
        allow_loose_object_property_names: false,
        allow_trailing_commas: false,
        allow_missing_commas: false,
        allow_single_quoted_strings: false,
        allow_hexadecimal_numbers: false,
        allow_unary_plus_numbers: false,
        allow_bare_decimal_point_numbers: false,
        allow_non_finite_numbers: false,
        allow_extended_string_escapes: false,
    };
    let result = jsonc_parser::parse_to_ast(text, &CollectOptions::default(), &options)
        .map_err(|error| Box::new(describe(text, error.kind(), error.range().into())))?;
    let Some(root) = result.value else {
        let message = if text.is_empty() {
            "the file is empty"
        } else {
            "the file contains only white space"
        };
        return Err(Box::new(
            SyntaxError::new(Span::new(0, 0), message, "expected a JSON value")
                .help("a request body is one JSON object: `{ \"order_id\": …, … }`"),
        ));
    };
    check_rfc8259(text)?;
    Ok(root)
}

/// Checks what jsonc-parser lets through and RFC 8259 does not: control
/// characters (U+0000 to U+001F) unescaped inside strings (§7), and white
/// space other than space, tab, line feed and carriage return between tokens
/// (§2; jsonc-parser takes any Unicode white space). The text has already
/// parsed, so a scan that only tracks whether it is inside a string is exact.
///
/// Most bytes need no look: the scan skips eight at a time to the next one
/// that may matter (see [`skip`]), and decodes a character only where a
/// non-ASCII one stands between tokens.
fn check_rfc8259(text: &str) -> Result<(), Box<SyntaxError>> {
    let bytes = text.as_bytes();
    let mut at = 0;
    loop {
        at = skip(bytes, at, between_tokens_stop);
        match bytes.get(at) {
            None => return Ok(()),
            Some(b'"') => {
                at += 1;
                loop {
                    at = skip(bytes, at, in_string_stop);
                    match bytes.get(at) {
                        None => return Ok(()),
                        Some(b'"') => {
                            at += 1;
                            break;
                        }
                        // The escaped character cannot end the string.
                        Some(b'\\') => at += 2,
                        Some(&byte) => {
                            return Err(Box::new(control_character(at, char::from(byte))));
                        }
                    }
                }
            }
            // U+000B, U+000C, or the first byte of a non-ASCII character.
            Some(_) => {
                let Some(c) = text.get(at..).and_then(|rest| rest.chars().next()) else {
                    return Ok(());
                };
                if c.is_whitespace() || c == '\u{feff}' {
                    return Err(Box::new(foreign_white_space(at, c)));
                }
                at += c.len_utf8();
            }
        }
    }
}

/// `0x01` in each byte of a word.
const ONES: u64 = 0x0101_0101_0101_0101;
/// The high bit of each byte of a word.
const HIGH: u64 = 0x8080_8080_8080_8080;

/// The high bit set in each byte of `word` equal to `byte`. A borrow can also
/// set it in bytes after (above) a match, never before: the lowest bit set is
/// always the first match.
const fn equal_to(word: u64, byte: u8) -> u64 {
    let x = word ^ (ONES * byte as u64);
    x.wrapping_sub(ONES) & !x & HIGH
}

/// The high bit set in each byte of `word` less than `byte` (at most 0x80),
/// with the same caveat as [`equal_to`].
const fn less_than(word: u64, byte: u8) -> u64 {
    word.wrapping_sub(ONES * byte as u64) & !word & HIGH
}

/// Inside a string: the closing quote, an escape, or a control character.
const fn in_string_stop(word: u64) -> u64 {
    equal_to(word, b'"') | equal_to(word, b'\\') | less_than(word, 0x20)
}

/// Between tokens: an opening quote, the only ASCII white space that JSON
/// does not allow (U+000B and U+000C; see [`char::is_whitespace`]), or a
/// non-ASCII byte.
const fn between_tokens_stop(word: u64) -> u64 {
    equal_to(word, b'"') | equal_to(word, 0x0B) | equal_to(word, 0x0C) | (word & HIGH)
}

/// The offset of the first byte from `at` on that `stop` flags (in the high
/// bit of its lane of a little-endian word), or the length of `bytes`.
fn skip(bytes: &[u8], mut at: usize, stop: fn(u64) -> u64) -> usize {
    while let Some(chunk) = bytes.get(at..at + 8) {
        let mut word = [0; 8];
        word.copy_from_slice(chunk);
        let found = stop(u64::from_le_bytes(word));
        if found != 0 {
            return at + (found.trailing_zeros() / 8) as usize;
        }
        at += 8;
    }
    while let Some(&byte) = bytes.get(at) {
        // The byte alone, in the lowest lane (the other lanes are zero
        // bytes, which the control-character test would flag).
        if stop(u64::from(byte)) & 0x80 != 0 {
            return at;
        }
        at += 1;
    }
    at
}

fn control_character(at: usize, c: char) -> SyntaxError {
    let (name, escape) = match c {
        '\n' => ("a line break", "\\n".to_owned()),
        '\r' => ("a carriage return", "\\r".to_owned()),
        '\t' => ("a tab", "\\t".to_owned()),
        _ => ("a control character", format!("\\u{:04x}", u32::from(c))),
    };
    SyntaxError::new(
        Span::new(at, at + c.len_utf8()),
        format!(
            "{name} (U+{:04X}) inside a string: JSON requires it to be escaped",
            u32::from(c)
        ),
        "unescaped control character",
    )
    .help(format!("write it as `{escape}`"))
}

fn foreign_white_space(at: usize, c: char) -> SyntaxError {
    let name = match c {
        '\u{a0}' => "a non-breaking space",
        '\u{b}' => "a vertical tab",
        '\u{c}' => "a form feed",
        '\u{2028}' => "a line separator",
        '\u{2029}' => "a paragraph separator",
        '\u{feff}' => "a byte order mark",
        _ => "a white-space character",
    };
    SyntaxError::new(
        Span::new(at, at + c.len_utf8()),
        format!(
            "{name} (U+{:04X}) between tokens: JSON allows only spaces, tabs and line breaks there",
            u32::from(c)
        ),
        "not JSON white space",
    )
    .help("replace it with a plain space")
}

/// Turns jsonc-parser's error into plain words, with the span narrowed to the
/// place a person should look at.
fn describe(text: &str, kind: &ParseErrorKind, span: Span) -> SyntaxError {
    use ParseErrorKind as K;
    let found = snippet(text, span);
    match kind {
        K::TrailingCommasNotAllowed => SyntaxError::new(
            span,
            "trailing comma: JSON does not allow a comma before `}` or `]`",
            "trailing comma",
        )
        .help("remove the comma"),
        K::CommentsNotAllowed | K::UnterminatedCommentBlock => {
            SyntaxError::new(span, "comment: JSON does not allow comments", "comment").help(
                "remove the comment; to explain a value, use a field the API ignores, or a README",
            )
        }
        K::SingleQuotedStringsNotAllowed => SyntaxError::new(
            span,
            "single-quoted string: JSON strings use double quotes",
            "single quotes",
        )
        .help("use double quotes: `\"…\"`"),
        K::ExpectedStringObjectProperty => SyntaxError::new(
            span,
            format!("expected a key in double quotes, found `{found}`"),
            "not a quoted key",
        )
        .help("object keys are strings in double quotes: `\"order_id\": …`"),
        K::ExpectedColonAfterObjectKey => SyntaxError::new(
            span,
            format!("expected `:` after the key, found `{found}`"),
            "expected `:`",
        ),
        K::ExpectedObjectValue => {
            SyntaxError::new(span, "expected a value after `:`", "expected a value")
        }
        K::ExpectedComma | K::MultipleRootJsonValues if leading_zero(text, span.start) => {
            SyntaxError::new(
                Span::new(span.start - 1, span.start),
                "a JSON number cannot have a leading zero",
                "leading zero",
            )
            .help("remove the leading zero; to keep it, the value must be a string")
        }
        K::ExpectedComma => {
            // Point at what follows, where a reader sees the comma is missing.
            let next = next_token(text, span.start);
            let found = snippet(text, next);
            SyntaxError::new(
                next,
                format!("expected `,` before `{found}`"),
                "expected `,` before this",
            )
            .help("separate the members of an object or array with commas")
        }
        K::UnexpectedComma => SyntaxError::new(
            span,
            "unexpected `,`: there is no value before it",
            "extra comma",
        )
        .help("remove the comma"),
        K::UnexpectedColon => SyntaxError::new(span, "unexpected `:`", "unexpected `:`"),
        K::UnexpectedCloseBrace => SyntaxError::new(span, "unexpected `}`", "unexpected `}`"),
        K::UnexpectedCloseBracket => SyntaxError::new(span, "unexpected `]`", "unexpected `]`"),
        K::UnexpectedTokenInObject if found.starts_with(['{', '[']) => SyntaxError::new(
            span,
            format!("expected a key in double quotes, found `{found}`"),
            "expected a key",
        )
        .help("inside an object, every value needs a key: `\"customer\": { … }`"),
        K::UnexpectedWord | K::UnexpectedToken | K::UnexpectedTokenInObject => {
            unexpected_token(text, &found, span)
        }
        K::HexadecimalNumbersNotAllowed
        | K::UnaryPlusNumbersNotAllowed
        | K::BareDecimalPointNumbersNotAllowed
        | K::NonFiniteNumbersNotAllowed
        | K::ExpectedDigit
        | K::ExpectedDigitFollowingNegativeSign
        | K::ExpectedPlusMinusOrDigitInNumberLiteral => {
            let number = number_token(text, span.start);
            SyntaxError::new(
                number,
                format!("`{}` is not a JSON number", snippet(text, number)),
                "not a JSON number",
            )
            .help("JSON numbers are decimal, like `1000`, `-0.5` or `1e3`, with no `+`, `.5`, `5.`, hex, `NaN` or `Infinity`")
        }
        K::MultipleRootJsonValues => SyntaxError::new(
            span,
            "unexpected text after the end of the JSON value",
            "unexpected text",
        )
        .help("a file holds one JSON value: remove what follows it"),
        K::UnterminatedObject | K::UnterminatedArray => {
            let (open, what) = if matches!(kind, K::UnterminatedObject) {
                ('{', "object")
            } else {
                ('[', "array")
            };
            let mut error = SyntaxError::new(
                last_char(text),
                format!("unexpected end of file: the {what} opened with `{open}` is never closed"),
                "the file ends after this",
            )
            .help(format!(
                "close the {what} with `{}`",
                if open == '{' { '}' } else { ']' }
            ));
            error.related = Some((
                Span::new(span.start, span.start + 1),
                format!("this `{open}` is never closed"),
            ));
            error
        }
        K::NestingDepthExceeded => SyntaxError::new(
            Span::new(span.start, span.start + 1),
            "the document is nested too deeply for orderlint: its parser stops at \
             512 levels of objects, arrays and keys"
                .to_owned(),
            "too deep",
        )
        .help("a request body is a few levels deep; check for runaway nesting"),
        K::String(kind) => describe_string(kind, span, &found),
        // ParseErrorKind is not exhaustive across versions; any new kind still
        // gets a finding at the right place.
        #[allow(unreachable_patterns)]
        other => SyntaxError::new(span, other.to_string().to_lowercase(), "here"),
    }
}

fn describe_string(kind: &ParseStringErrorKind, span: Span, found: &str) -> SyntaxError {
    use ParseStringErrorKind as S;
    match kind {
        S::UnterminatedStringLiteral => SyntaxError::new(
            Span::new(span.start, span.start + 1),
            "unterminated string: the file ends before its closing `\"`",
            "this string is never closed",
        )
        .help("close the string with `\"`"),
        S::InvalidUnicodeEscapeSequence(detail) => SyntaxError::new(
            span,
            format!("invalid `\\u` escape: {detail}"),
            "invalid escape",
        )
        .help("a character outside the Basic Multilingual Plane is written as a surrogate pair, `\\ud83d\\ude00`"),
        S::ExpectedFourHexDigits => SyntaxError::new(
            span,
            "invalid `\\u` escape: expected four hexadecimal digits",
            "invalid escape",
        ),
        S::InvalidEscape
        | S::ExpectedTwoHexDigits
        | S::InvalidEscapeInDoubleQuoteString
        | S::InvalidEscapeInSingleQuoteString => SyntaxError::new(
            span,
            format!("invalid escape `{found}` in a string"),
            "invalid escape",
        )
        .help("JSON knows only `\\\"`, `\\\\`, `\\/`, `\\b`, `\\f`, `\\n`, `\\r`, `\\t` and `\\uXXXX`"),
    }
}

fn unexpected_token(text: &str, found: &str, span: Span) -> SyntaxError {
    let rest = text.get(span.start..).unwrap_or_default();
    let first = rest.chars().next().unwrap_or(' ');
    if rest.starts_with("...") || rest.starts_with('…') {
        let len = if rest.starts_with('…') {
            '…'.len_utf8()
        } else {
            3
        };
        return SyntaxError::new(
            Span::new(span.start, span.start + len),
            "`...` is a placeholder, not JSON",
            "placeholder",
        )
        .help("replace the placeholder with the real fields, or remove it");
    }
    if first == '\0' {
        return SyntaxError::new(
            span,
            "a NUL byte: the file looks like UTF-16 or binary, not UTF-8 JSON",
            "NUL byte",
        )
        .help("save the file as UTF-8");
    }
    if first == '\u{feff}' {
        return SyntaxError::new(
            span,
            "a byte order mark (U+FEFF) after the start of the file",
            "byte order mark",
        )
        .help("remove it; a byte order mark may only stand at the very start");
    }
    if first.is_alphabetic() {
        return SyntaxError::new(
            span,
            format!("unexpected word `{found}`: JSON has no bare words"),
            "not a JSON value",
        )
        .help("put text in double quotes; the only literals are `true`, `false` and `null`");
    }
    SyntaxError::new(
        span,
        format!("unexpected `{found}`"),
        "unexpected character",
    )
}

/// The span of the last character that is not white space (where a reader
/// sees the file end), or an empty span at the start.
fn last_char(text: &str) -> Span {
    text.trim_end()
        .char_indices()
        .next_back()
        .map_or(Span::new(0, 0), |(i, c)| Span::new(i, i + c.len_utf8()))
}

/// Whether `at` follows a number that starts with `0` and is followed by a
/// digit, as in `01000`: jsonc-parser reads `0`, then expects a comma.
fn leading_zero(text: &str, at: usize) -> bool {
    let bytes = text.as_bytes();
    let digit_next = bytes.get(at).is_some_and(u8::is_ascii_digit);
    let zero_before = at >= 1 && bytes[at - 1] == b'0';
    let starts_number = at < 2 || !(bytes[at - 2].is_ascii_digit() || bytes[at - 2] == b'.');
    digit_next && zero_before && starts_number
}

/// The text at a span, shortened for a message; invisible characters are
/// written as `U+XXXX` so that a message never carries raw control bytes.
fn snippet(text: &str, span: Span) -> String {
    let raw = text.get(span.start..span.end).unwrap_or_default();
    let mut out = String::new();
    for c in raw.chars().take(20) {
        if c.is_control() || c == '\u{feff}' || c == '\u{200b}' {
            out.push_str(&format!("U+{:04X}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    if raw.chars().count() > 20 {
        out.push('…');
    }
    out
}

/// The span of the token that starts at or after `at` (skipping white
/// space): a string, a word or number, or one punctuation character.
fn next_token(text: &str, at: usize) -> Span {
    let rest = text.get(at..).unwrap_or_default();
    let skipped = rest.len() - rest.trim_start().len();
    let start = at + skipped;
    let token = text.get(start..).unwrap_or_default();
    let len = if let Some(body) = token.strip_prefix('"') {
        body.find('"').map_or(token.len(), |end| end + 2)
    } else {
        let word = token
            .find(|c: char| !(c.is_alphanumeric() || matches!(c, '.' | '-' | '+' | '_')))
            .unwrap_or(token.len());
        if word > 0 {
            word
        } else {
            token.chars().next().map_or(0, char::len_utf8)
        }
    };
    Span::new(start, start + len)
}

/// The whole malformed number around `at`: back over the characters a
/// number may hold, then forward over letters and digits (`0x10`, `-`, `1e`).
fn number_token(text: &str, at: usize) -> Span {
    let bytes = text.as_bytes();
    let mut start = at.min(bytes.len());
    while start > 0
        && matches!(
            bytes[start - 1],
            b'0'..=b'9' | b'.' | b'e' | b'E' | b'+' | b'-'
        )
    {
        start -= 1;
    }
    let mut end = start;
    while end < bytes.len()
        && (bytes[end].is_ascii_alphanumeric() || matches!(bytes[end], b'.' | b'+' | b'-'))
    {
        end += 1;
    }
    if end == start {
        end = (start + 1).min(bytes.len());
    }
    Span::new(start, end)
}

#[cfg(test)]
mod tests {
    use super::check_rfc8259;

    /// The scan as it was written first, a character at a time: what the
    /// word-at-a-time scan must agree with. `(offset, character)` of the
    /// first problem.
    fn reference(text: &str) -> Option<(usize, char)> {
        let mut in_string = false;
        let mut chars = text.char_indices();
        while let Some((at, c)) = chars.next() {
            if in_string {
                match c {
                    '"' => in_string = false,
                    '\\' => {
                        chars.next();
                    }
                    c if u32::from(c) < 0x20 => return Some((at, c)),
                    _ => {}
                }
            } else {
                match c {
                    '"' => in_string = true,
                    ' ' | '\t' | '\n' | '\r' => {}
                    c if c.is_whitespace() || c == '\u{feff}' => return Some((at, c)),
                    _ => {}
                }
            }
        }
        None
    }

    fn found(text: &str) -> Option<(usize, char)> {
        check_rfc8259(text).err().map(|error| {
            let c = text[error.span.start..].chars().next().unwrap();
            assert_eq!(error.span.end, error.span.start + c.len_utf8());
            (error.span.start, c)
        })
    }

    #[test]
    fn agrees_with_a_scan_a_character_at_a_time() {
        let pieces = [
            "\"",
            "\\",
            "a",
            " ",
            "\n",
            "\t",
            "\r",
            "\0",
            "\u{1}",
            "\u{b}",
            "\u{c}",
            "\u{1c}",
            "\u{1f}",
            "\u{7f}",
            "é",
            "😀",
            "\u{a0}",
            "\u{85}",
            "\u{2028}",
            "\u{3000}",
            "\u{feff}",
            "\u{200b}",
            "{}:,",
            "abcdefghijklmnop",
            "        ",
        ];
        // Every piece at every offset of the first 16 bytes, inside a string
        // and between tokens, so that each lane of a word sees each piece.
        for piece in pieces {
            for before in 0..16 {
                for quoted in [false, true] {
                    let pad = "x".repeat(before);
                    let text = if quoted {
                        format!("{{\"{pad}{piece}{pad}\": 1, \"k\": \"{pad}\"}}")
                    } else {
                        format!("{{ \"k\":{pad}{piece} 1 }}{pad}")
                    };
                    assert_eq!(found(&text), reference(&text), "{text:?}");
                }
            }
        }
        // Pseudo-random texts of the pieces (xorshift64).
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = |below: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            usize::try_from(seed >> 40).unwrap() % below
        };
        let mut problems = 0;
        for _ in 0..20_000 {
            let mut text = String::new();
            for _ in 0..next(48) {
                // Mostly plain JSON, as in a real file.
                let index = next(pieces.len() * 8);
                let plain = ["\"k\": \"v\", ", "\n    ", "\"long string value\""];
                text.push_str(pieces.get(index).unwrap_or(&plain[index % plain.len()]));
            }
            assert_eq!(found(&text), reference(&text), "{text:?}");
            problems += usize::from(reference(&text).is_some());
        }
        // Both outcomes are common.
        assert!((2_000..18_000).contains(&problems), "{problems}");
    }
}
