#!/usr/bin/env bash
# Run CMD in a throwaway desktop session: a private session bus with an UNLOCKED
# Secret Service (gnome-keyring, via scripts/with-secret-service.sh), a private HOME and
# XDG dirs, an Xvfb X server, a notification server (dunst) and, with --trayer, an
# XEmbed system tray (trayer).
#
#   scripts/desktop-session.sh [--trayer] [--size WxH] CMD [ARGS...]
#   e.g. scripts/desktop-session.sh cargo nextest run -p nestore-e2e --run-ignored only
#        scripts/desktop-session.sh --trayer tests/e2e/screenshots.sh
#
# Without --trayer there is no tray host at all, so a test can own
# org.kde.StatusNotifierWatcher on the session bus itself.
#
# What it does, in order:
#   * with-secret-service.sh: mktemp HOME/XDG_{DATA,CONFIG,CACHE,RUNTIME}_DIR,
#     dbus-run-session, gnome-keyring-daemon started and unlocked before anything else;
#   * masks xdg-desktop-portal on that bus (its activation fails at once instead of
#     starting a portal that spams the log), sets NO_AT_BRIDGE=1, GTK_A11Y=none,
#     GTK_USE_PORTAL=0, GDK_DEBUG=no-portals;
#   * starts Xvfb on a free display (-displayfd) and exports DISPLAY;
#   * starts dunst and waits until it owns org.freedesktop.Notifications;
#   * with --trayer, starts trayer (top right) and waits for its window;
#   * runs CMD, stops what it started (by pid), exits with CMD's status.
#
# Works as root on a headless CI machine. Needs (scripts/install-deps.sh installs them):
#   xvfb xauth x11-utils trayer dunst dbus dbus-x11 gnome-keyring libsecret-tools
# Env: DESKTOP_SESSION_LOG_DIR (default: a temp dir that is removed) keeps the logs of
# Xvfb, dunst and trayer.
# Helpers below are called indirectly (traps, wait_until):
# shellcheck disable=SC2317
set -euo pipefail

log() { echo "desktop-session: $*" >&2; }
die() {
    log "$*"
    exit 2
}

self="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/$(basename "${BASH_SOURCE[0]}")"
here="$(dirname "$self")"

if [ "${_NESTORE_DESKTOP_INNER:-}" != 1 ]; then
    # ---- outer half: parse options, then re-run ourselves inside with-secret-service ----
    trayer=0
    size=1280x800
    while [ $# -gt 0 ]; do
        case "$1" in
        --trayer)
            trayer=1
            shift
            ;;
        --size)
            size="${2:?--size needs WxH}"
            shift 2
            ;;
        --) shift; break ;;
        -*) die "unknown option $1" ;;
        *) break ;;
        esac
    done
    [ $# -gt 0 ] || die "usage: $0 [--trayer] [--size WxH] CMD [ARGS...]"
    tools="Xvfb dunst xwininfo dbus-send"
    [ "$trayer" = 0 ] || tools="$tools trayer"
    for tool in $tools; do
        command -v "$tool" >/dev/null ||
            die "$tool not found (run scripts/install-deps.sh)"
    done
    export _NESTORE_DESKTOP_INNER=1 _NESTORE_DESKTOP_TRAYER="$trayer" _NESTORE_DESKTOP_SIZE="$size"
    exec "$here/with-secret-service.sh" bash "$self" "$@"
fi

# ---- inner half: on the private bus, with an unlocked keyring, no DISPLAY yet ----
trayer="$_NESTORE_DESKTOP_TRAYER"
size="$_NESTORE_DESKTOP_SIZE"
unset _NESTORE_DESKTOP_INNER _NESTORE_DESKTOP_TRAYER _NESTORE_DESKTOP_SIZE

if [ -n "${DESKTOP_SESSION_LOG_DIR:-}" ]; then
    logs="$DESKTOP_SESSION_LOG_DIR"
    mkdir -p "$logs"
    keep_logs=1
else
    logs="$(mktemp -d "${TMPDIR:-/tmp}/nestore-desktop.XXXXXX")"
    keep_logs=0
fi

pids=()
cleanup() {
    local i
    # Stop in reverse order, each by the pid we started.
    for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
        kill "${pids[i]}" 2>/dev/null || true
    done
    for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
        wait "${pids[i]}" 2>/dev/null || true
    done
    [ "$keep_logs" = 1 ] || rm -rf "$logs"
}
trap cleanup EXIT

# wait_until SECONDS WHAT CMD...: poll CMD every 50 ms until it succeeds or time runs out.
wait_until() {
    local secs=$1 what=$2
    shift 2
    local deadline=$((SECONDS + secs))
    until "$@" >/dev/null 2>&1; do
        if [ "$SECONDS" -ge "$deadline" ]; then
            die "timed out after ${secs}s waiting for $what"
        fi
        sleep 0.05
    done
}
has_owner() {
    dbus-send --session --print-reply=literal --dest=org.freedesktop.DBus /org/freedesktop/DBus \
        org.freedesktop.DBus.NameHasOwner "string:$1" | grep -q true
}

# 1. No portal, no accessibility bus: both would only add noise (and delays) here.
export NO_AT_BRIDGE=1 GTK_A11Y=none GTK_USE_PORTAL=0 GDK_DEBUG=no-portals
mkdir -p "$XDG_DATA_HOME/dbus-1/services"
for name in org.freedesktop.portal.Desktop org.freedesktop.portal.Documents org.a11y.Bus; do
    printf '[D-BUS Service]\nName=%s\nExec=/bin/false\n' "$name" \
        >"$XDG_DATA_HOME/dbus-1/services/$name.service"
done
dbus-send --session --type=method_call --dest=org.freedesktop.DBus /org/freedesktop/DBus \
    org.freedesktop.DBus.ReloadConfig || log "could not reload the bus config (portal not masked)"
# Software rendering only: there is no GPU behind Xvfb.
export LIBGL_ALWAYS_SOFTWARE=1 WEBKIT_DISABLE_COMPOSITING_MODE=1

# 2. Xvfb on a free display: it writes the display number to fd 3 once it accepts clients.
Xvfb -displayfd 3 -screen 0 "${size}x24" -nolisten tcp -noreset \
    3>"$logs/display" >"$logs/xvfb.log" 2>&1 &
pids+=($!)
display_ready() { [ -s "$logs/display" ] && grep -q '^[0-9]' "$logs/display"; }
wait_until 20 "Xvfb to start (log: $logs/xvfb.log)" display_ready
DISPLAY=":$(head -n1 "$logs/display" | tr -d '[:space:]')"
export DISPLAY
wait_until 10 "the X server on $DISPLAY" xwininfo -root
log "Xvfb on $DISPLAY (${size})"

# 3. A notification server, so the app's notifications go somewhere real.
dunst >"$logs/dunst.log" 2>&1 &
pids+=($!)
wait_until 20 "dunst to own org.freedesktop.Notifications" has_owner org.freedesktop.Notifications

# 4. Optionally an XEmbed tray (the app falls back to it when no StatusNotifierWatcher runs).
if [ "$trayer" = 1 ]; then
    trayer --edge top --align right --widthtype request --height 32 --iconspacing 4 \
        --SetDockType true --SetPartialStrut true --transparent false --tint 0x303030 \
        --monitor primary >"$logs/trayer.log" 2>&1 &
    pids+=($!)
    trayer_ready() { xwininfo -root -tree | grep -q '"panel"'; }
    wait_until 20 "trayer's panel window" trayer_ready
    log "trayer is the system tray"
fi

# 5. Run the command.
rc=0
"$@" || rc=$?
exit "$rc"
