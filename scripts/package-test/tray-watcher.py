#!/usr/bin/python3
"""The test's tray host, run inside the package test's Debian root: owns
org.kde.StatusNotifierWatcher on the session bus, so the installed app registers its
StatusNotifierItem here (as with a panel) instead of falling back to an XEmbed icon.

Prints "watching" once it owns the name, then for each registration one line:
"registered <bus name><object path> pid=<pid of its connection> id=<the item's Id>".
Needs python3-dbus and python3-gi (test tools, not the package's dependencies)."""
import sys

import dbus
import dbus.service
from dbus.mainloop.glib import DBusGMainLoop
from gi.repository import GLib

WATCHER = "org.kde.StatusNotifierWatcher"


def say(line):
    print(line, flush=True)


class Watcher(dbus.service.Object):
    def __init__(self, bus):
        super().__init__(bus, "/StatusNotifierWatcher")
        self.bus = bus
        self.items = []

    @dbus.service.method(WATCHER, in_signature="s", out_signature="", sender_keyword="sender")
    def RegisterStatusNotifierItem(self, service, sender=None):
        # libayatana-appindicator sends an object path on its own connection.
        bus_name, path = (sender, service) if service.startswith("/") else (service, "/StatusNotifierItem")
        self.items.append(bus_name + path)
        self.StatusNotifierItemRegistered(bus_name + path)
        pid = self.bus.get_object("org.freedesktop.DBus", "/org/freedesktop/DBus").GetConnectionUnixProcessID(
            bus_name, dbus_interface="org.freedesktop.DBus")
        try:
            item_id = self.bus.get_object(bus_name, path).Get(
                "org.kde.StatusNotifierItem", "Id", dbus_interface="org.freedesktop.DBus.Properties")
        except dbus.DBusException as e:
            item_id = f"<unreadable: {e.get_dbus_name()}>"
        say(f"registered {bus_name}{path} pid={int(pid)} id={item_id}")

    @dbus.service.method(WATCHER, in_signature="s", out_signature="")
    def RegisterStatusNotifierHost(self, service):
        pass

    @dbus.service.method(dbus.PROPERTIES_IFACE, in_signature="ss", out_signature="v")
    def Get(self, interface, prop):
        return self.GetAll(interface)[prop]

    @dbus.service.method(dbus.PROPERTIES_IFACE, in_signature="s", out_signature="a{sv}")
    def GetAll(self, interface):
        return {
            "RegisteredStatusNotifierItems": dbus.Array(self.items, signature="s"),
            "IsStatusNotifierHostRegistered": dbus.Boolean(True),
            "ProtocolVersion": dbus.Int32(0),
        }

    @dbus.service.signal(WATCHER, signature="s")
    def StatusNotifierItemRegistered(self, service):
        pass

    @dbus.service.signal(WATCHER, signature="")
    def StatusNotifierHostRegistered(self):
        pass


def main():
    DBusGMainLoop(set_as_default=True)
    bus = dbus.SessionBus()
    watcher = Watcher(bus)
    name = dbus.service.BusName(WATCHER, bus, do_not_queue=True)
    watcher.StatusNotifierHostRegistered()
    say("watching")
    GLib.MainLoop().run()
    del name


if __name__ == "__main__":
    sys.exit(main())
