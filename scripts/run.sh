#!/usr/bin/env bash
# Runs NEStore Tray. With no device configured (no host in the settings, no NESTORE_HOST),
# it uses the built-in simulated device (--demo) and opens the window. Extra arguments go
# to the app (e.g. --config-dir DIR).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cargo build --locked -p nestore-tray
app="${CARGO_TARGET_DIR:-target}/debug/nestore-tray"

settings="${XDG_CONFIG_HOME:-$HOME/.config}/org.nestore.tray/settings.json"
configured=$(python3 -c 'import json,sys; print(bool(json.load(open(sys.argv[1])).get("host")))' "$settings" 2>/dev/null || echo False)

if [ -n "${NESTORE_HOST:-}" ]; then
  exec "$app" --open --host "$NESTORE_HOST" ${NESTORE_PORT:+--port "$NESTORE_PORT"} "$@"
elif [ "$configured" = True ]; then
  exec "$app" --open "$@"
else
  exec "$app" --demo --open "$@"
fi
