// Charge timers (settings.timers, docs/ipc.md "Charge timers"): a rule as the Settings form
// edits it and as save_settings takes it, and its one-line summary. No DOM: panels/timers.js
// draws and edits the rules (in ui.timers), panels/settings.js sends them with the rest of the
// form; neither calls the other.
import { t } from './text.js';
import { decimalInput } from './format.js';

/** The days of the week as the backend names them, Monday first. */
export const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
/** The heater's power a timer may ask for (the device's limits, as the control card's). */
export const POWER = { min: 1000, max: 3400, step: 100 };
const NEW_RULE = { days: DAYS.slice(), start: '02:00', end: '05:00', kind: 'charge', power_w: 2000, target_soc_pct: 90, enabled: true };
const KNOWN = ['days', 'start', 'end', 'kind', 'power_w', 'target_soc_pct', 'enabled', 'cheapest_hours'];

const pad2 = (n) => String(n).padStart(2, '0');

/** "22:00" of "22:00" or "7:00"; null for anything else. */
export function hhmm(v) {
  const m = typeof v === 'string' ? /^(\d{1,2}):(\d{2})$/.exec(v) : null;
  return m && Number(m[1]) < 24 && Number(m[2]) < 60 ? `${pad2(m[1])}:${m[2]}` : null;
}

let nextKey = 1;

/**
 * A rule as the form holds it, from the backend's (or a new one): `key` tells rows apart,
 * `target` is the text typed, and a block rule keeps a power and target for a switch back
 * to charging. Keys of a charge rule the window does not know are kept and sent back.
 */
export function editable(rule) {
  const r = rule && typeof rule === 'object' ? rule : NEW_RULE;
  const extra = {};
  if (r.kind !== 'block') for (const [k, v] of Object.entries(r)) if (!KNOWN.includes(k)) extra[k] = v;
  return {
    key: nextKey++,
    enabled: r.enabled !== false,
    kind: r.kind === 'block' ? 'block' : 'charge',
    days: DAYS.filter((d) => Array.isArray(r.days) && r.days.includes(d)),
    start: hhmm(r.start) || NEW_RULE.start,
    end: hhmm(r.end) || NEW_RULE.end,
    power_w: Number.isInteger(r.power_w) ? r.power_w : NEW_RULE.power_w,
    target: String(Number.isInteger(r.target_soc_pct) ? r.target_soc_pct : NEW_RULE.target_soc_pct),
    // "in the N cheapest hours" (a charge only); null: the whole window
    cheapest: r.kind !== 'block' && Number.isInteger(r.cheapest_hours) ? r.cheapest_hours : null,
    extra,
  };
}

/** The whole hours of a rule's window (an end at or before the start is the next day). */
export function windowHours(r) {
  const min = (hm) => Number(hm.slice(0, 2)) * 60 + Number(hm.slice(3, 5));
  const len = min(r.end) - min(r.start);
  return Math.floor((len > 0 ? len : len + 24 * 60) / 60);
}

/** A new rule: every day, 02:00-05:00, charge at 2000 W up to 90 %. */
export const newRule = () => editable(null);

/**
 * The rules as save_settings takes them. A target that is no whole number throws
 * {message, field: 'timers'}, the rule named as the backend names it ("Timer 2: …");
 * the ranges and overlaps are the backend's to check.
 */
export function toJson(rules) {
  return rules.map((r, i) => {
    const out = { days: r.days.slice(), start: r.start, end: r.end, kind: r.kind };
    if (r.kind === 'charge') {
      const target = String(r.target).trim();
      if (!/^\d{1,3}$/.test(target)) throw { message: t('win-timer-bad-target', { timer: i + 1 }), field: 'timers' };
      Object.assign(out, { power_w: r.power_w, target_soc_pct: Number(target) }, r.extra);
    }
    out.enabled = r.enabled;
    if (r.kind === 'charge' && r.cheapest !== null) out.cheapest_hours = r.cheapest;
    return out;
  });
}

/** A day's short name in the window's language ("Tue", "di"). */
export const dayShort = (day) => t(`win-day-${day}`);

/** The days of a rule in words: "every day", "Mon-Fri", "Sat, Sun", "Mon, Wed, Fri". */
export function daysText(days) {
  if (days.length === 7) return t('win-timer-every-day');
  if (!days.length) return t('win-timer-no-days');
  const on = DAYS.map((d) => days.includes(d));
  const parts = [];
  for (let i = 0; i < 7; i++) {
    if (!on[i]) continue;
    let j = i;
    while (j + 1 < 7 && on[j + 1]) j++;
    if (j - i >= 2) parts.push(t('win-timer-day-run', { first: dayShort(DAYS[i]), last: dayShort(DAYS[j]) }));
    else for (let k = i; k <= j; k++) parts.push(dayShort(DAYS[k]));
    i = j;
  }
  return parts.join(', ');
}

/** One line for a rule: "Mon-Fri 22:00-06:00: charge at 2000 W up to 90 %". */
export function summary(r) {
  const args = { days: daysText(r.days), start: r.start, end: r.end };
  let line = r.kind === 'block' ? t('win-timer-summary-block', args)
    : t('win-timer-summary-charge', Object.assign(args, { power: decimalInput(r.power_w), target: String(r.target).trim() || '?' }));
  if (r.kind === 'charge' && r.cheapest !== null) line = t('win-timer-summary-cheapest', { summary: line, hours: r.cheapest });
  return r.enabled ? line : t('win-timer-summary-off', { summary: line });
}
