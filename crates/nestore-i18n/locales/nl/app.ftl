# NEStore Tray, in het Nederlands: het traymenu, de meldingen en foutmeldingen van de app, de controles van Instellingen.
# Dezelfde berichten en variabelen als ../en/app.ftl (een test controleert dat). Vaste
# termen: ../../GLOSSARY.md. We zeggen "je".
