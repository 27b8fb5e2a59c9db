# NEStore Tray, in het Nederlands: het venster (ui/): elk label, elke hint en elk bericht.
# Dezelfde berichten en variabelen als ../en/window.ftl (een test controleert dat). Vaste
# termen: ../../GLOSSARY.md. We zeggen "je".
