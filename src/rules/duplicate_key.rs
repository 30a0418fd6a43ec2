use jsonc_parser::ast::Value;

use crate::document::Document;
use crate::finding::Sink;
use crate::locate::{self, Step};
use crate::rules::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags a key that appears more than once in the same object, at any
    /// depth: the request body, `customer`, a cart item.
    ///
    /// ## Why is this bad?
    /// JSON does not say which of the two values counts. Most parsers keep the
    /// last one and drop the first without a word, so the value you read in
    /// the file may not be the one MultiSafepay uses. One published example
    /// (the Payment Component order) sends `customer` twice.
    ///
    /// ## Example
    /// ```json
    /// { "order_id": "A-1", "currency": "EUR", "amount": 1000, "description": "Order A-1", "currency": "USD" }
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// { "order_id": "A-1", "currency": "EUR", "amount": 1000, "description": "Order A-1" }
    /// ```
    ///
    /// ## Source
    /// `reference/orders-api.md` section 7, rule R1 (RFC 8259 section 4: the
    /// names within an object should be unique).
    pub struct DuplicateKey {
        name: "duplicate-key",
        severity: Error,
        summary: "a key appears more than once in the same object",
    }
}

impl Rule for DuplicateKey {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, doc: &Document<'_>, sink: &mut Sink) {
        if !doc.duplicate_keys {
            return;
        }
        // Reused for every object: (key, index) pairs, sorted, so that equal
        // keys are adjacent. No hashing, O(n log n) for n keys, and nothing
        // else is built unless a key repeats.
        let mut keys: Vec<(&str, usize)> = Vec::new();
        locate::walk(doc.root, &mut |path, value, _| {
            let Value::Object(object) = value else {
                return;
            };
            if !crate::document::repeats_a_key(&object.properties) {
                return;
            }
            keys.clear();
            keys.extend(
                object
                    .properties
                    .iter()
                    .enumerate()
                    .map(|(i, prop)| (prop.name.as_str(), i)),
            );
            keys.sort_unstable();
            // For each later occurrence of a key: the index of its first
            // occurrence and how often the key occurs.
            let mut again: Vec<Option<(usize, usize)>> = vec![None; object.properties.len()];
            for group in keys.chunk_by(|a, b| a.0 == b.0) {
                let [(_, first), rest @ ..] = group else {
                    continue;
                };
                for &(_, i) in rest {
                    if let Some(slot) = again.get_mut(i) {
                        *slot = Some((*first, group.len()));
                    }
                }
            }
            let within = if path.is_empty() {
                "the request body".to_owned()
            } else {
                format!("`{}`", locate::display(path))
            };
            for (prop, slot) in object.properties.iter().zip(&again) {
                let Some((first, count)) = *slot else {
                    continue;
                };
                let Some(first_prop) = object.properties.get(first) else {
                    continue;
                };
                let key = prop.name.as_str();
                let times = if count == 2 {
                    "twice".to_owned()
                } else {
                    format!("{count} times")
                };
                let help = if count == 2 {
                    format!("remove one of the two `{key}` keys")
                } else {
                    format!("keep one `{key}` key and remove the others")
                };
                let mut at = path.to_vec();
                at.push(Step::Key(key));
                sink.report(
                    &Self::META,
                    locate::pointer(&at),
                    locate::key_span(prop),
                    format!(
                        "`{key}` appears {times} in {within}; most parsers keep the last value"
                    ),
                )
                .label("defined again here")
                .related(locate::key_span(first_prop), "first defined here")
                .help(help);
            }
        });
    }
}
