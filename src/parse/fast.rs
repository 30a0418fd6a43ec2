//! The fast path of [`parse`](super::parse): one pass over a text that is
//! strict JSON, building the same spanned tree jsonc-parser builds.
//!
//! Nearly every file orderlint sees is well-formed JSON, and for those the
//! general parser is the most expensive step of a run: it tokenises for
//! comments, single quotes, hexadecimal numbers and the like, only for the
//! options to refuse them, and the strictness scan then reads the text again.
//! This parser knows only RFC 8259 and says nothing about errors: at the first
//! byte it does not expect (or a nesting deeper than [`MAX_DEPTH`]) it gives
//! up, and the caller parses the text the slow way, which finds the error and
//! describes it. So a text either gets the tree jsonc-parser would have built
//! (the same values, the same ranges; a property test holds the two to that)
//! or nothing.

use std::borrow::Cow;

use jsonc_parser::ast::{
    Array, BooleanLit, NullKeyword, NumberLit, Object, ObjectProp, ObjectPropName, StringLit, Value,
};
use jsonc_parser::common::Range;

use super::{in_string_stop, skip};

/// How deep this parser goes before leaving the text to the slow path. Far
/// below the slow path's own limit, so that both stay well inside the stack;
/// request bodies are a handful of levels deep.
pub const MAX_DEPTH: usize = 64;

/// Parses `text` when it is strict JSON nested at most [`MAX_DEPTH`] deep;
/// `None` when it is not, or may not be.
#[must_use]
pub fn parse(text: &str) -> Option<Value<'_>> {
    let mut parser = Parser { text, at: 0 };
    parser.white_space();
    let root = parser.value(0)?;
    parser.white_space();
    (parser.at == text.len()).then_some(root)
}

struct Parser<'a> {
    text: &'a str,
    /// The next byte to read.
    at: usize,
}

