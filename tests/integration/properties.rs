//! Property tests (hostile input): random JSON documents shaped like order
//! requests, random JSON values, random bytes and mutated requests, through
//! every entry point of the library (`lint_str`, `lint_bytes`, `lint_jsonl`,
//! `jsonl::lint_reader`). Whatever the input, nothing panics and the
//! findings keep the promises that `orderlint::invariants::violations`
//! checks; valid JSON never gets an `invalid-json` finding, and random bytes
//! or a mutated request get one exactly when an independent recognizer of
//! the RFC 8259 grammar (`strict.rs`) rejects them.
//!
//! About three thousand cases in all, from a fixed seed (see [`cases`]). No
//! failure persistence: a failure prints its minimal input; fix it and add
//! that input as a regression test (in `conformance.rs` or here), rather
//! than keep a file of seeds.

use std::fs;
use std::path::{Path, PathBuf};

use orderlint::invariants::violations;
use orderlint::{Config, Finding, Status};
use proptest::prelude::*;
use proptest::sample::{Index, select};
use proptest::test_runner::RngSeed;
use serde_json::{Number, Value};

use crate::support::{root, shared};

/// `cases` cases from a fixed seed, so that every run (CI's too) tests the
/// same inputs; `PROPTEST_RNG_SEED=<u64>` and `PROPTEST_CASES=<n>` explore
/// others.
fn cases(cases: u32) -> ProptestConfig {
    let from_env = ProptestConfig::default();
    let set = |name: &str| std::env::var_os(name).is_some();
    ProptestConfig {
        cases: if set("PROPTEST_CASES") {
            from_env.cases
        } else {
            cases
        },
        rng_seed: if set("PROPTEST_RNG_SEED") {
            from_env.rng_seed
        } else {
            RngSeed::Fixed(SEED)
        },
        failure_persistence: None,
        ..from_env
    }
}

const SEED: u64 = 0x6f72_6465_726c_696e;

const ALL: Config = Config { detect: false };

// ---------------------------------------------------------------------------
// Strategies
// ---------------------------------------------------------------------------

/// Keys of the order request, and a few others: random objects use these
/// most of the time, so that the rules find something to look at.
const KEYS: &[&str] = &[
    "order_id",
    "amount",
    "currency",
    "description",
    "days_active",
    "seconds_active",
    "second_chance",
    "send_email",
    "customer",
    "email",
    "locale",
    "gateway",
    "type",
    "shopping_cart",
    "items",
    "unit_price",
    "quantity",
    "tax_table_selector",
    "checkout_options",
    "tax_tables",
    "default",
    "alternate",
    "name",
    "rules",
    "rate",
    "country",
    "standalone",
    "shipping_taxed",
    "validate_cart",
    "payment_options",
    "notification_url",
    "redirect_url",
    "cancel_url",
    "close_window",
    "days_activ",
    "Currency",
    "send_mail",
    "var1",
    "",
];

/// Strings the rules have opinions about.
const WORDS: &[&str] = &[
    "",
    " ",
    "EUR",
    "eur",
    "USD",
    "JPY",
    "NLG",
    "XYZ",
    " EUR",
    "A-1",
    "IDEAL",
    "PAYPAL",
    "BANKTRANS",
    "KLARNA",
    "AFTERPAY",
    "CREDITCARD",
    "IDEALQR",
    "ideal",
    "redirect",
    "direct",
    "checkout",
    "paymentlink",
    "nl_NL",
    "en-us",
    "customer@example.com",
    "https://example.com/notify",
    "http://example.com/notify",
    "<b>Order</b>",
    "Caf&eacute;",
    " padded ",
    "1000",
    "24.95",
    "14",
    "1e3",
    "BTW21",
    "BTW9",
    "none",
    "Zoë 😀",
    "\u{2028}",
    "\u{0}",
    "\u{feff}",
    "a\"b\\c/d",
];

