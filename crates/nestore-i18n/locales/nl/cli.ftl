# NEStore Tray, in het Nederlands: de leesbare uitvoer en foutmeldingen van de opdrachtregel (nestore-cli).
# Dezelfde berichten en variabelen als ../en/cli.ftl (een test controleert dat). Vaste
# termen: ../../GLOSSARY.md. We zeggen "je". Elke id begint met "cli-". Uitvoer voor
# programma's (--json, CSV) staat hier niet in: die blijft Engels, in elke taal.

## `nestore status`: per regel een label en dan de waarde. De code vult de labels aan tot
## de lengte van het langste.

cli-status-soc = Laadtoestand
cli-status-soc-total = Laadtoestand (totaal)
cli-status-stored-energy = Opgeslagen energie
cli-status-flow = Warmwaterstroom
cli-status-pressure = Druk
cli-status-heater-power = Vermogen element
cli-status-heater-outlet = Uitlaat element
cli-status-zones = Zones 1-5 van het vat (boven eerst)
cli-status-dhw-energy = Energie warm water (totaal)
cli-status-charged-energy = Geladen energie (totaal)
cli-status-water-volume = Warm water verbruikt (totaal)
cli-status-state = Toestand
cli-status-dependent-mode = Gekoppeld (afhankelijke modus)
cli-status-online-mode = Onlinemodus
cli-status-read-at = Gemeten op
# De vijf zonetemperaturen (elk een cli-unit-celsius), de bovenste eerst. Een puntkomma,
# want de getallen hebben al een komma.
cli-status-zones-value = { $zone1 }; { $zone2 }; { $zone3 }; { $zone4 }; { $zone5 }
# $time: uren, minuten en seconden, 24-uurs ("14:05:09").
cli-date-time = { $day } { $month ->
        [1] jan
        [2] feb
        [3] mrt
        [4] apr
        [5] mei
        [6] jun
        [7] jul
        [8] aug
        [9] sep
        [10] okt
        [11] nov
       *[12] dec
    } { $year } { $time }
cli-yes = ja
cli-no = nee
cli-not-reported = niet doorgegeven
cli-pressure-not-reported = niet doorgegeven (laat de druksensor nakijken)
# $value: de waarde die het apparaat stuurde, met eenheid (een cli-unit-*-bericht).
cli-implausible = onmogelijk ({ $value })

## Waarden met hun eenheid. De code rondt elke waarde af op zijn aantal decimalen; het
## minimum hier houdt de nullen ("63,0 %").

cli-unit-percent = { NUMBER($value, minimumFractionDigits: 1) } %
cli-unit-kwh = { NUMBER($value, minimumFractionDigits: 1) } kWh
# Opgeslagen energie, op twee decimalen.
cli-unit-kwh-fine = { NUMBER($value, minimumFractionDigits: 2) } kWh
cli-unit-lpm = { NUMBER($value, minimumFractionDigits: 1) } L/min
cli-unit-bar = { NUMBER($value, minimumFractionDigits: 2) } bar
cli-unit-watt = { $value } W
cli-unit-celsius = { NUMBER($value, minimumFractionDigits: 1) } °C
cli-unit-litre = { $value } L

## `nestore watch`: een regel per meting, of per mislukte meting.

# $time: de tijd van de meting, 24-uurs met seconden; $soc, $bar, $heater: waarden met
# eenheid (of cli-not-reported); $state: de toestand van het apparaat of
# cli-watch-state-not-reported.
cli-watch-line = { $time }  laadtoestand { $soc }  druk { $bar }  element { $heater }  { $state }
cli-watch-state-not-reported = toestand niet doorgegeven
# $error: een van de cli-error-*-berichten.
cli-watch-failed = { $time }  { $error }
# $interval: zoals getypt, bijvoorbeeld "10s".
cli-watch-too-often = waarschuwing: elke { $interval } uitlezen kan je NEStore overbelasten (de app van de fabrikant leest elke 300 s uit en raadt minstens 60 s aan)

