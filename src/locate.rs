//! From a JSON Pointer to the node it names, and back.
//!
//! jsonschema reports where an error is as a path of keys and indices; the
//! rules work on the spanned AST. Both meet here. Where an object has a key
//! twice, the last one wins, as in serde_json, which is what the validator saw.

use jsonc_parser::ast::{Object, ObjectProp, Value};

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
    go(&mut Vec::new(), root, None, visit);
}

/// A value as it is written in `text`, for a message: `14`, `"14"`, `1.5`,
/// `true`. An object or array is put on one line; longer than 40 characters,
/// a value is cut there and ends in `…`.
#[must_use]
pub fn source(text: &str, value: &Value<'_>) -> String {
    let span = span_of(value);
    let raw = text.get(span.start..span.end).unwrap_or_default();
    let one_line;
    let raw = if matches!(value, Value::Object(_) | Value::Array(_)) {
        one_line = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        one_line.as_str()
    } else {
        raw
    };
    let mut chars = raw.chars();
    let head: String = chars.by_ref().take(40).collect();
    if chars.next().is_some() {
        format!("{head}…")
    } else {
        head
    }
}
