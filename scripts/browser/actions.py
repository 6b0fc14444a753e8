"""What a person does with a page and what they look at, in the words the checks use: open a page
and let it draw, wait for the graph or an animation, scroll to a part, see whether it fits the window."""
import re

from playwright.sync_api import expect

# A page wider than the window scrolls sideways: on a phone, the text no longer fits.
NO_SIDEWAYS_SCROLL = "document.documentElement.scrollWidth <= window.innerWidth + 1"


def require(condition, message):
    """A plain fact about the page, in the same terms as Playwright's `expect`."""
    if not condition:
        raise AssertionError(message)


def fits_width(page):
    require(page.evaluate(NO_SIDEWAYS_SCROLL), "the page scrolls sideways")


def settle(page):
    """Waits for the page's second frame: the theme's scripts start on DOMContentLoaded and draw in
    animation frames, and a failure there must be seen before the check moves on."""
    page.evaluate("new Promise(done => requestAnimationFrame(() => requestAnimationFrame(() => done())))")


def open_page(page, url):
    page.goto(url)
    settle(page)


def open_graph(page, url, timeout=10_000):
    """Opens the global graph and waits until its layout has settled."""
    page.goto(url)
    expect(page.locator("#global-graph")).to_have_attribute("data-state", "ready", timeout=timeout)
    settle(page)


def wait_for_animations(page):
    """Waits until every animation and transition has ended (a drawer's slide, a preview's fade), so
    a screenshot shows what comes to rest."""
    page.wait_for_function("document.getAnimations().every(a => a.playState !== 'running')")


def scroll_to(locator):
    """Scrolls until the element is in the middle of the window, where a screenshot shows it whole."""
    locator.evaluate("e => e.scrollIntoView({block: 'center'})")


def lightness(css_colour):
    """The mean of a computed `rgb(r, g, b)` colour's channels, 0 (black) to 255 (white)."""
    return sum(float(c) for c in re.findall(r"[\d.]+", css_colour)[:3]) / 3
