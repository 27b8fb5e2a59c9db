// The settings view: device, polling, control, language, password, alert thresholds, and near
// the timers the price source and the running-low notice (low_charge_pct: null = off).
// The inputs hold what the owner types; they are filled when the settings load or save.
// Errors name a settings key (docs/ipc.md `field`): the matching inputs are marked.
//
// Nothing here is shown in the webview's locale: the decimal fields (pressure levels, the
// leak rate) are text inputs in the window's language ("1,5" / "1.5", either mark typed),
// re-formatted when the language changes unless the owner has edited them; the quiet hours
// are an hour and a minute select each (00-23, 00-55), 24-hour in every language. Whole
// numbers stay number inputs: they never show a decimal mark or grouping.
import { t, currentLanguage } from '../text.js';
import { $, showMessage } from '../dom.js';
import { isNum, decimalInput, parseDecimal } from '../format.js';
import { invoke } from '../ipc.js';
import { toJson as timersJson } from '../timer-rules.js';

/** Settings keys → the inputs that hold them. hysteresis_bar has no input (it is kept as loaded). */
const FIELD_INPUTS = {
  host: ['set-host'],
  port: ['set-port'],
  poll_interval_s: ['set-interval'],
  password: ['set-password'],
  control_enabled: ['set-control'],
  autostart: ['set-autostart'],
  language: ['set-language'],
  history_enabled: ['set-history'],
  history_keep_days: ['set-keep-days'],
  'alerts.low_bar': ['set-low-bar'],
  'alerts.low_alarm_bar': ['set-low-alarm-bar'],
  'alerts.high_bar': ['set-high-bar'],
  'alerts.high_alarm_bar': ['set-high-alarm-bar'],
  'alerts.leak_bar_per_6h': ['set-leak-rate'],
  'alerts.hold_readings': ['set-hold'],
  'alerts.offline_grace_min': ['set-grace'],
  'alerts.reminder_h': ['set-reminder'],
  'alerts.quiet_hours': ['set-quiet-start-h', 'set-quiet-start-m', 'set-quiet-end-h', 'set-quiet-end-m'],
  low_charge_pct: ['set-low-charge'],
  price_source: ['set-price-source'],
};

// "Running low" (low_charge_pct: null = off, else 5-90 %): the level shown while it is off.
const LOW_CHARGE_DEFAULT = 20;

// [key in settings.alerts, integer?, the label's message id]
const ALERT_FIELDS = [
  ['low_bar', false, 'win-warn-below'],
  ['low_alarm_bar', false, 'win-alarm-below'],
  ['high_bar', false, 'win-warn-above'],
  ['high_alarm_bar', false, 'win-alarm-above'],
  ['leak_bar_per_6h', false, 'win-leak-label'],
  ['hold_readings', true, 'win-confirm-after'],
  ['offline_grace_min', true, 'win-offline-after'],
  ['reminder_h', true, 'win-repeat-alarms'],
];
const inputOf = (key) => $(FIELD_INPUTS[`alerts.${key}`][0]);
const DECIMAL_KEYS = ALERT_FIELDS.filter(([, integer]) => !integer).map(([key]) => key);

// ---- decimal fields: the value as loaded, and the text it was shown as ----
// dataset.value: the number last filled in; dataset.shown: its text; dataset.lang: the
// language of that text. An input whose text is still dataset.shown is unedited.

/** Fills a decimal field with `v` (not a number: empty) in the window's language. */
function showDecimal(input, v) {
  if (!isNum(v)) {
    input.value = '';
    delete input.dataset.value;
    delete input.dataset.shown;
    delete input.dataset.lang;
    return;
  }
  input.value = decimalInput(v);
  input.dataset.value = String(v);
  input.dataset.shown = input.value;
  input.dataset.lang = currentLanguage();
}

/** After a change of language: unedited decimal fields in the new form, edits as typed. */
function reformatDecimals() {
  const lang = currentLanguage();
  for (const key of DECIMAL_KEYS) {
    const input = inputOf(key);
    if (input.dataset.value === undefined || input.dataset.lang === lang) continue;
    if (input.value === input.dataset.shown) showDecimal(input, Number(input.dataset.value));
    else input.dataset.lang = lang; // edited: it stays as typed, now and later
  }
}

