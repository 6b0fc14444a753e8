/* Trellis — typesets the page's math with KaTeX, in the browser.
 *
 * Loaded only on pages with math, after _trellis/katex/katex.min.js. The Markdown pass writes
 * each formula as its TeX source between \( \) (inline, <span class="math math-inline">) or
 * \[ \] (display, <div class="math math-display">), so a reader without JavaScript reads the
 * source; this puts KaTeX's rendering in its place. A formula KaTeX cannot parse keeps its
 * source, shown in the error style (`.math-error`) with KaTeX's message as its title.
 * `texOf` and `typeset` are pure enough to test in Node (Tests/js/math.test.js). */
(function (root) {
  'use strict';

  /** The TeX in a .math element's text, without the delimiters the Markdown pass put around it. */
  function texOf(text, display) {
    var open = display ? '\\[' : '\\(';
    var close = display ? '\\]' : '\\)';
    if (text.length >= 4 && text.slice(0, 2) === open && text.slice(-2) === close) return text.slice(2, -2);
    return text;
  }

  /** What KaTeX is asked to do. `trust` stays off: a vault is untrusted, and \href, \url or
   * \htmlClass in its math must not make links or markup. `strict: 'ignore'`: KaTeX would
   * otherwise warn in the console about every Unicode letter in a formula, as notes have. */
  function options(display) {
    return { displayMode: display, throwOnError: false, trust: false, strict: 'ignore', output: 'htmlAndMathml' };
  }

  /** Typesets every .math element under `container` not typeset yet; returns how many failed. */
  function typeset(container, katex) {
    var elements = container.querySelectorAll('.math');
    var failed = 0;
    for (var i = 0; i < elements.length; i++) {
      var element = elements[i];
      if (element.getAttribute('data-typeset')) continue;
      var display = element.classList.contains('math-display');
      var source = element.textContent;
      var tex = texOf(source, display);
      var html;
      try {
        html = katex.renderToString(tex, options(display));
      } catch (error) {
        // Parse errors come back as .katex-error HTML (throwOnError is off); anything thrown is
        // worse (too deep, too large): the source stays, marked.
        element.classList.add('math-error');
        element.setAttribute('title', String((error && error.message) || error));
        failed++;
        continue;
      }
      element.innerHTML = html;
      element.setAttribute('data-typeset', 'true');
      if (html.indexOf('katex-error') >= 0) {
        element.classList.add('math-error');
        failed++;
      }
    }
    return failed;
  }

  var api = { texOf: texOf, options: options, typeset: typeset };
  if (typeof module !== 'undefined' && module.exports) module.exports = api;
  if (root && root.document) {
    root.TrellisMath = api;
    var run = function () {
      if (root.katex) typeset(root.document, root.katex);  // no KaTeX: the source stays
    };
    if (root.document.readyState === 'loading') root.document.addEventListener('DOMContentLoaded', run);
    else run();
  }
})(typeof window !== 'undefined' ? window : null);
