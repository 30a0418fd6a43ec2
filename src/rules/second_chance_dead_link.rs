use crate::document::Document;
use crate::finding::Sink;
use crate::locate::{self, Step};
use crate::order::{self, FIRST_REMINDER, LifetimeSource, SECOND_REMINDER};
use crate::rules::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags an order with Second Chance on (`second_chance.send_email` is
    /// `true`) whose payment link lives less than 24 hours. Under 1 hour,
    /// both reminders carry a dead link.
    ///
    /// The lifetime is `seconds_active` when it is greater than 0, else
    /// `days_active` days, else the default (30 days; 60 for `BANKTRANS`).
    /// Like every lifetime rule it applies whatever `type` is. It stays
    /// silent where the reminders are not sent at all
    /// (`second-chance-unsupported-gateway`) and where the gateway fixes the
    /// link's lifetime itself (`lifetime-ignored-gateway`).
    ///
    /// ## Why is this bad?
    /// Second Chance emails the customer 1 hour and 24 hours after the order
    /// is created, with the order's original payment link; the times cannot
    /// be changed and the link cannot be renewed. With a 12-hour link, the
    /// 24-hour reminder is still sent, and the customer who clicks it finds
    /// an expired link.
    ///
    /// ## Example
    /// ```json
    /// { "type": "redirect", "order_id": "A-1", "currency": "EUR", "amount": 1000, "description": "Order A-1", "seconds_active": 43200, "second_chance": { "send_email": true }, "customer": { "email": "jan@example.com" } }
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// { "type": "redirect", "order_id": "A-1", "currency": "EUR", "amount": 1000, "description": "Order A-1", "seconds_active": 172800, "second_chance": { "send_email": true }, "customer": { "email": "jan@example.com" } }
    /// ```
    ///
    /// ## Source
    /// `seeds/000_8625d48c6321de38.txt` (reminders after 1 and 24 hours; under
    /// 24 hours the second email's link is no longer active),
    /// `seeds/001_9c5696ff7555eecb.txt` and `seeds/002_cc22570a94926e07.txt`
    /// (the email is sent regardless); `reference/orders-api.md` section 6,
    /// fact 8.
    pub struct SecondChanceDeadLink {
        name: "second-chance-dead-link",
        severity: Error,
        summary: "a Second Chance reminder would carry an expired payment link",
    }
}

impl Rule for SecondChanceDeadLink {
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
        if lifetime.seconds >= SECOND_REMINDER {
            return;
        }
        let key = field.name.as_str();
        let shown = locate::source(doc.text, &field.value);
        let words = order::duration(lifetime.seconds);
        let (message, label) = if lifetime.seconds < FIRST_REMINDER {
            (
                format!(
                    "`{key}` is `{shown}` ({words}), so the payment link has expired before \
                     Second Chance sends either reminder: both the 1-hour and the 24-hour \
                     email carry a dead link"
                ),
                "dead before both reminders",
            )
        } else {
            (
                format!(
                    "`{key}` is `{shown}` ({words}), so the payment link has expired when \
                     Second Chance sends its 24-hour reminder: that email carries a dead link"
                ),
                "dead before 24 h",
            )
        };
        let mut report = sink
            .report(
                &Self::META,
                locate::pointer(&[Step::Key(key)]),
                locate::span_of(&field.value),
                message,
            )
            .label(label)
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

/// The recommended minimum, in the unit of `key`.
pub(crate) fn recommended(key: &str) -> &'static str {
    if key == "days_active" {
        "`2`"
    } else {
        "`172800`"
    }
}
