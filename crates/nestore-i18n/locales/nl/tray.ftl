# NEStore Tray, in het Nederlands: het trayicoon (tooltip, menuregels en -items) en de knoppen op meldingen.
# Dezelfde berichten en variabelen als ../en/tray.ftl (een test controleert dat). Vaste
# termen: ../../GLOSSARY.md. We zeggen "je".

## De eerste regels van het menu: de meetwaarden (trays op Linux tonen geen tooltip, dus
## het menu laat ze zien). $time: een kloktijd (24 uur).

tray-no-device = Geen apparaat ingesteld
tray-soc = Laadtoestand { $soc } %
tray-soc-unknown = Laadtoestand niet doorgegeven
tray-pressure = Druk { NUMBER($bar, minimumFractionDigits: 1) } bar
tray-pressure-fault = Storing in de druksensor
tray-pressure-unknown = Druk niet doorgegeven
tray-state-unknown = Toestand niet doorgegeven
tray-connecting = Verbinden…
tray-offline-since = Niet bereikbaar sinds { $time }
tray-updated-retrying = Bijgewerkt om { $time } (opnieuw proberen)
tray-retrying = Opnieuw proberen…
tray-stale = Verouderd: bijgewerkt om { $time }
tray-updated = Bijgewerkt om { $time }
tray-snoozed-until = Meldingen uitgesteld tot { $time }

## De laadtimers in het menu: de timer die nu loopt, of de volgende. $start, $end: tijden op
## 24 uur; $weekday: 1 (maandag) tot 7 (zondag), voor een timer die niet vandaag of morgen is.

tray-timer-now-charge = Timer: laden tot { $end }
tray-timer-now-block = Timer: geen automatisch laden tot { $end }
# $when: een van de tray-timer-when-*-berichten.
tray-timer-next-charge = Volgende: laden { $when }
tray-timer-next-block = Volgende: geen automatisch laden { $when }
# Een timer in de goedkoopste uren: $line is de regel tray-timer-*.
tray-timer-cheapest = { $line } (goedkoopste uren)
tray-timer-fallback = { $line } (nog geen prijzen: de laatste uren)
tray-timer-when-today = { $start }–{ $end }
tray-timer-when-tomorrow = morgen { $start }–{ $end }
tray-timer-when-day = { $weekday ->
        [1] ma
        [2] di
        [3] wo
        [4] do
        [5] vr
        [6] za
       *[7] zo
    } { $start }–{ $end }

## Een toestand die de drukbewaking vasthoudt, in een paar woorden: "Alarm: hoge druk".
## Ook de lijst met actieve meldingen in het venster.

# $level: een van de alert-level-*-berichten; $what: een van de alert-kind-*-berichten.
alert-line = { $level }: { $what }
alert-level-alarm = Alarm
alert-level-warning = Waarschuwing
alert-level-note = Bericht
alert-kind-low-pressure = lage druk
alert-kind-high-pressure = hoge druk
alert-kind-leak = mogelijk lek
alert-kind-sensor-fault = storing in de druksensor
alert-kind-offline = apparaat niet bereikbaar
alert-kind-charge-finished = klaar met laden
alert-kind-charge-stopped = laden gestopt door het apparaat

## De namen die het apparaat zelf gebruikt voor wat het doet, in woorden voor de
## eigenaar. Namen die hier niet staan, tonen we zoals het apparaat ze stuurt.

device-state-charging-electrical-main = Laden (elektrisch element)
device-state-electrical-charging-blocked = Niet laden (tegengehouden)

## Menu-items

# $power in W, $target in %, $duration in minuten: het laatste laden dat vanuit de app
# is gestart.
tray-start = Laden starten ({ $power } W tot { $target } %, { $duration } min)…
tray-open = Openen
tray-refresh = Nu bijwerken
tray-stop = Laden stoppen…
tray-auto = Terug naar automatisch…
tray-unsnooze = Meldingen weer aan
tray-snooze-hour = Meldingen 1 uur uitstellen
tray-snooze-tomorrow = Meldingen uitstellen tot morgen
tray-settings = Instellingen
tray-quit = Afsluiten
# De tooltip (en op macOS de titel naast het icoon): $soc is de laadtoestand.
tray-tooltip = NEStore { $soc } %
tray-tooltip-unknown = NEStore –

## Knoppen en titels van meldingen op het bureaublad

notify-open = Openen
notify-snooze-hour = 1 uur uitstellen
notify-command-not-confirmed = Opdracht niet bevestigd
notify-command-failed = Opdracht mislukt
notify-start-charging = Laden starten…

## De melding boven in het venster als de sleutelbos niet te lezen is

# $reason: de woorden van de sleutelbos zelf.
notice-keyring-unavailable = De sleutelbos van het systeem is niet beschikbaar: { $reason }
