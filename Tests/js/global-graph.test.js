// Tests of Theme/assets/global-graph.js: preparing TRELLIS_GRAPH, colour groups, bounded layout
// work, and finding the node under the pointer.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const graphView = require('../../Theme/assets/global-graph.js');

const data = {
  nodes: [
    { id: 'Storage/Caching.md', title: 'Caching', url: 'storage/caching.html', tags: [] },
    { id: 'Storage/NoSQL.md', title: 'NoSQL', url: 'storage/nosql.html', tags: [] },
    { id: 'Networking/TCP.md', title: 'TCP', url: 'networking/tcp.html', tags: [] },
    { id: 'Home.md', title: 'Home', url: 'index.html', tags: [] },
  ],
  edges: [
    { source: 'Storage/Caching.md', target: 'Storage/NoSQL.md', kind: 'link' },
    { source: 'Storage/NoSQL.md', target: 'Storage/Caching.md', kind: 'link' },
    { source: 'Storage/Caching.md', target: 'Storage/Caching.md', kind: 'link' },
    { source: 'Storage/Caching.md', target: 'Nowhere.md', kind: 'link' },
    { source: 'Home.md', target: 'Networking/TCP.md', kind: 'embed' },
  ],
  dangling: [],
};

test('a link and its reverse are one edge; self links and unknown notes are dropped', () => {
  const graph = graphView.prepareGraph(data);
  assert.equal(graph.count, 4);
  assert.deepEqual([...graph.edges], [0, 1, 3, 2]);
  assert.deepEqual([...graph.degree], [1, 1, 1, 1]);
});

test('missing or malformed data gives an empty graph, not an exception', () => {
  for (const bad of [undefined, null, {}, { nodes: 'x' }, { nodes: [null, { title: 'no id' }], edges: [null] }]) {
    const graph = graphView.prepareGraph(bad);
    assert.equal(graph.count, 0);
    assert.equal(graph.edges.length, 0);
  }
});

test('notes are coloured by top-level folder, biggest folders first', () => {
  const graph = graphView.prepareGraph(data);
  assert.deepEqual(graph.groupNames, ['Storage', 'Top level', 'Networking']);
  assert.deepEqual([...graph.group], [0, 0, 2, 1]);
  assert.equal(graphView.topFolder('A/B/c.md'), 'A');
  assert.equal(graphView.topFolder('c.md'), '');
});

test('beyond the palette, the smallest folders share "Other folders"', () => {
  const folders = [];
  for (let f = 0; f < 12; f++) for (let n = 0; n <= f; n++) folders.push('F' + f);
  const groups = graphView.assignGroups(folders, 8);
  assert.equal(groups.names.length, 8);
  assert.equal(groups.names[0], 'F11');
  assert.equal(groups.names[7], 'Other folders');
  assert.equal(groups.sizes.reduce((a, b) => a + b, 0), folders.length);
  assert.equal(groups.index[0], 7, 'F0, the smallest, is in Other');
});

test('layout iterations shrink as the graph grows, within fixed bounds', () => {
  assert.equal(graphView.iterationsFor(27, 104), 300);
  const big = graphView.iterationsFor(10000, 30000);
  assert.ok(big >= 40 && big < 100, String(big));
  assert.equal(graphView.iterationsFor(1e6, 1e7), 40);
  assert.ok(graphView.iterationsFor(10000, 30000) * (10000 * 40 + 30000) <= 3.1e7);
});

test('the global layout is deterministic and finite', () => {
  const run = () => {
    const layout = graphView.createGraphLayout(graphView.prepareGraph(data));
    layout.step(layout.iterations);
    return [...layout.x, ...layout.y];
  };
  const a = run();
  assert.ok(a.every(Number.isFinite));
  assert.deepEqual(a, run());
});

test('a synthetic 3,000-note vault lays out completely in bounded time', () => {
  const nodes = [];
  const edges = [];
  for (let i = 0; i < 3000; i++) nodes.push({ id: `F${i % 30}/N${i}.md`, title: 'N' + i, url: `n${i}.html` });
  for (let i = 0; i < 3000; i++) {
    edges.push({ source: nodes[i].id, target: nodes[(i * 7 + 1) % 3000].id });
    edges.push({ source: nodes[i].id, target: nodes[(i + 30) % 3000].id });
  }
  const graph = graphView.prepareGraph({ nodes, edges });
  const layout = graphView.createGraphLayout(graph);
  const started = Date.now();
  layout.step(layout.iterations);
  assert.ok([...layout.x].every(Number.isFinite));
  assert.ok(Date.now() - started < 20000);
});

test('the neighbour lists match the edges', () => {
  const adj = graphView.adjacency(4, Int32Array.from([0, 1, 0, 2, 3, 2]));
  const neighbours = (i) => [...adj.list.slice(adj.offsets[i], adj.offsets[i + 1])].sort();
  assert.deepEqual(neighbours(0), [1, 2]);
  assert.deepEqual(neighbours(2), [0, 3]);
  assert.deepEqual(neighbours(1), [0]);
});

test('picking finds the nearest node within reach, or none', () => {
  const x = Float64Array.from([0, 100, 103, 500]);
  const y = Float64Array.from([0, 0, 0, 500]);
  const grid = graphView.buildPickGrid(x, y, 60);
  assert.equal(graphView.pickNode(grid, x, y, 2, 1, 10), 0);
  assert.equal(graphView.pickNode(grid, x, y, 102, 0, 10), 2);
  assert.equal(graphView.pickNode(grid, x, y, 250, 250, 10), -1);
  assert.equal(graphView.pickNode(grid, x, y, 470, 470, 50), 3, 'reach wider than a grid cell');
});

test('labels go to the most linked notes first', () => {
  assert.deepEqual([...graphView.labelOrder(Int32Array.from([1, 5, 3, 5]))], [1, 3, 2, 0]);
});
