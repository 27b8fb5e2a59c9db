#!/usr/bin/env bash
# The app's icons for every platform, generated from one source image by `tauri icon`
# (Tauri's own generator, from npm's @tauri-apps/cli: a prebuilt binary, no Rust build):
#
#   icons/app-icon.png (1024x1024, drawn by nestore_tray_core::icon::app_icon_png(1024))
#     -> icons/32x32.png 64x64.png 128x128.png 128x128@2x.png icon.png (512)
#        icon.ico (Windows: the .exe's resource, MSI and NSIS)  icon.icns (macOS)
#     -> icons/16x16.png 22x22.png 24x24.png 36x36.png 48x48.png 72x72.png 96x96.png
#        192x192.png 256x256.png: with the ones above, every size of the freedesktop hicolor
#        icon theme (16 to 512), which the Linux packages install (`tauri icon --png`)
#
# scripts/icons.sh           regenerates them (commit the result)
# scripts/icons.sh --check   fails when a committed icon differs from what the source gives
#                            (icon.icns is compared entry by entry: the generator writes
#                            its entries in no fixed order)
set -euo pipefail
cd "$(dirname "$0")/.."

TAURI_CLI_VERSION=2.12.5
source=icons/app-icon.png
files=(32x32.png 64x64.png 128x128.png 128x128@2x.png icon.png icon.ico icon.icns)
# The hicolor sizes the default set lacks (it has 32, 64, 128 and 512).
hicolor=(16 22 24 36 48 72 96 192 256)
for n in "${hicolor[@]}"; do files+=("${n}x${n}.png"); done

tools=target/platform-tools/npm
if [ "$("$tools/node_modules/.bin/tauri" --version 2>/dev/null)" != "tauri-cli $TAURI_CLI_VERSION" ]; then
  command -v npm >/dev/null || { echo "npm is needed (apt-get install npm)" >&2; exit 1; }
  mkdir -p "$tools"
  (cd "$tools" && npm install --no-save --no-audit --no-fund --silent "@tauri-apps/cli@$TAURI_CLI_VERSION")
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
out="$tmp/icons"
"$tools/node_modules/.bin/tauri" icon "$source" -o "$out" >"$tmp/log" 2>&1 || { cat "$tmp/log" >&2; exit 1; }
sizes=()
for n in "${hicolor[@]}"; do sizes+=(--png "$n"); done
"$tools/node_modules/.bin/tauri" icon "$source" -o "$tmp/hicolor" "${sizes[@]}" >"$tmp/log" 2>&1 ||
  { cat "$tmp/log" >&2; exit 1; }
cp "$tmp"/hicolor/*.png "$out/"

if [ "${1:-}" != "--check" ]; then
  for f in "${files[@]}"; do cp "$out/$f" "icons/$f"; done
  echo "icons/: ${files[*]} generated from $source"
  exit 0
fi

# The icns's entries, sorted: type, length, bytes.
icns_entries() {
  python3 - "$1" <<'PY'
import sys, hashlib
data = open(sys.argv[1], "rb").read()
assert data[:4] == b"icns", "not an icns file"
entries, at = [], 8
while at < len(data):
    kind, size = data[at:at + 4], int.from_bytes(data[at + 4:at + 8], "big")
    entries.append(f"{kind.decode()} {size} {hashlib.sha256(data[at + 8:at + size]).hexdigest()}")
    at += size
print("\n".join(sorted(entries)))
PY
}

stale=()
for f in "${files[@]}"; do
  if [ "$f" = icon.icns ]; then
    [ -f "icons/$f" ] && [ "$(icns_entries "icons/$f")" = "$(icns_entries "$out/$f")" ] || stale+=("$f")
  else
    cmp -s "icons/$f" "$out/$f" || stale+=("$f")
  fi
done
if ((${#stale[@]})); then
  echo "icons/ out of date with $source: ${stale[*]} (run scripts/icons.sh and commit)" >&2
  exit 1
fi
echo "icons/: ${#files[@]} files up to date with $source"
