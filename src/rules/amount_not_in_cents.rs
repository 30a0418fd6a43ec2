use jsonc_parser::ast::Value;

use crate::decimal::Decimal;
use crate::document::Document;
use crate::finding::Sink;
use crate::locate::{self, Step};
use crate::order::{self, Whole};
use crate::rules::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags an order `amount` that is not written as an integer literal: a
    /// decimal (`24.95`, `10.00`), an exponent (`1e3`), a string (`"2495"`,
    /// `"24,95"`), a boolean, an object or an array. The help gives the
    /// amount in cents, computed exactly from the text as written.
    ///
    /// ## Why is this bad?
    /// MultiSafepay reads `amount` in the currency's smallest unit: 10.00 EUR
    /// is `1000`, and a currency without a minor unit (`JPY`) is sent in
    /// whole units. MultiSafepay's error 1001 *Invalid amount* says so: "All
    /// amounts must be given in cents, e.g. 10 EUR = 1000 not 10,00".
    /// A decimal such as `10.00` is the trap: JSON Schema's `integer` type
    /// accepts it, because it only looks at the number's value, so a schema
    /// check alone lets it through.
    ///
    /// ## Example
    /// ```json
    /// { "order_id": "A-1", "currency": "EUR", "amount": 24.95, "description": "Order A-1" }
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// { "order_id": "A-1", "currency": "EUR", "amount": 2495, "description": "Order A-1" }
    /// ```
    ///
    /// ## Source
    /// `reference/orders-api.md` section 3 (`amount`: an integer in the
    /// smallest currency unit) and section 7, rule R5; MultiSafepay's error
    /// reference, error 1001.
    pub struct AmountNotInCents {
        name: "amount-not-in-cents",
        severity: Error,
        summary: "`amount` is not an integer number of cents",
    }
}

impl Rule for AmountNotInCents {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, doc: &Document<'_>, sink: &mut Sink) {
        let Some(order) = doc.root_object() else {
            return;
        };
        let Some(value) = order::value(order, "amount") else {
            return;
        };
        let unit = Unit::of(order::string(order, "currency"));
        let span = locate::span_of(value);
        let raw = doc.text.get(span.start..span.end).unwrap_or_default();
        let (message, label, help) = match value {
            Value::NumberLit(_) if matches!(order::whole(value), Whole::Integer(_)) => return,
            Value::NumberLit(n) => {
                let (label, help) = match fix(n.value, unit) {
                    Some(fix @ Fix::Integer(_)) => ("exponent notation", fix.help(unit)),
                    Some(fix) => (unit.label(), fix.help(unit)),
                    None if n.value.contains(['e', 'E']) => {
                        ("exponent notation", unit.generic_help(false))
                    }
                    None => (unit.label(), unit.generic_help(false)),
                };
                (
                    format!("`amount` is `{}`, not an integer", locate::shorten(raw, 40)),
                    label,
                    help,
                )
            }
            Value::StringLit(s) => {
                let help = match string_fix(&s.value, unit) {
                    Some(Fix::Integer(n)) if plain_digits(s.value.trim()) => {
                        format!("drop the quotes: `{n}`")
                    }
                    Some(fix) => format!("drop the quotes and {}", fix.help(unit)),
                    None => unit.generic_help(true),
                };
                (
                    format!(
                        "`amount` is the string `{}`, not an integer",
                        locate::shorten(raw, 40)
                    ),
                    "quoted amount",
                    help,
                )
            }
            Value::BooleanLit(_) => (
                format!("`amount` is `{raw}`, not an integer"),
                "not a number",
                unit.generic_help(false),
            ),
            Value::Object(_) => (
                "`amount` is an object, not an integer".to_owned(),
                "not a number",
                unit.generic_help(false),
            ),
            Value::Array(_) => (
                "`amount` is an array, not an integer".to_owned(),
                "not a number",
                unit.generic_help(false),
            ),
            Value::NullKeyword(_) => return,
        };
        sink.report(
            &Self::META,
            locate::pointer(&[Step::Key("amount")]),
            span,
            message,
        )
        .label(label)
        .help(help);
    }
}

