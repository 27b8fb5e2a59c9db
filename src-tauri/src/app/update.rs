//! Updates of the app itself (tauri-plugin-updater): "Check for updates" from Settings, a
//! quiet check at most once a day (its own task, off in the demo and in development
//! builds unless `--update-check`), and the install, only on the owner's word after a check
//! found a release. What is due and the owner's words are
//! `nestore_tray_core::update`'s; a check that could not be made is quiet (kept in the
//! state, never a dialog or a notification).
//!
//! The package's minisign signature is checked against the app's public key
//! (`plugins.updater.pubkey` in `tauri.conf.json`, or `--update-pubkey` with a loopback
//! `--update-url` in tests) before anything is installed. A copy of the app that was not
//! installed from a package (`cargo build`: no bundle type) never installs: the plugin
//! would write the package over the running executable.

use std::path::PathBuf;
use std::time::Duration;

use chrono::Utc;
use nestore_tray_core::error::IpcError;
use nestore_tray_core::update::{self, CheckRecord, Checked, Problem, QuietPolicy, Release};
use tauri::{AppHandle, Url};
use tauri_plugin_updater::UpdaterExt;

use super::{app, publish};
use crate::args::Args;

/// The quiet check waits this long after start (the app starts quietly; a test or a
/// footprint measurement sees no request), unless `--update-check` asked for it at once.
const START_DELAY: Duration = Duration::from_secs(10 * 60);
/// After an install, the app restarts this long after its answer, which the window shows.
const RESTART_DELAY: Duration = Duration::from_secs(3);
/// A check's request for `latest.json` at most this long (the package's download has no
/// such bound: an AppImage is tens of megabytes).
const REQUEST_TIMEOUT: Duration = Duration::from_secs(60);

pub struct Updates {
    /// What checks and installs came to.
    state: std::sync::Mutex<update::Updates>,
    /// The release the last check found, for the install; held while a check or install
    /// runs, so they never overlap.
    pending: tokio::sync::Mutex<Option<tauri_plugin_updater::Update>>,
    /// `--update-url`: another address for `latest.json` (tests, on loopback).
    url: Option<Url>,
    quiet: bool,
    delay: Duration,
    /// The settings folder, where the last check is remembered.
    dir: PathBuf,
    /// This app's version.
    current: String,
}

/// The updater plugin, with `--update-pubkey` when given (tests).
pub fn plugin(args: &Args) -> tauri::plugin::TauriPlugin<tauri::Wry, tauri_plugin_updater::Config> {
    let b = tauri_plugin_updater::Builder::new();
    match &args.update_pubkey {
        Some(key) => b.pubkey(key.clone()),
        None => b,
    }
    .build()
}

impl Updates {
    pub fn new(args: &Args, dir: PathBuf, current: String) -> Updates {
        let policy = QuietPolicy {
            demo: args.demo,
            refused: args.no_update_check,
            asked: args.update_check,
            development: cfg!(debug_assertions),
        };
        Updates {
            state: Default::default(),
            pending: Default::default(),
            url: args.update_url.clone(),
            quiet: policy.enabled(),
            delay: if args.update_check {
                Duration::ZERO
            } else {
                START_DELAY
            },
            dir,
            current,
        }
    }

    pub fn view(&self, cat: &nestore_i18n::Catalogue) -> Option<update::UpdateView> {
        self.state.lock().unwrap().view(cat, &self.current)
    }
}

/// Asks the update server once and takes in what came; `None`: a check is running already.
async fn check_once(handle: &AppHandle) -> Option<Checked> {
    let app = app(handle);
    let u = &app.updates;
    let mut pending = u.pending.try_lock().ok()?;
    let result = ask(handle, u.url.as_ref()).await;
    let checked = match result {
        Ok(Some(found)) => {
            let release = Release::new(&found.version, found.body.as_deref());
            tracing::info!(version = %release.version, "an update is available");
            *pending = Some(found);
            Checked::Available(release)
        }
        Ok(None) => {
            tracing::info!("no update");
            *pending = None;
            Checked::UpToDate
        }
        Err(e) => {
            tracing::warn!("could not check for updates: {e}");
            Checked::CouldNotCheck
        }
    };
    let now = Utc::now();
    u.state.lock().unwrap().checked(checked.clone(), now);
    let record = CheckRecord {
        checked_at: Some(now),
    };
    if let Err(e) = record.save(&u.dir) {
        tracing::warn!("cannot remember the update check: {e}");
    }
    drop(pending);
    publish(handle);
    Some(checked)
}

async fn ask(
    handle: &AppHandle,
    url: Option<&Url>,
) -> Result<Option<tauri_plugin_updater::Update>, tauri_plugin_updater::Error> {
    let mut b = handle.updater_builder().timeout(REQUEST_TIMEOUT);
    if let Some(url) = url {
        b = b.endpoints(vec![url.clone()])?;
    }
    b.build()?.check().await
}

