//! One run of `orderlint check`: discover, read, lint, count.
//!
//! Nothing here prints; [`crate::report`] renders what [`check`] returns.

use std::collections::BTreeSet;
use std::io::Read;
use std::path::PathBuf;

use rayon::prelude::*;

use crate::config::{Applied, Settings};
use crate::discover::{self, Found};
use crate::finding::{Finding, Severity};
use crate::{Config, Status};

/// The rule id of a tool error: a path that could not be read.
pub const IO_ERROR: &str = "io-error";

/// What `orderlint explain io-error` prints: it is not a rule, but it appears
/// where rules do.
pub const IO_ERROR_EXPLANATION: &str = "\
## What it is
Not a rule: a path that orderlint could not read, or would not. The message
says why: it does not exist, it is not a regular file or directory (a FIFO,
socket or device is never read, so a run cannot hang on one), a symbolic link
whose target does not exist, a symbolic link loop (reported once, not
followed), an error from the operating system, or the file is larger than
`--max-file-size` (64 MiB unless set; `max-file-size` in orderlint.toml).
In a JSON Lines file the limit applies to each line: a longer line is an
`io-error` at that line, and the other lines are still checked.

A run with an `io-error` exits with code 2, also when there are findings too,
and every other file is still checked and reported.
";

/// What reading a file within the size limit gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Capped {
    /// The whole file, no larger than the limit.
    Bytes(Vec<u8>),
    /// More than the limit: not read, or read only up to one byte past the
    /// limit. `size` is its size when the file system knew it beforehand;
    /// `None` for a file that grew past the limit while it was read, and for
    /// a stream.
    Over {
        /// The size, when known.
        size: Option<u64>,
    },
}

/// Reads the regular file at `path` if it holds at most `limit` bytes. The
/// size is decided without reading the file (its metadata), and the read
/// stops one byte past the limit, so that a file that grows while it is
/// read is never read without bound either.
///
/// The path is looked at before it is opened, so a FIFO or a device is never
/// opened (opening a FIFO waits for a writer, and opening a device may do
/// something). For a file that discovery has just found to be a regular
/// file, [`read_found`] saves that second look.
///
/// # Errors
/// The file cannot be opened or read, or is not a regular file.
pub fn read_capped(path: &std::path::Path, limit: u64) -> std::io::Result<Capped> {
    let meta = std::fs::metadata(path)?;
    if !meta.is_file() {
        return Err(not_a_file(meta.is_dir()));
    }
    read_open(open_found(path)?, limit)
}

/// [`read_capped`] for a file that discovery found to be a regular file: it
/// is opened at once, without waiting (a FIFO swapped in since is not
/// waited on, nor read), and then looked at. One lookup of the path instead
/// of two, which is a visible part of a run of many files.
///
/// # Errors
/// The file cannot be opened or read, or is no longer a regular file.
pub fn read_found(path: &std::path::Path, limit: u64) -> std::io::Result<Capped> {
    read_open(open_found(path)?, limit)
}

/// Opens a file found to be a regular file: on Unix without waiting
/// (`O_NONBLOCK`; a FIFO swapped in since would otherwise wait for a writer)
/// and without becoming a terminal's controlling process (`O_NOCTTY`), then
/// checks that it is still a regular file. `O_NONBLOCK` changes nothing for
/// the reads of a regular file.
///
/// # Errors
/// It cannot be opened, or is not a regular file.
pub fn open_found(path: &std::path::Path) -> std::io::Result<(std::fs::File, std::fs::Metadata)> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    let file = options.open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(not_a_file(meta.is_dir()));
    }
    Ok((file, meta))
}

/// Reads an open regular file of the size `meta` gives, within `limit`.
fn read_open(
    (file, meta): (std::fs::File, std::fs::Metadata),
    limit: u64,
) -> std::io::Result<Capped> {
    let size = meta.len();
    if size > limit {
        return Ok(Capped::Over { size: Some(size) });
    }
    read_limited(file, limit, size)
}

