//! The bundled JSON Schema of the `POST /orders` body, and its errors in plain
//! words at the right place.
//!
//! The schema is compiled once per process and shared. The validator works on
//! the spanned tree (not on a second parse), so what it sees is exactly what
//! the rules see: first on the tree itself ([`tree`]), and, where that finds
//! the document invalid, on a `serde_json::Value` built from it, whose errors
//! are reported. Where a key appears twice the last one wins, as in
//! serde_json.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::LazyLock;

use jsonc_parser::ast::{ObjectProp, Value};
use jsonschema::error::{TypeKind, ValidationErrorKind};
use jsonschema::paths::LocationSegment;
use jsonschema::{Draft, JsonType, ValidationError, Validator};
use serde_json::Value as Json;

use crate::document::Document;
use crate::finding::{Sink, Span};
use crate::locate::{self, Step};
use crate::rules::RuleMeta;
use crate::text::plural;

/// The schema's text, as bundled in the binary.
pub const SCHEMA_TEXT: &str = include_str!("../../schemas/orders.schema.json");

/// The parsed schema, or why it does not parse (a test makes sure it does).
pub static SCHEMA: LazyLock<Result<Json, String>> =
    LazyLock::new(|| serde_json::from_str(SCHEMA_TEXT).map_err(|e| e.to_string()));

pub mod tree;

/// The validator of documents that are spanned trees: it says whether one is
/// valid (see [`tree`]).
static TREE_VALIDATOR: LazyLock<Result<Validator<tree::Spanned>, String>> = LazyLock::new(|| {
    let schema = SCHEMA.as_ref().map_err(Clone::clone)?;
    jsonschema::options_for::<tree::Spanned>()
        .with_draft(Draft::Draft202012)
        .build(schema)
        .map_err(|e| e.to_string())
});

/// The validator of `serde_json::Value`s: it says what is wrong with a
/// document that is not valid. Compiled the first time one is found.
static VALIDATOR: LazyLock<Result<Validator, String>> = LazyLock::new(|| {
    let schema = SCHEMA.as_ref().map_err(Clone::clone)?;
    jsonschema::draft202012::new(schema).map_err(|e| e.to_string())
});

/// Compiles the schema now, so that a broken build is a tool error at start-up
/// rather than a finding in every file.
pub fn validator() -> Result<&'static Validator<tree::Spanned>, String> {
    TREE_VALIDATOR
        .as_ref()
        .map_err(|e| format!("the bundled schema does not compile: {e}"))
}

/// Whether `root` is valid on the tree and as a `serde_json::Value`, in that
/// order: `None` when a key repeats in it (it is then never validated on the
/// tree) or the schema does not compile. The two answers must agree; tests
/// and the `parse` fuzz target hold them to it.
#[must_use]
pub fn validity(root: &Value<'_>) -> Option<(bool, bool)> {
    if crate::document::has_duplicate_keys(root) {
        return None;
    }
    let (Ok(tree), Ok(value)) = (TREE_VALIDATOR.as_ref(), VALIDATOR.as_ref()) else {
        return None;
    };
    Some((
        tree.is_valid(tree::Ref::new(root)),
        value.is_valid(&to_json(root)),
    ))
}

