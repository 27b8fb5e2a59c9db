// Updates of the app (issue 12): the "Updates" part of Settings and, after the quiet daily
// check found a newer version, a small line under the top bar that opens Settings.
// docs/ipc.md: `state.update`, `check_for_updates`, `install_update`.
//
// "Check for updates" asks the backend now (busy while it runs); what came of it is
// state.update (the check's answer too, until the state arrives): the latest version, or the
// newer version, its notes and "Install version X…". The install asks first, here in the
// panel (no window.confirm), and only then invokes install_update. A refusal (a signature that
// does not match, a development build) is shown in the backend's words as an error; a check
// that could not be made ("could not check") is a muted line, never an error or a dialog.
//
// The notes are plain text from the network: they are only ever set as textContent.
import { t } from '../text.js';
import { $ } from '../dom.js';
import { invoke } from '../ipc.js';

function setText(node, text) {
  if (node.textContent !== text) node.textContent = text;
}

const str = (v) => (typeof v === 'string' && v ? v : null);

/** The update view to draw: the pushed state's, else the last check's answer; null: no check yet. */
function viewOf(s, u) {
  const v = s && s.update && typeof s.update === 'object' ? s.update : u.answer;
  if (!v || typeof v !== 'object') return null;
  return {
    available: v.available === true && !!str(v.version),
    current: str(v.current),
    version: str(v.version),
    notes: typeof v.notes === 'string' ? v.notes : '',
    problem: str(v.problem),
    // The problem is a refused install (an error), not the quiet "could not check".
    refused: v.refused === true,
    // The state always names the version in use; only a check says whether it is the latest.
    checked: !!str(v.checked_at),
  };
}

async function check(app) {
  const u = app.ui.updates;
  if (u.checking || u.installing) return;
  Object.assign(u, { checking: true, error: null, refusal: null, confirming: false });
  app.render();
  try {
    u.answer = await invoke('check_for_updates');
  } catch (e) {
    u.error = e.message; // refused: a check or install runs already (the owner's words)
  }
  u.checking = false;
  app.render();
}

async function install(app) {
  const u = app.ui.updates;
  if (u.checking || u.installing) return;
  Object.assign(u, { installing: true, confirming: false, error: null, refusal: null, installed: null });
  app.render();
  try {
    const res = (await invoke('install_update')) || {};
    u.installed = str(res.message); // the app restarts next
  } catch (e) {
    u.refusal = e.message; // nothing installed: the backend's words
  }
  u.installing = false;
  app.render();
}

export function render(s, ui) {
  const u = ui.updates;
  const v = viewOf(s, u);
  const busy = u.checking || u.installing;

  // The small line on the main view: a newer version was found (by the quiet check or a check).
  const line = $('update-available');
  const showLine = !!v && v.available && ui.view === 'monitor';
  line.hidden = !showLine;
  if (showLine) setText(line, t('win-update-found', { version: v.version }));

  const current = $('update-current');
  current.hidden = !(v && v.current);
  if (v && v.current) setText(current, t('win-update-current', { current: v.current }));

  const btn = $('btn-update-check');
  btn.disabled = busy;
  btn.setAttribute('aria-busy', String(u.checking));

  // The status line: busy, the latest version, a newer one, or the refusal of a check.
  let st = null;
  if (u.checking) st = { cls: 'is-busy', text: t('win-update-checking') };
  else if (u.error) st = { cls: 'is-err', text: u.error };
  else if (u.installed) st = { cls: 'is-ok', text: u.installed };
  else if (u.installing && v && v.version) st = { cls: 'is-busy', text: t('win-update-installing', { version: v.version }) };
  else if (v && v.available) st = { cls: 'is-ok', text: t('win-update-found', { version: v.version }) };
  else if (v && v.checked && !v.problem) st = { cls: 'is-ok', text: t('win-update-latest') };
  const status = $('update-status');
  status.hidden = !st;
  setText(status, st ? st.text : '');
  status.className = `outcome update-status ${st ? st.cls : ''}`.trim();

  // The newer version: its notes and the install, asked for first.
  const found = $('update-found');
  found.hidden = !(v && v.available) || u.checking;
  if (v && v.available) {
    setText($('update-notes'), v.notes);
    $('update-notes').hidden = !v.notes.trim();
    $('update-notes-title').hidden = !v.notes.trim();
    const inst = $('btn-update-install');
    setText(inst, t('win-update-install', { version: v.version }));
    inst.disabled = busy;
    inst.hidden = u.confirming;
    $('update-confirm').hidden = !u.confirming;
    setText($('update-confirm-text'), t('win-update-confirm', { version: v.version }));
    $('btn-update-confirm').disabled = busy;
  } else {
    u.confirming = false;
  }

  // A refused install in the backend's words (an error); "could not check" is quiet (muted).
  const problem = $('update-problem');
  // (After an install the state may still name an earlier refusal: the install's word stands.)
  const fromState = v && v.problem && !u.checking && !u.installing && !u.installed ? v.problem : null;
  // This window's own refusal, else the state's (a refusal seen before the window was
  // opened again stays an error).
  const refusal = u.refusal || (fromState && v.refused ? fromState : null);
  const quiet = !refusal ? fromState : null;
  const text = refusal || quiet;
  problem.hidden = !text;
  setText(problem, text || '');
  problem.className = `outcome update-problem ${refusal ? 'is-err' : 'is-quiet'}`;
  problem.setAttribute('role', refusal ? 'alert' : 'status');
}

export function wire(app) {
  $('btn-update-check').addEventListener('click', () => check(app));
  $('btn-update-install').addEventListener('click', () => {
    app.ui.updates.confirming = true;
    app.render();
    $('btn-update-confirm').focus();
  });
  $('btn-update-cancel').addEventListener('click', () => {
    app.ui.updates.confirming = false;
    app.render();
    $('btn-update-install').focus();
  });
  $('btn-update-confirm').addEventListener('click', () => install(app));
  $('update-available').addEventListener('click', async () => {
    await app.showView('settings');
    const part = $('update-settings');
    part.scrollIntoView({ block: 'center' });
  });
}
