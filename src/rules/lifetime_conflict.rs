use crate::document::Document;
use crate::finding::Sink;
use crate::locate::{self, Step};
use crate::order::{self, DAY, LifetimeSource};
use crate::rules::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags an order that sets both `days_active` and `seconds_active`
    /// while `seconds_active` is greater than 0.
    ///
    /// A `seconds_active` of `0` means "not set" and leaves `days_active` in
    /// charge, so it is no conflict. A `days_active` out of range is still
    /// overridden (and `lifetime-invalid` reports it too). The rule applies
    /// whatever `type` is; it stays silent where the gateway fixes the link's
    /// lifetime itself (`lifetime-ignored-gateway`).
    ///
    /// ## Why is this bad?
    /// `seconds_active` silently overrides `days_active`: the link lives as
    /// long as `seconds_active` says, whatever `days_active` says. Whoever
    /// changes `days_active` later sees no effect, and a `days_active` of 14
    /// next to a `seconds_active` of 3600 gives a link that dies after an
    /// hour. Even when both say the same, only one of them does anything.
    ///
    /// ## Example
    /// ```json
    /// { "type": "redirect", "order_id": "A-1", "currency": "EUR", "amount": 1000, "description": "Order A-1", "days_active": 14, "seconds_active": 3600 }
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// { "type": "redirect", "order_id": "A-1", "currency": "EUR", "amount": 1000, "description": "Order A-1", "days_active": 14 }
    /// ```
    ///
    /// ## Source
    /// `seeds/000_8625d48c6321de38.txt` and `seeds/001_9c5696ff7555eecb.txt`
    /// ("If set and larger than 0, `seconds_active` overrides `days_active`");
    /// `reference/orders-api.md` section 6, fact 4.
    pub struct LifetimeConflict {
        name: "lifetime-conflict",
        severity: Warning,
        summary: "`seconds_active` overrides `days_active` when both are set",
    }
}

impl Rule for LifetimeConflict {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, doc: &Document<'_>, sink: &mut Sink) {
        let Some(order) = doc.root_object() else {
            return;
        };
        let lifetime = order::lifetime(order);
        if lifetime.source != LifetimeSource::Seconds
            || order::lifetime_fixed_by_gateway(order).is_some()
        {
            return;
        }
        let (Some(days), Some(seconds)) = (
            order::field(order, "days_active"),
            order::field(order, "seconds_active"),
        ) else {
            return;
        };
        // Out of range or not a whole number, `days_active` is also
        // `lifetime-invalid`'s finding; it is overridden all the same.
        let day_count = order::whole(&days.value)
            .number()
            .map(|n| u64::try_from(n).unwrap_or(0));
        let days_shown = locate::source(doc.text, &days.value);
        let seconds_shown = locate::source(doc.text, &seconds.value);
        let days_words = day_count.map_or_else(
            || "not a number of days".to_owned(),
            |n| order::duration(n.saturating_mul(DAY)),
        );
        let seconds_words = order::duration(lifetime.seconds);
        let (outcome, help) = if day_count.map(|n| n.saturating_mul(DAY)) == Some(lifetime.seconds)
        {
            (
                "they agree, but only `seconds_active` counts".to_owned(),
                format!("remove `days_active`; `seconds_active` already sets {seconds_words}"),
            )
        } else {
            (
                format!("the link lives {seconds_words}, not {days_words}"),
                format!(
                    "keep the one you mean: remove `days_active` for a link that lives \
                     {seconds_words}, or `seconds_active` for one that lives {days_words}"
                ),
            )
        };
        sink.report(
            &Self::META,
            locate::pointer(&[Step::Key("days_active")]),
            locate::span_of(&days.value),
            format!(
                "`days_active` is `{days_shown}` ({days_words}), but `seconds_active` is \
                 `{seconds_shown}` ({seconds_words}) and overrides it: {outcome}"
            ),
        )
        .label("ignored")
        .related(locate::span_of(&seconds.value), "this wins")
        .help(help);
    }
}
