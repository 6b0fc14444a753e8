/*
 * Trellis default theme: hover previews of links to the site's own note pages (http(s) only:
 * file:// cannot fetch), made inert before they join the page. The pure parts run in Node for the
 * tests (Tests/js/preview.test.js, interaction.test.js); in the browser it runs after trellis.js.
 */
(function () {
  'use strict';

  var core =
    typeof module !== 'undefined' && module.exports ? require('./trellis.js') : typeof window !== 'undefined' ? window.Trellis : null;
  var safeDecode = core.safeDecode;
  var isFolder = core.isFolder;

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

  var api = {
    previewRange: previewRange,
    notePageKeys: notePageKeys,
    previewTarget: previewTarget,
    sanitizePreview: sanitizePreview,
  };

  if (typeof module !== 'undefined' && module.exports) module.exports = api;
  if (typeof window === 'undefined' || typeof document === 'undefined') return;

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
      if (!notePages) notePages = notePageKeys(window.TRELLIS_TREE, new URL(core.siteRoot(), window.location.href).href);
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

  core.whenReady([initPreviews]);
})();
