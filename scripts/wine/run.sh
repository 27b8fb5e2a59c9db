#!/usr/bin/env bash
# Cargo's runner for x86_64-pc-windows-gnu test binaries (scripts/test-platforms.sh): runs
# one under Wine. The runner variable is dropped first: assert_cmd would put "wine" in
# front of the programs a test starts, and inside Wine they are started as Windows programs.
#
# Wine 8 now and then fails to start a process a test starts (CreateProcess: "Internal
# error. (os error 1359)", ERROR_INTERNAL_ERROR; seen once in a CI run, not reproduced in
# 11 runs of the same tests). That is Wine's fault, not the test's: a test binary that
# failed with it is run once more, and that is said. Any other failure stands.
unset CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUNNER
out=$(mktemp)
trap 'rm -f "$out"' EXIT
wine "$@" 2>&1 | tee "$out"
status=${PIPESTATUS[0]}
if [ "$status" -ne 0 ] && grep -q '(os error 1359)' "$out"; then
  echo "scripts/wine/run.sh: Wine could not start a process (os error 1359, a Wine fault): running $(basename "$1") once more" >&2
  wine "$@"
  exit
fi
exit "$status"