/** The number in a decimal field: exactly as loaded while unedited; null if not a number. */
function readDecimal(input) {
  if (input.dataset.value !== undefined && input.value === input.dataset.shown) return Number(input.dataset.value);
  return parseDecimal(input.value);
}

// ---- quiet hours: an hour select (00-23) and a minute select (00-55 in steps of 5) ----
const QUIET = { start: ['set-quiet-start-h', 'set-quiet-start-m'], end: ['set-quiet-end-h', 'set-quiet-end-m'] };
const QUIET_DEFAULT = ['22:00', '07:00'];
const pad2 = (n) => String(n).padStart(2, '0');

function fillTimeOptions() {
  for (const [h, m] of Object.values(QUIET)) {
    for (let i = 0; i < 24; i++) $(h).appendChild(new Option(pad2(i), pad2(i)));
    for (let i = 0; i < 60; i += 5) $(m).appendChild(new Option(pad2(i), pad2(i)));
  }
  showTime(QUIET.start, QUIET_DEFAULT[0]);
  showTime(QUIET.end, QUIET_DEFAULT[1]);
}

/** Shows "HH:MM" in a pair of selects; a minute off the 5-minute steps gets an option of its own. */
function showTime([h, m], hhmm) {
  const [hh, mm] = hhmm.split(':');
  $(h).value = hh;
  const minutes = $(m);
  for (const o of [...minutes.options]) if (o.dataset.extra) o.remove();
  if (![...minutes.options].some((o) => o.value === mm)) {
    const o = new Option(mm, mm);
    o.dataset.extra = '1';
    const after = [...minutes.options].find((x) => x.value > mm);
    minutes.insertBefore(o, after || null);
  }
  minutes.value = mm;
}

const readTime = ([h, m]) => `${$(h).value}:${$(m).value}`;

// "Keep for": the select's values are "forever" (null) or a number of days.
const KEEP_FOREVER = 'forever';

// "Language": "system" (the system's), "en" or "nl" (docs/ipc.md).
const LANGUAGES = ['system', 'en', 'nl'];

/** Selects `days` (null: forever); a number the list lacks gets an option of its own. */
function showKeepDays(days) {
  const select = $('set-keep-days');
  for (const o of [...select.options]) if (o.dataset.extra) o.remove();
  if (!isNum(days)) {
    select.value = KEEP_FOREVER;
    return;
  }
  const value = String(Math.round(days));
  if (![...select.options].some((o) => o.value === value)) {
    const o = document.createElement('option');
    o.value = value;
    o.dataset.extra = '1';
    o.dataset.days = value;
    select.appendChild(o);
  }
  select.value = value;
}

function readKeepDays() {
  const v = $('set-keep-days').value;
  return v === KEEP_FOREVER ? null : Number(v);
}

/** The words of the selects' options: they follow the language. */
function renderOptions() {
  for (const o of $('set-keep-days').options) {
    if (o.dataset.extra) o.textContent = t('win-keep-days', { days: o.dataset.days });
    else if (o.value !== KEEP_FOREVER) o.textContent = t('win-keep-years', { years: Math.round(Number(o.value) / 365) });
  }
}

