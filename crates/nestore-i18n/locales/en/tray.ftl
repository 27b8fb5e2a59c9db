# NEStore Tray, in English: the tray (icon tooltip, menu lines and items) and the buttons on notifications.
# Same messages and variables as ../nl/tray.ftl (a test checks). Terms: ../../GLOSSARY.md.

## The menu's first lines: the readings (Linux trays show no tooltip, so the menu carries
## them). $time: a 24-hour clock time.

tray-no-device = No device configured
tray-soc = State of charge { $soc } %
tray-soc-unknown = State of charge not reported
tray-pressure = Pressure { NUMBER($bar, minimumFractionDigits: 1) } bar
tray-pressure-fault = Pressure sensor fault
tray-pressure-unknown = Pressure not reported
tray-state-unknown = State not reported
tray-connecting = Connecting…
tray-offline-since = Offline since { $time }
tray-updated-retrying = Updated { $time } (retrying)
tray-retrying = Retrying…
tray-stale = Stale: updated { $time }
tray-updated = Updated { $time }
tray-snoozed-until = Alerts snoozed until { $time }

## The charge timers in the menu: the one running now, or the next. $start, $end: 24-hour
## clock times; $weekday: 1 (Monday) to 7 (Sunday), for a timer that is not today or tomorrow.

tray-timer-now-charge = Timer: charging until { $end }
tray-timer-now-block = Timer: no automatic charging until { $end }
# $when: one of the tray-timer-when-* messages.
tray-timer-next-charge = Next: charge { $when }
tray-timer-next-block = Next: no automatic charging { $when }
# A timer in the cheapest hours: $line is the tray-timer-* line.
tray-timer-cheapest = { $line } (cheapest hours)
tray-timer-fallback = { $line } (no prices yet: its last hours)
tray-timer-when-today = { $start }–{ $end }
tray-timer-when-tomorrow = tomorrow { $start }–{ $end }
tray-timer-when-day = { $weekday ->
        [1] Mon
        [2] Tue
        [3] Wed
        [4] Thu
        [5] Fri
        [6] Sat
       *[7] Sun
    } { $start }–{ $end }

## A condition the pressure watch holds, in a few words: "Alarm: high pressure". Also the
## window's list of active alerts.

# $level: one of the alert-level-* messages; $what: one of the alert-kind-* messages.
alert-line = { $level }: { $what }
alert-level-alarm = Alarm
alert-level-warning = Warning
alert-level-note = Note
alert-kind-low-pressure = low pressure
alert-kind-high-pressure = high pressure
alert-kind-leak = leak suspected
alert-kind-sensor-fault = pressure sensor fault
alert-kind-offline = device offline
alert-kind-charge-finished = charge finished
alert-kind-charge-stopped = charge stopped by the device

## The device's own names for what it does, in the owner's words. Names not listed here
## are shown as the device sends them.

device-state-charging-electrical-main = Charging (electric heater)
device-state-electrical-charging-blocked = Not charging (held off)

## Menu items

# $power in W, $target in %, $duration in minutes: the last charge started from the app.
tray-start = Start charging ({ $power } W to { $target } %, { $duration } min)…
tray-open = Open
tray-refresh = Refresh now
tray-stop = Stop charging…
tray-auto = Resume automatic…
tray-unsnooze = Resume alerts
tray-snooze-hour = Snooze alerts for 1 h
tray-snooze-tomorrow = Snooze alerts until tomorrow
tray-settings = Settings
tray-quit = Quit
# The tooltip (and the title beside the icon on macOS): $soc is the state of charge.
tray-tooltip = NEStore { $soc } %
tray-tooltip-unknown = NEStore –

## Buttons and titles of desktop notifications

notify-open = Open
notify-snooze-hour = Snooze 1 h
notify-command-not-confirmed = Command not confirmed
notify-command-failed = Command failed
notify-start-charging = Start charging…

## The app's notice at the top of the window when the keyring cannot be read

# $reason: the keyring's own words.
notice-keyring-unavailable = The OS keyring is not available: { $reason }
