//! The NEStore water battery's service password, kept in the OS keyring.
//!
//! One service name ([`SERVICE`]) is shared by the CLI and the tray app; the
//! keyring *account* (user name) is the device host, so each battery has its
//! own entry.
//!
//! Backends (chosen by the `keyring` crate's platform features):
//!
//! * Linux: the freedesktop **Secret Service** over the D-Bus session bus
//!   (gnome-keyring, KeePassXC, KWallet ≥ 5.97, …). Items are created in the
//!   `default` collection with the attributes `service`, `username`,
//!   `target` (= `default`) and `application` (= `rust-keyring`), so
//!   `secret-tool lookup service nestore-tray username <host>` finds them.
//!   The kernel keyutils cache is **not** used (see [`Keystore`]).
//! * macOS / iOS: the Keychain. Windows: the Credential Manager.
//!
//! Errors never contain the password.

use secrecy::{ExposeSecret, SecretString};

/// The keyring service name shared by the CLI and the tray app.
pub const SERVICE: &str = "nestore-tray";

/// Hint appended to "no backend" messages: what the user can do instead.
const NO_BACKEND_HINT: &str = "start gnome-keyring or KeePassXC, or set NESTORE_PASSWORD";

/// Errors from the keystore. Messages are meant for end users and never
/// contain the password.
#[derive(Debug, thiserror::Error)]
pub enum SecretsError {
    /// There is no usable keyring backend: no D-Bus session bus, no Secret
    /// Service on the bus, or a Secret Service without a default keyring.
    #[error("{0}")]
    NoBackend(String),
    /// The keyring is locked and could not be unlocked, or access was denied.
    #[error("{0}")]
    Locked(String),
    /// Anything else, including invalid input (empty host or password).
    #[error("{0}")]
    Other(String),
}

impl SecretsError {
    /// The error in the catalogue's language, as a clause that follows a colon ("the
    /// keyring is locked …"). The keyring's own details stay as the system gave them.
    pub fn message(&self, cat: &nestore_i18n::Catalogue) -> String {
        let (id, detail) = match self {
            SecretsError::NoBackend(d) => ("keyring-no-backend", d),
            SecretsError::Locked(d) => ("keyring-locked", d),
            SecretsError::Other(d) => ("keyring-other", d),
        };
        cat.t(
            id,
            &nestore_i18n::Args::new().text("detail", detail.clone()),
        )
    }
}

/// The service password store: one entry per device host under one service.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keystore {
    service: String,
}

impl Default for Keystore {
    fn default() -> Self {
        Self::new()
    }
}

impl Keystore {
    /// The keystore for [`SERVICE`].
    pub fn new() -> Self {
        Self::with_service(SERVICE)
    }

    /// [`SERVICE`], unless `NESTORE_KEYRING_SERVICE` names another one (tests, or several
    /// profiles side by side). The CLI and the app both start from this.
    pub fn from_env() -> Self {
        match std::env::var("NESTORE_KEYRING_SERVICE") {
            Ok(s) if !s.is_empty() => Self::with_service(&s),
            _ => Self::new(),
        }
    }

    /// A keystore under another service name (for tests).
    pub fn with_service(service: &str) -> Self {
        Self {
            service: service.to_owned(),
        }
    }

    /// The service name entries are stored under.
    pub fn service(&self) -> &str {
        &self.service
    }

    /// The stored password for `host`, or `Ok(None)` when nothing is stored.
    pub fn get(&self, host: &str) -> Result<Option<SecretString>, SecretsError> {
        let entry = self.entry(host)?;
        match entry.get_password() {
            Ok(password) => Ok(Some(SecretString::from(password))),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(err) => Err(map_keyring_error(err)),
        }
    }

    /// Stores (or overwrites) the password for `host`.
    pub fn set(&self, host: &str, password: &SecretString) -> Result<(), SecretsError> {
        if password.expose_secret().is_empty() {
            return Err(SecretsError::Other(
                "refusing to store an empty password".to_owned(),
            ));
        }
        let entry = self.entry(host)?;
        entry
            .set_password(password.expose_secret())
            .map_err(map_keyring_error)
    }

    /// Removes the password for `host`: `true` if one was removed, `false` if
    /// nothing was stored.
    pub fn delete(&self, host: &str) -> Result<bool, SecretsError> {
        let entry = self.entry(host)?;
        match entry.delete_credential() {
            Ok(()) => Ok(true),
            Err(keyring::Error::NoEntry) => Ok(false),
            Err(err) => Err(map_keyring_error(err)),
        }
    }

