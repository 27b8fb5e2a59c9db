#!/usr/bin/env bash
# The app's Windows build started tray-only under Wine, inside a throwaway desktop with an
# XEmbed tray (scripts/test-platforms.sh runs it under scripts/desktop-session.sh
# --trayer): with the built-in demo device it must poll, draw its tray icon, and Wine's
# tray (explorer.exe) must dock that icon into trayer. No window, no webview.
#
#   scripts/wine/tray-smoke.sh APP.exe
# Needs WINEPREFIX (with the ProcessPrng stand-in) and WINEDLLOVERRIDES set by the caller.
set -euo pipefail
exe=$1
work=$(mktemp -d)
pid=""
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  wineserver -k 2>/dev/null || true
  wineserver -w 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

fail() {
  echo "tray-smoke: $*" >&2
  echo "--- the app's log" >&2
  cat "$work/app.log" >&2 || true
  exit 1
}

# Polls CONDITION (a command) until it holds; fails after SECONDS or when the app ended.
wait_until() {
  local seconds=$1
  shift
  local deadline=$((SECONDS + seconds))
  until "$@" 2>/dev/null; do
    ((SECONDS < deadline)) || return 1
    kill -0 "$pid" 2>/dev/null || return 1
    sleep 0.1
  done
}

NESTORE_LOG=info wine "$exe" --demo --config-dir "$work/config" --data-dir "$work/data" \
  >"$work/app.log" 2>&1 &
pid=$!

shown() { grep -q "tray shows NEStore [0-9]* %" "$work/app.log"; }
wait_until 120 shown || fail "no tray icon drawn within 120 s (or the app ended)"
grep -q "cannot set the tray icon" "$work/app.log" && fail "the tray icon could not be set"

# trayer's panel, and in it a window of Wine's tray host holding the app's icon.
docked() {
  local panel
  panel=$(xwininfo -root -tree | awk '/"panel": \("panel" "trayer"\)/ {print $1; exit}')
  [ -n "$panel" ] && xwininfo -tree -id "$panel" | grep -q '("explorer.exe" "explorer.exe")'
}
wait_until 30 docked || fail "no icon of Wine's tray docked in trayer"
kill -0 "$pid" 2>/dev/null || fail "the app ended"
line=$(grep -o "tray shows NEStore [0-9]* %.*" "$work/app.log" | head -1)
echo "tray-smoke: the Windows app runs tray-only under Wine: $line; its icon is docked in trayer"
