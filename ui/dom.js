// Small DOM helpers shared by the panels.
import { t } from './text.js';
import { isNum } from './format.js';

export const $ = (id) => document.getElementById(id);

export function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

export function icon(href, cls) {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('class', `icon ${cls || ''}`.trim());
  svg.setAttribute('aria-hidden', 'true');
  const use = document.createElementNS(SVG_NS, 'use');
  use.setAttribute('href', href);
  svg.appendChild(use);
  return svg;
}

/**
 * A status line: `msg` is null (hidden) or {ok: true | false | null (busy), text} or, for the
 * window's own words, {ok, id, args}: a catalogue message, so that it follows a change of
 * language while it shows.
 */
export function showMessage(node, msg) {
  const text = msg ? (msg.id ? t(msg.id, msg.args) : msg.text) : '';
  node.hidden = !text;
  node.textContent = text || '';
  node.classList.toggle('is-busy', !!msg && msg.ok === null);
  node.classList.toggle('is-ok', !!msg && msg.ok === true);
  node.classList.toggle('is-err', !!msg && msg.ok === false);
}

function isImplausible(reading, key, index) {
  const list = reading && Array.isArray(reading.implausible) ? reading.implausible : [];
  if (list.includes(key)) return true;
  if (index !== undefined) return list.includes(`${key}[${index}]`) || list.includes(`zone_${index + 1}`);
  return false;
}

/**
 * Writes one reading into `node`: `format(value)`, "—" (not reported) or "implausible".
 * Returns 'ok', 'null' or 'implausible'.
 */
export function showMeasure(node, reading, key, value, format, index) {
  node.classList.remove('val-null', 'val-implausible');
  if (!isNum(value) && reading && isImplausible(reading, key, index)) {
    node.textContent = t('win-implausible');
    node.setAttribute('title', t('win-implausible-title'));
    node.classList.add('val-implausible');
    return 'implausible';
  }
  if (!isNum(value)) {
    node.textContent = t('win-dash');
    node.setAttribute('title', t('win-not-reported'));
    node.classList.add('val-null');
    return 'null';
  }
  node.textContent = format(value);
  node.removeAttribute('title');
  return 'ok';
}

/** The alerts part of the state, tolerant of missing pieces. */
export function alertsOf(s) {
  const a = s && s.alerts && typeof s.alerts === 'object' ? s.alerts : {};
  const objects = (v) => (Array.isArray(v) ? v.filter((x) => x && typeof x === 'object') : []);
  return { active: objects(a.active), snoozedUntil: a.snoozed_until || null, log: objects(a.log) };
}

export const SEVERITIES = ['alarm', 'warning', 'info'];
export const sevOf = (v) => (SEVERITIES.includes(v) ? v : 'info');
