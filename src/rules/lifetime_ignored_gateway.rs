use jsonc_parser::ast::Value;

use crate::document::Document;
use crate::finding::Sink;
use crate::locate::{self, Step};
use crate::order::{self, LifetimeIgnored, POST_PAYMENT_GATEWAYS};
use crate::rules::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags `days_active` or `seconds_active` with a `gateway` whose link
    /// lifetime cannot be adjusted, once for each field that is set: the
    /// post-payment gateways (`AFTERPAY`, `BILLINK`, `BNPL_INSTM`,
    /// `BNPL_MF`, `EINVOICE`, `IN3`, `KLARNA`, `SANTANDER`, `ZINIA`,
    /// `PAYAFTER`), `DIRDEB` (SEPA Direct Debit), `PSAFECARD`
    /// (Paysafecard) and the Edenred vouchers (`EDENCOM`, `EDENCO`,
    /// `EDENECO`, `EDENRES`, `EDENSPORTS`). A `seconds_active` of `0`, which
    /// means "not set", is left alone.
    ///
    /// On a `type: direct` order `lifetime-ignored-direct` reports the field
    /// instead. The rules that reason from the lifetime
    /// (`lifetime-conflict`, `second-chance-dead-link`,
    /// `second-chance-short-lifetime`) stay silent here.
    ///
    /// ## Why is this bad?
    /// These payment methods have their own payment flow and their own
    /// expiry; MultiSafepay ignores `days_active` and `seconds_active` for
    /// them. The field does nothing, and whoever reads the request is led to
    /// think the link expires when it says.
    ///
    /// ## Example
    /// ```json
    /// { "type": "redirect", "gateway": "KLARNA", "order_id": "A-1", "currency": "EUR", "amount": 1000, "description": "Order A-1", "days_active": 2 }
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// { "type": "redirect", "gateway": "KLARNA", "order_id": "A-1", "currency": "EUR", "amount": 1000, "description": "Order A-1" }
    /// ```
    ///
    /// ## Source
    /// `seeds/001_9c5696ff7555eecb.txt` (post-payment methods: "You cannot
    /// adjust payment link lifetimes"), `seeds/002_cc22570a94926e07.txt`
    /// (post-payment methods "can therefore not be altered via the
    /// days_active and seconds_active parameters"); `reference/orders-api.md`
    /// section 6, facts 6 and 7 (direct debit, Edenred, Paysafecard).
    pub struct LifetimeIgnoredGateway {
        name: "lifetime-ignored-gateway",
        severity: Warning,
        summary: "a lifetime field with a gateway whose link lifetime cannot be adjusted",
    }
}

impl Rule for LifetimeIgnoredGateway {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, doc: &Document<'_>, sink: &mut Sink) {
        let Some(order) = doc.root_object() else {
            return;
        };
        let Some(LifetimeIgnored::Gateway(gateway)) = order::lifetime_ignored(order) else {
            return;
        };
        let Value::StringLit(id) = &gateway.value else {
            return;
        };
        let id = &*id.value;
        let why = why(id);
        for field in order::lifetime_fields(order) {
            let key = field.name.as_str();
            sink.report(
                &Self::META,
                locate::pointer(&[Step::Key(key)]),
                field.range.into(),
                format!(
                    "`{key}` is `{}`, but the link lifetime of `gateway` `{id}` cannot be \
                     adjusted: {why}",
                    locate::source(doc.text, &field.value)
                ),
            )
            .label("ignored")
            .related(locate::span_of(&gateway.value), "lifetime not adjustable")
            .help(format!("remove `{key}`: it has no effect with `{id}`"));
        }
    }
}

fn why(id: &str) -> &'static str {
    let id = id.to_ascii_uppercase();
    if POST_PAYMENT_GATEWAYS.contains(&id.as_str()) {
        "post-payment methods have their own payment flow"
    } else if id == "DIRDEB" {
        "SEPA Direct Debit has its own payment flow"
    } else if id == "PSAFECARD" {
        "Paysafecard links cannot be given a lifetime"
    } else {
        "Edenred vouchers cannot be given a lifetime"
    }
}