const GATEWAYS: &[&str] = &[
    "",
    "IDEAL",
    "PAYPAL",
    "BANKTRANS",
    "KLARNA",
    "AFTERPAY",
    "CREDITCARD",
    "VISA",
    "APPLEPAY",
    "IDEALQR",
    "in3",
    "NOPE",
];

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => select(KEYS).prop_map(str::to_owned),
        1 => prop::collection::vec(any::<char>(), 0..8).prop_map(String::from_iter),
        1 => "[a-z_]{1,12}",
    ]
}

fn string() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => select(WORDS).prop_map(str::to_owned),
        // Any scalar value: control characters, surrogate-pair characters,
        // non-characters, combining marks.
        3 => prop::collection::vec(any::<char>(), 0..16).prop_map(String::from_iter),
        1 => "[ -~]{0,40}",
        // Around the limits of `order_id` (50) and `description` (200).
        1 => "[a-z0-9-]{45,55}",
        1 => "\\PC{190,210}",
    ]
}

fn number() -> impl Strategy<Value = Number> {
    prop_oneof![
        4 => (-5_i64..100_000).prop_map(Number::from),
        1 => any::<i64>().prop_map(Number::from),
        1 => any::<u64>().prop_map(Number::from),
        2 => any::<f64>().prop_filter_map("finite", Number::from_f64),
        2 => select(&[0.5, 0.21, 21.0, 24.95, 0.1, -0.0, 1e-300, 5e-324, 1e21, f64::MAX][..])
            .prop_filter_map("finite", Number::from_f64),
    ]
}

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        1 => Just(Value::Null),
        1 => any::<bool>().prop_map(Value::Bool),
        3 => number().prop_map(Value::Number),
        4 => string().prop_map(Value::String),
    ]
}

/// Any JSON value, a few levels deep, with keys biased toward the request's.
fn value() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((key(), inner), 0..6)
                .prop_map(|entries| Value::Object(entries.into_iter().collect())),
        ]
    })
}

/// Mostly a plausible value, sometimes anything at all.
fn or_any(plausible: impl Strategy<Value = Value> + 'static) -> BoxedStrategy<Value> {
    prop_oneof![4 => plausible, 1 => value()].boxed()
}

fn words(list: &'static [&'static str]) -> BoxedStrategy<Value> {
    or_any(select(list).prop_map(Value::from))
}

fn text() -> BoxedStrategy<Value> {
    or_any(string().prop_map(Value::String))
}

fn integer(low: i64, high: i64) -> BoxedStrategy<Value> {
    or_any(prop_oneof![
        4 => (low..high).prop_map(Value::from),
        1 => (low..high).prop_map(|n| Value::String(n.to_string())),
        1 => number().prop_map(Value::Number),
    ])
}

fn flag() -> BoxedStrategy<Value> {
    or_any(any::<bool>().prop_map(Value::Bool))
}

