//! What an order request means: the facts the rules share.
//!
//! A field is *set* when its key is present with a value other than `null`
//! (the last one, where a key appears twice, as serde_json keeps it). Whole
//! numbers may be written as integers or as strings of digits (`14` or
//! `"14"`). The facts come from the seed documents and the field reference;
//! each constant says which.

use jsonc_parser::ast::{Object, ObjectProp, Value};

use crate::locate;

/// Seconds in a day (seed 002 writes 84,600 by mistake; 24 h is 86,400).
pub const DAY: u64 = 86_400;

/// The default lifetime of a payment link: 30 days (seeds 000, 001, 002).
pub const DEFAULT_LIFETIME: u64 = 30 * DAY;

/// The default lifetime with `BANKTRANS`: 60 days (seed 001).
pub const BANK_TRANSFER_LIFETIME: u64 = 60 * DAY;

/// Second Chance sends its reminders 1 hour and 24 hours after the order is
/// created (seeds 000, 002).
pub const FIRST_REMINDER: u64 = 3_600;
/// See [`FIRST_REMINDER`].
pub const SECOND_REMINDER: u64 = DAY;

/// The lifetime MultiSafepay recommends with Second Chance: 48 hours (seed 000).
pub const RECOMMENDED_WITH_SECOND_CHANCE: u64 = 2 * DAY;

/// PayPal ends a payment link after 14 days, whatever the request says
/// (seeds 001, 002).
pub const PAYPAL_MAX_LIFETIME: u64 = 14 * DAY;

/// Bounds of `days_active` (reference section 6; seeds 001, 002: below one
/// day the link shows an error when opened).
pub const DAYS_ACTIVE: std::ops::RangeInclusive<i128> = 1..=365;
/// Bounds of `seconds_active`; 0 means "not set" (seeds 000, 001).
pub const SECONDS_ACTIVE: std::ops::RangeInclusive<i128> = 0..=31_536_000;

/// Post-payment (buy now, pay later) gateways (reference section 5.1).
pub const POST_PAYMENT_GATEWAYS: &[&str] = &[
    "AFTERPAY",
    "BILLINK",
    "BNPL_INSTM",
    "BNPL_MF",
    "EINVOICE",
    "IN3",
    "KLARNA",
    "SANTANDER",
    "ZINIA",
    "PAYAFTER",
];

/// Every documented gateway id, sorted (byte order, for `binary_search`): the
/// union of all groups of reference section 5.1 (the GWIDS table and the OAS
/// `GatewayIdentifiers*` enums), legacy ids (`PAYAFTER`, `INGHOME`, `ING`)
/// and both spellings where the sources disagree (`VVVGIFTCRD`/`VVVGIFTCARD`,
/// `EDENCO`/`EDENECO`). Ids are case-sensitive.
pub const GATEWAYS: &[&str] = &[
    "AFTERPAY",
    "ALIPAY",
    "ALIPAYPLUS",
    "AMAZONBTN",
    "AMEX",
    "AMSGIFT",
    "APPLEPAY",
    "BABYCAD",
    "BANKTRANS",
    "BEAUTYCAD",
    "BEAUTYWELL",
    "BELFIUS",
    "BIERCHEQUE",
    "BILLINK",
    "BIZUM",
    "BLOEMENCAD",
    "BNPL_INSTM",
    "BNPL_MF",
    "BOEKENBON",
    "BOEKENVOOR",
    "CBC",
    "CREDITCARD",
    "DBRTP",
    "DEGROTESPL",
    "DIRDEB",
    "DIRECTBANK",
    "DORDTPAS",
    "DOTPAY",
    "EDENCO",
    "EDENCOM",
    "EDENECO",
    "EDENRES",
    "EDENSPORTS",
    "EINVOICE",
    "EPS",
    "FASHIONCHQ",
    "FASHIONGFT",
    "FIETSENBON",
    "GELREPAS",
    "GEZONDHEID",
    "GIROPAY",
    "GOOD4FUN",
    "GOOGLEPAY",
    "HORSESGIFT",
    "HUISTUIN",
    "IDEAL",
    "IDEALQR",
    "IN3",
    "ING",
    "INGHOME",
    "KBC",
    "KIDSCADEAU",
    "KLARNA",
    "KLUSCADEAU",
    "MAESTRO",
    "MASTERCARD",
    "MBWAY",
    "MISTERCASH",
    "MONIECO",
    "MONIGIFT",
    "MONIMEAL",
    "MULTIBANCO",
    "MYBANK",
    "NATENCRD",
    "NATNLBIOSC",
    "NATNLETUIN",
    "OHMYGOOD",
    "PARFUMCADE",
    "PAYAFTER",
    "PAYPAL",
    "PSAFECARD",
    "ROTGIFT",
    "SANTANDER",
    "SODESPORTS",
    "SPORTENFIT",
    "SPORTSGIFT",
    "TRUSTLY",
    "TRUSTPAY",
    "UPAS",
    "VISA",
    "VRGIFTCARD",
    "VVVGIFTCARD",
    "VVVGIFTCRD",
    "WEBSHOPGFT",
    "WECHAT",
    "WIJNCADEAU",
    "YOURGIFT",
    "ZINIA",
];

