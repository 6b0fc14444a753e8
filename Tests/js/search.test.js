// Tests of Theme/assets/search.js: its tokenizer against the cases the Swift tokenizer is tested
// with, and its ranking against `trellis search` on an index the Swift side built.
//
// The comparison needs a trellis binary with the search command that writes the index format this
// search.js reads: $TRELLIS, else the newest such of .build/debug, .build/release, .build-search/debug
// and .build-search/release. Without one it is skipped.
//
// TRELLIS_SEARCH_SITE=DIR (a built site) also measures the gzip bytes a one-word query downloads
// until its first result, and checks the limit of 100 KB.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const zlib = require('node:zlib');
const { execFileSync, spawnSync } = require('node:child_process');

const repo = path.resolve(__dirname, '..', '..');
const search = require(path.join(repo, 'Theme/assets/search.js'));
const cases = JSON.parse(fs.readFileSync(path.join(repo, 'Tests/Fixtures/search/tokenizer-cases.json'), 'utf8'));
const vault = path.join(repo, 'Tests/Fixtures/search/vault');
const STOP_WORDS = new Set(['a', 'an', 'and', 'are', 'as', 'at', 'be', 'but', 'by', 'for', 'if', 'in', 'into', 'is',
  'it', 'no', 'not', 'of', 'on', 'or', 'such', 'that', 'the', 'their', 'then', 'there', 'these', 'they', 'this', 'to',
  'was', 'will', 'with']);

test('fold: case, diacritics, compatibility forms', () => {
  for (const [text, expected] of cases.fold) assert.equal(search.fold(text), expected, text);
});

test('tokens: words, numbers, CJK bigrams, stop words', () => {
  for (const [text, mode, expected] of cases.tokens) assert.deepEqual(search.tokens(text, mode, STOP_WORDS), expected, text);
});

test('stems only cut endings', () => {
  for (const [word, expected] of cases.stems) {
    assert.equal(search.stem(word), expected, word);
    assert.ok(word.startsWith(expected));
  }
});

test('queries: tags, words, stop words, repeats', () => {
  for (const [query, expected] of cases.queries) {
    assert.deepEqual(search.parseQuery(query, STOP_WORDS).map((t) => t.text), expected, query);
  }
});

test('match weights: exact, stem, prefix', () => {
  const [cache] = search.parseQuery('cache', STOP_WORDS);
  assert.equal(search.matchWeight(cache, 'cache'), 4);
  assert.equal(search.matchWeight(cache, 'caching'), 3);
  assert.equal(search.matchWeight(cache, 'cached'), 3);
  assert.equal(search.matchWeight(cache, 'cachelines'), 2);
  assert.equal(search.matchWeight(cache, 'cash'), 0);
  const [db] = search.parseQuery('db', STOP_WORDS);
  assert.equal(search.matchWeight(db, 'dbs'), 0); // too short to match by prefix
  const [tag] = search.parseQuery('#net', STOP_WORDS);
  assert.equal(search.matchWeight(tag, '#networking'), 2);
  assert.equal(search.matchWeight(tag, 'networking'), 0);
});

test('numbers decode', () => {
  assert.deepEqual(search.decodeNumbers('#'), [0]);
  assert.deepEqual(search.decodeNumbers(''), []);
  assert.throws(() => search.decodeNumbers('\\'));
});

test('highlighting marks the words a query meets, and nothing is HTML', () => {
  const terms = search.parseQuery('cache <b>', STOP_WORDS);
  const pieces = search.highlightPieces('Caching <b>cachés</b> & cash', terms);
  assert.deepEqual(pieces, [['Caching', true], [' <', false], ['b', true], ['>', false], ['cachés', true],
    ['</', false], ['b', true], ['> & cash', false]]);
  const cjk = search.highlightPieces('東京都は日本の首都です', search.parseQuery('首都', STOP_WORDS));
  assert.deepEqual(cjk, [['東京都は日本の', false], ['首都', true], ['です', false]]);
});