/// An object with some of `fields` (each present or not) and maybe one
/// random key.
fn object(fields: Vec<(&'static str, BoxedStrategy<Value>)>) -> BoxedStrategy<Value> {
    let present: Vec<_> = fields
        .into_iter()
        .map(|(k, v)| prop::option::weighted(0.7, (Just(k.to_owned()), v)))
        .collect();
    let extra = prop::option::weighted(0.2, (key(), value()));
    or_any((present, extra).prop_map(|(present, extra)| {
        Value::Object(present.into_iter().flatten().chain(extra).collect())
    }))
}

fn item() -> BoxedStrategy<Value> {
    object(vec![
        ("name", text()),
        ("unit_price", or_any(number().prop_map(Value::Number))),
        ("quantity", integer(-1, 5)),
        ("merchant_item_id", text()),
        ("tax_table_selector", words(&["BTW21", "BTW9", "none", ""])),
    ])
}

fn tax_tables() -> BoxedStrategy<Value> {
    let rate = || {
        or_any(prop_oneof![
            select(&[0.0, 0.09, 0.21, 21.0, 1.5][..]).prop_filter_map("finite", |r: f64| {
                Number::from_f64(r).map(Value::Number)
            }),
            number().prop_map(Value::Number),
        ])
    };
    let rule = object(vec![
        ("rate", rate()),
        ("country", words(&["NL", "DE", "nl"])),
    ]);
    let alternate = object(vec![
        ("name", words(&["BTW21", "BTW9", "none"])),
        ("standalone", flag()),
        (
            "rules",
            or_any(prop::collection::vec(rule, 0..3).prop_map(Value::Array)),
        ),
    ]);
    object(vec![
        (
            "default",
            object(vec![("shipping_taxed", flag()), ("rate", rate())]),
        ),
        (
            "alternate",
            or_any(prop::collection::vec(alternate, 0..3).prop_map(Value::Array)),
        ),
    ])
}

/// One top-level field of an order request, with a value of about the
/// right shape (or anything).
fn top_field() -> BoxedStrategy<(String, Value)> {
    let field = |k: &'static str, v: BoxedStrategy<Value>| (Just(k.to_owned()), v).boxed();
    prop_oneof![
        field("order_id", text()),
        field("amount", integer(-100, 100_000)),
        field(
            "currency",
            words(&["EUR", "USD", "JPY", "eur", "NLG", "EURO"])
        ),
        field("description", text()),
        field("days_active", integer(-2, 400)),
        field("seconds_active", integer(-2, 10_000_000)),
        field("gateway", words(GATEWAYS)),
        field(
            "type",
            words(&["redirect", "direct", "checkout", "paymentlink", "Redirect"])
        ),
        field(
            "second_chance",
            object(vec![("send_email", flag()), ("send_mail", flag())])
        ),
        field(
            "customer",
            object(vec![
                ("email", words(&["a@example.com", "", " b@example.com"])),
                ("locale", words(&["nl_NL", "en_US", "en-us", "x"])),
                ("first_name", text()),
            ])
        ),
        field(
            "shopping_cart",
            object(vec![(
                "items",
                or_any(prop::collection::vec(item(), 0..4).prop_map(Value::Array)),
            )])
        ),
        field(
            "checkout_options",
            object(vec![
                ("validate_cart", flag()),
                ("tax_tables", tax_tables())
            ])
        ),
        field(
            "payment_options",
            object(vec![
                (
                    "notification_url",
                    words(&["https://example.com/n", "http://example.com/n", ""])
                ),
                (
                    "redirect_url",
                    words(&["https://example.com/r", "http://example.com/r"])
                ),
                ("cancel_url", text()),
                ("close_window", flag()),
            ])
        ),
        (key(), value()).boxed(),
    ]
    .boxed()
}

/// The fields of an order request, in order, keys possibly repeated: it
/// always has `order_id`, or `amount` and `currency`, so that it is linted
/// as one.
fn order() -> impl Strategy<Value = Vec<(String, Value)>> {
    let base = prop_oneof![
        text().prop_map(|id| vec![("order_id".to_owned(), id)]),
        (integer(0, 100_000), words(&["EUR", "USD"])).prop_map(|(amount, currency)| vec![
            ("amount".to_owned(), amount),
            ("currency".to_owned(), currency)
        ]),
    ];
    (base, prop::collection::vec(top_field(), 0..10)).prop_map(|(mut base, fields)| {
        base.extend(fields);
        base
    })
}

/// How a document is written out.
#[derive(Debug, Clone, Copy)]
enum Layout {
    Compact,
    Pretty,
    /// Pretty, with Windows line endings.
    Crlf,
    /// Pretty, after a UTF-8 byte order mark.
    Bom,
}

fn layout() -> impl Strategy<Value = Layout> {
    select(&[Layout::Compact, Layout::Pretty, Layout::Crlf, Layout::Bom][..])
}

/// Writes an object with these fields (a key may repeat, which serde_json's
/// own `Map` cannot hold).
fn render(fields: &[(String, Value)], layout: Layout) -> String {
    let members: Vec<String> = fields
        .iter()
        .map(|(k, v)| {
            let key = serde_json::to_string(k).unwrap();
            match layout {
                Layout::Compact => format!("{key}:{}", serde_json::to_string(v).unwrap()),
                _ => format!(
                    "{key}: {}",
                    // serde_json escapes every line break inside a string,
                    // so each raw `\n` is between tokens.
                    serde_json::to_string_pretty(v)
                        .unwrap()
                        .replace('\n', "\n  ")
                ),
            }
        })
        .collect();
    match layout {
        Layout::Compact => format!("{{{}}}", members.join(",")),
        Layout::Pretty => format!("{{\n  {}\n}}\n", members.join(",\n  ")),
        Layout::Crlf => render(fields, Layout::Pretty).replace('\n', "\r\n"),
        Layout::Bom => format!("\u{feff}{}", render(fields, Layout::Pretty)),
    }
}

/// Bytes that JSON gives meaning to, and some that break it.
const ALPHABET: &[u8] = b"{}[]\":,0123456789.-+eE \t\r\n\\u/truefalsn'*#xX\0\x0b\x0c\x7f\xc3\xa9\xe2\x80\xa8\xef\xbb\xbf\xf0\x9f\x98\x80\xff\xc0";

fn noise() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..200),
        prop::collection::vec(select(ALPHABET), 0..120),
    ]
}

