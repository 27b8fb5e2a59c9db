//! The `nestore` binary end to end against a simulator on loopback.

use assert_cmd::Command;
use nestore_sim::{SimConfig, SimHandle};
use predicates::prelude::*;
use serde_json::Value;

const PASSWORD: &str = "service-pw";

/// The simulator runs on its own runtime while the test thread waits on the CLI process.
struct Device {
    sim: SimHandle,
    _rt: tokio::runtime::Runtime,
}

fn device() -> Device {
    device_with(SimConfig::default())
}

fn device_with(cfg: SimConfig) -> Device {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let cfg = SimConfig {
        password: PASSWORD.into(),
        speed: 0.0,
        ..cfg
    };
    let sim = rt
        .block_on(nestore_sim::spawn(cfg, "127.0.0.1:0".parse().unwrap()))
        .unwrap();
    Device { sim, _rt: rt }
}

/// The binary in English whatever the machine's locale: `LANG=C` and no other locale
/// variable (they come first).
fn bin() -> Command {
    let mut c = Command::cargo_bin("nestore").unwrap();
    c.env("LANG", "C")
        .env_remove("LANGUAGE")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES");
    c
}

/// The same command under a Dutch locale, as a Dutch desktop sets it.
fn dutch(c: &mut Command) -> &mut Command {
    c.env("LANG", "nl_NL.UTF-8")
}

fn nestore(dev: &Device) -> Command {
    let mut c = bin();
    c.args([
        "--host",
        "127.0.0.1",
        "--port",
        &dev.sim.addr().port().to_string(),
        "--timeout",
        "3s",
    ])
    // Never the user's keyring: a service name no one else uses.
    .env("NESTORE_KEYRING_SERVICE", "nestore-cli-test-unused")
    .env_remove("NESTORE_PASSWORD")
    .env_remove("NESTORE_HOST")
    .env_remove("NESTORE_PORT");
    c
}

#[test]
fn status_lists_every_reading_with_its_unit() {
    let dev = device();
    dev.sim.set_soc(63.0);
    let out = nestore(&dev)
        .arg("status")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    for label in [
        "State of charge ",
        "State of charge (total)",
        "Stored energy",
        "Hot-water flow",
        "Pressure",
        "Heater power",
        "Heater outlet",
        "Vessel zones",
        "Hot-water energy total",
        "Charging energy total",
        "Hot-water volume total",
        "State",
        "Dependent mode",
        "Online mode",
        "Read at",
    ] {
        assert!(text.contains(label), "{label} missing in\n{text}");
    }
    for unit in [" %", " kWh", " L/min", " bar", " W", " °C", " L"] {
        assert!(text.contains(unit), "{unit} missing in\n{text}");
    }
    assert!(text.contains("63.0 %"), "{text}");
}

