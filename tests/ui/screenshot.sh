#!/usr/bin/env bash
# Screenshots of the window (ui/) driven by tests/ui/mock-tauri.js, with headless Chromium.
# Usage: tests/ui/screenshot.sh OUT_DIR
#   DARK=1 also renders the dark theme; TALL=1 also renders full-height pages.
# Console errors and CSP violations are printed and make the script exit non-zero.
set -euo pipefail

out=${1:?usage: $0 OUT_DIR}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
mkdir -p "$out"
out=$(cd "$out" && pwd)

chrome=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$chrome" ]; then
  echo "chromium not found (apt-get install -y chromium)" >&2
  exit 2
fi

site=$(mktemp -d)
profile=$(mktemp -d)
server_pid=
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  rm -rf "$site" "$profile"
}
trap cleanup EXIT

# The window as shipped, plus the mock loaded before app.js and the app's CSP as a meta tag
# so that inline styles or scripts would show up as violations.
cp -r "$root/ui/." "$site/"
cp "$here/mock-tauri.js" "$site/"
csp="default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:"
sed -i \
  -e "s|<meta charset=\"utf-8\">|<meta charset=\"utf-8\">\n  <meta http-equiv=\"Content-Security-Policy\" content=\"$csp\">|" \
  -e 's|<script src="app.js" defer></script>|<script src="mock-tauri.js"></script>\n  <script src="app.js" defer></script>|' \
  "$site/index.html"

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$site" >/dev/null 2>&1 &
server_pid=$!
for _ in $(seq 50); do
  python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/index.html')" 2>/dev/null && break
  sleep 0.1
done

base=http://127.0.0.1:$port/index.html
flags=(--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update
       --disable-sync --no-first-run --hide-scrollbars --virtual-time-budget=3000
       --force-prefers-reduced-motion)

errors=0
shoot() { # name query [height] [extra flags...]
  local name=$1 query=$2 height=${3:-820}
  shift 3 || shift $#
  local log="$out/$name.log"
  "$chrome" "${flags[@]}" "$@" --user-data-dir="$profile" --window-size=380,"$height" \
    --enable-logging=stderr --v=0 --screenshot="$out/$name.png" "$base?$query" >"$log" 2>&1 || true
  if grep -E 'CONSOLE|Content Security Policy|Uncaught' "$log" | grep -vE 'DevTools listening' ; then
    echo "^^ console output in $name" >&2
    errors=$((errors + 1))
  fi
  rm -f "$log"
  [ -s "$out/$name.png" ] && echo "$out/$name.png"
}

shoot online        "state=online"
shoot offline       "state=offline"
shoot unconfigured  "state=unconfigured"
shoot implausible   "state=implausible&outcome=error"
shoot settings      "state=online&view=settings"
shoot confirm       "state=online&dialog=start"
shoot sent          "state=online&dialog=start&send=1"
shoot alarm         "state=alarm"
shoot alarm-log     "state=alarm&log=all" 1950
shoot snoozed       "state=snoozed"
shoot snooze-1h     "state=alarm&snooze=1h"
shoot snooze-off    "state=snoozed&snooze=off"
shoot quiet         "state=quiet"
shoot settings-alerts "state=alarm&view=settings" 1250
shoot settings-error  "state=alarm&view=settings&save=1&lowalarm=2.5" 1250
shoot settings-saved  "state=alarm&view=settings&save=1" 1250
if [ "${TALL:-0}" = 1 ]; then
  shoot online-tall      "state=online" 1100
  shoot implausible-tall "state=implausible&outcome=error" 1100
  shoot sent-tall        "state=online&dialog=start&send=1" 1100
  shoot alarm-tall       "state=alarm" 1700
fi
if [ "${DARK:-0}" = 1 ]; then
  shoot online-dark        "state=online"       820 --blink-settings=preferredColorScheme=0
  shoot implausible-dark   "state=implausible"  820 --blink-settings=preferredColorScheme=0
  shoot settings-dark      "state=offline&view=settings" 820 --blink-settings=preferredColorScheme=0
  shoot confirm-dark       "state=online&dialog=start" 820 --blink-settings=preferredColorScheme=0
  shoot alarm-dark         "state=alarm&log=all" 1950 --blink-settings=preferredColorScheme=0
  shoot snoozed-dark       "state=snoozed" 820 --blink-settings=preferredColorScheme=0
  shoot settings-alerts-dark "state=alarm&view=settings" 1250 --blink-settings=preferredColorScheme=0
fi

if [ "$errors" -gt 0 ]; then
  echo "$errors page(s) logged console errors" >&2
  exit 1
fi
