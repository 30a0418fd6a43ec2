use crate::document::Document;
use crate::finding::Sink;
use crate::rules::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Validates the request body against orderlint's JSON Schema of
    /// `POST /orders` (`orderlint schema` prints it): types, lengths,
    /// enumerations, patterns, the fields each object may have, and the
    /// fields that are required (`order_id`, `currency`, `amount`,
    /// `description` except for `type: checkout`, `gateway` for
    /// `type: direct`, and the customer, delivery, cart and tax tables that
    /// post-payment gateways need).
    ///
    /// A problem that a more specific rule reports is not reported again here.
    ///
    /// ## Why is this bad?
    /// The API refuses a request that breaks these constraints (error 1001
    /// for an invalid amount, 1002 for an unknown currency, 1008 for a
    /// missing or invalid description, 1023 for a direct order without a
    /// gateway), or, worse, accepts it and ignores the field.
    ///
    /// ## Example
    /// ```json
    /// { "type": "direct", "order_id": "A-1", "currency": "eur", "amount": 1000, "description": "Order A-1" }
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// { "type": "direct", "gateway": "IDEAL", "order_id": "A-1", "currency": "EUR", "amount": 1000, "description": "Order A-1" }
    /// ```
    ///
    /// ## Source
    /// `reference/orders-api.md` sections 2 to 5, and `schemas/README.md` for
    /// the decisions taken where the sources disagree.
    pub struct Schema {
        name: "schema",
        severity: Error,
        summary: "the request body breaks the JSON Schema of POST /orders",
    }
}

impl Rule for Schema {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, doc: &Document<'_>, sink: &mut Sink) {
        crate::schema::check(doc, &Self::META, sink);
    }
}