export function render(s, ui) {
  const st = ui.settings;
  const form = $('settings-form');
  form.inert = !!st.loading;
  form.setAttribute('aria-busy', String(!!st.loading));
  renderOptions();
  reformatDecimals();
  showMessage($('settings-message'), st.message);

  for (const [field, ids] of Object.entries(FIELD_INPUTS)) {
    const bad = st.invalid.includes(field);
    for (const id of ids) {
      if (bad) $(id).setAttribute('aria-invalid', 'true');
      else $(id).removeAttribute('aria-invalid');
    }
  }

  const loaded = st.loaded;
  const status = $('password-status');
  status.classList.toggle('is-err', !!(loaded && loaded.keyring_error));
  status.classList.toggle('is-ok', !!(loaded && !loaded.keyring_error && loaded.password_stored));
  status.textContent = !loaded ? t('win-dash')
    : loaded.keyring_error ? loaded.keyring_error
      : t(loaded.password_stored ? 'win-password-stored' : 'win-no-password');
  $('forget-row').hidden = !(loaded && loaded.password_stored);
  $('alert-settings').hidden = !(loaded && loaded.alerts && typeof loaded.alerts === 'object');

  const check = $('password-check');
  const pc = st.passwordCheck;
  check.hidden = !pc || !pc.message;
  check.textContent = pc && pc.message ? pc.message : '';
  check.classList.toggle('is-ok', !!pc && pc.ok === true);
  check.classList.toggle('is-err', !!pc && pc.ok !== true);

  $('btn-save-settings').disabled = st.saving;
  $('btn-test-connection').disabled = st.testing;

  const forget = $('set-forget-password').checked;
  $('set-password').disabled = forget;
  // Near the timers: the price source and the running-low notice, when the backend has them.
  $('price-source-row').hidden = !(loaded && 'price_source' in loaded);
  $('low-charge-row').hidden = !(loaded && 'low_charge_pct' in loaded);
  $('set-low-charge').disabled = !$('set-low-charge-on').checked;
  // A refusal naming the level shows at the field too (the field is marked and focused).
  const lowError = $('low-charge-error');
  const lowRefused = st.invalid.includes('low_charge_pct') && st.message && st.message.ok === false && !!st.message.text;
  lowError.hidden = !lowRefused;
  lowError.textContent = lowRefused ? st.message.text : '';
  if (lowRefused) $('set-low-charge').setAttribute('aria-describedby', 'low-charge-error');
  else $('set-low-charge').removeAttribute('aria-describedby');
  const quiet = $('set-quiet-on').checked;
  for (const id of FIELD_INPUTS['alerts.quiet_hours']) $(id).disabled = !quiet;
  $('quiet-times').classList.toggle('is-off', !quiet);
}

/** "22:00" of "22:00:00" (the backend's form) or "7:00"; null for anything else. */
function hm(v) {
  const m = typeof v === 'string' ? /^(\d{1,2}):(\d{2})(?::\d{2})?$/.exec(v) : null;
  return m && Number(m[1]) < 24 && Number(m[2]) < 60 ? `${pad2(m[1])}:${m[2]}` : null;
}

function fill(ui, st) {
  ui.settings.loaded = st;
  $('set-host').value = st.host || '';
  $('set-port').value = isNum(st.port) ? st.port : 4805;
  $('set-interval').value = isNum(st.poll_interval_s) ? st.poll_interval_s : 300;
  $('set-control').checked = !!st.control_enabled;
  $('set-autostart').checked = !!st.autostart;
  $('set-language').value = LANGUAGES.includes(st.language) ? st.language : 'system';
  // Both default on the backend's side too: history on, kept forever.
  $('set-history').checked = st.history_enabled !== false;
  showKeepDays(st.history_keep_days);
  $('set-password').value = '';
  $('set-forget-password').checked = false;
  const low = Number.isInteger(st.low_charge_pct) ? st.low_charge_pct : null;
  $('set-low-charge-on').checked = low !== null;
  $('set-low-charge').value = String(low === null ? LOW_CHARGE_DEFAULT : low);
  if (typeof st.price_source === 'string') {
    const select = $('set-price-source');
    // A source the window does not know keeps an option of its own (sent back as it is).
    if (![...select.options].some((o) => o.value === st.price_source)) select.appendChild(new Option(st.price_source, st.price_source));
    select.value = st.price_source;
  }
  const a = st.alerts;
  if (!a || typeof a !== 'object') return;
  for (const [key, integer] of ALERT_FIELDS) {
    if (integer) inputOf(key).value = isNum(a[key]) ? String(a[key]) : '';
    else showDecimal(inputOf(key), a[key]);
  }
  const q = Array.isArray(a.quiet_hours) && a.quiet_hours.length === 2 ? a.quiet_hours : null;
  $('set-quiet-on').checked = !!q;
  // Off: the usual night, ready for when the owner switches them on.
  showTime(QUIET.start, (q && hm(q[0])) || QUIET_DEFAULT[0]);
  showTime(QUIET.end, (q && hm(q[1])) || QUIET_DEFAULT[1]);
}

function intOrNull(v) {
  const s = String(v).trim();
  return /^\d+$/.test(s) ? Number(s) : null;
}

class FormError extends Error {
  constructor(message, field) { super(message); this.field = field; }
}

