//! The `orderlint` binary: parse arguments, run, exit. Everything else is in
//! the library.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;
use orderlint::cli::{Cli, Terminal};

/// mimalloc rather than the system allocator: linting a document allocates
/// and frees many small blocks (the spanned tree, the validator's
/// `serde_json::Value`), and mimalloc does that with fewer instructions.
/// Set here, in the binary, so the library imposes no allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // A panic is a bug, but the exit code still keeps its promise: 2 for an
    // internal error, never 101.
    std::panic::set_hook(Box::new(|info| {
        #[expect(clippy::print_stderr, reason = "the last word before exiting")]
        {
            eprintln!("error: internal error (a bug in orderlint, please report it): {info}");
        }
        std::process::exit(2);
    }));
    let cli = Cli::parse();
    let stdout = std::io::stdout();
    let color = orderlint::cli::auto_color(
        stdout.is_terminal(),
        std::env::var_os("NO_COLOR").as_deref(),
        std::env::var_os("FORCE_COLOR").as_deref(),
    );
    // Buffered: a report of many findings is written in large pieces, not
    // a line at a time.
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut err = std::io::stderr().lock();
    let mut terminal = Terminal {
        out: &mut out,
        err: &mut err,
        color,
    };
    let code = orderlint::cli::execute(cli, &mut terminal);
    match out.flush() {
        // The reader went away (`orderlint check | head`): the outcome is
        // still what the findings say.
        Ok(()) => ExitCode::from(code),
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::from(code),
        Err(error) => {
            let _ = writeln!(err, "error: cannot write the output: {error}");
            ExitCode::from(2)
        }
    }
}