/// Validates `doc` and reports every error.
pub fn check(doc: &Document<'_>, rule: &'static RuleMeta, sink: &mut Sink) {
    let Ok(tree_validator) = validator() else {
        // main() compiles the schema before it reads any file; a library
        // caller that skipped that gets no schema findings rather than a panic.
        return;
    };
    // Most documents are valid, and a yes or no, on the tree as it is, is
    // much cheaper than the errors. Not where a key repeats: see [`tree`].
    if !doc.duplicate_keys && tree_validator.is_valid(tree::Ref::new(doc.root)) {
        return;
    }
    let Ok(validator) = VALIDATOR.as_ref() else {
        // The same schema as the tree validator's, which compiled; a unit
        // test compiles both.
        return;
    };
    // Invalid on the tree means invalid as a value (see [`validity`]), so
    // straight to the errors; where a key repeats, there may be none.
    let instance = to_json(doc.root);
    let errors: Vec<ValidationError<'_>> = validator.iter_errors(&instance).collect();
    // A field can be required by more than one condition (`type: checkout`
    // and a post-payment gateway both require `shopping_cart`): one problem,
    // one finding, which gives every reason.
    let mut reasons: Vec<(String, Vec<String>)> = Vec::new();
    for error in &errors {
        if let ValidationErrorKind::Required { property } = error.kind() {
            let key = format!("{}/{}", error.instance_path().as_str(), property);
            let reason = condition(error);
            match reasons.iter_mut().find(|(k, _)| *k == key) {
                Some((_, list)) => list.extend(reason),
                None => reasons.push((key, reason.into_iter().collect())),
            }
        }
    }
    let mut done: Vec<String> = Vec::new();
    for error in &errors {
        let why = match error.kind() {
            ValidationErrorKind::Required { property } => {
                let key = format!("{}/{}", error.instance_path().as_str(), property);
                if done.contains(&key) {
                    continue;
                }
                let why = reasons
                    .iter()
                    .find(|(k, _)| *k == key)
                    .map(|(_, list)| list.join("; "))
                    .unwrap_or_default();
                done.push(key);
                why
            }
            _ => String::new(),
        };
        report(doc, error, &why, rule, sink);
    }
}

/// Converts the spanned tree to a `serde_json::Value`. Numbers keep their
/// kind: an integer that fits in 64 bits stays an integer; any other number is
/// an `f64`, and one too large for that is the largest finite `f64` with its
/// sign, so that range checks still fail on it.
#[must_use]
pub fn to_json(value: &Value<'_>) -> Json {
    match value {
        Value::StringLit(s) => Json::String(s.value.to_string()),
        Value::NumberLit(n) => Json::Number(number(n.value)),
        Value::BooleanLit(b) => Json::Bool(b.value),
        Value::NullKeyword(_) => Json::Null,
        Value::Array(array) => Json::Array(array.elements.iter().map(to_json).collect()),
        Value::Object(object) => {
            // Inserted one by one (a later key replaces an earlier one, as
            // when collecting): cheaper for small maps than collecting,
            // which buffers and sorts the entries first.
            let mut map = serde_json::Map::new();
            for prop in &object.properties {
                map.insert(prop.name.as_str().to_owned(), to_json(&prop.value));
            }
            Json::Object(map)
        }
    }
}

fn number(raw: &str) -> serde_json::Number {
    if let Ok(i) = raw.parse::<i64>() {
        return i.into();
    }
    if let Ok(u) = raw.parse::<u64>() {
        return u.into();
    }
    let f = raw.parse::<f64>().unwrap_or(0.0);
    let f = if f.is_finite() {
        f
    } else {
        f64::MAX.copysign(f)
    };
    serde_json::Number::from_f64(f).unwrap_or_else(|| 0.into())
}

/// The error's instance path, owned (jsonschema hands out its segments by value).
enum Segment {
    Key(String),
    Index(usize),
}

fn segments(error: &ValidationError<'_>) -> Vec<Segment> {
    error
        .instance_path()
        .iter()
        .map(|segment| match segment {
            LocationSegment::Property(name) => Segment::Key(name.into_owned()),
            LocationSegment::Index(i) => Segment::Index(i),
        })
        .collect()
}

