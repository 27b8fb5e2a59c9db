// The vessel: five temperature zones, the state-of-charge marker, heater, energy and flow.
import { t } from '../text.js';
import { $, showMeasure } from '../dom.js';
import { isNum, temp, power, energy, flow, pct } from '../format.js';

// Temperature colour scale: 10 °C cold blue → 85 °C hot red.
const STOPS = [
  [10, [47, 111, 214]],
  [30, [63, 166, 200]],
  [50, [240, 194, 78]],
  [67, [240, 138, 60]],
  [85, [214, 48, 49]],
];

function tempColor(v) {
  const c = Math.min(85, Math.max(10, v));
  for (let i = 1; i < STOPS.length; i++) {
    const [t1, c1] = STOPS[i];
    const [t0, c0] = STOPS[i - 1];
    if (c <= t1) {
      const f = (c - t0) / (t1 - t0);
      return c0.map((x, k) => Math.round(x + (c1[k] - x) * f));
    }
  }
  return STOPS[STOPS.length - 1][1];
}

const luminance = ([r, g, b]) => (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;

export function render(s) {
  const r = s.reading || null;
  const temps = r && Array.isArray(r.zone_temps_c) ? r.zone_temps_c : [];
  for (let i = 0; i < 5; i++) {
    const v = temps[i];
    const fill = $(`zone-fill-${i + 1}`);
    const txt = $(`zone-${i + 1}`);
    txt.classList.remove('on-light', 'is-null', 'is-implausible');
    const st = showMeasure(txt, r, 'zone_temps_c', v, temp, i);
    if (st === 'ok') {
      const rgb = tempColor(v);
      fill.style.setProperty('--zone-color', `rgb(${rgb.join(',')})`);
      if (luminance(rgb) > 0.62) txt.classList.add('on-light');
      txt.setAttribute('aria-label', t('win-zone-aria', { zone: String(i + 1), value: txt.textContent }));
    } else {
      fill.style.removeProperty('--zone-color');
      txt.classList.add(st === 'null' ? 'is-null' : 'is-implausible');
      txt.setAttribute('aria-label', t('win-zone-aria', { zone: String(i + 1), value: t(st === 'null' ? 'win-not-reported' : 'win-implausible') }));
    }
    txt.classList.remove('val-null', 'val-implausible');
  }

  const marker = $('soc-marker');
  const soc = r && isNum(r.soc_pct) ? Math.min(100, Math.max(0, r.soc_pct)) : null;
  marker.style.visibility = soc === null ? 'hidden' : 'visible';
  if (soc !== null) {
    // The tank's inside spans y = 8 … 224 (216 units); 100 % at the top.
    const y = 8 + 216 * (1 - soc / 100);
    marker.setAttribute('transform', `translate(0 ${y.toFixed(1)})`);
    $('soc-mark-text').textContent = pct(soc);
  }

  showMeasure($('heater-outlet'), r, 'heater_outlet_c', r && r.heater_outlet_c, temp);
  showMeasure($('heater-power'), r, 'heater_power_w', r && r.heater_power_w, power);
  const on = !!r && isNum(r.heater_power_w) && r.heater_power_w > 0;
  $('heater-stat').classList.toggle('is-on', on);
  $('heater-glyph').setAttribute('aria-label', t(on ? 'win-heating' : 'win-not-heating'));

  showMeasure($('energy'), r, 'stored_energy_kwh', r && r.stored_energy_kwh, energy);
  showMeasure($('flow'), r, 'hot_water_flow_lpm', r && r.hot_water_flow_lpm, flow);
}
