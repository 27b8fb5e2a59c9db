// The top bar and the summary: device, state of charge, what the device does, connection, age.
import { t, has } from '../text.js';
import { $, showMeasure } from '../dom.js';
import { pct, parseTime, when, ago, fullDate, stateWords } from '../format.js';
import { invoke } from '../ipc.js';

const CHARGING_STATE = 'Charging Electrical Main';

export function render(s, ui) {
  const r = s.reading || null;
  const unconfigured = s.connection === 'not_configured';

  const dev = $('device-name');
  dev.textContent = s.demo ? t('win-demo-device') : (s.device || t('win-no-device'));
  dev.classList.toggle('is-demo', !!s.demo);

  const soc = $('soc');
  const socState = showMeasure(soc, r, 'soc_pct', r && r.soc_pct, pct);
  soc.classList.toggle('is-empty', socState !== 'ok');
  soc.setAttribute('aria-label', t('win-soc-aria', { value: soc.textContent }));
  if (socState === 'ok') soc.title = t('win-soc-title');

  const tot = $('soc-total');
  showMeasure(tot, r, 'soc_total_pct', r && r.soc_total_pct, pct);
  tot.textContent = t('win-soc-total', { value: tot.textContent });
  tot.title = t('win-soc-total-title');

  renderDeviceState(r);
  renderConnection(s);
  renderAge(s);

  $('hero').classList.toggle('hero--unconfigured', unconfigured);
  document.body.classList.toggle('is-stale', !!s.stale);

  const busy = !!s.polling;
  const btn = $('btn-refresh');
  btn.disabled = busy || unconfigured || ui.refreshing === true;
  btn.classList.toggle('is-polling', busy);
  btn.title = busy ? t('win-refresh-busy') : t('win-refresh-title');
  $('btn-demo').disabled = ui.demoStarting;
}

// The owner's words large, the device's own term in small print beside them. #device-state
// always holds the device's term as it comes (tests compare it with the device).
function renderDeviceState(r) {
  const raw = r && typeof r.state === 'string' && r.state ? r.state : null;
  const words = raw ? stateWords(raw) : null;
  const translated = !!raw && words !== raw;
  const ws = $('device-state-words');
  ws.hidden = !translated;
  ws.textContent = translated ? words : '';
  ws.classList.toggle('is-charging', raw === CHARGING_STATE);

  const ds = $('device-state');
  ds.textContent = raw || t('win-dash');
  ds.title = !raw ? t('win-not-reported') : translated ? t('win-device-term-title', { term: raw }) : t('win-device-state-title');
  ds.classList.toggle('device-term', translated);
  ds.classList.toggle('is-charging', raw === CHARGING_STATE && !translated);
  ds.classList.toggle('is-empty', !raw);
}

function renderConnection(s) {
  const c = s.connection || 'connecting';
  const conn = $('connection');
  conn.className = `connection conn--${c}`;
  const id = `win-connection-${String(c).replace(/_/g, '-')}`;
  let text = has(id) ? t(id) : String(c);
  if (c === 'offline') {
    const since = parseTime(s.offline_since);
    if (since) text = t('win-offline-since', { time: when(since) });
  }
  $('connection-text').textContent = text;

  // "retrying" is a quiet note: the error goes into the tooltip, not the red box.
  const loud = !!s.error && c !== 'retrying';
  const errEl = $('connection-error');
  errEl.hidden = !loud;
  errEl.textContent = loud ? s.error : '';
  $('connection-error-sr').textContent = s.error ? `: ${s.error}` : '';
  if (c === 'retrying') conn.title = t('win-retrying-title', { error: s.error || '' }).trim();
  else if (s.error) conn.title = s.error;
  else conn.removeAttribute('title');
}

function renderAge(s) {
  const age = $('age');
  const d = parseTime(s.updated_at);
  if (!d) {
    age.textContent = s.connection === 'not_configured' ? t('win-no-device') : t('win-no-reading-yet');
    age.classList.remove('is-stale');
    age.removeAttribute('title');
    return;
  }
  age.textContent = t('win-updated', { time: when(d), ago: ago(d) }) + (s.stale ? t('win-stale-suffix') : '');
  age.classList.toggle('is-stale', !!s.stale);
  age.title = s.stale ? t('win-stale-title') : fullDate(d);
}

export function wire(app) {
  const { ui } = app;
  $('btn-refresh').addEventListener('click', async () => {
    ui.refreshing = true;
    app.render();
    try {
      await invoke('refresh_now');
    } catch (e) {
      ui.localError = e.message;
    } finally {
      ui.refreshing = false;
      app.render();
    }
  });
  $('btn-settings').addEventListener('click', () => app.showView(ui.view === 'settings' ? 'monitor' : 'settings'));
  $('btn-history').addEventListener('click', () => app.showView(ui.view === 'history' ? 'monitor' : 'history'));
  $('btn-open-settings').addEventListener('click', () => app.showView('settings'));
  $('btn-demo').addEventListener('click', async () => {
    ui.demoStarting = true;
    app.render();
    try {
      await invoke('use_demo');
    } catch (e) {
      ui.localError = e.message;
    } finally {
      ui.demoStarting = false;
      app.render();
    }
  });
}
