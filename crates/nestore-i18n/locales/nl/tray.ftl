# NEStore Tray, in het Nederlands: het trayicoon (tooltip, menuregels en -items) en de knoppen op meldingen.
# Dezelfde berichten en variabelen als ../en/tray.ftl (een test controleert dat). Vaste
# termen: ../../GLOSSARY.md. We zeggen "je".
