//! The command line: arguments (clap) and what each subcommand does.

use std::ffi::OsStr;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::config::{self, Settings};
use crate::discover;
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
  2  a tool error: bad arguments, a path that cannot be read, a file over
     --max-file-size, an internal error (also when there are findings too)";

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
    /// Files and directories to lint (default: `.`). Directories are searched
    /// for `*.json`, `*.jsonl` and `*.ndjson`. `-` reads one document from
    /// standard input.
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Write the report to this file instead of standard output (atomically:
    /// a temporary file beside it, then a rename).
    #[arg(long, value_name = "PATH")]
    pub output_file: Option<PathBuf>,
    /// Print a count per rule instead of the findings (with --format human,
    /// concise, github or json).
    #[arg(long)]
    pub statistics: bool,
    /// Exit with 1 when a finding is at or above this severity [default:
    /// `fail-on` in orderlint.toml, else warning].
    #[arg(long, value_enum)]
    pub fail_on: Option<Severity>,
    /// Lint every JSON file, not only those that look like order requests
    /// (a top-level `order_id`, or both `amount` and `currency`).
    #[arg(long)]
    pub all: bool,
    /// The file name of the document read from standard input (`-`), shown
    /// in the output; a name ending in `.jsonl` or `.ndjson` reads JSON
    /// Lines. Without paths, standard input is read.
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<PathBuf>,
    /// Do not skip the files that `.gitignore`, `.ignore` and git's global
    /// excludes ignore when walking directories.
    #[arg(long)]
    pub no_ignore: bool,
    /// Read this configuration file instead of searching upward from the
    /// working directory for `orderlint.toml`.
    #[arg(long, value_name = "PATH")]
    pub config: Option<PathBuf>,
    /// Report only these rules (comma-separated), even those the
    /// configuration turns off.
    #[arg(long, value_name = "RULE", value_delimiter = ',', value_parser = rule_name)]
    pub select: Option<Vec<&'static str>>,
    /// Report none of these rules (comma-separated), whatever the
    /// configuration says.
    #[arg(long, value_name = "RULE", value_delimiter = ',', value_parser = rule_name)]
    pub ignore: Vec<&'static str>,
    /// Apply the configuration's `exclude` to files named on the command
    /// line too (pre-commit names every staged file).
    #[arg(long)]
    pub force_exclude: bool,
    /// Do not read a file larger than this, nor a longer line of a JSON
    /// Lines file, nor more of standard input; report it (`io-error`,
    /// exit code 2). Bytes, or a number and a unit: `64MiB`, `500KB`
    /// [default: `max-file-size` in orderlint.toml, else 64MiB].
    #[arg(long, value_name = "BYTES", value_parser = config::parse_size)]
    pub max_file_size: Option<u64>,
    /// When to colour the human format: `auto` colours on a terminal, unless
    /// `NO_COLOR` is set, or when `FORCE_COLOR` is set (set means non-empty).
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

/// A rule name given on the command line.
fn rule_name(name: &str) -> Result<&'static str, String> {
    rules::by_name(name)
        .map(|meta| meta.name)
        .ok_or_else(|| format!("unknown rule `{name}`; {}", config::unknown_rule_help(name)))
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

/// Runs the command and returns the process exit code. Once per process,
/// at its end: `check` leaves its reports to be reclaimed with the process
/// rather than free them (see there).
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
        Command::Explain { rule } if rule == config::UNUSED_SUPPRESSION => out
            .write_all(config::UNUSED_SUPPRESSION_EXPLANATION.as_bytes())
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
    let color = match args.color {
        ColorChoice::Auto => color,
        ColorChoice::Always => true,
        ColorChoice::Never => false,
    };
    if args.statistics && !args.format.has_statistics() {
        writeln!(
            err,
            "error: --statistics has no `{}` form; use it with --format human, concise, github or json",
            args.format.as_str()
        )?;
        return Ok(2);
    }
    let style = Style { color, width: 100 };
    let Some(settings) = settings(args, err, style)? else {
        return Ok(2);
    };
    let config = Config {
        detect: !args.all && settings.detect().unwrap_or(true),
    };
    let fail_on = args
        .fail_on
        .or(settings.fail_on())
        .unwrap_or(Severity::Warning);
    let stdin = Path::new(discover::STDIN);
    let paths = match (&args.stdin_filename, args.paths.is_empty()) {
        (Some(_), true) => vec![stdin.to_path_buf()],
        (None, true) => vec![PathBuf::from(".")],
        (Some(_), false) if !args.paths.iter().any(|p| p == stdin) => {
            writeln!(
                err,
                "error: --stdin-filename names the document read from standard input; \
                 add `-` to the paths"
            )?;
            return Ok(2);
        }
        _ => args.paths.clone(),
    };
    let options = discover::Options {
        stdin_filename: args.stdin_filename.clone(),
        no_ignore: args.no_ignore,
    };
    // Only the human format shows source snippets.
    let sources = if args.format == Format::Human && !args.statistics {
        run::Sources::Keep
    } else {
        run::Sources::Drop
    };
    let reports = run::check_configured(&paths, &options, &config, &settings, sources);
    let summary = Summary::of(&reports);
    *code = if summary.tool_errors > 0 {
        2
    } else {
        u8::from(summary.fails(fail_on))
    };
    if reports.is_empty() {
        let why = if args.force_exclude && !args.paths.is_empty() {
            "warning: nothing to check: the configuration's `exclude` removes every file given \
             (--force-exclude)"
        } else {
            "warning: no JSON files found in the given paths"
        };
        writeln!(err, "{why}")?;
    }
    let mut buffer = Vec::new();
    let rendered = match &args.output_file {
        None => {
            let style = Style { color, width: 100 };
            render(args, style, out, &reports, &summary)
        }
        Some(_) => render(args, Style::default(), &mut buffer, &reports, &summary),
    };
    // The run is over, and so is the process once the output is flushed:
    // the reports are left for the operating system to reclaim with the
    // rest of it. Freeing them one by one (on this thread, blocks that the
    // pool's threads allocated) took 10 % of a 100,000-file run.
    std::mem::forget(reports);
    rendered?;
    let Some(path) = &args.output_file else {
        return Ok(*code);
    };
    if let Err(error) = report::file::write_atomically(path, &buffer) {
        writeln!(
            err,
            "error: cannot write the report to `{}`: {error}",
            path.display()
        )?;
        return Ok(2);
    }
    Ok(*code)
}

