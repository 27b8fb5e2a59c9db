// The window's words, from the one message catalogue (crates/nestore-i18n/locales, Fluent).
//
// The backend hands the whole catalogue of the owner's language over IPC (`get_catalogue`:
// {language, source}); @fluent/bundle (vendor/fluent-bundle/, unchanged from npm) formats
// it. `t(id, args)` is the one way to a word: t('win-refresh'), t('win-updated', {time, ago}).
// The HTML holds no words of its own: elements name a message instead (data-t="id" for the
// text, data-t-title / data-t-aria-label / data-t-placeholder for those attributes) and
// applyText() fills them in. The window's ids start with "win-" (locales/*/window.ftl); it
// also uses duration-* and unit-* of watch.ftl, and the device state names of tray.ftl
// (device-state-*, format.js stateWords).
//
// Values: numbers that read as numbers ("2,41", "4805") are formatted by format.js and
// passed as strings; only a count that chooses a plural form is passed as a number.
//
// Words that come from the backend (alert lines, notices, error messages, confirmation
// text, test results) are already in the owner's language and are shown as they are.
import { FluentBundle, FluentResource } from './vendor/fluent-bundle/index.js';

/** Intl locale of each catalogue language: numbers ("2,4") and dates in its form. */
const LOCALES = { en: 'en-GB', nl: 'nl-NL' };

// Before a catalogue arrives (or when none can be had: the page opened outside the app)
// the window can only say why. These few words are the only ones not from the catalogue.
const FALLBACK = `
win-doc-title = NEStore
win-not-in-app = This window must be opened by NEStore Tray.
win-catalogue-failed = Could not load the window's words: { $message }
`;

let bundle = makeBundle('en', FALLBACK);
let language = null; // the language of the loaded catalogue; null: none yet

function makeBundle(lang, source) {
  const b = new FluentBundle(LOCALES[lang] || LOCALES.en, { useIsolating: false });
  const errors = b.addResource(new FluentResource(source));
  // A message Fluent cannot read is a bug in the catalogue (its tests should catch it).
  for (const e of errors) console.error(`catalogue (${lang}): ${e && e.message ? e.message : e}`);
  return b;
}

/** Whether the window has a catalogue language by this code ("en", "nl"). */
export const knownLanguage = (code) => Object.prototype.hasOwnProperty.call(LOCALES, code);

/** The language of the loaded catalogue ("en", "nl"), or null before one is loaded. */
export const currentLanguage = () => language;

/** The Intl locale to format numbers and dates with: "en-GB" or "nl-NL". */
export const locale = () => LOCALES[language] || LOCALES.en;

/** Whether the catalogue holds message `id`. */
export const has = (id) => bundle.hasMessage(id);

/**
 * Message `id` formatted with `args`. A message the catalogue lacks, or one that misses a
 * value, logs an error (the window's tests fail on any) and shows what Fluent made of it.
 */
export function t(id, args) {
  const [name, attr] = id.split('.');
  const msg = bundle.getMessage(name);
  const pattern = msg && (attr ? msg.attributes[attr] : msg.value);
  if (!pattern) {
    if (language) console.error(`catalogue (${language}): no message ${id}`);
    return id;
  }
  const errors = [];
  const text = bundle.formatPattern(pattern, args || null, errors);
  if (errors.length) console.error(`catalogue (${language}): ${id}: ${errors.map((e) => e.message).join('; ')}`);
  return text;
}

/** Takes a catalogue ({language, source}) as get_catalogue returns it. */
export function useCatalogue(catalogue) {
  const lang = catalogue && knownLanguage(catalogue.language) ? catalogue.language : 'en';
  const source = catalogue && typeof catalogue.source === 'string' ? catalogue.source : '';
  bundle = makeBundle(lang, source);
  language = lang;
  document.documentElement.lang = lang;
}

/** Asks the backend (with `invoke`, ipc.js's: this module imports no other of the window's)
 *  for the catalogue of the owner's language and uses it. */
export async function loadCatalogue(invoke) {
  useCatalogue(await invoke('get_catalogue'));
  return language;
}

const ATTRS = [['data-t-title', 'title'], ['data-t-aria-label', 'aria-label'], ['data-t-placeholder', 'placeholder']];

/** Fills the static words of the page (data-t ids) from the catalogue. */
export function applyText(root = document) {
  document.title = t('win-doc-title');
  for (const node of root.querySelectorAll('[data-t]')) node.textContent = t(node.dataset.t);
  for (const [data, attr] of ATTRS) {
    for (const node of root.querySelectorAll(`[${data}]`)) node.setAttribute(attr, t(node.getAttribute(data)));
  }
}
