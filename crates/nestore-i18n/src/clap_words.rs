//! A clap command line in the catalogue's words (feature `clap`): the help texts of a
//! derived `Command` set from message ids at run time, and a command line that cannot be
//! run told in the catalogue's words (exit [`USAGE`]). The `nestore` command line and the
//! tray app's use it; their words are in `cli.ftl`.
//!
//! A command's words are one message: the message is its about text, its attributes its
//! options' help by the option's id (`cli-help-charge-start.power`); a subcommand's id adds
//! its name (`cli-help-charge` → `cli-help-charge-start`). The words every command line
//! shares are the `cli-help-*` headings and flags and the `cli-usage-*` errors.
//!
//! Left in clap's English: the `[OPTIONS]` placeholder and the option placeholders
//! (`<POWER>`) in usage lines, the help subcommand's own arguments, and the rare usage
//! errors these command lines cannot produce (those print as clap writes them).
//!
//! ```
//! use clap::{CommandFactory, FromArgMatches, Parser};
//! use nestore_i18n::{clap_words, Catalogue, Language};
//!
//! #[derive(Parser)]
//! #[command(name = "nestore")]
//! struct Cli {
//!     #[arg(long)]
//!     json: bool,
//! }
//!
//! let nl = Catalogue::get(Language::Dutch);
//! let mut cmd = clap_words::command(Cli::command(), nl, "cli-help-status");
//! let cli: Cli = clap_words::parse(&mut cmd, nl, ["nestore", "--json"]).unwrap();
//! assert!(cli.json);
//! assert!(cmd.render_help().to_string().contains("Als JSON"));
//! assert_eq!(clap_words::missing_help(&Cli::command(), nl, "cli-help-status"), Vec::<String>::new());
//! ```

use std::ffi::OsString;
use std::process::ExitCode;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command, FromArgMatches};

use crate::{Args, Catalogue};

/// The exit code of a command line that cannot be run.
pub const USAGE: u8 = 2;

/// Why a value parser refuses a value, said in the words of the catalogue the error is
/// told with (a parser runs before anyone knows that catalogue). `Display` is English,
/// for logs. A parser may also refuse with a `String` already in words: it is shown as
/// it is.
pub struct Reason(Box<dyn Fn(&Catalogue) -> String + Send + Sync>);

impl Reason {
    /// The reason as `words` writes it in a catalogue.
    pub fn new(words: impl Fn(&Catalogue) -> String + Send + Sync + 'static) -> Reason {
        Reason(Box::new(words))
    }

    /// The message `id`, which has no values.
    pub fn label(id: &'static str) -> Reason {
        Reason::new(move |cat| cat.label(id))
    }

    /// The reason in the words of `cat`.
    pub fn in_words(&self, cat: &Catalogue) -> String {
        (self.0)(cat)
    }
}

impl std::fmt::Display for Reason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.in_words(Catalogue::get(crate::Language::English)))
    }
}

impl std::fmt::Debug for Reason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Reason({self})")
    }
}

impl std::error::Error for Reason {}

/// `cmd` with the catalogue's words, built: `id` is the message of the whole command line
/// (its about text and its options' help).
pub fn command(cmd: Command, cat: &Catalogue, id: &str) -> Command {
    let mut cmd = localise(cmd, cat, id, true);
    // The help subcommand exists only once built.
    cmd.build();
    localise_help_subcommands(cmd, cat)
}

/// The command line `args` (the program's name first) read by `cmd` (from [`command`]), or
/// the exit code once what went wrong (or the help or version asked for) is printed:
/// help and the version on standard output and 0, anything that cannot be run on standard
/// error and [`USAGE`].
pub fn parse<T, I>(cmd: &mut Command, cat: &Catalogue, args: I) -> Result<T, ExitCode>
where
    T: FromArgMatches,
    I: IntoIterator,
    I::Item: Into<OsString>,
{
    read(cmd, cat, args).map_err(ExitCode::from)
}

/// As [`parse`], for a `main` that returns nothing: on help or the version the process
/// exits 0 once it is printed, on a command line that cannot be run [`USAGE`].
pub fn parse_or_exit<T, I>(cmd: &mut Command, cat: &Catalogue, args: I) -> T
where
    T: FromArgMatches,
    I: IntoIterator,
    I::Item: Into<OsString>,
{
    read(cmd, cat, args).unwrap_or_else(|code| std::process::exit(i32::from(code)))
}

/// [`parse`]'s work: the parsed command line, or the exit code once it is told.
fn read<T, I>(cmd: &mut Command, cat: &Catalogue, args: I) -> Result<T, u8>
where
    T: FromArgMatches,
    I: IntoIterator,
    I::Item: Into<OsString>,
{
    let args: Vec<OsString> = args.into_iter().map(Into::into).collect();
    let parsed = cmd
        .try_get_matches_from_mut(&args)
        .and_then(|m| T::from_arg_matches(&m));
    parsed.map_err(|e| print(&e, cmd, cat, &args))
}

