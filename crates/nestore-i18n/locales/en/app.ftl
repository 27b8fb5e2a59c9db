# NEStore Tray, in English: the app's own notices and errors, Settings' checks, control texts (tray-core and the app).
# Same messages and variables as ../nl/app.ftl (a test checks). Terms: ../../GLOSSARY.md.

## The device library's errors and commands (crates/nestore), as the owner reads them: the
## tray app and the command line say the same. Clauses that start lower-case go inside a
## sentence.

# What a confirmation asks of the device, exactly as sent: $power in W, $target in %,
# $duration a duration-* message.
device-command-start = start electric charging at { $power } W up to { $target } % for at most { $duration }
device-command-stop = stop electric charging and block the automatic schedule for { $duration }
device-command-auto = cancel manual tasks and resume automatic operation

# Why a command is refused before anything is sent.
device-invalid-power-range = power { $power } W is outside { $min }-{ $max } W
device-invalid-power-step = power { $power } W is not a multiple of { $step } W
# $shortest, $longest: duration-* messages; $min, $max: the same in seconds.
device-invalid-duration = duration { $secs } s is outside { $shortest } to { $longest } ({ $min }-{ $max } s)
device-invalid-target-above-max = target state of charge { $target } % is above the { $max } % maximum
device-invalid-target-below-min = target state of charge { $target } % is below the { $min } % minimum
# $soc: the state of charge now, with one decimal.
device-invalid-target-not-above = target state of charge { $target } % is not above the current { NUMBER($soc, minimumFractionDigits: 1) } %
device-invalid-soc-unknown = the current state of charge is not known, so a target cannot be checked

# Why a device address cannot be used. $host: the address as typed.
device-address-empty = the host is empty: give the device's host name or IP address
device-address-too-long = the host is { $length } characters long; a host name has at most { $max }
device-address-not-a-host = "{ $host }" is not a host name or IP address
# $reason: the address parser's own words.
device-address-not-a-host-because = "{ $host }" is not a host name or IP address ({ $reason })
device-address-port-zero = port 0 is not a usable port (1-65535)
device-address-includes-port = "{ $host }" includes a port: enter { $name } as the host and { $port } as the port
# $start: the first characters of the part that is too long.
device-address-label-too-long = the host name part "{ $start }..." is longer than { $max } characters

# A value the device reports, as a sentence names it.
device-field-soc = state of charge
device-field-soc-total = state of charge (total)
device-field-stored-energy = stored energy
device-field-hot-water-flow = hot-water flow
device-field-heater-power = heater power
device-field-pressure = system pressure
device-field-heater-outlet = heater outlet temperature
device-field-vessel-zone = vessel zone { $zone } temperature
device-field-hot-water-energy-total = hot-water energy total
device-field-charging-energy-total = charging energy total
device-field-hot-water-volume-total = hot-water volume total

# What went wrong talking to the device. $url: the address asked; $reason: the system's or
# the parser's own words, not translated.
device-error-unreachable = Device unreachable at { $url }: { $reason }.
device-error-timeout = Device did not answer within { NUMBER($secs, minimumFractionDigits: 1) } s ({ $url }).
device-error-status = Device answered HTTP { $status } for { $url }.
device-error-redirected = The device redirected to another address; not followed (HTTP { $status } for { $url }).
device-error-command-timeout-maybe-sent = The command did not finish within { $secs } s (the device answers too slowly); it may have reached the device.
device-error-command-timeout-not-sent = The command did not finish within { $secs } s (the device answers too slowly); nothing was sent.
device-error-malformed = Device sent a malformed answer for { $url }: { $reason }.
# $field: one of the device-field-* messages.
device-error-missing-field = The device answers, but its reading lacks the { $field }.
device-error-unauthorized = The device refused the service password. Enter it again in Settings.
device-error-no-password = No service password is stored. Enter it in Settings.
# $reason: one of the device-invalid-* messages.
device-error-rejected = Not sent: { $reason }.
device-error-unknown-api = No known API version answers at { $url } (tried v3, v2, v1).
device-error-bad-address = Invalid device address: { $reason }.

## Control from the window and the tray: why a command cannot be sent now, and what came
## of one that was sent. $state: the device's own name for what it does, as it sends it.

control-no-device = No device is configured.
control-off = Control is off. Turn it on in Settings.
control-not-answering = The device is not answering now, so a command cannot reach it.
control-busy = Another command is still being sent.
control-not-confirmed = Confirm the command first: it was not confirmed, the confirmation was for another command, or it expired.
control-outcome-auto = Automatic operation resumed; the device reports "{ $state }".
control-outcome-confirmed = Confirmed by the device: "{ $state }".
# $reason: why the state could not be read back (the library's words).
control-outcome-readback-failed = Sent, but not confirmed: its state could not be read back ({ $reason }).
control-outcome-not-confirmed = Sent, but not confirmed: the device still reports "{ $state }".
control-state-none = no state reported

