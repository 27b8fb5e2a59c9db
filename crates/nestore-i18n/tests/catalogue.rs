//! The catalogue as a whole: both languages hold the same messages with the same
//! variables, every message formats cleanly in both, and the words come out as written.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, FixedOffset, TimeZone, Utc};
use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};
use fluent_syntax::parser;
use nestore_i18n::{Args, Catalogue, Error, Language};

// ---- The inventory of a catalogue: each message and attribute, and its variables ------

type Inventory = BTreeMap<String, BTreeSet<String>>;

/// Every message (`id`) and attribute (`id.attr`) of a Fluent source, with the variables
/// it references (in selectors, variants and function arguments too). An error for a
/// source that does not parse cleanly or defines an id twice.
fn inventory(source: &str) -> Result<Inventory, String> {
    let resource = parser::parse(source).map_err(|(_, errors)| format!("{errors:?}"))?;
    let mut out = Inventory::new();
    let mut add = |key: String, pattern: Option<&Pattern<&str>>| {
        let mut vars = BTreeSet::new();
        if let Some(p) = pattern {
            pattern_vars(p, &mut vars);
        }
        match out.insert(key.clone(), vars) {
            Some(_) => Err(format!("{key} is defined twice")),
            None => Ok(()),
        }
    };
    for entry in &resource.body {
        match entry {
            Entry::Message(m) => {
                add(m.id.name.to_string(), m.value.as_ref())?;
                for a in &m.attributes {
                    add(format!("{}.{}", m.id.name, a.id.name), Some(&a.value))?;
                }
            }
            Entry::Term(t) => add(format!("-{}", t.id.name), Some(&t.value))?,
            Entry::Junk { content } => return Err(format!("unreadable: {content}")),
            Entry::Comment(_) | Entry::GroupComment(_) | Entry::ResourceComment(_) => {}
        }
    }
    Ok(out)
}

fn pattern_vars(p: &Pattern<&str>, vars: &mut BTreeSet<String>) {
    for element in &p.elements {
        if let PatternElement::Placeable { expression } = element {
            expression_vars(expression, vars);
        }
    }
}

fn expression_vars(e: &Expression<&str>, vars: &mut BTreeSet<String>) {
    match e {
        Expression::Inline(i) => inline_vars(i, vars),
        Expression::Select { selector, variants } => {
            inline_vars(selector, vars);
            for v in variants {
                pattern_vars(&v.value, vars);
            }
        }
    }
}

fn inline_vars(i: &InlineExpression<&str>, vars: &mut BTreeSet<String>) {
    match i {
        InlineExpression::VariableReference { id } => {
            vars.insert(id.name.to_string());
        }
        InlineExpression::FunctionReference { arguments, .. }
        | InlineExpression::TermReference {
            arguments: Some(arguments),
            ..
        } => {
            for a in &arguments.positional {
                inline_vars(a, vars);
            }
            for a in &arguments.named {
                inline_vars(&a.value, vars);
            }
        }
        InlineExpression::Placeable { expression } => expression_vars(expression, vars),
        InlineExpression::StringLiteral { .. }
        | InlineExpression::NumberLiteral { .. }
        | InlineExpression::MessageReference { .. }
        | InlineExpression::TermReference { .. } => {}
    }
}

/// Each difference between two inventories, in words; empty when they match.
fn differences(en: &Inventory, nl: &Inventory) -> Vec<String> {
    let mut out = Vec::new();
    for (id, vars) in en {
        match nl.get(id) {
            None => out.push(format!("{id}: missing in Dutch")),
            Some(other) if other != vars => out.push(format!(
                "{id}: variables {vars:?} in English, {other:?} in Dutch"
            )),
            Some(_) => {}
        }
    }
    for id in nl.keys().filter(|id| !en.contains_key(*id)) {
        out.push(format!("{id}: missing in English"));
    }
    out
}

fn inventory_of(l: Language) -> Inventory {
    inventory(&l.source()).unwrap_or_else(|e| panic!("{l:?} catalogue: {e}"))
}

#[test]
fn both_languages_hold_the_same_messages_with_the_same_variables() {
    let en = inventory_of(Language::English);
    let nl = inventory_of(Language::Dutch);
    assert!(en.len() > 60, "only {} messages", en.len());
    let diff = differences(&en, &nl);
    assert!(
        diff.is_empty(),
        "the catalogues differ:\n{}",
        diff.join("\n")
    );
}

