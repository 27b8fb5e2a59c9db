#!/bin/bash
# The package test's half that runs inside the fresh Debian root (chroot), as its root user.
# scripts/test-package.sh copies this folder and the .deb to /opt/pkgtest and runs it.
#
# 1. apt-get install ./nestore-tray_*.deb (--no-install-recommends: only the declared
#    Depends come in), then every library the two binaries link, and the tray library the
#    app loads at run time (libayatana-appindicator3), must be there.
# 2. What the package holds: /usr/bin/nestore-tray, /usr/bin/nestore, the desktop entry,
#    the icon in every hicolor size.
# 3. Test tools, installed after the proof and not part of it: xvfb, dbus-daemon, dbus-bin,
#    python3-dbus, python3-gi (the tray watcher), webkit2gtk-driver (WebKitWebDriver) and
#    tauri-driver (copied in from the host's cargo bin) for the window, sudo (the updater's
#    way to run dpkg where a desktop has pkexec).
# 4. Under Xvfb and a session bus with the test as the tray host: the installed app with
#    --demo registers its StatusNotifierItem. Figures: apt-get install's time, the app's
#    start to the tray item.
# 5. Start at login from the installed path: the window saves autostart on (WebDriver), and
#    ~/.config/autostart's entry runs /usr/bin/nestore-tray.
# 6. An update, as the owner gets one: the installed app (told a loopback update server and a
#    throwaway key, over https with a throwaway authority trusted for the step) checks,
#    finds the next version, installs it on the owner's word
#    (install_update, through WebDriver) and restarts: dpkg knows the new version and the
#    tray item comes back from the newly installed binary.
# 7. apt-get remove --purge nestore-tray (and autoremove --purge of what it brought): none
#    of its files is left, and nothing named after it outside the user's own data
#    (/root/.config, /root/.local, /root/.cache, and the session's $XDG_RUNTIME_DIR).
set -euo pipefail
t=/opt/pkgtest
export DEBIAN_FRONTEND=noninteractive LANG=C.UTF-8 HOME=/root
apt_q() { apt-get -y -q -o Dpkg::Use-Pty=0 "$@"; }
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.1f", b - a}'; }
fail() {
  echo "FAIL: $*" >&2
  [ ! -f $t/app.log ] || { echo "the app's log:" >&2; tail -n 20 $t/app.log >&2; }
  [ ! -f $t/driver.log ] || { echo "tauri-driver's log (the app it started):" >&2; tail -n 30 $t/driver.log >&2; }
  exit 1
}
# wait_for SECONDS WHAT CMD...: CMD every 50 ms until it succeeds, or fail after SECONDS.
wait_for() {
  local secs=$1 what=$2
  shift 2
  local deadline=$((SECONDS + secs))
  until "$@" >/dev/null 2>&1; do
    [ "$SECONDS" -lt "$deadline" ] || fail "timed out after ${secs}s waiting for $what"
    sleep 0.05
  done
}
# Every path of the root's own file system, less the test's folder and apt's caches.
snapshot() {
  find / -xdev \( -path /opt/pkgtest -o -path /var/cache/apt -o -path /var/lib/apt/lists \
    -o -path /tmp -o -path /run \) -prune -o -print | LC_ALL=C sort >"$1"
}

apt_q update >/dev/null
snapshot $t/before.txt

echo "== apt-get install ./$(basename $t/nestore-tray_*.deb) in a fresh root"
t0=$(now)
(cd $t && apt_q install --no-install-recommends ./nestore-tray_*.deb) >$t/install.log 2>&1 ||
  { cat $t/install.log; fail "apt-get install"; }
t1=$(now)
grep -E '^(Need to get|After this operation)' $t/install.log || true
echo "   $(grep -c '^Setting up' $t/install.log) packages set up in $(secs "$t0" "$t1") s"