## Settings' checks: the setting, then what it must be. $reason: a device-address-* or
## device-invalid-* message.

settings-error-host = Host: { $reason }
settings-error-port = Port: must be 1-65535
# $usual: the poll interval the app uses unless told otherwise, in seconds.
settings-error-poll-interval = Poll interval: must be { $min }-{ $max } s (the device is slow; the reference polls every { $usual } s)
settings-error-charge-defaults = Last charge settings: { $reason }
settings-error-history-keep = Keep history for: must be at least { $min } days (raw readings are kept a year at least) and at most { $max }
settings-error-low-charge = Running-low notice: must be off or { $min }-{ $max } %
settings-error-address-before-password = Enter the device's address before its password.
# $reason: the system's own words.
settings-error-save = Cannot save the settings file: { $reason }
settings-error-keyring = Settings saved, but the OS keyring failed: { $reason }

## The settings file at start: a field that could not be used is reset alone, and one
## sentence says so: "The poll interval in the settings file was not valid (10 s; it must
## be 60-86400 s) and was reset to 300 s." Each field's name (settings-field-<key>, with
## "-" for "_" and "."), with its article as a sentence starts (.the), and what a value must
## be (settings-rule-<key>).

# $field: a settings-field-*.the; $count: 1, or 2 for a name in the plural; $why: the
# value as written and what is wrong; $to: one of the settings-reset-to* messages.
settings-reset = { $field } in the settings file { $count ->
        [one] was
       *[other] were
    } not valid ({ $why }) and { $count ->
        [one] was
       *[other] were
    } { $to }.
settings-reset-cleared = cleared (no device is set)
settings-reset-to-defaults = reset to their defaults
settings-reset-to-default = reset to its default
# $value: the default, as settings-value-* writes it.
settings-reset-to = reset to { $value }
settings-reset-to-charge = reset to { $power } W, { $target } %, { $minutes } min
# What is wrong with a threshold: $rule is the threshold-* message after its setting's name.
settings-problem-threshold = it { $rule }
settings-value-s = { $value } s
settings-value-days = { $value } days
settings-value-bar = { $value } bar
settings-value-bar-per-6h = { $value } bar per 6 h
settings-value-min = { $value } min
settings-value-h = { $value } h
settings-value-on = on
settings-value-off = off
settings-value-none = none
settings-value-percent = { $value } %
settings-field-host = device address
    .the = the device address
settings-field-port = port
    .the = the port
settings-field-poll-interval-s = poll interval
    .the = the poll interval
settings-field-control-enabled = control setting
    .the = the control setting
settings-field-autostart = autostart setting
    .the = the autostart setting
settings-field-charge-defaults = last charge settings
    .the = the last charge settings
settings-field-history-enabled = keep history setting
    .the = the keep history setting
settings-field-history-keep-days = history period
    .the = the history period
settings-field-language = language
    .the = the language
settings-field-timers = charge timers
    .the = the charge timers
settings-field-low-charge-pct = running-low level
    .the = the running-low level
settings-field-price-source = price source
    .the = the price source
settings-field-alerts = alert thresholds
    .the = the alert thresholds
settings-field-alerts-low-bar = low-pressure warning level
    .the = the low-pressure warning level
settings-field-alerts-low-alarm-bar = low-pressure alarm level
    .the = the low-pressure alarm level
settings-field-alerts-high-bar = high-pressure warning level
    .the = the high-pressure warning level
settings-field-alerts-high-alarm-bar = high-pressure alarm level
    .the = the high-pressure alarm level
settings-field-alerts-hysteresis-bar = recovery margin
    .the = the recovery margin
settings-field-alerts-leak-bar-per-6h = leak warning level
    .the = the leak warning level
settings-field-alerts-hold-readings = number of readings to confirm
    .the = the number of readings to confirm
settings-field-alerts-offline-grace-min = time before offline
    .the = the time before offline
settings-field-alerts-reminder-h = alarm reminder interval
    .the = the alarm reminder interval
settings-field-alerts-quiet-hours = quiet hours
    .the = the quiet hours
