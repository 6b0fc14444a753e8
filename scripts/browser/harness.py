"""What every browser check shares: Debian's Chromium driven by Playwright, a fresh context (its own
storage, window size and colour scheme) per check, the page's complaints, and one `ok`/`FAIL` line.

A check is a function of a page that reads like a person using the site: open a page, hover, type,
look (actions.py has the words). It fails by raising AssertionError (Playwright's `expect` and
actions.require do that) or when the page logs an error, throws, or fails a request meanwhile."""
import functools
import http.server
import os
import shutil
import threading
from contextlib import contextmanager

from playwright.sync_api import expect, sync_playwright

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}

# Generous for a busy machine; a check that passes never waits this long.
expect.set_options(timeout=10_000)


@contextmanager
def chromium():
    """Debian's Chromium (or $CHROMIUM): Playwright downloads no browser of its own here."""
    binary = shutil.which(os.environ.get("CHROMIUM", "chromium")) or "/usr/bin/chromium"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=binary)
        try:
            yield browser
        finally:
            browser.close()


class Complaints:
    """Console errors and warnings, uncaught exceptions and failed requests of one page, each with
    the address the page was at."""

    def __init__(self, page):
        self.page, self.found = page, []
        page.on("console", self._console)
        page.on("pageerror", lambda error: self._add(f"uncaught: {error.message}"))
        page.on("requestfailed", self._failed)
        page.on("response", lambda r: r.status >= 400 and self._add(f"HTTP {r.status}: {r.url}"))

    def _add(self, text):
        self.found.append(f"{text} (on {self.page.url})")

    def _console(self, message):
        if message.type in ("error", "warning", "assert"):
            self._add(f"console.{message.type}: {message.text}")

    def _failed(self, request):
        # A request the browser itself dropped (the page moved on) is not the site's fault.
        if request.failure != "net::ERR_ABORTED":
            self._add(f"request failed: {request.failure}: {request.url}")


class Checks:
    """Runs checks one at a time, as they are declared, and counts the failures."""

    def __init__(self, browser, site, screens):
        self.browser, self.site, self.screens = browser, site, screens
        self.failures = 0

    def url(self, path):
        return (self.site / path).resolve().as_uri()

    def shot(self, page, name, full=False):
        """Saves what the page shows; `full` scrolls through it first, as lazy images load near the
        window only, and stops at 8,000 px."""
        path = self.screens / f"{name}.png"
        if not full:
            page.screenshot(path=path)
            return
        page.evaluate("new Promise(done => { window.scrollTo(0, document.body.scrollHeight);"
                      " setTimeout(() => { window.scrollTo(0, 0); setTimeout(done, 300); }, 300); })")
        width, height = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.scrollHeight]")
        page.screenshot(path=path, full_page=True, clip={"x": 0, "y": 0, "width": width, "height": min(height, 8000)})

    def report(self, name, problems):
        if problems:
            self.failures += 1
            print(f"FAIL - {name}")
            for problem in problems[:20]:
                print(f"       {problem}")
        else:
            print(f"ok   - {name}")

    def check(self, name, viewport=DESKTOP, phone=False, scheme="light", complaints=True):
        """Runs the decorated `body(page)` at once in a fresh context, then reports what failed:
        the check's own finding, and the page's complaints unless `complaints` is False (a page
        made to hold broken markup may complain by design)."""
        def run(body):
            context = self.browser.new_context(viewport=viewport, is_mobile=phone, has_touch=phone,
                                               color_scheme=scheme)
            page = context.new_page()
            heard = Complaints(page)
            problems = []
            try:
                body(page)
            except AssertionError as error:
                problems.append(summary(error))
            except Exception as error:  # a timeout, or a mistake in the check: this check fails, the rest run
                problems.append(f"{type(error).__name__}: {summary(error)}")
            context.close()
            self.report(name, (heard.found if complaints else []) + problems)
        return run


def summary(error):
    """An error's message on one line, without Playwright's call log and page snapshot."""
    text = str(error).split("\nCall log:")[0]
    return " / ".join(line.strip() for line in text.splitlines() if line.strip())


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextmanager
def served(folder):
    """`folder` over http on a free port of 127.0.0.1; yields the base address."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()