## Bediening: wat er zo wordt verstuurd, en wat het apparaat daarna meldt.

# $command: een van de cli-command-*-berichten.
cli-sending = Versturen: { $command }.
# $state: hoe het apparaat zelf noemt wat het doet, of cli-not-reported.
cli-confirmed = Bevestigd: je NEStore meldt "{ $state }".
# $reason: de woorden van de bibliotheek zelf (Engels), niet vertaald.
cli-not-confirmed-read-back = verstuurd, maar niet bevestigd: de toestand kon niet worden teruggelezen ({ $reason })
cli-not-confirmed-state = verstuurd, maar niet bevestigd: je NEStore meldt "{ $state }"
cli-not-confirmed-no-state = verstuurd, maar niet bevestigd: je NEStore meldt geen toestand

## `nestore login` en `nestore logout`; waar het servicewachtwoord vandaan komt.

cli-login-stored = Je NEStore heeft het wachtwoord geaccepteerd; het is bewaard in de sleutelbos van het systeem voor { $host }.
cli-logout-removed = Het bewaarde wachtwoord voor { $host } is verwijderd.
cli-logout-none = Er was geen wachtwoord bewaard voor { $host }.
# De code zet er een spatie achter.
cli-password-prompt = Servicewachtwoord van je NEStore:
# $reason: de woorden van het systeem zelf, niet vertaald.
cli-password-stdin-unreadable = kan het wachtwoord niet lezen van standaardinvoer: { $reason }
cli-password-stdin-empty = het wachtwoord op standaardinvoer is leeg
cli-password-no-terminal = geen terminal om het wachtwoord te vragen: gebruik --password-stdin
cli-password-unreadable = kan het wachtwoord niet lezen: { $reason }
cli-password-empty = het wachtwoord is leeg
cli-keyring-failed = sleutelbos van het systeem: { $reason }

## Fouten bij het praten met het apparaat. $url: het gevraagde adres; $reason: de woorden
## van het systeem of de bibliotheek zelf, niet vertaald; $secs: seconden.

cli-error-unreachable = je NEStore is niet bereikbaar op { $url }: { $reason }
cli-error-timeout = je NEStore gaf geen antwoord binnen { $secs } s ({ $url })
cli-error-status = je NEStore antwoordde met HTTP { $status } op { $url }
cli-error-redirected = je NEStore verwees naar een ander adres; dat volgen we niet (HTTP { $status } op { $url })
cli-error-command-timeout-maybe-sent = de opdracht was niet binnen { $secs } s klaar (je NEStore antwoordt te traag); misschien is hij wel aangekomen
cli-error-command-timeout-not-sent = de opdracht was niet binnen { $secs } s klaar (je NEStore antwoordt te traag); er is niets verstuurd
cli-error-malformed = je NEStore stuurde een onleesbaar antwoord op { $url }: { $reason }
cli-error-missing-soc = de meting van je NEStore mist de laadtoestand ({ $key }), en die is nodig
# $key: de naam van het veld zoals het apparaat het stuurt.
cli-error-missing-field = de meting van je NEStore mist { $key }, en dat veld is nodig
cli-error-unauthorized = je NEStore weigerde het servicewachtwoord (controleer het servicewachtwoord; `nestore login` bewaart een nieuw wachtwoord)
cli-error-no-password = er is geen servicewachtwoord om je NEStore te bedienen (gebruik `nestore login`, zet NESTORE_PASSWORD of gebruik --password-stdin)
# $reason: een van de cli-rejected-*-berichten.
cli-error-rejected = opdracht geweigerd, er is niets verstuurd: { $reason }
cli-error-unknown-api = op { $url } antwoordt geen bekende API-versie (v3, v2 en v1 geprobeerd)
# $reason: wat er mis is met het adres, in de woorden van de bibliotheek (Engels).
cli-error-bad-address = ongeldig adres van het apparaat: { $reason }

