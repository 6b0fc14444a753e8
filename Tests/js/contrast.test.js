// Colour checks on Theme/assets/style.css: text colours pass WCAG AA (4.5:1) in the light and
// dark schemes, focus outlines and graph nodes reach 3:1, and the two copies of the dark scheme
// (explicit choice and system setting) are identical.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const css = fs.readFileSync(path.join(__dirname, '../../Theme/assets/style.css'), 'utf8');

/** The custom properties declared in the first rule whose selector is exactly `selector`. */
function variables(selector) {
  const start = css.indexOf(selector + ' {');
  assert.ok(start >= 0, `no rule ${selector}`);
  const body = css.slice(start + selector.length + 2, css.indexOf('}', start));
  const vars = {};
  for (const match of body.matchAll(/--([\w-]+):\s*([^;]+);/g)) vars[match[1]] = match[2].trim();
  return vars;
}

const light = variables(':root');
const dark = variables(':root[data-theme="dark"]');
const systemDark = variables('  :root:not([data-theme="light"])');

function rgb(value) {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(value);
  if (hex) {
    const h = hex[1].length === 3 ? hex[1].replace(/./g, '$&$&') : hex[1];
    return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16));
  }
  const triple = /^(\d+),\s*(\d+),\s*(\d+)$/.exec(value);
  if (triple) return triple.slice(1).map(Number);
  throw new Error('not a colour: ' + value);
}

function luminance([r, g, b]) {
  const channel = (c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

function contrast(a, b) {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** `colour` at `alpha` over `background`, as a callout's tinted background is. */
function over(colour, alpha, background) {
  return colour.map((c, i) => Math.round(c * alpha + background[i] * (1 - alpha)));
}

const TEXT_PAIRS = [
  ['text', 'bg'], ['text', 'bg-soft'], ['text', 'surface'],
  ['text-muted', 'bg'], ['text-muted', 'bg-soft'], ['text-muted', 'surface'],
  ['link', 'bg'], ['link', 'bg-soft'], ['link-hover', 'bg'],
  ['accent', 'accent-soft'], // tags, current explorer entry
  ['text', 'accent-soft'], // selected search result
  ['danger', 'bg'], // dangling links
  ['mark-text', 'mark-bg'],
  ['bg', 'accent'], // skip link
  ['tok-keyword', 'bg-soft'], ['tok-string', 'bg-soft'], ['tok-number', 'bg-soft'], ['tok-comment', 'bg-soft'], // code
];

const PALETTE = ['c-blue', 'c-green', 'c-orange', 'c-red', 'c-purple', 'c-gray', 'c-teal', 'c-yellow'];

for (const [name, scheme] of [['light', light], ['dark', dark]]) {
  test(`${name}: text colours pass WCAG AA`, () => {
    for (const [fg, bg] of TEXT_PAIRS) {
      const ratio = contrast(rgb(scheme[fg]), rgb(scheme[bg]));
      assert.ok(ratio >= 4.5, `${fg} on ${bg}: ${ratio.toFixed(2)}`);
    }
  });

  test(`${name}: callout titles pass AA on their tinted background`, () => {
    const tint = Number(scheme['callout-tint']);
    for (const colour of PALETTE) {
      const background = over(rgb(scheme[colour]), tint, rgb(scheme.bg));
      const ratio = contrast(rgb(scheme[colour]), background);
      assert.ok(ratio >= 4.5, `${colour}: ${ratio.toFixed(2)}`);
    }
  });

  test(`${name}: focus outlines and graph colours reach 3:1 against the page`, () => {
    assert.ok(contrast(rgb(scheme.focus), rgb(scheme.bg)) >= 3);
    for (const colour of PALETTE) {
      const ratio = contrast(rgb(scheme[colour]), rgb(scheme['bg-soft']));
      assert.ok(ratio >= 3, `${colour} on bg-soft: ${ratio.toFixed(2)}`);
    }
  });
}

test('the dark scheme is declared identically for the toggle and for the system setting', () => {
  assert.deepEqual(systemDark, dark);
  assert.ok(Object.keys(dark).length > 20);
});

test('the dark scheme overrides every colour of the light one', () => {
  const colourNames = Object.keys(light).filter((k) => !/^(font|measure|header|explorer|sidebar|radius|graph-\d)/.test(k));
  for (const name of colourNames) assert.ok(name in dark, `--${name} has no dark value`);
});
