//! Tests against a REAL Secret Service. All are `#[ignore]`d; run them with
//!
//! ```sh
//! scripts/with-secret-service.sh cargo test -p nestore-secrets -- --ignored
//! ```
//!
//! and the "no backend" one on a session bus that has no Secret Service:
//!
//! ```sh
//! NESTORE_EXPECT_NO_SECRET_SERVICE=1 dbus-run-session -- \
//!     cargo test -p nestore-secrets --test secret_service -- --ignored
//! ```
//!
//! Each test asserts its own environment (a Secret Service present, or none): a test
//! run in the wrong one fails rather than passing vacuously. `scripts/test.sh` selects
//! the right tests for each environment.

use std::process::Command;
use std::time::{SystemTime, UNIX_EPOCH};

use nestore_secrets::{Keystore, SecretsError};
use secrecy::{ExposeSecret, SecretString};

const TEST_SERVICE: &str = "nestore-secrets-test";

fn expect_no_secret_service() -> bool {
    std::env::var_os("NESTORE_EXPECT_NO_SECRET_SERVICE").is_some_and(|v| v == "1")
}

fn unique_host(tag: &str) -> String {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    format!("{tag}-{}-{nanos}.test", std::process::id())
}

/// `secret-tool lookup service <svc> username <host>`: `Some(secret)` or
/// `None` (secret-tool exits 1 with no output when nothing matches).
fn secret_tool_lookup(service: &str, host: &str) -> Option<String> {
    let out = Command::new("secret-tool")
        .args(["lookup", "service", service, "username", host])
        .output()
        .expect("run secret-tool (apt-get install libsecret-tools)");
    if out.status.success() {
        Some(String::from_utf8(out.stdout).expect("utf-8 secret"))
    } else {
        assert!(
            out.stdout.is_empty(),
            "secret-tool failed but printed something"
        );
        None
    }
}

