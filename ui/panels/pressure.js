// The pressure card: value, gauge with the healthy band and the alarm levels, and a hint.
// Its warning/alarm look comes from the watch's active alerts (state.alerts.active), the
// same latched conditions that colour the tray icon, never from the raw reading alone.
import { t } from '../text.js';
import { $, el, showMeasure, alertsOf, SEVERITIES, sevOf } from '../dom.js';
import { isNum, bar, barLevel } from '../format.js';

const PRESSURE_KINDS = ['low_pressure', 'high_pressure', 'leak', 'sensor_fault'];

/** The most severe active pressure alert, or null. */
function pressureAlert(s) {
  const mine = alertsOf(s).active.filter((a) => PRESSURE_KINDS.includes(a.kind));
  for (const sev of SEVERITIES) {
    const a = mine.find((x) => sevOf(x.severity) === sev);
    if (a) return { kind: a.kind, severity: sev };
  }
  return null;
}

function renderScale(max) {
  const scale = $('pressure-scale');
  if (scale.dataset.max === String(max)) return;
  scale.dataset.max = String(max);
  scale.textContent = '';
  const step = max > 6 ? 2 : 1;
  for (let v = 0; v <= max; v += step) scale.appendChild(el('span', '', String(v)));
  $('pressure-gauge').setAttribute('aria-valuemax', String(max));
}

export function render(s) {
  const r = s.reading || null;
  const b = s.pressure_band;
  const lo = b && isNum(b.low_bar) ? b.low_bar : 2;
  const hi = b && isNum(b.high_bar) ? b.high_bar : 3;
  const loAlarm = b && isNum(b.low_alarm_bar) ? b.low_alarm_bar : null;
  const hiAlarm = b && isNum(b.high_alarm_bar) ? b.high_alarm_bar : null;
  let max = 4;
  if (hiAlarm !== null && hiAlarm > 3.6) max = Math.min(10, Math.ceil(hiAlarm + 0.4));
  if (max > 6 && max % 2) max += 1;
  renderScale(max);

  const gauge = $('pressure-gauge');
  const at = (v) => `${((Math.min(max, Math.max(0, v)) / max) * 100).toFixed(2)}%`;
  gauge.style.setProperty('--lo', at(lo));
  gauge.style.setProperty('--hi', at(hi));
  gauge.style.setProperty('--lo-alarm', at(loAlarm === null ? 0 : loAlarm));
  gauge.style.setProperty('--hi-alarm', at(hiAlarm === null ? max : hiAlarm));
  $('pressure-tick-low').hidden = loAlarm === null;
  $('pressure-tick-high').hidden = hiAlarm === null;
  if (loAlarm !== null) $('pressure-tick-low').title = t('win-tick-low-title', { bar: barLevel(loAlarm) });
  if (hiAlarm !== null) $('pressure-tick-high').title = t('win-tick-high-title', { bar: barLevel(hiAlarm) });

  const v = r ? r.pressure_bar : null;
  const st = showMeasure($('pressure'), r, 'pressure_bar', v, bar);
  const marker = $('pressure-marker');
  marker.hidden = st !== 'ok';
  if (st === 'ok') {
    gauge.style.setProperty('--pos', at(v));
    gauge.setAttribute('aria-valuenow', String(v));
    gauge.setAttribute('aria-valuetext', bar(v));
  } else {
    gauge.removeAttribute('aria-valuenow');
    gauge.setAttribute('aria-valuetext', st === 'null' ? t('win-not-reported') : t('win-implausible'));
  }

  const alert = pressureAlert(s);
  const card = $('pressure-card');
  card.classList.toggle('is-warn', !!alert && alert.severity === 'warning');
  card.classList.toggle('is-alarm', !!alert && alert.severity === 'alarm');
  card.dataset.alert = alert ? `${alert.kind}:${alert.severity}` : '';

  // No break between the number and its unit (U+00A0), as in the catalogue.
  const band = `${barLevel(lo)}–${barLevel(hi)}\u00a0${t('unit-bar')}`;
  $('pressure-hint').textContent = hint(alert, st, v, { lo, hi, loAlarm, hiAlarm, band });
}

function hint(alert, st, v, { lo, hi, loAlarm, hiAlarm, band }) {
  if (alert) {
    const alarm = alert.severity === 'alarm';
    switch (alert.kind) {
      case 'low_pressure':
        return alarm && loAlarm !== null ? t('win-low-alarm-hint', { bar: barLevel(loAlarm) }) : t('win-low-warn-hint', { band });
      case 'high_pressure':
        return alarm && hiAlarm !== null ? t('win-high-alarm-hint', { bar: barLevel(hiAlarm) }) : t('win-high-warn-hint', { band });
      case 'leak': return t('win-leak-hint');
      case 'sensor_fault': return t('win-sensor-hint');
      default: break;
    }
  }
  if (st === 'implausible') return t('win-implausible-pressure', { band });
  if (st !== 'ok') return t('win-healthy-band', { band });
  return v >= lo && v <= hi ? t('win-within-band', { band }) : t('win-outside-band-quiet', { band });
}
