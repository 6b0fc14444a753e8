"""The site on a phone (390 px wide, touch): one column, the explorer as a drawer, the graph in dark."""
from playwright.sync_api import expect

from .actions import fits_width, open_graph, open_page, wait_for_animations
from .harness import PHONE


def check_phone(checks):
    @checks.check("phone (390 px): one column, no sideways scrolling", PHONE, phone=True)
    def _(page):
        open_page(page, checks.url("index.html"))
        checks.shot(page, "06-phone-home")
        fits_width(page)
        expect(page.locator("#explorer"), "the explorer shows before the toggle").to_have_css("visibility", "hidden")
        open_page(page, checks.url("storage/caching.html"))
        checks.shot(page, "07-phone-note-full", full=True)
        fits_width(page)

    @checks.check("phone: the explorer drawer opens and closes", PHONE, phone=True)
    def _(page):
        toggle, drawer = page.locator("#explorer-toggle"), page.locator("#explorer")
        open_page(page, checks.url("storage/caching.html"))
        toggle.tap()
        expect(toggle).to_have_attribute("aria-expanded", "true")
        expect(drawer, "the drawer is not shown").to_have_css("visibility", "visible")
        wait_for_animations(page)
        checks.shot(page, "08-phone-drawer")
        page.keyboard.press("Escape")
        expect(toggle, "Escape did not close the drawer").to_have_attribute("aria-expanded", "false")
        toggle.tap()
        wait_for_animations(page)
        drawer.locator(".explorer-close").tap()
        expect(toggle, "the close button did not close the drawer").to_have_attribute("aria-expanded", "false")

    @checks.check("phone: dark graph page", PHONE, phone=True, scheme="dark")
    def _(page):
        open_graph(page, checks.url("graph.html"))
        checks.shot(page, "09-phone-graph-dark")
