use crate::document::Document;
use crate::finding::Sink;
use crate::rules::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// STUB: to be written.
    pub struct UnknownField {
        name: "unknown-field",
        severity: Warning,
        summary: "STUB",
    }
}

impl Rule for UnknownField {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, _doc: &Document<'_>, _sink: &mut Sink) {}
}