/** An engine reading index files from a site folder, as the browser would through <script>. */
function engineFor(site) {
  const loaded = [];
  const engine = search.createEngine(async (key) => {
    const file = path.join(site, '_trellis/search', key + '.js');
    const code = fs.readFileSync(file, 'utf8');
    loaded.push({ key, bytes: Buffer.byteLength(code) });
    let payload;
    new Function('TrellisSearch', code)({ load: (name, data) => { if (name === key) payload = data; } });
    if (payload === undefined) throw new Error(key + ' did not register');
    return payload;
  });
  return { engine, loaded };
}

function findTrellis() {
  const candidates = process.env.TRELLIS
    ? [process.env.TRELLIS]
    : ['.build/debug/trellis', '.build/release/trellis', '.build-search/debug/trellis', '.build-search/release/trellis']
        .map((p) => path.join(repo, p))
        .filter((p) => fs.existsSync(p))
        .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs);
  return candidates.find((binary) => {
    const site = fs.mkdtempSync(path.join(os.tmpdir(), 'trellis-search-probe-'));
    try {
      const probe = spawnSync(binary, ['search', 'x', vault, '--write-index', site], { encoding: 'utf8' });
      if (probe.status !== 0) return false;
      const meta = fs.readFileSync(path.join(site, '_trellis/search/meta.js'), 'utf8');
      return meta.startsWith(`TrellisSearch.load("meta",{"version":${search.FORMAT_VERSION},`);
    } catch {
      return false;
    } finally {
      fs.rmSync(site, { recursive: true, force: true });
    }
  });
}

const QUERIES = [
  'caching', 'cache', 'caches', 'invalidation', 'invalid', 'cache invalidation', 'followers lag', 'replication',
  'replica', 'cafe', 'CAFÉ', 'crème brûlée', 'ærøskøbing', '東京', '東京都', '都', '電車', '首都', '#networking',
  '#net', '#storage', '#日本', 'networking', '404', 'ipv6', 'v2.1', 'stripes', 'zebra', 'balance', 'running', 'run',
  'queue', 'cache followers', 'lru lfu', 'redis', 'the', '', '!!!', '#', 'secret', 'health checks', 'load',
  // Words in the text of a section, before the first heading, in both; votes between sections.
  'ttl', 'lru', 'heartbeat', 'ballots', 'acceptor', 'byzantine', 'raft', 'crash', 'copy', 'nodes', 'frequently',
  'candidate votes ballots', 'ballots acceptors heartbeat', 'heartbeat ballots', 'crash heartbeat',
  '#distributed heartbeat', 'paxos', 'zymurgy', 'zugzwang', 'zymurgy zugzwang', 'entry',
];

/** Query → [url, heading] of the first result: the section a body hit links to. */
const SECTIONS = [
  ['ttl', 'caching.html#cache-invalidation', 'Cache invalidation'],
  ['heartbeat', 'consensus.html#elections', 'Elections'],
  ['byzantine', 'consensus.html#%C3%A4rger-co', 'Ärger & Co.'],
  ['crash', 'consensus.html', null],
  ['cache', 'caching.html', null],
  ['candidate votes ballots', 'consensus.html#elections', 'Elections'],
  ['zugzwang', 'glossary.html#entry-98', 'Entry'], // section 99: an escaped section number
];

const trellis = findTrellis();

test('the engine ranks exactly as `trellis search`', { skip: trellis ? false : 'no trellis binary with `search`' }, async () => {
  const site = fs.mkdtempSync(path.join(os.tmpdir(), 'trellis-search-js-'));
  try {
    execFileSync(trellis, ['search', 'x', vault, '--write-index', site], { stdio: 'ignore' });
    const { engine } = engineFor(site);
    for (const query of QUERIES) {
      const expected = JSON.parse(execFileSync(trellis, ['search', '--site', site, '--format', 'json', '--limit', '10', '--', query], { encoding: 'utf8' }));
      const actual = await engine.query(query, 10);
      assert.deepEqual(actual, expected, `query ${JSON.stringify(query)}`);
    }
    const top = await engine.query('invalidation', 1);
    assert.equal(top[0].url, 'caching.html#cache-invalidation');
    for (const [query, url, heading] of SECTIONS) {
      const [first] = await engine.query(query, 1);
      assert.deepEqual([first.url, first.heading], [url, heading], `query ${JSON.stringify(query)}`);
    }
  } finally {
    fs.rmSync(site, { recursive: true, force: true });
  }
});

