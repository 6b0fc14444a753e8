// Tests of Theme/assets/search.js: its tokenizer against the cases the Swift tokenizer is tested
// with, and its ranking against `trellis search` on an index the Swift side built.
//
// The comparison needs a trellis binary with the search command: $TRELLIS, else the newest of
// .build/debug, .build/release and .build-search/debug. Without one it is skipped.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
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
    : ['.build/debug/trellis', '.build/release/trellis', '.build-search/debug/trellis']
        .map((p) => path.join(repo, p))
        .filter((p) => fs.existsSync(p))
        .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs);
  return candidates.find((binary) => {
    const probe = spawnSync(binary, ['search', 'x', vault, '--format', 'json'], { encoding: 'utf8' });
    return probe.status === 0 && probe.stdout.trimStart().startsWith('[');
  });
}

const QUERIES = [
  'caching', 'cache', 'caches', 'invalidation', 'invalid', 'cache invalidation', 'followers lag', 'replication',
  'replica', 'cafe', 'CAFÉ', 'crème brûlée', 'ærøskøbing', '東京', '東京都', '都', '電車', '首都', '#networking',
  '#net', '#storage', '#日本', 'networking', '404', 'ipv6', 'v2.1', 'stripes', 'zebra', 'balance', 'running', 'run',
  'queue', 'cache followers', 'lru lfu', 'redis', 'the', '', '!!!', '#', 'secret', 'health checks', 'load',
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