#[test]
fn each_file_holds_the_same_messages_in_both_languages() {
    let en = Language::English.files();
    let nl = Language::Dutch.files();
    for ((en_name, en_source), (nl_name, nl_source)) in en.iter().zip(&nl) {
        assert_eq!(en_name, nl_name);
        let en = inventory(en_source).unwrap_or_else(|e| panic!("en/{en_name}: {e}"));
        let nl = inventory(nl_source).unwrap_or_else(|e| panic!("nl/{nl_name}: {e}"));
        let diff = differences(&en, &nl);
        assert!(diff.is_empty(), "{en_name} differs:\n{}", diff.join("\n"));
    }
}

#[test]
fn the_comparison_catches_a_missing_or_extra_message_or_variable() {
    let en = &Language::English.source();
    let base = inventory(en).unwrap();
    assert!(differences(&base, &base).is_empty());

    let without = en.replace("leak-title = Possible leak\n", "");
    assert_eq!(
        differences(&base, &inventory(&without).unwrap()),
        ["leak-title: missing in Dutch"]
    );
    let extra = format!("{en}\nextra-message = Extra\n");
    assert_eq!(
        differences(&base, &inventory(&extra).unwrap()),
        ["extra-message: missing in English"]
    );
    let fewer = en.replace("({ $rate } bar per 6 h", "(bar per 6 h");
    let diff = differences(&base, &inventory(&fewer).unwrap());
    assert_eq!(diff.len(), 1);
    assert!(diff[0].starts_with("leak-body: variables"), "{diff:?}");
    let renamed = en.replace("reached { $soc } %", "reached { $charge } %");
    assert_eq!(differences(&base, &inventory(&renamed).unwrap()).len(), 1);
    let attribute = en.replace("    .inline = the leak warning\n", "");
    assert_eq!(
        differences(&base, &inventory(&attribute).unwrap()),
        ["setting-leak-bar-per-6h.inline: missing in Dutch"]
    );
    let twice = format!("{en}\nleak-title = Again\n");
    assert!(inventory(&twice).is_err());
    let broken = format!("{en}\nbroken = {{ $oops\n");
    assert!(inventory(&broken).is_err());
}

// ---- Every message formats cleanly ------------------------------------------------------

fn now() -> DateTime<FixedOffset> {
    FixedOffset::east_opt(3600)
        .unwrap()
        .with_ymd_and_hms(2024, 1, 5, 16, 30, 0)
        .unwrap()
}

/// The variable's name for the life of the test (Args takes `&'static str`).
fn leak_name(name: &str) -> &'static str {
    Box::leak(name.to_owned().into_boxed_str())
}

/// A value for each variable the catalogue uses, of the kind the callers pass (a plain
/// word for a variable without a sample here).
fn samples(vars: &BTreeSet<String>) -> Args {
    vars.iter()
        .fold(Args::new(), |args, var| match var.as_str() {
            "bar" => args.bar("bar", 2.4),
            "low" => args.bar("low", 1.5),
            "high" => args.bar("high", 2.5),
            "limit" => args.bar("limit", 3.0),
            "fall" => args.bar("fall", 0.35),
            "rate" => args.bar("rate", 0.21),
            "value" => args.bar("value", 1.0),
            "soc" => args.percent("soc", 63.0),
            "above" => args.percent("above", 40.0),
            "target" => args.int("target", 80),
            "status" => args.int("status", 503),
            "secs" => args.decimal("secs", 10.0, 0),
            "hours" => args.int("hours", 2),
            "minutes" => args.int("minutes", 10),
            "hour" => args.int("hour", 9),
            "minute" => args.int("minute", 5),
            "year" => args.int("year", 2024),
            "month" => args.int("month", 1),
            "day" => args.int("day", 5),
            "duration" => args.minutes("duration", 205),
            "span" => args.minutes("span", 130),
            "since" => args.clock(
                "since",
                Utc.with_ymd_and_hms(2024, 1, 5, 13, 5, 0).unwrap(),
                now(),
            ),
            "time" => args.text("time", "14:05"),
            "reason" => args.text("reason", "Connection refused"),
            "charge" => args.text("charge", " at 78 % charge"),
            "body" => args.text("body", "Pressure 0.8 bar is below the safe minimum."),
            "state" => args.text("state", "idle"),
            "setting" => args.text("setting", "Low-pressure warning"),
            "other" => args.text("other", "the low-pressure alarm"),
            "unit" => args.text("unit", "bar"),
            "power" => args.int("power", 2000),
            "level" => args.text("level", "Alarm"),
            "what" => args.text("what", "high pressure"),
            // Any other variable: a word, so that every message is still formatted.
            other => args.text(leak_name(other), "sample"),
        })
}

