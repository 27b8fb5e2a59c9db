#!/usr/bin/env bash
# Run CMD against a real, throwaway, UNLOCKED Secret Service (gnome-keyring).
#
#   scripts/with-secret-service.sh CMD [ARGS...]
#   e.g. scripts/with-secret-service.sh cargo test -p nestore-secrets -- --ignored
#
#   scripts/with-secret-service.sh --no-secret-service CMD [ARGS...]
#   runs CMD on a private session bus that has NO Secret Service and none that
#   D-Bus could auto-activate (gnome-keyring ships an activation file, so a plain
#   dbus-run-session would start one), with NESTORE_EXPECT_NO_SECRET_SERVICE=1;
#   e.g. scripts/with-secret-service.sh --no-secret-service \
#            cargo test -p nestore-secrets --test secret_service -- --ignored
#
# What it does:
#   * makes a throwaway HOME and XDG_{DATA,CONFIG,CACHE,RUNTIME}_DIR (mktemp -d), so a
#     real user keyring is never touched, and removes them afterwards;
#   * starts a private session bus with dbus-run-session;
#   * on that bus, before anything else can touch (and so D-Bus-activate) the
#     Secret Service, starts gnome-keyring-daemon's secrets component and
#     creates the "login" keyring non-interactively from a known test password
#     on stdin, unlocked; makes sure it is the "default" collection (keyring-rs
#     writes there) and unlocked, so no prompt is ever needed;
#   * unsets DISPLAY/WAYLAND_DISPLAY so no prompter window can pop up;
#   * runs CMD, stops the daemon, and exits with CMD's status.
#
# Works as root on a headless CI machine. Needs: dbus-run-session and
# dbus-send (dbus), gnome-keyring-daemon (gnome-keyring); the tests also use
# secret-tool (libsecret-tools). On Debian/Ubuntu:
#   apt-get install -y dbus gnome-keyring libsecret-tools
#
# Env: NESTORE_TEST_KEYRING_PASSWORD (default "nestore-test") is the password
# of the throwaway login keyring.
set -euo pipefail

log() { echo "with-secret-service: $*" >&2; }
die() {
    log "$*"
    exit 2
}

no_secret_service=0
if [ "${1:-}" = --no-secret-service ]; then
    no_secret_service=1
    shift