    /// Whether a password is stored for `host`.
    pub fn is_stored(&self, host: &str) -> Result<bool, SecretsError> {
        Ok(self.get(host)?.is_some())
    }

    fn entry(&self, host: &str) -> Result<keyring::Entry, SecretsError> {
        validate_host(host)?;
        if self.service.trim().is_empty() {
            return Err(SecretsError::Other(
                "the keyring service name must not be empty".to_owned(),
            ));
        }
        new_entry(&self.service, host).map_err(map_keyring_error)
    }
}

/// On Linux, build the Secret Service credential explicitly.
///
/// With `linux-native-sync-persistent`, keyring 3.6's default store is
/// "keyutils-persistent"; in 3.6.3 its builder in fact returns a plain Secret
/// Service credential, but a keyutils cache in the kernel session keyring
/// could return a stale password after a delete made by another process
/// (e.g. the tray app deleting while the CLI has it cached). Asking for the
/// Secret Service credential directly keeps the behaviour explicit: the
/// Secret Service is the single source of truth.
#[cfg(target_os = "linux")]
fn new_entry(service: &str, host: &str) -> keyring::Result<keyring::Entry> {
    let credential = keyring::secret_service::SsCredential::new_with_target(None, service, host)?;
    Ok(keyring::Entry::new_with_credential(Box::new(credential)))
}

#[cfg(not(target_os = "linux"))]
fn new_entry(service: &str, host: &str) -> keyring::Result<keyring::Entry> {
    keyring::Entry::new(service, host)
}

fn validate_host(host: &str) -> Result<(), SecretsError> {
    if host.trim().is_empty() {
        return Err(SecretsError::Other(
            "the device host must not be empty".to_owned(),
        ));
    }
    Ok(())
}

/// Maps a `keyring` error to a [`SecretsError`] with a clear message.
///
/// What keyring 3.6 (sync Secret Service via libdbus) reports on Linux,
/// found empirically:
///
/// * no session bus at all (`DBUS_SESSION_BUS_ADDRESS` unset, no X display):
///   `PlatformFailure(Dbus(.. Unable to autolaunch a dbus-daemon without a
///   $DISPLAY for X11 (org.freedesktop.DBus.Error.NotSupported)))`; a stale
///   address gives `org.freedesktop.DBus.Error.NoServer` / `FileNotFound`;
/// * a bus but no Secret Service (and none activatable):
///   `PlatformFailure(Dbus(.. The name org.freedesktop.secrets was not
///   provided by any .service files (org.freedesktop.DBus.Error.ServiceUnknown)))`;
/// * a Secret Service without a `default` collection (e.g. gnome-keyring
///   auto-started by D-Bus activation with no login keyring):
///   `NoStorageAccess(NoResult)` — even for reads;
/// * a locked collection with no way to show the unlock prompt (headless):
///   `NoStorageAccess(Prompt)`; a locked object: `NoStorageAccess(Locked)`.
///
/// The classification looks at the error's debug text because keyring
/// boxes the platform error; `BadEncoding` (which holds the secret's bytes)
/// is handled before any formatting.
fn map_keyring_error(err: keyring::Error) -> SecretsError {
    match err {
        keyring::Error::PlatformFailure(inner) => {
            classify_platform_failure(&format!("{inner:?}"), &inner.to_string())
        }
        keyring::Error::NoStorageAccess(inner) => {
            classify_no_storage_access(&format!("{inner:?}"), &inner.to_string())
        }
        keyring::Error::NoEntry => SecretsError::Other("no password is stored".to_owned()),
        keyring::Error::BadEncoding(_) => {
            SecretsError::Other("the stored password is not valid UTF-8".to_owned())
        }
        keyring::Error::TooLong(attr, limit) => SecretsError::Other(format!(
            "the keyring rejected the {attr}: longer than the platform limit of {limit} characters"
        )),
        keyring::Error::Invalid(attr, reason) => {
            SecretsError::Other(format!("the keyring rejected the {attr}: {reason}"))
        }
        keyring::Error::Ambiguous(items) => SecretsError::Other(format!(
            "{} keyring entries match this host and service; remove the duplicates \
             (e.g. with `secret-tool clear service <service> username <host>`)",
            items.len()
        )),
        other => SecretsError::Other(format!("keyring error: {other}")),
    }
}

