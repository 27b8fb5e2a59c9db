#!/usr/bin/env bash
# Discovery benchmark: a few simulators on 127.0.0.x, a sweep of 127.0.0.0/24 with the
# default timeouts (3 s overall, 600 ms per connect, 128 at once); prints the time to the
# first hit and to done. Goal: done within 3 s on a /24.
#
# Three runs: the simulators alone (every other address refuses at once, as loopback does),
# then with 200 silent addresses that swallow connection attempts, as the empty addresses
# of a real home network do, so that each costs a full connect timeout; then with the silent
# addresses swept before the simulators.
#
# Loopback only (127.0.0.0/8): no names, no mDNS. Usage: scripts/bench-discover.sh [SIMS]
set -euo pipefail
cd "$(dirname "$0")/.."
sims="${1:-3}"
timeout 900 cargo build -q -p nestore-discover --example bench_discover
bin=target/debug/examples/bench_discover
echo "== $sims simulators, the rest refusing"
timeout 60 "$bin" --sims "$sims"
echo "== $sims simulators, 200 silent addresses"
timeout 60 "$bin" --sims "$sims" --silent 200
echo "== $sims simulators after 200 silent addresses (the first hit's worst case)"
timeout 60 "$bin" --sims "$sims" --silent 200 --silent-first
