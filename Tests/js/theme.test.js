// Tests of Theme/assets/theme.js: which colour scheme applies and what the toggle does.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const theme = require('../../Theme/assets/theme.js');

test('an explicit choice wins over the system setting', () => {
  assert.equal(theme.effectiveTheme('light', true), 'light');
  assert.equal(theme.effectiveTheme('dark', false), 'dark');
});

test('without a choice the system setting decides', () => {
  assert.equal(theme.effectiveTheme(null, true), 'dark');
  assert.equal(theme.effectiveTheme(null, false), 'light');
});

test('unknown stored values are ignored', () => {
  for (const value of ['', 'blue', 'DARK', '1', undefined, null, '{"theme":"dark"}']) {
    assert.equal(theme.validTheme(value), null, String(value));
    assert.equal(theme.effectiveTheme(value, false), 'light');
  }
});

test('the toggle flips between the two themes', () => {
  assert.equal(theme.nextTheme('light'), 'dark');
  assert.equal(theme.nextTheme('dark'), 'light');
});

test('storage that throws is treated as empty, and saving never throws', () => {
  const throwing = {
    getItem() { throw new Error('SecurityError'); },
    setItem() { throw new Error('QuotaExceededError'); },
  };
  assert.equal(theme.readSaved(throwing), null);
  assert.doesNotThrow(() => theme.save(throwing, 'dark'));
  assert.equal(theme.readSaved(null), null);
  assert.doesNotThrow(() => theme.save(null, 'dark'));
});

test('a saved choice is read back under the documented key', () => {
  const store = new Map();
  const storage = { getItem: (k) => (store.has(k) ? store.get(k) : null), setItem: (k, v) => store.set(k, v) };
  theme.save(storage, 'dark');
  assert.equal(store.get('trellis-theme'), 'dark');
  assert.equal(theme.readSaved(storage), 'dark');
});
