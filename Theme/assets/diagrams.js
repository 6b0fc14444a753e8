/* Trellis — draws ```mermaid fences with Mermaid (version 10 or later), in the browser.
 *
 * Loaded only on pages with a diagram, after _trellis/mermaid.min.js. The Markdown pass writes
 * each fence as
 *   <figure class="diagram" data-diagram="mermaid"><pre><code class="language-mermaid">…</code></pre>
 *   <figcaption class="diagram-note">…</figcaption></figure>
 * which a reader without the script reads as code; this draws the diagram into the figure and
 * hides the code. Diagrams follow the page's light or dark scheme, and are drawn again when it
 * changes. One Mermaid cannot parse keeps its code, and the note says why.
 * The pure parts are tested in Node (Tests/js/diagrams.test.js). */
(function (root) {
  'use strict';

  /** Mermaid's theme for the page's scheme. */
  function mermaidTheme(scheme) {
    return scheme === 'dark' ? 'dark' : 'default';
  }

  /** Mermaid's settings. `securityLevel: 'strict'`: a vault is untrusted, so labels are text,
   * not HTML, and a diagram cannot add click handlers. */
  function settings(scheme) {
    return { startOnLoad: false, securityLevel: 'strict', theme: mermaidTheme(scheme) };
  }

  /** Each drawing gets an id of its own: Mermaid removes any element with the id it is given. */
  var drawings = 0;

  function sourceOf(figure) {
    var code = figure.querySelector('pre code');
    return code ? code.textContent : '';
  }

  /** Draws every diagram figure under `container`, one after another (Mermaid renders one at a
   * time); resolves to how many could not be drawn. */
  function drawAll(container, mermaid, scheme) {
    mermaid.initialize(settings(scheme));
    var figures = container.querySelectorAll('figure.diagram[data-diagram="mermaid"]');
    var failed = 0;
    var chain = Promise.resolve();
    Array.prototype.forEach.call(figures, function (figure) {
      chain = chain.then(function () {
        return draw(figure, mermaid, 'trellis-diagram-' + drawings++).then(function (ok) {
          if (!ok) failed++;
        });
      });
    });
    return chain.then(function () {
      return failed;
    });
  }

  function draw(figure, mermaid, id) {
    return Promise.resolve()
      .then(function () {
        return mermaid.render(id, sourceOf(figure));
      })
      .then(
        function (result) {
          var drawing = figure.querySelector('.diagram-drawing');
          if (!drawing) {
            drawing = figure.ownerDocument.createElement('div');
            drawing.className = 'diagram-drawing';
            figure.insertBefore(drawing, figure.firstChild);
          }
          drawing.innerHTML = result.svg;
          figure.classList.remove('diagram-failed');
          figure.classList.add('diagram-drawn');
          return true;
        },
        function (error) {
          // Mermaid leaves its own error drawing in the body; the code stays instead.
          var leftover = figure.ownerDocument && figure.ownerDocument.getElementById('d' + id);
          if (leftover && leftover.parentNode) leftover.parentNode.removeChild(leftover);
          figure.classList.remove('diagram-drawn');
          figure.classList.add('diagram-failed');
          var note = figure.querySelector('.diagram-note');
          var reason = String((error && (error.message || error.str)) || error).split('\n')[0];
          if (note) note.textContent = 'Mermaid diagram, shown as its source: Mermaid cannot draw it (' + reason + ')';
          return false;
        }
      );
  }

  function currentScheme(window) {
    var theme = window.TrellisTheme;
    var dark = !!(window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches);
    if (theme) return theme.effectiveTheme(window.document.documentElement.dataset.theme, dark);
    return dark ? 'dark' : 'light';
  }

  var api = { mermaidTheme: mermaidTheme, settings: settings, drawAll: drawAll };
  if (typeof module !== 'undefined' && module.exports) module.exports = api;
  if (root && root.document) {
    root.TrellisDiagrams = api;
    var run = function (scheme) {
      if (root.mermaid) drawAll(root.document, root.mermaid, scheme || currentScheme(root));  // no Mermaid: the code stays
    };
    root.document.addEventListener('trellis:themechange', function (event) {
      run(event.detail && event.detail.theme);
    });
    if (root.document.readyState === 'loading') root.document.addEventListener('DOMContentLoaded', function () { run(); });
    else run();
  }
})(typeof window !== 'undefined' ? window : null);