#[test]
fn status_json_has_the_documented_keys() {
    let dev = device();
    let out = nestore(&dev)
        .args(["status", "--json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: Value = serde_json::from_slice(&out).unwrap();
    for key in [
        "soc_pct",
        "soc_total_pct",
        "stored_energy_kwh",
        "hot_water_flow_lpm",
        "pressure_bar",
        "heater_power_w",
        "heater_outlet_c",
        "zone_temps_c",
        "dhw_energy_total_kwh",
        "heater_energy_total_kwh",
        "water_volume_total_l",
        "state",
        "dependent_mode",
        "online_mode",
        "read_at",
    ] {
        assert!(v.get(key).is_some(), "{key} missing in {v}");
    }
    assert_eq!(v["zone_temps_c"].as_array().unwrap().len(), 5);
    let truth = dev.sim.snapshot();
    assert!((v["soc_pct"].as_f64().unwrap() - truth.soc_pct).abs() < 0.05);
}

#[test]
fn a_reading_without_pressure_still_shows_the_rest_and_says_so() {
    // The sensor_fault scenario's first reading lacks PRES_SYS.
    let dev = device_with(SimConfig {
        scenario: nestore_sim::Scenario::SensorFault,
        ..Default::default()
    });
    dev.sim.set_soc(63.0);
    let out = nestore(&dev).arg("status").assert().success();
    let text = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    let line = text.lines().find(|l| l.starts_with("Pressure")).unwrap();
    assert!(
        line.contains("not reported (check the pressure sensor)"),
        "{text}"
    );
    assert!(text.contains("63.0 %"), "{text}");

    let dev = device_with(SimConfig {
        scenario: nestore_sim::Scenario::SensorFault,
        ..Default::default()
    });
    let out = nestore(&dev).args(["status", "--json"]).assert().success();
    let v: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert!(
        v["pressure_bar"].is_null() && v["soc_pct"].is_number(),
        "{v}"
    );
    assert_eq!(v["implausible"], serde_json::json!([]));
}

#[test]
fn watch_prints_one_line_per_reading_and_warns_below_60_s() {
    let dev = device();
    let assert = nestore(&dev)
        .args(["watch", "--interval", "1s", "--count", "2"])
        .assert()
        .success();
    let out = assert.get_output();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(stdout.lines().count(), 2, "{stdout}");
    assert!(
        stdout
            .lines()
            .all(|l| l.contains("SOC") && l.contains("bar")),
        "{stdout}"
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("may overload"));

    let out = nestore(&dev)
        .args(["watch", "--interval", "1s", "--count", "1", "--json"])
        .assert()
        .success();
    for line in String::from_utf8_lossy(&out.get_output().stdout).lines() {
        let v: Value = serde_json::from_str(line).unwrap();
        assert!(v["soc_pct"].is_number());
    }
}

#[test]
fn unreachable_device_is_one_line_and_exit_3() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let out = bin()
        .args(["--host", "127.0.0.1", "--port", &port.to_string(), "status"])
        .assert()
        .code(3)
        .get_output()
        .clone();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(
        err.contains("unreachable") && !err.contains("panicked"),
        "{err}"
    );
}

#[test]
fn charge_start_with_the_environment_password_is_confirmed() {
    let dev = device();
    dev.sim.set_soc(40.0);
    nestore(&dev)
        .env("NESTORE_PASSWORD", PASSWORD)
        .args([
            "charge",
            "start",
            "--power",
            "2400",
            "--soc",
            "85",
            "--duration",
            "90min",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "2400 W up to 85 % for at most 1 h 30 min",
        ))
        .stdout(predicate::str::contains("Confirmed"));
    let log = dev.sim.control_log();
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].body["power"], 2400);
    assert_eq!(log[0].body["lifetime"], 5400);
    assert!(log[0]
        .authorization
        .as_deref()
        .unwrap()
        .starts_with("Bearer "));
}

#[test]
fn stop_and_auto_with_the_password_on_stdin() {
    let dev = device();
    dev.sim.set_soc(40.0);
    nestore(&dev)
        .args(["--password-stdin", "charge", "stop"])
        .write_stdin(format!("{PASSWORD}\n"))
        .assert()
        .success();
    nestore(&dev)
        .args(["--password-stdin", "auto"])
        .write_stdin(format!("{PASSWORD}\n"))
        .assert()
        .success();
    let tasks: Vec<(Value, Value)> = dev
        .sim
        .control_log()
        .into_iter()
        .map(|r| (r.body["TASK"].clone(), r.body["spin"].clone()))
        .collect();
    assert_eq!(tasks.len(), 3);
    assert_eq!(tasks[0].1, true);
    assert!(tasks[1..].iter().all(|t| t.1 == false));
}