fn report(
    doc: &Document<'_>,
    error: &ValidationError<'_>,
    why: &str,
    rule: &'static RuleMeta,
    sink: &mut Sink,
) {
    let segments = segments(error);
    let path: Vec<Step<'_>> = segments
        .iter()
        .map(|segment| match segment {
            Segment::Key(key) => Step::Key(key),
            Segment::Index(i) => Step::Index(*i),
        })
        .collect();
    let field = subject(&path);
    let here = locate::pointer(&path);
    let (node, prop) = locate::node_at(doc.root, &path).unzip();
    let prop = prop.flatten();
    let value_span = node.map_or(Span::new(0, 0), locate::span_of);
    let instance = error.instance();

    match error.kind() {
        ValidationErrorKind::Required { property } => {
            let name = property.as_str().unwrap_or_default();
            let mut missing = path.clone();
            missing.push(Step::Key(name));
            // A missing field has no span: point at the object that lacks it,
            // by its key, or by its opening brace at the top level.
            let span = match prop {
                Some(prop) => locate::key_span(prop),
                None => Span::new(value_span.start, value_span.start + 1),
            };
            let mut message = if path.is_empty() {
                format!("missing required field `{name}`")
            } else {
                format!("{field} is missing the required field `{name}`")
            };
            if !why.is_empty() {
                let _ = write!(message, " ({why})");
            }
            sink.report(rule, locate::pointer(&missing), span, message)
                .keyword("required")
                .label(format!("missing `{name}`"))
                .help(format!("add `{name}` to {field}"));
        }
        ValidationErrorKind::AdditionalProperties { unexpected }
        | ValidationErrorKind::UnevaluatedProperties { unexpected } => {
            // The last property of each key (the one the validator saw), for
            // a lookup per unexpected key rather than a scan.
            let last: HashMap<&str, &ObjectProp<'_>> = node
                .and_then(Value::as_object)
                .map(|o| {
                    o.properties
                        .iter()
                        .map(|prop| (prop.name.as_str(), prop))
                        .collect()
                })
                .unwrap_or_default();
            for key in unexpected {
                let key_prop = last.get(key.as_str()).copied();
                let span = key_prop.map_or(value_span, locate::key_span);
                let mut at = path.clone();
                at.push(Step::Key(key));
                let message = format!("unknown field `{key}` in {field}");
                sink.report(rule, locate::pointer(&at), span, message)
                    .keyword("additionalProperties")
                    .label("not a documented field")
                    .help("remove it, or check its spelling against the API reference");
            }
        }
        kind => {
            let found = found(node, instance);
            let (message, label) = describe(kind, &field, &found, instance);
            let report = sink
                .report(rule, here, value_span, message)
                .keyword(keyword(kind))
                .label(label);
            if let Some(help) = help(kind, instance) {
                report.help(help);
            }
        }
    }
}

/// The keyword of an error, as a `&'static str` (jsonschema lends it only
/// for the error's lifetime).
fn keyword(kind: &ValidationErrorKind) -> &'static str {
    const KEYWORDS: &[&str] = &[
        "type",
        "enum",
        "const",
        "pattern",
        "maxLength",
        "minLength",
        "minimum",
        "maximum",
        "exclusiveMinimum",
        "exclusiveMaximum",
        "multipleOf",
        "minItems",
        "maxItems",
        "uniqueItems",
        "minProperties",
        "maxProperties",
        "not",
        "falseSchema",
        "format",
    ];
    let name = kind.keyword();
    KEYWORDS
        .iter()
        .copied()
        .find(|k| *k == name)
        .unwrap_or("other")
}

/// How to fix the common cases; the message says enough for the rest.
fn help(kind: &ValidationErrorKind, instance: &Json) -> Option<String> {
    match kind {
        ValidationErrorKind::Type { kind } => type_help(kind, instance),
        ValidationErrorKind::Enum { options } => {
            let text = instance.as_str()?;
            let fix = options
                .as_array()?
                .iter()
                .filter_map(Json::as_str)
                .find(|option| option.eq_ignore_ascii_case(text.trim()))?;
            Some(format!("write `{fix}`: the values are case-sensitive"))
        }
        ValidationErrorKind::Pattern { pattern } => pattern_help(pattern, instance.as_str()?),
        ValidationErrorKind::MaxLength { limit } => {
            Some(format!("shorten it to at most {limit} characters"))
        }
        _ => None,
    }
}

