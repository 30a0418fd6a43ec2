use crate::document::Document;
use crate::finding::Sink;
use crate::locate::{self, Step};
use crate::order;
use crate::rules::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags a `currency` that has the right shape (three upper-case letters)
    /// but is not an active ISO 4217 currency code, such as `EUX`, or the
    /// withdrawn `NLG`. The help suggests the code that was probably meant.
    ///
    /// ## Why is this bad?
    /// MultiSafepay refuses an order in a currency it does not know with
    /// error 1002 *Invalid currency*. The schema only checks the shape, so a
    /// typo such as `EUX` or a withdrawn code such as `NLG` passes it.
    ///
    /// ## Example
    /// ```json
    /// { "order_id": "A-1", "currency": "EUX", "amount": 1000, "description": "Order A-1" }
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// { "order_id": "A-1", "currency": "EUR", "amount": 1000, "description": "Order A-1" }
    /// ```
    ///
    /// ## Source
    /// `reference/orders-api.md` section 5.2 (ISO 4217 alphabetic codes) and
    /// section 7, rule R4; MultiSafepay's error reference, error 1002; the
    /// ISO 4217 list of active codes.
    pub struct CurrencyUnknown {
        name: "currency-unknown",
        severity: Error,
        summary: "`currency` is not an ISO 4217 currency code",
    }
}

/// The active ISO 4217 alphabetic codes (list one: currencies, funds and the
/// X-codes for precious metals, SDR, bond-market units and testing), sorted.
/// Codes in a transition to a successor are kept while ISO still lists them
/// (`ANG`/`XCG`, `SLL`/`SLE`, `ZWL`/`ZWG`, `BGN`), so that an order in one
/// of them is never called wrong too early. Reference section 5.2.
pub const CURRENCIES: &[&str] = &[
    "AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT",
    "BGN", "BHD", "BIF", "BMD", "BND", "BOB", "BOV", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD",
    "CAD", "CDF", "CHE", "CHF", "CHW", "CLF", "CLP", "CNY", "COP", "COU", "CRC", "CUC", "CUP",
    "CVE", "CZK", "DJF", "DKK", "DOP", "DZD", "EGP", "ERN", "ETB", "EUR", "FJD", "FKP", "GBP",
    "GEL", "GHS", "GIP", "GMD", "GNF", "GTQ", "GYD", "HKD", "HNL", "HTG", "HUF", "IDR", "ILS",
    "INR", "IQD", "IRR", "ISK", "JMD", "JOD", "JPY", "KES", "KGS", "KHR", "KMF", "KPW", "KRW",
    "KWD", "KYD", "KZT", "LAK", "LBP", "LKR", "LRD", "LSL", "LYD", "MAD", "MDL", "MGA", "MKD",
    "MMK", "MNT", "MOP", "MRU", "MUR", "MVR", "MWK", "MXN", "MXV", "MYR", "MZN", "NAD", "NGN",
    "NIO", "NOK", "NPR", "NZD", "OMR", "PAB", "PEN", "PGK", "PHP", "PKR", "PLN", "PYG", "QAR",
    "RON", "RSD", "RUB", "RWF", "SAR", "SBD", "SCR", "SDG", "SEK", "SGD", "SHP", "SLE", "SLL",
    "SOS", "SRD", "SSP", "STN", "SVC", "SYP", "SZL", "THB", "TJS", "TMT", "TND", "TOP", "TRY",
    "TTD", "TWD", "TZS", "UAH", "UGX", "USD", "USN", "UYI", "UYU", "UYW", "UZS", "VED", "VES",
    "VND", "VUV", "WST", "XAF", "XAG", "XAU", "XBA", "XBB", "XBC", "XBD", "XCD", "XCG", "XDR",
    "XOF", "XPD", "XPF", "XPT", "XSU", "XTS", "XUA", "XXX", "YER", "ZAR", "ZMW", "ZWG", "ZWL",
];

