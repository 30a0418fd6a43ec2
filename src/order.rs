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
/// default (seeds 000, 001, 002). A value out of bounds or not a whole number
/// counts as not set: `lifetime-invalid` reports it.
#[must_use]
pub fn lifetime(order: &Object<'_>) -> Lifetime {
    let valid = |key: &str, range: &std::ops::RangeInclusive<i128>| {
        value(order, key)
            .and_then(|v| whole(v).number())
            .filter(|n| range.contains(n))
    };
    if let Some(seconds) = valid("seconds_active", &SECONDS_ACTIVE).filter(|&n| n > 0) {
        return Lifetime {
            seconds: u64::try_from(seconds).unwrap_or(u64::MAX),
            source: LifetimeSource::Seconds,
        };
    }
    if let Some(days) = valid("days_active", &DAYS_ACTIVE) {
        return Lifetime {
            seconds: u64::try_from(days).unwrap_or(0) * DAY,
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
    gateway_among(order, POST_PAYMENT_GATEWAYS)
        .or_else(|| gateway_among(order, FIXED_LIFETIME_GATEWAYS))
        .map(LifetimeIgnored::Gateway)
}

/// Whether a set lifetime field asks for a lifetime: anything but
/// `seconds_active` `0`, which means "not set" (seeds 000, 001).
#[must_use]
pub fn sets_lifetime(prop: &ObjectProp<'_>) -> bool {
    !(prop.name.as_str() == "seconds_active" && whole(&prop.value).number() == Some(0))
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
        || lifetime_ignored(order).is_some()
    {
        return None;
    }
    let lifetime = lifetime(order);
    let deciding = deciding_field(order, lifetime)?;
    Some((lifetime, deciding, send_email))
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

/// An exact decimal number, `mantissa` × 10^−`scale`, read from a JSON
/// number's raw text. Cart totals and tax rates need exact arithmetic:
/// `0.1 + 0.2` is `0.3`, and `21` ÷ 100 is `0.21`, not `0.21000000000000002`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decimal {
    mantissa: i128,
    scale: u32,
}

impl Decimal {
    /// Zero.
    pub const ZERO: Self = Self {
        mantissa: 0,
        scale: 0,
    };
    /// One.
    pub const ONE: Self = Self {
        mantissa: 1,
        scale: 0,
    };
    /// The most decimal places kept; 10^36 still fits in an `i128`.
    const MAX_SCALE: u32 = 36;

    /// Reads a JSON number's raw text (`-12.50`, `21`, `2.1e1`). `None` when
    /// it is not a number or needs more precision than 36 decimal places and
    /// 38 digits.
    #[must_use]
    pub fn parse(raw: &str) -> Option<Self> {
        let (negative, unsigned) = match raw.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, raw),
        };
        let (number, exponent) = match unsigned.split_once(['e', 'E']) {
            Some((number, exponent)) => (number, exponent.parse::<i64>().ok()?),
            None => (unsigned, 0),
        };
        let (integer, fraction) = number.split_once('.').unwrap_or((number, ""));
        let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if integer.is_empty() || !all_digits(integer) || !all_digits(fraction) {
            return None;
        }
        let fraction = fraction.trim_end_matches('0');
        let digits = format!("{integer}{fraction}");
        let digits = digits.trim_start_matches('0');
        let mut mantissa = if digits.is_empty() {
            0
        } else {
            digits.parse::<i128>().ok()?
        };
        let mut scale = i64::try_from(fraction.len()).ok()?.checked_sub(exponent)?;
        if scale < 0 {
            let shift = u32::try_from(-scale).ok()?;
            mantissa = mantissa.checked_mul(10_i128.checked_pow(shift)?)?;
            scale = 0;
        }
        if negative {
            mantissa = -mantissa;
        }
        Self::normalized(mantissa, u32::try_from(scale).ok()?)
    }

    /// The value of a number literal; `None` for anything else (a string of
    /// digits included).
    #[must_use]
    pub fn of(value: &Value<'_>) -> Option<Self> {
        match value {
            Value::NumberLit(n) => Self::parse(n.value),
            _ => None,
        }
    }

    /// Drops trailing zeros of the fraction; `None` when more than
    /// [`Self::MAX_SCALE`] places remain.
    fn normalized(mut mantissa: i128, mut scale: u32) -> Option<Self> {
        while scale > 0 && mantissa % 10 == 0 {
            mantissa /= 10;
            scale -= 1;
        }
        (scale <= Self::MAX_SCALE).then_some(Self { mantissa, scale })
    }

    /// `self + other`, or `None` on overflow.
    #[must_use]
    pub fn checked_add(self, other: Self) -> Option<Self> {
        let scale = self.scale.max(other.scale);
        let widen = |d: Self| {
            d.mantissa
                .checked_mul(10_i128.checked_pow(scale - d.scale)?)
        };
        Self::normalized(widen(self)?.checked_add(widen(other)?)?, scale)
    }

    /// `self × other`, or `None` on overflow.
    #[must_use]
    pub fn checked_mul(self, other: Self) -> Option<Self> {
        Self::normalized(
            self.mantissa.checked_mul(other.mantissa)?,
            self.scale.checked_add(other.scale)?,
        )
    }

    /// `self ÷ 100` (a percentage as a fraction), or `None` past 36 places.
    #[must_use]
    pub fn hundredth(self) -> Option<Self> {
        Self::normalized(self.mantissa, self.scale.checked_add(2)?)
    }

    /// Whether the number is below zero.
    #[must_use]
    pub fn is_negative(self) -> bool {
        self.mantissa < 0
    }

    /// Whether the number is greater than one.
    #[must_use]
    pub fn exceeds_one(self) -> bool {
        // `normalized` keeps the scale at most 36, so 10^scale fits.
        10_i128
            .checked_pow(self.scale)
            .is_some_and(|one| self.mantissa > one)
    }

    /// The number × 10^`places`, rounded half away from zero, or `None` on
    /// overflow: `round(2)` turns an amount into cents.
    #[must_use]
    pub fn round(self, places: u32) -> Option<i128> {
        if self.scale <= places {
            return self
                .mantissa
                .checked_mul(10_i128.checked_pow(places - self.scale)?);
        }
        let divisor = 10_i128.checked_pow(self.scale - places)?;
        let quotient = self.mantissa / divisor;
        let remainder = self.mantissa % divisor;
        // `remainder` keeps the sign of the mantissa; compare magnitudes.
        if remainder.unsigned_abs() * 2 >= divisor.unsigned_abs() {
            quotient.checked_add(self.mantissa.signum())
        } else {
            Some(quotient)
        }
    }
}