/// One edit of a document's bytes.
#[derive(Debug, Clone)]
enum Mutation {
    Flip(Index, u8),
    Insert(Index, u8),
    Delete(Index, usize),
    Truncate(Index),
    /// Copies a run of bytes to another place (duplicates a key, a value,
    /// half a string).
    Copy(Index, usize, Index),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<Index>(), 0_u8..8).prop_map(|(at, bit)| Mutation::Flip(at, bit)),
        (any::<Index>(), select(ALPHABET)).prop_map(|(at, b)| Mutation::Insert(at, b)),
        (any::<Index>(), 1_usize..8).prop_map(|(at, n)| Mutation::Delete(at, n)),
        any::<Index>().prop_map(Mutation::Truncate),
        (any::<Index>(), 1_usize..40, any::<Index>()).prop_map(|(a, n, b)| Mutation::Copy(a, n, b)),
    ]
}

fn mutate(bytes: &mut Vec<u8>, mutation: &Mutation) {
    let at = |index: &Index, len: usize| index.index(len + 1);
    match mutation {
        Mutation::Flip(index, bit) => {
            if !bytes.is_empty() {
                let i = index.index(bytes.len());
                bytes[i] ^= 1 << bit;
            }
        }
        Mutation::Insert(index, byte) => bytes.insert(at(index, bytes.len()), *byte),
        Mutation::Delete(index, n) => {
            let start = at(index, bytes.len());
            let end = (start + n).min(bytes.len());
            bytes.drain(start..end);
        }
        Mutation::Truncate(index) => bytes.truncate(at(index, bytes.len())),
        Mutation::Copy(from, n, to) => {
            let start = at(from, bytes.len());
            let run = bytes[start..(start + n).min(bytes.len())].to_vec();
            let to = at(to, bytes.len());
            bytes.splice(to..to, run);
        }
    }
}

// ---------------------------------------------------------------------------
// Checks
// ---------------------------------------------------------------------------

fn invalid(findings: &[Finding]) -> Vec<&Finding> {
    findings
        .iter()
        .filter(|f| f.rule == "invalid-json")
        .collect()
}

/// The promises hold for `findings` of `bytes`.
fn keeps_promises(path: &str, findings: &[Finding], bytes: &[u8]) -> Result<(), TestCaseError> {
    let broken = violations(path, findings, bytes);
    prop_assert!(
        broken.is_empty(),
        "{broken:#?}\ninput: {:?}",
        String::from_utf8_lossy(bytes)
    );
    Ok(())
}

