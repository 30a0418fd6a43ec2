//! The two JSON parsers against each other, and the two ways of validating
//! a document: `orderlint::invariants::parse_disagreement` must find
//! nothing, on any input that is UTF-8.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Some(disagreement) = orderlint::invariants::parse_disagreement(text) {
        panic!("{disagreement}");
    }
});