fn type_help(kind: &TypeKind, instance: &Json) -> Option<String> {
    let wants = |t: JsonType| match kind {
        TypeKind::Single(single) => *single == t,
        TypeKind::Multiple(set) => set.contains(t),
    };
    match instance {
        Json::String(text) if wants(JsonType::Number) => {
            text.trim().parse::<f64>().ok()?;
            Some(format!("drop the quotes: `{}`", text.trim()))
        }
        Json::String(text) if wants(JsonType::Integer) => {
            text.trim().parse::<i64>().ok()?;
            Some(format!("drop the quotes: `{}`", text.trim()))
        }
        Json::String(text) if wants(JsonType::Boolean) => {
            let fix = match text.trim() {
                "true" | "1" => "`true`",
                "false" | "0" | "" => "`false`",
                _ => "`true` or `false`",
            };
            Some(format!("write {fix}, without quotes"))
        }
        Json::Number(_) | Json::Bool(_) if wants(JsonType::String) => {
            Some(format!("put it in quotes: `\"{instance}\"`"))
        }
        _ => None,
    }
}

/// A corrected value for the patterns of the bundled schema, where the
/// mistake is a common one.
fn pattern_help(pattern: &str, text: &str) -> Option<String> {
    let fix = match pattern {
        "^[A-Z]{3}$" | "^[A-Z]{2}$" => {
            let upper = text.trim().to_ascii_uppercase();
            let wanted = if pattern == "^[A-Z]{3}$" { 3 } else { 2 };
            (upper.len() == wanted && upper.bytes().all(|b| b.is_ascii_uppercase()))
                .then_some(upper)?
        }
        "^[a-z]{2}_[A-Z]{2}$" => {
            let (language, country) = text.trim().split_once(['-', '_'])?;
            let fix = format!(
                "{}_{}",
                language.to_ascii_lowercase(),
                country.to_ascii_uppercase()
            );
            (fix.len() == 5 && fix.is_ascii()).then_some(fix)?
        }
        "^[0-9]{4}-[0-9]{2}-[0-9]{2}$" => {
            // The published examples write `10071970` and `31-01-1951`:
            // day, month, year.
            let digits: String = text.chars().filter(char::is_ascii_digit).collect();
            let plain = text
                .chars()
                .all(|c| c.is_ascii_digit() || c == '-' || c == '/' || c == '.');
            if digits.len() != 8 || !plain {
                return None;
            }
            format!("{}-{}-{}", &digits[4..8], &digits[2..4], &digits[0..2])
        }
        _ => return None,
    };
    Some(format!("write `{fix}`"))
}

