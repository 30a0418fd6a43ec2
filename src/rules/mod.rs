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

pub mod amount_not_in_cents;
pub mod cart_total_mismatch;
pub mod currency_unknown;
pub mod description_html;
pub mod description_too_long;
pub mod duplicate_key;
pub mod insecure_url;
pub mod invalid_json;
pub mod lifetime_as_string;
pub mod lifetime_conflict;
pub mod lifetime_ignored_direct;
pub mod lifetime_ignored_gateway;
pub mod lifetime_invalid;
pub mod order_id_too_long;
pub mod paypal_lifetime_capped;
pub mod schema;
pub mod second_chance_dead_link;
pub mod second_chance_no_email;
pub mod second_chance_short_lifetime;
pub mod second_chance_unsupported_gateway;
pub mod tax_rate_percent;
pub mod tax_table_unknown;
pub mod unknown_field;
pub mod unknown_gateway;
pub mod whitespace_padding;

/// Every rule, in the order `orderlint rules` lists them. This one list is
/// what runs, what `rules` and `explain` show, and what a meta-test checks
/// for fixtures and documentation.
pub static ALL: &[&dyn Rule] = &[
    &invalid_json::InvalidJson,
    &duplicate_key::DuplicateKey,
    &schema::Schema,
    &unknown_field::UnknownField,
    &order_id_too_long::OrderIdTooLong,
    &description_too_long::DescriptionTooLong,
    &description_html::DescriptionHtml,
    &whitespace_padding::WhitespacePadding,
    &amount_not_in_cents::AmountNotInCents,
    &currency_unknown::CurrencyUnknown,
    &unknown_gateway::UnknownGateway,
    &lifetime_invalid::LifetimeInvalid,
    &lifetime_conflict::LifetimeConflict,
    &second_chance_dead_link::SecondChanceDeadLink,
    &second_chance_short_lifetime::SecondChanceShortLifetime,
    &second_chance_no_email::SecondChanceNoEmail,
    &second_chance_unsupported_gateway::SecondChanceUnsupportedGateway,
    &lifetime_ignored_direct::LifetimeIgnoredDirect,
    &lifetime_ignored_gateway::LifetimeIgnoredGateway,
    &paypal_lifetime_capped::PaypalLifetimeCapped,
    &insecure_url::InsecureUrl,
    &cart_total_mismatch::CartTotalMismatch,
    &tax_table_unknown::TaxTableUnknown,
    &tax_rate_percent::TaxRatePercent,
    &lifetime_as_string::LifetimeAsString,
];

/// The metadata of every rule, in [`ALL`] order.
pub fn metas() -> impl Iterator<Item = &'static RuleMeta> {
    ALL.iter().map(|rule| rule.meta())
}

/// Reports a top-level string field longer than `max` characters (Unicode
/// scalar values), labelling the part past the limit. Shared by the length
/// rules, which differ only in the field, the limit and the advice.
pub(crate) fn check_length(
    doc: &Document<'_>,
    sink: &mut Sink,
    rule: &'static RuleMeta,
    key: &'static str,
    max: usize,
    advice: &str,
) {
    let Some(value) = doc.string_field(key) else {
        return;
    };
    let length = value.value.chars().count();
    if length <= max {
        return;
    }
    let over = length - max;
    sink.report(
        rule,
        crate::locate::pointer(&[crate::locate::Step::Key(key)]),
        crate::locate::chars_span(doc.text, value, max..length),
        format!("`{key}` is {length} characters long, {over} more than the maximum of {max}"),
    )
    .label(format!("past character {max}"))
    .help(format!(
        "shorten `{key}` to at most {max} characters{advice}"
    ));
}

/// The rule with this name.
#[must_use]
pub fn by_name(name: &str) -> Option<&'static RuleMeta> {
    metas().find(|meta| meta.name == name)
}
