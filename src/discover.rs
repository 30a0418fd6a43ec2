//! Finding the files to lint.
//!
//! A file named on the command line is always read, whatever its name, and
//! `-` is standard input. A directory is walked for `*.json` files, in sorted order, following symbolic
//! links (a link loop is reported, not followed forever) and skipping hidden
//! directories, the usual dependency and build folders, and the configuration
//! files that are JSON with comments by convention (`tsconfig.json`): they
//! are never order requests, and strict JSON would fail on them.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

/// How paths are turned into documents.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// The name under which standard input (`-`) is shown, and by which it
    /// is matched (`--stdin-filename`); `-` when `None`. It is never read
    /// from disk. A name ending in `.jsonl` or `.ndjson` makes standard
    /// input JSON Lines.
    pub stdin_filename: Option<PathBuf>,
}

/// The path that stands for standard input.
pub const STDIN: &str = "-";

/// Directories that hold other people's JSON or build output, never request
/// bodies of this repository.
const SKIPPED_DIRS: &[&str] = &["node_modules", "target", "vendor"];

/// Whether a file name is one of the JSON-with-comments configuration files
/// of the TypeScript and JavaScript tool chains (`tsconfig.json`,
/// `tsconfig.build.json`, `jsconfig.json`, `devcontainer.json`).
fn is_jsonc_config(name: &str) -> bool {
    let stem = name.strip_suffix(".json").unwrap_or(name);
    let base = stem.split('.').next().unwrap_or(stem);
    matches!(base, "tsconfig" | "jsconfig") || name == "devcontainer.json"
}

/// One thing found: a file to lint, or a path that could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// A file to lint.
    File {
        /// Where it is.
        path: PathBuf,
        /// How it is shown: as given, or the directory argument joined with
        /// the relative path, `/`-separated.
        display: String,
    },
    /// Standard input (`-`), read once, whatever how often `-` is given.
    Stdin {
        /// How it is shown: `--stdin-filename`, or `-`.
        display: String,
    },
    /// A path that could not be walked or is not a file.
    Error {
        /// How the path is shown.
        display: String,
        /// What went wrong, in plain words.
        message: String,
    },
}

/// Shows a path `/`-separated, replacing bytes that are not UTF-8.
#[must_use]
pub fn display(path: &Path) -> String {
    let shown = path.to_string_lossy();
    if std::path::MAIN_SEPARATOR == '/' {
        shown.into_owned()
    } else {
        shown.replace(std::path::MAIN_SEPARATOR, "/")
    }
}

/// Finds the files below `paths`, in order: each argument in turn, each
/// directory's files sorted by name.
#[must_use]
pub fn discover(paths: &[PathBuf], options: &Options) -> Vec<Found> {
    let mut found = Vec::new();
    let mut stdin_seen = false;
    for path in paths {
        if path.as_os_str() == STDIN {
            if !stdin_seen {
                stdin_seen = true;
                let display = options
                    .stdin_filename
                    .as_deref()
                    .map_or_else(|| STDIN.to_owned(), display);
                found.push(Found::Stdin { display });
            }
            continue;
        }
        let shown = display(path);
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => walk(path, &mut found),
            Ok(meta) if meta.is_file() => found.push(Found::File {
                path: path.clone(),
                display: shown,
            }),
            Ok(_) => found.push(Found::Error {
                display: shown,
                message: "not a regular file or directory (a FIFO, socket or device is not read)"
                    .to_owned(),
            }),
            Err(error) => found.push(Found::Error {
                display: shown,
                message: io_message(&error),
            }),
        }
    }
    found
}

fn walk(root: &Path, found: &mut Vec<Found>) {
    let walker = WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| entry.depth() == 0 || !is_skipped_dir(entry));
    for entry in walker {
        match entry {
            Ok(entry) => {
                let name = entry.file_name().to_string_lossy();
                let is_json = name.ends_with(".json") && !is_jsonc_config(&name);
                if entry.file_type().is_file() && is_json {
                    found.push(Found::File {
                        display: display(entry.path()),
                        path: entry.into_path(),
                    });
                }
            }
            Err(error) => {
                if error.path().is_some_and(is_ignorable_dangling_link) {
                    continue;
                }
                let shown = error.path().map_or_else(|| display(root), display);
                let message = if let Some(ancestor) = error.loop_ancestor() {
                    format!(
                        "symbolic link loop: it leads back to `{}`; not followed",
                        display(ancestor)
                    )
                } else if error.path().is_some_and(|p| {
                    std::fs::symlink_metadata(p).is_ok() && std::fs::metadata(p).is_err()
                }) {
                    "dangling symbolic link: its target does not exist".to_owned()
                } else if let Some(io) = error.io_error() {
                    io_message(io)
                } else {
                    error.to_string()
                };
                found.push(Found::Error {
                    display: shown,
                    message,
                });
            }
        }
    }
}

/// A symbolic link whose target does not exist, that the walk would not have
/// read anyway (not `*.json`, or hidden): a broken `README` link is not this
/// tool's business. A broken `order.json` link is reported.
fn is_ignorable_dangling_link(path: &Path) -> bool {
    let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    let dangling = is_link && std::fs::metadata(path).is_err();
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    dangling && (!name.ends_with(".json") || name.starts_with('.'))
}

fn is_skipped_dir(entry: &walkdir::DirEntry) -> bool {
    if !entry.file_type().is_dir() {
        return false;
    }
    let name = entry.file_name().to_string_lossy();
    name.starts_with('.') || SKIPPED_DIRS.contains(&name.as_ref())
}

/// An I/O error in plain words, without the OS error number.
#[must_use]
pub fn io_message(error: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    match error.kind() {
        K::NotFound => "no such file or directory".to_owned(),
        K::PermissionDenied => "permission denied".to_owned(),
        K::IsADirectory => "is a directory".to_owned(),
        _ => {
            let text = error.to_string();
            match text.split_once(" (os error") {
                Some((words, _)) => words.to_lowercase(),
                None => text,
            }
        }
    }
}
