//! Configuration: `orderlint.toml` and the command-line rule selection.
//!
//! The file is found by searching upward from the working directory (or
//! named with `--config`). Its globs are matched against a file's path
//! relative to the file's directory, `/`-separated on every platform.
//!
//! What the configuration does to a file's findings is one pure function,
//! [`FileSettings::apply`]: severities mapped, rules that are off dropped,
//! suppressed findings silenced. [`crate::run`] calls it after each file is
//! linted. Every rule still runs: configuration changes which findings are
//! shown and how severe they are, never what a rule finds. (Not running a
//! rule that is off would be faster, but would bring back the `schema`
//! finding that its finding replaced: `unknown-field = "off"` would turn
//! each unknown key into a `schema` error.)

use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};

use crate::discover;
use crate::finding::{Finding, Severity, Span};
use crate::rules;
use crate::text::LineIndex;

mod file;
mod size;

pub use file::{
    ConfigFile, Globs, Level, Override, Suppression, UNUSED_SUPPRESSION, unknown_rule_help,
};
pub use size::{DEFAULT_MAX_FILE_SIZE, parse_size, show_size};

/// The name of the configuration file.
pub const FILE_NAME: &str = "orderlint.toml";

/// What `orderlint explain unused-suppression` prints.
pub const UNUSED_SUPPRESSION_EXPLANATION: &str = "\
## What it is
Not a rule: a `[[suppress]]` table in `orderlint.toml` that silenced no
finding in this run, reported as a warning on the configuration file so that
stale suppressions get cleaned up. It counts like any warning for the exit
code.

It is only reported when at least one file that the table's `files` match
was checked, with at least one of its `rules` turned on: a run that did not
look at those files cannot tell whether the suppression is still needed.

Remove the table, or correct its `files`, `pointer` or `rules`. It cannot be
turned off or suppressed itself.
";

/// A mistake in the configuration or in a rule name given on the command
/// line: shown with the source and a label where there is one; the run stops
/// with exit code 2 and nothing is linted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    /// The configuration file as shown.
    pub path: String,
    /// Its text, when it could be read.
    pub text: Option<String>,
    /// What is wrong.
    pub message: String,
    /// Where, in bytes.
    pub span: Option<Span>,
    /// A few words at the span.
    pub label: Option<String>,
    /// How to fix it.
    pub help: Option<String>,
}

impl ConfigError {
    fn plain(path: &str, message: String) -> Self {
        Self {
            path: path.to_owned(),
            text: None,
            message,
            span: None,
            label: None,
            help: None,
        }
    }
}

/// Everything configuration decides for one run: the file (if any) and the
/// command-line selection. `Settings::default()` is "no configuration".
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// The configuration file, if one was found or named.
    pub file: Option<ConfigFile>,
    /// The absolute directory of the configuration file; globs are relative
    /// to it.
    pub dir: PathBuf,
    /// The working directory, against which relative paths are resolved.
    pub cwd: PathBuf,
    /// `--select`: only these rules run.
    pub select: Option<Vec<&'static str>>,
    /// `--ignore`: these rules do not run.
    pub ignore: Vec<&'static str>,
    /// `--force-exclude`: `exclude` applies to paths named on the command
    /// line too.
    pub force_exclude: bool,
    /// `--max-file-size`, in bytes: wins over the file's `max-file-size`.
    pub max_file_size: Option<u64>,
}

/// The configuration file nearest above `dir` (`dir` itself first), and how
/// to show it from there (`orderlint.toml`, `../orderlint.toml`).
#[must_use]
pub fn find(dir: &Path) -> Option<(PathBuf, String)> {
    dir.ancestors().enumerate().find_map(|(up, ancestor)| {
        let path = ancestor.join(FILE_NAME);
        path.is_file()
            .then(|| (path, format!("{}{FILE_NAME}", "../".repeat(up))))
    })
}

