//! The spanned tree as jsonschema sees it, so that a document is validated
//! where it lies, without first being copied into a `serde_json::Value`.
//!
//! jsonschema validates any representation that implements its
//! [`Json`] traits. Building a `serde_json::Value` for
//! every document and dropping it again cost as much as validating it; most
//! documents are valid, and for them this view answers `is_valid` with no
//! copy at all. An invalid document is still converted ([`super::to_json`]) and
//! validated as a `serde_json::Value`, which gives the errors their wording.
//!
//! The view agrees with the `serde_json::Value` the document converts to on
//! every keyword, with one exception: an object with a key twice. Its
//! members would include the value serde_json drops, so such documents are
//! never validated through this view (see [`super::check`]). Numbers are
//! converted as [`super::to_json`] converts them, so range checks see the same
//! values.

use std::borrow::Cow;

use jsonc_parser::ast::{ObjectProp, StringLit, Value};
use jsonc_parser::common::Range;
use jsonschema::json::{Array, Json, Node, NodeIdentity, Object};
use jsonschema::types::JsonType;
use serde_json::Value as JsonValue;

/// The spanned tree as a JSON representation for jsonschema.
pub struct Spanned;

/// One value of the tree.
#[derive(Clone, Copy)]
pub struct Ref<'a>(&'a Value<'a>);

impl<'a> Ref<'a> {
    /// The root of a document, to validate.
    #[must_use]
    pub fn new(value: &'a Value<'a>) -> Self {
        Self(value)
    }
}

impl Json for Spanned {
    type Node<'a> = Ref<'a>;
    type PreparedKey = Box<str>;
    type StringBuffer = ();

    // A lookup is a scan of the members, so a members pass is worth it
    // wherever it replaces more than one.
    const KEYS_PER_LOOKUP: usize = 1;
    // A tree: no node is its own descendant.
    const ACYCLIC: bool = true;

    fn prepare_key(key: &str) -> Box<str> {
        key.into()
    }

    fn with_string_node<T>((): &mut (), string: &str, f: impl FnOnce(Ref<'_>) -> T) -> T {
        let node = Value::StringLit(StringLit {
            range: Range { start: 0, end: 0 },
            value: Cow::Borrowed(string),
        });
        f(Ref(&node))
    }
}

impl<'a> Node<'a, Spanned> for Ref<'a> {
    type Object = &'a [ObjectProp<'a>];
    type Array = &'a [Value<'a>];
    type Number = serde_json::Number;

    fn as_object(&self) -> Option<Self::Object> {
        match self.0 {
            Value::Object(object) => Some(&object.properties),
            _ => None,
        }
    }

    fn as_array(&self) -> Option<Self::Array> {
        match self.0 {
            Value::Array(array) => Some(&array.elements),
            _ => None,
        }
    }

    fn as_string(&self) -> Option<Cow<'a, str>> {
        match self.0 {
            Value::StringLit(string) => Some(Cow::Borrowed(&string.value)),
            _ => None,
        }
    }

    fn as_number(&self) -> Option<serde_json::Number> {
        match self.0 {
            Value::NumberLit(number) => Some(super::number(number.value)),
            _ => None,
        }
    }

    fn is_number(&self) -> bool {
        matches!(self.0, Value::NumberLit(_))
    }

    fn as_boolean(&self) -> Option<bool> {
        match self.0 {
            Value::BooleanLit(boolean) => Some(boolean.value),
            _ => None,
        }
    }

    fn is_null(&self) -> bool {
        matches!(self.0, Value::NullKeyword(_))
    }

    fn json_type(&self) -> JsonType {
        match self.0 {
            Value::NullKeyword(_) => JsonType::Null,
            Value::BooleanLit(_) => JsonType::Boolean,
            Value::NumberLit(_) => JsonType::Number,
            Value::StringLit(_) => JsonType::String,
            Value::Array(_) => JsonType::Array,
            Value::Object(_) => JsonType::Object,
        }
    }

    fn string_length_within(&self, min: u64, max: u64) -> Option<bool> {
        let Value::StringLit(string) = self.0 else {
            return None;
        };
        // A character takes one to four bytes: the byte length often
        // decides without counting.
        let bytes = string.value.len() as u64;
        if bytes < min || bytes.div_ceil(4) > max {
            return Some(false);
        }
        if min <= bytes.div_ceil(4) && bytes <= max {
            return Some(true);
        }
        Some((min..=max).contains(&(string.value.chars().count() as u64)))
    }

    fn equals_value(&self, expected: &JsonValue) -> bool {
        // `enum` and `const` on strings, without building a value.
        match (self.0, expected) {
            (Value::StringLit(string), JsonValue::String(expected)) => *string.value == **expected,
            (Value::StringLit(_), _) | (_, JsonValue::String(_)) => false,
            _ => jsonschema::json::cmp::equal(&self.to_value(), expected),
        }
    }

    fn to_value(&self) -> Cow<'a, JsonValue> {
        Cow::Owned(super::to_json(self.0))
    }

    fn identity(&self) -> Option<NodeIdentity> {
        Some(NodeIdentity::new(std::ptr::from_ref(self.0) as usize))
    }
}

/// The members of an object, in document order.
pub struct Members<'a>(std::slice::Iter<'a, ObjectProp<'a>>);

