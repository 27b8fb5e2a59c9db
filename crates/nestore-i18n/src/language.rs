//! The languages the catalogue speaks, and which one a locale name means.

/// A language of the catalogue. English is the fallback for every other locale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Language {
    #[default]
    English,
    Dutch,
}

impl Language {
    /// Every language, English first.
    pub const ALL: [Language; 2] = [Language::English, Language::Dutch];

    /// The language of a locale name in any common form: POSIX (`nl_NL.UTF-8`,
    /// `nl_BE@euro`), BCP 47 (`nl-NL`), a bare code (`nl`), a gettext list (`nl:en`, the
    /// first counts), or a Windows name (`Dutch_Netherlands.1252`). Dutch for Dutch, English
    /// for anything else, including `C`, `POSIX` and the empty string.
    pub fn from_locale(locale: &str) -> Language {
        let first = locale
            .trim()
            .split(':')
            .next()
            .unwrap_or_default()
            .split(['_', '-', '.', '@'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        match first.as_str() {
            "nl" | "nld" | "dut" | "dutch" | "nederlands" => Language::Dutch,
            _ => Language::English,
        }
    }

    /// The language the environment asks for: `LANGUAGE`, `LC_ALL`, `LC_MESSAGES`, `LANG`,
    /// the first one set (on every platform: a Windows shell that sets `LANG`, as Git Bash
    /// and MSYS do, is followed as gettext programs follow it there), else the operating
    /// system's preferred locale (the Windows or macOS user's language); English when it
    /// names none.
    pub fn system() -> Language {
        Language::from_environment(|name| std::env::var(name).ok())
            .or_else(|| sys_locale::get_locale().map(|l| Language::from_locale(&l)))
            .unwrap_or_default()
    }

    /// The language the locale variables name (read with `var`), in gettext's order;
    /// `None` when none is set, or the first set is "C"/"POSIX" with `LANGUAGE` unset.
    pub fn from_environment(var: impl Fn(&str) -> Option<String>) -> Option<Language> {
        // LANGUAGE is a list ("nl:en"); its first entry counts.
        let first = ["LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"]
            .into_iter()
            .filter_map(&var)
            .map(|v| v.split(':').next().unwrap_or_default().trim().to_owned())
            .find(|v| !v.is_empty())?;
        match first.as_str() {
            "C" | "POSIX" => None,
            _ => Some(Language::from_locale(&first)),
        }
    }

    /// The language's code, as a settings file or the window names it: "en", "nl".
    pub fn code(self) -> &'static str {
        match self {
            Language::English => "en",
            Language::Dutch => "nl",
        }
    }

    /// The language of a code as [`Language::code`] writes it; `None` for any other.
    pub fn from_code(code: &str) -> Option<Language> {
        Language::ALL.into_iter().find(|l| l.code() == code)
    }

    /// The language's name in itself, as a language picker shows it: "English",
    /// "Nederlands".
    pub fn native_name(self) -> &'static str {
        match self {
            Language::English => "English",
            Language::Dutch => "Nederlands",
        }
    }

    /// The catalogue's Fluent files in this language, as (file name, source): the watch's
    /// notices, the app's (errors, checks, control), the tray's (menu, notification
    /// buttons), the window's, the command line's.
    /// No id is defined in two of them (the crate's tests check).
    pub fn files(self) -> [(&'static str, &'static str); 5] {
        macro_rules! files {
            ($code:literal) => {
                [
                    (
                        "watch.ftl",
                        include_str!(concat!("../locales/", $code, "/watch.ftl")),
                    ),
                    (
                        "app.ftl",
                        include_str!(concat!("../locales/", $code, "/app.ftl")),
                    ),
                    (
                        "tray.ftl",
                        include_str!(concat!("../locales/", $code, "/tray.ftl")),
                    ),
                    (
                        "window.ftl",
                        include_str!(concat!("../locales/", $code, "/window.ftl")),
                    ),
                    (
                        "cli.ftl",
                        include_str!(concat!("../locales/", $code, "/cli.ftl")),
                    ),
                ]
            };
        }
        match self {
            Language::English => files!("en"),
            Language::Dutch => files!("nl"),
        }
    }

