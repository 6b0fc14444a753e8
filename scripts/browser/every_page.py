"""Every page of the site, one after another in one tab: no errors anywhere."""
from .actions import open_graph, open_page


def check_every_page(checks):
    pages = sorted(p.relative_to(checks.site).as_posix() for p in checks.site.rglob("*.html"))

    @checks.check(f"all {len(pages)} pages load without console errors or failed requests")
    def _(page):
        for path in pages:
            if path == "graph.html":
                open_graph(page, checks.url(path))
            else:
                open_page(page, checks.url(path))