/// `check_for_updates`: asks now and answers with the state's view. A check that could not
/// be made is an answer too (`problem`, quiet), never an error.
pub async fn check(handle: &AppHandle) -> Result<update::UpdateView, IpcError> {
    let cat = app(handle).catalogue();
    if check_once(handle).await.is_none() {
        return Err(IpcError::refused(Problem::Busy.message(cat)));
    }
    let app = app(handle);
    app.updates
        .view(app.catalogue())
        .ok_or_else(|| IpcError::internal(Problem::CouldNotCheck.message(cat)))
}

/// What `install_update` answers when the update is installed (the app restarts next).
#[derive(Debug, Clone, serde::Serialize)]
pub struct Installed {
    pub version: String,
    pub message: String,
}

/// `install_update`, the owner's word: downloads the release the last check found, checks
/// its signature, and installs it into an installed copy of the app (then restarts it).
/// Refused, with nothing installed, without a release found, for a signature that does not
/// match, or in a copy not installed from a package.
pub async fn install(handle: &AppHandle) -> Result<Installed, IpcError> {
    let app = app(handle);
    let cat = app.catalogue();
    let refuse = |p: Problem| {
        app.updates.state.lock().unwrap().refused(p);
        publish(handle);
        tracing::warn!(problem = p.id(), "update not installed");
        IpcError::refused(p.message(cat))
    };
    let Ok(pending) = app.updates.pending.try_lock() else {
        return Err(IpcError::refused(Problem::Busy.message(cat)));
    };
    let Some(found) = pending.clone() else {
        return Err(IpcError::refused(Problem::NothingToInstall.message(cat)));
    };
    // `download` verifies the signature before it hands the bytes over: held in memory,
    // nothing written.
    let bytes = match found.download(|_, _| {}, || {}).await {
        Ok(b) => b,
        Err(e) if signature_problem(&e) => {
            tracing::warn!("the update's signature does not match: {e}");
            return Err(refuse(Problem::SignatureMismatch));
        }
        Err(e) => {
            tracing::warn!("the update could not be downloaded: {e}");
            return Err(refuse(Problem::DownloadFailed));
        }
    };
    tracing::info!(version = %found.version, bytes = bytes.len(), "update downloaded and verified");
    if tauri::utils::platform::bundle_type().is_none() {
        return Err(refuse(Problem::NotInstallable));
    }
    // `install` verifies again, then hands the package to the platform's installer.
    if let Err(e) = found.install(&bytes) {
        tracing::error!("the update could not be installed: {e}");
        return Err(refuse(if signature_problem(&e) {
            Problem::SignatureMismatch
        } else {
            Problem::InstallFailed
        }));
    }
    drop(pending);
    let message = cat.t(
        "update-installed",
        &nestore_i18n::Args::new().text("version", found.version.clone()),
    );
    tracing::info!(version = %found.version, "update installed: restarting");
    // The answer goes out first and the window shows it ("… restarts now"); the restart then
    // runs through the event loop. At once, the app would be gone before the window had
    // the answer (seen in the package test).
    let h = handle.clone();
    tauri::async_runtime::spawn(async move {
        tokio::time::sleep(RESTART_DELAY).await;
        h.request_restart()
    });
    Ok(Installed {
        version: found.version,
        message,
    })
}

fn signature_problem(e: &tauri_plugin_updater::Error) -> bool {
    use tauri_plugin_updater::Error as E;
    matches!(
        e,
        E::Minisign(_)
            | E::Base64(_)
            | E::SignatureUtf8(_)
            | E::SignedVersionMismatch { .. }
            | E::MissingSignedVersion
    )
}

/// Starts the quiet daily check's task (when this run has one): it sleeps until a check is
/// due (a day after the last, remembered across restarts; not before [`START_DELAY`] after
/// start), checks quietly, and sleeps again. Nothing of it is a dialog or a notification.
pub fn run(handle: &AppHandle) {
    let (quiet, delay) = {
        let app = app(handle);
        (app.updates.quiet, app.updates.delay)
    };
    if !quiet {
        return;
    }
    let handle = handle.clone();
    tauri::async_runtime::spawn(async move {
        let earliest = Utc::now() + chrono::Duration::from_std(delay).unwrap_or_default();
        loop {
            let last = CheckRecord::load(&app(&handle).updates.dir).checked_at;
            let due = update::next_check(last, Utc::now()).max(earliest);
            let wait = (due - Utc::now()).to_std().unwrap_or_default();
            if !wait.is_zero() {
                tokio::time::sleep(wait).await;
                // The clock may have moved while asleep: look again.
                continue;
            }
            // The demo started from the window checks nothing either.
            let demo = app(&handle).poller.target().is_some_and(|t| t.demo);
            if demo {
                tokio::time::sleep(update::EVERY.to_std().unwrap_or_default()).await;
                continue;
            }
            if check_once(&handle).await.is_none() {
                // The owner's own check is running: it counts as the day's.
                tokio::time::sleep(Duration::from_secs(60)).await;
            }
        }
    });
}