## Wat er mis is met het opgegeven adres (--host of NESTORE_HOST). $host: zoals getypt.


## Waarom een opdracht wordt geweigerd voordat er iets wordt verstuurd.


## `nestore discover` ("Zoek mijn NEStore"): een regel per NEStore, zodra die bevestigd
## is, en dan een samenvatting; of, als er geen is gevonden, een regel met wat je kunt nagaan.

# $address: waar hij antwoordde (IP-adres:poort); $api: de API-versie van de firmware zoals
# je die typt ("v3"); $soc: cli-discover-soc of cli-discover-no-soc.
cli-discover-hit = { $address }  API { $api }  laadtoestand { $soc }
# $name: de naam waaronder hij op het netwerk bekend is (een hostnaam of een mDNS-naam).
cli-discover-hit-named = { $address } ({ $name })  API { $api }  laadtoestand { $soc }
# $value: een geheel percentage.
cli-discover-soc = { $value } %
# Geen laadtoestand doorgegeven.
cli-discover-no-soc = —
# $found: gevonden NEStores; $swept: adressen die de zoektocht probeerde; $secs: de
# toegestane tijd (--timeout), in seconden; $search: "subnet" als --subnet is opgegeven,
# anders "usual".
cli-discover-summary = { $found ->
        [one] 1 NEStore gevonden
       *[other] { $found } NEStores gevonden
    }; { $swept ->
        [one] 1 adres
       *[other] { $swept } adressen
    } doorzocht.
cli-discover-summary-cut-short = { $found ->
        [one] 1 NEStore gevonden
       *[other] { $found } NEStores gevonden
    }; { $swept ->
        [one] 1 adres
       *[other] { $swept } adressen
    } doorzocht. De tijd was na { $secs } s op voordat elk adres had geantwoord: een NEStore die traag antwoordt, kan ontbreken (met een langere --timeout krijgt hij meer tijd).
cli-discover-none = geen NEStore gevonden ({ $swept ->
        [one] 1 adres
       *[other] { $swept } adressen
    } doorzocht). { $search ->
        [subnet] Staat je NEStore aan, en zit hij in het opgegeven subnet? Zonder --subnet wordt er ook op zijn namen en met mDNS gezocht.
       *[usual] Staat je NEStore aan, en zit hij op hetzelfde netwerk als deze computer? Weet je het subnet, probeer dan --subnet (bijvoorbeeld --subnet 192.168.1.0/24).
    }
cli-discover-none-cut-short = geen NEStore gevonden binnen { $secs } s ({ $swept ->
        [one] 1 adres
       *[other] { $swept } adressen
    } doorzocht; de tijd was op voordat elk adres had geantwoord). { $search ->
        [subnet] Staat je NEStore aan, en zit hij in het opgegeven subnet? Probeer een langere --timeout.
       *[usual] Staat je NEStore aan, en zit hij op hetzelfde netwerk als deze computer? Probeer een langere --timeout, of --subnet met zijn subnet (bijvoorbeeld --subnet 192.168.1.0/24).
    }
# $reason: de woorden van het systeem zelf, niet vertaald.
cli-discover-failed = zoeken lukte niet: { $reason }

## `nestore history`