impl<'a> Iterator for Members<'a> {
    type Item = (&'a str, Ref<'a>);

    fn next(&mut self) -> Option<Self::Item> {
        self.0
            .next()
            .map(|prop| (prop.name.as_str(), Ref(&prop.value)))
    }
}

impl<'a> Object<'a, Spanned> for &'a [ObjectProp<'a>] {
    type Node = Ref<'a>;
    type MemberName = &'a str;
    type MembersIter = Members<'a>;

    fn len(&self) -> usize {
        <[ObjectProp<'a>]>::len(self)
    }

    fn get(&self, key: &Box<str>) -> Option<Ref<'a>> {
        // The last one, as in serde_json (no key repeats in what is
        // validated here, but the answer stays right if one did).
        self.iter()
            .rev()
            .find(|prop| prop.name.as_str() == &**key)
            .map(|prop| Ref(&prop.value))
    }

    fn members(&self) -> Members<'a> {
        Members(self.iter())
    }
}

impl<'a> Array<'a, Spanned> for &'a [Value<'a>] {
    type Node = Ref<'a>;
    type ElementsIter =
        std::iter::Map<std::slice::Iter<'a, Value<'a>>, fn(&'a Value<'a>) -> Ref<'a>>;

    fn len(&self) -> usize {
        <[Value<'a>]>::len(self)
    }

    fn elements(&self) -> Self::ElementsIter {
        self.iter().map(Ref)
    }
}

#[cfg(test)]
mod tests {
    use crate::locate::{self, span_of};
    use crate::parse::parse;
    use crate::schema::validity;

    /// What a value may be replaced with: every JSON type, numbers at and
    /// past the edges of what converts exactly, strings the schema's
    /// patterns, enums and lengths have opinions about, escapes.
    const ALTERNATIVES: &[&str] = &[
        "null",
        "true",
        "false",
        "0",
        "-1",
        "1.5",
        "1.0",
        "-0",
        "1e2",
        "1e999999",
        "18446744073709551616",
        "9223372036854775808",
        "\"\"",
        "\" x\"",
        "\"EUR\"",
        "\"IDEAL\"",
        "\"redirect\"",
        "\"https://example.com/\"",
        "\"nl_NL\"",
        "\"\\u00e9\\ud83d\\ude00\"",
        "[]",
        "{}",
        "[1, \"a\"]",
        "{\"a\": 1}",
        "{\"items\": []}",
    ];

    /// Validates `text` both ways; `None` when it is not a document the
    /// tree is validated as (not JSON, or a key repeats).
    fn both(text: &str) -> Option<(bool, bool)> {
        validity(&parse(text).ok()?)
    }

    /// Every MultiSafepay example and every fixture, and variants of each
    /// with one value replaced (two of [`ALTERNATIVES`] per value, taken in
    /// turn), are valid on the tree exactly when valid as a
    /// `serde_json::Value`.
    #[test]
    fn the_tree_is_valid_exactly_when_its_value_is() {
        let paths = crate::testing::fixtures_and_examples();
        let (mut compared, mut invalid, mut turn) = (0, 0, 0);
        for path in paths
            .iter()
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
        {
            let Ok(text) = std::fs::read_to_string(path) else {
                continue;
            };
            let Ok(tree) = parse(&text) else {
                continue;
            };
            let mut spans = Vec::new();
            locate::walk(&tree, &mut |_, value, _| spans.push(span_of(value)));
            let variants = spans.iter().flat_map(|span| {
                turn += 2;
                [turn, turn + 1].map(|i| {
                    let alternative = ALTERNATIVES[i % ALTERNATIVES.len()];
                    format!("{}{alternative}{}", &text[..span.start], &text[span.end..])
                })
            });
            for variant in std::iter::once(text.clone()).chain(variants) {
                if let Some((tree, value)) = both(&variant) {
                    assert_eq!(tree, value, "{}:\n{variant}", path.display());
                    compared += 1;
                    invalid += usize::from(!value);
                }
            }
        }
        // Enough of both kinds to mean something.
        assert!(compared > 20_000, "{compared} compared");
        assert!(
            invalid > 10_000 && compared - invalid > 2_000,
            "{invalid} of {compared} invalid"
        );
    }

    /// A key twice: serde_json keeps the second value, and so does the
    /// schema check. The tree would see both, and with `"type": "redirect"`
    /// first, the `if` of a direct order would fail on it and the `gateway`
    /// it requires go unreported; such a document is not validated on the tree.
    #[test]
    fn a_repeated_key_is_validated_as_serde_json_keeps_it() {
        let text = r#"{"order_id": "A-1", "currency": "EUR", "amount": 1000, "description": "d", "type": "redirect", "type": "direct"}"#;
        let findings = crate::lint_str("x.json", text, &crate::Config::default());
        let found: Vec<(&str, &str)> = findings
            .iter()
            .map(|f| (f.rule, f.message.as_str()))
            .collect();
        assert_eq!(found.len(), 2, "{found:#?}");
        assert!(found.iter().any(|f| f.0 == "duplicate-key"), "{found:#?}");
        assert!(
            found
                .iter()
                .any(|f| f.0 == "schema" && f.1.contains("`gateway`")),
            "{found:#?}"
        );
        assert_eq!(both(text), None);
    }
}
