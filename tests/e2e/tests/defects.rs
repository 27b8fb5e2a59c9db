//! Issue 8's defects, end to end, against the built app in the desktop session: each test
//! fails on the app as it was before the fix.
//!
//! - #10 one notification per pressure condition, replaced by its next notice and by its
//!   recovery (the Notify calls and the server's replies, seen on the bus; dunst's count);
//! - #23 the tray menu changes its texts in place (the dbusmenu ids stay);
//! - #4 Save with a wrong password says so; Test connection with the right one says it works;
//! - #22 `use_demo` is refused while a device is configured, and that device is still polled;
//! - #21 one app per settings folder without a session bus (a file lock, not D-Bus);
//! - #26 start at login keeps `--config-dir`;
//! - #24 the window fits a 1024x600 screen (an Xvfb of that size of the test's own) and
//!   Settings' Save can be reached and clicked;
//! - #11 a sensor fault is an online device with its other readings, and the alert says so;
//! - #13 the demo logs alerts at wall-clock times and polls every 5 s.
//!
//! Like tray.rs and alerts.rs, the tray tests are the tray host: run WITHOUT --trayer.
//!
//!   cargo build -p nestore-tray
//!   scripts/desktop-session.sh cargo nextest run -p nestore-e2e --run-ignored only -E 'binary(defects)'

mod common;

use std::collections::HashMap;
use std::io::BufRead;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::*;
use fantoccini::{Client, Locator};
use futures_util::StreamExt;
use nestore_sim::{Scenario, SimConfig, SimHandle};
use serde_json::{json, Value};
use zbus::zvariant::OwnedValue;

const APP_NAME: &str = "NEStore Tray";
const LOG_FILTER: &str = "info,tao=warn,wry=warn";

// ------------------------------------------------------------------ notifications + replies

/// One Notify call and the id the notification server answered it with.
#[derive(Debug, Clone)]
struct Sent {
    app_name: String,
    replaces_id: u32,
    summary: String,
    body: String,
    urgency: Option<u8>,
    timeout: i32,
    /// The server's reply: the id of the notification on screen.
    id: Option<u32>,
    sender: String,
    serial: u32,
}

type NotifyArgs = (
    String,
    u32,
    String,
    String,
    String,
    Vec<String>,
    HashMap<String, OwnedValue>,
    i32,
);

/// Every Notify call on the session bus and its reply, as a bus monitor sees them.
struct NotifyWatch {
    seen: Arc<Mutex<Vec<Sent>>>,
    task: tokio::task::JoinHandle<()>,
}

impl NotifyWatch {
    async fn start() -> Result<NotifyWatch> {
        use zbus::message::Type;
        let conn = zbus::connection::Builder::session()?.build().await?;
        let mut stream = zbus::MessageStream::from(&conn);
        let calls = zbus::MatchRule::builder()
            .msg_type(Type::MethodCall)
            .interface("org.freedesktop.Notifications")?
            .member("Notify")?
            .build();
        // Replies name no interface: all of them, matched to the calls by serial below.
        let replies = zbus::MatchRule::builder()
            .msg_type(Type::MethodReturn)
            .build();
        zbus::fdo::MonitoringProxy::new(&conn)
            .await?
            .become_monitor(&[calls, replies], 0)
            .await?;
        let seen = Arc::new(Mutex::new(Vec::<Sent>::new()));
        let sink = seen.clone();
        let task = tokio::spawn(async move {
            let _conn = conn;
            while let Some(msg) = stream.next().await {
                let Ok(msg) = msg else { continue };
                let h = msg.header();
                match h.message_type() {
                    Type::MethodCall if h.member().map(|m| m.as_str()) == Some("Notify") => {
                        let Ok((app_name, replaces_id, _icon, summary, body, _a, hints, timeout)) =
                            msg.body().deserialize::<NotifyArgs>()
                        else {
                            continue;
                        };
                        let urgency = hints.get("urgency").and_then(|v| u8_of(v));
                        sink.lock().unwrap().push(Sent {
                            app_name,
                            replaces_id,
                            summary,
                            body,
                            urgency,
                            timeout,
                            id: None,
                            sender: h.sender().map(|s| s.to_string()).unwrap_or_default(),
                            serial: h.primary().serial_num().get(),
                        });
                    }
                    Type::MethodReturn => {
                        let (Some(reply_to), Some(dest)) = (h.reply_serial(), h.destination())
                        else {
                            continue;
                        };
                        let mut seen = sink.lock().unwrap();
                        let Some(call) = seen.iter_mut().find(|s| {
                            s.id.is_none()
                                && s.serial == reply_to.get()
                                && s.sender == dest.as_str()
                        }) else {
                            continue;
                        };
                        if let Ok(id) = msg.body().deserialize::<u32>() {
                            call.id = Some(id);
                        }
                    }
                    _ => {}
                }
            }
        });
        Ok(NotifyWatch { seen, task })
    }

    /// The app's notifications so far.
    fn sent(&self) -> Vec<Sent> {
        self.seen
            .lock()
            .unwrap()
            .iter()
            .filter(|n| n.app_name == APP_NAME)
            .cloned()
            .collect()
    }

    /// Waits until the app has sent `n` notifications and the server has answered each.
    async fn wait(&self, n: usize, within: Duration) -> Result<Vec<Sent>> {
        let r = wait_for(&format!("{n} answered notifications"), within, || async {
            let s = self.sent();
            (s.len() >= n && s.iter().all(|n| n.id.is_some())).then_some(s)
        })
        .await;
        r.map_err(|e| format!("{e} (seen: {:#?})", self.sent()).into())
    }
}

impl Drop for NotifyWatch {
    fn drop(&mut self) {
        self.task.abort();
    }
}

fn u8_of(v: &zbus::zvariant::Value<'_>) -> Option<u8> {
    match v {
        zbus::zvariant::Value::U8(b) => Some(*b),
        zbus::zvariant::Value::Value(inner) => u8_of(inner),
        _ => None,
    }
}

