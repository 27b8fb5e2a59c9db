//! Token issue, forms, expiry and the 401/415 paths.

mod common;

use std::time::Duration;

use common::*;
use nestore_sim::{Scenario, SimConfig, TokenForm};
use serde_json::{json, Value};

#[tokio::test]
async fn wrong_password_missing_password_and_content_type() {
    let (sim, c) = start(frozen()).await;
    let url = c.url(c.paths.request_token);
    let r = c.request_token("wrong").await;
    assert_eq!(r.status(), 401);
    assert!(r.json::<Value>().await.unwrap().is_object());
    let r = c.http.post(&url).json(&json!({})).send().await.unwrap();
    assert_eq!(r.status(), 401);
    // Upper-case hex is not what the device expects.
    let r = c
        .http
        .post(&url)
        .json(&json!({"password": sha_hex(PASSWORD).to_uppercase()}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    let r = c
        .http
        .post(&url)
        .body(json!({"password": sha_hex(PASSWORD)}).to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 415);
    assert_eq!(sha_hex(PASSWORD), PASSWORD_SHA);
    assert_eq!(sim.token_requests(), 4);
}

#[tokio::test]
async fn both_token_forms_match_fixtures() {
    let (sim, c) = start(frozen()).await;
    let v: Value = c.request_token(PASSWORD).await.json().await.unwrap();
    let bare = fixture("token.bare.json");
    assert!(bare.is_string() && v.is_string());
    let t = v.as_str().unwrap();
    assert_eq!(t.len(), 32);
    assert!(t.chars().all(|ch| ch.is_ascii_hexdigit()));

    sim.set_token_form(TokenForm::Object);
    let v: Value = c.request_token(PASSWORD).await.json().await.unwrap();
    let obj = fixture("token.object.json");
    assert_eq!(
        v.as_object().unwrap().keys().collect::<Vec<_>>(),
        obj.as_object().unwrap().keys().collect::<Vec<_>>()
    );
    assert_ne!(v["token"].as_str().unwrap(), t, "fresh token each time");
    // Both tokens work.
    assert_eq!(c.control(Some(t), &stop_body(1800)).await.status(), 200);
    assert_eq!(
        c.control(v["token"].as_str(), &stop_body(1800))
            .await
            .status(),
        200
    );
}

#[tokio::test]
async fn control_needs_a_valid_unexpired_token() {
    let (sim, c) = start(SimConfig {
        token_lifetime: Duration::from_secs(600),
        ..frozen()
    })
    .await;
    let body = stop_body(1800);
    assert_eq!(c.control(None, &body).await.status(), 401);
    assert_eq!(c.control(Some("deadbeef"), &body).await.status(), 401);
    let r = c
        .http
        .post(c.url(c.paths.control))
        .header("Authorization", "Basic abc")
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);

    let tok = c.token().await;
    assert_eq!(c.control(Some(&tok), &body).await.status(), 200);
    sim.advance(Duration::from_secs(599));
    assert_eq!(c.control(Some(&tok), &body).await.status(), 200);
    sim.advance(Duration::from_secs(2));
    assert_eq!(c.control(Some(&tok), &body).await.status(), 401);

    let tok = c.token().await;
    sim.expire_tokens();
    assert_eq!(c.control(Some(&tok), &body).await.status(), 401);

    let log = sim.control_log();
    let statuses: Vec<u16> = log.iter().map(|r| r.status).collect();
    assert_eq!(statuses, [401, 401, 401, 200, 200, 401, 401]);
    assert_eq!(log[0].authorization, None);
    assert_eq!(log[2].authorization.as_deref(), Some("Basic abc"));
    assert!(log[3]
        .authorization
        .as_deref()
        .unwrap()
        .starts_with("Bearer "));
    assert_eq!(log[3].body, body);
    assert_eq!(log[3].path, "/api/v3/control/task");
}

#[tokio::test]
async fn token_expiry_scenario_shortens_tokens() {
    let (sim, c) = start(frozen()).await;
    sim.set_scenario(Scenario::TokenExpiry);
    let tok = c.token().await;
    sim.advance(Duration::from_secs(100));
    assert_eq!(c.control(Some(&tok), &stop_body(1800)).await.status(), 200);
    sim.advance(Duration::from_secs(30));
    assert_eq!(c.control(Some(&tok), &stop_body(1800)).await.status(), 401);
    // Re-authentication works.
    let tok = c.token().await;
    assert_eq!(c.control(Some(&tok), &stop_body(1800)).await.status(), 200);
    assert_eq!(sim.token_requests(), 2);
}
