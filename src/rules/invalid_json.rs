use crate::document::Document;
use crate::finding::Sink;
use crate::rules::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Reports a file that is not strict JSON (RFC 8259): a trailing comma, a
    /// comment, single quotes, a `...` placeholder, a missing comma, an
    /// unterminated string, an unexpected end of file, bytes that are not
    /// UTF-8, or an empty file. The finding points at the exact place.
    ///
    /// ## Why is this bad?
    /// The API parses the request body as JSON. A body that is not JSON is
    /// refused as a whole, and no other check can run on it. Editors and
    /// JavaScript accept things JSON does not (comments, trailing commas), so
    /// these slip in easily when a request is written by hand.
    ///
    /// A UTF-8 byte order mark at the start of a file is accepted: RFC 8259
    /// §8.1 lets a parser ignore it.
    ///
    /// ## Example
    /// ```json
    /// { "order_id": "A-1", "currency": "EUR", "amount": 1000, }
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// { "order_id": "A-1", "currency": "EUR", "amount": 1000 }
    /// ```
    ///
    /// ## Source
    /// RFC 8259; `reference/orders-api.md` section 1 (the body is JSON).
    pub struct InvalidJson {
        name: "invalid-json",
        severity: Error,
        summary: "the file is not strict JSON",
    }
}

impl Rule for InvalidJson {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    /// The parser reports this rule, before there is a document to check.
    fn check(&self, _doc: &Document<'_>, _sink: &mut Sink) {}
}
