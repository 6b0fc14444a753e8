// Hover previews must never run a linked file's script: only the site's note pages are fetched
// (never an attachment, even one named .html), and what is shown of them is made inert first.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const trellis = require('../../Theme/assets/previews.js');
const { FakeElement, h } = require('./fixtures/fake-dom.js');

const ROOT = 'http://127.0.0.1:8000/notes/';
const PAGE = ROOT + 'topics/inject.html';
const TREE = [
  { name: 'Home', url: 'index.html' },
  {
    name: 'Topics', url: 'topics/index.html', children: [
      { name: 'Inject', url: 'topics/inject.html' },
      { name: 'Café', url: 'topics/caf%C3%A9.html' },
    ],
  },
];
const notes = trellis.notePageKeys(TREE, ROOT);
const target = (href) => {
  const url = trellis.previewTarget(href, PAGE, notes);
  return url && url.href;
};

test('links to the notes of the tree preview, with their fragment', () => {
  assert.equal(target('../index.html'), ROOT + 'index.html');
  assert.equal(target('inject.html#a-heading'), ROOT + 'topics/inject.html#a-heading');
  assert.equal(target('café.html'), ROOT + 'topics/caf%C3%A9.html');
});

test('attachments never preview, even one named .html, nor do folder pages', () => {
  for (const href of ['evil.txt', '../evil.txt', 'evil.html', '../media/evil.html', '../media/chart.png', 'index.html']) {
    assert.equal(target(href), null, href);
  }
});

test('other sites, other schemes and bad urls never preview', () => {
  for (const href of ['http://example.com/notes/index.html', 'javascript:alert(1)//.html', 'data:text/html,x.html',
    'http://[bad', '//127.0.0.1:9000/notes/index.html']) {
    assert.equal(target(href), null, href);
  }
});

test('without the explorer tree nothing previews', () => {
  assert.equal(trellis.previewTarget('../index.html', PAGE, trellis.notePageKeys(undefined, ROOT)), null);
  assert.equal(trellis.previewTarget('../index.html', PAGE, null), null);
});

const BASE = new URL(ROOT + 'topics/hostile.html');

function hostileBody() {
  return h('div', {}, [
    h('p', { id: 'intro', class: 'lead', onclick: 'alert(1)', style: 'position:fixed' }, [
      'Text ', h('img', { src: 'x', ONERROR: 'alert(2)', alt: 'x' }, []),
      h('a', { class: 'internal', href: 'other.html#part', onmouseover: 'alert(3)' }, ['a link']),
      h('a', { href: ' java\tscript:alert(4)' }, ['js']),
      h('a', { href: 'mailto:me@example.com', target: '_blank' }, ['mail']),
    ]),
    h('script', {}, ['alert(5)']),
    h('iframe', { srcdoc: '<script>alert(6)</script>' }, []),
    h('object', { data: 'javascript:alert(7)' }, []),
    h('embed', { src: 'javascript:alert(8)' }, []),
    h('style', {}, ['body { display: none }']),
    h('form', { action: 'https://evil.example/' }, [h('button', { formaction: 'javascript:alert(9)' }, ['go'])]),
    h('svg', { onload: 'alert(10)' }, [h('a', { href: 'javascript:alert(11)' }, ['svg'])]),
    h('details', { ontoggle: 'alert(12)', open: '' }, [h('summary', {}, ['more'])]),
    h('ul', {}, [h('li', {}, [h('input', { type: 'image', src: 'x', onfocus: 'alert(13)', autofocus: '' }, [])])]),
    h('p', {}, [
      h('img', { src: 'data:image/png;base64,iVBORw0KGgo=' }, []),
      h('img', { src: 'data:text/html,<script>alert(14)</script>', srcset: 'javascript:alert(15)' }, []),
      h('video', { src: 'clip.mp4', poster: 'javascript:alert(16)', controls: '' }, []),
    ]),
  ]);
}

test('a hostile note body keeps no handler, script, frame, form, svg or unsafe url', () => {
  const root = hostileBody();
  trellis.sanitizePreview(root, BASE);
  const elements = root.descendants();
  const tags = elements.map((e) => e.localName);
  assert.deepEqual(tags, ['p', 'img', 'a', 'a', 'a', 'details', 'summary', 'ul', 'li', 'input', 'p', 'img', 'img', 'video']);
  for (const element of elements) {
    for (const { name, value } of element.attributes) {
      assert.doesNotMatch(name, /^(on|style$|srcdoc$|srcset$|formaction$|action$|poster$|target$|autofocus$|id$)/i, `${element.localName} ${name}`);
      if (name === 'href' || name === 'src') assert.match(value, /^(https?:|mailto:|data:image\/png)/, `${element.localName} ${name}=${value}`);
    }
  }
  assert.equal(root.textContent.includes('alert'), false, 'no script text survives');
});

test('kept urls are made absolute against the previewed page; links leave the tab order', () => {
  const root = hostileBody();
  trellis.sanitizePreview(root, BASE);
  const [, img, internal, js, mail] = root.descendants();
  assert.equal(img.getAttribute('src'), ROOT + 'topics/x');
  assert.equal(internal.getAttribute('href'), ROOT + 'topics/other.html#part');
  assert.equal(internal.getAttribute('class'), 'internal');
  assert.equal(internal.getAttribute('tabindex'), '-1');
  assert.equal(js.getAttribute('href'), null);
  assert.equal(mail.getAttribute('href'), 'mailto:me@example.com');
  const input = root.descendants().find((e) => e.localName === 'input');
  assert.equal(input.getAttribute('type'), 'checkbox');
  assert.equal(input.getAttribute('disabled'), '');
});

/**
 * Runs trellis.js and previews.js as a page at PAGE would, with a fake document and a recording fetch, and
 * returns a function that hovers a link with the given href and the urls fetched so far.
 */
function bootPage() {
  const listeners = {};
  const fetched = [];
  const body = h('body', { 'data-root': '../', 'data-page': 'topics/inject.html' }, []);
  const document = {
    readyState: 'complete',
    body,
    documentElement: { dataset: {} },
    addEventListener: (type, listener) => (listeners[type] = listeners[type] || []).push(listener),
    createElement: (tag) => new FakeElement(tag),
    getElementById: () => null,
    querySelector: () => null,
    querySelectorAll: () => [],
  };
  const window = {
    document, URL, Map, Set, console, navigator: {},
    location: { protocol: 'http:', href: PAGE },
    TRELLIS_TREE: TREE,
    DOMParser: function DOMParser() {},
    fetch: (url) => {
      fetched.push(url);
      return new Promise(() => {});
    },
    setTimeout: (run) => {
      run();
      return 1;
    },
    clearTimeout: () => {},
    addEventListener: () => {},
  };
  window.window = window;
  const context = vm.createContext(window);
  for (const name of ['trellis.js', 'previews.js']) {
    const source = fs.readFileSync(path.join(__dirname, '../../Theme/assets', name), 'utf8');
    vm.runInContext(source, context, { filename: name });
  }
  return {
    fetched,
    hover(href) {
      const link = { getAttribute: (name) => (name === 'href' ? href : null), closest: (s) => (s === '.popover' ? null : link) };
      for (const listener of listeners.pointerover || []) listener({ pointerType: 'mouse', target: link });
    },
  };
}

test('hovering a link to an attachment fetches nothing; a link to a note fetches its page', () => {
  const page = bootPage();
  page.hover('../evil.txt');
  page.hover('evil.html');
  page.hover('../media/chart.png');
  assert.deepEqual(page.fetched, []);
  page.hover('../index.html#start');
  assert.deepEqual(page.fetched, [ROOT + 'index.html']);
});
