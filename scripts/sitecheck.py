#!/usr/bin/env python3
"""Follows every internal link of a built site, as a browser opening it from disk would.

    scripts/sitecheck.py SITE      exit 0 when every link works, 1 otherwise (each broken one listed)

A link works when its file exists (a folder means its index.html) and its #fragment, if any,
names an element id of that page. Links with a scheme (https:, mailto:, data:) or to another host
are not followed; an internal link starting with "/" is broken, since the site must work from
file:// and under any sub-path."""
import pathlib
import sys
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

LINKING = {("a", "href"), ("link", "href"), ("area", "href"), ("img", "src"), ("script", "src"),
           ("source", "src"), ("audio", "src"), ("video", "src"), ("iframe", "src"), ("embed", "src")}


class Links(HTMLParser):
    """The ids a page defines and the links it makes, with their lines."""

    def __init__(self, text):
        super().__init__(convert_charrefs=True)
        self.ids, self.links = set(), []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if not value:
                continue
            if name == "id":
                self.ids.add(value)
            elif (tag, name) in LINKING:
                self.links.append((value, self.getpos()[0]))


def target(site, page, link):
    """The file a link leads to and its fragment; None for links that leave the site."""
    parts = urlsplit(link)
    if parts.scheme or parts.netloc:
        return None
    if not parts.path:
        return page, unquote(parts.fragment)
    if parts.path.startswith("/"):
        return "absolute", None
    file = (page.parent / unquote(parts.path)).resolve()
    if file.is_dir():
        file = file / "index.html"
    return file, unquote(parts.fragment)


def main():
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    site = pathlib.Path(sys.argv[1]).resolve()
    parsed, broken, followed = {}, [], 0

    def links_of(page):
        if page not in parsed:
            parsed[page] = Links(page.read_text(encoding="utf-8", errors="replace"))
        return parsed[page]

    pages = sorted(site.rglob("*.html"))
    for page in pages:
        for link, line in links_of(page).links:
            found = target(site, page, link)
            if found is None:
                continue
            followed += 1
            file, fragment = found
            where = f"{page.relative_to(site)}:{line}: {link}"
            if file == "absolute":
                broken.append(f"{where}: starts with / (breaks under a sub-path and from file://)")
            elif site not in file.parents and file != site:
                broken.append(f"{where}: leads out of the site")
            elif not file.is_file():
                broken.append(f"{where}: no such file")
            elif fragment and file.suffix == ".html" and fragment not in links_of(file).ids:
                broken.append(f"{where}: no element with id {fragment!r}")
    for line in broken:
        print(f"broken: {line}")
    print(f"sitecheck: {len(pages)} pages, {followed} internal links, {len(broken)} broken")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
