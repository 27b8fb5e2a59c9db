// Assertions on the window (ui/) driven by tests/ui/mock-tauri.js; tests/ui/screenshot.sh
// loads this after the mock and runs one check per page: ?check=NAME. The result lands in
// <html data-check="pass"> or data-check="fail: …", which the script reads from the DOM.
(() => {
  'use strict';
  const q = new URLSearchParams(location.search);
  const name = q.get('check');
  if (!name) return;

  const $ = (id) => document.getElementById(id);
  const text = (id) => ($(id).hidden ? '' : $(id).textContent.trim());
  const sleep = (ms) => new Promise((res) => setTimeout(res, ms));
  const mock = () => window.__mock;
  const callsOf = (cmd) => mock().calls.filter((c) => c.name === cmd);

  class CheckFailed extends Error {}
  function ok(cond, what) {
    if (!cond) throw new CheckFailed(what);
  }
  async function until(cond, what, ms = 3000) {
    for (let waited = 0; waited < ms; waited += 50) {
      if (cond()) return;
      await sleep(50);
    }
    throw new CheckFailed(`timed out waiting for ${what}`);
  }
  const ready = () => until(() => $('soc').textContent.trim() !== '—' || !$('empty-state').hidden, 'the first state');
  const invalid = (id) => $(id).getAttribute('aria-invalid') === 'true';
  const allInvalid = () => [...document.querySelectorAll('[aria-invalid="true"]')].map((e) => e.id);
  const visibleIn = (node) => {
    const r = node.getBoundingClientRect();
    return r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight && r.left >= 0 && r.right <= window.innerWidth;
  };

  const CHECKS = {
    // Every word of the page comes from the catalogue (text.js): no key is missing.
    async words() {
      await ready();
      const empty = [...document.querySelectorAll('[data-t]')].filter((e) => !e.textContent.trim());
      ok(empty.length === 0, `data-t keys without text: ${empty.map((e) => e.dataset.t).join(', ')}`);
      for (const attr of ['data-t-title', 'data-t-aria-label', 'data-t-placeholder']) {
        const real = attr.replace('data-t-', '');
        const missing = [...document.querySelectorAll(`[${attr}]`)].filter((e) => !e.getAttribute(real));
        ok(missing.length === 0, `${attr} keys without text: ${missing.map((e) => e.getAttribute(attr)).join(', ')}`);
      }
      ok(document.title === 'NEStore', `title ${document.title}`);
      // Thousands separators, no needless decimals, sensible rounding.
      ok(text('water-volume') === '45,679 L', `water volume ${text('water-volume')}`);
      ok(text('dhw-energy') === '1,235 kWh', `hot-water energy ${text('dhw-energy')}`);
      ok(text('heater-energy') === '2,346 kWh', `heater energy ${text('heater-energy')}`);
      ok(text('energy') === '9.9 kWh', `stored energy ${text('energy')}`);
      ok(text('pressure') === '2.41 bar', `pressure ${text('pressure')}`);
      ok(text('soc') === '63 %', `soc ${text('soc')}`);
      // The owner's words, with the device's term kept beside them.
      ok(text('device-state') === 'Charging Electrical Main', `device term ${text('device-state')}`);
      ok(text('device-state-words') === 'Charging (electric heater)', `owner's words ${text('device-state-words')}`);
      ok(/whole tank/.test(text('soc-total')), `soc total ${text('soc-total')}`);
      ok(/stand-alone/.test(text('modes')) && /independent/.test($('modes').title), `modes ${text('modes')} / ${$('modes').title}`);
      ok(/automatic schedule/.test(text('duration-help')), 'the Hold for help mentions the schedule');
    },

    // "retrying": the reading stays, a quiet note, not the offline look.
    async retrying() {
      await ready();
      ok(text('soc') === '63 %', `soc ${text('soc')}`);
      ok($('connection').classList.contains('conn--retrying'), $('connection').className);
      ok(/retrying/i.test(text('connection-text')), `chip ${text('connection-text')}`);
      ok($('connection-error').hidden, 'the red error box is hidden');
      ok(!document.body.classList.contains('is-stale'), 'not stale');
    },

    // The tray asked for Stop: the dialog opens with the preview; Send carries the token.
    async 'confirm-tray'() {
      await ready();
      await until(() => $('confirm-dialog').open, 'the confirmation dialog');
      ok(/Stop electric charging/.test(text('confirm-text')), `dialog text ${text('confirm-text')}`);
      ok(!$('confirm-details').open, 'the raw JSON starts collapsed');
      ok(callsOf('preview_command').length === 1, 'one preview');
      const token = await (async () => {
        await until(() => !$('btn-confirm').disabled, 'Send to be enabled');
        $('btn-confirm').click();
        await until(() => callsOf('send_command').length === 1, 'send_command');
        return callsOf('send_command')[0].args.token;
      })();
      ok(typeof token === 'string' && token.length > 0, `send_command carried token ${token}`);
      await until(() => /Confirmed by the device/.test(text('outcome')), 'the outcome');
      ok(!$('confirm-dialog').open, 'the dialog closed');
      mock().emit();
      await sleep(200);
      ok(!$('confirm-dialog').open, 'the dialog stays closed');
      ok(callsOf('cancel_confirmation').length === 0, 'no cancel after a send');
    },

    // The tray asked for Start, the owner cancels: cancel_confirmation, and it stays closed.
    async 'confirm-cancel'() {
      await ready();
      await until(() => $('confirm-dialog').open, 'the confirmation dialog');
      ok(/Start electric charging/.test(text('confirm-text')), `dialog text ${text('confirm-text')}`);
      $('btn-cancel').click();
      await until(() => callsOf('cancel_confirmation').length === 1, 'cancel_confirmation');
      ok(!$('confirm-dialog').open, 'the dialog closed');
      mock().emit();
      await sleep(300);
      ok(!$('confirm-dialog').open, 'the dialog stays closed');
      ok(callsOf('send_command').length === 0, 'nothing sent');
      ok(callsOf('preview_command').length === 1, 'no second preview');
    },

    // A typed error from save_settings: its message as it is, and its field marked.
    async 'settings-field'() {
      await ready();
      $('btn-settings').click();
      await until(() => $('set-low-alarm-bar').value !== '', 'the settings to load');
      $('set-low-alarm-bar').value = '2.5';
      $('btn-save-settings').click();
      await until(() => /^Alarm below/.test(text('settings-message')), 'the error message');
      ok(text('settings-message') === 'Alarm below: must be below Warn below (2 bar)', `message ${text('settings-message')}`);
      ok(invalid('set-low-alarm-bar'), 'the alarm level is marked');
      ok(allInvalid().length === 1, `only one field is marked: ${allInvalid()}`);
      ok(document.activeElement === $('set-low-alarm-bar'), 'and focused');
      $('set-low-alarm-bar').value = '1.5';
      $('set-low-alarm-bar').dispatchEvent(new Event('input'));
      ok(!invalid('set-low-alarm-bar'), 'typing clears the mark');
      $('set-password').value = 'wrong';
      $('set-control').checked = true;
      $('btn-save-settings').click();
      await until(() => text('settings-message') === 'Saved.', 'Saved.');
      ok(/refused the password/.test(text('password-check')), `password check ${text('password-check')}`);
      ok($('password-check').classList.contains('is-err'), 'shown as a problem');
      // A local check (not a number) marks its field the same way.
      $('set-hold').value = '1.5';
      $('btn-save-settings').click();
      await until(() => /Confirm after/.test(text('settings-message')), 'the local error');
      ok(invalid('set-hold'), 'the hold field is marked');
    },

    // test_connection sends the typed password and shows the login result.
    async 'test-login'() {
      await ready();
      $('btn-settings').click();
      await until(() => $('set-host').value !== '', 'the settings to load');
      $('set-password').value = 'service';
      $('btn-test-connection').click();
      await until(() => /^Connected/.test(text('settings-message')), 'the test result');
      const args = callsOf('test_connection')[0].args;
      ok(args.password === 'service' && args.port === 4805 && args.host === '192.168.1.50', JSON.stringify(args));
      ok(/accepted the password/.test(text('password-check')), `login ${text('password-check')}`);
      $('set-host').value = '';
      $('btn-test-connection').click();
      await sleep(100);
      ok(invalid('set-host'), 'an empty host is marked');
    },

    // A command error names its field: the input is marked.
    async 'command-field'() {
      await ready();
      $('btn-start').click();
      await until(() => /mock refuses/.test(text('outcome')), 'the preview error');
      ok(invalid('power'), 'the power input is marked');
      ok(!$('confirm-dialog').open, 'no dialog');
    },

    // A failed snooze shows its error until the next snooze action, whatever states arrive.
    async 'snooze-fail'() {
      await ready();
      $('btn-snooze-1h').click();
      await until(() => !$('alerts-snooze-error').hidden, 'the snooze error');
      ok(/disk full/.test(text('alerts-snooze-error')), text('alerts-snooze-error'));
      mock().emit();
      mock().emit();
      await sleep(200);
      ok(!$('alerts-snooze-error').hidden, 'the error survives new states');
      $('btn-snooze-tomorrow').click();
      await sleep(10);
      ok($('alerts-snooze-error').hidden, 'the next snooze action hides it');
      await until(() => !$('alerts-snooze-error').hidden, 'the second error');
    },

    // The pressure card's look comes from the active alerts, not from the raw reading.
    async 'pressure-look'() {
      await ready();
      const card = $('pressure-card');
      ok(text('pressure') === '1.41 bar', text('pressure'));
      ok(!card.classList.contains('is-alarm') && !card.classList.contains('is-warn'), `raw low, no alert: ${card.className}`);
      mock().update((s) => { s.alerts.active = [{ kind: 'low_pressure', severity: 'warning', line: 'Warning: low pressure', snoozable: true }]; });
      await until(() => card.classList.contains('is-warn'), 'the warning look');
      ok(!$('alerts-snooze-buttons').hidden, 'a warning can be snoozed');
      mock().update((s) => { s.alerts.active = [{ kind: 'low_pressure', severity: 'alarm', line: 'Alarm: low pressure', snoozable: false }]; });
      await until(() => card.classList.contains('is-alarm'), 'the alarm look');
      ok(!card.classList.contains('is-warn'), 'not both');
      ok($('alerts-snooze-buttons').hidden, 'an alarm alone offers no snooze');
      ok(!$('alerts-no-snooze').hidden, 'and says so');
      mock().update((s) => { s.alerts.active = []; });
      await until(() => !card.classList.contains('is-alarm'), 'the look to clear');
    },

    // On a 1024x600 screen the window is short: the content scrolls under a fixed top bar,
    // and Save and Test connection are always in reach.
    async 'small-screen'() {
      await ready();
      ok(window.innerHeight <= 600, `viewport ${window.innerHeight}`);
      ok(document.documentElement.scrollHeight > window.innerHeight, 'the monitor scrolls');
      window.scrollTo(0, document.documentElement.scrollHeight);
      await sleep(50);
      ok(window.scrollY > 0, 'it did scroll');
      ok(Math.abs(document.querySelector('.topbar').getBoundingClientRect().top) < 1, 'the top bar stays');
      $('btn-settings').click();
      await until(() => $('set-host').value !== '', 'the settings to load');
      window.scrollTo(0, 0);
      await sleep(50);
      ok(visibleIn($('btn-save-settings')), 'Save is in view at the top of the settings');
      ok(visibleIn($('btn-test-connection')), 'Test connection is in view');
      window.scrollTo(0, document.documentElement.scrollHeight);
      await sleep(50);
      ok(visibleIn($('btn-save-settings')), 'Save is in view at the bottom');
      ok(visibleIn($('set-quiet-end')), 'the last field can be reached');
      // A field scrolled to the bottom edge (as WebDriver and focus do) is not under the
      // footer, one scrolled to the top edge not under the top bar.
      const uncovered = (node) => {
        const r = node.getBoundingClientRect();
        const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        return !!hit && (hit === node || node.contains(hit) || hit.contains(node));
      };
      for (const id of ['set-interval', 'set-control', 'set-password', 'set-low-bar', 'set-grace']) {
        $(id).scrollIntoView({ block: 'end' });
        await sleep(20);
        ok(uncovered($(id)), `#${id} scrolled to the bottom edge is not covered`);
        $(id).scrollIntoView({ block: 'start' });
        await sleep(20);
        ok(uncovered($(id)), `#${id} scrolled to the top edge is not covered`);
      }
    },
  };

  window.addEventListener('load', async () => {
    const root = document.documentElement;
    const check = CHECKS[name];
    try {
      if (!check) throw new CheckFailed(`no check named ${name}`);
      await check();
      root.dataset.check = 'pass';
    } catch (e) {
      root.dataset.check = `fail: ${e instanceof CheckFailed ? e.message : `${e && e.stack ? e.stack : e}`}`;
    }
  });
})();
