use jsonc_parser::ast::Value;

use crate::decimal::Decimal;
use crate::document::Document;
use crate::finding::Sink;
use crate::locate::{self, Step};
use crate::order;
use crate::rules::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags a tax `rate` above 1, in `checkout_options.tax_tables.default`
    /// or in any rule of an `alternate` table. Such a rate looks like a
    /// percentage: `21` meant as 21 %, where MultiSafepay wants the fraction
    /// `0.21`. A rate of exactly 1 (100 %) is not flagged.
    ///
    /// `cart-total-mismatch` stays silent on a cart that uses such a rate, so
    /// the one mistake is reported once, here.
    ///
    /// ## Why is this bad?
    /// A rate of `21` taxes every item at 2,100 %: the cart total is 22 times
    /// the net price, so it cannot match `amount`. With cart validation
    /// (`validate_cart`, post-payment gateways) the order is refused with
    /// error 1027; without it, the VAT shown to the customer is wrong. The
    /// PHP SDK takes a percentage and divides it by 100 for you, so the
    /// mistake appears in hand-written requests.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "order_id": "A-1", "currency": "EUR", "amount": 12100, "description": "Order A-1",
    ///   "checkout_options": { "tax_tables": { "default": { "shipping_taxed": true, "rate": 21 } } }
    /// }
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// {
    ///   "order_id": "A-1", "currency": "EUR", "amount": 12100, "description": "Order A-1",
    ///   "checkout_options": { "tax_tables": { "default": { "shipping_taxed": true, "rate": 0.21 } } }
    /// }
    /// ```
    ///
    /// ## Source
    /// `reference/orders-api.md` section 4.6 (rates are fractions, `0.21`)
    /// and section 7, rule R25; MultiSafepay error 1028 (rate format `#.##`).
    pub struct TaxRatePercent {
        name: "tax-rate-percent",
        severity: Warning,
        summary: "a tax `rate` above 1 looks like a percentage, not a fraction",
    }
}

impl Rule for TaxRatePercent {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, doc: &Document<'_>, sink: &mut Sink) {
        let Some(order) = doc.root_object() else {
            return;
        };
        let Some(tables) = order::tax_tables(order) else {
            return;
        };
        if let Some(rate) = order::object(tables, "default").and_then(|d| order::value(d, "rate")) {
            let steps = [
                Step::Key("checkout_options"),
                Step::Key("tax_tables"),
                Step::Key("default"),
                Step::Key("rate"),
            ];
            report(sink, &steps, rate);
        }
        for (i, table) in order::alternate_tables(order) {
            let Some(rules) = order::value(table, "rules").and_then(Value::as_array) else {
                continue;
            };
            for (j, rule) in rules.elements.iter().enumerate() {
                let Some(rate) = rule.as_object().and_then(|r| order::value(r, "rate")) else {
                    continue;
                };
                let steps = [
                    Step::Key("checkout_options"),
                    Step::Key("tax_tables"),
                    Step::Key("alternate"),
                    Step::Index(i),
                    Step::Key("rules"),
                    Step::Index(j),
                    Step::Key("rate"),
                ];
                report(sink, &steps, rate);
            }
        }
    }
}

/// Reports `rate` at `steps` when it is a number above 1.
fn report(sink: &mut Sink, steps: &[Step<'_>], rate: &Value<'_>) {
    // Only a number literal: a string rate is the schema's finding.
    let Value::NumberLit(literal) = rate else {
        return;
    };
    let raw = literal.value;
    let value = Decimal::parse(raw);
    // A number beyond 38 digits or 36 decimal places is compared as an f64.
    let above_one = match value {
        Some(value) => value.exceeds_one(),
        None => raw.parse::<f64>().is_ok_and(|v| v > 1.0),
    };
    if !above_one {
        return;
    }
    let help = match value.and_then(Decimal::hundredth) {
        Some(fraction) => {
            format!("write `{raw}` as `{fraction}`: MultiSafepay reads rates as fractions")
        }
        None => "write the rate as a fraction of 1: 21 % is `0.21`".to_owned(),
    };
    sink.report(
        &TaxRatePercent::META,
        locate::pointer(steps),
        literal.range.into(),
        format!(
            "`{}` is `{raw}`, which looks like a percentage",
            locate::display(steps)
        ),
    )
    .label("percentage, not a fraction")
    .help(help);
}
