# NEStore Tray, in het Nederlands: de eigen meldingen en foutmeldingen van de app, de controles van Instellingen, de teksten bij bediening.
# Dezelfde berichten en variabelen als ../en/app.ftl (een test controleert dat). Vaste
# termen: ../../GLOSSARY.md. We zeggen "je".

## De foutmeldingen en opdrachten van de apparaatbibliotheek (crates/nestore), zoals de
## eigenaar ze leest: de tray-app en de opdrachtregel zeggen hetzelfde. Zinsdelen die met
## een kleine letter beginnen, staan midden in een zin.

# Wat een bevestiging van het apparaat vraagt, precies zoals het wordt verstuurd: $power
# in W, $target in %, $duration een duration-*-bericht.
device-command-start = elektrisch laden starten met { $power } W tot een laadtoestand van { $target } %, hoogstens { $duration } lang
device-command-stop = elektrisch laden stoppen en het automatische schema { $duration } lang tegenhouden
device-command-auto = handmatige taken annuleren en terug naar het automatische schema

# Waarom een opdracht wordt geweigerd voordat er iets is verstuurd.
device-invalid-power-range = een vermogen van { $power } W valt buiten { $min }-{ $max } W
device-invalid-power-step = een vermogen van { $power } W is geen veelvoud van { $step } W
# $shortest, $longest: duration-*-berichten; $min, $max: hetzelfde in seconden.
device-invalid-duration = een duur van { $secs } s valt buiten { $shortest } tot { $longest } ({ $min }-{ $max } s)
device-invalid-target-above-max = een doel van { $target } % is hoger dan het maximum van { $max } %
device-invalid-target-below-min = een doel van { $target } % is lager dan het minimum van { $min } %
# $soc: de laadtoestand nu, met één decimaal.
device-invalid-target-not-above = een doel van { $target } % is niet hoger dan de huidige laadtoestand ({ NUMBER($soc, minimumFractionDigits: 1) } %)
device-invalid-soc-unknown = de huidige laadtoestand is niet bekend, dus het doel kan niet worden gecontroleerd

# Waarom een adres van het apparaat niet bruikbaar is. $host: het adres zoals getypt.
device-address-empty = het adres is leeg: vul de hostnaam of het IP-adres van je NEStore in
device-address-too-long = het adres is { $length } tekens lang; een hostnaam heeft er hoogstens { $max }
device-address-not-a-host = "{ $host }" is geen hostnaam of IP-adres
# $reason: de woorden van de adresparser zelf.
device-address-not-a-host-because = "{ $host }" is geen hostnaam of IP-adres ({ $reason })
device-address-port-zero = poort 0 is geen bruikbare poort (1-65535)
device-address-includes-port = "{ $host }" bevat een poort: vul { $name } in als adres en { $port } als poort
# $start: de eerste tekens van het deel dat te lang is.
device-address-label-too-long = het deel "{ $start }..." van de hostnaam is langer dan { $max } tekens

# Een waarde die het apparaat doorgeeft, zoals een zin die noemt (met lidwoord).
device-field-soc = de laadtoestand
device-field-soc-total = de totale laadtoestand
device-field-stored-energy = de opgeslagen energie
device-field-hot-water-flow = de warmwaterstroom
device-field-heater-power = het vermogen van het element
device-field-pressure = de druk van de installatie
device-field-heater-outlet = de temperatuur bij de uitlaat van het element
device-field-vessel-zone = de temperatuur in zone { $zone } van het vat
device-field-hot-water-energy-total = de totale energie van het warme water
device-field-charging-energy-total = de totale geladen energie
device-field-hot-water-volume-total = de totale hoeveelheid warm water