/// Lints `bytes` as a file (with and without order detection) and as JSON
/// Lines, and checks the promises of each; returns the file's findings with
/// every document linted.
fn lint_every_way(bytes: &[u8]) -> Result<Vec<Finding>, TestCaseError> {
    let detected = orderlint::lint_bytes("x.json", bytes, &Config::default());
    keeps_promises("x.json", &detected.findings, bytes)?;
    let all = orderlint::lint_bytes("x.json", bytes, &ALL);
    keeps_promises("x.json", &all.findings, bytes)?;
    if detected.status == Status::Checked {
        prop_assert_eq!(&detected.findings, &all.findings);
    } else {
        prop_assert_eq!(detected.status, Status::Skipped);
        prop_assert!(detected.findings.is_empty());
        prop_assert!(invalid(&all.findings).is_empty());
    }
    let lines = orderlint::lint_jsonl("x.jsonl", bytes, &Config::default());
    keeps_promises("x.jsonl", &lines.findings, bytes)?;
    Ok(all.findings)
}

/// Whether the property's `invalid-json` findings agree with the
/// independent recognizer of strict JSON (`strict.rs`): none when it
/// accepts the bytes, else one, with a position.
fn agrees_with_the_grammar(findings: &[Finding], bytes: &[u8]) -> Result<(), TestCaseError> {
    let invalid = invalid(findings);
    prop_assert!(invalid.len() <= 1, "{invalid:#?}");
    prop_assert!(invalid.iter().all(|f| f.range.is_some()));
    if let Some(valid) = crate::strict::accepts(bytes, 100) {
        prop_assert_eq!(
            invalid.is_empty(),
            valid,
            "{:#?}\ninput: {:?}",
            invalid,
            String::from_utf8_lossy(bytes)
        );
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------

proptest! {
    #![proptest_config(cases(400))]

    /// A random order request, however written, is valid JSON, is linted,
    /// keeps the promises, reports each repeated key, and is linted the same
    /// from text and from bytes.
    #[test]
    fn order_requests_are_valid_json_and_keep_the_promises(
        fields in order(),
        layout in layout(),
    ) {
        let text = render(&fields, layout);
        let outcome = orderlint::lint_bytes("x.json", text.as_bytes(), &Config::default());
        prop_assert_eq!(outcome.status, Status::Checked);
        prop_assert!(invalid(&outcome.findings).is_empty(), "{:#?}\n{}", outcome.findings, text);
        keeps_promises("x.json", &outcome.findings, text.as_bytes())?;
        prop_assert_eq!(
            &orderlint::lint_str("x.json", &text, &Config::default()),
            &outcome.findings
        );
        let distinct: std::collections::HashSet<&str> =
            fields.iter().map(|(k, _)| k.as_str()).collect();
        let repeated = outcome
            .findings
            .iter()
            .filter(|f| f.rule == "duplicate-key" && f.pointer.as_deref().is_some_and(|p| p.matches('/').count() == 1))
            .count();
        prop_assert_eq!(repeated, fields.len() - distinct.len());
    }

    /// Any JSON value at the top level is valid JSON: skipped unless it is
    /// an order request, linted without an `invalid-json` finding when
    /// every document is linted.
    #[test]
    fn any_json_value_is_valid_json_and_keeps_the_promises(
        value in value(),
        pretty in any::<bool>(),
    ) {
        let text = if pretty {
            serde_json::to_string_pretty(&value).unwrap()
        } else {
            serde_json::to_string(&value).unwrap()
        };
        let findings = lint_every_way(text.as_bytes())?;
        prop_assert!(invalid(&findings).is_empty(), "{findings:#?}\n{text}");
    }

    /// Random bytes: no panic, the promises hold, and `invalid-json` exactly
    /// when the grammar says they are not JSON.
    #[test]
    fn random_bytes_keep_the_promises(bytes in noise()) {
        let findings = lint_every_way(&bytes)?;
        agrees_with_the_grammar(&findings, &bytes)?;
    }

    /// A request with a few bytes flipped, inserted, deleted, copied or cut
    /// off: the promises hold, and it is `invalid-json` (once, with a
    /// position) exactly when the grammar says it is not JSON.
    #[test]
    fn mutated_requests_keep_the_promises(
        fields in order(),
        layout in layout(),
        mutations in prop::collection::vec(mutation(), 1..4),
    ) {
        let mut bytes = render(&fields, layout).into_bytes();
        for mutation in &mutations {
            mutate(&mut bytes, mutation);
        }
        let findings = lint_every_way(&bytes)?;
        agrees_with_the_grammar(&findings, &bytes)?;
    }

    /// Every number RFC 8259 can write, however long or large, in every
    /// numeric field the rules read: valid, and the promises hold.
    #[test]
    fn any_json_number_in_any_numeric_field(
        raw in "-?(0|[1-9][0-9]{0,30})(\\.[0-9]{1,25})?([eE][+-]?[0-9]{1,12})?",
        place in 0_usize..7,
    ) {
        let mut numbers = ["1000", "7", "3600", "500", "2", "0.21", "0.09"];
        numbers[place] = &raw;
        let [amount, days, seconds, price, quantity, default_rate, rate] = numbers;
        let text = format!(
            r#"{{"order_id":"A","currency":"EUR","amount":{amount},"description":"d","days_active":{days},"seconds_active":{seconds},"gateway":"IDEAL","type":"redirect","second_chance":{{"send_email":true}},"customer":{{"email":"a@example.com"}},"shopping_cart":{{"items":[{{"name":"x","unit_price":{price},"quantity":{quantity},"tax_table_selector":"T"}}]}},"checkout_options":{{"validate_cart":true,"tax_tables":{{"default":{{"shipping_taxed":true,"rate":{default_rate}}},"alternate":[{{"name":"T","rules":[{{"rate":{rate}}}]}}]}}}}}}"#
        );
        let outcome = orderlint::lint_bytes("x.json", text.as_bytes(), &Config::default());
        prop_assert_eq!(outcome.status, Status::Checked);
        prop_assert!(invalid(&outcome.findings).is_empty(), "{:#?}\n{}", outcome.findings, text);
        keeps_promises("x.json", &outcome.findings, text.as_bytes())?;
        let lines = orderlint::lint_jsonl("x.jsonl", text.as_bytes(), &Config::default());
        keeps_promises("x.jsonl", &lines.findings, text.as_bytes())?;
        prop_assert_eq!(lines.findings.len(), outcome.findings.len());
    }
}

/// A line of a random JSON Lines file.
#[derive(Debug, Clone)]
enum Line {
    Order(Vec<(String, Value)>),
    Value(Value),
    Noise(Vec<u8>),
    Blank(&'static str),
}

impl Line {
    fn bytes(&self) -> Vec<u8> {
        match self {
            Line::Order(fields) => render(fields, Layout::Compact).into_bytes(),
            Line::Value(value) => serde_json::to_vec(value).unwrap(),
            Line::Noise(bytes) => bytes.clone(),
            Line::Blank(text) => text.as_bytes().to_vec(),
        }
    }
}

fn line() -> impl Strategy<Value = Line> {
    prop_oneof![
        4 => order().prop_map(Line::Order),
        1 => value().prop_map(Line::Value),
        2 => prop::collection::vec(select(ALPHABET), 0..60)
            .prop_map(|b| Line::Noise(b.into_iter().filter(|&b| b != b'\n').collect())),
        1 => select(&["", " ", "\t", " \t "][..]).prop_map(Line::Blank),
    ]
}

/// Whether a line (without its `\n`) is blank: nothing but spaces, tabs
/// and carriage returns, after a byte order mark on the first line.
fn blank(content: &[u8], first: bool) -> bool {
    let content = if first {
        content
            .strip_prefix("\u{feff}".as_bytes())
            .unwrap_or(content)
    } else {
        content
    };
    content.iter().all(|b| matches!(b, b' ' | b'\t' | b'\r'))
}

proptest! {
    #![proptest_config(cases(200))]

    /// A JSON Lines file of requests, other JSON, noise and blank lines,
    /// with `\n` or `\r\n`, with or without a final line break: the
    /// promises hold over the whole file; every request line is linted as it
    /// would be alone, at its own line; the counts add up; reading it from a
    /// reader gives the same outcome.
    #[test]
    fn json_lines_keep_the_promises(
        lines in prop::collection::vec((line(), any::<bool>()), 0..12),
        final_break in any::<bool>(),
    ) {
        let mut bytes = Vec::new();
        let mut documents = 0;
        for (i, (line, crlf)) in lines.iter().enumerate() {
            let content = line.bytes();
            if !blank(&content, i == 0) {
                documents += 1;
            }
            bytes.extend_from_slice(&content);
            if i + 1 < lines.len() || final_break {
                bytes.extend_from_slice(if *crlf { b"\r\n" } else { b"\n" });
            }
        }
        let outcome = orderlint::lint_jsonl("x.jsonl", &bytes, &Config::default());
        keeps_promises("x.jsonl", &outcome.findings, &bytes)?;
        let Status::JsonLines { checked, skipped } = outcome.status else {
            return Err(TestCaseError::fail(format!("status {:?}", outcome.status)));
        };
        prop_assert_eq!(checked + skipped, documents);
        for (i, (line, _)) in lines.iter().enumerate() {
            let Line::Order(fields) = line else { continue };
            let alone = orderlint::lint_str("x.jsonl", &render(fields, Layout::Compact), &Config::default());
            let said = |f: &Finding| (f.rule, f.pointer.clone(), f.message.clone());
            let here: Vec<_> = outcome
                .findings
                .iter()
                .filter(|f| f.jsonl_line == Some(i + 1))
                .map(said)
                .collect();
            prop_assert_eq!(here, alone.iter().map(said).collect::<Vec<_>>(), "line {}", i + 1);
        }
        let read = orderlint::jsonl::lint_reader("x.jsonl", &bytes[..], &Config::default(), u64::MAX).unwrap();
        prop_assert_eq!(read, outcome);
    }
}

// ---------------------------------------------------------------------------
// Every real file
// ---------------------------------------------------------------------------

fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            files_under(&path, out);
        } else {
            out.push(path);
        }
    }
}