impl Settings {
    /// Loads the configuration named by `explicit` (relative to `cwd`), or
    /// the one found by searching upward from `cwd`; none found is no
    /// configuration.
    ///
    /// # Errors
    /// The file cannot be read, or has mistakes (see [`ConfigFile::parse`]).
    pub fn load(cwd: &Path, explicit: Option<&Path>) -> Result<Self, Vec<ConfigError>> {
        let cwd = normalize(cwd);
        let (path, shown) = match explicit {
            Some(path) => (cwd.join(path), discover::display(path)),
            None => match find(&cwd) {
                Some(found) => found,
                None => {
                    return Ok(Self {
                        cwd,
                        ..Self::default()
                    });
                }
            },
        };
        let cannot_read = |why: String| {
            vec![ConfigError::plain(
                &shown,
                format!("cannot read the configuration `{shown}`: {why}"),
            )]
        };
        // Bounded like any file read (a FIFO or a device is not opened).
        let bytes = match crate::run::read_capped(&path, DEFAULT_MAX_FILE_SIZE) {
            Ok(crate::run::Capped::Bytes(bytes)) => bytes,
            Ok(crate::run::Capped::Over { .. }) => {
                return Err(cannot_read(format!(
                    "it is over the {} limit",
                    show_size(DEFAULT_MAX_FILE_SIZE)
                )));
            }
            Err(error) => return Err(cannot_read(discover::io_message(&error))),
        };
        let text = String::from_utf8(bytes).map_err(|error| {
            vec![ConfigError::plain(
                &shown,
                format!(
                    "the configuration `{shown}` is not UTF-8 (at byte {})",
                    error.utf8_error().valid_up_to()
                ),
            )]
        })?;
        let file = ConfigFile::parse(&shown, &text)?;
        let path = normalize(&path);
        Ok(Self {
            file: Some(file),
            dir: path.parent().map(Path::to_path_buf).unwrap_or_default(),
            cwd,
            ..Self::default()
        })
    }

    /// The `fail-on` of the configuration file.
    #[must_use]
    pub fn fail_on(&self) -> Option<Severity> {
        self.file.as_ref().and_then(|f| f.fail_on)
    }

    /// The `detect` of the configuration file.
    #[must_use]
    pub fn detect(&self) -> Option<bool> {
        self.file.as_ref().and_then(|f| f.detect)
    }

    /// The largest file that is read, in bytes (for a JSON Lines file, the
    /// longest line): `--max-file-size`, else the file's `max-file-size`,
    /// else [`DEFAULT_MAX_FILE_SIZE`].
    #[must_use]
    pub fn max_file_size(&self) -> u64 {
        self.max_file_size
            .or_else(|| self.file.as_ref().and_then(|f| f.max_file_size))
            .unwrap_or(DEFAULT_MAX_FILE_SIZE)
    }

    /// `path` (as given, or as walked) relative to the configuration's
    /// directory, `/`-separated; `None` without a configuration or for a
    /// file outside its directory, which no glob matches.
    #[must_use]
    pub fn relative(&self, path: &Path) -> Option<String> {
        self.file.as_ref()?;
        let absolute = normalize(&self.cwd.join(path));
        if let Ok(relative) = absolute.strip_prefix(&self.dir) {
            return Some(discover::display(relative));
        }
        // Reached through a symbolic link: compare the real paths.
        let real = std::fs::canonicalize(&absolute).ok()?;
        let dir = std::fs::canonicalize(&self.dir).ok()?;
        real.strip_prefix(dir).ok().map(discover::display)
    }

    /// Whether a found file is checked: `exclude` removes it and `include`,
    /// when set, limits it. A file named on the command line (`explicit`) is
    /// checked even if excluded, unless `--force-exclude`; `include` does
    /// not limit it.
    #[must_use]
    pub fn admits(&self, path: &Path, explicit: bool) -> bool {
        let Some(file) = &self.file else {
            return true;
        };
        if explicit && !self.force_exclude {
            return true;
        }
        let Some(relative) = self.relative(path) else {
            return true;
        };
        if file.exclude.as_ref().is_some_and(|g| g.matches(&relative)) {
            return false;
        }
        explicit || file.include.as_ref().is_none_or(|g| g.matches(&relative))
    }