#[test]
fn a_rejected_command_exits_5_and_sends_nothing() {
    let dev = device();
    for args in [
        &["charge", "start", "--power", "3401", "--soc", "90"][..],
        &[
            "charge",
            "start",
            "--power",
            "2000",
            "--soc",
            "90",
            "--duration",
            "29min",
        ],
        &["charge", "stop", "--duration", "6h"],
    ] {
        let out = nestore(&dev)
            .env("NESTORE_PASSWORD", PASSWORD)
            .args(args)
            .assert()
            .code(5)
            .get_output()
            .clone();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(err.trim().lines().count(), 1, "{err}");
    }
    dev.sim.set_soc(95.0);
    nestore(&dev)
        .env("NESTORE_PASSWORD", PASSWORD)
        .args(["charge", "start", "--power", "2000", "--soc", "90"])
        .assert()
        .code(5)
        .stdout(predicate::str::contains("Sending").not())
        .stderr(predicate::str::contains("not above the current"));
    assert!(dev.sim.control_log().is_empty());
    assert_eq!(dev.sim.token_requests(), 0);
}

#[test]
fn a_wrong_or_missing_password_exits_4() {
    let dev = device();
    dev.sim.set_soc(40.0);
    nestore(&dev)
        .env("NESTORE_PASSWORD", "nope")
        .arg("auto")
        .assert()
        .code(4)
        .stderr(predicate::str::contains("refused the service password"))
        .stderr(predicate::str::contains("nope").not());
    nestore(&dev)
        .arg("auto")
        .assert()
        .code(4)
        .stderr(predicate::str::contains("nestore login"));
    assert!(dev.sim.control_log().is_empty());
}

#[test]
fn usage_errors_exit_2() {
    bin()
        .args(["charge", "start", "--power", "lots"])
        .assert()
        .code(2);
    bin().arg("frobnicate").assert().code(2);
}

/// Every flag's bad values: a usage error (exit 2) naming the flag, never a panic, and
/// nothing sent anywhere (the host below would refuse any connection).
#[test]
fn every_bad_flag_value_is_a_usage_error() {
    let long_host = "a".repeat(254);
    let cases: &[(&[&str], &str)] = &[
        (&["--host", "bad host", "status"], "not a host name"),
        (&["--host", "", "status"], "the host is empty"),
        (&["--host", "a/b", "status"], "not a host name"),
        (&["--host", &long_host, "status"], "at most 253"),
        (
            &["--host", "127.0.0.1:48060", "status"],
            "enter 127.0.0.1 as the host and 48060 as the port",
        ),
        (&["--port", "0", "status"], "--port"),
        (&["--port", "65536", "status"], "--port"),
        (&["--port", "-1", "status"], "-1"),
        (&["--timeout", "0s", "status"], "1 s to 5 min"),
        (&["--timeout", "1h", "status"], "1 s to 5 min"),
        (&["--timeout", "soon", "status"], "--timeout"),
        (&["watch", "--interval", "0s"], "1 s to 24 h"),
        (&["watch", "--interval", "25h"], "1 s to 24 h"),
        (&["watch", "--interval", "often"], "--interval"),
        (&["watch", "--count", "0"], "at least 1"),
        (&["watch", "--count", "many"], "at least 1"),
        (&["charge", "start", "--power", "-5", "--soc", "90"], "-5"),
        (
            &["charge", "start", "--power", "2000", "--soc", "300"],
            "--soc",
        ),
        (&["charge", "start", "--power", "2000"], "--soc"),
        (
            &[
                "charge",
                "start",
                "--power",
                "2000",
                "--soc",
                "90",
                "--duration",
                "x",
            ],
            "--duration",
        ),
        (&["charge", "stop", "--duration", "later"], "--duration"),
        (&["status", "--json=maybe"], "--json"),
    ];
    for (args, words) in cases {
        let out = bin()
            .args(*args)
            // Where a flag does not say otherwise: loopback, a port no one serves.
            .env("NESTORE_HOST", "127.0.0.1")
            .env("NESTORE_PORT", "1")
            .env_remove("NESTORE_PASSWORD")
            .assert()
            .code(2)
            .get_output()
            .clone();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(words), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert!(out.stdout.is_empty(), "{args:?}");
    }
    // The environment's values go through the same checks.
    for (var, value) in [("NESTORE_HOST", "bad host"), ("NESTORE_PORT", "0")] {
        bin()
            .arg("status")
            .env_remove("NESTORE_HOST")
            .env_remove("NESTORE_PORT")
            .env(var, value)
            .assert()
            .code(2);
    }
}