cli-history-no-data-dir = op dit systeem is geen gegevensmap bekend: geef er een op met --data-dir
cli-history-not-found = geen geschiedenis in { $path } (de app houdt er een bij zolang "Geschiedenis bewaren" aanstaat; met --data-dir of NESTORE_DATA_DIR kies je een andere map)
cli-history-damaged = kan de geschiedenis niet lezen: het bestand is beschadigd
# $found: de schemaversie van het bestand; $known: de nieuwste die deze versie kent.
cli-history-too-new = kan de geschiedenis niet lezen: ze is geschreven door een nieuwere versie van NEStore Tray (schema { $found }; deze versie kent tot { $known })
cli-history-outdated = kan de geschiedenis niet lezen: het bestand komt van een oudere versie; start NEStore Tray één keer om het bij te werken
# $path: waar het beschadigde bestand is bewaard.
cli-history-set-aside = Het geschiedenisbestand was beschadigd. Het is bewaard als { $path } en er is een nieuwe geschiedenis begonnen.
cli-history-has-real-data = niets toegevoegd: de geschiedenis bevat al echte metingen, en demometingen komen alleen in een geschiedenis zonder echte
# $reason: de woorden van het systeem of de database zelf.
cli-history-failed = geschiedenis: { $reason }
cli-history-csv-failed = kan de CSV niet schrijven: { $reason }
cli-history-from-after-to = --from moet vóór --to liggen (--to telt niet mee)
cli-history-no-day-start = een dag zonder begin in de plaatselijke tijd
# $interval: zoals getypt, bijvoorbeeld "5m".
cli-history-seeded = { $count } demometingen toegevoegd aan { $path } ({ $days ->
        [one] { $days } dag
       *[other] { $days } dagen
    }, een meting per { $interval }).

## `nestore schedule preview`: wat de laadtimers in de instellingen van de app versturen, en
## wanneer. Er wordt niets verstuurd. $path: het instellingenbestand; $rule: het
## nummer van een timer in de lijst van de instellingen, vanaf 1.

# $weekday: 1 (maandag) tot 7 (zondag); $month: 1-12; $time: 24-uurs ("02:00").
cli-schedule-when = { $weekday ->
        [1] ma
        [2] di
        [3] wo
        [4] do
        [5] vr
        [6] za
       *[7] zo
    } { $day } { $month ->
        [1] jan
        [2] feb
        [3] mrt
        [4] apr
        [5] mei
        [6] jun
        [7] jul
        [8] aug
        [9] sep
        [10] okt
        [11] nov
       *[12] dec
    } { $time }
# $when: een cli-schedule-when; $command: de woorden van device-command-*, met een hoofdletter.
cli-schedule-start = { $when }  { $command } (begin van timer { $rule })
# Dezelfde taak opnieuw, voordat de vorige afloopt (een periode langer dan 5 uur).
cli-schedule-renew = { $when }  { $command } (verlenging van timer { $rule })
# Een timer "in de goedkoopste uren". De vooruitblik heeft geen prijzen en toont dus wat de
# app zonder prijzen doet: de laatste uren voor het eind.
cli-schedule-start-fallback = { $when }  { $command } (begin van timer { $rule }: de laatste uren, want hier zijn geen prijzen)
cli-schedule-start-cheapest = { $when }  { $command } (begin van timer { $rule }: in de goedkoopste uren)
# $command: cli-schedule-back-to-automatic.
cli-schedule-end = { $when }  { $command } (einde van timer { $rule })
cli-schedule-back-to-automatic = Terug naar het automatische schema
# $hours: het aantal uren vooruit (--hours).
cli-schedule-nothing = De timers versturen niets in { $hours ->
        [one] het komende uur
       *[other] de komende { $hours } uur
    }.
cli-schedule-no-timers = Er zijn geen timers ingesteld (in { $path }).
cli-schedule-no-file = Er zijn geen timers ingesteld: er is geen instellingenbestand in { $path } (de app schrijft het als je de instellingen opslaat; met --config-dir kies je een andere map).
cli-schedule-no-config-dir = op dit systeem is geen instellingenmap bekend: geef er een op met --config-dir
# $reason: een file-why-*-bericht ("het te groot is …").
cli-schedule-file-unusable = kan de timers niet lezen: { $path } is niet gebruikt, omdat { $reason }
# $reason: de woorden van de JSON-lezer zelf, niet vertaald.
cli-schedule-not-json = kan de timers niet lezen: { $path } is geen geldige JSON ({ $reason })
cli-schedule-not-settings = kan de timers niet lezen: { $path } bevat geen instellingen (geen JSON-object)
cli-schedule-not-a-list = kan de timers niet lezen: "timers" in { $path } is geen lijst
# $reason: de woorden van de JSON-lezer zelf, niet vertaald.
cli-schedule-timer-unreadable = kan de timers niet lezen: timer { $rule } in { $path } is geen geldige timer ({ $reason })
# $problem: de geweigerde timer en waarom, in de woorden van de app (timer-error).
cli-schedule-refused = de timers in { $path } zijn niet te gebruiken ({ $problem })

