//! The history's figures (run in release by `scripts/bench-history.sh`). Goals: one reading
//! written in at most 1 ms, a year at 5-minute polls in at most 15 MB, any range query over
//! a year in at most 50 ms.

use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use nestore_history::*;

fn ms(d: Duration) -> String {
    format!("{:.3} ms", d.as_secs_f64() * 1000.0)
}

/// Median and worst of `runs` timings of `f`: wall time, and this thread's CPU time in
/// `CPU` (a busy machine stretches the wall time, not the CPU time).
fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, Duration) {
    let mut wall = Vec::new();
    let mut cpu = Vec::new();
    for _ in 0..runs {
        let t = Instant::now();
        let c = cpu_time::ThreadTime::now();
        std::hint::black_box(f());
        cpu.push(c.elapsed());
        wall.push(t.elapsed());
    }
    wall.sort();
    cpu.sort();
    CPU.with(|x| x.set((cpu[cpu.len() / 2], cpu[cpu.len() - 1])));
    (wall[wall.len() / 2], wall[wall.len() - 1])
}

thread_local! {
    static CPU: std::cell::Cell<(Duration, Duration)> = const { std::cell::Cell::new((Duration::ZERO, Duration::ZERO)) };
}

/// The CPU times of the last [`time`].
fn cpu() -> String {
    let (median, worst) = CPU.with(|x| x.get());
    format!("[CPU median {}, worst {}]", ms(median), ms(worst))
}

fn main() -> Result<()> {
    println!(
        "machine load: {} (wall times stretch on a busy machine; CPU times do not)",
        std::fs::read_to_string("/proc/loadavg")
            .unwrap_or_default()
            .trim()
    );
    let dir = std::env::temp_dir().join(format!("nestore-history-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let path = dir.join(FILE_NAME);
    let end = DateTime::<Utc>::from_timestamp(1_764_028_800, 0).unwrap();
    let from = end - chrono::Duration::days(365);

    // A year at 5-minute polls, from the simulator's model.
    let (mut store, _) = Store::open(&path)?;
    let t = Instant::now();
    let n = store.seed_demo(&SeedOptions::new(end, 365))?;
    let seeded = t.elapsed();
    store.checkpoint()?;
    let size = std::fs::metadata(&path)?.len();
    println!(
        "year of readings at 5 min: {n} rows, seeded in {}",
        ms(seeded)
    );
    println!(
        "file size for a year: {:.2} MB ({:.1} bytes per reading; goal <= 15 MB)",
        size as f64 / 1e6,
        size as f64 / n as f64
    );

    // One reading written, each its own transaction (what the writer does at 5-min polls).
    let rows = store.readings_vec(from, from + chrono::Duration::hours(1))?;
    let template = rows[0].clone();
    let reading = |i: i64| {
        let mut r = nestore_test_reading(&template);
        r.read_at = end + chrono::Duration::seconds(300 * (i + 1));
        r
    };
    let mut i = 0;
    let (median, worst) = time(1000, || {
        i += 1;
        store.insert_reading(&reading(i), false).unwrap()
    });
    println!(
        "one reading written (own transaction, into a year): median {}, worst {} {} (goal <= 1 ms)",
        ms(median),
        ms(worst),
        cpu()
    );
    drop(store);

    // The same through the writer thread: what the poller pays, and until it is on disk.
    let writer = Writer::spawn(path.clone(), WriterOptions::default())?;
    let mut k = 10_000;
    let (send_median, send_worst) = time(200, || {
        k += 1;
        writer.send_reading(&reading(k), false)
    });
    let (flush_median, flush_worst) = time(200, || {
        k += 1;
        writer.send_reading(&reading(k), false);
        assert!(writer.flush(Duration::from_secs(10)));
    });
    println!(
        "writer: send median {}, worst {}; send until committed median {}, worst {}",
        ms(send_median),
        ms(send_worst),
        ms(flush_median),
        ms(flush_worst)
    );
    writer.close(Duration::from_secs(10));

    // Range queries over the year, each on a fresh read-only connection.
    let q = |name: &str, f: &dyn Fn(&Store) -> Result<usize>| -> Result<()> {
        let (median, worst) = time(10, || {
            let s = Store::open_read_only(&path).unwrap();
            f(&s).unwrap()
        });
        println!(
            "query over a year, {name}: median {}, worst {} {} (goal <= 50 ms)",
            ms(median),
            ms(worst),
            cpu()
        );
        Ok(())
    };
    q("view (1000 buckets, daily, events)", &|s| {
        Ok(s.view(from, end, DEFAULT_BUCKETS, &chrono::Local)?.t.len())
    })?;
    q("series (2000 buckets)", &|s| {
        Ok(s.series(from, end, MAX_BUCKETS)?.t.len())
    })?;
    q("daily totals (365 days)", &|s| {
        Ok(s.daily(from, end, &chrono::Local)?.len())
    })?;
    q("events (newest 500)", &|s| {
        Ok(s.events(from, end, 500)?.len())
    })?;
    q("recent pressure (6 h)", &|s| {
        Ok(s.recent_pressure(end - chrono::Duration::hours(6), true)?
            .len())
    })?;
    q("one day (1000 buckets)", &|s| {
        Ok(
            s.series(end - chrono::Duration::days(1), end, DEFAULT_BUCKETS)?
                .t
                .len(),
        )
    })?;
    let (median, worst) = time(3, || {
        let s = Store::open_read_only(&path).unwrap();
        write_readings_csv(&s, from, end, &chrono::Local, std::io::sink()).unwrap()
    });
    println!(
        "CSV export of a year ({n} rows): median {}, worst {} {}",
        ms(median),
        ms(worst),
        cpu()
    );
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

/// A `Reading` with the values of a stored one.
fn nestore_test_reading(s: &StoredReading) -> nestore::reading::Reading {
    use nestore::reading::Measure;
    let m = |v: Option<f64>| v.map_or(Measure::NotReported, Measure::Reported);
    nestore::reading::Reading {
        soc_pct: m(s.soc_pct),
        soc_total_pct: m(s.soc_total_pct),
        stored_energy_kwh: m(s.stored_energy_kwh),
        hot_water_flow_lpm: m(s.hot_water_flow_lpm),
        pressure_bar: m(s.pressure_bar),
        heater_power_w: m(s.heater_power_w),
        heater_outlet_c: m(s.heater_outlet_c),
        zone_temps_c: s.zone_temps_c.map(m),
        dhw_energy_total_kwh: m(s.dhw_energy_total_kwh),
        heater_energy_total_kwh: m(s.heater_energy_total_kwh),
        water_volume_total_l: m(s.water_volume_total_l),
        state: s.state.clone(),
        dependent_mode: s.dependent_mode,
        online_mode: s.online_mode,
        read_at: s.read_at,
    }
}
