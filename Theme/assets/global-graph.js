/*
 * The graph of every note, on graph.html only (after _trellis/graph.js, which sets
 * window.TRELLIS_GRAPH, trellis.js (window.Trellis) and graph-layout.js (window.TrellisLayout)).
 *
 * Built to stay usable at 10,000 notes: the layout is the grid-bucketed force layout from
 * graph-layout.js with a number of iterations chosen from the graph's size (bounded work, same
 * picture every time), run in slices of a few milliseconds per frame so the page never freezes;
 * drawing is one <canvas> with viewport culling and a capped number of labels; hover and click
 * find the node under the pointer through a spatial grid instead of scanning every node.
 */
(function () {
  'use strict';

  var inNode = typeof module !== 'undefined' && module.exports;
  var core = inNode ? require('./trellis.js') : typeof window !== 'undefined' ? window.Trellis : null;
  var layouts = inNode ? require('./graph-layout.js') : typeof window !== 'undefined' ? window.TrellisLayout : null;

  var SPACING = 50; // ideal link length, in world units
  var MAX_GROUPS = 8; // folders with their own colour; the rest share one
  var MAX_LABELS = 250;
  var MAX_LABEL_CANDIDATES = 2000; // bounds the overlap tests per frame
  var LABEL_MIN_RADIUS = 3.5; // screen pixels
  var WORK_BUDGET = 3e7; // rough operations for the whole layout
  var FRAME_BUDGET_MS = 12;

  /* ------------------------------------------------------------------------------------------
   * Pure parts (tested in Node)
   * ---------------------------------------------------------------------------------------- */

  /** The top-level folder of a vault path ("" for notes at the top). */
  function topFolder(id) {
    var slash = String(id).indexOf('/');
    return slash > 0 ? String(id).slice(0, slash) : '';
  }

  /**
   * Colour groups: the `max` biggest top-level folders each get one, the rest share "Other".
   * Returns { index: Int32Array (group per node), names, sizes }.
   */
  function assignGroups(folders, max) {
    var counts = new Map();
    folders.forEach(function (folder) { counts.set(folder, (counts.get(folder) || 0) + 1); });
    var ranked = Array.from(counts.keys()).sort(function (a, b) {
      return counts.get(b) - counts.get(a) || (a < b ? -1 : a > b ? 1 : 0);
    });
    var own = ranked.slice(0, ranked.length > max ? max - 1 : max);
    var names = own.map(function (folder) { return folder || 'Top level'; });
    var sizes = own.map(function (folder) { return counts.get(folder); });
    var position = new Map(own.map(function (folder, i) { return [folder, i]; }));
    if (ranked.length > own.length) {
      names.push('Other folders');
      sizes.push(folders.length - sizes.reduce(function (a, b) { return a + b; }, 0));
    }
    var index = Int32Array.from(folders, function (folder) {
      return position.has(folder) ? position.get(folder) : own.length;
    });
    return { index: index, names: names, sizes: sizes };
  }

  /**
   * window.TRELLIS_GRAPH → compact arrays. Unknown endpoints, self links and duplicate or
   * reversed pairs are dropped, so each pair of notes is drawn once.
   */
  function prepareGraph(data) {
    var nodes = data && Array.isArray(data.nodes) ? data.nodes.filter(function (n) { return n && typeof n.id === 'string'; }) : [];
    var count = nodes.length;
    var index = new Map();
    nodes.forEach(function (node, i) { if (!index.has(node.id)) index.set(node.id, i); });
    var seen = new Set();
    var edges = [];
    var degree = new Int32Array(count);
    (data && Array.isArray(data.edges) ? data.edges : []).forEach(function (edge) {
      var a = index.get(edge && edge.source);
      var b = index.get(edge && edge.target);
      if (a === undefined || b === undefined || a === b) return;
      var key = a < b ? a * count + b : b * count + a;
      if (seen.has(key)) return;
      seen.add(key);
      edges.push(a, b);
      degree[a]++;
      degree[b]++;
    });
    var groups = assignGroups(nodes.map(function (n) { return topFolder(n.id); }), MAX_GROUPS);
    return {
      count: count,
      titles: nodes.map(function (n) { return String(n.title || n.id); }),
      urls: nodes.map(function (n) { return String(n.url || ''); }),
      folders: nodes.map(function (n) { return topFolder(n.id); }),
      edges: Int32Array.from(edges),
      degree: degree,
      group: groups.index,
      groupNames: groups.names,
      groupSizes: groups.sizes,
    };
  }

  /** Neighbour lists in compressed form: neighbours of i are list[offsets[i] .. offsets[i+1]). */
  function adjacency(count, edges) {
    var offsets = new Int32Array(count + 1);
    for (var e = 0; e < edges.length; e++) offsets[edges[e] + 1]++;
    for (var i = 0; i < count; i++) offsets[i + 1] += offsets[i];
    var fill = offsets.slice(0, count);
    var list = new Int32Array(edges.length);
    for (var k = 0; k < edges.length; k += 2) {
      list[fill[edges[k]]++] = edges[k + 1];
      list[fill[edges[k + 1]]++] = edges[k];
    }
    return { offsets: offsets, list: list };
  }

  /** Layout iterations for a graph: as many as fit the work budget, between 40 and 300. */
  function iterationsFor(count, edgeCount) {
    var perIteration = count * 40 + edgeCount;
    return Math.max(40, Math.min(300, Math.round(WORK_BUDGET / Math.max(perIteration, 1))));
  }

  /** Starting points: each colour group on its own small spiral, the groups around a circle. */
  function groupedStart(group, groupCount, spacing) {
    var count = group.length;
    var x = new Float64Array(count);
    var y = new Float64Array(count);
    var seen = new Int32Array(groupCount + 1);
    var ring = groupCount > 1 ? spacing * Math.sqrt(count) * 0.7 : 0;
    for (var i = 0; i < count; i++) {
      var g = group[i];
      var n = seen[g]++;
      var angle = (g / Math.max(groupCount, 1)) * 2 * Math.PI;
      var radius = spacing * 0.9 * Math.sqrt(n + 0.5);
      x[i] = ring * Math.cos(angle) + radius * Math.cos(n * 2.399963);
      y[i] = ring * Math.sin(angle) + radius * Math.sin(n * 2.399963);
    }
    return { x: x, y: y };
  }

  /** The layout for a prepared graph, ready to be stepped. */
  function createGraphLayout(graph) {
    var start = groupedStart(graph.group, graph.groupNames.length, SPACING);
    return layouts.createForceLayout(graph.count, graph.edges, {
      spacing: SPACING,
      iterations: iterationsFor(graph.count, graph.edges.length / 2),
      gravity: 0.015,
      x: start.x,
      y: start.y,
    });
  }

  /** Node radius in world units: grows with the number of links. */
  function nodeRadius(degree) {
    return 2 + Math.sqrt(degree) * 0.9;
  }

  /** A grid over the positions for "which node is near this point" in about constant time. */
  function buildPickGrid(x, y, cell) {
    var cells = new Map();
    for (var i = 0; i < x.length; i++) {
      var key = Math.floor(x[i] / cell) + ',' + Math.floor(y[i] / cell);
      var bucket = cells.get(key);
      if (bucket) bucket.push(i);
      else cells.set(key, [i]);
    }
    return { cells: cells, cell: cell };
  }

  /** The nearest node within `radius` of (px, py), or -1. */
  function pickNode(grid, x, y, px, py, radius) {
    var best = -1;
    var bestDistance = radius * radius;
    var cx = Math.floor(px / grid.cell);
    var cy = Math.floor(py / grid.cell);
    var reach = Math.ceil(radius / grid.cell);
    for (var ox = -reach; ox <= reach; ox++) {
      for (var oy = -reach; oy <= reach; oy++) {
        var bucket = grid.cells.get(cx + ox + ',' + (cy + oy));
        if (!bucket) continue;
        for (var j = 0; j < bucket.length; j++) {
          var i = bucket[j];
          var d = (x[i] - px) * (x[i] - px) + (y[i] - py) * (y[i] - py);
          if (d <= bestDistance) {
            bestDistance = d;
            best = i;
          }
        }
      }
    }
    return best;
  }

  /** Node indices from most to least linked: who gets a label first. */
  function labelOrder(degree) {
    var order = Array.from({ length: degree.length }, function (_, i) { return i; });
    order.sort(function (a, b) { return degree[b] - degree[a] || a - b; });
    return Int32Array.from(order);
  }

  var api = {
    topFolder: topFolder,
    assignGroups: assignGroups,
    prepareGraph: prepareGraph,
    adjacency: adjacency,
    iterationsFor: iterationsFor,
    groupedStart: groupedStart,
    createGraphLayout: createGraphLayout,
    nodeRadius: nodeRadius,
    buildPickGrid: buildPickGrid,
    pickNode: pickNode,
    labelOrder: labelOrder,
  };

  if (typeof module !== 'undefined' && module.exports) module.exports = api;
  if (typeof window === 'undefined' || typeof document === 'undefined') return;

  /* ------------------------------------------------------------------------------------------
   * The view
   * ---------------------------------------------------------------------------------------- */

  var ICONS = {
    in: '<path d="M12 5v14M5 12h14"/>',
    out: '<path d="M5 12h14"/>',
    fit: '<path d="M4 9V4h5M20 9V4h-5M4 15v5h5M20 15v5h-5"/>',
  };

  function init() {
    var container = document.getElementById('global-graph');
    if (!container || !core) return;
    var graph = prepareGraph(window.TRELLIS_GRAPH);
    if (!graph.count) {
      container.innerHTML = '<p class="empty">No notes to draw yet.</p>';
      container.setAttribute('data-state', 'empty');
      return;
    }
    createView(container, graph);
  }

  function button(name, label) {
    return '<button type="button" class="icon-button" data-action="' + name + '" aria-label="' + label + '" title="' + label + '">' +
      '<svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">' + ICONS[name] + '</svg></button>';
  }

  /** The markup around the canvas: stats, legend, zoom buttons, tooltip. */
  function buildChrome(container, graph) {
    var links = graph.edges.length / 2;
    var summary = graph.count + ' note' + (graph.count === 1 ? '' : 's') + ', ' + links + ' link' + (links === 1 ? '' : 's');
    container.innerHTML =
      '<canvas class="graph-canvas" tabindex="0" role="application" aria-roledescription="graph" aria-label="Graph of ' + summary +
      '. Arrow keys pan, plus and minus zoom, 0 fits the graph."></canvas>' +
      '<div class="graph-controls" role="group" aria-label="Zoom">' + button('in', 'Zoom in') + button('out', 'Zoom out') + button('fit', 'Fit the graph') + '</div>' +
      '<div class="graph-tooltip" hidden></div>';
    var footer = document.createElement('div');
    footer.className = 'graph-footer';
    footer.innerHTML = '<p class="graph-stats">' + core.escapeHTML(summary) + '</p>' + legendHTML(graph);
    container.insertAdjacentElement('afterend', footer);
    return {
      canvas: container.querySelector('canvas'),
      tooltip: container.querySelector('.graph-tooltip'),
      controls: container.querySelector('.graph-controls'),
    };
  }

  function legendHTML(graph) {
    if (graph.groupNames.length < 2) return '';
    return '<ul class="graph-legend" aria-label="Colours by folder">' + graph.groupNames.map(function (name, g) {
      return '<li><span class="swatch" style="background: var(--graph-' + (g + 1) + ')"></span>' +
        core.escapeHTML(name) + ' <span class="count">' + graph.groupSizes[g] + '</span></li>';
    }).join('') + '</ul>';
  }

  /** Theme colours from CSS custom properties (re-read when the theme changes). */
  function readColours(element, groups) {
    var style = window.getComputedStyle(element);
    var read = function (name, fallback) { return style.getPropertyValue(name).trim() || fallback; };
    var colours = {
      edge: read('--graph-edge', 'rgba(128,128,128,0.35)'),
      highlight: read('--graph-highlight', '#0a58ca'),
      label: read('--text', '#222'),
      halo: read('--bg', '#fff'),
      dim: read('--graph-dim', 'rgba(255,255,255,0.7)'),
      font: '12px ' + (read('--font-sans', 'sans-serif')),
      groups: [],
    };
    for (var g = 0; g < groups; g++) colours.groups.push(read('--graph-' + (g + 1), '#888'));
    return colours;
  }

  function createView(container, graph) {
    var parts = buildChrome(container, graph);
    var canvas = parts.canvas;
    var context = canvas.getContext('2d');
    if (!context) return;
    var neighbours = adjacency(graph.count, graph.edges);
    var order = labelOrder(graph.degree);
    var layout = createGraphLayout(graph);
    var state = {
      width: 0, height: 0, ratio: 1,
      view: { scale: 1, x: 0, y: 0 },
      touched: false, // the reader panned or zoomed: stop re-fitting
      hover: -1,
      grid: buildPickGrid(layout.x, layout.y, SPACING * 2),
      colours: readColours(container, graph.groupNames.length),
      pending: false,
    };

    function requestDraw() {
      if (state.pending) return;
      state.pending = true;
      window.requestAnimationFrame(function () {
        state.pending = false;
        draw(context, graph, layout, neighbours, order, state);
      });
    }

    function resize() {
      var rect = canvas.getBoundingClientRect();
      state.ratio = window.devicePixelRatio || 1;
      state.width = Math.max(rect.width, 1);
      state.height = Math.max(rect.height, 1);
      canvas.width = Math.round(state.width * state.ratio);
      canvas.height = Math.round(state.height * state.ratio);
      if (!state.touched) fit();
      requestDraw();
    }

    function fit() {
      var box = layouts.bounds(layout.x, layout.y);
      // The margin leaves room for the labels of the outermost nodes.
      state.view = layouts.fitTransform(box, state.width, state.height, Math.min(80, state.width * 0.15), 2);
    }

    var controller = {
      requestDraw: requestDraw,
      fit: function () { state.touched = false; fit(); requestDraw(); },
      zoomAt: function (factor, sx, sy) {
        var view = state.view;
        var scale = Math.min(Math.max(view.scale * factor, 0.01), 8);
        view.x = sx - ((sx - view.x) * scale) / view.scale;
        view.y = sy - ((sy - view.y) * scale) / view.scale;
        view.scale = scale;
        state.touched = true;
        requestDraw();
      },
      pan: function (dx, dy) {
        state.view.x += dx;
        state.view.y += dy;
        state.touched = true;
        requestDraw();
      },
    };

    bindControls(parts.controls, controller, state);
    bindPointer(canvas, parts.tooltip, graph, layout, state, controller);
    bindKeys(canvas, controller, state);
    if (window.ResizeObserver) new ResizeObserver(resize).observe(canvas);
    else window.addEventListener('resize', resize);
    document.addEventListener('trellis:themechange', function () {
      state.colours = readColours(container, graph.groupNames.length);
      requestDraw();
    });
    resize();
    runLayout(container, layout, state, fit, requestDraw);
  }

  /** Steps the layout a few milliseconds per frame, redrawing as it settles. */
  function runLayout(container, layout, state, fit, requestDraw) {
    container.setAttribute('data-state', 'layout');
    var reduceMotion = window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    function finish() {
      state.grid = buildPickGrid(layout.x, layout.y, SPACING * 2);
      if (!state.touched) fit();
      requestDraw();
    }
    if (reduceMotion) {
      layout.step(layout.iterations);
      finish();
      container.setAttribute('data-state', 'ready');
      return;
    }
    function frame() {
      var started = performance.now();
      var done = false;
      while (!done && performance.now() - started < FRAME_BUDGET_MS) done = layout.step(1);
      finish();
      if (done) container.setAttribute('data-state', 'ready');
      else window.requestAnimationFrame(frame);
    }
    window.requestAnimationFrame(frame);
  }

  function bindControls(controls, controller, state) {
    controls.addEventListener('click', function (event) {
      var target = event.target.closest('button[data-action]');
      if (!target) return;
      var action = target.getAttribute('data-action');
      if (action === 'fit') controller.fit();
      else controller.zoomAt(action === 'in' ? 1.4 : 1 / 1.4, state.width / 2, state.height / 2);
    });
  }

  function bindKeys(canvas, controller, state) {
    canvas.addEventListener('keydown', function (event) {
      var step = 60;
      var moves = { ArrowLeft: [step, 0], ArrowRight: [-step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] };
      if (moves[event.key]) controller.pan(moves[event.key][0], moves[event.key][1]);
      else if (event.key === '+' || event.key === '=') controller.zoomAt(1.3, state.width / 2, state.height / 2);
      else if (event.key === '-' || event.key === '_') controller.zoomAt(1 / 1.3, state.width / 2, state.height / 2);
      else if (event.key === '0') controller.fit();
      else return;
      event.preventDefault();
    });
  }

  /** Drag to pan, pinch or wheel to zoom, hover for the title, click to open. */
  function bindPointer(canvas, tooltip, graph, layout, state, controller) {
    var pointers = new Map();
    var gesture = null;

    function local(event) {
      var rect = canvas.getBoundingClientRect();
      return { x: event.clientX - rect.left, y: event.clientY - rect.top };
    }
    function nodeAt(point) {
      var view = state.view;
      var wx = (point.x - view.x) / view.scale;
      var wy = (point.y - view.y) / view.scale;
      var reach = Math.max(SPACING * 0.5, 8 / view.scale);
      return pickNode(state.grid, layout.x, layout.y, wx, wy, reach);
    }
    function setHover(index, point) {
      if (index !== state.hover) {
        state.hover = index;
        controller.requestDraw();
      }
      canvas.style.cursor = index >= 0 ? 'pointer' : gesture ? 'grabbing' : 'grab';
      if (index < 0) {
        tooltip.hidden = true;
        return;
      }
      tooltip.textContent = graph.titles[index];
      if (graph.folders[index]) {
        var folder = document.createElement('span');
        folder.className = 'graph-tooltip-folder';
        folder.textContent = graph.folders[index];
        tooltip.appendChild(folder);
      }
      tooltip.hidden = false;
      tooltip.style.left = Math.round(Math.min(point.x + 14, state.width - tooltip.offsetWidth - 4)) + 'px';
      tooltip.style.top = Math.round(Math.max(point.y - tooltip.offsetHeight - 10, 4)) + 'px';
    }

    canvas.addEventListener('pointerdown', function (event) {
      var point = local(event);
      pointers.set(event.pointerId, point);
      if (canvas.setPointerCapture) canvas.setPointerCapture(event.pointerId);
      gesture = { start: point, last: point, moved: false, distance: pinchDistance(pointers) };
    });
    canvas.addEventListener('pointermove', function (event) {
      var point = local(event);
      if (!gesture || !pointers.has(event.pointerId)) {
        if (event.pointerType === 'mouse') setHover(nodeAt(point), point);
        return;
      }
      pointers.set(event.pointerId, point);
      if (pointers.size >= 2) {
        var distance = pinchDistance(pointers);
        var middle = pinchMiddle(pointers);
        if (gesture.distance > 0) controller.zoomAt(distance / gesture.distance, middle.x, middle.y);
        gesture.distance = distance;
        gesture.moved = true;
        return;
      }
      if (Math.abs(point.x - gesture.start.x) + Math.abs(point.y - gesture.start.y) > 4) gesture.moved = true;
      if (gesture.moved) {
        controller.pan(point.x - gesture.last.x, point.y - gesture.last.y);
        tooltip.hidden = true;
      }
      gesture.last = point;
    });
    function end(event) {
      var point = local(event);
      var wasClick = gesture && !gesture.moved && pointers.size === 1;
      pointers.delete(event.pointerId);
      if (pointers.size === 0) gesture = null;
      else if (gesture) gesture.distance = pinchDistance(pointers);
      if (wasClick && event.type === 'pointerup') open(nodeAt(point));
    }
    canvas.addEventListener('pointerup', end);
    canvas.addEventListener('pointercancel', end);
    canvas.addEventListener('pointerleave', function (event) {
      if (event.pointerType === 'mouse' && !gesture) setHover(-1, null);
    });
    canvas.addEventListener('wheel', function (event) {
      event.preventDefault();
      var point = local(event);
      var delta = event.deltaY * (event.deltaMode === 1 ? 33 : event.deltaMode === 2 ? 400 : 1);
      controller.zoomAt(Math.exp(-delta * 0.0015), point.x, point.y);
    }, { passive: false });

    function open(index) {
      if (index < 0 || !graph.urls[index]) return;
      window.location.href = core.joinRoot(document.body.getAttribute('data-root') || './', graph.urls[index]);
    }
  }

  function pinchDistance(pointers) {
    if (pointers.size < 2) return 0;
    var points = Array.from(pointers.values());
    return Math.hypot(points[0].x - points[1].x, points[0].y - points[1].y);
  }

  function pinchMiddle(pointers) {
    var points = Array.from(pointers.values());
    return { x: (points[0].x + points[1].x) / 2, y: (points[0].y + points[1].y) / 2 };
  }

  /* ------------------------------------------------------------------------------------------
   * Drawing
   * ---------------------------------------------------------------------------------------- */

  function draw(context, graph, layout, neighbours, order, state) {
    var view = state.view;
    var ratio = state.ratio;
    context.setTransform(1, 0, 0, 1, 0, 0);
    context.clearRect(0, 0, context.canvas.width, context.canvas.height);
    context.setTransform(ratio * view.scale, 0, 0, ratio * view.scale, ratio * view.x, ratio * view.y);
    var visible = {
      minX: -view.x / view.scale, minY: -view.y / view.scale,
      maxX: (state.width - view.x) / view.scale, maxY: (state.height - view.y) / view.scale,
    };
    // Zoomed out, hairlines: thousands of full-width links would paint the graph solid grey.
    var lineWidth = Math.min(Math.max(view.scale * 1.5, 0.3), 1);
    drawEdges(context, graph.edges, layout, visible, state.colours.edge, lineWidth / view.scale);
    drawNodes(context, graph, layout, visible, view.scale, state.colours, null);
    if (state.hover >= 0) drawHighlight(context, graph, layout, neighbours, state);
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    drawLabels(context, graph, layout, order, state, visible);
  }

  function outside(x1, y1, x2, y2, box) {
    return (x1 < box.minX && x2 < box.minX) || (x1 > box.maxX && x2 > box.maxX) ||
      (y1 < box.minY && y2 < box.minY) || (y1 > box.maxY && y2 > box.maxY);
  }

  function drawEdges(context, edges, layout, visible, colour, width) {
    var x = layout.x;
    var y = layout.y;
    context.beginPath();
    for (var e = 0; e < edges.length; e += 2) {
      var a = edges[e];
      var b = edges[e + 1];
      if (outside(x[a], y[a], x[b], y[b], visible)) continue;
      context.moveTo(x[a], y[a]);
      context.lineTo(x[b], y[b]);
    }
    context.strokeStyle = colour;
    context.lineWidth = width;
    context.stroke();
  }

  /** Nodes, one path per colour group; `only` (a Set) limits drawing to some nodes. */
  function drawNodes(context, graph, layout, visible, scale, colours, only) {
    var minimum = 1.3 / scale;
    for (var g = 0; g < graph.groupNames.length; g++) {
      context.beginPath();
      for (var i = 0; i < graph.count; i++) {
        if (graph.group[i] !== g || (only && !only.has(i))) continue;
        var r = Math.max(nodeRadius(graph.degree[i]), minimum);
        var x = layout.x[i];
        var y = layout.y[i];
        if (x + r < visible.minX || x - r > visible.maxX || y + r < visible.minY || y - r > visible.maxY) continue;
        context.moveTo(x + r, y);
        context.arc(x, y, r, 0, 2 * Math.PI);
      }
      context.fillStyle = colours.groups[g];
      context.fill();
    }
  }

  /** Dims everything, then redraws the hovered node, its links and its neighbours on top. */
  function drawHighlight(context, graph, layout, neighbours, state) {
    var hover = state.hover;
    var view = state.view;
    var ratio = state.ratio;
    context.setTransform(1, 0, 0, 1, 0, 0);
    context.fillStyle = state.colours.dim;
    context.fillRect(0, 0, context.canvas.width, context.canvas.height);
    context.setTransform(ratio * view.scale, 0, 0, ratio * view.scale, ratio * view.x, ratio * view.y);
    var lit = new Set([hover]);
    context.beginPath();
    for (var k = neighbours.offsets[hover]; k < neighbours.offsets[hover + 1]; k++) {
      var other = neighbours.list[k];
      lit.add(other);
      context.moveTo(layout.x[hover], layout.y[hover]);
      context.lineTo(layout.x[other], layout.y[other]);
    }
    context.strokeStyle = state.colours.highlight;
    context.lineWidth = 1.5 / view.scale;
    context.stroke();
    var everywhere = { minX: -Infinity, minY: -Infinity, maxX: Infinity, maxY: Infinity };
    drawNodes(context, graph, layout, everywhere, view.scale, state.colours, lit);
    state.lit = lit;
  }

  /**
   * Labels in screen space, most-linked notes first, skipping any that would overlap one
   * already drawn; with a hovered node, only it and its neighbours are labelled.
   */
  function drawLabels(context, graph, layout, order, state, visible) {
    var view = state.view;
    var colours = state.colours;
    var placed = [];
    context.font = colours.font;
    context.textAlign = 'center';
    context.textBaseline = 'bottom';
    context.lineJoin = 'round';
    context.lineWidth = 3;
    context.strokeStyle = colours.halo;
    context.fillStyle = colours.label;
    var focus = state.hover >= 0 ? state.lit : null;
    // The hovered node's own title is in the tooltip; label its neighbours.
    var candidates = focus ? Array.from(focus).filter(function (i) { return i !== state.hover; }) : order;
    var examined = 0;
    for (var n = 0; n < candidates.length && placed.length < MAX_LABELS && examined < MAX_LABEL_CANDIDATES; n++) {
      var i = candidates[n];
      // Without a hover, only nodes drawn big enough to matter get a label.
      if (!focus && nodeRadius(graph.degree[i]) * view.scale < LABEL_MIN_RADIUS && view.scale < 1) break;
      var x = layout.x[i];
      var y = layout.y[i];
      if (x < visible.minX || x > visible.maxX || y < visible.minY || y > visible.maxY) continue;
      examined++;
      var text = graph.titles[i].length > 40 ? graph.titles[i].slice(0, 39) + '…' : graph.titles[i];
      var sx = x * view.scale + view.x;
      var sy = y * view.scale + view.y - Math.max(nodeRadius(graph.degree[i]) * view.scale, 1.3) - 3;
      var width = context.measureText(text).width;
      var box = { left: sx - width / 2 - 2, right: sx + width / 2 + 2, top: sy - 14, bottom: sy + 1 };
      if (!focus && overlaps(placed, box)) continue;
      placed.push(box);
      context.strokeText(text, sx, sy);
      context.fillText(text, sx, sy);
    }
  }

  function overlaps(boxes, box) {
    for (var i = 0; i < boxes.length; i++) {
      var b = boxes[i];
      if (box.left < b.right && box.right > b.left && box.top < b.bottom && box.bottom > b.top) return true;
    }
    return false;
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
