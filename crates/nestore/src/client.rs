//! The HTTP client: one keep-alive connection pool per device, typed errors, capped
//! answers, API version detection at first contact, token handling and control with
//! read-back.

use std::error::Error as _;
use std::fmt;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use std::time::Duration;

use chrono::Utc;
use reqwest::{StatusCode, Url};
use secrecy::{ExposeSecret, SecretString};
use serde_json::Value;
use tokio::sync::OnceCell;
use tokio::time::{timeout_at, Instant};

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
    /// One deadline for a whole command ([`Client::send`]: checks, login, task, read-back),
    /// however many requests it takes: a slow device must not add them up.
    pub command_deadline: Duration,
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
            command_deadline: Duration::from_secs(30),
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

/// The longest host name DNS allows (RFC 1035), and its longest label.
pub const MAX_HOST_LEN: usize = 253;
pub(crate) const MAX_LABEL_LEN: usize = 63;

/// Why a device address cannot be used, as [`base_url`] finds it. Its `Display` is the
/// English clause that [`Error::BadAddress`] carries (for logs); the owner reads
/// [`AddressProblem::message`] in the app's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AddressProblem {
    Empty,
    /// The host's length in characters.
    TooLong(usize),
    /// The host as typed (escaped), and the parser's own words when it gave any.
    NotAHost(String, Option<String>),
    PortZero,
    /// The host as typed (escaped), the name and the port typed into it.
    IncludesPort {
        shown: String,
        name: String,
        port: String,
    },
    /// The start of the over-long part of the name.
    LabelTooLong(String),
}

impl fmt::Display for AddressProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AddressProblem::Empty => {
                f.write_str("the host is empty: give the device's host name or IP address")
            }
            AddressProblem::TooLong(n) => write!(
                f,
                "the host is {n} characters long; a host name has at most {MAX_HOST_LEN}"
            ),
            AddressProblem::NotAHost(shown, None) => {
                write!(f, "\"{shown}\" is not a host name or IP address")
            }
            AddressProblem::NotAHost(shown, Some(e)) => {
                write!(f, "\"{shown}\" is not a host name or IP address ({e})")
            }
            AddressProblem::PortZero => f.write_str("port 0 is not a usable port (1-65535)"),
            AddressProblem::IncludesPort { shown, name, port } => write!(
                f,
                "\"{shown}\" includes a port: enter {name} as the host and {port} as the port"
            ),
            AddressProblem::LabelTooLong(start) => write!(
                f,
                "the host name part \"{start}...\" is longer than {MAX_LABEL_LEN} characters"
            ),
        }
    }
}

/// `http://HOST:PORT/`, with IPv6 literals bracketed. The host is a name or an IP address
/// alone: a port typed into it (`127.0.0.1:4805`, `[::1]:4805`) is refused with a message
/// that says where the port goes, so that the CLI and the app agree on one rule. Port 0
/// is refused too. Error messages name the host only (never any secret).
pub fn base_url(host: &str, port: u16) -> Result<Url, Error> {
    address(host, port).map_err(|p| Error::BadAddress(p.to_string()))
}

/// As [`base_url`], with the reason typed.
pub fn address(host: &str, port: u16) -> Result<Url, AddressProblem> {
    let host = host.trim();
    if host.is_empty() {
        return Err(AddressProblem::Empty);
    }
    if host.chars().count() > MAX_HOST_LEN {
        return Err(AddressProblem::TooLong(host.chars().count()));
    }
    let shown = host.escape_debug().to_string();
    if host.contains(|c: char| c.is_whitespace() || c.is_control())
        || host.contains(['/', '?', '#', '@', '\\'])
    {
        return Err(AddressProblem::NotAHost(shown, None));
    }
    if port == 0 {
        return Err(AddressProblem::PortZero);
    }
    if let Some((name, typed_port)) = host_with_port(host) {
        return Err(AddressProblem::IncludesPort {
            shown,
            name: name.to_owned(),
            port: typed_port.to_owned(),
        });
    }
    if !host.contains(':') && !host.starts_with('[') {
        if let Some(label) = host.split('.').find(|l| l.len() > MAX_LABEL_LEN) {
            return Err(AddressProblem::LabelTooLong(
                label[..label.char_indices().nth(16).map_or(label.len(), |(i, _)| i)].to_owned(),
            ));
        }
    }
    let host = if host.contains(':') && !host.starts_with('[') {
        format!("[{host}]")
    } else {
        host.to_owned()
    };
    let url = Url::parse(&format!("http://{host}:{port}/"))
        .map_err(|e| AddressProblem::NotAHost(shown.clone(), Some(e.to_string())))?;
    // `Url` would quietly take "a:b@c" style input apart; only a bare host is accepted.
    if url.path() != "/" || url.query().is_some() || !url.username().is_empty() {
        return Err(AddressProblem::NotAHost(shown, None));
    }
    Ok(url)
}

