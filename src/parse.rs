//! Strict JSON (RFC 8259) with a byte span on every key and value.
//!
//! jsonc-parser does the work, with every leniency switched off. It keeps
//! duplicate keys and the raw text of numbers, which the rules need. Two things
//! it lets through that RFC 8259 does not are checked here: control characters
//! inside strings, and a UTF-8 byte order mark (which we accept on purpose, see
//! [`strip_bom`]).

use jsonc_parser::ParseStringErrorKind;
use jsonc_parser::ast::{ObjectPropName, Value};
use jsonc_parser::errors::ParseErrorKind;
use jsonc_parser::{CollectOptions, ParseOptions};

use crate::finding::Span;

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
    check_strings(text, &root)?;
    Ok(root)
}

/// RFC 8259 §7: control characters (U+0000 to U+001F) must be escaped inside
/// strings; jsonc-parser lets them through.
fn check_strings(text: &str, root: &Value<'_>) -> Result<(), Box<SyntaxError>> {
    let mut stack = vec![root];
    while let Some(value) = stack.pop() {
        match value {
            Value::StringLit(s) => check_string(text, s.range.into())?,
            Value::Object(object) => {
                for prop in &object.properties {
                    if let ObjectPropName::String(name) = &prop.name {
                        check_string(text, name.range.into())?;
                    }
                    stack.push(&prop.value);
                }
            }
            Value::Array(array) => stack.extend(array.elements.iter()),
            _ => {}
        }
    }
    Ok(())
}

fn check_string(text: &str, span: Span) -> Result<(), Box<SyntaxError>> {
    let raw = text.get(span.start..span.end).unwrap_or_default();
    let Some((at, byte)) = raw.bytes().enumerate().find(|&(_, b)| b < 0x20) else {
        return Ok(());
    };
    let start = span.start + at;
    let (name, escape) = match byte {
        b'\n' => ("a line break", "\\n"),
        b'\r' => ("a carriage return", "\\r"),
        b'\t' => ("a tab", "\\t"),
        _ => ("a control character", "\\u00XX"),
    };
    Err(Box::new(
        SyntaxError::new(
            Span::new(start, start + 1),
            format!("{name} (U+{byte:04X}) inside a string: JSON requires it to be escaped"),
            "unescaped control character",
        )
        .help(format!("write it as `{escape}`")),
    ))
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
        K::CommentsNotAllowed | K::UnterminatedCommentBlock => SyntaxError::new(
            span,
            "comment: JSON does not allow comments",
            "comment",
        )
        .help("remove the comment; to explain a value, use a field the API ignores, or a README"),
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
        K::ExpectedObjectValue => SyntaxError::new(
            span,
            "expected a value after `:`",
            "expected a value",
        ),
        K::ExpectedComma if leading_zero(text, span.start) => SyntaxError::new(
            Span::new(span.start - 1, span.start),
            "a JSON number cannot have a leading zero",
            "leading zero",
        )
        .help("remove the leading zero; to keep it, the value must be a string"),
        K::ExpectedComma => {
            let at = Span::new(span.start, (span.start + 1).min(text.len()));
            SyntaxError::new(
                at,
                "expected `,` between two values, or the end of the object or array",
                "expected `,`",
            )
            .help("separate the members with commas")
        }
        K::UnexpectedComma => {
            SyntaxError::new(span, "unexpected `,`: there is no value before it", "extra comma")
                .help("remove the comma")
        }
        K::UnexpectedColon => SyntaxError::new(span, "unexpected `:`", "unexpected `:`"),
        K::UnexpectedCloseBrace => SyntaxError::new(span, "unexpected `}`", "unexpected `}`"),
        K::UnexpectedCloseBracket => SyntaxError::new(span, "unexpected `]`", "unexpected `]`"),
        K::UnexpectedWord | K::UnexpectedToken | K::UnexpectedTokenInObject => {
            unexpected_token(text, &found, span)
        }
        K::HexadecimalNumbersNotAllowed
        | K::UnaryPlusNumbersNotAllowed
        | K::BareDecimalPointNumbersNotAllowed
        | K::NonFiniteNumbersNotAllowed
        | K::ExpectedDigit
        | K::ExpectedDigitFollowingNegativeSign
        | K::ExpectedPlusMinusOrDigitInNumberLiteral => SyntaxError::new(
            span,
            format!("`{found}` is not a JSON number"),
            "not a JSON number",
        )
        .help("JSON numbers are decimal, like `1000`, `-0.5` or `1e3`, with no `+`, `.5`, `5.`, hex, `NaN` or `Infinity`"),
        K::MultipleRootJsonValues => SyntaxError::new(
            span,
            "unexpected text after the end of the JSON value",
            "unexpected text",
        )
        .help("a file holds one JSON value; for one request per line, use a `.jsonl` file"),
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
            .help(format!("close the {what} with `{}`", if open == '{' { '}' } else { ']' }));
            error.related = Some((
                Span::new(span.start, span.start + 1),
                format!("this `{open}` is never closed"),
            ));
            error
        }
        K::NestingDepthExceeded => SyntaxError::new(
            Span::new(span.start, span.start + 1),
            format!("arrays and objects are nested more than {MAX_DEPTH} levels deep"),
            "too deep",
        ),
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
    let first = found.chars().next().unwrap_or(' ');
    let rest = text.get(span.start..).unwrap_or_default();
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

/// The text at a span, shortened for a message.
fn snippet(text: &str, span: Span) -> String {
    let raw = text.get(span.start..span.end).unwrap_or_default();
    let mut out: String = raw.chars().take(20).collect();
    if raw.chars().count() > 20 {
        out.push('…');
    }
    out
}
