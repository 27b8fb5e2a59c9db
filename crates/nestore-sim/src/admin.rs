//! `/sim/...` admin API: paths the real device lacks, for scripts driving the simulator.

use std::sync::Arc;
use std::time::Duration;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{json, Value};

use crate::api::error;
use crate::config::TokenForm;
use crate::fault::Fault;
use crate::scenario::Scenario;
use crate::state::Shared;

type St = State<Arc<Shared>>;

pub(crate) fn routes() -> Router<Arc<Shared>> {
    Router::new()
        .route("/sim/state", get(state))
        .route("/sim/scenario", post(scenario))
        .route("/sim/advance", post(advance))
        .route("/sim/set", post(set))
        .route("/sim/log", get(log).delete(clear_log))
        .route("/sim/expire-tokens", post(expire_tokens))
        .route("/sim/fault", post(fault))
        .route("/sim/token-requests", get(token_requests))
}

/// JSON body parsing; the caller answers errors with our JSON error shape.
fn parse<T: for<'de> Deserialize<'de>>(body: &[u8]) -> Result<T, String> {
    serde_json::from_slice(body).map_err(|e| e.to_string())
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
struct AdvanceBody {
    seconds: f64,
}

async fn advance(State(sh): St, body: axum::body::Bytes) -> Response {
    let b: AdvanceBody = match parse(&body) {
        Ok(b) => b,
        Err(m) => return error(StatusCode::BAD_REQUEST, m),
    };
    if !(b.seconds.is_finite() && b.seconds >= 0.0) {
        return error(StatusCode::BAD_REQUEST, "seconds must be >= 0");
    }
    let mut g = sh.lock();
    g.advance(Duration::from_secs_f64(b.seconds));
    Json(g.snapshot()).into_response()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SetBody {
    soc_pct: Option<f64>,
    token_form: Option<TokenForm>,
    token_lifetime_s: Option<f64>,
}

async fn set(State(sh): St, body: axum::body::Bytes) -> Response {
    let b: SetBody = match parse(&body) {
        Ok(b) => b,
        Err(m) => return error(StatusCode::BAD_REQUEST, m),
    };
    let mut g = sh.lock();
    if let Some(p) = b.soc_pct {
        if !(0.0..=100.0).contains(&p) {
            return error(StatusCode::BAD_REQUEST, "soc_pct must be within 0..=100");
        }
        g.model.set_soc(p);
    }
    if let Some(f) = b.token_form {
        g.token_form = f;
    }
    if let Some(s) = b.token_lifetime_s {
        if !(s.is_finite() && s > 0.0) {
            return error(StatusCode::BAD_REQUEST, "token_lifetime_s must be > 0");
        }
        g.token_lifetime = Duration::from_secs_f64(s);
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
    let mut g = sh.lock();
    for _ in 0..count {
        g.push_fault(f);
    }
    Json(json!({"queued": count})).into_response()
}

async fn token_requests(State(sh): St) -> Json<Value> {
    Json(json!({"count": sh.lock().token_requests}))
}