    /// What applies to the file at `path`: `[rules]`, then each matching
    /// `[[overrides]]` in order, then `--select` and `--ignore`; and the
    /// suppressions whose `files` match.
    #[must_use]
    pub fn for_file(&self, path: &Path) -> FileSettings<'_> {
        self.for_relative(self.relative(path).as_deref())
    }

    /// [`Settings::for_file`] for a path already made relative (`None`:
    /// outside the configuration's directory, or no configuration).
    #[must_use]
    pub fn for_relative(&self, relative: Option<&str>) -> FileSettings<'_> {
        let mut rules: Vec<RuleSetting> = rules::metas()
            .map(|meta| RuleSetting {
                name: meta.name,
                severity: meta.default_severity,
                on: true,
            })
            .collect();
        let mut set = |settings: &[(&'static str, Level)]| {
            for &(name, level) in settings {
                if let Some(rule) = rules.iter_mut().find(|r| r.name == name) {
                    match level.severity() {
                        Some(severity) => {
                            rule.severity = severity;
                            rule.on = true;
                        }
                        None => rule.on = false,
                    }
                }
            }
        };
        let mut suppress = Vec::new();
        if let Some(file) = &self.file {
            set(&file.rules);
            if let Some(relative) = relative {
                for o in file.overrides.iter().filter(|o| o.files.matches(relative)) {
                    set(&o.rules);
                }
                suppress.extend(
                    file.suppress
                        .iter()
                        .enumerate()
                        .filter(|(_, s)| s.files.matches(relative)),
                );
            }
        }
        for rule in &mut rules {
            if let Some(select) = &self.select {
                rule.on = select.contains(&rule.name);
            }
            rule.on &= !self.ignore.contains(&rule.name);
        }
        FileSettings { rules, suppress }
    }

    /// The unused-suppression warnings: one for each `[[suppress]]` table
    /// that was `relevant` to some checked file and `used` by none (both by
    /// index, as [`Applied`] reports them).
    #[must_use]
    pub fn unused_suppressions(
        &self,
        relevant: &BTreeSet<usize>,
        used: &BTreeSet<usize>,
    ) -> Vec<Finding> {
        let Some(file) = &self.file else {
            return Vec::new();
        };
        let index = LineIndex::new(&file.text);
        file.suppress
            .iter()
            .enumerate()
            .filter(|(i, _)| relevant.contains(i) && !used.contains(i))
            .map(|(_, s)| {
                let rules: Vec<String> = s.rules.iter().map(|r| format!("`{r}`")).collect();
                let pointer = if s.pointer.is_empty() {
                    "the whole document (`\"\"`)".to_owned()
                } else {
                    format!("`{}`", s.pointer)
                };
                let span = index.clamp(s.span);
                Finding {
                    path: file.shown.clone(),
                    rule: UNUSED_SUPPRESSION,
                    severity: Severity::Warning,
                    message: format!(
                        "unused suppression: no {} finding at {pointer} in the files it names",
                        rules.join(" or ")
                    ),
                    pointer: None,
                    span: Some(span),
                    range: Some(index.range(span)),
                    label: Some("matched nothing".to_owned()),
                    related: Vec::new(),
                    help: Some(
                        "remove this `[[suppress]]` table, or correct its `files`, `pointer` or `rules`"
                            .to_owned(),
                    ),
                    jsonl_line: None,
                }
            })
            .collect()
    }
}

#[derive(Debug, Clone, Copy)]
struct RuleSetting {
    name: &'static str,
    severity: Severity,
    on: bool,
}

/// What the configuration says for one file.
#[derive(Debug, Clone)]
pub struct FileSettings<'s> {
    rules: Vec<RuleSetting>,
    suppress: Vec<(usize, &'s Suppression)>,
}

/// The findings of one file after configuration, and which suppressions
/// (by index in the file) applied to it and which silenced something.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    /// The findings that remain, in the order given.
    pub findings: Vec<Finding>,
    /// Suppressions whose `files` match this file and one of whose rules is on.
    pub relevant: Vec<usize>,
    /// Suppressions that silenced a finding.
    pub used: Vec<usize>,
}

impl FileSettings<'_> {
    /// The severity of `rule` here: `Some(None)` when it is off, `None` when
    /// it is not a rule (`io-error`).
    #[must_use]
    pub fn severity(&self, rule: &str) -> Option<Option<Severity>> {
        let setting = self.rules.iter().find(|r| r.name == rule)?;
        Some(setting.on.then_some(setting.severity))
    }

    /// Applies the configuration to a file's findings: drops those of rules
    /// that are off, silences suppressed ones, and sets the configured
    /// severity. Findings that are not of a rule (`io-error`) pass unchanged.
    #[must_use]
    pub fn apply(&self, findings: Vec<Finding>) -> Applied {
        let mut used = BTreeSet::new();
        let findings = findings
            .into_iter()
            .filter_map(|mut finding| {
                let Some(severity) = self.severity(finding.rule) else {
                    return Some(finding);
                };
                let severity = severity?;
                let mut suppressed = false;
                for (index, suppression) in &self.suppress {
                    if suppression.rules.contains(&finding.rule)
                        && finding.pointer.as_deref() == Some(suppression.pointer.as_str())
                    {
                        used.insert(*index);
                        suppressed = true;
                    }
                }
                finding.severity = severity;
                (!suppressed).then_some(finding)
            })
            .collect();
        let relevant = self
            .suppress
            .iter()
            .filter(|(_, s)| s.rules.iter().any(|r| self.severity(r).flatten().is_some()))
            .map(|(index, _)| *index)
            .collect();
        Applied {
            findings,
            relevant,
            used: used.into_iter().collect(),
        }
    }
}

