// Charge timers (issue 11, docs/ipc.md "Charge timers"): the Timers section of the Settings
// form, and the one line near the controls that says what a timer does now or next.
//
// The section edits ui.timers.rules (timer-rules.js: the rules as the form holds them), taken
// afresh from each settings load or save (ui.settings.loaded); the Settings form's Save sends
// them with the rest (panels/settings.js). A refusal that names the field "timers" shows its
// message here and marks the rule it names ("Timer 2: …"); what the owner set stays.
//
// Rows are built once per rule and rebuilt only when the list changes (a rule added or
// removed), so focus survives a render; their words are filled in on every render, so they
// follow a change of language. Times are an hour and a minute select each (as the quiet
// hours: 24-hour in every language, nothing left to the webview's locale).
import { t } from '../text.js';
import { $, el } from '../dom.js';
import { clock, decimalInput, parseTime } from '../format.js';
import { DAYS, POWER, editable, newRule, summary, dayShort, windowHours } from '../timer-rules.js';

const pad2 = (n) => String(n).padStart(2, '0');

/** The app (set by wire): rows made while drawing call back app.render. */
let theApp = null;

function setText(node, text) {
  if (node.textContent !== text) node.textContent = text;
}

function setAttr(node, name, value) {
  if (node.getAttribute(name) !== value) node.setAttribute(name, value);
}

/** The owner changed a rule: a refusal's mark on the section goes, and everything is drawn again. */
function changed(app) {
  const st = app.ui.settings;
  if (st.invalid.includes('timers')) st.invalid = st.invalid.filter((f) => f !== 'timers');
  app.render();
}

/** An hour select (00-23) and a minute select (00-55 in steps of 5; another minute gets an option). */
function timePick(id, labelId, value, onChange) {
  const box = el('div', 'time-pick');
  box.setAttribute('role', 'group');
  const label = el('span');
  label.id = `${id}-label`;
  box.setAttribute('aria-labelledby', `${labelId} ${label.id}`);
  box.appendChild(label);
  const [hh, mm] = value.split(':');
  const h = el('select');
  h.id = `${id}-h`;
  h.dataset.testid = h.id;
  for (let i = 0; i < 24; i++) h.appendChild(new Option(pad2(i), pad2(i)));
  h.value = hh;
  const m = el('select');
  m.id = `${id}-m`;
  m.dataset.testid = m.id;
  for (let i = 0; i < 60; i += 5) m.appendChild(new Option(pad2(i), pad2(i)));
  if (![...m.options].some((o) => o.value === mm)) {
    const after = [...m.options].find((o) => o.value > mm);
    m.insertBefore(new Option(mm, mm), after || null);
  }
  m.value = mm;
  const sep = el('span', 'time-sep', ':');
  sep.setAttribute('aria-hidden', 'true');
  box.append(h, sep, m);
  const read = () => onChange(`${h.value}:${m.value}`);
  h.addEventListener('change', read);
  m.addEventListener('change', read);
  return box;
}

