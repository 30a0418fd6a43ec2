use std::fmt::Write as _;

use jsonc_parser::ast::Value;

use crate::document::Document;
use crate::finding::Sink;
use crate::locate;
use crate::rules::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags a string value, anywhere in the body, that starts or ends with
    /// white space (spaces, tabs, line breaks, no-break spaces), and marks
    /// the white space. Keys are not checked, and an empty string is fine.
    ///
    /// Where the value breaks the schema as well (`"currency": "EUR "`,
    /// `"type": "direct "`), the `schema` error reports it instead, with the
    /// value in quotes and the corrected value in its help.
    ///
    /// ## Why is this bad?
    /// MultiSafepay's documentation asks you to "avoid trailing spaces in
    /// parameter fields". Nothing says the API trims them: a padded
    /// `redirect_url` is not the URL you meant, a padded `order_id` does not
    /// match the id in your shop, and a padded name may be shown as typed.
    ///
    /// ## Example
    /// ```json
    /// { "order_id": "A-1", "currency": "EUR", "amount": 1000, "description": " Order A-1 " }
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// { "order_id": "A-1", "currency": "EUR", "amount": 1000, "description": "Order A-1" }
    /// ```
    ///
    /// ## Source
    /// `reference/orders-api.md` section 1 ("Avoid trailing spaces in
    /// parameter fields") and rule R38.
    pub struct WhitespacePadding {
        name: "whitespace-padding",
        severity: Warning,
        summary: "a string value starts or ends with white space",
    }
}

impl Rule for WhitespacePadding {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, doc: &Document<'_>, sink: &mut Sink) {
        // Computed at the first padded value, if any.
        locate::walk(doc.root, &mut |path, value, _| {
            let Value::StringLit(string) = value else {
                return;
            };
            let text: &str = &string.value;
            // Most values have no white space at either end: look at the
            // ends before counting anything.
            let padded = |c: Option<char>| c.is_some_and(char::is_whitespace);
            if !padded(text.chars().next()) && !padded(text.chars().next_back()) {
                return;
            }
            let length = text.chars().count();
            let leading = text.chars().take_while(|c| c.is_whitespace()).count();
            let trailing = text.chars().rev().take_while(|c| c.is_whitespace()).count();
            if leading == 0 && trailing == 0 {
                return;
            }
            let pointer = locate::pointer(path);
            let field = locate::display(path);
            let shown = show(text);
            let span = |chars| locate::chars_span(doc.text, string, chars);
            if leading == length {
                sink.report(
                    &Self::META,
                    pointer,
                    span(0..length),
                    format!("`{field}` is only white space: `{shown}`"),
                )
                .label("only white space")
                .help(format!("write `{field}` without the white space"));
            } else if leading > 0 && trailing > 0 {
                sink.report(
                    &Self::META,
                    pointer,
                    span(0..leading),
                    format!("`{field}` has leading and trailing white space: `{shown}`"),
                )
                .label("leading white space")
                .related(span(length - trailing..length), "trailing white space")
                .help(format!("remove the white space at both ends of `{field}`"));
            } else if leading > 0 {
                sink.report(
                    &Self::META,
                    pointer,
                    span(0..leading),
                    format!("`{field}` has leading white space: `{shown}`"),
                )
                .label("leading white space")
                .help(format!("remove the white space at the start of `{field}`"));
            } else if trailing > 0 {
                sink.report(
                    &Self::META,
                    pointer,
                    span(length - trailing..length),
                    format!("`{field}` has trailing white space: `{shown}`"),
                )
                .label("trailing white space")
                .help(format!("remove the white space at the end of `{field}`"));
            }
        });
    }
}

/// The value as a JSON string, so that the white space shows (`" a"`,
/// `"a\t"`); a long value keeps its two ends, where the white space is.
fn show(text: &str) -> String {
    const END: usize = 24;
    let length = text.chars().count();
    if length <= 2 * END + 8 {
        return escape(text);
    }
    let head: String = text.chars().take(END).collect();
    let tail: String = text.chars().skip(length - END).collect();
    let (head, tail) = (escape(&head), escape(&tail));
    format!(
        "{}…{}",
        head.strip_suffix('"').unwrap_or(&head),
        tail.strip_prefix('"').unwrap_or(&tail)
    )
}

/// `text` as a JSON string literal, with every white space but the plain
/// space escaped, so that a tab or a no-break space can be seen.
fn escape(text: &str) -> String {
    let mut out = String::from('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() || (c.is_whitespace() && c != ' ') => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
