// Tests of Theme/assets/diagrams.js with a stand-in for Mermaid: which theme it asks for, that
// diagrams are drawn one at a time, and what a diagram Mermaid cannot parse looks like.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { mermaidTheme, settings, drawAll } = require('../../Theme/assets/diagrams.js');

/** The page's element lookups, enough for a diagram figure as the Markdown pass writes it. */
function fakeDocument() {
  const byId = new Map();
  return {
    byId,
    createElement: (tag) => ({ tag, className: '', innerHTML: '' }),
    getElementById: (id) => byId.get(id) || null,
  };
}

function figure(document, source) {
  const classes = new Set(['diagram']);
  const children = [];
  const note = { textContent: 'Mermaid diagram, shown as its source' };
  const code = { textContent: source };
  return {
    ownerDocument: document,
    children,
    note,
    classes,
    classList: { add: (c) => classes.add(c), remove: (c) => classes.delete(c) },
    querySelector(selector) {
      if (selector === 'pre code') return code;
      if (selector === '.diagram-note') return note;
      if (selector === '.diagram-drawing') return children.find((c) => c.className === 'diagram-drawing') || null;
      return null;
    },
    get firstChild() { return children[0] || null; },
    insertBefore(child) { children.unshift(child); },
  };
}

function page(figures) {
  return { querySelectorAll: (selector) => (selector === 'figure.diagram[data-diagram="mermaid"]' ? figures : []) };
}

/** Mermaid's API as version 10 and later have it: render(id, text) → Promise<{ svg }>. */
function fakeMermaid(document, { failOn } = {}) {
  const log = [];
  let busy = false;
  return {
    log,
    initialize: (config) => log.push(['initialize', config.theme, config.securityLevel]),
    render(id, text) {
      assert.ok(!busy, 'two diagrams drawn at once');
      busy = true;
      log.push(['render', text]);
      return new Promise((resolve, reject) => setTimeout(() => {
        busy = false;
        if (text === failOn) {
          document.byId.set('d' + id, { parentNode: { removeChild: () => document.byId.delete('d' + id) } });
          reject(new Error('Parse error on line 1:\nExpecting something'));
        } else {
          resolve({ svg: `<svg id="${id}">${text}</svg>` });
        }
      }, 1));
    },
  };
}

test('the scheme picks Mermaid\'s theme; labels are never HTML', () => {
  assert.equal(mermaidTheme('dark'), 'dark');
  assert.equal(mermaidTheme('light'), 'default');
  assert.equal(mermaidTheme(undefined), 'default');
  assert.equal(settings('dark').securityLevel, 'strict');
  assert.equal(settings('dark').startOnLoad, false);
});

test('every diagram is drawn, one after another, and its code hidden', async () => {
  const document = fakeDocument();
  const figures = [figure(document, 'graph TD; A-->B'), figure(document, 'graph LR; C-->D')];
  const mermaid = fakeMermaid(document);
  assert.equal(await drawAll(page(figures), mermaid, 'light'), 0);
  assert.deepEqual(mermaid.log, [
    ['initialize', 'default', 'strict'],
    ['render', 'graph TD; A-->B'],
    ['render', 'graph LR; C-->D'],
  ]);
  for (const f of figures) {
    assert.ok(f.classes.has('diagram-drawn'));
    assert.match(f.children[0].innerHTML, /^<svg/);
  }
});

test('a new scheme draws the diagrams again in place', async () => {
  const document = fakeDocument();
  const one = figure(document, 'graph TD; A-->B');
  const mermaid = fakeMermaid(document);
  await drawAll(page([one]), mermaid, 'light');
  const firstId = /id="([^"]+)"/.exec(one.children[0].innerHTML)[1];
  await drawAll(page([one]), mermaid, 'dark');
  assert.deepEqual(mermaid.log[2], ['initialize', 'dark', 'strict']);
  assert.equal(one.children.length, 1, 'one drawing, replaced');
  assert.notEqual(/id="([^"]+)"/.exec(one.children[0].innerHTML)[1], firstId, 'ids are not reused');
});

test('a diagram Mermaid cannot parse keeps its code, and the note says why', async () => {
  const document = fakeDocument();
  const bad = figure(document, 'graph TD; A-->');
  const good = figure(document, 'graph TD; A-->B');
  assert.equal(await drawAll(page([bad, good]), fakeMermaid(document, { failOn: 'graph TD; A-->' }), 'light'), 1);
  assert.ok(bad.classes.has('diagram-failed') && !bad.classes.has('diagram-drawn'));
  assert.equal(bad.children.length, 0);
  assert.match(bad.note.textContent, /shown as its source: Mermaid cannot draw it \(Parse error on line 1:\)/);
  assert.equal(document.byId.size, 0, 'Mermaid\'s own error drawing is removed');
  assert.ok(good.classes.has('diagram-drawn'), 'the next diagram is still drawn');
});
