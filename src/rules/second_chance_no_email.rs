use jsonc_parser::ast::Value;

use crate::document::Document;
use crate::finding::{Sink, Span};
use crate::locate::{self, Step};
use crate::order::{self, SECOND_CHANCE_UNSUPPORTED};
use crate::rules::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags an order with Second Chance on (`second_chance.send_email` is
    /// `true`) and no `customer.email`: the key is missing, `null`, or an
    /// empty (or blank) string.
    ///
    /// Where the gateway gets no Second Chance reminders at all,
    /// `second-chance-unsupported-gateway` reports that instead: an address
    /// would not help.
    ///
    /// ## Why is this bad?
    /// Second Chance reminds the customer by email. Without an address
    /// there is nowhere to send the reminder, so asking for one does
    /// nothing.
    ///
    /// ## Example
    /// ```json
    /// { "type": "redirect", "order_id": "A-1", "currency": "EUR", "amount": 1000, "description": "Order A-1", "second_chance": { "send_email": true }, "customer": { "locale": "en_US" } }
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// { "type": "redirect", "order_id": "A-1", "currency": "EUR", "amount": 1000, "description": "Order A-1", "second_chance": { "send_email": true }, "customer": { "locale": "en_US", "email": "jan@example.com" } }
    /// ```
    ///
    /// ## Source
    /// `reference/orders-api.md` section 4.7 (Second Chance requires
    /// `customer.email`, from MultiSafepay's Second Chance page) and section
    /// 4.2.
    pub struct SecondChanceNoEmail {
        name: "second-chance-no-email",
        severity: Warning,
        summary: "the customer has no email address for the Second Chance reminders",
    }
}

impl Rule for SecondChanceNoEmail {
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
        if order::gateway_among(order, SECOND_CHANCE_UNSUPPORTED).is_some() {
            return;
        }
        let customer = order::field(order, "customer");
        let email = customer
            .and_then(|c| c.value.as_object())
            .and_then(|c| order::field(c, "email"));
        let (what, related): (String, Option<(Span, &str)>) = match email {
            None => (
                "`customer.email` is not set".to_owned(),
                customer.map(|c| (locate::key_span(c), "no `email` here")),
            ),
            Some(prop) => match &prop.value {
                Value::StringLit(s) if s.value.trim().is_empty() => (
                    format!(
                        "`customer.email` is `{}`",
                        locate::source(doc.text, &prop.value)
                    ),
                    Some((locate::span_of(&prop.value), "empty")),
                ),
                _ => return,
            },
        };
        let report = sink
            .report(
                &Self::META,
                locate::pointer(&[Step::Key("second_chance"), Step::Key("send_email")]),
                send_email.range.into(),
                format!(
                    "`second_chance.send_email` is `true`, but {what}: there is nowhere to \
                     send the reminders"
                ),
            )
            .label("reminders need an email");
        let report = match related {
            Some((span, message)) => report.related(span, message),
            None => report,
        };
        report.help("add the customer's address as `customer.email`, or turn Second Chance off");
    }
}
