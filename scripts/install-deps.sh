#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages the build and the tests need. Idempotent: it only
# calls apt-get when something is missing. Needs root (or sudo).
set -euo pipefail

packages=(
  build-essential pkg-config libdbus-1-dev   # keyring's Secret Service client (libdbus)
  libsqlite3-dev   # nestore-history links the system SQLite (bundled only on Windows)
  libwebkit2gtk-4.1-dev libayatana-appindicator3-dev librsvg2-dev libxdo-dev  # Tauri on Linux
  dbus dbus-x11 gnome-keyring libsecret-tools   # a real Secret Service and secret-tool for the tests
  xvfb xauth x11-utils xdotool trayer dunst imagemagick webkit2gtk-driver  # the app under a real X server, tray and WebDriver
  chromium   # tests/ui/screenshot.sh: the window in headless Chromium
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "installing: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if ! command -v cargo >/dev/null; then
  echo "cargo not found: install the Rust toolchain with rustup first" >&2
  exit 1
fi
if ! cargo nextest --version >/dev/null 2>&1; then
  cargo install --locked cargo-nextest
fi
# WebDriver for the app's window (with Debian's WebKitWebDriver from webkit2gtk-driver).
if ! command -v tauri-driver >/dev/null && [ ! -x "${CARGO_HOME:-$HOME/.cargo}/bin/tauri-driver" ]; then
  cargo install --locked tauri-driver --version '^2'
fi
