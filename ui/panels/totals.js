// The totals card: hot water, charged energy, water used, and the device's modes.
import { t } from '../text.js';
import { $, showMeasure } from '../dom.js';
import { energy, volume } from '../format.js';

const flag = (b) => t(b === true ? 'win-on' : b === false ? 'win-off' : 'win-not-reported');

export function render(s) {
  const r = s.reading || null;
  showMeasure($('dhw-energy'), r, 'dhw_energy_total_kwh', r && r.dhw_energy_total_kwh, energy);
  showMeasure($('heater-energy'), r, 'heater_energy_total_kwh', r && r.heater_energy_total_kwh, energy);
  showMeasure($('water-volume'), r, 'water_volume_total_l', r && r.water_volume_total_l, volume);

  // The owner's words; the device's terms (independent / online mode) in the tooltip.
  const parts = [];
  if (r && typeof r.dependent_mode === 'boolean') parts.push(t(r.dependent_mode ? 'win-mode-dependent-on' : 'win-mode-dependent-off'));
  if (r && typeof r.online_mode === 'boolean') parts.push(t(r.online_mode ? 'win-mode-online-on' : 'win-mode-online-off'));
  const modes = $('modes');
  modes.textContent = parts.join(' · ');
  if (r && parts.length) modes.title = t('win-modes-title', { dependent: flag(r.dependent_mode), online: flag(r.online_mode) });
  else modes.removeAttribute('title');
}
