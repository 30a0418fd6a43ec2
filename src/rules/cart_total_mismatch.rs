use jsonc_parser::ast::{Object, Value};

use crate::decimal::Decimal;
use crate::document::Document;
use crate::finding::Sink;
use crate::locate::{self, Step};
use crate::order::{self, Whole};
use crate::rules::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Adds up the shopping cart, tax included, and compares the total with
    /// `amount` when MultiSafepay validates the cart: when
    /// `checkout_options.validate_cart` is `true`, or the gateway is a
    /// post-payment one (`AFTERPAY`, `BILLINK`, `BNPL_INSTM`, `BNPL_MF`,
    /// `EINVOICE`, `IN3`, `KLARNA`, `SANTANDER`, `ZINIA`, `PAYAFTER`).
    ///
    /// Each item counts `unit_price` × `quantity` × (1 + tax rate). The tax
    /// rate is the `rate` of the `checkout_options.tax_tables.alternate` table
    /// whose `name` the item's `tax_table_selector` gives (the first such
    /// table; within it, the first rule without a `country`, else the first
    /// rule). An item with no selector, or an empty one (the PHP SDK sends
    /// `""` for an item without a tax table), gets the rate of
    /// `tax_tables.default`, and 0 when there is no default. Negative unit
    /// prices are discounts and count as such.
    ///
    /// The arithmetic is exact (decimal, not floating point), and the total
    /// is rounded to cents once, half away from zero. MultiSafepay does not
    /// document whether it rounds each line or the total, so the rule allows
    /// one cent of difference per item.
    ///
    /// The rule says nothing when an input is missing or malformed, because
    /// other rules report that: `amount` not an integer, an item without a
    /// numeric `unit_price` or `quantity`, a rate that is not a number, a
    /// selector that names no table (`tax-table-unknown`), or a rate above 1
    /// (`tax-rate-percent`).
    ///
    /// ## Why is this bad?
    /// MultiSafepay checks the cart against `amount` and refuses the order
    /// with error 1027 when they differ. Post-payment methods always check,
    /// because the invoice the customer pays later is built from the cart.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "order_id": "A-1", "currency": "EUR", "amount": 26000, "description": "Order A-1",
    ///   "shopping_cart": { "items": [
    ///     { "name": "Mug", "unit_price": 90, "quantity": 2, "tax_table_selector": "none" },
    ///     { "name": "Shipping", "unit_price": 10, "quantity": 1, "tax_table_selector": "none" }
    ///   ] },
    ///   "checkout_options": {
    ///     "validate_cart": true,
    ///     "tax_tables": { "alternate": [ { "name": "none", "rules": [ { "rate": 0.0 } ] } ] }
    ///   }
    /// }
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// {
    ///   "order_id": "A-1", "currency": "EUR", "amount": 19000, "description": "Order A-1",
    ///   "shopping_cart": { "items": [
    ///     { "name": "Mug", "unit_price": 90, "quantity": 2, "tax_table_selector": "none" },
    ///     { "name": "Shipping", "unit_price": 10, "quantity": 1, "tax_table_selector": "none" }
    ///   ] },
    ///   "checkout_options": {
    ///     "validate_cart": true,
    ///     "tax_tables": { "alternate": [ { "name": "none", "rules": [ { "rate": 0.0 } ] } ] }
    ///   }
    /// }
    /// ```
    ///
    /// ## Source
    /// `reference/orders-api.md` sections 4.5 and 4.6 (the cart total) and
    /// section 7, rule R24; MultiSafepay error 1027.
    pub struct CartTotalMismatch {
        name: "cart-total-mismatch",
        severity: Error,
        summary: "the shopping cart, with tax, does not add up to `amount`",
    }
}

impl Rule for CartTotalMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, doc: &Document<'_>, sink: &mut Sink) {
        let Some(order) = doc.root_object() else {
            return;
        };
        if !cart_is_validated(order) {
            return;
        }
        let Some(amount_prop) = order::field(order, "amount") else {
            return;
        };
        let Value::NumberLit(literal) = &amount_prop.value else {
            return;
        };
        // Only an integer literal is an amount in cents; `amount-not-in-cents`
        // reports the rest.
        if !matches!(order::whole(&amount_prop.value), Whole::Integer(_)) {
            return;
        }
        let Some(amount) = Decimal::parse(literal.value).and_then(|d| d.round(0)) else {
            return;
        };
        let Some(cart_prop) = order::field(order, "shopping_cart") else {
            return;
        };
        let decimals = order::minor_unit_decimals(order::string(order, "currency"));
        let Some((total, items)) = cart_total(order, &cart_prop.value, decimals) else {
            return;
        };
        let tolerance = i128::try_from(items).unwrap_or(i128::MAX);
        let Some(difference) = total.checked_sub(amount) else {
            return;
        };
        if difference.unsigned_abs() <= tolerance.unsigned_abs() {
            return;
        }
        let pointer = locate::pointer(&[Step::Key("amount")]);
        sink.report(
            &Self::META,
            pointer,
            literal.range.into(),
            format!(
                "`amount` is `{amount}` ({}), but the shopping cart adds up to `{total}` ({}) with tax",
                money(amount, decimals),
                money(total, decimals)
            ),
        )
        .label("differs from the cart")
        .related(
            locate::key_span(cart_prop),
            format!("the items add up to {total} ({})", money(total, decimals)),
        )
        .help(if total > 0 {
            format!(
                "set `amount` to `{total}`, or correct the items' `unit_price`, `quantity` or tax tables"
            )
        } else {
            "correct the items' `unit_price`, `quantity` or tax tables: the cart adds up to nothing to pay".to_owned()
        });
    }
}

