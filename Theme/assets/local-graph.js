/*
 * Trellis default theme: the local graph of a note page (SVG), drawn from #local-graph-data with
 * the layout of graph-layout.js; after trellis.js, whose helpers it uses.
 */
(function () {
  'use strict';

  if (typeof window === 'undefined' || typeof document === 'undefined') return;
  var core = window.Trellis;
  var layouts = window.TrellisLayout;
  if (!core || !layouts) return;

  var LOCAL_GRAPH_FONT = 10.5; // px, as in style.css
  var SVG_NS = 'http://www.w3.org/2000/svg';

  function svg(tag, attributes) {
    var element = document.createElementNS(SVG_NS, tag);
    for (var name in attributes) element.setAttribute(name, attributes[name]);
    return element;
  }

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
    var data = layouts.capLocalGraph(readLocalGraph());
    if (!container) return;
    if (data.nodes.length < 2) {
      container.innerHTML = '<p class="empty">No links to or from this note yet.</p>';
      container.classList.add('is-empty');
      return;
    }
    var width = Math.max(container.clientWidth, 200);
    var height = Math.round(Math.min(Math.max(width * 0.8, 180), 260));
    var layout = layouts.localLayout(data, 50);
    var fit = layouts.fitTransform(layouts.bounds(layout.x, layout.y), width, height, 24, 1.6);
    var place = function (i) {
      return [fit.x + layout.x[i] * fit.scale, fit.y + layout.y[i] * fit.scale];
    };
    var labelled = layouts.chooseLabels(data.nodes.map(function (node, i) {
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
    var link = svg('a', { href: node.url ? core.joinRoot(core.siteRoot(), node.url) : '#', class: 'graph-node depth-' + depth + (showLabel ? ' show-label' : '') });
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

  core.whenReady([initLocalGraph]);
})();
