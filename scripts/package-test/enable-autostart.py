#!/usr/bin/python3
"""Turns on "Start at login" in the installed app the way the window's Settings form does:
a WebDriver session (tauri-driver on PORT, with Debian's WebKitWebDriver) launches
/usr/bin/nestore-tray --demo --open, and the window calls save_settings with autostart on.
Prints the saved settings' autostart. Standard library only (python3)."""
import sys

from webdriver import Session

session = Session(int(sys.argv[1]), ["--demo", "--open"])
try:
    out = session.invoke("save_settings", {
        "settings": {"host": None, "port": 4805, "poll_interval_s": 300,
                     "control_enabled": False, "autostart": True},
        "password": None, "clearPassword": False}, first=True)
    if "error" in out:
        raise SystemExit(f"save_settings refused: {out['error']}")
    print(f"saved autostart={out['ok']['autostart']}")
finally:
    session.close()
