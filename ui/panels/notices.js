// Notices: the backend's one-off message (state.notice) and the window's own errors
// (a failed refresh, demo start or state read). Both stay until dismissed.
import { $ } from '../dom.js';

export function render(s, ui) {
  const n = s && typeof s.notice === 'string' && s.notice ? s.notice : null;
  const show = !!n && n !== ui.dismissedNotice;
  $('notice').hidden = !show;
  $('notice-text').textContent = show ? n : '';

  $('notice-local').hidden = !ui.localError;
  $('notice-local-text').textContent = ui.localError || '';
}

export function wire(app) {
  $('btn-dismiss-notice').addEventListener('click', () => {
    app.ui.dismissedNotice = app.state && app.state.notice ? app.state.notice : null;
    app.render();
  });
  $('btn-dismiss-local').addEventListener('click', () => {
    app.ui.localError = null;
    app.render();
  });
}
