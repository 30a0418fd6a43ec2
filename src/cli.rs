//! The command line: arguments (clap) and what each subcommand does.

use std::ffi::OsStr;
use std::io::{self, Write};
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::finding::Severity;
use crate::manual;
use crate::report::{self, Format, Style};
use crate::rules;
use crate::run::{self, Summary};
use crate::{Config, schema};

/// The exit codes, as `--help` and the man page ([`crate::manual`]) print them.
pub(crate) const EXIT_CODES: &str = "\
Exit codes:
  0  no finding at or above --fail-on
  1  some finding at or above --fail-on
  2  a tool error: bad arguments, a path that cannot be read, an internal error
     (also when there are findings too)";

/// Lint the JSON bodies of MultiSafepay POST /orders requests.
#[derive(Debug, Parser)]
#[command(name = "orderlint", version, about, after_help = EXIT_CODES)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Lint request files and directories.
    #[command(after_help = EXIT_CODES)]
    Check(CheckArgs),
    /// Print the bundled JSON Schema of the request body.
    Schema,
    /// List every rule with its default severity.
    Rules,
    /// Print a rule's documentation.
    Explain {
        /// The rule's name, for example `schema`.
        rule: String,
    },
    /// Print a shell completion script.
    ///
    /// For example, for bash:
    /// `orderlint completions bash > ~/.local/share/bash-completion/completions/orderlint`
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the manual page.
    ///
    /// The page is roff; read it with `orderlint man | man -l -`, or install it
    /// with `orderlint man > /usr/local/share/man/man1/orderlint.1`.
    Man {
        /// A subcommand's page instead, for example `check` for orderlint-check(1).
        command: Option<String>,
    },
}

/// Arguments of `orderlint check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files and directories to lint. Directories are searched for `*.json`.
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Exit with 1 when a finding is at or above this severity.
    #[arg(long, value_enum, default_value_t = Severity::Warning)]
    pub fail_on: Severity,
    /// Lint every JSON file, not only those that look like order requests
    /// (a top-level `order_id`, or both `amount` and `currency`).
    #[arg(long)]
    pub all: bool,
    /// When to colour the human format: `auto` colours on a terminal, unless
    /// `NO_COLOR` is set, or when `FORCE_COLOR` is set (set means non-empty).
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour on a terminal or when `FORCE_COLOR` is set, never when
    /// `NO_COLOR` is set.
    Auto,
    /// Always colour, whatever the environment says.
    Always,
    /// Never colour.
    Never,
}

/// What `--color auto` decides: colour when standard output is a terminal
/// or `FORCE_COLOR` is set, and never when `NO_COLOR` is set
/// (<https://no-color.org>; it wins over `FORCE_COLOR`, as in CPython and
/// anstream). An empty variable counts as not set.
#[must_use]
pub fn auto_color(
    is_terminal: bool,
    no_color: Option<&OsStr>,
    force_color: Option<&OsStr>,
) -> bool {
    let set = |value: Option<&OsStr>| value.is_some_and(|v| !v.is_empty());
    !set(no_color) && (is_terminal || set(force_color))
}

/// Where the output goes and how it may look.
pub struct Terminal<'a> {
    /// Standard output: the report.
    pub out: &'a mut dyn Write,
    /// Standard error: tool failures and notices.
    pub err: &'a mut dyn Write,
    /// What `--color auto` means here (see [`auto_color`]).
    pub color: bool,
}

/// Runs the command and returns the process exit code.
pub fn execute(cli: Cli, terminal: &mut Terminal<'_>) -> u8 {
    let Terminal { out, err, color } = terminal;
    let (out, err, color) = (&mut **out, &mut **err, *color);
    let mut code = 0;
    let result = match cli.command {
        Command::Check(args) => check(&args, out, err, color, &mut code),
        Command::Schema => out.write_all(schema::SCHEMA_TEXT.as_bytes()).map(|()| 0),
        Command::Rules => list_rules(out).map(|()| 0),
        Command::Explain { rule } if rule == run::IO_ERROR => out
            .write_all(run::IO_ERROR_EXPLANATION.as_bytes())
            .map(|()| 0),
        Command::Explain { rule } => match rules::by_name(&rule) {
            Some(meta) => out.write_all(meta.explanation().as_bytes()).map(|()| 0),
            None => {
                let _ = writeln!(
                    err,
                    "error: unknown rule `{rule}`; `orderlint rules` lists them"
                );
                Ok(2)
            }
        },
        Command::Completions { shell } => manual::completions(shell, out).map(|()| 0),
        Command::Man { command } => manual::man(command.as_deref(), out, err),
    };
    match result {
        Ok(code) => code,
        // The reader went away (`orderlint check | head`): the outcome is
        // still what the findings say.
        Err(error) if error.kind() == io::ErrorKind::BrokenPipe => code,
        Err(error) => {
            let _ = writeln!(err, "error: cannot write the output: {error}");
            2
        }
    }
}

/// Runs `check`. `code` is set before the report is written, so that a
/// closed pipe still exits with what the findings say.
fn check(
    args: &CheckArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
    color: bool,
    code: &mut u8,
) -> io::Result<u8> {
    if let Err(message) = schema::validator() {
        writeln!(err, "error: internal error: {message}")?;
        return Ok(2);
    }
    let config = Config { detect: !args.all };
    let reports = run::check(&args.paths, &config);
    let summary = Summary::of(&reports);
    *code = if summary.tool_errors > 0 {
        2
    } else {
        u8::from(summary.fails(args.fail_on))
    };
    if reports.is_empty() {
        writeln!(err, "warning: no JSON files found in the given paths")?;
    }
    let color = match args.color {
        ColorChoice::Auto => color,
        ColorChoice::Always => true,
        ColorChoice::Never => false,
    };
    let style = Style { color, width: 100 };
    report::write(args.format, style, out, &reports, &summary)?;
    Ok(*code)
}

fn list_rules(out: &mut dyn Write) -> io::Result<()> {
    let width = rules::metas().map(|m| m.name.len()).max().unwrap_or(0);
    for meta in rules::metas() {
        writeln!(
            out,
            "{:width$}  {:7}  {}",
            meta.name,
            meta.default_severity.as_str(),
            meta.summary
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auto_color_follows_the_terminal_and_the_environment() {
        let on = Some(OsStr::new("1"));
        let empty = Some(OsStr::new(""));
        assert!(auto_color(true, None, None));
        assert!(!auto_color(false, None, None));
        assert!(!auto_color(true, on, None), "NO_COLOR");
        assert!(
            auto_color(true, empty, None),
            "an empty NO_COLOR is not set"
        );
        assert!(auto_color(false, None, on), "FORCE_COLOR");
        assert!(
            !auto_color(false, None, empty),
            "an empty FORCE_COLOR is not set"
        );
        assert!(!auto_color(true, on, on), "NO_COLOR wins");
    }
}