/// The smallest unit of the order's currency, as ISO 4217 gives it: 2 decimals
/// (cents) unless the currency is one of the few with 0, 3 or 4.
#[derive(Debug, Clone, Copy)]
struct Unit {
    decimals: u8,
    currency: Option<&'static str>,
}

impl Unit {
    fn of(currency: Option<&str>) -> Self {
        order::MINOR_UNITS
            .iter()
            .find(|(code, _)| Some(*code) == currency)
            .map_or(
                Self {
                    decimals: 2,
                    currency: None,
                },
                |&(code, decimals)| Self {
                    decimals,
                    currency: Some(code),
                },
            )
    }

    /// The unit in words: `cents`, `whole JPY`, `thousandths of a KWD`.
    fn words(self) -> String {
        match (self.decimals, self.currency) {
            (0, Some(code)) => format!("whole {code}"),
            (3, Some(code)) => format!("thousandths of a {code}"),
            (4, Some(code)) => format!("ten-thousandths of a {code}"),
            _ => "cents".to_owned(),
        }
    }

    fn label(self) -> &'static str {
        match self.decimals {
            2 => "not in cents",
            _ => "decimal amount",
        }
    }

    /// The help when the fix cannot be worked out (`"ten euros"`, `true`).
    fn generic_help(self, quoted: bool) -> String {
        let quotes = if quoted { ", without quotes" } else { "" };
        match (self.decimals, self.currency) {
            (2, _) | (_, None) => format!(
                "write the amount as an integer number of cents{quotes}: 10.00 EUR is `1000`"
            ),
            _ => format!(
                "write the amount as an integer number of {}{quotes}",
                self.words()
            ),
        }
    }
}

/// The fix for an amount that is a number, but not written as an integer.
#[derive(Debug, PartialEq, Eq)]
enum Fix {
    /// Already a whole number of the smallest unit (`1e3`): write it out.
    Integer(String),
    /// A decimal in main units (`24.95`): this many cents (or minor units).
    Minor(String),
    /// Not a whole number even in the smallest unit (`24.955` is 2495.5 cents).
    Fraction { written: String, minor: String },
}

impl Fix {
    fn help(&self, unit: Unit) -> String {
        match self {
            Fix::Integer(n) => format!("write it as the integer `{n}`"),
            Fix::Minor(n) if unit.decimals == 0 => format!("write it as the integer `{n}`"),
            Fix::Minor(n) => format!("write the amount in {}: `{n}`", unit.words()),
            Fix::Fraction { .. } if unit.decimals == 0 => format!(
                "round the amount to a whole number: `{}` has no minor unit",
                unit.currency.unwrap_or("the currency")
            ),
            Fix::Fraction { written, minor } => format!(
                "round the amount to a whole number of {}: `{written}` is {minor} {}",
                unit.words(),
                unit.words()
            ),
        }
    }
}

/// Works out the amount in the smallest unit from the number as written,
/// with decimal arithmetic on the text (an `f64` would turn `24.95` into
/// 2494.9999…). An exponent that gives a whole number (`1e3`) is taken as
/// already counted in the smallest unit; a decimal point means main units.
fn fix(raw: &str, unit: Unit) -> Option<Fix> {
    let number = Decimal::parse(raw)?;
    if raw.contains(['e', 'E']) && number.is_whole() {
        return Some(Fix::Integer(number.to_string()));
    }
    let minor = number.shift(u32::from(unit.decimals))?;
    if minor.is_whole() {
        return Some(Fix::Minor(minor.to_string()));
    }
    Some(Fix::Fraction {
        written: number.to_string(),
        minor: minor.to_string(),
    })
}

/// The fix for an amount written as a string: the number inside it, where a
/// comma may be the decimal separator (`"24,95"`, `"1.234,50"`).
fn string_fix(text: &str, unit: Unit) -> Option<Fix> {
    let text = text.trim();
    if plain_digits(text) {
        // Leading zeros are not valid in a JSON number: `"0100"` is `100`.
        return Decimal::parse(text).map(|d| Fix::Integer(d.to_string()));
    }
    match decimal_comma(text) {
        Some(dotted) => fix(&dotted, unit),
        None => fix(text, unit),
    }
}