# Wat er misging bij het contact met het apparaat. $url: het adres dat werd gevraagd;
# $reason: de woorden van het systeem of de parser zelf, niet vertaald.
device-error-unreachable = Je NEStore is niet bereikbaar op { $url }: { $reason }.
device-error-timeout = Je NEStore antwoordde niet binnen { NUMBER($secs, minimumFractionDigits: 1) } s ({ $url }).
device-error-status = Je NEStore antwoordde met HTTP-foutcode { $status } op { $url }.
device-error-redirected = Je NEStore verwees door naar een ander adres; de app volgt dat niet (HTTP { $status } op { $url }).
device-error-command-timeout-maybe-sent = De opdracht was niet binnen { $secs } s klaar (je NEStore antwoordt te traag); misschien is hij wel aangekomen.
device-error-command-timeout-not-sent = De opdracht was niet binnen { $secs } s klaar (je NEStore antwoordt te traag); er is niets verstuurd.
device-error-malformed = Je NEStore stuurde een onleesbaar antwoord op { $url }: { $reason }.
# $field: een van de device-field-*-berichten.
device-error-missing-field = Je NEStore antwoordt, maar in de meting ontbreekt { $field }.
device-error-unauthorized = Je NEStore weigerde het servicewachtwoord. Vul het opnieuw in bij Instellingen.
device-error-no-password = Er is geen servicewachtwoord opgeslagen. Vul het in bij Instellingen.
# $reason: een van de device-invalid-*-berichten.
device-error-rejected = Niet verstuurd: { $reason }.
device-error-unknown-api = Op { $url } antwoordt geen bekende API-versie (v3, v2 en v1 geprobeerd).
device-error-bad-address = Ongeldig adres van het apparaat: { $reason }.

## Bediening vanuit het venster en de tray: waarom een opdracht nu niet kan worden
## verstuurd, en wat een verstuurde opdracht opleverde. $state: de naam die het apparaat
## zelf gebruikt voor wat het doet, zoals het die stuurt.

control-no-device = Er is geen apparaat ingesteld.
control-off = Bediening staat uit. Zet die aan bij Instellingen.
control-not-answering = Je NEStore antwoordt nu niet, dus een opdracht kan hem niet bereiken.
control-busy = Er wordt nog een andere opdracht verstuurd.
control-not-confirmed = Bevestig eerst de opdracht: die is niet bevestigd, de bevestiging hoort bij een andere opdracht, of de bevestiging is verlopen.
control-outcome-auto = Terug naar het automatische schema; je NEStore meldt "{ $state }".
control-outcome-confirmed = Bevestigd door je NEStore: "{ $state }".
# $reason: waarom de toestand niet kon worden teruggelezen (de woorden van de bibliotheek).
control-outcome-readback-failed = Verstuurd, maar niet bevestigd: de toestand kon niet worden teruggelezen ({ $reason }).
control-outcome-not-confirmed = Verstuurd, maar niet bevestigd: je NEStore meldt nog steeds "{ $state }".
control-state-none = geen toestand doorgegeven

## De controles van Instellingen: de instelling, dan waaraan die moet voldoen. $reason: een
## device-address-*- of device-invalid-*-bericht.

settings-error-host = Adres: { $reason }
settings-error-port = Poort: moet tussen 1 en 65535 liggen
# $usual: het interval dat de app gebruikt als je niets anders kiest, in seconden.
settings-error-poll-interval = Uitleesinterval: moet tussen { $min } en { $max } s liggen (je NEStore is traag; meestal kies je { $usual } s)
settings-error-charge-defaults = Laatste laadinstellingen: { $reason }
settings-error-history-keep = Geschiedenis bewaren: moet minstens { $min } dagen zijn (meetwaarden blijven minstens een jaar bewaard) en hoogstens { $max }
settings-error-low-charge = Melding bij weinig warm water: moet uit staan of { $min }-{ $max } % zijn
settings-error-address-before-password = Vul eerst het adres van je NEStore in, dan pas het wachtwoord.
# $reason: de woorden van het systeem zelf.
settings-error-save = Het instellingenbestand kan niet worden opgeslagen: { $reason }
settings-error-keyring = De instellingen zijn opgeslagen, maar de sleutelbos van het systeem gaf een fout: { $reason }

## Het instellingenbestand bij het starten: een veld dat niet bruikbaar is, wordt apart
## teruggezet, en één zin zegt dat: "Het uitleesinterval in het
## instellingenbestand was ongeldig (10 s; moet tussen 60 en 86400 s liggen) en is
## teruggezet op 300 s." De naam van elk veld (settings-field-<sleutel>, met "-" voor "_" en
## "."), met lidwoord zoals aan het begin van een zin (.the), en waaraan een waarde moet
## voldoen (settings-rule-<sleutel>).

