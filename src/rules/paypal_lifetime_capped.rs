use crate::document::Document;
use crate::finding::Sink;
use crate::locate::{self, Step};
use crate::order::{self, PAYPAL_MAX_LIFETIME};
use crate::rules::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags a `gateway: PAYPAL` order whose `days_active` or
    /// `seconds_active` sets a lifetime longer than 14 days. Only the field
    /// that decides the lifetime counts (`seconds_active` when it is greater
    /// than 0); the 30-day default alone is not flagged. Like every lifetime
    /// rule it applies whatever `type` is.
    ///
    /// ## Why is this bad?
    /// PayPal ends its payment links after 14 days, whatever the request
    /// says. A longer lifetime only has an effect when it is shorter than
    /// 14 days, so a request that asks for 30 days promises the customer
    /// (and whoever reads the request) more time than they get.
    ///
    /// ## Example
    /// ```json
    /// { "type": "redirect", "gateway": "PAYPAL", "order_id": "A-1", "currency": "EUR", "amount": 1000, "description": "Order A-1", "days_active": 30 }
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// { "type": "redirect", "gateway": "PAYPAL", "order_id": "A-1", "currency": "EUR", "amount": 1000, "description": "Order A-1", "days_active": 14 }
    /// ```
    ///
    /// ## Source
    /// `seeds/001_9c5696ff7555eecb.txt` (PayPal: 14 days),
    /// `seeds/002_cc22570a94926e07.txt` ("the days_active and seconds_active
    /// parameters will only have an influence on the lifetime of a PayPal
    /// payment link only if they correspond to a period shorter than 14
    /// days"); `reference/orders-api.md` section 6, fact 6.
    pub struct PaypalLifetimeCapped {
        name: "paypal-lifetime-capped",
        severity: Warning,
        summary: "a lifetime over 14 days with PayPal, which ends its links after 14 days",
    }
}

impl Rule for PaypalLifetimeCapped {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, doc: &Document<'_>, sink: &mut Sink) {
        let Some(order) = doc.root_object() else {
            return;
        };
        let Some(gateway) = order::gateway_among(order, &["PAYPAL"]) else {
            return;
        };
        let lifetime = order::lifetime(order);
        if lifetime.seconds <= PAYPAL_MAX_LIFETIME {
            return;
        }
        let Some(field) = order::deciding_field(order, lifetime) else {
            return;
        };
        let key = field.name.as_str();
        let limit = if key == "days_active" {
            "`14`"
        } else {
            "`1209600` (14 days)"
        };
        sink.report(
            &Self::META,
            locate::pointer(&[Step::Key(key)]),
            locate::span_of(&field.value),
            format!(
                "`{key}` is `{}` ({}), but PayPal ends its payment links after 14 days",
                locate::source(doc.text, &field.value),
                order::duration(lifetime.seconds)
            ),
        )
        .label("capped at 14 days")
        .related(locate::span_of(&gateway.value), "links end after 14 days")
        .help(format!(
            "set `{key}` to {limit} or less, or remove it: a PayPal link lasts 14 days at most"
        ));
    }
}