/// `debug` is the platform error's `Debug` text (carries the D-Bus error
/// name), `display` its `Display` text (the human-readable part).
fn classify_platform_failure(debug: &str, display: &str) -> SecretsError {
    const NO_BUS: &[&str] = &[
        "org.freedesktop.DBus.Error.NotSupported", // cannot autolaunch without $DISPLAY
        "org.freedesktop.DBus.Error.NoServer",
        "org.freedesktop.DBus.Error.FileNotFound",
        "org.freedesktop.DBus.Error.BadAddress",
        "org.freedesktop.DBus.Error.Disconnected",
        "Unable to autolaunch",
        "Failed to connect to socket",
    ];
    const NO_SERVICE: &[&str] = &[
        "org.freedesktop.DBus.Error.ServiceUnknown",
        "org.freedesktop.DBus.Error.NameHasNoOwner",
        "org.freedesktop.DBus.Error.Spawn", // activation of the Secret Service failed
        "org.freedesktop.DBus.Error.TimedOut",
        "org.freedesktop.DBus.Error.NoReply",
        "Unavailable",
    ];
    if NO_BUS.iter().any(|needle| debug.contains(needle)) {
        SecretsError::NoBackend(format!(
            "no D-Bus session bus, so no Secret Service can be reached \
             (run inside a desktop session, or {NO_BACKEND_HINT}) [{display}]"
        ))
    } else if NO_SERVICE.iter().any(|needle| debug.contains(needle)) {
        SecretsError::NoBackend(format!(
            "no Secret Service is running ({NO_BACKEND_HINT}) [{display}]"
        ))
    } else if debug.contains("org.freedesktop.DBus.Error.AccessDenied") {
        SecretsError::Locked(format!("access to the keyring was denied [{display}]"))
    } else if debug.contains("IsLocked") {
        SecretsError::Locked(format!(
            "the keyring is locked; unlock it and retry [{display}]"
        ))
    } else {
        SecretsError::Other(format!("keyring failure: {display}"))
    }
}

