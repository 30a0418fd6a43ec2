//! An independent recognizer of strict JSON (RFC 8259), written from the
//! grammar for the tests to compare orderlint with. It takes orderlint's
//! decisions where the RFC leaves a choice (`docs/conformance.md`): a UTF-8
//! byte order mark may start the text; an escaped surrogate must be half of
//! a pair; a number of any size is valid.

/// Whether `bytes` is one strict JSON text; `None` when it nests deeper
/// than `max_depth` arrays and objects (where orderlint's own limit is
/// what decides).
pub fn accepts(bytes: &[u8], max_depth: usize) -> Option<bool> {
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    if std::str::from_utf8(bytes).is_err() {
        return Some(false);
    }
    let mut parser = Parser {
        bytes,
        at: 0,
        depth: 0,
        max_depth,
        too_deep: false,
    };
    parser.ws();
    let ok = parser.value() && {
        parser.ws();
        parser.at == bytes.len()
    };
    if parser.too_deep { None } else { Some(ok) }
}

struct Parser<'b> {
    bytes: &'b [u8],
    at: usize,
    depth: usize,
    max_depth: usize,
    too_deep: bool,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn eat(&mut self, byte: u8) -> bool {
        if self.peek() == Some(byte) {
            self.at += 1;
            true
        } else {
            false
        }
    }

    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    fn literal(&mut self, word: &[u8]) -> bool {
        if self.bytes[self.at..].starts_with(word) {
            self.at += word.len();
            true
        } else {
            false
        }
    }

    fn value(&mut self) -> bool {
        match self.peek() {
            Some(b'{') => self.nested(b'}', true),
            Some(b'[') => self.nested(b']', false),
            Some(b'"') => self.string(),
            Some(b't') => self.literal(b"true"),
            Some(b'f') => self.literal(b"false"),
            Some(b'n') => self.literal(b"null"),
            Some(b'-' | b'0'..=b'9') => self.number(),
            _ => false,
        }
    }

    /// An object (`keys`) or an array, from its opening bracket.
    fn nested(&mut self, close: u8, keys: bool) -> bool {
        self.depth += 1;
        if self.depth > self.max_depth {
            self.too_deep = true;
            return false;
        }
        self.at += 1;
        self.ws();
        if !self.eat(close) {
            loop {
                if keys {
                    if !self.string() {
                        return false;
                    }
                    self.ws();
                    if !self.eat(b':') {
                        return false;
                    }
                    self.ws();
                }
                if !self.value() {
                    return false;
                }
                self.ws();
                if self.eat(close) {
                    break;
                }
                if !self.eat(b',') {
                    return false;
                }
                self.ws();
            }
        }
        self.depth -= 1;
        true
    }

    fn digits(&mut self) -> usize {
        let start = self.at;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.at += 1;
        }
        self.at - start
    }

    fn number(&mut self) -> bool {
        self.eat(b'-');
        if !self.eat(b'0') && (!matches!(self.peek(), Some(b'1'..=b'9')) || self.digits() == 0) {
            return false;
        }
        if self.eat(b'.') && self.digits() == 0 {
            return false;
        }
        if self.eat(b'e') || self.eat(b'E') {
            let _ = self.eat(b'+') || self.eat(b'-');
            if self.digits() == 0 {
                return false;
            }
        }
        true
    }

    fn hex4(&mut self) -> Option<u32> {
        let hex = self.bytes.get(self.at..self.at + 4)?;
        let text = std::str::from_utf8(hex).ok()?;
        if !text.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        self.at += 4;
        u32::from_str_radix(text, 16).ok()
    }

    fn string(&mut self) -> bool {
        if !self.eat(b'"') {
            return false;
        }
        loop {
            match self.peek() {
                None | Some(0x00..=0x1F) => return false,
                Some(b'"') => {
                    self.at += 1;
                    return true;
                }
                Some(b'\\') => {
                    self.at += 1;
                    let Some(escape) = self.peek() else {
                        return false;
                    };
                    self.at += 1;
                    match escape {
                        b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't' => {}
                        b'u' => match self.hex4() {
                            Some(0xD800..=0xDBFF) => {
                                if !self.literal(b"\\u")
                                    || !matches!(self.hex4(), Some(0xDC00..=0xDFFF))
                                {
                                    return false;
                                }
                            }
                            Some(0xDC00..=0xDFFF) | None => return false,
                            Some(_) => {}
                        },
                        _ => return false,
                    }
                }
                Some(_) => self.at += 1,
            }
        }
    }
}

#[test]
fn the_recognizer_knows_json() {
    let yes: &[&[u8]] = &[
        b"1",
        b"-0.5e+10",
        b" [1, \"a\\u00e9\\ud83d\\ude00\", {\"k\": [true, false, null]}]\r\n",
        b"\xEF\xBB\xBF{}",
        b"\"\\u0000\"",
        b"1e999999",
    ];
    let no: &[&[u8]] = &[
        b"",
        b"01",
        b"1.",
        b".5",
        b"[1,]",
        b"{\"a\"}",
        b"\"\\ud800\"",
        b"\"\\udc00\\ud800\"",
        b"\"a\tb\"",
        b"[\x0c]",
        b"1 2",
        b"\"\xff\"",
        b"tru",
        b"{'a':1}",
    ];
    for text in yes {
        assert_eq!(
            accepts(text, 64),
            Some(true),
            "{:?}",
            String::from_utf8_lossy(text)
        );
    }
    for text in no {
        assert_eq!(
            accepts(text, 64),
            Some(false),
            "{:?}",
            String::from_utf8_lossy(text)
        );
    }
    assert_eq!(accepts(b"[[[1]]]", 2), None);
}
