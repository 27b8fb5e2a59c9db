#!/usr/bin/env bash
# Prints the history's figures (nestore-history, release build). Goals: one reading written
# in at most 1 ms; a year of readings at 5-minute polls in at most 15 MB; any range query
# over a year in at most 50 ms.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo run --quiet --release -p nestore-history --example bench "$@"
