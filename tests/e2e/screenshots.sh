#!/usr/bin/env bash
# Screenshots of the app for the docs: the tray icon (in trayer, scaled up 4x, nearest
# neighbour), the window, and the window's History view in the light and the dark theme,
# with the built-in demo device (and its month of history).
#
#   cargo build -p nestore-tray
#   scripts/desktop-session.sh --trayer --size 1280x1300 tests/e2e/screenshots.sh [OUT_DIR]
#
# OUT_DIR defaults to docs/screenshots; it gets tray.png, window.png, history-light.png,
# history-dark.png, find-app.png (Find my NEStore in Settings, two simulators found on
# loopback) and timers.png (the charge timers in Settings). The History view is driven over WebDriver by the e2e test
# the_demo_history_view_in_light_and_dark (tests/e2e/tests/screenshots.rs, run here with
# cargo test); on a screen at least 1290 px high its window is made tall enough to show the
# whole view, on a smaller one it keeps the app's own size.
# Needs: imagemagick (import, convert), x11-utils (xwininfo), xdotool, tauri-driver and
# WebKitWebDriver (as the e2e tests), and the X server, session bus and trayer that
# scripts/desktop-session.sh --trayer starts.
# Env: NESTORE_TRAY_BIN (default: $CARGO_TARGET_DIR or target, /debug/nestore-tray);
# SKIP_HISTORY=1 takes tray.png and window.png only.
set -euo pipefail

log() { echo "screenshots: $*" >&2; }
die() {
    log "$*"
    exit 2
}

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="${1:-$root/docs/screenshots}"
bin="${NESTORE_TRAY_BIN:-${CARGO_TARGET_DIR:-$root/target}/debug/nestore-tray}"

[ -n "${DISPLAY:-}" ] || die "no DISPLAY: run me inside scripts/desktop-session.sh --trayer"
[ -x "$bin" ] || die "$bin not found: cargo build -p nestore-tray"
for tool in import convert xwininfo xdotool; do
    command -v "$tool" >/dev/null || die "$tool not found (run scripts/install-deps.sh)"
done
xwininfo -root -tree | grep -q '"panel"' ||
    die "no trayer panel: run me inside scripts/desktop-session.sh --trayer"

work="$(mktemp -d "${TMPDIR:-/tmp}/nestore-shots.XXXXXX")"
app_pid=""
# shellcheck disable=SC2317 # called from the EXIT trap
cleanup() {
    if [ -n "$app_pid" ] && kill -0 "$app_pid" 2>/dev/null; then
        kill "$app_pid" 2>/dev/null || true
        wait "$app_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

wait_until() { # SECONDS WHAT CMD...
    local secs=$1 what=$2
    shift 2
    local deadline=$((SECONDS + secs))
    until "$@" >/dev/null 2>&1; do
        [ "$SECONDS" -lt "$deadline" ] || {
            sed 's/^/app: /' "$work/app.log" >&2 || true
            die "timed out after ${secs}s waiting for $what"
        }
        kill -0 "$app_pid" 2>/dev/null || {
            sed 's/^/app: /' "$work/app.log" >&2 || true
            die "the app exited while waiting for $what"
        }
        sleep 0.1
    done
}

# geometry NAME -> "X Y W H" of the top-level window with that name.
geometry() {
    xwininfo -name "$1" | awk '
        /Absolute upper-left X/ {x=$NF} /Absolute upper-left Y/ {y=$NF}
        /^ *Width:/ {w=$NF} /^ *Height:/ {h=$NF}
        END {if (w) print x, y, w, h; else exit 1}'
}

NESTORE_KEYRING_SERVICE="nestore-shots-$$" NESTORE_LOG=info \
    "$bin" --demo --open --config-dir "$work/config" >"$work/app.log" 2>&1 &
app_pid=$!

# Ready: the window is mapped, the first poll of the demo device succeeded, and the
# tray icon (an XEmbed child of trayer's panel) is there.
window_up() { xwininfo -root -tree | grep -q '"NEStore"'; }
polled() { grep -q 'device API detected' "$work/app.log"; }
tray_icon_up() { xwininfo -name panel -children | grep -Eq '^ +[0-9]+ child'; }
wait_until 60 "the NEStore window" window_up
wait_until 60 "the first reading" polled
wait_until 30 "the tray icon" tray_icon_up
# The state event, WebKit's paint and the tray icon's redraw follow the poll by a moment.
sleep 2

import -window root "$work/root.png"
read -r px py pw ph < <(geometry panel) || die "no trayer panel geometry"
read -r wx wy ww wh < <(geometry NEStore) || die "no window geometry"
log "tray panel ${pw}x${ph}+${px}+${py}, window ${ww}x${wh}+${wx}+${wy}"

mkdir -p "$out"
out="$(cd "$out" && pwd)"
convert "$work/root.png" -crop "${pw}x${ph}+${px}+${py}" +repage \
    -filter point -resize 400% "$out/tray.png"
convert "$work/root.png" -crop "${ww}x${wh}+${wx}+${wy}" +repage "$out/window.png"
log "wrote $out/tray.png and $out/window.png"

[ "${SKIP_HISTORY:-}" = 1 ] && exit 0
# The History view: one app at a time (a second one would only open this one's window),
# so this one ends first.
kill "$app_pid" 2>/dev/null || true
wait "$app_pid" 2>/dev/null || true
app_pid=""
log "the History view in light and dark (cargo test -p nestore-e2e --test screenshots)"
(cd "$root" && NESTORE_TRAY_BIN="$bin" NESTORE_SHOTS_DIR="$out" \
    cargo test -q -p nestore-e2e --test screenshots -- --ignored --exact \
    the_demo_history_view_in_light_and_dark) ||
    die "the History view screenshots failed"
log "wrote $out/history-light.png and $out/history-dark.png"
log "Settings: Find my NEStore and the charge timers (cargo test -p nestore-e2e --test screenshots)"
(cd "$root" && NESTORE_TRAY_BIN="$bin" NESTORE_SHOTS_DIR="$out" \
    cargo test -q -p nestore-e2e --test screenshots -- --ignored --exact \
    settings_with_find_my_nestore_and_the_charge_timers) ||
    die "the Settings screenshots failed"
log "wrote $out/find-app.png and $out/timers.png"