# $field: een settings-field-*.the; $count: 1, of 2 voor een naam in het meervoud; $why:
# de waarde zoals die er stond en wat er mis is; $to: een van de settings-reset-to*-berichten.
settings-reset = { $field } in het instellingenbestand { $count ->
        [one] was
       *[other] waren
    } ongeldig ({ $why }) en { $count ->
        [one] is
       *[other] zijn
    } { $to }.
settings-reset-cleared = gewist (er is nu geen apparaat ingesteld)
settings-reset-to-defaults = teruggezet op de standaardwaarden
settings-reset-to-default = teruggezet op de standaardwaarde
# $value: de standaardwaarde, zoals settings-value-* die schrijft.
settings-reset-to = teruggezet op { $value }
settings-reset-to-charge = teruggezet op { $power } W, { $target } %, { $minutes } min
# Wat er mis is met een meldingsinstelling: $rule is het threshold-*-bericht na de naam van
# de instelling.
settings-problem-threshold = { $rule }
settings-value-s = { $value } s
settings-value-days = { $value } dagen
settings-value-bar = { $value } bar
settings-value-bar-per-6h = { $value } bar per 6 uur
settings-value-min = { $value } min
settings-value-h = { $value } uur
settings-value-on = aan
settings-value-off = uit
settings-value-none = geen
settings-value-percent = { $value } %
settings-field-host = adres van het apparaat
    .the = het adres van het apparaat
settings-field-port = poort
    .the = de poort
settings-field-poll-interval-s = uitleesinterval
    .the = het uitleesinterval
settings-field-control-enabled = instelling voor bediening
    .the = de instelling voor bediening
settings-field-autostart = instelling voor starten bij inloggen
    .the = de instelling voor starten bij inloggen
settings-field-charge-defaults = laatste laadinstellingen
    .the = de laatste laadinstellingen
settings-field-history-enabled = instelling voor geschiedenis bewaren
    .the = de instelling voor geschiedenis bewaren
settings-field-history-keep-days = bewaartermijn van de geschiedenis
    .the = de bewaartermijn van de geschiedenis
settings-field-language = taal
    .the = de taal
settings-field-timers = laadtimers
    .the = de laadtimers
settings-field-low-charge-pct = niveau voor weinig warm water
    .the = het niveau voor weinig warm water
settings-field-price-source = prijsbron
    .the = de prijsbron
settings-field-alerts = meldingsinstellingen
    .the = de meldingsinstellingen
settings-field-alerts-low-bar = waarschuwingsniveau bij lage druk
    .the = het waarschuwingsniveau bij lage druk
settings-field-alerts-low-alarm-bar = alarmniveau bij lage druk
    .the = het alarmniveau bij lage druk
settings-field-alerts-high-bar = waarschuwingsniveau bij hoge druk
    .the = het waarschuwingsniveau bij hoge druk
settings-field-alerts-high-alarm-bar = alarmniveau bij hoge druk
    .the = het alarmniveau bij hoge druk
settings-field-alerts-hysteresis-bar = herstelmarge
    .the = de herstelmarge
settings-field-alerts-leak-bar-per-6h = niveau van de lekwaarschuwing
    .the = het niveau van de lekwaarschuwing
settings-field-alerts-hold-readings = aantal metingen ter bevestiging
    .the = het aantal metingen ter bevestiging
settings-field-alerts-offline-grace-min = wachttijd voor niet bereikbaar
    .the = de wachttijd voor niet bereikbaar
settings-field-alerts-reminder-h = interval van de herinnering bij alarm
    .the = het interval van de herinnering bij alarm
settings-field-alerts-quiet-hours = stille uren
    .the = de stille uren
