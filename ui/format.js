// Numbers, amounts, times and durations in the words and locale of the catalogue (text.js):
// Intl with "en-GB" or "nl-NL" ("2.41 bar" / "2,41 bar", "45,679 L" / "45.679 L"), 24-hour
// times in both, SI units in both ("63 %", with a space).
import { t, locale, has } from './text.js';

export const isNum = (v) => typeof v === 'number' && Number.isFinite(v);

const numberCache = new Map();
function numberFormat(opts) {
  const key = `${locale()}|${opts.minimumFractionDigits}|${opts.maximumFractionDigits}|${opts.useGrouping !== false}`;
  let f = numberCache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale(), opts);
    numberCache.set(key, f);
  }
  return f;
}

/** `v` with at most `max` decimals (and at least `min`), grouped in thousands. */
export function num(v, max = 0, min = 0) {
  return numberFormat( { minimumFractionDigits: min, maximumFractionDigits: max }).format(v);
}

/**
 * A number as an input shows it: the language's decimal mark ("1,5" / "1.5"), no grouping,
 * every decimal it has (up to 6), at least `min`. The webview's own number inputs would use
 * its locale, not the window's language: decimal fields are text inputs (panels/settings.js).
 */
export function decimalInput(v, min = 0) {
  return numberFormat({ minimumFractionDigits: min, maximumFractionDigits: 6, useGrouping: false }).format(v);
}

/**
 * A typed decimal: digits with at most one "," or "." as the decimal mark, in either
 * language ("1,5", "1.5", ",5", "2"); a leading "-" is kept (the backend names the range).
 * null for anything else: "abc", "1,5,0", "1.000,5", "1 5", "".
 */
export function parseDecimal(text) {
  const m = /^\s*(-?)(\d*)(?:[.,](\d*))?\s*$/.exec(String(text));
  if (!m || (m[2] + (m[3] || '')) === '') return null;
  const v = Number(`${m[1]}${m[2] || '0'}.${m[3] || '0'}`);
  return Number.isFinite(v) ? v : null;
}

const unit = (text, u) => `${text} ${u}`;

/** Volumes: "52,000 L", "7.5 L": whole litres from 100 L on, no needless decimals. */
export const volume = (l) => unit(num(l, Math.abs(l) >= 100 ? 0 : 1), t('win-unit-l'));
/** Energies: "1,235 kWh", "9.9 kWh": whole kWh from 100 kWh on, one decimal below. */
export const energy = (kwh) => unit(num(kwh, Math.abs(kwh) >= 100 ? 0 : 1), t('win-unit-kwh'));
export const power = (w) => unit(num(Math.round(w)), t('win-unit-w'));
export const temp = (c) => unit(num(c, 1, 1), t('win-unit-c'));
export const flow = (lpm) => unit(num(lpm, 1), t('win-unit-lpm'));
/** Pressure always with two decimals: it is the owner's main health signal. */
export const bar = (v) => unit(num(v, 2, 2), t('unit-bar'));
/** A pressure level from the settings, without needless decimals ("2", "1.5"). */
export const barLevel = (v) => num(v, 2);
export const pct = (v) => unit(num(Math.round(v)), t('win-unit-pct'));

export function duration(min) {
  const h = Math.floor(min / 60);
  const m = min % 60;
  const args = { hours: String(h), minutes: String(m) };
  if (!h) return t('duration-minutes', args);
  return m ? t('duration-hours-minutes', args) : t('duration-hours', args);
}

export function parseTime(s) {
  if (!s) return null;
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? null : d;
}

const pad2 = (n) => String(n).padStart(2, '0');
/** "14:05", local time. */
export const clock = (d) => `${pad2(d.getHours())}:${pad2(d.getMinutes())}`;

/** "14:05" today, "24 Nov 14:05" on another day. */
export function when(d) {
  const time = clock(d);
  if (d.toDateString() === new Date().toDateString()) return time;
  const day = dayMonth(d);
  return `${day} ${time}`;
}

export const fullDate = (d) => d.toLocaleString(locale());

export function ago(d) {
  const s = Math.max(0, Math.round((Date.now() - d.getTime()) / 1000));
  if (s < 45) return t('win-just-now');
  const m = Math.round(s / 60);
  if (m < 60) return t('win-minutes-ago', { minutes: String(m) });
  const h = Math.floor(m / 60);
  if (h < 24) return m % 60 ? t('win-hours-minutes-ago', { hours: String(h), minutes: String(m % 60) }) : t('win-hours-ago', { hours: String(h) });
  return t('win-days-ago', { days: Math.floor(h / 24) });
}

/**
 * "Charging (electric heater)" for "Charging Electrical Main": the tray's words (tray.ftl's
 * device-state-charging-electrical-main, the same slug as nestore-tray-core's
 * presentation::device_state); unknown names as they come.
 */
export function stateWords(raw) {
  const slug = String(raw).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  const id = `device-state-${slug}`;
  return slug && has(id) ? t(id) : raw;
}

// ---- chart times (panels/history.js), local time ----
const fmtCache = new Map();
function dtf(opts) {
  const key = `${locale()}|${JSON.stringify(opts)}`;
  let f = fmtCache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale(), opts);
    fmtCache.set(key, f);
  }
  return f;
}
/** "25 Nov" */
export const dayMonth = (d) => dtf({ day: 'numeric', month: 'short' }).format(d);
/** "Nov" */
export const monthShort = (d) => dtf({ month: 'short' }).format(d);
/** "Nov 2026" */
export const monthYear = (d) => dtf({ month: 'short', year: 'numeric' }).format(d);
/** "Tue 25 Nov" */
export const weekdayDay = (d) => dtf({ weekday: 'short', day: 'numeric', month: 'short' }).format(d);
/** "25 Nov 2026" */
export const dayMonthYear = (d) => dtf({ day: 'numeric', month: 'short', year: 'numeric' }).format(d);
/** "25 Nov 14:05", with the year when it is not this year's. */
export function dateTime(d) {
  const day = d.getFullYear() === new Date().getFullYear() ? dayMonth(d) : dayMonthYear(d);
  return `${day} ${clock(d)}`;
}
