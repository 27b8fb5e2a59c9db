// The control card (start, stop, resume automatic) and the confirmation dialog.
// Nothing is sent without a confirmation: preview_command returns the words and a token,
// send_command carries the token. The tray's Start/Stop/Resume arrive as state.confirm and
// open the same dialog.
import { t, currentLanguage } from '../text.js';
import { $ } from '../dom.js';
import { isNum, num, duration as fmtDuration, parseTime, stateWords } from '../format.js';
import { invoke } from '../ipc.js';

const DEFAULT_LIMITS = {
  power_min_w: 1000, power_max_w: 3400, power_step_w: 100,
  duration_min_min: 30, duration_max_min: 300, target_max_pct: 100,
};

/** Command keys (docs/ipc.md `field`) → the inputs that hold them. */
const FIELD_INPUTS = {
  power_w: ['power', 'power-range'],
  target_soc_pct: ['target-soc'],
  duration_min: ['duration'],
};

const limitsOf = (s) => Object.assign({}, DEFAULT_LIMITS, (s && s.control && s.control.limits) || {});

export function render(s, ui) {
  const c = s.control || {};
  const r = s.reading || null;
  const available = !!c.available;
  $('control-form').hidden = !available;
  $('control-hint').hidden = available;

  const L = limitsOf(s);
  const power = $('power');
  const range = $('power-range');
  for (const input of [power, range]) {
    input.min = L.power_min_w; input.max = L.power_max_w; input.step = L.power_step_w;
  }
  fillDurations(L);
  const target = $('target-soc');
  target.min = r && isNum(r.soc_pct) ? Math.floor(r.soc_pct) + 1 : 1;
  target.max = L.target_max_pct;

  const d = c.defaults;
  const key = JSON.stringify(d || null);
  if (d && !ui.controls.touched && key !== ui.controls.filledFrom) {
    if (isNum(d.power_w)) { power.value = d.power_w; range.value = d.power_w; }
    if (isNum(d.target_soc_pct)) target.value = d.target_soc_pct;
    if (isNum(d.duration_min)) setDuration(d.duration_min);
    ui.controls.filledFrom = key;
  }

  for (const [field, ids] of Object.entries(FIELD_INPUTS)) {
    const bad = ui.controls.invalid.includes(field);
    for (const id of ids) {
      if (bad) $(id).setAttribute('aria-invalid', 'true');
      else $(id).removeAttribute('aria-invalid');
    }
  }

  const busy = !!c.busy || ui.sending;
  for (const id of ['btn-start', 'btn-stop', 'btn-auto']) $(id).disabled = busy || !available;
  $('btn-confirm').disabled = busy;

  renderOutcome(c.last_outcome, ui);
  renderDialog(ui);
}

function fillDurations(L) {
  const sel = $('duration');
  // The options name durations in words: a new language fills them again.
  const key = `${L.duration_min_min}-${L.duration_max_min}-${currentLanguage()}`;
  if (sel.dataset.range === key) return;
  const prev = Number(sel.value) || 120;
  sel.textContent = '';
  for (let m = L.duration_min_min; m <= L.duration_max_min; m += 30) sel.appendChild(option(m));
  sel.dataset.range = key;
  setDuration(prev);
}

function option(min) {
  const o = document.createElement('option');
  o.value = String(min);
  o.textContent = fmtDuration(min);
  return o;
}

function setDuration(min) {
  const sel = $('duration');
  if (![...sel.options].some((o) => Number(o.value) === min)) sel.appendChild(option(min));
  sel.value = String(min);
}

/** The device's state in the owner's words, with the device's term when they differ. */
function stateText(raw) {
  const words = stateWords(raw);
  return words === raw ? raw : t('win-state-with-term', { words, term: raw });
}

function outcomeText(res) {
  if (res.ok) return res.state ? t('win-confirmed-state', { state: stateText(res.state) }) : (res.message || t('win-confirmed'));
  return res.message || t('win-not-accepted');
}

