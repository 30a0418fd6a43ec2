//! The rules: one file each, named after the rule.
//!
//! A rule is a unit struct declared with [`declare_rule!`]. Its doc comment is
//! also the text `orderlint explain <rule>` prints, so the documentation and
//! the code cannot drift apart. To add a rule: a new file here, one line in
//! [`ALL`], and a `fixtures/<rule>/{pass,fail}/` folder.

use crate::document::Document;
use crate::finding::{Severity, Sink};

/// What `explain`, `rules`, the reporters and configuration need to know about
/// a rule, without running it.
#[derive(Debug)]
pub struct RuleMeta {
    /// Stable kebab-case id, used in output, configuration and SARIF.
    pub name: &'static str,
    /// One line, no trailing period.
    pub summary: &'static str,
    /// The severity when configuration says nothing.
    pub default_severity: Severity,
    explanation: &'static str,
}

impl RuleMeta {
    /// The rule's documentation as Markdown (its doc comment, without the
    /// single leading space rustdoc keeps).
    #[must_use]
    pub fn explanation(&self) -> String {
        let mut out = String::new();
        for line in self.explanation.lines() {
            out.push_str(line.strip_prefix(' ').unwrap_or(line));
            out.push('\n');
        }
        out
    }
}

/// A check over one parsed document.
pub trait Rule: Sync {
    /// The rule's metadata.
    fn meta(&self) -> &'static RuleMeta;
    /// Reports what the rule finds in `doc`. Never panics on any input.
    fn check(&self, doc: &Document<'_>, sink: &mut Sink);
}

/// Declares a rule's unit struct and its [`RuleMeta`], taking the explanation
/// from the doc comment (the way clippy and biome do it).
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])+
        $vis:vis struct $ty:ident {
            name: $name:literal,
            severity: $severity:ident,
            summary: $summary:literal $(,)?
        }
    ) => {
        $(#[doc = $doc])+
        #[derive(Debug, Default, Clone, Copy)]
        $vis struct $ty;

        impl $ty {
            /// The rule's metadata.
            pub const META: $crate::rules::RuleMeta = $crate::rules::RuleMeta {
                name: $name,
                summary: $summary,
                default_severity: $crate::finding::Severity::$severity,
                explanation: concat!($($doc, "\n"),+),
            };
        }
    };
}

pub mod invalid_json;
pub mod schema;

/// Every rule, in the order `orderlint rules` lists them. This one list is
/// what runs, what `rules` and `explain` show, and what a meta-test checks
/// for fixtures and documentation.
pub static ALL: &[&dyn Rule] = &[&invalid_json::InvalidJson, &schema::Schema];

/// The metadata of every rule, in [`ALL`] order.
pub fn metas() -> impl Iterator<Item = &'static RuleMeta> {
    ALL.iter().map(|rule| rule.meta())
}

/// The rule with this name.
#[must_use]
pub fn by_name(name: &str) -> Option<&'static RuleMeta> {
    metas().find(|meta| meta.name == name)
}
