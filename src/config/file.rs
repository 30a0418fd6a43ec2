//! Reading `orderlint.toml`: the TOML as written (serde, with spans), checked
//! and compiled into a [`ConfigFile`], or every mistake found in it as a
//! [`ConfigError`] that points at the exact place.

use std::collections::BTreeMap;

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use toml::Spanned;

use super::ConfigError;
use crate::finding::{Severity, Span};
use crate::rules;
use crate::run::IO_ERROR;

/// The name of the pseudo-rule of a `[[suppress]]` table that matched
/// nothing. Not a rule: it cannot be configured.
pub const UNUSED_SUPPRESSION: &str = "unused-suppression";

/// What a rule is set to in `[rules]` or `[overrides.rules]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// The rule's findings are not reported.
    Off,
    /// The rule reports at severity info.
    Info,
    /// The rule reports at severity warning.
    Warning,
    /// The rule reports at severity error.
    Error,
}

impl Level {
    /// The severity, or `None` for `off`.
    #[must_use]
    pub fn severity(self) -> Option<Severity> {
        match self {
            Level::Off => None,
            Level::Info => Some(Severity::Info),
            Level::Warning => Some(Severity::Warning),
            Level::Error => Some(Severity::Error),
        }
    }
}

type RawRules = BTreeMap<Spanned<String>, Spanned<Level>>;

