// NEStore Tray — the window. Native ES modules, no build step, no framework.
// Contract with the backend: docs/ipc.md (event `state`, commands via invoke).
//
// Two inputs, one render pass: `app.state` is the backend's state (as pushed), `app.ui`
// the window's own (ui-state.js). Every change to either calls app.render(), which draws
// every panel from (state, ui). The words come from the catalogue (text.js: get_catalogue);
// a state whose `language` differs from the catalogue's fetches the other one, and the page
// is filled and drawn again (no reload).
import { t, applyText, loadCatalogue, currentLanguage, knownLanguage } from './text.js';
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
import * as finder from './panels/finder.js';
import * as timers from './panels/timers.js';
import * as prices from './panels/prices.js';
import * as updates from './panels/updates.js';

const MONITOR_PANELS = [header, alerts, vessel, pressure, totals, controls, prices];

const app = {
  state: null,
  ui: createUi(),

  render() {
    const { state: s, ui } = app;
    notices.render(s, ui);
    if (!currentLanguage()) return; // no catalogue yet: nothing has its words
    settings.render(s, ui);
    timers.render(s, ui);
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
    finder.render(s, ui);
    updates.render(s, ui);
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
    if (knownLanguage(s.language) && currentLanguage() && s.language !== currentLanguage()) app.relanguage(s.language);
    app.render();
  },

  /** The catalogue being fetched for a new language: {language, promise}. */
  loading: null,

  /**
   * The owner chose another language (or the system's changed): fetch its catalogue, fill
   * the page's words again and draw everything in it. One fetch per language at a time.
   */
  relanguage(language) {
    if (app.loading && app.loading.language === language) return;
    const mine = {
      language,
      promise: loadCatalogue(invoke).then(() => {
        applyText();
      }, (e) => {
        app.ui.localError = t('win-catalogue-failed', { message: e.message });
      }).finally(() => {
        if (app.loading === mine) app.loading = null;
        app.render();
      }),
    };
    app.loading = mine;
  },

  /** Shows a view; resolves when it is ready (Settings: the settings loaded into the form). */
  showView(view) {
    app.ui.view = view;
    app.render();
    let ready = Promise.resolve();
    if (view === 'settings') {
      // The form takes input (and focus) once the settings are in.
      ready = settings.load(app).then(() => {
        if (app.ui.view === 'settings') $('set-host').focus();
      });
    }
    if (view === 'history') history.open(app);
    return ready;
  },

  /**
   * "Use" on a NEStore that Find my NEStore found: Settings (opened if need be) takes its
   * address and port, tests the connection and, when the test reaches it, saves.
   */
  async useHit(hit) {
    if (app.ui.view !== 'settings') await app.showView('settings');
    await settings.useDevice(app, hit.host, hit.port);
  },
};

async function start() {
  for (const panel of [notices, header, alerts, controls, settings, timers, prices, history, finder, updates]) panel.wire(app);
  if (!connected()) {
    document.title = t('win-doc-title');
    app.ui.localError = t('win-not-in-app');
    app.render();
    return;
  }
  // The catalogue, the subscription and the state at once: the first data should show as
  // soon as possible. Nothing is drawn before the catalogue is in (render waits for it). A
  // state event that overtakes get_state is newer, so a late get_state answer is not applied.
  const catalogue = loadCatalogue(invoke).then(() => true, (e) => {
    app.ui.localError = t('win-catalogue-failed', { message: e.message });
    app.render();
    return false;
  });
  let pushed = false;
  const subscribed = Promise.all([
    listen('state', (s) => { pushed = true; app.receive(s); }),
    // "Settings" from the tray menu while the window is open.
    listen('show-settings', () => app.showView('settings')),
    // Find my NEStore: each NEStore as the search confirms it, before `discover` answers.
    listen('discovery-hit', (h) => finder.hit(app, h)),
  ]).then(() => null, (e) => e || new Error(String(e)));
  const state = invoke('get_state').then((s) => { if (!pushed) app.state = s; }, (e) => e);
  if (!(await catalogue)) return;
  applyText();
  const subscribeError = await subscribed;
  if (subscribeError) {
    app.ui.localError = t('win-subscribe-failed', { message: subscribeError.message || String(subscribeError) });
  }
  const stateError = await state;
  if (stateError) app.ui.localError = t('win-state-failed', { message: stateError.message });
  // The first state through receive(): it may name another language than the catalogue's
  // (the owner changed it while it was on its way).
  if (app.state) app.receive(app.state);
  else app.render();
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
