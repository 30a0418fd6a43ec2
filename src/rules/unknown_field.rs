use std::collections::HashSet;

use jsonc_parser::ast::{Object, Value};

use crate::document::Document;
use crate::finding::Sink;
use crate::locate::{self, Step};
use crate::rules::{Rule, RuleMeta};
use crate::schema::Place;

declare_rule! {
    /// ## What it does
    /// Flags a key that the API reference does not document for its object:
    /// the request body itself and every object whose keys the reference
    /// lists (`customer`, `delivery`, `payment_options`, `second_chance`, each
    /// item of `shopping_cart.items`, each tax table and rule, …). The help
    /// names the documented key it most likely means: `days_activ` →
    /// `days_active`, `Currency` → `currency`, `second_chance.send_mail` →
    /// `send_email` (the current OpenAPI reference misspells it; every
    /// example, seed and SDK uses `send_email`).
    ///
    /// Objects the reference only sketches (`payment_options.settings`,
    /// `payment_options.template`, `customer.browser`, `custom_fields`) may
    /// have other keys.
    ///
    /// ## Why is this bad?
    /// The reference does not say that the API rejects a key it does not
    /// know; at best it ignores it. A misspelt `days_activ: 2` then leaves
    /// the payment link open for the default 30 days, and `send_mail: true`
    /// sends no Second Chance reminder, with no error to tell you.
    ///
    /// ## Example
    /// ```json
    /// { "order_id": "A-1", "currency": "EUR", "amount": 1000, "description": "Order A-1", "days_activ": 2 }
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// { "order_id": "A-1", "currency": "EUR", "amount": 1000, "description": "Order A-1", "days_active": 2 }
    /// ```
    ///
    /// ## Source
    /// `reference/orders-api.md` sections 3 and 4 (the documented keys of
    /// each object), section 4.7 and rule R15 (`send_mail`), rule R37.
    pub struct UnknownField {
        name: "unknown-field",
        severity: Warning,
        summary: "a key that the API reference does not document for its object",
    }
}

impl Rule for UnknownField {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, doc: &Document<'_>, sink: &mut Sink) {
        let Some(root) = Place::root() else {
            return;
        };
        // Enough for a request body without growing.
        let mut walk = Walk {
            path: Vec::with_capacity(16),
            below: Vec::with_capacity(128),
            sink,
        };
        walk.visit(doc.root, root);
    }
}

/// A walk of the document alongside the schema, one step per level, and only
/// where the schema describes the document: below a key or an array it does
/// not describe, no object has documented keys.
struct Walk<'a, 's> {
    /// The path to the value being visited.
    path: Vec<Step<'a>>,
    /// For the properties of each object on the path, in order: the place in
    /// the schema below its key. A stack, so that no object allocates.
    below: Vec<Option<&'static Place>>,
    sink: &'s mut Sink,
}

impl<'a> Walk<'a, '_> {
    /// Checks `value`, at `place` in the schema, and below it. The parser
    /// limits nesting to [`crate::parse::MAX_DEPTH`], so the recursion is
    /// bounded.
    fn visit(&mut self, value: &'a Value<'a>, place: &'static Place) {
        match value {
            Value::Object(object) => {
                // The place below each key, looked up once for both uses.
                let start = self.below.len();
                self.below.extend(
                    object
                        .properties
                        .iter()
                        .map(|prop| place.key(prop.name.as_str())),
                );
                let below = self.below.get(start..).unwrap_or_default();
                if let Some(documented) = place.documented()
                    && below.iter().any(Option::is_none)
                {
                    check_object(object, documented, below, &self.path, self.sink);
                }
                for (i, prop) in object.properties.iter().enumerate() {
                    // Entries up to `start + i` stay: deeper objects push
                    // theirs after them and truncate back.
                    if let Some(Some(below)) = self.below.get(start + i).copied() {
                        self.path.push(Step::Key(prop.name.as_str()));
                        self.visit(&prop.value, below);
                        self.path.pop();
                    }
                }
                self.below.truncate(start);
            }
            Value::Array(array) => {
                let Some(items) = place.items() else {
                    return;
                };
                for (i, element) in array.elements.iter().enumerate() {
                    self.path.push(Step::Index(i));
                    self.visit(element, items);
                    self.path.pop();
                }
            }
            _ => {}
        }
    }
}

