//! The command line as clap reads it, in the environment's language: the help texts are
//! the catalogue's (`cli-help-*`), set on the derived `Command` at run time, and a command
//! line that cannot be run is told in the catalogue's words (`cli-usage-*`), exit 2
//! (`nestore_i18n::clap_words`, which the tray app's command line uses too).

use std::process::ExitCode;

use clap::{Command, CommandFactory};
use nestore_i18n::clap_words;

use crate::text::cat;
use crate::Cli;

/// The command line of this process, or the exit code once what went wrong (or the help
/// or version asked for) is printed.
pub fn parse() -> Result<Cli, ExitCode> {
    clap_words::parse(&mut command(), cat(), std::env::args_os())
}

/// The whole command line with the catalogue's help texts, built.
pub fn command() -> Command {
    let cmd = clap_words::command(Cli::command(), cat(), "cli-help");
    // `discover` looks on the network, not at --host: the global options it ignores are
    // left out of its help (they exist there only once built).
    let cmd = cmd.mut_subcommand("discover", |s| {
        s.mut_arg("host", |a| a.hide(true))
            .mut_arg("password_stdin", |a| a.hide(true))
    });
    // `schedule` reads a file and contacts no device: none of the device's options apply.
    cmd.mut_subcommand("schedule", |s| {
        s.mut_subcommand("preview", |p| {
            ["host", "port", "timeout", "password_stdin"]
                .into_iter()
                .fold(p, |p, id| p.mut_arg(id, |a| a.hide(true)))
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_command_and_option_has_its_help_in_the_catalogue() {
        for l in nestore_i18n::Language::ALL {
            let cat = nestore_i18n::Catalogue::get(l);
            let missing = clap_words::missing_help(&Cli::command(), cat, "cli-help");
            assert!(missing.is_empty(), "{l:?}: no help text for {missing:?}");
        }
    }

    #[test]
    fn the_port_help_names_the_default_port() {
        let port = nestore::DEFAULT_PORT.to_string();
        for l in nestore_i18n::Language::ALL {
            let help = nestore_i18n::Catalogue::get(l).label("cli-help.port");
            assert!(help.contains(&port), "{l:?}: {help}");
        }
    }

    #[test]
    fn the_command_line_is_consistent() {
        command().debug_assert();
    }
}