/// The file as written. Unknown keys are errors, so a misspelt key is never
/// silently ignored.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Raw {
    include: Option<Spanned<Vec<Spanned<String>>>>,
    #[serde(default)]
    exclude: Vec<Spanned<String>>,
    fail_on: Option<Severity>,
    detect: Option<bool>,
    max_file_size: Option<Spanned<toml::Value>>,
    #[serde(default)]
    rules: RawRules,
    #[serde(default)]
    overrides: Vec<Spanned<RawOverride>>,
    #[serde(default)]
    suppress: Vec<Spanned<RawSuppress>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawOverride {
    files: Spanned<Vec<Spanned<String>>>,
    #[serde(default)]
    rules: RawRules,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawSuppress {
    files: Spanned<Vec<Spanned<String>>>,
    pointer: Spanned<String>,
    rules: Spanned<Vec<Spanned<String>>>,
    // Optional here only so that its absence gets its own message.
    reason: Option<Spanned<String>>,
}

/// A compiled list of globs, matched against a `/`-separated path relative
/// to the configuration's directory.
#[derive(Debug, Clone)]
pub struct Globs(GlobSet);

impl Globs {
    /// Whether a glob matches `path` or one of its parent directories
    /// (`fixtures/legacy` matches everything below it).
    #[must_use]
    pub fn matches(&self, path: &str) -> bool {
        let mut candidate = path;
        loop {
            if self.0.is_match(candidate) {
                return true;
            }
            match candidate.rsplit_once('/') {
                Some((parent, _)) => candidate = parent,
                None => return false,
            }
        }
    }
}

/// An `[[overrides]]` table.
#[derive(Debug, Clone)]
pub struct Override {
    /// Which files it applies to.
    pub files: Globs,
    /// Each rule named and what it is set to.
    pub rules: Vec<(&'static str, Level)>,
}

/// A `[[suppress]]` table.
#[derive(Debug, Clone)]
pub struct Suppression {
    /// Which files it applies to.
    pub files: Globs,
    /// The JSON Pointer, exactly as findings carry it.
    pub pointer: String,
    /// The rules whose findings it silences.
    pub rules: Vec<&'static str>,
    /// The whole table in the TOML text.
    pub span: Span,
}

/// A checked `orderlint.toml`.
#[derive(Debug, Clone, Default)]
pub struct ConfigFile {
    /// The path as shown in messages and findings.
    pub shown: String,
    /// The TOML text, for showing unused suppressions in it.
    pub text: String,
    /// `include`: when set, only walked files that match are checked.
    pub include: Option<Globs>,
    /// `exclude`: files that are not checked.
    pub exclude: Option<Globs>,
    /// `fail-on`.
    pub fail_on: Option<Severity>,
    /// `detect`.
    pub detect: Option<bool>,
    /// `max-file-size`, in bytes.
    pub max_file_size: Option<u64>,
    /// `[rules]`: each rule named and what it is set to.
    pub rules: Vec<(&'static str, Level)>,
    /// `[[overrides]]`, in order.
    pub overrides: Vec<Override>,
    /// `[[suppress]]`, in order.
    pub suppress: Vec<Suppression>,
}

/// Collects the errors found while compiling, so that all of them are shown
/// at once rather than one per run.
struct Checker<'a> {
    shown: &'a str,
    text: &'a str,
    errors: Vec<ConfigError>,
}

impl ConfigFile {
    /// Parses and checks the text of a configuration shown as `shown`.
    ///
    /// # Errors
    /// Every mistake found: a TOML syntax error or a wrong type or key stops
    /// at the first; the checks after that (rule names, globs, pointers,
    /// reasons) report all.
    pub fn parse(shown: &str, text: &str) -> Result<Self, Vec<ConfigError>> {
        let raw: Raw = toml::from_str(text).map_err(|error| {
            let message = error.message().trim_end().to_owned();
            let label = [
                ("unknown field", "unknown key"),
                ("missing field", "in this table"),
                ("invalid type", "wrong type"),
                ("unknown variant", "not allowed"),
            ]
            .into_iter()
            .find(|(start, _)| message.starts_with(start))
            .map_or("here", |(_, label)| label);
            vec![ConfigError {
                path: shown.to_owned(),
                text: Some(text.to_owned()),
                message,
                span: error.span().map(|s| Span::new(s.start, s.end)),
                label: Some(label.to_owned()),
                help: None,
            }]
        })?;
        let mut check = Checker {
            shown,
            text,
            errors: Vec::new(),
        };
        let include = raw.include.as_ref().map(|list| {
            if list.get_ref().is_empty() {
                check.error(
                    list.span(),
                    "`include` is empty, so no file would be checked",
                    "empty",
                    Some("remove `include` to check every file"),
                );
            }
            check.globs(list.get_ref())
        });
        let exclude = (!raw.exclude.is_empty()).then(|| check.globs(&raw.exclude));
        let max_file_size = raw.max_file_size.as_ref().and_then(|v| check.size(v));
        let rules = check.levels(&raw.rules);
        let overrides = raw
            .overrides
            .iter()
            .map(|o| {
                let o = o.get_ref();
                Override {
                    files: check.files(&o.files),
                    rules: check.levels(&o.rules),
                }
            })
            .collect();
        let suppress = raw.suppress.iter().map(|s| check.suppression(s)).collect();
        if !check.errors.is_empty() {
            check.errors.sort_by_key(|e| e.span.map(|s| s.start));
            return Err(check.errors);
        }
        Ok(Self {
            shown: shown.to_owned(),
            text: text.to_owned(),
            include,
            exclude,
            fail_on: raw.fail_on,
            detect: raw.detect,
            max_file_size,
            rules,
            overrides,
            suppress,
        })
    }
}

impl Checker<'_> {
    fn error(
        &mut self,
        span: std::ops::Range<usize>,
        message: impl Into<String>,
        label: &str,
        help: Option<&str>,
    ) {
        self.errors.push(ConfigError {
            path: self.shown.to_owned(),
            text: Some(self.text.to_owned()),
            message: message.into(),
            span: Some(Span::new(span.start, span.end)),
            label: Some(label.to_owned()),
            help: help.map(str::to_owned),
        });
    }

    /// Compiles globs: `/`-separated on every platform, `*` and `?` stay
    /// within one path segment, `**` crosses them, `\` escapes.
    fn globs(&mut self, globs: &[Spanned<String>]) -> Globs {
        let mut set = GlobSetBuilder::new();
        for glob in globs {
            let text = glob.get_ref().strip_prefix("./").unwrap_or(glob.get_ref());
            if text.starts_with('/') || text.split('/').any(|part| part == "..") {
                self.error(
                    glob.span(),
                    format!(
                        "the glob `{}` leaves the directory of the configuration",
                        glob.get_ref()
                    ),
                    "not relative",
                    Some("globs are relative to the directory of orderlint.toml"),
                );
                continue;
            }
            let built = GlobBuilder::new(text)
                .literal_separator(true)
                .backslash_escape(true)
                .build();
            match built {
                Ok(compiled) => {
                    set.add(compiled);
                }
                Err(error) => self.error(
                    glob.span(),
                    format!("invalid glob `{}`: {}", glob.get_ref(), error.kind()),
                    "invalid glob",
                    None,
                ),
            }
        }
        // Every glob was checked above; a set of valid globs always builds.
        Globs(set.build().unwrap_or_else(|_| GlobSet::empty()))
    }

    /// `max-file-size`: a number of bytes, or a string with a unit
    /// (`"64MiB"`).
    fn size(&mut self, value: &Spanned<toml::Value>) -> Option<u64> {
        let parsed = match value.get_ref() {
            toml::Value::Integer(bytes) => u64::try_from(*bytes)
                .ok()
                .filter(|&b| b > 0)
                .ok_or_else(|| "the size must be at least 1 byte".to_owned()),
            toml::Value::String(text) => super::size::parse_size(text),
            other => {
                let kind = other.type_str();
                let article = if kind.starts_with(['a', 'e', 'i', 'o', 'u']) {
                    "an"
                } else {
                    "a"
                };
                Err(format!(
                    "`max-file-size` must be a number of bytes or a size such as \"64MiB\", \
                     not {article} {kind}"
                ))
            }
        };
        match parsed {
            Ok(bytes) => Some(bytes),
            Err(message) => {
                self.error(
                    value.span(),
                    message,
                    "not a size",
                    Some("write a number of bytes (`67108864`) or a size such as `\"64MiB\"`"),
                );
                None
            }
        }
    }

    /// `files` of an override or suppression: globs, at least one.
    fn files(&mut self, files: &Spanned<Vec<Spanned<String>>>) -> Globs {
        if files.get_ref().is_empty() {
            self.error(
                files.span(),
                "`files` is empty, so this applies to no file",
                "empty",
                Some("list globs such as `fixtures/legacy/**`"),
            );
        }
        self.globs(files.get_ref())
    }

    fn rule(&mut self, name: &Spanned<String>) -> Option<&'static str> {
        if let Some(meta) = rules::by_name(name.get_ref()) {
            return Some(meta.name);
        }
        let help = unknown_rule_help(name.get_ref());
        self.error(
            name.span(),
            format!("unknown rule `{}`", name.get_ref()),
            "not a rule",
            Some(&help),
        );
        None
    }

    fn levels(&mut self, table: &RawRules) -> Vec<(&'static str, Level)> {
        table
            .iter()
            .filter_map(|(name, level)| Some((self.rule(name)?, *level.get_ref())))
            .collect()
    }

    fn suppression(&mut self, table: &Spanned<RawSuppress>) -> Suppression {
        let raw = table.get_ref();
        // The table's own span is its `[[suppress]]` header; stretch it to
        // the last value so that the whole table is shown.
        let end = [
            raw.files.span().end,
            raw.pointer.span().end,
            raw.rules.span().end,
            raw.reason.as_ref().map_or(0, |r| r.span().end),
        ]
        .into_iter()
        .fold(table.span().end, usize::max);
        let span = Span::new(table.span().start, end);
        match &raw.reason {
            None => self.error(
                table.span(),
                "this suppression has no `reason`",
                "no reason",
                Some("add `reason = \"…\"`: why this finding is not a problem here"),
            ),
            Some(reason) if reason.get_ref().trim().is_empty() => self.error(
                reason.span(),
                "the `reason` of a suppression is empty",
                "empty",
                Some("say why this finding is not a problem here"),
            ),
            Some(_) => {}
        }
        if let Err(problem) = check_pointer(raw.pointer.get_ref()) {
            self.error(
                raw.pointer.span(),
                format!(
                    "`{}` is not a JSON Pointer: {problem}",
                    raw.pointer.get_ref()
                ),
                "not a JSON Pointer",
                Some("write a JSON Pointer such as `/description` or `/customer/email`"),
            );
        }
        if raw.rules.get_ref().is_empty() {
            self.error(
                raw.rules.span(),
                "`rules` is empty, so this suppression silences nothing",
                "empty",
                Some("name the rules whose findings to silence"),
            );
        }
        Suppression {
            files: self.files(&raw.files),
            pointer: raw.pointer.get_ref().clone(),
            rules: raw
                .rules
                .get_ref()
                .iter()
                .filter_map(|name| self.rule(name))
                .collect(),
            span,
        }
    }
}

