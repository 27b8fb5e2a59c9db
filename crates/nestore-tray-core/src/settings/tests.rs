//! Settings: validation, loading field by field, the file on disk.

use std::path::PathBuf;

use super::*;
use nestore_i18n::Language;

fn store() -> (tempfile::TempDir, SettingsStore) {
    let dir = tempfile::tempdir().unwrap();
    let store = SettingsStore::new(dir.path().join("nested"));
    (dir, store)
}

#[test]
fn missing_file_gives_defaults_without_notice() {
    let (_d, s) = store();
    let l = s.load_with(Language::English);
    assert_eq!(l.settings, Settings::default());
    assert_eq!(l.settings.port, 4805);
    assert_eq!(l.settings.poll_interval_s, 300);
    assert!(l.notice.is_none());
}

#[test]
fn save_then_load_round_trips_and_leaves_no_temp_files() {
    let (_d, s) = store();
    let mut set = Settings {
        host: Some("192.0.2.7".into()),
        control_enabled: true,
        ..Default::default()
    };
    set.charge_defaults.power_w = 3000;
    s.save(&set).unwrap();
    assert_eq!(
        s.load_with(Language::English),
        Loaded {
            settings: set.clone(),
            notice: None
        }
    );
    set.poll_interval_s = 600;
    s.save(&set).unwrap();
    assert_eq!(s.load_with(Language::English).settings.poll_interval_s, 600);
    let names: Vec<_> = std::fs::read_dir(s.path().parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, vec![std::ffi::OsString::from(FILE_NAME)]);
}

#[test]
fn a_corrupt_file_is_moved_aside_with_a_notice() {
    let (_d, s) = store();
    std::fs::create_dir_all(s.path().parent().unwrap()).unwrap();
    std::fs::write(s.path(), "{\"host\": \"a\", trunc").unwrap();
    let l = s.load_with(Language::English);
    assert_eq!(l.settings, Settings::default());
    let notice = l.notice.unwrap();
    assert!(
        notice.contains("not valid settings JSON") && notice.contains("moved to"),
        "{notice}"
    );
    assert!(!s.path().exists());
    let aside: Vec<_> = std::fs::read_dir(s.path().parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains(".corrupt-"))
        .collect();
    assert_eq!(aside.len(), 1);
    assert_eq!(
        std::fs::read_to_string(&aside[0]).unwrap(),
        "{\"host\": \"a\", trunc"
    );
}

#[test]
fn absurd_values_are_not_used() {
    let (_d, s) = store();
    std::fs::create_dir_all(s.path().parent().unwrap()).unwrap();
    for bad in [
        r#"{"poll_interval_s": 5}"#,
        r#"{"port": 0}"#,
        r#"{"host": "a b"}"#,
        r#"{"port": "x"}"#,
        r#"{"charge_defaults": {"power_w": 99999, "target_soc_pct": 90, "duration_min": 120}}"#,
    ] {
        std::fs::write(s.path(), bad).unwrap();
        let l = s.load_with(Language::English);
        assert_eq!(l.settings, Settings::default(), "{bad}");
        assert!(l.notice.is_some(), "{bad}");
    }
}

