# NEStore Tray, in English: the command line's human output and errors (nestore-cli).
# Same messages and variables as ../nl/cli.ftl (a test checks). Terms: ../../GLOSSARY.md.
# Every id starts with "cli-". Machine-readable output (--json, CSV) is not in here: it
# stays English whatever the language.

## `nestore status`: one label per line, then the value. The code pads the labels to
## the longest one.

cli-status-soc = State of charge
cli-status-soc-total = State of charge (total)
cli-status-stored-energy = Stored energy
cli-status-flow = Hot-water flow
cli-status-pressure = Pressure
cli-status-heater-power = Heater power
cli-status-heater-outlet = Heater outlet
cli-status-zones = Vessel zones 1-5 (top first)
cli-status-dhw-energy = Hot-water energy total
cli-status-charged-energy = Charging energy total
cli-status-water-volume = Hot-water volume total
cli-status-state = State
cli-status-dependent-mode = Dependent mode
cli-status-online-mode = Online mode
cli-status-read-at = Read at
# The five zone temperatures (each a cli-unit-celsius), top first.
cli-status-zones-value = { $zone1 }, { $zone2 }, { $zone3 }, { $zone4 }, { $zone5 }
# $time: hours, minutes and seconds, 24-hour ("14:05:09").
cli-date-time = { $year }-{ NUMBER($month, minimumIntegerDigits: 2) }-{ NUMBER($day, minimumIntegerDigits: 2) } { $time }
cli-yes = yes
cli-no = no
cli-not-reported = not reported
cli-pressure-not-reported = not reported (check the pressure sensor)
# $value: the value the device sent, with its unit (a cli-unit-* message).
cli-implausible = implausible ({ $value })

## Values with their units. The code rounds each to its number of decimals; the minimum
## here keeps the zeros ("63.0 %").

cli-unit-percent = { NUMBER($value, minimumFractionDigits: 1) } %
cli-unit-kwh = { NUMBER($value, minimumFractionDigits: 1) } kWh
# Stored energy, to two decimals.
cli-unit-kwh-fine = { NUMBER($value, minimumFractionDigits: 2) } kWh
cli-unit-lpm = { NUMBER($value, minimumFractionDigits: 1) } L/min
cli-unit-bar = { NUMBER($value, minimumFractionDigits: 2) } bar
cli-unit-watt = { $value } W
cli-unit-celsius = { NUMBER($value, minimumFractionDigits: 1) } °C
cli-unit-litre = { $value } L

## `nestore watch`: one line per reading, or per failed reading.

# $time: the local time of the reading, 24-hour with seconds; $soc, $bar, $heater: values
# with their units (or cli-not-reported); $state: the device's state or
# cli-watch-state-not-reported.
cli-watch-line = { $time }  SOC { $soc }  pressure { $bar }  heater { $heater }  { $state }
cli-watch-state-not-reported = state not reported
# $error: one of the cli-error-* messages.
cli-watch-failed = { $time }  { $error }
# $interval: as typed, e.g. "10s".
cli-watch-too-often = warning: polling every { $interval } may overload the device (the reference polls every 300 s and advises at least 60 s)

## Control: what is about to be sent, and what the device says after it.

# $command: one of the cli-command-* messages.
cli-sending = Sending: { $command }.
# $state: the device's own name for what it does, or cli-not-reported.
cli-confirmed = Confirmed: the device reports "{ $state }".
# $reason: the device library's own words (English), not translated.
cli-not-confirmed-read-back = sent, but not confirmed: its state could not be read back ({ $reason })
cli-not-confirmed-state = sent, but not confirmed: the device reports "{ $state }"
cli-not-confirmed-no-state = sent, but not confirmed: the device reports no state

## `nestore login` and `nestore logout`; where the service password comes from.

cli-login-stored = Password accepted by the device and stored in the OS keyring for { $host }.
cli-logout-removed = Removed the stored password for { $host }.
cli-logout-none = No password was stored for { $host }.
# The code adds a space after it.
cli-password-prompt = NEStore service password:
# $reason: the system's own words, not translated.
cli-password-stdin-unreadable = cannot read the password from standard input: { $reason }
cli-password-stdin-empty = the password read from standard input is empty
cli-password-no-terminal = no terminal to ask for the password: use --password-stdin
cli-password-unreadable = cannot read the password: { $reason }
cli-password-empty = the password is empty
cli-keyring-failed = OS keyring: { $reason }