/// Whether MultiSafepay compares the cart with `amount`: `validate_cart` is
/// `true`, or the gateway is a post-payment one.
fn cart_is_validated(order: &Object<'_>) -> bool {
    let validate_cart = order::object(order, "checkout_options")
        .and_then(|options| order::value(options, "validate_cart"))
        .is_some_and(|v| matches!(v, Value::BooleanLit(b) if b.value));
    let post_payment = order::gateway_among(order, order::POST_PAYMENT_GATEWAYS).is_some();
    validate_cart || post_payment
}

/// The cart total with tax in the currency's smallest unit (cents, or whole
/// yen: `decimals`), rounded half away from zero, and the number of items;
/// `None` when the cart is empty or an input is missing, malformed or out of
/// range (other rules report those).
fn cart_total(order: &Object<'_>, cart: &Value<'_>, decimals: u8) -> Option<(i128, usize)> {
    let items = &order::value(cart.as_object()?, "items")?
        .as_array()?
        .elements;
    if items.is_empty() {
        return None;
    }
    let default = default_rate(order);
    let mut sum = Decimal::ZERO;
    for item in items {
        let item = item.as_object()?;
        let price = Decimal::of(order::value(item, "unit_price")?)?;
        let quantity = Decimal::of(order::value(item, "quantity")?)?;
        let rate = item_rate(order, item, default)?;
        // A rate above 1 is `tax-rate-percent`'s finding; a negative one the
        // schema's. Either way the total would be a guess.
        if rate.is_negative() || rate.exceeds_one() {
            return None;
        }
        let line = price
            .checked_mul(quantity)?
            .checked_mul(Decimal::ONE.checked_add(rate)?)?;
        sum = sum.checked_add(line)?;
    }
    Some((sum.round(u32::from(decimals))?, items.len()))
}

/// `checkout_options.tax_tables.default.rate`; 0 when any step is absent,
/// `None` when one is there but malformed.
fn default_rate(order: &Object<'_>) -> Option<Decimal> {
    let mut node: Option<&Object<'_>> = Some(order);
    for key in ["checkout_options", "tax_tables", "default"] {
        let Some(value) = node.and_then(|object| order::value(object, key)) else {
            return Some(Decimal::ZERO);
        };
        node = Some(value.as_object()?);
    }
    match node.and_then(|default| order::value(default, "rate")) {
        None => Some(Decimal::ZERO),
        Some(rate) => Decimal::of(rate),
    }
}

/// The tax rate of one item: its selected table's, else the default.
fn item_rate(order: &Object<'_>, item: &Object<'_>, default: Option<Decimal>) -> Option<Decimal> {
    match order::value(item, "tax_table_selector") {
        None => default,
        // The PHP SDK sends `""` for an item without a tax table.
        Some(Value::StringLit(selector)) if selector.value.is_empty() => default,
        Some(Value::StringLit(selector)) => {
            // A selector naming no table is `tax-table-unknown`'s finding: the
            // API refuses it (error 1029) before any total is compared.
            let (_, table) = order::tax_table_named(order, &selector.value)?;
            let (_, rule) = order::tax_rule(table)?;
            Decimal::of(order::value(rule, "rate")?)
        }
        Some(_) => None,
    }
}

/// An amount in the smallest unit, in the main unit: `19000` → `190.00`,
/// `-150` → `-1.50`; with 0 decimals (JPY) `1000` stays `1000`.
fn money(minor: i128, decimals: u8) -> String {
    let sign = if minor < 0 { "-" } else { "" };
    let magnitude = minor.unsigned_abs();
    if decimals == 0 {
        return format!("{sign}{magnitude}");
    }
    let width = usize::from(decimals);
    let unit = 10_u128.pow(u32::from(decimals));
    format!("{sign}{}.{:0width$}", magnitude / unit, magnitude % unit)
}
