# NEStore Tray, in het Nederlands: het venster (ui/): elk label, elke hint en elk bericht.
# Dezelfde berichten en variabelen als ../en/window.ftl (een test controleert dat). Vaste
# termen: ../../GLOSSARY.md. We zeggen "je".
#
# ui/text.js vraagt de backend om de hele catalogus (get_catalogue) en maakt hiervan tekst
# met @fluent/bundle. Elke id begint met "win-"; het venster gebruikt ook de duur
# (duration-*) en unit-bar / unit-readings uit watch.ftl, en de namen van wat het apparaat
# doet uit tray.ftl (device-state-*). Getallen komen als tekst binnen, al in de Nederlandse
# vorm (2,4), behalve aantallen die een meervoud kiezen. Tussen een getal en zijn eenheid
# staat een harde spatie (U+00A0: "60 s", "{ $soc } %"), zodat ze nooit over twee
# regels breken. Een spatie aan het begin schrijven we als {" "}.

## Algemeen

win-doc-title = NEStore
win-brand = NEStore
win-dash = —
win-not-reported = niet doorgegeven
win-implausible = onmogelijk
win-implausible-title = Het apparaat gaf een waarde door die natuurkundig niet kan
win-something-wrong = Er ging iets mis.
win-dismiss = Sluiten
win-dismiss-label = Bericht sluiten
win-not-in-app = Dit venster moet door NEStore Tray geopend worden.
# $message: de fout in de woorden van de backend.
win-subscribe-failed = Kon je niet aanmelden voor updates: { $message }
win-state-failed = Kon de toestand van de app niet lezen: { $message }
win-catalogue-failed = Kon de teksten van het venster niet laden: { $message }

## Eenheden (de duur staat in watch.ftl: duration-*)

win-unit-pct = %
win-unit-w = W
win-unit-kw = kW
win-unit-kwh = kWh
win-unit-l = L
win-unit-lpm = L/min
win-unit-c = °C
win-unit-s = s
win-unit-min = min
win-unit-h = uur
win-unit-bar-per-6h = bar/6 uur

## Hoe lang geleden

win-just-now = zojuist
win-minutes-ago = { $minutes } min geleden
win-hours-ago = { $hours } uur geleden
win-hours-minutes-ago = { $hours } uur en { $minutes } min geleden
win-days-ago = { $days ->
        [one] 1 dag geleden
       *[other] { $days } dagen geleden
    }

## Bovenbalk en overzicht

win-demo-device = Demo-apparaat (gesimuleerd)
win-no-device = geen apparaat
win-refresh = Bijwerken
win-refresh-title = Lees het apparaat nu uit
win-refresh-busy = Apparaat wordt uitgelezen…
win-settings = Instellingen
win-summary = Overzicht
win-soc-label = Laadtoestand
# $value: "63 %"
win-soc-aria = Laadtoestand { $value }
win-soc-title = Hoe vol het bruikbare deel van het vat is
win-soc-total = { $value } van het hele vat
win-soc-total-title = Het apparaat geeft twee getallen door: het grote is het deel van de bruikbare inhoud, dit het deel van het hele vat (het apparaat noemt het “% of total”).
win-device-state-title = Wat de regeling nu doet
# $term: de naam die het apparaat zelf gebruikt.
win-device-term-title = Het apparaat noemt dit “{ $term }”
win-connection-online = verbonden
win-connection-retrying = opnieuw proberen…
win-connection-connecting = verbinden
win-connection-offline = niet bereikbaar
win-connection-not-configured = niet ingesteld
# $time: een tijd ("14:05", "24 nov. 14:05").
win-offline-since = niet bereikbaar sinds { $time }
# $error: waarom de laatste meting mislukte, in de woorden van de backend.
win-retrying-title = De laatste meting is mislukt; de app probeert het zo opnieuw. { $error }
win-no-reading-yet = nog geen meting
# $time: wanneer; $ago: een van de berichten "hoe lang geleden".
win-updated = bijgewerkt { $time }, { $ago }
win-stale-suffix = {" "}· verouderd
win-stale-title = Deze meting is ouder dan twee uitleesintervallen

## Nog geen apparaat