#[test]
fn a_target_above_100_says_so_and_nothing_is_announced() {
    let dev = device();
    dev.sim.set_soc(42.0);
    nestore(&dev)
        .env("NESTORE_PASSWORD", PASSWORD)
        .args(["charge", "start", "--power", "2000", "--soc", "101"])
        .assert()
        .code(5)
        .stdout(predicate::str::is_empty())
        .stderr(predicate::str::contains("101 % is above the 100 % maximum"))
        .stderr(predicate::str::contains("current").not());
    assert_eq!(dev.sim.token_requests(), 0);
}

#[test]
fn watch_json_prints_failures_as_json_lines_too() {
    let dev = device();
    // The first request (API detection) fails; the second poll works.
    dev.sim.push_fault(nestore_sim::Fault::Status500);
    let out = nestore(&dev)
        .args(["watch", "--interval", "1s", "--count", "2", "--json"])
        .assert()
        .success()
        .get_output()
        .clone();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l:?}")))
        .collect();
    assert_eq!(lines.len(), 2, "{stdout}");
    assert_eq!(lines[0]["error"]["kind"], "status", "{stdout}");
    assert!(lines[0]["error"]["message"]
        .as_str()
        .unwrap()
        .contains("HTTP 500"));
    assert!(chrono_like(&lines[0]["at"]), "{stdout}");
    assert!(lines[1]["soc_pct"].is_number(), "{stdout}");

    // Nothing listening: still JSON on stdout, and the exit code says why.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let out = bin()
        .args(["--host", "127.0.0.1", "--port", &port.to_string()])
        .args(["watch", "--count", "1", "--json"])
        .assert()
        .code(3)
        .get_output()
        .clone();
    let line: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(line["error"]["kind"], "unreachable");
}

fn chrono_like(v: &Value) -> bool {
    v.as_str()
        .is_some_and(|s| s.len() >= 20 && s.as_bytes()[4] == b'-' && s.contains('T'))
}

#[test]
fn a_start_the_device_does_not_act_on_exits_6_sent_but_not_confirmed() {
    // Under a leak the simulated device takes the task but suspends charging.
    let dev = device_with(SimConfig {
        scenario: nestore_sim::Scenario::Leak,
        ..Default::default()
    });
    dev.sim.set_soc(40.0);
    nestore(&dev)
        .env("NESTORE_PASSWORD", PASSWORD)
        .args(["charge", "start", "--power", "2000", "--soc", "90"])
        .assert()
        .code(6)
        .stdout(predicate::str::contains("Sending"))
        .stderr(predicate::str::contains("sent, but not confirmed"))
        .stderr(predicate::str::contains("Standby"));
    assert_eq!(dev.sim.control_log().len(), 1);
    assert_eq!(dev.sim.control_log()[0].status, 200);
}

#[test]
fn a_read_back_that_fails_exits_6_naming_the_error_not_3() {
    let dev = device();
    // Detection, login and the task go through; every read-back answers 500.
    for _ in 0..3 {
        dev.sim
            .push_fault(nestore_sim::Fault::Slow(std::time::Duration::ZERO));
    }
    for _ in 0..3 {
        dev.sim.push_fault(nestore_sim::Fault::Status500);
    }
    nestore(&dev)
        .env("NESTORE_PASSWORD", PASSWORD)
        .args(["charge", "stop"])
        .assert()
        .code(6)
        .stderr(predicate::str::contains("sent, but not confirmed"))
        .stderr(predicate::str::contains("HTTP 500"))
        .stderr(predicate::str::contains("unreachable").not());
    assert_eq!(dev.sim.control_log().len(), 1);
    assert_eq!(dev.sim.snapshot().task.as_deref(), Some("stop"));
}

