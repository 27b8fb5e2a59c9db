//! How the status looks: the tray icon's look and the menu's header lines. Linux trays
//! deliver no clicks and no tooltips, so the menu carries the information.

use chrono::{DateTime, Datelike, TimeZone, Utc};

use nestore_i18n::{Args, Catalogue};
use nestore_schedule::Basis;
use nestore_watch::{Kind, Severity};

use crate::icon::{IconSpec, Look};
use crate::status::{Connection, Status};
use crate::view::{TimerWindow, TimersView, View};

/// The tray icon for this status: the pressure watch's worst latched condition decides
/// warning and alarm, so that the icon changes with the notifications and never before.
pub fn icon_spec(status: &Status, alert: Option<Severity>, now: DateTime<Utc>) -> IconSpec {
    let Some(r) = status.fresh_reading(now) else {
        let soc = status.reading.as_ref().and_then(|r| r.soc_pct.value());
        return IconSpec {
            soc_pct: soc.map(round_pct),
            look: Look::Offline,
        };
    };
    let look = match alert {
        Some(Severity::Alarm) => Look::Alarm,
        Some(Severity::Warning) => Look::Warning,
        _ if r.is_charging() => Look::Charging,
        _ => Look::Normal,
    };
    IconSpec {
        soc_pct: r.soc_pct.value().map(round_pct),
        look,
    }
}

/// A latched condition in a few words, for the menu and the window: "Alarm: high
/// pressure".
pub fn alert_line(cat: &Catalogue, kind: Kind, severity: Severity) -> String {
    let what = match kind {
        Kind::LowPressure => "alert-kind-low-pressure",
        Kind::HighPressure => "alert-kind-high-pressure",
        Kind::Leak => "alert-kind-leak",
        Kind::SensorFault => "alert-kind-sensor-fault",
        Kind::Offline => "alert-kind-offline",
        Kind::ChargeFinished => "alert-kind-charge-finished",
        Kind::ChargeStopped => "alert-kind-charge-stopped",
    };
    let level = match severity {
        Severity::Alarm => "alert-level-alarm",
        Severity::Warning => "alert-level-warning",
        Severity::Info => "alert-level-note",
    };
    cat.t(
        "alert-line",
        &Args::new()
            .text("level", cat.label(level))
            .text("what", cat.label(what)),
    )
}

/// The device's own name for what it does ("Charging Electrical Main"), in the owner's
/// words when the catalogue knows it, as the device sends it otherwise.
pub fn device_state(cat: &Catalogue, raw: &str) -> String {
    let slug: String = raw
        .trim()
        .to_ascii_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    let id = format!("device-state-{slug}");
    if !slug.is_empty() && cat.has(&id) {
        cat.label(&id)
    } else {
        raw.to_owned()
    }
}

fn round_pct(v: f64) -> u8 {
    v.round().clamp(0.0, 100.0) as u8
}

/// A 24-hour clock time in `tz`: "02:00".
pub fn hh_mm<Tz: TimeZone>(t: DateTime<Utc>, tz: &Tz) -> String
where
    Tz::Offset: std::fmt::Display,
{
    t.with_timezone(tz).format("%H:%M").to_string()
}

/// The disabled header lines at the top of the tray menu.
pub fn header_lines<Tz: TimeZone>(
    cat: &Catalogue,
    status: &Status,
    alerts: &[(Kind, Severity)],
    tz: &Tz,
    now: DateTime<Utc>,
) -> Vec<String>
where
    Tz::Offset: std::fmt::Display,
{
    let at = |id: &str, t: DateTime<Utc>| cat.t(id, &Args::new().text("time", hh_mm(t, tz)));
    if status.connection == Connection::NotConfigured {
        return vec![cat.label("tray-no-device")];
    }
    let mut lines = Vec::new();
    match &status.reading {
        Some(r) => {
            lines.push(match r.soc_pct.value() {
                Some(v) => cat.t("tray-soc", &Args::new().percent("soc", v)),
                None => cat.label("tray-soc-unknown"),
            });
            lines.push(match r.pressure_bar.value() {
                Some(v) => cat.t("tray-pressure", &Args::new().decimal("bar", v, 1)),
                None if r.pressure_bar.is_implausible() => cat.label("tray-pressure-fault"),
                None => cat.label("tray-pressure-unknown"),
            });
            lines.push(match &r.state {
                Some(state) => device_state(cat, state),
                None => cat.label("tray-state-unknown"),
            });
        }
        None if status.connection == Connection::Connecting => {
            lines.push(cat.label("tray-connecting"))
        }
        None => {}
    }
    match (status.connection, status.offline_since, status.updated_at) {
        (Connection::Offline, Some(since), _) => lines.push(at("tray-offline-since", since)),
        (Connection::Retrying, _, Some(t)) if !status.is_stale(now) => {
            lines.push(at("tray-updated-retrying", t))
        }
        (Connection::Retrying, _, None) => lines.push(cat.label("tray-retrying")),
        (_, _, Some(t)) if status.is_stale(now) => lines.push(at("tray-stale", t)),
        (_, _, Some(t)) => lines.push(at("tray-updated", t)),
        _ => {}
    }
    lines.extend(alerts.iter().map(|&(k, s)| alert_line(cat, k, s)));
    lines
}