win-empty-title = Nog geen NEStore ingesteld
win-empty-text = Zoek je waterbatterij op dit netwerk, vul bij Instellingen zijn adres in, of probeer de app uit met een gesimuleerd apparaat.
win-use-demo = Demo-apparaat gebruiken
win-open-settings = Instellingen openen

## Vat

win-vessel = Vat
win-vessel-title = Temperatuurzones van het vat
win-zone-aria = Zone { $zone }: { $value }
win-heater = Element
win-heating = verwarmt
win-not-heating = verwarmt niet
win-outlet = uitlaat
win-stored-energy = Opgeslagen energie
win-flow = Warmwaterstroom
win-legend-cold = 10 °C
win-legend-hot = 85 °C

## Druk. $bar: een drukgrens ("1,5"); $band: het normale bereik ("2–3 bar").

win-pressure = Druk
win-tick-low-title = Alarm bij lage druk onder { $bar } bar
win-tick-high-title = Alarm bij hoge druk boven { $bar } bar
win-healthy-band = Normaal: { $band }
win-within-band = Binnen het normale bereik van { $band }
win-outside-band-quiet = Normaal: { $band } · geen melding
win-low-alarm-hint = Onder de alarmgrens van { $bar } bar — kijk of er ergens iets lekt en bel je installateur
win-high-alarm-hint = Boven de alarmgrens van { $bar } bar — bel je installateur en begin niet met laden
win-low-warn-hint = Lager dan normaal ({ $band }) — een dalende druk bij een gelijkblijvende laadtoestand kan op een lek wijzen
win-high-warn-hint = Hoger dan normaal ({ $band }) — laat het expansievat nakijken
win-leak-hint = Daalt terwijl de laadtoestand gelijk blijft — mogelijk een lek: controleer leidingen en kranen
win-sensor-hint = De druksensor geeft geen waarde — bel je installateur als dat zo blijft
win-implausible-pressure = Het apparaat gaf een onmogelijke druk door. Normaal: { $band }

## Totalen

win-totals = Totalen
win-hot-water = Warm water
win-charged = Geladen
win-water-used = Waterverbruik
win-mode-dependent-on = gekoppeld
win-mode-dependent-off = zelfstandig
win-mode-online-on = koppeling met leverancier aan
win-mode-online-off = koppeling met leverancier uit
# $dependent, $online: win-on, win-off of win-not-reported.
win-modes-title = Het apparaat meldt: afhankelijke modus { $dependent }, koppeling met de leverancier { $online }.
win-on = aan
win-off = uit

## Bediening

win-control = Bediening
win-control-off = Bediening staat uit — zet die aan en sla het servicewachtwoord op bij Instellingen
win-heater-power = Vermogen element
win-power-slider = Schuifregelaar vermogen element
win-charge-up-to = Laden tot
win-hold-for = Duur
win-hold-help = Hoe lang het laden mag duren, en hoe lang “Laden stoppen” het automatische schema tegenhoudt.
win-start-charging = Laden starten
win-stop-charging = Laden stoppen
win-resume-auto = Terug naar automatisch
win-talking = Bezig met het apparaat…
# $state: wat het apparaat nu doet (win-state-with-term of zijn eigen naam).
win-confirmed-state = Bevestigd door het apparaat: { $state }
win-confirmed = Bevestigd door het apparaat.
win-not-accepted = Het apparaat heeft de opdracht niet aangenomen.
# $words: de woorden voor de eigenaar; $term: de naam die het apparaat gebruikt.
win-state-with-term = { $words } (“{ $term }”)
win-power-range = Het vermogen moet { $min }–{ $max } W zijn, in stappen van { $step } W.
win-target-above = Het doel moet boven de huidige { $soc } % liggen ({ $min }–{ $max } %).
win-target-range = Het doel moet 1–{ $max } % zijn.
win-target-above-max = Een doel van { $target } % is hoger dan het maximum van { $max } %.
# $min, $max: een duur.
win-duration-range = De duur moet tussen { $min } en { $max } liggen.
# $duration: een duur.
win-describe-start = Elektrisch laden starten met { $power } W tot een laadtoestand van { $target } %, hoogstens { $duration } lang
win-describe-stop = Elektrisch laden stoppen en het automatische schema { $duration } lang tegenhouden
win-describe-auto = Handmatige taken annuleren en terug naar het automatische schema

