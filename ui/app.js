// NEStore Tray — the window. Native ES modules, no build step, no framework.
// Contract with the backend: docs/ipc.md (event `state`, commands via invoke).
//
// Two inputs, one render pass: `app.state` is the backend's state (as pushed), `app.ui`
// the window's own (ui-state.js). Every change to either calls app.render(), which draws
// every panel from (state, ui). The words are in text.js.
import { t, applyText } from './text.js';
import { $ } from './dom.js';
import { connected, invoke, listen, closeWindow } from './ipc.js';
import { createUi } from './ui-state.js';
import * as notices from './panels/notices.js';
import * as header from './panels/header.js';
import * as alerts from './panels/alerts.js';
import * as vessel from './panels/vessel.js';
import * as pressure from './panels/pressure.js';
import * as totals from './panels/totals.js';
import * as controls from './panels/controls.js';
import * as settings from './panels/settings.js';
import * as history from './panels/history.js';

const MONITOR_PANELS = [header, alerts, vessel, pressure, totals, controls];

const app = {
  state: null,
  ui: createUi(),

  render() {
    const { state: s, ui } = app;
    notices.render(s, ui);
    settings.render(s, ui);
    const onSettings = ui.view === 'settings';
    const onHistory = ui.view === 'history';
    $('view-settings').hidden = !onSettings;
    $('view-history').hidden = !onHistory;
    $('view-monitor').hidden = onSettings || onHistory;
    $('btn-settings').setAttribute('aria-pressed', String(onSettings));
    $('btn-history').setAttribute('aria-pressed', String(onHistory));
    document.documentElement.classList.toggle('on-settings', onSettings);
    document.documentElement.classList.toggle('on-history', onHistory);
    history.render(s, ui);
    if (!s) return;
    const unconfigured = s.connection === 'not_configured';
    $('empty-state').hidden = !unconfigured;
    $('monitor').hidden = unconfigured;
    for (const panel of MONITOR_PANELS) panel.render(s, ui);
  },

  /** A new state from the backend. */
  receive(s) {
    if (!s || typeof s !== 'object') return;
    app.state = s;
    controls.syncTrayConfirm(app);
    app.render();
  },

  showView(view) {
    app.ui.view = view;
    app.render();
    if (view === 'settings') {
      settings.load(app);
      $('set-host').focus();
    }
    if (view === 'history') history.open(app);
  },
};

async function start() {
  applyText();
  for (const panel of [notices, header, alerts, controls, settings, history]) panel.wire(app);
  if (!connected()) {
    app.ui.localError = t.notInApp;
    app.render();
    return;
  }
  // Subscribe and fetch at once: the first data should show as soon as possible. A state
  // event that overtakes get_state is newer, so a late get_state answer is not applied.
  let pushed = false;
  const subscribed = Promise.all([
    listen('state', (s) => { pushed = true; app.receive(s); }),
    // "Settings" from the tray menu while the window is open.
    listen('show-settings', () => app.showView('settings')),
  ]).catch((e) => { app.ui.localError = t.subscribeFailed(e && e.message ? e.message : String(e)); app.render(); });
  try {
    const s = await invoke('get_state');
    if (!pushed) app.receive(s);
  } catch (e) {
    app.ui.localError = t.stateFailed(e.message);
    app.render();
  }
  await subscribed;
  if (location.hash === '#settings') app.showView('settings');
  if (location.hash === '#history') app.showView('history');
  // The age of the reading and a snooze that ran out change with time alone.
  setInterval(() => app.render(), 5000);
  // Esc closes the window (an open dialog takes Esc first, as dialogs do): the window is a
  // popup, destroyed on close, and the app stays in the tray.
  document.addEventListener('keydown', (e) => {
    if (e.key !== 'Escape' || e.defaultPrevented || document.querySelector('dialog[open]')) return;
    closeWindow();
  });
}

start();
