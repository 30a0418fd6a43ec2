use jsonc_parser::ast::Value;

use crate::document::Document;
use crate::finding::Sink;
use crate::locate::{self, Step};
use crate::order::{self, SECOND_CHANCE_UNSUPPORTED};
use crate::rules::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags an order with Second Chance on (`second_chance.send_email` is
    /// `true`) whose `gateway` is one that Second Chance does not support:
    /// `BANKTRANS` (bank transfer), `EINVOICE` (E-Invoicing), `PAYPAL`,
    /// `DIRDEB` (SEPA Direct Debit) or `BNPL_MF` (Pay After Delivery).
    ///
    /// Since no reminder is sent, `second-chance-no-email`,
    /// `second-chance-dead-link` and `second-chance-short-lifetime` stay
    /// silent on such an order.
    ///
    /// ## Why is this bad?
    /// MultiSafepay sends no Second Chance reminders for these payment
    /// methods. The request asks for something that will not happen, and
    /// whoever reads it expects reminders that never go out.
    ///
    /// ## Example
    /// ```json
    /// { "type": "redirect", "gateway": "BANKTRANS", "order_id": "A-1", "currency": "EUR", "amount": 1000, "description": "Order A-1", "second_chance": { "send_email": true }, "customer": { "email": "jan@example.com" } }
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// { "type": "redirect", "gateway": "BANKTRANS", "order_id": "A-1", "currency": "EUR", "amount": 1000, "description": "Order A-1", "customer": { "email": "jan@example.com" } }
    /// ```
    ///
    /// ## Source
    /// `reference/orders-api.md` section 4.7 (MultiSafepay's Second Chance
    /// page: supported payment methods, except bank transfer, E-Invoicing,
    /// PayPal, direct debit and Pay After Delivery).
    pub struct SecondChanceUnsupportedGateway {
        name: "second-chance-unsupported-gateway",
        severity: Warning,
        summary: "the gateway is one for which Second Chance sends no reminders",
    }
}

impl Rule for SecondChanceUnsupportedGateway {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, doc: &Document<'_>, sink: &mut Sink) {
        let Some(order) = doc.root_object() else {
            return;
        };
        let Some(send_email) = order::second_chance(order) else {
            return;
        };
        let Some(gateway) = order::gateway_among(order, SECOND_CHANCE_UNSUPPORTED) else {
            return;
        };
        let Value::StringLit(id) = &gateway.value else {
            return;
        };
        let method = method(&id.value);
        sink.report(
            &Self::META,
            locate::pointer(&[Step::Key("gateway")]),
            locate::span_of(&gateway.value),
            format!(
                "`gateway` is `{}` ({method}), for which Second Chance sends no reminders, \
                 but `second_chance.send_email` is `true`",
                id.value
            ),
        )
        .label("no Second Chance")
        .related(locate::span_of(&send_email.value), "Second Chance is on")
        .help(format!(
            "remove `second_chance` from {method} orders; no reminder will be sent"
        ));
    }
}

/// The payment method's name.
fn method(id: &str) -> &'static str {
    match id.to_ascii_uppercase().as_str() {
        "BANKTRANS" => "bank transfer",
        "EINVOICE" => "E-Invoicing",
        "PAYPAL" => "PayPal",
        "DIRDEB" => "SEPA Direct Debit",
        "BNPL_MF" => "Pay After Delivery",
        _ => "this payment method",
    }
}