## Ongeldige waarden op de opdrachtregel (na "ongeldige waarde ... voor ...").

cli-parse-not-duration = geen duur (bijvoorbeeld 30s, 5m, 2h, 90min)
cli-parse-timeout-range = moet tussen 1 s en 5 min liggen
cli-parse-interval-range = moet tussen 1 s en 24 uur liggen
cli-parse-seed-interval-range = moet tussen 10 s en 24 uur liggen
cli-parse-count = moet een geheel getal zijn, minstens 1
cli-parse-days = moet een geheel aantal dagen zijn, van 1 tot en met 3660
cli-parse-port = moet een geheel getal zijn van 1 tot en met 65535
cli-parse-power = moet een geheel aantal watt zijn (bijvoorbeeld 2400)
cli-parse-soc = moet een geheel percentage zijn (bijvoorbeeld 85)
cli-parse-folder-empty = de map is leeg
cli-parse-no-midnight = { $date } heeft geen middernacht in de plaatselijke tijd
cli-parse-not-time = geen tijdstip: verwacht RFC 3339 met een tijdzone (2026-11-01T06:00:00+01:00, 2026-11-01T05:00:00Z) of een datum (2026-11-01)
cli-parse-discover-timeout-range = moet tussen 1 s en 60 s liggen
cli-parse-subnet = geen IPv4-subnet (bijvoorbeeld 192.168.1.0/24)
# $max: het grootste subnet dat een zoektocht neemt, als prefixlengte (24: 256 adressen).
cli-parse-subnet-too-large = groter dan een /{ $max }: geef een /{ $max } of kleiner (hoogstens 256 adressen)
cli-parse-hours = moet een geheel aantal uren zijn, van 1 tot en met 336

## Gebruiksfouten: een opdrachtregel die niet uit te voeren is. $arg: een optie zoals in
## het gebruik ("--power <POWER>"); $value: wat er werd opgegeven.

# $reason: een cli-parse-*- of cli-address-*-bericht.
cli-usage-invalid-value = ongeldige waarde '{ $value }' voor '{ $arg }': { $reason }
cli-usage-invalid-value-plain = ongeldige waarde '{ $value }' voor '{ $arg }'
cli-usage-unknown-argument = onbekende optie '{ $arg }'
cli-usage-unknown-command = onbekende opdracht '{ $arg }'
cli-usage-did-you-mean = tip: bedoel je '{ $suggestion }'?
# $args: de opties, gescheiden door komma's.
cli-usage-missing = deze verplichte opties ontbreken: { $args }
cli-usage-no-value = '{ $arg }' heeft een waarde nodig, maar er is er geen opgegeven
cli-usage-unexpected-value = onverwachte waarde '{ $value }' voor '{ $arg }'; die optie neemt geen waarde
cli-usage-repeated = de optie '{ $arg }' mag maar één keer voorkomen
cli-usage-conflict = de optie '{ $arg }' gaat niet samen met '{ $other }'
cli-usage-not-utf8 = de opdrachtregel is geen geldige UTF-8
# $usage: de opdracht en haar opties, zoals clap ze schrijft.
cli-usage-line = Gebruik: { $usage }
# $command: de opdracht zoals tot nu toe getypt ("nestore charge start").
cli-usage-more = Meer informatie: '{ $command } --help'.

## `--help`: de kopjes, en de woorden van elke opdracht (het bericht) met die van haar
## opties (de attributen, op de naam van de optie).

