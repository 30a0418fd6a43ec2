use crate::document::Document;
use crate::finding::Sink;
use crate::locate::{self, Step};
use crate::order::{self, LifetimeIgnored};
use crate::rules::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags `days_active` or `seconds_active` on an order with
    /// `type: direct`, once for each field that is set. A `seconds_active`
    /// of `0`, which means "not set", is left alone.
    ///
    /// On a direct order this rule replaces `lifetime-ignored-gateway` (with
    /// no payment page the gateway makes no difference), and the rules that
    /// reason from the lifetime (`lifetime-conflict`,
    /// `second-chance-dead-link`, `second-chance-short-lifetime`,
    /// `paypal-lifetime-capped`) stay silent.
    ///
    /// ## Why is this bad?
    /// The lifetime fields set how long the link to the payment page stays
    /// valid. A direct order sends the customer straight to the issuer or
    /// the payment method, without a payment page, so there is no link for
    /// the lifetime to apply to and the field does nothing. Whoever reads
    /// the request is led to think the payment expires when it says.
    ///
    /// ## Example
    /// ```json
    /// { "type": "direct", "gateway": "IDEAL", "order_id": "A-1", "currency": "EUR", "amount": 1000, "description": "Order A-1", "days_active": 2 }
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// { "type": "direct", "gateway": "IDEAL", "order_id": "A-1", "currency": "EUR", "amount": 1000, "description": "Order A-1" }
    /// ```
    ///
    /// ## Source
    /// `seeds/000_8625d48c6321de38.txt` and `seeds/001_9c5696ff7555eecb.txt`
    /// ("This applies to redirect orders only"); `reference/orders-api.md`
    /// section 6, fact 2.
    pub struct LifetimeIgnoredDirect {
        name: "lifetime-ignored-direct",
        severity: Warning,
        summary: "a lifetime field on a direct order, which has no payment link",
    }
}

impl Rule for LifetimeIgnoredDirect {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, doc: &Document<'_>, sink: &mut Sink) {
        let Some(order) = doc.root_object() else {
            return;
        };
        let Some(LifetimeIgnored::Direct(kind)) = order::lifetime_ignored(order) else {
            return;
        };
        for field in order::lifetime_fields(order) {
            let key = field.name.as_str();
            sink.report(
                &Self::META,
                locate::pointer(&[Step::Key(key)]),
                field.range.into(),
                format!(
                    "`{key}` is `{}`, but `type` is `direct`: a direct order has no payment \
                     page whose link could expire",
                    locate::source(doc.text, &field.value)
                ),
            )
            .label("ignored")
            .related(locate::span_of(&kind.value), "no payment page")
            .help(format!(
                "remove `{key}`; a lifetime applies to `redirect`, `paymentlink` and `checkout` orders"
            ));
        }
    }
}