settings-rule-host = it must be a host name or IP address
settings-rule-port = it must be 1-65535
settings-rule-poll-interval-s = it must be 60-86400 s
settings-rule-control-enabled = it must be true or false
settings-rule-autostart = it must be true or false
settings-rule-charge-defaults = it must be power_w, target_soc_pct and duration_min
settings-rule-history-enabled = it must be true or false
settings-rule-history-keep-days = it must be null (keep everything) or 365-36500 days
settings-rule-language = it must be "system", "en" or "nl"
settings-rule-low-charge-pct = it must be null (off) or 5-90 %
settings-rule-price-source = it must be "energy_zero"
settings-rule-timers = must be a list of timers that do not overlap, each with days, a start, an end and a charge (power, target) or a block
settings-rule-alerts = it must be an object of thresholds
settings-rule-alerts-low-bar = it must be a number of bar
settings-rule-alerts-low-alarm-bar = it must be a number of bar
settings-rule-alerts-high-bar = it must be a number of bar
settings-rule-alerts-high-alarm-bar = it must be a number of bar
settings-rule-alerts-hysteresis-bar = it must be a number of bar
settings-rule-alerts-leak-bar-per-6h = it must be a number of bar per 6 h
settings-rule-alerts-hold-readings = it must be a whole number
settings-rule-alerts-offline-grace-min = it must be a whole number of minutes
settings-rule-alerts-reminder-h = it must be a whole number of hours
settings-rule-alerts-quiet-hours = it must be null or two times of day such as ["22:00:00", "07:00:00"]
# Where the original file went. $path: its new name.
settings-kept = The file was kept as { $path }.
settings-kept-not-saved = The file was kept as { $path }, but the corrected settings could not be written ({ $reason }).
settings-not-kept = The file could not be kept beside ({ $reason }), so it was left as it was.
# A file that could not be used at all. $why: a file-why-* or settings-why-* message.
settings-discarded = The settings file was not used because { $why }. It was moved to { $path } and the defaults are in use.
settings-discarded-not-moved = The settings file was not used because { $why }; it could not be moved aside ({ $reason }). The defaults are in use.
settings-why-not-object = it does not hold settings (a JSON object)
settings-why-not-json = it is not valid settings JSON ({ $reason })

## Why one of the app's files could not be used: the rest of "The file was not used
## because …". $size, $max: file-size-* messages.

file-why-not-found = it does not exist
# $kind: one of the file-kind-* messages.
file-why-not-regular = it is not a regular file but { $kind }
file-why-too-large = it is too large ({ $size }; at most { $max } are read)
file-why-unreadable = it could not be read ({ $reason })
file-kind-directory = a directory
file-kind-fifo = a named pipe (FIFO)
file-kind-device = a device
file-kind-socket = a socket
file-kind-other = something else
file-size-bytes = { $size } bytes
file-size-kib = { NUMBER($size, minimumFractionDigits: 1) } KiB
file-size-mib = { NUMBER($size, minimumFractionDigits: 1) } MiB

## Settings, Test connection and the demo device

setup-password-works = The service password works: the device accepted it.
# $api: the device's API version ("v3"); $soc: its state of charge.
setup-connected = Connected: the device answers (API { $api }), state of charge { $soc } %.
setup-connected-soc-unknown = Connected: the device answers (API { $api }), state of charge not reported.
setup-demo-refused = A device is configured: clear its address in Settings to use the demo instead.
# $value: what the window asked for, as it asked.
snooze-unknown = Unknown snooze { $value }: use 1h, tomorrow or off.

## The OS keyring's problems, as a clause after a colon. $detail: the keyring's own words
## (not translated).

keyring-no-backend = there is no keyring service to keep the password in ({ $detail })
keyring-locked = the keyring is locked or access was denied ({ $detail })
keyring-other = { $detail }

## The history (crates/nestore-history): problems shown at the top of the window, and the
## window's requests it refuses.

# $reason: one of the history-unavailable-* messages, or the system's own words.
history-cannot-save = History cannot be saved: { $reason }
history-cannot-open = History cannot be opened: { $reason }
# $path: where the damaged file is now.
history-damaged = The history file was damaged. It was kept as { $path } and a new history was started.
history-unavailable-disk-full = the disk is full
history-unavailable-read-only = the file or its folder is read-only
history-unavailable-locked = another program holds the file locked
history-unavailable-cannot-open = the file cannot be opened
history-unavailable-permission-denied = permission denied
history-unavailable-not-a-file = something other than a file is in its place
history-error-corrupt = the history file is damaged
# $found, $known: version numbers of the history's layout.
history-error-too-new = the history was written by a newer version of NEStore Tray (schema { $found }, this version knows { $known })
history-error-outdated = the history file is from an older version: start NEStore Tray once to update it
history-error-not-found = no history yet ({ $path })
history-error-has-real-data = the history already holds real readings: demo readings are only added to a history without any
# $reason: SQLite's own words.
history-error-database = history database: { $reason }
history-invalid-range = The end must be after the start
history-invalid-buckets = Buckets: must be 1-{ $max }
history-invalid-days = Daily totals: at most { $max } days at once
history-export-title = Export history as CSV

