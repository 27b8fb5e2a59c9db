//! The queries the window, the CLI and the pressure watch ask, downsampled at query time:
//! charts ([`Store::series`]), daily totals ([`Store::daily`]), events, the recent pressure
//! history, every reading for an export, and the whole `history_query` reply
//! ([`Store::view`], a [`HistoryView`] as `docs/ipc.md` describes it).

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use rusqlite::params;
use serde::{Deserialize, Serialize};

use crate::codec::{self, StoredReading, DHW, FIELDS, HEATER_WH, N_FIELDS, PRESSURE, SOC, VOLUME};
use crate::error::{Error, Result};
use crate::event::{Event, EventKind, Severity};
use crate::store::Store;

/// The most buckets a series may have (`history_query`'s `buckets`).
pub const MAX_BUCKETS: u32 = 2000;
/// `buckets` when the window does not say.
pub const DEFAULT_BUCKETS: u32 = 1000;
/// Events in a [`HistoryView`]: the newest ones of the range.
pub const EVENTS_IN_VIEW: usize = 500;
/// The most events one [`Store::events`] call returns.
pub const MAX_EVENTS: usize = 100_000;
/// The most days [`Store::daily`] covers at once (ten years).
pub const MAX_DAYS: i64 = 3660;
/// Two readings further apart than this say nothing about what happened between them.
pub const MAX_COUNTER_GAP_MS: i64 = 2 * 3600 * 1000;

/// The charted fields, in the order of [`SeriesSet`]: indexes into `codec::FIELDS`.
const CHARTED: [usize; 8] = [SOC, 5, PRESSURE, 7, 8, 9, 10, 11];

/// Min, mean and max per bucket; `None` for a bucket without a value (a gap stays a gap).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Stats {
    pub min: Vec<Option<f64>>,
    pub mean: Vec<Option<f64>>,
    pub max: Vec<Option<f64>>,
}

/// The charted series, keyed as in `docs/ipc.md`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct SeriesSet {
    pub soc_pct: Stats,
    pub heater_power_w: Stats,
    pub pressure_bar: Stats,
    pub zone1_c: Stats,
    pub zone2_c: Stats,
    pub zone3_c: Stats,
    pub zone4_c: Stats,
    pub zone5_c: Stats,
}

impl SeriesSet {
    fn each_mut(&mut self) -> [&mut Stats; 8] {
        [
            &mut self.soc_pct,
            &mut self.heater_power_w,
            &mut self.pressure_bar,
            &mut self.zone1_c,
            &mut self.zone2_c,
            &mut self.zone3_c,
            &mut self.zone4_c,
            &mut self.zone5_c,
        ]
    }
}

/// Readings downsampled into equal buckets.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Series {
    /// Each bucket's width in seconds.
    pub bucket_s: u32,
    /// Bucket starts, unix seconds.
    pub t: Vec<i64>,
    pub series: SeriesSet,
}

/// One local calendar day's totals from the counters' deltas; `None`: unknown (no two
/// usable readings that day).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DailyTotal {
    /// `YYYY-MM-DD`, the local date.
    pub date: NaiveDate,
    /// Hot water used, L (`water_volume_total_l`).
    pub hot_water_l: Option<f64>,
    /// Electric energy charged, kWh (`heater_energy_total_kwh`).
    pub charged_kwh: Option<f64>,
    /// Hot-water energy, kWh (`dhw_energy_total_kwh`).
    pub hot_water_kwh: Option<f64>,
}

/// One point of the pressure watch's history.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct PressurePoint {
    pub at: DateTime<Utc>,
    pub pressure_bar: f64,
    pub soc_pct: f64,
}

/// The reply of `history_query` (`docs/ipc.md`), ready to return as it is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HistoryView {
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
    pub bucket_s: u32,
    pub t: Vec<i64>,
    pub series: SeriesSet,
    pub daily: Vec<DailyTotal>,
    /// Newest last, at most [`EVENTS_IN_VIEW`].
    pub events: Vec<Event>,
    /// Some of the readings in the range are the demo device's.
    pub demo: bool,
    /// "Keep history" is on: [`Store::view`] says `true`; the app sets it from its settings.
    pub enabled: bool,
}