/** One rule's row (index `i`), its controls wired to the rule `r`. */
function makeRow(app, r, i) {
  const id = `timer-${i}`;
  // A list item holding the rule's group (named by its title): the list stays a list.
  const item = el('li', 'timer-item');
  item.dataset.key = String(r.key);
  const li = el('div', 'timer');
  li.id = id;
  li.dataset.testid = id;
  li.setAttribute('role', 'group');
  li.setAttribute('aria-labelledby', `${id}-title`);
  item.appendChild(li);

  const head = el('div', 'timer-head');
  const title = el('span', 'timer-title');
  title.id = `${id}-title`;
  head.appendChild(title);
  const on = el('label', 'check-row timer-on');
  const box = el('input');
  box.type = 'checkbox';
  box.id = `${id}-enabled`;
  box.dataset.testid = box.id;
  box.checked = r.enabled;
  box.addEventListener('change', () => { r.enabled = box.checked; changed(app); });
  on.append(box, el('span', 'timer-on-text'));
  head.appendChild(on);
  const remove = el('button', 'btn btn--small btn--link timer-remove');
  remove.type = 'button';
  remove.id = `btn-timer-remove-${i}`;
  remove.dataset.testid = remove.id;
  remove.addEventListener('click', () => {
    const rules = app.ui.timers.rules;
    rules.splice(rules.indexOf(r), 1);
    changed(app);
    $('btn-timer-add').focus();
  });
  head.appendChild(remove);
  li.appendChild(head);

  const line = el('p', 'timer-summary');
  line.id = `${id}-summary`;
  line.dataset.testid = line.id;
  li.appendChild(line);

  const kind = el('select', 'timer-kind');
  kind.id = `${id}-kind`;
  kind.dataset.testid = kind.id;
  kind.append(new Option('', 'charge'), new Option('', 'block'));
  kind.value = r.kind;
  kind.addEventListener('change', () => { r.kind = kind.value; changed(app); });
  li.appendChild(kind);

  const days = el('div', 'timer-days');
  days.setAttribute('role', 'group');
  days.id = `${id}-days`;
  for (const d of DAYS) {
    const label = el('label', 'day-toggle');
    const input = el('input');
    input.type = 'checkbox';
    input.id = `${id}-day-${d}`;
    input.dataset.testid = input.id;
    input.dataset.day = d;
    input.checked = r.days.includes(d);
    input.addEventListener('change', () => {
      r.days = DAYS.filter((x) => days.querySelector(`[data-day="${x}"]`).checked);
      changed(app);
    });
    label.append(input, el('span', 'day-name'));
    days.appendChild(label);
  }
  li.appendChild(days);

  const times = el('div', 'quiet-times timer-times');
  times.append(
    timePick(`${id}-start`, title.id, r.start, (v) => { r.start = v; changed(app); }),
    timePick(`${id}-end`, title.id, r.end, (v) => { r.end = v; changed(app); }),
  );
  li.appendChild(times);

  const charge = el('div', 'field-row timer-charge');
  const powerField = el('div', 'field');
  const powerLabel = el('label', 'timer-power-label');
  powerLabel.htmlFor = `${id}-power`;
  const power = el('select', 'timer-power');
  power.id = `${id}-power`;
  power.dataset.testid = power.id;
  for (let w = POWER.min; w <= POWER.max; w += POWER.step) power.appendChild(new Option('', String(w)));
  if (![...power.options].some((o) => Number(o.value) === r.power_w)) power.appendChild(new Option('', String(r.power_w)));
  power.value = String(r.power_w);
  power.addEventListener('change', () => { r.power_w = Number(power.value); changed(app); });
  powerField.append(powerLabel, power);
  const targetField = el('div', 'field');
  const targetLabel = el('label', 'timer-target-label');
  targetLabel.htmlFor = `${id}-target`;
  const unit = el('div', 'num-unit');
  const target = el('input');
  Object.assign(target, { type: 'number', id: `${id}-target`, min: '1', max: '100', step: '1', value: r.target });
  target.inputMode = 'numeric';
  target.dataset.testid = target.id;
  target.addEventListener('input', () => { r.target = target.value; changed(app); });
  unit.append(target, el('span', 'timer-pct'));
  targetField.append(targetLabel, unit);
  charge.append(powerField, targetField);
  li.appendChild(charge);

  // "Only in the cheapest hours": none (the whole window) or 1 to the window's whole hours.
  const cheapField = el('div', 'field timer-cheapest-field');
  const cheapLabel = el('label', 'timer-cheapest-label');
  cheapLabel.htmlFor = `${id}-cheapest`;
  const cheap = el('select', 'timer-cheapest');
  cheap.id = `${id}-cheapest`;
  cheap.dataset.testid = cheap.id;
  const help = el('small', 'help timer-cheapest-help');
  help.id = `${id}-cheapest-help`;
  cheap.setAttribute('aria-describedby', help.id);
  cheap.addEventListener('change', () => { r.cheapest = cheap.value ? Number(cheap.value) : null; changed(app); });
  cheapField.append(cheapLabel, cheap, help);
  li.appendChild(cheapField);
  return item;
}

