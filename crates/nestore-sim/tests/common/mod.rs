//! Shared helpers: a frozen-clock simulator on 127.0.0.1:0 and a plain reqwest client.
#![allow(dead_code)]

use std::net::SocketAddr;
use std::time::Duration;

use nestore_sim::{ApiVersion, SimConfig, SimHandle};
use serde_json::{json, Value};

pub const PASSWORD: &str = "nestore";
/// sha256("nestore"), lower-case hex.
pub const PASSWORD_SHA: &str = "5b3024f9319d53b794ab2cc2d72528971bbfd40c77696fc211fc583cc7312391";

pub fn loopback() -> SocketAddr {
    "127.0.0.1:0".parse().unwrap()
}

pub fn frozen() -> SimConfig {
    SimConfig {
        speed: 0.0,
        ..SimConfig::default()
    }
}

pub async fn start(config: SimConfig) -> (SimHandle, Client) {
    let sim = nestore_sim::spawn(config, loopback()).await.expect("spawn");
    let client = Client {
        http: reqwest::Client::builder()
            .timeout(Duration::from_secs(10))
            .build()
            .unwrap(),
        base: sim.base_url(),
        paths: ApiVersion::V3.paths(),
    };
    (sim, client)
}

pub async fn start_version(v: ApiVersion) -> (SimHandle, Client) {
    let (sim, mut c) = start(SimConfig {
        api_version: v,
        ..frozen()
    })
    .await;
    c.paths = v.paths();
    (sim, c)
}

pub fn sha_hex(s: &str) -> String {
    nestore_sim::auth::password_digest(s)
}

pub struct Client {
    pub http: reqwest::Client,
    pub base: String,
    pub paths: nestore_sim::ApiPaths,
}

impl Client {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path.trim_start_matches('/'))
    }

    pub async fn get_json(&self, path: &str) -> Value {
        let r = self.http.get(self.url(path)).send().await.unwrap();
        assert_eq!(r.status(), 200, "GET {path}");
        r.json().await.unwrap()
    }

    /// POST a JSON body (admin API); the caller checks the status.
    pub async fn post(&self, path: &str, body: &Value) -> reqwest::Response {
        self.http
            .post(self.url(path))
            .json(body)
            .send()
            .await
            .unwrap()
    }

    /// POST to the admin API, expecting 200 and a JSON reply.
    pub async fn post_ok(&self, path: &str, body: &Value) -> Value {
        let r = self.post(path, body).await;
        assert_eq!(r.status(), 200, "POST {path} {body}");
        r.json().await.unwrap()
    }

    /// POST to the admin API, expecting 400 and the simulator's JSON error; its message.
    pub async fn post_400(&self, path: &str, body: &Value) -> String {
        let r = self.post(path, body).await;
        assert_eq!(r.status(), 400, "POST {path} {body}");
        let v: Value = r.json().await.unwrap();
        assert_eq!(v["ERROR"]["CODE"], 400, "{v}");
        v["ERROR"]["MESSAGE"].as_str().unwrap().to_owned()
    }

    pub async fn engineering(&self) -> Value {
        self.get_json(self.paths.engineering).await
    }

    pub async fn state_name(&self) -> String {
        let v = self.get_json(self.paths.control_state).await;
        v["PAYLOAD"]["NAME"].as_str().unwrap().to_owned()
    }

    pub async fn request_token(&self, password: &str) -> reqwest::Response {
        self.http
            .post(self.url(self.paths.request_token))
            .json(&json!({ "password": sha_hex(password) }))
            .send()
            .await
            .unwrap()
    }

    /// A token from the bare-string form.
    pub async fn token(&self) -> String {
        let r = self.request_token(PASSWORD).await;
        assert_eq!(r.status(), 200);
        let v: Value = r.json().await.unwrap();
        match v {
            Value::String(s) => s,
            Value::Object(o) => o["token"].as_str().unwrap().to_owned(),
            other => panic!("token reply {other}"),
        }
    }

    pub async fn control(&self, token: Option<&str>, body: &Value) -> reqwest::Response {
        let mut rq = self.http.post(self.url(self.paths.control)).json(body);
        if let Some(t) = token {
            rq = rq.bearer_auth(t);
        }
        rq.send().await.unwrap()
    }
}

pub fn num(v: &Value, group: &str, key: &str) -> f64 {
    v["PAYLOAD"][group][key]
        .as_f64()
        .unwrap_or_else(|| panic!("{group}.{key} not numeric in {v}"))
}

pub fn fixture(name: &str) -> Value {
    let p = format!("{}/../../tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap()
}

pub fn start_body(power: u32, soc: u32, lifetime: u32) -> Value {
    json!({"TASK": "ControlTask_ChargingElectrical_Start", "spin": true,
           "power": power, "soc": soc, "persistent": true, "lifetime": lifetime})
}

pub fn stop_body(lifetime: u32) -> Value {
    json!({"TASK": "ControlTask_ChargingElectrical_Stop", "spin": true,
           "persistent": true, "lifetime": lifetime})
}
