use jsonc_parser::ast::Value;

use crate::document::Document;
use crate::finding::Sink;
use crate::locate::{self, Step};
use crate::order::{self, Whole};
use crate::rules::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Notes a `days_active` or `seconds_active` written as a string of
    /// digits (`"14"`) instead of an integer (`14`).
    ///
    /// A string that is not all digits (`"two weeks"`, `"1.5"`) is not this
    /// rule's business: `lifetime-invalid` reports it.
    ///
    /// ## Why is this bad?
    /// It is not wrong: the older documentation (the seeds) lists both
    /// fields as strings, and the API accepts them. But the current API
    /// reference types `days_active` as an integer, the SDKs send integers,
    /// and every published example uses integers. Writing an integer keeps
    /// the request in line with the reference that is maintained today.
    ///
    /// ## Example
    /// ```json
    /// { "order_id": "A-1", "currency": "EUR", "amount": 1000, "description": "Order A-1", "days_active": "14" }
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// { "order_id": "A-1", "currency": "EUR", "amount": 1000, "description": "Order A-1", "days_active": 14 }
    /// ```
    ///
    /// ## Source
    /// `seeds/000_8625d48c6321de38.txt` and `seeds/001_9c5696ff7555eecb.txt`
    /// (both fields typed "string"); `reference/orders-api.md` section 6
    /// ("Types") and section 8, item 4.
    pub struct LifetimeAsString {
        name: "lifetime-as-string",
        severity: Info,
        summary: "a lifetime field is a string of digits rather than an integer",
    }
}

impl Rule for LifetimeAsString {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, doc: &Document<'_>, sink: &mut Sink) {
        let Some(order) = doc.root_object() else {
            return;
        };
        for prop in order::lifetime_fields(order) {
            let Value::StringLit(literal) = &prop.value else {
                continue;
            };
            if !matches!(order::whole(&prop.value), Whole::DigitString(_)) {
                continue;
            }
            let field = prop.name.as_str();
            let digits: &str = &literal.value;
            // Leading zeros are not valid in a JSON number: `"014"` is `14`.
            let number = match digits.trim_start_matches('0') {
                "" => "0",
                trimmed => trimmed,
            };
            sink.report(
                &Self::META,
                locate::pointer(&[Step::Key(field)]),
                locate::span_of(&prop.value),
                format!(
                    "`{field}` is the string `\"{}\"`, not an integer",
                    locate::shorten(digits, 40)
                ),
            )
            .label("quoted number")
            .help(format!(
                "drop the quotes: `{}`",
                locate::shorten(number, 40)
            ));
        }
    }
}
