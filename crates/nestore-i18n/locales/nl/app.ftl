# NEStore Tray, in het Nederlands: de eigen meldingen en foutmeldingen van de app, de controles van Instellingen, de teksten bij bediening.
# Dezelfde berichten en variabelen als ../en/app.ftl (een test controleert dat). Vaste
# termen: ../../GLOSSARY.md. We zeggen "je".

## De foutmeldingen en opdrachten van de apparaatbibliotheek (crates/nestore), zoals de
## eigenaar ze leest: de tray-app en de opdrachtregel zeggen hetzelfde. Zinsdelen die met
## een kleine letter beginnen, staan midden in een zin.

# Wat een bevestiging van het apparaat vraagt, precies zoals het wordt verstuurd: $power
# in W, $target in %, $duration een duration-*-bericht.
device-command-start = elektrisch laden met { $power } W tot een laadtoestand van { $target } %, hoogstens { $duration } lang
device-command-stop = elektrisch laden stoppen en het automatische schema { $duration } lang tegenhouden
device-command-auto = handmatige opdrachten annuleren en terug naar automatische werking

# Waarom een opdracht wordt geweigerd voordat er iets is verstuurd.
device-invalid-power-range = vermogen { $power } W valt buiten { $min }-{ $max } W
device-invalid-power-step = vermogen { $power } W is geen veelvoud van { $step } W
# $shortest, $longest: duration-*-berichten; $min, $max: hetzelfde in seconden.
device-invalid-duration = duur { $secs } s valt buiten { $shortest } tot { $longest } ({ $min }-{ $max } s)
device-invalid-target-above-max = doel { $target } % is hoger dan het maximum van { $max } %
device-invalid-target-below-min = doel { $target } % is lager dan het minimum van { $min } %
# $soc: de laadtoestand nu, met één decimaal.
device-invalid-target-not-above = doel { $target } % is niet hoger dan de huidige laadtoestand van { NUMBER($soc, minimumFractionDigits: 1) } %
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
device-field-hot-water-flow = het debiet van het warme water
device-field-heater-power = het vermogen van het elektrisch element
device-field-pressure = de druk van de installatie
device-field-heater-outlet = de temperatuur na het elektrisch element
device-field-vessel-zone = de temperatuur in zone { $zone } van het vat
device-field-hot-water-energy-total = de totale energie van het warme water
device-field-charging-energy-total = de totale energie van het laden
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
