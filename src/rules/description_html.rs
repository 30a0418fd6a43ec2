use crate::document::Document;
use crate::finding::Sink;
use crate::locate::{self, Step};
use crate::rules::{Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags a `description` that contains an HTML tag (`<b>`, `</p>`,
    /// `<br/>`, `<a href="…">`) or an HTML entity (`&amp;`, `&#39;`,
    /// `&#x27;`), and marks the first one.
    ///
    /// Only real markup counts: a tag is a known HTML element name between
    /// `<` and `>`, an entity ends with `;`. Plain text such as `Size < 5 > 3`,
    /// `a<b`, `R&D` or `Tom & Jerry` is fine.
    ///
    /// ## Why is this bad?
    /// The description is plain text: it appears in your MultiSafepay
    /// dashboard and on the customer's bank statement, and HTML is not
    /// supported there, so tags and entities can show up as typed.
    /// Markup belongs in `items` or `shopping_cart`.
    ///
    /// ## Example
    /// ```json
    /// { "order_id": "A-1", "currency": "EUR", "amount": 1000, "description": "<b>Order A-1</b> at Smith &amp; Sons" }
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// { "order_id": "A-1", "currency": "EUR", "amount": 1000, "description": "Order A-1 at Smith & Sons", "items": "<b>1 x</b> vase" }
    /// ```
    ///
    /// ## Source
    /// `seeds/001_9c5696ff7555eecb.txt` and `seeds/003_f2c1e8ad5a05dc93.txt`
    /// (`description`: "HTML is **not** supported. Use the `items` or
    /// `shopping_cart` objects for this."); `reference/orders-api.md`
    /// section 3 and rule R6.
    pub struct DescriptionHtml {
        name: "description-html",
        severity: Error,
        summary: "`description` contains an HTML tag or entity",
    }
}

impl Rule for DescriptionHtml {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, doc: &Document<'_>, sink: &mut Sink) {
        let Some(description) = doc.string_field("description") else {
            return;
        };
        let chars: Vec<char> = description.value.chars().collect();
        let Some(markup) = first_markup(&chars) else {
            return;
        };
        let text: String = chars
            .get(markup.start..markup.end)
            .unwrap_or_default()
            .iter()
            .collect();
        let shown = shorten(&text);
        let (message, label, help) = match markup.kind {
            Kind::Tag => (
                format!("`description` contains the HTML tag `{shown}`"),
                "HTML tag",
                "write `description` as plain text; markup belongs in `items` or `shopping_cart`"
                    .to_owned(),
            ),
            Kind::Entity => (
                format!("`description` contains the HTML entity `{shown}`"),
                "HTML entity",
                match decode(&text) {
                    Some(c) if !c.is_control() && !c.is_whitespace() => {
                        format!("write `{c}` instead of `{text}`: `description` is plain text")
                    }
                    _ => "write the character itself: `description` is plain text, not HTML"
                        .to_owned(),
                },
            ),
        };
        sink.report(
            &Self::META,
            locate::pointer(&[Step::Key("description")]),
            locate::chars_span(doc.text, description, markup.start..markup.end),
            message,
        )
        .label(label)
        .help(help);
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Tag,
    Entity,
}

/// Where a tag or entity is, in characters of the decoded value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Markup {
    start: usize,
    end: usize,
    kind: Kind,
}

/// The first HTML tag or entity in `chars`.
fn first_markup(chars: &[char]) -> Option<Markup> {
    (0..chars.len()).find_map(|start| {
        let (end, kind) = match chars.get(start)? {
            '<' => (tag_end(chars, start)?, Kind::Tag),
            '&' => (entity_end(chars, start)?, Kind::Entity),
            _ => return None,
        };
        Some(Markup { start, end, kind })
    })
}

/// HTML element names (lowercase) that can mark up text; a tag must name
/// one, so that `<order number>` or `a<b` is not taken for markup.
const ELEMENTS: &[&str] = &[
    "a",
    "abbr",
    "address",
    "article",
    "aside",
    "audio",
    "b",
    "bdi",
    "bdo",
    "big",
    "blockquote",
    "body",
    "br",
    "button",
    "caption",
    "center",
    "cite",
    "code",
    "col",
    "colgroup",
    "dd",
    "del",
    "details",
    "dfn",
    "div",
    "dl",
    "dt",
    "em",
    "embed",
    "fieldset",
    "figcaption",
    "figure",
    "font",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hr",
    "html",
    "i",
    "iframe",
    "img",
    "input",
    "ins",
    "kbd",
    "label",
    "li",
    "link",
    "main",
    "mark",
    "meta",
    "nav",
    "ol",
    "p",
    "picture",
    "pre",
    "q",
    "s",
    "samp",
    "script",
    "section",
    "small",
    "source",
    "span",
    "strike",
    "strong",
    "style",
    "sub",
    "summary",
    "sup",
    "svg",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "time",
    "title",
    "tr",
    "tt",
    "u",
    "ul",
    "video",
    "wbr",
];

/// The most characters a tag may have: a link with a long `href` fits, a
/// stray `<` with a `>` much further on does not.
const MAX_TAG: usize = 512;

