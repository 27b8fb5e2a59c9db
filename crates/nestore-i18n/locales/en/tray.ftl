# NEStore Tray, in English: the tray (icon tooltip, menu lines and items) and the buttons on notifications.
# Same messages and variables as ../nl/tray.ftl (a test checks). Terms: ../../GLOSSARY.md.
