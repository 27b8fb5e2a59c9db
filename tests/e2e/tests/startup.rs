//! Starting the app: bad command-line arguments are a usage error (exit 2, a usage message,
//! no panic), and a settings file that would block the start (a FIFO) does not.
//!
//!   cargo build -p nestore-tray
//!   scripts/desktop-session.sh cargo nextest run -p nestore-e2e --run-ignored only -E 'binary(startup)'

mod common;

use std::io::Read;
use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};
use std::path::Path;
use std::process::{Command, Stdio};

use common::*;

/// Runs the app with `args` (and its own config dir), waits for it to exit (ending it if
/// it does not) and returns its exit code and stderr.
async fn run_app(args: &[&str]) -> Result<(Option<i32>, String)> {
    let dir = TempDir::new("args");
    let mut child = Command::new(app_binary())
        .args(args)
        .arg("--config-dir")
        .arg(dir.path())
        .env("NESTORE_KEYRING_SERVICE", unique_service("args"))
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()?;
    let exited = wait_for(&format!("nestore-tray {args:?} to exit"), STEP, || {
        let s = child.try_wait().ok().flatten();
        async move { s }
    })
    .await;
    let status = match exited {
        Ok(s) => s,
        Err(e) => {
            let _ = child.kill();
            let _ = child.wait();
            return Err(e);
        }
    };
    let mut stderr = String::new();
    if let Some(mut err) = child.stderr.take() {
        err.read_to_string(&mut stderr)?;
    }
    Ok((status.code(), strip_ansi(&stderr)))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs a desktop session: scripts/desktop-session.sh"]
async fn bad_arguments_are_a_usage_error() -> Result<()> {
    require_desktop();
    // No other instance: a second launch would hand its arguments to the first one.
    let _lock = AppLock::acquire();
    wait_app_gone().await?;
    let cases: [&[&str]; 3] = [
        &["--host", "bad host"],
        &["--host", ""],
        &["--poll-interval", "0s"],
    ];
    let mut wrong = Vec::new();
    for args in cases {
        let (code, stderr) = run_app(args).await?;
        eprintln!("{args:?}: exit {code:?}\n{stderr}");
        // The usage error (the catalogue's words): it names the option and the value, and
        // points to --help.
        let usage = stderr.starts_with("nestore-tray: ")
            && stderr.contains(args[0])
            && stderr.contains(&format!("'{}'", args[1]))
            && stderr.contains("--help");
        if code != Some(2) || !usage || stderr.contains("panicked") {
            wrong.push(format!("{args:?}: exit {code:?}, stderr {stderr:?}"));
        }
    }
    assert!(
        wrong.is_empty(),
        "each should exit 2 with a usage error naming the option and the value:\n{}",
        wrong.join("\n")
    );
    Ok(())
}

/// Opens `fifo` for writing without blocking and closes it again: an app blocked opening
/// it for reading goes on (with an empty file).
fn unblock_fifo(fifo: &Path) {
    const O_NONBLOCK: i32 = 0o4000; // Linux
    let _ = std::fs::OpenOptions::new()
        .write(true)
        .custom_flags(O_NONBLOCK)
        .open(fifo);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs a desktop session: scripts/desktop-session.sh"]
async fn a_fifo_as_the_settings_file_does_not_hang_the_start() -> Result<()> {
    let sim = start_sim(63.0).await;
    let launched = WindowApp::launch_with(
        "fifo",
        sim.addr(),
        Launch {
            settings: SettingsFile::Fifo,
            tray_host: true,
            ..Launch::default()
        },
    )
    .await;
    let app = match launched {
        Ok(app) => app,
        Err(e) => {
            // A hung app must not outlive the test: let it read the pipe and end it.
            let dirs = std::fs::read_dir(std::env::temp_dir())?;
            for d in dirs.flatten() {
                let fifo = d.path().join("settings.json");
                if d.file_name()
                    .to_string_lossy()
                    .contains("nestore-e2e-fifo-")
                    && std::fs::metadata(&fifo).is_ok_and(|m| m.file_type().is_fifo())
                {
                    unblock_fifo(&fifo);
                }
            }
            wait_app_gone().await?;
            return Err(format!("the app did not start with a FIFO as settings: {e}").into());
        }
    };
    let result = async {
        let host = app.host.as_ref().ok_or("no tray host")?;
        let item = host.item().await?;
        eprintln!("tray item: {item:?}");
        let notice = app
            .wait_text("notice", "the notice about the settings file", |t| {
                t.contains("settings file")
            })
            .await?;
        assert!(
            notice.contains("moved to") && notice.contains("defaults are in use"),
            "notice: {notice:?}"
        );
        // Set aside, not deleted: the pipe itself is beside, and settings.json is no pipe.
        let aside: Vec<_> = std::fs::read_dir(app.config_dir.path())?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.to_string_lossy().contains("settings.json."))
            .collect();
        assert_eq!(aside.len(), 1, "one file set aside: {aside:?}");
        assert!(
            std::fs::symlink_metadata(&aside[0])?.file_type().is_fifo(),
            "{} is the pipe",
            aside[0].display()
        );
        let settings = app.config_dir.path().join("settings.json");
        if let Ok(m) = std::fs::symlink_metadata(&settings) {
            assert!(m.is_file(), "settings.json is a regular file now: {m:?}");
        }
        app.wait_text("soc", "the first reading", |t| t == "63 %")
            .await?;
        Ok::<_, Error>(())
    }
    .await;
    app.finish(result).await
}