#[test]
fn unknown_and_missing_fields_are_tolerated() {
    let (_d, s) = store();
    std::fs::create_dir_all(s.path().parent().unwrap()).unwrap();
    std::fs::write(s.path(), r#"{"host": " nestore.home ", "future_field": 1}"#).unwrap();
    let l = s.load_with(Language::English);
    assert_eq!(l.settings.host.as_deref(), Some("nestore.home"));
    assert_eq!(l.settings.poll_interval_s, 300);
    assert!(l.notice.is_none());
}

#[test]
fn validation_names_the_field() {
    let s = Settings {
        poll_interval_s: 59,
        ..Default::default()
    };
    let e = s.validate().unwrap_err();
    assert_eq!(e.field(), "poll_interval_s");
    assert!(
        e.to_string()
            .starts_with("Poll interval: must be 60-86400 s"),
        "{e}"
    );
    let s = Settings {
        poll_interval_s: 60,
        ..Default::default()
    };
    assert!(s.validate().is_ok());
    let s = Settings {
        host: Some("x/y".into()),
        ..Default::default()
    };
    let e = s.validate().unwrap_err();
    assert_eq!(e.field(), "host");
    assert!(e.to_string().starts_with("Host: "), "{e}");
    let s = Settings {
        port: 0,
        ..Default::default()
    };
    assert_eq!(s.validate().unwrap_err().field(), "port");
    let mut s = Settings::default();
    s.charge_defaults.power_w = 99_999;
    assert_eq!(s.validate().unwrap_err().field(), "charge_defaults");
}

fn with_alerts(f: impl FnOnce(&mut nestore_watch::Thresholds)) -> Settings {
    let mut s = Settings::default();
    f(&mut s.alerts);
    s
}

#[test]
fn bad_thresholds_are_refused_and_the_error_names_the_field() {
    type Spoil = fn(&mut nestore_watch::Thresholds);
    let cases: [(Spoil, &str); 6] = [
        (|t| t.low_alarm_bar = 0.0, "alerts.low_alarm_bar"),
        (|t| t.low_bar = 1.0, "alerts.low_bar"),
        (|t| t.high_alarm_bar = 11.0, "alerts.high_alarm_bar"),
        (|t| t.hold_readings = 0, "alerts.hold_readings"),
        (|t| t.offline_grace_min = 0, "alerts.offline_grace_min"),
        (|t| t.reminder_h = 1000, "alerts.reminder_h"),
    ];
    for (bad, field) in cases {
        let s = with_alerts(bad);
        let e = s.validate().unwrap_err();
        assert_eq!(e.field(), field, "{e}");
        // The watch's words, which name the setting as the window does.
        assert_eq!(e.to_string(), s.alerts.validate().unwrap_err().to_string());
    }
    assert!(with_alerts(|t| t.hold_readings = 3).validate().is_ok());
}

fn write(s: &SettingsStore, text: impl AsRef<[u8]>) {
    std::fs::create_dir_all(s.path().parent().unwrap()).unwrap();
    std::fs::write(s.path(), text).unwrap();
}

fn set_aside_files(s: &SettingsStore) -> Vec<PathBuf> {
    let mut v: Vec<_> = std::fs::read_dir(s.path().parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains(".corrupt-"))
        .collect();
    v.sort();
    v
}

#[test]
fn one_bad_field_is_reset_and_every_other_field_is_kept() {
    let (_d, s) = store();
    let original =
        r#"{"host": "192.0.2.7", "port": 4806, "poll_interval_s": 10, "control_enabled": true}"#;
    write(&s, original);
    let l = s.load_with(Language::English);
    let want = Settings {
        host: Some("192.0.2.7".into()),
        port: 4806,
        control_enabled: true,
        ..Default::default()
    };
    assert_eq!(l.settings, want);
    let aside = set_aside_files(&s);
    assert_eq!(aside.len(), 1);
    assert_eq!(
        l.notice.as_deref(),
        Some(
            format!(
                "The poll interval in the settings file was not valid (10 s; it must be 60-86400 s) \
                 and was reset to 300 s. The file was kept as {}.",
                aside[0].display()
            )
            .as_str()
        )
    );
    // The original beside, byte for byte; the corrected settings in its place.
    assert_eq!(std::fs::read_to_string(&aside[0]).unwrap(), original);
    assert_eq!(
        s.load_with(Language::English),
        Loaded {
            settings: want,
            notice: None
        }
    );
}

#[test]
fn fields_of_the_wrong_type_are_reset_one_by_one() {
    let (_d, s) = store();
    write(
        &s,
        r#"{"host": "nestore.home", "port": "x", "autostart": "yes", "poll_interval_s": 900}"#,
    );
    let l = s.load_with(Language::English);
    assert_eq!(l.settings.host.as_deref(), Some("nestore.home"));
    assert_eq!(l.settings.poll_interval_s, 900);
    assert_eq!(l.settings.port, Settings::default().port);
    assert!(!l.settings.autostart);
    let notice = l.notice.unwrap();
    assert!(
        notice.contains(r#"The port in the settings file was not valid ("x"; it must be 1-65535) and was reset to 4805."#)
            && notice.contains(r#"The autostart setting in the settings file was not valid ("yes"; it must be true or false) and was reset to off."#),
        "{notice}"
    );
}

#[test]
fn bad_thresholds_in_the_file_fall_back_to_their_defaults_and_the_rest_is_kept() {
    let (_d, s) = store();
    write(
        &s,
        r#"{"host": "192.0.2.7", "poll_interval_s": 600,
            "alerts": {"low_alarm_bar": 0, "hold_readings": 3, "reminder_h": "soon"}}"#,
    );
    let l = s.load_with(Language::English);
    assert_eq!(l.settings.host.as_deref(), Some("192.0.2.7"));
    assert_eq!(l.settings.poll_interval_s, 600);
    let defaults = nestore_watch::Thresholds::default();
    assert_eq!(l.settings.alerts.low_alarm_bar, defaults.low_alarm_bar);
    assert_eq!(l.settings.alerts.reminder_h, defaults.reminder_h);
    assert_eq!(l.settings.alerts.hold_readings, 3);
    assert!(l.settings.validate().is_ok());
    let notice = l.notice.unwrap();
    assert!(
        notice.contains("The low-pressure alarm level in the settings file was not valid (0 bar; it must be between 1 and 1.8 bar) and was reset to 1.5 bar.")
            && notice.contains(r#"The alarm reminder interval in the settings file was not valid ("soon"; it must be a whole number of hours) and was reset to 12 h."#)
            && notice.contains("The file was kept as"),
        "{notice}"
    );
}

#[test]
fn thresholds_that_do_not_fit_together_all_go_back_to_their_defaults() {
    let (_d, s) = store();
    write(
        &s,
        r#"{"host": "192.0.2.7", "alerts": {"high_bar": 4.0, "high_alarm_bar": 3.9}}"#,
    );
    let l = s.load_with(Language::English);
    assert_eq!(l.settings.host.as_deref(), Some("192.0.2.7"));
    assert_eq!(l.settings.alerts, nestore_watch::Thresholds::default());
    let notice = l.notice.unwrap();
    assert!(
        notice.starts_with("The alert thresholds in the settings file were not valid (high-pressure alarm level 3.9 bar: it must be above")
            && notice.contains("and were reset to their defaults. The file was kept as"),
        "{notice}"
    );
}

#[test]
fn a_file_set_aside_never_replaces_one_set_aside_before() {
    let (_d, s) = store();
    // Twice in a row, within the same second as a rule: two files kept, each whole.
    write(&s, "{first");
    s.load_with(Language::English);
    write(&s, "{second");
    s.load_with(Language::English);
    write(&s, r#"{"port": 0}"#);
    s.load_with(Language::English);
    let kept: Vec<_> = set_aside_files(&s)
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    let mut sorted = kept.clone();
    sorted.sort();
    assert_eq!(sorted, ["{\"port\": 0}", "{first", "{second"], "{kept:?}");
}

#[test]
fn a_huge_host_is_refused() {
    let label = "a".repeat(63);
    let max = nestore::client::MAX_HOST_LEN;
    let longest = [label.as_str(); 4].join(".")[..max].to_owned();
    let s = Settings {
        host: Some(longest.trim_end_matches('.').to_owned()),
        ..Default::default()
    };
    assert!(s.validate().is_ok());
    for len in [max + 1, 1_000_000] {
        let s = Settings {
            host: Some("a".repeat(len)),
            ..Default::default()
        };
        let e = s.validate().unwrap_err();
        assert_eq!(e.field(), "host");
        assert!(e.to_string().len() < 200, "a short message: {e}");
    }
    // In the file: the host is cleared, the rest kept, and the notice stays short.
    let (_d, store) = store();
    write(
        &store,
        format!(r#"{{"host": "{}", "port": 4806}}"#, "a".repeat(1_000_000)),
    );
    let l = store.load_with(Language::English);
    assert_eq!((l.settings.host, l.settings.port), (None, 4806));
    let notice = l.notice.unwrap();
    assert!(
        notice.starts_with("The device address in the settings file was not valid")
            && notice.contains("cleared")
            && notice.len() < 600,
        "{notice}"
    );
}

#[test]
fn a_file_above_the_bound_is_not_read_but_set_aside() {
    let (_d, s) = store();
    // Valid JSON, padded with blanks past the bound.
    let mut text = br#"{"host": "192.0.2.7"}"#.to_vec();
    text.resize(MAX_FILE_BYTES as usize + 1, b' ');
    write(&s, &text);
    let l = s.load_with(Language::English);
    assert_eq!(l.settings, Settings::default());
    let notice = l.notice.unwrap();
    assert!(
        notice.contains("too large") && notice.contains("moved to"),
        "{notice}"
    );
    let aside = set_aside_files(&s);
    assert_eq!(std::fs::read(&aside[0]).unwrap(), text);
}

#[cfg(unix)]
#[test]
fn a_fifo_in_place_of_the_file_does_not_hang_the_start() {
    let (_d, s) = store();
    std::fs::create_dir_all(s.path().parent().unwrap()).unwrap();
    let c = std::ffi::CString::new(s.path().as_os_str().as_encoded_bytes()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    let (tx, rx) = std::sync::mpsc::channel();
    let store = s.clone();
    std::thread::spawn(move || tx.send(store.load_with(Language::English)).unwrap());
    let l = match rx.recv_timeout(std::time::Duration::from_secs(20)) {
        Ok(l) => l,
        Err(_) => {
            // Release the blocked reader (a writer end appears), then fail.
            let _ = std::fs::OpenOptions::new().write(true).open(s.path());
            panic!("loading blocks on a FIFO");
        }
    };
    assert_eq!(l.settings, Settings::default());
    let notice = l.notice.unwrap();
    assert!(
        notice.contains("named pipe") && notice.contains("moved to"),
        "{notice}"
    );
    assert!(!s.path().exists());
    // Saving then writes a regular file in its place.
    s.save(&Settings::default()).unwrap();
    assert_eq!(s.load_with(Language::English).notice, None);
}

#[test]
fn save_replaces_the_file_and_never_writes_into_the_old_one() {
    let (_d, s) = store();
    let old = Settings {
        host: Some("192.0.2.7".into()),
        ..Default::default()
    };
    s.save(&old).unwrap();
    let old_bytes = std::fs::read(s.path()).unwrap();
    // A second name for the old file: an in-place overwrite would show through it.
    let link = s.path().with_file_name("old-settings.json");
    std::fs::hard_link(s.path(), &link).unwrap();
    let new = Settings {
        host: Some("192.0.2.8".into()),
        poll_interval_s: 900,
        ..Default::default()
    };
    s.save(&new).unwrap();
    assert_eq!(std::fs::read(&link).unwrap(), old_bytes);
    assert_eq!(s.load_with(Language::English).settings, new);
}

#[test]
fn history_is_kept_by_default_and_never_less_than_a_year() {
    let s = Settings::default();
    assert!(s.history_enabled);
    assert_eq!(s.history_keep_days, None, "forever by default");
    for (days, ok) in [
        (Some(364), false),
        (Some(365), true),
        (Some(3650), true),
        (Some(0), false),
        (Some(u32::MAX), false),
    ] {
        let s = Settings {
            history_keep_days: days,
            ..Default::default()
        };
        match s.validate() {
            Ok(()) => assert!(ok, "{days:?} accepted"),
            Err(e) => {
                assert!(!ok, "{days:?} refused: {e}");
                assert_eq!(e.field(), "history_keep_days");
            }
        }
    }
    let (_d, st) = store();
    write(&st, r#"{"host": "192.0.2.7", "history_keep_days": 30}"#);
    let l = st.load_with(Language::English);
    assert_eq!(
        l.settings.host.as_deref(),
        Some("192.0.2.7"),
        "the rest is kept"
    );
    assert_eq!(l.settings.history_keep_days, None);
    assert!(l.notice.unwrap().contains("history period"));
}

#[test]
fn port_0_is_reset_alone() {
    let (_d, s) = store();
    write(
        &s,
        r#"{"port": 0, "poll_interval_s": 600, "autostart": true}"#,
    );
    let l = s.load_with(Language::English);
    assert_eq!(
        l.settings,
        Settings {
            poll_interval_s: 600,
            autostart: true,
            ..Default::default()
        }
    );
    let notice = l.notice.unwrap();
    assert!(
        notice.starts_with(
            "The port in the settings file was not valid (0; it must be 1-65535) and was reset to 4805."
        ),
        "{notice}"
    );
}

#[test]
fn bad_values_are_shown_as_written_and_long_ones_cut_short() {
    let (_d, s) = store();
    // 38 characters and the quotes: 40, shown whole.
    let host = format!("bad host {}", "x".repeat(29));
    assert_eq!(host.len(), 38);
    write(
        &s,
        format!(r#"{{"host": "{host}", "poll_interval_s": 18446744073709551615}}"#),
    );
    let notice = s.load_with(Language::English).notice.unwrap();
    assert!(notice.contains(&format!("(\"{host}\"; ")), "{notice}");
    assert!(
        notice.contains("(18446744073709551615 s; it must be 60-86400 s)"),
        "{notice}"
    );
    // One character more: cut at 40, with an ellipsis.
    let (_d, s) = store();
    write(&s, format!(r#"{{"host": "{host}y"}}"#));
    let notice = s.load_with(Language::English).notice.unwrap();
    assert!(notice.contains(&format!("(\"{host}y…; ")), "{notice}");
}

#[test]
fn each_bad_threshold_is_reset_alone_and_the_others_are_kept() {
    for (key, bad) in [
        ("low_bar", "2.5"),
        ("low_alarm_bar", "1.9"),
        ("high_bar", "5.0"),
        ("high_alarm_bar", "5.0"),
        ("hysteresis_bar", "0.5"),
        ("leak_bar_per_6h", "2.0"),
        ("hold_readings", "9"),
        ("offline_grace_min", "1000"),
        ("reminder_h", "48"),
        ("quiet_hours", r#"["22:00:00", "22:00:00"]"#),
    ] {
        let (_d, s) = store();
        // A good value of another threshold, which must survive.
        let (kept_key, kept) = if key == "hold_readings" {
            ("reminder_h", "6")
        } else {
            ("hold_readings", "3")
        };
        write(
            &s,
            format!(
                r#"{{"poll_interval_s": 600, "alerts": {{"{key}": {bad}, "{kept_key}": {kept}}}}}"#
            ),
        );
        let l = s.load_with(Language::English);
        let mut want = nestore_watch::Thresholds::default();
        if key == "hold_readings" {
            want.reminder_h = 6;
        } else {
            want.hold_readings = 3;
        }
        assert_eq!(l.settings.alerts, want, "{key}: {:?}", l.notice);
        assert_eq!(l.settings.poll_interval_s, 600, "{key}");
        assert!(l.notice.is_some(), "{key}");
    }
}

#[test]
fn bad_last_charge_settings_are_reset_alone() {
    let (_d, s) = store();
    write(
        &s,
        r#"{"poll_interval_s": 600,
            "charge_defaults": {"power_w": 1050, "target_soc_pct": 90, "duration_min": 120}}"#,
    );
    let l = s.load_with(Language::English);
    assert_eq!(
        l.settings,
        Settings {
            poll_interval_s: 600,
            ..Default::default()
        }
    );
    let notice = l.notice.unwrap();
    assert!(
        notice.starts_with("The last charge settings in the settings file were not valid (")
            && notice.contains("power 1050 W is not a multiple of 100 W")
            && notice.contains("were reset to 2000 W, 90 %, 120 min."),
        "{notice}"
    );
}

#[test]
fn thresholds_that_do_not_fit_together_are_told_once_beside_the_other_resets() {
    let (_d, s) = store();
    write(
        &s,
        r#"{"poll_interval_s": 10, "alerts": {"high_bar": 4.0, "high_alarm_bar": 3.9}}"#,
    );
    let notice = s.load_with(Language::English).notice.unwrap();
    assert!(
        notice.contains("The poll interval in the settings file was not valid (10 s;"),
        "{notice}"
    );
    assert_eq!(notice.matches("alert thresholds").count(), 1, "{notice}");
    assert!(!notice.contains("The high-pressure"), "{notice}");
}

#[test]
fn checks_name_their_field_in_each_language() {
    use nestore_i18n::Catalogue;
    let en = Catalogue::get(Language::English);
    let nl = Catalogue::get(Language::Dutch);
    let s = Settings {
        poll_interval_s: 59,
        ..Default::default()
    };
    let e = s.validate().unwrap_err();
    assert_eq!(e.message(en), e.to_string(), "the English is the log's");
    assert_eq!(
        e.message(nl),
        "Uitleesinterval: moet tussen 60 en 86400 s liggen (je NEStore is traag; \
         meestal kies je 300 s)"
    );
    let e = with_alerts(|t| t.low_alarm_bar = 0.5)
        .validate()
        .unwrap_err();
    assert_eq!(e.field(), "alerts.low_alarm_bar");
    assert_eq!(
        e.message(nl),
        "Alarm bij lage druk: moet tussen 1 en 1,8 bar liggen"
    );
    assert_eq!(e.message(en), e.to_string());
    let s = Settings {
        host: Some("192.0.2.7:4805".into()),
        ..Default::default()
    };
    let e = s.validate().unwrap_err();
    assert_eq!(e.field(), "host");
    assert_eq!(
        e.message(nl),
        "Adres: \"192.0.2.7:4805\" bevat een poort: vul 192.0.2.7 in als adres en 4805 als poort"
    );
    assert_eq!(e.message(en), e.to_string());
    let mut s = Settings::default();
    s.charge_defaults.power_w = 1050;
    let e = s.validate().unwrap_err();
    assert_eq!(
        e.message(nl),
        "Laatste laadinstellingen: een vermogen van 1050 W is geen veelvoud van 100 W"
    );
    for bad in [
        Settings {
            port: 0,
            ..Default::default()
        },
        Settings {
            history_keep_days: Some(3),
            ..Default::default()
        },
    ] {
        let e = bad.validate().unwrap_err();
        assert_eq!(e.message(en), e.to_string());
        assert_ne!(e.message(nl), e.to_string());
    }
}

#[test]
fn the_reset_notice_is_in_the_language_of_the_settings_loaded() {
    // Dutch chosen in the file: the notice is Dutch, whatever the system's language.
    let (_d, s) = store();
    write(
        &s,
        r#"{"language": "nl", "poll_interval_s": 10, "autostart": "ja",
            "alerts": {"low_bar": 2.5}}"#,
    );
    let l = s.load_with(Language::English);
    assert_eq!(l.settings.language, nestore_i18n::Choice::Dutch);
    let notice = l.notice.unwrap();
    assert!(
        notice.contains(
            "Het uitleesinterval in het instellingenbestand was ongeldig \
             (10 s; moet tussen 60 en 86400 s liggen) en is teruggezet op 300 s."
        ),
        "{notice}"
    );
    assert!(
        notice.contains(
            "De instelling voor starten bij inloggen in het instellingenbestand was ongeldig \
             (\"ja\"; moet true of false zijn) en is teruggezet op uit."
        ),
        "{notice}"
    );
    assert!(
        notice.contains(
            "Het waarschuwingsniveau bij lage druk in het instellingenbestand was ongeldig \
             (2,5 bar; moet tussen 1,2 en 2,2 bar liggen) en is teruggezet op 2 bar."
        ),
        "{notice}"
    );
    assert!(notice.contains("Het bestand is bewaard als "), "{notice}");
    // The system's language when the file names none; English when it is English.
    let (_d, s) = store();
    write(&s, r#"{"port": 0}"#);
    let notice = s.load_with(Language::Dutch).notice.unwrap();
    assert!(
        notice.starts_with(
            "De poort in het instellingenbestand was ongeldig (0; moet tussen 1 en 65535 liggen) \
             en is teruggezet op 4805."
        ),
        "{notice}"
    );
    let (_d, s) = store();
    write(&s, r#"{"language": "en", "port": 0}"#);
    assert!(s
        .load_with(Language::Dutch)
        .notice
        .unwrap()
        .starts_with("The port in the settings file was not valid"));
    // A file that cannot be used at all: the defaults load, so the system's language.
    let (_d, s) = store();
    write(&s, "{broken");
    let notice = s.load_with(Language::Dutch).notice.unwrap();
    assert!(
        notice.starts_with(
            "Het instellingenbestand is niet gebruikt, omdat het geen geldige JSON voor \
             instellingen is ("
        ) && notice.contains("Het is verplaatst naar"),
        "{notice}"
    );
}

#[test]
fn thresholds_that_do_not_fit_together_are_told_in_dutch_too() {
    let (_d, s) = store();
    write(
        &s,
        r#"{"language": "nl", "alerts": {"high_bar": 4.0, "high_alarm_bar": 3.9}}"#,
    );
    let notice = s.load_with(Language::English).notice.unwrap();
    assert!(
        notice.starts_with(
            "De meldingsinstellingen in het instellingenbestand waren ongeldig \
             (alarmniveau bij hoge druk 3,9 bar: moet hoger zijn dan"
        ) && notice
            .contains("en zijn teruggezet op de standaardwaarden. Het bestand is bewaard als"),
        "{notice}"
    );
}

#[test]
fn timers_are_kept_checked_and_refused_naming_the_timer() {
    let (_d, s) = store();
    let night = r#"{"days": ["mon", "tue"], "start": "22:00", "end": "06:00", "kind": "charge", "power_w": 2000, "target_soc_pct": 90}"#;
    let evening = r#"{"days": ["sat"], "start": "17:00", "end": "20:00", "kind": "block"}"#;
    write(&s, format!(r#"{{"timers": [{night}, {evening}]}}"#));
    let l = s.load_with(Language::English);
    assert_eq!(l.notice, None);
    assert_eq!(l.settings.timers.len(), 2);
    assert_eq!(l.settings.timers[1].action, nestore_schedule::Action::Block);

    // The morning overlaps the night's end (Tuesday 05:00-07:00).
    let mut both = l.settings.clone();
    let mut morning = both.timers[1];
    morning.days = nestore_schedule::Days::of(&[chrono::Weekday::Tue]);
    morning.start = chrono::NaiveTime::from_hms_opt(5, 0, 0).unwrap();
    morning.end = chrono::NaiveTime::from_hms_opt(7, 0, 0).unwrap();
    both.timers.push(morning);
    let e = both.validate().unwrap_err();
    assert_eq!(e.field(), "timers");
    let en = nestore_i18n::Catalogue::get(Language::English);
    let nl = nestore_i18n::Catalogue::get(Language::Dutch);
    assert_eq!(e.message(en), "Timer 3: it overlaps timer 1");
    assert_eq!(e.message(nl), "Timer 3: die overlapt met timer 1");

    // In the file, timers the device cannot carry out go, with a notice; the rest stays.
    write(
        &s,
        r#"{"port": 4806, "timers": [{"days": ["mon"], "start": "02:00", "end": "02:10", "kind": "block"}]}"#,
    );
    let l = s.load_with(Language::English);
    assert_eq!(l.settings.port, 4806);
    assert!(l.settings.timers.is_empty());
    let notice = l.notice.unwrap_or_default();
    assert!(
        notice.starts_with("The charge timers in the settings file were not valid")
            && notice.contains("shorter than the device's shortest task (30 min)"),
        "{notice}"
    );
}

#[test]
fn the_running_low_level_is_off_by_default_checked_and_reset_alone() {
    let (_d, s) = store();
    assert_eq!(Settings::default().low_charge_pct, None);
    write(&s, r#"{"low_charge_pct": 20}"#);
    let l = s.load_with(Language::English);
    assert_eq!((l.settings.low_charge_pct, l.notice), (Some(20), None));

    let mut high = l.settings.clone();
    high.low_charge_pct = Some(95);
    let e = high.validate().unwrap_err();
    assert_eq!(e.field(), "low_charge_pct");
    let nl = nestore_i18n::Catalogue::get(Language::Dutch);
    assert_eq!(
        e.message(nl),
        "Melding bij weinig warm water: moet uit staan of 5-90 % zijn"
    );

    write(&s, r#"{"port": 4806, "low_charge_pct": 150}"#);
    let l = s.load_with(Language::English);
    assert_eq!((l.settings.port, l.settings.low_charge_pct), (4806, None));
    let notice = l.notice.unwrap_or_default();
    assert!(
        notice.starts_with(
            "The running-low level in the settings file was not valid (150 %; it must be null (off) or 5-90 %) and was reset to off."
        ),
        "{notice}"
    );
}
