//! A parsed request body: the text and its spanned syntax tree.

use jsonc_parser::ast::{Object, StringLit, Value};

/// One JSON document that parsed, ready for the rules.
#[derive(Debug, Clone, Copy)]
pub struct Document<'a> {
    /// The text the tree was parsed from (byte offsets in spans point into it).
    pub text: &'a str,
    /// The root value.
    pub root: &'a Value<'a>,
    /// Whether some object has a key more than once ([`crate::locate::has_duplicate_keys`]).
    pub duplicate_keys: bool,
}

impl<'a> Document<'a> {
    /// The document of the tree `root`, parsed from `text`.
    #[must_use]
    pub fn new(text: &'a str, root: &'a Value<'a>) -> Self {
        Self {
            text,
            root,
            duplicate_keys: crate::locate::has_duplicate_keys(root),
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
        self.root_object().is_some_and(|order| {
            order.get("order_id").is_some()
                || (order.get("amount").is_some() && order.get("currency").is_some())
        })
    }
}
