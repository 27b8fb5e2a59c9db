#!/usr/bin/env bash
# Mutation testing with cargo-mutants over the logic crates, one crate at a time:
# nestore (device library), nestore-watch (pressure watch), nestore-tray-core (app logic).
# Slow (each mutant is a build plus that crate's tests): run by hand, not in CI.
#
#   scripts/mutants.sh                      # all three crates
#   scripts/mutants.sh nestore-watch        # one crate
#   scripts/mutants.sh nestore -- --file crates/nestore/src/control.rs   # extra cargo-mutants args
#
# Output: target/mutants-CRATE/mutants.out (caught.txt, missed.txt, timeout.txt, ...).
# Exit status: 0 when every run found no missed mutant, else the worst cargo-mutants status
# (2 = missed mutants, 3 = timeouts, 4 = the unmutated tree fails its tests).
set -euo pipefail
cd "$(dirname "$0")/.."

ALL=(nestore nestore-watch nestore-tray-core)

crates=()
while (($#)) && [[ $1 != -- ]]; do
  case $1 in
    -h | --help)
      sed -n '2,12p' "$0"
      exit 0
      ;;
    nestore | nestore-watch | nestore-tray-core) crates+=("$1") ;;
    *)
      echo "mutants.sh: unknown crate '$1' (one of: ${ALL[*]})" >&2
      exit 2
      ;;
  esac
  shift
done
[[ ${1:-} == -- ]] && shift
extra=("$@")
((${#crates[@]})) || crates=("${ALL[@]}")

if ! cargo mutants --version >/dev/null 2>&1; then
  echo "== installing cargo-mutants"
  cargo install --locked cargo-mutants
fi

worst=0
for crate in "${crates[@]}"; do
  out="target/mutants-$crate"
  mkdir -p "$out"
  echo "== cargo mutants -p $crate (output in $out/mutants.out)"
  status=0
  # Only this crate's mutants and tests; the workspace's other crates build but are not
  # mutated. --in-place is avoided: other work may share the checkout.
  cargo mutants --package "$crate" --test-package "$crate" --output "$out" \
    --timeout-multiplier 3 "${extra[@]}" || status=$?
  missed=$out/mutants.out/missed.txt
  if [[ -f $missed ]]; then
    echo "== $crate: status $status, $(wc -l <"$missed") missed (see $missed)"
  else
    echo "== $crate: status $status"
  fi
  ((status > worst)) && worst=$status
done
exit "$worst"
