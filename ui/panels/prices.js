// The prices of the timers in the cheapest hours (issue 11, docs/ipc.md `state.prices`): near
// the timer line, a compact bar chart of the hourly prices (ct/kWh, the hours in local time),
// the hours chosen marked, negative prices below the zero line; a line with the text of the
// hours chosen (the chart's legend, and its text alternative with the lowest and highest
// price); why prices are missing (`problem`, in the owner's words already) and, for a timer
// that falls back to its last hours, a sentence that says so.
//
// Plain SVG, built from (state, ui) like every panel: rebuilt only when the prices, the
// language or the hour change (a render comes every 5 s). Geometry only as attributes, the
// look from style.css (the CSP allows no inline style).
import { t, currentLanguage } from '../text.js';
import { $ } from '../dom.js';
import { isNum, num, clock, parseTime } from '../format.js';
import { DAYS, dayShort } from '../timer-rules.js';

const SVG = 'http://www.w3.org/2000/svg';
const HOUR = 3600000;
// The drawing's own units (viewBox): it scales to the card's width.
const W = 330;
const H = 110;
const PAD = { l: 24, r: 4, t: 6, b: 15 };
const BASES = ['cheapest', 'fallback'];

/** The parts of state.prices the window can trust, or null. */
export function pricesOf(p) {
  if (!p || typeof p !== 'object') return null;
  const points = (Array.isArray(p.points) ? p.points : [])
    .map((x) => (x && typeof x === 'object' && parseTime(x.start) && isNum(x.eur_per_kwh)
      ? { at: parseTime(x.start), ct: x.eur_per_kwh * 100 } : null))
    .filter(Boolean)
    .sort((a, b) => a.at - b.at);
  const chosen = (Array.isArray(p.chosen) ? p.chosen : [])
    .map((c) => (c && typeof c === 'object' && parseTime(c.start) && parseTime(c.end) && BASES.includes(c.basis)
      ? { timer: Number.isInteger(c.timer) ? c.timer : null, start: parseTime(c.start), end: parseTime(c.end), basis: c.basis } : null))
    .filter(Boolean)
    .sort((a, b) => a.start - b.start);
  return { points, chosen, problem: typeof p.problem === 'string' && p.problem ? p.problem : null };
}

/** A time: "05:00" today, "Sat 05:00" on another day. */
function at(d, now) {
  if (d.toDateString() === now.toDateString()) return clock(d);
  return t('win-timer-day-time', { day: dayShort(DAYS[(d.getDay() + 6) % 7]), time: clock(d) });
}

/** Spans as words: "03:00–04:00, Sat 05:00–06:00". */
export function spansText(spans, now = new Date()) {
  return spans.map((c) => t('win-prices-span', { start: at(c.start, now), end: clock(c.end) })).join(', ');
}

const ctText = (v) => `${num(v, 1)}\u00a0${t('win-unit-ct-kwh')}`;

function node(tag, attrs, cls) {
  const n = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, String(v));
  if (cls) n.setAttribute('class', cls);
  return n;
}

