//! Helpers shared by the tests.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use miette::{GraphicalReportHandler, GraphicalTheme};
use orderlint::Finding;

/// The project's root folder.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `../shared`, beside the clone (CI lays it there too).
pub fn shared() -> PathBuf {
    let shared = root().join("../shared");
    assert!(
        shared.is_dir(),
        "{} is missing: the tests read MultiSafepay's examples from ../shared",
        shared.display()
    );
    shared
}

/// Runs the binary in `dir` with `args`, with colour off.
pub fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_orderlint"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("FORCE_COLOR")
        .output()
        .expect("the binary runs")
}

/// Standard output as text.
pub fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("stdout is UTF-8")
}

/// The exit code.
pub fn code(output: &Output) -> i32 {
    output
        .status
        .code()
        .expect("the process exited, not killed")
}

/// Findings as the snapshot shows them: one line each with rule, range and
/// message, then miette's drawing, without colour, 80 columns wide.
pub fn render(findings: &[Finding], text: &str) -> String {
    let handler = GraphicalReportHandler::new_themed(GraphicalTheme::unicode_nocolor())
        .with_width(80)
        .with_links(false);
    let mut out = String::new();
    for finding in findings {
        let range = finding.range.expect("findings in a document have a range");
        out.push_str(&format!(
            "{} {}:{}-{}:{} {:?} {}\n",
            finding.rule,
            range.start.line,
            range.start.column,
            range.end.line,
            range.end.column,
            finding.pointer.as_deref().unwrap_or_default(),
            finding.message,
        ));
    }
    for finding in findings {
        out.push_str(&orderlint::report::human::render(
            &handler,
            finding,
            Some(text),
        ));
    }
    out
}

/// One field of every diagnostic of a `--format json` report, in order.
pub fn each<'j>(report: &'j serde_json::Value, field: &str) -> Vec<&'j str> {
    report["diagnostics"]
        .as_array()
        .expect("a diagnostics array")
        .iter()
        .map(|d| d[field].as_str().expect("a string field"))
        .collect()
}

/// The binary, to run in `dir` with `args`, colour off and `home` as its
/// home: no global or system git configuration (git's excludes would
/// change what is walked) unless `gitconfig` names one, which becomes
/// `GIT_CONFIG_GLOBAL`. Standard output and error are captured.
pub fn isolated(dir: &Path, args: &[&str], home: &Path, gitconfig: Option<&Path>) -> Command {
    let global = gitconfig.map_or_else(|| home.join(".gitconfig"), Path::to_path_buf);
    let mut command = Command::new(env!("CARGO_BIN_EXE_orderlint"));
    command
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("FORCE_COLOR")
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join(".config"))
        .env("GIT_CONFIG_GLOBAL", global)
        .env("GIT_CONFIG_SYSTEM", home.join("gitconfig"))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    command
}
