// "Find my NEStore" (issue 11): the search for NEStores on this network (`discover`,
// docs/ipc.md), started only by the owner: from Settings (beside the device address), from
// the first-run card (no device configured) or from the notice that the configured device
// has not answered for a while. One search at a time; its results show where it was
// started: one block (#finder: the status line and the list) moved into that place's slot.
//
// Hits arrive as `discovery-hit` events while `discover` runs (app.js subscribes and calls
// hit()); the list grows row by row (an aria-live region announces each new row) and is
// never redrawn from scratch while it shows, so focus on a Use button survives a render.
// "Use" calls back app.useHit(hit): Settings fills the form, tests, and saves on success.
import { t } from '../text.js';
import { $, el } from '../dom.js';
import { num, isNum, parseTime, when } from '../format.js';
import { invoke } from '../ipc.js';

/** Where a search can start: its button and the slot its results show in. */
const ORIGINS = {
  settings: { button: 'btn-find', slot: 'finder-slot-settings' },
  empty: { button: 'btn-find-empty', slot: 'finder-slot-empty' },
  offline: { button: 'btn-find-offline', slot: 'finder-slot-offline' },
};

/** How long the configured device must have been offline before the window offers a search. */
export const OFFLINE_FOR_MS = 10 * 60 * 1000;

/**
 * When the configured device (not the demo) stopped answering, if that was more than
 * OFFLINE_FOR_MS ago and it is still offline; null otherwise.
 */
export function offlineForAWhile(s, now = Date.now()) {
  if (!s || !s.device || s.demo || s.connection !== 'offline') return null;
  const since = parseTime(s.offline_since);
  return since && now - since.getTime() > OFFLINE_FOR_MS ? since : null;
}

/** The app (set by wire): the Use buttons made while drawing call back app.useHit. */
let theApp = null;

const isHit = (h) => !!h && typeof h === 'object' && typeof h.address === 'string' && !!h.address
  && typeof h.host === 'string' && !!h.host && Number.isInteger(h.port);

/** Adds a hit unless it is malformed or its address is listed already; true if added. */
function add(d, h) {
  if (!isHit(h) || d.hits.some((x) => x.address === h.address)) return false;
  d.hits.push(h);
  return true;
}

/** A `discovery-hit` event: one more NEStore confirmed while the search runs. */
export function hit(app, h) {
  const d = app.ui.discovery;
  if (!d.running) return; // a late event: the search's reply is the whole list
  if (add(d, h)) app.render();
}

async function find(app, origin) {
  const d = app.ui.discovery;
  if (d.running) return;
  Object.assign(d, { running: true, origin, hits: [], result: null, error: null });
  $(ORIGINS[origin].slot).appendChild($('finder'));
  app.render();
  try {
    const res = (await invoke('discover')) || {};
    for (const h of Array.isArray(res.hits) ? res.hits : []) add(d, h);
    d.result = { complete: res.complete !== false, swept: isNum(res.swept) ? res.swept : 0 };
  } catch (e) {
    d.error = e.message; // e.g. refused: a search is running already (the owner's words)
  }
  d.running = false;
  app.render();
}

function setText(node, text) {
  if (node.textContent !== text) node.textContent = text;
}

function status(d) {
  if (d.running) return { cls: 'is-busy', text: t('win-find-searching') };
  if (d.error) return { cls: 'is-err', text: d.error };
  if (!d.result) return null;
  let text = d.hits.length ? t('win-find-found', { count: d.hits.length })
    : t('win-find-none', { swept: d.result.swept });
  if (!d.result.complete) text = `${text} ${t('win-find-partial')}`;
  return { cls: d.hits.length ? 'is-ok' : '', text };
}

/** One row of the list: built once per hit, its words filled in by fillRow. */
function makeRow(app, h, i) {
  const li = el('li', 'find-hit');
  li.id = `find-hit-${i}`;
  li.dataset.testid = `find-hit-${i}`;
  li.dataset.address = h.address;
  const text = el('div', 'find-hit-text');
  text.appendChild(el('span', 'find-hit-name'));
  const meta = el('span', 'find-hit-meta');
  if (h.name) meta.appendChild(el('span', 'find-hit-address', h.address));
  meta.appendChild(el('span', 'find-hit-api'));
  meta.appendChild(el('span', 'find-hit-soc'));
  text.appendChild(meta);
  li.appendChild(text);
  const use = el('button', 'btn btn--small find-hit-use');
  use.type = 'button';
  use.id = `btn-use-hit-${i}`;
  use.dataset.testid = `btn-use-hit-${i}`;
  use.addEventListener('click', () => app.useHit(h));
  li.appendChild(use);
  return li;
}

function fillRow(li, h, busy) {
  const device = h.name || h.address;
  setText(li.querySelector('.find-hit-name'), device);
  const api = li.querySelector('.find-hit-api');
  setText(api, t('win-find-api', { version: String(h.api_version || '') }));
  api.title = t('win-find-api-title');
  setText(li.querySelector('.find-hit-soc'), isNum(h.soc_pct)
    ? t('win-find-soc', { soc: num(Math.round(h.soc_pct)) }) : t('win-find-soc-unknown'));
  const use = li.querySelector('button');
  setText(use, t('win-find-use'));
  use.setAttribute('aria-label', t('win-find-use-label', { device }));
  use.disabled = busy;
}

export function render(s, ui) {
  const d = ui.discovery;
  for (const { button } of Object.values(ORIGINS)) $(button).disabled = d.running;

  const since = offlineForAWhile(s);
  $('find-offline').hidden = !since;
  if (since) setText($('find-offline-text'), t('win-find-offline', { time: when(since) }));

  $('finder').hidden = !d.origin;
  // Only the slot that holds the results takes room.
  for (const { slot } of Object.values(ORIGINS)) $(slot).hidden = d.origin === null || !$(slot).contains($('finder'));
  const st = status(d);
  const line = $('find-status');
  line.hidden = !st;
  setText(line, st ? st.text : '');
  line.className = `outcome find-status ${st ? st.cls : ''}`.trim();

  // The rows: the hits of this search, in the order they came; new ones appended.
  const list = $('find-list');
  list.hidden = d.hits.length === 0;
  const rows = [...list.children];
  if (rows.some((r, i) => !d.hits[i] || r.dataset.address !== d.hits[i].address)) {
    list.replaceChildren();
    rows.length = 0;
  }
  for (let i = rows.length; i < d.hits.length; i++) list.appendChild(makeRow(theApp, d.hits[i], i));
  const busy = ui.settings.testing || ui.settings.saving;
  d.hits.forEach((h, i) => fillRow(list.children[i], h, busy));
}

export function wire(app) {
  theApp = app;
  for (const [origin, { button }] of Object.entries(ORIGINS)) {
    $(button).addEventListener('click', () => find(app, origin));
  }
}
