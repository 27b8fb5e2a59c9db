//! The `/sim/...` admin API for tests and scripts, paths the real device lacks: answers from
//! the shared state, and may not touch the device routes or the gate.
//!
//! Bodies and replies are JSON. A bad body, an unknown field (`/sim/set`, `/sim/speed`) or
//! a value out of range answers 400 with `{"ERROR": {"CODE": 400, "MESSAGE": ...}}` and
//! changes nothing. "The snapshot" is the reply of `GET /sim/state`.
//!
//! | Route | Body | Reply |
//! |---|---|---|
//! | `GET /sim/state` | | the snapshot: `sim_time_s`, `time_of_day_s`, `speed`, `soc_pct`, `pressure_bar`, `scenario`, ... |
//! | `POST /sim/scenario` | `{"name": "leak"}` (a [`Scenario`] name) | `{"scenario": "leak"}` |
//! | `POST /sim/speed` | `{"speed": 0}`: simulated s per real s, 0 (paused) ..= [`MAX_SPEED`](crate::config::MAX_SPEED) (100000) | the snapshot, with the new `speed` |
//! | `POST /sim/advance` | `{"seconds": 3600}`: 0 ..= [`MAX_ADVANCE_S`] (31 days), works at any speed | the snapshot after running the model |
//! | `POST /sim/set` | any of `{"soc_pct": 0..=100, "pressure_bar": 0..=10, "token_form": "bare"\|"object", "token_lifetime_s": > 0}` | the snapshot |
//! | `GET /sim/log` | | the control requests: `[{"path", "body", "authorization", "status"}]` |
//! | `DELETE /sim/log` | | `{"cleared": true}` |
//! | `POST /sim/expire-tokens` | | `{"expired": true}` |
//! | `POST /sim/fault` | `{"kind": "status500"\|"truncated"\|"slow"\|"drop"\|"hang", "count": 0..=1000 (default 1), "millis": (slow, default 2000)}` | `{"queued": count}` |
//! | `GET /sim/token-requests` | | `{"count": n}` |
//!
//! `/sim/set` applies `soc_pct` before `pressure_bar`, so both hold together; the pressure
//! then follows the charge (and a leak or over-pressure) from the value set, and switching
//! //! to the `normal` scenario heals it. `{"speed": 0}` pauses the simulated clock: the model
//! (time of day, charge, pressure, hot-water draws) then stands still until `/sim/advance`
//! or a new speed moves it.

use std::sync::Arc;
use std::time::Duration;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{json, Value};

use crate::config::{self, TokenForm};
use crate::fault::Fault;
use crate::reply::error;
use crate::scenario::Scenario;
use crate::state::Shared;

type St = State<Arc<Shared>>;

/// Longest single `/sim/advance`: 31 simulated days (the model runs them under the lock).
pub(crate) const MAX_ADVANCE_S: f64 = 31.0 * 86_400.0;
/// Most faults one `/sim/fault` queues.
pub(crate) const MAX_FAULTS: usize = 1000;

pub(crate) fn routes() -> Router<Arc<Shared>> {
    Router::new()
        .route("/sim/state", get(state))
        .route("/sim/scenario", post(scenario))
        .route("/sim/speed", post(speed))
        .route("/sim/advance", post(advance))
        .route("/sim/set", post(set))
        .route("/sim/log", get(log).delete(clear_log))
        .route("/sim/expire-tokens", post(expire_tokens))
        .route("/sim/fault", post(fault))
        .route("/sim/token-requests", get(token_requests))
}

/// JSON object body parsing (serde would take `[1]` for `{"speed": 1}`); the caller
/// answers errors with our JSON error shape.
fn parse<T: for<'de> Deserialize<'de>>(body: &[u8]) -> Result<T, String> {
    match serde_json::from_slice(body).map_err(|e| e.to_string())? {
        v @ Value::Object(_) => serde_json::from_value(v).map_err(|e| e.to_string()),
        _ => Err("the body must be a JSON object".into()),
    }
}

async fn state(State(sh): St) -> Response {
    Json(sh.lock().snapshot()).into_response()
}

#[derive(Deserialize)]
struct ScenarioBody {
    name: String,
}

