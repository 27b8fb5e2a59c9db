//! `nestore discover` end to end: simulators and a decoy HTTP server on addresses of one
//! 127.0.N.0/24 (a /24 of each test's own), all on one free port, found by the binary with
//! `--subnet 127.0.N.0/24`. Every run here names a loopback subnet: nothing is sent
//! anywhere but 127.0.0.0/8 (never a discover without --subnet, which reaches the network).

use std::io::{BufRead, BufReader};
use std::net::{Ipv4Addr, SocketAddr};
use std::process::Stdio;

use assert_cmd::Command;
use nestore_sim::decoy::{Decoy, OTHER_JSON};
use nestore_sim::{ApiVersion, SimConfig, SimHandle};
use serde_json::{json, Value};
use tokio::net::TcpListener;
use tokio::sync::watch;

/// Simulators and decoys on 127.0.`octet`.x, on their own runtime while the test thread
/// waits on the CLI process.
struct Lab {
    octet: u8,
    port: u16,
    _sims: Vec<SimHandle>,
    /// Serves the simulators and decoys; they stop with it.
    _rt: tokio::runtime::Runtime,
}

impl Lab {
    /// `sims`: the last octet, the SOC and the API family of each simulator.
    fn start(octet: u8, sims: &[(u8, f64, ApiVersion)], decoys: &[(u8, Decoy)]) -> Lab {
        let rt = tokio::runtime::Runtime::new().unwrap();
        let ip = |host: u8| Ipv4Addr::new(127, 0, octet, host);
        'attempt: for _ in 0..50 {
            // A port free on .1; tried on every other address, else another one.
            let port = std::net::TcpListener::bind((ip(1), 0))
                .expect("bind loopback")
                .local_addr()
                .unwrap()
                .port();
            let mut started = Vec::new();
            let mut decoy_tasks = Vec::new();
            let mut taken = false;
            for &(host, soc, api) in sims {
                let cfg = SimConfig {
                    speed: 0.0,
                    initial_soc_pct: soc,
                    api_version: api,
                    ..SimConfig::default()
                };
                let addr = SocketAddr::new(ip(host).into(), port);
                match rt.block_on(nestore_sim::spawn(cfg, addr)) {
                    Ok(h) => started.push(h),
                    Err(_) => taken = true,
                }
            }
            for (host, decoy) in decoys {
                match rt.block_on(TcpListener::bind((ip(*host), port))) {
                    Ok(l) => {
                        decoy_tasks.push(rt.spawn(nestore_sim::decoy::serve(l, decoy.clone())))
                    }
                    Err(_) => taken = true,
                }
            }
            if taken {
                for d in decoy_tasks {
                    d.abort();
                }
                for s in started {
                    rt.block_on(s.shutdown());
                }
                continue 'attempt;
            }
            return Lab {
                octet,
                port,
                _sims: started,
                _rt: rt,
            };
        }
        panic!("no port free on all of 127.0.{octet}.x after 50 tries");
    }

    fn subnet(&self) -> String {
        format!("127.0.{}.0/24", self.octet)
    }

    fn addr(&self, host: u8) -> String {
        format!("127.0.{}.{host}:{}", self.octet, self.port)
    }

    /// `nestore discover` of this lab's /24 only, in English, within 2 s.
    fn discover(&self) -> Command {
        let mut c = bin();
        c.args([
            "discover",
            "--subnet",
            &self.subnet(),
            "--port",
            &self.port.to_string(),
            "--timeout",
            "2s",
        ]);
        c
    }
}

/// The binary in English whatever the machine's locale, with no device port from the
/// environment.
fn bin() -> Command {
    let mut c = Command::cargo_bin("nestore").unwrap();
    c.env("LANG", "C")
        .env_remove("LANGUAGE")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("NESTORE_PORT")
        .env_remove("NESTORE_HOST");
    c
}

fn dutch(c: &mut Command) -> &mut Command {
    c.env("LANG", "nl_NL.UTF-8")
}

/// Two simulators (v3 at 20 %, v2 at 63.4 %) on .2 and .3, an HTTP server that is no
/// NEStore on .4.
fn two_sims_and_a_decoy(octet: u8) -> Lab {
    Lab::start(
        octet,
        &[(2, 20.0, ApiVersion::V3), (3, 63.4, ApiVersion::V2)],
        &[(4, Decoy::Json(OTHER_JSON.into()))],
    )
}

