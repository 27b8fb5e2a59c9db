#!/usr/bin/env bash
# Screenshots of the window (ui/) driven by tests/ui/mock-tauri.js, with headless Chromium,
# and the checks of tests/ui/checks.js (the confirmation from state.confirm, typed errors
# marking their field, retrying, snooze errors, the pressure look, a short screen, the
# window in Dutch and a switch of language, …). The mock serves the real catalogue
# (crates/nestore-i18n/locales, copied to locales/ beside the page).
# Usage: tests/ui/screenshot.sh [OUT_DIR]
#   Without OUT_DIR the screenshots go to a temporary directory that is removed at the end.
#   DARK=1 also renders the dark theme; TALL=1 also renders full-height pages;
#   CHECKS_ONLY=1 runs the checks and no screenshots; ONLY=REGEX runs only the checks and
#   screenshots whose names match.
# Console errors, CSP violations and failed checks are printed and make the script exit
# non-zero. Needs chromium (Debian package `chromium`) and python3.
set -euo pipefail

keep_out=1
if [ $# -ge 1 ]; then
  out=$1
else
  out=$(mktemp -d)
  keep_out=0
fi
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
  [ "$keep_out" = 1 ] || rm -rf "$out"
}
trap cleanup EXIT

# The window as shipped, plus the mock (and the checks) loaded before the app's module and
# the app's CSP as a meta tag, so that inline styles or scripts would show up as violations.
cp -r "$root/ui/." "$site/"
cp "$here/mock-tauri.js" "$here/checks.js" "$site/"
mkdir -p "$site/locales"
cp -r "$root/crates/nestore-i18n/locales/." "$site/locales/"
csp="default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:"
entry='<script type="module" src="app.js"></script>'
grep -qF "$entry" "$site/index.html" || { echo "ui/index.html no longer loads $entry" >&2; exit 2; }
sed -i \
  -e "s|<meta charset=\"utf-8\">|<meta charset=\"utf-8\">\n  <meta http-equiv=\"Content-Security-Policy\" content=\"$csp\">|" \
  -e "s|$entry|<script src=\"mock-tauri.js\"></script>\n  <script src=\"checks.js\"></script>\n  $entry|" \
  "$site/index.html"

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
# A static server; /__hold?ms=N answers after N ms (a realtime check holds the page's load
# event with it, since --dump-dom without virtual time reads the DOM at load).
python3 - "$port" "$site" >/dev/null 2>&1 <<'PY' &
import functools, http.server, sys, time, urllib.parse
class Handler(http.server.SimpleHTTPRequestHandler):
    def do_GET(self):
        url = urllib.parse.urlparse(self.path)
        if url.path == '/__hold':
            ms = int(urllib.parse.parse_qs(url.query).get('ms', ['0'])[0])
            time.sleep(min(ms, 20000) / 1000)
            self.send_response(200)
            self.send_header('Content-Type', 'text/html')
            self.end_headers()
            self.wfile.write(b'<!doctype html>')
            return
        super().do_GET()
    def log_message(self, *args):
        pass
port, site = int(sys.argv[1]), sys.argv[2]
http.server.ThreadingHTTPServer(('127.0.0.1', port), functools.partial(Handler, directory=site)).serve_forever()
PY
server_pid=$!
for _ in $(seq 50); do
  python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/index.html')" 2>/dev/null && break
  sleep 0.1
done

base=http://127.0.0.1:$port/index.html
flags=(--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update
       --disable-sync --no-first-run --hide-scrollbars --force-prefers-reduced-motion)

errors=0
# Console output of one page: any error, CSP violation or uncaught exception counts.
console_errors() { # name log
  if grep -E 'CONSOLE|Content Security Policy|Uncaught' "$2" | grep -vE 'DevTools listening' ; then
    echo "^^ console output in $1" >&2
    errors=$((errors + 1))
  fi
}

shoot() { # name query [height] [extra flags...]
  local name=$1 query=$2 height=${3:-820}
  shift 3 || shift $#
  [ "${CHECKS_ONLY:-0}" = 1 ] && return 0
  [ -n "${ONLY:-}" ] && ! [[ $name =~ $ONLY ]] && return 0
  local log="$out/$name.log"
  rm -f "$out/$name.png"
  "$chrome" "${flags[@]}" "$@" --virtual-time-budget=3000 --user-data-dir="$profile" \
    --window-size=380,"$height" --enable-logging=stderr --v=0 --screenshot="$out/$name.png" \
    "$base?$query" >"$log" 2>&1 || true
  console_errors "$name" "$log"
  rm -f "$log"
  if [ -s "$out/$name.png" ]; then
    [ "$keep_out" = 0 ] || echo "$out/$name.png"
  else
    echo "no screenshot for $name" >&2
    errors=$((errors + 1))
  fi
}

