#!/usr/bin/env bash
# Builds the Linux packages, a .deb and an .rpm, with `cargo tauri build` (tauri-cli from
# crates.io, installed here once with `cargo install`), and prints their figures.
#
#   scripts/package.sh        -> target/package/nestore-tray_<version>_amd64.deb
#                                target/package/nestore-tray-<version>-1.x86_64.rpm
#
# What is shipped: the size profile (`--profile release-small`: opt-level z, LTO, one
# codegen unit, stripped, panic=abort), for the app (/usr/bin/nestore-tray) and the CLI
# (/usr/bin/nestore, built by the config's beforeBundleCommand). The bundle settings are in
# src-tauri/tauri.conf.json (bundle.linux.deb / .rpm: the declared dependencies, the CLI);
# the icons in every hicolor size come from icons/ (scripts/icons.sh). Neither package
# target downloads anything at build time.
#
# Needs the build dependencies of scripts/install-deps.sh. Env: PACKAGE_SKIP_BUILD=1 only
# collects and measures what the last build left (for re-running the figures).
set -euo pipefail
cd "$(dirname "$0")/.."
# The config names the CLI by its path in the workspace's own target folder.
if [ -n "${CARGO_TARGET_DIR:-}" ] && [ "$(realpath -m "$CARGO_TARGET_DIR")" != "$PWD/target" ]; then
  echo "CARGO_TARGET_DIR must be unset (tauri.conf.json takes the CLI from target/release-small)" >&2
  exit 2
fi

if ! cargo tauri --version >/dev/null 2>&1; then
  echo "== installing tauri-cli (crates.io) once"
  cargo install tauri-cli --version '^2' --locked
fi
cargo tauri --version

profile=release-small
out=target/$profile/bundle
started=$(date +%s)
if [ "${PACKAGE_SKIP_BUILD:-}" != 1 ]; then
  rm -rf "$out/deb" "$out/rpm"
  echo "== cargo tauri build (deb, rpm) with --profile $profile"
  cargo tauri build --ci --bundles deb,rpm -- --profile "$profile" --locked
fi
build_s=$(($(date +%s) - started))

debs=("$out"/deb/*.deb)
rpms=("$out"/rpm/*.rpm)
[ -f "${debs[0]}" ] && [ -f "${rpms[0]}" ] || { echo "no .deb or .rpm under $out" >&2; exit 1; }
# Debian's file names: the package name, not the product name (which has a space).
version=$(dpkg-deb -f "${debs[0]}" Version)
arch=$(dpkg-deb -f "${debs[0]}" Architecture)
mkdir -p target/package
rm -f target/package/nestore-tray_*.deb target/package/nestore-tray-*.rpm
deb=target/package/nestore-tray_${version}_${arch}.deb
rpm=target/package/nestore-tray-${version}-1.x86_64.rpm
cp "${debs[0]}" "$deb"
cp "${rpms[0]}" "$rpm"

app=target/$profile/nestore-tray
cli=target/$profile/nestore
mb() { awk -v b="$1" 'BEGIN {printf "%.2f MB (%d bytes)", b / 1000000, b}'; }
installed_kib=$(dpkg-deb -f "$deb" Installed-Size)

echo "== the .deb's control file"
dpkg-deb -f "$deb"
echo "== its files"
dpkg-deb -c "$deb" | awk '{print $1, $3, $6}'
cat <<EOF
NEStore Tray packages ($(date -u +%F), cargo tauri build: ${build_s} s)
  .deb                               $deb
  .deb size                          $(mb "$(stat -c %s "$deb")")
  installed size (dpkg)              ${installed_kib} KiB
  .rpm size                          $(mb "$(stat -c %s "$rpm")")
  app binary (release-small)         $(mb "$(stat -c %s "$app")")
  nestore CLI (release-small)        $(mb "$(stat -c %s "$cli")")
EOF