/// Whether `id` is a documented gateway id (exactly, case included).
#[must_use]
pub fn is_gateway(id: &str) -> bool {
    GATEWAYS.binary_search(&id).is_ok()
}

/// ISO 4217 currencies whose minor unit is not 1/100 (OAS/Amount: zero-decimal
/// currencies are sent in whole units).
pub const MINOR_UNITS: &[(&str, u8)] = &[
    ("BHD", 3),
    ("BIF", 0),
    ("CLF", 4),
    ("CLP", 0),
    ("DJF", 0),
    ("GNF", 0),
    ("IQD", 3),
    ("ISK", 0),
    ("JOD", 3),
    ("JPY", 0),
    ("KMF", 0),
    ("KRW", 0),
    ("KWD", 3),
    ("LYD", 3),
    ("OMR", 3),
    ("PYG", 0),
    ("RWF", 0),
    ("TND", 3),
    ("UGX", 0),
    ("UYI", 0),
    ("UYW", 4),
    ("VND", 0),
    ("VUV", 0),
    ("XAF", 0),
    ("XOF", 0),
    ("XPF", 0),
];

/// The number of decimals of a currency's minor unit: 2 (cents) unless
/// [`MINOR_UNITS`] says otherwise.
#[must_use]
pub fn minor_unit_decimals(currency: Option<&str>) -> u8 {
    MINOR_UNITS
        .iter()
        .find(|(code, _)| Some(*code) == currency)
        .map_or(2, |&(_, decimals)| decimals)
}

/// The last property named `key` in `object`, when it is set (not `null`).
#[must_use]
pub fn field<'a, 'b>(object: &'b Object<'a>, key: &str) -> Option<&'b ObjectProp<'a>> {
    locate::last_prop(object, key).filter(|prop| !matches!(prop.value, Value::NullKeyword(_)))
}

/// The value of a set field.
#[must_use]
pub fn value<'a, 'b>(object: &'b Object<'a>, key: &str) -> Option<&'b Value<'a>> {
    field(object, key).map(|prop| &prop.value)
}

/// A set field's value when it is a string.
#[must_use]
pub fn string<'b>(object: &'b Object<'_>, key: &str) -> Option<&'b str> {
    match value(object, key)? {
        Value::StringLit(s) => Some(&s.value),
        _ => None,
    }
}

/// A set field's value when it is an object.
#[must_use]
pub fn object<'a, 'b>(object: &'b Object<'a>, key: &str) -> Option<&'b Object<'a>> {
    value(object, key)?.as_object()
}

/// How a value reads as a whole number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Whole {
    /// An integer literal (`14`, `-3`); saturated at the bounds of `i128`.
    Integer(i128),
    /// A string of ASCII digits (`"14"`); saturated likewise.
    DigitString(i128),
    /// Anything else: a fraction, an exponent, words, a boolean, an object.
    NotWhole,
}

impl Whole {
    /// The number, when it is one.
    #[must_use]
    pub fn number(self) -> Option<i128> {
        match self {
            Whole::Integer(n) | Whole::DigitString(n) => Some(n),
            Whole::NotWhole => None,
        }
    }
}

