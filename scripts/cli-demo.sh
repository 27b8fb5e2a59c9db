#!/usr/bin/env bash
# The CLI on the simulated device: starts `nestore-sim` on loopback (60x accelerated) and
# `nestore watch` against it. Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cargo build --locked -p nestore-sim -p nestore-cli
bin=target/debug
port="${NESTORE_SIM_PORT:-4805}"
"$bin/nestore-sim" --port "$port" --speed 60 &
sim=$!
trap 'kill $sim 2>/dev/null' EXIT INT TERM
for _ in $(seq 100); do
  "$bin/nestore" --host 127.0.0.1 --port "$port" --timeout 1s status >/dev/null 2>&1 && break
  kill -0 $sim 2>/dev/null || { echo "nestore-sim did not start" >&2; exit 1; }
  sleep 0.1
done
"$bin/nestore" --host 127.0.0.1 --port "$port" status
echo
"$bin/nestore" --host 127.0.0.1 --port "$port" watch --interval "${NESTORE_INTERVAL:-5s}"