impl std::fmt::Display for Decimal {
    /// Plain notation without trailing zeros: `0.21`, `-12.5`, `100`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let digits = self.mantissa.unsigned_abs().to_string();
        let scale = usize::try_from(self.scale).unwrap_or(0);
        let padded = format!("{digits:0>width$}", width = scale + 1);
        let (integer, fraction) = padded.split_at(padded.len() - scale);
        let sign = if self.mantissa < 0 { "-" } else { "" };
        if fraction.is_empty() {
            write!(f, "{sign}{integer}")
        } else {
            write!(f, "{sign}{integer}.{fraction}")
        }
    }
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
    use super::Decimal;

    fn d(raw: &str) -> Decimal {
        Decimal::parse(raw).expect("a number")
    }

    #[test]
    fn decimals_are_exact() {
        assert_eq!(d("0.1").checked_add(d("0.2")), Some(d("0.3")));
        assert_eq!(d("2.1e1"), d("21"));
        assert_eq!(
            d("21.00").hundredth().map(|x| x.to_string()),
            Some("0.21".into())
        );
        assert_eq!(
            d("100").hundredth().map(|x| x.to_string()),
            Some("1".into())
        );
        assert_eq!(d("-12.50").to_string(), "-12.5");
        assert_eq!(
            d("1.0000000000000000000000000000000000000000"),
            Decimal::ONE
        );
        assert!(Decimal::parse("1e-400").is_none());
        assert!(Decimal::parse("1e99999999999999999999").is_none());
        assert!(Decimal::parse("abc").is_none());
    }

    #[test]
    fn rounding_is_half_away_from_zero() {
        assert_eq!(d("1.005").round(2), Some(101));
        assert_eq!(d("-1.005").round(2), Some(-101));
        assert_eq!(d("1.0049").round(2), Some(100));
        assert_eq!(d("190").round(2), Some(19_000));
    }

    #[test]
    fn above_one() {
        assert!(d("21").exceeds_one());
        assert!(d("1.0001").exceeds_one());
        assert!(!d("1.00").exceeds_one());
        assert!(!d("0.21").exceeds_one());
        assert!(!d("-5").exceeds_one());
    }
}
