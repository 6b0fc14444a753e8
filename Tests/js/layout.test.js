// Tests of the force layout in Theme/assets/graph-layout.js (used by both graphs): finite,
// deterministic, bounded work, and the local graph's rules.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const layouts = require('../../Theme/assets/graph-layout.js');

/** A ring of `count` nodes with a few chords: connected, with some structure. */
function ringGraph(count) {
  const edges = [];
  for (let i = 0; i < count; i++) edges.push(i, (i + 1) % count);
  for (let i = 0; i < count; i += 7) edges.push(i, (i * 13 + 5) % count);
  return edges;
}

function allFinite(layout) {
  return [...layout.x, ...layout.y].every(Number.isFinite);
}

test('positions are finite for empty, single, disconnected and normal graphs', () => {
  assert.equal(layouts.forceLayout(0, [], {}).x.length, 0);
  assert.ok(allFinite(layouts.forceLayout(1, [], {})));
  assert.ok(allFinite(layouts.forceLayout(5, [], { iterations: 50 })));
  assert.ok(allFinite(layouts.forceLayout(100, ringGraph(100), { iterations: 80 })));
});

test('nodes starting on the same spot are pushed apart, not divided by zero', () => {
  const layout = layouts.forceLayout(3, [0, 1, 1, 2], { iterations: 30, x: [0, 0, 0], y: [0, 0, 0] });
  assert.ok(allFinite(layout));
  assert.ok(Math.hypot(layout.x[0] - layout.x[1], layout.y[0] - layout.y[1]) > 1);
});

test('self links and repeated links do not break the layout', () => {
  assert.ok(allFinite(layouts.forceLayout(4, [0, 0, 1, 2, 1, 2, 2, 3], { iterations: 20 })));
});

test('the same graph gives the same picture every time', () => {
  const a = layouts.forceLayout(300, ringGraph(300), { iterations: 60 });
  const b = layouts.forceLayout(300, ringGraph(300), { iterations: 60 });
  assert.deepEqual([...a.x], [...b.x]);
  assert.deepEqual([...a.y], [...b.y]);
});

test('stepping in slices gives the same result as running at once', () => {
  const whole = layouts.forceLayout(200, ringGraph(200), { iterations: 40 });
  const sliced = layouts.createForceLayout(200, ringGraph(200), { iterations: 40 });
  let done = false;
  let steps = 0;
  while (!done) { done = sliced.step(3); steps++; }
  assert.equal(steps, 14);
  assert.equal(sliced.step(5), true, 'a finished layout stays finished');
  assert.deepEqual([...sliced.x], [...whole.x]);
});

test('linked nodes end up closer than unlinked ones', () => {
  const count = 60;
  const layout = layouts.forceLayout(count, ringGraph(count), { iterations: 200 });
  const dist = (a, b) => Math.hypot(layout.x[a] - layout.x[b], layout.y[a] - layout.y[b]);
  let linked = 0;
  for (let i = 0; i < count; i++) linked += dist(i, (i + 1) % count);
  let far = 0;
  for (let i = 0; i < count; i++) far += dist(i, (i + count / 2) % count);
  assert.ok(linked / count < far / count / 2, `linked ${linked / count} vs opposite ${far / count}`);
});

test('the pinned node stays at the centre', () => {
  const layout = layouts.forceLayout(10, ringGraph(10), { iterations: 50, pinned: 3 });
  assert.equal(layout.x[3], 0);
  assert.equal(layout.y[3], 0);
});

test('10,000 nodes: one iteration is cheap enough for a bounded number of them', () => {
  const count = 10000;
  const layout = layouts.createForceLayout(count, ringGraph(count), { iterations: 10, spacing: 50 });
  const started = process.hrtime.bigint();
  layout.step(3);
  const perIteration = Number(process.hrtime.bigint() - started) / 3e6;
  assert.ok(allFinite(layout));
  assert.ok(perIteration < 400, `${perIteration.toFixed(0)} ms per iteration`);
});

test('fitTransform puts the box inside the view, centred', () => {
  const fit = layouts.fitTransform({ minX: -100, minY: -50, maxX: 100, maxY: 50 }, 400, 300, 20, 10);
  assert.equal(fit.scale, 1.8);
  assert.equal(fit.x, 200);
  assert.equal(fit.y, 150);
  const single = layouts.fitTransform(layouts.bounds([5], [5]), 400, 300, 20, 2);
  assert.ok(Number.isFinite(single.scale) && single.scale <= 2);
});

test('the spiral start is deterministic and evenly spread', () => {
  const a = layouts.spiralPositions(50, 10);
  const b = layouts.spiralPositions(50, 10);
  assert.deepEqual([...a.x], [...b.x]);
  const radii = [...a.x].map((x, i) => Math.hypot(x, a.y[i]));
  assert.ok(radii.every((r, i) => i === 0 || r > radii[i - 1]));
});

const local = {
  nodes: [
    { id: 'a', title: 'A', url: 'a.html', depth: 0 },
    { id: 'c', title: 'C', url: 'c.html', depth: 2 },
    { id: 'b', title: 'B', url: 'b.html', depth: 1 },
  ],
  edges: [{ source: 'a', target: 'b' }, { source: 'b', target: 'c' }, { source: 'a', target: 'missing' }],
};

test('the local graph keeps the note first, drops links to nodes it does not show', () => {
  const capped = layouts.capLocalGraph(local);
  assert.deepEqual(capped.nodes.map((n) => n.id), ['a', 'b', 'c']);
  assert.equal(capped.edges.length, 2);
  assert.deepEqual(layouts.capLocalGraph(null), { nodes: [], edges: [] });
  assert.equal(layouts.capLocalGraph(local, 2).nodes.length, 2);
});

test('the second ring is left out around a well-linked note', () => {
  const nodes = [{ id: 'n', depth: 0 }];
  for (let i = 0; i < 10; i++) nodes.push({ id: 'd1-' + i, depth: 1 });
  for (let i = 0; i < 30; i++) nodes.push({ id: 'd2-' + i, depth: 2 });
  const capped = layouts.capLocalGraph({ nodes, edges: [] });
  assert.equal(capped.nodes.length, 11);
  assert.ok(capped.nodes.every((n) => n.depth <= 1));
});

test('the local layout pins the note in the middle and is finite', () => {
  const capped = layouts.capLocalGraph(local);
  const layout = layouts.localLayout(capped, 40);
  assert.equal(layout.x[0], 0);
  assert.equal(layout.y[0], 0);
  assert.ok(allFinite(layout));
  assert.deepEqual(layout.edges, [0, 1, 1, 2]);
});

test('local graph labels never overlap, the note itself first', () => {
  const labels = [
    { x: 100, y: 50, text: 'Neighbour one', priority: -1 },
    { x: 105, y: 52, text: 'The note', priority: 0 },
    { x: 100, y: 120, text: 'Far away', priority: -1 },
    { x: 3, y: 120, text: 'Sticks out on the left', priority: -1 },
  ];
  const shown = layouts.chooseLabels(labels, 10.5, 260);
  assert.deepEqual([...shown].sort(), [1, 2]);
});
