# NEStore Tray, in English: the command line's human output and errors (nestore-cli).
# Same messages and variables as ../nl/cli.ftl (a test checks). Terms: ../../GLOSSARY.md.
