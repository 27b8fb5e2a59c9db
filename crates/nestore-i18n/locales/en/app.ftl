# NEStore Tray, in English: the tray menu, the app's notices and errors, Settings' checks (tray-core and the app).
# Same messages and variables as ../nl/app.ftl (a test checks). Terms: ../../GLOSSARY.md.