## Bevestiging

win-confirm-title = Naar het apparaat sturen?
win-what-is-sent = Wat er wordt verstuurd
win-cancel = Annuleren
win-send = Versturen

## Actieve meldingen

win-active-alerts = Actieve meldingen
win-active-count = { $count ->
        [one] 1 actieve melding
       *[other] { $count } actieve meldingen
    }
win-severity-alarm = Alarm
win-severity-warning = Waarschuwing
win-severity-info = Bericht
# Als de backend geen regel geeft: $severity een win-severity-*, $kind het soort melding.
win-alert-fallback = { $severity }: { $kind }
# $time: een kloktijd.
win-snoozed-until = Meldingen uitgesteld tot { $time } (alarmen komen wel door)
win-resume-alerts = Meldingen weer aan
win-snooze-hour = 1 uur uitstellen
win-snooze-hour-title = Waarschuwingen een uur stil; alarmen komen wel door
win-snooze-tomorrow = Tot morgen
win-snooze-tomorrow-title = Waarschuwingen stil tot 07:00; alarmen komen wel door
win-alarms-not-snoozable = Alarmen kun je niet uitstellen.

## Logboek van meldingen

win-alerts = Meldingen
win-no-alerts = Nog geen meldingen
win-logged = { $count } in het logboek
win-show-all = Alles tonen ({ $count })
win-show-fewer = Minder tonen
win-phase-escalated = verergerd
win-phase-reminder = herinnering
win-resolved = opgelost
win-severity-resolved = { $severity } opgelost
win-alert-title-fallback = Melding
win-log-pressure = { $bar } bar
win-log-soc = laadtoestand { $soc } %
win-not-notified = (niet gemeld)
win-not-notified-snoozed = (niet gemeld: uitgesteld)
win-not-notified-quiet = (stille uren)
# $reason: het woord van de backend voor de reden.
win-not-notified-by = (niet gemeld: { $reason })

## Instellingen

win-back = Terug
win-back-label = Terug naar het overzicht
win-device-address = Adres van het apparaat
win-host-placeholder = 192.168.1.50 of nestore.home
win-port = Poort
win-read-every = Uitlezen om de
win-interval-help = Minstens 60 s; het apparaat is traag. Meestal kies je 300 s.
win-allow-control = Bediening toestaan
win-allow-control-help = Laden starten en stoppen vanuit deze app
win-start-at-login = Starten bij inloggen
win-language = Taal
win-language-system = Systeem
# Elke taal bij haar eigen naam, in elke taal hetzelfde.
win-language-en = English
win-language-nl = Nederlands
win-service-password = Servicewachtwoord
win-password-placeholder = Leeg laten om het huidige te houden
win-forget-password = Het opgeslagen wachtwoord wissen
win-password-stored = Er is een wachtwoord opgeslagen in de sleutelbos van het systeem
win-no-password = Geen wachtwoord opgeslagen
win-alerts-legend = Meldingen
win-warn-below = Waarschuwen onder
win-alarm-below = Alarm onder
win-warn-above = Waarschuwen boven
win-alarm-above = Alarm boven
win-pressure-limits-help = Drukgrenzen. De waarschuwing bij lage druk geldt boven een laadtoestand van 50 %, de alarmen bij elke laadtoestand.
win-leak-label = Lek: daalt sneller dan
win-confirm-after = Bevestigen na
win-offline-after = Niet bereikbaar na
win-repeat-alarms = Alarm herhalen om de
win-quiet-hours = Stille uren
win-quiet-help = Waarschuwingen worden bewaard maar niet getoond; alarmen komen altijd door
win-from = Van
win-to = tot
# De twee delen van een tijd (de stille uren), voor schermlezers.
win-hour = uur
win-minutes = minuten
win-test-connection = Verbinding testen
win-save = Opslaan
win-saving = Bezig met opslaan…
win-saved = Opgeslagen.
win-trying = Verbinding maken met { $host }:{ $port }…
win-reached = Apparaat bereikt.
win-not-reached = Kon het apparaat niet bereiken.
win-need-host = Adres: vul eerst het adres van de NEStore in.
win-bad-port = Poort: vul een heel getal van 1 tot 65535 in (de NEStore gebruikt 4805).
win-bad-interval = Uitleesinterval: vul een heel aantal seconden in (minstens 60).
# $label: het label van het veld.
# $example: een getal in de vorm van het venster ("1,5"); een punt als decimaalteken mag ook.
win-bad-decimal = { $label }: vul een getal in, bijvoorbeeld { $example }.
win-bad-whole-number = { $label }: vul een heel getal in.
win-keep-history = Geschiedenis bewaren
win-keep-history-help = Elke meting op deze computer bewaren voor de grafieken bij Geschiedenis
win-keep-for = Bewaren
win-keep-forever = Altijd
win-keep-years = { $years ->
        [one] 1 jaar
       *[other] { $years } jaar
    }
