# NEStore Tray, in English: the window (ui/): every label, hint and message it shows.
# Same messages and variables as ../nl/window.ftl (a test checks). Terms: ../../GLOSSARY.md.
#
# ui/text.js asks the backend for the whole catalogue (get_catalogue) and formats these with
# @fluent/bundle. Every id starts with "win-"; the window also uses the durations
# (duration-*) and unit-bar / unit-readings of watch.ftl, and the device's state names of
# tray.ftl (device-state-*). Numbers arrive formatted for the language (strings), except
# counts that choose a plural form. A number and its unit are joined by a no-break space
# (U+00A0: "60 s", "{ $soc } %"), so that they never wrap apart. Leading spaces
# are {" "}.

## General

win-doc-title = NEStore
win-brand = NEStore
win-dash = —
win-not-reported = not reported
win-implausible = implausible
win-implausible-title = The device reported a physically impossible value
win-something-wrong = Something went wrong.
win-dismiss = Dismiss
win-dismiss-label = Dismiss message
win-not-in-app = This window must be opened by NEStore Tray.
# $message: the error in the backend's words.
win-subscribe-failed = Could not subscribe to updates: { $message }
win-state-failed = Could not read the app state: { $message }
win-catalogue-failed = Could not load the window's words: { $message }

## Units (the durations are watch.ftl's duration-*)

win-unit-pct = %
win-unit-w = W
win-unit-kw = kW
win-unit-kwh = kWh
win-unit-l = L
win-unit-lpm = L/min
win-unit-c = °C
win-unit-s = s
win-unit-min = min
win-unit-h = h
win-unit-bar-per-6h = bar/6 h

## How long ago

win-just-now = just now
win-minutes-ago = { $minutes } min ago
win-hours-ago = { $hours } h ago
win-hours-minutes-ago = { $hours } h { $minutes } min ago
win-days-ago = { $days ->
        [one] 1 day ago
       *[other] { $days } days ago
    }

## Top bar and summary

win-demo-device = Demo device (simulated)
win-no-device = no device
win-refresh = Refresh
win-refresh-title = Read the device now
win-refresh-busy = Reading the device…
win-settings = Settings
win-summary = Summary
win-soc-label = State of charge
# $value: "63 %"
win-soc-aria = State of charge { $value }
win-soc-title = How full the usable part of the tank is
win-soc-total = { $value } of the whole tank
win-soc-total-title = The device reports two figures: the big one is the share of the usable capacity, this one the share of the whole tank (the device calls it “% of total”).
win-device-state-title = What the controller is doing
# $term: the device's own name for what it does.
win-device-term-title = The device calls this “{ $term }”
win-connection-online = online
win-connection-retrying = retrying…
win-connection-connecting = connecting
win-connection-offline = offline
win-connection-not-configured = not configured
# $time: a time ("14:05", "24 Nov 14:05").
win-offline-since = offline since { $time }
# $error: why the last reading failed, in the backend's words.
win-retrying-title = The last reading failed; the app tries again soon. { $error }
win-no-reading-yet = no reading yet
# $time: when; $ago: one of the "how long ago" messages.
win-updated = updated { $time }, { $ago }
win-stale-suffix = {" "}· stale
win-stale-title = This reading is older than two poll intervals

## No device yet

win-empty-title = No NEStore set up yet
win-empty-text = Find your water battery on this network, enter its address in Settings, or try the app with a simulated device.
win-use-demo = Use the demo device
win-open-settings = Open settings

## Vessel

win-vessel = Vessel
win-vessel-title = Temperature zones of the vessel
win-zone-aria = Zone { $zone }: { $value }
win-heater = Heater
win-heating = heating
win-not-heating = not heating
win-outlet = outlet
win-stored-energy = Stored energy
win-flow = Hot-water flow
win-legend-cold = 10 °C
win-legend-hot = 85 °C

## Pressure. $bar: a pressure level ("1.5"); $band: the healthy band ("2–3 bar").

