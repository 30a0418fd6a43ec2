use crate::document::Document;
use crate::finding::Sink;
use crate::rules::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// STUB: to be written.
    pub struct LifetimeInvalid {
        name: "lifetime-invalid",
        severity: Error,
        summary: "STUB",
    }
}

impl Rule for LifetimeInvalid {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, _doc: &Document<'_>, _sink: &mut Sink) {}
}