/// Whether `text` is a non-empty run of ASCII digits.
fn plain_digits(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())
}

/// `24,95` → `24.95` and `1.234,50` → `1234.50`: a comma followed by one or
/// two digits, with dots (if any) grouping thousands before it.
fn decimal_comma(text: &str) -> Option<String> {
    let (sign, unsigned) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text),
    };
    let (whole, cents) = unsigned.split_once(',')?;
    if !(1..=2).contains(&cents.len()) || !plain_digits(cents) {
        return None;
    }
    let mut groups = whole.split('.');
    let first = groups.next()?;
    let rest: Vec<&str> = groups.collect();
    let grouped =
        rest.is_empty() || ((1..=3).contains(&first.len()) && rest.iter().all(|g| g.len() == 3));
    if !plain_digits(first) || !grouped || !rest.iter().all(|g| plain_digits(g)) {
        return None;
    }
    Some(format!("{sign}{first}{}.{cents}", rest.concat()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const EUR: Unit = Unit {
        decimals: 2,
        currency: None,
    };

    fn minor(raw: &str) -> Option<Fix> {
        fix(raw, EUR)
    }

    #[test]
    fn decimals_become_cents_exactly() {
        assert_eq!(minor("24.95"), Some(Fix::Minor("2495".into())));
        assert_eq!(minor("10.00"), Some(Fix::Minor("1000".into())));
        assert_eq!(minor("0.07"), Some(Fix::Minor("7".into())));
        assert_eq!(minor("-0.5"), Some(Fix::Minor("-50".into())));
        assert_eq!(minor("0.0"), Some(Fix::Minor("0".into())));
        assert_eq!(minor("2.495e1"), Some(Fix::Minor("2495".into())));
        assert_eq!(minor("2495e-2"), Some(Fix::Minor("2495".into())));
        assert_eq!(
            minor("24.955"),
            Some(Fix::Fraction {
                written: "24.955".into(),
                minor: "2495.5".into()
            })
        );
    }

    #[test]
    fn whole_exponents_are_already_cents() {
        assert_eq!(minor("1e3"), Some(Fix::Integer("1000".into())));
        assert_eq!(minor("1.5E+3"), Some(Fix::Integer("1500".into())));
        assert_eq!(minor("1e999999999"), None);
        assert_eq!(minor("1e99999999999999999999"), None);
        assert_eq!(minor("1e-99999999999"), None);
    }

    #[test]
    fn strings_are_read_with_a_decimal_comma() {
        assert_eq!(string_fix("2495", EUR), Some(Fix::Integer("2495".into())));
        assert_eq!(string_fix("0100", EUR), Some(Fix::Integer("100".into())));
        assert_eq!(string_fix("24,95", EUR), Some(Fix::Minor("2495".into())));
        assert_eq!(
            string_fix("1.234,5", EUR),
            Some(Fix::Minor("123450".into()))
        );
        assert_eq!(string_fix("24.95", EUR), Some(Fix::Minor("2495".into())));
        assert_eq!(string_fix("1,000", EUR), None);
        assert_eq!(string_fix("€10", EUR), None);
        assert_eq!(string_fix("", EUR), None);
        assert_eq!(string_fix(".5", EUR), None);
    }

    #[test]
    fn zero_decimal_currencies_count_whole_units() {
        let jpy = Unit::of(Some("JPY"));
        assert_eq!(fix("1000.00", jpy), Some(Fix::Minor("1000".into())));
        assert_eq!(
            fix("1000.00", jpy).map(|f| f.help(jpy)),
            Some("write it as the integer `1000`".into())
        );
        let kwd = Unit::of(Some("KWD"));
        assert_eq!(fix("1.5", kwd), Some(Fix::Minor("1500".into())));
    }
}
