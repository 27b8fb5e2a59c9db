//! Token issue and validation in simulated time, which may not read a clock (callers pass
//! the simulated now) nor know HTTP beyond the Bearer header.

use std::collections::HashMap;

use sha2::{Digest, Sha256};

/// What the device expects in `{"password": ...}`: lower-case hex SHA-256 of the password.
pub fn password_digest(password: &str) -> String {
    hex::encode(Sha256::digest(password.as_bytes()))
}

/// The token of an `Authorization: Bearer <token>` header, if well-formed.
pub fn bearer(header: Option<&str>) -> Option<&str> {
    let h = header?.trim();
    let (scheme, token) = h.split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then_some(token)
}

#[derive(Debug, Default)]
pub struct Tokens {
    /// token -> simulated issue time (s).
    issued: HashMap<String, f64>,
}

impl Tokens {
    /// A fresh random 32-hex-char token.
    pub fn issue(&mut self, now_s: f64, lifetime_s: f64) -> String {
        self.issued.retain(|_, t| now_s - *t < lifetime_s);
        let token = format!("{:032x}", rand::random::<u128>());
        self.issued.insert(token.clone(), now_s);
        token
    }

    /// Lifetime is applied at check time so a scenario switch (token_expiry) bites at once.
    pub fn is_valid(&self, token: &str, now_s: f64, lifetime_s: f64) -> bool {
        self.issued
            .get(token)
            .is_some_and(|t| now_s - *t < lifetime_s)
    }

    pub fn expire_all(&mut self) {
        self.issued.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digest_and_bearer() {
        assert_eq!(
            password_digest("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(bearer(Some("Bearer xyz")), Some("xyz"));
        assert_eq!(bearer(Some("bearer  xyz ")), Some("xyz"));
        assert_eq!(bearer(Some("Basic xyz")), None);
        assert_eq!(bearer(None), None);
    }

    #[test]
    fn tokens_expire() {
        let mut t = Tokens::default();
        let tok = t.issue(0.0, 60.0);
        assert_eq!(tok.len(), 32);
        assert!(t.is_valid(&tok, 59.0, 60.0));
        assert!(!t.is_valid(&tok, 60.0, 60.0));
        t.expire_all();
        assert!(!t.is_valid(&tok, 0.0, 60.0));
    }
}