/// The report, or with `--statistics` the count per rule.
fn render(
    args: &CheckArgs,
    style: Style,
    out: &mut dyn Write,
    reports: &[run::FileReport],
    summary: &Summary,
) -> io::Result<()> {
    if args.statistics {
        report::write_statistics(args.format, out, reports, summary)
    } else {
        report::write(args.format, style, out, reports, summary)
    }
}

/// Loads the configuration and adds the command line's selection; on a
/// mistake, shows every error on `err` and returns `None`.
fn settings(args: &CheckArgs, err: &mut dyn Write, style: Style) -> io::Result<Option<Settings>> {
    let loaded = match std::env::current_dir() {
        Ok(cwd) => Settings::load(&cwd, args.config.as_deref()),
        Err(error) => {
            writeln!(err, "error: cannot read the working directory: {error}")?;
            return Ok(None);
        }
    };
    match loaded {
        Ok(settings) => Ok(Some(Settings {
            select: args.select.clone(),
            ignore: args.ignore.clone(),
            force_exclude: args.force_exclude,
            max_file_size: args.max_file_size,
            ..settings
        })),
        Err(errors) => {
            for (i, error) in errors.iter().enumerate() {
                if i > 0 {
                    writeln!(err)?;
                }
                err.write_all(report::human::render_error(style, error).as_bytes())?;
            }
            Ok(None)
        }
    }
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