win-keep-days = { $days } dagen

## Geschiedenis

win-history = Geschiedenis
win-history-title = Geschiedenis: grafieken van de metingen
win-history-ranges = Periode
win-range-24h = 24 uur
win-range-7d = 7 dagen
win-range-30d = 30 dagen
win-range-1y = 1 jaar
win-range-24h-title = De afgelopen 24 uur
win-range-7d-title = De afgelopen 7 dagen
win-range-30d-title = De afgelopen 30 dagen
win-range-1y-title = Het afgelopen jaar
# $from, $to: datums en tijden.
win-zoomed-to = { $from } – { $to }
win-reset-zoom = Hele periode
win-drag-to-zoom = Sleep over een grafiek om in te zoomen; wijs een punt aan voor de waarden.
win-history-loading = Bezig met ophalen…
win-history-empty = Nog geen geschiedenis. De app bewaart elke meting die hij doet, dus de grafieken vullen zich vanzelf.
win-history-empty-range = Geen metingen in deze periode.
win-history-off = “Geschiedenis bewaren” staat uit bij Instellingen: nieuwe metingen worden niet bewaard.
win-history-no-charts = De grafieken konden niet worden getoond. Start NEStore Tray opnieuw; meld het als dat niet helpt.
win-history-failed = Kon de geschiedenis niet lezen: { $message }
win-demo-data = Demogegevens
win-demo-data-title = Een deel van deze metingen komt van het gesimuleerde demo-apparaat
win-chart-soc = Laadtoestand en element
win-chart-pressure = Druk
win-chart-zones = Zonetemperaturen
win-chart-daily = Verbruik en laden per dag
# $name: een van de titels win-chart-*.
win-chart-aria = Grafiek { $name }
win-series-time = Tijd
win-series-day = Dag
win-series-soc = Laadtoestand
win-series-power = Element
win-series-pressure = Druk
win-series-min = min
win-series-max = max
win-series-zone = { $zone ->
        [1] Zone 1 (boven)
        [5] Zone 5 (onder)
       *[other] Zone { $zone }
    }
win-series-hot-water = Warm water
win-series-charged = Geladen
# $litres, $kwh: eenheden; $weeks: over hoeveel weken elke staaf het gemiddelde is.
win-daily-averages = { $litres } · { $kwh } per dag, { $weeks ->
        [1] gemiddeld per week
       *[other] gemiddeld per { $weeks } weken
    }
# $time: een datum en tijd; $title: de titel van de melding.
win-event-at = { $time } { $title }
win-export-csv = CSV exporteren
win-export-title = De metingen van de getoonde periode opslaan als CSV-bestand
win-export-daily = Dagtotalen
win-export-daily-title = Eén regel per dag (warm water, geladen energie) in plaats van alle metingen
win-exporting = Bezig met exporteren…
win-exported-to = Opgeslagen in { $path }

## Zoek mijn NEStore (issue 11: zoeken naar NEStores op dit netwerk, `discover`)

# De naam van de functie, op de knoppen en in de melding dat hij niet bereikbaar is.
win-find = Zoek mijn NEStore
win-find-searching = Je NEStore zoeken op dit netwerk…
# $count: hoeveel er gevonden zijn (1 of meer).
win-find-found = { $count ->
        [one] 1 NEStore gevonden. Kies Gebruiken om hem te gebruiken.
       *[other] { $count } NEStores gevonden. Kies de NEStore die je wilt gebruiken.
    }