fi
[ $# -gt 0 ] || die "usage: $0 [--no-secret-service] CMD [ARGS...]"

self="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/$(basename "${BASH_SOURCE[0]}")"

if [ "${_NESTORE_SECRET_SERVICE_INNER:-}" != 1 ]; then
    # ---- outer half: throwaway dirs, then re-run ourselves inside a private bus ----
    tools="dbus-run-session"
    [ "$no_secret_service" = 1 ] || tools="$tools dbus-send gnome-keyring-daemon"
    for tool in $tools; do
        command -v "$tool" >/dev/null ||
            die "$tool not found (apt-get install -y dbus gnome-keyring libsecret-tools)"
    done

    # Keep cargo/rustup working once HOME points elsewhere.
    export CARGO_HOME="${CARGO_HOME:-$HOME/.cargo}"
    export RUSTUP_HOME="${RUSTUP_HOME:-$HOME/.rustup}"

    tmp="$(mktemp -d "${TMPDIR:-/tmp}/nestore-secret-service.XXXXXX")"
    trap 'rm -rf "$tmp"' EXIT
    mkdir -m 700 "$tmp/home" "$tmp/data" "$tmp/config" "$tmp/cache" "$tmp/runtime"

    if [ "$no_secret_service" = 1 ]; then
        # A session bus with no service directories: nothing can be activated.
        cat >"$tmp/session-bus.conf" <<'EOF_CONF'
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:tmpdir=/tmp</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
EOF_CONF
        rc=0
        env -u DISPLAY -u WAYLAND_DISPLAY \
            HOME="$tmp/home" \
            XDG_DATA_HOME="$tmp/data" \
            XDG_CONFIG_HOME="$tmp/config" \
            XDG_CACHE_HOME="$tmp/cache" \
            XDG_RUNTIME_DIR="$tmp/runtime" \
            NESTORE_EXPECT_NO_SECRET_SERVICE=1 \
            dbus-run-session --config-file="$tmp/session-bus.conf" -- "$@" || rc=$?
        exit "$rc"
    fi

    rc=0
    env HOME="$tmp/home" \
        XDG_DATA_HOME="$tmp/data" \
        XDG_CONFIG_HOME="$tmp/config" \
        XDG_CACHE_HOME="$tmp/cache" \
        XDG_RUNTIME_DIR="$tmp/runtime" \
        _NESTORE_SECRET_SERVICE_TMP="$tmp" \
        _NESTORE_SECRET_SERVICE_INNER=1 \
        dbus-run-session -- bash "$self" "$@" || rc=$?
    exit "$rc"
fi

# ---- inner half: we are on the private session bus ----
unset _NESTORE_SECRET_SERVICE_INNER DISPLAY WAYLAND_DISPLAY
tmp="$_NESTORE_SECRET_SERVICE_TMP"
unset _NESTORE_SECRET_SERVICE_TMP
daemon_log="$tmp/gnome-keyring.log"

bus_call() { # DEST PATH METHOD ARGS... -> literal reply on stdout
    local dest=$1 path=$2 method=$3
    shift 3
    dbus-send --session --print-reply=literal --reply-timeout=5000 \
        --dest="$dest" "$path" "$method" "$@"
}
secrets_owner_pid() {
    bus_call org.freedesktop.DBus /org/freedesktop/DBus \
        org.freedesktop.DBus.GetConnectionUnixProcessID string:org.freedesktop.secrets |
        awk '{print $NF}'
}

# 1. Start the daemon and create + unlock the "login" keyring from the password
#    on stdin (no prompt). The daemon forks into the background.
printf '%s' "${NESTORE_TEST_KEYRING_PASSWORD:-nestore-test}" |
    gnome-keyring-daemon --unlock --components=secrets >>"$daemon_log" 2>&1 ||
    { cat "$daemon_log" >&2; die "gnome-keyring-daemon --unlock failed"; }
# 2. Initialise the secrets component of that running daemon (claims
#    org.freedesktop.secrets on this bus).
eval "$(gnome-keyring-daemon --start --components=secrets 2>>"$daemon_log")" ||
    { cat "$daemon_log" >&2; die "gnome-keyring-daemon --start failed"; }
export GNOME_KEYRING_CONTROL 2>/dev/null || true

# 3. Wait until our daemon owns the name (NameHasOwner does not auto-activate).
for _ in $(seq 1 100); do
    if bus_call org.freedesktop.DBus /org/freedesktop/DBus \
        org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null |
        grep -q true; then
        break
    fi
    sleep 0.1
done
daemon_pid="$(secrets_owner_pid)" ||
    { cat "$daemon_log" >&2; die "gnome-keyring did not claim org.freedesktop.secrets"; }

# shellcheck disable=SC2317 # called from the EXIT trap
stop_daemon() {
    # Only the daemon we started on our private bus, by its pid.
    if [ -n "${daemon_pid:-}" ] && kill -0 "$daemon_pid" 2>/dev/null; then
        kill "$daemon_pid" 2>/dev/null || true
    fi
}
trap stop_daemon EXIT

# 4. keyring-rs creates items in the "default" collection: make sure the alias
#    points at the unlocked login collection (creating a collection would need
#    a prompt, which a headless machine cannot show).
login=/org/freedesktop/secrets/collection/login
default="$(bus_call org.freedesktop.secrets /org/freedesktop/secrets \
    org.freedesktop.Secret.Service.ReadAlias string:default | tr -d '[:space:]')"
if [ "$default" != "$login" ]; then
    log "default collection is '${default:-none}'; pointing it at $login"
    bus_call org.freedesktop.secrets /org/freedesktop/secrets \
        org.freedesktop.Secret.Service.SetAlias string:default "objpath:$login" >/dev/null
fi
locked="$(bus_call org.freedesktop.secrets "$login" org.freedesktop.DBus.Properties.Get \
    string:org.freedesktop.Secret.Collection string:Locked)"
case "$locked" in
*false*) ;;
*) die "the login keyring is still locked ($locked)" ;;
esac
log "gnome-keyring (pid $daemon_pid) is serving an unlocked login keyring in $XDG_DATA_HOME/keyrings"

# 5. Run the command.
rc=0
"$@" || rc=$?
exit "$rc"
