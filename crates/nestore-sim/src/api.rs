//! Device routes (the configured API version only) and the gate every device request
//! passes through (offline scenarios, one-shot faults, the flaky dice), which may not serve
//! `/sim` paths (that is `admin`) nor own sockets (`listener`).

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::{json, Value};

use crate::config::TokenForm;
use crate::control::{self, Command, TaskKind};
use crate::fault::{self, Fault};
use crate::model::Task;
use crate::reply::error;
use crate::scenario::Scenario;
use crate::state::{ControlRecord, Shared};

type St = State<Arc<Shared>>;

pub(crate) fn device_routes(shared: Arc<Shared>) -> Router<Arc<Shared>> {
    let p = shared.api.paths();
    let mut r = Router::new()
        .route(p.engineering, get(engineering))
        .route(p.control_state, get(control_state))
        .route(p.configuration_active, get(configuration_active))
        .route(p.request_token, post(request_token))
        .route(p.control, post(control_task));
    if let Some(path) = p.measured {
        r = r.route(path, get(measured));
    }
    if let Some(path) = p.settings_input {
        r = r.route(path, get(settings_input));
    }
    r
}

fn r2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

fn r1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

async fn engineering(State(sh): St) -> Json<Value> {
    let mut g = sh.lock();
    let s = g.snapshot();
    let z = s.zone_temps_c;
    let mut base = json!({
        "PRES_SYS": r2(s.pressure_bar),
        "TEMP_HTR_OUT": r2(s.heater_outlet_c),
        "TEMP_VES_INT_1": r2(z[0]),
        "TEMP_VES_INT_2": r2(z[1]),
        "TEMP_VES_INT_3": r2(z[2]),
        "TEMP_VES_INT_4": r2(z[3]),
        "TEMP_VES_INT_5": r2(z[4]),
        "TEMP_AMBIENT": 19.5,
        "TEMP_DHW_IN": 10.0,
    });
    if s.scenario == Scenario::SensorFault {
        // Cycle through the broken readings a real sensor can produce.
        let n = g.sensor_reads;
        g.sensor_reads += 1;
        let b = base.as_object_mut().expect("object");
        match n % 4 {
            0 => {
                b.remove("PRES_SYS");
            }
            1 => {
                b.insert("PRES_SYS".into(), json!(-1.0));
            }
            2 => {
                b.insert("PRES_SYS".into(), json!(99.9));
            }
            _ => {
                b.insert("PRES_SYS".into(), json!("NaN"));
            }
        }
    }
    let c = s.counters;
    Json(json!({
        "PAYLOAD": {
            "DERIVED": {
                "SOC_VES": r2(s.soc_pct),
                "SOC_VES_TOTAL": r2(s.soc_total_pct),
                "TE": r2(s.stored_energy_wh),
                "FLOW_DHW": r1(s.flow_lpm),
                "POWER_HEATER": s.heater_power_w.round() as i64,
                "VOL_DHW_AVAILABLE": (s.soc_pct * 1.6).round() as i64,
                "SOC_VES_MIN": 0,
            },
            "BASE": base,
            "COUNTERS": {
                "ENERGY_DHW_THERMAL_THEORETICAL": r1(c.dhw_energy_wh),
                "ENERGY_CRG_ELECTRICAL": r2(c.heater_energy_wh),
                "VOL_DHW_THEORETICAL": c.dhw_volume_ml.floor() as i64,
                "CYCLES_HEATER": 1873,
            },
            "STATUS": {"FW": "3.2.7-sim", "UPTIME_S": s.sim_time_s.floor() as i64},
        }
    }))
}

async fn control_state(State(sh): St) -> Json<Value> {
    let g = sh.lock();
    let name = g.model.state_name(g.scenario);
    let id = match name {
        "Charging Electrical Main" => 7,
        "Electrical Charging Blocked" => 12,
        _ => 1,
    };
    Json(json!({"PAYLOAD": {"NAME": name, "ID": id, "TASK": g.model.task.map(|t| t.kind())}}))
}

async fn configuration_active(State(sh): St) -> Json<Value> {
    let _g = sh.lock();
    Json(json!({"PAYLOAD": {
        "DEPENDENT_MODE": false,
        "ONLINE_MODE": true,
        "HEATER_POWER_MAX": 3400,
        "SCHEDULE": "AUTO",
    }}))
}

async fn measured(State(sh): St) -> Json<Value> {
    let s = sh.lock().snapshot();
    Json(json!({"PAYLOAD": {
        "T_1": r2(s.zone_temps_c[0]),
        "T_5": r2(s.zone_temps_c[4]),
        "P_SYS": r2(s.pressure_bar),
        "F_DHW": r1(s.flow_lpm),
    }}))
}

async fn settings_input(State(sh): St) -> Json<Value> {
    let _g = sh.lock();
    Json(json!({"PAYLOAD": {"GRID_LIMIT_W": 3400, "TARIFF": "DYNAMIC"}}))
}

fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|m| m.trim().eq_ignore_ascii_case("application/json"))
}