# $swept: hoeveel adressen van dit netwerk doorzocht zijn.
win-find-none = Geen NEStore gevonden op dit netwerk ({ $swept ->
        [one] 1 adres doorzocht
       *[other] { $swept } adressen doorzocht
    }). Controleer of hij aanstaat en verbonden is, of vul zijn adres in.
win-find-partial = De tijd was op voordat elk adres had geantwoord: kies nog eens Zoek mijn NEStore als de jouwe ontbreekt.
win-find-list = Gevonden NEStores
# $version: de API-versie van de firmware, zoals het apparaat hem noemt ("v3").
win-find-api = API { $version }
win-find-api-title = De API-versie van de firmware
# $soc: de laadtoestand, een heel getal.
win-find-soc = laadtoestand { $soc } %
win-find-soc-unknown = laadtoestand —
win-find-use = Gebruiken
# $device: de naam van de NEStore, of zijn adres.
win-find-use-label = { $device } gebruiken
# $address: host:poort, zoals opgeslagen.
win-find-used = Opgeslagen. De app leest nu de NEStore op { $address } uit.
# $time: sinds wanneer hij niet antwoordt (een tijd, of een datum en tijd).
win-find-offline = Je NEStore is sinds { $time } niet bereikbaar. Heeft je router hem een nieuw adres gegeven? Dan kan Zoek mijn NEStore hem opzoeken.

## Laadtimers bij Instellingen (issue 11; docs/ipc.md "Charge timers") en de timerregel van het venster

win-timers = Laadtimers
win-timers-help = Op de gekozen dagen, van het begin tot het einde: laden, of het automatische laden tegenhouden. Een einde op of vóór het begin valt op de volgende dag (22:00-06:00).
win-timers-none = Nog geen timers.
win-timer-add = Timer toevoegen
# $timer: het nummer in de lijst, vanaf 1 (de meldingen van de app tellen net zo).
win-timer = Timer { $timer }
win-timer-on = Aan
win-timer-remove = Verwijderen
win-timer-remove-label = Timer { $timer } verwijderen
win-timer-kind = Wat hij doet
win-timer-kind-charge = Laden
win-timer-kind-block = Automatisch laden tegenhouden
win-timer-days = Dagen
win-timer-power = Vermogen element
win-timer-target = Laden tot
# De dagen van de week, maandag eerst: kort op de knoppen, voluit voor schermlezers.
win-day-mon = ma
win-day-tue = di
win-day-wed = wo
win-day-thu = do
win-day-fri = vr
win-day-sat = za
win-day-sun = zo
win-day-mon-long = maandag
win-day-tue-long = dinsdag
win-day-wed-long = woensdag
win-day-thu-long = donderdag
win-day-fri-long = vrijdag
win-day-sat-long = zaterdag
win-day-sun-long = zondag
win-timer-every-day = elke dag
win-timer-no-days = geen dag gekozen
# $first, $last: twee korte dagnamen, een reeks dagen ("ma-vr").
win-timer-day-run = { $first }-{ $last }
# Eén regel per timer. $days: de dagen ("ma-vr", "za zo"); $start, $end: tijden (24 uur);
# $power: W; $target: %.
win-timer-summary-charge = { $days } { $start }-{ $end }: laden met { $power } W tot een laadtoestand van { $target } %
win-timer-summary-block = { $days } { $start }-{ $end }: automatisch laden tegenhouden
# "In de goedkoopste uren" (cheapest_hours van settings.timers): laden alleen in de N goedkoopste uren.
win-timer-cheapest = Alleen in de goedkoopste uren
win-timer-cheapest-help = Volgens de stroomprijzen per uur; zonder prijzen de laatste uren voor het einde.
win-timer-cheapest-all = Nee, de hele tijd
# $hours: hoeveel uren van de timer.
win-timer-cheapest-hours = { $hours ->
        [one] het goedkoopste uur
       *[other] de { $hours } goedkoopste uren
    }