#[test]
fn every_message_formats_without_errors_in_both_languages() {
    let en = inventory_of(Language::English);
    for language in Language::ALL {
        let cat = Catalogue::get(language);
        for (id, vars) in &en {
            if id.starts_with('-') {
                continue;
            }
            let text = cat
                .try_t(id, &samples(vars))
                .unwrap_or_else(|e| panic!("{e}"));
            assert!(!text.trim().is_empty(), "{language:?} {id} is empty");
            for bad in ['{', '}', '$', '\u{2068}', '\u{2069}', '\n'] {
                assert!(
                    !text.contains(bad),
                    "{language:?} {id}: {bad:?} in {text:?}"
                );
            }
            assert_eq!(
                text.trim(),
                text.trim_start_matches(' '),
                "{language:?} {id}"
            );
            if vars.contains("bar") {
                let want = if language == Language::Dutch {
                    "2,4"
                } else {
                    "2.4"
                };
                assert!(text.contains(want), "{language:?} {id}: {text}");
            }
        }
    }
}

#[test]
fn a_missing_message_or_value_is_reported_but_never_panics() {
    let en = Catalogue::get(Language::English);
    assert!(matches!(
        en.try_t("no-such-message", &Args::new()),
        Err(Error::Missing { .. })
    ));
    assert_eq!(en.t("no-such-message", &Args::new()), "no-such-message");
    assert_eq!(
        en.t("setting-low-bar.no-such", &Args::new()),
        "setting-low-bar.no-such"
    );
    let Err(Error::Format { text, problems, .. }) = en.try_t("leak-cleared-body", &Args::new())
    else {
        panic!("formats without its values");
    };
    assert!(text.contains("{$bar}"), "{text}");
    assert!(!problems.is_empty());
    assert!(en.has("leak-title") && en.has("setting-low-bar.inline"));
    assert!(!en.has("leak-title.inline") && !en.has("nothing"));
}

// ---- The words as written -------------------------------------------------------------

#[test]
fn english_reads_as_the_watch_reads_today() {
    let en = Catalogue::get(Language::English);
    let charge = en.t("at-charge", &Args::new().percent("soc", 77.6));
    assert_eq!(charge, " at 78 % charge");
    let alarm = Args::new()
        .bar("bar", 3.2)
        .bar("limit", 3.0)
        .text("charge", charge)
        .bar("low", 1.5)
        .bar("high", 2.5);
    assert_eq!(
        en.t("pressure-high-alarm-body", &alarm),
        "Pressure 3.2 bar is above the safe maximum of 3 bar at 78 % charge (healthy: 1.5-2.5 \
         bar). This can mean an expansion vessel problem: call your installer now and do not \
         start a charge until it is checked."
    );
    let since = Utc.with_ymd_and_hms(2024, 1, 4, 13, 5, 0).unwrap();
    let offline = Args::new().clock("since", since, now()).text(
        "reason",
        en.t(
            "offline-reason-timeout",
            &Args::new().decimal("secs", 9.6, 0),
        ),
    );
    assert_eq!(
        en.t("offline-body", &offline),
        "The app has not reached your NEStore since 2024-01-04 14:05 (no answer within 10 s). \
         Check that it is switched on and connected to your network; the app keeps trying."
    );
    let leak = Args::new()
        .bar("fall", 0.354)
        .minutes("span", 370)
        .bar("rate", 0.3)
        .bar("limit", 0.2)
        .percent("soc", 50.4)
        .bar("bar", 1.98);
    assert_eq!(
        en.t("leak-body", &leak),
        "Pressure fell 0.35 bar in the last 6 h 10 min (0.3 bar per 6 h, more than 0.2) while \
         the charge stayed steady near 50 %; it is 1.98 bar now. This suggests water is \
         escaping: check pipes, valves and the floor around the unit, and call your installer \
         if it keeps falling."
    );
    let above = Args::new()
        .text("setting", en.label("setting-low-bar"))
        .text("other", en.label("setting-low-alarm-bar.inline"))
        .bar("value", 1.0)
        .text("unit", en.label("unit-bar"));
    assert_eq!(
        en.t("threshold-above", &above),
        "Low-pressure warning: must be above the low-pressure alarm (1 bar)"
    );
    let between = Args::new()
        .text("setting", en.label("setting-reminder-h"))
        .int("low", 1)
        .int("high", 48)
        .text("unit", en.label("unit-hours"));
    assert_eq!(
        en.t("threshold-between", &between),
        "Alarm reminder: must be between 1 and 48 hours"
    );
}

