// NEStore Tray — the window. Plain JS, no build step.
// Contract with the backend: docs/ipc.md (event `state`, commands via invoke).
(() => {
  'use strict';

  const $ = (id) => document.getElementById(id);
  const tauri = window.__TAURI__;
  const invoke = (name, args) => tauri.core.invoke(name, args);

  const NOT_REPORTED = 'not reported';
  const IMPLAUSIBLE_TITLE = 'The device reported a physically impossible value';
  const CHARGING_STATE = 'Charging Electrical Main';
  const DEFAULT_LIMITS = {
    power_min_w: 1000, power_max_w: 3400, power_step_w: 100,
    duration_min_min: 30, duration_max_min: 300, target_max_pct: 100,
  };

  let state = null;
  let view = 'monitor';
  let dismissedNotice = null;
  let controlsFilledFrom = null; // JSON of the defaults the form was filled from
  let controlsTouched = false;
  let sending = false;           // a preview/send round trip started from this window
  let pendingCmd = null;         // the command shown in the confirmation dialog
  let localOutcome = null;       // {ok, text, at}: newer than control.last_outcome
  let logExpanded = false;       // the alert log shows every entry, not just the newest
  let snoozing = false;          // a snooze_alerts call is in flight
  let loadedAlerts = null;       // settings.alerts as last loaded (keeps hysteresis_bar etc.)

  // ---------- formatting ----------

  const isNum = (v) => typeof v === 'number' && Number.isFinite(v);

  function fmtNum(v, digits) {
    return v.toFixed(digits);
  }

  function isImplausible(reading, key, index) {
    const list = (reading && Array.isArray(reading.implausible)) ? reading.implausible : [];
    if (list.includes(key)) return true;
    if (index !== undefined) {
      return list.includes(`${key}[${index}]`) || list.includes(`zone_${index + 1}`);
    }
    return false;
  }

  /** Writes a reading into `el`: value with unit, "—" (not reported) or "implausible". */
  function setValue(el, reading, key, value, unit, digits, index) {
    el.classList.remove('val-null', 'val-implausible');
    if (!isNum(value) && reading && isImplausible(reading, key, index)) {
      el.textContent = 'implausible';
      el.setAttribute('title', IMPLAUSIBLE_TITLE);
      el.classList.add('val-implausible');
      return 'implausible';
    }
    if (!isNum(value)) {
      el.textContent = '—';
      el.setAttribute('title', NOT_REPORTED);
      el.classList.add('val-null');
      return 'null';
    }
    el.textContent = `${fmtNum(value, digits)} ${unit}`;
    el.removeAttribute('title');
    return 'ok';
  }

  function parseTime(s) {
    if (!s) return null;
    const d = new Date(s);
    return Number.isNaN(d.getTime()) ? null : d;
  }

  const pad2 = (n) => String(n).padStart(2, '0');
  const clock = (d) => `${pad2(d.getHours())}:${pad2(d.getMinutes())}`;

  function hhmm(d) {
    const t = clock(d);
    const now = new Date();
    if (d.toDateString() === now.toDateString()) return t;
    const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
    return `${d.getDate()} ${months[d.getMonth()]} ${t}`;
  }

  function ago(d) {
    const s = Math.max(0, Math.round((Date.now() - d.getTime()) / 1000));
    if (s < 45) return 'just now';
    const m = Math.round(s / 60);
    if (m < 60) return `${m} min ago`;
    const h = Math.floor(m / 60);
    if (h < 24) return m % 60 ? `${h} h ${m % 60} min ago` : `${h} h ago`;
    const days = Math.floor(h / 24);
    return `${days} day${days === 1 ? '' : 's'} ago`;
  }

  function fmtDuration(min) {
    const h = Math.floor(min / 60);
    const m = min % 60;
    if (!h) return `${m} min`;
    return m ? `${h} h ${m} min` : `${h} h`;
  }

  function errText(e) {
    if (e == null) return 'Something went wrong.';
    if (typeof e === 'string') return e;
    if (e.message) return e.message;
    try { return JSON.stringify(e); } catch (_) { return String(e); }
  }

  // ---------- temperature colour scale (10 °C cold blue → 85 °C hot red) ----------

  const STOPS = [
    [10, [47, 111, 214]],
    [30, [63, 166, 200]],
    [50, [240, 194, 78]],
    [67, [240, 138, 60]],
    [85, [214, 48, 49]],
  ];

  function tempColor(t) {
    const c = Math.min(85, Math.max(10, t));
    for (let i = 1; i < STOPS.length; i++) {
      const [t1, c1] = STOPS[i];
      const [t0, c0] = STOPS[i - 1];
      if (c <= t1) {
        const f = (c - t0) / (t1 - t0);
        return c0.map((v, k) => Math.round(v + (c1[k] - v) * f));
      }
    }
    return STOPS[STOPS.length - 1][1];
  }

  const luminance = ([r, g, b]) => (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;

  // ---------- rendering ----------

  function render(s) {
    if (!s || typeof s !== 'object') return;
    state = s;
    const reading = s.reading || null;
    const unconfigured = s.connection === 'not_configured';

    renderNotice(s);
    renderHeader(s, reading);
    renderAge();

    $('empty-state').hidden = !unconfigured;
    $('monitor').hidden = unconfigured;
    renderAlerts(s);
    renderVessel(reading);
    renderPressure(reading, s.pressure_band);
    renderTotals(reading);
    renderControls(s, reading);
    renderAlertLog(s);
  }

  // ---------- alerts ----------

  const SEVERITIES = ['alarm', 'warning', 'info'];
  const sevOf = (v) => (SEVERITIES.includes(v) ? v : 'info');
  const SEV_ICON = { alarm: '#i-alarm', warning: '#i-warning', info: '#i-info' };
  const SEV_LABEL = { alarm: 'Alarm', warning: 'Warning', info: 'Info' };
  const SVG_NS = 'http://www.w3.org/2000/svg';

  function icon(href, cls) {
    const svg = document.createElementNS(SVG_NS, 'svg');
    svg.setAttribute('class', `icon ${cls || ''}`.trim());
    svg.setAttribute('aria-hidden', 'true');
    const use = document.createElementNS(SVG_NS, 'use');
    use.setAttribute('href', href);
    svg.appendChild(use);
    return svg;
  }

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function alertsOf(s) {
    const a = (s && s.alerts && typeof s.alerts === 'object') ? s.alerts : {};
    return {
      active: Array.isArray(a.active) ? a.active.filter((x) => x && typeof x === 'object') : [],
      snoozedUntil: parseTime(a.snoozed_until),
      log: Array.isArray(a.log) ? a.log.filter((x) => x && typeof x === 'object') : [],
    };
  }

  function renderAlerts(s) {
    const { active, snoozedUntil } = alertsOf(s);
    const snoozed = !!snoozedUntil && snoozedUntil.getTime() > Date.now();
    const box = $('alerts-active');
    box.hidden = active.length === 0 && !snoozed;

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
      li.appendChild(icon(SEV_ICON[sev], 'alert-icon'));
      li.appendChild(el('span', 'alert-line', a.line || `${SEV_LABEL[sev]}: ${String(a.kind || '').replace(/_/g, ' ')}`));
      list.appendChild(li);
    }
    list.setAttribute('aria-label', `${active.length} active alert${active.length === 1 ? '' : 's'}`);

    $('alerts-snoozed').hidden = !snoozed;
    if (snoozed) {
      $('alerts-snoozed-text').textContent = `Alerts snoozed until ${clock(snoozedUntil)} (alarms still notify)`;
      $('alerts-snoozed').title = snoozedUntil.toLocaleString();
    }
    $('alerts-snooze-buttons').hidden = active.length === 0;
    for (const id of ['btn-snooze-1h', 'btn-snooze-tomorrow', 'btn-snooze-off']) $(id).disabled = snoozing;
  }

  async function snooze(until) {
    snoozing = true;
    rerender();
    try {
      await invoke('snooze_alerts', { until });
    } catch (e) {
      showNotice(errText(e));
    } finally {
      snoozing = false;
      rerender();
    }
  }

  const LOG_COLLAPSED = 5;

  function suppressedText(entry) {
    if (entry.notified !== false) return '';
    const by = entry.suppressed_by;
    if (by === 'snoozed') return '(not notified: snoozed)';
    if (by === 'quiet hours') return '(quiet hours)';
    return by ? `(not notified: ${by})` : '(not notified)';
  }

  const PHASE_LABEL = { escalated: 'escalated', reminder: 'reminder', recovered: 'resolved' };

  function renderAlertLog(s) {
    const { log } = alertsOf(s);
    const list = $('alert-log-list');
    const toggle = $('btn-alert-log-toggle');
    $('alert-log-empty').hidden = log.length > 0;
    list.hidden = log.length === 0;
    $('alert-log-count').textContent = log.length ? `${log.length} logged` : '';
    list.textContent = '';
    const shown = logExpanded ? log : log.slice(0, LOG_COLLAPSED);
    for (const e of shown) {
      const sev = sevOf(e.severity);
      const phase = typeof e.phase === 'string' ? e.phase : 'raised';
      const li = el('li', `log-entry log-entry--${sev} log-phase--${phase}`);
      li.dataset.severity = sev;
      li.dataset.kind = String(e.kind || '');
      const dot = el('span', 'sev-dot');
      dot.setAttribute('role', 'img');
      dot.setAttribute('aria-label', phase === 'recovered' ? 'resolved' : SEV_LABEL[sev]);
      dot.title = phase === 'recovered' ? `${SEV_LABEL[sev]} resolved` : SEV_LABEL[sev];
      li.appendChild(dot);

      const main = el('div', 'log-main');
      const head = el('div', 'log-head');
      const title = el('span', 'log-title', e.title || String(e.kind || 'Alert').replace(/_/g, ' '));
      head.appendChild(title);
      if (PHASE_LABEL[phase]) head.appendChild(el('span', 'log-phase', PHASE_LABEL[phase]));
      const at = parseTime(e.at);
      const time = el('time', 'log-time', at ? hhmm(at) : '—');
      if (at) { time.dateTime = at.toISOString(); time.title = at.toLocaleString(); }
      head.appendChild(time);
      main.appendChild(head);
      if (e.body) main.appendChild(el('p', 'log-body', e.body));

      const meta = [];
      if (isNum(e.pressure_bar)) meta.push(`${e.pressure_bar.toFixed(2)} bar`);
      if (isNum(e.soc_pct)) meta.push(`${Math.round(e.soc_pct)} % charge`);
      const sup = suppressedText(e);
      if (meta.length || sup) {
        const m = el('div', 'log-meta');
        if (meta.length) m.appendChild(el('span', '', meta.join(' · ')));
        if (sup) m.appendChild(el('span', 'log-suppressed', sup));
        main.appendChild(m);
      }
      li.appendChild(main);
      list.appendChild(li);
    }
    toggle.hidden = log.length <= LOG_COLLAPSED;
    toggle.textContent = logExpanded ? 'Show fewer' : `Show all (${log.length})`;
    toggle.setAttribute('aria-expanded', String(logExpanded));
  }

  function renderNotice(s) {
    const n = s.notice;
    const show = !!n && n !== dismissedNotice;
    $('notice').hidden = !show;
    if (show) $('notice-text').textContent = n;
  }

  function renderHeader(s, r) {
    const dev = $('device-name');
    dev.textContent = s.demo ? 'Demo device (simulated)' : (s.device || 'no device');
    dev.classList.toggle('is-demo', !!s.demo);

    const soc = $('soc');
    const socState = setValue(soc, r, 'soc_pct', r && r.soc_pct, '%', 0);
    soc.classList.toggle('is-empty', socState !== 'ok');
    if (socState === 'ok') soc.textContent = `${Math.round(r.soc_pct)} %`;
    soc.setAttribute('aria-label', socState === 'ok' ? `State of charge ${Math.round(r.soc_pct)} %` : `State of charge ${soc.textContent}`);

    const tot = $('soc-total');
    const totState = setValue(tot, r, 'soc_total_pct', r && r.soc_total_pct, '%', 0);
    if (totState === 'ok') tot.textContent = `${Math.round(r.soc_total_pct)} % of total`;
    else if (totState === 'null') tot.textContent = '— of total';
    else tot.textContent = 'implausible of total';

    const ds = $('device-state');
    const name = r && typeof r.state === 'string' && r.state ? r.state : null;
    ds.textContent = name || '—';
    ds.title = name ? 'What the controller is doing' : NOT_REPORTED;
    ds.classList.toggle('is-charging', name === CHARGING_STATE);
    ds.classList.toggle('is-empty', !name);

    const conn = $('connection');
    conn.className = `connection conn--${s.connection || 'connecting'}`;
    let text;
    switch (s.connection) {
      case 'online': text = 'online'; break;
      case 'connecting': text = 'connecting'; break;
      case 'offline': {
        const since = parseTime(s.offline_since);
        text = since ? `offline since ${hhmm(since)}` : 'offline';
        break;
      }
      case 'not_configured': text = 'not configured'; break;
      default: text = String(s.connection || 'connecting');
    }
    $('connection-text').textContent = text;
    const errEl = $('connection-error');
    errEl.hidden = !s.error;
    errEl.textContent = s.error || '';
    $('connection-error-sr').textContent = s.error ? `: ${s.error}` : '';
    if (s.error) conn.title = s.error; else conn.removeAttribute('title');
    $('hero').classList.toggle('hero--unconfigured', s.connection === 'not_configured');
    document.body.classList.toggle('is-stale', !!s.stale);

    const busy = !!s.polling;
    const btn = $('btn-refresh');
    btn.disabled = busy || s.connection === 'not_configured';
    btn.classList.toggle('is-polling', busy);
    btn.title = busy ? 'Reading the device…' : 'Read the device now';
  }

  function renderAge() {
    const el = $('age');
    if (!state) return;
    const d = parseTime(state.updated_at);
    if (!d) {
      el.textContent = state.connection === 'not_configured' ? 'no device' : 'no reading yet';
      el.classList.remove('is-stale');
      el.removeAttribute('title');
      return;
    }
    el.textContent = `updated ${hhmm(d)}, ${ago(d)}${state.stale ? ' · stale' : ''}`;
    el.classList.toggle('is-stale', !!state.stale);
    el.title = state.stale ? 'This reading is older than two poll intervals' : d.toLocaleString();
  }

  function renderVessel(r) {
    const temps = r && Array.isArray(r.zone_temps_c) ? r.zone_temps_c : [];
    for (let i = 0; i < 5; i++) {
      const t = temps[i];
      const fill = $(`zone-fill-${i + 1}`);
      const txt = $(`zone-${i + 1}`);
      txt.classList.remove('on-light', 'is-null', 'is-implausible');
      const st = setValue(txt, r, 'zone_temps_c', t, '°C', 1, i);
      // SVG <text> shows no tooltip from `title` attribute; add a <title> child for hover text.
      if (st === 'ok') {
        const rgb = tempColor(t);
        fill.style.setProperty('--zone-color', `rgb(${rgb.join(',')})`);
        if (luminance(rgb) > 0.62) txt.classList.add('on-light');
        txt.setAttribute('aria-label', `Zone ${i + 1}: ${txt.textContent}`);
      } else {
        fill.style.removeProperty('--zone-color');
        txt.classList.add(st === 'null' ? 'is-null' : 'is-implausible');
        txt.setAttribute('aria-label', `Zone ${i + 1}: ${st === 'null' ? NOT_REPORTED : 'implausible'}`);
      }
      txt.classList.remove('val-null', 'val-implausible');
    }

    const marker = $('soc-marker');
    const soc = r && isNum(r.soc_pct) ? Math.min(100, Math.max(0, r.soc_pct)) : null;
    marker.style.visibility = soc === null ? 'hidden' : 'visible';
    if (soc !== null) {
      // Tank interior spans y = 8 … 224 (216 units); 100 % at the top.
      const y = 8 + 216 * (1 - soc / 100);
      marker.setAttribute('transform', `translate(0 ${y.toFixed(1)})`);
      $('soc-mark-text').textContent = `${Math.round(soc)} %`;
    }

    setValue($('heater-outlet'), r, 'heater_outlet_c', r && r.heater_outlet_c, '°C', 1);
    setValue($('heater-power'), r, 'heater_power_w', r && r.heater_power_w, 'W', 0);
    const on = !!r && isNum(r.heater_power_w) && r.heater_power_w > 0;
    $('heater-stat').classList.toggle('is-on', on);
    $('heater-glyph').setAttribute('aria-label', on ? 'heating' : 'not heating');

    setValue($('energy'), r, 'stored_energy_kwh', r && r.stored_energy_kwh, 'kWh', 2);
    setValue($('flow'), r, 'hot_water_flow_lpm', r && r.hot_water_flow_lpm, 'L/min', 1);
  }

  let scaleMax = 4;
  function renderScale(max) {
    if (max === scaleMax) return;
    scaleMax = max;
    const scale = $('pressure-scale');
    scale.textContent = '';
    const step = max > 6 ? 2 : 1;
    for (let v = 0; v <= max; v += step) scale.appendChild(el('span', '', String(v)));
    $('pressure-gauge').setAttribute('aria-valuemax', String(max));
  }

  function renderPressure(r, band) {
    const lo = band && isNum(band.low_bar) ? band.low_bar : 2;
    const hi = band && isNum(band.high_bar) ? band.high_bar : 3;
    const loAlarm = band && isNum(band.low_alarm_bar) ? band.low_alarm_bar : null;
    const hiAlarm = band && isNum(band.high_alarm_bar) ? band.high_alarm_bar : null;
    let MAX = 4;
    if (hiAlarm !== null && hiAlarm > 3.6) MAX = Math.min(10, Math.ceil(hiAlarm + 0.4));
    if (MAX > 6 && MAX % 2) MAX += 1;
    renderScale(MAX);
    const gauge = $('pressure-gauge');
    const pct = (v) => `${(Math.min(MAX, Math.max(0, v)) / MAX * 100).toFixed(2)}%`;
    gauge.style.setProperty('--lo', pct(lo));
    gauge.style.setProperty('--hi', pct(hi));
    gauge.style.setProperty('--lo-alarm', pct(loAlarm === null ? 0 : loAlarm));
    gauge.style.setProperty('--hi-alarm', pct(hiAlarm === null ? MAX : hiAlarm));
    $('pressure-tick-low').hidden = loAlarm === null;
    $('pressure-tick-high').hidden = hiAlarm === null;
    if (loAlarm !== null) $('pressure-tick-low').title = `Low-pressure alarm below ${fmtBar(loAlarm)} bar`;
    if (hiAlarm !== null) $('pressure-tick-high').title = `High-pressure alarm above ${fmtBar(hiAlarm)} bar`;

    const v = r ? r.pressure_bar : null;
    const st = setValue($('pressure'), r, 'pressure_bar', v, 'bar', 2);
    const marker = $('pressure-marker');
    const card = $('pressure-card');
    const hint = $('pressure-hint');
    const band_ = `${fmtBar(lo)}–${fmtBar(hi)} bar`;
    if (st === 'ok') {
      marker.hidden = false;
      gauge.style.setProperty('--pos', pct(v));
      gauge.setAttribute('aria-valuenow', String(v));
      gauge.setAttribute('aria-valuetext', `${v.toFixed(2)} bar`);
      const warn = v < lo || v > hi;
      const alarm = (loAlarm !== null && v < loAlarm) || (hiAlarm !== null && v > hiAlarm);
      card.classList.toggle('is-warn', warn);
      card.classList.toggle('is-alarm', alarm);
      if (alarm && v < lo) hint.textContent = `Below the ${fmtBar(loAlarm)} bar alarm level — check for leaks and call your installer`;
      else if (alarm) hint.textContent = `Above the ${fmtBar(hiAlarm)} bar alarm level — call your installer; do not start a charge`;
      else if (v < lo) hint.textContent = `Below the healthy ${band_} band — a falling pressure at a steady charge can mean a leak`;
      else if (v > hi) hint.textContent = `Above the healthy ${band_} band — check the expansion vessel`;
      else hint.textContent = `Within the healthy ${band_} band`;
    } else {
      marker.hidden = true;
      gauge.removeAttribute('aria-valuenow');
      gauge.setAttribute('aria-valuetext', st === 'null' ? NOT_REPORTED : 'implausible');
      card.classList.toggle('is-warn', st === 'implausible');
      card.classList.remove('is-alarm');
      hint.textContent = st === 'implausible'
        ? `The device reported an impossible pressure. Healthy: ${band_}`
        : `Healthy: ${band_}`;
    }
  }

  function fmtBar(v) {
    return Number.isInteger(v) ? String(v) : String(Number(v.toFixed(2)));
  }

  function renderTotals(r) {
    setValue($('dhw-energy'), r, 'dhw_energy_total_kwh', r && r.dhw_energy_total_kwh, 'kWh', 1);
    setValue($('heater-energy'), r, 'heater_energy_total_kwh', r && r.heater_energy_total_kwh, 'kWh', 1);
    setValue($('water-volume'), r, 'water_volume_total_l', r && r.water_volume_total_l, 'L', 1);
    const parts = [];
    if (r && typeof r.dependent_mode === 'boolean') parts.push(r.dependent_mode ? 'dependent mode' : 'independent');
    if (r && typeof r.online_mode === 'boolean') parts.push(r.online_mode ? 'online mode' : 'offline mode');
    const modes = $('modes');
    modes.textContent = parts.join(' · ');
    modes.title = r ? `Dependent mode: ${fmtBool(r.dependent_mode)}, online mode: ${fmtBool(r.online_mode)}` : '';
  }

  const fmtBool = (b) => (b === true ? 'on' : b === false ? 'off' : NOT_REPORTED);

  function limitsOf(s) {
    return Object.assign({}, DEFAULT_LIMITS, (s.control && s.control.limits) || {});
  }

  function renderControls(s, r) {
    const c = s.control || {};
    const available = !!c.available;
    $('control-form').hidden = !available;
    $('control-hint').hidden = available;

    const L = limitsOf(s);
    const power = $('power');
    const range = $('power-range');
    for (const el of [power, range]) {
      el.min = L.power_min_w; el.max = L.power_max_w; el.step = L.power_step_w;
    }
    fillDurations(L);
    const target = $('target-soc');
    target.min = (r && isNum(r.soc_pct)) ? Math.floor(r.soc_pct) + 1 : 1;
    target.max = L.target_max_pct;

    const d = c.defaults;
    const key = JSON.stringify(d || null);
    if (d && (!controlsTouched && key !== controlsFilledFrom)) {
      if (isNum(d.power_w)) { power.value = d.power_w; range.value = d.power_w; }
      if (isNum(d.target_soc_pct)) target.value = d.target_soc_pct;
      if (isNum(d.duration_min)) setDuration(d.duration_min);
      controlsFilledFrom = key;
    }

    const busy = !!c.busy || sending;
    for (const id of ['btn-start', 'btn-stop', 'btn-auto']) $(id).disabled = busy || !available;
    $('btn-confirm').disabled = busy;

    renderOutcome(c.last_outcome, busy);
  }

  let durationsKey = null;
  function fillDurations(L) {
    const key = `${L.duration_min_min}-${L.duration_max_min}`;
    if (key === durationsKey) return;
    const sel = $('duration');
    const prev = Number(sel.value) || 120;
    sel.textContent = '';
    for (let m = L.duration_min_min; m <= L.duration_max_min; m += 30) {
      const o = document.createElement('option');
      o.value = String(m);
      o.textContent = fmtDuration(m);
      sel.appendChild(o);
    }
    durationsKey = key;
    setDuration(prev);
  }

  function setDuration(min) {
    const sel = $('duration');
    if (![...sel.options].some((o) => Number(o.value) === min)) {
      const o = document.createElement('option');
      o.value = String(min);
      o.textContent = fmtDuration(min);
      sel.appendChild(o);
    }
    sel.value = String(min);
  }

  function renderOutcome(last, busy) {
    const el = $('outcome');
    el.classList.remove('is-ok', 'is-err', 'is-busy');
    const lastAt = last ? (parseTime(last.at) || new Date(0)).getTime() : -1;
    let o = null;
    if (localOutcome && localOutcome.at >= lastAt) o = localOutcome;
    else if (last) o = { ok: !!last.ok, text: outcomeText(last) };
    if (busy && sending) {
      el.hidden = false;
      el.textContent = 'Talking to the device…';
      el.classList.add('is-busy');
      return;
    }
    if (!o) { el.hidden = true; el.textContent = ''; return; }
    el.hidden = false;
    el.textContent = o.text;
    el.classList.add(o.ok ? 'is-ok' : 'is-err');
  }

  function outcomeText(res) {
    if (res.ok) {
      if (res.state) return `Confirmed by the device: ${res.state}`;
      return res.message || 'Confirmed by the device.';
    }
    return res.message || 'The device did not accept the command.';
  }

  function setLocalOutcome(ok, text) {
    localOutcome = { ok, text, at: Date.now() };
    if (state) renderOutcome(state.control && state.control.last_outcome, false);
  }

  // ---------- controls ----------

  function readStartCmd() {
    const L = limitsOf(state || {});
    const r = state && state.reading;
    const power = Number($('power').value);
    const target = Number($('target-soc').value);
    const duration = Number($('duration').value);
    const errors = [];
    const okPower = Number.isInteger(power) && power >= L.power_min_w && power <= L.power_max_w
      && (power - L.power_min_w) % L.power_step_w === 0;
    if (!okPower) errors.push(`Power must be ${L.power_min_w}–${L.power_max_w} W in steps of ${L.power_step_w} W.`);
    $('power').setAttribute('aria-invalid', String(!okPower));
    const minTarget = r && isNum(r.soc_pct) ? Math.floor(r.soc_pct) + 1 : 1;
    const okTarget = Number.isInteger(target) && target >= minTarget && target <= L.target_max_pct;
    if (!okTarget) {
      errors.push(r && isNum(r.soc_pct)
        ? `Target must be above the current ${Math.round(r.soc_pct)} % (${minTarget}–${L.target_max_pct} %).`
        : `Target must be 1–${L.target_max_pct} %.`);
    }
    $('target-soc').setAttribute('aria-invalid', String(!okTarget));
    const okDur = Number.isInteger(duration) && duration >= L.duration_min_min && duration <= L.duration_max_min;
    if (!okDur) errors.push(`Duration must be ${fmtDuration(L.duration_min_min)} to ${fmtDuration(L.duration_max_min)}.`);
    if (errors.length) return { error: errors.join(' ') };
    return { cmd: { kind: 'start', power_w: power, target_soc_pct: target, duration_min: duration } };
  }

  async function askToSend(kind) {
    let cmd;
    if (kind === 'start') {
      const res = readStartCmd();
      if (res.error) { setLocalOutcome(false, res.error); return; }
      cmd = res.cmd;
    } else if (kind === 'stop') {
      cmd = { kind: 'stop', duration_min: Number($('duration').value) || 120 };
    } else {
      cmd = { kind: 'auto' };
    }
    sending = true;
    rerender();
    let preview;
    try {
      preview = await invoke('preview_command', { cmd });
    } catch (e) {
      sending = false;
      setLocalOutcome(false, errText(e));
      rerender();
      return;
    }
    sending = false;
    rerender();
    pendingCmd = cmd;
    $('confirm-text').textContent = (preview && preview.text) || describe(cmd);
    const bodies = preview && Array.isArray(preview.bodies) ? preview.bodies : [];
    $('confirm-bodies').textContent = bodies.map((b) => JSON.stringify(b, null, 2)).join('\n');
    $('confirm-bodies').closest('details').hidden = bodies.length === 0;
    $('btn-confirm').textContent = kind === 'start' ? 'Start charging' : kind === 'stop' ? 'Stop charging' : 'Resume automatic';
    const dlg = $('confirm-dialog');
    if (!dlg.open) dlg.showModal();
    $('btn-cancel').focus();
  }

  function describe(cmd) {
    if (cmd.kind === 'start') return `start electric charging at ${cmd.power_w} W up to ${cmd.target_soc_pct} % for at most ${fmtDuration(cmd.duration_min)}`;
    if (cmd.kind === 'stop') return `stop electric charging for ${fmtDuration(cmd.duration_min)}`;
    return 'return the device to automatic operation';
  }

  async function confirmSend() {
    const cmd = pendingCmd;
    if (!cmd) return;
    pendingCmd = null;
    $('confirm-dialog').close();
    sending = true;
    rerender();
    try {
      const res = await invoke('send_command', { cmd });
      sending = false;
      setLocalOutcome(!!(res && res.ok), outcomeText(res || {}));
    } catch (e) {
      sending = false;
      setLocalOutcome(false, errText(e));
    }
    rerender();
  }

  function rerender() { if (state) render(state); }

  // ---------- settings ----------

  function setMessage(el, ok, text) {
    el.hidden = !text;
    el.textContent = text || '';
    el.classList.remove('is-ok', 'is-err', 'is-busy');
    if (text) el.classList.add(ok === null ? 'is-busy' : ok ? 'is-ok' : 'is-err');
  }

  function passwordStatus(st) {
    const el = $('password-status');
    el.classList.remove('is-err', 'is-ok');
    if (st.keyring_error) {
      el.textContent = st.keyring_error;
      el.classList.add('is-err');
    } else if (st.password_stored) {
      el.textContent = 'A password is stored in the OS keyring';
      el.classList.add('is-ok');
    } else {
      el.textContent = 'No password stored';
    }
  }

  function fillSettings(st) {
    $('set-host').value = st.host || '';
    $('set-port').value = isNum(st.port) ? st.port : 4805;
    $('set-interval').value = isNum(st.poll_interval_s) ? st.poll_interval_s : 300;
    $('set-control').checked = !!st.control_enabled;
    $('set-autostart').checked = !!st.autostart;
    $('set-password').value = '';
    $('set-forget-password').checked = false;
    $('set-password').disabled = false;
    $('forget-row').hidden = !st.password_stored;
    passwordStatus(st);
    fillAlertSettings(st.alerts);
  }

  const ALERT_FIELDS = [
    // [input id, key, integer?, label for messages]
    ['set-low-bar', 'low_bar', false, 'Warn below'],
    ['set-low-alarm-bar', 'low_alarm_bar', false, 'Alarm below'],
    ['set-high-bar', 'high_bar', false, 'Warn above'],
    ['set-high-alarm-bar', 'high_alarm_bar', false, 'Alarm above'],
    ['set-leak-rate', 'leak_bar_per_6h', false, 'Leak rate'],
    ['set-hold', 'hold_readings', true, 'Confirm after'],
    ['set-grace', 'offline_grace_min', true, 'Offline alert after'],
    ['set-reminder', 'reminder_h', true, 'Repeat alarms every'],
  ];

  const hm = (t) => (typeof t === 'string' && /^\d{1,2}:\d{2}/.test(t) ? t.padStart(5, '0').slice(0, 5) : null);

  function fillAlertSettings(a) {
    const ok = !!a && typeof a === 'object';
    loadedAlerts = ok ? Object.assign({}, a) : null;
    $('alert-settings').hidden = !ok;
    if (!ok) return;
    for (const [id, key] of ALERT_FIELDS) {
      const input = $(id);
      input.value = isNum(a[key]) ? String(a[key]) : '';
      input.removeAttribute('aria-invalid');
    }
    const q = Array.isArray(a.quiet_hours) && a.quiet_hours.length === 2 ? a.quiet_hours : null;
    $('set-quiet-on').checked = !!q;
    if (q) {
      $('set-quiet-start').value = hm(q[0]) || '22:00';
      $('set-quiet-end').value = hm(q[1]) || '07:00';
    }
    syncQuiet();
  }

  function syncQuiet() {
    const on = $('set-quiet-on').checked;
    $('set-quiet-start').disabled = !on;
    $('set-quiet-end').disabled = !on;
    $('quiet-times').classList.toggle('is-off', !on);
  }

  /** The alert thresholds from the form, or {error, input} for a field that is not a number. */
  function readAlertSettings() {
    const out = Object.assign({}, loadedAlerts);
    for (const [id, key, integer, label] of ALERT_FIELDS) {
      const input = $(id);
      const t = String(input.value).trim();
      const v = Number(t);
      const bad = t === '' || !Number.isFinite(v) || (integer && !Number.isInteger(v));
      input.setAttribute('aria-invalid', String(bad));
      if (bad) return { error: `${label}: enter ${integer ? 'a whole number' : 'a number'}.`, input };
      out[key] = v;
    }
    if ($('set-quiet-on').checked) {
      const a = hm($('set-quiet-start').value);
      const b = hm($('set-quiet-end').value);
      if (!a) return { error: 'Quiet hours: enter a start time.', input: $('set-quiet-start') };
      if (!b) return { error: 'Quiet hours: enter an end time.', input: $('set-quiet-end') };
      out.quiet_hours = [`${a}:00`, `${b}:00`];
    } else {
      out.quiet_hours = null;
    }
    return { alerts: out };
  }

  async function loadSettings() {
    try {
      fillSettings(await invoke('get_settings'));
    } catch (e) {
      setMessage($('settings-message'), false, errText(e));
    }
  }

  function intOrNull(v) {
    const t = String(v).trim();
    if (!/^\d+$/.test(t)) return null;
    return Number(t);
  }

  async function saveSettings(ev) {
    if (ev) ev.preventDefault();
    const msg = $('settings-message');
    const port = intOrNull($('set-port').value);
    const interval = intOrNull($('set-interval').value);
    if (port === null || port < 1 || port > 65535) {
      setMessage(msg, false, 'Port: enter a whole number from 1 to 65535 (the NEStore uses 4805).');
      $('set-port').focus();
      return;
    }
    if (interval === null) {
      setMessage(msg, false, 'Poll interval: enter a whole number of seconds (at least 60).');
      $('set-interval').focus();
      return;
    }
    let alerts = null;
    if (loadedAlerts) {
      const res = readAlertSettings();
      if (res.error) {
        setMessage(msg, false, res.error);
        res.input.focus();
        return;
      }
      alerts = res.alerts;
    }
    const pw = $('set-password').value;
    const args = {
      settings: {
        host: $('set-host').value.trim(),
        port,
        poll_interval_s: interval,
        control_enabled: $('set-control').checked,
        autostart: $('set-autostart').checked,
      },
      password: pw ? pw : null,
      clearPassword: $('set-forget-password').checked,
    };
    if (alerts) args.settings.alerts = alerts;
    const btn = $('btn-save-settings');
    btn.disabled = true;
    setMessage(msg, null, 'Saving…');
    try {
      const saved = await invoke('save_settings', args);
      if (saved && typeof saved === 'object') fillSettings(saved);
      else { $('set-password').value = ''; $('set-forget-password').checked = false; }
      setMessage(msg, true, 'Saved.');
    } catch (e) {
      const text = errText(e);
      setMessage(msg, false, text);
      markBadAlertField(text);
    } finally {
      btn.disabled = false;
    }
  }

  /** The backend's error names the field ("low_bar must be above low_alarm_bar"): mark it. */
  function markBadAlertField(text) {
    const m = /^(?:invalid settings: )?(?:alerts\.)?([a-z_0-9]+)/.exec(text);
    const key = m && m[1];
    const f = ALERT_FIELDS.find(([, k]) => k === key);
    if (f) { $(f[0]).setAttribute('aria-invalid', 'true'); $(f[0]).focus(); }
    else if (key === 'quiet_hours') $('set-quiet-start').focus();
  }

  async function testConnection() {
    const msg = $('settings-message');
    const host = $('set-host').value.trim();
    const port = intOrNull($('set-port').value);
    if (!host) { setMessage(msg, false, 'Host: enter the address of the NEStore first.'); return; }
    if (port === null || port < 1 || port > 65535) { setMessage(msg, false, 'Port: enter a whole number from 1 to 65535.'); return; }
    const btn = $('btn-test-connection');
    btn.disabled = true;
    setMessage(msg, null, `Trying ${host}:${port}…`);
    try {
      const res = await invoke('test_connection', { host, port });
      setMessage(msg, !!(res && res.ok), (res && res.message) || (res && res.ok ? 'Reached the device.' : 'Could not reach the device.'));
    } catch (e) {
      setMessage(msg, false, errText(e));
    } finally {
      btn.disabled = false;
    }
  }

  function showView(v) {
    view = v;
    const settings = v === 'settings';
    $('view-settings').hidden = !settings;
    $('view-monitor').hidden = settings;
    $('btn-settings').setAttribute('aria-pressed', String(settings));
    if (settings) {
      setMessage($('settings-message'), true, '');
      loadSettings();
      $('set-host').focus();
    }
  }

  // ---------- wiring ----------

  function wire() {
    $('btn-refresh').addEventListener('click', async () => {
      $('btn-refresh').disabled = true;
      try { await invoke('refresh_now'); } catch (e) { showNotice(errText(e)); }
    });
    $('btn-settings').addEventListener('click', () => showView(view === 'settings' ? 'monitor' : 'settings'));
    $('btn-back').addEventListener('click', () => showView('monitor'));
    $('btn-open-settings').addEventListener('click', () => showView('settings'));
    $('btn-demo').addEventListener('click', async () => {
      $('btn-demo').disabled = true;
      try { await invoke('use_demo'); } catch (e) { showNotice(errText(e)); } finally { $('btn-demo').disabled = false; }
    });
    $('btn-dismiss-notice').addEventListener('click', () => {
      dismissedNotice = state && state.notice ? state.notice : $('notice-text').textContent;
      $('notice').hidden = true;
    });

    const power = $('power');
    const range = $('power-range');
    range.addEventListener('input', () => { power.value = range.value; controlsTouched = true; power.removeAttribute('aria-invalid'); });
    power.addEventListener('input', () => { controlsTouched = true; if (power.value !== '') range.value = power.value; });
    $('target-soc').addEventListener('input', () => { controlsTouched = true; });
    $('duration').addEventListener('change', () => { controlsTouched = true; });

    $('btn-start').addEventListener('click', () => askToSend('start'));
    $('btn-stop').addEventListener('click', () => askToSend('stop'));
    $('btn-auto').addEventListener('click', () => askToSend('auto'));
    $('btn-confirm').addEventListener('click', confirmSend);
    $('btn-cancel').addEventListener('click', () => { pendingCmd = null; $('confirm-dialog').close(); });
    $('confirm-dialog').addEventListener('close', () => { pendingCmd = null; });

    $('settings-form').addEventListener('submit', saveSettings);
    $('btn-test-connection').addEventListener('click', testConnection);
    $('set-quiet-on').addEventListener('change', syncQuiet);
    for (const [id] of ALERT_FIELDS) $(id).addEventListener('input', () => $(id).removeAttribute('aria-invalid'));

    $('btn-snooze-1h').addEventListener('click', () => snooze('1h'));
    $('btn-snooze-tomorrow').addEventListener('click', () => snooze('tomorrow'));
    $('btn-snooze-off').addEventListener('click', () => snooze('off'));
    $('btn-alert-log-toggle').addEventListener('click', () => {
      logExpanded = !logExpanded;
      if (state) renderAlertLog(state);
    });

    $('set-forget-password').addEventListener('change', (e) => {
      $('set-password').disabled = e.target.checked;
      if (e.target.checked) $('set-password').value = '';
    });
  }

  function showNotice(text) {
    dismissedNotice = null;
    $('notice-text').textContent = text;
    $('notice').hidden = false;
  }

  async function start() {
    wire();
    if (!tauri || !tauri.core || !tauri.event) {
      showNotice('This window must be opened by NEStore Tray.');
      return;
    }
    // Subscribe and fetch at once: the first data should show as soon as possible. A state
    // event that overtakes get_state is newer, so a late get_state answer is not applied.
    let pushed = false;
    const subscribed = Promise.all([
      tauri.event.listen('state', (e) => { pushed = true; render(e.payload); }),
      // "Settings" from the tray menu while the window is open.
      tauri.event.listen('show-settings', () => showView('settings')),
    ]).catch((e) => showNotice(`Could not subscribe to updates: ${errText(e)}`));
    try {
      const state = await invoke('get_state');
      if (!pushed) render(state);
    } catch (e) {
      showNotice(`Could not read the app state: ${errText(e)}`);
    }
    await subscribed;
    if (location.hash === '#settings') showView('settings');
    setInterval(() => {
      renderAge();
      if (state) renderAlerts(state); // a snooze that ran out
    }, 5000);
    // Esc closes the window (an open dialog takes Esc first, as dialogs do): the window
    // is a popup, destroyed on close, and the app stays in the tray.
    document.addEventListener('keydown', (e) => {
      if (e.key !== 'Escape' || e.defaultPrevented || document.querySelector('dialog[open]')) return;
      tauri.window.getCurrentWindow().close();
    });
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