/// The message and label for every kind of error but `required` and unknown
/// fields, which have places of their own.
fn describe(
    kind: &ValidationErrorKind,
    field: &str,
    found: &str,
    instance: &Json,
) -> (String, String) {
    match kind {
        ValidationErrorKind::Type { kind } => (
            format!("{field} must be {}, found {found}", expected_type(kind)),
            format!("expected {}", expected_type(kind)),
        ),
        ValidationErrorKind::Enum { options } => (
            format!("{field} must be {}, found {found}", one_of(options)),
            "not an allowed value".to_owned(),
        ),
        ValidationErrorKind::Constant { expected_value } => (
            format!("{field} must be `{expected_value}`, found {found}"),
            "not the allowed value".to_owned(),
        ),
        ValidationErrorKind::Pattern { pattern } => (
            format!("{field} must be {}, found {found}", pattern_words(pattern)),
            "wrong format".to_owned(),
        ),
        ValidationErrorKind::MaxLength { limit } => {
            let length = instance.as_str().map_or(0, |s| s.chars().count());
            (
                format!("{field} is {length} characters long, more than the maximum of {limit}"),
                format!("{length} characters"),
            )
        }
        ValidationErrorKind::MinLength { limit } => {
            let length = instance.as_str().map_or(0, |s| s.chars().count());
            let unit = if *limit == 1 {
                "character"
            } else {
                "characters"
            };
            (
                format!(
                    "{field} is {length} characters long, fewer than the minimum of {limit} {unit}"
                ),
                format!("{length} characters"),
            )
        }
        ValidationErrorKind::Minimum { limit } => (
            format!("{field} must be at least {limit}, found {found}"),
            format!("less than {limit}"),
        ),
        ValidationErrorKind::Maximum { limit } => (
            format!("{field} must be at most {limit}, found {found}"),
            format!("more than {limit}"),
        ),
        ValidationErrorKind::ExclusiveMinimum { limit } => (
            format!("{field} must be greater than {limit}, found {found}"),
            format!("not more than {limit}"),
        ),
        ValidationErrorKind::ExclusiveMaximum { limit } => (
            format!("{field} must be less than {limit}, found {found}"),
            format!("not less than {limit}"),
        ),
        ValidationErrorKind::MinItems { limit } => (
            format!(
                "{field} must have at least {}",
                plural(usize::try_from(*limit).unwrap_or(usize::MAX), "item")
            ),
            "too few items".to_owned(),
        ),
        ValidationErrorKind::MaxItems { limit } => (
            format!(
                "{field} must have at most {}",
                plural(usize::try_from(*limit).unwrap_or(usize::MAX), "item")
            ),
            "too many items".to_owned(),
        ),
        ValidationErrorKind::MinProperties { limit } => (
            format!(
                "{field} must have at least {}",
                plural(usize::try_from(*limit).unwrap_or(usize::MAX), "field")
            ),
            "too few fields".to_owned(),
        ),
        ValidationErrorKind::MaxProperties { limit } => (
            format!(
                "{field} must have at most {}",
                plural(usize::try_from(*limit).unwrap_or(usize::MAX), "field")
            ),
            "too many fields".to_owned(),
        ),
        ValidationErrorKind::UniqueItems => (
            format!("{field} must not repeat an item"),
            "repeated item".to_owned(),
        ),
        ValidationErrorKind::MultipleOf { multiple_of } => (
            format!("{field} must be a multiple of {multiple_of}, found {found}"),
            "not a multiple".to_owned(),
        ),
        ValidationErrorKind::FalseSchema | ValidationErrorKind::Not { .. } => (
            format!("{field} is not allowed here"),
            "not allowed".to_owned(),
        ),
        other => (
            format!(
                "{field} does not satisfy the schema's `{}` constraint",
                other.keyword()
            ),
            "invalid".to_owned(),
        ),
    }
}

fn type_name(t: JsonType) -> &'static str {
    match t {
        JsonType::Array => "an array",
        JsonType::Boolean => "a boolean (`true` or `false`)",
        JsonType::Integer => "an integer",
        JsonType::Null => "`null`",
        JsonType::Number => "a number",
        JsonType::Object => "an object",
        JsonType::String => "a string",
    }
}

fn expected_type(kind: &TypeKind) -> String {
    match kind {
        TypeKind::Single(t) => type_name(*t).to_owned(),
        TypeKind::Multiple(set) => {
            let names: Vec<&str> = set.iter().map(type_name).collect();
            names.join(" or ")
        }
    }
}

