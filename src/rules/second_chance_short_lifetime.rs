use crate::document::Document;
use crate::finding::Sink;
use crate::rules::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// STUB: to be written.
    pub struct SecondChanceShortLifetime {
        name: "second-chance-short-lifetime",
        severity: Warning,
        summary: "STUB",
    }
}

impl Rule for SecondChanceShortLifetime {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, _doc: &Document<'_>, _sink: &mut Sink) {}
}