win-pressure = Pressure
win-tick-low-title = Low-pressure alarm below { $bar } bar
win-tick-high-title = High-pressure alarm above { $bar } bar
win-healthy-band = Healthy: { $band }
win-within-band = Within the healthy { $band } band
win-outside-band-quiet = Healthy: { $band } · no alert raised
win-low-alarm-hint = Below the { $bar } bar alarm level — check for leaks and call your installer
win-high-alarm-hint = Above the { $bar } bar alarm level — call your installer; do not start a charge
win-low-warn-hint = Below the healthy { $band } band — a falling pressure at a steady charge can mean a leak
win-high-warn-hint = Above the healthy { $band } band — check the expansion vessel
win-leak-hint = Falling at a steady charge — possibly a leak: check pipes and valves
win-sensor-hint = The pressure sensor reports nothing — call your installer if it lasts
win-implausible-pressure = The device reported an impossible pressure. Healthy: { $band }

## Totals

win-totals = Totals
win-hot-water = Hot water
win-charged = Charged
win-water-used = Water used
win-mode-dependent-on = linked
win-mode-dependent-off = stand-alone
win-mode-online-on = supplier link on
win-mode-online-off = supplier link off
# $dependent, $online: win-on, win-off or win-not-reported. The device's terms stay English.
win-modes-title = The device reports: dependent mode { $dependent }, online mode { $online } (independent / online mode).
win-on = on
win-off = off

## Control

win-control = Control
win-control-off = Control is off — enable it and store the service password in Settings
win-heater-power = Heater power
win-power-slider = Heater power slider
win-charge-up-to = Charge up to
win-hold-for = Hold for
win-hold-help = How long a charge may run, and how long Stop keeps the automatic schedule from charging.
win-start-charging = Start charging
win-stop-charging = Stop charging
win-resume-auto = Resume automatic
win-talking = Talking to the device…
# $state: what the device does now (win-state-with-term or its own name).
win-confirmed-state = Confirmed by the device: { $state }
win-confirmed = Confirmed by the device.
win-not-accepted = The device did not accept the command.
# $words: the owner's words; $term: the device's own name.
win-state-with-term = { $words } (“{ $term }”)
win-power-range = Power must be { $min }–{ $max } W in steps of { $step } W.
win-target-above = Target must be above the current { $soc } % ({ $min }–{ $max } %).
win-target-range = Target must be 1–{ $max } %.
win-target-above-max = A target of { $target } % is above the { $max } % maximum.
# $min, $max: durations.
win-duration-range = Duration must be { $min } to { $max }.
# $duration: a duration.
win-describe-start = Start electric charging at { $power } W up to { $target } % for at most { $duration }
win-describe-stop = Stop electric charging and keep the schedule from charging for { $duration }
win-describe-auto = Return the device to automatic operation

## Confirmation

win-confirm-title = Send to the device?
win-what-is-sent = What will be sent
win-cancel = Cancel
win-send = Send

## Active alerts

win-active-alerts = Active alerts
win-active-count = { $count ->
        [one] 1 active alert
       *[other] { $count } active alerts
    }
win-severity-alarm = Alarm
win-severity-warning = Warning
win-severity-info = Info
# When the backend gives no line: $severity a win-severity-*, $kind the alert's kind.
win-alert-fallback = { $severity }: { $kind }
# $time: a clock time.
win-snoozed-until = Alerts snoozed until { $time } (alarms still notify)
win-resume-alerts = Resume alerts
win-snooze-hour = Snooze 1 h
win-snooze-hour-title = Silence warnings for an hour; alarms still notify
win-snooze-tomorrow = Until tomorrow
win-snooze-tomorrow-title = Silence warnings until 07:00; alarms still notify
win-alarms-not-snoozable = Alarms cannot be snoozed.

## Alert log

win-alerts = Alerts
win-no-alerts = No alerts yet
win-logged = { $count } logged
win-show-all = Show all ({ $count })
win-show-fewer = Show fewer
win-phase-escalated = escalated
win-phase-reminder = reminder
win-resolved = resolved
win-severity-resolved = { $severity } resolved
win-alert-title-fallback = Alert
win-log-pressure = { $bar } bar
win-log-soc = { $soc } % charge
win-not-notified = (not notified)
win-not-notified-snoozed = (not notified: snoozed)
win-not-notified-quiet = (quiet hours)
# $reason: the backend's word for why.
win-not-notified-by = (not notified: { $reason })