/// The tray's line for the timers: the one in progress ("Timer: charging until 05:00") or
/// the next ("Next: charge 02:00–05:00", "tomorrow", or the weekday when later).
pub fn timer_line<Tz: TimeZone>(
    cat: &Catalogue,
    timers: &TimersView,
    tz: &Tz,
    now: DateTime<Utc>,
) -> Option<String>
where
    Tz::Offset: std::fmt::Display,
{
    let (w, line) = if let Some(w) = &timers.active {
        let id = if w.kind == "block" {
            "tray-timer-now-block"
        } else {
            "tray-timer-now-charge"
        };
        (w, cat.t(id, &Args::new().text("end", hh_mm(w.end, tz))))
    } else {
        let w = timers.next.as_ref()?;
        let when = timer_when(cat, w, tz, now);
        let id = if w.kind == "block" {
            "tray-timer-next-block"
        } else {
            "tray-timer-next-charge"
        };
        (w, cat.t(id, &Args::new().text("when", when)))
    };
    Some(match w.basis {
        Basis::Fixed => line,
        Basis::Cheapest => cat.t("tray-timer-cheapest", &Args::new().text("line", line)),
        Basis::Fallback => cat.t("tray-timer-fallback", &Args::new().text("line", line)),
    })
}

/// When a timer's window is: "02:00–05:00" today, "tomorrow 02:00–05:00", or with its
/// weekday when later.
pub fn timer_when<Tz: TimeZone>(
    cat: &Catalogue,
    w: &TimerWindow,
    tz: &Tz,
    now: DateTime<Utc>,
) -> String
where
    Tz::Offset: std::fmt::Display,
{
    let times = Args::new()
        .text("start", hh_mm(w.start, tz))
        .text("end", hh_mm(w.end, tz));
    let today = now.with_timezone(tz).date_naive();
    let day = w.start.with_timezone(tz).date_naive();
    if day == today {
        cat.t("tray-timer-when-today", &times)
    } else if today.succ_opt() == Some(day) {
        cat.t("tray-timer-when-tomorrow", &times)
    } else {
        let weekday = i64::from(day.weekday().number_from_monday());
        cat.t("tray-timer-when-day", &times.int("weekday", weekday))
    }
}

/// The menu's items, in the app's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MenuLabels {
    pub open: String,
    pub refresh: String,
    /// Offers the last charge started from the app again.
    pub start: String,
    pub stop: String,
    pub auto: String,
    pub unsnooze: String,
    pub snooze_hour: String,
    pub snooze_tomorrow: String,
    pub settings: String,
    pub quit: String,
}

/// Everything the tray shows, drawn from the window's view and the watch's worst
/// condition. The tray draws exactly this and decides nothing.
#[derive(Debug, Clone, PartialEq)]
pub struct TrayLook {
    pub icon: IconSpec,
    /// The disabled lines at the top of the menu.
    pub lines: Vec<String>,
    /// Offer Start / Stop / Resume automatic.
    pub control: bool,
    pub snoozed: bool,
    pub labels: MenuLabels,
    pub tooltip: String,
}