settings-rule-host = moet een hostnaam of IP-adres zijn
settings-rule-port = moet tussen 1 en 65535 liggen
settings-rule-poll-interval-s = moet tussen 60 en 86400 s liggen
settings-rule-control-enabled = moet true of false zijn
settings-rule-autostart = moet true of false zijn
settings-rule-charge-defaults = moet een vermogen (W), een doel (%) en een duur (min) bevatten
settings-rule-history-enabled = moet true of false zijn
settings-rule-history-keep-days = moet null (alles bewaren) of 365-36500 dagen zijn
settings-rule-language = moet "system", "en" of "nl" zijn
settings-rule-low-charge-pct = moet null (uit) of 5-90 % zijn
settings-rule-price-source = moet "energy_zero" zijn
settings-rule-timers = moet een lijst timers zijn die elkaar niet overlappen, elk met dagen, een begin- en eindtijd, en laden (vermogen, doel) of tegenhouden
settings-rule-alerts = moet een object met meldingsinstellingen zijn
settings-rule-alerts-low-bar = moet een getal (bar) zijn
settings-rule-alerts-low-alarm-bar = moet een getal (bar) zijn
settings-rule-alerts-high-bar = moet een getal (bar) zijn
settings-rule-alerts-high-alarm-bar = moet een getal (bar) zijn
settings-rule-alerts-hysteresis-bar = moet een getal (bar) zijn
settings-rule-alerts-leak-bar-per-6h = moet een getal (bar per 6 uur) zijn
settings-rule-alerts-hold-readings = moet een geheel getal zijn
settings-rule-alerts-offline-grace-min = moet een geheel aantal minuten zijn
settings-rule-alerts-reminder-h = moet een geheel aantal uren zijn
settings-rule-alerts-quiet-hours = moet null zijn of twee tijden, zoals ["22:00:00", "07:00:00"]
# Waar het oorspronkelijke bestand is gebleven. $path: de nieuwe naam.
settings-kept = Het bestand is bewaard als { $path }.
settings-kept-not-saved = Het bestand is bewaard als { $path }, maar de verbeterde instellingen konden niet worden opgeslagen ({ $reason }).
settings-not-kept = Het bestand kon niet apart worden bewaard ({ $reason }); daarom is het gelaten zoals het was.
# Een bestand dat helemaal niet bruikbaar was. $why: een file-why-*- of settings-why-*-bericht.
settings-discarded = Het instellingenbestand is niet gebruikt, omdat { $why }. Het is verplaatst naar { $path } en de standaardinstellingen zijn in gebruik.
settings-discarded-not-moved = Het instellingenbestand is niet gebruikt, omdat { $why }; het kon niet opzij worden gezet ({ $reason }). De standaardinstellingen zijn in gebruik.
settings-why-not-object = het geen instellingen bevat (een JSON-object)
settings-why-not-json = het geen geldige JSON voor instellingen is ({ $reason })

## Waarom een van de bestanden van de app niet bruikbaar was: de rest van "Het bestand is
## niet gebruikt, omdat …". $size, $max: file-size-*-berichten.

file-why-not-found = het niet bestaat
# $kind: een van de file-kind-*-berichten.
file-why-not-regular = het geen gewoon bestand is maar { $kind }
file-why-too-large = het te groot is ({ $size }; er wordt hoogstens { $max } gelezen)
file-why-unreadable = het niet te lezen is ({ $reason })
file-kind-directory = een map
file-kind-fifo = een named pipe (FIFO)
file-kind-device = een apparaatbestand
file-kind-socket = een socket
file-kind-other = iets anders
file-size-bytes = { $size } bytes
file-size-kib = { NUMBER($size, minimumFractionDigits: 1) } KiB
file-size-mib = { NUMBER($size, minimumFractionDigits: 1) } MiB

## Instellingen, Verbinding testen en het demo-apparaat

setup-password-works = Het servicewachtwoord werkt: je NEStore heeft het geaccepteerd.
# $api: de API-versie van het apparaat ("v3"); $soc: de laadtoestand.
setup-connected = Verbonden: je NEStore antwoordt (API { $api }), laadtoestand { $soc } %.
setup-connected-soc-unknown = Verbonden: je NEStore antwoordt (API { $api }), laadtoestand niet doorgegeven.
setup-demo-refused = Er is een apparaat ingesteld: wis het adres bij Instellingen om de demo te gebruiken.
# $value: wat het venster vroeg, zoals het dat vroeg.
snooze-unknown = Onbekende uitsteltijd { $value }: gebruik 1h, tomorrow of off.

## Problemen met de sleutelbos van het systeem, als zinsdeel na een dubbele punt.
## $detail: de woorden van de sleutelbos zelf (niet vertaald).

