// Tests of Theme/assets/math.js: what it asks KaTeX, and what a formula that fails looks like.
// The last tests use the real KaTeX where libjs-katex is installed (`make deps` installs it).
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const { texOf, typeset } = require('../../Theme/assets/math.js');

const KATEX = '/usr/share/javascript/katex/katex.min.js';
const realKaTeX = fs.existsSync(KATEX) ? require(KATEX) : null;

/** A .math element as the Markdown pass writes it: TeX between \( \) or \[ \]. */
function mathElement(tex, display) {
  const classes = new Set(['math', display ? 'math-display' : 'math-inline']);
  const attributes = new Map();
  return {
    textContent: display ? `\\[${tex}\\]` : `\\(${tex}\\)`,
    innerHTML: null,
    classList: { contains: (c) => classes.has(c), add: (c) => classes.add(c) },
    classes,
    getAttribute: (name) => (attributes.has(name) ? attributes.get(name) : null),
    setAttribute: (name, value) => attributes.set(name, String(value)),
  };
}

function page(...elements) {
  return { querySelectorAll: (selector) => (selector === '.math' ? elements : []) };
}

test('the delimiters the Markdown pass writes are taken off, and only those', () => {
  assert.equal(texOf('\\(x^2\\)', false), 'x^2');
  assert.equal(texOf('\\[\\sum_i a_i\\]', true), '\\sum_i a_i');
  assert.equal(texOf('\\[x\\]', false), '\\[x\\]');
  assert.equal(texOf('x', false), 'x');
  assert.equal(texOf('\\(\\)', false), '');
});

test('each formula is rendered once, display math in display mode, never throwing on bad TeX', () => {
  const calls = [];
  const katex = { renderToString: (tex, options) => (calls.push([tex, options]), `<span class="katex">${tex}</span>`) };
  const inline = mathElement('a+b', false);
  const display = mathElement('\\int_0^1 f', true);
  assert.equal(typeset(page(inline, display), katex), 0);
  assert.deepEqual(calls.map(([tex, o]) => [tex, o.displayMode, o.throwOnError, o.trust]), [
    ['a+b', false, false, false],
    ['\\int_0^1 f', true, false, false],
  ]);
  assert.equal(inline.innerHTML, '<span class="katex">a+b</span>');
  assert.equal(display.getAttribute('data-typeset'), 'true');
  typeset(page(inline, display), katex);
  assert.equal(calls.length, 2, 'typeset twice');
});

test('a formula KaTeX reports as an error is marked, and counted', () => {
  const katex = { renderToString: (tex) => `<span class="katex-error" title="ParseError">${tex}</span>` };
  const element = mathElement('\\frac{1}{', false);
  assert.equal(typeset(page(element), katex), 1);
  assert.ok(element.classes.has('math-error'));
});

test('when KaTeX throws, the source stays, marked, with the message as its title', () => {
  const katex = { renderToString: () => { throw new Error('Too many expansions'); } };
  const element = mathElement('\\def\\x{\\x}\\x', true);
  assert.equal(typeset(page(element), katex), 1);
  assert.equal(element.textContent, '\\[\\def\\x{\\x}\\x\\]');
  assert.equal(element.innerHTML, null);
  assert.ok(element.classes.has('math-error'));
  assert.equal(element.getAttribute('title'), 'Too many expansions');
  assert.equal(element.getAttribute('data-typeset'), null);
});

test('real KaTeX: a formula is typeset, a broken one shows its source in the error style', { skip: !realKaTeX && 'libjs-katex is not installed' }, () => {
  const good = mathElement('\\begin{vmatrix}a & b\\\\ c & d \\end{vmatrix}=ad-bc', true);
  const bad = mathElement('\\frac{1}{', false);
  assert.equal(typeset(page(good, bad), realKaTeX), 1);
  assert.match(good.innerHTML, /class="katex-display"/);
  assert.match(good.innerHTML, /<math/, 'MathML for screen readers');
  assert.ok(!good.classes.has('math-error'));
  assert.match(bad.innerHTML, /class="katex-error"[^>]*>\\frac\{1\}\{</);
  assert.ok(bad.classes.has('math-error'));
});

test('real KaTeX: math from an untrusted vault makes no link and no markup', { skip: !realKaTeX && 'libjs-katex is not installed' }, () => {
  const element = mathElement('\\href{javascript:alert(1)}{x} \\htmlClass{evil}{y} <b>z</b>', false);
  typeset(page(element), realKaTeX);
  assert.ok(!/<a\b/.test(element.innerHTML), element.innerHTML);
  assert.ok(!/href=/.test(element.innerHTML), 'the URL stays text (in the TeX annotation)');
  assert.ok(!/class="evil"/.test(element.innerHTML));
  assert.ok(!/<b>/.test(element.innerHTML));
});
