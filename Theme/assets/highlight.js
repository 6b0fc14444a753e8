/* Trellis — syntax colouring for fenced code blocks, in the browser, with no dependency.
 *
 * cmark gives each fenced block `<pre><code class="language-x">`. This script colours comments,
 * strings, numbers and keywords of common languages; any other language stays plain. The
 * tokenizer is a pure function (`highlight(code, language)` → HTML), tested in Node. */
(function (root) {
  'use strict';

  var C_LIKE = 'break case catch class const continue default do else enum export extends false final finally for func function go if implements import in instanceof interface let new nil null package private protected public return self static struct super switch this throw throws true try type typeof var void while yield async await';
  var KEYWORDS = {
    js: C_LIKE + ' undefined of',
    ts: C_LIKE + ' undefined of readonly namespace declare as',
    java: C_LIKE + ' boolean int long double float char byte short synchronized',
    c: 'auto break case char const continue default do double else enum extern float for goto if int long register return short signed sizeof static struct switch typedef union unsigned void volatile while NULL true false',
    go: 'break case chan const continue default defer else fallthrough for func go goto if import interface map package range return select struct switch type var nil true false',
    swift: 'actor as associatedtype async await break case catch class continue default defer do else enum extension fallthrough false fileprivate for func guard if import in init inout internal is let nil open private protocol public repeat return self Self static struct subscript super switch throw throws true try var where while',
    rust: 'as async await break const continue crate else enum extern false fn for if impl in let loop match mod move mut pub ref return self Self static struct super trait true type unsafe use where while',
    python: 'and as assert async await break class continue def del elif else except False finally for from global if import in is lambda None nonlocal not or pass raise return True try while with yield',
    sql: 'select from where join left right inner outer on group by order having insert into values update set delete create table index primary key foreign references not null and or as limit offset distinct union all case when then else end begin commit rollback',
    bash: 'if then else elif fi for while do done case esac in function return local export echo exit set'
  };
  var ALIASES = { javascript: 'js', typescript: 'ts', py: 'python', sh: 'bash', shell: 'bash', zsh: 'bash', cpp: 'c', 'c++': 'c', h: 'c', kotlin: 'java', kt: 'java', rs: 'rust', golang: 'go', protobuf: 'c', proto: 'c' };
  var HASH_COMMENTS = { python: true, bash: true, yaml: true, toml: true, ruby: true };

  function escapeHTML(text) {
    return text.replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }

  function languageOf(name) {
    var lower = String(name || '').toLowerCase();
    return ALIASES[lower] || lower;
  }

  /** Colours `code` as `language`; returns HTML, with every character of the code escaped. */
  function highlight(code, language) {
    var lang = languageOf(language);
    var words = KEYWORDS[lang];
    var json = lang === 'json';
    if (!words && !json && lang !== 'yaml' && lang !== 'toml') return escapeHTML(code);
    var keywordSet = {};
    (words || 'true false null').split(' ').forEach(function (w) { keywordSet[lang === 'sql' ? w.toLowerCase() : w] = true; });
    var comment = HASH_COMMENTS[lang] ? '#[^\\n]*' : lang === 'sql' ? '--[^\\n]*|\\/\\*[\\s\\S]*?\\*\\/' : json ? '(?!)' : '\\/\\/[^\\n]*|\\/\\*[\\s\\S]*?\\*\\/';
    var pattern = new RegExp('(' + comment + ')|("(?:[^"\\\\\\n]|\\\\.)*"|\'(?:[^\'\\\\\\n]|\\\\.)*\'|`(?:[^`\\\\]|\\\\.)*`)|(\\b\\d[\\d_]*(?:\\.\\d+)?(?:[eE][+-]?\\d+)?\\b|\\b0x[0-9a-fA-F]+\\b)|([A-Za-z_][A-Za-z0-9_]*)', 'g');
    var out = '';
    var last = 0;
    var match;
    while ((match = pattern.exec(code)) !== null) {
      if (match[0] === '') { pattern.lastIndex++; continue; }
      out += escapeHTML(code.slice(last, match.index));
      var text = escapeHTML(match[0]);
      if (match[1]) out += '<span class="tok-comment">' + text + '</span>';
      else if (match[2]) out += '<span class="tok-string">' + text + '</span>';
      else if (match[3]) out += '<span class="tok-number">' + text + '</span>';
      else if (keywordSet[lang === 'sql' ? match[4].toLowerCase() : match[4]]) out += '<span class="tok-keyword">' + text + '</span>';
      else out += text;
      last = match.index + match[0].length;
    }
    return out + escapeHTML(code.slice(last));
  }

  function colourPage(document) {
    var blocks = document.querySelectorAll('pre > code[class*="language-"]');
    for (var i = 0; i < blocks.length; i++) {
      var block = blocks[i];
      var found = /language-([^\s]+)/.exec(block.className);
      if (!found || block.getAttribute('data-highlighted')) continue;
      block.innerHTML = highlight(block.textContent, found[1]);
      block.setAttribute('data-highlighted', 'true');
    }
  }

  var api = { highlight: highlight, languageOf: languageOf };
  if (typeof module !== 'undefined' && module.exports) module.exports = api;
  if (root && root.document) {
    root.TrellisHighlight = api;
    if (root.document.readyState === 'loading') root.document.addEventListener('DOMContentLoaded', function () { colourPage(root.document); });
    else colourPage(root.document);
  }
})(typeof window !== 'undefined' ? window : null);