/** The alert thresholds from the form (the loaded ones as the base: hysteresis_bar etc.). */
function readAlerts(loaded) {
  const out = Object.assign({}, loaded);
  for (const [key, integer, label] of ALERT_FIELDS) {
    const field = `alerts.${key}`;
    if (integer) {
      const v = intOrNull(inputOf(key).value);
      if (v === null) throw new FormError(t('win-bad-whole-number', { label: t(label) }), field);
      out[key] = v;
      continue;
    }
    const v = readDecimal(inputOf(key));
    if (v === null) {
      // An example in the window's form: the value as loaded ("1,5"), with its decimal mark.
      const example = decimalInput(isNum(loaded[key]) ? loaded[key] : 1.5, 1);
      throw new FormError(t('win-bad-decimal', { label: t(label), example }), field);
    }
    out[key] = v;
  }
  if ($('set-quiet-on').checked) {
    out.quiet_hours = [`${readTime(QUIET.start)}:00`, `${readTime(QUIET.end)}:00`];
  } else {
    out.quiet_hours = null;
  }
  return out;
}

function readPort() {
  const port = intOrNull($('set-port').value);
  if (port === null || port < 1 || port > 65535) throw new FormError(t('win-bad-port'), 'port');
  return port;
}

function readForm(ui) {
  const port = readPort();
  const interval = intOrNull($('set-interval').value);
  if (interval === null) throw new FormError(t('win-bad-interval'), 'poll_interval_s');
  const loaded = ui.settings.loaded;
  const settings = {
    host: $('set-host').value.trim(),
    port,
    poll_interval_s: interval,
    control_enabled: $('set-control').checked,
    autostart: $('set-autostart').checked,
    language: $('set-language').value,
    history_enabled: $('set-history').checked,
    history_keep_days: readKeepDays(),
  };
  if (loaded && loaded.alerts && typeof loaded.alerts === 'object') settings.alerts = readAlerts(loaded.alerts);
  // The charge timers as the Timers section holds them (panels/timers.js), when the backend keeps any.
  if (Array.isArray(ui.timers.rules)) settings.timers = timersJson(ui.timers.rules);
  // The running-low level (null: off) and the price source, when the backend keeps them; the
  // range is the backend's to check (its refusal shows at the field).
  if (loaded && 'low_charge_pct' in loaded) {
    if (!$('set-low-charge-on').checked) settings.low_charge_pct = null;
    else {
      const level = intOrNull($('set-low-charge').value);
      if (level === null) throw new FormError(t('win-bad-whole-number', { label: t('win-low-charge-level') }), 'low_charge_pct');
      settings.low_charge_pct = level;
    }
  }
  if (loaded && 'price_source' in loaded) settings.price_source = $('set-price-source').value;
  const pw = $('set-password').value;
  return { settings, password: pw || null, clearPassword: $('set-forget-password').checked };
}

/**
 * Shows a failure: the message as it is, and marks (and focuses) the field it names. A field
 * with a section of its own (the timers) marks itself there and names what to focus with
 * data-field-focus.
 */
function failed(app, e) {
  const st = app.ui.settings;
  st.message = { ok: false, text: e.message };
  st.invalid = e.field && typeof e.field === 'string' ? [e.field] : [];
  app.render();
  if (!st.invalid.length) return;
  const input = FIELD_INPUTS[e.field] ? $(FIELD_INPUTS[e.field][0]) : document.querySelector(`[data-field-focus="${CSS.escape(e.field)}"]`);
  if (!input) return;
  input.scrollIntoView({ block: 'center' });
  input.focus();
}

/** Saves the form; true when the backend took it. */
async function save(app) {
  const st = app.ui.settings;
  let args;
  try {
    args = readForm(app.ui);
  } catch (e) {
    failed(app, e);
    return false;
  }
  st.invalid = [];
  st.saving = true;
  st.message = { ok: null, id: 'win-saving' };
  st.passwordCheck = null;
  app.render();
  try {
    const saved = await invoke('save_settings', args);
    if (saved && typeof saved === 'object') {
      fill(app.ui, saved);
      st.passwordCheck = saved.password_check && typeof saved.password_check === 'object' ? saved.password_check : null;
    } else {
      $('set-password').value = '';
      $('set-forget-password').checked = false;
    }
    st.message = { ok: true, id: 'win-saved' };
  } catch (e) {
    st.saving = false;
    failed(app, e);
    return false;
  }
  st.saving = false;
  app.render();
  return true;
}

