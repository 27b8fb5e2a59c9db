// Loaded first, as a classic script. Under LANG=C (or POSIX) WebKitGTK reports
// navigator.language as "C", which Intl refuses ("invalid language tag"), and uPlot calls
// Intl.NumberFormat(navigator.language) as it loads. A tag that Intl refuses reads as
// "en-US" instead, so the window and its charts work whatever the system's locale.
(() => {
  'use strict';
  const usable = (tag) => {
    try {
      new Intl.NumberFormat(tag);
      return true;
    } catch (e) {
      return false;
    }
  };
  if (!usable(navigator.language)) {
    Object.defineProperty(navigator, 'language', { value: 'en-US', configurable: true });
  }
  const tags = Array.from(navigator.languages || []).filter(usable);
  Object.defineProperty(navigator, 'languages', {
    value: Object.freeze(tags.length ? tags : ['en-US']),
    configurable: true,
  });
})();
