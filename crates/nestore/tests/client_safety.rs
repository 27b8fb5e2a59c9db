//! What the client refuses to do: follow redirects, take a port typed into the host,
//! accept host names DNS could not resolve.

mod common;

use common::*;
use nestore::{Client, Error, SecretString};

/// The SHA-256 of `common::PASSWORD`, as it would travel.
fn password_hash() -> String {
    let body = nestore::auth::token_request_body(&SecretString::from(PASSWORD.to_owned()));
    body["password"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn a_redirect_is_never_followed_and_the_secret_goes_nowhere_else() {
    let elsewhere = fake(|_| answer("200 OK", &[], r#""stolen""#)).await;
    let target = format!(
        "location: http://127.0.0.1:{}/api/v3/auth/requesttoken?key=s3cr3t",
        elsewhere.port
    );
    let device = fake(move |r| match (r.method.as_str(), r.path.as_str()) {
        ("GET", "/api/v3/data/control_state") => {
            answer("200 OK", &[], r#"{"PAYLOAD":{"NAME":"Standby"}}"#)
        }
        _ => answer("307 Temporary Redirect", &[&target], ""),
    })
    .await;
    let c = Client::with_config("127.0.0.1", device.port, quick()).unwrap();
    c.set_password(Some(SecretString::from(PASSWORD.to_owned())));

    let login = c.check_login().await.unwrap_err();
    let send = c.send(nestore::Command::ResumeAutomatic).await.unwrap_err();
    let poll = c.poll().await.unwrap_err();
    for e in [&login, &send, &poll] {
        assert!(matches!(e, Error::Redirected { status: 307, .. }), "{e}");
        let text = e.to_string();
        assert!(
            text.contains("the device redirected to another address; not followed"),
            "{text}"
        );
        for leak in [
            "s3cr3t",
            "key=",
            &elsewhere.port.to_string(),
            &password_hash(),
        ] {
            assert!(!text.contains(leak), "{text} carries {leak}");
        }
    }
    assert!(
        elsewhere.requests().is_empty(),
        "{:?}",
        elsewhere.requests()
    );
    // The device itself did get the login (that is where it belongs), once per attempt.
    let logins = device
        .requests()
        .iter()
        .filter(|r| r.path.ends_with("requesttoken"))
        .count();
    assert_eq!(logins, 2);
}

#[test]
fn a_port_typed_into_the_host_is_explained() {
    for (host, name, port) in [
        ("127.0.0.1:48060", "127.0.0.1", "48060"),
        ("nestore.home:4805", "nestore.home", "4805"),
        ("[::1]:4805", "::1", "4805"),
    ] {
        let e = nestore::client::base_url(host, 4805).unwrap_err();
        assert!(matches!(e, Error::BadAddress(_)), "{e}");
        let text = e.to_string();
        assert!(
            text.contains(&format!("enter {name} as the host and {port} as the port")),
            "{host}: {text}"
        );
        assert!(!text.contains("IPv6"), "{text}");
    }
    // IPv6 literals are still hosts, bracketed or not.
    for host in ["::1", "[::1]", "fe80::1:4805"] {
        let url = nestore::client::base_url(host, 4805).unwrap();
        assert_eq!(url.port(), Some(4805), "{host}");
    }
}

#[test]
fn host_length_follows_the_dns_limits() {
    let label = "a".repeat(63);
    let longest = [&label[..], &label, &label, &"b".repeat(61)].join(".");
    assert_eq!(longest.len(), 253);
    nestore::client::base_url(&longest, 4805).unwrap();
    let e = nestore::client::base_url(&format!("{longest}c"), 4805).unwrap_err();
    assert!(e.to_string().contains("at most 253"), "{e}");
    let e = nestore::client::base_url(&format!("{}.home", "a".repeat(64)), 4805).unwrap_err();
    assert!(e.to_string().contains("longer than 63"), "{e}");
    let e = nestore::client::base_url(&"x".repeat(100_000), 4805).unwrap_err();
    assert!(
        e.to_string().len() < 200,
        "the error repeats the input: {e}"
    );
}

#[test]
fn empty_spaced_odd_hosts_and_port_0_are_refused_in_plain_words() {
    for (host, port, words) in [
        ("", 4805, "the host is empty"),
        ("   ", 4805, "the host is empty"),
        ("bad host", 4805, "is not a host name or IP address"),
        ("a\tb", 4805, "is not a host name or IP address"),
        ("a/b", 4805, "is not a host name or IP address"),
        ("user@host", 4805, "is not a host name or IP address"),
        ("host?x", 4805, "is not a host name or IP address"),
        ("a\u{1b}[2Jb", 4805, "is not a host name or IP address"),
        ("nestore.home", 0, "port 0"),
    ] {
        let e = nestore::client::base_url(host, port).unwrap_err();
        let text = e.to_string();
        assert!(text.contains(words), "{host:?}: {text}");
        assert!(!text.contains('\u{1b}'), "{text:?}");
    }
    assert_eq!(
        nestore::client::base_url(" 192.168.1.20 ", 4805)
            .unwrap()
            .as_str(),
        "http://192.168.1.20:4805/"
    );
}

#[test]
fn a_host_with_spaces_is_refused_in_its_own_words_not_the_url_parser_s() {
    // The host is checked before the URL parser sees it: the message is the plain one,
    // without the parser's reason in brackets.
    for host in ["bad host", "a\u{a0}b", "a\u{3000}b"] {
        let e = nestore::client::base_url(host, 4805).unwrap_err();
        assert_eq!(
            e.to_string(),
            format!(
                "invalid device address: \"{}\" is not a host name or IP address",
                host.escape_debug()
            )
        );
    }
}

#[test]
fn a_colon_that_is_not_a_port_is_not_explained_as_one() {
    // Only digits (at most five) after a single colon are a typed port; anything else is
    // no host at all, and the owner is not told to enter it as the port.
    for host in [
        "nestore.home:http",
        "nestore.home:",
        "nestore.home:123456",
        "nestore.home:12a",
    ] {
        let e = nestore::client::base_url(host, 4805).unwrap_err();
        let text = e.to_string();
        assert!(matches!(e, Error::BadAddress(_)), "{host}: {text}");
        assert!(!text.contains("as the port"), "{host}: {text}");
        assert!(
            text.contains("is not a host name or IP address"),
            "{host}: {text}"
        );
    }
    // An IPv6 literal is not a host name: a long group in one is a bad address, not a
    // long part of a name.
    for host in [
        format!("{}::1", "a".repeat(64)),
        format!("[{}]", "a".repeat(64)),
    ] {
        let text = nestore::client::base_url(&host, 4805)
            .unwrap_err()
            .to_string();
        assert!(!text.contains("longer than"), "{host}: {text}");
        assert!(
            text.contains("is not a host name or IP address"),
            "{host}: {text}"
        );
    }
}

#[tokio::test]
async fn without_a_password_the_device_is_not_even_asked() {
    let device = stubborn_device("Standby").await;
    let c = Client::with_config("127.0.0.1", device.port, quick()).unwrap();
    assert!(!c.has_password());
    let announced = std::sync::atomic::AtomicU32::new(0);
    let e = c
        .send_with(nestore::Command::ResumeAutomatic, |_| {
            announced.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        })
        .await
        .unwrap_err();
    assert!(matches!(e, Error::NoPassword), "{e}");
    assert_eq!(announced.load(std::sync::atomic::Ordering::SeqCst), 0);
    assert!(device.requests().is_empty(), "{:?}", device.requests());
    c.set_password(Some(SecretString::from(PASSWORD.to_owned())));
    assert!(c.has_password());
    c.set_password(None);
    assert!(!c.has_password());
}
