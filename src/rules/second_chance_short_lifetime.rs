use crate::document::Document;
use crate::finding::Sink;
use crate::locate::{self, Step};
use crate::order::{self, LifetimeSource, RECOMMENDED_WITH_SECOND_CHANCE, SECOND_REMINDER};
use crate::rules::second_chance_dead_link::recommended;
use crate::rules::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags an order with Second Chance on (`second_chance.send_email` is
    /// `true`) whose payment link lives at least 24 hours but less than 48
    /// hours. `days_active: 1` is the common case; `days_active: 2` is fine.
    ///
    /// Under 24 hours `second-chance-dead-link` reports it instead. Like that
    /// rule, this one applies whatever `type` is, and stays silent where the
    /// reminders are not sent (`second-chance-unsupported-gateway`) or the
    /// gateway fixes the link's lifetime itself (`lifetime-ignored-gateway`).
    ///
    /// ## Why is this bad?
    /// The second Second Chance reminder goes out 24 hours after the order
    /// is created, with the original payment link. With a link that lives
    /// 24 to 48 hours, that email arrives with a link that dies soon after,
    /// or, at exactly 24 hours, as it arrives. MultiSafepay recommends a
    /// lifetime of at least 48 hours with Second Chance.
    ///
    /// ## Example
    /// ```json
    /// { "type": "redirect", "order_id": "A-1", "currency": "EUR", "amount": 1000, "description": "Order A-1", "days_active": 1, "second_chance": { "send_email": true }, "customer": { "email": "jan@example.com" } }
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// { "type": "redirect", "order_id": "A-1", "currency": "EUR", "amount": 1000, "description": "Order A-1", "days_active": 2, "second_chance": { "send_email": true }, "customer": { "email": "jan@example.com" } }
    /// ```
    ///
    /// ## Source
    /// `seeds/000_8625d48c6321de38.txt` ("If you have Second Chance enabled, we
    /// recommend a minimum lifetime of 48 hours"); `reference/orders-api.md`
    /// section 6, fact 8.
    pub struct SecondChanceShortLifetime {
        name: "second-chance-short-lifetime",
        severity: Warning,
        summary: "the payment link lives less than the 48 hours recommended with Second Chance",
    }
}

impl Rule for SecondChanceShortLifetime {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, doc: &Document<'_>, sink: &mut Sink) {
        let Some(order) = doc.root_object() else {
            return;
        };
        let Some((lifetime, field, send_email)) = order::second_chance_lifetime(order) else {
            return;
        };
        if !(SECOND_REMINDER..RECOMMENDED_WITH_SECOND_CHANCE).contains(&lifetime.seconds) {
            return;
        }
        let key = field.name.as_str();
        let shown = locate::source(doc.text, &field.value);
        let words = order::duration(lifetime.seconds);
        let left = lifetime.seconds - SECOND_REMINDER;
        let when = if left == 0 {
            "as it is sent".to_owned()
        } else {
            format!("{} after it is sent", order::duration(left))
        };
        let mut report = sink
            .report(
                &Self::META,
                locate::pointer(&[Step::Key(key)]),
                locate::span_of(&field.value),
                format!(
                    "`{key}` is `{shown}` ({words}), under the 48 hours MultiSafepay recommends \
                     with Second Chance: the link in the 24-hour reminder expires {when}"
                ),
            )
            .label("under 48 hours")
            .related(locate::span_of(&send_email.value), "Second Chance is on");
        if lifetime.source == LifetimeSource::Seconds
            && let Some(days) = order::field(order, "days_active")
        {
            report = report.related(locate::span_of(&days.value), "overridden");
        }
        report.help(format!(
            "raise `{key}` to at least {} (48 hours), or turn Second Chance off",
            recommended(key)
        ));
    }
}
