//! Updates end to end (issue 12): an update server on loopback serves `latest.json` and a
//! package signed by the test with a minisign key it makes at run time (`--update-url`,
//! `--update-pubkey`). The quiet daily check (asked for with `--update-check`: it is off in
//! development builds) and "Check for updates" find the version and its notes; a package
//! whose signature does not match is refused with a clear message and nothing is installed;
//! the good package downloads and verifies, and is still not installed into this
//! development build (the plugin would write it over `target/debug/nestore-tray`); a
//! malformed or unreachable `latest.json` is a quiet "could not check", no notification.
//!
//!   cargo build -p nestore-tray
//!   scripts/desktop-session.sh cargo nextest run -p nestore-e2e --run-ignored only -E 'binary(update)'

mod common;

use std::os::unix::fs::MetadataExt;
use std::sync::atomic::{AtomicU8, AtomicUsize, Ordering};
use std::sync::Arc;

use base64::Engine;
use common::*;
use serde_json::json;
use tokio::net::TcpListener;

const APP_NAME: &str = "NEStore Tray";
const VERSION: &str = "9.9.0";
const NOTES: &str = "Faster charts.\nThe tray says more.";
/// The package: what an AppImage starts with, and nothing an install could run.
const PACKAGE: &[u8] = b"\x7fELF not an app: the update test's package";

fn b64(s: impl AsRef<[u8]>) -> String {
    base64::engine::general_purpose::STANDARD.encode(s)
}

/// A throwaway key pair, made for this run.
struct Key {
    pk: minisign::PublicKey,
    sk: minisign::SecretKey,
}

impl Key {
    fn new() -> Key {
        let kp = minisign::KeyPair::generate_unencrypted_keypair().expect("a key pair");
        Key {
            pk: kp.pk,
            sk: kp.sk,
        }
    }

    /// The public key as `tauri.conf.json` (and `--update-pubkey`) holds it.
    fn public(&self) -> String {
        b64(self.pk.to_box().expect("a public key box").into_string())
    }

    /// The signature of `data` as the Tauri CLI writes it (`.sig`, in base64), for `version`.
    fn sign(&self, data: &[u8], version: &str) -> String {
        let comment =
            format!("timestamp:1764201600\tfile:nestore-tray.AppImage\tversion:{version}");
        let sig = minisign::sign(
            Some(&self.pk),
            &self.sk,
            std::io::Cursor::new(data),
            Some(&comment),
            None,
        )
        .expect("a signature");
        b64(sig.into_string())
    }
}

/// What the update server answers for `latest.json`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
enum Mode {
    /// The release, its package signed with the key.
    Good = 0,
    /// The release, with the signature of other bytes: it does not match the package.
    BadSignature = 1,
    /// Not JSON.
    Malformed = 2,
    /// The connection is closed without an answer.
    HangUp = 3,
}

struct UpdateServer {
    /// `latest.json`'s address, for `--update-url`.
    url: String,
    mode: Arc<AtomicU8>,
    manifests: Arc<AtomicUsize>,
    downloads: Arc<AtomicUsize>,
    task: tokio::task::JoinHandle<()>,
}

