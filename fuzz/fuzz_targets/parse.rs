//! The two JSON parsers against each other: whatever the fast path accepts,
//! the slow path (jsonc-parser, strict) accepts too, with the same tree.
//!
//! `parse` is the fast path with the slow one behind it, so the two differ
//! only where the fast path built a tree of its own.

#![no_main]

use libfuzzer_sys::fuzz_target;
use orderlint::parse::{parse, parse_slow};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(fast) = parse(text) {
        assert_eq!(Ok(fast), parse_slow(text), "{text:?}");
    }
});