/// The end (exclusive) of the tag that starts at `start` (a `<`): `<b>`,
/// `</p>`, `<br/>`, `<br />`, `<a href="…">`.
fn tag_end(chars: &[char], start: usize) -> Option<usize> {
    let mut i = start + 1;
    if chars.get(i) == Some(&'/') {
        i += 1;
    }
    let name_start = i;
    while chars.get(i).is_some_and(char::is_ascii_alphanumeric) {
        i += 1;
    }
    let name: String = chars.get(name_start..i)?.iter().collect();
    if !ELEMENTS.contains(&name.to_ascii_lowercase().as_str()) {
        return None;
    }
    // A one-letter name in upper case is a size or a variant, not markup:
    // `size <S>`, `model <B>`. (`<P>` and `<B>` are rare in hand-written HTML.)
    if name.len() == 1 && name.chars().all(|c| c.is_ascii_uppercase()) {
        return None;
    }
    match chars.get(i)? {
        '>' => Some(i + 1),
        '/' => (chars.get(i + 1)? == &'>').then_some(i + 2),
        c if c.is_whitespace() => {
            // Attributes, up to the closing `>`, with no other `<` on the way.
            let rest = chars.get(i..)?.iter().take(MAX_TAG);
            for (offset, c) in rest.enumerate() {
                match c {
                    '>' => return Some(i + offset + 1),
                    '<' => return None,
                    _ => {}
                }
            }
            None
        }
        _ => None,
    }
}

/// The end (exclusive) of the entity that starts at `start` (a `&`):
/// `&amp;`, `&#39;`, `&#x27;`. A name has at least two characters (HTML
/// defines none shorter), so `R&D;` is not one.
fn entity_end(chars: &[char], start: usize) -> Option<usize> {
    let after = start + 1;
    let (digits_start, is_digit, min, max): (usize, fn(&char) -> bool, usize, usize) =
        match (chars.get(after)?, chars.get(after + 1)) {
            ('#', Some('x' | 'X')) => (after + 2, char::is_ascii_hexdigit, 1, 6),
            ('#', _) => (after + 1, char::is_ascii_digit, 1, 7),
            (c, _) if c.is_ascii_alphabetic() => (after, char::is_ascii_alphanumeric, 2, 32),
            _ => return None,
        };
    let mut i = digits_start;
    while chars.get(i).is_some_and(is_digit) {
        i += 1;
    }
    let count = i - digits_start;
    ((min..=max).contains(&count) && chars.get(i) == Some(&';')).then_some(i + 1)
}

/// The character a numeric entity or a common named entity stands for.
fn decode(entity: &str) -> Option<char> {
    let body = entity.strip_prefix('&')?.strip_suffix(';')?;
    let code = if let Some(hex) = body.strip_prefix("#x").or_else(|| body.strip_prefix("#X")) {
        u32::from_str_radix(hex, 16).ok()?
    } else if let Some(decimal) = body.strip_prefix('#') {
        decimal.parse().ok()?
    } else {
        return match body {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "euro" => Some('€'),
            "eacute" => Some('é'),
            "egrave" => Some('è'),
            "euml" => Some('ë'),
            "uuml" => Some('ü'),
            "ouml" => Some('ö'),
            "auml" => Some('ä'),
            "szlig" => Some('ß'),
            "copy" => Some('©'),
            "reg" => Some('®'),
            "trade" => Some('™'),
            _ => None,
        };
    };
    char::from_u32(code)
}

/// A tag as shown in a message: at most 40 characters.
fn shorten(text: &str) -> String {
    const MAX: usize = 40;
    if text.chars().count() <= MAX {
        return text.to_owned();
    }
    let mut out: String = text.chars().take(MAX - 1).collect();
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::{Kind, first_markup};

    fn find(text: &str) -> Option<(String, Kind)> {
        let chars: Vec<char> = text.chars().collect();
        first_markup(&chars).map(|m| (chars[m.start..m.end].iter().collect(), m.kind))
    }

    #[test]
    fn finds_tags_and_entities() {
        for (text, markup, kind) in [
            ("<b>Order</b>", "<b>", Kind::Tag),
            ("Order</p>", "</p>", Kind::Tag),
            ("one<br/>two", "<br/>", Kind::Tag),
            ("one<BR />two", "<BR />", Kind::Tag),
            (
                "see <a href=\"https://x.test\">here</a>",
                "<a href=\"https://x.test\">",
                Kind::Tag,
            ),
            ("Smith &amp; Sons", "&amp;", Kind::Entity),
            ("Tom&#39;s", "&#39;", Kind::Entity),
            ("Tom&#x27;s", "&#x27;", Kind::Entity),
            ("a<b & c &lt; d", "&lt;", Kind::Entity),
        ] {
            assert_eq!(find(text), Some((markup.to_owned(), kind)), "{text}");
        }
    }

    #[test]
    fn leaves_plain_text_alone() {
        for text in [
            "Size < 5 > 3",
            "R&D",
            "Tom & Jerry",
            "a<b",
            "if a<b then",
            "<order number>",
            "R&D; costs",
            "AT&T",
            "&#;",
            "&#x;",
            "1 < 2 && 3 > 2",
            "<>",
            "</>",
            "<b",
            "<b x",
            "<",
            "&",
        ] {
            assert_eq!(find(text), None, "{text}");
        }
    }
}