/// The error for a path that is not a regular file.
fn not_a_file(is_dir: bool) -> std::io::Error {
    if is_dir {
        std::io::ErrorKind::IsADirectory.into()
    } else {
        std::io::Error::other(NOT_A_FILE)
    }
}

/// Reads `reader` to its end if it gives at most `limit` bytes, and stops
/// one byte past the limit if it does not. `expected` is how many bytes
/// are expected (0 when unknown), to allocate once.
///
/// # Errors
/// An error from the reader.
pub fn read_limited(reader: impl Read, limit: u64, expected: u64) -> std::io::Result<Capped> {
    let capacity = usize::try_from(expected.min(limit)).unwrap_or(0);
    let mut bytes = Vec::with_capacity(capacity.saturating_add(1));
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)?;
    if u64::try_from(bytes.len()).unwrap_or(u64::MAX) > limit {
        return Ok(Capped::Over { size: None });
    }
    Ok(Capped::Bytes(bytes))
}

/// Why a path that is neither a regular file nor a directory is not read.
pub(crate) const NOT_A_FILE: &str =
    "not a regular file or directory (a FIFO, socket or device is not read)";

/// The `io-error` message for a file over the size limit.
#[must_use]
pub fn over_limit_message(display: &str, size: Option<u64>, limit: u64) -> String {
    let limit = crate::config::show_size(limit);
    match size {
        Some(size) => format!(
            "`{display}` is {}, over the {limit} limit (--max-file-size); it is not read",
            crate::config::show_size(size)
        ),
        None => format!("`{display}` is over the {limit} limit (--max-file-size); it is not read"),
    }
}

/// The help of an `io-error` for a file or line over the size limit.
pub(crate) const OVER_LIMIT_HELP: &str = "if it is meant to be this large, raise the limit with \
     `--max-file-size` or `max-file-size` in orderlint.toml";

/// The findings of one file, with its text when a reporter needs to show it.
#[derive(Debug, Clone)]
pub struct FileReport {
    /// The path as shown.
    pub path: String,
    /// The file's text, kept only when there are findings to show in it.
    pub text: Option<String>,
    /// Whether the file was linted.
    pub status: Status,
    /// What was found, sorted.
    pub findings: Vec<Finding>,
}

/// Counts for the summary line and the JSON `summary` object.
///
/// `checked` and `skipped` count documents: a JSON file (or standard input)
/// is one document, and so is each non-blank line of a JSON Lines file.
/// `files` counts files, a JSON Lines file once.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    /// Files found: checked, skipped, or unreadable (a path that is not a
    /// file, such as a link loop, is not counted).
    pub files: usize,
    /// Documents linted as order requests (including those that are not
    /// JSON).
    pub checked: usize,
    /// Documents that are valid JSON but not order requests.
    pub skipped: usize,
    /// JSON Lines files among `files`.
    pub json_lines: usize,
    /// Findings of severity error (tool errors included).
    pub errors: usize,
    /// Findings of severity warning.
    pub warnings: usize,
    /// Findings of severity info.
    pub infos: usize,
    /// Paths that could not be read or walked.
    pub tool_errors: usize,
}

impl Summary {
    /// Counts the reports.
    #[must_use]
    pub fn of(reports: &[FileReport]) -> Self {
        let mut summary = Self::default();
        for report in reports {
            match report.status {
                Status::Checked => summary.checked += 1,
                Status::Skipped => summary.skipped += 1,
                Status::JsonLines { checked, skipped } => {
                    summary.checked += checked;
                    summary.skipped += skipped;
                    summary.json_lines += 1;
                }
                Status::Unreadable | Status::NotAFile | Status::Config => {}
            }
            if !matches!(report.status, Status::NotAFile | Status::Config) {
                summary.files += 1;
            }
            for finding in &report.findings {
                if finding.rule == IO_ERROR {
                    summary.tool_errors += 1;
                }
                match finding.severity {
                    Severity::Error => summary.errors += 1,
                    Severity::Warning => summary.warnings += 1,
                    Severity::Info => summary.infos += 1,
                }
            }
        }
        summary
    }

