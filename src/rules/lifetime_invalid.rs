use jsonc_parser::ast::Value;

use crate::document::Document;
use crate::finding::Sink;
use crate::locate::{self, Step};
use crate::order::{self, DAY, DAYS_ACTIVE, SECONDS_ACTIVE, Whole};
use crate::rules::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags a `days_active` or `seconds_active` that is not a whole number
    /// (words, a fraction such as `1.5`, a boolean, an object), a
    /// `days_active` outside 1 to 365, or a `seconds_active` outside 0 to
    /// 31,536,000 (365 days). A string of digits (`"14"`) counts as a whole
    /// number; `1.0` and `1e3` do not, because they are not written as one.
    ///
    /// ## Why is this bad?
    /// A `days_active` under one day makes the payment link show an error
    /// when it is opened. Above the maximum, or not a whole number, the
    /// value is outside what the API documents, and you cannot tell what
    /// lifetime the link gets. orderlint's other lifetime rules treat such a
    /// value as not set.
    ///
    /// ## Example
    /// ```json
    /// { "type": "redirect", "order_id": "A-1", "currency": "EUR", "amount": 1000, "description": "Order A-1", "days_active": 0 }
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// { "type": "redirect", "order_id": "A-1", "currency": "EUR", "amount": 1000, "description": "Order A-1", "days_active": 2 }
    /// ```
    ///
    /// For a link that lives less than a day, use `seconds_active`
    /// (`43200` is 12 hours).
    ///
    /// ## Source
    /// `seeds/001_9c5696ff7555eecb.txt` and `seeds/002_cc22570a94926e07.txt`
    /// (under 24 hours, `days_active` shows an error); `reference/orders-api.md`
    /// section 6, facts 4, 5 and 9 (bounds, and `seconds_active: 0` means not set).
    pub struct LifetimeInvalid {
        name: "lifetime-invalid",
        severity: Error,
        summary: "a lifetime field is not a whole number or is out of range",
    }
}

impl Rule for LifetimeInvalid {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, doc: &Document<'_>, sink: &mut Sink) {
        let Some(order) = doc.root_object() else {
            return;
        };
        for field in [Field::Days, Field::Seconds] {
            let Some(value) = order::value(order, field.key()) else {
                continue;
            };
            let Some(problem) = problem(field, value) else {
                continue;
            };
            let key = field.key();
            let shown = locate::source(doc.text, value);
            let message = match problem {
                Problem::Below if field == Field::Days => format!(
                    "`{key}` is `{shown}`, but it must be from 1 to 365 days: \
                     a link that lives less than a day shows an error when opened"
                ),
                Problem::Below | Problem::Above => {
                    format!(
                        "`{key}` is `{shown}`, but it must be from {}",
                        field.range()
                    )
                }
                Problem::NotWhole { .. } | Problem::NotANumber => format!(
                    "`{key}` is `{shown}`, but it must be a whole number from {}",
                    field.range()
                ),
            };
            sink.report(
                &Self::META,
                locate::pointer(&[Step::Key(key)]),
                locate::span_of(value),
                message,
            )
            .label(problem.label(field))
            .help(help(field, problem));
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Days,
    Seconds,
}

impl Field {
    fn key(self) -> &'static str {
        match self {
            Field::Days => "days_active",
            Field::Seconds => "seconds_active",
        }
    }

    fn range(self) -> &'static str {
        match self {
            Field::Days => "1 to 365 days",
            Field::Seconds => "0 to 31536000 seconds (365 days)",
        }
    }

    fn bounds(self) -> std::ops::RangeInclusive<i128> {
        match self {
            Field::Days => DAYS_ACTIVE,
            Field::Seconds => SECONDS_ACTIVE,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Problem {
    Below,
    Above,
    /// A number or string that is not written as a whole number; `value` is
    /// the number it reads as, when it is a JSON number.
    NotWhole {
        value: Option<f64>,
    },
    /// A boolean, an object or an array.
    NotANumber,
}

impl Problem {
    fn label(self, field: Field) -> &'static str {
        match (self, field) {
            (Problem::Below, Field::Days) => "below 1 day",
            (Problem::Below, Field::Seconds) => "below 0 seconds",
            (Problem::Above, _) => "above 365 days",
            (Problem::NotWhole { value: Some(v) }, _) if v.fract() == 0.0 => {
                "not written as integer"
            }
            (Problem::NotWhole { .. }, _) => "not a whole number",
            (Problem::NotANumber, _) => "not a number",
        }
    }
}

fn problem(field: Field, value: &Value<'_>) -> Option<Problem> {
    match order::whole(value) {
        Whole::Integer(n) | Whole::DigitString(n) => {
            let bounds = field.bounds();
            if n < *bounds.start() {
                Some(Problem::Below)
            } else if n > *bounds.end() {
                Some(Problem::Above)
            } else {
                None
            }
        }
        Whole::NotWhole => match value {
            Value::NumberLit(n) => Some(Problem::NotWhole {
                value: n.value.parse::<f64>().ok().filter(|v| v.is_finite()),
            }),
            // `"-5"`: a negative number in the old docs' string form.
            Value::StringLit(s)
                if s.value.strip_prefix('-').is_some_and(|d| {
                    d.bytes().all(|b| b.is_ascii_digit()) && d.bytes().any(|b| b != b'0')
                }) =>
            {
                Some(Problem::Below)
            }
            Value::StringLit(_) => Some(Problem::NotWhole { value: None }),
            _ => Some(Problem::NotANumber),
        },
    }
}

fn help(field: Field, problem: Problem) -> String {
    let key = field.key();
    match (problem, field) {
        (Problem::Below, Field::Days) => format!(
            "set `{key}` to at least 1, or give a lifetime under a day in `seconds_active` \
             (`43200` is 12 hours)"
        ),
        (Problem::Below, Field::Seconds) => format!(
            "set `{key}` to a number of seconds from 1 to 31536000, or to 0 to leave \
             `days_active` in charge"
        ),
        (Problem::Above, Field::Days) => format!("set `{key}` to 365 or less"),
        (Problem::Above, Field::Seconds) => format!("set `{key}` to 31536000 (365 days) or less"),
        (Problem::NotWhole { value: Some(v) }, _)
            if v.fract() == 0.0 && field.bounds().contains(&whole_f64(v)) =>
        {
            format!("write it as an integer: `{}`", whole_f64(v))
        }
        (Problem::NotWhole { value: Some(v) }, Field::Days) if v > 0.0 && v <= 365.0 => {
            let seconds = v * to_f64(DAY);
            if seconds.fract() == 0.0 {
                format!(
                    "write whole days, or replace it with `\"seconds_active\": {}` ({} days)",
                    whole_f64(seconds),
                    v
                )
            } else {
                format!(
                    "write a whole number of days from 1 to 365, such as `{}`",
                    v.ceil()
                )
            }
        }
        (_, Field::Days) => "write a whole number of days from 1 to 365, such as `14`".to_owned(),
        (_, Field::Seconds) => {
            "write a whole number of seconds from 1 to 31536000, such as `172800` (48 hours)"
                .to_owned()
        }
    }
}

/// An integral `f64` as an integer (saturating; only called on values whose
/// fraction is 0).
#[expect(
    clippy::cast_possible_truncation,
    reason = "saturating cast of an integral value"
)]
fn whole_f64(v: f64) -> i128 {
    v as i128
}

#[expect(clippy::cast_precision_loss, reason = "86400 is exact in f64")]
fn to_f64(n: u64) -> f64 {
    n as f64
}
