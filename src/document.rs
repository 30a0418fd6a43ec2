//! A parsed request body: the text and its spanned syntax tree.

use jsonc_parser::ast::{Object, ObjectProp, StringLit, Value};

/// One JSON document that parsed, ready for the rules.
#[derive(Debug, Clone, Copy)]
pub struct Document<'a> {
    /// The text the tree was parsed from (byte offsets in spans point into it).
    pub text: &'a str,
    /// The root value.
    pub root: &'a Value<'a>,
    /// Whether some object has a key more than once ([`has_duplicate_keys`]).
    pub duplicate_keys: bool,
}

impl<'a> Document<'a> {
    /// The document of the tree `root`, parsed from `text`.
    #[must_use]
    pub fn new(text: &'a str, root: &'a Value<'a>) -> Self {
        Self {
            text,
            root,
            duplicate_keys: has_duplicate_keys(root),
        }
    }

    /// The root object, when the document is one.
    #[must_use]
    pub fn root_object(&self) -> Option<&'a Object<'a>> {
        self.root.as_object()
    }

    /// A top-level field's value, when it is set (not `null`; the last one
    /// where the key appears twice).
    #[must_use]
    pub fn field(&self, key: &str) -> Option<&'a Value<'a>> {
        crate::order::value(self.root_object()?, key)
    }

    /// A top-level field's value, when it is a string.
    #[must_use]
    pub fn string_field(&self, key: &str) -> Option<&'a StringLit<'a>> {
        match self.field(key)? {
            Value::StringLit(s) => Some(s),
            _ => None,
        }
    }

    /// Whether this looks like an order request: a top-level object with an
    /// `order_id` key, or with both `amount` and `currency`.
    #[must_use]
    pub fn is_order_request(&self) -> bool {
        is_order_request(self.root)
    }
}

/// Whether `root` looks like an order request: an object with an
/// `order_id` key, or with both `amount` and `currency`.
#[must_use]
pub fn is_order_request(root: &Value<'_>) -> bool {
    root.as_object().is_some_and(|order| {
        order.get("order_id").is_some()
            || (order.get("amount").is_some() && order.get("currency").is_some())
    })
}

/// Whether some object in `root` has a key more than once. The parser
/// limits nesting to [`crate::parse::MAX_DEPTH`], so the recursion is bounded.
#[must_use]
pub fn has_duplicate_keys(root: &Value<'_>) -> bool {
    match root {
        Value::Object(object) => {
            repeats_a_key(&object.properties)
                || object
                    .properties
                    .iter()
                    .any(|prop| has_duplicate_keys(&prop.value))
        }
        Value::Array(array) => array.elements.iter().any(has_duplicate_keys),
        _ => false,
    }
}

/// The most keys an object may have to be checked pair by pair, without a
/// sort (at most 120 comparisons).
const SMALL: usize = 16;

/// Whether a key appears more than once among `properties`.
#[must_use]
pub fn repeats_a_key(properties: &[ObjectProp<'_>]) -> bool {
    if properties.len() <= SMALL {
        // Keys of equal length are few: most comparisons are of lengths.
        return properties.iter().enumerate().any(|(i, prop)| {
            properties
                .get(i + 1..)
                .unwrap_or_default()
                .iter()
                .any(|later| later.name.as_str() == prop.name.as_str())
        });
    }
    let mut keys: Vec<&str> = properties.iter().map(|prop| prop.name.as_str()).collect();
    keys.sort_unstable();
    keys.windows(2).any(|pair| pair[0] == pair[1])
}
