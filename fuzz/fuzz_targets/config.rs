//! The configuration parser (`orderlint.toml`) on any text.
//!
//! Nothing may panic; every error that points into the text points at a
//! span inside it, on character boundaries, and can be drawn. A
//! configuration that parses has its `[[suppress]]` spans in the text, and
//! the unused-suppression findings made from them keep the promises of
//! `orderlint::invariants::violations`.

#![no_main]

use std::collections::BTreeSet;

use libfuzzer_sys::fuzz_target;
use orderlint::config::{ConfigFile, Settings};
use orderlint::report::{Style, human};

const SHOWN: &str = "orderlint.toml";

fn in_text(text: &str, start: usize, end: usize) -> bool {
    start <= end && end <= text.len() && text.is_char_boundary(start) && text.is_char_boundary(end)
}

fuzz_target!(|data: &[u8]| {
    // Settings::load stops at text that is not UTF-8 before parsing.
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match ConfigFile::parse(SHOWN, text) {
        Err(errors) => {
            assert!(!errors.is_empty(), "an error without a mistake");
            for error in &errors {
                assert_eq!(error.path, SHOWN);
                assert!(!error.message.trim().is_empty(), "{error:?}");
                if let Some(span) = error.span {
                    assert!(
                        in_text(text, span.start, span.end),
                        "span {span:?} outside or inside a character of {} bytes: {error:?}",
                        text.len()
                    );
                }
                let drawn = human::render_error(Style::default(), error);
                assert!(!drawn.is_empty());
            }
        }
        Ok(file) => {
            for suppression in &file.suppress {
                let span = suppression.span;
                assert!(
                    in_text(text, span.start, span.end),
                    "suppression span {span:?} outside or inside a character of {} bytes",
                    text.len()
                );
            }
            let every: BTreeSet<usize> = (0..file.suppress.len()).collect();
            let settings = Settings {
                file: Some(file),
                ..Settings::default()
            };
            let unused = settings.unused_suppressions(&every, &BTreeSet::new());
            // `unused-suppression` is not a rule, so `violations` calls it
            // unknown; everything else it checks must hold.
            let mut broken = orderlint::invariants::violations(SHOWN, &unused, data);
            broken.retain(|v| !v.ends_with(": unknown rule"));
            assert!(broken.is_empty(), "{broken:#?}\n{unused:#?}");
        }
    }
});
