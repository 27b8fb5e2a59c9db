//! Authentication (PROTOCOL.md, "Authentication"): the password travels as the lower-case
//! hex SHA-256 of the service password, and the reply carries a bearer token.

use secrecy::{ExposeSecret, SecretString};
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::reading::ParseError;

/// The body of `auth/requesttoken` for this password.
pub fn token_request_body(password: &SecretString) -> Value {
    let digest = Sha256::digest(password.expose_secret().as_bytes());
    serde_json::json!({ "password": hex::encode(digest) })
}

const TOKEN_KEYS: [&str; 3] = ["token", "TOKEN", "access_token"];

/// Reads the token from the reply: the bare JSON string the reference client expects, or
/// an object carrying it under `token`, `TOKEN`, `access_token` or `PAYLOAD`.
pub fn parse_token(body: &[u8]) -> Result<SecretString, ParseError> {
    let v: Value = serde_json::from_slice(body)
        .map_err(|e| ParseError::Malformed(format!("token reply is not JSON ({e})")))?;
    find_token(&v, true)
        .map(|t| SecretString::from(t.to_owned()))
        .ok_or_else(|| ParseError::Malformed("token reply holds no token".into()))
}

fn find_token(v: &Value, top: bool) -> Option<&str> {
    match v {
        Value::String(s) => {
            Some(s.trim()).filter(|s| !s.is_empty() && !s.contains(char::is_control))
        }
        Value::Object(o) => TOKEN_KEYS
            .iter()
            .find_map(|k| o.get(*k).and_then(|t| find_token(t, false)))
            .or_else(|| {
                o.get("PAYLOAD")
                    .filter(|_| top)
                    .and_then(|p| find_token(p, false))
            }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn token(body: &str) -> Option<String> {
        parse_token(body.as_bytes())
            .ok()
            .map(|t| t.expose_secret().to_owned())
    }

    #[test]
    fn hashes_as_lower_case_hex_sha256() {
        let body = token_request_body(&SecretString::from("abc"));
        assert_eq!(
            body["password"],
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn accepts_every_documented_token_form() {
        for body in [
            r#""t0k""#,
            r#"{"token":"t0k"}"#,
            r#"{"TOKEN":"t0k"}"#,
            r#"{"access_token":"t0k"}"#,
            r#"{"PAYLOAD":"t0k"}"#,
            r#"{"PAYLOAD":{"TOKEN":"t0k"}}"#,
            r#"{"other":1,"token":"t0k"}"#,
        ] {
            assert_eq!(token(body).as_deref(), Some("t0k"), "{body}");
        }
    }

    #[test]
    fn rejects_replies_without_a_usable_token() {
        for body in [
            "",
            "{",
            "null",
            "3",
            r#""""#,
            r#"{"token":5}"#,
            r#"{"error":"no"}"#,
            "\"a\\nb\"",
        ] {
            assert!(token(body).is_none(), "{body}");
        }
    }
}
