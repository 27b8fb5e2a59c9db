//! CSV export, for the app's "Export CSV" and `nestore history export`: one row per reading
//! (or per day), a header whose names carry the units (the keys of `nestore status --json`,
//! zones numbered), times in ISO 8601 with their offset, `.` decimals, empty cells for
//! values not reported or implausible.
//!
//! Device text (the state) is quoted when needed, and a cell that a spreadsheet would take
//! for a formula (starting with `=`, `+`, `-`, `@`, tab or CR) gets a leading `'`.

use std::fmt::Display;
use std::io::Write;

use chrono::{DateTime, SecondsFormat, TimeZone, Utc};

use crate::codec::{StoredReading, FIELDS};
use crate::error::Result;
use crate::query::DailyTotal;
use crate::store::Store;

/// The header of [`write_readings_csv`], without its line end.
pub fn readings_header() -> String {
    let mut cols = vec!["read_at"];
    cols.extend(FIELDS.iter().map(|f| f.key));
    cols.extend([
        "state",
        "dependent_mode",
        "online_mode",
        "implausible",
        "demo",
    ]);
    cols.join(",")
}

/// The header of [`write_daily_csv`].
pub const DAILY_HEADER: &str = "date,hot_water_l,charged_kwh,hot_water_kwh";

fn text_cell(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_owned()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

fn num(v: Option<f64>) -> String {
    v.map(|x| x.to_string()).unwrap_or_default()
}

fn flag(v: Option<bool>) -> &'static str {
    match v {
        Some(true) => "true",
        Some(false) => "false",
        None => "",
    }
}

/// One reading as a CSV line (with its line end), times in `tz`.
pub fn reading_row<Tz: TimeZone>(r: &StoredReading, tz: &Tz) -> String
where
    Tz::Offset: Display,
{
    let mut cells = Vec::with_capacity(21);
    cells.push(
        r.read_at
            .with_timezone(tz)
            .to_rfc3339_opts(SecondsFormat::AutoSi, false),
    );
    cells.extend(r.values().into_iter().map(num));
    cells.push(r.state.as_deref().map(text_cell).unwrap_or_default());
    cells.push(flag(r.dependent_mode).to_owned());
    cells.push(flag(r.online_mode).to_owned());
    cells.push(r.implausible.join(";"));
    cells.push(if r.demo { "true" } else { "false" }.to_owned());
    let mut line = cells.join(",");
    line.push_str("\r\n");
    line
}

/// Writes every reading of `[from, to)` as CSV to `out` (times in `tz`), streaming; returns
/// the number of rows. Lines end in CRLF (RFC 4180).
pub fn write_readings_csv<W: Write, Tz: TimeZone>(
    store: &Store,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    tz: &Tz,
    out: W,
) -> Result<usize>
where
    Tz::Offset: Display,
{
    let mut out = std::io::BufWriter::new(out);
    write!(out, "{}\r\n", readings_header())?;
    let n = store.readings(from, to, |r| {
        out.write_all(reading_row(&r, tz).as_bytes())?;
        Ok(())
    })?;
    out.flush()?;
    Ok(n)
}

/// Writes daily totals ([`Store::daily`]) as CSV, one row per day; returns the rows.
pub fn write_daily_csv<W: Write>(days: &[DailyTotal], out: W) -> Result<usize> {
    let mut out = std::io::BufWriter::new(out);
    write!(out, "{DAILY_HEADER}\r\n")?;
    for d in days {
        write!(
            out,
            "{},{},{},{}\r\n",
            d.date.format("%Y-%m-%d"),
            num(d.hot_water_l),
            num(d.charged_kwh),
            num(d.hot_water_kwh)
        )?;
    }
    out.flush()?;
    Ok(days.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_defused_and_quotes_escaped() {
        assert_eq!(text_cell("Standby"), "Standby");
        assert_eq!(text_cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(text_cell("a,b"), "\"a,b\"");
        assert_eq!(text_cell("-1"), "'-1");
    }
}
