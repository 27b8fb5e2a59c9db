// The window's only way to the backend: Tauri's IPC (window.__TAURI__, withGlobalTauri).
// Contract: docs/ipc.md.
import { t } from './text.js';

/**
 * Every failed command rejects with this: `code` ("invalid", "refused", "device",
 * "keyring", "io", "internal"), `message` (the owner's words, shown as they are) and
 * `field` (the settings or command key the error is about, or null).
 */
export class IpcError extends Error {
  constructor(code, message, field = null) {
    super(message);
    this.name = 'IpcError';
    this.code = code;
    this.field = field;
  }
}

/** Whatever was thrown, as an IpcError (a bare string or an unknown shape becomes "internal"). */
export function toError(e) {
  if (e instanceof IpcError) return e;
  if (e && typeof e === 'object' && typeof e.message === 'string' && e.message) {
    return new IpcError(typeof e.code === 'string' ? e.code : 'internal', e.message,
      typeof e.field === 'string' && e.field ? e.field : null);
  }
  if (typeof e === 'string' && e) return new IpcError('internal', e);
  return new IpcError('internal', t('win-something-wrong'));
}

const tauri = () => window.__TAURI__;

/** True when the window runs inside the app (or under tests/ui/mock-tauri.js). */
export const connected = () => !!(tauri() && tauri().core && tauri().event);

export async function invoke(name, args) {
  try {
    return await tauri().core.invoke(name, args);
  } catch (e) {
    throw toError(e);
  }
}

/** Subscribes to backend event `name`; `cb` gets the payload. */
export const listen = (name, cb) => tauri().event.listen(name, (e) => cb(e.payload));

export function closeWindow() {
  const w = tauri() && tauri().window;
  if (w && w.getCurrentWindow) w.getCurrentWindow().close();
}
