#!/usr/bin/env bash
# Prints the tray app's footprint figures against the issue's goals. A measurement, not a
# test: it needs an X display, a session bus and a tray host, so run it as
#
#   scripts/desktop-session.sh --trayer scripts/footprint.sh [APP_BINARY]
#
# APP_BINARY defaults to the size-profile build (cargo build --profile release-small -p nestore-tray).
# FOOTPRINT_IDLE_S (default 60) is how long the idle CPU is watched between polls.
set -euo pipefail
cd "$(dirname "$0")/.."
app=$(realpath "${1:-target/release-small/nestore-tray}")
idle_s=${FOOTPRINT_IDLE_S:-60}
[ -x "$app" ] || { echo "build it first: cargo build --profile release-small -p nestore-tray" >&2; exit 2; }
[ -n "${DISPLAY:-}" ] || { echo "no DISPLAY: run through scripts/desktop-session.sh --trayer" >&2; exit 2; }
cargo build -q -p nestore-sim
work=$(mktemp -d)
cleanup() { kill "${app_pid:-}" "${sim_pid:-}" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

now() { date +%s.%N; }
# Seconds from $1 to the first line of the app's log that matches $2, waiting up to 20 s.
until_log() {
  local since=$1 pattern=$2 n=${3:-1}
  for _ in $(seq 200); do
    if [ "$(grep -c -- "$pattern" "$work/app.log" || true)" -ge "$n" ]; then
      python3 - "$since" "$pattern" "$n" "$work/app.log" <<'PY'
import re, sys, datetime
since, pattern, n, path = float(sys.argv[1]), sys.argv[2], int(sys.argv[3]), sys.argv[4]
hits = [l for l in open(path, errors="replace") if re.search(pattern, l)]
stamp = re.sub(r"\x1b\[[0-9;]*m", "", hits[n - 1]).split()[0]
t = datetime.datetime.fromisoformat(stamp.replace("Z", "+00:00")).timestamp()
print(f"{t - since:.3f}")
PY
      return 0
    fi
    sleep 0.1
  done
  echo "timeout"
}
dirty_mb() { awk '/^Private_Dirty/ {printf "%.1f", $2 / 1024}' "/proc/$app_pid/smaps_rollup"; }
count() { pgrep -c -f "$1" || true; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$app_pid/stat"; }
window_id() { xdotool search --name '^NEStore$' 2>/dev/null | head -1; }
close_window() {
  local id; id=$(window_id)
  [ -n "$id" ] || return 0
  xdotool windowfocus --sync "$id" key Escape 2>/dev/null || true
  for _ in $(seq 100); do [ -z "$(window_id)" ] && [ "$(count WebKitWebProcess)" = 0 ] && return 0; sleep 0.1; done
  echo "window did not close" >&2
}

# The device runs in its own process, so that it is not counted.
target/debug/nestore-sim --port 0 --speed 0 > "$work/sim.log" 2>&1 &
sim_pid=$!
for _ in $(seq 100); do grep -q listening "$work/sim.log" && break; sleep 0.1; done
port=$(grep -o '127.0.0.1:[0-9]*' "$work/sim.log" | head -1 | cut -d: -f2)
run_app() { "$app" --host 127.0.0.1 --port "$port" --config-dir "$work/config" "$@"; }

t0=$(now)
NESTORE_LOG=info "$app" --host 127.0.0.1 --port "$port" --config-dir "$work/config" > "$work/app.log" 2>&1 &
app_pid=$!
first_soc=$(until_log "$t0" "tray shows NEStore [0-9]")
sleep 5
tray_dirty=$(dirty_mb)
tray_web=$(count WebKitWebProcess); tray_net=$(count WebKitNetworkProcess)
c0=$(cpu_ticks); sleep "$idle_s"; c1=$(cpu_ticks)
idle_cpu_ms=$(( (c1 - c0) * 1000 / $(getconf CLK_TCK) ))

t1=$(now)
run_app > /dev/null 2>&1   # a second launch opens the first one's window and exits
until_log "$t1" "window: state delivered" > /dev/null
# From the first instance hearing the request (as a menu click would be) to the data.
open_at=$(until_log 0 "second launch: opening the window")
delivered_at=$(until_log 0 "window: state delivered")
open_s=$(python3 -c "print(f'{$delivered_at - $open_at:.3f}')")
sleep 3
open_dirty=$(dirty_mb); open_web=$(count WebKitWebProcess)
close_window
sleep 3
closed_dirty=$(dirty_mb); closed_web=$(count WebKitWebProcess); closed_net=$(count WebKitNetworkProcess)

for i in $(seq 2 11); do
  run_app > /dev/null 2>&1
  until_log "$(now)" "window: state delivered" "$i" > /dev/null
  close_window
done
ten_net=$(count WebKitNetworkProcess); ten_web=$(count WebKitWebProcess)
ten_dirty=$(dirty_mb)
size_b=$(stat -c %s "$app")
size_mb=$(awk -v b="$size_b" 'BEGIN {printf "%.2f", b / 1000000}')

cat <<EOF2
NEStore Tray footprint ($(basename "$app"), $(date -u +%F))
  first state of charge in the tray after launch   ${first_soc} s         (goal <= 1 s)
  private dirty, tray only                         ${tray_dirty} MB       (goal <= 35 MB)
  WebKit processes, tray only                      ${tray_web} web, ${tray_net} network   (goal 0)
  CPU used over ${idle_s} s between polls                ${idle_cpu_ms} ms       (goal 0)
  window shows data after the open request         ${open_s} s         (goal <= 0.3 s)
  private dirty, window open                       ${open_dirty} MB ($open_web web process)
  private dirty, window closed                     ${closed_dirty} MB       (goal <= tray-only + 15 MB)
  WebKit processes after closing                   ${closed_web} web, ${closed_net} network   (goal 0 web)
  after 10 more opens and closes                   ${ten_web} web, ${ten_net} network, ${ten_dirty} MB   (goal <= 1 network)
  release binary size (release-small)              ${size_mb} MB ($size_b bytes)   (goal <= 6.5 MB)
EOF2