/** Tests the host and port of the form; true when the device was reached. */
async function testConnection(app) {
  const st = app.ui.settings;
  const host = $('set-host').value.trim();
  let port;
  try {
    if (!host) throw new FormError(t('win-need-host'), 'host');
    port = readPort();
  } catch (e) {
    failed(app, e);
    return false;
  }
  const password = $('set-forget-password').checked ? null : ($('set-password').value || null);
  st.invalid = [];
  st.testing = true;
  st.message = { ok: null, id: 'win-trying', args: { host, port: String(port) } };
  st.passwordCheck = null;
  app.render();
  let reached;
  try {
    const res = (await invoke('test_connection', { host, port, password })) || {};
    reached = res.ok === true;
    st.message = res.message ? { ok: reached, text: res.message } : { ok: reached, id: reached ? 'win-reached' : 'win-not-reached' };
    st.passwordCheck = res.login && typeof res.login === 'object' ? res.login : null;
  } catch (e) {
    st.testing = false;
    failed(app, e);
    return false;
  }
  st.testing = false;
  app.render();
  return reached;
}

/**
 * "Use" on a NEStore that Find my NEStore found: its address and port in the form, then the
 * Test connection path; when the test reaches it, the Save path (the app polls it at once).
 * When the test fails nothing is saved and the test's message says why.
 */
export async function useDevice(app, host, port) {
  const st = app.ui.settings;
  await loading; // the settings as loaded first, then this host and port over them
  if (st.testing || st.saving) return false;
  $('set-host').value = host;
  $('set-port').value = String(port);
  st.invalid = st.invalid.filter((f) => f !== 'host' && f !== 'port');
  if (!(await testConnection(app))) return false;
  const passwordCheck = st.passwordCheck;
  if (!(await save(app))) return false;
  st.message = { ok: true, id: 'win-find-used', args: { address: `${host}:${port}` } };
  // The test's login result stands unless the save checked the password itself.
  if (!st.passwordCheck) st.passwordCheck = passwordCheck;
  app.render();
  return true;
}

/** The last load of the settings into the form (a fill must not land after a Use). */
let loading = Promise.resolve();

/** Opens the view: a fresh load of the settings, no old messages. Resolves when loaded. */
export function load(app) {
  loading = loadNow(app);
  return loading;
}

/** Loads begun: the form stays inert until the last one has answered. */
let loadsBegun = 0;

async function loadNow(app) {
  const st = app.ui.settings;
  const mine = ++loadsBegun;
  st.message = null;
  st.invalid = [];
  st.passwordCheck = null;
  // Until the settings are in, the form takes no input (inert, aria-busy): a box ticked
  // before get_settings answered was undone by fill().
  st.loading = true;
  app.render();
  try {
    fill(app.ui, await invoke('get_settings'));
  } catch (e) {
    st.message = { ok: false, text: e.message };
  }
  // (Settings chosen again from the tray while a load was pending began another.)
  if (mine === loadsBegun) st.loading = false;
  app.render();
}

export function wire(app) {
  const { ui } = app;
  fillTimeOptions();
  $('settings-form').addEventListener('submit', (ev) => { ev.preventDefault(); save(app); });
  $('btn-test-connection').addEventListener('click', () => testConnection(app));
  $('btn-back').addEventListener('click', () => app.showView('monitor'));
  // Typing in a marked field clears its mark.
  for (const [field, ids] of Object.entries(FIELD_INPUTS)) {
    for (const id of ids) {
      $(id).addEventListener('input', () => {
        if (!ui.settings.invalid.includes(field)) return;
        ui.settings.invalid = ui.settings.invalid.filter((f) => f !== field);
        app.render();
      });
    }
  }
  $('set-quiet-on').addEventListener('change', () => app.render());
  $('set-low-charge-on').addEventListener('change', () => {
    ui.settings.invalid = ui.settings.invalid.filter((f) => f !== 'low_charge_pct');
    app.render();
  });
  $('set-forget-password').addEventListener('change', (e) => {
    if (e.target.checked) $('set-password').value = '';
    app.render();
  });
}
