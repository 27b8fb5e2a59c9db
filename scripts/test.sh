#!/usr/bin/env bash
# The project's test command: installs what the tests need on a fresh Debian/Ubuntu
# machine (apt-get as root or via sudo; cargo-nextest), then runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh

# A cold run leaves about 20 GB under target/ (measured: docs/footprint.md); a full disk
# fails a build half-way with "No space left on device", so say up front what there is.
free_gb=$(df -Pk "${CARGO_TARGET_DIR:-.}" 2>/dev/null | awk 'NR == 2 {printf "%d", $4 / 1048576}')
echo "== ${free_gb:-?} GB free where the builds go (a cold run needs about 20 GB)"
if [ "${free_gb:-0}" -lt 20 ]; then
  echo "warning: less than 20 GB free; a cold build may run out of space" >&2
fi

echo "== format and lints"
cargo fmt --all -- --check
cargo clippy --workspace --all-targets --locked -- -D warnings

echo "== Windows and macOS as far as Debian allows: icons, workflows, clippy, tests under Wine (docs/platforms.md)"
scripts/test-platforms.sh

echo "== the window in headless Chromium: tests/ui (mock IPC, checks, no console or CSP errors)"
tests/ui/screenshot.sh

echo "== the keyring with no Secret Service at all"
scripts/with-secret-service.sh --no-secret-service \
  cargo nextest run -p nestore-secrets --locked --run-ignored only \
  -E 'test(no_secret_service_gives_no_backend)'

echo "== the app binary that the end-to-end tests drive"
cargo build --locked -p nestore-tray

echo "== every test, in a throwaway desktop: Xvfb, dbus, an unlocked gnome-keyring, dunst"
# Includes the #[ignore]d tests that need a real keyring or a desktop, except the one
# that needs no Secret Service.
scripts/desktop-session.sh \
  cargo nextest run --workspace --locked --no-fail-fast --run-ignored all \
  -E 'not test(no_secret_service_gives_no_backend)'