fn classify_no_storage_access(debug: &str, display: &str) -> SecretsError {
    if debug.contains("NoResult") {
        // dbus-secret-service returns NoResult when the `default` alias is
        // unset: the Secret Service runs but has no default keyring.
        SecretsError::NoBackend(format!(
            "the Secret Service has no default keyring (no `default` collection); \
             log in to a desktop session, or create and unlock one, e.g. \
             `gnome-keyring-daemon --unlock` reading a password on stdin, \
             or set NESTORE_PASSWORD [{display}]"
        ))
    } else if debug.contains("Prompt") {
        SecretsError::Locked(format!(
            "the keyring is locked and the unlock prompt could not be shown or was \
             dismissed; unlock the keyring (e.g. in your desktop session) and retry, \
             or set NESTORE_PASSWORD [{display}]"
        ))
    } else if debug.contains("Locked") {
        SecretsError::Locked(format!(
            "the keyring is locked; unlock it and retry [{display}]"
        ))
    } else {
        SecretsError::Locked(format!("access to the keyring was denied [{display}]"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn platform(msg: &str) -> keyring::Error {
        keyring::Error::PlatformFailure(msg.into())
    }

    fn no_access(msg: &str) -> keyring::Error {
        keyring::Error::NoStorageAccess(msg.into())
    }

    #[test]
    fn new_uses_shared_service_name() {
        assert_eq!(Keystore::new().service(), "nestore-tray");
        assert_eq!(Keystore::default(), Keystore::new());
        assert_eq!(Keystore::with_service("x-test").service(), "x-test");
    }

    #[test]
    fn empty_host_is_rejected_before_touching_the_keyring() {
        let ks = Keystore::with_service("nestore-secrets-unit");
        for host in ["", "   "] {
            let err = ks.get(host).unwrap_err();
            assert!(matches!(err, SecretsError::Other(_)), "{err:?}");
            assert!(err.to_string().contains("host must not be empty"), "{err}");
            assert!(ks.delete(host).is_err());
            assert!(ks.is_stored(host).is_err());
            assert!(ks.set(host, &SecretString::from("pw".to_owned())).is_err());
        }
    }

    #[test]
    fn empty_password_is_rejected_before_touching_the_keyring() {
        let ks = Keystore::with_service("nestore-secrets-unit");
        let err = ks
            .set("battery.local", &SecretString::from(String::new()))
            .unwrap_err();
        assert!(matches!(err, SecretsError::Other(_)), "{err:?}");
        assert!(err.to_string().contains("empty password"), "{err}");
    }

    #[test]
    fn errors_read_in_each_language_with_the_system_s_details() {
        use nestore_i18n::{Catalogue, Language};
        let en = Catalogue::get(Language::English);
        let nl = Catalogue::get(Language::Dutch);
        let locked = SecretsError::Locked("access to the keyring was denied [x]".into());
        assert_eq!(
            locked.message(en),
            "the keyring is locked or access was denied (access to the keyring was denied [x])"
        );
        assert_eq!(
            locked.message(nl),
            "de sleutelbos is vergrendeld of de toegang is geweigerd (access to the keyring was denied [x])"
        );
        let none = SecretsError::NoBackend("no Secret Service is running".into());
        assert!(
            none.message(nl).starts_with("er is geen sleutelbos"),
            "{}",
            none.message(nl)
        );
        let other = SecretsError::Other("no password is stored".into());
        assert_eq!(other.message(en), "no password is stored");
        assert!(other.message(nl).contains("no password is stored"));
    }

    #[test]
    fn empty_service_is_rejected() {
        let err = Keystore::with_service("").get("h").unwrap_err();
        assert!(err.to_string().contains("service name"), "{err}");
    }

    #[test]
    fn no_session_bus_maps_to_no_backend() {
        // Observed with DBUS_SESSION_BUS_ADDRESS unset and no $DISPLAY.
        let err = map_keyring_error(platform(
            "Dbus(D-Bus error: Unable to autolaunch a dbus-daemon without a $DISPLAY \
             for X11 (org.freedesktop.DBus.Error.NotSupported))",
        ));
        let SecretsError::NoBackend(msg) = err else {
            panic!("expected NoBackend, got {err:?}")
        };
        assert!(msg.contains("no D-Bus session bus"), "{msg}");
        assert!(msg.contains("NESTORE_PASSWORD"), "{msg}");
    }

    #[test]
    fn no_secret_service_maps_to_no_backend() {
        // Observed on a bus whose config has no activatable services.
        let err = map_keyring_error(platform(
            "Dbus(D-Bus error: The name org.freedesktop.secrets was not provided by any \
             .service files (org.freedesktop.DBus.Error.ServiceUnknown))",
        ));
        let SecretsError::NoBackend(msg) = err else {
            panic!("expected NoBackend, got {err:?}")
        };
        assert!(msg.starts_with("no Secret Service is running"), "{msg}");
        assert!(msg.contains("gnome-keyring"), "{msg}");
    }

    #[test]
    fn missing_default_collection_maps_to_no_backend() {
        let err = map_keyring_error(no_access("NoResult"));
        let SecretsError::NoBackend(msg) = err else {
            panic!("expected NoBackend, got {err:?}")
        };
        assert!(msg.contains("no default keyring"), "{msg}");
    }

    #[test]
    fn locked_and_prompt_map_to_locked() {
        for raw in ["Prompt", "Locked"] {
            let err = map_keyring_error(no_access(raw));
            assert!(matches!(err, SecretsError::Locked(_)), "{raw}: {err:?}");
            assert!(err.to_string().contains("locked"), "{err}");
        }
        let err = map_keyring_error(platform(
            "D-Bus error: nope (org.freedesktop.DBus.Error.AccessDenied)",
        ));
        assert!(matches!(err, SecretsError::Locked(_)), "{err:?}");
    }

    #[test]
    fn other_errors_map_to_other() {
        let err = map_keyring_error(platform("Crypto(something odd)"));
        assert!(matches!(err, SecretsError::Other(_)), "{err:?}");
        let err = map_keyring_error(keyring::Error::Invalid(
            "user".into(),
            "cannot be empty".into(),
        ));
        assert!(matches!(err, SecretsError::Other(_)), "{err:?}");
    }

    #[test]
    fn bad_encoding_never_leaks_the_secret_bytes() {
        let secret = b"hunter2-\xff".to_vec();
        let err = map_keyring_error(keyring::Error::BadEncoding(secret));
        let shown = format!("{err} {err:?}");
        assert!(!shown.contains("hunter2"), "{shown}");
        assert!(!shown.contains("104, 117"), "{shown}"); // bytes of "hu"
    }
}