/// The ids of the messages and attributes `cmd` (unbuilt, as derived) needs under `id` and
/// the catalogue lacks: empty when every command and option has its words.
pub fn missing_help(cmd: &Command, cat: &Catalogue, id: &str) -> Vec<String> {
    fn walk(cmd: &Command, cat: &Catalogue, id: &str, missing: &mut Vec<String>) {
        if !cat.has(id) {
            missing.push(id.to_owned());
        }
        for a in cmd.get_arguments() {
            let key = format!("{id}.{}", a.get_id());
            if !cat.has(&key) {
                missing.push(key);
            }
        }
        for s in cmd.get_subcommands() {
            walk(s, cat, &format!("{id}-{}", s.get_name()), missing);
        }
    }
    let mut missing = Vec::new();
    walk(cmd, cat, id, &mut missing);
    missing
}

fn localise(mut cmd: Command, cat: &Catalogue, id: &str, root: bool) -> Command {
    let options = cat.label("cli-help-options-heading");
    if cat.has(id) {
        cmd = cmd.about(cat.label(id)).long_about(None);
    }
    let arg_ids: Vec<String> = cmd
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .collect();
    for arg in arg_ids {
        let key = format!("{id}.{arg}");
        let help = cat.has(&key).then(|| cat.label(&key));
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
            .help(cat.label("cli-help-flag"))
            // Last, where clap puts its own.
            .display_order(999)
            .help_heading(options.clone()),
    );
    if root && cmd.get_version().is_some() {
        cmd = cmd.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(cat.label("cli-help-version-flag"))
                .display_order(999)
                .help_heading(options),
        );
    }
    cmd = cmd
        .help_template(format!(
            "{{about-with-newline}}\n{}: {{usage}}\n\n{{all-args}}{{after-help}}",
            cat.label("cli-help-usage-heading")
        ))
        .subcommand_help_heading(cat.label("cli-help-commands-heading"))
        .subcommand_value_name(cat.label("cli-help-command-placeholder"));
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_owned())
        .collect();
    for name in names {
        let sub_id = format!("{id}-{name}");
        cmd = cmd.mut_subcommand(&name, |s| localise(s, cat, &sub_id, false));
    }
    cmd
}

/// The about text of clap's `help` subcommand, wherever there is one.
fn localise_help_subcommands(mut cmd: Command, cat: &Catalogue) -> Command {
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_owned())
        .filter(|n| n != "help")
        .collect();
    if cmd.find_subcommand("help").is_some() {
        cmd = cmd.mut_subcommand("help", |h| h.about(cat.label("cli-help-help-command")));
    }
    for name in names {
        cmd = cmd.mut_subcommand(&name, |s| localise_help_subcommands(s, cat));
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
/// error these command lines have no words for.
fn message(e: &clap::Error, cat: &Catalogue) -> Option<String> {
    let get = |kind| e.get(kind).and_then(words);
    let arg = get(ContextKind::InvalidArg);
    let value = get(ContextKind::InvalidValue);
    let with = |arg: String| Args::new().text("arg", arg);
    Some(match e.kind() {
        ErrorKind::ValueValidation => {
            let args = with(arg?).text("value", value?);
            match std::error::Error::source(e) {
                Some(why) => {
                    let reason = match why.downcast_ref::<Reason>() {
                        Some(reason) => reason.in_words(cat),
                        None => why.to_string(),
                    };
                    cat.t("cli-usage-invalid-value", &args.text("reason", reason))
                }
                None => cat.t("cli-usage-invalid-value-plain", &args),
            }
        }
        ErrorKind::InvalidValue => match value {
            Some(v) if !v.is_empty() => cat.t(
                "cli-usage-invalid-value-plain",
                &with(arg?).text("value", v),
            ),
            _ => cat.t("cli-usage-no-value", &with(arg?)),
        },
        ErrorKind::NoEquals | ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            cat.t("cli-usage-no-value", &with(arg?))
        }
        ErrorKind::TooManyValues => cat.t(
            "cli-usage-unexpected-value",
            &with(arg?).text("value", value?),
        ),
        ErrorKind::UnknownArgument => cat.t("cli-usage-unknown-argument", &with(arg?)),
        ErrorKind::InvalidSubcommand => cat.t(
            "cli-usage-unknown-command",
            &with(get(ContextKind::InvalidSubcommand)?),
        ),
        ErrorKind::MissingRequiredArgument => {
            cat.t("cli-usage-missing", &Args::new().text("args", arg?))
        }
        ErrorKind::ArgumentConflict => {
            let arg = arg?;
            match get(ContextKind::PriorArg) {
                Some(other) if other != arg => {
                    cat.t("cli-usage-conflict", &with(arg).text("other", other))
                }
                _ => cat.t("cli-usage-repeated", &with(arg)),
            }
        }
        ErrorKind::InvalidUtf8 => cat.label("cli-usage-not-utf8"),
        _ => return None,
    })
}

