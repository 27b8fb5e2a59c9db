# NEStore Tray, in het Nederlands: de meldingen van de drukbewaking, duur en kloktijden.
#
# Dezelfde berichten, attributen en variabelen als het Engelse bestand
# (../en/watch.ftl); een test controleert dat. Vaste termen: GLOSSARY.md. We spreken de
# gebruiker aan met "je". Getallen komen al afgerond binnen en krijgen een decimale komma;
# tijden zijn 24-uurs. Elke waarde staat op één regel: Fluent bewaart regeleinden.

## Duur en kloktijden (nestore-i18n maakt deze zelf)

duration-minutes = { $minutes } min
duration-hours = { $hours } uur
duration-hours-minutes = { $hours } uur en { $minutes } min
clock-time = { NUMBER($hour, minimumIntegerDigits: 2) }:{ NUMBER($minute, minimumIntegerDigits: 2) }
# Een tijdstip op een andere dag dan vandaag.
clock-date-time = { $day } { $month ->
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

## Verbinding

offline-title = NEStore niet bereikbaar
# $since: een kloktijd; $reason: een van de offline-reason-*-berichten.
offline-body = De app kan je NEStore sinds { $since } niet bereiken ({ $reason }). Controleer of hij aanstaat en verbonden is met je netwerk; de app blijft het proberen.
offline-reason-timeout = geen antwoord binnen { $secs } s
offline-reason-status = hij antwoordde met foutcode { $status }
offline-reason-garbled = zijn antwoorden zijn onleesbaar
offline-reason-no-api = op zijn adres antwoordt geen NEStore
# $reason: de melding van het systeem zelf ("Connection refused"), niet vertaald.
offline-reason-other = melding: { $reason }
back-online-title = NEStore weer bereikbaar
# $duration: een duration-*-bericht; $since: een kloktijd.
back-online-body = De app bereikt je NEStore weer. Hij was { $duration } niet bereikbaar (sinds { $since }).

## Druksensor

sensor-fault-title = Storing in de druksensor
sensor-fault-body-no-reading = Je NEStore reageert nog, maar de druksensor geeft geen waarde. Daardoor kan de app de druk niet voor je in de gaten houden; de andere meetwaarden zie je nog wel. Blijft dit zo, laat de druksensor dan nakijken door je installateur.
sensor-fault-body-implausible = Je NEStore reageert nog, maar de druksensor meet { $bar } bar, en dat kan niet kloppen. Daardoor kan de app de druk niet voor je in de gaten houden; de andere meetwaarden zie je nog wel. Blijft dit zo, laat de druksensor dan nakijken door je installateur.
sensor-recovered-title = Druksensor werkt weer
# $bar kan "?" zijn als de druk onbekend is.
sensor-recovered-body = De druksensor meet weer { $bar } bar. De app houdt de druk weer voor je in de gaten.

## Druk
## $bar: de druk nu ("?" als onbekend); $low, $high: het normale bereik; $limit: de
## alarmgrens; $charge: het at-charge-bericht, of niets als de laadtoestand onbekend is.

# Begint met een spatie: het volgt op een waarde in de zin.
at-charge = {" "}bij een laadtoestand van { $soc } %
pressure-high-alarm-title = Zeer hoge druk
pressure-high-alarm-body = De druk is { $bar } bar{ $charge }, hoger dan het veilige maximum van { $limit } bar (normaal: { $low }-{ $high } bar). Misschien is er iets mis met het expansievat: bel nu je installateur en begin niet met laden voordat het is nagekeken.
pressure-high-warning-title = Hoge druk
pressure-high-warning-body = De druk is { $bar } bar{ $charge }, hoger dan normaal ({ $low }-{ $high } bar). Misschien is er iets mis met het expansievat: bel je installateur.
pressure-low-alarm-title = Zeer lage druk
pressure-low-alarm-body = De druk is { $bar } bar{ $charge }, lager dan het veilige minimum van { $limit } bar (normaal: { $low }-{ $high } bar). Misschien verliest de installatie water: kijk of er ergens iets lekt en bel je installateur.
pressure-low-warning-title = Lage druk
pressure-low-warning-body = De druk is { $bar } bar{ $charge }, lager dan normaal ({ $low }-{ $high } bar). Kijk of er ergens iets lekt, en bel je installateur als de druk blijft dalen.
pressure-normal-title = Druk weer normaal
# $above: de laadtoestand waarboven het normale bereik geldt.
pressure-normal-body = De druk is { $bar } bar{ $charge } (normaal: { $low }-{ $high } bar als de laadtoestand boven { $above } % is). Je hoeft niets te doen.
# Herinnering aan een alarm dat nog steeds geldt: de tekst van het alarm, dan sinds wanneer.
reminder-title-low-pressure = Nog steeds zeer lage druk
reminder-title-high-pressure = Nog steeds zeer hoge druk
reminder-body = { $body } Dit speelt al sinds { $since }.

## Lek

leak-title = Mogelijk lek
# $fall: hoeveel de druk daalde in $span (een duur); $rate: de daling per 6 uur;
# $limit: de grens per 6 uur; $soc: de gelijkblijvende laadtoestand; $bar: de druk nu.
leak-body = De druk is in de afgelopen { $span } met { $fall } bar gedaald ({ $rate } bar per 6 uur, meer dan { $limit }), terwijl de laadtoestand rond { $soc } % bleef; nu is de druk { $bar } bar. Dat wijst erop dat er water weglekt: controleer leidingen, kranen en de vloer rond de NEStore, en bel je installateur als de druk blijft dalen.
leak-cleared-title = Druk daalt niet meer
leak-cleared-body = De druk is { $bar } bar en daalt niet meer sneller dan { $limit } bar per 6 uur. Je hoeft niets te doen.

## Laden

charge-finished-title = Klaar met laden
charge-finished-body = De laadtoestand is { $soc } % (doel: { $target } %). Het warme water staat klaar.
charge-stopped-title = Laden te vroeg gestopt
# $state: wat het apparaat nu doet, zoals het dat zelf noemt, of state-unknown.
charge-stopped-body = Je NEStore is gestopt met laden bij { $soc } %, onder het doel van { $target } % (nu: { $state }). Start het laden opnieuw vanuit het menu als je het warme water nog nodig hebt.
state-unknown = onbekend

## Meldingsinstellingen: de naam van elke instelling zoals het venster Instellingen die
## toont (id: "setting-" en de sleutel van de instelling, met "-" voor "_"), en .inline
## zoals die midden in een zin staat; eenheden; waaraan een waarde moet voldoen.

setting-low-bar = Waarschuwing bij lage druk
    .inline = de waarschuwing bij lage druk
setting-low-alarm-bar = Alarm bij lage druk
    .inline = het alarm bij lage druk
setting-high-bar = Waarschuwing bij hoge druk
    .inline = de waarschuwing bij hoge druk
setting-high-alarm-bar = Alarm bij hoge druk
    .inline = het alarm bij hoge druk
setting-hysteresis-bar = Herstelmarge
    .inline = de herstelmarge
setting-leak-bar-per-6h = Lekwaarschuwing
    .inline = de lekwaarschuwing
setting-hold-readings = Metingen ter bevestiging
    .inline = het aantal metingen ter bevestiging
setting-offline-grace-min = Niet bereikbaar na
    .inline = de wachttijd voor niet bereikbaar
setting-reminder-h = Herinnering bij alarm
    .inline = de herinnering bij alarm
setting-quiet-hours = Stille uren
    .inline = de stille uren
# Elke andere instelling.
setting-other = Meldingsinstelling
    .inline = de meldingsinstelling
unit-bar = bar
unit-bar-per-6h = bar per 6 uur
unit-readings = metingen
unit-minutes = minuten
unit-hours = uur
# $setting: de naam van een instelling; $unit: een unit-*-bericht; $other: de .inline van
# een andere instelling.
threshold-number = { $setting }: moet een getal zijn
threshold-between = { $setting }: moet tussen { $low } en { $high } { $unit } liggen
threshold-above = { $setting }: moet hoger zijn dan { $other } ({ $value } { $unit })
threshold-different-ends = { $setting }: begin- en eindtijd moeten verschillen