/// Reports the keys of `object` that are not `documented`: those with no
/// place `below` them.
fn check_object(
    object: &Object<'_>,
    documented: &[&'static str],
    below: &[Option<&Place>],
    path: &[Step<'_>],
    sink: &mut Sink,
) {
    let within = if path.is_empty() {
        "the request body".to_owned()
    } else {
        format!("`{}`", locate::display(path))
    };
    // One finding per key, at its last occurrence: the one the schema (like
    // serde_json) sees. `duplicate-key` reports the others.
    let mut reported = HashSet::new();
    for (prop, below) in object.properties.iter().zip(below).rev() {
        let key = prop.name.as_str();
        if below.is_some() || !reported.insert(key) {
            continue;
        }
        let mut at = path.to_vec();
        at.push(Step::Key(key));
        let help = match closest(key, documented) {
            Some(known) => format!("rename it to `{known}`"),
            None => "remove it, or check its spelling against the API reference".to_owned(),
        };
        sink.report(
            &UnknownField::META,
            locate::pointer(&at),
            locate::key_span(prop),
            format!("unknown field `{key}` in {within}"),
        )
        .label("not a documented field")
        .help(help);
    }
}

/// The documented key that `key` most likely means: the same key in another
/// case (`Currency`); else the same letters with other separators
/// (`firstName`, `first-name`); else the nearest by edit distance, within a
/// third of the key's length (`days_activ`, `send_mail`); else the one
/// documented key whose last word it is (`cvc` → `card_cvc`).
fn closest<'k>(key: &str, documented: &[&'k str]) -> Option<&'k str> {
    let lower = key.to_lowercase();
    if let Some(known) = documented
        .iter()
        .find(|known| known.to_lowercase() == lower)
    {
        return Some(known);
    }
    let bare = |s: &str| -> String {
        s.chars()
            .filter(|c| !matches!(c, '_' | '-' | ' ' | '.'))
            .flat_map(char::to_lowercase)
            .collect()
    };
    let key_bare = bare(key);
    if let Some(known) = documented.iter().find(|known| bare(known) == key_bare) {
        return Some(known);
    }
    let length = lower.chars().count();
    let limit = (length / 3).max(1);
    let nearest = documented
        .iter()
        // The distance is at least the difference in length: skip the rest
        // before computing it (and so never compute it on a huge key).
        .filter(|known| known.chars().count().abs_diff(length) <= limit)
        .map(|known| (strsim::damerau_levenshtein(&lower, known), *known))
        .filter(|&(distance, _)| distance <= limit)
        .min()
        .map(|(_, known)| known);
    if nearest.is_some() {
        return nearest;
    }
    // The last word of exactly one documented key: `cvc` → `card_cvc`.
    let suffix = format!("_{lower}");
    let mut ending = documented.iter().filter(|known| known.ends_with(&suffix));
    match (ending.next(), ending.next()) {
        (Some(known), None) => Some(known),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::closest;

    const TOP: &[&str] = &[
        "amount",
        "currency",
        "days_active",
        "description",
        "order_id",
        "seconds_active",
        "type",
        "var1",
        "var2",
    ];

    #[test]
    fn suggests_the_closest_documented_key() {
        assert_eq!(closest("days_activ", TOP), Some("days_active"));
        assert_eq!(closest("Currency", TOP), Some("currency"));
        assert_eq!(closest("orderId", TOP), Some("order_id"));
        assert_eq!(closest("ammount", TOP), Some("amount"));
        assert_eq!(closest("send_mail", &["send_email"]), Some("send_email"));
        assert_eq!(
            closest("firstname", &["first_name", "last_name"]),
            Some("first_name")
        );
    }

    #[test]
    fn suggests_nothing_when_nothing_is_close() {
        assert_eq!(closest("foo", TOP), None);
        assert_eq!(closest("customer_note", TOP), None);
        assert_eq!(closest("x", TOP), None);
        assert_eq!(closest("name", &["first_name", "last_name"]), None);
        assert_eq!(closest(&"y".repeat(100_000), TOP), None);
    }
}
