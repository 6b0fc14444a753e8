// Tests of keyboard shortcuts (Theme/assets/trellis.js) and hover-preview extraction (previews.js).
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const trellis = require('../../Theme/assets/trellis.js');
const previews = require('../../Theme/assets/previews.js');

const key = (k, mods = {}) => Object.assign({ key: k, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false }, mods);

test('"/" focuses search, except while typing in a field', () => {
  assert.equal(trellis.shortcutAction(key('/'), false), 'focus-search');
  assert.equal(trellis.shortcutAction(key('/'), true), null);
  assert.equal(trellis.shortcutAction(key('/', { ctrlKey: true }), false), null);
});

test('Ctrl-K and ⌘-K focus search even from a field', () => {
  assert.equal(trellis.shortcutAction(key('k', { ctrlKey: true }), true), 'focus-search');
  assert.equal(trellis.shortcutAction(key('K', { metaKey: true }), false), 'focus-search');
  assert.equal(trellis.shortcutAction(key('k', { ctrlKey: true, shiftKey: true }), false), null);
  assert.equal(trellis.shortcutAction(key('k'), false), null);
  assert.equal(trellis.shortcutAction(null, false), null);
});

test('text fields count as editable', () => {
  assert.equal(trellis.isEditable({ tagName: 'INPUT' }), true);
  assert.equal(trellis.isEditable({ tagName: 'TEXTAREA' }), true);
  assert.equal(trellis.isEditable({ tagName: 'DIV', isContentEditable: true }), true);
  assert.equal(trellis.isEditable({ tagName: 'A' }), false);
  assert.equal(trellis.isEditable(null), false);
});

test('a preview of a whole note stops at the first heading after some text', () => {
  assert.deepEqual(previews.previewRange(['h1', 'p', 'ul', 'h2', 'p'], 0, 8, false), [0, 3]);
  assert.deepEqual(previews.previewRange(['p', 'p', 'h2', 'p'], 0, 8, false), [0, 2]);
  assert.deepEqual(previews.previewRange(['h2', 'h3', 'p', 'h2'], 0, 8, false), [0, 3]);
});

test('a preview of a section runs to the next heading of the same or a higher level', () => {
  const tags = ['h1', 'p', 'h2', 'p', 'h3', 'p', 'h2', 'p'];
  assert.deepEqual(previews.previewRange(tags, 2, 8, true), [2, 6]);
  assert.deepEqual(previews.previewRange(tags, 4, 8, true), [4, 6]);
});

test('a preview of a block is that block; every preview is capped', () => {
  assert.deepEqual(previews.previewRange(['p', 'p', 'p'], 1, 8, true), [1, 2]);
  assert.deepEqual(previews.previewRange(new Array(50).fill('p'), 0, 8, false), [0, 8]);
});
