//! The real window's History view with the demo device (a month of history), in the light
//! and the dark theme: checked here, and saved for the docs by tests/e2e/screenshots.sh
//! (`NESTORE_SHOTS_DIR=docs/screenshots`: history-light.png and history-dark.png). And
//! Settings with Find my NEStore's hits (two simulators found on 127.0.41.0/24) and with the
//! charge timers (find-app.png, timers.png), and the price chart of a timer in the cheapest
//! hours (prices.png).
//!
//!   cargo build -p nestore-tray
//!   scripts/desktop-session.sh cargo nextest run -p nestore-e2e --run-ignored only -E 'binary(screenshots)'
//!   NESTORE_SHOTS_DIR=docs/screenshots scripts/desktop-session.sh cargo nextest run -p nestore-e2e \
//!       --run-ignored only -E 'binary(screenshots) & test(settings)'
//!
//! The dark theme is asked of GTK (`GTK_THEME=Adwaita:dark`), which WebKitGTK hands to the
//! page as `prefers-color-scheme: dark`.

mod common;

use std::net::{Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;
use fantoccini::{Client, Locator};
use serde_json::json;

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

/// Where the screenshots go: `NESTORE_SHOTS_DIR`, else `tmp`.
fn shots_dir(tmp: &TempDir) -> Result<PathBuf> {
    let out: PathBuf = std::env::var_os("NESTORE_SHOTS_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| tmp.path().to_owned());
    std::fs::create_dir_all(&out)?;
    Ok(out)
}

/// Waits for the page's next two animation frames (paint follows a change by a frame).
async fn painted(client: &Client) -> Result<()> {
    client
        .execute_async(
            "const [done] = arguments; requestAnimationFrame(() => requestAnimationFrame(() => done(true)));",
            vec![],
        )
        .await?;
    Ok(())
}

/// The page as WebDriver renders it (the webview's viewport: no other window can cover it),
/// saved to `out`.
async fn page_shot(client: &Client, out: &Path) -> Result<()> {
    std::fs::write(out, client.screenshot().await?)?;
    Ok(())
}

/// This test's own /24 on loopback (discover.rs has 127.0.40.0/24).
const NET: [u8; 3] = [127, 0, 41];

fn on_net(host: u8, port: u16) -> SocketAddr {
    SocketAddr::from((Ipv4Addr::new(NET[0], NET[1], NET[2], host), port))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs a desktop session: scripts/desktop-session.sh"]
async fn settings_with_find_my_nestore_and_the_charge_timers() -> Result<()> {
    let tmp = TempDir::new("shots-settings");
    let out = shots_dir(&tmp)?;
    // Two simulators on one port of two loopback addresses.
    let port = loop {
        let port = free_port();
        if [2, 3]
            .iter()
            .all(|&h| std::net::TcpListener::bind(on_net(h, port)).is_ok())
        {
            break port;
        }
    };
    let mut sims = Vec::new();
    for (host, soc) in [(2, 63.0), (3, 41.0)] {
        let cfg = nestore_sim::SimConfig {
            initial_soc_pct: soc,
            speed: 0.0,
            ..Default::default()
        };
        sims.push(nestore_sim::spawn(cfg, on_net(host, port)).await?);
    }
    let subnet = format!("{}.{}.{}.0/24", NET[0], NET[1], NET[2]);
    let port_arg = port.to_string();
    let args = [
        "--discover-subnet",
        subnet.as_str(),
        "--discover-port",
        port_arg.as_str(),
    ];
    let app = WindowApp::launch_with(
        "shots-settings",
        sims[0].addr(),
        Launch {
            args: &args,
            ..Launch::default()
        },
    )
    .await?;
    let result = async {
        app.wait_text("soc", "the first reading", |t| t == "63 %")
            .await?;
        // The timers to show: a night's charge on weekdays in its 4 cheapest hours, and the
        // weekend's evening held off.
        let timers = json!([
            {"days": ["mon", "tue", "wed", "thu", "fri"], "start": "22:00", "end": "06:00",
             "kind": "charge", "power_w": 2000, "target_soc_pct": 90, "enabled": true,
             "cheapest_hours": 4},
            {"days": ["sat", "sun"], "start": "17:00", "end": "20:00", "kind": "block",
             "enabled": true}]);
        let addr = sims[0].addr();
        app.invoke(
            "save_settings",
            json!({"settings": {"host": addr.ip().to_string(), "port": addr.port(),
                                "poll_interval_s": 300, "control_enabled": false,
                                "autostart": false, "timers": timers},
                   "password": null, "clearPassword": false}),
        )
        .await?
        .map_err(|e| format!("save_settings: {e}"))?;

        // Find my NEStore: both simulators listed.
        app.open_settings().await?;
        app.click("btn-find").await?;
        app.wait_text("find-status", "the end of the search", |t| {
            t.starts_with("Found 2 ")
        })
        .await?;
        app.client.execute("window.scrollTo(0, 0);", vec![]).await?;
        painted(&app.client).await?;
        let find = out.join("find-app.png");
        page_shot(&app.client, &find).await?;

        // The Timers section, scrolled to its top, in a window as tall as the screen allows
        // (up to 900 px), as an owner would make it to see both timers.
        app.wait_text("timer-1-summary", "the timers", |t| {
            t.starts_with("Sat, Sun 17:00-20:00")
        })
        .await?;
        let height = screen_height()?.saturating_sub(40).min(900);
        if let Some(id) = x_windows_titled("NEStore").into_iter().next() {
            xdotool(&["windowsize", "--sync", &id, "380", &height.to_string()])?;
        }
        app.client
            .execute(
                "document.getElementById('timer-settings').scrollIntoView({block: 'start'});",
                vec![],
            )
            .await?;
        painted(&app.client).await?;
        let timers_png = out.join("timers.png");
        page_shot(&app.client, &timers_png).await?;
        for path in [&find, &timers_png] {
            let (lum, w, h) = luminance(path)?;
            eprintln!("{}: {w}x{h}, mean luminance {lum:.0}", path.display());
            assert!(w >= 300 && h >= 400, "{}: {w}x{h}", path.display());
        }
        Ok::<_, Error>(())
    }
    .await;
    drop(sims);
    app.finish(result).await
}

/// The price chart near the timer line (prices.png): a timer from the next hour for six
/// hours, in its two cheapest hours, with a day of prices from a price server on loopback
/// (a morning and an evening peak, a sunny afternoon below zero).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs a desktop session: scripts/desktop-session.sh"]
async fn the_price_chart_of_a_timer_in_the_cheapest_hours() -> Result<()> {
    use chrono::{Duration, Local, Timelike, Utc};
    let tmp = TempDir::new("shots-prices");
    let out = shots_dir(&tmp)?;
    let sim = start_sim(63.0).await;
    const DAY: [f64; 24] = [
        0.21, 0.20, 0.19, 0.16, 0.17, 0.18, 0.22, 0.31, 0.34, 0.29, 0.24, 0.16, 0.09, -0.03, 0.05,
        0.12, 0.20, 0.28, 0.36, 0.38, 0.33, 0.27, 0.24, 0.22,
    ];
    let server = PriceServer::start(|t| DAY[t.with_timezone(&Local).hour() as usize]).await?;
    let hour = nestore_prices::ceil_hour(Utc::now());
    let hhmm = |t: chrono::DateTime<Utc>| t.with_timezone(&Local).format("%H:%M").to_string();
    let settings = json!({"timers": [{"days": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
        "start": hhmm(hour + Duration::hours(1)), "end": hhmm(hour + Duration::hours(7)),
        "kind": "charge", "power_w": 2000, "target_soc_pct": 90, "cheapest_hours": 2}]})
    .to_string();
    let app = WindowApp::launch_with(
        "shots-prices",
        sim.addr(),
        Launch {
            settings: SettingsFile::Text(&settings),
            args: &["--price-url", &server.url],
            ..Launch::default()
        },
    )
    .await?;
    let result = async {
        app.wait_text("prices-chosen", "the chosen hours", |t| {
            t.starts_with("Cheapest hours chosen: ")
        })
        .await?;
        app.client
            .execute(
                "document.getElementById('prices').scrollIntoView({block: 'center'});",
                vec![],
            )
            .await?;
        painted(&app.client).await?;
        let path = out.join("prices.png");
        page_shot(&app.client, &path).await?;
        let (lum, w, h) = luminance(&path)?;
        eprintln!("{}: {w}x{h}, mean luminance {lum:.0}", path.display());
        assert!(w >= 300 && h >= 300, "{}: {w}x{h}", path.display());
        Ok::<_, Error>(())
    }
    .await;
    app.finish(result).await
}