/// `dunstctl count displayed`: the notifications on screen now.
fn dunst_displayed() -> Result<u32> {
    let out = Command::new("dunstctl")
        .args(["count", "displayed"])
        .output()?;
    let text = String::from_utf8_lossy(&out.stdout);
    Ok(text
        .trim()
        .parse()
        .map_err(|e| format!("dunstctl count displayed: {text:?}: {e}"))?)
}

// ------------------------------------------------------------------ the app in the tray

/// A frozen simulator, a proxy counting polls, the test as the tray host, and the app
/// polling every second.
struct TrayRig {
    /// Started after the lock, so no other test's app is in it.
    notes: Option<NotifyWatch>,
    sim: SimHandle,
    proxy: CountingProxy,
    host: TrayHost,
    app: TrayApp,
    item: Item,
    menu: String,
    service: String,
    _dir: TempDir,
    _lock: AppLock,
}

impl TrayRig {
    /// Everything up to the app's first reading in the menu; with `watch_notes`, the
    /// notifications from its start on.
    async fn start(test: &str, soc: f64, watch_notes: bool) -> Result<TrayRig> {
        require_desktop();
        let lock = AppLock::acquire();
        wait_app_gone().await?;
        let notes = match watch_notes {
            true => Some(NotifyWatch::start().await?),
            false => None,
        };
        let cfg = SimConfig {
            password: SIM_PASSWORD.into(),
            speed: 0.0,
            scenario: Scenario::Normal,
            initial_soc_pct: soc,
            start_time_of_day_s: 13 * 3600,
            ..Default::default()
        };
        let sim = nestore_sim::spawn(cfg, "127.0.0.1:0".parse()?).await?;
        let proxy = CountingProxy::start(sim.addr()).await?;
        let host = TrayHost::start().await?;
        let dir = TempDir::new(test);
        let service = unique_service(test);
        let app = TrayApp::spawn(
            proxy.addr,
            dir.path(),
            &service,
            &["--poll-interval", "1s"],
            std::env::temp_dir().join(format!("nestore-e2e-{test}-{}.log", std::process::id())),
        )?;
        let item = host.item().await?;
        let menu = host.menu_path(&item).await?;
        let rig = TrayRig {
            notes,
            sim,
            proxy,
            host,
            app,
            item,
            menu,
            service,
            _dir: dir,
            _lock: lock,
        };
        rig.wait_entries("the first reading in the menu", |e| {
            e.iter().any(|e| e.label.starts_with("Updated "))
        })
        .await?;
        Ok(rig)
    }

    async fn entries(&self) -> Result<Vec<Entry>> {
        self.host.menu_entries(&self.item, &self.menu).await
    }

    /// Waits until the menu's entries satisfy `ok`; the error shows the last labels.
    async fn wait_entries(&self, what: &str, ok: impl Fn(&[Entry]) -> bool) -> Result<Vec<Entry>> {
        let last = std::cell::RefCell::new(Vec::new());
        let r = wait_for(what, STEP, || async {
            let e = self.entries().await.ok()?;
            if ok(&e) {
                Some(e)
            } else {
                *last.borrow_mut() = e.into_iter().map(|e| e.label).collect();
                None
            }
        })
        .await;
        r.map_err(|e| format!("{e} (the menu showed {:?})", last.into_inner()).into())
    }

    /// The device's pressure from now on (the simulator is frozen: it stays there).
    fn set_pressure(&self, bar: f64) {
        self.sim.set_pressure(bar);
    }

    fn dump_log(&self) {
        eprintln!(
            "---- the app's log ({}) ----\n{}",
            self.app.log.display(),
            self.app.log_text()
        );
    }

    /// Quits from the menu (exit 0), clears the keyring service, removes the log.
    async fn quit(mut self) -> Result<()> {
        self.host
            .click_label(&self.item, &self.menu, "Quit")
            .await?;
        let child = &mut self.app.child;
        let status = wait_for("the app to exit after Quit", STEP, || {
            let s = child.try_wait().ok().flatten();
            async move { s }
        })
        .await?;
        assert!(status.success(), "the app exited with {status}");
        let _ = Command::new("secret-tool")
            .args(["clear", "service", &self.service])
            .status();
        let _ = std::fs::remove_file(&self.app.log);
        Ok(())
    }

    /// Quits whatever `result`; on failure, prints the app's log first.
    async fn finish(self, result: Result<()>) -> Result<()> {
        if result.is_err() {
            self.dump_log();
        }
        let quit = self.quit().await;
        result?;
        quit
    }
}

// ------------------------------------------------------------------ #10 notifications

/// Moves the frozen device to `bar` and waits for the notification that follows.
async fn step_to(rig: &TrayRig, notes: &NotifyWatch, bar: f64, n: usize) -> Result<Sent> {
    rig.set_pressure(bar);
    let sent = notes.wait(n, STEP).await?;
    Ok(sent[n - 1].clone())
}

