#!/usr/bin/env bash
# The Linux package's test (issue 12): builds the .deb (scripts/package.sh: cargo tauri
# build, release-small), installs it into a fresh Debian root with
# `apt-get install ./nestore-tray_*.deb`, starts the installed app there under Xvfb with
# --demo and waits for its tray item on D-Bus, turns on start at login from the window and
# checks the entry runs /usr/bin/nestore-tray, has the installed app find, install (on the
# owner's word) and restart into an update (this package as the next version, signed with a
# throwaway key, served on loopback), then purges the package and checks nothing of it is
# left outside the user's own data. What runs inside the root and why:
# scripts/package-test/inside.sh. Prints the figures (sizes, times).
#
#   scripts/test-package.sh              build, then test
#   scripts/test-package.sh --no-build   test the .deb the last build left in target/package
#
# The root: debootstrap --variant=minbase bookworm from Debian's mirror (Debian's own
# packages only; bookworm-updates and bookworm-security added), made once and kept in
# target/package-test/base; each run copies it to a fresh target/package-test/root. apt's
# downloads are kept in target/package-test/apt-archives between runs (the first run
# downloads everything). Runs as root (chroot, mounts). Needs: debootstrap (installed here
# if missing), the build's dependencies (scripts/install-deps.sh), ~2 GB of disk.
# Env: DEBIAN_MIRROR (default http://deb.debian.org/debian).
set -euo pipefail
cd "$(dirname "$0")/.."
[ "$(id -u)" = 0 ] || exec sudo -E "$0" "$@"
started=$(date +%s)

if [ "${1:-}" != --no-build ]; then
  scripts/package.sh | tee target/package-build.log
  build_s=$(($(date +%s) - started))
fi
debs=(target/package/nestore-tray_*.deb)
[ -f "${debs[0]}" ] || { echo "no target/package/nestore-tray_*.deb: run scripts/package.sh" >&2; exit 1; }
deb=${debs[0]}

# The .rpm (Fedora, openSUSE) is not installed here (no such root), but it must hold what
# the .deb holds, and require the libraries the app links that are not in every system.
rpms=(target/package/nestore-tray-*.rpm)
if [ -f "${rpms[0]}" ]; then
  command -v rpm >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends rpm >/dev/null
  echo "== the .rpm holds the .deb's files and requires the app's libraries"
  # Only files (tar -tv's '-' lines): rpm lists none of the system's folders, the .deb all.
  dpkg-deb --fsys-tarfile "$deb" | tar -tv | awk '/^-/ {sub(/^\.?\/?/, "/", $6); print $6}' |
    LC_ALL=C sort >target/package/deb-files.txt
  rpm -qpl "${rpms[0]}" 2>/dev/null | LC_ALL=C sort >target/package/rpm-files.txt
  diff target/package/deb-files.txt target/package/rpm-files.txt ||
    { echo "the .rpm's files differ from the .deb's" >&2; exit 1; }
  requires=$(rpm -qpR "${rpms[0]}" 2>/dev/null)
  for lib in libwebkit2gtk-4.1.so.0 libgtk-3.so.0 libayatana-appindicator3.so.1 libdbus-1.so.3 libsqlite3.so.0; do
    grep -q "^$lib()(64bit)" <<<"$requires" || { echo "the .rpm does not require $lib" >&2; exit 1; }
  done
  rpm -qp --recommends "${rpms[0]}" 2>/dev/null | grep -qx polkit ||
    { echo "the .rpm does not recommend polkit (pkexec, for updates)" >&2; exit 1; }
  echo "   $(wc -l <target/package/rpm-files.txt) files, the .deb's; recommends polkit; requires: $(grep -c '()(64bit)' <<<"$requires") libraries" \
    "($(grep -o '^lib[^(]*' <<<"$requires" | paste -sd ' '))"
fi

