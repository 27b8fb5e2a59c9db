//! Shared simulator state (simulated clock and its speed, model, tokens, logs, pending
//! faults), which may not answer HTTP and holds the device listener only to close and
//! re-bind it.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde::{Deserialize, Serialize};
use tokio::sync::watch;

use crate::auth::Tokens;
use crate::config::{ApiVersion, SimConfig, TokenForm};
use crate::fault::{Fault, FLAKY_PROBABILITY};
use crate::listener::ListenerSlot;
use crate::model::{Counters, Model};
use crate::scenario::Scenario;

/// Tokens under the token_expiry scenario live this long (simulated).
const SHORT_TOKEN_LIFETIME_S: f64 = 120.0;

/// Everything observable about the simulated device (admin API, tests).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    pub sim_time_s: f64,
    /// Simulated seconds per real second; 0 while the clock is paused.
    pub speed: f64,
    pub time_of_day_s: f64,
    pub soc_pct: f64,
    pub soc_total_pct: f64,
    pub stored_energy_wh: f64,
    pub pressure_bar: f64,
    pub zone_temps_c: [f64; 5],
    pub heater_power_w: f64,
    pub heater_outlet_c: f64,
    pub flow_lpm: f64,
    pub counters: Counters,
    pub state_name: String,
    pub scenario: Scenario,
    /// "start", "stop" or none.
    pub task: Option<String>,
}

/// One POST to the control path, accepted or not.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ControlRecord {
    pub path: String,
    /// The body as JSON; a body that is not JSON is kept as a JSON string.
    pub body: serde_json::Value,
    /// The raw Authorization header.
    pub authorization: Option<String>,
    pub status: u16,
}

pub(crate) struct Inner {
    pub model: Model,
    speed: f64,
    last_real: Instant,
    pub scenario: Scenario,
    pub tokens: Tokens,
    pub token_form: TokenForm,
    pub token_lifetime: Duration,
    pub log: Vec<ControlRecord>,
    pub token_requests: usize,
    faults: VecDeque<Fault>,
    rng: StdRng,
    /// Cycles the sensor_fault readings.
    pub sensor_reads: u64,
}

impl Inner {
    /// Bring the model up to the simulated "now" (real elapsed × speed).
    fn sync(&mut self) {
        let now = Instant::now();
        let dt = now.duration_since(self.last_real).as_secs_f64() * self.speed;
        self.last_real = now;
        if dt > 0.0 {
            let t = self.model.sim_time_s + dt;
            self.model.run_until(t, self.scenario);
        }
    }

    pub fn speed(&self) -> f64 {
        self.speed
    }

    /// Run the clock at `speed` from now on (0 pauses it); the time up to now has passed at
    /// the old speed. Returns the old speed. The caller checks the range.
    pub fn set_speed(&mut self, speed: f64) -> f64 {
        self.sync();
        std::mem::replace(&mut self.speed, speed)
    }

    pub fn advance(&mut self, d: Duration) {
        let t = self.model.sim_time_s + d.as_secs_f64();
        self.model.run_until(t, self.scenario);
    }

    pub fn token_lifetime_s(&self) -> f64 {
        let l = self.token_lifetime.as_secs_f64();
        if self.scenario == Scenario::TokenExpiry {
            l.min(SHORT_TOKEN_LIFETIME_S)
        } else {
            l
        }
    }

    pub fn issue_token(&mut self) -> String {
        let (now, life) = (self.model.sim_time_s, self.token_lifetime_s());
        self.tokens.issue(now, life)
    }

    pub fn token_valid(&self, token: &str) -> bool {
        self.tokens
            .is_valid(token, self.model.sim_time_s, self.token_lifetime_s())
    }

    pub fn push_fault(&mut self, f: Fault) {
        self.faults.push_back(f);
    }

    /// One-shot faults first; otherwise the flaky scenario's seeded dice.
    pub fn next_fault(&mut self) -> Option<Fault> {
        if let Some(f) = self.faults.pop_front() {
            return Some(f);
        }
        if self.scenario == Scenario::Flaky && self.rng.random_bool(FLAKY_PROBABILITY) {
            return Some(Fault::random_flaky(self.rng.random_range(0..4)));
        }
        None
    }

    pub fn snapshot(&self) -> Snapshot {
        let m = &self.model;
        let sc = self.scenario;
        Snapshot {
            sim_time_s: m.sim_time_s,
            speed: self.speed,
            time_of_day_s: m.time_of_day_s(),
            soc_pct: m.soc_pct(),
            soc_total_pct: m.soc_total_pct(),
            stored_energy_wh: m.te_wh,
            pressure_bar: m.pressure_bar(),
            zone_temps_c: m.zone_temps_c(),
            heater_power_w: m.heater_power_w(sc),
            heater_outlet_c: m.heater_outlet_c(sc),
            flow_lpm: m.flow_lpm(sc),
            counters: m.counters,
            state_name: m.state_name(sc).to_owned(),
            scenario: sc,
            task: m.task.map(|t| t.kind().to_owned()),
        }
    }
}

pub(crate) struct Shared {
    inner: Mutex<Inner>,
    pub api: ApiVersion,
    pub password_digest: String,
    /// Current scenario, for waiters (offline_hang) that must not hold the lock.
    pub scenario_tx: watch::Sender<Scenario>,
    /// The device listener, closed and re-bound by offline_refuse.
    pub device: Arc<ListenerSlot>,
    /// Serialises scenario switches so close/re-bind pairs cannot interleave.
    switching: Mutex<()>,
}

impl Shared {
    pub fn new(config: &SimConfig, device: Arc<ListenerSlot>) -> Shared {
        let inner = Inner {
            model: Model::new(
                config.initial_soc_pct,
                config.start_time_of_day_s,
                config.seed,
            ),
            speed: config.speed,
            last_real: Instant::now(),
            scenario: config.scenario,
            tokens: Tokens::default(),
            token_form: config.token_form,
            token_lifetime: config.token_lifetime,
            log: Vec::new(),
            token_requests: 0,
            faults: VecDeque::new(),
            rng: StdRng::seed_from_u64(config.seed),
            sensor_reads: 0,
        };
        Shared {
            inner: Mutex::new(inner),
            api: config.api_version,
            password_digest: crate::auth::password_digest(&config.password),
            scenario_tx: watch::channel(config.scenario).0,
            device,
            switching: Mutex::new(()),
        }
    }

    /// Lock and bring the model up to now. Poisoning is ignored: the state stays usable.
    pub fn lock(&self) -> MutexGuard<'_, Inner> {
        let mut g = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        g.sync();
        g
    }

    /// Switch scenario. Going offline_refuse closes the device port (and drops its live
    /// connections) before returning; leaving it re-binds the same port.
    pub fn set_scenario(&self, s: Scenario) -> Scenario {
        let _switching = self.switching.lock().unwrap_or_else(|e| e.into_inner());
        let prev = {
            let mut g = self.lock();
            let prev = g.scenario;
            g.scenario = s;
            g.model.on_scenario(s);
            prev
        };
        if s == Scenario::OfflineRefuse && prev != Scenario::OfflineRefuse {
            self.device.close();
        } else if prev == Scenario::OfflineRefuse && s != Scenario::OfflineRefuse {
            if let Err(e) = self.device.reopen() {
                tracing::error!(addr = %self.device.addr(), "cannot re-bind device port: {e}");
            }
        }
        self.scenario_tx.send_replace(s);
        tracing::info!(from = %prev, to = %s, "scenario switched");
        prev
    }

    pub fn scenario(&self) -> Scenario {
        *self.scenario_tx.borrow()
    }
}