## Events in the history's timeline (besides the alerts, which are the watch's notices)

event-poll-failed = Poll failed
event-offline = Device offline
event-online = Device back online
event-online-body = The device answers again.
event-command-start = Start charging
event-command-stop = Stop charging
event-command-auto = Resume automatic

## Find my NEStore

discover-busy = A search is already running.
# $reason: the system's own words.
discover-failed = The search could not run: { $reason }

## Running low: an optional notice when the state of charge falls below the level the
## owner set, once per fall. $soc, $level: %; $plan: one of the running-low-plan-* messages.

running-low-title = Hot water is running low
running-low-body = The state of charge is { $soc } %, below the { $level } % you set. { $plan }
# $end: a 24-hour time.
running-low-plan-now = A timer is charging until { $end }.
# $when: as in the tray menu (tray-timer-when-*): "02:00–05:00", "tomorrow 02:00–05:00".
running-low-plan-timer = The next charge is on a timer: { $when }.
running-low-plan-none = No charge is planned.

## Day-ahead prices for the timers in the cheapest hours (EnergyZero). Why they are missing.

price-problem-not-published = The prices are not published yet.
price-problem-unreachable = The price source could not be reached.
price-problem-address = The price source's address cannot be used.
# $status: an HTTP status code, e.g. 503.
price-problem-status = The price source answered with an error (HTTP { $status }).
price-problem-too-large = The price source's answer was too large, so it was not read.
price-problem-malformed = The price source's answer could not be read.
price-problem-refused = The price source gave prices that cannot be right, so they are not used.
price-source-energyzero = EnergyZero (Dutch day-ahead prices)

## Charge timers carried out by the app: each action is a notification and an event in the
## history's timeline. $end: a 24-hour time ("05:00"); $power: W; $target: %.

timer-started-charge-title = Charging on a timer
timer-started-charge-body = The heater charges at { $power } W up to { $target } %, until { $end }.
timer-started-block-title = Automatic charging held off
timer-started-block-body = A timer holds off automatic charging until { $end }.
# The same task sent again before the last one runs out (a window longer than 5 h).
timer-renewed-title = Timer renewed
timer-renewed-body = The timer's task was sent again and lasts until { $end }.
timer-ended-title = Timer finished
timer-ended-body = Back to the automatic schedule.
timer-charged-title = Already charged
timer-charged-body = The state of charge is already { $target } % or more: the timer has nothing to do until { $end }.
# $reason: why it could not be sent, a sentence.
timer-failed-title = A timer could not be carried out
timer-failed-body = { $reason } The app tries again every minute until { $end }.
timer-failed-end-body = { $reason } The app tries again every minute to return to the automatic schedule.
# The owner sent a command by hand while a timer's window was open.
timer-manual-title = Your own command comes first
timer-manual-body = The timer sends nothing more until { $end }.

## Charge timers: a refused rule (nestore-schedule), named as the owner counts them

# $timer: the rule's number (from 1); $problem: one of the timer-problem-* messages.
timer-error = Timer { $timer }: { $problem }
timer-problem-no-days = no day is chosen
timer-problem-same-times = the start and the end are the same time
# $shortest: the device's shortest task, in minutes.
timer-problem-too-short = it lasts { $minutes } min, shorter than the device's shortest task ({ $shortest } min)
timer-problem-power = a power of { $power } W is not { $min }-{ $max } W in steps of { $step } W
timer-problem-target = a target of { $target } % is not { $min }-{ $max } %
timer-problem-overlaps = it overlaps timer { $other }
# "Charge in the cheapest hours": $hours asked for; $max the whole hours between the start and the end.
timer-problem-cheapest-hours = { $hours } cheapest hours do not fit between the start and the end: choose 1 to { $max }
timer-problem-cheapest-block = only a charge can be in the cheapest hours, not holding off automatic charging

## Updates of NEStore Tray itself (Settings' "Check for updates" and a quiet check once a
## day). $version: the new release's; $current: this app's ("0.1.0").

update-available = Version { $version } is available (you have { $current }).
update-up-to-date = NEStore Tray { $current } is up to date.
# Quiet: shown where the updates are, never as a dialog or a notification.
update-could-not-check = Could not check for updates just now.
update-nothing-to-install = Check for updates first: there is no update to install yet.
update-busy = Updates are being checked or installed already.
update-signature-mismatch = The update's signature does not match NEStore Tray's key, so it was refused. Nothing was installed.
update-download-failed = The update could not be downloaded. Nothing was installed.
update-not-installable = This copy of NEStore Tray was not installed from a package (a development build), so updates are not installed into it. The update was downloaded and its signature checked; nothing was changed.
update-install-failed = The update could not be installed.
update-installed = Version { $version } is installed. NEStore Tray restarts now.