#[test]
fn login_without_a_terminal_or_stdin_flag_says_what_to_do() {
    let dev = device();
    nestore(&dev)
        .arg("login")
        .write_stdin("")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("--password-stdin"));
}

/// Needs a real Secret Service: run through scripts/with-secret-service.sh.
#[test]
#[ignore]
fn login_stores_in_the_keyring_and_control_then_needs_no_password() {
    let dev = device();
    dev.sim.set_soc(40.0);
    let service = format!("nestore-cli-test-{}", std::process::id());
    let with_service = |c: &mut Command| {
        c.env("NESTORE_KEYRING_SERVICE", &service);
    };
    let mut c = nestore(&dev);
    with_service(&mut c);
    c.args(["--password-stdin", "login"])
        .write_stdin(format!("{PASSWORD}\n"))
        .assert()
        .success();

    let lookup = std::process::Command::new("secret-tool")
        .args(["lookup", "service", &service, "username", "127.0.0.1"])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&lookup.stdout).trim(), PASSWORD);

    let mut c = nestore(&dev);
    with_service(&mut c);
    c.args([
        "charge",
        "start",
        "--power",
        "2000",
        "--soc",
        "90",
        "--duration",
        "2h",
    ])
    .assert()
    .success();
    assert_eq!(dev.sim.control_log().len(), 1);

    let mut c = nestore(&dev);
    with_service(&mut c);
    c.arg("logout")
        .assert()
        .success()
        .stdout(predicate::str::contains("Removed"));
    let mut c = nestore(&dev);
    with_service(&mut c);
    c.arg("auto").assert().code(4);

    // A wrong password is not stored.
    let mut c = nestore(&dev);
    with_service(&mut c);
    c.args(["--password-stdin", "login"])
        .write_stdin("wrong\n")
        .assert()
        .code(4);
    let mut c = nestore(&dev);
    with_service(&mut c);
    c.arg("logout")
        .assert()
        .success()
        .stdout(predicate::str::contains("No password"));
}

// ---- The language of the environment ---------------------------------------------------

fn stdout_of(c: &mut Command) -> String {
    String::from_utf8(c.assert().success().get_output().stdout.clone()).unwrap()
}

/// A port on loopback that nobody listens on (bound, then let go).
fn closed_port() -> String {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
        .to_string()
}

#[test]
fn status_speaks_dutch_under_a_dutch_locale() {
    let dev = device();
    dev.sim.set_soc(63.0);
    let text = stdout_of(dutch(&mut nestore(&dev)).arg("status"));
    let row = |label: &str| {
        text.lines()
            .find(|l| l.starts_with(&format!("{label} ")))
            .unwrap_or_else(|| panic!("no {label:?} row in\n{text}"))
            .to_owned()
    };
    // Dutch labels, decimal commas, the units as before.
    assert!(row("Laadtoestand").ends_with(" 63,0 %"), "{text}");
    let pressure = row("Druk");
    let value = pressure["Druk".len()..].trim();
    let number = value
        .strip_suffix(" bar")
        .unwrap_or_else(|| panic!("{text}"));
    assert!(
        number.len() == 4
            && number.as_bytes()[1] == b','
            && number.replace(',', "").parse::<u32>().is_ok(),
        "{text}"
    );
    for label in [
        "Laadtoestand (totaal)",
        "Opgeslagen energie",
        "Zones 1-5 van het vat (boven eerst)",
        "Toestand",
        "Gemeten op",
    ] {
        row(label);
    }
    assert!(row("Onlinemodus").ends_with(" ja") || row("Onlinemodus").ends_with(" nee"));
    // Every value starts in the same column.
    let column = |l: &str| {
        l.find("  ")
            .map(|i| i + l[i..].len() - l[i..].trim_start().len())
    };
    let columns: std::collections::BTreeSet<_> = text.lines().map(column).collect();
    assert_eq!(columns.len(), 1, "{text}");
    for english in [
        "State of charge",
        "Pressure",
        "Read at",
        "63.0",
        "not reported",
    ] {
        assert!(!text.contains(english), "{english:?} in\n{text}");
    }
}