async fn request_token(State(sh): St, headers: HeaderMap, body: Bytes) -> Response {
    if !is_json(&headers) {
        return error(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "Content-Type must be application/json",
        );
    }
    let supplied = serde_json::from_slice::<Value>(&body)
        .ok()
        .and_then(|v| v.get("password")?.as_str().map(str::to_owned));
    match supplied {
        Some(p) if p == sh.password_digest => {}
        Some(_) => return error(StatusCode::UNAUTHORIZED, "invalid password"),
        None => return error(StatusCode::UNAUTHORIZED, "password missing"),
    }
    let mut g = sh.lock();
    let token = g.issue_token();
    match g.token_form {
        TokenForm::BareString => Json(json!(token)).into_response(),
        TokenForm::Object => Json(json!({ "token": token })).into_response(),
    }
}

fn body_value(body: &[u8]) -> Value {
    serde_json::from_slice(body)
        .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(body).into()))
}

pub(crate) fn record_control(sh: &Shared, headers: &HeaderMap, body: &[u8], status: StatusCode) {
    let rec = ControlRecord {
        path: sh.api.paths().control.to_owned(),
        body: body_value(body),
        authorization: headers
            .get(header::AUTHORIZATION)
            .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned()),
        status: status.as_u16(),
    };
    sh.lock().log.push(rec);
}

async fn control_task(State(sh): St, headers: HeaderMap, body: Bytes) -> Response {
    let (status, resp) = apply_control(&sh, &headers, &body);
    record_control(&sh, &headers, &body, status);
    resp
}

fn apply_control(sh: &Shared, headers: &HeaderMap, body: &[u8]) -> (StatusCode, Response) {
    let fail = |s: StatusCode, m: String| (s, error(s, m));
    let auth = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok());
    let mut g = sh.lock();
    match crate::auth::bearer(auth) {
        Some(t) if g.token_valid(t) => {}
        Some(_) => return fail(StatusCode::UNAUTHORIZED, "invalid or expired token".into()),
        None => return fail(StatusCode::UNAUTHORIZED, "bearer token required".into()),
    }
    let value: Value = match serde_json::from_slice(body) {
        Ok(v) => v,
        Err(e) => return fail(StatusCode::BAD_REQUEST, format!("body is not JSON: {e}")),
    };
    match control::parse(&value) {
        Ok(Command::Set(task)) => g.model.task = Some(task),
        Ok(Command::Remove(kind)) => {
            let same = matches!(
                (kind, g.model.task),
                (TaskKind::Start, Some(Task::Start { .. }))
                    | (TaskKind::Stop, Some(Task::Stop { .. }))
            );
            if same {
                g.model.task = None;
            }
        }
        Err(m) => return fail(StatusCode::BAD_REQUEST, m),
    }
    (
        StatusCode::OK,
        Json(json!({"PAYLOAD": {"RESULT": "OK"}})).into_response(),
    )
}

/// Middleware in front of every request; `/sim` admin paths pass untouched.
pub(crate) async fn gate(State(sh): St, req: Request, next: Next) -> Response {
    let path = req.uri().path().to_owned();
    if path == "/sim" || path.starts_with("/sim/") {
        return next.run(req).await;
    }
    let paths = sh.api.paths();
    if req.method() == Method::POST && path == paths.request_token {
        sh.lock().token_requests += 1;
    }
    match sh.scenario() {
        // Only reachable on a connection accepted before the close, which the close is
        // about to drop: never answer, so the client sees the connection die.
        Scenario::OfflineRefuse | Scenario::OfflineHang => {
            let mut rx = sh.scenario_tx.subscribe();
            while matches!(
                *rx.borrow_and_update(),
                Scenario::OfflineHang | Scenario::OfflineRefuse
            ) {
                if rx.changed().await.is_err() {
                    std::future::pending::<()>().await;
                }
            }
        }
        _ => {}
    }
    let f = sh.lock().next_fault();
    match f {
        None => next.run(req).await,
        Some(Fault::Status500) => {
            if req.method() == Method::POST && path == paths.control {
                let (parts, body) = req.into_parts();
                let bytes = axum::body::to_bytes(body, 1 << 20)
                    .await
                    .unwrap_or_default();
                record_control(
                    &sh,
                    &parts.headers,
                    &bytes,
                    StatusCode::INTERNAL_SERVER_ERROR,
                );
            }
            error(StatusCode::INTERNAL_SERVER_ERROR, "internal error")
        }
        Some(Fault::Truncated) => fault::truncate(next.run(req).await).await,
        Some(Fault::Slow(d)) => {
            tokio::time::sleep(d).await;
            next.run(req).await
        }
        Some(Fault::Drop) => {
            let resp = next.run(req).await;
            let (parts, body) = resp.into_parts();
            let bytes = axum::body::to_bytes(body, usize::MAX)
                .await
                .unwrap_or_default();
            let half = bytes.slice(..bytes.len() / 2);
            let mut resp = fault::broken_body(half);
            *resp.status_mut() = parts.status;
            if let Some(ct) = parts.headers.get(header::CONTENT_TYPE) {
                resp.headers_mut().insert(header::CONTENT_TYPE, ct.clone());
            }
            resp
        }
        // Connection tasks are dropped on shutdown, which ends this.
        Some(Fault::Hang) => std::future::pending().await,
    }
}