echo "== the declared dependencies are complete"
missing=$(ldd /usr/bin/nestore-tray /usr/bin/nestore | grep 'not found' || true)
[ -z "$missing" ] || fail "libraries missing: $missing"
ldconfig -p | grep -q 'libayatana-appindicator3\.so\.1 ' || fail "no libayatana-appindicator3.so.1"
echo "   ldd: every library of nestore-tray and nestore found; libayatana-appindicator3.so.1 (dlopened) present"
dpkg-query -W -f='   Depends: ${Depends}\n' nestore-tray
# The updater installs an update with pkexec where it can (else a graphical sudo, else sudo).
[ "$(dpkg-query -W -f='${Recommends}' nestore-tray)" = pkexec ] ||
  fail "the package does not recommend pkexec: $(dpkg-query -W -f='${Recommends}' nestore-tray)"
nestore --version

echo "== what the package installs"
dpkg -L nestore-tray >$t/files.txt
desktop=/usr/share/applications/nestore-tray.desktop
[ -f "$desktop" ] || fail "no desktop entry"
grep -qx 'Exec=nestore-tray' "$desktop" && grep -qx 'Icon=nestore-tray' "$desktop" && grep -qx 'Name=NEStore Tray' "$desktop" ||
  fail "desktop entry: $(cat "$desktop")"
for n in 16 22 24 32 36 48 64 72 96 128 192 256 512; do
  f=/usr/share/icons/hicolor/${n}x${n}/apps/nestore-tray.png
  [ -f "$f" ] || fail "no $f"
  # The PNG's own size (bytes 16-23 of its header) is the folder's.
  [ "$(od -An -tu1 -j16 -N8 "$f" | awk '{print $3 * 256 + $4 "x" $7 * 256 + $8}')" = "${n}x${n}" ] ||
    fail "$f is not ${n}x${n}"
done
echo "   /usr/bin/nestore-tray, /usr/bin/nestore, $desktop, the icon in 13 hicolor sizes (16-512)"

echo "== test tools (not the package's dependencies)"
apt_q install --no-install-recommends xvfb dbus-daemon dbus-bin dbus-session-bus-common \
  python3-dbus python3-gi webkit2gtk-driver sudo ca-certificates >$t/tools.log 2>&1 || { cat $t/tools.log; fail "test tools"; }
install -m 755 $t/tauri-driver /usr/local/bin/tauri-driver
# A machine id, as any desktop has (libdbus reads it); minbase has none.
[ -s /etc/machine-id ] || dbus-uuidgen --ensure=/etc/machine-id

echo "== the installed app under Xvfb, with the test as the tray host"
mkdir -p -m 700 /run/user/0
export XDG_RUNTIME_DIR=/run/user/0 NO_AT_BRIDGE=1 GTK_A11Y=none LIBGL_ALWAYS_SOFTWARE=1 \
  WEBKIT_DISABLE_COMPOSITING_MODE=1
pids=()
stop_all() {
  local i
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do kill "${pids[i]}" 2>/dev/null || true; done
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do wait "${pids[i]}" 2>/dev/null || true; done
  pids=()
}
trap stop_all EXIT
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>$t/display >$t/xvfb.log 2>&1 &
pids+=($!)
wait_for 20 "Xvfb" grep -q '^[0-9]' $t/display
export DISPLAY=":$(head -n1 $t/display)"
dbus-daemon --session --fork --print-address=4 --print-pid=5 4>$t/bus 5>$t/bus.pid
pids+=("$(cat $t/bus.pid)")
DBUS_SESSION_BUS_ADDRESS=$(head -n1 $t/bus)
export DBUS_SESSION_BUS_ADDRESS
python3 $t/tray-watcher.py >$t/watcher.log 2>&1 &
pids+=($!)
wait_for 20 "the tray watcher" grep -q '^watching' $t/watcher.log

t2=$(now)
NESTORE_LOG=info nestore-tray --demo >$t/app.log 2>&1 &
app=$!
pids+=($app)
registered() { grep -q "^registered .* pid=$app " $t/watcher.log; }
wait_for 60 "the app's tray item" registered
t3=$(now)
grep "^registered" $t/watcher.log | sed 's/^/   /'
kill $app
wait $app 2>/dev/null || true

