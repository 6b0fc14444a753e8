"""The graph page and the explorer with a synthetic vault of 10,000 notes."""
import json
import random
import shutil
import tempfile
import time
from pathlib import Path

from .actions import open_graph, open_page, require

# The time from a wheel event on the graph to the next frame that shows it.
ZOOM_FRAME_MS = """c => { const t0 = performance.now();
    c.dispatchEvent(new WheelEvent('wheel', {deltaY: -300, clientX: 500, clientY: 400, cancelable: true}));
    return new Promise(r => requestAnimationFrame(() => r(performance.now() - t0))); }"""


def synthetic_vault(count, seed=1):
    """A graph and explorer tree shaped like a big vault: folders of notes, links mostly nearby."""
    rng = random.Random(seed)
    folders = [f"Area {a:02d}/Topic {t:02d}" for a in range(20) for t in range(10)]
    nodes, edges, tree = [], [], {}
    for i in range(count):
        folder = folders[i % len(folders)]
        note_id = f"{folder}/Note {i:05d}.md"
        url = folder.lower().replace(" ", "-") + f"/note-{i:05d}.html"
        nodes.append({"id": note_id, "title": f"Note {i:05d}", "url": url, "tags": []})
        area, topic = folder.split("/")
        tree.setdefault(area, {}).setdefault(topic, []).append({"name": f"Note {i:05d}", "url": url})
    for i in range(count):
        for _ in range(rng.choice((1, 2, 3, 4))):
            j = (i + rng.choice((len(folders), 2 * len(folders), rng.randrange(count)))) % count
            edges.append({"source": nodes[i]["id"], "target": nodes[j]["id"], "kind": "link"})
    explorer = [{"name": area, "url": area.lower().replace(" ", "-") + "/index.html", "children": [
        {"name": topic, "url": f"{area}/{topic}".lower().replace(" ", "-") + "/index.html", "children": notes}
        for topic, notes in topics.items()]} for area, topics in tree.items()]
    return {"nodes": nodes, "edges": edges, "dangling": []}, explorer


def check_large_vault(checks, count=10000):
    copy = Path(tempfile.mkdtemp(prefix="trellis-browser-large-")) / "site"
    shutil.copytree(checks.site, copy)
    graph, tree = synthetic_vault(count)
    (copy / "_trellis/graph.js").write_text("window.TRELLIS_GRAPH = " + json.dumps(graph) + ";\n")
    (copy / "_trellis/explorer.js").write_text("window.TRELLIS_TREE = " + json.dumps(tree) + ";\n")
    try:
        @checks.check(f"graph page with {count:,} notes: laid out in under 15 s, stays responsive")
        def _(page):
            started = time.time()
            open_graph(page, copy.as_uri() + "/graph.html", timeout=30_000)
            took = time.time() - started
            checks.shot(page, "16-graph-10000")
            frame = page.locator("#global-graph canvas").evaluate(ZOOM_FRAME_MS)
            checks.shot(page, "17-graph-10000-zoomed")
            print(f"       layout {took:.1f} s, one zoom frame {frame:.0f} ms")
            require(took < 15, f"the layout took {took:.1f} s")
            require(frame < 250, f"a zoom frame took {frame:.0f} ms")

        @checks.check(f"explorer with {count:,} notes renders only the open folders")
        def _(page):
            open_page(page, copy.as_uri() + "/storage/caching.html")
            rows = page.locator("#explorer li").count()
            require(0 < rows < 500, f"{rows} explorer rows in the page")
    finally:
        shutil.rmtree(copy.parent, ignore_errors=True)
