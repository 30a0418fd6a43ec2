use jsonc_parser::ast::Value;

use crate::document::Document;
use crate::finding::Sink;
use crate::locate::{self, Step};
use crate::order::{self, GATEWAYS};
use crate::rules::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags a `gateway` that is not empty and is not one of the documented
    /// gateway ids (`IDEAL`, `CREDITCARD`, `KLARNA`, …). The help suggests
    /// the id with the right case (`iDEAL` → `IDEAL`), the id of a payment
    /// method named by its brand (`Bancontact` → `MISTERCASH`), or the
    /// closest id.
    ///
    /// ## Why is this bad?
    /// Gateway ids are case-sensitive. An id MultiSafepay does not know does
    /// not select a payment method: a `direct` order is refused, and a
    /// `redirect` order may not open the method the customer chose. The list
    /// orderlint knows is the union of MultiSafepay's gateway-id table and
    /// the API reference, legacy ids included, so an id outside it is most
    /// likely a typo or a placeholder copied from an example.
    ///
    /// ## Example
    /// ```json
    /// { "type": "redirect", "gateway": "iDEAL", "order_id": "A-1", "currency": "EUR", "amount": 1000, "description": "Order A-1" }
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// { "type": "redirect", "gateway": "IDEAL", "order_id": "A-1", "currency": "EUR", "amount": 1000, "description": "Order A-1" }
    /// ```
    ///
    /// ## Source
    /// `reference/orders-api.md` section 5.1 (gateway ids; "treat ids
    /// case-sensitively and suggest the upper-case form") and section 7,
    /// rule R7.
    pub struct UnknownGateway {
        name: "unknown-gateway",
        severity: Warning,
        summary: "`gateway` is not a documented gateway id",
    }
}

/// Payment methods people name by brand: the name squeezed to upper-case
/// letters and digits, the gateway id, and the name as written (reference
/// section 5.1).
const BRANDS: &[(&str, &str, &str)] = &[
    ("AMAZONPAY", "AMAZONBTN", "Amazon Pay"),
    ("BANCONTACT", "MISTERCASH", "Bancontact"),
    ("BANKTRANSFER", "BANKTRANS", "bank transfer"),
    ("BETAALPERMAAND", "SANTANDER", "Betaal per Maand"),
    ("DIRECTDEBIT", "DIRDEB", "SEPA Direct Debit"),
    ("EINVOICING", "EINVOICE", "E-Invoicing"),
    ("PAYAFTERDELIVERY", "BNPL_MF", "Pay After Delivery"),
    ("PAYSAFECARD", "PSAFECARD", "Paysafecard"),
    ("RIVERTY", "AFTERPAY", "Riverty"),
    ("SEPADIRECTDEBIT", "DIRDEB", "SEPA Direct Debit"),
    ("SOFORT", "DIRECTBANK", "Sofort"),
    ("WECHATPAY", "WECHAT", "WeChat Pay"),
];

/// Where the list of gateway ids is.
const GATEWAY_IDS: &str = "https://docs.multisafepay.com/reference/gateway-ids";

