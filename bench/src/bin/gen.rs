//! Deterministic, seeded generator of realistic `POST /orders` request
//! corpora for the benchmark.
//!
//! ```text
//! gen --files N --out DIR [--seed S] [--defects PCT]
//! gen --jsonl N --out FILE [--seed S] [--defects PCT]
//! ```
//!
//! Files go in nested folders (`DIR/shop-XX/2026-MM/order-NNNNNNN.json`),
//! pretty-printed, about 1.7 KB each. JSON Lines go one compact request per
//! line. `--defects` (default 20) is the percentage of documents with one
//! typical defect, spread evenly over: a string amount, a description over
//! 200 characters, a typo'd key, Second Chance with a one-day lifetime, and
//! a trailing comma. The same seed gives byte-identical output.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::PathBuf;

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

#[derive(Clone, Copy)]
enum Defect {
    None,
    StringAmount,
    LongDescription,
    TypoKey,
    SecondChanceLifetime,
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

fn address(rng: &mut Rng, first: &str, last: &str, email: &str, typo: bool) -> Vec<(&'static str, J)> {
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

/// One request, as text.
fn request(seed: u64, index: u64, defects: u64, pretty: bool) -> String {
    let mut rng = Rng::new(seed ^ index.wrapping_mul(0xA076_1D64_78BD_642F));
    let defect = defect_for(&mut rng, defects);
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
            ("merchant_item_id", s(format!("sku-{:05}", rng.below(100_000)))),
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
    let second_chance = (gateway == "IDEAL" && rng.below(3) == 0)
        || matches!(defect, Defect::SecondChanceLifetime);
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
                ("notification_url", s("https://shop.example.com/webhooks/multisafepay")),
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
    customer.extend(address(&mut rng, first, last, &email, matches!(defect, Defect::TypoKey)));
    fields.push(("customer", J::Obj(customer)));
    fields.push(("delivery", J::Obj(address(&mut rng, first, last, &email, false))));
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
                    ("alternate", J::Arr(vec![table("BTW21", "0.21"), table("BTW9", "0.09")])),
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

fn usage() -> ! {
    eprintln!(
        "usage: gen (--files N | --jsonl N) --out PATH [--seed S] [--defects PCT]"
    );
    std::process::exit(2)
}

fn main() -> std::io::Result<()> {
    let mut files = None;
    let mut jsonl = None;
    let mut out = None;
    let mut seed = 1u64;
    let mut defects = 20u64;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().unwrap_or_else(|| usage());
        let number = |v: String| v.parse::<u64>().unwrap_or_else(|_| usage());
        match arg.as_str() {
            "--files" => files = Some(number(value())),
            "--jsonl" => jsonl = Some(number(value())),
            "--out" => out = Some(PathBuf::from(value())),
            "--seed" => seed = number(value()),
            "--defects" => defects = number(value()).min(100),
            _ => usage(),
        }
    }
    let Some(out) = out else { usage() };
    match (files, jsonl) {
        (Some(count), None) => {
            for i in 0..count {
                let dir = out
                    .join(format!("shop-{:02}", i % 16))
                    .join(format!("2026-{:02}", 1 + (i / 16) % 12));
                if i < 16 * 12 {
                    std::fs::create_dir_all(&dir)?;
                }
                let mut text = request(seed, i, defects, true);
                text.push('\n');
                std::fs::write(dir.join(format!("order-{i:07}.json")), text)?;
            }
        }
        (None, Some(count)) => {
            if let Some(parent) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
                std::fs::create_dir_all(parent)?;
            }
            let mut writer = std::io::BufWriter::new(std::fs::File::create(&out)?);
            for i in 0..count {
                writer.write_all(request(seed, i, defects, false).as_bytes())?;
                writer.write_all(b"\n")?;
            }
            writer.flush()?;
        }
        _ => usage(),
    }
    Ok(())
}
