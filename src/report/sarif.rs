//! `--format sarif`: one SARIF 2.1.0 log with one run, for GitHub code
//! scanning and other SARIF viewers.
//!
//! `tool.driver.rules` describes every rule (and `io-error`), whatever was
//! found, so a viewer can show a rule's documentation. A result's location
//! is the path as a relative URI reference (`/`-separated, without a
//! leading `./`); its region uses orderlint's columns, which count Unicode
//! scalar values, hence `columnKind: "unicodeCodePoints"`. An `io-error`
//! has a location without a region. `partialFingerprints` hash the rule,
//! the path and the JSON pointer, not the line, so an alert stays the same
//! alert when the file is reformatted.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;

use crate::finding::{Finding, Range, Severity};
use crate::report::findings;
use crate::rules::{self, RuleMeta};
use crate::run::{FileReport, IO_ERROR, IO_ERROR_EXPLANATION, Summary};

/// The official schema's URI, as its `id` gives it.
pub const SCHEMA_URI: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// The key of orderlint's fingerprint in `partialFingerprints`. The `v1`
/// changes if the way it is computed ever does.
pub const FINGERPRINT_KEY: &str = "orderlint/v1";

#[derive(Serialize)]
struct Log {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run {
    tool: Tool,
    invocations: [Invocation; 1],
    column_kind: &'static str,
    results: Vec<SarifResult>,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    rules: Vec<Descriptor>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Descriptor {
    id: &'static str,
    short_description: Text,
    full_description: Text,
    help: Text,
    default_configuration: Configuration,
}

#[derive(Serialize)]
struct Text {
    text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    markdown: Option<String>,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation {
    execution_successful: bool,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult {
    rule_id: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
    level: &'static str,
    message: Text,
    locations: [Location; 1],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Location>,
    partial_fingerprints: BTreeMap<&'static str, String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Text>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<Region>,
}

#[derive(Serialize)]
struct ArtifactLocation {
    uri: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
}

impl From<Range> for Region {
    fn from(range: Range) -> Self {
        Self {
            start_line: range.start.line,
            start_column: range.start.column,
            end_line: range.end.line,
            end_column: range.end.column,
        }
    }
}

/// Writes the SARIF log and a final newline.
pub fn write(out: &mut dyn Write, reports: &[FileReport], summary: &Summary) -> io::Result<()> {
    let mut text = serde_json::to_vec_pretty(&log(reports, summary)).map_err(io::Error::other)?;
    text.push(b'\n');
    out.write_all(&text)
}

fn log(reports: &[FileReport], summary: &Summary) -> Log {
    let mut rules: Vec<Descriptor> = rules::metas().map(descriptor).collect();
    rules.push(io_error_descriptor());
    rules.push(unused_suppression_descriptor());
    let index = |rule: &str| rules.iter().position(|d| d.id == rule);
    let mut seen: BTreeMap<u64, usize> = BTreeMap::new();
    let results = findings(reports)
        .map(|finding| {
            let mut result = result(finding, &mut seen);
            result.rule_index = index(finding.rule);
            result
        })
        .collect();
    Log {
        schema: SCHEMA_URI,
        version: "2.1.0",
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: env!("CARGO_PKG_NAME"),
                    version: env!("CARGO_PKG_VERSION"),
                    semantic_version: env!("CARGO_PKG_VERSION"),
                    rules,
                },
            },
            invocations: [Invocation {
                execution_successful: summary.tool_errors == 0,
            }],
            column_kind: "unicodeCodePoints",
            results,
        }],
    }
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn descriptor(meta: &'static RuleMeta) -> Descriptor {
    described(
        meta.name,
        meta.summary,
        &meta.explanation(),
        "## What it does",
        meta.default_severity,
    )
}

fn unused_suppression_descriptor() -> Descriptor {
    described(
        crate::config::UNUSED_SUPPRESSION,
        "a [[suppress]] table of orderlint.toml that matched nothing",
        crate::config::UNUSED_SUPPRESSION_EXPLANATION,
        "## What it is",
        Severity::Warning,
    )
}

fn io_error_descriptor() -> Descriptor {
    described(
        IO_ERROR,
        "a path that orderlint could not read",
        IO_ERROR_EXPLANATION,
        "## What it is",
        Severity::Error,
    )
}

/// A descriptor whose full description is the section under `heading` and
/// whose help is the whole explanation.
fn described(
    id: &'static str,
    summary: &str,
    explanation: &str,
    heading: &str,
    severity: Severity,
) -> Descriptor {
    let full = section(explanation, heading);
    Descriptor {
        id,
        short_description: Text {
            text: summary.to_owned(),
            markdown: None,
        },
        full_description: Text {
            text: plain(&full),
            markdown: Some(full),
        },
        help: Text {
            text: plain(explanation),
            markdown: Some(explanation.trim_end().to_owned()),
        },
        default_configuration: Configuration {
            level: level(severity),
        },
    }
}

/// The Markdown under `heading`, up to the next heading.
fn section(markdown: &str, heading: &str) -> String {
    let body: Vec<&str> = markdown
        .lines()
        .skip_while(|line| line.trim_end() != heading)
        .skip(1)
        .take_while(|line| !line.starts_with("## "))
        .collect();
    body.join("\n").trim().to_owned()
}

/// Markdown as plain text: headings without their `#`s, code fences
/// dropped; the rest reads as it is.
fn plain(markdown: &str) -> String {
    let lines: Vec<&str> = markdown
        .lines()
        .filter(|line| !line.starts_with("```"))
        .map(|line| line.trim_start_matches('#').trim_start())
        .collect();
    lines.join("\n").trim().to_owned()
}

fn result(finding: &Finding, seen: &mut BTreeMap<u64, usize>) -> SarifResult {
    let uri = uri(&finding.path);
    let location = |id, range: Option<Range>, message: Option<&str>| Location {
        id,
        physical_location: PhysicalLocation {
            artifact_location: ArtifactLocation { uri: uri.clone() },
            region: range.map(Region::from),
        },
        message: message.map(|text| Text {
            text: text.to_owned(),
            markdown: None,
        }),
    };
    SarifResult {
        rule_id: finding.rule,
        rule_index: None,
        level: level(finding.severity),
        message: Text {
            text: finding.message.clone(),
            markdown: None,
        },
        locations: [location(None, finding.range, None)],
        related_locations: finding
            .related
            .iter()
            .enumerate()
            .map(|(i, related)| location(Some(i), Some(related.range), Some(&related.message)))
            .collect(),
        partial_fingerprints: BTreeMap::from([(
            FINGERPRINT_KEY,
            fingerprint(
                finding.rule,
                &uri,
                finding.pointer.as_deref().unwrap_or_default(),
                seen,
            ),
        )]),
    }
}

/// FNV-1a (64 bits) of rule, path and pointer, as 16 hex digits. Two
/// findings with the same three (two schema errors about one value) would
/// collide, so the second such finding of a run hashes an ordinal too: the
/// first keeps the plain hash, and each stays stable as long as the order
/// of their messages does.
fn fingerprint(rule: &str, uri: &str, pointer: &str, seen: &mut BTreeMap<u64, usize>) -> String {
    let mut input = format!("{rule}\0{uri}\0{pointer}");
    let base = fnv1a64(input.as_bytes());
    let ordinal = seen.entry(base).or_default();
    let hash = if *ordinal == 0 {
        base
    } else {
        input.push('\0');
        input.push_str(&ordinal.to_string());
        fnv1a64(input.as_bytes())
    };
    *ordinal += 1;
    format!("{hash:016x}")
}

/// FNV-1a, 64 bits (Fowler, Noll, Vo): small, stable across versions and
/// platforms, which is what a fingerprint needs (`std`'s hashers promise
/// neither).
#[must_use]
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &byte in bytes {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

/// A path as a URI reference: `/`-separated, without leading `./`, and
/// percent-encoded where a URI needs it (a space, `%`, `#`, `?`, `:`,
/// non-ASCII). A relative path stays relative (to the directory orderlint
/// ran in, which in CI is the repository's root); an absolute one becomes
/// a `file://` URI.
#[must_use]
pub fn uri(path: &str) -> String {
    let mut path = path.replace('\\', "/");
    while let Some(rest) = path.strip_prefix("./") {
        path = rest.trim_start_matches('/').to_owned();
    }
    let absolute = path.starts_with('/');
    let windows_drive = path.as_bytes().get(1) == Some(&b':')
        && path.as_bytes()[0].is_ascii_alphabetic()
        && path.as_bytes().get(2) == Some(&b'/');
    let mut out = String::with_capacity(path.len());
    if absolute {
        out.push_str("file://");
    } else if windows_drive {
        out.push_str("file:///");
    }
    for (i, byte) in path.bytes().enumerate() {
        let keep = byte.is_ascii_alphanumeric()
            || b"-._~/!$&'()*+,;=@".contains(&byte)
            || (windows_drive && i == 1);
        if keep {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_relative_uri_references() {
        assert_eq!(uri("./orders/a.json"), "orders/a.json");
        assert_eq!(uri(".//./a.json"), "a.json");
        assert_eq!(uri("orders\\a.json"), "orders/a.json");
        assert_eq!(
            uri("my orders/100%#1?.json"),
            "my%20orders/100%25%231%3F.json"
        );
        assert_eq!(uri("a:b.json"), "a%3Ab.json");
        assert_eq!(uri("zoë.json"), "zo%C3%AB.json");
        assert_eq!(uri("/tmp/a b.json"), "file:///tmp/a%20b.json");
        assert_eq!(uri("C:/work/a.json"), "file:///C:/work/a.json");
        assert_eq!(uri("../other/a.json"), "../other/a.json");
    }

    #[test]
    fn fnv1a64_matches_the_reference_values() {
        // From the FNV reference test suite (Landon Curt Noll).
        assert_eq!(fnv1a64(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a64(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a64(b"foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn fingerprints_ignore_the_position_and_tell_duplicates_apart() {
        let mut seen = BTreeMap::new();
        let first = fingerprint("schema", "a.json", "/amount", &mut seen);
        let second = fingerprint("schema", "a.json", "/amount", &mut seen);
        let other = fingerprint("schema", "a.json", "/currency", &mut seen);
        assert_ne!(first, second);
        assert_ne!(first, other);
        let mut again = BTreeMap::new();
        assert_eq!(
            first,
            fingerprint("schema", "a.json", "/amount", &mut again)
        );
        assert_eq!(first.len(), 16);
    }
}