#[test]
fn dutch_reads_naturally_with_its_own_numbers() {
    let nl = Catalogue::get(Language::Dutch);
    let charge = nl.t("at-charge", &Args::new().percent("soc", 63.0));
    assert_eq!(charge, " bij een laadtoestand van 63 %");
    let warning = Args::new()
        .bar("bar", 1.2)
        .text("charge", charge)
        .bar("low", 1.5)
        .bar("high", 2.5);
    assert_eq!(
        nl.t("pressure-low-warning-body", &warning),
        "De druk is 1,2 bar bij een laadtoestand van 63 %, lager dan normaal (1,5-2,5 bar). \
         Kijk of er ergens iets lekt, en bel je installateur als de druk blijft dalen."
    );
    let since = Utc.with_ymd_and_hms(2024, 1, 5, 13, 5, 0).unwrap();
    let back = Args::new()
        .minutes("duration", 205)
        .clock("since", since, now());
    assert_eq!(
        nl.t("back-online-body", &back),
        "De app bereikt je NEStore weer. Hij was 3 uur en 25 min niet bereikbaar (sinds 14:05)."
    );
    let above = Args::new()
        .text("setting", nl.label("setting-high-alarm-bar"))
        .text("other", nl.label("setting-high-bar.inline"))
        .bar("value", 2.8)
        .text("unit", nl.label("unit-bar"));
    assert_eq!(
        nl.t("threshold-above", &above),
        "Alarm bij hoge druk: moet hoger zijn dan de waarschuwing bij hoge druk (2,8 bar)"
    );
    let done = Args::new().percent("soc", 80.2).int("target", 80);
    assert_eq!(
        nl.t("charge-finished-body", &done),
        "De laadtoestand is 80 % (doel: 80 %). Het warme water staat klaar."
    );
}

#[test]
fn numbers_take_the_languages_decimal_mark() {
    let en = Catalogue::get(Language::English);
    let nl = Catalogue::get(Language::Dutch);
    assert_eq!(en.number(2.4, 2), "2.4");
    assert_eq!(nl.number(2.4, 2), "2,4");
    assert_eq!(nl.number(1.704, 2), "1,7");
    assert_eq!(nl.number(2.0, 2), "2");
    assert_eq!(nl.number(-0.001, 2), "0");
    assert_eq!(nl.number(3400.0, 0), "3400");
    let pct = Args::new().percent("soc", 62.7).int("target", 80);
    assert!(en
        .t("charge-finished-body", &pct)
        .contains("63 % (target 80 %)"));
    assert!(nl
        .t("charge-finished-body", &pct)
        .contains("63 % (doel: 80 %)"));
    let b = Args::new().bar("bar", 2.4).bar("limit", 0.25);
    assert!(en
        .t("leak-cleared-body", &b)
        .starts_with("Pressure 2.4 bar"));
    assert!(en.t("leak-cleared-body", &b).contains("0.25 bar per 6 h"));
    assert!(nl
        .t("leak-cleared-body", &b)
        .starts_with("De druk is 2,4 bar"));
    assert!(nl.t("leak-cleared-body", &b).contains("0,25 bar per 6 uur"));
    let unknown = Args::new().bar_or_unknown("bar", None);
    assert_eq!(
        nl.t("sensor-recovered-body", &unknown),
        "De druksensor meet weer ? bar. De app houdt de druk weer voor je in de gaten."
    );
}

#[test]
fn durations_in_words() {
    let en = Catalogue::get(Language::English);
    let nl = Catalogue::get(Language::Dutch);
    for (m, e, n) in [
        (45, "45 min", "45 min"),
        (0, "0 min", "0 min"),
        (-5, "0 min", "0 min"),
        (60, "1 h", "1 uur"),
        (120, "2 h", "2 uur"),
        (130, "2 h 10 min", "2 uur en 10 min"),
    ] {
        assert_eq!(en.duration(m), e);
        assert_eq!(nl.duration(m), n);
    }
}

