/*
 * Trellis default theme: the behaviour shared by every page.
 *
 *   - explorer: the folder tree from window.TRELLIS_TREE (explorer.js), rendered lazily
 *   - explorer drawer on small screens, theme toggle, keyboard shortcuts
 *   - table of contents highlighting, heading anchors, copy buttons on code blocks
 *
 * The local graph (local-graph.js, with graph-layout.js) and hover previews (previews.js) are
 * files of their own that run after this one. The pure functions at the top run in Node for the
 * tests (Tests/js/) and are window.Trellis for those files and global-graph.js. Everything touching the DOM checks that the element
 * it needs exists first: a page without a sidebar, or a theme override without a search box,
 * must never produce a console error.
 */
(function () {
  'use strict';

  var EXPLORER_KEY = 'trellis-explorer';
  var MAX_REMEMBERED_FOLDERS = 200;

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


  var api = {
    escapeHTML: escapeHTML,
    joinRoot: joinRoot,
    safeDecode: safeDecode,
    isFolder: isFolder,
    findTrail: findTrail,
    indexFolders: indexFolders,
    folderKey: folderKey,
    parseOpenFolders: parseOpenFolders,
    updateOpenFolders: updateOpenFolders,
    renderTreeLevel: renderTreeLevel,
    shortcutAction: shortcutAction,
    isEditable: isEditable,
  };

  if (typeof module !== 'undefined' && module.exports) module.exports = api;
  if (typeof window === 'undefined' || typeof document === 'undefined') return;
  window.Trellis = api;
  api.siteRoot = siteRoot;
  api.whenReady = whenReady;

  /* ------------------------------------------------------------------------------------------
   * Browser helpers
   * ---------------------------------------------------------------------------------------- */

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

  /** When the title comes from the note's own first heading, show the date and tags, then the
   *  properties, under it. */
  function placeNoteMeta() {
    var parts = Array.from(document.querySelectorAll('.note > .note-meta, .note > .note-properties'));
    var heading = document.querySelector('.note-body > h1:first-child');
    if (!parts.length || !heading || document.querySelector('.note > .note-title')) return;
    heading.classList.add('note-title');
    parts.reduce(function (after, part) {
      after.insertAdjacentElement('afterend', part);
      return part;
    }, heading);
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

  /* ------------------------------------------------------------------------------------------ */

  /** Starts features once the page is parsed; graph-layout.js, local-graph.js and previews.js use it too. */
  function whenReady(features) {
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', function () { start(features); });
    else start(features);
  }

  whenReady([
    initExplorer, initExplorerToggle, initThemeToggle, initShortcuts,
    placeNoteMeta, addHeadingAnchors, initTocHighlight, addCopyButtons,
  ]);
})();