fn run(c: &mut Command) -> (String, String) {
    let out = c.assert().success().get_output().clone();
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// The hit lines (all but the last, the summary), sorted: the order in which devices
/// answer is not fixed.
fn hit_lines(stdout: &str) -> (Vec<&str>, &str) {
    let mut lines: Vec<&str> = stdout.lines().collect();
    let summary = lines.pop().unwrap_or_else(|| panic!("no output"));
    lines.sort();
    (lines, summary)
}

#[test]
fn names_exactly_the_simulators_with_their_charge() {
    let lab = two_sims_and_a_decoy(41);
    let (stdout, stderr) = run(&mut lab.discover());
    let (hits, summary) = hit_lines(&stdout);
    assert_eq!(
        hits,
        [
            format!("{}  API v3  SOC 20 %", lab.addr(2)),
            format!("{}  API v2  SOC 63 %", lab.addr(3)),
        ],
        "{stdout}"
    );
    assert!(
        summary.starts_with("Found 2 NEStores; 254 addresses swept."),
        "{stdout}"
    );
    assert!(
        !stdout.contains(&lab.addr(4)),
        "the decoy is no hit: {stdout}"
    );
    assert!(stderr.is_empty(), "{stderr}");
}

#[test]
fn speaks_dutch_under_a_dutch_locale() {
    let lab = two_sims_and_a_decoy(42);
    let (stdout, _) = run(dutch(&mut lab.discover()));
    let (hits, summary) = hit_lines(&stdout);
    assert_eq!(
        hits,
        [
            format!("{}  API v3  laadtoestand 20 %", lab.addr(2)),
            format!("{}  API v2  laadtoestand 63 %", lab.addr(3)),
        ],
        "{stdout}"
    );
    assert!(
        summary.starts_with("2 NEStores gevonden; 254 adressen doorzocht."),
        "{stdout}"
    );
    for english in ["SOC", "Found", "swept"] {
        assert!(!stdout.contains(english), "{english:?} in\n{stdout}");
    }
}

#[test]
fn json_is_the_array_of_hits_in_every_language() {
    let lab = two_sims_and_a_decoy(43);
    let (stdout, _) = run(lab.discover().arg("--json"));
    let v: Value = serde_json::from_str(&stdout).expect("stdout is one JSON document");
    assert_eq!(
        v,
        json!([
            {
                "address": lab.addr(2),
                "name": null,
                "found_by": "sweep",
                "api_version": "v3",
                "soc_pct": 20.0
            },
            {
                "address": lab.addr(3),
                "name": null,
                "found_by": "sweep",
                "api_version": "v2",
                "soc_pct": 63.4
            }
        ])
    );
    let (dutch_json, _) = run(dutch(&mut lab.discover()).arg("--json"));
    assert_eq!(
        serde_json::from_str::<Value>(&dutch_json).unwrap(),
        v,
        "machine-readable output stays the same"
    );
}

#[test]
fn nothing_found_says_what_to_check_and_exits_8() {
    // Something answers HTTP on the port, but no NEStore.
    let lab = Lab::start(44, &[], &[(2, Decoy::Json(OTHER_JSON.into()))]);
    let out = lab.discover().assert().code(8).get_output().clone();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        stderr.trim(),
        "nestore: no NEStore found (254 addresses swept). Is it switched on, and in the subnet \
         given? Without --subnet the search also tries its names and mDNS."
    );
    assert!(out.stdout.is_empty());

    let out = dutch(&mut lab.discover())
        .assert()
        .code(8)
        .get_output()
        .clone();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with(
            "nestore: geen NEStore gevonden (254 adressen doorzocht). Staat je NEStore aan"
        ),
        "{stderr}"
    );

    // The JSON is an empty array, the exit code the same.
    let out = lab
        .discover()
        .arg("--json")
        .assert()
        .code(8)
        .get_output()
        .clone();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v, json!([]));
}

#[test]
fn a_search_cut_short_by_its_timeout_says_so() {
    // A host that accepts and never answers holds the search until its timeout.
    let lab = Lab::start(47, &[(2, 45.0, ApiVersion::V3)], &[(3, Decoy::Hang)]);
    let mut c = bin();
    c.args(["discover", "--subnet", &lab.subnet()]).args([
        "--port",
        &lab.port.to_string(),
        "--timeout",
        "1s",
    ]);
    let (stdout, _) = run(&mut c);
    assert_eq!(
        stdout,
        format!(
            "{}  API v3  SOC 45 %\nFound 1 NEStore; 254 addresses swept. The time ran out after \
             1 s before every address had answered: one that answers slowly may be missing (a \
             longer --timeout gives it more time).\n",
            lab.addr(2)
        )
    );

    let lab = Lab::start(48, &[], &[(3, Decoy::Hang)]);
    let mut c = bin();
    c.args(["discover", "--subnet", &lab.subnet()]).args([
        "--port",
        &lab.port.to_string(),
        "--timeout",
        "1s",
    ]);
    let out = dutch(&mut c).assert().code(8).get_output().clone();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with(
            "nestore: geen NEStore gevonden binnen 1 s (254 adressen doorzocht; de tijd was op"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("Probeer een langere --timeout."),
        "{stderr}"
    );
}

