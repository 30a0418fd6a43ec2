//! Strict JSON is RFC 8259: a table of small documents, written for this
//! test and named after the classes of the JSONTestSuite:
//!
//! - `y_`: valid JSON; it must parse (no `invalid-json` finding);
//! - `n_`: not JSON; one `invalid-json` finding, at the given place;
//! - `i_`: the RFC leaves it to the implementation; orderlint's answer is
//!   deliberate, and `docs/conformance.md` gives the reason for each.
//!
//! Every document is linted with `Config { detect: false }` (as `--all`
//! does), so that a valid document that is not an order request is linted
//! too; the promises of `orderlint::invariants` hold for each, and the
//! independent recognizer of the grammar (`strict.rs`) agrees with the
//! table.

use orderlint::invariants::violations;
use orderlint::{Config, Finding, Status};

use crate::support::root;

/// What orderlint must say of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    /// Valid JSON: no `invalid-json` finding.
    Valid,
    /// One `invalid-json` finding, starting at this line and column.
    Invalid(usize, usize),
}

use Expect::{Invalid, Valid};

/// (name, document, expectation).
type Case = (&'static str, Vec<u8>, Expect);

fn b(text: &str) -> Vec<u8> {
    text.as_bytes().to_vec()
}

fn cases() -> Vec<Case> {
    let mut cases: Vec<Case> = vec![
        // Structure.
        ("y_object_empty", b("{}"), Valid),
        ("y_array_empty", b("[]"), Valid),
        ("y_top_level_number", b("1"), Valid),
        ("y_top_level_string", b("\"a\""), Valid),
        ("y_top_level_null", b("null"), Valid),
        ("y_top_level_true", b("true"), Valid),
        ("y_top_level_false", b("false"), Valid),
        ("y_nested", b(r#"{"a":{"b":[1,{"c":null}],"d":[]}}"#), Valid),
        ("y_empty_key", b(r#"{"":0}"#), Valid),
        ("y_escaped_key", b(r#"{"\u0061b":1}"#), Valid),
        ("y_duplicate_keys", b(r#"{"a":1,"a":2}"#), Valid),
        ("n_empty", b(""), Invalid(1, 1)),
        ("n_only_white_space", b(" \n "), Invalid(1, 1)),
        ("n_text_after_the_value", b("{} x"), Invalid(1, 4)),
        ("n_two_values", b("1 2"), Invalid(1, 3)),
        ("n_extra_close", b("[1]]"), Invalid(1, 4)),
        ("n_unclosed_array", b("[1"), Invalid(1, 2)),
        ("n_unclosed_object", b(r#"{"a":1"#), Invalid(1, 6)),
        ("n_missing_colon", b(r#"{"a" 1}"#), Invalid(1, 6)),
        ("n_missing_value", b(r#"{"a":}"#), Invalid(1, 6)),
        ("n_missing_comma_in_array", b("[1 2]"), Invalid(1, 4)),
        (
            "n_missing_comma_in_object",
            b(r#"{"a":1 "b":2}"#),
            Invalid(1, 8),
        ),
        ("n_leading_comma", b("[,1]"), Invalid(1, 2)),
        ("n_double_comma", b("[1,,2]"), Invalid(1, 4)),
        ("n_trailing_comma_in_array", b("[1,]"), Invalid(1, 3)),
        (
            "n_trailing_comma_in_object",
            b(r#"{"a":1,}"#),
            Invalid(1, 7),
        ),
        ("n_line_comment", b("[1] // c"), Invalid(1, 5)),
        ("n_block_comment", b("[/* c */1]"), Invalid(1, 2)),
        ("n_hash_comment", b("# c\n[1]"), Invalid(1, 1)),
        ("n_single_quoted_string", b("['a']"), Invalid(1, 2)),
        ("n_single_quoted_key", b("{'a':1}"), Invalid(1, 2)),
        ("n_unquoted_key", b("{a:1}"), Invalid(1, 2)),
        ("n_number_as_key", b("{1:1}"), Invalid(1, 2)),
        ("n_object_as_key", b("{[1]:1}"), Invalid(1, 2)),
        ("n_bare_word", b("[undefined]"), Invalid(1, 2)),
        ("n_capitalised_true", b("[True]"), Invalid(1, 2)),
        ("n_truncated_literal", b("[tru]"), Invalid(1, 2)),
        ("n_mismatched_close", b("[1}"), Invalid(1, 3)),
        ("n_colon_in_array", b("[1:2]"), Invalid(1, 3)),
        ("n_lone_close", b("]"), Invalid(1, 1)),
        ("n_placeholder", b(r#"{"a":1, ...}"#), Invalid(1, 9)),
        // Numbers.
        ("y_zero", b("[0]"), Valid),
        ("y_negative_zero", b("[-0]"), Valid),
        ("y_negative_zero_fraction", b("[-0.0e0]"), Valid),
        ("y_fraction", b("[0.5, -12.50]"), Valid),
        (
            "y_exponents",
            b("[1e5, 1E5, 1e+5, 1e-5, 1.5E-05, 0e0]"),
            Valid,
        ),
        (
            "y_integer_64_bits",
            b("[-9223372036854775808, 18446744073709551615]"),
            Valid,
        ),
        (
            "i_number_huge_integer",
            b("[123456789012345678901234567890123456789012]"),
            Valid,
        ),
        ("i_number_huge_exponent", b("[1e400, -1.5E+999]"), Valid),
        ("i_number_tiny_exponent", b("[1e-400, 4.9e-325]"), Valid),
        (
            "i_number_exponent_beyond_64_bits",
            b("[1e99999999999999999999]"),
            Valid,
        ),
        ("n_leading_zero", b("[01]"), Invalid(1, 2)),
        ("n_leading_zero_at_top_level", b("01"), Invalid(1, 1)),
        ("n_negative_leading_zero", b("[-01]"), Invalid(1, 3)),
        ("n_two_zeros", b("[00]"), Invalid(1, 2)),
        ("n_minus_alone", b("[-]"), Invalid(1, 2)),
        ("n_minus_then_space", b("[- 1]"), Invalid(1, 2)),
        ("n_two_minus_signs", b("[--1]"), Invalid(1, 2)),
        ("n_plus_sign", b("[+1]"), Invalid(1, 2)),
        ("n_leading_point", b("[.5]"), Invalid(1, 2)),
        ("n_trailing_point", b("[1.]"), Invalid(1, 2)),
        ("n_point_then_exponent", b("[1.e5]"), Invalid(1, 2)),
        ("n_exponent_without_digits", b("[1e]"), Invalid(1, 2)),
        ("n_exponent_sign_without_digits", b("[1e+]"), Invalid(1, 2)),
        ("n_two_points", b("[1.2.3]"), Invalid(1, 2)),
        ("n_hexadecimal", b("[0x10]"), Invalid(1, 2)),
        ("n_nan", b("[NaN]"), Invalid(1, 2)),
        ("n_infinity", b("[Infinity]"), Invalid(1, 2)),
        ("n_negative_infinity", b("[-Infinity]"), Invalid(1, 2)),
        ("n_digit_separator", b("[1_000]"), Invalid(1, 3)),
        ("n_arabic_indic_digit", b("[\u{661}]"), Invalid(1, 2)),
        // Strings.
        (
            "y_every_escape",
            b(r#"["\" \\ \/ \b \f \n \r \t \u00e9 \u00C9"]"#),
            Valid,
        ),
        (
            "y_surrogate_pair",
            b(r#"["\ud83d\ude00", "\uD834\uDD1E"]"#),
            Valid,
        ),
        ("y_escaped_nul", b(r#"["\u0000"]"#), Valid),
        ("y_raw_non_ascii", b("[\"Zoë 😀\"]"), Valid),
        (
            "y_raw_del_and_c1_control",
            b("[\"\u{7f}\u{80}\u{9f}\"]"),
            Valid,
        ),
        (
            "y_raw_line_separator_in_string",
            b("[\"\u{2028}\u{2029}\"]"),
            Valid,
        ),
        (
            "y_noncharacter",
            b("[\"\u{ffff}\", \"\\uffff\", \"\u{10ffff}\"]"),
            Valid,
        ),
        ("y_escaped_byte_order_mark", b(r#"["\ufeff"]"#), Valid),
        ("n_raw_control_character", b("[\"a\u{1}\"]"), Invalid(1, 4)),
        ("n_raw_nul", b("[\"a\0\"]"), Invalid(1, 4)),
        ("n_raw_tab", b("[\"a\tb\"]"), Invalid(1, 4)),
        ("n_raw_line_feed", b("[\"a\nb\"]"), Invalid(1, 4)),
        ("n_raw_unit_separator", b("[\"\u{1f}\"]"), Invalid(1, 3)),
        ("n_escape_x", b(r#"["\x41"]"#), Invalid(1, 3)),
        ("n_escape_zero", b(r#"["\0"]"#), Invalid(1, 3)),
        ("n_escape_vertical_tab", b(r#"["\v"]"#), Invalid(1, 3)),
        ("n_escape_single_quote", b(r#"["\'"]"#), Invalid(1, 3)),
        ("n_escape_capital_u", b(r#"["\U0041"]"#), Invalid(1, 3)),
        ("n_escape_u_braces", b(r#"["\u{41}"]"#), Invalid(1, 3)),
        ("n_escape_u_two_digits", b(r#"["\u12"]"#), Invalid(1, 3)),
        ("n_escape_u_not_hex", b(r#"["\uqqqq"]"#), Invalid(1, 3)),
        ("n_escape_line_break", b("[\"a\\\nb\"]"), Invalid(1, 4)),
        ("n_backslash_at_the_end", b("[\"\\"), Invalid(1, 2)),
        ("n_unclosed_string", b("[\"a"), Invalid(1, 2)),
        (
            "i_string_lone_high_surrogate",
            b(r#"["\ud800"]"#),
            Invalid(1, 3),
        ),
        (
            "i_string_lone_low_surrogate",
            b(r#"["\udc00"]"#),
            Invalid(1, 3),
        ),
        (
            "i_string_inverted_surrogates",
            b(r#"["\udc00\ud800"]"#),
            Invalid(1, 3),
        ),
        (
            "i_string_two_high_surrogates",
            b(r#"["\ud800\ud800"]"#),
            Invalid(1, 3),
        ),
        (
            "i_string_high_surrogate_then_text",
            b(r#"["\ud800abc"]"#),
            Invalid(1, 3),
        ),
        (
            "i_utf8_overlong_encoding",
            b"[\"\xC0\xAF\"]".to_vec(),
            Invalid(1, 3),
        ),
        (
            "i_utf8_encoded_surrogate",
            b"[\"\xED\xA0\x80\"]".to_vec(),
            Invalid(1, 3),
        ),
        (
            "i_utf8_beyond_unicode",
            b"[\"\xF4\x90\x80\x80\"]".to_vec(),
            Invalid(1, 3),
        ),
        (
            "i_utf8_lone_continuation_byte",
            b"[\"\x80\"]".to_vec(),
            Invalid(1, 3),
        ),
        ("i_utf8_byte_ff", b"[\"\xFF\"]".to_vec(), Invalid(1, 3)),
        (
            "i_utf8_truncated_at_end",
            b"[\"\xF0\x9F\x98".to_vec(),
            Invalid(1, 3),
        ),
        ("i_latin1", b"{\"a\": \"caf\xE9\"}".to_vec(), Invalid(1, 11)),
        (
            "i_utf16_with_byte_order_mark",
            b"\xFF\xFE[\x001\x00]\x00".to_vec(),
            Invalid(1, 1),
        ),
        (
            "i_utf16_without_byte_order_mark",
            b"[\x001\x00]\x00".to_vec(),
            Invalid(1, 2),
        ),
        // White space.
        (
            "y_the_four_white_spaces",
            b(" \t\r\n[ \t\r\n1 \t\r\n] \t\r\n"),
            Valid,
        ),
        (
            "y_windows_line_endings",
            b("{\r\n  \"a\": 1\r\n}\r\n"),
            Valid,
        ),
        ("n_form_feed", b("[\u{c}1]"), Invalid(1, 2)),
        ("n_vertical_tab", b("[\u{b}1]"), Invalid(1, 2)),
        ("n_non_breaking_space", b("[\u{a0}1]"), Invalid(1, 2)),
        ("n_line_separator", b("[\u{2028}1]"), Invalid(1, 2)),
        ("n_paragraph_separator", b("[\u{2029}1]"), Invalid(1, 2)),
        ("n_next_line", b("[\u{85}1]"), Invalid(1, 2)),
        ("n_ideographic_space", b("[\u{3000}1]"), Invalid(1, 2)),
        ("n_zero_width_space", b("[\u{200b}1]"), Invalid(1, 2)),
        ("n_nul_between_tokens", b("[1\0]"), Invalid(1, 3)),
        ("n_ctrl_z_at_the_end", b("[1]\u{1a}"), Invalid(1, 4)),
        (
            "n_form_feed_on_line_3",
            b("{\n\"a\":\n\u{c}1}"),
            Invalid(3, 1),
        ),
        // Byte order marks.
        ("i_byte_order_mark", b("\u{feff}{\"a\": 1}"), Valid),
        ("i_byte_order_mark_alone", b("\u{feff}"), Invalid(1, 1)),
        (
            "i_byte_order_mark_twice",
            b("\u{feff}\u{feff}[1]"),
            Invalid(1, 1),
        ),
        ("n_byte_order_mark_inside", b("[\u{feff}1]"), Invalid(1, 2)),
    ];
    // Nesting: an array counts one level, an object and its key two (the
    // parser's own limit, 512).
    let arrays = |n: usize, inner: &str| format!("{}{inner}{}", "[".repeat(n), "]".repeat(n));
    let objects = |n: usize| format!("{}1{}", "{\"a\":".repeat(n), "}".repeat(n));
    cases.extend([
        ("y_nesting_200_arrays", b(&arrays(200, "1")), Valid),
        ("y_nesting_200_objects", b(&objects(200)), Valid),
        ("i_nesting_512_arrays", b(&arrays(512, "1")), Valid),
        (
            "i_nesting_513_arrays",
            b(&arrays(513, "1")),
            Invalid(1, 513),
        ),
        ("i_nesting_513_empty_arrays", b(&arrays(513, "")), Valid),
        ("i_nesting_256_objects", b(&objects(256)), Valid),
        ("i_nesting_257_objects", b(&objects(257)), Invalid(1, 1282)),
        (
            "n_100000_open_arrays",
            b(&"[".repeat(100_000)),
            Invalid(1, 513),
        ),
        (
            "n_100000_open_objects",
            b(&"{\"a\":".repeat(100_000)),
            Invalid(1, 1282),
        ),
    ]);
    cases
}

fn invalid(findings: &[Finding]) -> Vec<&Finding> {
    findings
        .iter()
        .filter(|f| f.rule == "invalid-json")
        .collect()
}

#[test]
fn every_case_gets_its_answer() {
    let all = Config { detect: false };
    let mut wrong = Vec::new();
    for (name, bytes, expect) in cases() {
        let outcome = orderlint::lint_bytes(name, &bytes, &all);
        let broken = violations(name, &outcome.findings, &bytes);
        assert!(broken.is_empty(), "{name}: {broken:#?}");
        let invalid = invalid(&outcome.findings);
        let got = match invalid.as_slice() {
            [] => Valid,
            [one] => {
                let start = one.range.expect("a syntax error has a place").start;
                Invalid(start.line, start.column)
            }
            more => panic!("{name}: more than one invalid-json finding: {more:#?}"),
        };
        if got != expect {
            let said = invalid.first().map_or("", |f| f.message.as_str());
            wrong.push(format!("{name}: expected {expect:?}, got {got:?} {said}"));
        }
        // The grammar agrees (past 255 levels, orderlint's limit decides).
        if let Some(valid) = crate::strict::accepts(&bytes, 255) {
            assert_eq!(valid, expect == Valid, "{name}: the grammar disagrees");
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Every case is named after its class, no name is used twice, and every
/// `i_` case is a row of `docs/conformance.md` (and every row a case).
#[test]
fn every_implementation_defined_case_is_documented() {
    let doc = std::fs::read_to_string(root().join("docs/conformance.md")).unwrap();
    let cases = cases();
    let mut names: Vec<&str> = cases.iter().map(|(name, _, _)| *name).collect();
    for name in &names {
        assert!(
            ["y_", "n_", "i_"].iter().any(|p| name.starts_with(p)),
            "{name}: not y_, n_ or i_"
        );
        if name.starts_with("i_") {
            assert!(
                doc.contains(&format!("`{name}`")),
                "{name} is not in docs/conformance.md"
            );
        }
    }
    let documented: Vec<&str> = doc
        .split('`')
        .filter(|word| {
            word.len() > 2
                && word.starts_with("i_")
                && word.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        })
        .collect();
    for name in documented {
        assert!(
            names.contains(&name),
            "docs/conformance.md names no case {name}"
        );
    }
    let count = names.len();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), count, "a case name is used twice");
}

/// Valid JSON that is not an object is not an order request: with order
/// detection (the default), it is skipped with no finding; linted anyway
/// (`--all`), the schema says what it is.
#[test]
fn a_top_level_value_that_is_not_an_object_is_skipped() {
    for text in [
        "1",
        "\"a\"",
        "null",
        "true",
        "[]",
        "[{\"order_id\": \"A\"}]",
        "{}",
    ] {
        let outcome = orderlint::lint_bytes("x.json", text.as_bytes(), &Config::default());
        assert_eq!(outcome.status, Status::Skipped, "{text}");
        assert!(outcome.findings.is_empty(), "{text}");
        let all = orderlint::lint_bytes("x.json", text.as_bytes(), &Config { detect: false });
        assert_eq!(all.status, Status::Checked, "{text}");
        let rules: Vec<_> = all.findings.iter().map(|f| f.rule).collect();
        assert!(rules.iter().all(|r| *r == "schema"), "{text}: {rules:?}");
        if text != "{}" {
            assert!(
                all.findings[0].message.contains("must be an object"),
                "{text}: {:?}",
                all.findings[0].message
            );
        }
    }
}

/// A repeated key is valid JSON (RFC 8259 §4: names "should" be unique);
/// orderlint reports each repeat as `duplicate-key` and reads the last
/// value, as most parsers do.
#[test]
fn duplicate_keys_are_valid_json_and_reported() {
    let text = r#"{"order_id":"A","amount":100,"currency":"EUR","description":"d","amount":"x","amount":1.5}"#;
    let findings = orderlint::lint_str("x.json", text, &Config::default());
    let dup: Vec<(usize, &str)> = findings
        .iter()
        .filter(|f| f.rule == "duplicate-key")
        .map(|f| (f.range.unwrap().start.column, f.message.as_str()))
        .collect();
    let second = text.find(r#""amount":"x""#).unwrap() + 1;
    let third = text.find(r#""amount":1.5"#).unwrap() + 1;
    assert_eq!(
        dup,
        [
            (
                second,
                "`amount` appears 3 times in the request body; most parsers keep the last value"
            ),
            (
                third,
                "`amount` appears 3 times in the request body; most parsers keep the last value"
            ),
        ]
    );
    // The last value counts: `1.5` is not in cents; `"x"` is not looked at.
    let amount: Vec<_> = findings
        .iter()
        .filter(|f| f.rule == "amount-not-in-cents")
        .map(|f| f.range.unwrap().start.column)
        .collect();
    assert_eq!(amount, [text.find("1.5").unwrap() + 1]);
    assert!(invalid(&findings).is_empty());
}

/// In JSON Lines, a byte order mark may start the file (its first line),
/// and nowhere else: one at the start of a later line is `invalid-json`
/// for that line.
#[test]
fn json_lines_take_a_byte_order_mark_on_the_first_line_only() {
    let line = "{\"order_id\":\"A\",\"amount\":1,\"currency\":\"EUR\",\"description\":\"d\"}";
    let text = format!("\u{feff}{line}\n\u{feff}{line}\r\n{line}");
    let outcome = orderlint::lint_jsonl("x.jsonl", text.as_bytes(), &Config::default());
    assert_eq!(
        violations("x.jsonl", &outcome.findings, text.as_bytes()),
        Vec::<String>::new()
    );
    let places: Vec<_> = outcome
        .findings
        .iter()
        .map(|f| {
            (
                f.rule,
                f.jsonl_line,
                f.range.unwrap().start.column,
                f.range.unwrap().end.column,
            )
        })
        .collect();
    assert_eq!(places, [("invalid-json", Some(2), 1, 2)]);
}
