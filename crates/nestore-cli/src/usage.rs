//! The command line as clap reads it, in the environment's language: the help texts are
//! the catalogue's (`cli-help-*`), set on the derived `Command` at run time, and a command
//! line that cannot be run is told in the catalogue's words (`cli-usage-*`), exit 2.
//!
//! Left in clap's English: the `[OPTIONS]` placeholder and the option placeholders
//! (`<POWER>`) in usage lines, the help subcommand's own arguments, and the rare usage
//! errors this command line cannot produce (those print as clap writes them).

use std::ffi::OsString;
use std::process::ExitCode;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command, CommandFactory, FromArgMatches};
use nestore_i18n::Args;

use crate::text::{cat, label, t};
use crate::{exit, Cli};

/// The command line of this process, or the exit code once what went wrong (or the help
/// or version asked for) is printed.
pub fn parse() -> Result<Cli, ExitCode> {
    let args: Vec<OsString> = std::env::args_os().collect();
    let mut cmd = command();
    let parsed = cmd
        .try_get_matches_from_mut(&args)
        .and_then(|m| Cli::from_arg_matches(&m));
    parsed.map_err(|e| report(&e, &cmd, &args))
}

/// The whole command line with the catalogue's help texts, built.
pub fn command() -> Command {
    let mut cmd = localise(Cli::command(), "cli-help", true);
    // The help subcommand exists only once built.
    cmd.build();
    let cmd = localise_help_subcommands(cmd);
    // `discover` looks on the network, not at --host: the global options it ignores are
    // left out of its help (they exist there only once built).
    cmd.mut_subcommand("discover", |s| {
        s.mut_arg("host", |a| a.hide(true))
            .mut_arg("password_stdin", |a| a.hide(true))
    })
}

/// `cmd` and its subcommands in the catalogue's words: `id` is the command's message
/// (its about text), the message's attributes its options' help by the option's name
/// (`cli-help-charge-start.power`); a subcommand's id adds its name
/// (`cli-help-charge` → `cli-help-charge-start`).
fn localise(mut cmd: Command, id: &str, root: bool) -> Command {
    let options = label("cli-help-options-heading");
    if cat().has(id) {
        cmd = cmd.about(label(id)).long_about(None);
    }
    let arg_ids: Vec<String> = cmd
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .collect();
    for arg in arg_ids {
        let key = format!("{id}.{arg}");
        let help = cat().has(&key).then(|| label(&key));
        let heading = options.clone();
        cmd = cmd.mut_arg(&arg, move |a| {
            // Defaults and environment variables are in the catalogue's help text: clap
            // would write them in English.
            let takes_value = a.get_action().takes_values();
            let a = a
                .help_heading(heading)
                .hide_default_value(takes_value)
                .hide_env(true);
            match help {
                Some(help) => a.help(help).long_help(None),
                None => a,
            }
        });
    }
    cmd = cmd.disable_help_flag(true).arg(
        Arg::new("help")
            .short('h')
            .long("help")
            .action(ArgAction::Help)
            .help(label("cli-help-flag"))
            // Last, where clap puts its own.
            .display_order(999)
            .help_heading(options.clone()),
    );
    if root {
        cmd = cmd.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(label("cli-help-version-flag"))
                .display_order(999)
                .help_heading(options),
        );
    }
    cmd = cmd
        .help_template(format!(
            "{{about-with-newline}}\n{}: {{usage}}\n\n{{all-args}}{{after-help}}",
            label("cli-help-usage-heading")
        ))
        .subcommand_help_heading(label("cli-help-commands-heading"))
        .subcommand_value_name(label("cli-help-command-placeholder"));
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_owned())
        .collect();
    for name in names {
        let sub_id = format!("{id}-{name}");
        cmd = cmd.mut_subcommand(&name, |s| localise(s, &sub_id, false));
    }
    cmd
}

/// The about text of clap's `help` subcommand, wherever there is one.
fn localise_help_subcommands(mut cmd: Command) -> Command {
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_owned())
        .filter(|n| n != "help")
        .collect();
    if cmd.find_subcommand("help").is_some() {
        cmd = cmd.mut_subcommand("help", |h| h.about(label("cli-help-help-command")));
    }
    for name in names {
        cmd = cmd.mut_subcommand(&name, localise_help_subcommands);
    }
    cmd
}