/// Each file linted as a file (with and without order detection) and as
/// JSON Lines keeps the promises.
fn check_files(files: &[PathBuf]) {
    for path in files {
        let bytes = fs::read(path).unwrap();
        let name = path.to_string_lossy();
        for (findings, name) in [
            (
                orderlint::lint_bytes(&name, &bytes, &Config::default()).findings,
                name.to_string(),
            ),
            (
                orderlint::lint_bytes(&name, &bytes, &ALL).findings,
                name.to_string(),
            ),
            (
                orderlint::lint_jsonl(&format!("{name}l"), &bytes, &Config::default()).findings,
                format!("{name}l"),
            ),
        ] {
            let broken = violations(&name, &findings, &bytes);
            assert!(broken.is_empty(), "{name}: {broken:#?}");
        }
    }
}

#[test]
fn every_published_example_keeps_the_promises() {
    let mut files = Vec::new();
    files_under(&shared().join("examples"), &mut files);
    files.retain(|p| p.extension().is_some_and(|e| e == "json"));
    assert_eq!(files.len(), 305);
    check_files(&files);
}

#[test]
fn every_fixture_keeps_the_promises() {
    let mut files = Vec::new();
    files_under(&root().join("fixtures"), &mut files);
    assert!(files.len() >= 300, "{} fixtures", files.len());
    check_files(&files);
}
