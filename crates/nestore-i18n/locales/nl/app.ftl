# NEStore Tray, in het Nederlands: de eigen meldingen en foutmeldingen van de app, de controles van Instellingen, de teksten bij bediening.
# Dezelfde berichten en variabelen als ../en/app.ftl (een test controleert dat). Vaste
# termen: ../../GLOSSARY.md. We zeggen "je".
