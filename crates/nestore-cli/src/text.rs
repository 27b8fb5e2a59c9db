//! The words the command line shows a person: the catalogue's `cli-*` messages
//! (`nestore-i18n`, `locales/*/cli.ftl`) in the language of the environment (`LANGUAGE`,
//! `LC_ALL`, `LC_MESSAGES`, `LANG`). Machine-readable output (`--json`, CSV) never comes
//! from here: it stays English.

use std::sync::OnceLock;

use nestore_i18n::{Args, Catalogue, Language};

/// The catalogue in the environment's language, looked up once per run.
pub fn cat() -> &'static Catalogue {
    static LANGUAGE: OnceLock<Language> = OnceLock::new();
    Catalogue::get(*LANGUAGE.get_or_init(Language::system))
}

/// The message `id` with its values.
pub fn t(id: &str, args: &Args) -> String {
    cat().t(id, args)
}

/// The message `id`, which has no values.
pub fn label(id: &str) -> String {
    cat().label(id)
}
