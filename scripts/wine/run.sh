#!/usr/bin/env bash
# Cargo's runner for x86_64-pc-windows-gnu test binaries (scripts/test-platforms.sh): runs
# one under Wine. The runner variable is dropped first: assert_cmd would put "wine" in
# front of the programs a test starts, and inside Wine they are started as Windows programs.
unset CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUNNER
exec wine "$@"
