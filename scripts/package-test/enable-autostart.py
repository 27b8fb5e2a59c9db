#!/usr/bin/python3
"""Turns on "Start at login" in the installed app the way the window's Settings form does:
a WebDriver session (tauri-driver on PORT, with Debian's WebKitWebDriver) launches
/usr/bin/nestore-tray --demo --open, and the window calls save_settings with autostart on.
Prints the saved settings' autostart. Standard library only (python3)."""
import json
import sys
import time
import urllib.request

port = int(sys.argv[1])
base = f"http://127.0.0.1:{port}"


def call(method, path, body=None, timeout=60):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(base + path, data=data, method=method,
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=timeout) as r:
        return json.loads(r.read() or b"null")


caps = {"capabilities": {"alwaysMatch": {"browserName": "wry", "tauri:options": {
    "application": "/usr/bin/nestore-tray", "args": ["--demo", "--open"]}}}}
session = call("POST", "/session", caps, timeout=120)["value"]["sessionId"]
try:
    script = """
const done = arguments[arguments.length - 1];
const invoke = window.__TAURI__.core.invoke;
invoke('save_settings', {settings: {host: null, port: 4805, poll_interval_s: 300,
                                    control_enabled: false, autostart: true},
                         password: null, clearPassword: false})
  .then(v => done({ok: v.autostart}), e => done({error: JSON.stringify(e)}));
"""
    # The window's page may still be loading when the session starts: try until it answers.
    deadline = time.monotonic() + 60
    while True:
        try:
            out = call("POST", f"/session/{session}/execute/async", {"script": script, "args": []})["value"]
            break
        except Exception as e:  # noqa: BLE001 (a page not yet there answers with an error)
            if time.monotonic() > deadline:
                raise SystemExit(f"save_settings over WebDriver failed: {e}")
            time.sleep(0.2)
    if "error" in out:
        raise SystemExit(f"save_settings refused: {out['error']}")
    print(f"saved autostart={out['ok']}")
finally:
    try:
        call("DELETE", f"/session/{session}")
    except Exception:  # noqa: BLE001
        pass
