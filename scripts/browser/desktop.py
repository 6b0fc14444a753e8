"""The site on a desktop window, from file:// as a reader opening the folder would: the explorer,
a note, the table of contents, the global graph, dark mode, the keyboard, search and printing."""
import math
import re
from pathlib import Path
from urllib.parse import unquote, urlparse

from playwright.sync_api import expect

from .actions import fits_width, lightness, open_graph, open_page, require

NOTE = "storage/caching.html"


def check_desktop(checks):
    check_home_and_note(checks)
    check_explorer_and_contents(checks)
    check_graph(checks)
    check_dark_mode(checks)
    check_search(checks)
    check_other_pages(checks)


def has_dark_background(page):
    colour = page.evaluate("getComputedStyle(document.body).backgroundColor")
    require(lightness(colour) < 60, f"the background is {colour}, not dark")


def links_to_pages(page, selector):
    """Checks that every link the selector finds opens a page of the site; returns how many there are."""
    targets = page.eval_on_selector_all(selector, "links => links.map(a => new URL(a.getAttribute('href'), location.href).href)")
    for target in targets:
        require(Path(unquote(urlparse(target).path)).is_file(), f"the link {target} ({selector}) names no page")
    return len(targets)


def check_home_and_note(checks):
    @checks.check("home page: explorer, local graph, home marked current")
    def _(page):
        open_page(page, checks.url("index.html"))
        expect(page.locator("#explorer .explorer-list")).to_be_visible()
        checks.shot(page, "01-home")
        require(page.locator("#explorer a").count() > 5, "the explorer has five links or fewer")
        require(page.locator("#local-graph .graph-node").count() >= 2, "the local graph is not drawn")
        expect(page.locator("#explorer [aria-current=page]"), "home is not marked current").to_be_attached()
        fits_width(page)

    # 02-note.png is the README's picture (docs/screenshot.png is a copy of it).
    @checks.check("note page: backlinks, table of contents, local graph links, current note opened in the explorer")
    def _(page):
        open_page(page, checks.url(NOTE))
        checks.shot(page, "02-note")
        checks.shot(page, "02-note-full", full=True)
        require(page.locator(".backlinks li").count() > 0, "no backlinks")
        require(page.locator(".toc li").count() > 1, "no table of contents")
        # The local graph's links are written from the site root and joined to this page's folder.
        require(links_to_pages(page, "#local-graph a.graph-node") >= 2, "the local graph has fewer than two links")
        expect(page.locator("#explorer [aria-current=page]")).to_have_text("Caching")
        expect(page.locator("#explorer [data-folder='storage/index.html'] .explorer-fold"),
               "the current note's folder is closed").to_have_attribute("aria-expanded", "true")

    @checks.check("note page: a property whose value is a [[link]] shows as a link to its page")
    def _(page):
        open_page(page, checks.url(NOTE))
        checks.shot(page, "18-properties")
        properties = page.locator(".note-title ~ .note-properties")
        expect(properties, "the properties are not under the note's title").to_be_visible()
        expect(properties.locator("dd").get_by_role("link", name="Content Delivery Networks", exact=True),
               "no property links to Content Delivery Networks").to_be_visible()
        links_to_pages(page, ".note-properties dd a.internal")
        fits_width(page)


def check_explorer_and_contents(checks):
    @checks.check("explorer: a folder opens on click, and stays open on the next page")
    def _(page):
        folder = page.locator("#explorer [data-folder='networking/index.html']")
        open_page(page, checks.url("index.html"))
        folder.locator(".explorer-fold").click()
        expect(folder.locator("li").first, "no notes shown in the opened folder").to_be_visible()
        open_page(page, checks.url(NOTE))
        expect(folder.locator(".explorer-fold"), "the opened folder was not remembered").to_have_attribute("aria-expanded", "true")
        page.click("#explorer .explorer-collapse")
        expect(page.locator("#explorer [aria-expanded=true]"), "collapse all left folders open").to_have_count(0)

    @checks.check("table of contents follows the section being read")
    def _(page):
        open_page(page, checks.url(NOTE))
        page.mouse.move(640, 450)
        page.mouse.wheel(0, page.locator("#cache-invalidation").bounding_box()["y"])
        expect(page.locator(".toc [aria-current]")).to_have_text("Cache invalidation")