impl Rule for UnknownGateway {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, doc: &Document<'_>, sink: &mut Sink) {
        let Some(order) = doc.root_object() else {
            return;
        };
        let Some(value @ Value::StringLit(literal)) = order::value(order, "gateway") else {
            return;
        };
        let id: &str = &literal.value;
        // White space around a known id is `whitespace-padding`'s finding.
        if id.trim().is_empty() || order::is_gateway(id.trim()) {
            return;
        }
        let shown = locate::shorten(id, 60);
        let (message, label, help) = if let Some(first) = several(id) {
            let choose = if order::string(order, "type") == Some("direct") {
                ""
            } else {
                ", or leave `gateway` empty to let the customer choose on the payment page"
            };
            (
                format!("`gateway` is `{shown}`, several gateway ids in one"),
                "several gateway ids",
                format!("send one gateway id, such as `{first}`{choose}"),
            )
        } else if let Some(known) = same_but_case(id) {
            (
                format!("`gateway` is `{shown}`, not a documented gateway id"),
                "wrong case",
                format!("write it in upper case: `{known}` (gateway ids are case-sensitive)"),
            )
        } else if let Some((brand, known)) = brand(id) {
            (
                format!("`gateway` is `{shown}`, not a documented gateway id"),
                "unknown gateway",
                format!("use `{known}`, the gateway id of {brand}"),
            )
        } else {
            let help = match closest(id) {
                Some(known) => format!("use `{known}`, the closest documented gateway id"),
                None => format!("use a gateway id from {GATEWAY_IDS}"),
            };
            (
                format!("`gateway` is `{shown}`, not a documented gateway id"),
                "unknown gateway",
                help,
            )
        };
        sink.report(
            &Self::META,
            locate::pointer(&[Step::Key("gateway")]),
            locate::span_of(value),
            message,
        )
        .label(label)
        .help(help);
    }
}

/// The known id that `id` spells in another case (`iDEALQR` → `IDEALQR`).
fn same_but_case(id: &str) -> Option<&'static str> {
    GATEWAYS
        .iter()
        .copied()
        .find(|known| known.eq_ignore_ascii_case(id))
}

/// For several ids in one value (`CREDITCARD/AMEX/VISA`), the first of them.
fn several(id: &str) -> Option<&'static str> {
    let parts: Vec<&str> = id
        .split(|c: char| matches!(c, '/' | ',' | '|' | ';' | '+') || c.is_whitespace())
        .filter(|part| !part.is_empty())
        .collect();
    if parts.len() < 2 {
        return None;
    }
    let known: Option<Vec<&'static str>> = parts.iter().map(|part| same_but_case(part)).collect();
    known?.first().copied()
}

/// A payment method named by its brand (`Bancontact`, `Sofort`): its name
/// and its id.
fn brand(id: &str) -> Option<(&'static str, &'static str)> {
    let key: String = id
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_uppercase())
        .collect();
    BRANDS
        .iter()
        .find(|(squeezed, _, _)| *squeezed == key)
        .map(|&(_, known, name)| (name, known))
}

/// The documented id closest to `id` (ignoring case), when it is close enough
/// to be a typo: at most two edits, and fewer than half of the characters.
fn closest(id: &str) -> Option<&'static str> {
    let upper = id.to_uppercase();
    let length = upper.chars().count();
    let (distance, known) = GATEWAYS
        .iter()
        .map(|known| (strsim::levenshtein(&upper, known), *known))
        .min_by_key(|&(distance, _)| distance)?;
    (distance <= 2 && distance * 2 < length).then_some(known)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gateways_are_sorted_and_unique() {
        assert!(GATEWAYS.windows(2).all(|w| w[0] < w[1]));
        for &(_, id, _) in BRANDS {
            assert!(order::is_gateway(id), "{id}");
        }
    }

    #[test]
    fn suggestions() {
        assert_eq!(same_but_case("iDEAL"), Some("IDEAL"));
        assert_eq!(same_but_case("iDEALQR"), Some("IDEALQR"));
        assert_eq!(
            several("CREDITCARD/AMEX/MAESTRO/MASTERCARD/VISA"),
            Some("CREDITCARD")
        );
        assert_eq!(several("VISA, mastercard"), Some("VISA"));
        assert_eq!(several("CREDITCARD/FOO"), None);
        assert_eq!(brand("Bancontact"), Some(("Bancontact", "MISTERCASH")));
        assert_eq!(
            brand("pay-after-delivery"),
            Some(("Pay After Delivery", "BNPL_MF"))
        );
        assert_eq!(closest("MISTERCAHS"), Some("MISTERCASH"));
        assert_eq!(closest("IDEA"), Some("IDEAL"));
        assert_eq!(closest("gatewaycode"), None);
        assert_eq!(closest("X"), None);
    }
}
