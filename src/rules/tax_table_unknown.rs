use jsonc_parser::ast::Value;

use crate::document::Document;
use crate::finding::Sink;
use crate::locate::{self, Step};
use crate::order;
use crate::rules::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags a shopping cart item whose `tax_table_selector` names no table
    /// in `checkout_options.tax_tables.alternate`, including when there is no
    /// `alternate` list at all. Names are compared exactly: `btw21` does not
    /// select `BTW21`.
    ///
    /// An empty selector (`""`) is not flagged: the PHP SDK sends it for an
    /// item without a tax table, and the item then gets the default table.
    ///
    /// ## Why is this bad?
    /// The selector is how an item gets its VAT rate. A selector that names
    /// no table leaves the item without one: the reference ties this to
    /// error 1029, and the cart cannot be checked against `amount` (so
    /// `cart-total-mismatch` stays silent and this rule reports it).
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "order_id": "A-1", "currency": "EUR", "amount": 10900, "description": "Order A-1",
    ///   "shopping_cart": { "items": [ { "name": "Book", "unit_price": 100, "quantity": 1, "tax_table_selector": "BTW9" } ] },
    ///   "checkout_options": { "tax_tables": { "alternate": [ { "name": "BTW21", "rules": [ { "rate": 0.21 } ] } ] } }
    /// }
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// {
    ///   "order_id": "A-1", "currency": "EUR", "amount": 10900, "description": "Order A-1",
    ///   "shopping_cart": { "items": [ { "name": "Book", "unit_price": 100, "quantity": 1, "tax_table_selector": "BTW9" } ] },
    ///   "checkout_options": { "tax_tables": { "alternate": [
    ///     { "name": "BTW21", "rules": [ { "rate": 0.21 } ] },
    ///     { "name": "BTW9", "rules": [ { "rate": 0.09 } ] }
    ///   ] } }
    /// }
    /// ```
    ///
    /// ## Source
    /// `reference/orders-api.md` sections 4.5 and 4.6 and section 7, rule
    /// R25; MultiSafepay error 1029.
    pub struct TaxTableUnknown {
        name: "tax-table-unknown",
        severity: Error,
        summary: "an item's `tax_table_selector` names no alternate tax table",
    }
}

impl Rule for TaxTableUnknown {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, doc: &Document<'_>, sink: &mut Sink) {
        let Some(order) = doc.root_object() else {
            return;
        };
        let Some(items) = order::object(order, "shopping_cart")
            .and_then(|cart| order::value(cart, "items"))
            .and_then(Value::as_array)
        else {
            return;
        };
        let tables = order::alternate_tables(order);
        let mut names: Vec<&str> = Vec::new();
        for (_, table) in &tables {
            if let Some(name) = order::string(table, "name") {
                if !names.contains(&name) {
                    names.push(name);
                }
            }
        }
        let alternate_key = order::tax_tables(order).and_then(|t| order::field(t, "alternate"));

        for (i, item) in items.elements.iter().enumerate() {
            let Some(item) = item.as_object() else {
                continue;
            };
            // A selector that is not a string is the schema's finding.
            let Some(Value::StringLit(selector)) = order::value(item, "tax_table_selector") else {
                continue;
            };
            let selected: &str = &selector.value;
            if selected.is_empty() || names.contains(&selected) {
                continue;
            }
            let steps = [
                Step::Key("shopping_cart"),
                Step::Key("items"),
                Step::Index(i),
                Step::Key("tax_table_selector"),
            ];
            let help = if names.is_empty() {
                format!(
                    "add a table named `{selected}` to `checkout_options.tax_tables.alternate`, or remove the selector to use the default table"
                )
            } else {
                let defined: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
                format!(
                    "select one of the defined tables ({}), or add a table named `{selected}` to `checkout_options.tax_tables.alternate`",
                    defined.join(", ")
                )
            };
            let report = sink
                .report(
                    &Self::META,
                    locate::pointer(&steps),
                    selector.range.into(),
                    format!(
                        "`{}` is `{selected}`, which names no table in `checkout_options.tax_tables.alternate`",
                        locate::display(&steps)
                    ),
                )
                .label("unknown tax table");
            let report = match alternate_key {
                Some(prop) => report.related(locate::key_span(prop), "the tables defined here"),
                None => report,
            };
            report.help(help);
        }
    }
}