#[test]
fn the_other_locale_variables_choose_the_language_too() {
    let dev = device();
    dev.sim.set_soc(63.0);
    // LC_ALL before LANG, LANGUAGE before both, as gettext programs read them.
    let lc_all = stdout_of(nestore(&dev).env("LC_ALL", "nl_NL.UTF-8").arg("status"));
    assert!(lc_all.starts_with("Laadtoestand "), "{lc_all}");
    let language = stdout_of(
        nestore(&dev)
            .env("LANGUAGE", "nl")
            .env("LC_ALL", "en_US.UTF-8")
            .arg("status"),
    );
    assert!(language.starts_with("Laadtoestand "), "{language}");
    let english = stdout_of(
        dutch(&mut nestore(&dev))
            .env("LC_ALL", "en_GB.UTF-8")
            .arg("status"),
    );
    assert!(english.starts_with("State of charge "), "{english}");
}

#[test]
fn status_json_is_the_same_in_every_language() {
    let dev = device();
    dev.sim.set_soc(63.0);
    let english = stdout_of(nestore(&dev).args(["status", "--json"]));
    let dutch_json = stdout_of(dutch(&mut nestore(&dev)).args(["status", "--json"]));
    // The two readings differ only in when they were read.
    let read_at = |text: &str| {
        let v: Value = serde_json::from_str(text).unwrap();
        v["read_at"].as_str().unwrap().to_owned()
    };
    let same_time = dutch_json.replace(&read_at(&dutch_json), &read_at(&english));
    assert_eq!(same_time, english);
    assert!(english.contains("\"soc_pct\": 63.0"), "{english}");

    // A failure in `watch --json` keeps its English kind and message.
    let out = dutch(&mut bin())
        .args(["--host", "127.0.0.1", "--port", &closed_port()])
        .args(["watch", "--count", "1", "--json"])
        .assert()
        .code(3)
        .get_output()
        .clone();
    let line: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(line["error"]["kind"], "unreachable");
    let message = line["error"]["message"].as_str().unwrap();
    assert!(message.starts_with("device unreachable at "), "{message}");
}

#[test]
fn an_unreachable_device_is_one_dutch_line_and_exit_3() {
    let out = dutch(&mut bin())
        .args(["--host", "127.0.0.1", "--port", &closed_port(), "status"])
        .assert()
        .code(3)
        .get_output()
        .clone();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(
        err.starts_with("nestore: je NEStore is niet bereikbaar op http://127.0.0.1:"),
        "{err}"
    );
    assert!(!err.contains("unreachable"), "{err}");
    assert!(out.stdout.is_empty());
}

#[test]
fn usage_errors_are_dutch_and_exit_2() {
    // A bad value: the option, the value and why, in Dutch.
    let out = dutch(&mut bin())
        .args(["charge", "start", "--power", "lots", "--soc", "90"])
        .assert()
        .code(2)
        .get_output()
        .clone();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with(
            "nestore: ongeldige waarde 'lots' voor '--power <POWER>': moet een geheel aantal watt zijn"
        ),
        "{err}"
    );
    assert!(
        err.contains("Meer informatie: 'nestore charge start --help'."),
        "{err}"
    );
    assert!(out.stdout.is_empty());

    // A missing option and an unknown command, with the usage line.
    let out = dutch(&mut bin())
        .args(["charge", "start", "--power", "2000"])
        .assert()
        .code(2)
        .get_output()
        .clone();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("deze verplichte opties ontbreken: --soc <SOC>"),
        "{err}"
    );
    assert!(err.contains("\nGebruik: nestore charge start "), "{err}");
    let out = dutch(&mut bin())
        .arg("stauts")
        .assert()
        .code(2)
        .get_output()
        .clone();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("onbekende opdracht 'stauts'"), "{err}");
    assert!(err.contains("bedoel je 'status'?"), "{err}");
    for english in [
        "error:",
        "invalid value",
        "Usage:",
        "For more information",
        "a similar",
    ] {
        assert!(!err.contains(english), "{english:?} in {err}");
    }

    // The same in English, in the words clap used before.
    bin()
        .args(["charge", "start", "--power", "lots", "--soc", "90"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "invalid value 'lots' for '--power <POWER>'",
        ));
}