impl UpdateServer {
    async fn start(key: &Key) -> Result<UpdateServer> {
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let base = format!("http://{}", listener.local_addr()?);
        let platform = format!("linux-{}", std::env::consts::ARCH);
        let manifest = |signature: String| {
            json!({"version": VERSION, "notes": NOTES, "pub_date": "2026-11-27T00:00:00Z",
                   "platforms": {&platform: {"url": format!("{base}/nestore-tray.AppImage"),
                                              "signature": signature}}})
            .to_string()
        };
        let good = Arc::new(manifest(key.sign(PACKAGE, VERSION)));
        let bad = Arc::new(manifest(key.sign(b"another package altogether", VERSION)));
        let (mode, manifests, downloads) = (
            Arc::new(AtomicU8::new(Mode::Good as u8)),
            Arc::new(AtomicUsize::new(0)),
            Arc::new(AtomicUsize::new(0)),
        );
        let (m, mc, dc) = (mode.clone(), manifests.clone(), downloads.clone());
        let task = tokio::spawn(async move {
            while let Ok((mut sock, _)) = listener.accept().await {
                let (m, mc, dc, good, bad) =
                    (m.clone(), mc.clone(), dc.clone(), good.clone(), bad.clone());
                tokio::spawn(async move {
                    let Some(head) = read_head(&mut sock).await else {
                        return;
                    };
                    let path = head
                        .split_whitespace()
                        .nth(1)
                        .unwrap_or_default()
                        .to_owned();
                    let (kind, body): (&str, Vec<u8>) = if path.ends_with(".AppImage") {
                        dc.fetch_add(1, Ordering::SeqCst);
                        ("application/octet-stream", PACKAGE.to_vec())
                    } else {
                        mc.fetch_add(1, Ordering::SeqCst);
                        match m.load(Ordering::SeqCst) {
                            0 => ("application/json", good.as_bytes().to_vec()),
                            1 => ("application/json", bad.as_bytes().to_vec()),
                            2 => ("application/json", b"{\"version\": oops".to_vec()),
                            _ => return, // hang up
                        }
                    };
                    reply_ok(&mut sock, kind, &body).await;
                });
            }
        });
        Ok(UpdateServer {
            url: format!("{base}/latest.json"),
            mode,
            manifests,
            downloads,
            task,
        })
    }

    fn set(&self, mode: Mode) {
        self.mode.store(mode as u8, Ordering::SeqCst);
    }
}

impl Drop for UpdateServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// What would change if an install touched the app: its size, time and inode.
fn binary_identity() -> (u64, i64, u64) {
    let m = std::fs::metadata(app_binary()).expect("the built app");
    (m.len(), m.mtime(), m.ino())
}

/// The updater's temporary files and folders (`tauri_*`) in the temp folder.
fn updater_temp_files() -> Vec<String> {
    std::fs::read_dir(std::env::temp_dir())
        .map(|d| {
            d.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.starts_with("tauri_"))
                .collect()
        })
        .unwrap_or_default()
}