/// Reads a value as a whole number, from its raw text (so `10.0` and `1e3`
/// are not whole numbers, though JSON Schema's `integer` accepts them).
#[must_use]
pub fn whole(value: &Value<'_>) -> Whole {
    match value {
        Value::NumberLit(n) => {
            let raw = n.value;
            let digits = raw.strip_prefix('-').unwrap_or(raw);
            if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return Whole::NotWhole;
            }
            Whole::Integer(saturating_parse(digits, raw.starts_with('-')))
        }
        Value::StringLit(s) => {
            let text: &str = &s.value;
            if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
                return Whole::NotWhole;
            }
            Whole::DigitString(saturating_parse(text, false))
        }
        _ => Whole::NotWhole,
    }
}

fn saturating_parse(digits: &str, negative: bool) -> i128 {
    let magnitude = digits.parse::<i128>().unwrap_or(i128::MAX);
    if negative { -magnitude } else { magnitude }
}

/// Where the effective lifetime comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LifetimeSource {
    /// `seconds_active`, set and greater than 0.
    Seconds,
    /// `days_active` × 86,400.
    Days,
    /// Neither is set: the default (30 days; 60 days for `BANKTRANS`).
    Default,
}

/// How long the payment link lives, and which field decides it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lifetime {
    /// Seconds.
    pub seconds: u64,
    /// Which field sets it.
    pub source: LifetimeSource,
}

/// The effective lifetime: `seconds_active` seconds when it is set and
/// greater than 0; otherwise `days_active` × 86,400 when set; otherwise the
/// default (seeds 000, 001, 002). A value that is not a whole number counts
/// as not set; one out of bounds still counts (`lifetime-invalid` reports it
/// too), because it is what the API receives.
#[must_use]
pub fn lifetime(order: &Object<'_>) -> Lifetime {
    let whole_number = |key: &str| value(order, key).and_then(|v| whole(v).number());
    if let Some(seconds) = whole_number("seconds_active").filter(|&n| n > 0) {
        return Lifetime {
            seconds: u64::try_from(seconds).unwrap_or(u64::MAX),
            source: LifetimeSource::Seconds,
        };
    }
    if let Some(days) = whole_number("days_active") {
        // Below 1 the link is dead at once (seeds 001, 002); `lifetime-invalid`
        // reports the value.
        return Lifetime {
            seconds: u64::try_from(days).unwrap_or(0).saturating_mul(DAY),
            source: LifetimeSource::Days,
        };
    }
    let seconds = if string(order, "gateway").is_some_and(|g| g.eq_ignore_ascii_case("BANKTRANS")) {
        BANK_TRANSFER_LIFETIME
    } else {
        DEFAULT_LIFETIME
    };
    Lifetime {
        seconds,
        source: LifetimeSource::Default,
    }
}

/// The lifetime fields that are set, in document order.
#[must_use]
pub fn lifetime_fields<'a, 'b>(order: &'b Object<'a>) -> Vec<&'b ObjectProp<'a>> {
    let mut fields: Vec<_> = ["days_active", "seconds_active"]
        .into_iter()
        .filter_map(|key| field(order, key))
        .collect();
    fields.sort_by_key(|prop| prop.range.start);
    fields
}

/// The `second_chance.send_email` property when it is `true`: Second Chance
/// is on (seeds 000, 002).
#[must_use]
pub fn second_chance<'a, 'b>(order: &'b Object<'a>) -> Option<&'b ObjectProp<'a>> {
    let send_email = field(object(order, "second_chance")?, "send_email")?;
    matches!(send_email.value, Value::BooleanLit(ref b) if b.value).then_some(send_email)
}

