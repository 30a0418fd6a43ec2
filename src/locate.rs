//! From a JSON Pointer to the node it names, and back.
//!
//! jsonschema reports where an error is as a path of keys and indices; the
//! rules work on the spanned AST. Both meet here. Where an object has a key
//! twice, the last one wins, as in serde_json, which is what the validator saw.

use jsonc_parser::ast::{Object, ObjectProp, StringLit, Value};

use crate::finding::Span;

/// One step of a path: an object key or an array index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step<'p> {
    /// An object key.
    Key(&'p str),
    /// An array index.
    Index(usize),
}

/// Escapes one key for a JSON Pointer (RFC 6901): `~` → `~0`, `/` → `~1`.
#[must_use]
pub fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

/// Builds a JSON Pointer from steps: `[Key("customer"), Key("email")]` →
/// `/customer/email`.
#[must_use]
pub fn pointer(steps: &[Step<'_>]) -> String {
    let mut out = String::new();
    for step in steps {
        out.push('/');
        match step {
            Step::Key(key) => out.push_str(&escape(key)),
            Step::Index(i) => out.push_str(&i.to_string()),
        }
    }
    out
}

/// A path as people read it in a message: `customer.email`,
/// `shopping_cart.items[0].name`; the whole document is `the request body`.
#[must_use]
pub fn display(steps: &[Step<'_>]) -> String {
    if steps.is_empty() {
        return "the request body".to_owned();
    }
    let mut out = String::new();
    for step in steps {
        match step {
            Step::Key(key) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(key);
            }
            Step::Index(i) => {
                out.push('[');
                out.push_str(&i.to_string());
                out.push(']');
            }
        }
    }
    out
}

/// A value as a message shows it: at most `max` characters (Unicode scalar
/// values), then `…` when something was cut.
#[must_use]
pub fn shorten(text: &str, max: usize) -> String {
    let mut chars = text.chars();
    let mut out: String = chars.by_ref().take(max).collect();
    if chars.next().is_some() {
        out.push('…');
    }
    out
}

/// The last property named `key` in `object` (the one serde_json keeps).
#[must_use]
pub fn last_prop<'a, 'b>(object: &'b Object<'a>, key: &str) -> Option<&'b ObjectProp<'a>> {
    object
        .properties
        .iter()
        .rev()
        .find(|prop| prop.name.as_str() == key)
}

/// The node at `steps` below `root`, with the property it is the value of
/// (for the key's span), if any.
#[must_use]
pub fn node_at<'a, 'b>(
    root: &'b Value<'a>,
    steps: &[Step<'_>],
) -> Option<(&'b Value<'a>, Option<&'b ObjectProp<'a>>)> {
    let mut node = root;
    let mut parent_prop = None;
    for step in steps {
        match (step, node) {
            (Step::Key(key), Value::Object(object)) => {
                let prop = last_prop(object, key)?;
                node = &prop.value;
                parent_prop = Some(prop);
            }
            (Step::Index(i), Value::Array(array)) => {
                node = array.elements.get(*i)?;
                parent_prop = None;
            }
            _ => return None,
        }
    }
    Some((node, parent_prop))
}

/// The span of a value.
#[must_use]
pub fn span_of(value: &Value<'_>) -> Span {
    match value {
        Value::StringLit(v) => v.range.into(),
        Value::NumberLit(v) => v.range.into(),
        Value::BooleanLit(v) => v.range.into(),
        Value::Object(v) => v.range.into(),
        Value::Array(v) => v.range.into(),
        Value::NullKeyword(v) => v.range.into(),
    }
}

/// The span of a property's key, quotes included.
#[must_use]
pub fn key_span(prop: &ObjectProp<'_>) -> Span {
    match &prop.name {
        jsonc_parser::ast::ObjectPropName::String(s) => s.range.into(),
        jsonc_parser::ast::ObjectPropName::Word(w) => w.range.into(),
    }
}

/// What [`walk`] calls for each value: the path to it, the value, and the
/// property it is the value of (none for the root and array elements).
pub type Visitor<'v, 'a> = dyn FnMut(&[Step<'a>], &'a Value<'a>, Option<&'a ObjectProp<'a>>) + 'v;

/// Calls `visit` for every value below `root` (the root included), in
/// document order, with the path to it and the property it is the value of.
/// The parser limits nesting to [`crate::parse::MAX_DEPTH`], so the
/// recursion is bounded.
pub fn walk<'a>(root: &'a Value<'a>, visit: &mut Visitor<'_, 'a>) {
    fn go<'a>(
        path: &mut Vec<Step<'a>>,
        value: &'a Value<'a>,
        prop: Option<&'a ObjectProp<'a>>,
        visit: &mut Visitor<'_, 'a>,
    ) {
        visit(path, value, prop);
        match value {
            Value::Object(object) => {
                for prop in &object.properties {
                    path.push(Step::Key(prop.name.as_str()));
                    go(path, &prop.value, Some(prop), visit);
                    path.pop();
                }
            }
            Value::Array(array) => {
                for (i, element) in array.elements.iter().enumerate() {
                    path.push(Step::Index(i));
                    go(path, element, None, visit);
                    path.pop();
                }
            }
            _ => {}
        }
    }
    // Deep enough for a request body without growing.
    go(&mut Vec::with_capacity(16), root, None, visit);
}

/// The span, in the document `text`, of the characters `chars` (indices of
/// Unicode scalar values in the decoded value) of a string literal. An escape
/// is one character that spans its whole escape (`\u00e9`, `\"`, a surrogate
/// pair). Falls back to the whole literal, quotes included, when the raw text
/// does not decode to the literal's value or the range is empty or outside it:
/// a wider span, never a wrong one.
#[must_use]
pub fn chars_span(text: &str, lit: &StringLit<'_>, chars: std::ops::Range<usize>) -> Span {
    let whole: Span = lit.range.into();
    if chars.start >= chars.end {
        return whole;
    }
    char_range(text, lit, chars).unwrap_or(whole)
}

/// The span of the characters `chars` (not empty) of a string literal's
/// decoded value, read from the raw text in one pass, holding nothing per
/// character (a description may be megabytes long); `None` when the raw
/// text does not decode to `lit.value` or the range is outside it.
fn char_range(text: &str, lit: &StringLit<'_>, chars: std::ops::Range<usize>) -> Option<Span> {
    fn hex4(chars: &mut std::iter::Peekable<std::str::CharIndices<'_>>) -> Option<u32> {
        let mut value = 0;
        for _ in 0..4 {
            value = value * 16 + chars.next()?.1.to_digit(16)?;
        }
        Some(value)
    }
    let base = lit.range.start + 1;
    let inner = text
        .get(lit.range.start..lit.range.end)?
        .strip_prefix('"')?
        .strip_suffix('"')?;
    let mut expected = lit.value.chars();
    let (mut first, mut last) = (None, None);
    let mut chars_read = inner.char_indices().peekable();
    let mut index = 0;
    while let Some((at, c)) = chars_read.next() {
        let c = if c == '\\' {
            match chars_read.next()?.1 {
                '"' => '"',
                '\\' => '\\',
                '/' => '/',
                'b' => '\u{8}',
                'f' => '\u{c}',
                'n' => '\n',
                'r' => '\r',
                't' => '\t',
                'u' => {
                    let high = hex4(&mut chars_read)?;
                    if (0xD800..0xDC00).contains(&high) {
                        if chars_read.next()?.1 != '\\' || chars_read.next()?.1 != 'u' {
                            return None;
                        }
                        let low = hex4(&mut chars_read)?;
                        if !(0xDC00..0xE000).contains(&low) {
                            return None;
                        }
                        char::from_u32(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))?
                    } else {
                        char::from_u32(high)?
                    }
                }
                _ => return None,
            }
        } else {
            c
        };
        if expected.next() != Some(c) {
            return None;
        }
        let end = chars_read.peek().map_or(inner.len(), |&(next, _)| next);
        if index == chars.start {
            first = Some(base + at);
        }
        if index + 1 == chars.end {
            last = Some(base + end);
        }
        index += 1;
    }
    if expected.next().is_some() {
        return None;
    }
    Some(Span::new(first?, last?))
}

/// A value as it is written in `text`, for a message: `14`, `"14"`, `1.5`,
/// `true`. An object or array is put on one line; longer than 40 characters,
/// a value is cut there and ends in `…`.
#[must_use]
pub fn source(text: &str, value: &Value<'_>) -> String {
    let span = span_of(value);
    let raw = text.get(span.start..span.end).unwrap_or_default();
    if matches!(value, Value::Object(_) | Value::Array(_)) {
        shorten(&raw.split_whitespace().collect::<Vec<_>>().join(" "), 40)
    } else {
        shorten(raw, 40)
    }
}

#[cfg(test)]
mod tests {
    use jsonc_parser::ast::Value;

    use super::chars_span;
    use crate::finding::Span;

    /// The raw text that `chars` of the one string in `text` span.
    fn raw(text: &str, chars: std::ops::Range<usize>) -> &str {
        let root = crate::parse::parse(text).unwrap();
        let Value::StringLit(lit) = &root else {
            panic!("not a string: {text}")
        };
        let Span { start, end } = chars_span(text, lit, chars);
        &text[start..end]
    }

    #[test]
    fn escapes_are_one_character() {
        assert_eq!(raw(r#""caf\u00e9 bar""#, 3..5), r"\u00e9 ");
        assert_eq!(raw(r#""a\"b""#, 1..3), r#"\"b"#);
        assert_eq!(raw(r#""\ud83d\ude00x""#, 0..1), r"\ud83d\ude00");
        assert_eq!(raw(r#""\ud83d\ude00x""#, 1..2), "x");
        assert_eq!(raw(r#""é😀\tz""#, 1..3), r"😀\t");
    }

    #[test]
    fn falls_back_to_the_whole_literal() {
        assert_eq!(raw(r#""abc""#, 2..9), r#""abc""#);
        assert_eq!(raw(r#""abc""#, 1..1), r#""abc""#);
    }
}
