# NEStore Tray, in English: the window (ui/): every label, hint and message it shows.
# Same messages and variables as ../nl/window.ftl (a test checks). Terms: ../../GLOSSARY.md.
