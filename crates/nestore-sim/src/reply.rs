//! The simulator's JSON error replies, shared by the device routes (`api`) and the admin
//! API (`admin`), which only build responses and may not import other modules of the crate.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

/// JSON error object the simulator answers with (the real device's is unknown):
/// `{"ERROR": {"CODE": status, "MESSAGE": message}}`.
pub(crate) fn error(status: StatusCode, message: impl Into<String>) -> Response {
    let body = json!({"ERROR": {"CODE": status.as_u16(), "MESSAGE": message.into()}});
    (status, Json(body)).into_response()
}

/// The fallback for every path no route serves.
pub(crate) async fn not_found() -> Response {
    error(StatusCode::NOT_FOUND, "not found")
}
