//! The real window's History view with the demo device (a month of history), in the light
//! and the dark theme: checked here, and saved for the docs by tests/e2e/screenshots.sh
//! (`NESTORE_SHOTS_DIR=docs/screenshots`: history-light.png and history-dark.png).
//!
//!   cargo build -p nestore-tray
//!   scripts/desktop-session.sh cargo nextest run -p nestore-e2e --run-ignored only -E 'binary(screenshots)'
//!
//! The dark theme is asked of GTK (`GTK_THEME=Adwaita:dark`), which WebKitGTK hands to the
//! page as `prefers-color-scheme: dark`.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;
use fantoccini::{Client, Locator};

/// The period shown: a week of the demo's month, so the daily cycle and the daily bars
/// both show.
const RANGE_BUTTON: &str = "btn-range-7d";
const RANGE_S: f64 = 7.0 * 86_400.0;

/// The demo app in a WebDriver session, with `env` in its environment.
struct DemoWindow {
    client: Client,
    _driver: TauriDriver,
    _config: TempDir,
    _lock: AppLock,
}

impl DemoWindow {
    async fn launch(test: &str, data: &Path, env: &[(&str, &str)]) -> Result<DemoWindow> {
        require_desktop();
        let lock = AppLock::acquire();
        wait_app_gone().await?;
        let config = TempDir::new(test);
        let service = unique_service(test);
        let mut all = vec![
            ("NESTORE_KEYRING_SERVICE", service.as_str()),
            ("NESTORE_LOG", "info,tao=warn,wry=warn"),
        ];
        all.extend_from_slice(env);
        let driver = TauriDriver::start(&all).await?;
        let args = vec![
            "--demo".to_string(),
            "--open".into(),
            "--config-dir".into(),
            config.path().display().to_string(),
            "--data-dir".into(),
            data.display().to_string(),
        ];
        let client = tokio::time::timeout(STEP * 2, driver.session(&args))
            .await
            .map_err(|_| "the WebDriver session did not start")??;
        Ok(DemoWindow {
            client,
            _driver: driver,
            _config: config,
            _lock: lock,
        })
    }

    async fn click(&self, id: &str) -> Result<()> {
        let el = wait_for(&format!("#{id} to be clickable"), STEP, || async {
            let el = self.client.find(Locator::Id(id)).await.ok()?;
            (el.is_displayed().await.ok()? && el.is_enabled().await.ok()?).then_some(el)
        })
        .await?;
        el.click().await?;
        Ok(())
    }

    /// Opens the History view on [`RANGE_BUTTON`] and waits until its four charts are
    /// drawn for that period; returns whether the page is in the dark theme.
    async fn show_history(&self) -> Result<bool> {
        fit_all_charts()?;
        self.click("btn-history").await?;
        self.click(RANGE_BUTTON).await?;
        const DRAWN: &str = "const box = document.getElementById('history-charts');\n\
            const ids = ['chart-soc', 'chart-pressure', 'chart-zones', 'chart-daily'];\n\
            const us = ids.map((id) => document.getElementById(id).uplot);\n\
            if (box.hidden || box.classList.contains('is-loading') || us.some((u) => !u)) return null;\n\
            const span = us[0].scales.x.max - us[0].scales.x.min;\n\
            const points = us[0].data[1].filter((v) => v != null).length;\n\
            return {span, points, demo: !document.getElementById('history-demo').hidden,\n\
                    dark: matchMedia('(prefers-color-scheme: dark)').matches};";
        let last = std::cell::RefCell::new(serde_json::Value::Null);
        let drawn = wait_for("the week's charts", STEP, || async {
            let v = self.client.execute(DRAWN, vec![]).await.ok()?;
            if v["span"].as_f64() == Some(RANGE_S) {
                Some(v)
            } else {
                *last.borrow_mut() = v;
                None
            }
        })
        .await
        .map_err(|e| format!("{e} (the charts: {})", last.borrow()))?;
        let points = drawn["points"].as_u64().unwrap_or(0);
        assert!(points > 100, "a week of the demo's charge: {drawn}");
        assert_eq!(drawn["demo"], true, "the demo's data is marked: {drawn}");
        // Paint follows the draw: wait for the next two animation frames.
        self.client
            .execute_async(
                "const [done] = arguments; requestAnimationFrame(() => requestAnimationFrame(() => done(true)));",
                vec![],
            )
            .await?;
        Ok(drawn["dark"].as_bool().unwrap_or(false))
    }