#[test]
fn times_are_24_hour_with_the_date_on_another_day() {
    let en = Catalogue::get(Language::English);
    let nl = Catalogue::get(Language::Dutch);
    // 08:05 UTC is 09:05 at +01:00, the same day as now().
    let morning = Utc.with_ymd_and_hms(2024, 1, 5, 8, 5, 0).unwrap();
    assert_eq!(en.clock(morning, now()), "09:05");
    assert_eq!(nl.clock(morning, now()), "09:05");
    let afternoon = Utc.with_ymd_and_hms(2024, 1, 5, 14, 59, 0).unwrap();
    assert_eq!(nl.clock(afternoon, now()), "15:59");
    // 23:30 UTC on the 4th is already the 5th at +01:00.
    let late = Utc.with_ymd_and_hms(2024, 1, 4, 23, 30, 0).unwrap();
    assert_eq!(en.clock(late, now()), "00:30");
    let before = Utc.with_ymd_and_hms(2023, 12, 31, 22, 0, 0).unwrap();
    assert_eq!(en.clock(before, now()), "2023-12-31 23:00");
    assert_eq!(nl.clock(before, now()), "31 dec 2023 23:00");
    let months = [
        "jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec",
    ];
    let later = now() + chrono::Duration::days(400);
    for (i, name) in months.iter().enumerate() {
        let month = u32::try_from(i + 1).unwrap();
        let at = Utc.with_ymd_and_hms(2024, month, 3, 12, 0, 0).unwrap();
        assert_eq!(nl.clock(at, later), format!("3 {name} 2024 13:00"));
        assert_eq!(en.clock(at, later), format!("2024-{month:02}-03 13:00"));
    }
}

#[test]
fn catalogues_are_shared_across_threads() {
    fn shareable<T: Send + Sync + 'static>(_: &T) {}
    let nl = Catalogue::get(Language::Dutch);
    shareable(&nl);
    assert!(std::ptr::eq(nl, Catalogue::get(Language::Dutch)));
    assert_eq!(nl.language(), Language::Dutch);
    let from_thread = std::thread::spawn(|| {
        Catalogue::get(Language::Dutch).t(
            "leak-cleared-body",
            &Args::new().bar("bar", 2.4).bar("limit", 0.2),
        )
    })
    .join()
    .unwrap();
    assert!(from_thread.starts_with("De druk is 2,4 bar"));
    // A catalogue of its own formats the same.
    let own = Catalogue::new(Language::English);
    assert_eq!(own.label("leak-title"), "Possible leak");
}

/// Every piece of literal text in a Fluent source (message values, attributes, variants).
fn literal_text(source: &str) -> String {
    fn walk(p: &Pattern<&str>, out: &mut String) {
        for element in &p.elements {
            match element {
                PatternElement::TextElement { value } => out.push_str(value),
                PatternElement::Placeable {
                    expression: Expression::Select { variants, .. },
                } => variants.iter().for_each(|v| walk(&v.value, out)),
                PatternElement::Placeable { .. } => {}
            }
            out.push(' ');
        }
    }
    let resource = parser::parse(source).unwrap_or_else(|(r, _)| r);
    let mut out = String::new();
    for entry in &resource.body {
        if let Entry::Message(m) = entry {
            if let Some(v) = &m.value {
                walk(v, &mut out);
            }
            m.attributes.iter().for_each(|a| walk(&a.value, &mut out));
        }
    }
    out
}

#[test]
fn the_dutch_keeps_to_its_glossary() {
    let text = literal_text(&Language::Dutch.source()).to_lowercase();
    let words: BTreeSet<&str> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    // "je", never "u"; "laadtoestand", "druk" and "laden", never a synonym; no English left.
    for banned in [
        "u",
        "uw",
        "jij",
        "jouw",
        "lading",
        "opladen",
        "laadniveau",
        "laadstatus",
        "batterijniveau",
        "soc",
        "spanning",
        "pressure",
        "charge",
        "charging",
        "offline",
        "online",
        "the",
        "and",
    ] {
        assert!(!words.contains(banned), "Dutch uses {banned:?}");
    }
    for term in ["je", "laadtoestand", "druk", "laden"] {
        assert!(words.contains(term), "Dutch never uses {term:?}");
    }
    assert!(literal_text(&Language::English.source()).contains("Possible leak"));
}