checks=0
check() { # name query [height [realtime]]: runs tests/ui/checks.js's check `name` on that page
  # realtime: the page runs on the wall clock (a timing check), not on virtual time, which
  # does not count the time spent computing; checks.js holds its load event for 6 s.
  local name=$1 query=$2 height=${3:-820} clock=--virtual-time-budget=15000
  [ "${4:-}" = realtime ] && { clock=--no-first-run; query="$query&realtime=6000"; }
  [ -n "${ONLY:-}" ] && ! [[ $name =~ $ONLY ]] && return 0
  local log="$out/check-$name.log" dom="$out/check-$name.html"
  "$chrome" "${flags[@]}" "$clock" --user-data-dir="$profile" \
    --window-size=380,"$height" --enable-logging=stderr --v=0 --dump-dom \
    "$base?$query&check=$name" >"$dom" 2>"$log" || true
  console_errors "check $name" "$log"
  local result
  result=$(grep -o 'data-check="[^"]*"' "$dom" | head -1 | sed 's/^data-check="//; s/"$//' || true)
  local perf
  perf=$(grep -o 'data-perf="[^"]*"' "$dom" | head -1 | sed 's/^data-perf="//; s/"$//' || true)
  if [ "$result" = pass ]; then
    echo "check $name: ok${perf:+ ($perf)}"
  else
    echo "check $name: FAILED: ${result:-no result (the page did not finish)}" >&2
    checks=$((checks + 1))
  fi
  rm -f "$log" "$dom"
}

check words          "state=online"
check retrying       "state=retrying"
check confirm-tray   "state=online&confirm=stop"
check confirm-cancel "state=online&confirm=start"
check settings-field "state=online"
check test-login     "state=online"
check command-field  "state=online&previewfail=power_w"
check snooze-fail    "state=alarm&snoozefail=1"
check pressure-look  "state=rawlow"
check small-screen   "state=alarm" 560
check history-charts "state=online"
check history-range  "state=online"
check history-export "state=online"
check history-export-fail "state=online&export=fail"
check history-export-cancel "state=online&export=cancel"
check history-notes  "state=online&hist=empty"
check history-notes  "state=online&hist=off"
check history-notes  "state=online&hist=demo"
check history-perf   "state=online" 820 realtime
check history-settings "state=online"
check dutch          "state=online&lang=nl"
check language-switch "state=online"
check settings-language "state=online"
check decimals-nl    "state=online&lang=nl"
check controls-fit   "state=online&lang=nl"
check decimals-switch "state=online"
check quiet-hours    "state=alarm"
check quiet-hours    "state=alarm&lang=nl"
check find-settings  "state=online"
check find-first-run "state=unconfigured"
check find-refused   "state=online"
check find-offline   "state=offline"
check find-offline   "state=offline&lang=nl"
check find-dutch     "state=online&lang=nl"
check timers-settings "state=online"
check timers-settings "state=online&lang=nl"
check timers-refused "state=online"
check timers-refused "state=online&lang=nl"
check timer-line     "state=online"
check timer-line     "state=online&lang=nl"
check prices-chart   "state=online&prices=cheapest"
check prices-chart   "state=online&lang=nl&prices=cheapest"
check running-low    "state=online"
check running-low    "state=online&lang=nl"
check update-latest   "state=online"
check update-latest   "state=online&lang=nl"
check update-available "state=online"
check update-available "state=online&lang=nl"
check update-found    "state=online&update=found"
check update-found    "state=online&lang=nl&update=found"
check update-install  "state=online"
check update-install  "state=online&lang=nl"
check update-refused-reopen "state=online&update=refused"
check settings-busy-while-loading "state=online"
check update-refused-reopen "state=online&lang=nl&update=refused"
check update-quiet    "state=online"
check update-quiet    "state=online&lang=nl"
check update-unchecked "state=online"
check update-unchecked "state=online&lang=nl"

