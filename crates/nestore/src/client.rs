//! The HTTP client: one keep-alive connection pool per device, typed errors, capped
//! answers, API version detection at first contact, token handling and control with
//! read-back.

use std::error::Error as _;
use std::sync::Mutex;
use std::time::Duration;

use chrono::Utc;
use reqwest::{StatusCode, Url};
use secrecy::{ExposeSecret, SecretString};
use serde_json::Value;
use tokio::sync::OnceCell;

use crate::api::ApiVersion;
use crate::auth::{parse_token, token_request_body};
use crate::control::{Command, Expectation, Outcome};
use crate::error::Error;
use crate::reading::{self, ParseError, Reading, CHARGING_STATE};

pub const DEFAULT_PORT: u16 = 4805;

#[derive(Debug, Clone)]
pub struct ClientConfig {
    /// Per request; the reference client uses 10 s.
    pub timeout: Duration,
    /// Larger answers are refused: the device's are a few kB.
    pub max_body: usize,
    /// How often `control_state` is read back after a command before giving up.
    pub readback_attempts: u32,
    pub readback_interval: Duration,
}

impl Default for ClientConfig {
    fn default() -> Self {
        ClientConfig {
            timeout: Duration::from_secs(10),
            max_body: 1 << 20,
            readback_attempts: 3,
            readback_interval: Duration::from_secs(2),
        }
    }
}

/// A client for one device. Cheap to share behind an `Arc`; all methods take `&self`.
pub struct Client {
    http: reqwest::Client,
    base: Url,
    cfg: ClientConfig,
    version: OnceCell<ApiVersion>,
    password: Mutex<Option<SecretString>>,
    token: Mutex<Option<SecretString>>,
    /// Commands go one at a time: they change the device and read it back.
    control: tokio::sync::Mutex<()>,
}

/// `http://HOST:PORT/`, with IPv6 literals bracketed.
pub fn base_url(host: &str, port: u16) -> Result<Url, Error> {
    let host = host.trim();
    if host.is_empty() || host.contains(['/', '?', '#', '@', ' ']) {
        return Err(Error::BadAddress(format!(
            "{host:?} is not a host name or IP address"
        )));
    }
    let host = if host.contains(':') && !host.starts_with('[') {
        format!("[{host}]")
    } else {
        host.to_owned()
    };
    Url::parse(&format!("http://{host}:{port}/"))
        .map_err(|e| Error::BadAddress(format!("{host}:{port}: {e}")))
}

impl Client {
    pub fn new(host: &str, port: u16) -> Result<Client, Error> {
        Client::with_config(host, port, ClientConfig::default())
    }

