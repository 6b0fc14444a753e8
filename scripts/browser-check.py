#!/usr/bin/env python3
"""Load a built Trellis site in headless Chromium, fail on any console error or failed request,
check the theme's behaviour, and save screenshots.

usage: browser-check.py SITE_DIR SCREENSHOT_DIR [--fixture FILE]

Runs in the virtual environment `make browser-check` makes (.venv-browser/, with Playwright from
scripts/browser-requirements.txt) and drives Debian's Chromium ($CHROMIUM, default chromium).
Every page is opened from file://, as a reader opening the folder would; one group of checks serves
the site over http under a sub-path for hover previews (which need fetch) and sub-path hosting.
Prints one `ok` or `FAIL` line per check and exits 1 when any check fails.
"""
import argparse
import sys
from pathlib import Path

from browser.content import check_components, check_math_and_diagrams
from browser.desktop import check_desktop
from browser.every_page import check_every_page
from browser.harness import Checks, chromium
from browser.large_vault import check_large_vault
from browser.over_http import check_over_http
from browser.phone import check_phone


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("screens", type=Path)
    parser.add_argument("--fixture", type=Path,
                        default=Path(__file__).resolve().parent.parent / "Tests/js/fixtures/components.html")
    args = parser.parse_args()
    args.screens.mkdir(parents=True, exist_ok=True)
    with chromium() as browser:
        checks = Checks(browser, args.site.resolve(), args.screens)
        check_desktop(checks)
        check_phone(checks)
        if args.fixture.is_file():
            check_components(checks, args.fixture)
        check_math_and_diagrams(checks)
        check_over_http(checks)
        check_large_vault(checks)
        check_every_page(checks)
    print(f"browser-check: {'FAIL' if checks.failures else 'ok'} ({checks.failures} failed); screenshots in {args.screens}")
    return 1 if checks.failures else 0


if __name__ == "__main__":
    sys.exit(main())