pub fn tray_look<Tz: TimeZone>(
    cat: &Catalogue,
    view: &View,
    worst: Option<Severity>,
    tz: &Tz,
    now: DateTime<Utc>,
) -> TrayLook
where
    Tz::Offset: std::fmt::Display,
{
    let active: Vec<_> = view
        .alerts
        .active
        .iter()
        .map(|a| (a.kind, a.severity))
        .collect();
    let mut lines = header_lines(cat, &view.status, &active, tz, now);
    let snoozed_until = view.alerts.snoozed_until.filter(|&t| t > now);
    if let Some(t) = snoozed_until {
        lines.push(cat.t(
            "tray-snoozed-until",
            &Args::new().text("time", hh_mm(t, tz)),
        ));
    }
    lines.extend(timer_line(cat, &view.timers, tz, now));
    let d = view.control.defaults;
    let start = Args::new()
        .int("power", i64::from(d.power_w))
        .int("target", i64::from(d.target_soc_pct))
        .int("duration", i64::from(d.duration_min));
    TrayLook {
        icon: icon_spec(&view.status, worst, now),
        lines,
        control: view.control.available,
        snoozed: snoozed_until.is_some(),
        labels: MenuLabels {
            open: cat.label("tray-open"),
            refresh: cat.label("tray-refresh"),
            start: cat.t("tray-start", &start),
            stop: cat.label("tray-stop"),
            auto: cat.label("tray-auto"),
            unsnooze: cat.label("tray-unsnooze"),
            snooze_hour: cat.label("tray-snooze-hour"),
            snooze_tomorrow: cat.label("tray-snooze-tomorrow"),
            settings: cat.label("tray-settings"),
            quit: cat.label("tray-quit"),
        },
        tooltip: title(cat, &view.status),
    }
}

/// The tray tooltip / macOS title: "NEStore 63 %".
pub fn title(cat: &Catalogue, status: &Status) -> String {
    match status.reading.as_ref().and_then(|r| r.soc_pct.value()) {
        Some(v) => cat.t("tray-tooltip", &Args::new().percent("soc", v)),
        None => cat.label("tray-tooltip-unknown"),
    }
}

/// The buttons of a desktop notification, in the app's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotifyLabels {
    pub open: String,
    pub snooze_hour: String,
    /// The title of a command the device took but did not confirm.
    pub command_not_confirmed: String,
    /// The title of a command that did not reach the device or was refused.
    pub command_failed: String,
    /// The running-low notice's button: opens the window's confirmation of a charge.
    pub start_charging: String,
}

