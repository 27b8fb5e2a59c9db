// The history view: four charts on one time axis (uPlot, vendored in ui/vendor/uplot/):
// charge and heater, pressure (healthy band, thresholds, alert markers), the five zones,
// daily hot water and charging. A period (24 h … 1 year), zoom by dragging across a chart
// (a new query, so the buckets get finer), a hover readout, CSV export.
// Contract: docs/ipc.md "History" (history_query, history_export).
//
// The charts are drawn from (state, ui) like every panel, but uPlot keeps its canvases: they
// are rebuilt only when the reply, the pressure band, the theme, the language or the width
// changes.
import { t, currentLanguage } from '../text.js';
import { $, showMessage } from '../dom.js';
import {
  isNum, num, clock, dayMonth, monthShort, weekdayDay, dateTime, parseTime,
  bar, temp, power, pct, volume, energy,
} from '../format.js';
import { invoke } from '../ipc.js';

// uPlot (vendor/uplot/uPlot.iife.min.js, a classic script defining `uPlot`) is loaded the
// first time the history view is shown: the monitor view, which the window opens on, needs
// none of it.
const UPLOT_SRC = 'vendor/uplot/uPlot.iife.min.js';
let uPlot = window.uPlot || null;
let uPlotState = uPlot ? 'ready' : 'idle';   // 'idle' | 'loading' | 'ready' | 'failed'

function loadUplot(app) {
  if (uPlotState !== 'idle') return;
  uPlotState = 'loading';
  const script = document.createElement('script');
  script.src = UPLOT_SRC;
  script.onload = () => {
    uPlot = window.uPlot || null;
    uPlotState = uPlot ? 'ready' : 'failed';
    app.render();
  };
  script.onerror = () => {
    uPlotState = 'failed';
    app.render();
  };
  document.head.appendChild(script);
}

export const RANGES = { '24h': 86400, '7d': 7 * 86400, '30d': 30 * 86400, '1y': 365 * 86400 };
const DEFAULT_POLL_S = 300;
const MAX_BUCKETS = 1000;
const SERIES = ['soc_pct', 'heater_power_w', 'pressure_bar', 'zone1_c', 'zone2_c', 'zone3_c', 'zone4_c', 'zone5_c'];
const DAILY = ['hot_water_l', 'charged_kwh', 'hot_water_kwh'];
const SYNC_KEY = 'nestore-history';

/**
 * How many buckets to ask for: no bucket narrower than 1.5 poll intervals (a narrower one
 * would often hold no reading and draw a false gap), at most MAX_BUCKETS. Buckets of 8 h or
 * more become whole days: a bucket that holds a different part of the daily charge cycle
 * each time would draw a zigzag that is not there (a year: 365 daily buckets).
 */
export function bucketsFor(spanS, pollS) {
  const poll = isNum(pollS) && pollS > 0 ? pollS : DEFAULT_POLL_S;
  const n = Math.max(2, Math.min(MAX_BUCKETS, Math.floor(spanS / (1.5 * poll))));
  const width = spanS / n;
  if (width < 8 * 3600) return n;
  return Math.max(2, Math.floor(spanS / (Math.ceil(width / 86400) * 86400)));
}

/** The shortest zoom: a dozen buckets of 1.5 polls, and at least an hour. */
const minSpan = (pollS) => Math.max(3600, 18 * (isNum(pollS) && pollS > 0 ? pollS : DEFAULT_POLL_S));