shoot history       "state=online&view=history" 1250
shoot history-year  "state=online&view=history&range=1y" 1250
shoot history-zoom  "state=alarm&view=history&zoom=1" 1250
shoot history-empty "state=online&view=history&hist=empty"
shoot history-off   "state=online&view=history&hist=off&range=7d&export=1" 1250
shoot history-demo  "state=online&view=history&hist=demo&range=30d&export=fail" 1250
shoot history-dark  "state=alarm&view=history&range=7d" 1250 --blink-settings=preferredColorScheme=0
shoot history-year-dark "state=online&view=history&range=1y" 1250 --blink-settings=preferredColorScheme=0
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
shoot settings-saved  "state=alarm&view=settings&save=1&password=wrong" 1250
shoot retrying        "state=retrying"
shoot tray-confirm    "state=online&confirm=stop"
shoot confirm-json    "state=online&dialog=start&expand=1"
shoot alarm-only      "state=alarmonly"
shoot snooze-fail     "state=alarm&snoozefail=1&snooze=1h"
shoot raw-low         "state=rawlow"
shoot test-login      "state=online&view=settings&test=1" 1250
# Find my NEStore (README: docs/screenshots/find*.png): two found in Settings, the first-run
# card, the notice when the configured device has been offline for a while, none found.
shoot find            "state=online&view=settings&find=1"
shoot find-nl         "state=online&lang=nl&view=settings&find=1"
shoot find-first-run  "state=unconfigured&find=1"
shoot find-offline    "state=offline"
shoot find-offline-search "state=offline&find=1"
shoot find-none       "state=unconfigured&find=none"
# Charge timers in Settings (README: docs/screenshots/timers.png), a refused overlap, the line
# near the controls (the next timer, one in progress).
shoot timers          "state=online&view=settings" 2000
shoot timers-nl       "state=online&lang=nl&view=settings" 2000
shoot timers-refused  "state=online&view=settings&timeradd=1&timersave=overlap" 2400
shoot timers-none     "state=online&view=settings&timers=none" 1500
shoot timer-next      "state=online&timer=next"
shoot timer-active-nl "state=online&lang=nl&timer=active"
# The prices of a timer in the cheapest hours (README: docs/screenshots/prices.png): the chart
# with the hours chosen, the fallback without tomorrow's prices; running low and the price source.
shoot prices          "state=online&prices=cheapest" 1100
shoot prices-nl       "state=online&lang=nl&prices=cheapest" 1100
shoot prices-fallback "state=online&prices=fallback" 1100
shoot prices-dark     "state=online&prices=cheapest" 1100 --blink-settings=preferredColorScheme=0
shoot running-low     "state=online&view=settings&lowcharge=20" 2600
# Updates of the app: a release with its notes, the confirmation, a refusal; the line on the main view.
shoot updates          "state=online&view=settings&update=available&updatecheck=1" 3000
shoot updates-confirm-nl "state=online&lang=nl&view=settings&update=available&updatecheck=1&updateinstall=1" 3000
shoot updates-refused  "state=online&view=settings&update=available&updatecheck=1&updateinstall=confirm" 3000
shoot updates-quiet    "state=online&view=settings&update=offline&updatecheck=1" 3000
shoot update-line      "state=online&update=found"
# In Dutch (README's "In Nederlands": docs/screenshots/*-nl.png).
shoot window-nl       "state=online&lang=nl"
shoot settings-nl     "state=online&lang=nl&view=settings" 1250
shoot settings-error-nl "state=alarm&lang=nl&view=settings&save=1&lowalarm=abc" 1250
shoot history-nl      "state=online&lang=nl&view=history" 1250
shoot alarm-nl        "state=alarm&lang=nl"
shoot offline-nl      "state=offline&lang=nl"
shoot confirm-nl      "state=online&lang=nl&dialog=start"
shoot unconfigured-nl "state=unconfigured&lang=nl"
# A 1024x600 screen: the window gets the work area, about 560 px high.
shoot short-monitor   "state=online" 560
shoot short-settings  "state=online&view=settings" 560
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
  shoot retrying-dark      "state=retrying" 820 --blink-settings=preferredColorScheme=0
  shoot short-settings-dark "state=online&view=settings" 560 --blink-settings=preferredColorScheme=0
  shoot timers-refused-dark "state=online&view=settings&timeradd=1&timersave=overlap" 2600 --blink-settings=preferredColorScheme=0
  shoot updates-refused-dark "state=online&view=settings&update=available&updatecheck=1&updateinstall=confirm" 3000 --blink-settings=preferredColorScheme=0
  shoot update-line-dark   "state=online&update=found" 820 --blink-settings=preferredColorScheme=0
fi

status=0
if [ "$errors" -gt 0 ]; then
  echo "$errors page(s) logged console errors or gave no screenshot" >&2
  status=1
fi
if [ "$checks" -gt 0 ]; then
  echo "$checks check(s) failed" >&2
  status=1
fi
exit $status
