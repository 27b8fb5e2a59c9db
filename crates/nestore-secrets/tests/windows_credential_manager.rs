//! The keyring's Windows backend: the password in the Credential Manager (CredWriteW,
//! CredReadW, CredDeleteW), under the generic credential `<host>.<service>`.
//!
//! Windows only; `scripts/test-platforms.sh` runs it under Wine (which implements the
//! Credential Manager in its own registry), built for `x86_64-pc-windows-gnu`.
#![cfg(windows)]

use std::time::{SystemTime, UNIX_EPOCH};

use nestore_secrets::Keystore;
use secrecy::{ExposeSecret, SecretString};

const TEST_SERVICE: &str = "nestore-secrets-test";

fn unique_host(tag: &str) -> String {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    format!("{tag}-{}-{nanos}.test", std::process::id())
}

/// The Credential Manager's own view of the entry, read with CredReadW.
fn credential(host: &str) -> keyring::Result<keyring::windows::WinCredential> {
    keyring::windows::WinCredential::new_with_target(None, TEST_SERVICE, host)?.get_credential()
}

#[test]
fn stores_reads_replaces_and_deletes_in_the_credential_manager() {
    let ks = Keystore::with_service(TEST_SERVICE);
    let host = unique_host("credman");

    assert!(ks.get(&host).unwrap().is_none(), "nothing stored yet");
    assert!(!ks.delete(&host).unwrap(), "deleting nothing is no error");
    assert!(matches!(credential(&host), Err(keyring::Error::NoEntry)));

    ks.set(&host, &SecretString::from("s3cret ünïcode".to_owned()))
        .unwrap();
    // A new keystore (a new Entry) finds it: it lives in the Credential Manager.
    let again = Keystore::with_service(TEST_SERVICE);
    assert_eq!(
        again.get(&host).unwrap().unwrap().expose_secret(),
        "s3cret ünïcode"
    );
    assert!(again.is_stored(&host).unwrap());
    let stored = credential(&host).unwrap();
    assert_eq!(stored.target_name, format!("{host}.{TEST_SERVICE}"));
    assert_eq!(stored.username, host);

    // Another service name is another entry.
    assert!(Keystore::with_service("nestore-secrets-other")
        .get(&host)
        .unwrap()
        .is_none());

    ks.set(&host, &SecretString::from("second".to_owned()))
        .unwrap();
    assert_eq!(ks.get(&host).unwrap().unwrap().expose_secret(), "second");

    assert!(ks.delete(&host).unwrap());
    assert!(ks.get(&host).unwrap().is_none());
    assert!(matches!(credential(&host), Err(keyring::Error::NoEntry)));
    assert!(!ks.delete(&host).unwrap());
}
