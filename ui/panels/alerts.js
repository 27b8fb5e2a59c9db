// Active alerts (with snooze) and the alert log.
import { t } from '../text.js';
import { $, el, icon, alertsOf, SEVERITIES, sevOf } from '../dom.js';
import { isNum, parseTime, clock, when, fullDate, num } from '../format.js';
import { invoke } from '../ipc.js';

const SEV_ICON = { alarm: '#i-alarm', warning: '#i-warning', info: '#i-info' };
const LOG_COLLAPSED = 5;
/** A log entry's phase → its word ("raised" needs none). */
const PHASE_WORDS = { escalated: 'win-phase-escalated', reminder: 'win-phase-reminder', recovered: 'win-resolved' };
const kindWords = (kind) => String(kind || '').replace(/_/g, ' ');

/** Snooze and quiet hours never silence an alarm: only a snoozable alert offers snooze. */
const snoozable = (a) => (typeof a.snoozable === 'boolean' ? a.snoozable : sevOf(a.severity) !== 'alarm');

export function render(s, ui) {
  renderActive(s, ui);
  renderLog(s, ui);
}

function renderActive(s, ui) {
  const { active, snoozedUntil } = alertsOf(s);
  const until = parseTime(snoozedUntil);
  const snoozed = !!until && until.getTime() > Date.now();
  const box = $('alerts-active');
  box.hidden = active.length === 0 && !snoozed && !ui.snoozeError;

  const worst = SEVERITIES.find((sev) => active.some((a) => sevOf(a.severity) === sev)) || 'none';
  box.className = `alerts alerts--${worst}${snoozed ? ' is-snoozed' : ''}`;

  const list = $('alerts-active-list');
  list.textContent = '';
  list.hidden = active.length === 0;
  for (const a of active) {
    const sev = sevOf(a.severity);
    const li = el('li', `alert-row alert-row--${sev}`);
    li.dataset.kind = String(a.kind || '');
    li.dataset.severity = sev;
    li.dataset.snoozable = String(snoozable(a));
    li.appendChild(icon(SEV_ICON[sev], 'alert-icon'));
    li.appendChild(el('span', 'alert-line', a.line || t('win-alert-fallback', { severity: t(`win-severity-${sev}`), kind: kindWords(a.kind) })));
    list.appendChild(li);
  }
  list.setAttribute('aria-label', t('win-active-count', { count: active.length }));

  $('alerts-snoozed').hidden = !snoozed;
  if (snoozed) {
    $('alerts-snoozed-text').textContent = t('win-snoozed-until', { time: clock(until) });
    $('alerts-snoozed').title = fullDate(until);
  }
  const canSnooze = active.some(snoozable);
  $('alerts-snooze-buttons').hidden = !canSnooze;
  $('alerts-no-snooze').hidden = canSnooze || active.length === 0;
  for (const id of ['btn-snooze-1h', 'btn-snooze-tomorrow', 'btn-snooze-off']) $(id).disabled = ui.snoozing;

  const err = $('alerts-snooze-error');
  err.hidden = !ui.snoozeError;
  err.textContent = ui.snoozeError || '';
}

function suppressedText(entry) {
  if (entry.notified !== false) return '';
  const by = entry.suppressed_by;
  if (by === 'snoozed') return t('win-not-notified-snoozed');
  if (by === 'quiet hours') return t('win-not-notified-quiet');
  return by ? t('win-not-notified-by', { reason: by }) : t('win-not-notified');
}

function renderLog(s, ui) {
  const { log } = alertsOf(s);
  const list = $('alert-log-list');
  const toggle = $('btn-alert-log-toggle');
  $('alert-log-empty').hidden = log.length > 0;
  list.hidden = log.length === 0;
  $('alert-log-count').textContent = log.length ? t('win-logged', { count: num(log.length) }) : '';
  list.textContent = '';
  const shown = ui.logExpanded ? log : log.slice(0, LOG_COLLAPSED);
  for (const e of shown) list.appendChild(logEntry(e));
  toggle.hidden = log.length <= LOG_COLLAPSED;
  toggle.textContent = ui.logExpanded ? t('win-show-fewer') : t('win-show-all', { count: num(log.length) });
  toggle.setAttribute('aria-expanded', String(ui.logExpanded));
}

function logEntry(e) {
  const sev = sevOf(e.severity);
  const phase = typeof e.phase === 'string' ? e.phase : 'raised';
  const li = el('li', `log-entry log-entry--${sev} log-phase--${phase}`);
  li.dataset.severity = sev;
  li.dataset.kind = String(e.kind || '');
  const dot = el('span', 'sev-dot');
  dot.setAttribute('role', 'img');
  const sevWord = t(`win-severity-${sev}`);
  dot.setAttribute('aria-label', phase === 'recovered' ? t('win-resolved') : sevWord);
  dot.title = phase === 'recovered' ? t('win-severity-resolved', { severity: sevWord }) : sevWord;
  li.appendChild(dot);

  const main = el('div', 'log-main');
  const head = el('div', 'log-head');
  head.appendChild(el('span', 'log-title', e.title || kindWords(e.kind) || t('win-alert-title-fallback')));
  const phaseId = PHASE_WORDS[phase];
  if (phaseId) head.appendChild(el('span', 'log-phase', t(phaseId)));
  const at = parseTime(e.at);
  const time = el('time', 'log-time', at ? when(at) : t('win-dash'));
  if (at) { time.dateTime = at.toISOString(); time.title = fullDate(at); }
  head.appendChild(time);
  main.appendChild(head);
  if (e.body) main.appendChild(el('p', 'log-body', e.body));

  const meta = [];
  if (isNum(e.pressure_bar)) meta.push(t('win-log-pressure', { bar: num(e.pressure_bar, 2, 2) }));
  if (isNum(e.soc_pct)) meta.push(t('win-log-soc', { soc: num(Math.round(e.soc_pct)) }));
  const sup = suppressedText(e);
  if (meta.length || sup) {
    const m = el('div', 'log-meta');
    if (meta.length) m.appendChild(el('span', '', meta.join(' · ')));
    if (sup) m.appendChild(el('span', 'log-suppressed', sup));
    main.appendChild(m);
  }
  li.appendChild(main);
  return li;
}

// A failed snooze keeps its error beside the snooze buttons until the next snooze action
// (new states do not wipe it).
async function snooze(app, until) {
  const { ui } = app;
  ui.snoozing = true;
  ui.snoozeError = null;
  app.render();
  try {
    await invoke('snooze_alerts', { until });
  } catch (e) {
    ui.snoozeError = e.message;
  } finally {
    ui.snoozing = false;
    app.render();
  }
}

export function wire(app) {
  $('btn-snooze-1h').addEventListener('click', () => snooze(app, '1h'));
  $('btn-snooze-tomorrow').addEventListener('click', () => snooze(app, 'tomorrow'));
  $('btn-snooze-off').addEventListener('click', () => snooze(app, 'off'));
  $('btn-alert-log-toggle').addEventListener('click', () => {
    app.ui.logExpanded = !app.ui.logExpanded;
    app.render();
  });
}