/// A similar option or command, when clap knows one.
fn suggestion(e: &clap::Error, cat: &Catalogue) -> Option<String> {
    let similar = e
        .get(ContextKind::SuggestedArg)
        .or_else(|| e.get(ContextKind::SuggestedSubcommand))
        .and_then(|v| match v {
            ContextValue::String(s) => Some(s.clone()),
            ContextValue::Strings(v) => v.first().cloned(),
            _ => None,
        })?;
    Some(cat.t(
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
/// 0 for help and the version, [`USAGE`] for anything that cannot be run. `args`: the
/// command line as given, the program's name first.
fn print(e: &clap::Error, cmd: &Command, cat: &Catalogue, args: &[OsString]) -> u8 {
    if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
        let _ = e.print();
        return 0;
    }
    match error_text(e, cmd, cat, args) {
        Some(text) => eprint!("{text}"),
        // Help shown for a command line without a command: already in the catalogue's
        // words; anything else clap's own (English) words.
        None => {
            let _ = e.print();
        }
    }
    USAGE
}

/// What [`parse`] prints on standard error for a command line that cannot be run, in
/// the catalogue's words: what is wrong (after the program's name), a similar option or
/// command if clap knows one, the usage line and where to read more. `None` for what
/// clap prints in its own words.
pub fn error_text(
    e: &clap::Error,
    cmd: &Command,
    cat: &Catalogue,
    args: &[OsString],
) -> Option<String> {
    let message = message(e, cat)?;
    let mut out = format!("{}: {message}\n", cmd.get_name());
    if let Some(tip) = suggestion(e, cat) {
        out.push_str(&format!("  {tip}\n"));
    }
    if let Some(usage) = e.get(ContextKind::Usage).map(|u| u.to_string()) {
        // clap writes its heading in English: the catalogue's instead.
        let usage = usage.trim();
        let usage = usage.strip_prefix("Usage:").unwrap_or(usage).trim();
        let line = cat.t("cli-usage-line", &Args::new().text("usage", usage));
        out.push_str(&format!("\n{line}\n"));
    }
    let more = cat.t(
        "cli-usage-more",
        &Args::new().text("command", command_path(cmd, args)),
    );
    out.push_str(&format!("\n{more}\n"));
    Some(out)
}

#[cfg(test)]
mod tests {
    use clap::{CommandFactory, Parser};

    use super::*;
    use crate::Language;

    #[derive(Parser, Debug)]
    #[command(name = "nestore", version)]
    struct Cli {
        #[arg(long, value_parser = watts)]
        power: u32,
    }

    fn watts(s: &str) -> Result<u32, Reason> {
        s.parse().map_err(|_| Reason::label("cli-parse-power"))
    }

    fn refused(language: Language, args: &[&str]) -> String {
        let cat = Catalogue::get(language);
        let mut cmd = command(Cli::command(), cat, "cli-help-charge-start");
        let args: Vec<OsString> = args.iter().map(OsString::from).collect();
        let e = cmd.try_get_matches_from_mut(&args).unwrap_err();
        error_text(&e, &cmd, cat, &args).expect("a usage error in words")
    }

    #[test]
    fn a_reason_is_told_in_the_catalogue_the_error_is_told_with() {
        let nl = refused(Language::Dutch, &["nestore", "--power", "lots"]);
        assert!(
            nl.starts_with("nestore: ongeldige waarde 'lots' voor '--power <POWER>': moet een geheel aantal watt zijn"),
            "{nl}"
        );
        assert!(
            nl.ends_with("\nMeer informatie: 'nestore --help'.\n"),
            "{nl}"
        );
        let missing = refused(Language::Dutch, &["nestore"]);
        assert!(
            missing.starts_with("nestore: deze verplichte opties ontbreken: --power <POWER>"),
            "{missing}"
        );
        assert!(
            missing.contains("\nGebruik: nestore --power <POWER>"),
            "{missing}"
        );
        let en = refused(Language::English, &["nestore", "--power", "lots"]);
        assert!(
            en.starts_with("nestore: invalid value 'lots' for '--power <POWER>': must be a whole number of watts"),
            "{en}"
        );
        assert_eq!(
            Reason::label("cli-parse-power").to_string(),
            "must be a whole number of watts (e.g. 2400)",
            "Display is English"
        );
    }

    #[test]
    fn help_and_flags_are_in_the_catalogues_words() {
        let nl = Catalogue::get(Language::Dutch);
        let mut cmd = command(Cli::command(), nl, "cli-help-charge-start");
        let help = cmd.render_help().to_string();
        for words in [
            "Laad met het elektrische element",
            "Vermogen van het element",
            "Toon de hulp",
            "Toon de versie",
            "Opties:",
        ] {
            assert!(help.contains(words), "{words:?} missing in\n{help}");
        }
        assert_eq!(
            missing_help(&Cli::command(), nl, "cli-help-charge-start"),
            Vec::<String>::new()
        );
        assert_eq!(
            missing_help(&Cli::command(), nl, "cli-help-nothing"),
            ["cli-help-nothing", "cli-help-nothing.power"]
        );
        let cli: Cli = parse(&mut cmd, nl, ["nestore", "--power", "2400"]).unwrap();
        assert_eq!(cli.power, 2400);
    }
}