/// The attributes keyring wrote, as `secret-tool search --all` shows them.
fn secret_tool_search(service: &str, host: &str) -> String {
    let out = Command::new("secret-tool")
        .args(["search", "--all", "service", service, "username", host])
        .output()
        .expect("run secret-tool");
    // secret-tool prints the attributes on stderr and the rest on stdout.
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// keyring's keyutils store would name kernel keys `keyring-rs:<user>@<service>`.
fn in_kernel_keyring(host: &str) -> bool {
    std::fs::read_to_string("/proc/keys")
        .map(|keys| keys.contains(host))
        .unwrap_or(false)
}

fn secret(s: &str) -> SecretString {
    SecretString::from(s.to_owned())
}

#[test]
#[ignore = "needs a real Secret Service: scripts/with-secret-service.sh cargo test -p nestore-secrets -- --ignored"]
fn round_trip_through_the_real_secret_service() {
    assert!(
        !expect_no_secret_service(),
        "this test needs a Secret Service"
    );
    let ks = Keystore::with_service(TEST_SERVICE);
    let host = unique_host("roundtrip");

    // Nothing stored yet.
    assert!(ks.get(&host).unwrap().is_none());
    assert!(!ks.is_stored(&host).unwrap());
    assert!(
        !ks.delete(&host).unwrap(),
        "delete of nothing must be false"
    );
    assert_eq!(secret_tool_lookup(TEST_SERVICE, &host), None);

    // Set and read back, through us and through libsecret.
    ks.set(&host, &secret("first pässword")).unwrap();
    assert_eq!(
        ks.get(&host).unwrap().unwrap().expose_secret(),
        "first pässword"
    );
    assert!(ks.is_stored(&host).unwrap());
    assert_eq!(
        secret_tool_lookup(TEST_SERVICE, &host).as_deref(),
        Some("first pässword")
    );
    let attrs = secret_tool_search(TEST_SERVICE, &host);
    for expected in [
        format!("attribute.service = {TEST_SERVICE}"),
        format!("attribute.username = {host}"),
        "attribute.target = default".to_owned(),
        "attribute.application = rust-keyring".to_owned(),
    ] {
        assert!(
            attrs.contains(&expected),
            "missing {expected:?} in:\n{attrs}"
        );
    }
    // Secret Service only: nothing cached in the kernel keyring.
    assert!(!in_kernel_keyring(&host), "found in /proc/keys");

    // Overwrite: one item, new value.
    ks.set(&host, &secret("second")).unwrap();
    assert_eq!(ks.get(&host).unwrap().unwrap().expose_secret(), "second");
    assert_eq!(
        secret_tool_lookup(TEST_SERVICE, &host).as_deref(),
        Some("second")
    );
    assert_eq!(
        secret_tool_search(TEST_SERVICE, &host)
            .matches("attribute.username")
            .count(),
        1,
        "overwrite must not create a second item"
    );

    // A different service is a different entry.
    let other = Keystore::with_service("nestore-secrets-test-other");
    assert!(other.get(&host).unwrap().is_none());

    // Delete: gone from both views, and a second delete reports false.
    assert!(ks.delete(&host).unwrap());
    assert!(ks.get(&host).unwrap().is_none());
    assert!(!ks.is_stored(&host).unwrap());
    assert_eq!(secret_tool_lookup(TEST_SERVICE, &host), None);
    assert!(!ks.delete(&host).unwrap());
    // A fresh Keystore (as another process would build) agrees.
    assert!(Keystore::with_service(TEST_SERVICE)
        .get(&host)
        .unwrap()
        .is_none());
}

#[test]
#[ignore = "needs a real Secret Service: scripts/with-secret-service.sh cargo test -p nestore-secrets -- --ignored"]
fn delete_made_elsewhere_is_seen_by_get() {
    assert!(
        !expect_no_secret_service(),
        "this test needs a Secret Service"
    );
    let ks = Keystore::with_service(TEST_SERVICE);
    let host = unique_host("external-delete");
    ks.set(&host, &secret("to be cleared")).unwrap();
    assert!(ks.is_stored(&host).unwrap());
    // Another client (the tray app, a user with seahorse, ...) removes it.
    let status = Command::new("secret-tool")
        .args(["clear", "service", TEST_SERVICE, "username", &host])
        .status()
        .expect("run secret-tool");
    assert!(status.success());
    assert!(
        ks.get(&host).unwrap().is_none(),
        "stale password after delete"
    );
    assert!(!ks.delete(&host).unwrap());
}

#[test]
#[ignore = "needs a real Secret Service: scripts/with-secret-service.sh cargo test -p nestore-secrets -- --ignored"]
fn a_password_stored_by_secret_tool_is_read() {
    assert!(
        !expect_no_secret_service(),
        "this test needs a Secret Service"
    );
    // What a user (or an older tool) stored by hand with the same attributes.
    let ks = Keystore::with_service(TEST_SERVICE);
    let host = unique_host("by-hand");
    let mut child = Command::new("secret-tool")
        .args([
            "store",
            "--label=nestore test",
            "service",
            TEST_SERVICE,
            "username",
            &host,
        ])
        .stdin(std::process::Stdio::piped())
        .spawn()
        .expect("run secret-tool");
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"typed by hand")
        .unwrap();
    assert!(child.wait().unwrap().success());
    // No `target` attribute: keyring falls back to a search of the default
    // collection without it.
    assert_eq!(
        ks.get(&host).unwrap().unwrap().expose_secret(),
        "typed by hand"
    );
    assert!(ks.delete(&host).unwrap());
    assert_eq!(secret_tool_lookup(TEST_SERVICE, &host), None);
}

#[test]
#[ignore = "run on a session bus WITHOUT a Secret Service, with NESTORE_EXPECT_NO_SECRET_SERVICE=1"]
fn no_secret_service_gives_no_backend() {
    assert!(
        expect_no_secret_service(),
        "run with NESTORE_EXPECT_NO_SECRET_SERVICE=1 on a bus without a Secret Service"
    );
    let ks = Keystore::with_service(TEST_SERVICE);
    let host = unique_host("nobackend");
    let password = "never-in-an-error-9f3b";

    let errors = [
        ks.get(&host).map(|_| ()).unwrap_err(),
        ks.set(&host, &secret(password)).unwrap_err(),
        ks.delete(&host).map(|_| ()).unwrap_err(),
        ks.is_stored(&host).map(|_| ()).unwrap_err(),
    ];
    for err in errors {
        let shown = format!("{err} / {err:?}");
        eprintln!("{shown}");
        assert!(
            matches!(err, SecretsError::NoBackend(_)),
            "expected NoBackend, got {err:?}"
        );
        assert!(
            shown.contains("Secret Service") && shown.contains("NESTORE_PASSWORD"),
            "unclear message: {shown}"
        );
        assert!(!shown.contains(password), "password leaked: {shown}");
    }
}