/// Says a duration in words: `12 hours`, `1 day`, `90 minutes`, `45 seconds`;
/// a duration that is no whole number of minutes in parts:
/// `23 hours, 59 minutes and 59 seconds`.
#[must_use]
pub fn duration(seconds: u64) -> String {
    let unit = |n: u64, word: &str| {
        if n == 1 {
            format!("1 {word}")
        } else {
            format!("{n} {word}s")
        }
    };
    if seconds >= DAY && seconds % DAY == 0 {
        unit(seconds / DAY, "day")
    } else if seconds >= 3_600 && seconds % 3_600 == 0 {
        unit(seconds / 3_600, "hour")
    } else if seconds >= 60 && seconds % 60 == 0 {
        unit(seconds / 60, "minute")
    } else if seconds < 60 {
        unit(seconds, "second")
    } else {
        // `86399 seconds` says nothing; `23 hours, 59 minutes and 59 seconds` does.
        let parts: Vec<String> = [
            (seconds / DAY, "day"),
            (seconds % DAY / 3_600, "hour"),
            (seconds % 3_600 / 60, "minute"),
            (seconds % 60, "second"),
        ]
        .into_iter()
        .filter(|&(n, _)| n > 0)
        .map(|(n, word)| unit(n, word))
        .collect();
        match parts.split_last() {
            Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
            _ => parts.concat(),
        }
    }
}

/// Gateways whose payment-link lifetime cannot be adjusted, besides the
/// post-payment ones: SEPA Direct Debit, Paysafecard and the Edenred vouchers
/// (reference section 6, fact 7: PL, SC).
pub const FIXED_LIFETIME_GATEWAYS: &[&str] = &[
    "DIRDEB",
    "PSAFECARD",
    "EDENCOM",
    "EDENCO",
    "EDENECO",
    "EDENRES",
    "EDENSPORTS",
];

/// Gateways for which Second Chance sends no reminders: bank transfer,
/// E-Invoicing, PayPal, direct debit and Pay After Delivery (reference
/// section 4.7, SC).
pub const SECOND_CHANCE_UNSUPPORTED: &[&str] =
    &["BANKTRANS", "EINVOICE", "PAYPAL", "DIRDEB", "BNPL_MF"];

/// The `gateway` property when its value is one of `ids`. ASCII case is
/// ignored: MultiSafepay's own examples send `iDEAL` for `IDEAL`, so a
/// mixed-case id is taken to mean the same method (`unknown-gateway` asks
/// for the upper-case form).
#[must_use]
pub fn gateway_among<'a, 'b>(order: &'b Object<'a>, ids: &[&str]) -> Option<&'b ObjectProp<'a>> {
    let prop = field(order, "gateway")?;
    let Value::StringLit(gateway) = &prop.value else {
        return None;
    };
    ids.iter()
        .any(|id| gateway.value.eq_ignore_ascii_case(id))
        .then_some(prop)
}

/// Why the lifetime fields have no effect on an order, when they have none.
#[derive(Debug, Clone, Copy)]
pub enum LifetimeIgnored<'a, 'b> {
    /// `type` is `direct`: there is no payment page (seeds 000, 001). The
    /// `type` property.
    Direct(&'b ObjectProp<'a>),
    /// The gateway's link lifetime cannot be adjusted: the post-payment
    /// gateways (seeds 001, 002) and [`FIXED_LIFETIME_GATEWAYS`]. The
    /// `gateway` property.
    Gateway(&'b ObjectProp<'a>),
}

/// Whether the lifetime fields are ignored, and why. A direct order comes
/// first: without a payment page the gateway makes no difference.
#[must_use]
pub fn lifetime_ignored<'a, 'b>(order: &'b Object<'a>) -> Option<LifetimeIgnored<'a, 'b>> {
    if let Some(prop) = field(order, "type")
        .filter(|prop| matches!(&prop.value, Value::StringLit(s) if s.value == "direct"))
    {
        return Some(LifetimeIgnored::Direct(prop));
    }
    lifetime_fixed_by_gateway(order).map(LifetimeIgnored::Gateway)
}

/// The `gateway` property when it names a gateway whose link lifetime cannot
/// be adjusted (post-payment, direct debit, Paysafecard, Edenred): the
/// lifetime fields do not say how long the link lives, so the rules that
/// reason from them stay silent and `lifetime-ignored-gateway` speaks.
#[must_use]
pub fn lifetime_fixed_by_gateway<'a, 'b>(order: &'b Object<'a>) -> Option<&'b ObjectProp<'a>> {
    gateway_among(order, POST_PAYMENT_GATEWAYS)
        .or_else(|| gateway_among(order, FIXED_LIFETIME_GATEWAYS))
}

