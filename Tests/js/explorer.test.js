// Tests of the explorer's pure parts in Theme/assets/trellis.js: finding the current page,
// rendering the tree lazily and safely, and remembering open folders.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const trellis = require('../../Theme/assets/trellis.js');

const tree = [
  {
    name: 'Storage', url: 'storage/index.html', children: [
      { name: 'Caching', url: 'storage/caching.html' },
      { name: 'Deep', url: 'storage/deep/index.html', children: [{ name: 'Pages', url: 'storage/deep/pages.html' }] },
    ],
  },
  { name: 'Networking', url: 'networking/index.html', children: [{ name: 'TCP vs UDP', url: 'networking/tcp-vs-udp.html' }] },
  { name: 'Home', url: 'index.html' },
];

const names = (trail) => trail.map((node) => node.name);

test('the trail to a note lists its folders, outermost first, then the note', () => {
  assert.deepEqual(names(trellis.findTrail(tree, 'storage/deep/pages.html')), ['Storage', 'Deep', 'Pages']);
  assert.deepEqual(names(trellis.findTrail(tree, 'storage/caching.html')), ['Storage', 'Caching']);
  assert.deepEqual(names(trellis.findTrail(tree, 'index.html')), ['Home']);
});

test('a folder page is found as the folder itself', () => {
  assert.deepEqual(names(trellis.findTrail(tree, 'storage/deep/index.html')), ['Storage', 'Deep']);
});

test('pages outside the tree, and bad input, give an empty trail', () => {
  assert.deepEqual(trellis.findTrail(tree, 'tags/caching.html'), []);
  assert.deepEqual(trellis.findTrail(tree, ''), []);
  assert.deepEqual(trellis.findTrail(undefined, 'index.html'), []);
  assert.deepEqual(trellis.findTrail([null, { name: 'x' }], 'index.html'), []);
});

test('urls are prefixed with the root of the current page', () => {
  assert.equal(trellis.joinRoot('../', 'storage/caching.html'), '../storage/caching.html');
  assert.equal(trellis.joinRoot('./', 'index.html'), './index.html');
  assert.equal(trellis.joinRoot('../../', '#x'), '#x');
  assert.equal(trellis.joinRoot('../', 'https://example.com/a'), 'https://example.com/a');
});

function render(current, open) {
  return trellis.renderTreeLevel(tree, {
    root: '../',
    current,
    isOpen: (node) => open.includes(trellis.folderKey(node)),
  });
}

test('the current page is marked with aria-current, and only it', () => {
  const html = render('storage/caching.html', ['storage/index.html']);
  assert.match(html, /<a href="\.\.\/storage\/caching\.html" aria-current="page">Caching<\/a>/);
  assert.equal(html.match(/aria-current/g).length, 1);
});

test('closed folders are rendered without their children (filled in when opened)', () => {
  const html = render('index.html', []);
  assert.match(html, /<li class="explorer-folder" data-folder="storage\/index\.html"><div class="explorer-row"><button class="explorer-fold" type="button" aria-expanded="false" aria-label="Storage">/);
  assert.doesNotMatch(html, /Caching/);
  const open = render('index.html', ['storage/index.html']);
  assert.match(open, /data-folder="storage\/index\.html"><div class="explorer-row"><button class="explorer-fold" type="button" aria-expanded="true"/);
  assert.match(open, /Caching/);
  assert.doesNotMatch(open, /Pages/, 'a closed folder inside an open one stays empty');
});

test('a folder links to its own page beside its disclosure button', () => {
  const html = render('storage/index.html', ['storage/index.html']);
  assert.match(html, /<\/button><a href="\.\.\/storage\/index\.html" aria-current="page">Storage<\/a><\/div>/);
});

test('names and urls are escaped', () => {
  const html = trellis.renderTreeLevel([{ name: '<b>"A&B"</b>', url: 'a"b.html' }], { root: './', current: '', isOpen: () => false });
  assert.match(html, /&lt;b&gt;&quot;A&amp;B&quot;&lt;\/b&gt;/);
  assert.match(html, /href="\.\/a&quot;b\.html"/);
  assert.doesNotMatch(html, /<b>/);
});

test('every folder can be found by its key for lazy rendering', () => {
  const folders = trellis.indexFolders(tree);
  assert.deepEqual([...folders.keys()].sort(), ['networking/index.html', 'storage/deep/index.html', 'storage/index.html']);
  assert.equal(folders.get('storage/deep/index.html').children[0].name, 'Pages');
});

test('remembered folders: bad storage reads as none, the list stays bounded and unique', () => {
  assert.deepEqual(trellis.parseOpenFolders('not json'), []);
  assert.deepEqual(trellis.parseOpenFolders('{"a":1}'), []);
  assert.deepEqual(trellis.parseOpenFolders('["a", 3, "b"]'), ['a', 'b']);
  assert.deepEqual(trellis.parseOpenFolders(null), []);
  let list = [];
  list = trellis.updateOpenFolders(list, 'a', true);
  list = trellis.updateOpenFolders(list, 'b', true);
  list = trellis.updateOpenFolders(list, 'a', true);
  assert.deepEqual(list, ['b', 'a']);
  assert.deepEqual(trellis.updateOpenFolders(list, 'b', false), ['a']);
  for (let i = 0; i < 500; i++) list = trellis.updateOpenFolders(list, 'f' + i, true);
  assert.equal(list.length, 200);
  assert.equal(list[199], 'f499');
});