/// `name:port` or `[v6]:port`, split; `None` for a bare host or an IPv6 literal.
fn host_with_port(host: &str) -> Option<(&str, &str)> {
    let digits = |p: &str| !p.is_empty() && p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit());
    if let Some(rest) = host.strip_prefix('[') {
        let (v6, after) = rest.split_once(']')?;
        let p = after.strip_prefix(':')?;
        return Some((v6, p));
    }
    match host.split_once(':') {
        // Exactly one colon: an IPv6 literal has at least two.
        Some((name, p)) if !p.contains(':') && digits(p) => Some((name, p)),
        _ => None,
    }
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
            // A redirect would carry the password's SHA-256 (or a token) to another address.
            .redirect(reqwest::redirect::Policy::none())
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
            s => check_status(s, &url)?,
        }
        let body = self.read_capped(resp, &url).await?;
        let token = parse_token(&body).map_err(|e| self.parse_error(e, v.request_token()))?;
        *self.token.lock().unwrap() = Some(token);
        Ok(())
    }

    /// Logs in afresh with the stored password and says whether the device accepts it:
    /// `Ok`, [`Error::Unauthorized`], [`Error::NoPassword`] or a connection error. On
    /// success the new token is kept for the next command.
    pub async fn check_login(&self) -> Result<(), Error> {
        if !self.has_password() {
            return Err(Error::NoPassword);
        }
        self.login().await
    }

    /// Validates, sends and reads back one command. Nothing reaches the device when the
    /// command breaks a limit; a start also needs a target above the current state of
    /// charge, read fresh from the device.
    ///
    /// The whole command has one deadline ([`ClientConfig::command_deadline`]); past it
    /// the command fails with [`Error::CommandTimeout`]. Once the device has accepted the
    /// task, the result is an [`Outcome`], never an error: a read-back that fails (or
    /// runs out of time) gives `confirmed: false` with `readback_error` set.
    pub async fn send(&self, cmd: Command) -> Result<Outcome, Error> {
        self.send_with(cmd, |_| {}).await
    }

    /// [`Client::send`], calling `on_sending` once every check has passed, just before
    /// the first request that changes anything (login or task): a front end prints
    /// "Sending ..." there, and only when something will be sent.
    pub async fn send_with(
        &self,
        cmd: Command,
        on_sending: impl FnOnce(&Command) + Send,
    ) -> Result<Outcome, Error> {
        cmd.check_limits()?;
        if !self.has_password() {
            return Err(Error::NoPassword);
        }
        let deadline = Instant::now() + self.cfg.command_deadline;
        let secs = self.cfg.command_deadline.as_secs_f64();
        let posting = AtomicBool::new(false);
        let timed_out = |posting: &AtomicBool| Error::CommandTimeout {
            secs,
            maybe_sent: posting.load(Ordering::SeqCst),
        };
        let _one_at_a_time = timeout_at(deadline, self.control.lock())
            .await
            .map_err(|_| timed_out(&posting))?;
        timeout_at(deadline, self.check_and_post(&cmd, on_sending, &posting))
            .await
            .map_err(|_| timed_out(&posting))??;
        // The device accepted the task: from here on, "sent, not confirmed" at worst.
        Ok(timeout_at(deadline, self.read_back(cmd.expectation()))
            .await
            .unwrap_or_else(|_| Outcome {
                state: None,
                confirmed: false,
                readback_error: Some(format!(
                    "no read-back within the {secs:.0} s deadline for a command"
                )),
            }))
    }

    async fn check_and_post(
        &self,
        cmd: &Command,
        on_sending: impl FnOnce(&Command),
        posting: &AtomicBool,
    ) -> Result<(), Error> {
        let v = self.api_version().await?;
        if let Command::StartCharging(req) = cmd {
            let body = self.get(v.engineering()).await?;
            let now = reading::parse_engineering(&body, Utc::now())
                .map_err(|e| self.parse_error(e, v.engineering()))?;
            req.check_against(now.soc_pct.value())?;
        }
        on_sending(cmd);
        posting.store(true, Ordering::SeqCst);
        for body in cmd.bodies() {
            self.post_control(v, &body).await?;
        }
        Ok(())
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
                s => return check_status(s, &url),
            }
        }
    }

    /// Reads `control_state` until it shows what was asked, at most
    /// `readback_attempts` times. A failed read counts as an attempt; when the last one
    /// fails, the outcome carries its error and no state.
    async fn read_back(&self, want: Expectation) -> Outcome {
        let mut attempt = 1;
        loop {
            let read = self.control_state().await;
            let confirmed = match (&read, want) {
                (Err(_), _) => false,
                (Ok(_), Expectation::Automatic) => true,
                (Ok(state), want) => {
                    let charging = state.as_deref() == Some(CHARGING_STATE);
                    charging == (want == Expectation::Charging)
                }
            };
            if confirmed || attempt >= self.cfg.readback_attempts {
                return match read {
                    Ok(state) => Outcome {
                        state,
                        confirmed,
                        readback_error: None,
                    },
                    Err(e) => Outcome {
                        state: None,
                        confirmed: false,
                        readback_error: Some(e.to_string()),
                    },
                };
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
        check_status(resp.status(), &url)?;
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

/// A 2xx passes; a redirect is refused without following it (and without repeating its
/// target, which may carry anything); any other status is [`Error::Status`].
fn check_status(status: StatusCode, url: &Url) -> Result<(), Error> {
    if status.is_success() {
        Ok(())
    } else if status.is_redirection() {
        Err(Error::Redirected {
            url: url.to_string(),
            status: status.as_u16(),
        })
    } else {
        Err(Error::Status {
            url: url.to_string(),
            status: status.as_u16(),
        })
    }
}
