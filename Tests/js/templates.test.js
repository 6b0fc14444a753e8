// Static checks on Theme/templates: the ids and variables the rest of Trellis relies on are kept,
// every internal href/src is relative (the site must work from file:// and under a sub-path),
// and the whole-vault graph data is only loaded by the graph page.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const folder = path.join(__dirname, '../../Theme/templates');
const templates = Object.fromEntries(
  fs.readdirSync(folder).filter((f) => f.endsWith('.mustache')).map((f) => [f.replace('.mustache', ''), fs.readFileSync(path.join(folder, f), 'utf8')])
);
const all = Object.values(templates).join('\n');

test('the required templates exist', () => {
  for (const name of ['base', 'note', 'list', '404', 'graph']) assert.ok(templates[name], name);
});

test('the ids other code relies on are present', () => {
  for (const id of ['search-input', 'search-results', 'content', 'explorer', 'explorer-toggle', 'theme-toggle']) {
    assert.match(templates.base, new RegExp(`id="${id}"`), id);
  }
  assert.match(templates.note, /id="local-graph"/);
  assert.match(templates.note, /id="local-graph-data"/);
  assert.match(templates.graph, /id="global-graph"/);
  assert.match(templates.note, />Backlinks</);
});

test('no href or src starts with "/"', () => {
  for (const [name, text] of Object.entries(templates)) {
    for (const match of text.matchAll(/\b(href|src)="([^"]*)"/g)) {
      assert.ok(!match[2].startsWith('/'), `${name}: ${match[0]}`);
      const external = /^(https?:|#|data:)/.test(match[2]) || match[2] === '{{canonical}}';
      const relative = match[2].startsWith('{{root}}') || /^\{\{\{?url\}?\}\}$/.test(match[2]) || match[2].startsWith('#');
      assert.ok(external || relative, `${name}: ${match[0]} is neither {{root}}-prefixed nor a given url`);
    }
  }
});

test('the head names Trellis as generator: hover previews show only pages that do', () => {
  const head = templates.base.slice(0, templates.base.indexOf('</head>'));
  assert.match(head, /<meta name="generator" content="Trellis">/);
});

test('graph.js (the whole vault) is loaded by the graph page only', () => {
  for (const [name, text] of Object.entries(templates)) {
    const loads = /_trellis\/graph\.js/.test(text);
    assert.equal(loads, name === 'graph', name);
  }
});

test('the scripts every page needs are loaded, theme.js in the head', () => {
  const head = templates.base.slice(0, templates.base.indexOf('</head>'));
  assert.match(head, /\{\{root\}\}_trellis\/theme\.js/);
  assert.match(head, /\{\{root\}\}_trellis\/style\.css/);
  assert.match(templates.base, /\{\{root\}\}_trellis\/explorer\.js/);
  assert.match(templates.base, /\{\{root\}\}_trellis\/trellis\.js/);
});

test('the context variables of the brief are all used', () => {
  const names = ['siteTitle', 'pageTitle', 'title', 'root', 'url', 'description', 'ogType', 'canonical', 'content',
    'showTitle', 'breadcrumbs', 'hasBreadcrumbs', 'tags', 'date', 'hasMeta', 'toc', 'hasToc', 'backlinks',
    'hasBacklinks', 'tree', 'previous', 'next', 'hasPager', 'localGraph', 'intro', 'folders', 'hasFolders', 'items',
    'hasItems', 'path'];
  for (const name of names) assert.match(all, new RegExp(`\\{\\{[{#^/]?${name}\\}`), name);
});

test('KaTeX and Mermaid are loaded only inside the sections for pages with math or a diagram', () => {
  const outside = (text, section) => text.replace(new RegExp(`\\{\\{#${section}\\}\\}[\\s\\S]*?\\{\\{/${section}\\}\\}`, 'g'), '');
  for (const [name, text] of Object.entries(templates)) {
    assert.ok(!/katex|math\.js/.test(outside(text, 'math')), `${name} loads KaTeX on every page`);
    assert.ok(!/mermaid|diagrams\.js/.test(outside(text, 'diagrams')), `${name} loads Mermaid on every page`);
  }
  assert.match(templates.base, /\{\{#math\}\}[\s\S]*katex\.min\.css[\s\S]*\{\{\/math\}\}/);
  assert.match(templates.base, /\{\{#math\}\}[\s\S]*katex\.min\.js[\s\S]*math\.js[\s\S]*\{\{\/math\}\}/);
  assert.match(templates.base, /\{\{#diagrams\}\}[\s\S]*mermaid\.min\.js[\s\S]*diagrams\.js[\s\S]*\{\{\/diagrams\}\}/);
});
