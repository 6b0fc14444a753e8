"""The site served over http under a sub-path (/docs/notes/), as on a project's pages: hover
previews need fetch, which file:// does not allow."""
import os
import shutil
import tempfile
from pathlib import Path

from playwright.sync_api import expect

from .actions import open_graph, open_page, require, wait_for_animations
from .harness import served


def check_over_http(checks):
    root = Path(tempfile.mkdtemp(prefix="trellis-browser-serve-"))
    (root / "docs").mkdir()
    os.symlink(checks.site, root / "docs" / "notes")
    try:
        with served(root) as address:
            base = address + "docs/notes/"

            @checks.check("http, under a sub-path: hover preview of an internal link")
            def _(page):
                open_page(page, base + "storage/caching.html")
                page.locator(".note-body a.internal[href*='#']").first.hover()
                preview = page.locator(".popover:not([hidden])")
                expect(preview.locator("p").first).to_be_visible()
                wait_for_animations(page)
                checks.shot(page, "15-hover-preview")
                require(len(preview.inner_text()) > 40, "the preview is empty")

            @checks.check("http: graph page and a note page load every asset")
            def _(page):
                open_graph(page, base + "graph.html")
                open_page(page, base + "networking/load-balancers.html")
    finally:
        shutil.rmtree(root, ignore_errors=True)