    /// Whether any finding is at or above `fail_on`.
    #[must_use]
    pub fn fails(&self, fail_on: Severity) -> bool {
        match fail_on {
            Severity::Error => self.errors > 0,
            Severity::Warning => self.errors + self.warnings > 0,
            Severity::Info => self.errors + self.warnings + self.infos > 0,
        }
    }
}

/// Whether the reports keep the text of the files that have findings: only
/// a format that shows source snippets (`human`) needs it, and it costs
/// memory in proportion to those files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sources {
    /// Keep the text of every file with findings.
    Keep,
    /// Keep no text: `FileReport::text` is always `None`, and a JSON Lines
    /// file is read a batch of lines at a time, never whole.
    Drop,
}

/// Lints every file below `paths` (`-` is standard input) and returns one
/// report per file, sorted by path, whatever order they were read in.
#[must_use]
pub fn check(paths: &[PathBuf], options: &discover::Options, config: &Config) -> Vec<FileReport> {
    check_configured(paths, options, config, &Settings::default(), Sources::Keep)
}

/// [`check`] under a configuration: `include`/`exclude` choose the files,
/// and each file's findings go through [`crate::config::FileSettings::apply`].
/// A suppression that silenced nothing is reported on the configuration
/// file.
///
/// Files are read and linted in parallel (rayon's global pool; set
/// `RAYON_NUM_THREADS` to choose how many threads); the reports come back
/// sorted by path, so the output does not depend on which thread finished
/// first.
#[must_use]
pub fn check_configured(
    paths: &[PathBuf],
    options: &discover::Options,
    config: &Config,
    settings: &Settings,
    sources: Sources,
) -> Vec<FileReport> {
    let found = discover::discover(paths, options);
    check_found(found, paths, config, settings, sources)
}

/// Reads and lints what [`discover::discover`] found for `paths`, as
/// [`check_configured`] does. A file found twice (a directory given twice)
/// is read once; two files are two reports, even when they are shown under
/// the same name (file names that are not UTF-8).
#[must_use]
pub fn check_found(
    found: Vec<Found>,
    paths: &[PathBuf],
    config: &Config,
    settings: &Settings,
    sources: Sources,
) -> Vec<FileReport> {
    // One path (one walk, one file, or `-`) finds nothing twice.
    let found = if paths.len() > 1 {
        let mut seen = std::collections::HashSet::new();
        found
            .into_iter()
            .filter(|found| match found {
                Found::File { path, .. } => seen.insert((0, path.clone())),
                Found::Stdin { display } | Found::Error { display, .. } => {
                    seen.insert((1, PathBuf::from(display)))
                }
            })
            .collect()
    } else {
        found
    };
    let limit = settings.max_file_size();
    let one = |found: Found| match found {
        Found::File { path, display } => {
            // discover gives a file named on the command line back as given
            // (the same bytes), but of a file also found by a walk the walk's
            // copy may be the one kept (`d d/./a.json`): compared component
            // by component only then.
            let explicit = paths
                .iter()
                .any(|given| given.as_os_str() == path.as_os_str())
                || (paths.len() > 1 && paths.contains(&path));
            if !settings.admits(&path, explicit) {
                return None;
            }
            Some(lint_path(display, &path, config, settings, sources))
        }
        Found::Stdin { display } => {
            let bytes = match read_limited(std::io::stdin().lock(), limit, 0) {
                Ok(Capped::Bytes(bytes)) => bytes,
                Ok(Capped::Over { .. }) => {
                    let message = format!(
                        "standard input is over the {} limit (--max-file-size); it is not read",
                        crate::config::show_size(limit)
                    );
                    return Some(unread(over_limit(display, message)));
                }
                Err(error) => {
                    let message = discover::io_message(&error);
                    return Some(unread(tool_error(display, &message, Status::Unreadable)));
                }
            };
            // `--stdin-filename` names the document for the configuration
            // too: its globs, and `exclude` with `--force-exclude`.
            let path = PathBuf::from(&display);
            if !settings.admits(&path, true) {
                return None;
            }
            Some(lint_configured(
                display, &path, &bytes, config, settings, sources,
            ))
        }
        Found::Error { display, message } => {
            Some(unread(tool_error(display, &message, Status::NotAFile)))
        }
    };
    // One file (the editor on save, a pre-commit hook with one file) is
    // linted on this thread: no pool to start.
    let results: Vec<Option<(FileReport, Applied)>> = if found.len() > 1 {
        found.into_par_iter().map(one).collect()
    } else {
        found.into_iter().map(one).collect()
    };
    let mut relevant = BTreeSet::new();
    let mut used = BTreeSet::new();
    let mut reports = Vec::with_capacity(results.len());
    for (report, applied) in results.into_iter().flatten() {
        relevant.extend(applied.relevant);
        used.extend(applied.used);
        reports.push(report);
    }
    let unused = settings.unused_suppressions(&relevant, &used);
    if let (Some(file), false) = (&settings.file, unused.is_empty()) {
        reports.push(FileReport {
            path: file.shown.clone(),
            text: Some(file.text.clone()),
            status: Status::Config,
            findings: unused,
        });
    }
    // Stable: reports shown under the same name keep the order found.
    reports.sort_by(|a, b| a.path.cmp(&b.path));
    reports
}

