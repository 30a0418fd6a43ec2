//! Seeded, realistic `POST /orders` requests for the benchmarks: the
//! corpus generator (`src/bin/gen.rs`) and the criterion micro-benchmarks
//! (`benches/lint.rs`) build their documents here.
//!
//! A request is about 1.7 KB pretty-printed (customer, delivery,
//! payment_options, a shopping cart with tax tables). [`request`] draws
//! whether it has a defect, and which, from the seed; [`request_with`] is
//! told which. The same seed and index give byte-identical text.

use std::fmt::Write as _;

/// splitmix64: tiny, fast, and good enough for test data.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Self(seed)
    }
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n` (n > 0; the tiny modulo bias does not matter here).
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

/// A JSON value that keeps its keys in the order written.
enum J {
    Obj(Vec<(&'static str, J)>),
    Arr(Vec<J>),
    Str(String),
    /// A number, already written as JSON.
    Num(String),
    Bool(bool),
}

fn s(text: impl Into<String>) -> J {
    J::Str(text.into())
}
fn n(value: impl std::fmt::Display) -> J {
    J::Num(value.to_string())
}

impl J {
    fn write(&self, out: &mut String, pretty: bool, depth: usize) {
        let indent = |out: &mut String, depth: usize| {
            if pretty {
                out.push('\n');
                for _ in 0..depth {
                    out.push_str("  ");
                }
            }
        };
        match self {
            J::Obj(fields) => {
                out.push('{');
                for (i, (key, value)) in fields.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    indent(out, depth + 1);
                    let _ = write!(out, "\"{key}\":");
                    if pretty {
                        out.push(' ');
                    }
                    value.write(out, pretty, depth + 1);
                }
                indent(out, depth);
                out.push('}');
            }
            J::Arr(items) => {
                out.push('[');
                for (i, value) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    indent(out, depth + 1);
                    value.write(out, pretty, depth + 1);
                }
                indent(out, depth);
                out.push(']');
            }
            J::Str(text) => {
                // serde_json escapes exactly as JSON requires.
                out.push_str(&serde_json::to_string(text).unwrap_or_default());
            }
            J::Num(text) => out.push_str(text),
            J::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        }
    }
}

const FIRST: &[&str] = &[
    "John", "Jan", "Sanne", "Lotte", "Pieter", "Emma", "Noah", "Sofie", "Daan", "Julia",
];
const LAST: &[&str] = &[
    "Doe", "de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder",
];
const STREETS: &[(&str, &str, &str)] = &[
    ("Neherkade", "2521VA", "Den Haag"),
    ("Kalverstraat", "1012NX", "Amsterdam"),
    ("Coolsingel", "3011AD", "Rotterdam"),
    ("Oudegracht", "3511AL", "Utrecht"),
    ("Grote Markt", "9711LV", "Groningen"),
];
const PRODUCTS: &[&str] = &[
    "Desk lamp",
    "Office chair",
    "Notebook A5",
    "Coffee beans 1 kg",
    "USB-C cable",
    "Monitor stand",
    "Paperback novel",
    "Tea sampler",
];
const GATEWAYS: &[&str] = &["IDEAL", "KLARNA", "AFTERPAY", "CREDITCARD"];

/// The one typical defect a request may have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Defect {
    /// None: a valid request.
    None,
    /// `amount` as a string of euros (`"12.34"`) instead of cents.
    StringAmount,
    /// A `description` over 200 characters.
    LongDescription,
    /// `frist_name` instead of `first_name` in `customer`.
    TypoKey,
    /// Second Chance with `days_active` of one day.
    SecondChanceLifetime,
    /// A trailing comma after the last member: not JSON.
    TrailingComma,
}

fn defect_for(rng: &mut Rng, percent: u64) -> Defect {
    if rng.below(100) >= percent {
        return Defect::None;
    }
    *rng.pick(&[
        Defect::StringAmount,
        Defect::LongDescription,
        Defect::TypoKey,
        Defect::SecondChanceLifetime,
        Defect::TrailingComma,
    ])
}

fn address(
    rng: &mut Rng,
    first: &str,
    last: &str,
    email: &str,
    typo: bool,
) -> Vec<(&'static str, J)> {
    let (street, zip, city) = *rng.pick(STREETS);
    vec![
        (if typo { "frist_name" } else { "first_name" }, s(first)),
        ("last_name", s(last)),
        ("address1", s(street)),
        ("house_number", s((1 + rng.below(200)).to_string())),
        ("zip_code", s(zip)),
        ("city", s(city)),
        ("country", s("NL")),
        ("email", s(email)),
    ]
}

/// Request number `index` of the corpus of `seed`, as text: pretty-printed
/// (a file) or compact (a JSON Lines line). `defects` percent of the
/// requests have one [`Defect`], spread evenly over the kinds.
#[must_use]
pub fn request(seed: u64, index: u64, defects: u64, pretty: bool) -> String {
    let mut rng = rng_for(seed, index);
    let defect = defect_for(&mut rng, defects);
    build(&mut rng, index, defect, pretty)
}

/// Request number `index` of the corpus of `seed` with the given `defect`.
/// With [`Defect::None`] it is the same text as `request(seed, index, 0,
/// pretty)`.
#[must_use]
pub fn request_with(seed: u64, index: u64, defect: Defect, pretty: bool) -> String {
    let mut rng = rng_for(seed, index);
    // The same draw as `request`, so that the rest of the request is the same.
    let _ = defect_for(&mut rng, 0);
    build(&mut rng, index, defect, pretty)
}

fn rng_for(seed: u64, index: u64) -> Rng {
    Rng::new(seed ^ index.wrapping_mul(0xA076_1D64_78BD_642F))
}

fn build(rng: &mut Rng, index: u64, defect: Defect, pretty: bool) -> String {
    let order_id = format!("shop-2026-{index:07}");
    let first = *rng.pick(FIRST);
    let last = *rng.pick(LAST);
    let email = format!(
        "{}.{}@example.com",
        first.to_lowercase(),
        last.to_lowercase().replace(' ', "")
    );
    let gateway = if matches!(defect, Defect::SecondChanceLifetime) {
        "IDEAL"
    } else {
        *rng.pick(GATEWAYS)
    };

    // Cart: whole-euro prices, so that the tax in cents is exact.
    let mut total_cents: u64 = 0;
    let mut items = Vec::new();
    for _ in 0..1 + rng.below(2) {
        let price = 5 + rng.below(195);
        let quantity = 1 + rng.below(3);
        let (table, rate_percent) = *rng.pick(&[("BTW21", 21u64), ("BTW9", 9)]);
        total_cents += price * quantity * (100 + rate_percent);
        items.push(J::Obj(vec![
            ("name", s(*rng.pick(PRODUCTS))),
            ("unit_price", n(price)),
            ("quantity", n(quantity)),
            (
                "merchant_item_id",
                s(format!("sku-{:05}", rng.below(100_000))),
            ),
            ("tax_table_selector", s(table)),
        ]));
    }

    let amount = match defect {
        Defect::StringAmount => s(format!("{}.{:02}", total_cents / 100, total_cents % 100)),
        _ => n(total_cents),
    };
    let description = match defect {
        Defect::LongDescription => s(format!(
            "Order {order_id} for {first} {last}: {}",
            "thank you for shopping with us, your parcel is on its way. ".repeat(4)
        )),
        _ => s(format!("Order {order_id}")),
    };
    // Post-payment methods (Klarna, AfterPay) have their own lifetime and no
    // Second Chance: only iDEAL and card orders set them.
    let lifetime = matches!(gateway, "IDEAL" | "CREDITCARD");
    let second_chance =
        (gateway == "IDEAL" && rng.below(3) == 0) || matches!(defect, Defect::SecondChanceLifetime);
    let days_active = if matches!(defect, Defect::SecondChanceLifetime) {
        1
    } else {
        *rng.pick(&[7u64, 14, 30])
    };

    let mut fields: Vec<(&'static str, J)> = vec![
        ("type", s("redirect")),
        ("gateway", s(gateway)),
        ("order_id", s(order_id.clone())),
        ("currency", s("EUR")),
        ("amount", amount),
        ("description", description),
        (
            "payment_options",
            J::Obj(vec![
                ("notification_method", s("POST")),
                (
                    "notification_url",
                    s("https://shop.example.com/webhooks/multisafepay"),
                ),
                ("redirect_url", s("https://shop.example.com/order/success")),
                ("cancel_url", s("https://shop.example.com/order/failed")),
                ("close_window", J::Bool(true)),
            ]),
        ),
    ];
    if lifetime || second_chance {
        fields.insert(6, ("days_active", n(days_active)));
    }
    if second_chance {
        fields.push(("second_chance", J::Obj(vec![("send_email", J::Bool(true))])));
    }
    let mut customer = vec![
        ("locale", s("nl_NL")),
        ("ip_address", s(format!("203.0.113.{}", 1 + rng.below(254)))),
    ];
    customer.extend(address(
        rng,
        first,
        last,
        &email,
        matches!(defect, Defect::TypoKey),
    ));
    fields.push(("customer", J::Obj(customer)));
    fields.push(("delivery", J::Obj(address(rng, first, last, &email, false))));
    fields.push(("shopping_cart", J::Obj(vec![("items", J::Arr(items))])));
    let table = |name: &str, rate: &str| {
        J::Obj(vec![
            ("name", s(name)),
            ("standalone", J::Bool(false)),
            ("rules", J::Arr(vec![J::Obj(vec![("rate", n(rate))])])),
        ])
    };
    fields.push((
        "checkout_options",
        J::Obj(vec![
            ("validate_cart", J::Bool(true)),
            (
                "tax_tables",
                J::Obj(vec![
                    (
                        "default",
                        J::Obj(vec![("shipping_taxed", J::Bool(true)), ("rate", n("0.21"))]),
                    ),
                    (
                        "alternate",
                        J::Arr(vec![table("BTW21", "0.21"), table("BTW9", "0.09")]),
                    ),
                ]),
            ),
        ]),
    ));

    let mut out = String::with_capacity(2048);
    J::Obj(fields).write(&mut out, pretty, 0);
    if matches!(defect, Defect::TrailingComma) {
        // A trailing comma after the last member of the top-level object.
        let at = out.rfind('}').unwrap_or(out.len());
        let end = out[..at].trim_end().len();
        out.insert(end, ',');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_with_matches_request() {
        for index in 0..50 {
            assert_eq!(
                request_with(7, index, Defect::None, true),
                request(7, index, 0, true)
            );
        }
    }

    #[test]
    fn defects_are_where_they_are_said_to_be() {
        assert!(request_with(1, 0, Defect::TrailingComma, false).ends_with(",}"));
        assert!(request_with(1, 0, Defect::TypoKey, false).contains("\"frist_name\""));
        assert!(request_with(1, 0, Defect::StringAmount, false).contains("\"amount\":\""));
        assert!(!request_with(1, 0, Defect::None, false).contains("frist_name"));
    }
}
