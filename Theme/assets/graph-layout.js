/*
 * Trellis default theme: the force-directed layout and the label picker shared by the local graph
 * (local-graph.js) and the global graph (global-graph.js). Pure: it runs in Node for the tests
 * (Tests/js/layout.test.js) and is window.TrellisLayout in the browser.
 */
(function () {
  'use strict';

  var LOCAL_GRAPH_MAX_NODES = 150;
  var LOCAL_GRAPH_SECOND_RING_BELOW = 6; // neighbours of neighbours only for notes with fewer links

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
    spiralPositions: spiralPositions,
    createForceLayout: createForceLayout,
    forceLayout: forceLayout,
    bounds: bounds,
    fitTransform: fitTransform,
    localLayout: localLayout,
    capLocalGraph: capLocalGraph,
  };

  if (typeof module !== 'undefined' && module.exports) module.exports = api;
  if (typeof window !== 'undefined') window.TrellisLayout = api;
})();
