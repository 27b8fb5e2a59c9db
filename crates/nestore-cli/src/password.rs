//! Where the service password comes from. It is never taken from the command line.

use std::io::{BufRead, IsTerminal};

use nestore_secrets::{Keystore, SecretsError};
use secrecy::SecretString;

use nestore_i18n::Args;

use crate::text::{label, t};
use crate::{exit, Failure};

fn because(id: &str, e: &dyn std::fmt::Display) -> String {
    t(id, &Args::new().text("reason", e.to_string()))
}

fn keyring_failure(e: SecretsError) -> Failure {
    Failure(exit::OTHER, because("cli-keyring-failed", &e))
}

fn read_stdin_line() -> Result<SecretString, Failure> {
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|e| Failure(exit::OTHER, because("cli-password-stdin-unreadable", &e)))?;
    let pw = line.trim_end_matches(['\r', '\n']);
    if pw.is_empty() {
        return Err(Failure(exit::AUTH, label("cli-password-stdin-empty")));
    }
    Ok(SecretString::from(pw.to_owned()))
}

/// For control: `--password-stdin` when given, else the keyring, else `NESTORE_PASSWORD`.
pub fn for_control(host: &str, from_stdin: bool) -> Result<SecretString, Failure> {
    if from_stdin {
        return read_stdin_line();
    }
    match Keystore::from_env().get(host) {
        Ok(Some(pw)) => return Ok(pw),
        Ok(None) => {}
        // No keyring is no reason to fail while the environment may still hold a password.
        Err(e) => tracing::info!("keyring not used: {e}"),
    }
    match std::env::var("NESTORE_PASSWORD") {
        Ok(pw) if !pw.is_empty() => Ok(SecretString::from(pw)),
        _ => Err(nestore::Error::NoPassword.into()),
    }
}

/// For `login`: standard input when asked, else a prompt on the terminal.
pub fn obtain_new(from_stdin: bool) -> Result<SecretString, Failure> {
    if from_stdin {
        return read_stdin_line();
    }
    if !std::io::stdin().is_terminal() {
        return Err(Failure(exit::OTHER, label("cli-password-no-terminal")));
    }
    let prompt = format!("{} ", label("cli-password-prompt"));
    let pw = rpassword::prompt_password(prompt)
        .map_err(|e| Failure(exit::OTHER, because("cli-password-unreadable", &e)))?;
    if pw.is_empty() {
        return Err(Failure(exit::AUTH, label("cli-password-empty")));
    }
    Ok(SecretString::from(pw))
}

pub fn store(host: &str, pw: &SecretString) -> Result<(), Failure> {
    Keystore::from_env().set(host, pw).map_err(keyring_failure)
}

pub fn remove(host: &str) -> Result<bool, Failure> {
    Keystore::from_env().delete(host).map_err(keyring_failure)
}