echo "== start at login from the installed path"
# start_driver PORT NATIVE_PORT: a tauri-driver (with Debian's WebKitWebDriver) of its own
# for one session: after a session WebKitWebDriver does not always take another one (500).
start_driver() {
  tauri-driver --port "$1" --native-port "$2" --native-driver /usr/bin/WebKitWebDriver >>$t/driver.log 2>&1 &
  driver=$!
  pids+=($driver)
  listening() { python3 -c 'import socket,sys; [socket.create_connection(("127.0.0.1", int(p)), 1).close() for p in sys.argv[1:]]' "$@"; }
  wait_for 20 "tauri-driver" listening "$1" "$2"
}
start_driver 4444 4445
python3 $t/enable-autostart.py 4444 || { tail -n 20 $t/driver.log; fail "enabling start at login"; }
entry=$(grep -l 'nestore-tray' /root/.config/autostart/*.desktop 2>/dev/null | head -n1 || true)
[ -n "$entry" ] || fail "no autostart entry in /root/.config/autostart: $(ls /root/.config/autostart 2>&1)"
exec_line=$(grep '^Exec=' "$entry")
echo "   $entry: $exec_line"
case "$exec_line" in
  "Exec=/usr/bin/nestore-tray" | "Exec=/usr/bin/nestore-tray "*) ;;
  *) fail "the autostart entry does not run /usr/bin/nestore-tray: $exec_line" ;;
esac

echo "== an update from the installed app: checked, installed on the owner's word, restarted"
# The update (made on the host): this package as $update_version, signed with a throwaway
# key; the app is told its address (loopback) and that key. It installs a .deb with pkexec,
# a graphical sudo or sudo, whichever works; here root's sudo (asks root for no password).
update_version=$(cat $t/update/version)
# The app of the session before must be gone: a second copy would hand over to it and end.
# Its session's end does not always end it (WebKitWebDriver): SIGTERM, which quits it as
# Quit does, then wait until it has.
app_pids() {
  local p
  for p in /proc/[0-9]*; do
    [ "$(readlink "$p/exe" 2>/dev/null)" != /usr/bin/nestore-tray ] || echo "${p#/proc/}"
  done
}
app_gone() { [ -z "$(app_pids)" ]; }
kill "$driver" 2>/dev/null || true
for p in $(app_pids); do kill -TERM "$p" 2>/dev/null || true; done
wait_for 30 "the app of the start-at-login session to end" app_gone
start_driver 4446 4447
# The loopback server's authority, trusted for this step only (a release build takes only
# https update endpoints).
cp $t/update-tls/ca.crt /usr/local/share/ca-certificates/package-test-authority.crt
update-ca-certificates >/dev/null 2>&1
ino() { stat -c %i /usr/bin/nestore-tray; }
ino_before=$(ino)
regs_before=$(grep -c '^registered' $t/watcher.log || true)
t4=$(now)
python3 $t/install-update.py 4446 $t/update $t/update-tls "$update_version" "$(cat $t/update/key.pub)" |
  sed 's/^/   /' || { tail -n 20 $t/driver.log; fail "the update"; }
installed() { [ "$(dpkg-query -W -f='${Version}' nestore-tray)" = "$update_version" ]; }
wait_for 60 "dpkg to know nestore-tray $update_version" installed
[ "$(ino)" != "$ino_before" ] || fail "/usr/bin/nestore-tray is the same file as before the update"
# The restarted app: a new tray item, from a process running the newly installed file.
restarted() {
  local pid
  for pid in $(grep '^registered' $t/watcher.log | tail -n +$((regs_before + 1)) | sed -E 's/.* pid=([0-9]+).*/\1/'); do
    [ "$(readlink /proc/$pid/exe)" = /usr/bin/nestore-tray ] &&
      [ "$(stat -L -c %i /proc/$pid/exe)" = "$(ino)" ] && return 0
  done
  return 1
}
wait_for 60 "the restarted app's tray item" restarted
t5=$(now)
echo "   dpkg: nestore-tray $(dpkg-query -W -f='${Version}' nestore-tray); the app restarted from the new" \
  "/usr/bin/nestore-tray and its tray item is back, $(secs "$t4" "$t5") s after the check began"