/// A report with no suppressions to account for.
fn unread(report: FileReport) -> (FileReport, Applied) {
    let applied = Applied {
        findings: Vec::new(),
        relevant: Vec::new(),
        used: Vec::new(),
    };
    (report, applied)
}

/// Reads and lints the file at `path`. A JSON Lines file is streamed when
/// its text is not kept (and read again, only when it has findings, when it
/// is).
fn lint_path(
    display: String,
    path: &std::path::Path,
    config: &Config,
    settings: &Settings,
    sources: Sources,
) -> (FileReport, Applied) {
    let cannot_read = |display: String, error: &std::io::Error| {
        let message = discover::io_message(error);
        unread(tool_error(display, &message, Status::Unreadable))
    };
    let limit = settings.max_file_size();
    if crate::jsonl::is_json_lines(&display) {
        // The limit applies to each line: the file is streamed.
        let outcome = open_found(path).and_then(|(file, _)| {
            let reader = std::io::BufReader::with_capacity(1 << 18, file);
            crate::jsonl::lint_reader(&display, reader, config, limit)
        });
        let outcome = match outcome {
            Ok(outcome) => outcome,
            Err(error) => return cannot_read(display, &error),
        };
        let report = FileReport {
            path: display,
            text: None,
            status: outcome.status,
            findings: outcome.findings,
        };
        let (mut report, applied) = configure(report, path, settings);
        if sources == Sources::Keep && !report.findings.is_empty() {
            // Shown as it is now; a file that changed since is still shown.
            // A file over the limit is not read whole: its findings are
            // shown without their source.
            report.text = match read_found(path, limit) {
                Ok(Capped::Bytes(bytes)) => Some(crate::jsonl::displayable(&bytes).into_owned()),
                _ => None,
            };
        }
        return (report, applied);
    }
    let bytes = match read_found(path, limit) {
        Ok(Capped::Bytes(bytes)) => bytes,
        Ok(Capped::Over { size }) => {
            let message = over_limit_message(&display, size, limit);
            return unread(over_limit(display, message));
        }
        Err(error) => return cannot_read(display, &error),
    };
    lint_configured(display, path, &bytes, config, settings, sources)
}