/// The lifetime field that decides `lifetime`, when one does.
#[must_use]
pub fn deciding_field<'a, 'b>(
    order: &'b Object<'a>,
    lifetime: Lifetime,
) -> Option<&'b ObjectProp<'a>> {
    match lifetime.source {
        LifetimeSource::Seconds => field(order, "seconds_active"),
        LifetimeSource::Days => field(order, "days_active"),
        LifetimeSource::Default => None,
    }
}

/// What the Second Chance lifetime rules reason from: Second Chance is on
/// (the `send_email` property), a lifetime field decides the lifetime (that
/// property), and that lifetime is the link's. `None` when Second Chance is
/// off; when the gateway sends no reminders ([`SECOND_CHANCE_UNSUPPORTED`]);
/// when the lifetime fields are ignored ([`lifetime_ignored`]), since the
/// link then does not live as long as they say; and when no valid field is
/// set (the default, 30 or 60 days, is long enough).
#[must_use]
pub fn second_chance_lifetime<'a, 'b>(
    order: &'b Object<'a>,
) -> Option<(Lifetime, &'b ObjectProp<'a>, &'b ObjectProp<'a>)> {
    let send_email = second_chance(order)?;
    if gateway_among(order, SECOND_CHANCE_UNSUPPORTED).is_some()
        || lifetime_fixed_by_gateway(order).is_some()
    {
        return None;
    }
    let lifetime = lifetime(order);
    let deciding = deciding_field(order, lifetime)?;
    Some((lifetime, deciding, send_email))
}

/// `checkout_options.tax_tables`, when it is an object.
#[must_use]
pub fn tax_tables<'a, 'b>(order: &'b Object<'a>) -> Option<&'b Object<'a>> {
    object(object(order, "checkout_options")?, "tax_tables")
}

/// The tables of `checkout_options.tax_tables.alternate` that are objects,
/// with their index in the array.
#[must_use]
pub fn alternate_tables<'a, 'b>(order: &'b Object<'a>) -> Vec<(usize, &'b Object<'a>)> {
    tax_tables(order)
        .and_then(|tables| value(tables, "alternate"))
        .and_then(Value::as_array)
        .map(|alternate| {
            alternate
                .elements
                .iter()
                .enumerate()
                .filter_map(|(i, table)| Some((i, table.as_object()?)))
                .collect()
        })
        .unwrap_or_default()
}

/// The first alternate tax table whose `name` is `name` (where two share a
/// name, the PHP SDK's cart validator also takes the first).
#[must_use]
pub fn tax_table_named<'a, 'b>(
    order: &'b Object<'a>,
    name: &str,
) -> Option<(usize, &'b Object<'a>)> {
    alternate_tables(order)
        .into_iter()
        .find(|(_, table)| string(table, "name") == Some(name))
}

/// The rule of a tax table whose `rate` a cart line gets, with its index in
/// `rules`: the first rule without a `country`, else the first rule. Rules
/// with a `country` apply to buyers from that country only, and which
/// country applies is not in the request in a form a linter can trust.
#[must_use]
pub fn tax_rule<'a, 'b>(table: &'b Object<'a>) -> Option<(usize, &'b Object<'a>)> {
    let rules: Vec<_> = value(table, "rules")?
        .as_array()?
        .elements
        .iter()
        .enumerate()
        .filter_map(|(i, rule)| Some((i, rule.as_object()?)))
        .collect();
    rules
        .iter()
        .find(|(_, rule)| field(rule, "country").is_none())
        .or_else(|| rules.first())
        .copied()
}

#[cfg(test)]
mod tests {
    use super::duration;

    #[test]
    fn durations_read_as_words() {
        assert_eq!(duration(86_400), "1 day");
        assert_eq!(duration(129_600), "36 hours");
        assert_eq!(duration(5_400), "90 minutes");
        assert_eq!(duration(45), "45 seconds");
        assert_eq!(duration(0), "0 seconds");
        assert_eq!(duration(3_599), "59 minutes and 59 seconds");
        assert_eq!(duration(86_399), "23 hours, 59 minutes and 59 seconds");
        assert_eq!(duration(1_209_601), "14 days and 1 second");
    }
}