/// The three notices of one condition: the first replaces nothing, the alarm and the
/// recovery replace the one the server put on screen for the first.
fn check_one_on_screen(what: &str, three: &[Sent], titles: [&str; 3]) {
    let summaries: Vec<&str> = three.iter().map(|n| n.summary.as_str()).collect();
    assert_eq!(summaries, titles, "{what}: {three:#?}");
    let first = three[0].id.expect("answered");
    assert_eq!(
        three[0].replaces_id, 0,
        "{what}: the first is new: {three:#?}"
    );
    assert_ne!(first, 0, "{what}: the server's id");
    for n in &three[1..] {
        assert_eq!(
            n.replaces_id, first,
            "{what}: {:?} replaces the one on screen (id {first}): {three:#?}",
            n.summary
        );
        assert_eq!(
            n.id,
            Some(first),
            "{what}: the server kept it in the same place: {three:#?}"
        );
    }
    assert!(
        three[2].body.contains("No action needed."),
        "{what}: the recovery: {:?}",
        three[2].body
    );
    assert_eq!(three[1].urgency, Some(2), "{what}: the alarm is critical");
    assert_eq!(
        three[1].timeout, 0,
        "{what}: the alarm stays until replaced"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs a desktop session: scripts/desktop-session.sh"]
async fn each_conditions_notices_replace_the_one_on_screen_and_the_recovery_the_alarm() -> Result<()>
{
    require_desktop();
    let rig = TrayRig::start("replace", 80.0, true).await?;
    // Nothing of an earlier test on screen, so dunst's count is this test's alone.
    let _ = Command::new("dunstctl").arg("close-all").status();
    let result = async {
        let notes = rig.notes.as_ref().expect("watched");
        rig.proxy.wait_readings(rig.proxy.readings(), 3).await?;
        assert!(notes.sent().is_empty(), "healthy: {:#?}", notes.sent());

        // High: a warning, the alarm, back to normal.
        step_to(&rig, notes, 3.2, 1).await?;
        step_to(&rig, notes, 3.7, 2).await?;
        step_to(&rig, notes, 2.5, 3).await?;
        let high = notes.sent();
        for n in &high {
            eprintln!(
                "{:?}: replaces {} → id {:?}",
                n.summary, n.replaces_id, n.id
            );
        }
        check_one_on_screen(
            "high pressure",
            &high[..3],
            [
                "High pressure",
                "Very high pressure",
                "Pressure back to normal",
            ],
        );
        assert_eq!(
            dunst_displayed()?,
            1,
            "after the recovery only it is on screen, not the alarm as well"
        );

        // Low, its own notification: it replaces none of the high pressure's.
        let _ = Command::new("dunstctl").arg("close-all").status();
        step_to(&rig, notes, 1.8, 4).await?;
        step_to(&rig, notes, 1.3, 5).await?;
        step_to(&rig, notes, 2.5, 6).await?;
        let all = notes.sent();
        check_one_on_screen(
            "low pressure",
            &all[3..6],
            [
                "Low pressure",
                "Very low pressure",
                "Pressure back to normal",
            ],
        );
        assert_ne!(
            all[3].id, all[0].id,
            "low and high are different notifications"
        );
        assert_eq!(
            dunst_displayed()?,
            1,
            "the low alarm is gone with its recovery"
        );

        // Nothing more while healthy.
        rig.proxy.wait_readings(rig.proxy.readings(), 3).await?;
        assert_eq!(notes.sent().len(), 6, "{:#?}", notes.sent());
        Ok(())
    }
    .await;
    rig.finish(result).await
}

// ------------------------------------------------------------------ #23 menu in place

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs a desktop session: scripts/desktop-session.sh"]
async fn the_tray_menu_is_updated_in_place_between_polls() -> Result<()> {
    let rig = TrayRig::start("menuids", 63.0, false).await?;
    let result = async {
        let before = rig.entries().await?;
        let p0 = rig.sim.snapshot().pressure_bar;
        let old_line = format!("Pressure {p0:.1} bar");
        assert!(
            before.iter().any(|e| e.label == old_line),
            "{old_line:?} in {before:#?}"
        );
        // Still healthy (2-3 bar), a different header line.
        let p1 = if p0 < 2.5 { p0 + 0.3 } else { p0 - 0.3 };
        let new_line = format!("Pressure {p1:.1} bar");
        rig.set_pressure(p1);
        let after = rig
            .wait_entries(&format!("{new_line:?} in the menu"), |e| {
                e.iter().any(|e| e.label == new_line)
            })
            .await?;
        let ids = |e: &[Entry]| e.iter().map(|e| (e.id, e.separator)).collect::<Vec<_>>();
        assert_eq!(
            ids(&after),
            ids(&before),
            "the same menu items (dbusmenu ids), only their texts changed:\nbefore {before:#?}\nafter {after:#?}"
        );
        let changed: Vec<(&str, &str)> = before
            .iter()
            .zip(&after)
            .filter(|(b, a)| b.label != a.label)
            .map(|(b, a)| (b.label.as_str(), a.label.as_str()))
            .collect();
        assert!(
            changed.contains(&(old_line.as_str(), new_line.as_str())),
            "{changed:?}"
        );
        assert_eq!(
            rig.host.menu_path(&rig.item).await?,
            rig.menu,
            "the same menu object"
        );
        // And a click on an item read before the change still works: Refresh now polls.
        let refresh = before
            .iter()
            .find(|e| e.label == "Refresh now")
            .ok_or("no Refresh now")?
            .id;
        let from = rig.proxy.readings();
        rig.host.click(&rig.item, &rig.menu, refresh).await?;
        rig.proxy.wait_readings(from, 1).await?;
        Ok(())
    }
    .await;
    rig.finish(result).await
}

// ------------------------------------------------------------------ the window

/// The app in a WebDriver session with the arguments and environment a test chooses.
struct Win {
    client: Client,
    dir: TempDir,
    service: String,
    driver: TauriDriver,
    _lock: AppLock,
}

impl Win {
    /// Launches `--open --config-dir DIR ARGS` (DIR fresh, tagged `tag`), with `env` added
    /// to the app's environment and a keyring service of its own.
    async fn launch(tag: &str, args: &[String], env: &[(&str, &str)]) -> Result<Win> {
        require_desktop();
        let lock = AppLock::acquire();
        wait_app_gone().await?;
        let service = unique_service(&tag.replace(' ', "-"));
        let dir = TempDir::new(tag);
        let mut vars = vec![
            ("NESTORE_KEYRING_SERVICE", service.as_str()),
            ("NESTORE_LOG", LOG_FILTER),
        ];
        vars.extend_from_slice(env);
        let driver = TauriDriver::start(&vars).await?;
        let mut all = vec![
            "--open".to_string(),
            "--config-dir".into(),
            dir.path().display().to_string(),
        ];
        all.extend_from_slice(args);
        let client = driver.session(&all).await?;
        Ok(Win {
            client,
            dir,
            service,
            driver,
            _lock: lock,
        })
    }

    async fn finish(self, result: Result<()>) -> Result<()> {
        let Win {
            client,
            dir,
            service,
            driver,
            _lock,
        } = self;
        let closed = client.close().await;
        let gone = wait_app_gone().await;
        drop(driver);
        let _ = Command::new("secret-tool")
            .args(["clear", "service", &service])
            .status();
        drop(dir);
        result?;
        closed?;
        gone
    }

    async fn el(&self, id: &str) -> Result<fantoccini::elements::Element> {
        Ok(self.client.find(Locator::Id(id)).await?)
    }

    async fn wait_text(&self, id: &str, what: &str, ok: impl Fn(&str) -> bool) -> Result<String> {
        let last = std::cell::RefCell::new(String::new());
        let r = wait_for(what, STEP, || async {
            let t = self.el(id).await.ok()?.text().await.ok()?;
            if ok(&t) {
                Some(t)
            } else {
                *last.borrow_mut() = t;
                None
            }
        })
        .await;
        r.map_err(|e| format!("{e} (#{id} showed {:?})", last.into_inner()).into())
    }

    async fn open_settings(&self) -> Result<()> {
        self.click("btn-settings").await?;
        settings_loaded(&self.client).await
    }

    async fn click(&self, id: &str) -> Result<()> {
        let el = wait_for(&format!("#{id} to be clickable"), STEP, || async {
            let el = self.el(id).await.ok()?;
            (el.is_displayed().await.ok()? && el.is_enabled().await.ok()?).then_some(el)
        })
        .await?;
        self.scroll_to(&el).await?;
        el.click().await?;
        Ok(())
    }

    async fn scroll_to(&self, el: &fantoccini::elements::Element) -> Result<()> {
        scroll_into_view(&self.client, el).await
    }

    async fn type_into(&self, id: &str, value: &str) -> Result<()> {
        let el = wait_for(&format!("#{id} to be displayed"), STEP, || async {
            let el = self.el(id).await.ok()?;
            el.is_displayed().await.ok()?.then_some(el)
        })
        .await?;
        self.scroll_to(&el).await?;
        el.clear().await?;
        el.send_keys(value).await?;
        let got = el.prop("value").await?.unwrap_or_default();
        if got != value {
            return Err(format!("#{id} holds {got:?} after typing {value:?}").into());
        }
        Ok(())
    }

    async fn set_checked(&self, id: &str, on: bool) -> Result<()> {
        let el = self.el(id).await?;
        self.scroll_to(&el).await?;
        if el.is_selected().await? != on {
            el.click().await?;
        }
        if el.is_selected().await? != on {
            return Err(format!("#{id} did not turn {on}").into());
        }
        Ok(())
    }

    /// Clicks Save in Settings and waits for "Saved." (any other message fails).
    async fn save(&self) -> Result<()> {
        self.click("btn-save-settings").await?;
        let t = self
            .wait_text("settings-message", "the settings to be saved", |t| {
                !t.is_empty() && !t.starts_with("Saving")
            })
            .await?;
        if t != "Saved." {
            return Err(format!("saving the settings: {t:?}").into());
        }
        Ok(())
    }

    /// `window.__TAURI__.core.invoke(cmd, args)`: Ok(result) or Err(the rejection).
    async fn invoke(&self, cmd: &str, args: Value) -> Result<std::result::Result<Value, Value>> {
        const SCRIPT: &str = r#"
            const [cmd, args, done] = arguments;
            window.__TAURI__.core.invoke(cmd, args).then(
                (v) => done({ ok: v === undefined ? null : v }),
                (e) => done({ err: e === undefined ? null : e }));
        "#;
        let v = self
            .client
            .execute_async(SCRIPT, vec![json!(cmd), args])
            .await?;
        match v {
            Value::Object(mut m) if m.contains_key("ok") => Ok(Ok(m.remove("ok").unwrap())),
            Value::Object(mut m) if m.contains_key("err") => Ok(Err(m.remove("err").unwrap())),
            other => Err(format!("invoke {cmd}: {other}").into()),
        }
    }

    async fn state(&self) -> Result<Value> {
        self.invoke("get_state", json!({}))
            .await?
            .map_err(|e| format!("get_state: {e}").into())
    }
}

fn device_args(addr: SocketAddr) -> Vec<String> {
    vec![
        "--host".into(),
        addr.ip().to_string(),
        "--port".into(),
        addr.port().to_string(),
    ]
}

// ------------------------------------------------------------------ #4 password check

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs a desktop session: scripts/desktop-session.sh"]
async fn saving_a_wrong_password_says_so_and_test_connection_with_the_right_one_says_it_works(
) -> Result<()> {
    let sim = start_sim(63.0).await;
    let app = Win::launch("pwcheck", &device_args(sim.addr()), &[]).await?;
    let result = async {
        app.wait_text("soc", "the first reading", |t| t == "63 %")
            .await?;
        app.open_settings().await?;
        app.type_into("set-host", &sim.addr().ip().to_string())
            .await?;
        app.type_into("set-port", &sim.addr().port().to_string())
            .await?;
        app.set_checked("set-control", true).await?;
        let wrong = format!("{SIM_PASSWORD}-wrong");
        app.type_into("set-password", &wrong).await?;
        app.save().await?;
        let check = app.el("password-check").await?;
        let said = app
            .wait_text("password-check", "the password check", |t| !t.is_empty())
            .await?;
        let class = check.attr("class").await?.unwrap_or_default();
        assert!(
            class.contains("is-err") && !class.contains("is-ok"),
            "a wrong password is marked as not working: {said:?} (class {class:?})"
        );
        assert!(
            !said.contains("works"),
            "a wrong password does not work: {said:?}"
        );
        eprintln!("wrong password: {said:?}");

        // The contract itself: password_check.ok is false.
        let saved = app
            .invoke(
                "save_settings",
                json!({
                    "settings": {"host": "127.0.0.1", "port": sim.addr().port(),
                                 "poll_interval_s": 300, "control_enabled": true,
                                 "autostart": false},
                    "password": wrong, "clearPassword": false}),
            )
            .await?
            .map_err(|e| format!("save_settings: {e}"))?;
        assert_eq!(
            saved["password_check"]["ok"],
            json!(false),
            "save_settings with a wrong password: {saved}"
        );
        assert!(
            sim.control_log().is_empty(),
            "checking a password sends no command"
        );

        // Test connection with the right one (typed): it works.
        app.type_into("set-password", SIM_PASSWORD).await?;
        app.click("btn-test-connection").await?;
        let msg = app
            .wait_text("settings-message", "the test result", |t| {
                !t.is_empty() && !t.starts_with("Trying")
            })
            .await?;
        assert!(msg.starts_with("Connected"), "{msg:?}");
        let said = app
            .wait_text("password-check", "the login check", |t| !t.is_empty())
            .await?;
        let class = check.attr("class").await?.unwrap_or_default();
        assert!(
            class.contains("is-ok") && said.contains("works"),
            "the right password works: {said:?} (class {class:?})"
        );
        // And saved, the right one works too.
        let saved = app
            .invoke(
                "save_settings",
                json!({
                    "settings": {"host": "127.0.0.1", "port": sim.addr().port(),
                                 "poll_interval_s": 300, "control_enabled": true,
                                 "autostart": false},
                    "password": SIM_PASSWORD, "clearPassword": false}),
            )
            .await?
            .map_err(|e| format!("save_settings: {e}"))?;
        assert_eq!(
            saved["password_check"]["ok"],
            json!(true),
            "save_settings with the right password: {saved}"
        );
        let tested = app
            .invoke(
                "test_connection",
                json!({"host": "127.0.0.1", "port": sim.addr().port(), "password": SIM_PASSWORD}),
            )
            .await?
            .map_err(|e| format!("test_connection: {e}"))?;
        assert_eq!(tested["login"]["ok"], json!(true), "{tested}");
        Ok(())
    }
    .await;
    app.finish(result).await
}

// ------------------------------------------------------------------ #22 use_demo refused

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs a desktop session: scripts/desktop-session.sh"]
async fn use_demo_is_refused_while_a_device_is_configured_and_the_device_is_still_polled(
) -> Result<()> {
    let sim = start_sim(63.0).await;
    let proxy = CountingProxy::start(sim.addr()).await?;
    let app = Win::launch("usedemo", &device_args(proxy.addr), &[]).await?;
    let result = async {
        app.wait_text("soc", "the first reading", |t| t == "63 %")
            .await?;
        let label = proxy.addr.to_string();
        let refused = app.invoke("use_demo", json!({})).await?;
        let err = refused
            .err()
            .ok_or("use_demo was accepted with a device configured")?;
        assert_eq!(err["code"], json!("refused"), "{err}");
        assert!(
            err["message"].as_str().is_some_and(|m| !m.is_empty()),
            "{err}"
        );
        let state = app.state().await?;
        assert_eq!(state["device"], json!(label), "{state}");
        assert_eq!(state["demo"], json!(false), "{state}");
        // Still that device: a refresh reaches it and the reading is its own.
        let from = proxy.readings();
        app.invoke("refresh_now", json!({}))
            .await?
            .map_err(|e| format!("refresh_now: {e}"))?;
        proxy.wait_readings(from, 1).await?;
        let state = wait_for("the refreshed reading", STEP, || async {
            let s = app.state().await.ok()?;
            (s["polling"] == json!(false) && s["connection"] == json!("online")).then_some(s)
        })
        .await?;
        assert_eq!(state["device"], json!(label), "{state}");
        assert_eq!(state["demo"], json!(false), "{state}");
        assert_eq!(state["reading"]["soc_pct"].as_f64(), Some(63.0), "{state}");
        Ok(())
    }
    .await;
    app.finish(result).await
}

// ------------------------------------------------------------------ #21 two instances

/// A child process of the test, killed on drop if still running.
struct Proc(Child);

impl Drop for Proc {
    fn drop(&mut self) {
        if self.0.try_wait().ok().flatten().is_none() {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
}

/// The app on `device` and `dir`, without a session bus, its stderr in `log`.
fn spawn_without_bus(device: SocketAddr, dir: &Path, log: &Path) -> Result<Proc> {
    let child = Command::new(app_binary())
        .args(device_args(device))
        .arg("--config-dir")
        .arg(dir)
        .args(["--poll-interval", "1s"])
        .env("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus")
        .env("NESTORE_LOG", LOG_FILTER)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(log)?)
        .spawn()?;
    Ok(Proc(child))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs a desktop session: scripts/desktop-session.sh"]
async fn without_a_session_bus_a_second_app_on_the_same_settings_exits_and_the_first_runs_on(
) -> Result<()> {
    require_desktop();
    let _lock = AppLock::acquire();
    wait_app_gone().await?;
    let sim = start_sim(63.0).await;
    let proxy = CountingProxy::start(sim.addr()).await?;
    let dir = TempDir::new("nobus");
    let logs = TempDir::new("nobus-logs");
    let (log1, log2) = (
        logs.path().join("first.log"),
        logs.path().join("second.log"),
    );
    let mut first = spawn_without_bus(proxy.addr, dir.path(), &log1)?;
    let show = |p: &Path| strip_ansi(&std::fs::read_to_string(p).unwrap_or_default());
    let result = async {
        // The first is up: it polls.
        let up = wait_for("the first app to poll", STEP, || {
            let exited = first.0.try_wait().ok().flatten();
            let n = proxy.readings();
            async move {
                match exited {
                    Some(s) => Some(Err(format!("the first app exited: {s}"))),
                    None => (n >= 2).then_some(Ok(())),
                }
            }
        })
        .await?;
        up?;

        let started = Instant::now();
        let mut second = spawn_without_bus(proxy.addr, dir.path(), &log2)?;
        let status = wait_for("the second app to exit", STEP, || {
            let s = second.0.try_wait().ok().flatten();
            async move { s }
        })
        .await?;
        let took = started.elapsed();
        let said = show(&log2);
        eprintln!("the second exited with {status} after {took:?}: {said}");
        assert!(status.success(), "the second exits 0: {status}\n{said}");
        assert!(
            said.contains("already running"),
            "the second says the app is already running: {said}"
        );
        assert!(
            !said.contains("tray shows"),
            "the second never got as far as the tray: {said}"
        );

        // The first runs on, and still polls.
        assert!(first.0.try_wait()?.is_none(), "the first is still running");
        proxy.wait_readings(proxy.readings(), 2).await?;
        assert!(first.0.try_wait()?.is_none(), "the first is still running");
        Ok(())
    }
    .await;
    if result.is_err() {
        eprintln!("---- the first app's log ----\n{}", show(&log1));
    }
    drop(first);
    result
}

// ------------------------------------------------------------------ #26 start at login

/// The arguments of a desktop entry's Exec value (double quotes group, backslash escapes
/// within them, as the Desktop Entry Specification says).
fn exec_args(exec: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut any = false;
    let mut chars = exec.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                quoted = !quoted;
                any = true;
            }
            '\\' if quoted => cur.extend(chars.next()),
            ' ' | '\t' if !quoted => {
                if any || !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                    any = false;
                }
            }
            c => cur.push(c),
        }
    }
    if any || !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// The desktop entries in `home`'s autostart folder: (path, Exec value).
fn autostart_entries(home: &Path) -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    let Ok(rd) = std::fs::read_dir(home.join(".config/autostart")) else {
        return out;
    };
    for e in rd.flatten() {
        let p = e.path();
        if p.extension().is_some_and(|x| x == "desktop") {
            let text = std::fs::read_to_string(&p).unwrap_or_default();
            if let Some(exec) = text.lines().find_map(|l| l.strip_prefix("Exec=")) {
                out.push((p, exec.to_string()));
            }
        }
    }
    out
}