## Settings

win-back = Back
win-back-label = Back to the monitor
win-device-address = Device address
win-host-placeholder = 192.168.1.50 or nestore.home
win-port = Port
win-read-every = Read every
win-interval-help = At least 60 s; the device is slow. 300 s is the usual choice.
win-allow-control = Allow control
win-allow-control-help = Start and stop charging from this app
win-start-at-login = Start at login
win-language = Language
win-language-system = System
# Each language by its own name, the same in every language.
win-language-en = English
win-language-nl = Nederlands
win-service-password = Service password
win-password-placeholder = Leave empty to keep the stored one
win-forget-password = Forget the stored password
win-password-stored = A password is stored in the OS keyring
win-no-password = No password stored
win-alerts-legend = Alerts
win-warn-below = Warn below
win-alarm-below = Alarm below
win-warn-above = Warn above
win-alarm-above = Alarm above
win-pressure-limits-help = Pressure limits. The low-pressure warning applies above 50 % charge, the alarms at any charge.
win-leak-label = Leak: falls faster than
win-confirm-after = Confirm after
win-offline-after = Offline alert after
win-repeat-alarms = Repeat alarms every
win-quiet-hours = Quiet hours
win-quiet-help = Warnings are logged but not shown; alarms always notify
win-from = From
win-to = to
# The two parts of a time of day (the quiet hours), for screen readers.
win-hour = hour
win-minutes = minutes
win-test-connection = Test connection
win-save = Save
win-saving = Saving…
win-saved = Saved.
win-trying = Trying { $host }:{ $port }…
win-reached = Reached the device.
win-not-reached = Could not reach the device.
win-need-host = Host: enter the address of the NEStore first.
win-bad-port = Port: enter a whole number from 1 to 65535 (the NEStore uses 4805).
win-bad-interval = Poll interval: enter a whole number of seconds (at least 60).
# $label: the field's label.
# $example: a number in the window's form ("1.5"); "," works as the decimal mark too.
win-bad-decimal = { $label }: enter a number, such as { $example }.
win-bad-whole-number = { $label }: enter a whole number.
win-keep-history = Keep history
win-keep-history-help = Store every reading on this computer for the History charts
win-keep-for = Keep for
win-keep-forever = Forever
win-keep-years = { $years ->
        [one] 1 year
       *[other] { $years } years
    }
win-keep-days = { $days } days

## History

win-history = History
win-history-title = History: charts of the readings
win-history-ranges = Period
win-range-24h = 24 h
win-range-7d = 7 days
win-range-30d = 30 days
win-range-1y = 1 year
win-range-24h-title = The last 24 hours
win-range-7d-title = The last 7 days
win-range-30d-title = The last 30 days
win-range-1y-title = The last year
# $from, $to: dates and times.
win-zoomed-to = { $from } – { $to }
win-reset-zoom = Reset zoom
win-drag-to-zoom = Drag across a chart to zoom in; hover for the values.
win-history-loading = Loading…
win-history-empty = No history yet. The app keeps every reading it takes, so the charts fill in as it runs.
win-history-empty-range = No readings in this period.
win-history-off = “Keep history” is off in Settings: no new readings are kept.
win-history-no-charts = The charts could not be loaded. Restart NEStore Tray; if that does not help, report it.
win-history-failed = Could not read the history: { $message }
win-demo-data = Demo data
win-demo-data-title = Some of these readings come from the simulated demo device
win-chart-soc = Charge and heater
win-chart-pressure = Pressure
win-chart-zones = Zone temperatures
win-chart-daily = Daily use and charging
# $name: one of the win-chart-* titles.
win-chart-aria = { $name } chart
win-series-time = Time
win-series-day = Day
win-series-soc = Charge
win-series-power = Heater
win-series-pressure = Pressure
win-series-min = min
win-series-max = max
win-series-zone = { $zone ->
        [1] Zone 1 (top)
        [5] Zone 5 (bottom)
       *[other] Zone { $zone }
    }
