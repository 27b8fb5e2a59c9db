// Assertions on the window (ui/) driven by tests/ui/mock-tauri.js; tests/ui/screenshot.sh
// loads this after the mock and runs one check per page: ?check=NAME. The result lands in
// <html data-check="pass"> or data-check="fail: …", which the script reads from the DOM.
(() => {
  'use strict';
  const q = new URLSearchParams(location.search);
  const name = q.get('check');
  if (!name) return;

  const $ = (id) => document.getElementById(id);
  const text = (id) => ($(id).hidden ? '' : $(id).textContent.trim());
  const sleep = (ms) => new Promise((res) => setTimeout(res, ms));
  const mock = () => window.__mock;
  const callsOf = (cmd) => mock().calls.filter((c) => c.name === cmd);

  class CheckFailed extends Error {}
  function ok(cond, what) {
    if (!cond) throw new CheckFailed(what);
  }
  async function until(cond, what, ms = 3000) {
    for (let waited = 0; waited < ms; waited += 50) {
      if (cond()) return;
      await sleep(50);
    }
    throw new CheckFailed(`timed out waiting for ${what}`);
  }
  // The first state drawn: the catalogue is in (the title is set) and the figures show.
  const ready = () => until(() => document.title
    && ((/\d/.test($('soc').textContent)) || !$('empty-state').hidden), 'the first state');
  // A number and its unit are joined by a no-break space (U+00A0) in the window's messages.
  const NB = '\u00a0';
  const invalid = (id) => $(id).getAttribute('aria-invalid') === 'true';
  const allInvalid = () => [...document.querySelectorAll('[aria-invalid="true"]')].map((e) => e.id);
  const visibleIn = (node) => {
    const r = node.getBoundingClientRect();
    return r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight && r.left >= 0 && r.right <= window.innerWidth;
  };

  const charts = () => ['chart-soc', 'chart-pressure', 'chart-zones', 'chart-daily'].map((id) => $(id).uplot);
  /** Opens the history view and waits for the four charts of the first reply. */
  async function openHistory() {
    await ready();
    $('btn-history').click();
    await until(() => $('view-history').dataset.drawMs, 'the history charts', 5000);
  }
  /** The charts fit their cards (nothing cut off on the right). */
  function fits() {
    for (const id of ['chart-soc', 'chart-pressure', 'chart-zones', 'chart-daily']) {
      const card = $(id).getBoundingClientRect();
      const plot = $(id).querySelector('.uplot').getBoundingClientRect();
      const canvas = $(id).querySelector('canvas').getBoundingClientRect();
      ok(canvas.right <= card.right + 0.5 && plot.right <= card.right + 0.5, `${id} is wider than its card: ${canvas.right} > ${card.right}`);
    }
  }

  // ---- the catalogue (crates/nestore-i18n/locales, copied beside the page by screenshot.sh) ----
  /** The simple messages (one line, no placeables) of one .ftl file: {id: text}. */
  async function simpleMessages(language, file) {
    const res = await fetch(`locales/${language}/${file}.ftl`);
    ok(res.ok, `locales/${language}/${file}.ftl: HTTP ${res.status}`);
    const out = {};
    for (const line of (await res.text()).split('\n')) {
      const m = /^([a-z][a-z0-9-]*) = (.*)$/.exec(line);
      if (m && !m[2].includes('{')) out[m[1]] = m[2];
    }
    return out;
  }
  /** The window's English words that Dutch says otherwise, and every Dutch word by id. */
  async function languages() {
    const [enWin, nlWin, nlWatch] = await Promise.all([
      simpleMessages('en', 'window'), simpleMessages('nl', 'window'), simpleMessages('nl', 'watch')]);
    const englishOnly = new Set(Object.keys(enWin).filter((id) => nlWin[id] !== enWin[id]).map((id) => enWin[id]));
    ok(englishOnly.size > 150, `only ${englishOnly.size} English words to look for`);
    return { englishOnly, nl: Object.assign({}, nlWatch, nlWin) };
  }
  /** Every text of the page (hidden ones too), its titles, labels and placeholders. */
  function pageTexts() {
    const out = [document.title];
    const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n; n = walk.nextNode()) out.push(n.nodeValue.trim());
    for (const e of document.body.querySelectorAll('[title], [aria-label], [placeholder]')) {
      for (const a of ['title', 'aria-label', 'placeholder']) if (e.hasAttribute(a)) out.push(e.getAttribute(a).trim());
    }
    return out.filter((s) => s);
  }
  /** No English word of the window is left on the page, and every data-t is the Dutch one. */
  function allDutch({ englishOnly, nl }) {
    const left = pageTexts().filter((s) => englishOnly.has(s) || englishOnly.has(s.replace(/^· /, '')));
    ok(left.length === 0, `English left in Dutch: ${[...new Set(left)].join(' | ')}`);
    for (const e of document.querySelectorAll('[data-t]')) {
      ok(e.textContent === nl[e.dataset.t], `${e.dataset.t}: "${e.textContent}", not "${nl[e.dataset.t]}"`);
    }
    for (const attr of ['title', 'aria-label', 'placeholder']) {
      for (const e of document.querySelectorAll(`[data-t-${attr}]`)) {
        const id = e.getAttribute(`data-t-${attr}`);
        ok(e.getAttribute(attr) === nl[id], `${attr} ${id}: "${e.getAttribute(attr)}", not "${nl[id]}"`);
      }
    }
    ok(document.documentElement.lang === 'nl', `lang ${document.documentElement.lang}`);
  }
  /** Opens the settings and waits for them to load. */
  async function openSettings() {
    await ready();
    $('btn-settings').click();
    await until(() => $('set-host').value !== '' && $('set-low-alarm-bar').value !== '', 'the settings to load');
  }
  /** Types `value` into an input as the owner would: its text, then an input event. */
  function type(id, value) {
    $(id).focus();
    $(id).value = value;
    $(id).dispatchEvent(new Event('input', { bubbles: true }));
  }
  /** Picks `value` in a select as the owner would. */
  function pick(id, value) {
    ok([...$(id).options].some((o) => o.value === value), `#${id} has no option ${value}`);
    $(id).value = value;
    $(id).dispatchEvent(new Event('input', { bubbles: true }));
    $(id).dispatchEvent(new Event('change', { bubbles: true }));
  }
  const shownOption = (id) => ($(id).selectedOptions[0] || { textContent: '' }).textContent;
  /** A quiet-hours time as the window shows it: the hour and the minute select, "22:00". */
  const shownTime = (which) => `${shownOption(`set-quiet-${which}-h`)}:${shownOption(`set-quiet-${which}-m`)}`;
  const DECIMAL_FIELDS = ['set-low-bar', 'set-low-alarm-bar', 'set-high-bar', 'set-high-alarm-bar', 'set-leak-rate'];
  const shownDecimals = () => DECIMAL_FIELDS.map((id) => $(id).value).join(' ');
  /** The alerts of the last save_settings, and its JSON as sent. */
  const lastSaved = () => {
    const call = callsOf('save_settings').slice(-1)[0];
    ok(call, 'no save_settings call');
    return { alerts: call.args.settings.alerts, json: JSON.stringify(call.args) };
  };
  /** Saves and waits for save_settings number `n` to be answered. */
  async function saveAs(n, what) {
    $('btn-save-settings').click();
    await until(() => callsOf('save_settings').length === n && callsOf('save_settings')[n - 1].answeredAt !== null
      && !$('btn-save-settings').disabled, what);
  }
  /**
   * Nothing in the settings is left to the webview's locale: the decimal fields are text
   * inputs, no time input is left, and every number input is a whole number without a
   * decimal mark or grouping.
   */
  function noLocaleInputs() {
    for (const id of DECIMAL_FIELDS) {
      ok($(id).type === 'text' && $(id).inputMode === 'decimal', `#${id} is ${$(id).type} (${$(id).inputMode})`);
    }
    ok(document.querySelectorAll('input[type="time"], input[type="date"], input[type="datetime-local"]').length === 0, 'a date or time input is left');
    for (const input of document.querySelectorAll('input[type="number"]')) {
      ok(/^\d*$/.test(input.value), `#${input.id} shows ${input.value}`);
      ok(!input.step || /^\d+$/.test(input.step), `#${input.id} has step ${input.step}`);
    }
  }
  const legendLabels = (id) => [...$(id).querySelectorAll('.u-legend .u-label')].map((e) => e.textContent.trim());

  const CHECKS = {
    // Every word of the page comes from the catalogue (text.js): no key is missing.
    async words() {
      await ready();
      const empty = [...document.querySelectorAll('[data-t]')].filter((e) => !e.textContent.trim());
      ok(empty.length === 0, `data-t keys without text: ${empty.map((e) => e.dataset.t).join(', ')}`);
      for (const attr of ['data-t-title', 'data-t-aria-label', 'data-t-placeholder']) {
        const real = attr.replace('data-t-', '');
        const missing = [...document.querySelectorAll(`[${attr}]`)].filter((e) => !e.getAttribute(real));
        ok(missing.length === 0, `${attr} keys without text: ${missing.map((e) => e.getAttribute(attr)).join(', ')}`);
      }
      ok(document.title === 'NEStore', `title ${document.title}`);
      // The catalogue and the state are asked for at once, not one after the other.
      const [cat, st] = [callsOf('get_catalogue')[0], callsOf('get_state')[0]];
      ok(cat && st && cat.at < st.answeredAt && st.at < cat.answeredAt, `get_catalogue ${JSON.stringify(cat)}, get_state ${JSON.stringify(st)}`);
      // Thousands separators, no needless decimals, sensible rounding.
      ok(text('water-volume') === '45,679 L', `water volume ${text('water-volume')}`);
      ok(text('dhw-energy') === '1,235 kWh', `hot-water energy ${text('dhw-energy')}`);
      ok(text('heater-energy') === '2,346 kWh', `heater energy ${text('heater-energy')}`);
      ok(text('energy') === '9.9 kWh', `stored energy ${text('energy')}`);
      ok(text('pressure') === '2.41 bar', `pressure ${text('pressure')}`);
      ok(text('soc') === '63 %', `soc ${text('soc')}`);
      // The owner's words, with the device's term kept beside them.
      ok(text('device-state') === 'Charging Electrical Main', `device term ${text('device-state')}`);
      ok(text('device-state-words') === 'Charging (electric heater)', `owner's words ${text('device-state-words')}`);
      ok(/whole tank/.test(text('soc-total')), `soc total ${text('soc-total')}`);
      ok(/stand-alone/.test(text('modes')) && /independent/.test($('modes').title), `modes ${text('modes')} / ${$('modes').title}`);
      ok(/automatic schedule/.test(text('duration-help')), 'the Hold for help mentions the schedule');
      // In window.ftl a number and its unit never break apart: U+00A0 between them.
      const unitAfterSpace = /(\d|\}) (%|°C|L\/min|(?:kWh|kW|W|L|s|min|h|bar|uur|days?|dag|dagen|years?|jaar|hours|weeks|weken)\b)/;
      for (const language of ['en', 'nl']) {
        const res = await fetch(`locales/${language}/window.ftl`);
        const lines = (await res.text()).split('\n').filter((l) => !/^\s*#/.test(l) && unitAfterSpace.test(l));
        ok(lines.length === 0, `${language}/window.ftl, an ordinary space before a unit: ${lines.join(' | ')}`);
      }
    },

    // In Dutch (the backend says language "nl"): every word of the window from the Dutch
    // catalogue, none of the English left, numbers in the Dutch form, in every view.
    async dutch() {
      await ready();
      const langs = await languages();
      ok(callsOf('get_catalogue').length === 1, `get_catalogue called ${callsOf('get_catalogue').length} times`);
      allDutch(langs);
      ok(document.title === 'NEStore', `title ${document.title}`);
      ok(text('pressure') === '2,41 bar', `pressure ${text('pressure')}`);
      ok(text('soc') === '63 %', `soc ${text('soc')}`);
      ok(text('energy') === '9,9 kWh', `stored energy ${text('energy')}`);
      ok(text('water-volume') === '45.679 L', `water volume ${text('water-volume')}`);
      ok($('pressure-tick-low').title === `Alarm bij lage druk onder 1,5${NB}bar`, `tick ${$('pressure-tick-low').title}`);
      ok(text('pressure-hint') === `Binnen het normale bereik van 2–3${NB}bar`, `hint ${text('pressure-hint')}`);
      ok(text('device-state') === 'Charging Electrical Main', `device term ${text('device-state')}`);
      ok(text('device-state-words') === 'Laden (elektrisch element)', `device state ${text('device-state-words')}`);
      ok(/^bijgewerkt \d{2}:\d{2}, 2\u00a0min geleden$/.test(text('age')), `age ${text('age')}`);
      ok(text('modes') === 'zelfstandig · koppeling met leverancier aan', `modes ${text('modes')}`);
      ok([...$('duration').options].some((o) => o.textContent === '2 uur' && o.selected), 'the duration in Dutch');
      ok(/2,52\u00a0bar · laadtoestand 90\u00a0%/.test(text('alert-log-list')), `log ${text('alert-log-list')}`);
      $('btn-settings').click();
      await until(() => $('set-host').value !== '', 'the settings to load');
      allDutch(langs);
      ok([...$('set-language').options].map((o) => o.textContent).join('|') === 'Systeem|English|Nederlands', 'the language choices');
      ok([...$('set-keep-days').options].map((o) => o.textContent).join('|') === 'Altijd|1 jaar|2 jaar|5 jaar|10 jaar'.replace(/ /g, NB), 'the keep choices');
      $('btn-history').click();
      await until(() => $('view-history').dataset.drawMs, 'the history charts', 5000);
      allDutch(langs);
      ok(legendLabels('chart-soc').join('|') === 'Tijd|Laadtoestand|Element', `legend ${legendLabels('chart-soc')}`);
      ok(legendLabels('chart-zones').includes('Zone 1 (boven)'), `legend ${legendLabels('chart-zones')}`);
      ok(text('btn-range-7d') === `7${NB}dagen`, text('btn-range-7d'));
    },

    // The owner picks another language: the next state names it, and the window fetches that
    // catalogue and draws everything again in it, without a reload.
    async 'language-switch'() {
      await ready();
      window.__notReloaded = true;
      $('btn-history').click();
      await until(() => $('view-history').dataset.drawMs, 'the history charts', 5000);
      ok(legendLabels('chart-soc').includes('Charge'), `legend ${legendLabels('chart-soc')}`);
      ok(text('pressure') === '2.41 bar', `pressure ${text('pressure')}`);
      mock().update((s) => { s.language = 'nl'; });
      await until(() => document.documentElement.lang === 'nl' && legendLabels('chart-soc').includes('Laadtoestand'), 'the Dutch page');
      ok(window.__notReloaded === true, 'the page was not reloaded');
      ok(callsOf('get_catalogue').length === 2, `get_catalogue called ${callsOf('get_catalogue').length} times`);
      allDutch(await languages());
      ok(text('pressure') === '2,41 bar', `pressure ${text('pressure')}`);
      ok(text('btn-range-24h') === `24${NB}uur`, text('btn-range-24h'));
      ok([...$('duration').options].some((o) => o.textContent === '2 uur'), 'the durations in Dutch');
      // A state in the same language fetches nothing; back to English draws English again.
      mock().emit();
      await sleep(100);
      ok(callsOf('get_catalogue').length === 2, 'no fetch for the same language');
      mock().update((s) => { s.language = 'en'; });
      await until(() => document.documentElement.lang === 'en' && legendLabels('chart-soc').includes('Charge'), 'the English page');
      ok(text('pressure') === '2.41 bar' && text('btn-range-24h') === `24${NB}h`, `${text('pressure')} / ${text('btn-range-24h')}`);
      ok($('btn-refresh').textContent.trim() === 'Refresh', $('btn-refresh').textContent);
    },

    // Settings: "Language" loads, saves as `language`, and the window follows the new state;
    // an error naming the field marks it.
    async 'settings-language'() {
      await ready();
      $('btn-settings').click();
      await until(() => $('set-host').value !== '', 'the settings to load');
      ok($('set-language').value === 'system', `language ${$('set-language').value}`);
      ok([...$('set-language').options].map((o) => o.textContent).join('|') === 'System|English|Nederlands', 'the choices');
      $('set-language').value = 'nl';
      $('btn-save-settings').click();
      await until(() => callsOf('save_settings').length === 1, 'the save');
      ok(callsOf('save_settings')[0].args.settings.language === 'nl', JSON.stringify(callsOf('save_settings')[0].args.settings));
      await until(() => document.documentElement.lang === 'nl' && text('settings-message') === 'Opgeslagen.', 'the Dutch settings');
      ok(!$('view-settings').hidden, 'still on the settings');
      ok($('set-language').value === 'nl', 'Nederlands stays chosen');
      ok([...$('set-language').options].map((o) => o.textContent).join('|') === 'Systeem|English|Nederlands', 'the Dutch choices');
      mock().saveError = { code: 'invalid', message: 'Taal: kies systeem, en of nl.', field: 'language' };
      $('btn-save-settings').click();
      await until(() => /Taal/.test(text('settings-message')), 'the error');
      ok(invalid('set-language') && allInvalid().length === 1, `marked: ${allInvalid()}`);
      $('set-language').value = 'system';
      $('set-language').dispatchEvent(new Event('input'));
      ok(!invalid('set-language'), 'a new choice clears the mark');
      $('btn-save-settings').click();
      await until(() => document.documentElement.lang === 'en' && text('settings-message') === 'Saved.', 'back to English (the system\'s)');
      ok(callsOf('save_settings').slice(-1)[0].args.settings.language === 'system', 'system saved');
    },

    // Dutch decimals: the thresholds show "1,5"; "1,7" and "1.7" both save 1.7 (a JSON
    // number); "abc" marks the field with the Dutch message and saves nothing.
    async 'decimals-nl'() {
      await openSettings();
      noLocaleInputs();
      ok(shownDecimals() === '2 1,5 3 3,5 0,2', `shown: ${shownDecimals()}`);
      type('set-low-alarm-bar', '1,7');
      await saveAs(1, 'the save of 1,7');
      let sent = lastSaved();
      ok(sent.alerts.low_alarm_bar === 1.7 && sent.json.includes('"low_alarm_bar":1.7,'), sent.json);
      ok(sent.alerts.low_bar === 2 && sent.alerts.leak_bar_per_6h === 0.2 && sent.alerts.high_alarm_bar === 3.5, sent.json);
      ok(sent.alerts.hysteresis_bar === 0.1 && sent.alerts.hold_readings === 2, `kept as loaded: ${sent.json}`);
      await until(() => text('settings-message') === 'Opgeslagen.', 'Opgeslagen.');
      ok($('set-low-alarm-bar').value === '1,7', `after the save: ${$('set-low-alarm-bar').value}`);
      type('set-low-alarm-bar', ' 1.6 ');
      type('set-leak-rate', ',25');
      await saveAs(2, 'the save of 1.6');
      sent = lastSaved();
      ok(sent.alerts.low_alarm_bar === 1.6 && sent.json.includes('"low_alarm_bar":1.6,'), sent.json);
      ok(sent.alerts.leak_bar_per_6h === 0.25, sent.json);
      await until(() => shownDecimals() === '2 1,6 3 3,5 0,25', `the saved values in Dutch: ${shownDecimals()}`);
      for (const bad of ['abc', '1,5,0', '1.000,5', '1 5', '', '1,5 bar']) {
        type('set-low-alarm-bar', bad);
        $('btn-save-settings').click();
        await until(() => invalid('set-low-alarm-bar'), `"${bad}" marked`);
        ok(text('settings-message') === 'Alarm onder: vul een getal in, bijvoorbeeld 1,6.', `"${bad}": ${text('settings-message')}`);
        ok($('settings-message').classList.contains('is-err'), 'shown as a problem');
        ok(allInvalid().join() === 'set-low-alarm-bar', `marked: ${allInvalid()}`);
        ok(document.activeElement === $('set-low-alarm-bar'), 'and focused');
        ok($('set-low-alarm-bar').value === bad, `kept as typed: ${$('set-low-alarm-bar').value}`);
        // readForm refuses before anything is sent: a call would be on record by now.
        ok(callsOf('save_settings').length === 2, `"${bad}" saved something`);
      }
      type('set-low-alarm-bar', '1,7');
      ok(!invalid('set-low-alarm-bar'), 'typing clears the mark');
      await saveAs(3, 'the save after the fix');
      ok(lastSaved().alerts.low_alarm_bar === 1.7, lastSaved().json);
    },

    // A switch of language re-formats the decimal fields ("1.5" <-> "1,5"); an edit in
    // progress stays as typed, and still saves.
    async 'decimals-switch'() {
      await openSettings();
      ok(shownDecimals() === '2 1.5 3 3.5 0.2', `English: ${shownDecimals()}`);
      type('set-leak-rate', '0,3');
      mock().update((s) => { s.language = 'nl'; });
      await until(() => document.documentElement.lang === 'nl' && $('set-low-alarm-bar').value === '1,5', 'the Dutch form');
      ok(shownDecimals() === '2 1,5 3 3,5 0,3', `Dutch: ${shownDecimals()}`);
      noLocaleInputs();
      mock().update((s) => { s.language = 'en'; });
      await until(() => document.documentElement.lang === 'en' && $('set-low-alarm-bar').value === '1.5', 'the English form');
      ok(shownDecimals() === '2 1.5 3 3.5 0,3', `English again: ${shownDecimals()}`);
      await saveAs(1, 'the save');
      const sent = lastSaved();
      ok(sent.alerts.leak_bar_per_6h === 0.3 && sent.alerts.high_alarm_bar === 3.5 && sent.alerts.low_alarm_bar === 1.5, sent.json);
      // The language chosen in the form: saved, and the form follows it (the saved values too).
      $('set-language').value = 'nl';
      await saveAs(2, 'the save in Dutch');
      await until(() => document.documentElement.lang === 'nl' && shownDecimals() === '2 1,5 3 3,5 0,3', `Dutch after the save: ${shownDecimals()}`);
      type('set-high-bar', 'x');
      $('btn-save-settings').click();
      await until(() => invalid('set-high-bar'), 'the mark');
      ok(text('settings-message') === 'Waarschuwen boven: vul een getal in, bijvoorbeeld 3,0.', text('settings-message'));
    },

    // Quiet hours: an hour and a minute select each, "22:00" and "07:00" in either language
    // (whatever the webview's locale), saved as ["HH:MM:00", "HH:MM:00"].
    async 'quiet-hours'() {
      await openSettings();
      const nl = document.documentElement.lang === 'nl';
      ok($('set-quiet-on').checked, 'the alarm state has quiet hours');
      ok(shownTime('start') === '22:00' && shownTime('end') === '07:00', `shown: ${shownTime('start')} – ${shownTime('end')}`);
      ok([...$('set-quiet-start-h').options].map((o) => o.textContent).join(' ') === Array.from({ length: 24 }, (_, i) => String(i).padStart(2, '0')).join(' '), 'hours 00-23');
      ok([...$('set-quiet-end-m').options].map((o) => o.textContent).join(' ') === '00 05 10 15 20 25 30 35 40 45 50 55', 'minutes in steps of 5');
      // Names for screen readers: each select, and each group ("Quiet hours From").
      for (const id of ['set-quiet-start-h', 'set-quiet-start-m', 'set-quiet-end-h', 'set-quiet-end-m']) {
        ok($(id).getAttribute('aria-label') === (id.endsWith('-h') ? (nl ? 'uur' : 'hour') : (nl ? 'minuten' : 'minutes')), `#${id}: ${$(id).getAttribute('aria-label')}`);
        const group = $(id).closest('[role="group"]');
        const name = group.getAttribute('aria-labelledby').split(' ').map((g) => $(g).textContent).join(' ');
        ok(name === (id.includes('start') ? (nl ? 'Stille uren Van' : 'Quiet hours From') : (nl ? 'Stille uren tot' : 'Quiet hours to')), name);
      }
      pick('set-quiet-start-h', '23');
      pick('set-quiet-start-m', '30');
      await saveAs(1, 'the save');
      ok(JSON.stringify(lastSaved().alerts.quiet_hours) === '["23:30:00","07:00:00"]', lastSaved().json);
      await until(() => shownTime('start') === '23:30', `after the save: ${shownTime('start')}`);
      // The backend's error on the quiet hours marks all four.
      mock().saveError = { code: 'invalid', message: 'Quiet hours: must start and end at different times', field: 'alerts.quiet_hours' };
      $('btn-save-settings').click();
      await until(() => invalid('set-quiet-start-h'), 'the mark');
      ok(allInvalid().join() === 'set-quiet-start-h,set-quiet-start-m,set-quiet-end-h,set-quiet-end-m', `marked: ${allInvalid()}`);
      ok(document.activeElement === $('set-quiet-start-h'), 'the hour is focused');
      pick('set-quiet-end-h', '06');
      ok(allInvalid().length === 0, `a new choice clears the mark: ${allInvalid()}`);
      // Off: null, and the selects are disabled; on again: the times as shown.
      $('set-quiet-on').click();
      ok($('set-quiet-start-h').disabled && $('set-quiet-end-m').disabled, 'disabled while off');
      await saveAs(3, 'the save with quiet hours off');
      ok(lastSaved().alerts.quiet_hours === null, lastSaved().json);
      await until(() => !$('set-quiet-on').checked && shownTime('start') === '22:00' && shownTime('end') === '07:00', `off: the usual night ready (${shownTime('start')} – ${shownTime('end')})`);
      $('set-quiet-on').click();
      ok(!$('set-quiet-start-h').disabled, 'enabled');
      await saveAs(4, 'the save with quiet hours on');
      ok(JSON.stringify(lastSaved().alerts.quiet_hours) === '["22:00:00","07:00:00"]', lastSaved().json);
      // A time off the 5-minute steps, as the backend has it, shows and saves as it is.
      await window.__TAURI__.core.invoke('save_settings', { settings: Object.assign({}, callsOf('save_settings')[3].args.settings,
        { alerts: Object.assign({}, lastSaved().alerts, { quiet_hours: ['21:47:00', '06:05:00'] }) }), password: null, clearPassword: false });
      $('btn-back').click();
      $('btn-settings').click();
      await until(() => shownTime('start') === '21:47', `the loaded 21:47: ${shownTime('start')}`);
      ok(shownTime('end') === '06:05', shownTime('end'));
      const n = callsOf('save_settings').length;
      await saveAs(n + 1, 'the save of 21:47');
      ok(JSON.stringify(lastSaved().alerts.quiet_hours) === '["21:47:00","06:05:00"]', lastSaved().json);
    },

    // "retrying": the reading stays, a quiet note, not the offline look.
    async retrying() {
      await ready();
      ok(text('soc') === '63 %', `soc ${text('soc')}`);
      ok($('connection').classList.contains('conn--retrying'), $('connection').className);
      ok(/retrying/i.test(text('connection-text')), `chip ${text('connection-text')}`);
      ok($('connection-error').hidden, 'the red error box is hidden');
      ok(!document.body.classList.contains('is-stale'), 'not stale');
    },

    // The tray asked for Stop: the dialog opens with the preview; Send carries the token.
    async 'confirm-tray'() {
      await ready();
      await until(() => $('confirm-dialog').open, 'the confirmation dialog');
      ok(/Stop electric charging/.test(text('confirm-text')), `dialog text ${text('confirm-text')}`);
      ok(!$('confirm-details').open, 'the raw JSON starts collapsed');
      ok(callsOf('preview_command').length === 1, 'one preview');
      const token = await (async () => {
        await until(() => !$('btn-confirm').disabled, 'Send to be enabled');
        $('btn-confirm').click();
        await until(() => callsOf('send_command').length === 1, 'send_command');
        return callsOf('send_command')[0].args.token;
      })();
      ok(typeof token === 'string' && token.length > 0, `send_command carried token ${token}`);
      await until(() => /Confirmed by the device/.test(text('outcome')), 'the outcome');
      ok(!$('confirm-dialog').open, 'the dialog closed');
      mock().emit();
      await sleep(200);
      ok(!$('confirm-dialog').open, 'the dialog stays closed');
      ok(callsOf('cancel_confirmation').length === 0, 'no cancel after a send');
    },

    // The tray asked for Start, the owner cancels: cancel_confirmation, and it stays closed.
    async 'confirm-cancel'() {
      await ready();
      await until(() => $('confirm-dialog').open, 'the confirmation dialog');
      ok(/Start electric charging/.test(text('confirm-text')), `dialog text ${text('confirm-text')}`);
      $('btn-cancel').click();
      await until(() => callsOf('cancel_confirmation').length === 1, 'cancel_confirmation');
      ok(!$('confirm-dialog').open, 'the dialog closed');
      mock().emit();
      await sleep(300);
      ok(!$('confirm-dialog').open, 'the dialog stays closed');
      ok(callsOf('send_command').length === 0, 'nothing sent');
      ok(callsOf('preview_command').length === 1, 'no second preview');
    },

    // A typed error from save_settings: its message as it is, and its field marked.
    async 'settings-field'() {
      await ready();
      $('btn-settings').click();
      await until(() => $('set-low-alarm-bar').value !== '', 'the settings to load');
      $('set-low-alarm-bar').value = '2.5';
      $('btn-save-settings').click();
      await until(() => /^Alarm below/.test(text('settings-message')), 'the error message');
      ok(text('settings-message') === 'Alarm below: must be below Warn below (2 bar)', `message ${text('settings-message')}`);
      ok(invalid('set-low-alarm-bar'), 'the alarm level is marked');
      ok(allInvalid().length === 1, `only one field is marked: ${allInvalid()}`);
      ok(document.activeElement === $('set-low-alarm-bar'), 'and focused');
      $('set-low-alarm-bar').value = '1.5';
      $('set-low-alarm-bar').dispatchEvent(new Event('input'));
      ok(!invalid('set-low-alarm-bar'), 'typing clears the mark');
      $('set-password').value = 'wrong';
      $('set-control').checked = true;
      $('btn-save-settings').click();
      await until(() => text('settings-message') === 'Saved.', 'Saved.');
      ok(/refused the password/.test(text('password-check')), `password check ${text('password-check')}`);
      ok($('password-check').classList.contains('is-err'), 'shown as a problem');
      // A local check (not a number) marks its field the same way.
      $('set-hold').value = '1.5';
      $('btn-save-settings').click();
      await until(() => /Confirm after/.test(text('settings-message')), 'the local error');
      ok(invalid('set-hold'), 'the hold field is marked');
    },

    // test_connection sends the typed password and shows the login result.
    async 'test-login'() {
      await ready();
      $('btn-settings').click();
      await until(() => $('set-host').value !== '', 'the settings to load');
      $('set-password').value = 'service';
      $('btn-test-connection').click();
      await until(() => /^Connected/.test(text('settings-message')), 'the test result');
      const args = callsOf('test_connection')[0].args;
      ok(args.password === 'service' && args.port === 4805 && args.host === '192.168.1.50', JSON.stringify(args));
      ok(/accepted the password/.test(text('password-check')), `login ${text('password-check')}`);
      $('set-host').value = '';
      $('btn-test-connection').click();
      await sleep(100);
      ok(invalid('set-host'), 'an empty host is marked');
    },

    // A command error names its field: the input is marked.
    async 'command-field'() {
      await ready();
      $('btn-start').click();
      await until(() => /mock refuses/.test(text('outcome')), 'the preview error');
      ok(invalid('power'), 'the power input is marked');
      ok(!$('confirm-dialog').open, 'no dialog');
    },

    // A failed snooze shows its error until the next snooze action, whatever states arrive.
    async 'snooze-fail'() {
      await ready();
      $('btn-snooze-1h').click();
      await until(() => !$('alerts-snooze-error').hidden, 'the snooze error');
      ok(/disk full/.test(text('alerts-snooze-error')), text('alerts-snooze-error'));
      mock().emit();
      mock().emit();
      await sleep(200);
      ok(!$('alerts-snooze-error').hidden, 'the error survives new states');
      $('btn-snooze-tomorrow').click();
      await sleep(10);
      ok($('alerts-snooze-error').hidden, 'the next snooze action hides it');
      await until(() => !$('alerts-snooze-error').hidden, 'the second error');
    },

    // The pressure card's look comes from the active alerts, not from the raw reading.
    async 'pressure-look'() {
      await ready();
      const card = $('pressure-card');
      ok(text('pressure') === '1.41 bar', text('pressure'));
      ok(!card.classList.contains('is-alarm') && !card.classList.contains('is-warn'), `raw low, no alert: ${card.className}`);
      mock().update((s) => { s.alerts.active = [{ kind: 'low_pressure', severity: 'warning', line: 'Warning: low pressure', snoozable: true }]; });
      await until(() => card.classList.contains('is-warn'), 'the warning look');
      ok(!$('alerts-snooze-buttons').hidden, 'a warning can be snoozed');
      mock().update((s) => { s.alerts.active = [{ kind: 'low_pressure', severity: 'alarm', line: 'Alarm: low pressure', snoozable: false }]; });
      await until(() => card.classList.contains('is-alarm'), 'the alarm look');
      ok(!card.classList.contains('is-warn'), 'not both');
      ok($('alerts-snooze-buttons').hidden, 'an alarm alone offers no snooze');
      ok(!$('alerts-no-snooze').hidden, 'and says so');
      mock().update((s) => { s.alerts.active = []; });
      await until(() => !card.classList.contains('is-alarm'), 'the look to clear');
    },

    // The history view draws four charts from history_query; a gap is a null uPlot is given.
    async 'history-charts'() {
      await openHistory();
      const us = charts();
      ok(us.every((u) => u && u.root.querySelector('canvas')), 'four uPlot charts');
      ok(document.querySelectorAll('#history-charts canvas').length === 4, 'four canvases');
      fits();
      const call = callsOf('history_query')[0].args;
      const span = (Date.parse(call.to) - Date.parse(call.from)) / 1000;
      ok(Math.abs(span - 86400) < 5, `24 h asked for: ${call.from} .. ${call.to}`);
      ok(call.buckets === 192, `no bucket narrower than 1.5 polls of 300 s: ${call.buckets}`);
      ok(!/\.\d+Z$/.test(call.from) && /Z$/.test(call.from), `RFC 3339 in whole seconds: ${call.from}`);
      const p = us[1];
      const nulls = p.data[1].filter((v) => v === null).length;
      ok(nulls > 0, 'the outage yesterday 18:02-18:42 is a null in the pressure series');
      ok(p.data[1].some((v) => typeof v === 'number'), 'and there are readings');
      ok(!p.series[1].spanGaps, 'gaps are not spanned');
      us.slice(0, 3).forEach((u, i) => ok(u.data[1].filter((v) => v === null).length === nulls, `chart ${i}: the same gap`));
      // the mock's null day (5 days ago) is outside 24 h: today and yesterday have bars
      ok(us[3].data[1].length === 2 && us[3].data[1].every((v) => typeof v === 'number'), `daily ${JSON.stringify(us[3].data[1])}`);
      ok($('history-demo').hidden && $('history-off').hidden && $('history-status').hidden, 'no notes');
      // the cursor of one chart moves the others (one sync key)
      const over = us[0].root.querySelector('.u-over');
      const r = over.getBoundingClientRect();
      over.dispatchEvent(new MouseEvent('mousemove', { clientX: r.left + r.width * 0.5, clientY: r.top + 10, bubbles: true }));
      await sleep(50);
      ok(us[2].cursor.idx === us[0].cursor.idx && us[0].cursor.idx != null, `synced cursors ${us[0].cursor.idx} / ${us[2].cursor.idx}`);
      ok(/\d{2}:\d{2}/.test($('chart-soc').querySelector('.u-legend .u-value').textContent), 'the readout shows the time');
      ok(/bar$|—/.test($('chart-pressure').querySelector('.u-legend .u-series:nth-child(2) .u-value').textContent), 'and the pressure');
    },

    // A range button queries again; 7 days has the null day: no bar, not a zero.
    async 'history-range'() {
      await openHistory();
      const before = callsOf('history_query').length;
      $('btn-range-7d').click();
      await until(() => callsOf('history_query').length === before + 1, 'a second query');
      const call = callsOf('history_query')[before].args;
      ok(Math.abs((Date.parse(call.to) - Date.parse(call.from)) / 1000 - 7 * 86400) < 5, `7 days: ${call.from} .. ${call.to}`);
      ok($('btn-range-7d').getAttribute('aria-pressed') === 'true' && $('btn-range-24h').getAttribute('aria-pressed') === 'false', 'the pressed button');
      await until(() => charts()[3].data[0].length >= 7, 'the 7-day charts');
      const daily = charts()[3].data;
      ok(daily[1].includes(null) && !daily[1].includes(0), `the null day stays null: ${JSON.stringify(daily[1])}`);
      fits();
      // a drag across the pressure chart zooms: a query of that span, with finer buckets
      const n = callsOf('history_query').length;
      const u = charts()[1];
      const w = u.bbox.width / devicePixelRatio;
      u.setSelect({ left: w * 0.4, width: w * 0.1, top: 0, height: 20 });
      await until(() => callsOf('history_query').length === n + 1, 'the zoom query');
      const z = callsOf('history_query')[n].args;
      const zspan = (Date.parse(z.to) - Date.parse(z.from)) / 1000;
      ok(zspan > 0.09 * 7 * 86400 && zspan < 0.11 * 7 * 86400, `the dragged span: ${zspan} s`);
      ok(!$('history-zoom').hidden, 'the zoom row shows');
      ok($('btn-range-7d').getAttribute('aria-pressed') === 'false', 'no range is pressed while zoomed');
      await until(() => charts()[1].scales.x.max - charts()[1].scales.x.min < 0.2 * 7 * 86400, 'the zoomed charts');
      $('btn-reset-zoom').click();
      await until(() => callsOf('history_query').length === n + 2, 'the reset query');
      ok($('history-zoom').hidden && $('btn-range-7d').getAttribute('aria-pressed') === 'true', 'back to 7 days');
    },

    // Export CSV: the shown period, the path it went to; a cancel says nothing.
    async 'history-export'() {
      await openHistory();
      $('btn-export').click();
      await until(() => /^Saved to \/home\/owner\/Documents\/nestore-history-/.test(text('history-export-message')), 'the saved path');
      const args = callsOf('history_export')[0].args;
      const shown = callsOf('history_query').slice(-1)[0].args;
      ok(args.from === shown.from && args.to === shown.to && args.daily === false, JSON.stringify(args));
      $('history-export-daily').checked = true;
      $('btn-export').click();
      await until(() => callsOf('history_export').length === 2 && /nestore-daily-/.test(text('history-export-message')), 'the daily export');
      ok(callsOf('history_export')[1].args.daily === true, 'daily: true');
    },
    async 'history-export-fail'() {
      await openHistory();
      $('btn-export').click();
      await until(() => /permission denied/.test(text('history-export-message')), 'the error');
      ok($('history-export-message').classList.contains('is-err'), 'shown as an error');
    },
    async 'history-export-cancel'() {
      await openHistory();
      $('btn-export').click();
      await until(() => callsOf('history_export').length === 1 && !$('btn-export').disabled, 'the export');
      await sleep(100);
      ok($('history-export-message').hidden, `nothing said: ${text('history-export-message')}`);
    },

    // No data yet / history off / demo: said plainly.
    async 'history-notes'() {
      await ready();
      $('btn-history').click();
      const hist = q.get('hist');
      if (hist === 'empty') {
        await until(() => /No history yet/.test(text('history-status')), 'the empty note');
        ok($('history-charts').hidden, 'no charts');
      } else if (hist === 'off') {
        await until(() => !$('history-off').hidden, 'the off note');
        ok(/Keep history/.test(text('history-off')), text('history-off'));
      } else {
        await until(() => !$('history-demo').hidden, 'the demo badge');
        ok(text('history-demo') === 'Demo data', text('history-demo'));
      }
    },

    // From the click to four charts drawn within 300 ms: 30 days (1,000 buckets), a year
    // (365 daily buckets and 365 days of bars), and twice each. Runs on the wall clock.
    async 'history-perf'() {
      await openHistory();
      const runs = [];
      for (const range of ['30d', '1y', '30d', '1y']) {
        delete $('view-history').dataset.drawMs;
        $(`btn-range-${range}`).click();
        await until(() => $('view-history').dataset.drawMs, `the ${range} charts`, 5000);
        const buckets = charts()[0].data[0].length;
        ok(buckets === (range === '1y' ? 365 : 1000), `${range}: ${buckets} buckets`);
        const ms = Number($('view-history').dataset.drawMs);
        runs.push(`${range} ${buckets} buckets: ${ms} ms (${$('view-history').dataset.renderMs} ms after the reply)`);
        ok(ms <= 300, `${range} took ${ms} ms from click to charts drawn`);
      }
      document.documentElement.dataset.perf = runs.join('; ');
      fits();
    },

    // Settings: Keep history and Keep for load and save with the other settings.
    async 'history-settings'() {
      await ready();
      $('btn-settings').click();
      await until(() => $('set-host').value !== '', 'the settings to load');
      ok($('set-history').checked, 'Keep history is on by default');
      ok($('set-keep-days').value === 'forever', `Keep for: ${$('set-keep-days').value}`);
      ok([...$('set-keep-days').options].map((o) => o.textContent).join('|') === 'Forever|1 year|2 years|5 years|10 years'.replace(/ /g, NB), 'the choices');
      $('set-history').checked = false;
      $('set-keep-days').value = '730';
      $('btn-save-settings').click();
      await until(() => text('settings-message') === 'Saved.', 'Saved.');
      const sent = callsOf('save_settings')[0].args.settings;
      ok(sent.history_enabled === false && sent.history_keep_days === 730, JSON.stringify(sent));
      $('set-keep-days').value = 'forever';
      $('btn-save-settings').click();
      await until(() => callsOf('save_settings').length === 2, 'the second save');
      ok(callsOf('save_settings')[1].args.settings.history_keep_days === null, 'Forever is null');
    },

    // Find my NEStore in Settings: the search starts only when asked, the hits show as they
    // come (before the search ends), the summary at the end; Use tests and then saves that
    // host and port; a failed test saves nothing; a new search starts a new list.
    async 'find-settings'() {
      await openSettings();
      const [h1, h2] = mock().HITS;
      ok(callsOf('discover').length === 0, 'searched without being asked');
      ok($('finder').hidden, 'results before any search');
      mock().holdDiscovery = true;
      $('btn-find').click();
      await until(() => mock().searching, 'the search');
      ok($('btn-find').disabled, 'Find is disabled while searching');
      ok(text('find-status') === 'Looking for your NEStore on this network…', `status ${text('find-status')}`);
      ok($('find-status').classList.contains('is-busy'), 'shown as busy');
      ok($('find-list').getAttribute('aria-live') === 'polite', 'the list is a polite live region');
      ok($('find-list').getAttribute('aria-label') === 'NEStores found', $('find-list').getAttribute('aria-label'));
      ok($('find-list').children.length === 0, 'no rows yet');
      mock().discoveryHit(h1);
      await until(() => $('find-hit-0'), 'the first hit');
      ok(callsOf('discover')[0].answeredAt === null && mock().searching, 'the hit shows before the search ends');
      const first = $('find-hit-0');
      ok(first.querySelector('.find-hit-name').textContent === 'nestore.home', first.textContent);
      ok(first.querySelector('.find-hit-address').textContent === '192.168.1.20:4805', first.textContent);
      ok(first.querySelector('.find-hit-api').textContent === 'API v3', first.textContent);
      ok(first.querySelector('.find-hit-soc').textContent === `charge 63${NB}%`, first.textContent);
      const use = $('btn-use-hit-0');
      ok(use.tagName === 'BUTTON' && use.type === 'button' && use.textContent === 'Use', use.outerHTML);
      ok(use.getAttribute('aria-label') === 'Use nestore.home', use.getAttribute('aria-label'));
      // The same address again is one row; a render keeps the row and the focus on its button.
      mock().discoveryHit(h1);
      use.focus();
      mock().emit();
      ok($('find-list').children.length === 1, 'a hit twice is one row');
      ok(document.activeElement === use, 'focus stays on Use through a render');
      mock().discoveryHit(h2);
      await until(() => $('find-hit-1'), 'the second hit');
      ok($('find-hit-0') === first, 'the first row was kept, not drawn again');
      ok($('find-hit-1').querySelector('.find-hit-name').textContent === '192.168.1.37:4805', $('find-hit-1').textContent);
      ok(!$('find-hit-1').querySelector('.find-hit-address'), 'no name: the address once');
      ok($('find-hit-1').querySelector('.find-hit-soc').textContent === 'charge —', $('find-hit-1').textContent);
      ok($('btn-use-hit-1').getAttribute('aria-label') === 'Use 192.168.1.37:4805', $('btn-use-hit-1').getAttribute('aria-label'));
      ok(text('find-status') === 'Looking for your NEStore on this network…', 'still searching');
      mock().discoveryFinish({ complete: true, swept: 254 });
      await until(() => !$('btn-find').disabled, 'the end of the search');
      ok(text('find-status') === 'Found 2 NEStores. Choose the one to use.', `summary ${text('find-status')}`);
      ok($('find-list').children.length === 2, 'two rows');
      // Use: the form takes nestore.home:4805, Test connection runs, then Save.
      $('set-port').value = '4806';
      $('btn-use-hit-0').click();
      await until(() => callsOf('save_settings').length === 1 && callsOf('save_settings')[0].answeredAt !== null, 'the save');
      const test = callsOf('test_connection');
      ok(test.length === 1 && test[0].args.host === 'nestore.home' && test[0].args.port === 4805, JSON.stringify(test));
      const saved = callsOf('save_settings')[0];
      ok(saved.args.settings.host === 'nestore.home' && saved.args.settings.port === 4805, JSON.stringify(saved.args.settings));
      ok(test[0].answeredAt <= saved.at, 'saved after the test answered');
      await until(() => text('settings-message') === 'Saved. The app now reads the NEStore at nestore.home:4805.', `message ${text('settings-message')}`);
      ok($('settings-message').classList.contains('is-ok'), 'shown as done');
      ok($('set-host').value === 'nestore.home' && $('set-port').value === '4805', `${$('set-host').value}:${$('set-port').value}`);
      ok(mock().state.device === 'nestore.home:4805', `the app uses ${mock().state.device}`);
      // A device the test cannot reach: the test's message, and nothing saved.
      $('btn-find').click();
      await until(() => mock().searching, 'the second search');
      ok($('find-list').children.length === 0, 'a new search starts a new list');
      mock().discoveryHit({ address: '10.0.0.99:4805', host: '10.0.0.99', port: 4805, name: null, found_by: 'mdns_host', api_version: 'v1', soc_pct: 12.4 });
      mock().discoveryFinish({ complete: true, swept: 254 });
      await until(() => text('find-status') === 'Found 1 NEStore. Choose Use to use it.', `summary ${text('find-status')}`);
      ok($('find-hit-0').querySelector('.find-hit-soc').textContent === `charge 12${NB}%`, $('find-hit-0').textContent);
      $('btn-use-hit-0').click();
      await until(() => callsOf('test_connection').length === 2 && /^Unreachable/.test(text('settings-message')), 'the failed test');
      ok($('settings-message').classList.contains('is-err'), 'shown as a problem');
      ok(callsOf('save_settings').length === 1, 'a failed test saved something');
      ok($('set-host').value === '10.0.0.99', `the form shows what was tested: ${$('set-host').value}`);
      ok(mock().state.device === 'nestore.home:4805', `the app still uses ${mock().state.device}`);
    },

    // First run (no device): Find in the card; none found says what to do (and that the search
    // was cut short); Use opens Settings, fills it once the settings are loaded, tests, saves.
    async 'find-first-run'() {
      await ready();
      ok(!$('empty-state').hidden && !$('btn-find-empty').hidden, 'the first-run card with Find');
      ok(text('btn-find-empty') === 'Find my NEStore', text('btn-find-empty'));
      ok($('find-offline').hidden, 'no offline notice without a device');
      ok(callsOf('discover').length === 0, 'searched without being asked');
      mock().holdDiscovery = true;
      $('btn-find-empty').click();
      await until(() => mock().searching, 'the search');
      ok($('btn-find-empty').disabled, 'disabled while searching');
      ok($('empty-state').contains($('finder')) && !$('finder').hidden, 'the results show in the card');
      mock().discoveryFinish({ hits: [], complete: false, swept: 254 });
      await until(() => !$('btn-find-empty').disabled, 'the end of the search');
      ok(text('find-status') === 'No NEStore found on this network (254 addresses swept). Check that it is switched on and connected, or type its address. The time ran out before every address had answered: press Find my NEStore again if yours is missing.', `none: ${text('find-status')}`);
      ok($('find-list').hidden, 'no list');
      $('btn-find-empty').click();
      await until(() => mock().searching, 'the second search');
      ok(text('find-status') === 'Looking for your NEStore on this network…', 'searching again');
      // Hits only in the answer (no event) are listed too.
      mock().discoveryFinish({ hits: [mock().HITS[1]], complete: true, swept: 1 });
      await until(() => $('find-hit-0'), 'the hit');
      ok(text('find-status') === 'Found 1 NEStore. Choose Use to use it.', text('find-status'));
      $('btn-use-hit-0').click();
      await until(() => callsOf('save_settings').length === 1 && callsOf('save_settings')[0].answeredAt !== null, 'the save');
      ok(!$('view-settings').hidden, 'Settings opened');
      const loaded = callsOf('get_settings')[0];
      const test = callsOf('test_connection')[0];
      ok(loaded && loaded.answeredAt <= test.at, 'the form was filled after the settings loaded');
      ok(test.args.host === '192.168.1.37' && test.args.port === 4805, JSON.stringify(test.args));
      const sent = callsOf('save_settings')[0].args.settings;
      ok(sent.host === '192.168.1.37' && sent.port === 4805 && sent.poll_interval_s === 300, JSON.stringify(sent));
      await until(() => mock().state.connection === 'connecting', 'the app to use it');
      $('btn-back').click();
      ok($('empty-state').hidden, 'no first-run card once a device is set');
    },

    // A search running already (another window, the tray): the backend's refusal, as it is.
    async 'find-refused'() {
      await openSettings();
      mock().holdDiscovery = true;
      const other = window.__TAURI__.core.invoke('discover');
      await until(() => mock().searching, 'the other search');
      $('btn-find').click();
      await until(() => text('find-status') === 'A search is already running.', `the refusal: ${text('find-status')}`);
      ok($('find-status').classList.contains('is-err'), 'shown as a problem');
      ok(!$('btn-find').disabled, 'Find can be pressed again');
      // The other search's hits are not this window's search.
      mock().discoveryHit(mock().HITS[0]);
      mock().emit();
      ok($('find-list').children.length === 0, 'a hit of the other search was listed');
      mock().discoveryFinish();
      await other;
    },

    // The configured device (not the demo) offline for more than 10 min: a notice offers to
    // look for it; nothing is searched until it is pressed.
    async 'find-offline'() {
      await ready();
      const nl = document.documentElement.lang === 'nl';
      const since = new Date(mock().state.offline_since);
      const hhmm = `${String(since.getHours()).padStart(2, '0')}:${String(since.getMinutes()).padStart(2, '0')}`;
      await until(() => !$('find-offline').hidden, 'the notice');
      const expected = nl
        ? `Je NEStore is sinds ${hhmm} niet bereikbaar. Heeft je router hem een nieuw adres gegeven? Dan kan Zoek mijn NEStore hem opzoeken.`
        : `Your NEStore has not answered since ${hhmm}. If your router gave it a new address, Find my NEStore can look for it.`;
      // Today: "since 14:05"; an outage that began yesterday: "since 26 Nov 23:50".
      const today = since.toDateString() === new Date().toDateString();
      ok(today ? text('find-offline-text') === expected
        : text('find-offline-text').endsWith(expected.slice(expected.indexOf(hhmm))), `notice ${text('find-offline-text')}`);
      ok(text('btn-find-offline') === (nl ? 'Zoek mijn NEStore' : 'Find my NEStore'), text('btn-find-offline'));
      ok(callsOf('discover').length === 0, 'searched without being asked');
      const ago = (min) => new Date(Date.now() - min * 60000).toISOString();
      const shown = () => !$('find-offline').hidden;
      mock().update((st) => { st.offline_since = ago(9); });
      ok(!shown(), 'shown after 9 min');
      mock().update((st) => { st.offline_since = ago(11); });
      ok(shown(), 'not shown after 11 min');
      mock().update((st) => { st.demo = true; st.device = 'demo'; });
      ok(!shown(), 'shown for the demo');
      mock().update((st) => { st.demo = false; st.device = null; });
      ok(!shown(), 'shown without a device');
      mock().update((st) => { st.device = '192.168.1.50:4805'; st.connection = 'retrying'; });
      ok(!shown(), 'shown while retrying');
      mock().update((st) => { st.connection = 'offline'; st.offline_since = null; });
      ok(!shown(), 'shown without offline_since');
      mock().update((st) => { st.offline_since = ago(30); });
      ok(shown(), 'not shown after 30 min');
      ok(callsOf('discover').length === 0, 'searched without being asked');
      mock().holdDiscovery = true;
      $('btn-find-offline').click();
      await until(() => mock().searching, 'the search');
      ok($('find-offline').contains($('finder')), 'the results show in the notice');
      mock().discoveryHit(mock().HITS[0]);
      await until(() => $('find-hit-0'), 'the hit');
      mock().discoveryFinish();
      await until(() => !$('btn-find-offline').disabled, 'the end of the search');
      $('btn-use-hit-0').click();
      await until(() => callsOf('save_settings').length === 1 && callsOf('save_settings')[0].answeredAt !== null, 'the save');
      ok(!$('view-settings').hidden, 'Settings opened');
      ok(callsOf('save_settings')[0].args.settings.host === 'nestore.home', JSON.stringify(callsOf('save_settings')[0].args.settings));
      await until(() => text('settings-message') === (nl ? 'Opgeslagen. De app leest nu de NEStore op nestore.home:4805 uit.'
        : 'Saved. The app now reads the NEStore at nestore.home:4805.'), `message ${text('settings-message')}`);
      $('btn-back').click();
      ok(!shown(), 'the notice stays after the new address is used');
    },

    // Find my NEStore in Dutch: every word of it, the summary, none found, the names.
    async 'find-dutch'() {
      await openSettings();
      const langs = await languages();
      ok(text('btn-find') === 'Zoek mijn NEStore', text('btn-find'));
      mock().holdDiscovery = true;
      $('btn-find').click();
      await until(() => mock().searching, 'the search');
      ok(text('find-status') === 'Je NEStore zoeken op dit netwerk…', text('find-status'));
      mock().discoveryHit(mock().HITS[0]);
      mock().discoveryHit(mock().HITS[1]);
      await until(() => $('find-hit-1'), 'the hits');
      ok($('find-hit-0').querySelector('.find-hit-soc').textContent === `laadtoestand 63${NB}%`, $('find-hit-0').textContent);
      ok($('find-hit-1').querySelector('.find-hit-soc').textContent === 'laadtoestand —', $('find-hit-1').textContent);
      ok($('find-hit-0').querySelector('.find-hit-api').title === 'De API-versie van de firmware', 'the API title');
      ok($('btn-use-hit-0').textContent === 'Gebruiken' && $('btn-use-hit-0').getAttribute('aria-label') === 'nestore.home gebruiken',
        $('btn-use-hit-0').getAttribute('aria-label'));
      mock().discoveryFinish();
      await until(() => !$('btn-find').disabled, 'the end');
      ok(text('find-status') === '2 NEStores gevonden. Kies de NEStore die je wilt gebruiken.', text('find-status'));
      allDutch(langs);
      $('btn-find').click();
      await until(() => mock().searching, 'the second search');
      mock().discoveryFinish({ swept: 1 });
      await until(() => !$('btn-find').disabled, 'the end');
      ok(text('find-status') === 'Geen NEStore gevonden op dit netwerk (1 adres doorzocht). Controleer of hij aanstaat en verbonden is, of vul zijn adres in.', text('find-status'));
      // A switch of language redraws the rows in the other language.
      $('btn-find').click();
      await until(() => mock().searching, 'the third search');
      mock().discoveryHit(mock().HITS[0]);
      mock().discoveryFinish();
      await until(() => $('find-hit-0') && !$('btn-find').disabled, 'the hit');
      mock().update((st) => { st.language = 'en'; });
      await until(() => document.documentElement.lang === 'en' && $('btn-use-hit-0').textContent === 'Use', 'the English rows');
      ok($('btn-use-hit-0').getAttribute('aria-label') === 'Use nestore.home', $('btn-use-hit-0').getAttribute('aria-label'));
      ok(text('find-status') === 'Found 1 NEStore. Choose Use to use it.', text('find-status'));
    },

    // Charge timers in Settings: the rules of get_settings drawn (their words in the window's
    // language), one added, changed and another removed, and the JSON save_settings sends.
    async 'timers-settings'() {
      await openSettings();
      const nl = document.documentElement.lang === 'nl';
      await until(() => !$('timer-settings').hidden && $('timer-1'), 'the timers');
      ok($('timer-list').children.length === 2, `${$('timer-list').children.length} rows`);
      ok($('timers-none').hidden && $('timers-error').hidden, 'no note, no error');
      ok(text('timer-0-summary') === (nl ? `ma-vr 22:00-06:00: laden met 2000${NB}W tot een laadtoestand van 90${NB}%`
        : `Mon-Fri 22:00-06:00: charge at 2000${NB}W up to 90${NB}%`), text('timer-0-summary'));
      ok(text('timer-1-summary') === (nl ? 'za, zo 17:00-20:00: automatisch laden tegenhouden'
        : 'Sat, Sun 17:00-20:00: hold off automatic charging'), text('timer-1-summary'));
      ok($('timer-0-title').textContent === 'Timer 1' && $('timer-0').getAttribute('aria-labelledby') === 'timer-0-title', 'the rule is a group named by its title');
      ok([...$('timer-list').children].every((li) => li.tagName === 'LI' && !li.hasAttribute('role')) && $('timer-0').parentElement === $('timer-list').children[0],
        'each rule a list item holding its group');
      const days = (i) => ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].filter((d) => $(`timer-${i}-day-${d}`).checked);
      ok(days(0).join() === 'mon,tue,wed,thu,fri' && days(1).join() === 'sat,sun', `days ${days(0)} / ${days(1)}`);
      const dayNames = [...$('timer-0-days').querySelectorAll('.day-name')].map((e) => e.textContent).join(' ');
      ok(dayNames === (nl ? 'ma di wo do vr za zo' : 'Mon Tue Wed Thu Fri Sat Sun'), dayNames);
      ok($('timer-0-day-mon').getAttribute('aria-label') === (nl ? 'maandag' : 'Monday'), 'a day in full for screen readers');
      ok($('timer-0-kind').value === 'charge' && $('timer-1-kind').value === 'block', 'kinds');
      ok(shownOption('timer-1-kind') === (nl ? 'Automatisch laden tegenhouden' : 'Hold off automatic charging'), shownOption('timer-1-kind'));
      ok(`${$('timer-0-start-h').value}:${$('timer-0-start-m').value}-${$('timer-0-end-h').value}:${$('timer-0-end-m').value}` === '22:00-06:00', 'times');
      ok($('timer-0-power').value === '2000' && shownOption('timer-0-power') === `2000${NB}W` && $('timer-0-target').value === '90', 'power and target');
      const powers = [...$('timer-0-power').options].map((o) => Number(o.value));
      ok(powers[0] === 1000 && powers[powers.length - 1] === 3400 && powers.length === 25, `power options ${powers}`);
      ok($('timer-1').querySelector('.timer-charge').hidden, 'a block has no power or target');
      // Every control has a name: a label, an aria-label, or its group's.
      for (const c of $('timer-list').querySelectorAll('input, select, button')) {
        const named = c.getAttribute('aria-label') || (c.labels && [...c.labels].some((l) => l.textContent.trim())) || c.textContent.trim()
          || (c.closest('[role="group"][aria-labelledby]') && c.getAttribute('aria-label'));
        ok(named, `#${c.id} has no name`);
      }
      noLocaleInputs();

      // Add one: it is focused, and the list grows.
      $('btn-timer-add').click();
      await until(() => $('timer-2'), 'the new timer');
      ok(document.activeElement === $('timer-2-enabled'), `focus on ${document.activeElement && document.activeElement.id}`);
      ok(text('timer-2-summary') === (nl ? `elke dag 02:00-05:00: laden met 2000${NB}W tot een laadtoestand van 90${NB}%`
        : `every day 02:00-05:00: charge at 2000${NB}W up to 90${NB}%`), text('timer-2-summary'));
      for (const d of ['mon', 'tue', 'thu', 'fri', 'sat', 'sun']) {
        $(`timer-2-day-${d}`).click();
      }
      pick('timer-2-start-h', '10');
      pick('timer-2-end-h', '12');
      pick('timer-2-end-m', '30');
      pick('timer-2-power', '2500');
      type('timer-2-target', '80');
      await until(() => text('timer-2-summary') === (nl ? `wo 10:00-12:30: laden met 2500${NB}W tot een laadtoestand van 80${NB}%`
        : `Wed 10:00-12:30: charge at 2500${NB}W up to 80${NB}%`), `the summary follows: ${text('timer-2-summary')}`);
      // Only in the cheapest hours: none, or 1 to the window's whole hours (2 of 10:00-12:30).
      ok($('timer-2-cheapest').value === '' && shownOption('timer-2-cheapest') === (nl ? 'Nee, de hele tijd' : 'No, the whole time'), shownOption('timer-2-cheapest'));
      const cheapest = [...$('timer-2-cheapest').options].map((o) => o.textContent).join(' | ');
      ok(cheapest === (nl ? 'Nee, de hele tijd | het goedkoopste uur | de 2 goedkoopste uren' : 'No, the whole time | the cheapest hour | the 2 cheapest hours'), cheapest);
      ok($('timer-2-cheapest').labels[0].textContent === (nl ? 'Alleen in de goedkoopste uren' : 'Only in the cheapest hours'), 'its label');
      pick('timer-2-cheapest', '2');
      await until(() => text('timer-2-summary').endsWith(nl ? ', in de 2 goedkoopste uren' : ', in the 2 cheapest hours'), `the summary: ${text('timer-2-summary')}`);
      ok($('timer-1').querySelector('.timer-cheapest-field').hidden, 'a block has no cheapest hours');
      // Remove the second: the third becomes Timer 2 and keeps what was set.
      $('btn-timer-remove-1').click();
      await until(() => !$('timer-2'), 'the removal');
      ok(document.activeElement === $('btn-timer-add'), 'focus on Add after a removal');
      ok($('timer-1-title').textContent === 'Timer 2' && $('timer-1-power').value === '2500' && $('timer-1-target').value === '80', 'the rest renumbered, as set');
      ok($('btn-timer-remove-1').getAttribute('aria-label') === (nl ? 'Timer 2 verwijderen' : 'Remove timer 2'), $('btn-timer-remove-1').getAttribute('aria-label'));
      // Switch the first off, and make the second a block: no power or target is sent for it.
      $('timer-0-enabled').click();
      ok(text('timer-0-summary').startsWith(nl ? 'Uit: ' : 'Off: '), text('timer-0-summary'));
      await saveAs(1, 'the save');
      const sent = callsOf('save_settings')[0].args.settings.timers;
      const expected = [
        { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '22:00', end: '06:00', kind: 'charge', power_w: 2000, target_soc_pct: 90, enabled: false },
        { days: ['wed'], start: '10:00', end: '12:30', kind: 'charge', power_w: 2500, target_soc_pct: 80, enabled: true, cheapest_hours: 2 },
      ];
      ok(JSON.stringify(callsOf('save_settings')[0].args.settings.timers[0]).indexOf('cheapest') < 0, 'no cheapest hours unless chosen');
      ok(JSON.stringify(sent) === JSON.stringify(expected), `sent ${JSON.stringify(sent)}`);
      ok(text('settings-message') === (nl ? 'Opgeslagen.' : 'Saved.'), text('settings-message'));
      pick('timer-1-kind', 'block');
      ok($('timer-1').querySelector('.timer-charge').hidden && $('timer-1').querySelector('.timer-cheapest-field').hidden, 'a block shows no power, no cheapest hours');
      await saveAs(2, 'the second save');
      const block = callsOf('save_settings')[1].args.settings.timers[1];
      ok(JSON.stringify(block) === JSON.stringify({ days: ['wed'], start: '10:00', end: '12:30', kind: 'block', enabled: true }), JSON.stringify(block));
      // Saved: what get_settings gives now, drawn again from it.
      $('btn-back').click();
      $('btn-settings').click();
      await until(() => callsOf('get_settings').length >= 2 && $('timer-1') && $('timer-1-kind').value === 'block', 'the timers loaded again');
      ok($('timer-list').children.length === 2 && !$('timer-0-enabled').checked, 'as saved');
      // None at all: a note, and an empty list is sent.
      $('btn-timer-remove-1').click();
      $('btn-timer-remove-0').click();
      await until(() => !$('timers-none').hidden, 'the note');
      ok(text('timers-none') === (nl ? 'Nog geen timers.' : 'No timers yet.'), text('timers-none'));
      await saveAs(3, 'the third save');
      ok(JSON.stringify(callsOf('save_settings')[2].args.settings.timers) === '[]', 'an empty list');
      if (nl) allDutch(await languages());
    },

    // A refusal naming the timers: its message at the section, the rule it names marked and
    // focused, what the owner set kept; the window's own check of a target; a fix saves.
    async 'timers-refused'() {
      await openSettings();
      const nl = document.documentElement.lang === 'nl';
      await until(() => $('timer-1'), 'the timers');
      $('btn-timer-add').click();
      await until(() => $('timer-2'), 'the new timer');
      pick('timer-2-power', '3000');
      await saveAs(1, 'the refused save');
      const refusal = nl ? 'Timer 3: die overlapt met timer 1' : 'Timer 3: it overlaps timer 1';
      await until(() => text('timers-error') === refusal, `the refusal at the section: ${text('timers-error')}`);
      ok(text('settings-message') === refusal, `and beside Save: ${text('settings-message')}`);
      ok($('timer-2').getAttribute('aria-invalid') === 'true' && $('timer-2').getAttribute('aria-describedby') === 'timers-error', 'the rule named is marked');
      ok(!invalid('timer-0') && !invalid('timer-1'), 'the others are not');
      ok(document.activeElement === $('timer-2-enabled'), `focus on ${document.activeElement && document.activeElement.id}`);
      ok($('timer-list').children.length === 3 && $('timer-2-power').value === '3000', 'what was set is kept');
      ok(callsOf('get_settings').length === 1, 'nothing loaded over it');
      // An edit takes the mark away.
      $('timer-2-day-mon').click();
      await until(() => $('timers-error').hidden && !invalid('timer-2'), 'the mark to go');
      // The window's own check: no target.
      type('timer-2-target', '');
      $('btn-save-settings').click();
      const own = nl ? `Timer 3: vul het doel in als heel getal, 1-100${NB}%` : `Timer 3: enter the target as a whole number, 1-100${NB}%`;
      await until(() => text('timers-error') === own, `the window's check: ${text('timers-error')}`);
      ok(callsOf('save_settings').length === 1, 'nothing sent');
      ok(document.activeElement === $('timer-2-enabled'), 'the rule focused');
      // Only Sunday: no overlap, saved.
      type('timer-2-target', '95');
      for (const d of ['tue', 'wed', 'thu', 'fri', 'sat']) $(`timer-2-day-${d}`).click();
      await saveAs(2, 'the fixed save');
      ok(text('settings-message') === (nl ? 'Opgeslagen.' : 'Saved.'), text('settings-message'));
      ok($('timers-error').hidden, 'no refusal left');
      const sent = callsOf('save_settings')[1].args.settings.timers[2];
      ok(JSON.stringify(sent) === JSON.stringify({ days: ['sun'], start: '02:00', end: '05:00', kind: 'charge', power_w: 3000, target_soc_pct: 95, enabled: true }), JSON.stringify(sent));
    },

    // The line near the controls: a timer in progress, or the next one; nothing without.
    async 'timer-line'() {
      await ready();
      const nl = document.documentElement.lang === 'nl';
      ok($('timer-line').hidden, 'a line without timers');
      const two = (n) => String(n).padStart(2, '0');
      const hm = (d) => `${two(d.getHours())}:${two(d.getMinutes())}`;
      const DAYS = nl ? ['zo', 'ma', 'di', 'wo', 'do', 'vr', 'za'] : ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
      const inH = (h) => new Date(Date.now() + h * 3600000);
      const win = (a, b, kind) => Object.assign({ timer: 1, start: a.toISOString(), end: b.toISOString(), kind },
        kind === 'charge' ? { power_w: 2000, target_soc_pct: 90 } : {});
      // Next: a day and the two times.
      const [a, b] = [inH(30), inH(33)];
      mock().update((st) => { st.timers = { active: null, next: win(a, b, 'charge') }; });
      const next = nl ? `Volgende timer: laden ${DAYS[a.getDay()]} ${hm(a)}-${hm(b)}` : `Next timer: charge ${DAYS[a.getDay()]} ${hm(a)}-${hm(b)}`;
      ok(text('timer-line') === next, `${text('timer-line')} / ${next}`);
      mock().update((st) => { st.timers.next.kind = 'block'; });
      ok(text('timer-line') === (nl ? `Volgende timer: automatisch laden tegenhouden ${DAYS[a.getDay()]} ${hm(a)}-${hm(b)}`
        : `Next timer: hold off automatic charging ${DAYS[a.getDay()]} ${hm(a)}-${hm(b)}`), text('timer-line'));
      // Active: until a time (today), or a day and a time.
      const end = new Date(); end.setHours(23, 55, 0, 0);
      mock().update((st) => { st.timers = { active: win(inH(-1), end, 'charge'), next: win(a, b, 'charge') }; });
      ok(text('timer-line') === (nl ? 'Laden volgens een timer tot 23:55' : 'Charging on a timer until 23:55'), text('timer-line'));
      ok($('timer-line').classList.contains('is-active'), 'shown as active');
      const later = inH(30);
      mock().update((st) => { st.timers = { active: win(inH(-1), later, 'block'), next: null }; });
      ok(text('timer-line') === (nl ? `Automatisch laden tegengehouden tot ${DAYS[later.getDay()]} ${hm(later)}`
        : `Automatic charging held off until ${DAYS[later.getDay()]} ${hm(later)}`), text('timer-line'));
      // Nothing, or something the window cannot read: no line.
      mock().update((st) => { st.timers = { active: null, next: null }; });
      ok($('timer-line').hidden, 'a line with neither');
      mock().update((st) => { st.timers = { active: { kind: 'charge' }, next: 'soon' }; });
      ok($('timer-line').hidden, 'a line from a malformed window');
      mock().update((st) => { delete st.timers; });
      ok($('timer-line').hidden, 'a line without the field');
      // A switch of language redraws it.
      mock().update((st) => { st.timers = { active: null, next: win(a, b, 'charge') }; st.language = nl ? 'en' : 'nl'; });
      await until(() => text('timer-line').startsWith(nl ? 'Next timer: charge ' : 'Volgende timer: laden '), `the other language: ${text('timer-line')}`);
    },

    // The prices of a timer in the cheapest hours (state.prices): a bar per hour, the hours
    // chosen marked, a negative price below the zero line, the chart in words; the timer line
    // says its basis; without prices the problem and the fallback, in the window's language.
    async 'prices-chart'() {
      await ready();
      const nl = document.documentElement.lang === 'nl';
      await until(() => !$('prices').hidden && $('prices-chart').querySelector('.prices-bar'), 'the price chart');
      const two = (n) => String(n).padStart(2, '0');
      const hm = (d) => `${two(d.getHours())}:${two(d.getMinutes())}`;
      const DAYS = nl ? ['zo', 'ma', 'di', 'wo', 'do', 'vr', 'za'] : ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
      const label = (d) => (d.toDateString() === new Date().toDateString() ? hm(d) : `${DAYS[d.getDay()]} ${hm(d)}`);
      const spans = (cs) => cs.map((c) => `${label(new Date(c.start))}–${hm(new Date(c.end))}`).join(', ');
      const p = mock().state.prices;
      const svg = $('prices-chart');
      const bars = [...svg.querySelectorAll('.prices-bar')];
      ok(bars.length === p.points.length && bars.length === 48, `${bars.length} bars for ${p.points.length} prices`);
      const chosen = bars.filter((b) => b.classList.contains('is-chosen')).map((b) => b.dataset.start);
      ok(JSON.stringify(chosen) === JSON.stringify(p.chosen.map((c) => c.start)), `the hours marked: ${chosen}`);
      const zero = Number(svg.querySelector('.prices-zero').getAttribute('y1'));
      const barOf = (eur) => bars[p.points.findIndex((x) => x.eur_per_kwh === eur)];
      const neg = barOf(-0.03);
      ok(neg.classList.contains('is-negative') && Math.abs(Number(neg.getAttribute('y')) - zero) < 0.01, 'a negative price hangs below the zero line');
      const high = barOf(0.38);
      ok(Math.abs(Number(high.getAttribute('y')) + Number(high.getAttribute('height')) - zero) < 0.01 && Number(high.getAttribute('y')) < zero, 'a price above zero stands on it');
      ok(Number(high.getAttribute('height')) > Number(barOf(0.11).getAttribute('height')) * 3, 'bars as high as their price');
      const ticks = [...svg.querySelectorAll('.prices-tick')].map((e) => e.textContent);
      ok(ticks.includes('06:00') && ticks.includes('18:00') && ticks.includes(DAYS[new Date().getDay()]), `the hours in local time: ${ticks}`);
      const words = `${nl ? 'Gekozen goedkoopste uren: ' : 'Cheapest hours chosen: '}${spans(p.chosen)}`;
      ok(text('prices-chosen') === words, `the legend: ${text('prices-chosen')} / ${words}`);
      ok(svg.getAttribute('role') === 'img' && svg.getAttribute('aria-label').endsWith(words)
        && svg.getAttribute('aria-label').startsWith(nl ? 'Stroomprijzen per uur van ' : 'Hourly electricity prices from ')
        && svg.getAttribute('aria-label').includes(`38${NB}ct/kWh`), `the text alternative: ${svg.getAttribute('aria-label')}`);
      ok(document.querySelector('.prices-title').textContent === (nl ? 'Stroomprijzen (ct/kWh)' : 'Electricity prices (ct/kWh)'), 'the title and unit');
      ok(text('timer-line').endsWith(nl ? ' (goedkoopste uren)' : ' (cheapest hours)'), text('timer-line'));
      ok($('prices-problem').hidden && $('prices-fallback').hidden, 'no problem, no fallback');
      // A later window that falls back (its day's prices not due yet) is not told while the
      // timer's next hours are chosen from prices.
      const later = (iso) => new Date(Date.parse(iso) + 86400000).toISOString();
      mock().update((st) => { st.prices.chosen.push({ timer: 1, start: later(p.chosen[0].start), end: later(p.chosen[1].end), basis: 'fallback' }); });
      ok($('prices-fallback').hidden, `a later fallback told: ${text('prices-fallback')}`);
      // Without tomorrow's prices: the problem, the fallback in words, nothing marked as cheapest.
      mock().update((st) => Object.assign(st, mock().pricesFor('fallback')));
      const problem = nl ? 'De prijzen zijn nog niet bekendgemaakt.' : 'The prices are not published yet.';
      await until(() => text('prices-problem') === problem, `the problem: ${text('prices-problem')}`);
      const fb = mock().state.prices.chosen;
      const sentence = nl ? `Zonder prijzen laadt timer 1 in plaats daarvan in de laatste uren: ${spans(fb)}.`
        : `Without prices, timer 1 charges in its last hours instead: ${spans(fb)}.`;
      ok(text('prices-fallback') === sentence, `${text('prices-fallback')} / ${sentence}`);
      ok(text('timer-line').endsWith(nl ? ' (nog geen prijzen: de laatste uren)' : ' (no prices yet: its last hours)'), text('timer-line'));
      ok(!svg.querySelector('.is-chosen') && $('prices-chosen').hidden, 'no hours marked as cheapest');
      // No prices at all: no chart, the problem and the fallback stay.
      mock().update((st) => { st.prices.points = []; });
      ok($('prices-chart-box').hidden && text('prices-problem') === problem && text('prices-fallback') === sentence, 'no chart without prices');
      mock().update((st) => { st.prices = null; st.timers.next.basis = 'fixed'; });
      ok($('prices').hidden && !/\(/.test(text('timer-line')), `nothing without state.prices: ${text('timer-line')}`);
      mock().update((st) => { st.prices = { points: 'x', chosen: [{ start: 'never' }], problem: 3 }; });
      ok($('prices').hidden, 'a malformed state.prices draws nothing');
      // A switch of language redraws it.
      mock().update((st) => { Object.assign(st, mock().pricesFor('cheapest')); st.language = nl ? 'en' : 'nl'; });
      await until(() => text('prices-chosen').startsWith(nl ? 'Cheapest hours chosen: ' : 'Gekozen goedkoopste uren: '), `the other language: ${text('prices-chosen')}`);
    },

    // Near the timers in Settings: the running-low notice (low_charge_pct, off by default) and
    // the price source; a refusal naming the level shows at its field.
    async 'running-low'() {
      await openSettings();
      const nl = document.documentElement.lang === 'nl';
      ok(!$('low-charge-row').hidden && !$('price-source-row').hidden, 'both shown');
      ok(!$('set-low-charge-on').checked && $('set-low-charge').disabled && $('set-low-charge').value === '20', 'off, a level ready');
      ok($('low-charge-title').textContent === (nl ? 'Melding bij weinig warm water' : 'Running-low notice'), $('low-charge-title').textContent);
      ok($('set-low-charge').labels[0].textContent === (nl ? 'Melden onder' : 'Notify below'), 'the level\'s label');
      ok($('set-price-source').value === 'energy_zero' && $('set-price-source').options.length === 1
        && shownOption('set-price-source') === (nl ? 'EnergyZero (Nederlandse dagvooruitprijzen)' : 'EnergyZero (Dutch day-ahead prices)'), shownOption('set-price-source'));
      ok($('set-price-source').labels[0].textContent === (nl ? 'Prijsbron' : 'Price source'), 'the source\'s label');
      const saved = async (n) => {
        $('btn-save-settings').click();
        await until(() => callsOf('save_settings').length === n && !$('btn-save-settings').disabled, `save ${n}`);
        return callsOf('save_settings')[n - 1].args.settings;
      };
      let sent = await saved(1);
      ok(sent.low_charge_pct === null && sent.price_source === 'energy_zero', `sent ${JSON.stringify([sent.low_charge_pct, sent.price_source])}`);
      // On at 95 %: the backend refuses; its words at the field, the field marked and focused.
      $('set-low-charge-on').click();
      ok(!$('set-low-charge').disabled, 'the level can be typed once on');
      type('set-low-charge', '95');
      await saved(2);
      const refusal = nl ? 'Melding bij weinig warm water: moet uit staan of 5-90 % zijn' : 'Running-low notice: must be off or 5-90 %';
      await until(() => text('low-charge-error') === refusal, `the refusal at the field: ${text('low-charge-error')}`);
      ok(invalid('set-low-charge') && $('set-low-charge').getAttribute('aria-describedby') === 'low-charge-error', 'the field marked, described by it');
      ok(document.activeElement === $('set-low-charge'), `focus on ${document.activeElement && document.activeElement.id}`);
      ok(allInvalid().join() === 'set-low-charge', allInvalid().join());
      type('set-low-charge', '25');
      ok($('low-charge-error').hidden && !invalid('set-low-charge'), 'typing clears the mark');
      // The window's own check: not a whole number.
      type('set-low-charge', '');
      $('btn-save-settings').click();
      const own = nl ? 'Melden onder: vul een heel getal in.' : 'Notify below: enter a whole number.';
      await until(() => text('low-charge-error') === own, `the window's check: ${text('low-charge-error')}`);
      ok(callsOf('save_settings').length === 2, 'nothing sent');
      type('set-low-charge', '25');
      sent = await saved(3);
      ok(sent.low_charge_pct === 25, `sent ${sent.low_charge_pct}`);
      await until(() => $('set-low-charge-on').checked && $('set-low-charge').value === '25' && $('low-charge-error').hidden, 'as saved');
      $('set-low-charge-on').click();
      ok($('set-low-charge').disabled, 'off again');
      sent = await saved(4);
      ok(sent.low_charge_pct === null, `sent ${sent.low_charge_pct}`);
    },

    // On a 1024x600 screen the window is short: the content scrolls under a fixed top bar,
    // and Save and Test connection are always in reach.
    // The control card's buttons stay inside it, whatever the language's longest label
    // ("Terug naar automatisch").
    async 'controls-fit'() {
      await ready();
      // As narrow as the window gets with a classic scrollbar beside the content.
      document.body.style.width = '350px';
      await sleep(50);
      const card = document.querySelector('.control-card').getBoundingClientRect();
      for (const id of ['btn-start', 'btn-stop', 'btn-auto']) {
        const r = $(id).getBoundingClientRect();
        ok(r.width > 0, `#${id} is shown`);
        ok(r.left >= card.left - 0.5 && r.right <= card.right + 0.5,
          `#${id} (${r.left}-${r.right}) runs past its card (${card.left}-${card.right})`);
        ok($(id).scrollWidth <= $(id).clientWidth + 1, `#${id}'s label is cut off`);
      }
    },
    async 'small-screen'() {
      await ready();
      ok(window.innerHeight <= 600, `viewport ${window.innerHeight}`);
      ok(document.documentElement.scrollHeight > window.innerHeight, 'the monitor scrolls');
      window.scrollTo(0, document.documentElement.scrollHeight);
      await sleep(50);
      ok(window.scrollY > 0, 'it did scroll');
      ok(Math.abs(document.querySelector('.topbar').getBoundingClientRect().top) < 1, 'the top bar stays');
      $('btn-settings').click();
      await until(() => $('set-host').value !== '', 'the settings to load');
      window.scrollTo(0, 0);
      await sleep(50);
      ok(visibleIn($('btn-save-settings')), 'Save is in view at the top of the settings');
      ok(visibleIn($('btn-test-connection')), 'Test connection is in view');
      window.scrollTo(0, document.documentElement.scrollHeight);
      await sleep(50);
      ok(visibleIn($('btn-save-settings')), 'Save is in view at the bottom');
      ok(visibleIn($('btn-update-check')), 'the last field (Check for updates) can be reached');
      // A field scrolled to the bottom edge (as WebDriver and focus do) is not under the
      // footer, one scrolled to the top edge not under the top bar.
      const uncovered = (node) => {
        const r = node.getBoundingClientRect();
        const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        return !!hit && (hit === node || node.contains(hit) || hit.contains(node));
      };
      for (const id of ['set-interval', 'set-control', 'set-password', 'set-low-bar', 'set-grace', 'timer-0-target', 'btn-timer-add', 'btn-update-check']) {
        $(id).scrollIntoView({ block: 'end' });
        await sleep(20);
        ok(uncovered($(id)), `#${id} scrolled to the bottom edge is not covered`);
        $(id).scrollIntoView({ block: 'start' });
        await sleep(20);
        ok(uncovered($(id)), `#${id} scrolled to the top edge is not covered`);
      }
    },

    // ---- updates of the app (panels/updates.js; docs/ipc.md `update`) ----
    // Check for updates: busy while it runs, then "the latest version" and the version in use.
    async 'update-latest'() {
      const nl = document.documentElement.lang === 'nl' || new URLSearchParams(location.search).get('lang') === 'nl';
      await openSettings();
      ok(!$('update-settings').hidden && $('update-status').hidden && $('update-found').hidden && $('update-problem').hidden, 'nothing to show before a check');
      ok($('btn-update-check').textContent === (nl ? 'Zoek naar updates' : 'Check for updates'), $('btn-update-check').textContent);
      mock().holdUpdateCheck = true;
      $('btn-update-check').click();
      await until(() => mock().updateCheckHeld, 'the check to be asked for');
      ok($('btn-update-check').disabled && $('btn-update-check').getAttribute('aria-busy') === 'true', 'busy while it runs');
      ok(text('update-status') === (nl ? 'Zoeken naar updates…' : 'Checking for updates…') && $('update-status').classList.contains('is-busy'), text('update-status'));
      $('btn-update-check').click();
      ok(callsOf('check_for_updates').length === 1, 'one check at a time');
      mock().updateCheckFinish();
      await until(() => !$('btn-update-check').disabled, 'the answer');
      ok(text('update-status') === (nl ? 'Je hebt de nieuwste versie.' : 'You have the latest version.'), text('update-status'));
      ok(text('update-current') === (nl ? 'Je gebruikt versie 0.1.0.' : 'You are using version 0.1.0.'), text('update-current'));
      ok($('update-found').hidden && $('update-problem').hidden, 'no release, no problem');
      ok($('update-available').hidden, 'no line on the main view');
      ok(!document.querySelector('dialog[open]'), 'no dialog');
    },
    // Check → a newer version: its notes as text (HTML-like notes shown literally, long notes
    // scroll), "Install version 0.2.0…"; the main view says so in a small line that opens Settings.
    async 'update-available'() {
      const nl = new URLSearchParams(location.search).get('lang') === 'nl';
      await openSettings();
      mock().updateMode = 'available';
      $('btn-update-check').click();
      await until(() => !$('update-found').hidden, 'the release');
      ok(text('update-status') === (nl ? 'Versie 0.2.0 is beschikbaar.' : 'Version 0.2.0 is available.'), text('update-status'));
      const notes = $('update-notes');
      ok(notes.textContent === mock().UPDATE_NOTES, `the notes: ${notes.textContent.slice(0, 80)}`);
      ok(notes.children.length === 0 && !document.querySelector('#update-settings b, #update-settings img'), 'the notes\' markup is text, not elements');
      ok(notes.textContent.includes('<img src=x onerror=alert(1)>'), 'shown literally');
      ok(getComputedStyle(notes).overflowY === 'auto' && notes.scrollHeight > notes.clientHeight, 'long notes scroll');
      ok(notes.getBoundingClientRect().right <= $('update-settings').getBoundingClientRect().right + 0.5, 'the notes fit the window');
      ok($('update-notes-title').textContent === (nl ? 'Wat is er nieuw' : 'What is new'), $('update-notes-title').textContent);
      ok($('btn-update-install').textContent === (nl ? 'Versie 0.2.0 installeren…' : 'Install version 0.2.0…'), $('btn-update-install').textContent);
      ok($('update-confirm').hidden && callsOf('install_update').length === 0, 'nothing installed unasked');
      if (nl) allDutch(await languages());
      // The main view: a small line, which opens Settings at the updates.
      $('btn-back').click();
      await until(() => !$('update-available').hidden, 'the line on the main view');
      ok($('update-available').textContent === (nl ? 'Versie 0.2.0 is beschikbaar.' : 'Version 0.2.0 is available.'), $('update-available').textContent);
      $('update-available').click();
      await until(() => !$('view-settings').hidden && $('update-available').hidden, 'Settings from the line');
      ok(!$('update-found').hidden, 'the release in Settings');
    },
    // The quiet daily check found a release before the window opened: the line shows at once.
    async 'update-found'() {
      const nl = new URLSearchParams(location.search).get('lang') === 'nl';
      await ready();
      await until(() => !$('update-available').hidden, 'the line on the main view');
      ok(text('update-available') === (nl ? 'Versie 0.2.0 is beschikbaar.' : 'Version 0.2.0 is available.'), text('update-available'));
      ok(visibleIn($('update-available')), 'in view under the top bar');
      $('update-available').click();
      await until(() => !$('view-settings').hidden && !$('update-found').hidden, 'the release in Settings');
      ok($('update-notes').textContent === mock().UPDATE_NOTES, 'its notes');
      ok(callsOf('check_for_updates').length === 0, 'no check asked for');
    },
    // "Install version 0.2.0…" asks first, in the panel (never window.confirm); Cancel installs
    // nothing; Install invokes install_update; a refusal shows the backend's words as an error.
    async 'update-install'() {
      const nl = new URLSearchParams(location.search).get('lang') === 'nl';
      let confirmed = 0;
      window.confirm = () => { confirmed += 1; return true; };
      await openSettings();
      mock().updateMode = 'available';
      $('btn-update-check').click();
      await until(() => !$('update-found').hidden && !$('btn-update-install').disabled, 'the release');
      $('btn-update-install').click();
      ok(!$('update-confirm').hidden && $('btn-update-install').hidden, 'the confirmation shows');
      ok(text('update-confirm-text') === (nl
        ? 'Versie 0.2.0 nu installeren? NEStore Tray downloadt de update, controleert de handtekening en start opnieuw.'
        : 'Install version 0.2.0 now? NEStore Tray downloads it, checks its signature and restarts.'), text('update-confirm-text'));
      ok(document.activeElement === $('btn-update-confirm'), 'focus on Install');
      ok(callsOf('install_update').length === 0, 'nothing installed before the owner says so');
      $('btn-update-cancel').click();
      ok($('update-confirm').hidden && !$('btn-update-install').hidden, 'Cancel closes it');
      ok(callsOf('install_update').length === 0, 'Cancel installs nothing');
      $('btn-update-install').click();
      $('btn-update-confirm').click();
      ok($('btn-update-check').disabled, 'busy while it installs');
      const refusal = nl
        ? 'De handtekening van de update past niet bij de sleutel van NEStore Tray, dus de update is geweigerd. Er is niets geïnstalleerd.'
        : "The update's signature does not match NEStore Tray's key, so it was refused. Nothing was installed.";
      await until(() => text('update-problem') === refusal, `the refusal: ${text('update-problem')}`);
      ok(callsOf('install_update').length === 1, 'install_update once');
      ok($('update-problem').classList.contains('is-err') && $('update-problem').getAttribute('role') === 'alert', 'shown as an error');
      ok(confirmed === 0 && !document.querySelector('dialog[open]'), 'no window.confirm, no dialog');
      ok($('notice-local').hidden, 'no notice');
      // Installed: the backend's message (the app restarts next).
      mock().installMode = 'ok';
      await until(() => !$('btn-update-install').disabled, 'ready again');
      $('btn-update-install').click();
      $('btn-update-confirm').click();
      const done = nl ? 'Versie 0.2.0 is geïnstalleerd. NEStore Tray start opnieuw.' : 'Version 0.2.0 is installed. NEStore Tray restarts now.';
      await until(() => text('update-status') === done, `installed: ${text('update-status')}`);
      ok($('update-problem').hidden, 'no refusal left');
    },
    // Settings take no input until get_settings has answered (a box ticked before then was
    // undone when the settings came in): the form is inert and busy, then the host gets focus.
    async 'settings-busy-while-loading'() {
      await openSettings();
      $('set-history').checked = false; // what the form held from an earlier opening
      $('btn-back').click();
      mock().holdSettings = true;
      $('btn-settings').click();
      await until(() => mock().settingsHeld, 'get_settings asked');
      const form = $('settings-form');
      ok(form.inert === true && form.getAttribute('aria-busy') === 'true', `inert and busy while loading: ${form.inert} ${form.getAttribute('aria-busy')}`);
      ok(document.activeElement !== $('set-host'), 'no focus in the form yet');
      mock().settingsFinish();
      await until(() => form.getAttribute('aria-busy') === 'false', 'loaded');
      ok(form.inert === false, 'takes input once loaded');
      ok($('set-history').checked === true, 'the loaded settings are in the form');
      await until(() => document.activeElement === $('set-host'), 'the host field has focus');
    },
    // An install refused before the window was opened again (the state's problem, refused):
    // still an error in Settings, not the quiet "could not check" line.
    async 'update-refused-reopen'() {
      const nl = new URLSearchParams(location.search).get('lang') === 'nl';
      await openSettings();
      const refusal = nl
        ? 'De handtekening van de update past niet bij de sleutel van NEStore Tray, dus de update is geweigerd. Er is niets geïnstalleerd.'
        : "The update's signature does not match NEStore Tray's key, so it was refused. Nothing was installed.";
      await until(() => text('update-problem') === refusal, `the refusal: ${text('update-problem')}`);
      const p = $('update-problem');
      ok(p.classList.contains('is-err') && !p.classList.contains('is-quiet') && p.getAttribute('role') === 'alert', p.className);
      ok(!$('update-found').hidden, 'the release stays, to try again');
    },
    // An unreachable or malformed latest.json: a quiet muted line, never an error or a dialog;
    // a release found before stays.
    // Before any check the version in use shows, and nothing claims it is the latest.
    async 'update-unchecked'() {
      const nl = new URLSearchParams(location.search).get('lang') === 'nl';
      await openSettings();
      await until(() => !$('update-current').hidden, 'the version in use');
      ok(text('update-current').includes('0.1.0'), text('update-current'));
      ok($('update-status').hidden, `no status before a check: ${text('update-status')}`);
      ok($('update-found').hidden && $('update-available').hidden, 'no release');
      ok(nl === (document.documentElement.lang === 'nl'), 'the language');
    },
    async 'update-quiet'() {
      const nl = new URLSearchParams(location.search).get('lang') === 'nl';
      await openSettings();
      mock().updateMode = 'offline';
      $('btn-update-check').click();
      const quiet = nl ? 'Zoeken naar updates lukte nu niet.' : 'Could not check for updates just now.';
      await until(() => text('update-problem') === quiet, `the quiet line: ${text('update-problem')}`);
      const p = $('update-problem');
      ok(!p.classList.contains('is-err') && p.classList.contains('is-quiet') && p.getAttribute('role') === 'status', p.className);
      ok(getComputedStyle(p).backgroundColor === 'rgba(0, 0, 0, 0)', `no error background: ${getComputedStyle(p).backgroundColor}`);
      const muted = getComputedStyle(document.documentElement).getPropertyValue('--muted').trim();
      const probe = document.createElement('span');
      probe.style.color = muted;
      document.body.appendChild(probe);
      ok(getComputedStyle(p).color === getComputedStyle(probe).color, `muted: ${getComputedStyle(p).color}`);
      probe.remove();
      ok($('update-status').hidden && $('update-found').hidden, 'no "latest", no release');
      ok(!document.querySelector('dialog[open]') && $('notice-local').hidden, 'no dialog, no notice');
      // A release found before stays beside the quiet line.
      mock().updateMode = 'available';
      $('btn-update-check').click();
      await until(() => !$('update-found').hidden, 'the release');
      ok($('update-problem').hidden, 'the quiet line goes with a check that worked');
      mock().updateMode = 'offline';
      $('btn-update-check').click();
      await until(() => text('update-problem') === quiet && !$('btn-update-check').disabled, 'quiet again');
      ok(!$('update-found').hidden && text('update-status') === (nl ? 'Versie 0.2.0 is beschikbaar.' : 'Version 0.2.0 is available.'), 'the release stays');
    },
  };

  // ?realtime=MS: the page runs on the wall clock, and screenshot.sh reads the DOM at the load
  // event, which a frame from the server's /__hold holds back for MS; the check starts early.
  const realtime = Number(q.get('realtime')) || 0;
  if (realtime) {
    const hold = document.createElement('iframe');
    hold.src = `/__hold?ms=${realtime}`;
    hold.hidden = true;
    document.documentElement.appendChild(hold);
  }
  window.addEventListener(realtime ? 'DOMContentLoaded' : 'load', async () => {
    const root = document.documentElement;
    const check = CHECKS[name];
    try {
      if (!check) throw new CheckFailed(`no check named ${name}`);
      await check();
      root.dataset.check = 'pass';
    } catch (e) {
      root.dataset.check = `fail: ${e instanceof CheckFailed ? e.message : `${e && e.stack ? e.stack : e}`}`;
    }
  });
})();
