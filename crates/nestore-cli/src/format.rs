//! Human output: every reading with its unit.

use std::fmt::Write;

use nestore::{Measure, Reading};

fn measure(m: Measure, decimals: usize, unit: &str) -> String {
    match m {
        Measure::Reported(v) => format!("{v:.decimals$} {unit}"),
        Measure::NotReported => "not reported".into(),
        Measure::Implausible(v) => format!("implausible ({v} {unit})"),
    }
}

/// The pressure is the owner's main health signal: a missing one says where to look.
fn pressure(m: Measure) -> String {
    match m {
        Measure::NotReported => "not reported (check the pressure sensor)".into(),
        m => measure(m, 2, "bar"),
    }
}

fn yes_no(b: Option<bool>) -> &'static str {
    match b {
        Some(true) => "yes",
        Some(false) => "no",
        None => "not reported",
    }
}

pub fn status(r: &Reading) -> String {
    let zones: Vec<String> = r
        .zone_temps_c
        .iter()
        .map(|z| measure(*z, 1, "°C"))
        .collect();
    let rows = [
        ("State of charge", measure(r.soc_pct, 1, "%")),
        ("State of charge (total)", measure(r.soc_total_pct, 1, "%")),
        ("Stored energy", measure(r.stored_energy_kwh, 2, "kWh")),
        ("Hot-water flow", measure(r.hot_water_flow_lpm, 1, "L/min")),
        ("Pressure", pressure(r.pressure_bar)),
        ("Heater power", measure(r.heater_power_w, 0, "W")),
        ("Heater outlet", measure(r.heater_outlet_c, 1, "°C")),
        ("Vessel zones 1-5 (top first)", zones.join(", ")),
        (
            "Hot-water energy total",
            measure(r.dhw_energy_total_kwh, 1, "kWh"),
        ),
        (
            "Charging energy total",
            measure(r.heater_energy_total_kwh, 1, "kWh"),
        ),
        (
            "Hot-water volume total",
            measure(r.water_volume_total_l, 0, "L"),
        ),
        (
            "State",
            r.state.clone().unwrap_or_else(|| "not reported".into()),
        ),
        ("Dependent mode", yes_no(r.dependent_mode).into()),
        ("Online mode", yes_no(r.online_mode).into()),
        (
            "Read at",
            r.read_at
                .with_timezone(&chrono::Local)
                .format("%Y-%m-%d %H:%M:%S")
                .to_string(),
        ),
    ];
    let mut out = String::new();
    for (label, value) in rows {
        let _ = writeln!(out, "{label:<29} {value}");
    }
    out
}

/// One line for `watch`.
pub fn line(r: &Reading) -> String {
    format!(
        "{}  SOC {}  pressure {}  heater {}  {}",
        r.read_at.with_timezone(&chrono::Local).format("%H:%M:%S"),
        measure(r.soc_pct, 1, "%"),
        pressure(r.pressure_bar),
        measure(r.heater_power_w, 0, "W"),
        r.state.as_deref().unwrap_or("state not reported"),
    )
}
