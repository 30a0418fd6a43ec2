use jsonc_parser::ast::Value;

use crate::document::Document;
use crate::finding::{Sink, Span};
use crate::locate::{self, Step};
use crate::order;
use crate::rules::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags a URL in `payment_options` (`notification_url`, `redirect_url`,
    /// `cancel_url`, `feed_url`) that starts with `http://`.
    ///
    /// ## Why is this bad?
    /// Over plain HTTP anyone on the way can read and change what passes:
    /// the webhook that tells your shop an order is paid, the page the
    /// customer returns to after paying, and the FastCheckout feed of
    /// shipping methods. MultiSafepay's own examples use HTTPS, and browsers
    /// warn when a payment page sends the customer to an insecure address.
    ///
    /// ## Example
    /// ```json
    /// { "order_id": "A-1", "currency": "EUR", "amount": 1000, "description": "Order A-1",
    ///   "payment_options": { "notification_url": "http://www.example.com/notify" } }
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// { "order_id": "A-1", "currency": "EUR", "amount": 1000, "description": "Order A-1",
    ///   "payment_options": { "notification_url": "https://www.example.com/notify" } }
    /// ```
    ///
    /// ## Source
    /// `reference/orders-api.md` section 4.1 (`payment_options`) and
    /// section 7, rule R16 ("prefer https").
    pub struct InsecureUrl {
        name: "insecure-url",
        severity: Warning,
        summary: "a `payment_options` URL uses `http://` instead of `https://`",
    }
}

/// The URL fields of `payment_options` (reference section 4.1).
const URL_FIELDS: &[&str] = &["notification_url", "redirect_url", "cancel_url", "feed_url"];

const HTTP: &str = "http://";

impl Rule for InsecureUrl {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, doc: &Document<'_>, sink: &mut Sink) {
        let Some(options) = doc
            .root_object()
            .and_then(|order| order::object(order, "payment_options"))
        else {
            return;
        };
        for &field in URL_FIELDS {
            let Some(Value::StringLit(url)) = order::value(options, field) else {
                continue;
            };
            // White space before the scheme is `whitespace-padding`'s finding;
            // the address is still plain HTTP.
            let padding = url.value.len() - url.value.trim_start().len();
            let starts_with_http = url
                .value
                .get(padding..padding + HTTP.len())
                .is_some_and(|scheme| scheme.eq_ignore_ascii_case(HTTP));
            if !starts_with_http {
                continue;
            }
            let value_span = Span::from(url.range);
            // The scheme as written, just inside the opening quote and the
            // padding; a scheme or padding written with escapes
            // (`http:\/\/`, `\t`) gets the whole value.
            let start = value_span.start + 1 + padding;
            let scheme_span = Span::new(start, start + HTTP.len());
            let span = doc
                .text
                .get(scheme_span.start..scheme_span.end)
                .filter(|raw| raw.eq_ignore_ascii_case(HTTP))
                .map_or(value_span, |_| scheme_span);
            sink.report(
                &Self::META,
                locate::pointer(&[Step::Key("payment_options"), Step::Key(field)]),
                span,
                format!(
                    "`payment_options.{field}` is `{}`, not an HTTPS address",
                    locate::shorten(&url.value, 60)
                ),
            )
            .label("plain HTTP")
            .help("use `https://`");
        }
    }
}