/** The cheapest-hours choices for the rule's window: none, 1 … its whole hours (and the rule's own, if more). */
function fillCheapest(select, r) {
  const max = Math.max(windowHours(r), r.cheapest || 0);
  if (select.options.length !== max + 1) {
    select.replaceChildren(new Option('', ''));
    for (let h = 1; h <= max; h++) select.appendChild(new Option('', String(h)));
  }
  const value = r.cheapest === null ? '' : String(r.cheapest);
  if (select.value !== value) select.value = value;
  setText(select.options[0], t('win-timer-cheapest-all'));
  for (let h = 1; h <= max; h++) setText(select.options[h], t('win-timer-cheapest-hours', { hours: h }));
}

/** The words of a row (every render: they follow the language) and what shows for its kind. */
function fillRow(li, r, i, bad) {
  const n = i + 1;
  setText(li.querySelector('.timer-title'), t('win-timer', { timer: n }));
  setText(li.querySelector('.timer-on-text'), t('win-timer-on'));
  const remove = li.querySelector('.timer-remove');
  setText(remove, t('win-timer-remove'));
  setAttr(remove, 'aria-label', t('win-timer-remove-label', { timer: n }));
  setText(li.querySelector('.timer-summary'), summary(r));
  li.classList.toggle('is-off', !r.enabled);
  const kind = li.querySelector('.timer-kind');
  setAttr(kind, 'aria-label', t('win-timer-kind'));
  setText(kind.options[0], t('win-timer-kind-charge'));
  setText(kind.options[1], t('win-timer-kind-block'));
  setAttr(li.querySelector('.timer-days'), 'aria-label', t('win-timer-days'));
  for (const input of li.querySelectorAll('.day-toggle input')) {
    setAttr(input, 'aria-label', t(`win-day-${input.dataset.day}-long`));
    setText(input.nextElementSibling, dayShort(input.dataset.day));
  }
  const picks = li.querySelectorAll('.time-pick');
  setText(picks[0].firstChild, t('win-from'));
  setText(picks[1].firstChild, t('win-to'));
  for (const s of li.querySelectorAll('.time-pick select')) setAttr(s, 'aria-label', t(s.id.endsWith('-h') ? 'win-hour' : 'win-minutes'));
  li.querySelector('.timer-charge').hidden = r.kind !== 'charge';
  setText(li.querySelector('.timer-power-label'), t('win-timer-power'));
  for (const o of li.querySelector('.timer-power').options) setText(o, `${decimalInput(Number(o.value))}\u00a0${t('win-unit-w')}`);
  setText(li.querySelector('.timer-target-label'), t('win-timer-target'));
  li.querySelector('.timer-cheapest-field').hidden = r.kind !== 'charge';
  fillCheapest(li.querySelector('.timer-cheapest'), r);
  setText(li.querySelector('.timer-cheapest-label'), t('win-timer-cheapest'));
  setText(li.querySelector('.timer-cheapest-help'), t('win-timer-cheapest-help'));
  setText(li.querySelector('.timer-pct'), t('win-unit-pct'));
  // A refusal that names this rule: marked, described by the message, and focused by Settings.
  if (bad) {
    li.setAttribute('aria-invalid', 'true');
    li.setAttribute('aria-describedby', 'timers-error');
    li.querySelector('input[type="checkbox"]').dataset.fieldFocus = 'timers';
  } else {
    li.removeAttribute('aria-invalid');
    li.removeAttribute('aria-describedby');
    delete li.querySelector('input[type="checkbox"]').dataset.fieldFocus;
  }
}

