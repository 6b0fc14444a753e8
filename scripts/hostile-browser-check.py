#!/usr/bin/env python3
"""Builds a vault of hostile notes — script in titles, aliases, tags, headings, file names, link
labels, descriptions, callouts, footnotes and link URLs — and loads every page in headless Chromium
with alert/confirm/prompt replaced by recorders. Any call means injected script ran: exit 1.
Typing a hostile query into the search box is checked the same way, and so is hovering links
(over http, as previews need fetch) to attachments holding HTML and to a note whose raw HTML
(`unsafe_html = true`) carries handlers: a preview must never run a linked file's script.

usage: hostile-browser-check.py TRELLIS_BINARY"""
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

here = Path(__file__).resolve().parent
spec = importlib.util.spec_from_file_location("browser_check", here / "browser-check.py")
bc = importlib.util.module_from_spec(spec)
spec.loader.exec_module(bc)

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
PROBE = ("window.__pwned = [];"
         "['alert','confirm','prompt'].forEach(function (n) { window[n] = function () {"
         " window.__pwned.push(n + ':' + Array.prototype.join.call(arguments, ',')); }; });")


def build(binary, vault, site, notes):
    vault.mkdir()
    for name, text in notes.items():
        (vault / name).write_text(text, encoding="utf-8")
    subprocess.run([binary, "build", str(vault), "--output", str(site), "--quiet"], check=False,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def check_previews(tools, site):
    """Hovers each link of links.html, served over http; returns the number of failures."""
    server = bc.serve(site)
    failures = 0
    try:
        page = bc.Page(tools, (1280, 900))
        page.call("Page.addScriptToEvaluateOnNewDocument", {"source": PROBE})
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/links.html")
        for href, shows in PREVIEWED.items():
            page.call("Input.dispatchMouseEvent", {"type": "mouseMoved", "x": 1, "y": 1})  # hides the last one
            page.eval("window.__pwned = []")
            page.hover(f".note-body a.internal[href='{href}']")
            tools.pump(1.5)  # the preview delay, the fetch, and an image's error
            shown = page.eval("!!document.querySelector('.popover:not([hidden])')")
            calls = page.eval("JSON.stringify(window.__pwned || [])")
            if calls != "[]" or shown != shows:
                print(f"FAIL - hover over {href}: injected script ran: {calls}; preview shown: {shown}")
                failures += 1
            else:
                print(f"ok   - hover over {href}: {'a sanitised preview' if shows else 'no preview'}, no script ran")
        page.close()
    finally:
        server.shutdown()
    return failures


def main():
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    work = Path(tempfile.mkdtemp())
    try:
        vault, site = work / "vault", work / "site"
        build(sys.argv[1], vault, site, NOTES)
        build(sys.argv[1], work / "preview-vault", work / "preview-site", PREVIEW_NOTES)
        pages = sorted(site.rglob("*.html"))
        browser = bc.Chromium(shutil.which(os.environ.get("CHROMIUM", "chromium")) or "chromium")
        failures = 0
        try:
            tools = bc.DevTools(browser.url)
            for path in pages:
                page = bc.Page(tools, (1280, 900))
                page.call("Page.addScriptToEvaluateOnNewDocument", {"source": PROBE})
                page.goto(path.as_uri())
                calls = page.eval("JSON.stringify(window.__pwned || [])")
                if path.name == "inject.html":
                    page.eval("(function(){var i=document.getElementById('search-input'); if(!i) return;"
                              f" i.focus(); i.value={json.dumps(PAYLOAD)}; i.dispatchEvent(new Event('input'));}})()")
                    tools.pump(1.0)
                    calls = page.eval("JSON.stringify(window.__pwned || [])")
                if calls != "[]":
                    print(f"FAIL - {path.relative_to(site)}: injected script ran: {calls}")
                    failures += 1
                page.close()
            preview_failures = check_previews(tools, work / "preview-site")
        finally:
            browser.stop()
        print(f"ok   - {len(pages) - failures} of {len(pages)} hostile pages ran no injected script")
        failures += preview_failures
        total = len(pages) + len(PREVIEWED)
        print(f"hostile-browser-check: {total - failures} passed, {failures} failed")
        return 1 if failures or not pages else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