win-series-hot-water = Hot water
win-series-charged = Charged
# $litres, $kwh: units; $weeks: how many weeks each bar averages.
win-daily-averages = { $litres } · { $kwh } a day, { $weeks ->
        [1] weekly
       *[other] { $weeks }-weekly
    } averages
# $time: a date and time; $title: the alert's title.
win-event-at = { $time } { $title }
win-export-csv = Export CSV
win-export-title = Save the readings of the period shown as a CSV file
win-export-daily = Daily totals
win-export-daily-title = One line per day (hot water, charged energy) instead of the readings
win-exporting = Exporting…
win-exported-to = Saved to { $path }

## Find my NEStore (issue 11: the search for NEStores on this network, `discover`)

# The feature's name, on its buttons and in the offline notice.
win-find = Find my NEStore
win-find-searching = Looking for your NEStore on this network…
# $count: how many were found (1 or more).
win-find-found = { $count ->
        [one] Found 1 NEStore. Choose Use to use it.
       *[other] Found { $count } NEStores. Choose the one to use.
    }
# $swept: how many addresses of this network the search swept.
win-find-none = No NEStore found on this network ({ $swept ->
        [one] 1 address swept
       *[other] { $swept } addresses swept
    }). Check that it is switched on and connected, or type its address.
win-find-partial = The time ran out before every address had answered: press Find my NEStore again if yours is missing.
win-find-list = NEStores found
# $version: the firmware's API version, as the device names it ("v3").
win-find-api = API { $version }
win-find-api-title = The API version of its firmware
# $soc: the state of charge, a whole number.
win-find-soc = charge { $soc } %
win-find-soc-unknown = charge —
win-find-use = Use
# $device: the NEStore's name, or its address.
win-find-use-label = Use { $device }
# $address: host:port, as saved.
win-find-used = Saved. The app now reads the NEStore at { $address }.
# $time: when it stopped answering (a time of day, or a date and time).
win-find-offline = Your NEStore has not answered since { $time }. If your router gave it a new address, Find my NEStore can look for it.

## Charge timers in Settings (issue 11; docs/ipc.md "Charge timers") and the window's timer line

win-timers = Charge timers
win-timers-help = On the days chosen, from the start to the end: charge, or hold off automatic charging. An end at or before the start is on the next day (22:00-06:00).
win-timers-none = No timers yet.
win-timer-add = Add timer
# $timer: its number in the list, from 1 (the backend's messages count them the same way).
win-timer = Timer { $timer }
win-timer-on = On
win-timer-remove = Remove
win-timer-remove-label = Remove timer { $timer }
win-timer-kind = What it does
win-timer-kind-charge = Charge
win-timer-kind-block = Hold off automatic charging
win-timer-days = Days
win-timer-power = Heater power
win-timer-target = Charge up to
# The days of the week, Monday first: short on the toggles, in full for screen readers.
win-day-mon = Mon
win-day-tue = Tue
win-day-wed = Wed
win-day-thu = Thu
win-day-fri = Fri
win-day-sat = Sat
win-day-sun = Sun
win-day-mon-long = Monday
win-day-tue-long = Tuesday
win-day-wed-long = Wednesday
win-day-thu-long = Thursday
win-day-fri-long = Friday
win-day-sat-long = Saturday
win-day-sun-long = Sunday
win-timer-every-day = every day
win-timer-no-days = no day chosen
# $first, $last: two short day names, a run of days ("Mon-Fri").
win-timer-day-run = { $first }-{ $last }
# One line per timer. $days: the days ("Mon-Fri", "Sat Sun"); $start, $end: times of day (24-hour);
# $power: W; $target: %.
win-timer-summary-charge = { $days } { $start }-{ $end }: charge at { $power } W up to { $target } %
win-timer-summary-block = { $days } { $start }-{ $end }: hold off automatic charging
# "In the cheapest hours" (settings.timers' cheapest_hours): a charge takes only its N cheapest hours.
win-timer-cheapest = Only in the cheapest hours
win-timer-cheapest-help = By the hourly electricity prices; without them, the last hours before the end.
win-timer-cheapest-all = No, the whole time
# $hours: how many of the window's hours.
win-timer-cheapest-hours = { $hours ->
        [one] the cheapest hour
       *[other] the { $hours } cheapest hours
    }
