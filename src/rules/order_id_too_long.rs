use crate::document::Document;
use crate::finding::Sink;
use crate::rules::{Rule, RuleMeta, check_length};

/// The most characters `order_id` may have (seed 003; `OrderId` in the
/// OpenAPI reference).
const MAX: usize = 50;

declare_rule! {
    /// ## What it does
    /// Flags an `order_id` longer than 50 characters, and marks the part
    /// past the 50th. Characters are counted as Unicode characters, so `é`
    /// counts once.
    ///
    /// ## Why is this bad?
    /// MultiSafepay documents a maximum of 50 characters for `order_id`, so
    /// a longer one is refused or cut. The order id is how you find the
    /// order again in your dashboard, in webhooks and in refunds, so it must
    /// arrive whole.
    ///
    /// ## Example
    /// ```json
    /// { "order_id": "webshop-2024-customer-8812731-cart-55120-attempt-0003", "currency": "EUR", "amount": 1000, "description": "Order 55120" }
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// { "order_id": "2024-8812731-55120-3", "currency": "EUR", "amount": 1000, "description": "Order 55120" }
    /// ```
    ///
    /// ## Source
    /// `seeds/003_f2c1e8ad5a05dc93.txt` (`order_id`: "Maximum 50
    /// characters"); `reference/orders-api.md` section 3 and rule R3.
    pub struct OrderIdTooLong {
        name: "order-id-too-long",
        severity: Error,
        summary: "`order_id` is longer than 50 characters",
    }
}

impl Rule for OrderIdTooLong {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, doc: &Document<'_>, sink: &mut Sink) {
        check_length(doc, sink, &Self::META, "order_id", MAX, "");
    }
}