keyring-no-backend = er is geen sleutelbos-dienst om het wachtwoord in te bewaren ({ $detail })
keyring-locked = de sleutelbos is vergrendeld of de toegang is geweigerd ({ $detail })
keyring-other = fout van de sleutelbos: { $detail }

## De geschiedenis (crates/nestore-history): problemen die boven in het venster staan, en
## verzoeken van het venster die ze weigert.

# $reason: een van de history-unavailable-*-berichten, of de woorden van het systeem zelf.
history-cannot-save = De geschiedenis kan niet worden opgeslagen: { $reason }
history-cannot-open = De geschiedenis kan niet worden geopend: { $reason }
# $path: waar het beschadigde bestand nu staat.
history-damaged = Het geschiedenisbestand was beschadigd. Het is bewaard als { $path } en er is een nieuwe geschiedenis begonnen.
history-unavailable-disk-full = de schijf is vol
history-unavailable-read-only = het bestand of de map is alleen-lezen
history-unavailable-locked = een ander programma houdt het bestand vergrendeld
history-unavailable-cannot-open = het bestand kan niet worden geopend
history-unavailable-permission-denied = geen toestemming
history-unavailable-not-a-file = er staat iets anders dan een bestand op die plek
history-error-corrupt = het geschiedenisbestand is beschadigd
# $found, $known: versienummers van de opbouw van de geschiedenis.
history-error-too-new = de geschiedenis is geschreven door een nieuwere versie van NEStore Tray (schema { $found }, deze versie kent { $known })
history-error-outdated = het geschiedenisbestand is van een oudere versie: start NEStore Tray één keer om het bij te werken
history-error-not-found = nog geen geschiedenis ({ $path })
history-error-has-real-data = de geschiedenis bevat al echte meetwaarden: demometingen komen alleen in een geschiedenis zonder echte
# $reason: de woorden van SQLite zelf.
history-error-database = database van de geschiedenis: { $reason }
history-invalid-range = Het einde moet na het begin liggen
history-invalid-buckets = Intervallen: moet 1-{ $max } zijn
history-invalid-days = Dagtotalen: hoogstens { $max } dagen tegelijk
history-export-title = Geschiedenis exporteren als CSV

## Gebeurtenissen in de tijdlijn van de geschiedenis (naast de meldingen, die van de
## drukbewaking komen)

event-poll-failed = Uitlezen mislukt
event-offline = Apparaat niet bereikbaar
event-online = Apparaat weer bereikbaar
event-online-body = Je NEStore antwoordt weer.
event-command-start = Laden starten
event-command-stop = Laden stoppen
event-command-auto = Terug naar automatisch

## Zoek mijn NEStore

discover-busy = Er wordt al gezocht.
# $reason: de woorden van het systeem zelf.
discover-failed = Zoeken lukte niet: { $reason }

## Weinig warm water: een melding als de laadtoestand onder het niveau zakt dat de eigenaar
## instelde, één keer per daling. $soc, $level: %; $plan: een van de running-low-plan-*-berichten.

running-low-title = Het warme water raakt op
running-low-body = De laadtoestand is { $soc } %, lager dan de { $level } % die je hebt ingesteld. { $plan }
# $end: een tijd op 24 uur.
running-low-plan-now = Een timer laadt tot { $end }.
# $when: zoals in het menu (tray-timer-when-*): "02:00–05:00", "morgen 02:00–05:00".
running-low-plan-timer = De volgende keer laden is met een timer: { $when }.
running-low-plan-none = Er staat geen laden gepland.

## Dagvooruitprijzen voor de timers in de goedkoopste uren (EnergyZero). Waarom ze ontbreken.

price-problem-not-published = De prijzen zijn nog niet bekendgemaakt.
price-problem-unreachable = De prijsbron is niet bereikbaar.
price-problem-address = Het adres van de prijsbron is niet bruikbaar.
# $status: een HTTP-statuscode, bijvoorbeeld 503.
price-problem-status = De prijsbron gaf een foutmelding (HTTP { $status }).
price-problem-too-large = Het antwoord van de prijsbron was te groot en is niet gelezen.
price-problem-malformed = Het antwoord van de prijsbron is onleesbaar.
price-problem-refused = De prijsbron gaf prijzen die niet kunnen kloppen; ze worden niet gebruikt.
price-source-energyzero = EnergyZero (Nederlandse dagvooruitprijzen)

