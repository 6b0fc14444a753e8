"""What notes hold, as the theme shows it: every styled kind of content (from a fixture) in both
schemes, math typeset by KaTeX, Mermaid diagrams drawn or shown as code."""
import json
import re

from playwright.sync_api import expect

from .actions import fits_width, lightness, open_page, require, scroll_to

SEARCH_RESULTS = """<a class="search-result" aria-selected="true" href="caching.html"><span class="search-result-title">Caching</span>
  <span class="search-result-snippet">A <mark>cache</mark> keeps a copy of frequently used data…</span></a>
  <a class="search-result" href="nosql.html"><span class="search-result-title">NoSQL</span>
  <span class="search-result-snippet">Key-value stores double as a <mark>cache</mark>…</span></a>"""


def check_components(checks, fixture):
    """A copy of a note page whose body holds every kind of content the theme styles."""
    source = (checks.site / "storage/caching.html").read_text(encoding="utf-8")
    start = source.index('<div class="note-body">') + len('<div class="note-body">')
    end = source.rindex("</div>", start, source.index("</article>"))
    body = fixture.read_text(encoding="utf-8")
    (checks.site / "storage/components.html").write_text(source[:start] + "\n" + body + source[end:], encoding="utf-8")

    for scheme in ("light", "dark"):
        @checks.check(f"components page ({scheme}): callouts, tables, tasks, embeds, footnotes", scheme=scheme)
        def _(page, scheme=scheme):
            open_page(page, checks.url("storage/components.html"))
            checks.shot(page, f"13-components-{scheme}", full=True)
            tasks = page.evaluate("""() => [...document.querySelectorAll('.note-body li')]
                .filter(li => li.firstElementChild && li.firstElementChild.matches('input[type=checkbox]'))
                .map(li => [getComputedStyle(li).listStyleType, getComputedStyle(li).textDecorationLine])""")
            # Open, done and asked ([?]): no bullet; only done is struck through.
            assert tasks == [["none", "none"], ["none", "line-through"], ["none", "none"]], f"task items: {tasks}"
            # `|120x80` draws the image at both sizes, as Obsidian does; `|120` keeps its ratio (640×220).
            scroll_to(page.locator("#sized-both"))
            page.wait_for_function("""() => ['sized-both', 'sized-width'].every(id => {
                const image = document.getElementById(id); return image.complete && image.naturalWidth > 0; })""")
            sizes = page.evaluate("""() => ['sized-both', 'sized-width'].map(id => {
                const box = document.getElementById(id).getBoundingClientRect();
                return [Math.round(box.width), Math.round(box.height)]; })""")
            assert sizes == [[120, 80], [120, 41]], f"sized images: {sizes}"
            page.locator("#search-results").evaluate(
                f"box => {{ box.innerHTML = {json.dumps(SEARCH_RESULTS)}; box.hidden = false; }}")
            checks.shot(page, f"14-search-results-{scheme}")
            fits_width(page)


MATH_PAGE = "fundamentals/availability-patterns.html"
ALL_TYPESET = """[...document.querySelectorAll('.math')].every(m => m.querySelector('.katex')
    && ![...m.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()))"""
BROKEN_FORMULA = '<p id="broken">Broken: <span class="math math-inline">\\(\\frac{1}{\\)</span> stays source.</p>'