cli-help-usage-heading = Gebruik
cli-help-options-heading = Opties
cli-help-commands-heading = Opdrachten
# De plaatshouder voor een opdracht in de gebruiksregel.
cli-help-command-placeholder = OPDRACHT
cli-help-flag = Toon de hulp
cli-help-version-flag = Toon de versie
cli-help-help-command = Toon deze hulp of die van de opgegeven opdracht(en)
cli-help = Lees en bedien je NEStore-waterbatterij
    .host = Hostnaam of IP-adres van je NEStore, zonder poort (die geef je met --port); ook NESTORE_HOST [standaard: nestore.home]
    .port = Poort van je NEStore (1-65535); ook NESTORE_PORT [standaard: 4805]
    .timeout = Wachttijd per verzoek (1 s tot 5 min) [standaard: 10s]
    .password_stdin = Lees het servicewachtwoord van standaardinvoer (één regel) in plaats van uit de sleutelbos of NESTORE_PASSWORD
cli-help-status = Toon één meting
    .json = Als JSON (Engelse sleutels, voor scripts)
cli-help-watch = Toon een regel per meting tot je stopt (of na --count metingen)
    .interval = Tijd tussen metingen (1 s tot 24 uur); je NEStore is traag: onder 60 s kan hij overbelast raken [standaard: 5m]
    .count = Stop na zoveel metingen (minstens 1)
    .json = Eén JSON-object per regel, ook bij fouten
cli-help-charge = Start of stop het elektrisch laden
cli-help-charge-start = Laad met het elektrische element
    .power = Vermogen van het element in W (1000-3400, in stappen van 100)
    .soc = Doel voor de laadtoestand in % (hoger dan nu)
    .duration = Hoe lang de taak geldt (30 min tot 5 uur), bijvoorbeeld 2h of 90min [standaard: 2h]
cli-help-charge-stop = Stop met laden en houd het automatische schema een tijd tegen
    .duration = Hoe lang het schema wordt tegengehouden (30 min tot 5 uur), bijvoorbeeld 2h of 90min [standaard: 2h]
cli-help-auto = Annuleer handmatige taken: je NEStore volgt weer zijn automatische schema
cli-help-login = Controleer het servicewachtwoord bij je NEStore en bewaar het in de sleutelbos van het systeem
cli-help-logout = Verwijder het bewaarde servicewachtwoord uit de sleutelbos van het systeem
cli-help-discover = Zoek NEStores op het netwerk ("Zoek mijn NEStore"): elke zodra hij antwoordt, en dan een samenvatting
    .json = Toon de gevonden NEStores als één JSON-array als het zoeken klaar is (Engelse sleutels, voor scripts)
    .subnet = Doorzoek alleen dit subnet (hoogstens een /24, bijvoorbeeld 192.168.1.0/24), verder niets; mag vaker [standaard: de namen nestore.home, nestore.local en nestore, mDNS, en de eigen privésubnetten van deze computer]
    .port = Poort van je NEStore waarop gezocht wordt (1-65535); ook NESTORE_PORT [standaard: 4805]
    .timeout = Hoe lang het hele zoeken mag duren (1 s tot 60 s) [standaard: 3s]
cli-help-history = De geschiedenis van de app: exporteer de metingen als CSV, of vul een demogeschiedenis
cli-help-history-export = Schrijf de bewaarde metingen (of dagtotalen) als CSV naar standaarduitvoer
    .data_dir = De map van het geschiedenisbestand; ook NESTORE_DATA_DIR [standaard: de gegevensmap van de app]
    .from = Vanaf dit tijdstip (RFC 3339, of een datum: middernacht in de plaatselijke tijd); standaard: de eerste meting
    .to = Tot dit tijdstip (RFC 3339, of een datum: middernacht in de plaatselijke tijd, telt niet mee); standaard: na de laatste meting
    .daily = Eén regel per kalenderdag: verbruikt warm water, geladen energie, energie warm water