#[test]
fn a_subnet_too_large_or_a_bad_timeout_is_a_usage_error() {
    // A loopback subnet that nobody serves: were an option let through, that is all
    // that would be swept.
    let quiet = ["--subnet", "127.0.45.0/24", "--port", "1"];
    let cases: &[(&[&str], &str)] = &[
        (
            &["discover", "--subnet", "10.0.0.0/8"],
            "invalid value '10.0.0.0/8' for '--subnet <CIDR>': larger than a /24",
        ),
        (
            &["discover", "--subnet", "127.0.0.0/23"],
            "larger than a /24",
        ),
        (
            &[
                "discover",
                "--subnet",
                "127.0.45.0/24",
                "--subnet",
                "nestore.home",
            ],
            "not an IPv4 subnet",
        ),
        (
            &["discover", "--timeout", "lots"],
            "invalid value 'lots' for '--timeout <TIMEOUT>': not a duration",
        ),
        (&["discover", "--timeout", "0s"], "must be 1 s to 60 s"),
        (&["discover", "--timeout", "61s"], "must be 1 s to 60 s"),
        // Through the global option, whose own bounds are wider: the same rule.
        (&["--timeout", "2m", "discover"], "must be 1 s to 60 s"),
        (
            &["discover", "--subnet", "127.0.45.0/24", "--port", "0"],
            "invalid value '0' for '--port <PORT>'",
        ),
    ];
    for (args, words) in cases {
        let mut c = bin();
        c.args(*args);
        if !args.contains(&"--subnet") {
            c.args(quiet);
        } else if !args.contains(&"--port") {
            c.args(["--port", "1"]);
        }
        let out = c.assert().code(2).get_output().clone();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.starts_with("nestore: "), "{args:?}: {err}");
        assert!(err.contains(words), "{args:?}: {err}");
        assert!(out.stdout.is_empty(), "{args:?}");
    }
    let out = dutch(&mut bin())
        .args(["discover", "--subnet", "10.0.0.0/8"])
        .assert()
        .code(2)
        .get_output()
        .clone();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("ongeldige waarde '10.0.0.0/8' voor '--subnet <CIDR>': groter dan een /24"),
        "{err}"
    );
}

#[test]
fn each_device_is_printed_as_soon_as_it_is_confirmed() {
    // A decoy that answers only once this test has read both simulators' lines: were the
    // lines held back until the search is over, it could never be over before its
    // timeout, and the summary would say the time ran out.
    let (open_gate, gate) = watch::channel(false);
    let lab = Lab::start(
        46,
        &[(2, 10.0, ApiVersion::V3), (200, 80.0, ApiVersion::V3)],
        &[(
            100,
            Decoy::Gate {
                open: gate,
                body: OTHER_JSON.into(),
            },
        )],
    );
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("nestore"))
        .args(["discover", "--subnet", &lab.subnet()])
        .args(["--port", &lab.port.to_string(), "--timeout", "20s"])
        .env("LANG", "C")
        .env_remove("LANGUAGE")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("NESTORE_PORT")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = Vec::new();
    for line in BufReader::new(child.stdout.take().unwrap()).lines() {
        lines.push(line.unwrap());
        if lines.len() == 2 {
            open_gate.send_replace(true);
        }
    }
    let status = child.wait().unwrap();
    assert!(status.success(), "{status:?}: {lines:?}");
    assert_eq!(lines.len(), 3, "{lines:?}");
    let mut hits = lines[..2].to_vec();
    hits.sort();
    let mut expected = [
        format!("{}  API v3  SOC 10 %", lab.addr(2)),
        format!("{}  API v3  SOC 80 %", lab.addr(200)),
    ];
    expected.sort();
    assert_eq!(hits, expected);
    assert_eq!(
        lines[2], "Found 2 NEStores; 254 addresses swept.",
        "over once the decoy answered, not cut off by the timeout"
    );
}

#[test]
fn discover_help_leaves_out_the_options_it_ignores() {
    let out = bin().args(["discover", "--help"]).assert().success();
    let text = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    for option in ["--subnet", "--json", "--port", "--timeout", "1 s to 60 s"] {
        assert!(text.contains(option), "{option} missing in\n{text}");
    }
    for ignored in ["--host", "--password-stdin", "5 min"] {
        assert!(!text.contains(ignored), "{ignored} in\n{text}");
    }
    let out = dutch(&mut bin())
        .args(["discover", "--help"])
        .assert()
        .success();
    let text = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(text.contains("Zoek NEStores op het netwerk"), "{text}");
    assert!(text.contains("Doorzoek alleen dit subnet"), "{text}");
}
