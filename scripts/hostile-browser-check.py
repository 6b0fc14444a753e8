#!/usr/bin/env python3
"""Builds a vault of hostile notes — script in titles, aliases, tags, headings, file names, link
labels, descriptions, callouts, footnotes and link URLs — and loads every page in headless Chromium
with alert/confirm/prompt replaced by recorders. Any call means injected script ran: exit 1.
Typing a hostile query into the search box is checked the same way.

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
PROBE = ("window.__pwned = [];"
         "['alert','confirm','prompt'].forEach(function (n) { window[n] = function () {"
         " window.__pwned.push(n + ':' + Array.prototype.join.call(arguments, ',')); }; });")


def main():
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    work = Path(tempfile.mkdtemp())
    try:
        vault, site = work / "vault", work / "site"
        vault.mkdir()
        for name, text in NOTES.items():
            (vault / name).write_text(text, encoding="utf-8")
        subprocess.run([sys.argv[1], "build", str(vault), "--output", str(site), "--quiet"], check=False,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
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
        finally:
            browser.stop()
        print(f"ok   - {len(pages) - failures} of {len(pages)} hostile pages ran no injected script")
        print(f"hostile-browser-check: {len(pages) - failures} passed, {failures} failed")
        return 1 if failures or not pages else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