function renderOutcome(last, ui) {
  const out = $('outcome');
  out.classList.remove('is-ok', 'is-err', 'is-busy');
  if (ui.sending) {
    out.hidden = false;
    out.textContent = t('win-talking');
    out.classList.add('is-busy');
    return;
  }
  const lastAt = last ? (parseTime(last.at) || new Date(0)).getTime() : -1;
  let o = null;
  if (ui.localOutcome && ui.localOutcome.at >= lastAt) o = ui.localOutcome;
  else if (last) o = { ok: !!last.ok, text: outcomeText(last) };
  out.hidden = !o;
  out.textContent = o ? o.text : '';
  if (o) out.classList.add(o.ok ? 'is-ok' : 'is-err');
}

const CONFIRM_LABEL = { start: 'win-start-charging', stop: 'win-stop-charging', auto: 'win-resume-auto' };

function renderDialog(ui) {
  const dlg = $('confirm-dialog');
  const p = ui.confirm;
  if (!p) {
    if (dlg.open) dlg.close();
    return;
  }
  $('confirm-text').textContent = p.text;
  $('confirm-bodies').textContent = p.bodies.map((b) => JSON.stringify(b, null, 2)).join('\n');
  $('confirm-details').hidden = p.bodies.length === 0;
  $('btn-confirm').textContent = t(CONFIRM_LABEL[p.cmd.kind] || 'win-send');
  if (!dlg.open) {
    $('confirm-details').open = false; // the raw JSON starts collapsed
    dlg.showModal();
    $('btn-cancel').focus();
  }
}

function describe(cmd) {
  if (cmd.kind === 'start') {
    return t('win-describe-start', { power: String(cmd.power_w), target: num(cmd.target_soc_pct), duration: fmtDuration(cmd.duration_min) });
  }
  if (cmd.kind === 'stop') return t('win-describe-stop', { duration: fmtDuration(cmd.duration_min) });
  return t('win-describe-auto');
}

/** The start command from the form, or {error, fields}. */
function readStartCmd(s) {
  const L = limitsOf(s);
  const r = s && s.reading;
  const power = Number($('power').value);
  const target = Number($('target-soc').value);
  const dur = Number($('duration').value);
  const errors = [];
  const fields = [];
  const okPower = Number.isInteger(power) && power >= L.power_min_w && power <= L.power_max_w
    && (power - L.power_min_w) % L.power_step_w === 0;
  if (!okPower) {
    errors.push(t('win-power-range', { min: String(L.power_min_w), max: String(L.power_max_w), step: String(L.power_step_w) }));
    fields.push('power_w');
  }
  const minTarget = r && isNum(r.soc_pct) ? Math.floor(r.soc_pct) + 1 : 1;
  const okTarget = Number.isInteger(target) && target >= minTarget && target <= L.target_max_pct;
  if (!okTarget) {
    errors.push(target > L.target_max_pct
      ? t('win-target-above-max', { target: num(target), max: num(L.target_max_pct) })
      : r && isNum(r.soc_pct)
        ? t('win-target-above', { soc: num(Math.round(r.soc_pct)), min: num(minTarget), max: num(L.target_max_pct) })
        : t('win-target-range', { max: num(L.target_max_pct) }));
    fields.push('target_soc_pct');
  }
  const okDur = Number.isInteger(dur) && dur >= L.duration_min_min && dur <= L.duration_max_min;
  if (!okDur) {
    errors.push(t('win-duration-range', { min: fmtDuration(L.duration_min_min), max: fmtDuration(L.duration_max_min) }));
    fields.push('duration_min');
  }
  if (errors.length) return { error: errors.join(' '), fields };
  return { cmd: { kind: 'start', power_w: power, target_soc_pct: target, duration_min: dur } };
}

function failed(ui, e) {
  ui.localOutcome = { ok: false, text: e.message, at: Date.now() };
  ui.controls.invalid = e.field && FIELD_INPUTS[e.field] ? [e.field] : [];
}

/** preview_command → the dialog's contents, or throws an IpcError. */
async function preview(cmd, fromTray) {
  const p = await invoke('preview_command', { cmd });
  return {
    cmd,
    token: p && typeof p.token === 'string' ? p.token : null,
    text: (p && p.text) || describe(cmd),
    bodies: p && Array.isArray(p.bodies) ? p.bodies : [],
    fromTray,
  };
}

