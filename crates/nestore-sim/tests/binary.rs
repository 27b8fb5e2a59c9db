//! The `nestore-sim` binary: loopback guard, readiness line, env password, clean SIGTERM,
//! and out-of-range arguments as usage errors (exit 2, a clear message, no panic).

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

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

// SIGTERM is Unix's (it is sent with kill(1)); Windows has no such signal.
#[cfg(unix)]
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

/// Runs the binary to its exit; kills it and fails if it is still running after 10 s (a
/// value that should have been refused let it start).
fn run_to_exit(args: &[&str]) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            child.kill().unwrap();
            let out = child.wait_with_output().unwrap();
            panic!(
                "{args:?} started instead of failing: {}",
                String::from_utf8_lossy(&out.stdout)
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

#[test]
fn out_of_range_arguments_are_usage_errors() {
    // (arguments, a part of the message); each case binds port 0 should it start anyway.
    let cases: &[(&[&str], &str)] = &[
        (
            &["--speed", "-1"],
            "speed must be from 0 (frozen clock) to 100000",
        ),
        (&["--speed=-0.5"], "speed must be from 0"),
        (&["--speed", "NaN"], "not NaN"),
        (&["--speed", "inf"], "not inf"),
        (&["--speed", "1e300"], "not 1e300"),
        (&["--speed", "100001"], "to 100000"),
        (&["--speed", "fast"], "\"fast\" is not a number"),
        (&["--speed", ""], "is not a number"),
        (&["--soc", "101"], "state of charge must be from 0 to 100 %"),
        (&["--soc", "-1"], "state of charge must be from 0 to 100 %"),
        (&["--soc", "nan"], "state of charge"),
        (
            &["--admin-port", "0"],
            "0 would pick a port that is never reported",
        ),
        (&["--admin-port", "-3"], "is not a port number"),
        (&["--admin-port", "70000"], "is not a port number"),
        (&["--token-lifetime", "0s"], "must be longer than 0"),
        (&["--token-lifetime", "soon"], "--token-lifetime"),
        (&["--scenario", "meltdown"], "unknown scenario"),
        (&["--api-version", "4"], "unknown API version"),
        (&["--token-form", "jwt"], "unknown token form"),
    ];
    for (args, message) in cases {
        let mut all = vec!["--port", "0"];
        all.extend_from_slice(args);
        check_usage_error(&all, message);
    }
    // The device port itself.
    check_usage_error(&["--port", "-1"], "is not a port number (0 to 65535");
    check_usage_error(&["--port", "65536"], "is not a port number");
    check_usage_error(
        &["--port", "4805", "--admin-port", "4805"],
        "is the device port",
    );
}

fn check_usage_error(args: &[&str], message: &str) {
    let out = run_to_exit(args);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
    assert!(stderr.contains(message), "{args:?}: {stderr}");
    assert!(
        stderr.contains("Usage: nestore-sim") || stderr.contains("--help"),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    assert!(out.stdout.is_empty(), "{args:?} printed {:?}", out.stdout);
}

#[tokio::test]
async fn boundary_values_start_and_the_admin_port_reports_the_speed() {
    // A free port for the admin listener (0 is refused there).
    let admin_port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
        .to_string();
    let mut child = Command::new(BIN)
        .args(["--port", "0", "--speed", "100000", "--soc", "0"])
        .args(["--admin-port", &admin_port, "--token-lifetime", "1s"])
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let line = tokio::task::spawn_blocking(move || {
        let mut line = String::new();
        BufReader::new(stdout).read_line(&mut line).unwrap();
        line
    })
    .await
    .unwrap();
    assert!(line.starts_with("nestore-sim listening on "), "{line:?}");
    let http = reqwest::Client::new();
    let s: Value = http
        .get(format!("http://127.0.0.1:{admin_port}/sim/state"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(s["speed"], 100000.0, "{s}");
    // Pause it over the admin port.
    let r: Value = http
        .post(format!("http://127.0.0.1:{admin_port}/sim/speed"))
        .json(&json!({"speed": 0}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(r["speed"], 0.0, "{r}");
    child.kill().unwrap();
    child.wait().unwrap();
}