def check_math_and_diagrams(checks):
    """Notes/ has a page with inline and display math and a Mermaid diagram: KaTeX typesets every
    formula (no TeX left visible, its fonts loaded) in both schemes; a copy of the page with a
    formula KaTeX cannot parse shows that formula's source in the error style; the diagram is
    drawn when the site has a Mermaid script (MERMAID_JS for browser-check.sh), else it stays
    code with its note. Pages without math load no KaTeX."""
    source = (checks.site / MATH_PAGE).read_text(encoding="utf-8")
    katex, mermaid = "_trellis/katex/katex.min.js" in source, "_trellis/mermaid.min.js" in source
    if not katex:
        print("       (KaTeX is not installed: math is checked to stay TeX source)")
    marker = '<div class="note-body">'
    (checks.site / "fundamentals/math-error.html").write_text(source.replace(marker, marker + BROKEN_FORMULA, 1), encoding="utf-8")

    for scheme in ("light", "dark"):
        @checks.check(f"math and diagram page ({scheme}): every formula typeset, the diagram drawn or shown as code", scheme=scheme)
        def _(page, scheme=scheme):
            open_page(page, checks.url(MATH_PAGE))
            count = page.locator(".math").count()
            require(count >= 5, f"{count} formulas on the page")
            if katex:
                look_at_typeset_math(page)
            else:
                expect(page.locator(".math").first, "the TeX source is not shown").to_have_text(re.compile(r"^\\\("))
            if mermaid:
                look_at_drawn_diagram(page, scheme)
            else:
                expect(page.locator("figure.diagram pre code"), "the diagram's code does not show").to_be_visible()
                expect(page.locator(".diagram-note"), "no note that the code is a diagram").to_contain_text("Mermaid diagram")
            scroll_to(page.locator(".math-display").first)
            checks.shot(page, f"18-math-{scheme}")
            scroll_to(page.locator("figure.diagram").first)
            checks.shot(page, f"19-diagram-{scheme}")
            if mermaid and scheme == "light":
                drawn = page.locator(".diagram-drawing svg").get_attribute("id")
                page.click("#theme-toggle")
                expect(page.locator(".diagram-drawing svg"), "the diagram was not drawn again").not_to_have_id(drawn)
                require(diagram_lightness(page) < 100, "the diagram was not drawn again in the dark scheme")
            fits_width(page)

    @checks.check("a formula KaTeX cannot parse shows its source in the error style")
    def _(page):
        open_page(page, checks.url("fundamentals/math-error.html"))
        if not katex:
            return
        page.wait_for_function("[...document.querySelectorAll('.math')].every(m => m.hasAttribute('data-typeset'))")
        error = page.locator("#broken .math-error .katex-error")
        expect(error, "the broken formula's source is not shown").to_have_text("\\frac{1}{")
        colour = error.evaluate("e => getComputedStyle(e).color")
        red, green = [int(v) for v in re.findall(r"\d+", colour)[:2]]
        require(red > green + 60, f"the error is not in the danger colour ({colour})")
        scroll_to(page.locator("#broken"))
        checks.shot(page, "20-math-error")
        expect(page.locator(".math-error"), "other formulas failed").to_have_count(1)

    @checks.check("pages without math or diagrams load neither KaTeX nor Mermaid")
    def _(page):
        open_page(page, checks.url("storage/caching.html"))
        expect(page.locator('[src*=katex], [href*=katex], [src*=mermaid], script[src$="math.js"]'),
               "a page without math loads its scripts").to_have_count(0)


def look_at_typeset_math(page):
    page.wait_for_function(ALL_TYPESET)
    page.evaluate("document.fonts.ready.then(() => true)")
    require(page.locator(".katex-display").count() >= 2, "display math is not in display mode")
    require(not page.evaluate("[...document.querySelectorAll('.katex-html')].some(k => k.innerText.includes('\\\\'))"),
            "TeX source is left visible")
    require(page.evaluate("document.fonts.check('16px KaTeX_Main') && document.fonts.check('16px KaTeX_Math')"),
            "KaTeX's fonts did not load")
    expect(page.locator(".math-error"), "a formula shows as an error").to_have_count(0)
    text_colour = page.locator(".note-body").first.evaluate("e => getComputedStyle(e).color")
    expect(page.locator(".katex").first, "math is not in the text colour").to_have_css("color", text_colour)


def diagram_lightness(page):
    return lightness(page.locator(".diagram-drawing svg .node rect").first.evaluate("r => getComputedStyle(r).fill"))


def look_at_drawn_diagram(page, scheme):
    expect(page.locator("figure.diagram-drawn .diagram-drawing svg").first).to_be_visible()
    expect(page.locator("figure.diagram pre").first, "the diagram's code still shows").to_have_css("display", "none")
    require((diagram_lightness(page) < 100) == (scheme == "dark"), f"the diagram is not in the {scheme} scheme")