cli-help-history-seed = Vul een geschiedenis met gesimuleerde metingen, gemarkeerd als demo (voor demo's en snelheidstests); geweigerd als de geschiedenis echte metingen bevat
    .data_dir = De map van het geschiedenisbestand (wordt zo nodig gemaakt); ook NESTORE_DATA_DIR
    .days = Hoeveel dagen tot nu (1-3660)
    .interval = Tijd tussen metingen (10 s tot 24 uur) [standaard: 5m]
cli-help-schedule = De laadtimers in de instellingen van de app: wat ze versturen en wanneer
cli-help-schedule-preview = Toon wat de timers versturen en wanneer, zonder iets te versturen (er wordt geen contact gemaakt met je NEStore); tijden in de plaatselijke tijd
    .config_dir = De map van het instellingenbestand van de app [standaard: de instellingenmap van de app]
    .hours = Hoeveel uur vooruit (1-336) [standaard: 48]
    .json = Als één JSON-array (Engelse sleutels, voor scripts)

## De opdrachtregel van de tray-app (`nestore-tray --help` en zijn gebruiksfouten): zijn
## eigen woorden hier, de kopjes en gebruiksfouten die hij met `nestore` deelt hierboven.
## DIR en N blijven zoals ze getypt worden.

cli-app-help = NEStore-waterbatterij in het systeemvak
    .demo = Gebruik het ingebouwde gesimuleerde apparaat (gestart in de app, op loopback)
    .config_dir = Bewaar de instellingen in DIR in plaats van in de instellingenmap van het systeem
    .data_dir = Bewaar de geschiedenis in DIR in plaats van in de gegevensmap van het systeem; ook NESTORE_DATA_DIR
    .host = Gebruik deze keer dit apparaat in plaats van dat uit de instellingen (een hostnaam of een IP-adres)
    .port = Poort van het apparaat dat je met --host opgeeft (1-65535) [standaard: de poort uit de instellingen, 4805]
    .open = Open het venster bij het starten
    .poll_interval = Lees deze keer met deze tussentijd uit (1 s tot 24 uur, bijvoorbeeld 5s) in plaats van met het uitleesinterval uit de instellingen en zijn minimum van 60 s: voor tests en demo's met het gesimuleerde apparaat; een echte NEStore is traag
    .time_scale = De klok van het apparaat loopt N keer sneller dan de echte tijd (een simulator gestart met --speed N): de app houdt de druk dan in de gaten in de tijd van het apparaat [standaard: 1]
    .discover_subnet = "Zoek mijn NEStore" doorzoekt alleen dit subnet (bijvoorbeeld 127.0.0.0/24; hoogstens een /24; mag vaker), zonder de namen of mDNS: voor tests op loopback
    .discover_port = De poort die "Zoek mijn NEStore" probeert met --discover-subnet [standaard: 4805]
    .price_url = Vraag de dagvooruitprijzen aan dit adres in plaats van aan EnergyZero (http of https); ook NESTORE_PRICE_URL: voor tests, met een prijsserver op loopback
    .update_url = Vraag latest.json aan dit adres in plaats van bij de versies van het project (alleen een loopback-adres): voor tests, met een updateserver op loopback
    .update_pubkey = Controleer updatepakketten met deze publieke sleutel (minisign, base64) in plaats van die van het project; alleen met --update-url: voor tests, met een sleutel die ze zelf maakten
    .update_check = Zoek deze keer stil naar updates, ook in een ontwikkelversie, meteen als het tijd is: voor tests
    .no_update_check = Deze keer geen stille dagelijkse controle op updates ("Zoek naar updates" in Instellingen werkt wel)
cli-app-parse-time-scale = moet een getal boven 0 zijn en hoogstens 100000
cli-app-parse-price-url = moet een http- of https-adres met een host zijn
cli-app-parse-update-url = moet een http- of https-adres op loopback zijn (127.0.0.1, ::1 of localhost)
cli-app-parse-update-pubkey = moet een publieke minisign-sleutel in base64 zijn, zoals in tauri.conf.json
