//! The two JSON parsers against each other, and the two ways of validating
//! a document: whatever the fast path accepts, the slow path (jsonc-parser,
//! strict) accepts too, with the same tree; and a tree is valid by the schema
//! exactly when the `serde_json::Value` it converts to is.
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
    let Ok(fast) = parse(text) else {
        return;
    };
    if let Some((tree, value)) = orderlint::schema::validity(&fast) {
        assert_eq!(tree, value, "valid on the tree, not as a value: {text:?}");
    }
    assert_eq!(Ok(fast), parse_slow(text), "{text:?}");
});