/// Lints the bytes of one file and applies the configuration to its
/// findings. `path` is where the file is (or, for standard input, the name
/// it is given), for matching the configuration's globs. The suppressions
/// that were relevant and used are returned with the report, with
/// `relevant` empty when the file was not checked. With [`Sources::Drop`]
/// the text is not made at all (for a large file, a copy saved).
#[must_use]
pub fn lint_configured(
    display: String,
    path: &std::path::Path,
    bytes: &[u8],
    config: &Config,
    settings: &Settings,
    sources: Sources,
) -> (FileReport, Applied) {
    let report = lint_document(display, bytes, config, sources == Sources::Keep);
    configure(report, path, settings)
}

/// Applies the configuration for `path` to a report's findings; drops its
/// text when no finding is left.
fn configure(
    mut report: FileReport,
    path: &std::path::Path,
    settings: &Settings,
) -> (FileReport, Applied) {
    let mut applied = settings
        .for_file(path)
        .apply(std::mem::take(&mut report.findings));
    if !matches!(report.status, Status::Checked | Status::JsonLines { .. }) {
        applied.relevant.clear();
    }
    report.findings = std::mem::take(&mut applied.findings);
    if report.findings.is_empty() {
        report.text = None;
    }
    (report, applied)
}

/// Lints the bytes of one file: as JSON Lines when its name says so (see
/// [`crate::jsonl::is_json_lines`]), else as one JSON document.
#[must_use]
pub fn lint_file(path: String, bytes: &[u8], config: &Config) -> FileReport {
    lint_document(path, bytes, config, true)
}

/// [`lint_file`], keeping the text of a file with findings only when
/// `keep_text` is set.
fn lint_document(path: String, bytes: &[u8], config: &Config, keep_text: bool) -> FileReport {
    let json_lines = crate::jsonl::is_json_lines(&path);
    let outcome = if json_lines {
        crate::lint_jsonl(&path, bytes, config)
    } else {
        crate::lint_bytes(&path, bytes, config)
    };
    let text = (keep_text && !outcome.findings.is_empty()).then(|| {
        if json_lines {
            crate::jsonl::displayable(bytes).into_owned()
        } else {
            crate::displayable(bytes).into_owned()
        }
    });
    FileReport {
        path,
        text,
        status: outcome.status,
        findings: outcome.findings,
    }
}

/// The report of a file (or standard input) over the size limit.
fn over_limit(path: String, message: String) -> FileReport {
    let mut finding = Finding::file_level(&path, IO_ERROR, Severity::Error, message);
    finding.help = Some(OVER_LIMIT_HELP.to_owned());
    FileReport {
        path,
        text: None,
        status: Status::Unreadable,
        findings: vec![finding],
    }
}

fn tool_error(path: String, message: &str, status: Status) -> FileReport {
    let finding = Finding::file_level(
        &path,
        IO_ERROR,
        Severity::Error,
        format!("cannot read `{path}`: {message}"),
    );
    FileReport {
        path,
        text: None,
        status,
        findings: vec![finding],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(errors: usize, warnings: usize, infos: usize) -> Summary {
        Summary {
            errors,
            warnings,
            infos,
            ..Summary::default()
        }
    }

    #[test]
    fn fail_on_counts_findings_at_or_above_the_threshold() {
        let only_info = summary(0, 0, 1);
        assert!(!only_info.fails(Severity::Error));
        assert!(!only_info.fails(Severity::Warning));
        assert!(only_info.fails(Severity::Info));
        let only_warning = summary(0, 1, 0);
        assert!(!only_warning.fails(Severity::Error));
        assert!(only_warning.fails(Severity::Warning));
        assert!(only_warning.fails(Severity::Info));
        let only_error = summary(1, 0, 0);
        assert!(only_error.fails(Severity::Error));
        assert!(!summary(0, 0, 0).fails(Severity::Info));
    }
}