fn check_range(from: DateTime<Utc>, to: DateTime<Utc>) -> Result<(i64, i64)> {
    if to <= from {
        return Err(Error::invalid("to", "The end must be after the start"));
    }
    Ok((from.timestamp_millis(), to.timestamp_millis()))
}

/// When the local `date` begins, in UTC ms; on a day that skips midnight (a DST change at
/// 00:00) the first local time that exists.
fn local_midnight_ms<Tz: TimeZone>(tz: &Tz, date: NaiveDate) -> i64 {
    (0..=3)
        .find_map(|h| {
            tz.from_local_datetime(&date.and_hms_opt(h, 0, 0)?)
                .earliest()
        })
        .map(|d| d.timestamp_millis())
        .unwrap_or_else(|| {
            date.and_hms_opt(0, 0, 0)
                .unwrap_or_default()
                .and_utc()
                .timestamp_millis()
        })
}

fn at(ms: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(ms).unwrap_or_default()
}

/// Greatest plausible rise of each counter per ms, in stored units, with one unit of slack
/// for rounding: a larger step is a wire fault, not usage. From `reading.rs`'s bounds:
/// the heater at most 20 kW; at most 200 L/min of hot water, heated by at most 100 K.
fn max_rise(counter: usize, dt_ms: i64) -> f64 {
    let per_ms = match counter {
        HEATER_WH => 20_000.0 / 3.6e6,
        VOLUME => 200.0 * 10.0 / 60_000.0,
        _ => 200.0 * 1.163 * 100.0 / 60_000.0,
    };
    per_ms * dt_ms as f64 + 1.0
}

/// One row of a scan: what the charts and the daily totals read.
struct ScanRow {
    t: i64,
    mask: i64,
    demo: bool,
    /// In [`CHARTED`] order.
    charted: [Option<i64>; 8],
    /// In [`COUNTERS`] order.
    counters: [Option<i64>; 3],
}

/// The daily totals' counters: hot water (dL), charged (Wh), hot-water energy (Wh).
const COUNTERS: [usize; 3] = [VOLUME, HEATER_WH, DHW];

/// Min, sum, max and count per bucket and series, in the stored integers.
struct SeriesAcc {
    from: i64,
    width: i64,
    n: usize,
    bucket_s: u32,
    min: Vec<i64>,
    max: Vec<i64>,
    sum: Vec<i64>,
    count: Vec<u32>,
    demo: bool,
}

impl SeriesAcc {
    fn new(from: DateTime<Utc>, to: DateTime<Utc>, max_buckets: u32) -> Result<SeriesAcc> {
        let (f, t) = check_range(from, to)?;
        if !(1..=MAX_BUCKETS).contains(&max_buckets) {
            return Err(Error::invalid(
                "buckets",
                format!("Buckets: must be 1-{MAX_BUCKETS}"),
            ));
        }
        let span = t - f;
        let per_bucket = (span + i64::from(max_buckets) - 1) / i64::from(max_buckets);
        let width_s = ((per_bucket + 999) / 1000).clamp(1, i64::from(u32::MAX));
        let width = width_s * 1000;
        let n = usize::try_from((span + width - 1) / width).unwrap_or(0);
        let cells = n * CHARTED.len();
        Ok(SeriesAcc {
            from: f,
            width,
            n,
            bucket_s: width_s as u32,
            min: vec![i64::MAX; cells],
            max: vec![i64::MIN; cells],
            sum: vec![0; cells],
            count: vec![0; cells],
            demo: false,
        })
    }

    fn push(&mut self, r: &ScanRow) {
        if r.t < self.from {
            return;
        }
        let Some(b) = usize::try_from((r.t - self.from) / self.width)
            .ok()
            .filter(|b| *b < self.n)
        else {
            return;
        };
        self.demo |= r.demo;
        for (j, &field) in CHARTED.iter().enumerate() {
            let Some(v) = r.charted[j].filter(|_| r.mask & (1 << field) == 0) else {
                continue;
            };
            let c = b * CHARTED.len() + j;
            self.min[c] = self.min[c].min(v);
            self.max[c] = self.max[c].max(v);
            self.sum[c] = self.sum[c].saturating_add(v);
            self.count[c] += 1;
        }
    }