/** The rule a refusal names: the first number of its message ("Timer 2: …" in either language), from 1. */
function namedRule(message, count) {
  const m = /\d+/.exec(String(message || ''));
  const n = m ? Number(m[0]) : 0;
  return n >= 1 && n <= count ? n - 1 : -1;
}

function renderSection(ui) {
  const tm = ui.timers;
  const loaded = ui.settings.loaded;
  // A load or a save: the rules as the backend has them now (a refusal changes nothing).
  if (loaded !== tm.from) {
    tm.from = loaded;
    tm.rules = loaded && Array.isArray(loaded.timers) ? loaded.timers.map(editable) : null;
  }
  const section = $('timer-settings');
  section.hidden = !tm.rules;
  if (!tm.rules) return;
  const rules = tm.rules;
  $('timers-none').hidden = rules.length > 0;

  const st = ui.settings;
  const refused = st.invalid.includes('timers') && st.message && st.message.ok === false;
  const error = $('timers-error');
  error.hidden = !refused;
  setText(error, refused ? st.message.text || '' : '');
  const named = refused ? namedRule(st.message.text, rules.length) : -1;
  if (refused && named < 0) error.dataset.fieldFocus = 'timers';
  else delete error.dataset.fieldFocus;

  const list = $('timer-list');
  const keys = rules.map((r) => String(r.key));
  if ([...list.children].map((li) => li.dataset.key).join() !== keys.join()) {
    list.replaceChildren(...rules.map((r, i) => makeRow(theApp, r, i)));
  }
  rules.forEach((r, i) => fillRow(list.children[i].firstChild, r, i, i === named));
  $('btn-timer-add').disabled = st.saving;
}

// ---- the line near the controls: state.timers {next, active} ----

/** A time: "05:00" today, "Tue 05:00" on another day. */
function at(d, now) {
  if (d.toDateString() === now.toDateString()) return clock(d);
  return t('win-timer-day-time', { day: dayShort(DAYS[(d.getDay() + 6) % 7]), time: clock(d) });
}

/** A window's line with its basis: "… (cheapest hours)", "… (no prices yet: its last hours)". */
function withBasis(line, w) {
  if (w.basis === 'cheapest') return t('win-timer-line-cheapest', { line });
  if (w.basis === 'fallback') return t('win-timer-line-fallback', { line });
  return line;
}

/** The line's words for state.timers, or null when no timer is active or coming. */
export function timerLine(timers, now = new Date()) {
  const w = (v) => (v && typeof v === 'object' && parseTime(v.start) && parseTime(v.end) ? v : null);
  const active = timers && typeof timers === 'object' ? w(timers.active) : null;
  if (active) {
    const end = at(parseTime(active.end), now);
    return withBasis(t(active.kind === 'block' ? 'win-timer-active-block' : 'win-timer-active-charge', { time: end }), active);
  }
  const next = timers && typeof timers === 'object' ? w(timers.next) : null;
  if (!next) return null;
  const start = parseTime(next.start);
  return withBasis(t(next.kind === 'block' ? 'win-timer-next-block' : 'win-timer-next-charge', {
    day: dayShort(DAYS[(start.getDay() + 6) % 7]), start: clock(start), end: clock(parseTime(next.end)),
  }), next);
}

export function render(s, ui) {
  renderSection(ui);
  const line = $('timer-line');
  const text = s ? timerLine(s.timers) : null;
  line.hidden = !text;
  setText(line, text || '');
  line.classList.toggle('is-active', !!(s && s.timers && s.timers.active));
}

export function wire(app) {
  theApp = app;
  $('btn-timer-add').addEventListener('click', () => {
    const rules = app.ui.timers.rules;
    if (!rules) return;
    rules.push(newRule());
    changed(app);
    $(`timer-${rules.length - 1}-enabled`).focus();
  });
}