    async fn finish(self, result: Result<()>) -> Result<()> {
        let closed = self.client.close().await;
        let gone = wait_app_gone().await;
        result?;
        closed?;
        gone
    }
}

/// The window's height that shows the History view whole (four charts and Export).
const TALL: u32 = 1250;

/// The height of the X screen (`xdotool getdisplaygeometry`).
fn screen_height() -> Result<u32> {
    let out = Command::new("xdotool").arg("getdisplaygeometry").output()?;
    let text = String::from_utf8_lossy(&out.stdout);
    text.split_whitespace()
        .nth(1)
        .and_then(|h| h.parse().ok())
        .ok_or_else(|| format!("xdotool getdisplaygeometry: {text:?}").into())
}

/// On a screen tall enough (`scripts/desktop-session.sh --size 1280x1300`), makes the
/// window [`TALL`] so the whole History view shows, as an owner would by resizing it;
/// otherwise it keeps the size the app chose.
fn fit_all_charts() -> Result<()> {
    if screen_height()? < TALL + 40 {
        return Ok(());
    }
    let id = x_windows_titled("NEStore")
        .into_iter()
        .next()
        .ok_or("no window titled NEStore")?;
    xdotool(&["windowsize", "--sync", &id, "400", &TALL.to_string()])
}

/// The window titled "NEStore" as pixels (`import -window`), saved to `out`.
fn capture_window(out: &Path) -> Result<()> {
    let id = x_windows_titled("NEStore")
        .into_iter()
        .next()
        .ok_or("no window titled NEStore")?;
    let status = Command::new("import")
        .args(["-window", &id])
        .arg(out)
        .status()
        .map_err(|e| format!("cannot run import ({e}): apt-get install imagemagick"))?;
    if !status.success() {
        return Err(format!("import -window {id}: {status}").into());
    }
    Ok(())
}

/// The mean luminance (0-255) and the size of a PNG.
fn luminance(path: &Path) -> Result<(f64, u32, u32)> {
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(path)?));
    let mut reader = decoder.read_info()?;
    let mut buf = vec![0; reader.output_buffer_size().ok_or("a PNG too large")?];
    let info = reader.next_frame(&mut buf)?;
    let channels = info.color_type.samples();
    if info.bit_depth != png::BitDepth::Eight || channels < 3 {
        return Err(format!(
            "{}: {:?} {:?}",
            path.display(),
            info.color_type,
            info.bit_depth
        )
        .into());
    }
    let px = &buf[..info.buffer_size()];
    let mut sum = 0.0;
    let mut n = 0.0;
    for p in px.chunks_exact(channels) {
        sum += 0.2126 * f64::from(p[0]) + 0.7152 * f64::from(p[1]) + 0.0722 * f64::from(p[2]);
        n += 1.0;
    }
    Ok((sum / n, info.width, info.height))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs a desktop session: scripts/desktop-session.sh"]
async fn the_demo_history_view_in_light_and_dark() -> Result<()> {
    let tmp = TempDir::new("shots");
    let out: PathBuf = std::env::var_os("NESTORE_SHOTS_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| tmp.path().to_owned());
    std::fs::create_dir_all(&out)?;
    // One data dir for both: the demo's month is made once.
    let data = TempDir::new("shots-data");
    let mut shots = Vec::new();
    for (theme, env) in [
        ("light", &[][..]),
        ("dark", &[("GTK_THEME", "Adwaita:dark")][..]),
    ] {
        let win = DemoWindow::launch(&format!("shots-{theme}"), data.path(), env).await?;
        let path = out.join(format!("history-{theme}.png"));
        let result = async {
            let dark = win.show_history().await?;
            assert_eq!(dark, theme == "dark", "the page's colour scheme");
            capture_window(&path)?;
            Ok(())
        }
        .await;
        win.finish(result).await?;
        let (lum, w, h) = luminance(&path)?;
        eprintln!("{}: {w}x{h}, mean luminance {lum:.0}", path.display());
        shots.push(lum);
    }
    assert!(
        shots[0] > 150.0 && shots[1] < 100.0,
        "light is light, dark is dark: mean luminance {shots:?}"
    );
    Ok(())
}
