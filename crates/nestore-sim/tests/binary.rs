//! The `nestore-sim` binary: loopback guard, readiness line, env password, clean SIGTERM.

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use serde_json::{json, Value};

const BIN: &str = env!("CARGO_BIN_EXE_nestore-sim");

#[test]
fn refuses_non_loopback_bind_without_allow_remote() {
    let out = Command::new(BIN)
        .args(["--bind", "0.0.0.0", "--port", "0"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--allow-remote"));
}

#[tokio::test]
async fn prints_ready_line_uses_env_password_and_exits_on_sigterm() {
    let mut child = Command::new(BIN)
        .args([
            "--port",
            "0",
            "--speed",
            "0",
            "--api-version",
            "2",
            "--token-form",
            "object",
        ])
        .env("NESTORE_SIM_PASSWORD", "s3cret")
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    // Blocking read of the readiness line, off the async runtime.
    let line = tokio::task::spawn_blocking(move || {
        let mut line = String::new();
        BufReader::new(stdout).read_line(&mut line).unwrap();
        line
    })
    .await
    .unwrap();
    let base = line
        .trim()
        .strip_prefix("nestore-sim listening on ")
        .unwrap_or_else(|| panic!("{line:?}"))
        .to_owned();
    assert!(base.starts_with("http://127.0.0.1:") && base.ends_with('/'));

    let http = reqwest::Client::new();
    let r = http
        .post(format!("{base}api/v2/auth/requesttoken"))
        .json(&json!({"password": common::sha_hex("s3cret")}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert!(r.json::<Value>().await.unwrap()["token"].is_string());
    let r = http
        .get(format!("{base}api/v3/data/engineering"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);

    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let status = tokio::task::spawn_blocking(move || child.wait().unwrap())
        .await
        .unwrap();
    assert!(status.success(), "{status:?}");
}