async function askToSend(app, kind) {
  const { ui } = app;
  let cmd;
  if (kind === 'start') {
    const res = readStartCmd(app.state);
    if (res.error) {
      ui.localOutcome = { ok: false, text: res.error, at: Date.now() };
      ui.controls.invalid = res.fields;
      app.render();
      return;
    }
    cmd = res.cmd;
  } else if (kind === 'stop') {
    cmd = { kind: 'stop', duration_min: Number($('duration').value) || 120 };
  } else {
    cmd = { kind: 'auto' };
  }
  ui.controls.invalid = [];
  ui.sending = true;
  app.render();
  try {
    ui.confirm = await preview(cmd, false);
  } catch (e) {
    failed(ui, e);
  } finally {
    ui.sending = false;
    app.render();
  }
}

/**
 * Called with every new state before it renders: a new state.confirm (the tray's Start,
 * Stop or Resume) opens the confirmation; a withdrawn one closes it.
 */
export function syncTrayConfirm(app) {
  const { ui } = app;
  const s = app.state;
  const c = s && s.confirm && typeof s.confirm === 'object' ? s.confirm : null;
  const key = c ? JSON.stringify(c) : null;
  if (!c) {
    ui.trayConfirmSeen = null;
    if (ui.confirm && ui.confirm.fromTray) ui.confirm = null;
    return;
  }
  if (key === ui.trayConfirmSeen) return;
  ui.trayConfirmSeen = key;
  openTrayConfirm(app, c, key);
}

async function openTrayConfirm(app, cmd, key) {
  const { ui } = app;
  ui.confirm = null; // the tray's request replaces one opened here
  ui.sending = true;
  app.render();
  try {
    const p = await preview(cmd, true);
    if (ui.trayConfirmSeen === key) ui.confirm = p; // still what the tray asks for
  } catch (e) {
    failed(ui, e);
    invoke('cancel_confirmation').catch(() => {});
  } finally {
    ui.sending = false;
    app.render();
  }
}

async function confirmSend(app) {
  const { ui } = app;
  const p = ui.confirm;
  if (!p) return;
  ui.confirm = null;
  ui.sending = true;
  app.render();
  try {
    const res = (await invoke('send_command', { cmd: p.cmd, token: p.token })) || {};
    ui.localOutcome = { ok: !!res.ok, text: outcomeText(res), at: Date.now() };
  } catch (e) {
    failed(ui, e);
  } finally {
    ui.sending = false;
    app.render();
  }
}

function cancel(app) {
  const { ui } = app;
  const p = ui.confirm;
  ui.confirm = null;
  if (p && p.fromTray) {
    invoke('cancel_confirmation').catch((e) => { ui.localError = e.message; app.render(); });
  }
  app.render();
}

export function wire(app) {
  const { ui } = app;
  const touched = (field) => () => {
    ui.controls.touched = true;
    ui.controls.invalid = ui.controls.invalid.filter((f) => f !== field);
    app.render();
  };
  const power = $('power');
  const range = $('power-range');
  range.addEventListener('input', () => { power.value = range.value; });
  range.addEventListener('input', touched('power_w'));
  power.addEventListener('input', () => { if (power.value !== '') range.value = power.value; });
  power.addEventListener('input', touched('power_w'));
  $('target-soc').addEventListener('input', touched('target_soc_pct'));
  $('duration').addEventListener('change', touched('duration_min'));

  $('btn-start').addEventListener('click', () => askToSend(app, 'start'));
  $('btn-stop').addEventListener('click', () => askToSend(app, 'stop'));
  $('btn-auto').addEventListener('click', () => askToSend(app, 'auto'));
  $('btn-confirm').addEventListener('click', () => confirmSend(app));
  $('btn-cancel').addEventListener('click', () => cancel(app));
  // Esc closes the dialog by itself: that is a cancel too.
  $('confirm-dialog').addEventListener('close', () => {
    if (ui.confirm && !$('confirm-dialog').open) cancel(app);
  });
}
