//! The desktop session the tests run in: its environment, X windows, the keyring.

use std::process::Command;

/// Fails early with a clear message when the test is not inside a desktop session.
pub fn require_desktop() {
    for var in ["DISPLAY", "DBUS_SESSION_BUS_ADDRESS", "XDG_RUNTIME_DIR"] {
        assert!(
            std::env::var_os(var).is_some(),
            "{var} is not set: run the e2e tests inside scripts/desktop-session.sh"
        );
    }
}

/// `secret-tool lookup service SERVICE username ACCOUNT`: the stored secret, if any.
pub fn keyring_lookup(service: &str, account: &str) -> Option<String> {
    let out = Command::new("secret-tool")
        .args(["lookup", "service", service, "username", account])
        .output()
        .expect("run secret-tool (apt-get install libsecret-tools)");
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// `xwininfo -root -tree`: does any window have this exact title?
pub fn x_window_titled(title: &str) -> bool {
    Command::new("xwininfo")
        .args(["-root", "-tree"])
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).contains(&format!("\"{title}\"")))
        .unwrap_or(false)
}