rm /usr/local/share/ca-certificates/package-test-authority.crt
update-ca-certificates --fresh >/dev/null 2>&1
stop_all
trap - EXIT
# What WebKitWebDriver started and left (the app, its web process), by pid.
for p in /proc/[0-9]*; do
  case "$(readlink "$p/exe" 2>/dev/null)" in
    /usr/bin/nestore-tray | /usr/bin/WebKitWebDriver | /usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/*) kill "${p#/proc/}" 2>/dev/null || true ;;
  esac
done

echo "== apt-get remove --purge: nothing of it left"
apt_q remove --purge nestore-tray >$t/remove.log 2>&1 || { cat $t/remove.log; fail "apt-get remove"; }
apt_q autoremove --purge >>$t/remove.log 2>&1 || { cat $t/remove.log; fail "apt-get autoremove"; }
! dpkg-query -W nestore-tray >/dev/null 2>&1 || fail "nestore-tray still known to dpkg"
left=()
while IFS= read -r f; do
  # A folder other packages own (e.g. /usr/bin) stays; a file of ours may not.
  if [ -e "$f" ] && ! [ -d "$f" ]; then left+=("$f"); fi
done <$t/files.txt
((${#left[@]} == 0)) || fail "files of the package left: ${left[*]}"
snapshot $t/after.txt
user_data='^/root/\.(config|local|cache)(/|$)'
named=$(comm -13 $t/before.txt $t/after.txt | grep -Ev "$user_data" | grep -i 'nestore' || true)
[ -z "$named" ] || fail "left outside the user's data: $named"
# $XDG_RUNTIME_DIR (/run/user/0) is the user's too: a tmpfs of the session, gone at logout.
named=$(find /tmp /run -path /run/user -prune -o -iname '*nestore*' -print 2>/dev/null || true)
[ -z "$named" ] || fail "left in /tmp or /run: $named"
echo "   in the user's runtime dir (the tray icon's picture, left as the app was ended by SIGTERM):" \
  "$(find /run/user/0 -iname '*nestore*' | tr '\n' ' ')"
# What else is new is the test tools' and the dependencies' own (apt keeps what the tools
# need): listed are only the paths no installed package owns (caches their triggers made).
# (dpkg records /bin, /lib, ... as packed; on this merged-/usr system they are under /usr.)
cat /var/lib/dpkg/info/*.list | sed -E 'p; s#^/(bin|sbin|lib|lib32|lib64|libx32)(/|$)#/usr/\1\2#' |
  LC_ALL=C sort -u >$t/owned.txt
comm -13 $t/before.txt $t/after.txt | grep -Ev "$user_data" | LC_ALL=C comm -23 - $t/owned.txt >$t/unowned.txt || true
echo "   none of its $(wc -l <$t/files.txt) paths left; nothing named nestore outside the user's data"
echo "   new since the install and owned by no package ($(wc -l <$t/unowned.txt); triggers' caches, the test tools' files):"
{ grep -Ev '/__pycache__(/|$)|^/etc/rc.\.d/|^/etc/ssl/certs/' $t/unowned.txt || true; } |
  awk 'NR <= 30 {print "     " $0} END {if (NR > 30) print "     ... (" NR - 30 " more; python bytecode, init links and the certificate links not shown)"}'
echo "   the user's own data left: $(comm -13 $t/before.txt $t/after.txt | grep -E "$user_data" | grep -ic nestore) paths named nestore:" \
  "$(comm -13 $t/before.txt $t/after.txt | grep -E "$user_data" | grep -iE 'nestore[^/]*$' | tr '\n' ' ')"

cat >$t/figures.txt <<EOF
apt_install_s=$(secs "$t0" "$t1")
start_to_tray_s=$(secs "$t2" "$t3")
install_to_tray_s=$(awk -v a="$(secs "$t0" "$t1")" -v b="$(secs "$t2" "$t3")" 'BEGIN {printf "%.1f", a + b}')
packages_set_up=$(grep -c '^Setting up' $t/install.log)
update_s=$(secs "$t4" "$t5")
EOF
echo "PASS"