impl<'a> Parser<'a> {
    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.at).copied()
    }

    /// Skips the four characters RFC 8259 calls white space.
    fn white_space(&mut self) {
        let bytes = self.text.as_bytes();
        let mut at = self.at;
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = bytes.get(at) {
            at += 1;
        }
        self.at = at;
    }

    /// Consumes `byte` when it is next.
    fn eat(&mut self, byte: u8) -> bool {
        let next = self.peek() == Some(byte);
        self.at += usize::from(next);
        next
    }

    fn range(&self, start: usize) -> Range {
        Range {
            start,
            end: self.at,
        }
    }

    /// A value starting at the next byte (white space already skipped).
    fn value(&mut self, depth: usize) -> Option<Value<'a>> {
        let start = self.at;
        match self.peek()? {
            b'{' => self.object(depth + 1).map(Value::Object),
            b'[' => self.array(depth + 1).map(Value::Array),
            b'"' => self.string().map(Value::StringLit),
            b'-' | b'0'..=b'9' => self.number().map(Value::NumberLit),
            b't' => self.word("true").then(|| {
                Value::BooleanLit(BooleanLit {
                    range: self.range(start),
                    value: true,
                })
            }),
            b'f' => self.word("false").then(|| {
                Value::BooleanLit(BooleanLit {
                    range: self.range(start),
                    value: false,
                })
            }),
            b'n' => self.word("null").then(|| {
                Value::NullKeyword(NullKeyword {
                    range: self.range(start),
                })
            }),
            _ => None,
        }
    }

    /// `true`, `false` or `null`. What follows is checked by the caller, which
    /// accepts only white space, `,`, `}`, `]` or the end there.
    fn word(&mut self, word: &str) -> bool {
        let found = (self.text.as_bytes().get(self.at..))
            .is_some_and(|rest| rest.starts_with(word.as_bytes()));
        if found {
            self.at += word.len();
        }
        found
    }

    fn object(&mut self, depth: usize) -> Option<Object<'a>> {
        if depth > MAX_DEPTH {
            return None;
        }
        let start = self.at;
        self.at += 1;
        let mut properties = Vec::new();
        self.white_space();
        if !self.eat(b'}') {
            loop {
                if self.peek() != Some(b'"') {
                    return None;
                }
                let name = self.string()?;
                self.white_space();
                if !self.eat(b':') {
                    return None;
                }
                self.white_space();
                let value = self.value(depth)?;
                properties.push(ObjectProp {
                    range: Range {
                        start: name.range.start,
                        end: self.at,
                    },
                    name: ObjectPropName::String(name),
                    value,
                });
                self.white_space();
                if self.eat(b'}') {
                    break;
                }
                if !self.eat(b',') {
                    return None;
                }
                self.white_space();
            }
        }
        Some(Object {
            range: self.range(start),
            properties,
        })
    }

    fn array(&mut self, depth: usize) -> Option<Array<'a>> {
        if depth > MAX_DEPTH {
            return None;
        }
        let start = self.at;
        self.at += 1;
        let mut elements = Vec::new();
        self.white_space();
        if !self.eat(b']') {
            loop {
                elements.push(self.value(depth)?);
                self.white_space();
                if self.eat(b']') {
                    break;
                }
                if !self.eat(b',') {
                    return None;
                }
                self.white_space();
            }
        }
        Some(Array {
            range: self.range(start),
            elements,
        })
    }

    /// A string, at its opening quote. The value borrows from the text unless
    /// it has escapes.
    fn string(&mut self) -> Option<StringLit<'a>> {
        let bytes = self.text.as_bytes();
        let start = self.at;
        let mut at = skip(bytes, start + 1, in_string_stop);
        let value = match bytes.get(at)? {
            b'"' => Cow::Borrowed(self.text.get(start + 1..at)?),
            b'\\' => {
                let mut value = String::from(self.text.get(start + 1..at)?);
                loop {
                    match bytes.get(at)? {
                        b'"' => break,
                        b'\\' => {
                            at = self.escape(at, &mut value)?;
                        }
                        // A control character.
                        _ => return None,
                    }
                    let run = skip(bytes, at, in_string_stop);
                    value.push_str(self.text.get(at..run)?);
                    at = run;
                }
                Cow::Owned(value)
            }
            // A control character.
            _ => return None,
        };
        self.at = at + 1;
        Some(StringLit {
            range: self.range(start),
            value,
        })
    }

    /// The escape at `at` (its backslash), pushed onto `value`; the offset
    /// after it.
    fn escape(&self, at: usize, value: &mut String) -> Option<usize> {
        let c = match self.text.as_bytes().get(at + 1)? {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let high = self.hex4(at + 2)?;
                if !(0xD800..0xE000).contains(&high) {
                    value.push(char::from_u32(high)?);
                    return Some(at + 6);
                }
                // A surrogate: only a high one followed by a low one is a
                // character; anything else is left to the slow path.
                let bytes = self.text.as_bytes();
                if high >= 0xDC00 || bytes.get(at + 6..at + 8)? != b"\\u" {
                    return None;
                }
                let low = self.hex4(at + 8)?;
                if !(0xDC00..0xE000).contains(&low) {
                    return None;
                }
                value.push(char::from_u32(
                    0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00),
                )?);
                return Some(at + 12);
            }
            _ => return None,
        };
        value.push(c);
        Some(at + 2)
    }

    /// Four hexadecimal digits at `at`.
    fn hex4(&self, at: usize) -> Option<u32> {
        let digits = self.text.as_bytes().get(at..at + 4)?;
        digits.iter().try_fold(0, |sum, &digit| {
            Some(sum * 16 + char::from(digit).to_digit(16)?)
        })
    }

    /// A number, as RFC 8259 §6 writes it: `-? (0 | [1-9][0-9]*) (.[0-9]+)?
    /// ([eE][+-]?[0-9]+)?`. A digit right after a leading `0` is caught by the
    /// caller, which accepts only white space, `,`, `}`, `]` or the end there.
    fn number(&mut self) -> Option<NumberLit<'a>> {
        let start = self.at;
        self.eat(b'-');
        match self.peek()? {
            b'0' => self.at += 1,
            b'1'..=b'9' => self.digits(),
            _ => return None,
        }
        if self.eat(b'.') {
            self.some_digits()?;
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.at += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.at += 1;
            }
            self.some_digits()?;
        }
        Some(NumberLit {
            range: self.range(start),
            value: self.text.get(start..self.at)?,
        })
    }

    fn digits(&mut self) {
        let bytes = self.text.as_bytes();
        let mut at = self.at;
        while let Some(b'0'..=b'9') = bytes.get(at) {
            at += 1;
        }
        self.at = at;
    }

    /// At least one digit.
    fn some_digits(&mut self) -> Option<()> {
        let start = self.at;
        self.digits();
        (self.at > start).then_some(())
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use proptest::sample::select;
    use proptest::test_runner::{Config, RngSeed};

    use super::{MAX_DEPTH, parse};
    use crate::parse::parse_slow;

    /// What the fast path must do with `text`: build exactly the tree the slow
    /// path builds, or give up only where the slow path finds an error (or
    /// nesting beyond [`MAX_DEPTH`], which `deep` says is allowed).
    fn agrees(text: &str, deep: bool) -> Result<(), TestCaseError> {
        let slow = parse_slow(text);
        match parse(text) {
            Some(fast) => prop_assert_eq!(Ok(fast), slow, "{:?}", text),
            None => prop_assert!(deep || slow.is_err(), "gave up on {:?}", text),
        }
        Ok(())
    }

    /// Pieces of JSON text, valid and not: what a number, a string or the
    /// space between tokens may be written as.
    const NUMBERS: &[&str] = &[
        "0",
        "-0",
        "7",
        "-12",
        "1.5",
        "0.25",
        "1e5",
        "1E+5",
        "2e-3",
        "-0.0e0",
        "123456789012345678901234567890",
        "01",
        "1.",
        ".5",
        "+1",
        "-",
        "1e",
        "1e+",
        "0x1",
        "NaN",
        "1.e3",
        "--1",
    ];
    const STRINGS: &[&str] = &[
        "",
        "EUR",
        "é",
        "日本",
        "😀",
        r"\n",
        r#"\""#,
        r"\\",
        r"\/",
        r"\b\f\r\t",
        r"\u00e9",
        r"\u00E9",
        r"\ud83d\ude00",
        r"\u0000",
        r"\ud800",
        r"\udc00",
        r"\ud83dx",
        r"\ud83d\u0041",
        r"\x",
        r"\u12",
        "\t",
        "\u{1}",
        "\u{7f}",
        "a\\",
        r"\u00zz",
    ];
    const SPACES: &[&str] = &[
        "", " ", "  ", "\n", "\r\n", "\t", "\u{b}", "\u{c}", "\u{a0}", "\u{feff}", "/**/", ",",
    ];

    /// A JSON-ish text: mostly valid, with the invalid pieces above mixed in.
    fn text() -> impl Strategy<Value = String> {
        let leaf = prop_oneof![
            select(NUMBERS).prop_map(str::to_owned),
            select(STRINGS).prop_map(|s| format!("\"{s}\"")),
            Just("true".to_owned()),
            Just("false".to_owned()),
            Just("null".to_owned()),
            Just("nul".to_owned()),
            Just("truex".to_owned()),
            Just("'a'".to_owned()),
        ];
        let space = || select(SPACES);
        leaf.prop_recursive(5, 48, 6, move |inner| {
            prop_oneof![
                prop::collection::vec((inner.clone(), space(), space()), 0..6).prop_map(
                    |elements| {
                        let inside: Vec<String> = elements
                            .into_iter()
                            .map(|(e, a, b)| format!("{a}{e}{b}"))
                            .collect();
                        format!("[{}]", inside.join(","))
                    }
                ),
                prop::collection::vec((select(STRINGS), inner, space(), space()), 0..6).prop_map(
                    |members| {
                        let inside: Vec<String> = members
                            .into_iter()
                            .map(|(k, v, a, b)| format!("{a}\"{k}\"{b}:{a}{v}{b}"))
                            .collect();
                        format!("{{{}}}", inside.join(","))
                    }
                ),
            ]
        })
    }

    fn config() -> Config {
        Config {
            cases: 2000,
            rng_seed: RngSeed::Fixed(0x6661_7374),
            failure_persistence: None,
            ..Config::default()
        }
    }

    proptest! {
        #![proptest_config(config())]

        #[test]
        fn the_fast_path_builds_the_slow_paths_tree(
            text in text(),
            before in select(SPACES),
            after in select(SPACES),
        ) {
            agrees(&format!("{before}{text}{after}"), false)?;
        }

        #[test]
        fn a_cut_or_patched_text_too(
            text in text(),
            at in any::<prop::sample::Index>(),
            patch in select(&["", "\"", "\\", "{", "}", "[", "]", ",", ":", "0", "-", "e", " "][..]),
            cut in any::<bool>(),
        ) {
            let mut at = at.index(text.len() + 1);
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            let (head, tail) = text.split_at(at);
            let tail = if cut { tail.get(1..).unwrap_or(tail) } else { tail };
            let tail = if tail.is_char_boundary(0) { tail } else { "" };
            agrees(&format!("{head}{patch}{tail}"), false)?;
        }
    }

    #[test]
    fn nesting_beyond_the_limit_is_left_to_the_slow_path() {
        let within = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(parse(&within).is_some());
        let beyond = format!("{}{}", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1));
        assert!(parse(&beyond).is_none());
        assert!(parse_slow(&beyond).is_ok());
        let objects = format!(
            "{}1{}",
            "{\"a\":".repeat(MAX_DEPTH + 1),
            "}".repeat(MAX_DEPTH + 1)
        );
        assert!(parse(&objects).is_none());
        assert!(parse_slow(&objects).is_ok());
    }

    #[test]
    fn every_example_and_fixture_gets_the_slow_paths_tree() {
        let mut seen = 0;
        for path in crate::testing::fixtures_and_examples() {
            let Ok(whole) = std::fs::read_to_string(&path) else {
                continue;
            };
            // The whole file, and each line (JSON Lines, and many cut texts).
            for text in std::iter::once(whole.as_str()).chain(whole.lines()) {
                let without_bom = crate::parse::strip_bom(text);
                let text = without_bom.as_deref().unwrap_or(text);
                let slow = parse_slow(text).ok();
                assert_eq!(parse(text), slow, "{}", path.display());
                seen += 1;
            }
        }
        assert!(seen > 10_000, "only {seen} texts");
    }
}
