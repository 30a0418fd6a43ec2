//! The command line: arguments (clap) and what each subcommand does.

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::finding::Severity;
use crate::report::{self, Format, Style};
use crate::rules;
use crate::run::{self, Summary};
use crate::{Config, schema};

const EXIT_CODES: &str = "\
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
}

/// Runs the command, writing its output to `out` and tool failures to `err`.
/// Returns the process exit code.
pub fn execute(cli: Cli, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let result = match cli.command {
        Command::Check(args) => check(&args, out),
        Command::Schema => out.write_all(schema::SCHEMA_TEXT.as_bytes()).map(|()| 0),
        Command::Rules => list_rules(out).map(|()| 0),
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
    };
    match result {
        Ok(code) => code,
        // The reader went away (`orderlint check | head`): nothing to report.
        Err(error) if error.kind() == io::ErrorKind::BrokenPipe => 0,
        Err(error) => {
            let _ = writeln!(err, "error: cannot write the output: {error}");
            2
        }
    }
}

fn check(args: &CheckArgs, out: &mut dyn Write) -> io::Result<u8> {
    if let Err(message) = schema::validator() {
        return Err(io::Error::other(message));
    }
    let config = Config { detect: !args.all };
    let reports = run::check(&args.paths, &config);
    let summary = Summary::of(&reports);
    let style = Style {
        color: io::stdout().is_terminal()
            && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        width: 100,
    };
    report::write(args.format, style, out, &reports, &summary)?;
    Ok(if summary.tool_errors > 0 {
        2
    } else {
        u8::from(summary.fails(args.fail_on))
    })
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