/// Removes `.` and resolves `..` without touching the file system (the path
/// as the user wrote it, not where symbolic links lead).
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => match out.components().next_back() {
                Some(Component::Normal(_)) => {
                    out.pop();
                }
                Some(Component::RootDir | Component::Prefix(_)) => {}
                _ => out.push(".."),
            },
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_is_lexical() {
        assert_eq!(normalize(Path::new("/a/./b/../c")), Path::new("/a/c"));
        assert_eq!(normalize(Path::new("/..")), Path::new("/"));
        assert_eq!(normalize(Path::new("../a/..")), Path::new(".."));
    }

    fn settings(toml: &str) -> Settings {
        Settings {
            file: Some(ConfigFile::parse("orderlint.toml", toml).unwrap()),
            dir: PathBuf::from("/project"),
            cwd: PathBuf::from("/project"),
            ..Settings::default()
        }
    }

    fn finding(rule: &'static str, pointer: &str) -> Finding {
        Finding {
            pointer: Some(pointer.to_owned()),
            ..Finding::file_level("a.json", rule, Severity::Warning, "m".to_owned())
        }
    }

    #[test]
    fn overrides_apply_in_order_after_rules_and_the_command_line_last() {
        let mut settings = settings(
            r#"
            [rules]
            whitespace-padding = "error"
            unknown-field = "off"
            [[overrides]]
            files = ["legacy/**"]
            rules = { whitespace-padding = "off" }
            [[overrides]]
            files = ["legacy/keep.json"]
            rules = { whitespace-padding = "info" }
            "#,
        );
        let padding = "whitespace-padding";
        let here = settings.for_relative(Some("orders/a.json"));
        assert_eq!(here.severity(padding), Some(Some(Severity::Error)));
        assert_eq!(here.severity("unknown-field"), Some(None));
        assert_eq!(here.severity("io-error"), None);
        let legacy = settings.for_relative(Some("legacy/a.json"));
        assert_eq!(legacy.severity(padding), Some(None));
        let keep = settings.for_relative(Some("legacy/keep.json"));
        assert_eq!(keep.severity(padding), Some(Some(Severity::Info)));

        settings.select = Some(vec![padding, "unknown-field"]);
        settings.ignore = vec!["unknown-field"];
        let selected = settings.for_relative(Some("legacy/a.json"));
        assert_eq!(
            selected.severity(padding),
            Some(Some(Severity::Error)),
            "--select turns a rule back on, at its configured severity"
        );
        assert_eq!(selected.severity("unknown-field"), Some(None));
        assert_eq!(selected.severity("schema"), Some(None));
    }

    #[test]
    fn apply_maps_drops_and_suppresses() {
        let settings = settings(
            r#"
            [rules]
            unknown-field = "off"
            whitespace-padding = "error"
            [[suppress]]
            files = ["a.json"]
            pointer = "/description"
            rules = ["whitespace-padding"]
            reason = "the trailing space is the point of this fixture"
            [[suppress]]
            files = ["a.json"]
            pointer = "/gone"
            rules = ["schema"]
            reason = "stale"
            [[suppress]]
            files = ["other.json"]
            pointer = ""
            rules = ["schema"]
            reason = "another file"
            "#,
        );
        let here = settings.for_relative(Some("a.json"));
        let applied = here.apply(vec![
            finding("whitespace-padding", "/description"),
            finding("whitespace-padding", "/customer/locale"),
            finding("unknown-field", "/x"),
            finding("io-error", "/description"),
        ]);
        let kept: Vec<_> = applied
            .findings
            .iter()
            .map(|f| (f.rule, f.pointer.as_deref().unwrap(), f.severity))
            .collect();
        assert_eq!(
            kept,
            [
                ("whitespace-padding", "/customer/locale", Severity::Error),
                ("io-error", "/description", Severity::Warning),
            ]
        );
        assert_eq!(applied.relevant, [0, 1]);
        assert_eq!(applied.used, [0]);
        let unused = settings.unused_suppressions(
            &applied.relevant.iter().copied().collect(),
            &applied.used.iter().copied().collect(),
        );
        assert_eq!(unused.len(), 1);
        assert_eq!(
            unused[0].message,
            "unused suppression: no `schema` finding at `/gone` in the files it names"
        );
    }
}
