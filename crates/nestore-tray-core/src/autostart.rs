//! The arguments "start at login" passes, so the app starts at login as it runs now (with
//! the same settings folder). The autostart library joins them with spaces into the
//! launcher's command line as they are, so on Linux they must already be quoted as a
//! desktop entry's `Exec` key requires.

use std::path::Path;

/// How the login launcher reads its command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Launcher {
    /// An XDG autostart `.desktop` file (Linux).
    DesktopEntry,
    /// A command line in the registry's Run key (Windows).
    WindowsCommandLine,
    /// Arguments kept one by one (macOS launch agents).
    Plain,
}

/// The arguments for `--config-dir DIR` (none without one).
pub fn login_args(config_dir: Option<&Path>, launcher: Launcher) -> Vec<String> {
    let Some(dir) = config_dir else {
        return Vec::new();
    };
    let dir = dir.to_string_lossy();
    let dir = match launcher {
        Launcher::DesktopEntry => desktop_quote(&dir),
        Launcher::WindowsCommandLine => windows_quote(&dir),
        Launcher::Plain => dir.into_owned(),
    };
    vec!["--config-dir".to_owned(), dir]
}

/// One argument of a desktop entry's `Exec`: in double quotes, with `"` `` ` `` `$` `\`
/// escaped by a backslash, which the string escape rule applied first doubles, and `%`
/// (a field code) doubled.
fn desktop_quote(arg: &str) -> String {
    let mut out = String::with_capacity(arg.len() + 2);
    out.push('"');
    for c in arg.chars() {
        match c {
            '"' | '`' | '$' => {
                out.push_str("\\\\");
                out.push(c);
            }
            '\\' => out.push_str("\\\\\\\\"),
            '%' => out.push_str("%%"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// One argument of a Windows command line: in double quotes, a `"` escaped by a
/// backslash, and the backslashes before a quote (and before the closing one) doubled.
fn windows_quote(arg: &str) -> String {
    let mut out = String::from("\"");
    let mut backslashes = 0;
    for c in arg.chars() {
        match c {
            '\\' => backslashes += 1,
            '"' => {
                out.extend(std::iter::repeat_n('\\', 2 * backslashes + 1));
                out.push('"');
                backslashes = 0;
            }
            c => {
                out.extend(std::iter::repeat_n('\\', backslashes));
                out.push(c);
                backslashes = 0;
            }
        }
    }
    out.extend(std::iter::repeat_n('\\', 2 * backslashes));
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_with_spaces_stays_one_argument_in_a_desktop_entry() {
        let dir = Path::new("/home/an/My settings");
        assert_eq!(
            login_args(Some(dir), Launcher::DesktopEntry),
            ["--config-dir", "\"/home/an/My settings\""]
        );
        assert_eq!(
            login_args(Some(dir), Launcher::Plain),
            ["--config-dir", "/home/an/My settings"]
        );
        assert!(login_args(None, Launcher::DesktopEntry).is_empty());
        assert_eq!(
            login_args(
                Some(Path::new(r"C:\Users\An\My settings\")),
                Launcher::WindowsCommandLine
            )[1],
            r#""C:\Users\An\My settings\\""#
        );
        assert_eq!(
            login_args(Some(Path::new(r#"C:\a"b"#)), Launcher::WindowsCommandLine)[1],
            r#""C:\a\"b""#
        );
    }

    #[test]
    fn special_characters_are_escaped_as_the_desktop_entry_spec_says() {
        let args = login_args(
            Some(Path::new(r#"/a "b" $c `d` \e 100%"#)),
            Launcher::DesktopEntry,
        );
        assert_eq!(args[1], r#""/a \\"b\\" \\$c \\`d\\` \\\\e 100%%""#);
    }

    #[test]
    fn backslashes_count_only_before_a_quote_on_windows() {
        let quoted =
            |s: &str| login_args(Some(Path::new(s)), Launcher::WindowsCommandLine)[1].clone();
        // Inside the text, backslashes are literal.
        assert_eq!(quoted(r"C:\a\\b"), r#""C:\a\\b""#);
        // Before a quote: doubled, and one more escapes the quote.
        assert_eq!(quoted(r#"a\"b"#), r#""a\\\"b""#);
        assert_eq!(quoted(r#"a\\"b"#), r#""a\\\\\"b""#);
        // Before the closing quote: doubled.
        assert_eq!(quoted(r"a\\"), r#""a\\\\""#);
    }
}
