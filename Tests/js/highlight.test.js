'use strict';
const test = require('node:test');
const assert = require('node:assert');
const { highlight, languageOf } = require('../../Theme/assets/highlight.js');

test('keywords, strings, numbers and comments get their classes', () => {
  const html = highlight('def f(x):\n    return "a" + 42  # done', 'python');
  assert.match(html, /<span class="tok-keyword">def<\/span>/);
  assert.match(html, /<span class="tok-keyword">return<\/span>/);
  assert.match(html, /<span class="tok-string">&quot;a&quot;<\/span>/);
  assert.match(html, /<span class="tok-number">42<\/span>/);
  assert.match(html, /<span class="tok-comment"># done<\/span>/);
});

test('every character is escaped; the text is unchanged', () => {
  const code = 'if (a < b && c > "<script>") { /* x */ }';
  const html = highlight(code, 'js');
  assert.ok(!html.includes('<script>'));
  const text = html.replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
  assert.strictEqual(text, code);
});

test('unknown languages stay plain, aliases map', () => {
  assert.strictEqual(highlight('x < y', 'klingon'), 'x &lt; y');
  assert.strictEqual(languageOf('JavaScript'), 'js');
  assert.strictEqual(languageOf('sh'), 'bash');
});

test('SQL keywords are case-insensitive; a URL in a string is not a comment', () => {
  assert.match(highlight('SELECT * FROM t', 'sql'), /<span class="tok-keyword">SELECT<\/span>/);
  assert.match(highlight('s := "http://x"', 'go'), /<span class="tok-string">&quot;http:\/\/x&quot;<\/span>/);
});
