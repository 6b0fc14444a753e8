/*
 * Trellis default theme: the behaviour shared by every page.
 *
 *   - explorer: the folder tree from window.TRELLIS_TREE (explorer.js), rendered lazily
 *   - explorer drawer on small screens, theme toggle, keyboard shortcuts
 *   - table of contents highlighting, heading anchors, copy buttons on code blocks
 *   - local graph of the current note (SVG), from #local-graph-data
 *   - hover previews of links to the site's notes (http(s) only; file:// cannot fetch), sanitised
 *
 * The pure functions at the top run in Node for the tests (Tests/js/) and are exposed as
 * window.Trellis for global-graph.js. Everything touching the DOM checks that the element
 * it needs exists first: a page without a sidebar, or a theme override without a search box,
 * must never produce a console error.
 */
(function () {
  'use strict';

  var EXPLORER_KEY = 'trellis-explorer';
  var MAX_REMEMBERED_FOLDERS = 200;
  var LOCAL_GRAPH_MAX_NODES = 150;
  var LOCAL_GRAPH_SECOND_RING_BELOW = 6; // neighbours of neighbours only for notes with fewer links
  var LOCAL_GRAPH_FONT = 10.5; // px, as in style.css

  /* ------------------------------------------------------------------------------------------
   * Pure helpers
   * ---------------------------------------------------------------------------------------- */

  var HTML_ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

  function escapeHTML(text) {
    return String(text == null ? '' : text).replace(/[&<>"']/g, function (c) {
      return HTML_ESCAPES[c];
    });
  }

  /** A site-root-relative url as seen from the current page, whose root is like "../" or "./". */
  function joinRoot(root, url) {
    if (!url) return root || './';
    if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.charAt(0) === '#') return url;
    return (root || '') + url;
  }

  /** decodeURIComponent that returns the input instead of throwing on a stray "%". */
  function safeDecode(text) {
    try {
      return decodeURIComponent(text);
    } catch (error) {
      return text;
    }
  }

  function isFolder(node) {
    return !!node && Array.isArray(node.children);
  }

  /**
   * The path from the top of the tree to the entry whose url is `page`: the folders to open and,
   * last, the entry itself. Empty when the page is not in the tree (tag pages, the graph...).
   */
  function findTrail(tree, page) {
    if (!Array.isArray(tree) || !page) return [];
    var stack = tree.map(function (node) {
      return { node: node, trail: [node] };
    });
    while (stack.length) {
      var item = stack.pop();
      if (item.node && item.node.url === page) return item.trail;
      if (isFolder(item.node)) {
        for (var i = item.node.children.length - 1; i >= 0; i--) {
          var child = item.node.children[i];
          stack.push({ node: child, trail: item.trail.concat([child]) });
        }
      }
    }
    return [];
  }

  /** The key a folder's open state is remembered under. */
  function folderKey(node) {
    return node.url || node.name || '';
  }

  /** Every folder by its key, so a lazily opened folder can find its children. */
  function indexFolders(tree) {
    var folders = new Map();
    var stack = Array.isArray(tree) ? tree.slice() : [];
    while (stack.length) {
      var node = stack.pop();
      if (!isFolder(node)) continue;
      folders.set(folderKey(node), node);
      for (var i = 0; i < node.children.length; i++) stack.push(node.children[i]);
    }
    return folders;
  }

  /** The remembered open folders; anything unexpected in storage counts as "none". */
  function parseOpenFolders(text) {
    try {
      var value = JSON.parse(text || '[]');
      return Array.isArray(value) ? value.filter(function (v) { return typeof v === 'string'; }) : [];
    } catch (error) {
      return [];
    }
  }

  /** Adds or removes a folder key, most recent last, keeping the list bounded. */
  function updateOpenFolders(list, key, open) {
    var next = list.filter(function (k) { return k !== key; });
    if (open) next.push(key);
    return next.slice(-MAX_REMEMBERED_FOLDERS);
  }

  var CHEVRON =
    '<svg class="icon chevron" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="m9 6 6 6-6 6"/></svg>';

  /**
   * HTML for one level of the explorer. Closed folders get no children yet: they are rendered
   * when first opened, so a 10,000-note vault costs only the visible rows.
   * ctx = { root, current, isOpen(node) }.
   */
  function renderTreeLevel(nodes, ctx) {
    var html = '<ul class="explorer-list">';
    for (var i = 0; i < nodes.length; i++) {
      html += isFolder(nodes[i]) ? renderFolder(nodes[i], ctx) : renderNote(nodes[i], ctx);
    }
    return html + '</ul>';
  }

  function renderLink(node, ctx) {
    var current = node.url && node.url === ctx.current ? ' aria-current="page"' : '';
    if (!node.url) return '<span class="explorer-name">' + escapeHTML(node.name) + '</span>';
    return '<a href="' + escapeHTML(joinRoot(ctx.root, node.url)) + '"' + current + '>' + escapeHTML(node.name) + '</a>';
  }

  function renderNote(node, ctx) {
    return '<li class="explorer-note">' + renderLink(node, ctx) + '</li>';
  }

  /**
   * A folder is a disclosure button (the chevron, aria-expanded) beside a link to the folder's
   * page. Its list of children is only rendered while it is open.
   */
  function renderFolder(node, ctx) {
    var open = !!ctx.isOpen(node);
    return (
      '<li class="explorer-folder" data-folder="' + escapeHTML(folderKey(node)) + '">' +
      '<div class="explorer-row"><button class="explorer-fold" type="button" aria-expanded="' + open + '" aria-label="' +
      escapeHTML(node.name) + '">' + CHEVRON + '</button>' + renderLink(node, ctx) + '</div>' +
      (open ? renderTreeLevel(node.children, ctx) : '') +
      '</li>'
    );
  }

  /** Whether a key press should focus the search box: "/" outside a text field, or Ctrl/⌘-K. */
  function shortcutAction(event, targetIsEditable) {
    if (!event) return null;
    var key = String(event.key || '').toLowerCase();
    if (key === 'k' && (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey) return 'focus-search';
    if (key === '/' && !targetIsEditable && !event.ctrlKey && !event.metaKey && !event.altKey) return 'focus-search';
    return null;
  }

  function isEditable(element) {
    if (!element) return false;
    var tag = (element.tagName || '').toLowerCase();
    return tag === 'input' || tag === 'textarea' || tag === 'select' || !!element.isContentEditable;
  }

  /**
   * Which of a note body's top-level elements a hover preview shows, as [start, end).
   * `tags` are the lower-case tag names of the body's children. A link to a heading shows its
   * section (up to the next heading of the same or a higher level); a link to a block shows that
   * block; a link to the note shows its opening, up to the first heading that follows some text.
   * Never more than `limit` elements.
   */
  function previewRange(tags, start, limit, toAnchor) {
    var max = limit || 8;
    var level = headingLevel(tags[start]);
    if (toAnchor && level === 0) return [start, Math.min(start + 1, tags.length)];
    var end = start + 1;
    var seenText = level === 0;
    while (end < tags.length && end - start < max) {
      var next = headingLevel(tags[end]);
      if (next > 0 && (toAnchor ? next <= level : seenText)) break;
      if (next === 0) seenText = true;
      end++;
    }
    return [start, end];
  }

  function headingLevel(tag) {
    var match = /^h([1-6])$/.exec(tag || '');
    return match ? Number(match[1]) : 0;
  }

  /* ------------------------------------------------------------------------------------------
   * Hover previews: which links may preview, and what of the fetched page may be shown
   * ---------------------------------------------------------------------------------------- */

  /** A page's identity for comparing urls: the same page whatever its fragment or escaping. */
  function pageKey(url) {
    return url.origin + safeDecode(url.pathname);
  }

  /**
   * The keys of the note pages of the explorer tree (`tree` urls are relative to `rootHref`, the
   * site's root as an absolute url). Folders are left out, and the vault's attachments are never
   * in the tree: a file `evil.html` of the vault is copied into the site but is not a note page.
   */
  function notePageKeys(tree, rootHref) {
    var keys = new Set();
    var stack = Array.isArray(tree) ? tree.slice() : [];
    while (stack.length) {
      var node = stack.pop();
      if (isFolder(node)) {
        for (var i = 0; i < node.children.length; i++) stack.push(node.children[i]);
      } else if (node && typeof node.url === 'string' && node.url) {
        try {
          keys.add(pageKey(new URL(node.url, rootHref)));
        } catch (error) {
          /* Not a url: not a page to preview. */
        }
      }
    }
    return keys;
  }

  /**
   * The target of a link (`href` as written, on the page at `pageHref`) when hovering it may
   * preview it, else null: only a note page of this site, by http(s), and never an attachment —
   * a linked file's own HTML must never reach the page.
   */
  function previewTarget(href, pageHref, notePages) {
    var target;
    try {
      target = new URL(href, pageHref);
      if (target.origin !== new URL(pageHref).origin) return null;
    } catch (error) {
      return null;
    }
    if (!/^https?:$/.test(target.protocol) || !/\.html$/i.test(target.pathname)) return null;
    return notePages && notePages.has(pageKey(target)) ? target : null;
  }

  // What a preview keeps of a note: the markup Trellis writes for Markdown. Anything else (script,
  // style, iframe, object, embed, form, svg, template...) goes with its content.
  var PREVIEW_TAGS = new Set((
    'p h1 h2 h3 h4 h5 h6 blockquote pre code hr br em strong b i u s del ins mark kbd sub sup small ' +
    'abbr q cite time a img ul ol li dl dt dd table caption thead tbody tfoot tr th td div span ' +
    'section details summary figure figcaption input audio video'
  ).split(' '));
  // Attributes kept: no `on*` handler, `style`, `srcdoc`, `srcset`, `formaction`, `action`, `id`...
  var PREVIEW_ATTRIBUTES = new Set((
    'class href src alt title width height align start reversed value type checked disabled open ' +
    'controls loading datetime colspan rowspan scope lang dir role aria-label aria-hidden ' +
    'data-callout data-footnote-ref'
  ).split(' '));
  var PREVIEW_URL = /^(https?|mailto):$/;
  var PREVIEW_DATA_IMAGE = /^data:image\/(png|gif|jpeg|webp)[;,]/i; // as Trellis keeps them in notes

  /**
   * Makes a copy of note content inert, in place, before it may join the page: elements outside
   * PREVIEW_TAGS and attributes outside PREVIEW_ATTRIBUTES go; href and src are made absolute
   * against `base` (relative urls would resolve against this page) and kept only when http(s) or
   * mailto (and data: images); inputs stay disabled checkboxes; links and inputs leave the tab order.
   * Works on any DOM-like tree (childNodes, attributes, removeChild...), so Node can test it.
   */
  function sanitizePreview(node, base) {
    var children = Array.prototype.slice.call(node.childNodes || []);
    for (var i = 0; i < children.length; i++) {
      var child = children[i];
      if (child.nodeType === 3) continue; // text
      // Elements of svg and math (the only other namespaces HTML parses) are inside their
      // dropped root: a tag name is enough.
      var tag = child.nodeType === 1 ? String(child.localName || child.tagName || '').toLowerCase() : '';
      if (!PREVIEW_TAGS.has(tag)) {
        node.removeChild(child);
        continue;
      }
      sanitizeAttributes(child, tag, base);
      sanitizePreview(child, base);
    }
  }

  function sanitizeAttributes(element, tag, base) {
    var attributes = Array.prototype.slice.call(element.attributes || []);
    for (var i = 0; i < attributes.length; i++) {
      var name = attributes[i].name;
      var lower = name.toLowerCase();
      var kept = PREVIEW_ATTRIBUTES.has(lower) ? attributes[i].value : null;
      if (kept != null && (lower === 'href' || lower === 'src')) kept = previewURL(kept, base, tag === 'img' && lower === 'src');
      if (kept == null) element.removeAttribute(name);
      else element.setAttribute(name, kept);
    }
    if (tag === 'input') {
      element.setAttribute('type', 'checkbox');
      element.setAttribute('disabled', '');
    }
    if (tag === 'a' || tag === 'input' || tag === 'summary') element.setAttribute('tabindex', '-1');
  }

  /** An absolute http(s) or mailto url for `value` seen from `base`; null for anything else. */
  function previewURL(value, base, isImage) {
    if (isImage && PREVIEW_DATA_IMAGE.test(String(value).trim())) return String(value).trim();
    try {
      var url = new URL(value, base);
      return PREVIEW_URL.test(url.protocol) ? url.href : null;
    } catch (error) {
      return null;
    }
  }

  /* ------------------------------------------------------------------------------------------
   * Force-directed layout (shared by the local graph and global-graph.js)
   * ---------------------------------------------------------------------------------------- */

  var GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));

  /** Deterministic starting points on a sunflower spiral: even density, no randomness. */
  function spiralPositions(count, spacing) {
    var x = new Float64Array(count);
    var y = new Float64Array(count);
    for (var i = 0; i < count; i++) {
      var radius = spacing * Math.sqrt(i + 0.5);
      x[i] = radius * Math.cos(i * GOLDEN_ANGLE);
      y[i] = radius * Math.sin(i * GOLDEN_ANGLE);
    }
    return { x: x, y: y };
  }

  /**
   * A Fruchterman–Reingold layout whose repulsion only looks at nodes in neighbouring grid cells,
   * so one iteration costs about O(nodes + edges) instead of O(nodes²), and whose number of
   * iterations is fixed: the cost is bounded and the result is the same on every run.
   *
   * count: number of nodes; edges: flat array [a0, b0, a1, b1, ...] of node indices.
   * options: { spacing, iterations, gravity, pinned (index kept at 0,0 or -1), x, y (start) }.
   * Returns { x, y, iteration, iterations, step(n) → done }.
   */
  function createForceLayout(count, edges, options) {
    var opts = options || {};
    var k = opts.spacing || 30;
    var iterations = opts.iterations || 200;
    var gravity = opts.gravity == null ? 0.02 : opts.gravity;
    var pinned = opts.pinned == null ? -1 : opts.pinned;
    var start = opts.x && opts.y ? { x: Float64Array.from(opts.x), y: Float64Array.from(opts.y) } : spiralPositions(count, k * 0.9);
    var cell = k * 3;
    var dx = new Float64Array(count);
    var dy = new Float64Array(count);
    var layout = { x: start.x, y: start.y, iteration: 0, iterations: iterations };

    layout.step = function (steps) {
      var until = Math.min(iterations, layout.iteration + (steps || 1));
      for (; layout.iteration < until; layout.iteration++) {
        var temperature = k * 4 * (1 - layout.iteration / iterations) + k * 0.05;
        dx.fill(0);
        dy.fill(0);
        repel(layout.x, layout.y, dx, dy, k, cell);
        attract(layout.x, layout.y, dx, dy, edges, k);
        move(layout.x, layout.y, dx, dy, temperature, gravity, pinned);
      }
      return layout.iteration >= iterations;
    };
    return layout;
  }

  /** Repulsion k²/d between nodes closer than `cell`, found through a grid of that cell size. */
  function repel(x, y, dx, dy, k, cell) {
    var count = x.length;
    var grid = new Map();
    var cx = new Int32Array(count);
    var cy = new Int32Array(count);
    for (var i = 0; i < count; i++) {
      cx[i] = Math.floor(x[i] / cell);
      cy[i] = Math.floor(y[i] / cell);
      var key = cellKey(cx[i], cy[i]);
      var bucket = grid.get(key);
      if (bucket) bucket.push(i);
      else grid.set(key, [i]);
    }
    var k2 = k * k;
    var cutoff2 = cell * cell;
    for (var a = 0; a < count; a++) {
      for (var ox = -1; ox <= 1; ox++) {
        for (var oy = -1; oy <= 1; oy++) {
          var others = grid.get(cellKey(cx[a] + ox, cy[a] + oy));
          if (!others) continue;
          for (var j = 0; j < others.length; j++) {
            var b = others[j];
            if (b <= a) continue;
            var ddx = x[a] - x[b];
            var ddy = y[a] - y[b];
            var d2 = ddx * ddx + ddy * ddy;
            if (d2 > cutoff2) continue;
            if (d2 < 1e-6) {
              // Two nodes on the same spot: push them apart along a direction fixed by their indices.
              ddx = Math.cos(a + b);
              ddy = Math.sin(a + b);
              d2 = 1;
            }
            var f = k2 / d2; // (k²/d) / d: the force along the unit vector
            dx[a] += ddx * f;
            dy[a] += ddy * f;
            dx[b] -= ddx * f;
            dy[b] -= ddy * f;
          }
        }
      }
    }
  }

  function cellKey(ix, iy) {
    return (ix + 32768) * 65536 + (iy + 32768);
  }

  /** Attraction d²/k along every edge. */
  function attract(x, y, dx, dy, edges, k) {
    for (var e = 0; e + 1 < edges.length; e += 2) {
      var a = edges[e];
      var b = edges[e + 1];
      if (a === b) continue;
      var ddx = x[a] - x[b];
      var ddy = y[a] - y[b];
      var d = Math.sqrt(ddx * ddx + ddy * ddy);
      if (d < 1e-6) continue;
      var f = d / k; // (d²/k) / d
      dx[a] -= ddx * f;
      dy[a] -= ddy * f;
      dx[b] += ddx * f;
      dy[b] += ddy * f;
    }
  }

  /** Moves each node along its force, at most `temperature`, with a gentle pull to the centre. */
  function move(x, y, dx, dy, temperature, gravity, pinned) {
    for (var i = 0; i < x.length; i++) {
      if (i === pinned) {
        x[i] = 0;
        y[i] = 0;
        continue;
      }
      var fx = dx[i] - x[i] * gravity;
      var fy = dy[i] - y[i] * gravity;
      var length = Math.sqrt(fx * fx + fy * fy);
      if (length < 1e-9) continue;
      var limited = Math.min(length, temperature) / length;
      x[i] += fx * limited;
      y[i] += fy * limited;
    }
  }

  /** Runs a layout to the end and returns its positions. */
  function forceLayout(count, edges, options) {
    var layout = createForceLayout(count, edges, options);
    layout.step(layout.iterations);
    return { x: layout.x, y: layout.y };
  }

  /** The bounding box of a set of positions (a unit box around 0,0 when empty). */
  function bounds(x, y) {
    if (!x.length) return { minX: -1, minY: -1, maxX: 1, maxY: 1 };
    var box = { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity };
    for (var i = 0; i < x.length; i++) {
      if (x[i] < box.minX) box.minX = x[i];
      if (x[i] > box.maxX) box.maxX = x[i];
      if (y[i] < box.minY) box.minY = y[i];
      if (y[i] > box.maxY) box.maxY = y[i];
    }
    return box;
  }

  /** The scale and offset that fit a box into width × height with a margin, centred. */
  function fitTransform(box, width, height, margin, maxScale) {
    var w = Math.max(box.maxX - box.minX, 1e-6);
    var h = Math.max(box.maxY - box.minY, 1e-6);
    var scale = Math.min((width - 2 * margin) / w, (height - 2 * margin) / h);
    scale = Math.max(1e-4, Math.min(scale, maxScale || 2));
    return {
      scale: scale,
      x: width / 2 - ((box.minX + box.maxX) / 2) * scale,
      y: height / 2 - ((box.minY + box.maxY) / 2) * scale,
    };
  }

  /**
   * The local graph's layout: the note in the middle, its neighbours on a ring, their
   * neighbours on a wider ring, then relaxed by the force layout with the middle pinned.
   * data = { nodes: [{ id, depth }], edges: [{ source, target }] } (already capped).
   */
  function localLayout(data, spacing) {
    var k = spacing || 40;
    var nodes = data.nodes;
    var index = new Map();
    nodes.forEach(function (node, i) { index.set(node.id, i); });
    var edges = [];
    (data.edges || []).forEach(function (edge) {
      var a = index.get(edge.source);
      var b = index.get(edge.target);
      if (a !== undefined && b !== undefined && a !== b) edges.push(a, b);
    });
    var start = ringPositions(nodes, k);
    var centre = nodes.findIndex(function (node) { return node.depth === 0; });
    var layout = forceLayout(nodes.length, edges, {
      spacing: k, iterations: 150, gravity: 0.06, pinned: centre, x: start.x, y: start.y,
    });
    return { x: layout.x, y: layout.y, edges: edges };
  }

  function ringPositions(nodes, k) {
    var x = new Float64Array(nodes.length);
    var y = new Float64Array(nodes.length);
    var rings = [[], [], []];
    nodes.forEach(function (node, i) { rings[Math.min(Math.max(node.depth | 0, 0), 2)].push(i); });
    rings.forEach(function (ring, depth) {
      var radius = depth * k * 1.6;
      ring.forEach(function (i, n) {
        var angle = (n / ring.length) * 2 * Math.PI + depth * 0.4;
        x[i] = radius * Math.cos(angle);
        y[i] = radius * Math.sin(angle);
      });
    });
    return { x: x, y: y };
  }

  /**
   * The nodes the local graph shows: the note and its neighbours, plus their neighbours only when
   * the note has few (a second ring around a well-linked note is a hairball), at most `max`.
   */
  function capLocalGraph(data, max) {
    var nodes = (data && Array.isArray(data.nodes) ? data.nodes : []).slice();
    nodes.sort(function (a, b) { return (a.depth | 0) - (b.depth | 0); });
    var near = nodes.filter(function (node) { return (node.depth | 0) <= 1; }).length;
    if (near > LOCAL_GRAPH_SECOND_RING_BELOW) nodes = nodes.slice(0, near);
    nodes = nodes.slice(0, max || LOCAL_GRAPH_MAX_NODES);
    var kept = new Set(nodes.map(function (node) { return node.id; }));
    var edges = (data && Array.isArray(data.edges) ? data.edges : []).filter(function (edge) {
      return kept.has(edge.source) && kept.has(edge.target);
    });
    return { nodes: nodes, edges: edges };
  }

  /**
   * Which labels to show so that none overlap: a greedy pass, highest priority first (ties keep
   * their order). Each label is { x, y (baseline centre), text, priority }; widths are estimated
   * from the font size, and labels that would stick out of [0, width] are skipped.
   * Returns the Set of the indices shown.
   */
  function chooseLabels(labels, fontSize, width) {
    var order = labels.map(function (_, i) { return i; });
    order.sort(function (a, b) { return labels[b].priority - labels[a].priority || a - b; });
    var boxes = [];
    var shown = new Set();
    order.forEach(function (i) {
      var label = labels[i];
      var half = (label.text.length * fontSize * 0.56) / 2 + 2;
      var box = { left: label.x - half, right: label.x + half, top: label.y - fontSize, bottom: label.y + 3 };
      if (box.left < 0 || (width && box.right > width)) return;
      for (var b = 0; b < boxes.length; b++) {
        var o = boxes[b];
        if (box.left < o.right && box.right > o.left && box.top < o.bottom && box.bottom > o.top) return;
      }
      boxes.push(box);
      shown.add(i);
    });
    return shown;
  }

  var api = {
    chooseLabels: chooseLabels,
    escapeHTML: escapeHTML,
    joinRoot: joinRoot,
    findTrail: findTrail,
    indexFolders: indexFolders,
    folderKey: folderKey,
    parseOpenFolders: parseOpenFolders,
    updateOpenFolders: updateOpenFolders,
    renderTreeLevel: renderTreeLevel,
    shortcutAction: shortcutAction,
    isEditable: isEditable,
    previewRange: previewRange,
    notePageKeys: notePageKeys,
    previewTarget: previewTarget,
    sanitizePreview: sanitizePreview,
    spiralPositions: spiralPositions,
    createForceLayout: createForceLayout,
    forceLayout: forceLayout,
    bounds: bounds,
    fitTransform: fitTransform,
    localLayout: localLayout,
    capLocalGraph: capLocalGraph,
  };

  if (typeof module !== 'undefined' && module.exports) module.exports = api;
  if (typeof window === 'undefined' || typeof document === 'undefined') return;
  window.Trellis = api;

  /* ------------------------------------------------------------------------------------------
   * Browser helpers
   * ---------------------------------------------------------------------------------------- */

  var SVG_NS = 'http://www.w3.org/2000/svg';

  function storage() {
    try {
      return window.localStorage;
    } catch (error) {
      return null;
    }
  }

  function readStored(key) {
    try {
      var store = storage();
      return store ? store.getItem(key) : null;
    } catch (error) {
      return null;
    }
  }

  function writeStored(key, value) {
    try {
      var store = storage();
      if (store) store.setItem(key, value);
    } catch (error) {
      /* Not remembered: fine. */
    }
  }

  function siteRoot() {
    return document.body.getAttribute('data-root') || './';
  }

  function currentPage() {
    return document.body.getAttribute('data-page') || '';
  }

  function svg(tag, attributes) {
    var element = document.createElementNS(SVG_NS, tag);
    for (var name in attributes) element.setAttribute(name, attributes[name]);
    return element;
  }

  /** Runs each feature on its own, so one failing feature cannot take the others down. */
  function start(features) {
    features.forEach(function (feature) {
      try {
        feature();
      } catch (error) {
        // A theme bug must not break reading; keep the page quiet but leave a trace for authors.
        if (window.console && console.warn) console.warn('trellis: ' + (feature.name || 'feature') + ' failed', error);
      }
    });
  }

  /* ------------------------------------------------------------------------------------------
   * Explorer
   * ---------------------------------------------------------------------------------------- */

  function initExplorer() {
    var explorer = document.getElementById('explorer');
    var tree = window.TRELLIS_TREE;
    if (!explorer || !Array.isArray(tree)) return;

    var page = currentPage();
    var trail = findTrail(tree, page);
    var trailKeys = new Set(trail.filter(isFolder).map(folderKey));
    var remembered = parseOpenFolders(readStored(EXPLORER_KEY));
    var rememberedSet = new Set(remembered);
    var ctx = {
      root: siteRoot(),
      current: page,
      isOpen: function (node) {
        var key = folderKey(node);
        return trailKeys.has(key) || rememberedSet.has(key);
      },
    };

    explorer.innerHTML =
      '<div class="explorer-head"><h2 class="sidebar-title" id="explorer-title">Notes</h2>' +
      '<button class="icon-button explorer-collapse" type="button" aria-label="Collapse all folders" title="Collapse all folders">' +
      '<svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="m7 20 5-5 5 5M7 4l5 5 5-5"/></svg></button>' +
      '<button class="icon-button explorer-close" type="button" aria-label="Close the list of notes" title="Close">' +
      '<svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M6 6l12 12M18 6 6 18"/></svg></button></div>' +
      renderTreeLevel(tree, ctx);

    var folders = indexFolders(tree);
    function setOpen(item, open) {
      var key = item.getAttribute('data-folder');
      var list = item.querySelector(':scope > ul');
      item.querySelector(':scope > .explorer-row > .explorer-fold').setAttribute('aria-expanded', String(open));
      if (list) list.hidden = !open;
      else if (open && folders.has(key)) item.insertAdjacentHTML('beforeend', renderTreeLevel(folders.get(key).children, ctx));
      remembered = updateOpenFolders(remembered, key, open);
      rememberedSet = new Set(remembered);
    }

    explorer.addEventListener('click', function (event) {
      var button = event.target.closest('.explorer-fold, .explorer-collapse');
      if (!button) return;
      if (button.classList.contains('explorer-collapse')) {
        explorer.querySelectorAll('.explorer-fold[aria-expanded="true"]').forEach(function (fold) {
          setOpen(fold.closest('.explorer-folder'), false);
        });
      } else {
        setOpen(button.closest('.explorer-folder'), button.getAttribute('aria-expanded') !== 'true');
      }
      writeStored(EXPLORER_KEY, JSON.stringify(remembered));
    });
    scrollIntoExplorer(explorer, explorer.querySelector('[aria-current="page"]'));
  }

  /** Scrolls the explorer (not the page) so the current entry is visible. */
  function scrollIntoExplorer(explorer, item) {
    if (!item || explorer.scrollHeight <= explorer.clientHeight) return;
    var offset = item.getBoundingClientRect().top - explorer.getBoundingClientRect().top;
    if (offset > explorer.clientHeight * 0.8 || offset < 0) {
      explorer.scrollTop += offset - explorer.clientHeight / 3;
    }
  }

  /** On small screens the explorer is a drawer opened by #explorer-toggle. */
  function initExplorerToggle() {
    var toggle = document.getElementById('explorer-toggle');
    var explorer = document.getElementById('explorer');
    if (!toggle || !explorer) return;
    var backdrop = document.querySelector('.explorer-backdrop');

    function setOpen(open, restoreFocus) {
      toggle.setAttribute('aria-expanded', open ? 'true' : 'false');
      toggle.setAttribute('aria-label', open ? 'Hide the list of notes' : 'Show the list of notes');
      document.body.classList.toggle('explorer-open', open);
      if (backdrop) backdrop.hidden = !open;
      if (open) {
        var target = explorer.querySelector('[aria-current="page"]') || explorer.querySelector('a, button');
        if (target) target.focus({ preventScroll: true });
        scrollIntoExplorer(explorer, explorer.querySelector('[aria-current="page"]'));
      } else if (restoreFocus) {
        toggle.focus();
      }
    }

    toggle.addEventListener('click', function () {
      setOpen(toggle.getAttribute('aria-expanded') !== 'true', false);
    });
    if (backdrop) backdrop.addEventListener('click', function () { setOpen(false, true); });
    var close = explorer.querySelector('.explorer-close');
    if (close) close.addEventListener('click', function () { setOpen(false, true); });
    document.addEventListener('keydown', function (event) {
      if (event.key === 'Escape' && document.body.classList.contains('explorer-open')) setOpen(false, true);
    });
  }

  /* ------------------------------------------------------------------------------------------
   * Theme toggle and keyboard shortcuts
   * ---------------------------------------------------------------------------------------- */

  function systemPrefersDark() {
    return !!(window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches);
  }

  function initThemeToggle() {
    var button = document.getElementById('theme-toggle');
    var theme = window.TrellisTheme;
    if (!button || !theme) return;

    function current() {
      return theme.effectiveTheme(document.documentElement.dataset.theme, systemPrefersDark());
    }
    function label() {
      var next = theme.nextTheme(current());
      button.setAttribute('aria-label', 'Switch to ' + next + ' mode');
      button.setAttribute('title', 'Switch to ' + next + ' mode');
    }

    button.addEventListener('click', function () {
      var next = theme.nextTheme(current());
      document.documentElement.dataset.theme = next;
      theme.save(theme.storage, next);
      label();
      document.dispatchEvent(new CustomEvent('trellis:themechange', { detail: { theme: next } }));
    });
    if (window.matchMedia) {
      var query = window.matchMedia('(prefers-color-scheme: dark)');
      var onChange = function () {
        label();
        document.dispatchEvent(new CustomEvent('trellis:themechange', { detail: { theme: current() } }));
      };
      if (query.addEventListener) query.addEventListener('change', onChange);
    }
    label();
  }

  function initShortcuts() {
    var input = document.getElementById('search-input');
    if (!input) return;
    document.addEventListener('keydown', function (event) {
      if (event.defaultPrevented || event.isComposing) return;
      if (shortcutAction(event, isEditable(event.target)) !== 'focus-search') return;
      event.preventDefault();
      input.focus();
      input.select();
    });
  }

  /* ------------------------------------------------------------------------------------------
   * Note page touches
   * ---------------------------------------------------------------------------------------- */

  /** When the title comes from the note's own first heading, show the date and tags under it. */
  function placeNoteMeta() {
    var meta = document.querySelector('.note > .note-meta');
    var heading = document.querySelector('.note-body > h1:first-child');
    if (!meta || !heading || document.querySelector('.note > .note-title')) return;
    heading.classList.add('note-title');
    heading.insertAdjacentElement('afterend', meta);
  }

  /** A "#" link beside each heading, for copying a link to a section. */
  function addHeadingAnchors() {
    var headings = document.querySelectorAll('.note-body :is(h2, h3, h4, h5, h6)[id]');
    headings.forEach(function (heading) {
      if (heading.closest('.transclusion')) return;
      var anchor = document.createElement('a');
      anchor.className = 'heading-anchor';
      anchor.href = '#' + encodeURIComponent(heading.id);
      anchor.setAttribute('aria-hidden', 'true');
      anchor.tabIndex = -1;
      anchor.textContent = '#';
      heading.appendChild(anchor);
    });
  }

  /** Highlights the table-of-contents entry of the section being read. */
  function initTocHighlight() {
    var links = Array.prototype.slice.call(document.querySelectorAll('.toc a[href^="#"]'));
    if (!links.length) return;
    var targets = links.map(function (link) {
      var id = safeDecode(link.getAttribute('href').slice(1));
      return document.getElementById(id);
    });
    var active = null;
    var scheduled = false;

    function update() {
      scheduled = false;
      var index = 0;
      for (var i = 0; i < targets.length; i++) {
        if (targets[i] && targets[i].getBoundingClientRect().top < 120) index = i;
      }
      if (links[index] === active) return;
      if (active) active.removeAttribute('aria-current');
      active = links[index];
      active.setAttribute('aria-current', 'location');
    }
    window.addEventListener('scroll', function () {
      if (!scheduled) {
        scheduled = true;
        window.requestAnimationFrame(update);
      }
    }, { passive: true });
    update();
  }

  /** A copy button on each code block, where the clipboard API is available. */
  function addCopyButtons() {
    if (!navigator.clipboard || !navigator.clipboard.writeText) return;
    document.querySelectorAll('.note-body pre > code').forEach(function (code) {
      var pre = code.parentElement;
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'copy-code';
      button.textContent = 'Copy';
      button.setAttribute('aria-label', 'Copy the code');
      button.addEventListener('click', function () {
        navigator.clipboard.writeText(code.textContent).then(
          function () { flash(button, 'Copied'); },
          function () { flash(button, 'Not copied'); }
        );
      });
      pre.classList.add('has-copy');
      pre.appendChild(button);
    });
  }

  function flash(button, text) {
    button.textContent = text;
    window.setTimeout(function () { button.textContent = 'Copy'; }, 1500);
  }

  /* ------------------------------------------------------------------------------------------
   * Local graph
   * ---------------------------------------------------------------------------------------- */

  function readLocalGraph() {
    var script = document.getElementById('local-graph-data');
    if (!script) return null;
    try {
      return JSON.parse(script.textContent || 'null');
    } catch (error) {
      return null;
    }
  }

  function initLocalGraph() {
    var container = document.getElementById('local-graph');
    var data = capLocalGraph(readLocalGraph());
    if (!container) return;
    if (data.nodes.length < 2) {
      container.innerHTML = '<p class="empty">No links to or from this note yet.</p>';
      container.classList.add('is-empty');
      return;
    }
    var width = Math.max(container.clientWidth, 200);
    var height = Math.round(Math.min(Math.max(width * 0.8, 180), 260));
    var layout = localLayout(data, 50);
    var fit = fitTransform(bounds(layout.x, layout.y), width, height, 24, 1.6);
    var place = function (i) {
      return [fit.x + layout.x[i] * fit.scale, fit.y + layout.y[i] * fit.scale];
    };
    var labelled = chooseLabels(data.nodes.map(function (node, i) {
      var point = place(i);
      return { x: point[0], y: point[1] - 9, text: truncate(node.title || node.id, 28), priority: -(node.depth | 0) };
    }), LOCAL_GRAPH_FONT, width);

    var root = svg('svg', {
      viewBox: '0 0 ' + width + ' ' + height, width: '100%', height: height,
      role: 'group', 'aria-label': 'Notes linked to and from this note',
    });
    var edgeLayer = svg('g', { class: 'graph-edges' });
    var nodeLayer = svg('g', { class: 'graph-nodes' });
    root.appendChild(edgeLayer);
    root.appendChild(nodeLayer);

    var lines = drawLocalEdges(edgeLayer, layout.edges, place);
    data.nodes.forEach(function (node, i) {
      nodeLayer.appendChild(localNode(node, place(i), labelled.has(i)));
    });
    connectHighlight(root, nodeLayer.children, lines, layout.edges);
    container.appendChild(root);
  }

  function drawLocalEdges(layer, edges, place) {
    var lines = [];
    for (var e = 0; e < edges.length; e += 2) {
      var a = place(edges[e]);
      var b = place(edges[e + 1]);
      var line = svg('line', { x1: a[0].toFixed(1), y1: a[1].toFixed(1), x2: b[0].toFixed(1), y2: b[1].toFixed(1) });
      layer.appendChild(line);
      lines.push(line);
    }
    return lines;
  }

  function localNode(node, point, showLabel) {
    var depth = Math.min(Math.max(node.depth | 0, 0), 2);
    var link = svg('a', { href: node.url ? joinRoot(siteRoot(), node.url) : '#', class: 'graph-node depth-' + depth + (showLabel ? ' show-label' : '') });
    var title = svg('title', {});
    title.textContent = node.title || node.id;
    link.appendChild(title);
    link.appendChild(svg('circle', { cx: point[0].toFixed(1), cy: point[1].toFixed(1), r: depth === 0 ? 6 : depth === 1 ? 4.5 : 3 }));
    var label = svg('text', { x: point[0].toFixed(1), y: (point[1] - 9).toFixed(1), 'text-anchor': 'middle' });
    label.textContent = truncate(node.title || node.id, 28);
    link.appendChild(label);
    if (depth === 0) link.setAttribute('aria-current', 'page');
    return link;
  }

  function truncate(text, length) {
    return text.length > length ? text.slice(0, length - 1) + '…' : text;
  }

  /** Hovering or focusing a node lights it, its links and its neighbours. */
  function connectHighlight(root, nodeElements, lines, edges) {
    var nodes = Array.prototype.slice.call(nodeElements);
    function light(index, on) {
      root.classList.toggle('is-highlighting', on);
      nodes[index].classList.toggle('is-lit', on);
      for (var e = 0; e < edges.length; e += 2) {
        var other = edges[e] === index ? edges[e + 1] : edges[e + 1] === index ? edges[e] : -1;
        if (other < 0) continue;
        lines[e / 2].classList.toggle('is-lit', on);
        nodes[other].classList.toggle('is-lit', on);
      }
    }
    nodes.forEach(function (element, index) {
      element.addEventListener('mouseenter', function () { light(index, true); });
      element.addEventListener('mouseleave', function () { light(index, false); });
      element.addEventListener('focus', function () { light(index, true); });
      element.addEventListener('blur', function () { light(index, false); });
    });
  }

  /* ------------------------------------------------------------------------------------------
   * Hover previews
   * ---------------------------------------------------------------------------------------- */

  var PREVIEW_DELAY = 350;
  var PREVIEW_LINKS = 'a.internal[href]:not(.attachment)';

  function initPreviews() {
    if (!/^https?:$/.test(window.location.protocol) || !window.fetch || !window.DOMParser) return;

    var cache = new Map();
    var popover = document.createElement('div');
    popover.className = 'popover';
    popover.setAttribute('aria-hidden', 'true');
    popover.hidden = true;
    document.body.appendChild(popover);
    var timer = 0;
    var activeLink = null;
    var notePages = null; // made on the first hover: most page views never preview

    // Pointer events tell a mouse from a finger: a tap must follow the link, not preview it.
    document.addEventListener('pointerover', function (event) {
      if (event.pointerType !== 'mouse') return;
      var link = event.target.closest ? event.target.closest(PREVIEW_LINKS) : null;
      if (!link || link === activeLink || link.closest('.popover')) return;
      activeLink = link;
      window.clearTimeout(timer);
      timer = window.setTimeout(function () { showPreview(link); }, PREVIEW_DELAY);
    });
    document.addEventListener('pointerout', function (event) {
      if (!activeLink || (event.relatedTarget && activeLink.contains(event.relatedTarget))) return;
      if (!event.target.closest || event.target.closest(PREVIEW_LINKS) !== activeLink) return;
      hide();
    });
    window.addEventListener('scroll', hide, { passive: true });
    document.addEventListener('keydown', function (event) { if (event.key === 'Escape') hide(); });

    function hide() {
      window.clearTimeout(timer);
      activeLink = null;
      popover.hidden = true;
    }

    function showPreview(link) {
      if (!notePages) notePages = notePageKeys(window.TRELLIS_TREE, new URL(siteRoot(), window.location.href).href);
      var target = previewTarget(link.getAttribute('href'), window.location.href, notePages);
      if (!target) return; // an attachment, another site, a page that is not a note: no preview
      var page = target.href.split('#')[0];
      if (page === window.location.href.split('#')[0] && !target.hash) return;
      loadPage(cache, page).then(function (doc) {
        if (activeLink !== link || !doc) return;
        var content = previewContent(doc, target);
        if (!content) return;
        popover.replaceChildren(content);
        popover.hidden = false;
        positionPopover(popover, link);
      }).catch(function () {
        popover.hidden = true; // a page we cannot preview: just no popover
      });
    }
  }

  /** The target page as a parsed document; null when it cannot be fetched (never throws). */
  function loadPage(cache, url) {
    if (!cache.has(url)) {
      cache.set(url, fetch(url, { credentials: 'same-origin' })
        .then(function (response) { return response.ok ? response.text() : null; })
        .then(function (text) { return text ? new DOMParser().parseFromString(text, 'text/html') : null; })
        .catch(function () { return null; }));
    }
    return cache.get(url);
  }

  /**
   * A copy of the part of the target note the link points at, made inert (sanitizePreview)
   * while it is still in the parsed document, which runs nothing; only then is it imported.
   * Null unless the document is a note page Trellis made (its generator meta and .note-body).
   */
  function previewContent(doc, target) {
    var generator = doc.querySelector('meta[name="generator"]');
    var body = doc.querySelector('.note-body');
    if (!body || !generator || generator.getAttribute('content') !== 'Trellis') return null;
    var children = Array.prototype.slice.call(body.children);
    var start = 0;
    var toAnchor = false;
    var id = target.hash ? safeDecode(target.hash.slice(1)) : '';
    var anchor = id ? doc.getElementById(id) : null;
    if (anchor && body.contains(anchor)) {
      var top = anchor;
      while (top.parentElement && top.parentElement !== body) top = top.parentElement;
      start = Math.max(children.indexOf(top), 0);
      toAnchor = true;
    }
    var tags = children.map(function (child) { return child.tagName.toLowerCase(); });
    var range = previewRange(tags, start, 8, toAnchor);
    var fragment = document.createElement('div');
    fragment.className = 'popover-inner note-body';
    var title = doc.querySelector('.note-title') || doc.querySelector('title');
    if (title && !toAnchor && tags[0] !== 'h1') {
      var heading = document.createElement('p');
      heading.className = 'popover-title';
      heading.textContent = title.textContent;
      fragment.appendChild(heading);
    }
    var inert = doc.createElement('template');
    for (var i = range[0]; i < range[1]; i++) inert.content.appendChild(children[i].cloneNode(true));
    sanitizePreview(inert.content, target);
    fragment.appendChild(document.importNode(inert.content, true));
    return fragment;
  }

  function positionPopover(popover, link) {
    var rect = link.getBoundingClientRect();
    var width = popover.offsetWidth;
    var height = popover.offsetHeight;
    var viewportWidth = document.documentElement.clientWidth;
    var left = Math.min(Math.max(8, rect.left), viewportWidth - width - 8);
    var below = rect.bottom + 8;
    var top = below + height > window.innerHeight && rect.top - height - 8 > 0 ? rect.top - height - 8 : below;
    popover.style.left = Math.round(left + window.scrollX) + 'px';
    popover.style.top = Math.round(top + window.scrollY) + 'px';
  }

  /* ------------------------------------------------------------------------------------------ */

  function boot() {
    start([
      initExplorer, initExplorerToggle, initThemeToggle, initShortcuts,
      placeNoteMeta, addHeadingAnchors, initTocHighlight, addCopyButtons,
      initLocalGraph, initPreviews,
    ]);
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', boot);
  else boot();
})();