    fn finish(self) -> (Series, bool) {
        let n = self.n;
        let mut out = Series {
            bucket_s: self.bucket_s,
            t: (0..n as i64)
                .map(|i| (self.from + i * self.width).div_euclid(1000))
                .collect(),
            series: SeriesSet::default(),
        };
        for (j, s) in out.series.each_mut().into_iter().enumerate() {
            let field = CHARTED[j];
            *s = Stats {
                min: vec![None; n],
                mean: vec![None; n],
                max: vec![None; n],
            };
            for b in 0..n {
                let c = b * CHARTED.len() + j;
                if self.count[c] == 0 {
                    continue;
                }
                s.min[b] = Some(codec::decode(field, self.min[c]));
                s.max[b] = Some(codec::decode(field, self.max[c]));
                s.mean[b] =
                    Some(self.sum[c] as f64 / f64::from(self.count[c]) / FIELDS[field].scale);
            }
        }
        (out, self.demo)
    }
}

/// The counters' usable steps summed per local day.
struct DailyAcc {
    from: i64,
    first: NaiveDate,
    /// Where each local day after the first starts, in UTC ms (rows come in time order).
    starts: Vec<i64>,
    day: usize,
    /// Per day, per counter; None until a step counts.
    sums: Vec<[Option<i64>; 3]>,
    /// Per counter: the last reading that had it (time, value, demo).
    last_seen: [Option<(i64, i64, bool)>; 3],
}

impl DailyAcc {
    fn new<Tz: TimeZone>(from: DateTime<Utc>, to: DateTime<Utc>, tz: &Tz) -> Result<DailyAcc> {
        let (f, t) = check_range(from, to)?;
        let first = from.with_timezone(tz).date_naive();
        let last = at(t - 1).with_timezone(tz).date_naive();
        let n_days = (last - first).num_days() + 1;
        if n_days > MAX_DAYS {
            return Err(Error::invalid(
                "to",
                format!("Daily totals: at most {MAX_DAYS} days at once"),
            ));
        }
        Ok(DailyAcc {
            from: f,
            first,
            starts: (1..n_days)
                .map(|d| local_midnight_ms(tz, first + chrono::Duration::days(d)))
                .collect(),
            day: 0,
            sums: vec![[None; 3]; n_days as usize],
            last_seen: [None; 3],
        })
    }

    fn push(&mut self, r: &ScanRow) {
        for (k, &field) in COUNTERS.iter().enumerate() {
            let Some(v) = r.counters[k].filter(|_| r.mask & (1 << field) == 0) else {
                continue;
            };
            if let Some((pt, pv, pdemo)) = self.last_seen[k] {
                let dt = r.t - pt;
                let delta = v - pv;
                let usable = r.t >= self.from
                    && pdemo == r.demo
                    && dt <= MAX_COUNTER_GAP_MS
                    && delta >= 0
                    && (delta as f64) <= max_rise(field, dt);
                if usable {
                    while self.day < self.starts.len() && r.t >= self.starts[self.day] {
                        self.day += 1;
                    }
                    let s = &mut self.sums[self.day][k];
                    *s = Some(s.unwrap_or(0) + delta);
                }
            }
            self.last_seen[k] = Some((r.t, v, r.demo));
        }
    }

    fn finish(self) -> Vec<DailyTotal> {
        let first = self.first;
        self.sums
            .into_iter()
            .enumerate()
            .map(|(d, [l, c, h])| DailyTotal {
                date: first + chrono::Duration::days(d as i64),
                hot_water_l: l.map(|x| codec::decode(VOLUME, x)),
                charged_kwh: c.map(|x| codec::decode(HEATER_WH, x)),
                hot_water_kwh: h.map(|x| codec::decode(DHW, x)),
            })
            .collect()
    }
}