## Errors talking to the device. $url: the address asked; $reason: the system's or the
## library's own words, not translated; $secs: seconds.

cli-error-unreachable = device unreachable at { $url }: { $reason }
cli-error-timeout = device did not answer within { $secs } s ({ $url })
cli-error-status = device answered HTTP { $status } for { $url }
cli-error-redirected = the device redirected to another address; not followed (HTTP { $status } for { $url })
cli-error-command-timeout-maybe-sent = the command did not finish within { $secs } s (the device answers too slowly); it may have reached the device
cli-error-command-timeout-not-sent = the command did not finish within { $secs } s (the device answers too slowly); nothing was sent
cli-error-malformed = device sent a malformed answer for { $url }: { $reason }
cli-error-missing-soc = device reading lacks the state of charge ({ $key }), which is required
# $key: the field's name on the wire.
cli-error-missing-field = device reading lacks { $key }, which is required
cli-error-unauthorized = the device refused the service password (check the service password; `nestore login` stores a new one)
cli-error-no-password = no service password is available for control (run `nestore login`, set NESTORE_PASSWORD or use --password-stdin)
# $reason: one of the cli-rejected-* messages.
cli-error-rejected = command rejected before sending: { $reason }
cli-error-unknown-api = no known API version answers at { $url } (tried v3, v2, v1)
# $reason: what is wrong with the address, in the library's words.
cli-error-bad-address = invalid device address: { $reason }

## What is wrong with the host given (--host or NESTORE_HOST). $host: as typed.


## Why a command is refused before anything is sent.


## `nestore discover` ("Find my NEStore"): one line per NEStore, printed as soon as it is
## confirmed, then a summary; or, when none is found, one line that says what to check.

# $address: where it answered (IP address:port); $api: the firmware's API version as it
# is typed ("v3"); $soc: cli-discover-soc or cli-discover-no-soc.
cli-discover-hit = { $address }  API { $api }  SOC { $soc }
# $name: the name it is known by on the network (a host name or an mDNS name).
cli-discover-hit-named = { $address } ({ $name })  API { $api }  SOC { $soc }
# $value: a whole percentage.
cli-discover-soc = { $value } %
# No state of charge reported.
cli-discover-no-soc = —
# $found: NEStores found; $swept: addresses tried by the sweep; $secs: the time allowed
# (--timeout), in seconds; $search: "subnet" when --subnet was given, else "usual".
cli-discover-summary = { $found ->
        [one] Found 1 NEStore
       *[other] Found { $found } NEStores
    }; { $swept ->
        [one] 1 address
       *[other] { $swept } addresses
    } swept.
cli-discover-summary-cut-short = { $found ->
        [one] Found 1 NEStore
       *[other] Found { $found } NEStores
    }; { $swept ->
        [one] 1 address
       *[other] { $swept } addresses
    } swept. The time ran out after { $secs } s before every address had answered: one that answers slowly may be missing (a longer --timeout gives it more time).
cli-discover-none = no NEStore found ({ $swept ->
        [one] 1 address
       *[other] { $swept } addresses
    } swept). { $search ->
        [subnet] Is it switched on, and in the subnet given? Without --subnet the search also tries its names and mDNS.
       *[usual] Is it switched on, and on the same network as this computer? If you know its subnet, try --subnet (e.g. --subnet 192.168.1.0/24).
    }
cli-discover-none-cut-short = no NEStore found in { $secs } s ({ $swept ->
        [one] 1 address
       *[other] { $swept } addresses
    } swept; the time ran out before every address had answered). { $search ->
        [subnet] Is it switched on, and in the subnet given? Try a longer --timeout.
       *[usual] Is it switched on, and on the same network as this computer? Try a longer --timeout, or --subnet with its subnet (e.g. --subnet 192.168.1.0/24).
    }
# $reason: the system's own words, not translated.
cli-discover-failed = the search could not run: { $reason }

## `nestore history`

