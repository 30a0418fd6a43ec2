//! The `orderlint` binary: parse arguments, run, exit. Everything else is in
//! the library.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = orderlint::cli::Cli::parse();
    let mut out = std::io::stdout().lock();
    let mut err = std::io::stderr().lock();
    ExitCode::from(orderlint::cli::execute(cli, &mut out, &mut err))
}