impl Store {
    /// One pass over `[from_ms, to_ms)` in time order (the table's own order: no sort).
    fn scan(&self, from_ms: i64, to_ms: i64, mut f: impl FnMut(&ScanRow)) -> Result<()> {
        let cols: Vec<&str> = CHARTED
            .iter()
            .chain(COUNTERS.iter())
            .map(|&i| FIELDS[i].column)
            .collect();
        let sql = format!(
            "SELECT t, implausible, demo, {} FROM readings WHERE t >= ?1 AND t < ?2 ORDER BY t",
            cols.join(", ")
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = stmt.query(params![from_ms, to_ms])?;
        while let Some(row) = rows.next()? {
            let mut r = ScanRow {
                t: row.get(0)?,
                mask: row.get(1)?,
                demo: row.get(2)?,
                charted: [None; 8],
                counters: [None; 3],
            };
            for (j, v) in r.charted.iter_mut().enumerate() {
                *v = row.get(3 + j)?;
            }
            for (k, v) in r.counters.iter_mut().enumerate() {
                *v = row.get(3 + CHARTED.len() + k)?;
            }
            f(&r);
        }
        Ok(())
    }

    /// `[from, to)` in at most `max_buckets` (1 to [`MAX_BUCKETS`]) equal buckets of whole
    /// seconds, with min, mean and max per bucket of each charted series.
    pub fn series(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        max_buckets: u32,
    ) -> Result<Series> {
        let mut acc = SeriesAcc::new(from, to, max_buckets)?;
        self.scan(from.timestamp_millis(), to.timestamp_millis(), |r| {
            acc.push(r)
        })?;
        Ok(acc.finish().0)
    }

    /// Per local calendar day of `[from, to)` (in `tz`): hot water used, energy charged and
    /// hot-water energy, from the deltas of the lifetime counters between consecutive
    /// readings. A counter that goes back (a reset), a step beyond what the device could
    /// physically do, a gap of more than 2 h, or a switch between demo and real readings
    /// contributes nothing. A step counts on the day of its later reading; the first and
    /// last day count only what falls inside the range.
    pub fn daily<Tz: TimeZone>(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        tz: &Tz,
    ) -> Result<Vec<DailyTotal>> {
        let mut acc = DailyAcc::new(from, to, tz)?;
        let (f, t) = (from.timestamp_millis(), to.timestamp_millis());
        self.scan(f.saturating_sub(MAX_COUNTER_GAP_MS), t, |r| acc.push(r))?;
        Ok(acc.finish())
    }

    /// Events of `[from, to)`: the newest `limit` (at most [`MAX_EVENTS`]), newest last.
    /// A row this version cannot read (a kind from a later version) is skipped.
    pub fn events(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        limit: usize,
    ) -> Result<Vec<Event>> {
        let (f, t) = check_range(from, to)?;
        let limit = limit.min(MAX_EVENTS);
        let mut stmt = self.conn.prepare_cached(
            "SELECT t, kind, severity, title, body, detail, demo FROM events
             WHERE t >= ?1 AND t < ?2 ORDER BY t DESC, id DESC LIMIT ?3",
        )?;
        let mut rows = stmt.query(params![f, t, limit as i64])?;
        let mut out = Vec::new();
        while let Some(row) = rows.next()? {
            let kind: String = row.get(1)?;
            let severity: String = row.get(2)?;
            let (Some(kind), Some(severity)) =
                (EventKind::parse(&kind), Severity::parse(&severity))
            else {
                continue;
            };
            let detail: Option<String> = row.get(5)?;
            out.push(Event {
                at: at(row.get(0)?),
                kind,
                severity,
                title: row.get(3)?,
                body: row.get(4)?,
                detail: detail.and_then(|d| serde_json::from_str(&d).ok()),
                demo: row.get(6)?,
            });
        }
        out.reverse();
        Ok(out)
    }

    /// Readings since `since` with both a pressure and a state of charge, oldest first:
    /// the pressure watch restores its leak history from them at start. Only the demo
    /// device's readings when `demo`, only real ones otherwise, so one never feeds the
    /// other's leak rule.
    pub fn recent_pressure(&self, since: DateTime<Utc>, demo: bool) -> Result<Vec<PressurePoint>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT t, pressure, soc FROM readings
             WHERE t >= ?1 AND demo = ?2 AND pressure IS NOT NULL AND soc IS NOT NULL
                 AND implausible & ?3 = 0
             ORDER BY t",
        )?;
        let mask = (1i64 << PRESSURE) | (1i64 << SOC);
        let rows = stmt.query_map(params![since.timestamp_millis(), demo, mask], |r| {
            Ok(PressurePoint {
                at: at(r.get(0)?),
                pressure_bar: codec::decode(PRESSURE, r.get(1)?),
                soc_pct: codec::decode(SOC, r.get(2)?),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every reading of `[from, to)`, oldest first, one at a time to `f` (an export never
    /// holds a year in memory). An error from `f` stops the query and is returned.
    pub fn readings<F>(&self, from: DateTime<Utc>, to: DateTime<Utc>, mut f: F) -> Result<usize>
    where
        F: FnMut(StoredReading) -> Result<()>,
    {
        let (from_ms, to_ms) = check_range(from, to)?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT r.t, r.soc, r.soc_total, r.stored_wh, r.flow, r.pressure, r.heater_w,
                 r.outlet, r.z1, r.z2, r.z3, r.z4, r.z5, r.dhw_wh, r.heater_wh, r.volume_dl,
                 s.name, r.dependent_mode, r.online_mode, r.implausible, r.demo
             FROM readings r LEFT JOIN states s ON s.id = r.state
             WHERE r.t >= ?1 AND r.t < ?2 ORDER BY r.t",
        )?;
        let mut rows = stmt.query(params![from_ms, to_ms])?;
        let mut n = 0;
        while let Some(row) = rows.next()? {
            let mut raw = [None; N_FIELDS];
            for (i, v) in raw.iter_mut().enumerate() {
                *v = row.get(1 + i)?;
            }
            let r = StoredReading::from_parts(
                at(row.get(0)?),
                raw,
                row.get(19)?,
                row.get(16)?,
                (row.get(17)?, row.get(18)?),
                row.get(20)?,
            );
            f(r)?;
            n += 1;
        }
        Ok(n)
    }

    /// [`Store::readings`] collected (for small ranges and tests).
    pub fn readings_vec(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<StoredReading>> {
        let mut out = Vec::new();
        self.readings(from, to, |r| {
            out.push(r);
            Ok(())
        })?;
        Ok(out)
    }

    /// Whether any demo reading falls in `[from, to)`.
    pub fn has_demo_in(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Result<bool> {
        let (f, t) = check_range(from, to)?;
        Ok(self.conn.query_row(
            "SELECT EXISTS(SELECT 1 FROM readings WHERE t >= ?1 AND t < ?2 AND demo = 1)",
            params![f, t],
            |r| r.get(0),
        )?)
    }

    /// The whole `history_query` reply for `[from, to)`: series in at most `buckets`
    /// buckets, daily totals by the local days of `tz`, the newest [`EVENTS_IN_VIEW`]
    /// events, read in one transaction so they agree. `enabled` is `true`; the app sets
    /// it from its settings.
    pub fn view<Tz: TimeZone>(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        buckets: u32,
        tz: &Tz,
    ) -> Result<HistoryView> {
        let mut series = SeriesAcc::new(from, to, buckets)?;
        let mut daily = DailyAcc::new(from, to, tz)?;
        let tx = self.conn.unchecked_transaction()?;
        // One pass feeds both (from 2 h early, for the first counter steps).
        let (f, t) = (from.timestamp_millis(), to.timestamp_millis());
        self.scan(f.saturating_sub(MAX_COUNTER_GAP_MS), t, |r| {
            series.push(r);
            daily.push(r);
        })?;
        let events = self.events(from, to, EVENTS_IN_VIEW)?;
        tx.finish()?;
        let (series, demo) = series.finish();
        Ok(HistoryView {
            from,
            to,
            bucket_s: series.bucket_s,
            t: series.t,
            series: series.series,
            daily: daily.finish(),
            events,
            demo,
            enabled: true,
        })
    }
}
