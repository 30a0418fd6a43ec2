//! Shell completions and man pages, generated from the clap definition in
//! [`crate::cli`] (clap_complete, clap_mangen), so that they always list
//! the options that exist. Nothing here parses arguments or lints.

use std::io::{self, Write};

use clap::CommandFactory;

use crate::cli::{Cli, EXIT_CODES};

/// Writes the completion script. It is built in memory first: clap_complete
/// panics on a write error, and a closed pipe is not a bug.
pub fn completions(shell: clap_complete::Shell, out: &mut dyn Write) -> io::Result<()> {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "orderlint", &mut script);
    out.write_all(&script)
}

/// Writes orderlint(1), or a subcommand's page such as orderlint-check(1),
/// with an EXIT STATUS section where the exit codes matter.
pub fn man(command: Option<&str>, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<u8> {
    // Without the `help` subcommand, as clap_mangen's own generator does:
    // it has no page of its own.
    let mut root = Cli::command().disable_help_subcommand(true);
    root.build();
    let page = match command {
        None => root,
        Some(name) => match root.find_subcommand(name) {
            Some(sub) => sub.clone(),
            None => {
                let names: Vec<_> = root
                    .get_subcommands()
                    .map(clap::Command::get_name)
                    .collect();
                writeln!(
                    err,
                    "error: no subcommand `{name}`; the pages are: {}",
                    names.join(", ")
                )?;
                return Ok(2);
            }
        },
    };
    let with_exit_codes = matches!(command, None | Some("check"));
    let man = clap_mangen::Man::new(page).source(concat!("orderlint ", env!("CARGO_PKG_VERSION")));
    let mut roff = Vec::new();
    man.render_title(&mut roff)?;
    man.render_name_section(&mut roff)?;
    man.render_synopsis_section(&mut roff)?;
    man.render_description_section(&mut roff)?;
    man.render_options_section(&mut roff)?;
    if command.is_none() {
        man.render_subcommands_section(&mut roff)?;
    }
    if with_exit_codes {
        exit_status_section(&mut roff)?;
    }
    if command.is_none() {
        // Only the top level has a version; clap_mangen panics on a
        // subcommand without one.
        man.render_version_section(&mut roff)?;
    }
    out.write_all(&roff)?;
    Ok(0)
}

/// The exit codes as a man page's EXIT STATUS section: [`EXIT_CODES`], one
/// tagged paragraph per code.
fn exit_status_section(roff: &mut dyn Write) -> io::Result<()> {
    use clap_mangen::roff::{Roff, bold, roman};
    let mut section = Roff::new();
    section.control("SH", ["EXIT STATUS"]);
    for (code, meaning) in exit_codes() {
        section.control("TP", []);
        section.text([bold(code)]);
        section.text([roman(meaning)]);
    }
    section.to_writer(roff)
}

/// [`EXIT_CODES`] as (code, meaning) pairs, the continuation lines joined.
fn exit_codes() -> Vec<(&'static str, String)> {
    let mut codes: Vec<(&'static str, String)> = Vec::new();
    for line in EXIT_CODES.lines().skip(1) {
        let text = line.trim();
        match text.split_once("  ") {
            Some((code, meaning)) if code.bytes().all(|b| b.is_ascii_digit()) => {
                codes.push((code, meaning.trim().to_owned()));
            }
            _ => {
                if let Some((_, meaning)) = codes.last_mut() {
                    meaning.push(' ');
                    meaning.push_str(text);
                }
            }
        }
    }
    codes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exit_codes_are_read_from_the_help_text() {
        assert_eq!(
            exit_codes(),
            [
                ("0", "no finding at or above --fail-on".to_owned()),
                ("1", "some finding at or above --fail-on".to_owned()),
                (
                    "2",
                    "a tool error: bad arguments, a path that cannot be read, a file over \
                     --max-file-size, an internal error (also when there are findings too)"
                        .to_owned()
                ),
            ]
        );
    }
}
