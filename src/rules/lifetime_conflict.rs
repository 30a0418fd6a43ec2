use crate::document::Document;
use crate::finding::Sink;
use crate::locate::{self, Step};
use crate::order::{self, DAY, DAYS_ACTIVE, LifetimeSource};
use crate::rules::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags an order that sets both `days_active` and `seconds_active`
    /// while `seconds_active` is greater than 0.
    ///
    /// A `seconds_active` of `0` means "not set" and leaves `days_active` in
    /// charge, so it is no conflict. Neither is a value that
    /// `lifetime-invalid` reports, nor an order whose lifetime fields are
    /// ignored anyway (`lifetime-ignored-direct`, `lifetime-ignored-gateway`).
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
        if lifetime.source != LifetimeSource::Seconds || order::lifetime_ignored(order).is_some() {
            return;
        }
        let (Some(days), Some(seconds)) = (
            order::field(order, "days_active"),
            order::field(order, "seconds_active"),
        ) else {
            return;
        };
        // An invalid `days_active` is `lifetime-invalid`'s finding.
        let Some(day_count) = order::whole(&days.value)
            .number()
            .filter(|n| DAYS_ACTIVE.contains(n))
            .and_then(|n| u64::try_from(n).ok())
        else {
            return;
        };
        let days_shown = locate::source(doc.text, &days.value);
        let seconds_shown = locate::source(doc.text, &seconds.value);
        let days_words = order::duration(day_count * DAY);
        let seconds_words = order::duration(lifetime.seconds);
        let (outcome, help) = if day_count * DAY == lifetime.seconds {
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
