"""The package test's WebDriver client (tauri-driver with Debian's WebKitWebDriver), for the
scripts that drive the installed app's window. Standard library only (python3)."""
import json
import time
import urllib.request


class Session:
    """A session that launches /usr/bin/nestore-tray with `args` (tauri-driver on `port`)."""

    def __init__(self, port, args):
        self.base = f"http://127.0.0.1:{port}"
        caps = {"capabilities": {"alwaysMatch": {"browserName": "wry", "tauri:options": {
            "application": "/usr/bin/nestore-tray", "args": args}}}}
        self.id = self.call("POST", "/session", caps, timeout=120)["value"]["sessionId"]

    def call(self, method, path, body=None, timeout=60):
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.base + path, data=data, method=method,
                                     headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return json.loads(r.read() or b"null")

    def invoke(self, command, args=None, timeout=300, first=False):
        """invoke(command, args) in the window: {"ok": answer} or {"error": the error}. The
        page may still be loading when the session starts: the `first` call is made again
        until the page answers (only that one: a command is never sent twice)."""
        script = f"""
const done = arguments[arguments.length - 1];
window.__TAURI__.core.invoke({json.dumps(command)}, {json.dumps(args or {})})
  .then(v => done({{ok: v}}), e => done({{error: JSON.stringify(e)}}));
"""
        deadline = time.monotonic() + 60
        while True:
            try:
                return self.call("POST", f"/session/{self.id}/execute/async",
                                 {"script": script, "args": []}, timeout=timeout)["value"]
            except Exception as e:  # noqa: BLE001 (a page not yet there answers with an error)
                if not first or time.monotonic() > deadline:
                    raise SystemExit(f"{command} over WebDriver failed: {e}")
                time.sleep(0.2)

    def close(self):
        try:
            self.call("DELETE", f"/session/{self.id}", timeout=10)
        except Exception:  # noqa: BLE001 (the app may be gone already)
            pass