/// Turns start at login on in Settings and checks the autostart entry starts the app with
/// the same `--config-dir`; turns it off again and checks the entry is gone.
async fn start_at_login_keeps_the_config_dir(tag: &str) -> Result<()> {
    let sim = start_sim(63.0).await;
    // A HOME of its own (where the autostart entry goes), so no other test's entry counts.
    let home = TempDir::new(&format!("{tag}-home"));
    let home_var = home.path().display().to_string();
    let app = Win::launch(tag, &device_args(sim.addr()), &[("HOME", &home_var)]).await?;
    let result = async {
        app.wait_text("soc", "the first reading", |t| t == "63 %")
            .await?;
        let ours = |e: &(PathBuf, String)| e.1.contains("nestore-tray");
        let autostart_entries = || autostart_entries(home.path());
        assert!(
            !autostart_entries().iter().any(ours),
            "no autostart entry before: {:?}",
            autostart_entries()
        );
        app.open_settings().await?;
        app.set_checked("set-autostart", true).await?;
        app.save().await?;
        let entries: Vec<_> = autostart_entries().into_iter().filter(ours).collect();
        assert_eq!(entries.len(), 1, "one autostart entry: {entries:?}");
        let (path, exec) = &entries[0];
        eprintln!("{}: Exec={exec}", path.display());
        let args = exec_args(exec);
        let dir = app.dir.path().display().to_string();
        let at = args
            .iter()
            .position(|a| a == "--config-dir")
            .ok_or(format!("no --config-dir in {args:?}"))?;
        if args.get(at + 1) != Some(&dir) {
            return Err(format!(
                "start at login must use this run's settings folder {dir:?}: \
                 Exec={exec} starts {args:?}"
            )
            .into());
        }
        let settings: Value =
            serde_json::from_slice(&std::fs::read(app.dir.path().join("settings.json"))?)?;
        assert_eq!(settings["autostart"], json!(true), "{settings}");

        app.set_checked("set-autostart", false).await?;
        app.save().await?;
        assert!(!path.exists(), "turning it off removes {}", path.display());
        Ok(())
    }
    .await;
    app.finish(result).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs a desktop session: scripts/desktop-session.sh"]
async fn start_at_login_keeps_the_config_dir_of_the_run() -> Result<()> {
    start_at_login_keeps_the_config_dir("autostart").await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs a desktop session: scripts/desktop-session.sh"]
async fn start_at_login_keeps_a_config_dir_with_a_space_in_its_name() -> Result<()> {
    start_at_login_keeps_the_config_dir("auto start").await
}

// ------------------------------------------------------------------ #24 a small screen

/// An X server of the test's own, of a given size; stopped on drop.
struct Xvfb {
    child: Child,
    display: String,
}

impl Xvfb {
    fn start(size: &str) -> Result<Xvfb> {
        let mut child = Command::new("Xvfb")
            .args(["-displayfd", "1", "-screen", "0"])
            .arg(format!("{size}x24"))
            .args(["-nolisten", "tcp", "-noreset"])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()?;
        let mut line = String::new();
        // Xvfb writes the display number once it accepts clients.
        std::io::BufReader::new(child.stdout.take().ok_or("Xvfb's stdout")?)
            .read_line(&mut line)?;
        let n = line.trim().to_string();
        let x = Xvfb {
            child,
            display: format!(":{n}"),
        };
        if n.is_empty() || !n.chars().all(|c| c.is_ascii_digit()) {
            return Err(format!("Xvfb said {line:?}").into());
        }
        Ok(x)
    }
}

impl Drop for Xvfb {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs a desktop session: scripts/desktop-session.sh"]
async fn the_window_fits_a_1024x600_screen_and_settings_can_be_saved() -> Result<()> {
    let (sw, sh) = (1024u64, 600u64);
    let x = Xvfb::start(&format!("{sw}x{sh}"))?;
    let sim = start_sim(63.0).await;
    let app = Win::launch(
        "smallscreen",
        &device_args(sim.addr()),
        &[("DISPLAY", x.display.as_str())],
    )
    .await?;
    let result = async {
        app.wait_text("soc", "the first reading", |t| t == "63 %")
            .await?;
        let screen = app
            .client
            .execute("return [screen.width, screen.height]", vec![])
            .await?;
        assert_eq!(screen, json!([sw, sh]), "the app is on the small screen");
        let (wx, wy, ww, wh) = app.client.get_window_rect().await?;
        eprintln!("window at {wx},{wy} size {ww}x{wh} on {sw}x{sh}");
        assert!(
            wx + ww <= sw && wy + wh <= sh,
            "the window ({ww}x{wh} at {wx},{wy}) fits the {sw}x{sh} screen"
        );
        let xwin = Command::new("xwininfo")
            .args(["-display", &x.display, "-name", "NEStore"])
            .output()?;
        let xwin = String::from_utf8_lossy(&xwin.stdout);
        let field = |name: &str| -> Option<u64> {
            xwin.lines()
                .find_map(|l| l.trim().strip_prefix(name))
                .and_then(|v| v.trim().parse().ok())
        };
        if let (Some(ax), Some(ay), Some(w), Some(h)) = (
            field("Absolute upper-left X:"),
            field("Absolute upper-left Y:"),
            field("Width:"),
            field("Height:"),
        ) {
            assert!(
                ax + w <= sw && ay + h <= sh,
                "the X window ({w}x{h} at {ax},{ay}) fits the screen"
            );
        }

        // Settings: Save can be scrolled into view, is not covered, and works.
        app.open_settings().await?;
        let save = app.el("btn-save-settings").await?;
        let seen = app
            .client
            .execute(
                r#"const b = arguments[0];
                   b.scrollIntoView({block: 'nearest'});
                   const r = b.getBoundingClientRect();
                   const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
                   return {top: r.top, bottom: r.bottom, left: r.left, right: r.right,
                           vw: window.innerWidth, vh: window.innerHeight,
                           hit: !!hit && (hit === b || b.contains(hit))};"#,
                vec![serde_json::to_value(&save)?],
            )
            .await?;
        eprintln!("Save in view: {seen}");
        let n = |k: &str| seen[k].as_f64().unwrap_or(f64::NAN);
        assert!(
            n("top") >= 0.0 && n("bottom") <= n("vh") && n("left") >= 0.0 && n("right") <= n("vw"),
            "Save is inside the viewport: {seen}"
        );
        assert_eq!(seen["hit"], json!(true), "nothing covers Save: {seen}");
        app.save().await?;
        Ok(())
    }
    .await;
    let r = app.finish(result).await;
    drop(x);
    r
}

// ------------------------------------------------------------------ #11 sensor fault

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs a desktop session: scripts/desktop-session.sh"]
async fn a_sensor_fault_shows_an_online_device_with_its_readings_and_says_so() -> Result<()> {
    let cfg = SimConfig {
        password: SIM_PASSWORD.into(),
        speed: 0.0,
        scenario: Scenario::SensorFault,
        initial_soc_pct: 63.0,
        start_time_of_day_s: 13 * 3600,
        ..Default::default()
    };
    let sim = nestore_sim::spawn(cfg, "127.0.0.1:0".parse()?).await?;
    let proxy = CountingProxy::start(sim.addr()).await?;
    let mut args = device_args(proxy.addr);
    args.extend(["--poll-interval".to_string(), "1s".to_string()]);
    let app = Win::launch("sensorfault", &args, &[]).await?;
    let result = async {
        app.wait_text("soc", "the state of charge", |t| t == "63 %")
            .await?;
        // Each of several polls (the simulator cycles missing, -1, 99.9 and "NaN"): online,
        // the charge there, no pressure.
        let from = proxy.readings();
        let samples = std::cell::Cell::new(0);
        wait_for("six more polls", STEP, || async {
            let s = app.state().await.ok()?;
            assert_eq!(
                s["connection"],
                json!("online"),
                "a sensor fault is online: {s}"
            );
            assert_eq!(s["reading"]["soc_pct"].as_f64(), Some(63.0), "{s}");
            assert!(s["reading"]["pressure_bar"].is_null(), "{s}");
            let shown = app.el("connection-text").await.ok()?.text().await.ok()?;
            assert!(
                !shown.contains("offline") && !shown.contains("retrying"),
                "the window shows {shown:?}"
            );
            samples.set(samples.get() + 1);
            (proxy.readings() >= from + 6).then_some(())
        })
        .await?;
        assert!(samples.get() > 1, "sampled {} times", samples.get());
        let s = app.state().await?;
        let active: Vec<&Value> = s["alerts"]["active"]
            .as_array()
            .map(|a| a.iter().collect())
            .unwrap_or_default();
        assert_eq!(
            active
                .iter()
                .map(|a| a["kind"].as_str().unwrap_or_default())
                .collect::<Vec<_>>(),
            ["sensor_fault"],
            "the one active alert: {s}"
        );
        let log = s["alerts"]["log"].as_array().cloned().unwrap_or_default();
        assert!(
            !log.iter().any(|e| e["kind"] == json!("offline")),
            "never offline: {log:#?}"
        );
        let entry = log
            .iter()
            .find(|e| e["kind"] == json!("sensor_fault"))
            .ok_or(format!("no sensor fault in the log: {log:#?}"))?;
        assert_eq!(entry["title"], json!("Pressure sensor fault"), "{entry}");
        let body = entry["body"].as_str().unwrap_or_default();
        assert!(
            body.contains("still answering") && body.contains("pressure sensor"),
            "in the owner's words: {body:?}"
        );
        // The window says the same.
        let line = app
            .wait_text("alerts-active-list", "the active alert", |t| !t.is_empty())
            .await?;
        assert_eq!(line, "Warning: pressure sensor fault");
        let conn = app.el("connection-text").await?.text().await?;
        assert!(conn.contains("online"), "{conn:?}");
        let logged = app.el("alert-log-list").await?.text().await?;
        assert!(logged.contains("Pressure sensor fault"), "{logged:?}");
        Ok(())
    }
    .await;
    app.finish(result).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs a desktop session: scripts/desktop-session.sh"]
async fn a_sensor_fault_keeps_the_readings_in_the_tray_menu_never_offline() -> Result<()> {
    let rig = TrayRig::start("sensortray", 63.0, false).await?;
    let result = async {
        rig.sim.set_scenario(Scenario::SensorFault);
        let labels = |e: &[Entry]| -> Vec<String> {
            e.iter()
                .filter(|e| !e.separator)
                .map(|e| e.label.clone())
                .collect()
        };
        rig.wait_entries("the sensor fault line", |e| {
            e.iter()
                .any(|e| e.label == "Warning: pressure sensor fault")
        })
        .await?;
        // Over several polls (missing, -1, 99.9 and "NaN" in turn): the charge, no
        // pressure, updated (not retrying, not offline), the fault line.
        let from = rig.proxy.readings();
        wait_for("six more polls", STEP, || async {
            let l = labels(&rig.entries().await.ok()?);
            assert_eq!(l[0], "State of charge 63 %", "{l:?}");
            assert!(
                l[1] == "Pressure not reported" || l[1] == "Pressure sensor fault",
                "{l:?}"
            );
            assert!(
                l[3].starts_with("Updated ") && !l[3].contains("retrying"),
                "online: {l:?}"
            );
            assert!(!l.iter().any(|l| l.contains("ffline")), "{l:?}");
            assert!(
                l.iter().any(|l| l == "Warning: pressure sensor fault"),
                "{l:?}"
            );
            (rig.proxy.readings() >= from + 6).then_some(())
        })
        .await?;
        let log = rig.app.alert_lines();
        assert!(
            log.iter()
                .any(|l| l.contains("alert: Pressure sensor fault")),
            "{log:#?}"
        );
        assert!(!log.iter().any(|l| l.contains("kind=Offline")), "{log:#?}");
        Ok(())
    }
    .await;
    rig.finish(result).await
}

// ------------------------------------------------------------------ #13 the demo

/// POST `body` (JSON) to `path` of the simulator at `addr` (loopback only); the reply.
async fn sim_post(addr: SocketAddr, path: &str, body: &str) -> Result<String> {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    assert!(addr.ip().is_loopback(), "{addr} is not on loopback");
    let mut s = tokio::net::TcpStream::connect(addr).await?;
    let req = format!(
        "POST {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    s.write_all(req.as_bytes()).await?;
    let mut out = Vec::new();
    s.read_to_end(&mut out).await?;
    let text = String::from_utf8_lossy(&out).into_owned();
    if !text.starts_with("HTTP/1.1 200") {
        return Err(format!("POST {path}: {text}").into());
    }
    Ok(text)
}

fn time_of(v: &Value) -> Option<chrono::DateTime<chrono::Utc>> {
    chrono::DateTime::parse_from_rfc3339(v.as_str()?)
        .ok()
        .map(|t| t.with_timezone(&chrono::Utc))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs a desktop session: scripts/desktop-session.sh"]
async fn the_demo_polls_every_5_s_and_logs_alerts_at_wall_clock_times() -> Result<()> {
    let app = Win::launch("demo", &["--demo".to_string()], &[]).await?;
    let result = async {
        // Three readings in a row (two polls after the first), their times as the app took them.
        let times = std::cell::RefCell::new(Vec::new());
        let state = wait_for("three demo readings", Duration::from_secs(40), || async {
            let s = app.state().await.ok()?;
            let t = time_of(&s["updated_at"])?;
            let mut times = times.borrow_mut();
            if times.last() != Some(&t) {
                times.push(t);
            }
            (times.len() >= 3).then_some(s)
        })
        .await?;
        let times = times.into_inner();
        assert_eq!(state["demo"], json!(true), "{state}");
        let gaps: Vec<f64> = times
            .windows(2)
            .map(|w| (w[1] - w[0]).num_milliseconds() as f64 / 1000.0)
            .collect();
        eprintln!("demo readings {times:?}, {gaps:?} s apart");
        for g in &gaps {
            assert!(
                (3.5..=8.0).contains(g),
                "the demo polls about every 5 s: {gaps:?}"
            );
        }

        // An alert from the demo device (its admin API on its own port): a sensor fault.
        let device: SocketAddr = state["device"]
            .as_str()
            .ok_or(format!("no device in {state}"))?
            .parse()?;
        let asked = chrono::Utc::now();
        sim_post(device, "/sim/scenario", r#"{"name": "sensor_fault"}"#).await?;
        let log = wait_for("the sensor fault in the alert log", STEP, || async {
            let s = app.state().await.ok()?;
            let log = s["alerts"]["log"].as_array()?.clone();
            log.iter()
                .any(|e| e["kind"] == json!("sensor_fault"))
                .then_some(log)
        })
        .await?;
        let now = chrono::Utc::now();
        for e in &log {
            let at = time_of(&e["at"]).ok_or(format!("no time in {e}"))?;
            eprintln!("logged {} at {at} (now {now})", e["title"]);
            assert!(
                (now - at).num_seconds().abs() <= 60,
                "{} is logged at {at}, now is {now}: the wall clock, not the demo's 60x clock",
                e["title"]
            );
        }
        let fault = log
            .iter()
            .find(|e| e["kind"] == json!("sensor_fault"))
            .and_then(|e| time_of(&e["at"]))
            .ok_or("the fault's time")?;
        assert!(
            fault >= asked - chrono::Duration::seconds(1) && fault <= now,
            "the fault came after it was made ({asked}) and before now ({now}): {fault}"
        );
        Ok(())
    }
    .await;
    app.finish(result).await
}
