# NEStore Tray, in English: the pressure watch's notices, durations and clock times.
#
# The Dutch file (../nl/watch.ftl) has exactly the same messages, attributes and
# variables (a test checks). Numbers arrive already rounded for their kind (pressures with
# at most two decimals, percentages whole) and are written in the language's form; times
# are 24-hour. Each value is one line: Fluent keeps line breaks.

## Durations and clock times (nestore-i18n builds these itself)

duration-minutes = { $minutes } min
duration-hours = { $hours } h
duration-hours-minutes = { $hours } h { $minutes } min
clock-time = { NUMBER($hour, minimumIntegerDigits: 2) }:{ NUMBER($minute, minimumIntegerDigits: 2) }
# A time on another day than today.
clock-date-time = { $year }-{ NUMBER($month, minimumIntegerDigits: 2) }-{ NUMBER($day, minimumIntegerDigits: 2) } { $time }

## Connection

offline-title = NEStore offline
# $since: a clock time; $reason: one of the offline-reason-* messages.
offline-body = The app has not reached your NEStore since { $since } ({ $reason }). Check that it is switched on and connected to your network; the app keeps trying.
offline-reason-timeout = no answer within { $secs } s
offline-reason-status = it answered with error { $status }
offline-reason-garbled = its answers are garbled
offline-reason-no-api = no NEStore API answers at its address
# $reason: the system's own words ("Connection refused"), not translated.
offline-reason-other = { $reason }
back-online-title = NEStore back online
# $duration: a duration-* message; $since: a clock time.
back-online-body = The app reaches your NEStore again after { $duration } offline (since { $since }).

## Pressure sensor

sensor-fault-title = Pressure sensor fault
sensor-fault-body-no-reading = Your NEStore is still answering, but its pressure sensor gives no reading, so the app cannot watch the pressure for you. Its other readings still show. If this lasts, call your installer to have the pressure sensor checked.
sensor-fault-body-implausible = Your NEStore is still answering, but its pressure sensor reads { $bar } bar, which cannot be right, so the app cannot watch the pressure for you. Its other readings still show. If this lasts, call your installer to have the pressure sensor checked.
sensor-recovered-title = Pressure sensor working again
# $bar may be "?" when unknown.
sensor-recovered-body = The pressure sensor reads { $bar } bar again, and the app watches the pressure as before.

## Pressure band
## $bar: the pressure now ("?" when unknown); $low, $high: the healthy band; $limit: the
## alarm limit; $charge: the at-charge message, or nothing when the charge is unknown.

# Starts with a space: it follows a value in the sentence.
at-charge = {" "}at { $soc } % charge
pressure-high-alarm-title = Very high pressure
pressure-high-alarm-body = Pressure { $bar } bar is above the safe maximum of { $limit } bar{ $charge } (healthy: { $low }-{ $high } bar). This can mean an expansion vessel problem: call your installer now and do not start a charge until it is checked.
pressure-high-warning-title = High pressure
pressure-high-warning-body = Pressure { $bar } bar is above the healthy { $low }-{ $high } bar{ $charge }. This can mean an expansion vessel problem: call your installer.
pressure-low-alarm-title = Very low pressure
pressure-low-alarm-body = Pressure { $bar } bar is below the safe minimum of { $limit } bar{ $charge } (healthy: { $low }-{ $high } bar). The system may be losing water: check for leaks and call your installer.
pressure-low-warning-title = Low pressure
pressure-low-warning-body = Pressure { $bar } bar is below the healthy { $low }-{ $high } bar{ $charge }. Check for leaks; call your installer if it keeps falling.
pressure-normal-title = Pressure back to normal
# $above: the charge above which the band holds.
pressure-normal-body = Pressure is { $bar } bar{ $charge } (healthy: { $low }-{ $high } bar above { $above } % charge). No action needed.
# A reminder of an alarm still standing: the alarm's own body, then since when.
reminder-title-low-pressure = Still: very low pressure
reminder-title-high-pressure = Still: very high pressure
reminder-body = { $body } Unresolved since { $since }.

## Leak

leak-title = Possible leak
# $fall: how far the pressure fell over $span (a duration); $rate: the fall per 6 h;
# $limit: the limit per 6 h; $soc: the steady charge; $bar: the pressure now.
leak-body = Pressure fell { $fall } bar in the last { $span } ({ $rate } bar per 6 h, more than { $limit }) while the charge stayed steady near { $soc } %; it is { $bar } bar now. This suggests water is escaping: check pipes, valves and the floor around the unit, and call your installer if it keeps falling.
leak-cleared-title = Pressure no longer falling
leak-cleared-body = Pressure { $bar } bar is no longer falling faster than { $limit } bar per 6 h. No action needed.

## Charging

charge-finished-title = Charge finished
charge-finished-body = The charge reached { $soc } % (target { $target } %). The hot water is ready.
charge-stopped-title = Charge stopped early
# $state: what the device does now, as it names it, or state-unknown.
charge-stopped-body = The device stopped the charge at { $soc } %, before the { $target } % target (now: { $state }). Start it again from the menu if you still need the hot water.
state-unknown = unknown

## Alert settings: each setting's label as the Settings window shows it (the id is
## "setting-" and the setting's key with "-" for "_"), and .inline as it reads inside a
## sentence; units; what a value must be.

setting-low-bar = Low-pressure warning
    .inline = the low-pressure warning
setting-low-alarm-bar = Low-pressure alarm
    .inline = the low-pressure alarm
setting-high-bar = High-pressure warning
    .inline = the high-pressure warning
setting-high-alarm-bar = High-pressure alarm
    .inline = the high-pressure alarm
setting-hysteresis-bar = Recovery margin
    .inline = the recovery margin
setting-leak-bar-per-6h = Leak warning
    .inline = the leak warning
setting-hold-readings = Readings to confirm
    .inline = the readings to confirm
setting-offline-grace-min = Offline after
    .inline = the offline delay
setting-reminder-h = Alarm reminder
    .inline = the alarm reminder
setting-quiet-hours = Quiet hours
    .inline = the quiet hours
# Any other setting.
setting-other = Alert setting
    .inline = the alert setting
unit-bar = bar
unit-bar-per-6h = bar per 6 h
unit-readings = readings
unit-minutes = minutes
unit-hours = hours
# $setting: a setting's label; $unit: a unit-* message; $other: another setting's .inline.
threshold-number = { $setting }: must be a number
threshold-between = { $setting }: must be between { $low } and { $high } { $unit }
threshold-above = { $setting }: must be above { $other } ({ $value } { $unit })
threshold-different-ends = { $setting }: must start and end at different times