#[test]
fn help_is_dutch_under_a_dutch_locale() {
    let text = stdout_of(dutch(&mut bin()).arg("--help"));
    for dutch_words in [
        "Lees en bedien je NEStore-waterbatterij",
        "Gebruik: nestore",
        "Opdrachten:",
        "Opties:",
        "Toon één meting",
        "Toon de hulp",
        "[standaard: nestore.home]",
    ] {
        assert!(
            text.contains(dutch_words),
            "{dutch_words:?} missing in\n{text}"
        );
    }
    for english in [
        "Usage:",
        "Options:",
        "Commands:",
        "Print help",
        "Read and control",
        "default:",
    ] {
        assert!(!text.contains(english), "{english:?} in\n{text}");
    }
    let text = stdout_of(dutch(&mut bin()).args(["charge", "start", "--help"]));
    assert!(text.contains("Vermogen van het element in W"), "{text}");
    assert!(
        text.contains("Wachttijd per verzoek"),
        "a global option in Dutch too:\n{text}"
    );
    // The help subcommand says the same.
    let again = stdout_of(dutch(&mut bin()).args(["help", "charge", "start"]));
    assert_eq!(again, text);
    let english = stdout_of(bin().arg("--help"));
    assert!(
        english.contains("Print one reading") && english.contains("Options:"),
        "{english}"
    );
    // No command: the help, on standard error, and exit 2.
    let out = dutch(&mut bin()).assert().code(2).get_output().clone();
    assert!(String::from_utf8_lossy(&out.stderr).contains("Opdrachten:"));
}

#[test]
fn control_and_watch_speak_dutch() {
    let dev = device();
    dev.sim.set_soc(40.0);
    let text = stdout_of(
        dutch(&mut nestore(&dev))
            .env("NESTORE_PASSWORD", PASSWORD)
            .args([
                "charge",
                "start",
                "--power",
                "2400",
                "--soc",
                "85",
                "--duration",
                "90min",
            ]),
    );
    assert!(
        text.starts_with(
            "Versturen: elektrisch laden starten met 2400 W tot een laadtoestand van 85 %, hoogstens 1 uur en 30 min lang.\n"
        ),
        "{text}"
    );
    assert!(text.contains("\nBevestigd: je NEStore meldt \""), "{text}");
    assert_eq!(dev.sim.control_log().len(), 1);

    dev.sim.set_soc(95.0);
    dutch(&mut nestore(&dev))
        .env("NESTORE_PASSWORD", PASSWORD)
        .args(["charge", "start", "--power", "2000", "--soc", "101"])
        .assert()
        .code(5)
        .stdout(predicate::str::is_empty())
        .stderr(predicate::str::contains(
            "opdracht geweigerd, er is niets verstuurd: een doel van 101 % is hoger dan het maximum van 100 %",
        ));
    dutch(&mut nestore(&dev))
        .arg("auto")
        .assert()
        .code(4)
        .stderr(predicate::str::contains("er is geen servicewachtwoord"));
    assert_eq!(dev.sim.control_log().len(), 1);

    let out = dutch(&mut nestore(&dev))
        .args(["watch", "--interval", "1s", "--count", "1"])
        .assert()
        .success()
        .get_output()
        .clone();
    let line = String::from_utf8_lossy(&out.stdout);
    assert!(line.contains("  laadtoestand 95,0 %  druk "), "{line}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("kan je NEStore overbelasten"));
}
