# NEStore Tray, in English: the app's own notices and errors, Settings' checks, control texts (tray-core and the app).
# Same messages and variables as ../nl/app.ftl (a test checks). Terms: ../../GLOSSARY.md.
