/*
 * Trellis theme bootstrap. Loaded in <head> so the reader's saved colour scheme is applied
 * before the first paint (no flash of the wrong theme). It only sets
 * <html data-theme="light|dark"> when the reader has made an explicit choice; otherwise the
 * stylesheet follows `prefers-color-scheme`.
 *
 * Also exposes window.TrellisTheme for the toggle in trellis.js, and module.exports for tests.
 */
(function () {
  'use strict';

  var KEY = 'trellis-theme';

  /** A stored value is only trusted when it is one of the two known themes. */
  function validTheme(value) {
    return value === 'light' || value === 'dark' ? value : null;
  }

  /** The theme in effect: the explicit choice if any, else the system preference. */
  function effectiveTheme(saved, systemPrefersDark) {
    return validTheme(saved) || (systemPrefersDark ? 'dark' : 'light');
  }

  /** The theme a click on the toggle switches to. */
  function nextTheme(current) {
    return current === 'dark' ? 'light' : 'dark';
  }

  /** localStorage may be missing or throw (file:// in some browsers, privacy modes). */
  function readSaved(storage) {
    try {
      return validTheme(storage ? storage.getItem(KEY) : null);
    } catch (error) {
      return null;
    }
  }

  function save(storage, theme) {
    try {
      if (storage) storage.setItem(KEY, theme);
    } catch (error) {
      /* Not remembered; the choice still applies to this page. */
    }
  }

  var api = {
    KEY: KEY,
    validTheme: validTheme,
    effectiveTheme: effectiveTheme,
    nextTheme: nextTheme,
    readSaved: readSaved,
    save: save,
  };

  if (typeof module !== 'undefined' && module.exports) module.exports = api;

  if (typeof window !== 'undefined' && typeof document !== 'undefined') {
    var storage = null;
    try {
      storage = window.localStorage;
    } catch (error) {
      storage = null;
    }
    api.storage = storage;
    var saved = readSaved(storage);
    if (saved) document.documentElement.dataset.theme = saved;
    window.TrellisTheme = api;
  }
})();