cli-history-no-data-dir = no data folder is known on this system: name one with --data-dir
cli-history-not-found = no history at { $path } (the app keeps one while "Keep history" is on; --data-dir or NESTORE_DATA_DIR names another folder)
cli-history-damaged = cannot read the history: the history file is damaged
# $found: the file's schema version; $known: the newest this version knows.
cli-history-too-new = cannot read the history: the history was written by a newer version of NEStore Tray (schema { $found }, this version knows { $known })
cli-history-outdated = cannot read the history: the history file is from an older version: start NEStore Tray once to update it
# $path: where the damaged file was kept.
cli-history-set-aside = The history file was damaged. It was kept as { $path } and a new history was started.
cli-history-has-real-data = not seeded: the history already holds real readings: demo readings are only added to a history without any
# $reason: the system's or the database's own words.
cli-history-failed = history: { $reason }
cli-history-csv-failed = cannot write the CSV: { $reason }
cli-history-from-after-to = --from must be before --to (--to is not included)
cli-history-no-day-start = a local day without a start
# $interval: as typed, e.g. "5m".
cli-history-seeded = Added { $count } demo readings ({ $days ->
        [one] { $days } day
       *[other] { $days } days
    }, one every { $interval }) to { $path }.

## `nestore schedule preview`: what the charge timers in the app's settings will send, and
## when. Nothing is sent. $path: the settings file; $rule: a timer's number in the
## settings' list, from 1.

# $weekday: 1 (Monday) to 7 (Sunday); $month: 1-12; $time: 24-hour ("02:00").
cli-schedule-when = { $weekday ->
        [1] Mon
        [2] Tue
        [3] Wed
        [4] Thu
        [5] Fri
        [6] Sat
       *[7] Sun
    } { $day } { $month ->
        [1] Jan
        [2] Feb
        [3] Mar
        [4] Apr
        [5] May
        [6] Jun
        [7] Jul
        [8] Aug
        [9] Sep
        [10] Oct
        [11] Nov
       *[12] Dec
    } { $time }
# $when: a cli-schedule-when; $command: the device-command-* words, capitalised.
cli-schedule-start = { $when }  { $command } (start of timer { $rule })
# The same task sent again before the last one runs out (a window longer than 5 h).
cli-schedule-renew = { $when }  { $command } (renewal of timer { $rule })
# A timer "in the cheapest hours". The preview has no prices, so it shows what the app does
# without them: the last hours before the end.
cli-schedule-start-fallback = { $when }  { $command } (start of timer { $rule }: its last hours, as there are no prices here)
cli-schedule-start-cheapest = { $when }  { $command } (start of timer { $rule }: in the cheapest hours)
# $command: cli-schedule-back-to-automatic.
cli-schedule-end = { $when }  { $command } (end of timer { $rule })
cli-schedule-back-to-automatic = Back to the automatic schedule
# $hours: the hours previewed (--hours).
cli-schedule-nothing = The timers send nothing in the next { $hours ->
        [one] hour
       *[other] { $hours } hours
    }.
cli-schedule-no-timers = No timers are set (in { $path }).
cli-schedule-no-file = No timers are set: there is no settings file at { $path } (the app writes it when you save its settings; --config-dir names another folder).
cli-schedule-no-config-dir = no settings folder is known on this system: name one with --config-dir
# $reason: a file-why-* message ("it is too large …").
cli-schedule-file-unusable = cannot read the timers: { $path } was not used because { $reason }
# $reason: the JSON parser's own words, not translated.
cli-schedule-not-json = cannot read the timers: { $path } is not valid JSON ({ $reason })
cli-schedule-not-settings = cannot read the timers: { $path } holds no settings (not a JSON object)
cli-schedule-not-a-list = cannot read the timers: "timers" in { $path } is not a list
# $reason: the JSON parser's own words, not translated.
cli-schedule-timer-unreadable = cannot read the timers: timer { $rule } in { $path } is not a valid timer ({ $reason })
# $problem: the timer refused and why, in the app's words (timer-error).
cli-schedule-refused = the timers in { $path } cannot be used ({ $problem })

## Bad values on the command line (shown after "invalid value ... for ...").

