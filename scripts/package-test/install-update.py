#!/usr/bin/python3
"""An update of the installed app, as its owner gets one, inside the package test's root.

Serves FOLDER (the update .deb and its .sig, made on the host by scripts/test-package.sh)
over https on 127.0.0.1 (TLS: the certificate and key in TLS, from a throwaway authority
the root trusts for the test: a release build takes only https endpoints), with a
`latest.json` naming the package for `linux-x86_64-deb`. Then through a WebDriver session
(tauri-driver on PORT) launches /usr/bin/nestore-tray --demo --open --update-url <that
latest.json> --update-pubkey PUBKEY, and does what the window's Settings do:
check_for_updates (must find VERSION), then install_update (the owner's word). The app
downloads the package, checks its signature, installs it and restarts; this prints what
each answered. Standard library only (python3).

  install-update.py PORT FOLDER TLS VERSION PUBKEY"""
import functools
import http.server
import json
import pathlib
import ssl
import sys
import threading
import time

from webdriver import Session

port, folder, tls = int(sys.argv[1]), pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3])
version, pubkey = sys.argv[4], sys.argv[5]
debs = list(folder.glob("*.deb"))
if len(debs) != 1:
    raise SystemExit(f"one .deb wanted in {folder}, found {debs}")
deb = debs[0]

# The update server, on loopback only, for the test's length.
handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
context.load_cert_chain(tls / "server.crt", tls / "server.key")
server.socket = context.wrap_socket(server.socket, server_side=True)
base = f"https://127.0.0.1:{server.server_address[1]}"
(folder / "latest.json").write_text(json.dumps({
    "version": version,
    "notes": "The package test's update.",
    "pub_date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    "platforms": {"linux-x86_64-deb": {
        "url": f"{base}/{deb.name}",
        "signature": (folder / (deb.name + ".sig")).read_text().strip(),
    }},
}))
threading.Thread(target=server.serve_forever, daemon=True).start()

session = Session(port, ["--demo", "--open", "--update-url", f"{base}/latest.json",
                         "--update-pubkey", pubkey])
found = session.invoke("check_for_updates", first=True)
if "error" in found:
    raise SystemExit(f"check_for_updates refused: {found['error']}")
view = found["ok"]
if not (view.get("available") and view.get("version") == version):
    raise SystemExit(f"the check did not find {version}: {view}")
print(f"checked: {view['current']} in use, {view['version']} available")
started = time.monotonic()
done = session.invoke("install_update")
if "error" in done:
    raise SystemExit(f"install_update refused: {done['error']}")
print(f"installed in {time.monotonic() - started:.1f} s: {done['ok']['message']}")
# The app restarts a moment after its answer: the session is left open (closing it would end
# the app before it restarts); it ends with tauri-driver.