# $summary: a charge's line (win-timer-summary-charge); $hours: how many cheapest hours.
win-timer-summary-cheapest = { $hours ->
        [one] { $summary }, in the cheapest hour
       *[other] { $summary }, in the { $hours } cheapest hours
    }
# $summary: one of the two above, for a timer that is switched off.
win-timer-summary-off = Off: { $summary }
win-timer-bad-target = Timer { $timer }: enter the target as a whole number, 1-100 %
# The line near the controls. $time: "05:00" today, else a day and a time ("Tue 05:00").
win-timer-active-charge = Charging on a timer until { $time }
win-timer-active-block = Automatic charging held off until { $time }
# $day: a short day name; $start, $end: times of day.
win-timer-next-charge = Next timer: charge { $day } { $start }-{ $end }
win-timer-next-block = Next timer: hold off automatic charging { $day } { $start }-{ $end }
# $day: a short day name; $time: a time of day.
win-timer-day-time = { $day } { $time }
# The timer line of a timer in the cheapest hours (basis "cheapest" / "fallback"): $line is one of
# the win-timer-next-*/win-timer-active-* lines (as the tray's tray-timer-cheapest/-fallback).
win-timer-line-cheapest = { $line } (cheapest hours)
win-timer-line-fallback = { $line } (no prices yet: its last hours)

## The prices of the timers in the cheapest hours (state.prices): a bar chart near the timer line

win-prices = Electricity prices (ct/kWh)
# A span of hours: $start ("03:00", or "Sat 03:00" on another day), $end ("04:00"): 24-hour.
win-prices-span = { $start }–{ $end }
# $hours: the spans chosen, "03:00–04:00, 05:00–06:00".
win-prices-chosen = Cheapest hours chosen: { $hours }
win-prices-none-chosen = No hours chosen yet.
# The chart in words, for screen readers. $low, $high: the lowest and highest price with its unit
# ("-2 ct/kWh"); $chosen: win-prices-chosen or win-prices-none-chosen.
win-prices-alt = Hourly electricity prices from { $low } to { $high }. { $chosen }
# A timer in the cheapest hours without prices. $timer: its number; $hours: its spans.
win-prices-fallback = Without prices, timer { $timer } charges in its last hours instead: { $hours }.
# The unit of the chart's prices: euro cents per kWh.
win-unit-ct-kwh = ct/kWh

## Settings near the timers: the running-low notice (low_charge_pct) and the price source

win-low-charge = Running-low notice
win-low-charge-help = A notification when the state of charge falls below this level, saying when the next charge is planned.
win-low-charge-level = Notify below
win-price-source = Price source
win-price-source-help = For the timers in the cheapest hours: the hourly electricity prices.
win-price-source-energyzero = EnergyZero (Dutch day-ahead prices)

## Updates of the app in Settings (state.update, check_for_updates, install_update; panels/updates.js)

win-updates = Updates
# $current: this app's version ("0.1.0").
win-update-current = You are using version { $current }.
win-update-check = Check for updates
win-update-checking = Checking for updates…
win-update-latest = You have the latest version.
# $version: the newer release ("0.2.0"); also the small line on the main view after the daily check.
win-update-found = Version { $version } is available.
win-update-show-title = Open Settings to see what is new and install it
win-update-notes = What is new
win-update-install = Install version { $version }…
# The confirmation in the panel, before anything is downloaded.
win-update-confirm = Install version { $version } now? NEStore Tray downloads it, checks its signature and restarts.
win-update-confirm-yes = Install
win-update-installing = Installing version { $version }…