/// Withdrawn codes that people still send, with the code that replaced them.
const REPLACED: &[(&str, &str)] = &[
    ("ATS", "EUR"),
    ("AZM", "AZN"),
    ("BEF", "EUR"),
    ("BYR", "BYN"),
    ("CSD", "RSD"),
    ("CYP", "EUR"),
    ("DEM", "EUR"),
    ("EEK", "EUR"),
    ("ESP", "EUR"),
    ("FIM", "EUR"),
    ("FRF", "EUR"),
    ("GHC", "GHS"),
    ("GRD", "EUR"),
    ("HRK", "EUR"),
    ("IEP", "EUR"),
    ("ITL", "EUR"),
    ("LTL", "EUR"),
    ("LUF", "EUR"),
    ("LVL", "EUR"),
    ("MRO", "MRU"),
    ("MTL", "EUR"),
    ("MZM", "MZN"),
    ("NLG", "EUR"),
    ("PTE", "EUR"),
    ("ROL", "RON"),
    ("SDD", "SDG"),
    ("SIT", "EUR"),
    ("SKK", "EUR"),
    ("STD", "STN"),
    ("TMM", "TMT"),
    ("TRL", "TRY"),
    ("VEF", "VES"),
    ("ZMK", "ZMW"),
];

/// Where the list of codes is.
const ISO_LIST: &str = "https://www.iso.org/iso-4217-currency-codes.html";

impl Rule for CurrencyUnknown {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, doc: &Document<'_>, sink: &mut Sink) {
        let Some(order) = doc.root_object() else {
            return;
        };
        let Some(value) = order::value(order, "currency") else {
            return;
        };
        let Some(code) = order::string(order, "currency") else {
            return;
        };
        // A code of the wrong shape is the schema's finding (its pattern).
        if code.len() != 3 || !code.bytes().all(|b| b.is_ascii_uppercase()) {
            return;
        }
        if CURRENCIES.binary_search(&code).is_ok() {
            return;
        }
        let (message, help) = match REPLACED.iter().find(|(old, _)| *old == code) {
            Some((_, new)) => (
                format!("`currency` is `{code}`, which is no longer an ISO 4217 currency code"),
                format!("use `{new}`, which replaced `{code}`"),
            ),
            None => (
                format!("`currency` is `{code}`, not an ISO 4217 currency code"),
                match closest(code) {
                    Some(near) => format!("use `{near}`, the closest ISO 4217 code"),
                    None => format!("use an active ISO 4217 code (the list is at {ISO_LIST})"),
                },
            ),
        };
        sink.report(
            &Self::META,
            locate::pointer(&[Step::Key("currency")]),
            locate::span_of(value),
            message,
        )
        .label("unknown currency")
        .help(help);
    }
}

/// The obvious code for a typo: the only code with two neighbouring letters
/// swapped (`ERU` → `EUR`), else the only code one letter away (`EUX` →
/// `EUR`); none when there are several (`USS`: `USD`, `USN`, `UZS`).
fn closest(code: &str) -> Option<&'static str> {
    let swapped = |known: &str| {
        let (mut a, mut b): (Vec<char>, Vec<char>) =
            (code.chars().collect(), known.chars().collect());
        a.sort_unstable();
        b.sort_unstable();
        a == b
    };
    let near: Vec<&'static str> = CURRENCIES
        .iter()
        .copied()
        .filter(|known| strsim::osa_distance(code, known) == 1)
        .collect();
    let only = |candidates: Vec<&'static str>| match candidates.as_slice() {
        [one] => Some(*one),
        _ => None,
    };
    only(
        near.iter()
            .copied()
            .filter(|known| swapped(known))
            .collect(),
    )
    .or_else(|| only(near))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_sorted_and_disjoint() {
        assert!(CURRENCIES.windows(2).all(|w| w[0] < w[1]));
        assert!(REPLACED.windows(2).all(|w| w[0].0 < w[1].0));
        for (old, new) in REPLACED {
            assert!(CURRENCIES.binary_search(old).is_err(), "{old}");
            assert!(CURRENCIES.binary_search(new).is_ok(), "{new}");
        }
    }

    #[test]
    fn suggests_only_an_obvious_code() {
        assert_eq!(closest("EUX"), Some("EUR"));
        assert_eq!(closest("ERU"), Some("EUR"));
        assert_eq!(closest("UDS"), Some("USD"));
        assert_eq!(closest("GPB"), Some("GBP"));
        assert_eq!(closest("USS"), None);
        assert_eq!(closest("DKR"), None);
        assert_eq!(closest("QQQ"), None);
    }
}