fn words(v: &ContextValue) -> Option<String> {
    match v {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(v) => (!v.is_empty()).then(|| v.join(", ")),
        ContextValue::StyledStr(s) => Some(s.to_string()),
        ContextValue::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// What is wrong with the command line, in the catalogue's words; `None` for a kind of
/// error this command line has no words for.
fn message(e: &clap::Error) -> Option<String> {
    let get = |kind| e.get(kind).and_then(words);
    let arg = get(ContextKind::InvalidArg);
    let value = get(ContextKind::InvalidValue);
    let with = |arg: String| Args::new().text("arg", arg);
    Some(match e.kind() {
        ErrorKind::ValueValidation => {
            let args = with(arg?).text("value", value?);
            match std::error::Error::source(e) {
                Some(why) => t(
                    "cli-usage-invalid-value",
                    &args.text("reason", why.to_string()),
                ),
                None => t("cli-usage-invalid-value-plain", &args),
            }
        }
        ErrorKind::InvalidValue => match value {
            Some(v) if !v.is_empty() => t(
                "cli-usage-invalid-value-plain",
                &with(arg?).text("value", v),
            ),
            _ => t("cli-usage-no-value", &with(arg?)),
        },
        ErrorKind::NoEquals | ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            t("cli-usage-no-value", &with(arg?))
        }
        ErrorKind::TooManyValues => t(
            "cli-usage-unexpected-value",
            &with(arg?).text("value", value?),
        ),
        ErrorKind::UnknownArgument => t("cli-usage-unknown-argument", &with(arg?)),
        ErrorKind::InvalidSubcommand => t(
            "cli-usage-unknown-command",
            &with(get(ContextKind::InvalidSubcommand)?),
        ),
        ErrorKind::MissingRequiredArgument => {
            t("cli-usage-missing", &Args::new().text("args", arg?))
        }
        ErrorKind::ArgumentConflict => {
            let arg = arg?;
            match get(ContextKind::PriorArg) {
                Some(other) if other != arg => {
                    t("cli-usage-conflict", &with(arg).text("other", other))
                }
                _ => t("cli-usage-repeated", &with(arg)),
            }
        }
        ErrorKind::InvalidUtf8 => label("cli-usage-not-utf8"),
        _ => return None,
    })
}

/// A similar option or command, when clap knows one.
fn suggestion(e: &clap::Error) -> Option<String> {
    let similar = e
        .get(ContextKind::SuggestedArg)
        .or_else(|| e.get(ContextKind::SuggestedSubcommand))
        .and_then(|v| match v {
            ContextValue::String(s) => Some(s.clone()),
            ContextValue::Strings(v) => v.first().cloned(),
            _ => None,
        })?;
    Some(t(
        "cli-usage-did-you-mean",
        &Args::new().text("suggestion", similar),
    ))
}

/// The command as typed up to the subcommand the error is about ("nestore charge start").
fn command_path(cmd: &Command, args: &[OsString]) -> String {
    let mut names = vec![cmd.get_name().to_owned()];
    let mut at = cmd;
    for word in args.iter().skip(1).filter_map(|a| a.to_str()) {
        match at.find_subcommand(word) {
            Some(sub) if sub.get_name() != "help" => {
                names.push(sub.get_name().to_owned());
                at = sub;
            }
            _ => {}
        }
    }
    names.join(" ")
}

/// Prints what clap found (help, the version or a usage error) and gives the exit code:
/// 0 for help and the version, 2 for anything that cannot be run.
fn report(e: &clap::Error, cmd: &Command, args: &[OsString]) -> ExitCode {
    if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
        let _ = e.print();
        return ExitCode::SUCCESS;
    }
    match message(e) {
        // Help shown for a command line without a command: already in the catalogue's
        // words; anything else clap's own (English) words.
        None => {
            let _ = e.print();
        }
        Some(message) => {
            let mut out = format!("nestore: {message}\n");
            if let Some(tip) = suggestion(e) {
                out.push_str(&format!("  {tip}\n"));
            }
            let usage = e.get(ContextKind::Usage).map(|u| u.to_string());
            if let Some(usage) = usage {
                // clap writes its heading in English: the catalogue's instead.
                let usage = usage.trim();
                let usage = usage.strip_prefix("Usage:").unwrap_or(usage).trim();
                let line = t("cli-usage-line", &Args::new().text("usage", usage));
                out.push_str(&format!("\n{line}\n"));
            }
            let more = t(
                "cli-usage-more",
                &Args::new().text("command", command_path(cmd, args)),
            );
            out.push_str(&format!("\n{more}\n"));
            eprint!("{out}");
        }
    }
    ExitCode::from(exit::USAGE)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_command_and_option_has_its_help_in_the_catalogue() {
        fn walk(cmd: &Command, id: &str, missing: &mut Vec<String>) {
            if !cat().has(id) {
                missing.push(id.to_owned());
            }
            for a in cmd.get_arguments() {
                let key = format!("{id}.{}", a.get_id());
                if !cat().has(&key) {
                    missing.push(key);
                }
            }
            for s in cmd.get_subcommands() {
                walk(s, &format!("{id}-{}", s.get_name()), missing);
            }
        }
        let mut missing = Vec::new();
        walk(&Cli::command(), "cli-help", &mut missing);
        assert!(missing.is_empty(), "no help text for {missing:?}");
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