cli-parse-not-duration = not a duration (e.g. 30s, 5m, 2h, 90min)
cli-parse-timeout-range = must be 1 s to 5 min
cli-parse-interval-range = must be 1 s to 24 h
cli-parse-seed-interval-range = must be 10 s to 24 h
cli-parse-count = must be a whole number of at least 1
cli-parse-days = must be a whole number of days from 1 to 3660
cli-parse-port = must be a whole number from 1 to 65535
cli-parse-power = must be a whole number of watts (e.g. 2400)
cli-parse-soc = must be a whole percentage (e.g. 85)
cli-parse-folder-empty = the folder is empty
cli-parse-no-midnight = { $date } has no local midnight
cli-parse-not-time = not a time: expected RFC 3339 with an offset (2026-11-01T06:00:00+01:00, 2026-11-01T05:00:00Z) or a date (2026-11-01)
cli-parse-discover-timeout-range = must be 1 s to 60 s
cli-parse-subnet = not an IPv4 subnet (e.g. 192.168.1.0/24)
# $max: the largest subnet a search takes, as a prefix length (24: 256 addresses).
cli-parse-subnet-too-large = larger than a /{ $max }: give a /{ $max } or smaller (at most 256 addresses)
cli-parse-hours = must be a whole number of hours from 1 to 336

## Usage errors: a command line that cannot be run. $arg: an option as typed in the
## usage ("--power <POWER>"); $value: what was given.

# $reason: a cli-parse-* or cli-address-* message.
cli-usage-invalid-value = invalid value '{ $value }' for '{ $arg }': { $reason }
cli-usage-invalid-value-plain = invalid value '{ $value }' for '{ $arg }'
cli-usage-unknown-argument = unexpected argument '{ $arg }' found
cli-usage-unknown-command = unrecognized subcommand '{ $arg }'
cli-usage-did-you-mean = tip: a similar one exists: '{ $suggestion }'
# $args: the options, separated by commas.
cli-usage-missing = the following required arguments were not provided: { $args }
cli-usage-no-value = a value is required for '{ $arg }' but none was supplied
cli-usage-unexpected-value = unexpected value '{ $value }' for '{ $arg }' found; no more were expected
cli-usage-repeated = the argument '{ $arg }' cannot be used multiple times
cli-usage-conflict = the argument '{ $arg }' cannot be used with '{ $other }'
cli-usage-not-utf8 = the command line is not valid UTF-8
# $usage: the command and its options, as clap writes them.
cli-usage-line = Usage: { $usage }
# $command: the command as typed so far ("nestore charge start").
cli-usage-more = For more information, try '{ $command } --help'.

## `--help`: the headings, and each command's words (the message) with its options'
## (the attributes, by the option's name).

cli-help-usage-heading = Usage
cli-help-options-heading = Options
cli-help-commands-heading = Commands
# The placeholder for a command in the usage line.
cli-help-command-placeholder = COMMAND
cli-help-flag = Print help
cli-help-version-flag = Print version
cli-help-help-command = Print this message or the help of the given subcommand(s)
cli-help = Read and control a NEStore water battery
    .host = Device host name or IP address, without the port (that is --port); also NESTORE_HOST [default: nestore.home]
    .port = Device port (1-65535); also NESTORE_PORT [default: 4805]
    .timeout = Per-request timeout (1 s to 5 min) [default: 10s]
    .password_stdin = Read the service password from standard input (one line) instead of the keyring or NESTORE_PASSWORD
cli-help-status = Print one reading
    .json = Print it as JSON (keys in English, for scripts)
cli-help-watch = Print one line per reading until stopped (or --count readings)
    .interval = Time between readings (1 s to 24 h); the device is slow: below 60 s it may be overloaded [default: 5m]
    .count = Stop after this many readings (at least 1)
    .json = One JSON object per line, failures included
cli-help-charge = Start or stop electric charging
cli-help-charge-start = Charge with the electric heater
    .power = Heater power in W (1000-3400, steps of 100)
    .soc = Target state of charge in % (above the current one)
    .duration = How long the task holds (30 min to 5 h), e.g. 2h or 90min [default: 2h]
cli-help-charge-stop = Stop charging and block the automatic schedule for a while
    .duration = How long the block holds (30 min to 5 h), e.g. 2h or 90min [default: 2h]