fn message(e: &serde_json::Value) -> String {
    e["message"].as_str().unwrap_or_default().to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs a desktop session: scripts/desktop-session.sh"]
async fn an_update_is_found_verified_and_a_bad_signature_refused() -> Result<()> {
    let sim = start_sim(60.0).await;
    let key = Key::new();
    let server = UpdateServer::start(&key).await?;
    let pubkey = key.public();
    let binary = binary_identity();
    let temp_before = updater_temp_files();
    let notes = NotificationMonitor::start().await?;
    let args = [
        "--update-url",
        server.url.as_str(),
        "--update-pubkey",
        pubkey.as_str(),
        "--update-check",
    ];
    let app = WindowApp::launch_with(
        "update",
        sim.addr(),
        Launch {
            args: &args,
            ..Launch::default()
        },
    )
    .await?;
    let result = async {
        // The quiet check at start (asked for): the version and notes in the state.
        let s = app
            .wait_state("the quiet check's release in the state", |s| {
                s["update"]["version"] == VERSION
            })
            .await?;
        assert_eq!(s["update"]["available"], true);
        assert_eq!(s["update"]["notes"], NOTES);
        assert_eq!(s["update"]["current"], "0.1.0");
        assert!(s["update"]["problem"].is_null(), "{s}");
        assert!(s["update"]["checked_at"].is_string(), "{s}");
        let record = std::fs::read_to_string(app.config_dir.path().join("update-check.json"))?;
        assert!(record.contains("checked_at"), "{record}");
        assert_eq!(server.downloads.load(Ordering::SeqCst), 0, "nothing downloaded unasked");

        // "Check for updates".
        let c = app
            .invoke("check_for_updates", json!({}))
            .await?
            .map_err(|e| format!("check_for_updates: {e}"))?;
        assert_eq!(c["available"], true, "{c}");
        assert_eq!(c["version"], VERSION);
        assert_eq!(c["notes"], NOTES);
        assert_eq!(c["current"], "0.1.0");
        assert!(server.manifests.load(Ordering::SeqCst) >= 2);

        // A package whose signature does not match: refused, nothing installed.
        server.set(Mode::BadSignature);
        app.invoke("check_for_updates", json!({}))
            .await?
            .map_err(|e| format!("check_for_updates: {e}"))?;
        let e = app
            .invoke("install_update", json!({}))
            .await?
            .expect_err("a package with a bad signature is refused");
        assert_eq!(e["code"], "refused", "{e}");
        assert_eq!(
            message(&e),
            "The update's signature does not match NEStore Tray's key, so it was refused. Nothing was installed."
        );
        assert_eq!(server.downloads.load(Ordering::SeqCst), 1);
        let s = app.state().await?;
        assert_eq!(s["update"]["problem"], e["message"], "{s}");
        assert_eq!(s["update"]["refused"], true, "a refusal, not a quiet problem: {s}");
        assert_eq!(binary_identity(), binary, "the app's binary was touched");
        assert_eq!(updater_temp_files(), temp_before, "the updater left files");

        // The good package downloads and its signature verifies; this development build
        // still installs nothing (it would be written over the running binary).
        server.set(Mode::Good);
        app.invoke("check_for_updates", json!({}))
            .await?
            .map_err(|e| format!("check_for_updates: {e}"))?;
        let e = app
            .invoke("install_update", json!({}))
            .await?
            .expect_err("a development build installs nothing");
        assert_eq!(e["code"], "refused", "{e}");
        assert!(
            message(&e).contains("not installed from a package")
                && message(&e).contains("signature checked"),
            "{e}"
        );
        assert_eq!(server.downloads.load(Ordering::SeqCst), 2);
        assert_eq!(binary_identity(), binary, "the app's binary was touched");
        assert_eq!(updater_temp_files(), temp_before, "the updater left files");

        // A malformed latest.json, then a server that hangs up: quiet "could not check".
        for mode in [Mode::Malformed, Mode::HangUp] {
            server.set(mode);
            let c = app
                .invoke("check_for_updates", json!({}))
                .await?
                .map_err(|e| format!("{mode:?}: check_for_updates is no error: {e}"))?;
            assert_eq!(c["problem"], "Could not check for updates just now.", "{mode:?}: {c}");
            let s = app.state().await?;
            assert_eq!(s["update"]["problem"], c["problem"], "{s}");
            assert_eq!(s["update"]["refused"], false, "could not check is quiet: {s}");
        }
        let told: Vec<_> = notes
            .sent_by(APP_NAME)
            .into_iter()
            .filter(|n| (n.summary.clone() + &n.body).to_lowercase().contains("update"))
            .collect();
        assert!(told.is_empty(), "updates are never a notification: {told:?}");
        Ok(())
    }
    .await;
    app.finish(result).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs a desktop session: scripts/desktop-session.sh"]
async fn a_development_build_checks_only_when_asked_and_unreachable_is_quiet() -> Result<()> {
    let sim = start_sim(60.0).await;
    // Nothing listens there.
    let url = format!("http://127.0.0.1:{}/latest.json", free_port());
    let notes = NotificationMonitor::start().await?;
    let app = WindowApp::launch_with(
        "update-unreachable",
        sim.addr(),
        Launch {
            args: &["--update-url", url.as_str()],
            ..Launch::default()
        },
    )
    .await?;
    let result = async {
        // No quiet check in a development build unless asked: no check in the state.
        let s = app
            .wait_state("a reading", |s| !s["reading"].is_null())
            .await?;
        assert!(s["update"]["checked_at"].is_null(), "{s}");
        assert_eq!(
            s["update"]["current"], "0.1.0",
            "the version in use, always: {s}"
        );
        assert_eq!(s["update"]["available"], false, "{s}");
        assert!(!app.config_dir.path().join("update-check.json").exists());

        let e = app
            .invoke("install_update", json!({}))
            .await?
            .expect_err("nothing to install before a check");
        assert_eq!(e["code"], "refused", "{e}");
        assert!(message(&e).starts_with("Check for updates first"), "{e}");

        let c = app
            .invoke("check_for_updates", json!({}))
            .await?
            .map_err(|e| format!("an unreachable server is no error: {e}"))?;
        assert_eq!(c["available"], false, "{c}");
        assert_eq!(c["problem"], "Could not check for updates just now.", "{c}");
        assert!(c["version"].is_null(), "{c}");
        assert!(app.config_dir.path().join("update-check.json").exists());
        let told: Vec<_> = notes
            .sent_by(APP_NAME)
            .into_iter()
            .filter(|n| {
                (n.summary.clone() + &n.body)
                    .to_lowercase()
                    .contains("update")
            })
            .collect();
        assert!(
            told.is_empty(),
            "updates are never a notification: {told:?}"
        );
        Ok(())
    }
    .await;
    app.finish(result).await
}

/// "Check for updates" in Settings, in the real window: the version and its notes drawn (the
/// notes as text), the install asked for in the panel first, a package whose signature does
/// not match refused in the owner's words, and a malformed `latest.json` a quiet line.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs a desktop session: scripts/desktop-session.sh"]
async fn check_for_updates_in_settings_shows_the_version_and_notes() -> Result<()> {
    let sim = start_sim(60.0).await;
    let key = Key::new();
    let server = UpdateServer::start(&key).await?;
    let pubkey = key.public();
    let binary = binary_identity();
    let args = [
        "--update-url",
        server.url.as_str(),
        "--update-pubkey",
        pubkey.as_str(),
    ];
    let app = WindowApp::launch_with(
        "update-window",
        sim.addr(),
        Launch {
            args: &args,
            ..Launch::default()
        },
    )
    .await?;
    let result = async {
        // No quiet check in a development build unless asked: nothing before the click.
        app.wait_state("a reading", |s| !s["reading"].is_null())
            .await?;
        assert_eq!(server.manifests.load(Ordering::SeqCst), 0);
        app.open_settings().await?;
        app.click("btn-update-check").await?;
        app.wait_text("update-status", "the new version", |t| {
            t == format!("Version {VERSION} is available.")
        })
        .await?;
        assert_eq!(server.manifests.load(Ordering::SeqCst), 1);
        assert_eq!(app.text("update-notes").await?, NOTES);
        assert_eq!(app.text("update-current").await?, "You are using version 0.1.0.");
        let install = app.text("btn-update-install").await?;
        assert_eq!(install, format!("Install version {VERSION}…"));

        // A package whose signature does not match: asked first, then refused, nothing
        // installed; the refusal in the owner's words, in the panel.
        server.set(Mode::BadSignature);
        app.click("btn-update-check").await?;
        wait_for("the second check", STEP, || async {
            (server.manifests.load(Ordering::SeqCst) == 2
                && app.el("btn-update-check").await.ok()?.is_enabled().await.ok()?)
            .then_some(())
        })
        .await?;
        app.click("btn-update-install").await?;
        let asked = app.text("update-confirm-text").await?;
        assert!(asked.starts_with(&format!("Install version {VERSION} now?")), "{asked}");
        assert_eq!(server.downloads.load(Ordering::SeqCst), 0, "nothing downloaded before the owner's word");
        app.click("btn-update-confirm").await?;
        app.wait_text("update-problem", "the refusal", |t| {
            t == "The update's signature does not match NEStore Tray's key, so it was refused. Nothing was installed."
        })
        .await?;
        let class = app.el("update-problem").await?.attr("class").await?.unwrap_or_default();
        assert!(class.contains("is-err"), "{class}");
        assert_eq!(server.downloads.load(Ordering::SeqCst), 1);
        assert_eq!(binary_identity(), binary, "the app's binary was touched");

        // A malformed latest.json: a quiet line, no error styling; the release stays.
        server.set(Mode::Malformed);
        app.click("btn-update-check").await?;
        app.wait_text("update-problem", "the quiet line", |t| {
            t == "Could not check for updates just now."
        })
        .await?;
        let class = app.el("update-problem").await?.attr("class").await?.unwrap_or_default();
        assert!(class.contains("is-quiet") && !class.contains("is-err"), "{class}");
        assert_eq!(app.text("update-notes").await?, NOTES);
        Ok(())
    }
    .await;
    app.finish(result).await
}