async fn scenario(State(sh): St, body: axum::body::Bytes) -> Response {
    let b: ScenarioBody = match parse(&body) {
        Ok(b) => b,
        Err(m) => return error(StatusCode::BAD_REQUEST, m),
    };
    match b.name.parse::<Scenario>() {
        Ok(s) => {
            sh.set_scenario(s);
            Json(json!({"scenario": s})).into_response()
        }
        Err(e) => error(StatusCode::BAD_REQUEST, e.to_string()),
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SpeedBody {
    speed: f64,
}

async fn speed(State(sh): St, body: axum::body::Bytes) -> Response {
    let b: SpeedBody = match parse(&body) {
        Ok(b) => b,
        Err(m) => return error(StatusCode::BAD_REQUEST, m),
    };
    if let Err(m) = config::check_speed(b.speed) {
        return error(StatusCode::BAD_REQUEST, m);
    }
    let mut g = sh.lock();
    let before = g.set_speed(b.speed);
    tracing::info!(from = before, to = b.speed, "clock speed changed");
    Json(g.snapshot()).into_response()
}

#[derive(Deserialize)]
struct AdvanceBody {
    seconds: f64,
}

async fn advance(State(sh): St, body: axum::body::Bytes) -> Response {
    let b: AdvanceBody = match parse(&body) {
        Ok(b) => b,
        Err(m) => return error(StatusCode::BAD_REQUEST, m),
    };
    if !(0.0..=MAX_ADVANCE_S).contains(&b.seconds) {
        return error(
            StatusCode::BAD_REQUEST,
            format!(
                "seconds must be from 0 to {MAX_ADVANCE_S}, not {}",
                b.seconds
            ),
        );
    }
    let mut g = sh.lock();
    g.advance(Duration::from_secs_f64(b.seconds));
    Json(g.snapshot()).into_response()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SetBody {
    soc_pct: Option<f64>,
    pressure_bar: Option<f64>,
    token_form: Option<TokenForm>,
    token_lifetime_s: Option<f64>,
}

async fn set(State(sh): St, body: axum::body::Bytes) -> Response {
    let b: SetBody = match parse(&body) {
        Ok(b) => b,
        Err(m) => return error(StatusCode::BAD_REQUEST, m),
    };
    // Check everything before changing anything.
    let checked = (|| {
        if let Some(p) = b.soc_pct {
            config::check_soc(p).map_err(|m| format!("soc_pct: {m}"))?;
        }
        if let Some(p) = b.pressure_bar {
            config::check_pressure(p).map_err(|m| format!("pressure_bar: {m}"))?;
        }
        b.token_lifetime_s
            .map(|s| match Duration::try_from_secs_f64(s) {
                Ok(d) if !d.is_zero() => Ok(d),
                _ => Err(format!(
                    "token_lifetime_s must be a number of seconds > 0, not {s}"
                )),
            })
            .transpose()
    })();
    let lifetime = match checked {
        Ok(l) => l,
        Err(m) => return error(StatusCode::BAD_REQUEST, m),
    };
    let mut g = sh.lock();
    if let Some(p) = b.soc_pct {
        g.model.set_soc(p);
    }
    if let Some(p) = b.pressure_bar {
        g.model.set_pressure(p);
    }
    if let Some(f) = b.token_form {
        g.token_form = f;
    }
    if let Some(d) = lifetime {
        g.token_lifetime = d;
    }
    Json(g.snapshot()).into_response()
}

async fn log(State(sh): St) -> Response {
    Json(sh.lock().log.clone()).into_response()
}

async fn clear_log(State(sh): St) -> Response {
    sh.lock().log.clear();
    Json(json!({"cleared": true})).into_response()
}

async fn expire_tokens(State(sh): St) -> Response {
    sh.lock().tokens.expire_all();
    Json(json!({"expired": true})).into_response()
}

#[derive(Deserialize)]
struct FaultBody {
    kind: String,
    count: Option<usize>,
    millis: Option<u64>,
}

async fn fault(State(sh): St, body: axum::body::Bytes) -> Response {
    let b: FaultBody = match parse(&body) {
        Ok(b) => b,
        Err(m) => return error(StatusCode::BAD_REQUEST, m),
    };
    let Some(f) = Fault::from_kind(&b.kind, b.millis) else {
        return error(
            StatusCode::BAD_REQUEST,
            "kind must be status500, truncated, slow, drop or hang",
        );
    };
    let count = b.count.unwrap_or(1);
    if count > MAX_FAULTS {
        return error(
            StatusCode::BAD_REQUEST,
            format!("count must be at most {MAX_FAULTS}, not {count}"),
        );
    }
    let mut g = sh.lock();
    for _ in 0..count {
        g.push_fault(f);
    }
    Json(json!({"queued": count})).into_response()
}

async fn token_requests(State(sh): St) -> Json<Value> {
    Json(json!({"count": sh.lock().token_requests}))
}