/** The chart of `points` with the hours of `chosen` marked, into the <svg> `svg`. */
function draw(svg, points, chosen, now) {
  const lo = Math.min(0, ...points.map((p) => p.ct));
  let hi = Math.max(0, ...points.map((p) => p.ct));
  if (hi - lo < 1) hi = lo + 1;
  const first = points[0].at.getTime();
  const slots = Math.round((points[points.length - 1].at.getTime() - first) / HOUR) + 1;
  const plotW = W - PAD.l - PAD.r;
  const plotH = H - PAD.t - PAD.b;
  const slot = plotW / slots;
  const x = (ms) => PAD.l + ((ms - first) / HOUR) * slot;
  const y = (v) => PAD.t + ((hi - v) / (hi - lo)) * plotH;
  const kids = [];
  // The highest and lowest price on the left, and the zero line.
  kids.push(node('line', { x1: PAD.l, x2: W - PAD.r, y1: y(hi), y2: y(hi) }, 'prices-grid'));
  kids.push(node('text', { x: PAD.l - 3, y: y(hi) + 3, 'text-anchor': 'end' }, 'prices-tick'));
  kids[kids.length - 1].textContent = num(hi, 0);
  if (lo < 0) {
    kids.push(node('text', { x: PAD.l - 3, y: y(lo), 'text-anchor': 'end' }, 'prices-tick'));
    kids[kids.length - 1].textContent = num(lo, 0);
  }
  const zero = node('text', { x: PAD.l - 3, y: y(0) + 3, 'text-anchor': 'end' }, 'prices-tick');
  zero.textContent = '0';
  if (hi - 0 > (hi - lo) * 0.12 && (lo === 0 || 0 - lo > (hi - lo) * 0.12)) kids.push(zero);
  const nowMs = now.getTime();
  for (const p of points) {
    const ms = p.at.getTime();
    const c = chosen.find((s) => ms >= s.start.getTime() && ms < s.end.getTime());
    const top = y(Math.max(p.ct, 0));
    const height = Math.max(1, Math.abs(y(p.ct) - y(0)));
    const cls = ['prices-bar'];
    if (c) cls.push(c.basis === 'cheapest' ? 'is-chosen' : 'is-fallback');
    if (p.ct < 0) cls.push('is-negative');
    if (ms + HOUR <= nowMs) cls.push('is-past');
    const bar = node('rect', { x: (x(ms) + slot * 0.12).toFixed(2), y: (p.ct < 0 ? y(0) : top).toFixed(2), width: (slot * 0.76).toFixed(2), height: height.toFixed(2) }, cls.join(' '));
    bar.dataset.start = p.at.toISOString();
    kids.push(bar);
    // The hours every 6 h of local time; midnight as the day's name.
    const h = p.at.getHours();
    if (p.at.getMinutes() === 0 && h % 6 === 0) {
      const label = node('text', { x: (x(ms) + slot / 2).toFixed(2), y: H - 3, 'text-anchor': 'middle' }, 'prices-tick');
      label.textContent = h === 0 ? dayShort(DAYS[(p.at.getDay() + 6) % 7]) : clock(p.at);
      kids.push(label);
      kids.push(node('line', { x1: x(ms), x2: x(ms), y1: PAD.t, y2: H - PAD.b }, 'prices-grid prices-grid--v'));
    }
  }
  kids.push(node('line', { x1: PAD.l, x2: W - PAD.r, y1: y(0), y2: y(0) }, 'prices-zero'));
  if (nowMs >= first && nowMs < first + slots * HOUR) {
    kids.push(node('line', { x1: x(nowMs).toFixed(2), x2: x(nowMs).toFixed(2), y1: PAD.t - 2, y2: H - PAD.b }, 'prices-now'));
  }
  svg.replaceChildren(...kids);
}

let drawn = null; // what the chart was last drawn from

export function render(s) {
  const box = $('prices');
  let p = s ? pricesOf(s.prices) : null;
  if (p && !p.points.length && !p.chosen.length && !p.problem) p = null; // nothing to show
  box.hidden = !p;
  if (!p) {
    drawn = null;
    return;
  }
  const now = new Date();
  const cheapest = p.chosen.filter((c) => c.basis === 'cheapest');
  const chosenText = cheapest.length ? t('win-prices-chosen', { hours: spansText(cheapest, now) }) : t('win-prices-none-chosen');

  const problem = $('prices-problem');
  problem.hidden = !p.problem;
  problem.textContent = p.problem || '';

  // Each timer whose next hours fall back to its last hours: one sentence. A later window
  // that falls back only because its day's prices are not due yet (tomorrow's, before about
  // 13:00) is not told while the timer's next hours are chosen from prices.
  const fallback = p.chosen.filter((c) => c.basis === 'fallback' && c.end > now);
  const timers = [...new Set(fallback.map((c) => c.timer))]
    .filter((n) => p.chosen.find((c) => c.timer === n && c.end > now).basis === 'fallback');
  const sentence = timers.map((n) => t('win-prices-fallback', {
    timer: n === null ? '?' : n, hours: spansText(fallback.filter((c) => c.timer === n), now),
  })).join(' ');
  const fb = $('prices-fallback');
  fb.hidden = !sentence;
  fb.textContent = sentence;

  const chart = $('prices-chart-box');
  chart.hidden = !p.points.length;
  const legend = $('prices-chosen');
  legend.hidden = !p.points.length || !cheapest.length;
  $('prices-chosen-text').textContent = chosenText;
  if (!p.points.length) return;
  const svg = $('prices-chart');
  const lo = Math.min(...p.points.map((x) => x.ct));
  const hi = Math.max(...p.points.map((x) => x.ct));
  svg.setAttribute('aria-label', t('win-prices-alt', { low: ctText(lo), high: ctText(hi), chosen: chosenText }));
  const key = JSON.stringify([s.prices, currentLanguage(), Math.floor(now.getTime() / 60000)]);
  if (key === drawn) return;
  drawn = key;
  draw(svg, p.points, p.chosen, now);
}

export function wire() {
  $('prices-chart').setAttribute('viewBox', `0 0 ${W} ${H}`);
}
