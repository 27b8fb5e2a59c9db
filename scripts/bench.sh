#!/usr/bin/env bash
# Prints the benchmark figures (criterion). Goals: parsing one engineering payload under
# 20 µs; one full poll cycle on loopback under 1 ms of client CPU.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo bench -p nestore --bench parse --bench poll -- --noplot "$@" 2>&1 | grep -E '^[a-z_]+ +time:|^[a-z_]+$|time:' 