cli-help-auto = Cancel manual tasks: the device returns to its automatic schedule
cli-help-login = Check the service password with the device and store it in the OS keyring
cli-help-logout = Remove the stored service password from the OS keyring
cli-help-discover = Find NEStores on the network ("Find my NEStore"): each one as soon as it answers, then a summary
    .json = Print the NEStores found as one JSON array once the search is over (keys in English, for scripts)
    .subnet = Search only this subnet (at most a /24, e.g. 192.168.1.0/24), nothing else; may be repeated [default: the names nestore.home, nestore.local and nestore, mDNS, and this computer's own private subnets]
    .port = Device port to look on (1-65535); also NESTORE_PORT [default: 4805]
    .timeout = How long the whole search may take (1 s to 60 s) [default: 3s]
cli-help-history = The app's history of readings: export it as CSV, or seed a demo one
cli-help-history-export = Write the stored readings (or daily totals) as CSV to standard output
    .data_dir = The folder of the history file; also NESTORE_DATA_DIR [default: the app's data folder]
    .from = From this time on (RFC 3339, or a date: its local midnight); default: the first reading
    .to = Before this time (RFC 3339, or a date: its local midnight, not included); default: after the last reading
    .daily = One row per local calendar day: hot water used, energy charged, hot-water energy
cli-help-history-seed = Fill a history with simulated readings, marked demo (for demos and benchmarks); refused on a history that holds real readings
    .data_dir = The folder of the history file (created if needed); also NESTORE_DATA_DIR
    .days = How many days up to now (1-3660)
    .interval = Time between readings (10 s to 24 h) [default: 5m]
cli-help-schedule = The charge timers in the app's settings: what they will send and when
cli-help-schedule-preview = Print what the timers will send and when, without sending anything (no device is contacted); times in local time
    .config_dir = The folder of the app's settings file [default: the app's settings folder]
    .hours = How many hours ahead (1-336) [default: 48]
    .json = Print it as one JSON array (keys in English, for scripts)

## The tray app's command line (`nestore-tray --help` and its usage errors): its own words
## here, the headings and usage errors shared with `nestore` above. DIR and N are typed as
## they are.

cli-app-help = NEStore water battery in the system tray
    .demo = Use the built-in simulated device (started in the app, on loopback)
    .config_dir = Keep the settings in DIR instead of the system's settings folder
    .data_dir = Keep the history in DIR instead of the system's data folder; also NESTORE_DATA_DIR
    .host = Use this device for this run instead of the one in the settings (a host name or an IP address)
    .port = Port of the device given with --host (1-65535) [default: the port in the settings, 4805]
    .open = Open the window at start
    .poll_interval = Poll at this interval for this run (1 s to 24 h, e.g. 5s) instead of the settings' interval and its 60 s minimum: for tests and demos with the simulated device; a real device is slow
    .time_scale = The device's clock runs N times faster than real time (a simulator started with --speed N): the pressure watch then counts hours in the device's time [default: 1]
    .discover_subnet = "Find my NEStore" sweeps only this subnet (e.g. 127.0.0.0/24; at most a /24; repeatable), without the names or mDNS: for tests on loopback
    .discover_port = The port "Find my NEStore" tries with --discover-subnet [default: 4805]
    .price_url = Ask this address for the day-ahead prices instead of EnergyZero's (http or https); also NESTORE_PRICE_URL: for tests, with a price server on loopback
    .update_url = Ask this address for latest.json instead of the project's releases (a loopback address only): for tests, with an update server on loopback
    .update_pubkey = Check update packages against this public key (minisign, base64) instead of the project's; only with --update-url: for tests, with a key they made
    .update_check = Check quietly for updates in this run even in a development build, at once when due: for tests
    .no_update_check = No quiet daily check for updates in this run ("Check for updates" in Settings still works)
cli-app-parse-time-scale = must be a number above 0 and at most 100000
cli-app-parse-price-url = must be an http or https address with a host
cli-app-parse-update-url = must be an http or https address on loopback (127.0.0.1, ::1 or localhost)
cli-app-parse-update-pubkey = must be a minisign public key in base64, as in tauri.conf.json