    pub fn with_config(host: &str, port: u16, cfg: ClientConfig) -> Result<Client, Error> {
        let base = base_url(host, port)?;
        let http = reqwest::Client::builder()
            .timeout(cfg.timeout)
            .connect_timeout(cfg.timeout)
            // The device sits on the local network: a desktop proxy must not see it.
            .no_proxy()
            .user_agent(concat!("nestore/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| Error::BadAddress(e.to_string()))?;
        Ok(Client {
            http,
            base,
            cfg,
            version: OnceCell::new(),
            password: Mutex::new(None),
            token: Mutex::new(None),
            control: tokio::sync::Mutex::new(()),
        })
    }

    pub fn base_url(&self) -> &str {
        self.base.as_str()
    }

    /// The service password used to obtain tokens. Setting it drops any token held.
    pub fn set_password(&self, password: Option<SecretString>) {
        *self.password.lock().unwrap() = password;
        *self.token.lock().unwrap() = None;
    }

    pub fn has_password(&self) -> bool {
        self.password.lock().unwrap().is_some()
    }

    /// The API version, detected at first contact (v3, else v2, else v1) and kept.
    pub async fn api_version(&self) -> Result<ApiVersion, Error> {
        self.version
            .get_or_try_init(|| async {
                for v in ApiVersion::DETECTION_ORDER {
                    match self.get(v.control_state()).await {
                        Ok(_) => {
                            tracing::info!(version = %v, "device API detected");
                            return Ok(v);
                        }
                        Err(Error::Status { status: 404, .. }) => continue,
                        Err(e) => return Err(e),
                    }
                }
                Err(Error::UnknownApi {
                    url: self.base.to_string(),
                })
            })
            .await
            .copied()
    }

    /// One full reading: engineering, control state and modes, fetched concurrently.
    pub async fn poll(&self) -> Result<Reading, Error> {
        let v = self.api_version().await?;
        let (eng, state, active) = tokio::try_join!(
            self.get(v.engineering()),
            self.get(v.control_state()),
            self.get(v.active())
        )?;
        let mut r = reading::parse_engineering(&eng, Utc::now())
            .map_err(|e| self.parse_error(e, v.engineering()))?;
        r.state = reading::parse_control_state(&state)
            .map_err(|e| self.parse_error(e, v.control_state()))?;
        let modes = reading::parse_active(&active).map_err(|e| self.parse_error(e, v.active()))?;
        r.dependent_mode = modes.dependent_mode;
        r.online_mode = modes.online_mode;
        Ok(r)
    }

    /// The control state name alone.
    pub async fn control_state(&self) -> Result<Option<String>, Error> {
        let v = self.api_version().await?;
        let body = self.get(v.control_state()).await?;
        reading::parse_control_state(&body).map_err(|e| self.parse_error(e, v.control_state()))
    }

    /// Requests a token with the stored password and keeps it in memory.
    pub async fn login(&self) -> Result<(), Error> {
        let password = self
            .password
            .lock()
            .unwrap()
            .clone()
            .ok_or(Error::NoPassword)?;
        let v = self.api_version().await?;
        let url = self.url(v.request_token());
        let request = self
            .http
            .post(url.clone())
            .json(&token_request_body(&password));
        let resp = request.send().await.map_err(|e| self.transport(e, &url))?;
        match resp.status() {
            StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN => return Err(Error::Unauthorized),
            s if !s.is_success() => {
                return Err(Error::Status {
                    url: url.into(),
                    status: s.as_u16(),
                })
            }
            _ => {}
        }
        let body = self.read_capped(resp, &url).await?;
        let token = parse_token(&body).map_err(|e| self.parse_error(e, v.request_token()))?;
        *self.token.lock().unwrap() = Some(token);
        Ok(())
    }

    /// Validates, sends and reads back one command. Nothing reaches the device when the
    /// command breaks a limit; a start also needs a target above the current state of
    /// charge, read fresh from the device.
    pub async fn send(&self, cmd: Command) -> Result<Outcome, Error> {
        cmd.check_limits()?;
        if !self.has_password() {
            return Err(Error::NoPassword);
        }
        let _one_at_a_time = self.control.lock().await;
        let v = self.api_version().await?;
        if let Command::StartCharging(req) = &cmd {
            let body = self.get(v.engineering()).await?;
            let now = reading::parse_engineering(&body, Utc::now())
                .map_err(|e| self.parse_error(e, v.engineering()))?;
            req.check_against(now.soc_pct.value())?;
        }
        for body in cmd.bodies() {
            self.post_control(v, &body).await?;
        }
        self.read_back(cmd.expectation()).await
    }

    async fn post_control(&self, v: ApiVersion, body: &Value) -> Result<(), Error> {
        let url = self.url(v.control());
        // A token we already held may have expired: then log in again once and retry once.
        let mut fresh = false;
        loop {
            if self.token.lock().unwrap().is_none() {
                self.login().await?;
                fresh = true;
            }
            let token = self
                .token
                .lock()
                .unwrap()
                .clone()
                .ok_or(Error::Unauthorized)?;
            let resp = self
                .http
                .post(url.clone())
                .bearer_auth(token.expose_secret())
                .json(body)
                .send()
                .await
                .map_err(|e| self.transport(e, &url))?;
            match resp.status() {
                StatusCode::UNAUTHORIZED if !fresh => {
                    tracing::info!("token refused; logging in again");
                    *self.token.lock().unwrap() = None;
                }
                StatusCode::UNAUTHORIZED => return Err(Error::Unauthorized),
                s if !s.is_success() => {
                    return Err(Error::Status {
                        url: url.into(),
                        status: s.as_u16(),
                    })
                }
                _ => return Ok(()),
            }
        }
    }

    async fn read_back(&self, want: Expectation) -> Result<Outcome, Error> {
        let mut attempt = 1;
        loop {
            let state = self.control_state().await?;
            let charging = state.as_deref() == Some(CHARGING_STATE);
            let confirmed = match want {
                Expectation::Charging => charging,
                Expectation::NotCharging => !charging,
                Expectation::Automatic => true,
            };
            if confirmed || attempt >= self.cfg.readback_attempts {
                return Ok(Outcome { state, confirmed });
            }
            attempt += 1;
            // The real device may take a moment to act on a task.
            tokio::time::sleep(self.cfg.readback_interval).await;
        }
    }

    fn url(&self, path: &str) -> Url {
        self.base
            .join(path)
            .expect("API paths are relative and valid")
    }

    async fn get(&self, path: &str) -> Result<Vec<u8>, Error> {
        let url = self.url(path);
        let resp = self
            .http
            .get(url.clone())
            .send()
            .await
            .map_err(|e| self.transport(e, &url))?;
        if !resp.status().is_success() {
            return Err(Error::Status {
                url: url.into(),
                status: resp.status().as_u16(),
            });
        }
        self.read_capped(resp, &url).await
    }

    async fn read_capped(&self, mut resp: reqwest::Response, url: &Url) -> Result<Vec<u8>, Error> {
        let max = self.cfg.max_body;
        let too_large = || Error::Malformed {
            url: url.to_string(),
            reason: format!("answer larger than {max} bytes"),
        };
        if resp.content_length().is_some_and(|n| n > max as u64) {
            return Err(too_large());
        }
        let mut buf = Vec::new();
        while let Some(chunk) = resp.chunk().await.map_err(|e| self.transport(e, url))? {
            if buf.len() + chunk.len() > max {
                return Err(too_large());
            }
            buf.extend_from_slice(&chunk);
        }
        Ok(buf)
    }

    fn parse_error(&self, e: ParseError, path: &str) -> Error {
        match e {
            ParseError::Missing(field) => Error::MissingField { field },
            ParseError::Malformed(reason) => Error::Malformed {
                url: self.url(path).into(),
                reason,
            },
        }
    }

    fn transport(&self, e: reqwest::Error, url: &Url) -> Error {
        let url = url.to_string();
        if e.is_timeout() {
            return Error::Timeout {
                url,
                secs: self.cfg.timeout.as_secs_f64(),
            };
        }
        // The innermost cause says what happened ("Connection refused"); reqwest's own
        // message only says that something did.
        let mut reason = e.to_string();
        let mut source = e.source();
        while let Some(s) = source {
            reason = s.to_string();
            source = s.source();
        }
        if e.is_body() || e.is_decode() {
            Error::Malformed {
                url,
                reason: format!("answer cut off ({reason})"),
            }
        } else {
            Error::Unreachable { url, reason }
        }
    }
}