pub fn notify_labels(cat: &Catalogue) -> NotifyLabels {
    NotifyLabels {
        open: cat.label("notify-open"),
        snooze_hour: cat.label("notify-snooze-hour"),
        command_not_confirmed: cat.label("notify-command-not-confirmed"),
        command_failed: cat.label("notify-command-failed"),
        start_charging: cat.label("notify-start-charging"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::FixedOffset;
    use nestore_i18n::Language;

    fn en() -> &'static Catalogue {
        Catalogue::get(Language::English)
    }

    fn nl() -> &'static Catalogue {
        Catalogue::get(Language::Dutch)
    }

    #[test]
    fn the_menu_speaks_dutch_with_a_decimal_comma() {
        let tz = FixedOffset::east_opt(3600).unwrap();
        let s = status(63.4, "2.44", "Charging Electrical Main");
        let alerts = [(Kind::HighPressure, Severity::Alarm)];
        assert_eq!(
            header_lines(nl(), &s, &alerts, &tz, now(&s)),
            [
                "Laadtoestand 63 %",
                "Druk 2,4 bar",
                "Laden (elektrisch element)",
                "Bijgewerkt om 15:05",
                "Alarm: hoge druk"
            ]
        );
        assert_eq!(
            header_lines(nl(), &Status::not_configured(300), &[], &tz, now(&s)),
            ["Geen apparaat ingesteld"]
        );
        assert_eq!(title(nl(), &s), "NEStore 63 %");
        assert_eq!(
            device_state(nl(), "Standby"),
            "Standby",
            "unknown names stay"
        );
        assert_eq!(
            device_state(en(), " charging electrical main "),
            "Charging (electric heater)"
        );
        assert_eq!(device_state(en(), ""), "");
        let round = status(50.0, "2.0", "Standby");
        assert_eq!(
            header_lines(nl(), &round, &[], &tz, now(&round))[1],
            "Druk 2,0 bar"
        );
        assert_eq!(
            header_lines(en(), &round, &[], &tz, now(&round))[1],
            "Pressure 2.0 bar"
        );
    }

    fn status(soc: f64, pressure: &str, state: &str) -> Status {
        let t = DateTime::from_timestamp(1_764_079_500, 0).unwrap(); // 14:05 UTC
        let body = format!(
            r#"{{"PAYLOAD":{{"DERIVED":{{"SOC_VES":{soc}}},"BASE":{{"PRES_SYS":{pressure}}}}}}}"#
        );
        let mut r = nestore::reading::parse_engineering(body.as_bytes(), t).unwrap();
        r.state = Some(state.into());
        let mut s = Status::connecting("h:1".into(), false, 300);
        s.record(Ok(r), t);
        s
    }

    fn now(s: &Status) -> DateTime<Utc> {
        s.updated_at.unwrap() + chrono::Duration::seconds(10)
    }

    #[test]
    fn looks_follow_the_watch_the_charge_and_the_connection() {
        let s = status(63.4, "2.4", "Standby");
        let look = |s: &Status, a| icon_spec(s, a, now(s)).look;
        assert_eq!(look(&s, None), Look::Normal);
        assert_eq!(icon_spec(&s, None, now(&s)).soc_pct, Some(63));
        assert_eq!(
            look(&status(63.0, "2.4", nestore::CHARGING_STATE), None),
            Look::Charging
        );
        assert_eq!(
            look(
                &status(63.0, "1.8", nestore::CHARGING_STATE),
                Some(Severity::Warning)
            ),
            Look::Warning
        );
        assert_eq!(look(&s, Some(Severity::Alarm)), Look::Alarm);
        assert_eq!(look(&s, Some(Severity::Info)), Look::Normal);
        let mut off = status(80.0, "2.5", "Standby");
        let t = now(&off);
        off.record(Err(nestore::Error::Unauthorized), t);
        assert_eq!(
            icon_spec(&off, None, t).look,
            Look::Normal,
            "one failed poll does not turn the icon to offline"
        );
        off.record(Err(nestore::Error::Unauthorized), t);
        off.record(Err(nestore::Error::Unauthorized), t);
        assert_eq!(
            icon_spec(&off, Some(Severity::Alarm), t),
            IconSpec {
                soc_pct: Some(80),
                look: Look::Offline
            }
        );
    }

    #[test]
    fn header_lines_carry_the_readings_and_the_time() {
        let tz = FixedOffset::east_opt(3600).unwrap();
        let s = status(63.4, "2.44", "Charging Electrical Main");
        assert_eq!(
            header_lines(en(), &s, &[], &tz, now(&s)),
            vec![
                "State of charge 63 %",
                "Pressure 2.4 bar",
                "Charging (electric heater)",
                "Updated 15:05"
            ]
        );
        let alerts = [
            (Kind::LowPressure, Severity::Alarm),
            (Kind::Leak, Severity::Warning),
        ];
        let lines = header_lines(en(), &s, &alerts, &tz, now(&s));
        assert_eq!(
            lines[4..],
            ["Alarm: low pressure", "Warning: leak suspected"]
        );
        let mut off = s.clone();
        let t = now(&s) + chrono::Duration::seconds(290);
        off.record(Err(nestore::Error::Unauthorized), t);
        assert_eq!(
            header_lines(en(), &off, &[], &tz, t).last().unwrap(),
            "Updated 15:05 (retrying)",
            "one failure is no outage"
        );
        off.record(Err(nestore::Error::Unauthorized), t);
        off.record(Err(nestore::Error::Unauthorized), t);
        assert_eq!(
            header_lines(en(), &off, &[], &tz, t).last().unwrap(),
            "Offline since 15:10"
        );
        let stale_at = s.updated_at.unwrap() + chrono::Duration::seconds(601);
        assert_eq!(
            header_lines(en(), &s, &[], &tz, stale_at).last().unwrap(),
            "Stale: updated 15:05"
        );
        assert_eq!(
            header_lines(en(), &Status::not_configured(300), &[], &tz, t),
            vec!["No device configured"]
        );
        assert_eq!(
            header_lines(en(), &status(50.0, "12", "X"), &[], &tz, now(&s))[1],
            "Pressure sensor fault"
        );
    }

    #[test]
    fn each_condition_has_its_own_words() {
        let lines: Vec<String> = [
            (Kind::LowPressure, Severity::Alarm),
            (Kind::HighPressure, Severity::Warning),
            (Kind::Leak, Severity::Warning),
            (Kind::SensorFault, Severity::Warning),
            (Kind::Offline, Severity::Warning),
            (Kind::ChargeFinished, Severity::Info),
            (Kind::ChargeStopped, Severity::Info),
        ]
        .into_iter()
        .map(|(k, s)| alert_line(en(), k, s))
        .collect();
        assert_eq!(
            lines,
            [
                "Alarm: low pressure",
                "Warning: high pressure",
                "Warning: leak suspected",
                "Warning: pressure sensor fault",
                "Warning: device offline",
                "Note: charge finished",
                "Note: charge stopped by the device"
            ]
        );
    }

    #[test]
    fn header_lines_say_what_is_missing_and_how_the_connection_goes() {
        let tz = FixedOffset::east_opt(3600).unwrap();
        let t = DateTime::from_timestamp(1_764_079_500, 0).unwrap();
        let s = Status::connecting("h:1".into(), false, 300);
        assert_eq!(header_lines(en(), &s, &[], &tz, t), ["Connecting…"]);
        let mut retrying = s.clone();
        retrying.record(Err(nestore::Error::Unauthorized), t);
        assert_eq!(header_lines(en(), &retrying, &[], &tz, t), ["Retrying…"]);
        let mut bare = status(50.0, "null", "x");
        bare.reading.as_mut().unwrap().soc_pct = nestore::Measure::NotReported;
        bare.reading.as_mut().unwrap().state = None;
        assert_eq!(
            header_lines(en(), &bare, &[], &tz, now(&bare))[..3],
            [
                "State of charge not reported",
                "Pressure not reported",
                "State not reported"
            ]
        );
        assert_eq!(title(en(), &bare), "NEStore –");
        // Retrying with a reading older than two intervals: stale, not "retrying".
        let mut old = status(50.0, "2.4", "x");
        let late = old.updated_at.unwrap() + chrono::Duration::seconds(601);
        old.record(Err(nestore::Error::Unauthorized), late);
        assert_eq!(
            header_lines(en(), &old, &[], &tz, late).last().unwrap(),
            "Stale: updated 15:05"
        );
        assert_eq!(title(en(), &status(63.6, "2.4", "x")), "NEStore 64 %");
    }

    #[test]
    fn the_tray_look_carries_the_view() {
        use crate::view::{view, AlertsView, AppFacts};
        let tz = FixedOffset::east_opt(3600).unwrap();
        let s = status(63.4, "2.4", "Standby");
        let t = now(&s);
        let facts = AppFacts {
            control_enabled: true,
            password_stored: true,
            defaults: crate::settings::ChargeDefaults {
                power_w: 2500,
                target_soc_pct: 80,
                duration_min: 90,
            },
            ..Default::default()
        };
        let alerts = |snoozed_until| AlertsView {
            active: vec![],
            snoozed_until,
            log: vec![],
        };
        let th = nestore_watch::Thresholds::default();
        let until = t + chrono::Duration::minutes(30);
        let v = view(&s, &facts, &th, alerts(Some(until)), false, t);
        let look = tray_look(en(), &v, Some(Severity::Warning), &tz, t);
        assert_eq!(look.icon.look, Look::Warning);
        assert!(look.control);
        assert_eq!(
            look.labels.start,
            "Start charging (2500 W to 80 %, 90 min)…"
        );
        assert!(look.snoozed);
        assert_eq!(look.lines.last().unwrap(), "Alerts snoozed until 15:35");
        assert_eq!(look.tooltip, "NEStore 63 %");
        // A snooze that has ended is not shown.
        let v = view(&s, &AppFacts::default(), &th, alerts(Some(t)), false, t);
        let look = tray_look(en(), &v, None, &tz, t);
        assert!(!look.snoozed && !look.control);
        assert_eq!(look.lines.last().unwrap(), "Updated 15:05");
    }
}