test('a query loads only the files it needs', { skip: trellis ? false : 'no trellis binary with `search`' }, async () => {
  const site = fs.mkdtempSync(path.join(os.tmpdir(), 'trellis-search-js-'));
  try {
    execFileSync(trellis, ['search', 'x', vault, '--write-index', site], { stdio: 'ignore' });
    const { engine, loaded } = engineFor(site);
    assert.deepEqual(await engine.query('', 10), []);
    assert.deepEqual(loaded.map((f) => f.key), ['meta']);
    await engine.query('replication', 10);
    assert.ok(loaded.every((f) => /^(meta|t\/\d+|d\/\d+)$/.test(f.key)));
    assert.equal(new Set(loaded.map((f) => f.key)).size, loaded.length, 'no file is loaded twice');
  } finally {
    fs.rmSync(site, { recursive: true, force: true });
  }
});

test('an index of another format is refused', async () => {
  for (const version of [search.FORMAT_VERSION - 1, search.FORMAT_VERSION + 1]) {
    const engine = search.createEngine(async () => ({ version, notes: 0, notesPerFile: 20, levels: [], levelRice: 0,
      sectionRice: 0, stopWords: [], shards: [] }));
    await assert.rejects(engine.query('cache', 10), new RegExp('search index format ' + version));
  }
});

const site = process.env.TRELLIS_SEARCH_SITE;
const measuring = { skip: site ? false : 'set TRELLIS_SEARCH_SITE to a built site' };

test('a one-word query downloads at most 100 KB (gzip) until its first result', measuring, async () => {
  const folder = path.join(site, '_trellis/search');
  const read = (key) => {
    let payload;
    const code = fs.readFileSync(path.join(folder, key + '.js'), 'utf8');
    new Function('TrellisSearch', code)({ load: (_, data) => { payload = data; } });
    return payload;
  };
  const gzip = new Map();
  const gzipped = (key) => {
    if (!gzip.has(key)) gzip.set(key, zlib.gzipSync(fs.readFileSync(path.join(folder, key + '.js'))).length);
    return gzip.get(key);
  };
  // About 500 index words of 4+ letters a–z, spread evenly, and their first three letters (prefix queries).
  const terms = read('meta').shards.flatMap((_, i) => search.parseShard(read('t/' + i)).terms)
    .filter((term) => /^[a-z]{4,}$/.test(term));
  const step = Math.max(1, Math.floor(terms.length / 500));
  const words = terms.filter((_, i) => i % step === 0);
  const prefixes = Array.from(new Set(words.map((word) => word.slice(0, 3))));
  const figures = {};
  for (const [kind, queries] of [['words', words], ['3-letter prefixes', prefixes]]) {
    const bytes = [];
    for (const query of queries) {
      const { engine, loaded } = engineFor(site);
      if ((await engine.query(query, 1)).length) bytes.push(loaded.reduce((sum, file) => sum + gzipped(file.key), 0));
    }
    bytes.sort((a, b) => a - b);
    figures[kind] = { queries: bytes.length, median: bytes[bytes.length >> 1], max: bytes[bytes.length - 1] };
    assert.ok(bytes[bytes.length - 1] <= 100_000, `${kind}: ${bytes[bytes.length - 1]} bytes`);
  }
  const total = fs.readdirSync(folder, { recursive: true }).filter((name) => name.endsWith('.js'))
    .reduce((sum, name) => sum + fs.statSync(path.join(folder, name)).size, 0);
  console.log(`index ${total} bytes; gzip bytes until the first result: ${JSON.stringify(figures)}`);
});