/// How a field is named in a message: `` `customer.email` ``, or "the
/// request body" for the whole document.
fn subject(path: &[Step<'_>]) -> String {
    if path.is_empty() {
        "the request body".to_owned()
    } else {
        format!("`{}`", locate::display(path))
    }
}

/// How a value is named in a message: `the string "2495"`, `the number
/// 24.95`. A number is quoted as the file writes it (`1e05`, not `100000.0`).
fn found(node: Option<&Value<'_>>, value: &Json) -> String {
    let shown = match node {
        Some(Value::NumberLit(n)) => shorten(n.value),
        _ => shorten(&value.to_string()),
    };
    match value {
        Json::String(_) => format!("the string `{shown}`"),
        Json::Number(_) => format!("the number `{shown}`"),
        Json::Bool(_) | Json::Null => format!("`{shown}`"),
        Json::Array(_) => "an array".to_owned(),
        Json::Object(_) => "an object".to_owned(),
    }
}

fn shorten(text: &str) -> String {
    const MAX: usize = 60;
    if text.chars().count() <= MAX {
        return text.to_owned();
    }
    let mut out: String = text.chars().take(MAX).collect();
    out.push('…');
    out
}

fn one_of(options: &Json) -> String {
    let Some(options) = options.as_array() else {
        return format!("one of {options}");
    };
    let shown: Vec<String> = options
        .iter()
        .take(12)
        .map(|o| match o {
            Json::String(s) => format!("`{s}`"),
            other => format!("`{other}`"),
        })
        .collect();
    let more = if options.len() > shown.len() {
        ", …"
    } else {
        ""
    };
    match shown.as_slice() {
        [one] => one.clone(),
        _ => format!("one of {}{more}", shown.join(", ")),
    }
}

/// Patterns of the bundled schema in words; any other pattern is quoted.
fn pattern_words(pattern: &str) -> String {
    match pattern {
        "^[A-Z]{3}$" => "three upper-case letters, an ISO 4217 currency code such as `EUR`".into(),
        "^[A-Z]{2}$" => "two upper-case letters, an ISO 3166-1 country code such as `NL`".into(),
        "^[a-z]{2}_[A-Z]{2}$" => "a locale such as `nl_NL` (language, `_`, country)".into(),
        "^[0-9]+$" => "a whole number written in digits".into(),
        "^[0-9]{4}-[0-9]{2}-[0-9]{2}$" | r"^\d{4}-\d{2}-\d{2}$" => {
            "a date written `YYYY-MM-DD`".into()
        }
        "^[0-9]{4}$" | r"^\d{4}$" => "four digits".into(),
        "^[0-9]{3,4}$" => "3 or 4 digits".into(),
        other => format!("text matching the pattern `{other}`"),
    }
}

/// For a `required` inside `allOf[n].then`: the `description` of that
/// `allOf` entry, which says when the field is required. (The schema has no
/// `$ref`, so the keyword location is a pointer into the schema itself.)
fn condition(error: &ValidationError<'_>) -> Option<String> {
    let schema = SCHEMA.as_ref().ok()?;
    let location = error.schema_path().as_str();
    let then_at = location.rfind("/then/")?;
    let entry = schema.pointer(location.get(..then_at)?)?;
    entry.get("description")?.as_str().map(str::to_owned)
}

/// The documented keys of the object at `steps`, when the schema closes it
/// (`additionalProperties: false`); `None` for an open object, or a place the
/// schema does not describe.
#[must_use]
pub fn documented_keys(steps: &[Step<'_>]) -> Option<Vec<&'static str>> {
    let mut place = Place::root()?;
    for step in steps {
        place = match step {
            Step::Key(key) => place.key(key)?,
            Step::Index(_) => place.items()?,
        };
    }
    place.documented().map(<[_]>::to_vec)
}

/// What the schema says about one place in a document, by its `properties`
/// and `items` only: the keys it documents and the place below each. Built
/// once from the bundled schema, so that a walk of a document takes one
/// step per level instead of looking keywords up in the schema's JSON.
#[derive(Debug)]
pub struct Place {
    /// The keys of `properties`, in the schema's order, when the schema
    /// closes the object (`additionalProperties: false`).
    documented: Option<Vec<&'static str>>,
    /// The place below each key of `properties`, by length, then by bytes:
    /// a search compares lengths, then the text of the few of that length.
    keys: Vec<(&'static str, Place)>,
    /// The place of an array's elements.
    items: Option<Box<Place>>,
}

static PLACES: LazyLock<Option<Place>> = LazyLock::new(|| SCHEMA.as_ref().ok().map(Place::new));

impl Place {
    fn new(node: &'static Json) -> Self {
        let properties = node.get("properties").and_then(Json::as_object);
        let closed = node.get("additionalProperties") == Some(&Json::Bool(false));
        let mut keys: Vec<(&'static str, Place)> = properties
            .into_iter()
            .flatten()
            .map(|(key, child)| (key.as_str(), Place::new(child)))
            .collect();
        keys.sort_unstable_by(|a, b| by_length(a.0, b.0));
        Self {
            documented: properties
                .filter(|_| closed)
                .map(|properties| properties.keys().map(String::as_str).collect()),
            keys,
            items: node.get("items").map(|items| Box::new(Place::new(items))),
        }
    }

    /// The whole document's place (none if the bundled schema does not parse).
    #[must_use]
    pub fn root() -> Option<&'static Place> {
        PLACES.as_ref()
    }

    /// The documented keys, in the schema's order, when the schema closes
    /// the object here; `None` for an open object.
    #[must_use]
    pub fn documented(&self) -> Option<&[&'static str]> {
        self.documented.as_deref()
    }

    /// The place below `key`, when the schema describes it.
    #[must_use]
    pub fn key(&self, key: &str) -> Option<&Place> {
        // Keys of one length are few: find them by length, then compare.
        let first = self
            .keys
            .partition_point(|(known, _)| known.len() < key.len());
        self.keys
            .get(first..)?
            .iter()
            .take_while(|(known, _)| known.len() == key.len())
            .find(|(known, _)| *known == key)
            .map(|(_, place)| place)
    }

    /// The place of this array's elements, when the schema describes them.
    #[must_use]
    pub fn items(&self) -> Option<&Place> {
        self.items.as_deref()
    }
}

fn by_length(a: &str, b: &str) -> std::cmp::Ordering {
    a.len().cmp(&b.len()).then_with(|| a.cmp(b))
}

#[cfg(test)]
mod tests {
    use super::{Json, Place, SCHEMA, TREE_VALIDATOR, VALIDATOR, documented_keys};
    use crate::locate::Step;

    /// main() compiles the tree validator at start-up; the other one is
    /// compiled the first time a document is invalid, and must compile too.
    #[test]
    fn both_validators_compile() {
        assert!(
            TREE_VALIDATOR.is_ok(),
            "{:?}",
            TREE_VALIDATOR.as_ref().err()
        );
        assert!(VALIDATOR.is_ok(), "{:?}", VALIDATOR.as_ref().err());
    }

    /// Every place the schema describes, with its path, as the schema's JSON
    /// says it: the keys of `properties` where `additionalProperties` is
    /// `false`.
    fn expected(
        node: &Json,
        path: &mut Vec<String>,
        out: &mut Vec<(Vec<String>, Option<Vec<String>>)>,
    ) {
        let closed = node.get("additionalProperties") == Some(&Json::Bool(false));
        let properties = node.get("properties").and_then(Json::as_object);
        let keys = properties
            .filter(|_| closed)
            .map(|p| p.keys().cloned().collect());
        out.push((path.clone(), keys));
        for (key, child) in properties.into_iter().flatten() {
            path.push(key.clone());
            expected(child, path, out);
            path.pop();
        }
        if let Some(items) = node.get("items") {
            path.push("[]".to_owned());
            expected(items, path, out);
            path.pop();
        }
    }

    #[test]
    fn places_match_the_schema() {
        let schema = SCHEMA.as_ref().unwrap();
        let mut all = Vec::new();
        expected(schema, &mut Vec::new(), &mut all);
        assert!(all.len() > 50, "{}", all.len());
        for (path, keys) in &all {
            let steps: Vec<Step<'_>> = path
                .iter()
                .map(|step| match step.as_str() {
                    "[]" => Step::Index(0),
                    key => Step::Key(key),
                })
                .collect();
            let found =
                documented_keys(&steps).map(|k| k.iter().map(|s| (*s).to_owned()).collect());
            assert_eq!(&found, keys, "at {path:?}");
        }
        let root = Place::root().unwrap();
        assert!(root.key("order_id").is_some());
        assert!(root.key("order_i").is_none());
        assert!(root.key("").is_none());
        assert!(root.key("customer").and_then(|c| c.documented()).is_some());
        assert!(documented_keys(&[Step::Key("no_such_key")]).is_none());
    }
}
