/*
 * Trellis search: the search box in the header, and the engine behind it.
 *
 * The index is built by `trellis build` into _trellis/search/ (format 2, described in the README):
 * meta.js, term shards t/N.js and display records d/N.js. Every file is a script that calls
 * TrellisSearch.load(key, data), so it loads with a <script> element from file:// as well as over
 * HTTP; a query loads only the shards its words fall in and the records of the results it shows.
 *
 * The tokenizer and the ranking mirror Sources/TrellisCore/Search/ exactly, so `trellis search`
 * gives the same results; Tests/js/search.test.js checks it. The pure parts are exported for Node.
 *
 * window.TrellisSearch.query(q, limit) → Promise of [{id, title, url, heading, score, snippet}].
 */
(function () {
  'use strict';

  var FORMAT_VERSION = 2;
  var MAX_TERM_LENGTH = 40;
  var MINIMUM_PREFIX = 3;
  var MATCH_EXACT = 4;
  var MATCH_STEM = 3;
  var MATCH_PREFIX = 2;
  var DEBOUNCE_MS = 100;
  var RESULT_LIMIT = 10;

  /* ------------------------------------------------------------------------------------------
   * Tokenizer (SearchTokenizer.swift)
   * ---------------------------------------------------------------------------------------- */

  var DIACRITICS = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g;
  var WORD = /[\p{L}\p{N}\p{M}]+/gu;
  var WORD_CHAR = /^[\p{L}\p{N}\p{M}]$/u;
  var ASCII = /^[\x00-\x7f]*$/;

  /** NFKD, combining diacritics removed, lower case, final sigma as sigma, NFC. */
  function fold(text) {
    if (ASCII.test(text)) return text.toLowerCase();
    return text.normalize('NFKD').replace(DIACRITICS, '').toLowerCase().replace(/\u03c2/g, '\u03c3').normalize('NFC');
  }

  function isCJK(cp) {
    return (
      (cp >= 0x1100 && cp <= 0x11ff) || (cp >= 0x2e80 && cp <= 0x2fdf) || (cp >= 0x3005 && cp <= 0x3007) ||
      (cp >= 0x3040 && cp <= 0x30ff) || (cp >= 0x3100 && cp <= 0x31bf) || (cp >= 0x31f0 && cp <= 0x31ff) ||
      (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0xa960 && cp <= 0xa97f) ||
      (cp >= 0xac00 && cp <= 0xd7ff) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0x20000 && cp <= 0x3134f)
    );
  }

  function isWordChar(ch) {
    return WORD_CHAR.test(ch);
  }

  /** Terms of `text`; mode 'index' also keeps the last character of each CJK run alone. */
  function tokens(text, mode, stopWords) {
    var out = [];
    var folded = fold(text);
    var match;
    WORD.lastIndex = 0;
    while ((match = WORD.exec(folded)) !== null) {
      var run = [];
      var runIsCJK = false;
      var flush = function () {
        if (!run.length) return;
        if (runIsCJK) {
          if (run.length === 1) {
            out.push(run[0]);
          } else {
            for (var i = 0; i + 1 < run.length; i++) out.push(run[i] + run[i + 1]);
            if (mode === 'index') out.push(run[run.length - 1]);
          }
        } else {
          var word = run.join('');
          if (word.length <= MAX_TERM_LENGTH && !stopWords.has(word)) out.push(word);
        }
        run = [];
      };
      for (var ch of match[0]) {
        var cjk = isCJK(ch.codePointAt(0));
        if (cjk !== runIsCJK) flush();
        runIsCJK = cjk;
        run.push(ch);
      }
      flush();
    }
    return out;
  }

  var SUFFIXES = [
    ['ings', true], ['ing', true], ['ies', false], ['ied', false], ['ed', true], ['es', false], ['s', false],
    ['e', false], ['y', false],
  ];

  /** Length of the stem of a word of letters a–z (a prefix of it), or -1 when it has none. */
  function stemLength(word) {
    var count = word.length;
    if (count < 4 || !/^[a-z]+$/.test(word)) return -1;
    for (var i = 0; i < SUFFIXES.length; i++) {
      var suffix = SUFFIXES[i][0];
      if (!word.endsWith(suffix)) continue;
      var length = count - suffix.length;
      if (length < 3 || !/[aeiouy]/.test(word.slice(0, length))) continue;
      var last = word[length - 1];
      if (suffix === 's' && (last === 's' || last === 'u' || last === 'i')) continue;
      if ((suffix === 'ed' || suffix === 'es') && last === 'e') continue;
      if (SUFFIXES[i][1] && last === word[length - 2] && 'aeiouylsz'.indexOf(last) < 0) length -= 1;
      return length;
    }
    return -1;
  }

  function stem(word) {
    var length = stemLength(word);
    return length < 0 ? word : word.slice(0, length);
  }

  function isTagPunctuation(ch) {
    return ch === '-' || ch === '_' || ch === '/';
  }

  /** `#` and the folded tag, cut at the first character that is not a word character or - _ /. */
  function tagTerm(tag) {
    var text = '';
    for (var ch of tag.replace(/^#+/, '')) {
      if (!isWordChar(ch) && !isTagPunctuation(ch)) break;
      text += ch;
    }
    if (!text) return null;
    var term = '#' + fold(text);
    return term.length <= MAX_TERM_LENGTH + 1 ? term : null;
  }

  function queryTerm(text, tag) {
    return {
      text: text,
      stem: stem(text),
      prefix: tag || text.length >= MINIMUM_PREFIX || isCJK(text.codePointAt(0)),
      tag: tag,
    };
  }

  /** The terms of a query (SearchQuery.swift): `#tag` terms, then words; repeats once. */
  function parseQuery(query, stopWords) {
    var scalars = Array.from(query);
    var rest = '';
    var tags = [];
    var index = 0;
    while (index < scalars.length) {
      var afterWord = index > 0 && isWordChar(scalars[index - 1]);
      if (scalars[index] === '#' && !afterWord) {
        var end = index + 1;
        while (end < scalars.length && (isWordChar(scalars[end]) || isTagPunctuation(scalars[end]))) end++;
        if (end > index + 1) {
          var tag = tagTerm(scalars.slice(index, end).join(''));
          if (tag) tags.push(tag);
        }
        rest += ' ';
        index = end;
        continue;
      }
      rest += scalars[index];
      index++;
    }
    var terms = [];
    var seen = new Set();
    var all = tags.map(function (t) { return queryTerm(t, true); }).concat(
      tokens(rest, 'query', stopWords).map(function (w) { return queryTerm(w, false); }));
    all.forEach(function (term) {
      if (seen.has(term.text)) return;
      seen.add(term.text);
      terms.push(term);
    });
    return terms;
  }

  /** How a query term meets an index term: 4 same word, 3 same stem, 2 prefix, 0 not at all. */
  function matchWeight(term, candidate) {
    if (candidate === term.text) return MATCH_EXACT;
    if (candidate === term.stem) return MATCH_STEM;
    var length = stemLength(candidate);
    if (length >= 0 && length === term.stem.length && candidate.startsWith(term.stem)) return MATCH_STEM;
    if (term.prefix && candidate.startsWith(term.text)) return MATCH_PREFIX;
    return 0;
  }

  /** Every index term the term can meet starts with this; without prefix only the term itself can. */
  function termRange(term) {
    return term.prefix ? term.stem : term.text;
  }

  /* ------------------------------------------------------------------------------------------
   * Decoding (SearchFormat.swift, SearchIndex.swift)
   * ---------------------------------------------------------------------------------------- */

  var ALPHABET = '';
  for (var code = 0x23; code <= 0x7e; code++) {
    if (code !== 0x26 && code !== 0x3c && code !== 0x3e && code !== 0x5c) ALPHABET += String.fromCharCode(code);
  }
  var BASE = 44;
  var DIGITS = new Int8Array(128).fill(-1);
  for (var d = 0; d < ALPHABET.length; d++) DIGITS[ALPHABET.charCodeAt(d)] = d;

  /** A cursor over a string of numbers: next() reads one, or throws on damage. */
  function Reader(text, position) {
    this.text = text;
    this.position = position || 0;
  }
  Reader.prototype.next = function () {
    var number = 0;
    var scale = 1;
    while (this.position < this.text.length) {
      var unit = this.text.charCodeAt(this.position++);
      var value = unit < 128 ? DIGITS[unit] : -1;
      if (value < 0) break;
      if (value < BASE) return number + value * scale;
      number += (value - BASE) * scale;
      scale *= BASE;
    }
    throw new Error('the search index is damaged');
  };

  function decodeNumbers(text) {
    var reader = new Reader(text);
    var numbers = [];
    while (reader.position < text.length) numbers.push(reader.next());
    return numbers;
  }

  /** Bits, six to a character (the first 64 of the alphabet), most significant first. */
  function BitReader(text, start, end) {
    this.text = text;
    this.position = start;
    this.end = end;
    this.bit = 0;
  }
  BitReader.prototype.read = function () {
    if (this.position >= this.end) throw new Error('the search index is damaged');
    var unit = this.text.charCodeAt(this.position);
    var value = unit < 128 ? DIGITS[unit] : -1;
    if (value < 0 || value >= 64) throw new Error('the search index is damaged');
    var result = (value >> (5 - this.bit)) & 1;
    if (++this.bit === 6) {
      this.bit = 0;
      this.position++;
    }
    return result;
  };
  /** Rice code: one-bits for value >> k, a zero-bit, the k low bits. */
  BitReader.prototype.rice = function (k) {
    var value = 0;
    while (this.read() === 1) value++;
    for (var i = 0; i < k; i++) value = value * 2 + this.read();
    return value;
  };

  var LONG_QUOTIENT = 16;
  /**
   * Rice code with an escape (SearchBitWriter.writeEscapedRice): a quotient below LONG_QUOTIENT as
   * rice(k); else LONG_QUOTIENT one-bits, Elias-gamma of quotient − LONG_QUOTIENT + 1 (n one-bits,
   * a zero-bit, the n low bits), then the k low bits.
   */
  BitReader.prototype.escapedRice = function (k) {
    var quotient = 0;
    while (quotient < LONG_QUOTIENT && this.read() === 1) quotient++;
    if (quotient === LONG_QUOTIENT) {
      var length = 0;
      while (this.read() === 1) {
        if (++length >= 32) throw new Error('the search index is damaged');
      }
      var rest = 1;
      for (var j = 0; j < length; j++) rest = rest * 2 + this.read();
      quotient += rest - 1;
    }
    var value = quotient;
    for (var i = 0; i < k; i++) value = value * 2 + this.read();
    return value;
  };

  /** A shard's terms, their idf, and where their postings are in the shard's text. */
  function parseShard(text) {
    var shard = { text: text, terms: [], idf: [], start: [], end: [], count: [], rice: [] };
    var reader = new Reader(text);
    var previous = '';
    while (reader.position < text.length) {
      var shared = reader.next();
      var space = text.indexOf(' ', reader.position);
      if (space < 0 || shared > previous.length) throw new Error('the search index is damaged');
      var term = previous.slice(0, shared) + text.slice(reader.position, space);
      reader.position = space + 1;
      shard.terms.push(term);
      shard.idf.push(reader.next());
      var countAndRice = reader.next();
      shard.count.push(Math.floor(countAndRice / 32));
      shard.rice.push(countAndRice % 32);
      var length = reader.next();
      shard.start.push(reader.position);
      shard.end.push(reader.position + length);
      reader.position += length;
      previous = term;
    }
    return shard;
  }

  function prepareMeta(meta) {
    if (!meta || meta.version !== FORMAT_VERSION) {
      throw new Error('search index format ' + (meta && meta.version) + '; this page reads format ' + FORMAT_VERSION);
    }
    return {
      notes: meta.notes,
      notesPerFile: meta.notesPerFile,
      impacts: meta.levels.map(function (level) { return level[0]; }),
      inTitle: meta.levels.map(function (level) { return level[1] === 1; }),
      levelRice: meta.levelRice,
      sectionRice: meta.sectionRice,
      stopWords: new Set(meta.stopWords),
      shards: meta.shards,
    };
  }

  /** The first index with terms[index] >= wanted (terms sorted by UTF-16 code units). */
  function lowerBound(terms, wanted) {
    var low = 0;
    var high = terms.length;
    while (low < high) {
      var middle = (low + high) >> 1;
      if (terms[middle] < wanted) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /** The shards a term's range falls in: the last starting at or before it, and the next ones it spans. */
  function shardsFor(meta, term) {
    var range = termRange(term);
    if (!meta.shards.length) return [];
    var first = lowerBound(meta.shards, range);
    if (first === meta.shards.length || meta.shards[first] !== range) first = Math.max(0, first - 1);
    var list = [first];
    if (term.prefix) {
      for (var next = first + 1; next < meta.shards.length && meta.shards[next].startsWith(range); next++) list.push(next);
    }
    return list;
  }

  /** A record of a documents file, with the title, URL and heading fragments it leaves out derived. */
  function readRecord(item) {
    var path = item[0];
    var name = stemOfName(path.split('/').pop());
    return {
      path: path,
      title: item[1] === null ? name : item[1],
      url: item[2] === null ? derivedURL(path) || '' : item[2],
      excerpt: item[3],
      headings: item.slice(4).map(function (heading) {
        var fragment = typeof heading === 'string' ? derivedSlug(heading) : null;
        return fragment !== null ? { text: heading, fragment: fragment } : { text: heading[0], fragment: heading[1] };
      }),
    };
  }

  /** SearchFormat.derivedSlug: the slug of an ASCII name, or null. */
  function derivedSlug(name) {
    if (!ASCII.test(name)) return null;
    var slug = '';
    var pendingDash = false;
    for (var i = 0; i < name.length; i++) {
      var ch = name[i];
      if (/[A-Za-z0-9.]/.test(ch)) {
        if (pendingDash && slug) slug += '-';
        pendingDash = false;
        slug += ch.toLowerCase();
      } else if (/[\t\n\v\f\r \-_]/.test(ch)) {
        pendingDash = true;
      }
    }
    slug = slug.replace(/[.-]+$/, '').replace(/^[.-]+/, '');
    return slug ? slug : null;
  }

  function derivedURL(path) {
    var parts = path.split('/').filter(function (part) { return part !== ''; });
    if (!parts.length) return null;
    parts.push(stemOfName(parts.pop()));
    var slugs = parts.map(derivedSlug);
    return slugs.indexOf(null) >= 0 ? null : slugs.join('/') + '.html';
  }

  function stemOfName(name) {
    var dot = name.lastIndexOf('.');
    return dot > 0 ? name.slice(0, dot) : name;
  }

  /* ------------------------------------------------------------------------------------------
   * Ranking (SearchIndex+Query.swift)
   * ---------------------------------------------------------------------------------------- */

  /**
   * Adds one term's scores to `best` (note → {scores: best per query term, pointers: query term,
   * section, query term, section, … of every posting met}) and its title hits to `titleMatch`.
   */
  function scoreTerm(meta, shards, term, termIndex, termCount, best, titleMatch) {
    var range = termRange(term);
    shards.forEach(function (shard) {
      for (var index = lowerBound(shard.terms, range); index < shard.terms.length; index++) {
        var candidate = shard.terms[index];
        if (term.prefix ? !candidate.startsWith(range) : candidate !== range) break;
        var weight = matchWeight(term, candidate);
        if (!weight) continue;
        weight *= shard.idf[index];
        var bits = new BitReader(shard.text, shard.start[index], shard.end[index]);
        var note = -1;
        for (var i = 0; i < shard.count[index]; i++) {
          note += bits.rice(shard.rice[index]) + 1;
          var rank = bits.rice(meta.levelRice);
          if (rank >= meta.impacts.length || note >= meta.notes) throw new Error('the search index is damaged');
          var section = bits.escapedRice(meta.sectionRice);
          var score = weight * meta.impacts[rank];
          if (meta.inTitle[rank]) titleMatch.add(note);
          var hits = best.get(note);
          if (!hits) best.set(note, (hits = { scores: new Array(termCount).fill(0), pointers: [] }));
          if (score > hits.scores[termIndex]) hits.scores[termIndex] = score;
          hits.pointers.push(termIndex, section);
        }
      }
    });
  }

  /** Notes by terms met, score, title match, note number. */
  function rank(best, titleMatch) {
    var ranked = [];
    best.forEach(function (hits, note) {
      ranked.push({
        note: note,
        matched: hits.scores.filter(function (s) { return s > 0; }).length,
        score: hits.scores.reduce(function (a, b) { return a + b; }, 0),
        titleMatch: titleMatch.has(note),
        hits: hits,
      });
    });
    ranked.sort(function (a, b) {
      if (a.matched !== b.matched) return b.matched - a.matched;
      if (a.score !== b.score) return b.score - a.score;
      if (a.titleMatch !== b.titleMatch) return a.titleMatch ? -1 : 1;
      return a.note - b.note;
    });
    return ranked;
  }

  /**
   * The section most of the query's words (not its #tag terms) point at in a note, the earliest of
   * equals: 0, the page, wins a tie with any heading. A word points at the section of each posting
   * of the note it met.
   */
  function targetSection(hits, terms) {
    var words = new Map();
    for (var i = 0; i < hits.pointers.length; i += 2) {
      var term = hits.pointers[i];
      var pointed = hits.pointers[i + 1];
      if (terms[term].tag) continue;
      if (!words.has(pointed)) words.set(pointed, new Set());
      words.get(pointed).add(term);
    }
    var section = 0;
    var most = 0;
    words.forEach(function (set, candidate) {
      if (set.size > most || (set.size === most && candidate < section)) {
        most = set.size;
        section = candidate;
      }
    });
    return section;
  }

  /** The result for a ranked note, linked to its section's heading (the page for 0 or a section it lacks). */
  function makeResult(record, section, score) {
    var target = section >= 1 && section <= record.headings.length ? record.headings[section - 1] : null;
    return {
      id: record.path,
      title: record.title,
      url: record.url + (target ? '#' + target.fragment : ''),
      heading: target ? target.text : null,
      score: score / 1000,
      snippet: record.excerpt,
    };
  }

  /**
   * A search engine over index files. `loadFile(key)` returns a promise of a file's payload
   * (the data it passes to TrellisSearch.load); files are asked for once and then kept.
   */
  function createEngine(loadFile) {
    var files = new Map();
    var shards = new Map();
    var metaPromise = null;

    function file(key) {
      if (!files.has(key)) {
        var promise = Promise.resolve().then(function () { return loadFile(key); });
        files.set(key, promise);
        promise.catch(function () { files.delete(key); }); // try again on the next query
      }
      return files.get(key);
    }

    function meta() {
      if (!metaPromise) {
        metaPromise = file('meta').then(prepareMeta);
        metaPromise.catch(function () { metaPromise = null; });
      }
      return metaPromise;
    }

    function shard(index) {
      if (!shards.has(index)) {
        var promise = file('t/' + index).then(parseShard);
        shards.set(index, promise);
        promise.catch(function () { shards.delete(index); });
      }
      return shards.get(index);
    }

    function query(text, limit) {
      if (limit === undefined) limit = RESULT_LIMIT;
      return meta().then(function (info) {
        var terms = parseQuery(String(text === undefined || text === null ? '' : text), info.stopWords);
        if (!terms.length || !(limit > 0)) return [];
        return Promise.all(terms.map(function (term) {
          return Promise.all(shardsFor(info, term).map(shard));
        })).then(function (loaded) {
          var best = new Map();
          var titleMatch = new Set();
          terms.forEach(function (term, i) { scoreTerm(info, loaded[i], term, i, terms.length, best, titleMatch); });
          var top = rank(best, titleMatch).slice(0, limit);
          var wanted = Array.from(new Set(top.map(function (hit) { return Math.floor(hit.note / info.notesPerFile); })));
          return Promise.all(wanted.map(function (index) { return file('d/' + index); })).then(function (lists) {
            var byFile = new Map();
            wanted.forEach(function (index, i) { byFile.set(index, lists[i]); });
            return top.map(function (hit) {
              var item = byFile.get(Math.floor(hit.note / info.notesPerFile))[hit.note % info.notesPerFile];
              if (!item) throw new Error('the search index is damaged');
              return makeResult(readRecord(item), targetSection(hit.hits, terms), hit.score);
            });
          });
        });
      });
    }

    return { query: query, meta: meta };
  }

  /* ------------------------------------------------------------------------------------------
   * Highlighting: text nodes and <mark> elements, never HTML strings
   * ---------------------------------------------------------------------------------------- */

  /** [text, marked] pieces of `text`, marking the words (and CJK characters) the terms meet. */
  function highlightPieces(text, terms) {
    var pieces = [];
    var last = 0;
    var none = new Set();
    var pattern = /[\p{L}\p{N}\p{M}]+/gu;
    var match;
    function push(piece, marked) {
      if (!piece) return;
      var previous = pieces[pieces.length - 1];
      if (previous && previous[1] === marked) previous[0] += piece;
      else pieces.push([piece, marked]);
    }
    function meets(candidate) {
      return terms.some(function (term) { return !term.tag && matchWeight(term, candidate) > 0; });
    }
    while ((match = pattern.exec(text)) !== null) {
      push(text.slice(last, match.index), false);
      var word = match[0];
      var chars = Array.from(word);
      if (chars.some(function (ch) { return isCJK(ch.codePointAt(0)); })) {
        var marked = chars.map(function () { return false; });
        var folded = chars.map(fold);
        for (var i = 0; i < chars.length; i++) {
          if (i + 1 < chars.length && meets(folded[i] + folded[i + 1])) marked[i] = marked[i + 1] = true;
          if (meets(folded[i])) marked[i] = true;
        }
        chars.forEach(function (ch, j) { push(ch, marked[j]); });
      } else {
        push(word, tokens(word, 'index', none).some(meets));
      }
      last = match.index + word.length;
    }
    push(text.slice(last), false);
    return pieces;
  }

  var api = {
    FORMAT_VERSION: FORMAT_VERSION,
    fold: fold,
    tokens: tokens,
    stem: stem,
    stemLength: stemLength,
    tagTerm: tagTerm,
    parseQuery: parseQuery,
    matchWeight: matchWeight,
    decodeNumbers: decodeNumbers,
    parseShard: parseShard,
    derivedSlug: derivedSlug,
    derivedURL: derivedURL,
    createEngine: createEngine,
    highlightPieces: highlightPieces,
  };

  if (typeof module !== 'undefined' && module.exports) module.exports = api;

  if (typeof window === 'undefined' || typeof document === 'undefined') return;

  /* ------------------------------------------------------------------------------------------
   * In the page: script loading and the search box
   * ---------------------------------------------------------------------------------------- */

  var pending = new Map();

  /** Called by every index file as it runs. */
  api.load = function (key, data) {
    var waiting = pending.get(key);
    if (!waiting) return;
    pending.delete(key);
    waiting.resolve(data);
  };

  function siteRoot() {
    var root = document.body && document.body.dataset.root;
    return root === undefined ? '' : root;
  }

  function loadScript(key) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement('script');
      script.src = siteRoot() + '_trellis/search/' + key + '.js';
      script.async = true;
      pending.set(key, { resolve: resolve, reject: reject });
      script.onload = function () {
        script.remove();
        if (pending.has(key)) {
          pending.delete(key);
          reject(new Error(key + '.js did not register'));
        }
      };
      script.onerror = function () {
        script.remove();
        pending.delete(key);
        reject(new Error('the search index is missing (' + key + '.js); rebuild the site'));
      };
      document.head.appendChild(script);
    });
  }

  var engine = createEngine(loadScript);
  api.query = engine.query;
  window.TrellisSearch = api;

  function appendHighlighted(element, text, terms) {
    highlightPieces(text, terms).forEach(function (piece) {
      if (piece[1]) {
        var mark = document.createElement('mark');
        mark.textContent = piece[0];
        element.appendChild(mark);
      } else {
        element.appendChild(document.createTextNode(piece[0]));
      }
    });
  }

  function initSearchBox() {
    var input = document.getElementById('search-input');
    var box = document.getElementById('search-results');
    if (!input || !box) return;
    var timer = null;
    var sequence = 0;
    var selected = -1;
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-expanded', 'false');

    function items() {
      return box.querySelectorAll('.search-result');
    }

    function select(index) {
      var list = items();
      if (!list.length) return;
      selected = (index + list.length) % list.length;
      list.forEach(function (item, i) { item.setAttribute('aria-selected', i === selected ? 'true' : 'false'); });
      input.setAttribute('aria-activedescendant', list[selected].id);
      list[selected].scrollIntoView({ block: 'nearest' });
    }

    function open() {
      box.hidden = false;
      input.setAttribute('aria-expanded', 'true');
    }

    function close() {
      box.hidden = true;
      selected = -1;
      input.setAttribute('aria-expanded', 'false');
      input.removeAttribute('aria-activedescendant');
    }

    function message(text) {
      box.textContent = '';
      var note = document.createElement('div');
      note.className = 'search-empty';
      note.textContent = text;
      box.appendChild(note);
      selected = -1;
      input.removeAttribute('aria-activedescendant');
      open();
    }

    function show(results, query, stopWords) {
      if (!results.length) return message('No notes match “' + query.trim() + '”.');
      var terms = parseQuery(query, stopWords);
      box.textContent = '';
      results.forEach(function (result, i) {
        var link = document.createElement('a');
        link.className = 'search-result';
        link.id = 'search-result-' + i;
        link.href = siteRoot() + result.url;
        link.setAttribute('role', 'option');
        link.setAttribute('aria-selected', 'false');
        var title = document.createElement('span');
        title.className = 'search-result-title';
        appendHighlighted(title, result.heading ? result.title + ' › ' + result.heading : result.title, terms);
        link.appendChild(title);
        var folder = result.id.split('/').slice(0, -1).join(' › ');
        if (folder) {
          var path = document.createElement('span');
          path.className = 'search-result-path';
          path.textContent = folder;
          link.appendChild(path);
        }
        if (result.snippet) {
          var snippet = document.createElement('span');
          snippet.className = 'search-result-snippet';
          appendHighlighted(snippet, result.snippet, terms);
          link.appendChild(snippet);
        }
        link.addEventListener('mousemove', function () { if (selected !== i) select(i); });
        box.appendChild(link);
      });
      open();
      select(0);
    }

    function run() {
      var query = input.value;
      var mine = ++sequence;
      if (!query.trim()) {
        close();
        return;
      }
      Promise.all([engine.query(query, RESULT_LIMIT), engine.meta()]).then(
        function (done) { if (mine === sequence) show(done[0], query, done[1].stopWords); },
        function (error) { if (mine === sequence) message('Search is unavailable: ' + error.message); }
      );
    }

    input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(run, DEBOUNCE_MS);
    });
    input.addEventListener('focus', function () {
      if (input.value.trim() && box.childElementCount) open();
    });
    input.addEventListener('keydown', function (event) {
      if (event.isComposing) return;
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        if (box.hidden) {
          if (input.value.trim()) run();
        } else {
          select(selected + (event.key === 'ArrowDown' ? 1 : -1));
        }
        event.preventDefault();
      } else if (event.key === 'Enter') {
        var list = items();
        if (box.hidden || !list.length) return;
        event.preventDefault();
        window.location.href = list[Math.max(0, selected)].href;
      } else if (event.key === 'Escape') {
        event.preventDefault();
        if (!box.hidden) close();
        else if (input.value) input.value = '';
        else input.blur();
      }
    });
    document.addEventListener('click', function (event) {
      if (!box.hidden && !box.contains(event.target) && event.target !== input) close();
    });
  }

  // At the end of <body> the box already exists: listen at once, before the rest of the page loads.
  if (document.getElementById('search-input')) initSearchBox();
  else document.addEventListener('DOMContentLoaded', initSearchBox);
})();