    /// The whole catalogue's Fluent source in this language, every file one after the
    /// other (for the window, over IPC).
    pub fn source(self) -> String {
        self.files()
            .iter()
            .map(|(_, s)| *s)
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// The language the owner picked in Settings: the system's, or one by name. Stored as
/// "system", "en", "nl".
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
pub enum Choice {
    #[default]
    #[serde(rename = "system")]
    System,
    #[serde(rename = "en")]
    English,
    #[serde(rename = "nl")]
    Dutch,
}

impl Choice {
    /// The language this choice means when the system's is `system`.
    pub fn resolve(self, system: Language) -> Language {
        match self {
            Choice::System => system,
            Choice::English => Language::English,
            Choice::Dutch => Language::Dutch,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Language::{self, Dutch, English};

    #[test]
    fn the_environment_names_the_language_in_gettexts_order_on_every_platform() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert_eq!(
            Language::from_environment(env(&[])),
            None,
            "nothing set: the OS's"
        );
        assert_eq!(
            Language::from_environment(env(&[("LANG", "nl_NL.UTF-8")])),
            Some(Dutch)
        );
        assert_eq!(
            Language::from_environment(env(&[("LANG", "nl_NL.UTF-8"), ("LC_ALL", "en_GB")])),
            Some(English),
            "LC_ALL before LANG"
        );
        assert_eq!(
            Language::from_environment(env(&[("LANGUAGE", "nl:en"), ("LC_ALL", "en_GB")])),
            Some(Dutch),
            "LANGUAGE first, its first entry"
        );
        assert_eq!(
            Language::from_environment(env(&[("LANGUAGE", ""), ("LANG", "nl_BE")])),
            Some(Dutch),
            "an empty one is skipped"
        );
        assert_eq!(Language::from_environment(env(&[("LANG", "C")])), None);
    }

    #[test]
    fn locales_name_their_language() {
        for l in [
            "nl_NL.UTF-8",
            "nl_NL",
            "nl_BE.UTF-8@euro",
            "nl-NL",
            "nl-BE",
            "nl",
            "NL_nl",
            "nl:en_GB:en",
            "Dutch_Netherlands.1252",
            " nl_NL.utf8 ",
        ] {
            assert_eq!(Language::from_locale(l), Dutch, "{l}");
        }
        for l in [
            "en_US.UTF-8",
            "en_GB",
            "en",
            "de_DE.UTF-8",
            "fy_NL.UTF-8",
            "C",
            "C.UTF-8",
            "POSIX",
            "",
            "en:nl",
            "nlx",
        ] {
            assert_eq!(Language::from_locale(l), English, "{l}");
        }
    }

    #[test]
    fn codes_round_trip() {
        for l in Language::ALL {
            assert_eq!(Language::from_code(l.code()), Some(l));
        }
        assert_eq!(Language::from_code("nl"), Some(Dutch));
        assert_eq!(Language::from_code("system"), None);
        assert_eq!(Language::from_code("NL"), None);
        assert_eq!(Language::default(), English);
        assert_eq!(Dutch.native_name(), "Nederlands");
    }

    #[test]
    fn a_choice_resolves_to_the_system_or_its_own_language() {
        use super::Choice;
        assert_eq!(Choice::System.resolve(Dutch), Dutch);
        assert_eq!(Choice::System.resolve(English), English);
        assert_eq!(Choice::English.resolve(Dutch), English);
        assert_eq!(Choice::Dutch.resolve(English), Dutch);
        assert_eq!(Choice::default(), Choice::System);
        assert_eq!(serde_json::to_string(&Choice::Dutch).unwrap(), "\"nl\"");
        assert_eq!(
            serde_json::from_str::<Choice>("\"system\"").unwrap(),
            Choice::System
        );
        assert!(serde_json::from_str::<Choice>("\"fr\"").is_err());
    }
}
