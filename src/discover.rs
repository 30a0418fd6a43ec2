//! Finding the files to lint.
//!
//! A file named on the command line is always read, whatever its name, and
//! `-` is standard input. A directory is walked for `*.json` files and JSON
//! Lines files (`*.jsonl`, `*.ndjson`), in sorted order, following symbolic
//! links (a link loop is reported, not followed forever) and skipping hidden
//! directories, the usual dependency and build folders, and the configuration
//! files that are JSON with comments by convention (`tsconfig.json`): they
//! are never order requests, and strict JSON would fail on them.
//!
//! The walk also skips what `.gitignore`, `.ignore`, `.git/info/exclude` and
//! git's global excludes file (`core.excludesFile`) ignore, as git and
//! ripgrep read them, unless [`Options::no_ignore`] is set. `.gitignore` is
//! honoured outside a git repository too (as ruff does): a copy of a
//! repository without its `.git`, such as a CI artifact or an unpacked
//! archive, means the same files. The `ignore` crate (ripgrep's walker) does
//! the reading and matching.

use std::path::{Path, PathBuf};

use ignore::WalkBuilder;

/// How paths are turned into documents.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// The name under which standard input (`-`) is shown, and by which it
    /// is matched (`--stdin-filename`); `-` when `None`. It is never read
    /// from disk. A name ending in `.jsonl` or `.ndjson` makes standard
    /// input JSON Lines.
    pub stdin_filename: Option<PathBuf>,
    /// Walk directories without reading ignore files (`--no-ignore`).
    pub no_ignore: bool,
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
            Ok(meta) if meta.is_dir() => walk(path, options, &mut found),
            Ok(meta) if meta.is_file() => found.push(Found::File {
                path: path.clone(),
                display: shown,
            }),
            Ok(_) => found.push(Found::Error {
                display: shown,
                message: crate::run::NOT_A_FILE.to_owned(),
            }),
            Err(error) => found.push(Found::Error {
                display: shown,
                message: explicit_error(path, &error),
            }),
        }
    }
    found
}

/// Why a path named on the command line cannot be used: a symbolic link
/// is named as one (see [`broken_link`]), since "no such file" of a link
/// that `ls` shows is puzzling.
fn explicit_error(path: &Path, error: &std::io::Error) -> String {
    broken_link(path).unwrap_or_else(|| io_message(error))
}

/// What is wrong with a symbolic link that cannot be followed to a file or
/// directory: its target does not exist, or following it never ends (a
/// loop, which the operating system reports as too many levels of links).
/// `None` when `path` is not such a link.
fn broken_link(path: &Path) -> Option<String> {
    let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    if !is_link {
        return None;
    }
    match std::fs::metadata(path) {
        Ok(_) => None,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            Some("dangling symbolic link: its target does not exist".to_owned())
        }
        Err(error) => Some(format!(
            "symbolic link loop: following it never reaches a file ({}); not followed",
            io_message(&error)
        )),
    }
}

/// Whether a file found in a directory is one to lint, by its name.
fn is_walked_file(name: &str) -> bool {
    let is_json = name.ends_with(".json") && !is_jsonc_config(name);
    is_json || crate::jsonl::is_json_lines(name)
}

fn walk(root: &Path, options: &Options, found: &mut Vec<Found>) {
    // In the order a walk sorted by file name would give, without sorting
    // each directory as it is read (walkdir's sort takes each entry's name
    // apart again at every comparison): see [`order_key`].
    let mut walked: Vec<(Vec<u8>, Found)> = Vec::new();
    walk_unsorted(root, options, &mut walked);
    walked.sort_by(|a, b| a.0.cmp(&b.0));
    found.extend(walked.into_iter().map(|(_, each)| each));
}

/// A path's place in a depth-first walk that visits each directory's
/// entries sorted by name: its components' bytes joined by a zero byte,
/// which sorts below every byte of a name (no name holds one), so that
/// comparing keys compares component by component.
fn order_key(path: &Path) -> Vec<u8> {
    let mut key = Vec::with_capacity(path.as_os_str().len());
    for (i, component) in path.components().enumerate() {
        if i > 0 {
            key.push(0);
        }
        key.extend_from_slice(component.as_os_str().as_encoded_bytes());
    }
    key
}

