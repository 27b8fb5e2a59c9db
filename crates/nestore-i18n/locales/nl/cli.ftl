# NEStore Tray, in het Nederlands: de leesbare uitvoer en foutmeldingen van de opdrachtregel (nestore-cli).
# Dezelfde berichten en variabelen als ../en/cli.ftl (een test controleert dat). Vaste
# termen: ../../GLOSSARY.md. We zeggen "je".