# $summary: de regel van het laden (win-timer-summary-charge); $hours: hoeveel goedkoopste uren.
win-timer-summary-cheapest = { $hours ->
        [one] { $summary }, in het goedkoopste uur
       *[other] { $summary }, in de { $hours } goedkoopste uren
    }
# $summary: een van de twee hierboven, voor een timer die uit staat.
win-timer-summary-off = Uit: { $summary }
win-timer-bad-target = Timer { $timer }: vul het doel in als heel getal, 1-100 %
# De regel bij de bediening. $time: "05:00" vandaag, anders een dag en een tijd ("di 05:00").
win-timer-active-charge = Laden volgens een timer tot { $time }
win-timer-active-block = Automatisch laden tegengehouden tot { $time }
# $day: een korte dagnaam; $start, $end: tijden.
win-timer-next-charge = Volgende timer: laden { $day } { $start }-{ $end }
win-timer-next-block = Volgende timer: automatisch laden tegenhouden { $day } { $start }-{ $end }
# $day: een korte dagnaam; $time: een tijd.
win-timer-day-time = { $day } { $time }
# De timerregel van een timer in de goedkoopste uren (basis "cheapest" / "fallback"): $line is een
# van de regels win-timer-next-*/win-timer-active-* (zoals tray-timer-cheapest/-fallback in het menu).
win-timer-line-cheapest = { $line } (goedkoopste uren)
win-timer-line-fallback = { $line } (nog geen prijzen: de laatste uren)

## De prijzen voor de timers in de goedkoopste uren (state.prices): een staafdiagram bij de timerregel

win-prices = Stroomprijzen (ct/kWh)
# Een reeks uren: $start ("03:00", of "za 03:00" op een andere dag), $end ("04:00"): 24 uur.
win-prices-span = { $start }–{ $end }
# $hours: de gekozen uren, "03:00–04:00, 05:00–06:00".
win-prices-chosen = Gekozen goedkoopste uren: { $hours }
win-prices-none-chosen = Nog geen uren gekozen.
# Het diagram in woorden, voor schermlezers. $low, $high: de laagste en hoogste prijs met eenheid
# ("-2 ct/kWh"); $chosen: win-prices-chosen of win-prices-none-chosen.
win-prices-alt = Stroomprijzen per uur van { $low } tot { $high }. { $chosen }
# Een timer in de goedkoopste uren zonder prijzen. $timer: het nummer; $hours: de uren.
win-prices-fallback = Zonder prijzen laadt timer { $timer } in plaats daarvan in de laatste uren: { $hours }.
# De eenheid van de prijzen: eurocent per kWh.
win-unit-ct-kwh = ct/kWh

## Instellingen bij de timers: de melding bij weinig warm water (low_charge_pct) en de prijsbron

win-low-charge = Melding bij weinig warm water
win-low-charge-help = Een melding als de laadtoestand onder dit niveau zakt, met wanneer het volgende laden gepland staat.
win-low-charge-level = Melden onder
win-price-source = Prijsbron
win-price-source-help = Voor de timers in de goedkoopste uren: de stroomprijzen per uur.
win-price-source-energyzero = EnergyZero (Nederlandse dagvooruitprijzen)

## Updates van de app in Instellingen (state.update, check_for_updates, install_update; panels/updates.js)

win-updates = Updates
# $current: de versie van deze app ("0.1.0").
win-update-current = Je gebruikt versie { $current }.
win-update-check = Zoek naar updates
win-update-checking = Zoeken naar updates…
win-update-latest = Je hebt de nieuwste versie.
# $version: de nieuwere versie ("0.2.0"); ook de kleine regel in het hoofdscherm na de dagelijkse controle.
win-update-found = Versie { $version } is beschikbaar.
win-update-show-title = Open Instellingen om te zien wat er nieuw is en de update te installeren
win-update-notes = Wat is er nieuw
win-update-install = Versie { $version } installeren…
# De bevestiging in het paneel, voordat er iets wordt gedownload.
win-update-confirm = Versie { $version } nu installeren? NEStore Tray downloadt de update, controleert de handtekening en start opnieuw.
win-update-confirm-yes = Installeren
win-update-installing = Versie { $version } wordt geïnstalleerd…
