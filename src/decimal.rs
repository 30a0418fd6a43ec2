//! Exact decimal arithmetic on JSON numbers, read from their raw text.
//!
//! Cart totals and tax rates need it: `0.1 + 0.2` is `0.3`, and `21` ÷ 100
//! is `0.21`, not `0.21000000000000002`; the help for an amount written as
//! `24.95` says `2495`, not `2494.9999999999995`.

use jsonc_parser::ast::Value;

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
        // The digits of both parts as one integer; `None` past `i128::MAX`.
        let mut mantissa =
            integer
                .bytes()
                .chain(fraction.bytes())
                .try_fold(0_i128, |mantissa, digit| {
                    mantissa
                        .checked_mul(10)?
                        .checked_add(i128::from(digit - b'0'))
                })?;
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
        // Zero has every number of trailing zeros: `0e-4294967295` must not
        // take four billion steps.
        if mantissa == 0 {
            return Some(Self::ZERO);
        }
        // A non-zero i128 has at most 38 trailing zeros, so this loop is short.
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

    /// `self × 10^places`, or `None` on overflow: `shift(2)` turns euros
    /// into cents.
    #[must_use]
    pub fn shift(self, places: u32) -> Option<Self> {
        if self.scale >= places {
            return Self::normalized(self.mantissa, self.scale - places);
        }
        let factor = 10_i128.checked_pow(places - self.scale)?;
        Self::normalized(self.mantissa.checked_mul(factor)?, 0)
    }

    /// Whether the number has no fraction.
    #[must_use]
    pub fn is_whole(self) -> bool {
        self.scale == 0
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
        // Zero with a huge exponent is zero, at once.
        assert_eq!(Decimal::parse("0e-4294967295"), Some(Decimal::ZERO));
        assert_eq!(Decimal::parse("-0.000e-999999999"), Some(Decimal::ZERO));
    }

    #[test]
    fn digits_up_to_i128_max() {
        // i128::MAX, with leading zeros and split by the point anywhere.
        let max = "170141183460469231731687303715884105727";
        assert_eq!(d(&format!("000{max}")).to_string(), max);
        assert_eq!(
            d(&format!("{max}e-3")).to_string(),
            d("170141183460469231731687303715884105.727").to_string()
        );
        assert!(Decimal::parse("170141183460469231731687303715884105728").is_none());
        assert!(Decimal::parse("1701411834604692317316873037158841057.28").is_none());
        assert!(Decimal::parse("9999999999999999999999999999999999999999").is_none());
        assert_eq!(d("-00.50"), d("-0.5"));
        assert_eq!(d("000"), Decimal::ZERO);
        assert_eq!(d("0.000"), Decimal::ZERO);
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