# The update the installed app is offered in the root: this package as the next patch
# version (dpkg-deb -R, the control file's Version, dpkg-deb -b: the same files), signed by
# the Tauri CLI with a key pair made for this run and thrown away with it.
version=$(dpkg-deb -f "$deb" Version)
update_version=${version%.*}.$((${version##*.} + 1))
upd=target/package-test/update
rm -rf "$upd"
mkdir -p "$upd/out"
dpkg-deb -R "$deb" "$upd/pkg"
sed -i "s/^Version: .*/Version: $update_version/" "$upd/pkg/DEBIAN/control"
dpkg-deb --root-owner-group -b "$upd/pkg" "$upd/out/nestore-tray_${update_version}_amd64.deb" >/dev/null
rm -rf "$upd/pkg"
CI=true cargo tauri signer generate -p "" -w "$upd/key" -f >/dev/null
cargo tauri signer sign -f "$upd/key" -p "" --app-version "$update_version" \
  "$upd/out/nestore-tray_${update_version}_amd64.deb" >/dev/null
echo "$update_version" >"$upd/out/version"
mv "$upd/key.pub" "$upd/out/key.pub"
rm -f "$upd/key"
# A release build takes only https update endpoints: the loopback server's certificate, for
# 127.0.0.1, from a throwaway authority the root trusts for the length of the update test.
mkdir -p "$upd/tls"
(
  cd "$upd/tls"
  openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.crt -days 2 \
    -subj "/CN=package test authority" -addext "basicConstraints=critical,CA:TRUE" \
    -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -keyout server.key -out server.csr -subj "/CN=127.0.0.1" 2>/dev/null
  printf 'subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n' >server.ext
  openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 2 \
    -extfile server.ext -out server.crt 2>/dev/null
  rm -f ca.key ca.srl server.csr server.ext
)

mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
work=$PWD/target/package-test
base=$work/base
root=$work/root
mkdir -p "$work/apt-archives/partial"

if [ ! -f "$base/.made" ]; then
  command -v debootstrap >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap
  echo "== debootstrap --variant=minbase bookworm (once, kept in $base)"
  rm -rf "$base" "$base.tmp"
  t=$(date +%s)
  debootstrap --variant=minbase bookworm "$base.tmp" "$mirror" >"$work/debootstrap.log" 2>&1 ||
    { tail -n 30 "$work/debootstrap.log"; exit 1; }
  cat >"$base.tmp/etc/apt/sources.list" <<EOF
deb $mirror bookworm main
deb $mirror bookworm-updates main
deb http://deb.debian.org/debian-security bookworm-security main
EOF
  touch "$base.tmp/.made"
  mv "$base.tmp" "$base"
  echo "   made in $(($(date +%s) - t)) s"
fi

mounts=()
cleanup() {
  local p m i
  # Whatever still runs inside the root was started by this test: end it by its pid.
  for p in /proc/[0-9]*; do
    [ "$(readlink "$p/root" 2>/dev/null)" = "$root" ] && kill -9 "${p#/proc/}" 2>/dev/null || true
  done
  for ((i = ${#mounts[@]} - 1; i >= 0; i--)); do
    m=${mounts[i]}
    umount -R "$m" 2>/dev/null || umount -R -l "$m" 2>/dev/null || true
  done
  if [ "${KEEP_ROOT:-}" != 1 ]; then
    # Only once nothing is mounted inside it any more.
    if ! grep -q " $root/" /proc/mounts; then rm -rf "$root"; fi
  fi
}
trap cleanup EXIT
mnt() {
  mkdir -p "$root$2"
  mount "${@:3}" "$1" "$root$2"
  mounts+=("$root$2")
}

echo "== a fresh root: a copy of the debootstrapped one"
rm -rf "$root"
cp -a "$base" "$root"
cp /etc/resolv.conf "$root/etc/resolv.conf"
mnt proc /proc -t proc
mnt /sys /sys --rbind --make-rslave
mnt /dev /dev --rbind --make-rslave
mnt tmpfs /run -t tmpfs
mnt tmpfs /tmp -t tmpfs
mnt "$work/apt-archives" /var/cache/apt/archives --bind
mkdir -p "$root/opt/pkgtest"
cp "$deb" scripts/package-test/* "$root/opt/pkgtest/"
cp -r "$upd/out" "$root/opt/pkgtest/update"
cp -r "$upd/tls" "$root/opt/pkgtest/update-tls"
tauri_driver=$(command -v tauri-driver || echo "${CARGO_HOME:-$HOME/.cargo}/bin/tauri-driver")
[ -x "$tauri_driver" ] || { echo "tauri-driver not found (scripts/install-deps.sh installs it)" >&2; exit 1; }
cp "$tauri_driver" "$root/opt/pkgtest/tauri-driver"

t=$(date +%s)
chroot "$root" /usr/bin/env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
  /bin/bash /opt/pkgtest/inside.sh
test_s=$(($(date +%s) - t))
# shellcheck disable=SC1091
. "$root/opt/pkgtest/figures.txt"

deb_b=$(stat -c %s "$deb")
app_b=$(stat -c %s target/release-small/nestore-tray)
cat <<EOF
NEStore Tray .deb on a fresh Debian root ($(date -u +%F))
  .deb                                   $(basename "$deb")
  .deb size                              $(awk -v b="$deb_b" 'BEGIN {printf "%.2f MB", b / 1000000}') ($deb_b bytes)
  installed size (dpkg Installed-Size)   $(dpkg-deb -f "$deb" Installed-Size) KiB
  release-small app binary               $(awk -v b="$app_b" 'BEGIN {printf "%.2f MB", b / 1000000}') ($app_b bytes)
  apt-get install (${packages_set_up} packages set up)    ${apt_install_s} s
  app start to tray item                 ${start_to_tray_s} s
  apt-get install to the tray item       ${install_to_tray_s} s (install + start; the test tools' install in between not counted)
  an update: check, install, restart     ${update_s} s (check_for_updates to the restarted app's tray item)
  the test in the root                   ${test_s} s
  packaging (cargo tauri build)          ${build_s:-not run (--no-build)} s
  in all                                 $(($(date +%s) - started)) s
EOF