## Laadtimers die de app uitvoert: elke actie is een melding en een gebeurtenis in de
## tijdlijn van de geschiedenis. $end: een tijd op 24 uur ("05:00"); $power: W; $target: %.

timer-started-charge-title = Laden volgens een timer
timer-started-charge-body = Het element laadt met { $power } W tot een laadtoestand van { $target } %, tot { $end }.
timer-started-block-title = Automatisch laden tegengehouden
timer-started-block-body = Een timer houdt het automatische laden tegen tot { $end }.
# Dezelfde taak opnieuw, voordat de vorige afloopt (een periode langer dan 5 uur).
timer-renewed-title = Timer verlengd
timer-renewed-body = De taak van de timer is opnieuw verstuurd en loopt tot { $end }.
timer-ended-title = Timer afgelopen
timer-ended-body = Terug naar het automatische schema.
timer-charged-title = Al geladen
timer-charged-body = De laadtoestand is al { $target } % of meer: de timer hoeft tot { $end } niets te doen.
# $reason: waarom het niet verstuurd kon worden, een zin.
timer-failed-title = Een timer kon niet worden uitgevoerd
timer-failed-body = { $reason } De app probeert het elke minuut opnieuw, tot { $end }.
timer-failed-end-body = { $reason } De app probeert elke minuut opnieuw terug te gaan naar het automatische schema.
# Je stuurde zelf een opdracht terwijl een timer liep.
timer-manual-title = Je eigen opdracht gaat voor
timer-manual-body = De timer verstuurt tot { $end } niets meer.

## Laadtimers: een geweigerde timer (nestore-schedule), genummerd zoals de eigenaar telt

# $timer: het nummer van de timer (vanaf 1); $problem: een van de timer-problem-*-berichten.
timer-error = Timer { $timer }: { $problem }
timer-problem-no-days = er is geen dag gekozen
timer-problem-same-times = de begin- en eindtijd zijn gelijk
# $shortest: de kortste taak van het apparaat, in minuten.
timer-problem-too-short = die duurt { $minutes } min, korter dan de kortste taak van je NEStore ({ $shortest } min)
timer-problem-power = een vermogen van { $power } W ligt niet tussen { $min } en { $max } W in stappen van { $step } W
timer-problem-target = een doel van { $target } % ligt niet tussen { $min } en { $max } %
timer-problem-overlaps = die overlapt met timer { $other }
# "Laden in de goedkoopste uren": $hours gevraagd; $max de hele uren tussen begin en eind.
timer-problem-cheapest-hours = { $hours } goedkoopste uren passen niet tussen begin en eind: kies 1 tot en met { $max }
timer-problem-cheapest-block = alleen laden kan in de goedkoopste uren, automatisch laden tegenhouden niet

## Updates van NEStore Tray zelf ("Zoek naar updates" in Instellingen en een stille controle
## eens per dag). $version: die van de nieuwe versie; $current: die van deze app ("0.1.0").

update-available = Versie { $version } is beschikbaar (je hebt { $current }).
update-up-to-date = Je hebt de nieuwste NEStore Tray ({ $current }).
# Stil: te zien bij de updates, nooit als dialoog of melding.
update-could-not-check = Zoeken naar updates lukte nu niet.
update-nothing-to-install = Zoek eerst naar updates: er is nog geen update om te installeren.
update-busy = Er wordt al naar updates gezocht of een update geïnstalleerd.
update-signature-mismatch = De handtekening van de update past niet bij de sleutel van NEStore Tray, dus de update is geweigerd. Er is niets geïnstalleerd.
update-download-failed = De update kon niet worden gedownload. Er is niets geïnstalleerd.
update-not-installable = Deze NEStore Tray is niet uit een pakket geïnstalleerd (een ontwikkelversie), dus er worden geen updates in geïnstalleerd. De update is gedownload en de handtekening gecontroleerd; er is niets veranderd.
update-install-failed = De update kon niet worden geïnstalleerd.
update-installed = Versie { $version } is geïnstalleerd. NEStore Tray start opnieuw.