/// Checks a JSON Pointer (RFC 6901): empty, or `/`-prefixed segments in
/// which `~` is only `~0` or `~1`.
fn check_pointer(pointer: &str) -> Result<(), &'static str> {
    if !pointer.is_empty() && !pointer.starts_with('/') {
        return Err("it must be empty or start with `/`");
    }
    let mut chars = pointer.chars();
    while let Some(c) = chars.next() {
        if c == '~' && !matches!(chars.next(), Some('0' | '1')) {
            return Err("`~` must be followed by `0` or `1`");
        }
    }
    Ok(())
}

/// The help for a name that is not a rule: what it is if it is one of the
/// pseudo-rules, else the closest rule name.
#[must_use]
pub fn unknown_rule_help(name: &str) -> String {
    if name == IO_ERROR || name == UNUSED_SUPPRESSION {
        return format!(
            "`{name}` is not a rule and cannot be configured; `orderlint explain {name}` says what it is"
        );
    }
    let closest = rules::metas()
        .map(|meta| (strsim::levenshtein(name, meta.name), meta.name))
        .min();
    match closest {
        Some((distance, rule)) if distance <= 3 => {
            format!("did you mean `{rule}`? `orderlint rules` lists the rules")
        }
        _ => "`orderlint rules` lists the rules".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_pointers_are_checked() {
        assert_eq!(check_pointer(""), Ok(()));
        assert_eq!(check_pointer("/a~0b~1c/0"), Ok(()));
        assert!(check_pointer("description").is_err());
        assert!(check_pointer("/a~2").is_err());
        assert!(check_pointer("/a~").is_err());
    }

    #[test]
    fn globs_match_a_path_or_a_parent_directory() {
        let mut check = Checker {
            shown: "orderlint.toml",
            text: "",
            errors: Vec::new(),
        };
        let globs = check.globs(&[
            Spanned::new(0..0, "fixtures/legacy".to_owned()),
            Spanned::new(0..0, "*.json".to_owned()),
            Spanned::new(0..0, "deep/**/x.json".to_owned()),
        ]);
        assert!(check.errors.is_empty());
        assert!(globs.matches("fixtures/legacy/a/b.json"));
        assert!(globs.matches("top.json"));
        assert!(!globs.matches("sub/top.json"), "`*` stays in one segment");
        assert!(globs.matches("deep/x.json"));
        assert!(globs.matches("deep/a/b/x.json"));
        assert!(!globs.matches("fixtures/legacy-2/a.json"));
    }
}
