#!/usr/bin/env python3
"""Builds a vault of hostile notes — script in titles, aliases, tags, headings, file names, link
labels, descriptions, callouts, footnotes and link URLs — and opens every page in headless Chromium.
Injected script shows itself the way a reader would see it: an alert, confirm or prompt dialog
opens; any dialog fails the check. Typing a hostile query into the search box is checked the same
way, and so is hovering links (over http, as previews need fetch) to attachments holding HTML and
to a note whose raw HTML (`unsafe_html = true`) carries handlers: a preview must never run a
linked file's script.

usage: hostile-browser-check.py TRELLIS_BINARY   (in the virtual environment of browser-check.py)"""
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from browser.actions import open_page, require
from browser.harness import Checks, chromium, served

PAYLOAD = '<script>alert(1)</script><img src=x onerror=alert(2)>"\'><svg onload=alert(3)>'
NOTES = {
    "Types.md": f'---\ntitle: "{PAYLOAD.replace(chr(34), chr(39))}"\naliases: ["<script>alert(4)</script>"]\n'
                f'tags: ["<b onmouseover=alert(5)>x</b>"]\ndescription: "</title><script>alert(6)</script>"\n---\nBody.\n',
    "Inject.md": f"# Heading {PAYLOAD}\n\n[[Types|{PAYLOAD}]] [x](javascript:alert(7)) [y](JaVaScRiPt:alert(8)) "
                 f"[z](data:text/html,<script>alert(9)</script>) ![i](javascript:alert(10))\n\n"
                 f"> [!note] {PAYLOAD}\n> body\n\nA footnote[^1]. #tag<script>alert(11)</script>\n\n"
                 f"[^1]: {PAYLOAD}\n\n<script>alert(12)</script>\n\n| {PAYLOAD} | b |\n| - | - |\n| c | d |\n",
    "<img src=x onerror=alert(13)>.md": "# File name\n\n[[Inject]]\n",
    "Embed.md": "![[Inject]]\n\n![[<img src=x onerror=alert(14)>]]\n",
}
# Attachments that look like note bodies, and a note page with handlers, for hover previews.
PREVIEW_NOTES = {
    "evil.txt": '<div class="note-body"><img src=x onerror=alert(21)></div>\n',
    "evil.html": '<!doctype html><meta name="generator" content="Trellis"><title>Evil</title>'
                 '<article class="note"><div class="note-body"><p>Evil<img src=x onerror=alert(22)>'
                 '<script>alert(23)</script></p></div></article>\n',
    "Hostile.md": '<p>Hostile <img src=x onerror=alert(24)> <a href="javascript:alert(25)" id=j>j</a></p>\n\n'
                  '<script>alert(26)</script>\n\n<details open ontoggle=alert(27)><summary>s</summary></details>\n\n'
                  '<iframe srcdoc="<script>parent.alert(28)</script>"></iframe>\n\nSome text.\n',
    "Links.md": "# Links\n\n[[evil.txt]]\n\n[[evil.html]]\n\n[[Hostile]]\n",
    "trellis.toml": "unsafe_html = true\n",
}
PREVIEWED = {"evil.txt": False, "evil.html": False, "hostile.html": True}  # href → whether a preview shows
# A reader rests the pointer on a link this long: the preview's delay, its fetch, an image's error.
HOVER_MS = 1500


def build(binary, vault, site, notes):
    vault.mkdir()
    for name, text in notes.items():
        (vault / name).write_text(text, encoding="utf-8")
    subprocess.run([binary, "build", str(vault), "--output", str(site), "--quiet"], check=False,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def record_dialogs(page):
    """Every alert, confirm or prompt the page opens, dismissed at once."""
    opened = []

    def dismiss(dialog):
        opened.append(f"{dialog.type}({dialog.message})")
        dialog.dismiss()
    page.on("dialog", dismiss)
    return opened


def check_pages(checks, site):
    for path in sorted(site.rglob("*.html")):
        name = path.relative_to(site).as_posix()

        @checks.check(f"{name}: no injected script runs" + (", nor when the payload is searched for" if name == "inject.html" else ""))
        def _(page, path=path, name=name):
            dialogs = record_dialogs(page)
            open_page(page, path.as_uri())
            require(not dialogs, f"injected script ran: {dialogs}")
            if name == "inject.html":
                page.click("#search-input")
                page.keyboard.type(PAYLOAD)
                page.locator("#search-results").wait_for()
                require(not dialogs, f"injected script ran on searching: {dialogs}")


def check_previews(checks, site):
    """The preview of hostile.html keeps its <img src=x> (without the handler), which fails to
    load: here a failed request is the test's own doing, so only dialogs count."""
    with served(site) as address:
        for href, shows in PREVIEWED.items():
            @checks.check(f"hover over {href}: {'a sanitised preview' if shows else 'no preview'}, no script runs",
                          complaints=False)
            def _(page, href=href, shows=shows):
                dialogs = record_dialogs(page)
                open_page(page, address + "links.html")
                page.locator(f".note-body a.internal[href='{href}']").hover()
                page.wait_for_timeout(HOVER_MS)
                require(not dialogs, f"injected script ran: {dialogs}")
                shown = page.locator(".popover:not([hidden])").count() == 1
                require(shown == shows, "a preview shows" if shown else "no preview shows")


def main():
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    work = Path(tempfile.mkdtemp())
    try:
        build(sys.argv[1], work / "vault", work / "site", NOTES)
        build(sys.argv[1], work / "preview-vault", work / "preview-site", PREVIEW_NOTES)
        pages = list((work / "site").rglob("*.html"))
        with chromium() as browser:
            checks = Checks(browser, work / "site", work)
            check_pages(checks, work / "site")
            check_previews(checks, work / "preview-site")
        total = len(pages) + len(PREVIEWED)
        print(f"hostile-browser-check: {total - checks.failures} passed, {checks.failures} failed")
        return 1 if checks.failures or not pages else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