def check_graph(checks):
    @checks.check("graph: hovering a node shows its title, clicking opens the note")
    def _(page):
        open_graph(page, checks.url("graph.html"))
        box = page.locator("#global-graph canvas").bounding_box()
        tooltip = page.locator(".graph-tooltip")
        found = None
        for step in range(0, 400, 8):  # a spiral out from the centre, until a node answers the pointer
            angle = step * 0.35
            x = box["x"] + box["width"] / 2 + step * 0.6 * math.cos(angle)
            y = box["y"] + box["height"] / 2 + step * 0.6 * math.sin(angle)
            page.mouse.move(x, y)
            if tooltip.is_visible():
                found = (x, y)
                break
        require(found, "no node answered the pointer")
        title = tooltip.evaluate("t => t.firstChild.textContent")
        checks.shot(page, "03-graph-hover")
        page.mouse.click(*found)
        expect(page).to_have_title(re.compile("^" + re.escape(title)))

    @checks.check("graph page: every note laid out and drawn on a canvas")
    def _(page):
        open_graph(page, checks.url("graph.html"))
        checks.shot(page, "03-graph")
        painted = page.locator("#global-graph canvas").evaluate("""c => {
            const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0;
            for (let i = 3; i < d.length; i += 4) if (d[i]) n++; return n; }""")
        require(painted > 2000, f"the graph's canvas is nearly empty ({painted} painted pixels)")


def check_dark_mode(checks):
    @checks.check("dark mode from the system setting", scheme="dark")
    def _(page):
        open_page(page, checks.url(NOTE))
        checks.shot(page, "04-note-dark")
        has_dark_background(page)

    @checks.check("dark mode chosen with the toggle, remembered across pages")
    def _(page):
        open_page(page, checks.url("index.html"))
        page.click("#theme-toggle")
        expect(page.locator("html"), "the toggle did not switch to dark").to_have_attribute("data-theme", "dark")
        open_graph(page, checks.url("graph.html"))
        checks.shot(page, "05-graph-dark")
        has_dark_background(page)


def check_search(checks):
    @checks.check("keyboard: / and Ctrl-K focus the search box")
    def _(page):
        box = page.locator("#search-input")
        open_page(page, checks.url(NOTE))
        page.keyboard.press("/")
        expect(box, "/ did not focus the search box").to_be_focused()
        expect(box, "/ was typed into the box").to_have_value("")
        box.blur()
        page.keyboard.press("Control+k")
        expect(box, "Ctrl-K did not focus the search box").to_be_focused()

    indexed = (checks.site / "_trellis/search/meta.js").is_file()

    @checks.check("search: typing a word lists matching notes" + ("" if indexed else " (skipped: this build has no search index)"))
    def _(page):
        if not indexed:
            return
        open_page(page, checks.url(NOTE))
        page.keyboard.press("/")
        page.keyboard.type("cache")
        results = page.locator("#search-results .search-result")
        expect(results.first, "no note is listed for “cache”").to_be_visible()
        expect(results.first).to_contain_text(re.compile("cach", re.IGNORECASE))
        checks.shot(page, "05-search")


def check_other_pages(checks):
    for name, path in (("10-folder", "storage/index.html"), ("11-tags", "tags/index.html"), ("12-404", "404.html")):
        @checks.check(f"{path} renders without errors")
        def _(page, name=name, path=path):
            open_page(page, checks.url(path))
            checks.shot(page, name)
            fits_width(page)

    @checks.check("print stylesheet hides the header, explorer and sidebar")
    def _(page):
        open_page(page, checks.url(NOTE))
        page.emulate_media(media="print")
        for part in (".site-header", "#explorer", ".sidebar"):
            expect(page.locator(part), f"{part} is still shown in print").to_have_css("display", "none")
