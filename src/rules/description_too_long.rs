use crate::document::Document;
use crate::finding::Sink;
use crate::rules::{Rule, RuleMeta, check_length};

/// The most characters `description` may have (seeds 001, 003).
const MAX: usize = 200;

declare_rule! {
    /// ## What it does
    /// Flags a `description` longer than 200 characters, and marks the part
    /// past the 200th. Characters are counted as Unicode characters, so `é`
    /// counts once, as MultiSafepay's documentation counts them.
    ///
    /// ## Why is this bad?
    /// MultiSafepay allows at most 200 characters; a missing or invalid
    /// description is refused with error 1008. The description appears in
    /// your dashboard and on the customer's bank statement.
    ///
    /// ## Example
    /// ```json
    /// { "order_id": "A-1", "currency": "EUR", "amount": 1000, "description": "Order A-1: two ceramic vases (one large, one small), a set of four linen napkins in sand, a scented candle (fig and cedar), gift wrapping with a handwritten card, and express delivery to the pick-up point" }
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// { "order_id": "A-1", "currency": "EUR", "amount": 1000, "description": "Order A-1 at Example Home" }
    /// ```
    ///
    /// ## Source
    /// `seeds/001_9c5696ff7555eecb.txt` and `seeds/003_f2c1e8ad5a05dc93.txt`
    /// (`description`: "Maximum 200 characters"); `reference/orders-api.md`
    /// section 3 and rule R6.
    pub struct DescriptionTooLong {
        name: "description-too-long",
        severity: Error,
        summary: "`description` is longer than 200 characters",
    }
}

impl Rule for DescriptionTooLong {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, doc: &Document<'_>, sink: &mut Sink) {
        check_length(
            doc,
            sink,
            &Self::META,
            "description",
            MAX,
            "; list the products in `shopping_cart`",
        );
    }
}