/** RFC 3339 in UTC, whole seconds. */
const iso = (sec) => new Date(Math.round(sec) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
const numOrNull = (v) => (isNum(v) ? v : null);

/** The reply in a shape the charts can trust: every array as long as `t`, non-numbers null. */
export function normalise(r, q) {
  const reply = r && typeof r === 'object' ? r : {};
  const rawT = Array.isArray(reply.t) ? reply.t : [];
  const keep = [];
  for (let i = 0; i < rawT.length; i++) if (isNum(rawT[i])) keep.push(i);
  const pick = (a) => keep.map((i) => numOrNull(Array.isArray(a) ? a[i] : null));
  const series = {};
  for (const key of SERIES) {
    const s = reply.series && typeof reply.series === 'object' && reply.series[key] && typeof reply.series[key] === 'object'
      ? reply.series[key] : {};
    series[key] = { min: pick(s.min), mean: pick(s.mean), max: pick(s.max) };
  }
  const daily = [];
  for (const d of Array.isArray(reply.daily) ? reply.daily : []) {
    const m = d && typeof d.date === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(d.date) : null;
    if (!m) continue;
    const [y, mo, da] = [Number(m[1]), Number(m[2]) - 1, Number(m[3])];
    const day = { date: d.date, epochDay: Date.UTC(y, mo, da) / 86400000, start: new Date(y, mo, da).getTime() / 1000,
      noon: new Date(y, mo, da, 12).getTime() / 1000, end: new Date(y, mo, da + 1).getTime() / 1000 };
    for (const k of DAILY) day[k] = numOrNull(d[k]);
    daily.push(day);
  }
  daily.sort((a, b) => a.start - b.start);
  const events = [];
  for (const e of Array.isArray(reply.events) ? reply.events : []) {
    const at = e && parseTime(e.at);
    if (!at || e.kind !== 'alert') continue;
    events.push({ at: at.getTime() / 1000, severity: ['alarm', 'warning', 'info'].includes(e.severity) ? e.severity : 'info',
      title: typeof e.title === 'string' ? e.title : '' });
  }
  const from = parseTime(reply.from);
  const to = parseTime(reply.to);
  const has = SERIES.some((k) => series[k].mean.some((v) => v !== null))
    || daily.some((d) => d.hot_water_l !== null || d.charged_kwh !== null);
  return {
    from: from ? from.getTime() / 1000 : q.from,
    to: to ? to.getTime() / 1000 : q.to,
    bucketS: numOrNull(reply.bucket_s),
    t: keep.map((i) => rawT[i]),
    series, daily, events, has,
    demo: reply.demo === true,
    enabled: reply.enabled !== false,
  };
}

// ---------------------------------------------------------------------------------------
// Queries

let appRef = null;
let seq = 0;                 // the newest query; older replies are dropped
let timing = null;           // {t0, reply, drawn}: click → reply → four charts drawn (ms)

async function query(app, t0) {
  const h = app.ui.history;
  const now = Math.floor(Date.now() / 1000);
  const from = h.zoom ? h.zoom.from : now - RANGES[h.range];
  const to = h.zoom ? h.zoom.to : now;
  const q = { from, to, buckets: bucketsFor(to - from, h.pollS) };
  const mine = ++seq;
  h.query = q;
  h.loading = true;
  h.error = null;
  timing = { t0: isNum(t0) ? t0 : performance.now(), reply: null, seq: mine };
  app.render();
  try {
    const reply = await invoke('history_query', { from: iso(q.from), to: iso(q.to), buckets: q.buckets });
    if (mine !== seq) return;
    timing.reply = performance.now();
    h.data = normalise(reply, q);
  } catch (e) {
    if (mine !== seq) return;
    h.data = null;
    h.error = e.message;
  }
  h.loading = false;
  app.render();
}

/** Opens the view: the poll interval once (for the bucket count), then the current period. */
export async function open(app) {
  const t0 = performance.now();
  const h = app.ui.history;
  h.exportMessage = null;
  if (!isNum(h.pollS)) {
    const loaded = app.ui.settings.loaded;
    if (loaded && isNum(loaded.poll_interval_s)) {
      h.pollS = loaded.poll_interval_s;
    } else {
      try {
        const st = await invoke('get_settings');
        h.pollS = st && isNum(st.poll_interval_s) ? st.poll_interval_s : DEFAULT_POLL_S;
      } catch {
        h.pollS = DEFAULT_POLL_S;
      }
    }
  }
  await query(app, t0);
}

function setRange(app, range, t0) {
  const h = app.ui.history;
  h.range = range;
  h.zoom = null;
  query(app, t0);
}

function zoomTo(app, a, b) {
  const h = app.ui.history;
  const now = Math.floor(Date.now() / 1000);
  let from = Math.min(a, b);
  let to = Math.min(Math.max(a, b), now);
  const min = minSpan(h.pollS);
  if (to - from < min) {
    const mid = (from + to) / 2;
    to = Math.min(now, mid + min / 2);
    from = to - min;
  }
  h.zoom = { from: Math.floor(from), to: Math.ceil(to) };
  query(app);
}

async function exportCsv(app) {
  const h = app.ui.history;
  const q = h.query;
  if (!q || h.exporting) return;
  h.exporting = true;
  h.exportMessage = { ok: null, id: 'win-exporting' };
  app.render();
  try {
    const res = await invoke('history_export', { from: iso(q.from), to: iso(q.to), daily: $('history-export-daily').checked });
    // path null: the owner cancelled the save dialog; nothing to say.
    h.exportMessage = res && typeof res.path === 'string' && res.path ? { ok: true, id: 'win-exported-to', args: { path: res.path } } : null;
  } catch (e) {
    h.exportMessage = { ok: false, text: e.message };
  }
  h.exporting = false;
  app.render();
}

// ---------------------------------------------------------------------------------------
// Render

export function render(s, ui) {
  const h = ui.history;
  for (const btn of document.querySelectorAll('#history-ranges [data-range]')) {
    btn.setAttribute('aria-pressed', String(!h.zoom && btn.dataset.range === h.range));
    btn.textContent = t(`win-range-${btn.dataset.range}`);
    btn.title = t(`win-range-${btn.dataset.range}-title`);
  }
  const zoomRow = $('history-zoom');
  zoomRow.hidden = !h.zoom;
  $('history-zoom-text').textContent = h.zoom
    ? t('win-zoomed-to', { from: dateTime(new Date(h.zoom.from * 1000)), to: dateTime(new Date(h.zoom.to * 1000)) }) : '';

  const d = h.data;
  const status = $('history-status');
  if (ui.view === 'history' && appRef) loadUplot(appRef);
  let msg = null;
  if (uPlotState === 'failed') msg = { ok: false, id: 'win-history-no-charts' };
  else if (h.error) msg = { ok: false, id: 'win-history-failed', args: { message: h.error } };
  else if ((!d && h.loading) || uPlotState === 'loading') msg = { ok: null, id: 'win-history-loading' };
  else if (d && !d.has && d.enabled) msg = { ok: null, id: h.zoom ? 'win-history-empty-range' : 'win-history-empty' };
  showMessage(status, msg);
  $('history-off').hidden = !(d && !d.enabled);
  $('history-demo').hidden = !(d && d.demo);

  const show = !!(d && d.has && uPlot);
  const charts = $('history-charts');
  charts.hidden = !show;
  charts.classList.toggle('is-loading', h.loading);
  $('view-history').setAttribute('aria-busy', String(h.loading));

  $('btn-export').disabled = h.exporting || !show;
  showMessage($('history-export-message'), h.exportMessage);

  if (ui.view === 'history' && show) ensureCharts(d, s && s.pressure_band);
}

// ---------------------------------------------------------------------------------------
// Charts

let charts = [];             // the four uPlot instances, in page order
let builtKey = null;         // what they were built from: {data, band, theme, language, width}
let themeVersion = 0;
let builds = 0;

function hexAlpha(color, a) {
  const m = /^#([0-9a-f]{6})$/i.exec(color);
  if (!m) return color;
  const n = parseInt(m[1], 16);
  return `rgba(${n >> 16}, ${(n >> 8) & 255}, ${n & 255}, ${a})`;
}

/** The page's colours (style.css custom properties): canvas cannot use var(). */
function palette() {
  const cs = getComputedStyle(document.documentElement);
  const v = (name) => cs.getPropertyValue(name).trim();
  return {
    text: v('--text'), muted: v('--muted'), line: v('--line'), card: v('--card'),
    warn: v('--warn'), bad: v('--bad'), band: v('--band'),
    soc: v('--chart-soc'), power: v('--chart-power'), pressure: v('--chart-pressure'),
    water: v('--chart-water'), charged: v('--chart-charged'),
    zones: [1, 2, 3, 4, 5].map((i) => v(`--chart-zone${i}`)),
    sev: { alarm: v('--bad'), warning: v('--warn'), info: v('--muted') },
  };
}

const AXIS_FONT = '11px system-ui, sans-serif';

/** Tick labels of the time axis, in the catalogue's locale (uPlot's own are English). */
function timeTicks(u, splits, axisIdx, space, incr) {
  return splits.map((v) => {
    const d = new Date(v * 1000);
    if (incr < 86400) return d.getHours() === 0 && d.getMinutes() === 0 ? dayMonth(d) : clock(d);
    if (incr < 28 * 86400) return dayMonth(d);
    return d.getMonth() === 0 ? String(d.getFullYear()) : monthShort(d);
  });
}

function xAxis(c) {
  return { stroke: c.muted, font: AXIS_FONT, space: 56, size: 26, values: timeTicks,
    grid: { stroke: c.line, width: 1 }, ticks: { stroke: c.line, width: 1, size: 4 } };
}

function yAxis(c, scale, fmt, side) {
  return { scale, side: side || 3, stroke: c.muted, font: AXIS_FONT, size: 36, gap: 3, space: 26,
    values: (u, splits) => splits.map(fmt),
    grid: { show: side !== 1, stroke: c.line, width: 1 }, ticks: { show: false } };
}

// Hover readout: nothing while the cursor is away, "—" for a gap, else the value.
/** An empty right-hand axis: every chart's plot spans the same pixels, so times line up. */
function spacer(c, scale) {
  return Object.assign(yAxis(c, scale, () => '', 1), { grid: { show: false } });
}

const legendValue = (fmt) => (u, v, si, idx) => (idx == null ? '' : v == null ? t('win-dash') : fmt(v));

function common(c, width, height, d, onDraw) {
  return {
    width, height,
    pxAlign: 1,
    cursor: {
      sync: { key: SYNC_KEY, setSeries: false },
      drag: { x: true, y: false, setScale: false },
      points: { size: 6, width: 1.5 },
      focus: { prox: -1 },
    },
    select: { show: true },
    legend: { live: true },
    scales: { x: { time: true, range: () => [d.from, d.to] } },
    hooks: {
      setSelect: [(u) => selected(u)],
      setCursor: [(u) => hoverEvent(u, d)],
      draw: [onDraw],
    },
  };
}

function timeSeries() {
  return { label: t('win-series-time'), value: (u, v, si, idx) => (idx == null || v == null ? '' : dateTime(new Date(v * 1000))) };
}

function socChart(c, d, width, onDraw) {
  const s = d.series;
  const opts = common(c, width, 150, d, onDraw);
  opts.scales['%'] = { range: [0, 100] };
  opts.scales.W = { range: (u, min, max) => [0, Math.max(3500, isNum(max) ? max * 1.05 : 0)] };
  opts.series = [
    timeSeries(),
    { label: t('win-series-soc'), scale: '%', stroke: c.soc, width: 1.5, fill: hexAlpha(c.soc, 0.1), value: legendValue(pct) },
    { label: t('win-series-power'), scale: 'W', stroke: c.power, width: 1, fill: hexAlpha(c.power, 0.18),
      paths: uPlot.paths.stepped({ align: 1 }), points: { show: false }, value: legendValue(power) },
  ];
  opts.axes = [xAxis(c), yAxis(c, '%', (v) => num(v)), yAxis(c, 'W', (v) => num(v / 1000, 1), 1)];
  return new uPlot(opts, [d.t, s.soc_pct.mean, s.heater_power_w.mean]);
}

function pressureChart(c, d, band, width, onDraw) {
  const p = d.series.pressure_bar;
  const b = band && isNum(band.low_alarm_bar) && isNum(band.high_alarm_bar) ? band : null;
  const opts = common(c, width, 170, d, onDraw);
  opts.scales.bar = {
    range: (u, min, max) => {
      const lo = Math.min(isNum(min) ? min : 2, b ? b.low_alarm_bar : 2) - 0.2;
      const hi = Math.max(isNum(max) ? max : 3, b ? b.high_alarm_bar : 3) + 0.2;
      return [Math.max(0, Math.floor(lo * 2) / 2), Math.ceil(hi * 2) / 2];
    },
  };
  const minmax = { scale: 'bar', stroke: hexAlpha(c.pressure, 0.35), width: 0, points: { show: false } };
  opts.series = [
    timeSeries(),
    { label: t('win-series-pressure'), scale: 'bar', stroke: c.pressure, width: 1.5, value: legendValue(bar) },
    Object.assign({ label: t('win-series-min'), value: legendValue(bar) }, minmax),
    Object.assign({ label: t('win-series-max'), value: legendValue(bar) }, minmax),
  ];
  // min..max as a light band around the mean
  opts.bands = [{ series: [3, 2], fill: hexAlpha(c.pressure, 0.2) }];
  opts.axes = [xAxis(c), yAxis(c, 'bar', (v) => num(v, 1, 1)), spacer(c, 'bar')];
  const dpr = uPlot.pxRatio;
  opts.hooks.drawClear = [(u) => { if (b) drawHealthy(u, c, b); }];
  opts.hooks.draw.unshift((u) => {
    if (b) drawThresholds(u, c, b, dpr);
    drawEvents(u, c, d.events, dpr);
  });
  return new uPlot(opts, [d.t, p.mean, p.min, p.max]);
}

function drawHealthy(u, c, b) {
  if (!isNum(b.low_bar) || !isNum(b.high_bar)) return;
  const { left, top, width, height } = u.bbox;
  const y1 = Math.max(top, u.valToPos(b.high_bar, 'bar', true));
  const y2 = Math.min(top + height, u.valToPos(b.low_bar, 'bar', true));
  if (y2 <= y1) return;
  u.ctx.save();
  u.ctx.fillStyle = hexAlpha(c.band, 0.13);
  u.ctx.fillRect(left, y1, width, y2 - y1);
  u.ctx.restore();
}

function drawThresholds(u, c, b, dpr) {
  const { ctx } = u;
  const { left, top, width, height } = u.bbox;
  ctx.save();
  ctx.lineWidth = Math.max(1, Math.round(dpr));
  const line = (v, color, dash) => {
    if (!isNum(v)) return;
    const y = Math.round(u.valToPos(v, 'bar', true)) + 0.5;
    if (y < top || y > top + height) return;
    ctx.strokeStyle = color;
    ctx.setLineDash(dash);
    ctx.beginPath();
    ctx.moveTo(left, y);
    ctx.lineTo(left + width, y);
    ctx.stroke();
  };
  line(b.low_bar, c.warn, [4 * dpr, 3 * dpr]);
  line(b.high_bar, c.warn, [4 * dpr, 3 * dpr]);
  line(b.low_alarm_bar, c.bad, []);
  line(b.high_alarm_bar, c.bad, []);
  ctx.restore();
}

/** Alert events: a thin line through the chart and a marker on its top edge. */
function drawEvents(u, c, events, dpr) {
  if (!events.length) return;
  const { ctx } = u;
  const { left, top, width, height } = u.bbox;
  const [min, max] = [u.scales.x.min, u.scales.x.max];
  ctx.save();
  ctx.lineWidth = Math.max(1, Math.round(dpr));
  for (const e of events) {
    if (e.at < min || e.at > max) continue;
    const x = Math.round(u.valToPos(e.at, 'x', true)) + 0.5;
    if (x < left || x > left + width) continue;
    const color = c.sev[e.severity];
    ctx.strokeStyle = hexAlpha(color, 0.5);
    ctx.setLineDash([2 * dpr, 2 * dpr]);
    ctx.beginPath();
    ctx.moveTo(x, top);
    ctx.lineTo(x, top + height);
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.fillStyle = color;
    ctx.strokeStyle = c.card;
    const r = 4.5 * dpr;
    ctx.beginPath();
    ctx.moveTo(x - r, top);
    ctx.lineTo(x + r, top);
    ctx.lineTo(x, top + r * 1.5);
    ctx.closePath();
    ctx.fill();
    ctx.stroke();
  }
  ctx.restore();
}

function zonesChart(c, d, width, onDraw) {
  const s = d.series;
  const opts = common(c, width, 150, d, onDraw);
  opts.scales['°C'] = {
    range: (u, min, max) => [isNum(min) ? Math.floor(Math.min(min, 20) / 10) * 10 : 0, isNum(max) ? Math.ceil(Math.max(max, 60) / 10) * 10 : 90],
  };
  opts.series = [timeSeries()];
  const data = [d.t];
  for (let i = 1; i <= 5; i++) {
    opts.series.push({ label: t('win-series-zone', { zone: i }), scale: '°C', stroke: c.zones[i - 1], width: 1.25, value: legendValue(temp) });
    data.push(s[`zone${i}_c`].mean);
  }
  opts.axes = [xAxis(c), yAxis(c, '°C', (v) => num(v)), spacer(c, '°C')];
  return new uPlot(opts, data);
}

/** Days per bar: 1 while a day is at least 6 px wide, else whole weeks (a year: weeks). */
function daysPerBar(d, width) {
  const dayPx = Math.max(1, width - 80) / Math.max(1, (d.to - d.from) / 86400);
  return dayPx >= 6 ? 1 : Math.ceil(6 / dayPx / 7) * 7;
}

/**
 * Daily bars: each day spans its own local day on the shared time axis (cut to the period
 * shown), hot water in its left half, charged energy in its right half. A null day has no bar.
 * With `per` > 1 (weeks, Monday to Sunday) a bar is the mean of the group's known days.
 */
function dayBars(days, half, per) {
  return (u, si) => {
    const fill = new Path2D();
    const ys = u.data[si];
    const scale = u.series[si].scale;
    const y0 = u.valToPos(0, scale, true);
    const [min, max] = [u.scales.x.min, u.scales.x.max];
    const dpr = uPlot.pxRatio;
    const group = (i) => Math.floor((days[i].epochDay + 3) / per); // epoch day 0 is a Thursday
    for (let i = 0, j; i < days.length; i = j) {
      let sum = 0;
      let n = 0;
      for (j = i; j < days.length && (j === i || group(j) === group(i)); j++) {
        if (ys[j] != null) { sum += ys[j]; n++; }
      }
      if (!n) continue;
      const v = sum / n;
      const a = Math.max(days[i].start, min);
      const b = Math.min(days[j - 1].end, max);
      if (b <= a) continue;
      const pa = u.valToPos(a, 'x', true);
      const pb = u.valToPos(b, 'x', true);
      const gap = Math.min((pb - pa) * 0.12, 2 * dpr);
      const mid = (pa + pb) / 2;
      const x0 = half === 0 ? pa + gap : mid;
      const x1 = half === 0 ? mid : pb - gap;
      const y = u.valToPos(v, scale, true);
      fill.rect(x0, y, Math.max(x1 - x0, dpr * 0.75), y0 - y);
    }
    return { fill, clip: null, flags: 0 };
  };
}

function dailyChart(c, d, width, onDraw, per) {
  const days = d.daily;
  const opts = common(c, width, 130, d, onDraw);
  const upTo = (floor) => (u, min, max) => [0, Math.max(floor, isNum(max) ? max * 1.1 : 0)];
  opts.scales.L = { range: upTo(10) };
  opts.scales.kWh = { range: upTo(1) };
  opts.series = [
    { label: t('win-series-day'), value: (u, v, si, idx) => (idx == null || v == null ? '' : weekdayDay(new Date(v * 1000))) },
    { label: t('win-series-hot-water'), scale: 'L', stroke: c.water, fill: hexAlpha(c.water, 0.75), width: 0,
      paths: dayBars(days, 0, per), points: { show: false }, value: legendValue(volume) },
    { label: t('win-series-charged'), scale: 'kWh', stroke: c.charged, fill: hexAlpha(c.charged, 0.75), width: 0,
      paths: dayBars(days, 1, per), points: { show: false }, value: legendValue(energy) },
  ];
  opts.axes = [xAxis(c), yAxis(c, 'L', (v) => num(v)), yAxis(c, 'kWh', (v) => num(v), 1)];
  return new uPlot(opts, [days.map((x) => x.noon), days.map((x) => x.hot_water_l), days.map((x) => x.charged_kwh)]);
}

function destroyCharts() {
  for (const u of charts) u.destroy();
  charts = [];
  builtKey = null;
}

const FIGURES = ['chart-soc', 'chart-pressure', 'chart-zones', 'chart-daily'];
const plotOf = (id) => $(id).querySelector('.chart-plot');

function ensureCharts(d, band) {
  const width = Math.floor(plotOf('chart-soc').clientWidth);
  if (width < 50) return;
  const bandKey = JSON.stringify(band || null);
  const k = builtKey;
  const lang = currentLanguage();
  const same = k && k.data === d && k.band === bandKey && k.theme === themeVersion && k.language === lang;
  if (same && k.width === width) return;
  if (same) {
    for (const u of charts) u.setSize({ width, height: u.height });
    builtKey.width = width;
    return;
  }
  destroyCharts();
  const c = palette();
  const build = ++builds;
  let drawn = 0;
  const tm = timing;
  const onDraw = () => {
    if (build !== builds || ++drawn !== 4 || !tm || !isNum(tm.reply)) return;
    // click → reply → the four charts drawn, for tests/ui/checks.js and the report
    const view = $('view-history');
    const end = performance.now();
    view.dataset.drawMs = String(Math.round(end - tm.t0));
    view.dataset.renderMs = String(Math.round(end - tm.reply));
  };
  const per = daysPerBar(d, width);
  const units = {
    'chart-soc': `${t('win-unit-pct')} · ${t('win-unit-kw')}`, 'chart-pressure': t('unit-bar'), 'chart-zones': t('win-unit-c'),
    'chart-daily': per === 1 ? `${t('win-unit-l')} · ${t('win-unit-kwh')}`
      : t('win-daily-averages', { litres: t('win-unit-l'), kwh: t('win-unit-kwh'), weeks: per / 7 }),
  };
  for (const id of FIGURES) {
    plotOf(id).textContent = '';
    $(`${id}-units`).textContent = units[id];
  }
  charts = [
    socChart(c, d, width, onDraw),
    pressureChart(c, d, band, width, onDraw),
    zonesChart(c, d, width, onDraw),
    dailyChart(c, d, width, onDraw, per),
  ];
  charts.forEach((u, i) => {
    plotOf(FIGURES[i]).appendChild(u.root);
    $(FIGURES[i]).uplot = u; // for tests/ui/checks.js
    u.root.querySelector('.u-over').setAttribute('aria-label', t('win-chart-aria', { name: $(FIGURES[i]).querySelector('figcaption span').textContent }));
  });
  builtKey = { data: d, band: bandKey, theme: themeVersion, language: lang, width };
  $('history-event').hidden = true;
}

// A drag across any chart selects a span: query it (finer buckets), and clear the selection
// on every chart (the synced ones fire too: the first one wins).
let pendingZoom = null;
function selected(u) {
  const sel = u.select;
  if (!(sel.width > 3) || pendingZoom) return;
  pendingZoom = [u.posToVal(sel.left, 'x'), u.posToVal(sel.left + sel.width, 'x')];
  queueMicrotask(() => {
    const [a, b] = pendingZoom;
    pendingZoom = null;
    for (const c of charts) c.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
    if (appRef) zoomTo(appRef, a, b);
  });
}

/** Under the pressure chart: the alert at the cursor, if one is within a few pixels. */
function hoverEvent(u, d) {
  const line = $('history-event');
  const left = u.cursor.left;
  let hit = null;
  if (isNum(left) && left >= 0) {
    let best = 7;
    for (const e of d.events) {
      const dx = Math.abs(u.valToPos(e.at, 'x') - left);
      if (dx < best) { best = dx; hit = e; }
    }
  }
  const text = hit ? t('win-event-at', { time: dateTime(new Date(hit.at * 1000)), title: hit.title }) : '';
  if (line.textContent !== text) line.textContent = text;
  line.hidden = !hit;
  line.className = hit ? `chart-event sev-${hit.severity}` : 'chart-event';
}

export function wire(app) {
  appRef = app;
  for (const btn of document.querySelectorAll('#history-ranges [data-range]')) {
    const r = btn.dataset.range;
    btn.addEventListener('click', () => setRange(app, r, performance.now()));
  }
  $('btn-reset-zoom').addEventListener('click', () => {
    app.ui.history.zoom = null;
    query(app);
  });
  $('btn-history-back').addEventListener('click', () => app.showView('monitor'));
  $('btn-export').addEventListener('click', () => exportCsv(app));
  // The charts take their colours from the theme: a theme change redraws them.
  const dark = window.matchMedia('(prefers-color-scheme: dark)');
  const retheme = () => { themeVersion++; app.render(); };
  if (dark.addEventListener) dark.addEventListener('change', retheme);
  // A new width (the window resized) resizes the charts before the next paint. The top bar
  // is watched: it is as wide as the window, and nothing the charts do changes its size.
  const resized = () => { if (charts.length) app.render(); };
  window.addEventListener('resize', resized);
  if (window.ResizeObserver) new ResizeObserver(resized).observe(document.querySelector('.topbar'));
}
