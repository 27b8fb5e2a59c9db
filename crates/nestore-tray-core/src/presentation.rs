//! How the status looks: the tray icon's look and the menu's header lines. Linux trays
//! deliver no clicks and no tooltips, so the menu carries the information.

use chrono::{DateTime, TimeZone, Utc};

use crate::icon::{IconSpec, Look};
use crate::status::{Connection, Status};

/// The healthy pressure band and the alarm levels (PROTOCOL.md, "Health").
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct PressureBand {
    pub low_bar: f64,
    pub high_bar: f64,
    pub low_alarm_bar: f64,
    pub high_alarm_bar: f64,
}

impl Default for PressureBand {
    fn default() -> Self {
        PressureBand {
            low_bar: 2.0,
            high_bar: 3.0,
            low_alarm_bar: 1.5,
            high_alarm_bar: 3.5,
        }
    }
}

/// The tray icon for this status.
pub fn icon_spec(status: &Status, band: &PressureBand, now: DateTime<Utc>) -> IconSpec {
    let Some(r) = status.fresh_reading(now) else {
        let soc = status.reading.as_ref().and_then(|r| r.soc_pct.value());
        return IconSpec {
            soc_pct: soc.map(round_pct),
            look: Look::Offline,
        };
    };
    let soc = r.soc_pct.value();
    let look = match r.pressure_bar.value() {
        None => Look::Alarm, // implausible: the sensor cannot be trusted
        Some(p) if p < band.low_alarm_bar || p > band.high_alarm_bar => Look::Alarm,
        Some(p) if p > band.high_bar || (p < band.low_bar && soc.is_some_and(|s| s > 50.0)) => {
            Look::Warning
        }
        _ if r.is_charging() => Look::Charging,
        _ => Look::Normal,
    };
    IconSpec {
        soc_pct: soc.map(round_pct),
        look,
    }
}

fn round_pct(v: f64) -> u8 {
    v.round().clamp(0.0, 100.0) as u8
}

/// The disabled header lines at the top of the tray menu.
pub fn header_lines<Tz: TimeZone>(status: &Status, tz: &Tz, now: DateTime<Utc>) -> Vec<String>
where
    Tz::Offset: std::fmt::Display,
{
    let hm = |t: DateTime<Utc>| t.with_timezone(tz).format("%H:%M").to_string();
    if status.connection == Connection::NotConfigured {
        return vec!["No device configured".into()];
    }
    let mut lines = Vec::new();
    match &status.reading {
        Some(r) => {
            lines.push(match r.soc_pct.value() {
                Some(v) => format!("State of charge {v:.0} %"),
                None => "State of charge not reported".into(),
            });
            lines.push(match r.pressure_bar.value() {
                Some(v) => format!("Pressure {v:.1} bar"),
                None if r.pressure_bar.is_implausible() => "Pressure sensor fault".into(),
                None => "Pressure not reported".into(),
            });
            lines.push(
                r.state
                    .clone()
                    .unwrap_or_else(|| "State not reported".into()),
            );
        }
        None if status.connection == Connection::Connecting => lines.push("Connecting…".into()),
        None => {}
    }
    match (status.connection, status.offline_since, status.updated_at) {
        (Connection::Offline, Some(since), _) => lines.push(format!("Offline since {}", hm(since))),
        (_, _, Some(t)) if status.is_stale(now) => lines.push(format!("Stale: updated {}", hm(t))),
        (_, _, Some(t)) => lines.push(format!("Updated {}", hm(t))),
        _ => {}
    }
    lines
}

/// The tray tooltip / macOS title.
pub fn title(status: &Status) -> String {
    match status.reading.as_ref().and_then(|r| r.soc_pct.value()) {
        Some(v) => format!("{v:.0} %"),
        None => "–".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::FixedOffset;

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
    fn looks_follow_pressure_charge_and_connection() {
        let band = PressureBand::default();
        let look = |s: &Status| icon_spec(s, &band, now(s)).look;
        assert_eq!(look(&status(63.4, "2.4", "Standby")), Look::Normal);
        assert_eq!(
            icon_spec(&status(63.4, "2.4", "Standby"), &band, chrono::Utc::now()).soc_pct,
            Some(63)
        );
        assert_eq!(
            look(&status(63.0, "2.4", nestore::CHARGING_STATE)),
            Look::Charging
        );
        assert_eq!(
            look(&status(63.0, "1.8", nestore::CHARGING_STATE)),
            Look::Warning
        );
        assert_eq!(
            look(&status(40.0, "1.8", "Standby")),
            Look::Normal,
            "low pressure is normal at low charge"
        );
        assert_eq!(look(&status(40.0, "1.4", "Standby")), Look::Alarm);
        assert_eq!(look(&status(80.0, "3.2", "Standby")), Look::Warning);
        assert_eq!(look(&status(80.0, "3.6", "Standby")), Look::Alarm);
        assert_eq!(look(&status(80.0, "-1", "Standby")), Look::Alarm);
        let mut s = status(80.0, "2.5", "Standby");
        let t = now(&s);
        s.record(Err(nestore::Error::Unauthorized), t);
        assert_eq!(
            icon_spec(&s, &band, t),
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
            header_lines(&s, &tz, now(&s)),
            vec![
                "State of charge 63 %",
                "Pressure 2.4 bar",
                "Charging Electrical Main",
                "Updated 15:05"
            ]
        );
        let mut off = s.clone();
        let t = now(&s) + chrono::Duration::seconds(290);
        off.record(Err(nestore::Error::Unauthorized), t);
        assert_eq!(
            header_lines(&off, &tz, t).last().unwrap(),
            "Offline since 15:10"
        );
        let stale_at = s.updated_at.unwrap() + chrono::Duration::seconds(601);
        assert_eq!(
            header_lines(&s, &tz, stale_at).last().unwrap(),
            "Stale: updated 15:05"
        );
        assert_eq!(
            header_lines(&Status::not_configured(300), &tz, t),
            vec!["No device configured"]
        );
        assert_eq!(
            header_lines(&status(50.0, "12", "X"), &tz, now(&s))[1],
            "Pressure sensor fault"
        );
    }
}