/// Walks `root`, giving each file and error with its [`order_key`], in the
/// order the directories are read.
fn walk_unsorted(root: &Path, options: &Options, found: &mut Vec<(Vec<u8>, Found)>) {
    let walker = WalkBuilder::new(root)
        // First: it sets `hidden` too, which is set again below.
        .standard_filters(!options.no_ignore)
        // Hidden directories are skipped by `filter_entry`; a hidden file is
        // read, as before the ignore files were.
        .hidden(false)
        .require_git(false)
        .follow_links(true)
        .filter_entry(|entry| entry.depth() == 0 || !is_skipped_dir(entry))
        .build();
    for entry in walker {
        match entry {
            Ok(entry) => {
                let name = entry.file_name().to_string_lossy();
                let is_file = entry.file_type().is_some_and(|t| t.is_file());
                if is_file && is_walked_file(&name) {
                    let key = order_key(entry.path());
                    let file = Found::File {
                        display: display(entry.path()),
                        path: entry.into_path(),
                    };
                    found.push((key, file));
                }
            }
            Err(error) => {
                let error = WalkError::of(&error);
                if !error.walking {
                    // A problem in an ignore file (a bad glob, an unreadable
                    // `.gitignore`): git goes on without it, and so does the
                    // walk.
                    continue;
                }
                if error.path.is_some_and(is_ignorable_dangling_link) {
                    continue;
                }
                let at = error.path.unwrap_or(root);
                let shown = display(at);
                let message = if let Some(ancestor) = error.loop_ancestor {
                    format!(
                        "symbolic link loop: it leads back to `{}`; not followed",
                        display(ancestor)
                    )
                } else if let Some(broken) = error.path.and_then(broken_link) {
                    broken
                } else if let Some(io) = error.io {
                    io_message(io)
                } else {
                    error.text
                };
                let error = Found::Error {
                    display: shown,
                    message,
                };
                found.push((order_key(at), error));
            }
        }
    }
}

/// An error of the walk, unwrapped from the layers `ignore` puts around it.
struct WalkError<'e> {
    /// It comes from walking a directory (rather than from reading an
    /// ignore file): `ignore` gives those a depth.
    walking: bool,
    /// The path it is about.
    path: Option<&'e Path>,
    /// For a symbolic link loop, where the link leads back to.
    loop_ancestor: Option<&'e Path>,
    /// The I/O error underneath, if any.
    io: Option<&'e std::io::Error>,
    /// The error as `ignore` words it.
    text: String,
}

impl<'e> WalkError<'e> {
    fn of(error: &'e ignore::Error) -> Self {
        let mut unpacked = Self {
            walking: false,
            path: None,
            loop_ancestor: None,
            io: None,
            text: error.to_string(),
        };
        let mut layer = error;
        loop {
            match layer {
                ignore::Error::WithDepth { err, .. } => {
                    unpacked.walking = true;
                    layer = err;
                }
                ignore::Error::WithPath { path, err } => {
                    unpacked.path = unpacked.path.or(Some(path));
                    layer = err;
                }
                ignore::Error::WithLineNumber { err, .. } => layer = err,
                ignore::Error::Loop { ancestor, child } => {
                    unpacked.path = unpacked.path.or(Some(child));
                    unpacked.loop_ancestor = Some(ancestor);
                    break;
                }
                ignore::Error::Io(io) => {
                    unpacked.io = Some(io);
                    break;
                }
                _ => break,
            }
        }
        unpacked
    }
}

/// A symbolic link whose target does not exist, that the walk would not have
/// read anyway (not a file it walks for, or hidden): a broken `README` link
/// is not this tool's business. A broken `order.json` link is reported.
fn is_ignorable_dangling_link(path: &Path) -> bool {
    let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    let dangling = is_link && std::fs::metadata(path).is_err();
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    dangling && (!is_walked_file(&name) || name.starts_with('.'))
}

fn is_skipped_dir(entry: &ignore::DirEntry) -> bool {
    if !entry.file_type().is_some_and(|t| t.is_dir()) {
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

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::{Found, Options, discover};

    /// The files of a tree come in the order of a depth-first walk that
    /// reads each directory sorted by name (bytes), whatever order the file
    /// system lists them in: a directory's files right after its name,
    /// before a longer name that it starts (`a/…` before `a-b/…` and
    /// `a.json`), upper case before lower case.
    #[test]
    fn a_tree_is_found_in_name_order() {
        let dir = tempfile::tempdir().unwrap();
        let files = [
            "é.json",
            "b.json",
            "a.json",
            "a-b/z.json",
            "a-b/c.json",
            "a/b.json",
            "a/a/z.json",
            "a/a.json",
            "B.json",
            "a/c/d/e.json",
            "a/c.json",
        ];
        for file in files {
            let path = dir.path().join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, "{}").unwrap();
        }
        let root = dir.path().to_path_buf();
        let found: Vec<PathBuf> = discover(std::slice::from_ref(&root), &Options::default())
            .into_iter()
            .map(|found| match found {
                Found::File { path, .. } => path.strip_prefix(&root).unwrap().to_path_buf(),
                other => panic!("{other:?}"),
            })
            .collect();
        let expected: Vec<PathBuf> = [
            "B.json",
            "a/a/z.json",
            "a/a.json",
            "a/b.json",
            "a/c/d/e.json",
            "a/c.json",
            "a-b/c.json",
            "a-b/z.json",
            "a.json",
            "b.json",
            "é.json",
        ]
        .iter()
        .map(PathBuf::from)
        .collect();
        assert_eq!(found, expected);
    }
}
