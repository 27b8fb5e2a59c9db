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
