#!/usr/bin/env python3
"""Load a built Trellis site in headless Chromium, fail on any console error or failed request,
check the theme's behaviour, and save screenshots.

usage: browser-check.py SITE_DIR SCREENSHOT_DIR [--chromium PATH] [--fixture FILE]

Talks to Chromium over the DevTools protocol with a small WebSocket client built on the
standard library only (no pip packages, no network). Every page is opened from file://, as a
reader opening the folder would; one check serves the site over http under a sub-path to see
hover previews (which need fetch) and sub-path hosting. Prints one `ok` or `FAIL` line per check
and exits 1 when any check fails.
"""
import argparse
import base64
import functools
import http.server
import json
import math
import os
import random
import re
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

DESKTOP = (1280, 900)
PHONE = (390, 844)


# -- A minimal WebSocket client (RFC 6455, client side, text frames) ---------------------------

class WebSocket:
    def __init__(self, url, timeout=30):
        parts = urllib.parse.urlsplit(url)
        self.sock = socket.create_connection((parts.hostname, parts.port), timeout=timeout)
        self.buffer = b""
        key = base64.b64encode(os.urandom(16)).decode()
        request = (
            f"GET {parts.path or '/'} HTTP/1.1\r\nHost: {parts.hostname}:{parts.port}\r\n"
            f"Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
            "Sec-WebSocket-Version: 13\r\n\r\n"
        )
        self.sock.sendall(request.encode())
        head = self._read_until(b"\r\n\r\n")
        if b" 101 " not in head.split(b"\r\n", 1)[0]:
            raise ConnectionError("WebSocket handshake refused: " + head.decode(errors="replace"))

    def _read_until(self, marker):
        while marker not in self.buffer:
            self._fill()
        head, self.buffer = self.buffer.split(marker, 1)
        return head

    def _fill(self):
        chunk = self.sock.recv(1 << 20)
        if not chunk:
            raise ConnectionError("DevTools connection closed")
        self.buffer += chunk

    def _read(self, count):
        while len(self.buffer) < count:
            self._fill()
        data, self.buffer = self.buffer[:count], self.buffer[count:]
        return data

    def _send_frame(self, opcode, payload):
        header = bytes([0x80 | opcode])
        length = len(payload)
        if length < 126:
            header += bytes([0x80 | length])
        elif length < 1 << 16:
            header += bytes([0x80 | 126]) + struct.pack(">H", length)
        else:
            header += bytes([0x80 | 127]) + struct.pack(">Q", length)
        mask = os.urandom(4)
        masked = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
        self.sock.sendall(header + mask + masked)

    def send(self, text):
        self._send_frame(0x1, text.encode())

    def recv(self, timeout):
        """The next text message, or None after `timeout` seconds without one."""
        self.sock.settimeout(timeout)
        message = b""
        try:
            while True:
                first, second = self._read(2)
                opcode, final = first & 0x0F, first & 0x80
                length = second & 0x7F
                if length == 126:
                    length = struct.unpack(">H", self._read(2))[0]
                elif length == 127:
                    length = struct.unpack(">Q", self._read(8))[0]
                payload = self._read(length)  # servers do not mask
                if opcode == 0x9:
                    self._send_frame(0xA, payload)
                elif opcode == 0x8:
                    raise ConnectionError("DevTools connection closed")
                elif opcode in (0x0, 0x1, 0x2):
                    message += payload
                    if final:
                        return message.decode()
        except socket.timeout:
            return None


# -- DevTools protocol -------------------------------------------------------------------------

class DevTools:
    """One connection to the browser; pages are flat sessions on it."""

    def __init__(self, url):
        self.ws = WebSocket(url)
        self.next_id = 0
        self.events = []

    def call(self, method, params=None, session=None, timeout=30):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        self.ws.send(json.dumps(message))
        deadline = time.time() + timeout
        while time.time() < deadline:
            raw = self.ws.recv(max(deadline - time.time(), 0.01))
            if raw is None:
                break
            reply = json.loads(raw)
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error'].get('message')}")
                return reply.get("result", {})
            if "method" in reply:
                self.events.append(reply)
        raise TimeoutError(f"{method}: no answer in {timeout} s")

    def pump(self, seconds):
        """Collects events for a while."""
        deadline = time.time() + seconds
        while time.time() < deadline:
            raw = self.ws.recv(max(deadline - time.time(), 0.01))
            if raw is None:
                return
            message = json.loads(raw)
            if "method" in message:
                self.events.append(message)

    def wait_for(self, predicate, timeout, since=0):
        """The first event from index `since` on that matches, waiting up to `timeout` seconds."""
        deadline = time.time() + timeout
        seen = since
        while time.time() < deadline:
            for event in self.events[seen:]:
                if predicate(event):
                    return event
            seen = len(self.events)
            self.pump(0.1)
        return None


class Page:
    """A browser tab with its own errors list."""

    def __init__(self, tools, size, mobile=False, scheme="light"):
        self.tools = tools
        target = tools.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.target = target
        self.session = tools.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        self.mark = len(tools.events)
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.call(f"{domain}.enable")
        self.call("Emulation.setDeviceMetricsOverride",
                  {"width": size[0], "height": size[1], "deviceScaleFactor": 1, "mobile": mobile})
        if mobile:
            self.call("Emulation.setTouchEmulationEnabled", {"enabled": True, "maxTouchPoints": 5})
        self.emulate(scheme=scheme)

    def call(self, method, params=None, timeout=30):
        return self.tools.call(method, params, self.session, timeout)

    def emulate(self, scheme="light", media=""):
        self.call("Emulation.setEmulatedMedia",
                  {"media": media, "features": [{"name": "prefers-color-scheme", "value": scheme}]})

    def my_events(self):
        return [e for e in self.tools.events[self.mark:] if e.get("sessionId") == self.session]

    def goto(self, url, ready=None, timeout=20):
        start = len(self.tools.events)
        self.call("Page.navigate", {"url": url})
        loaded = self.tools.wait_for(
            lambda e: e.get("sessionId") == self.session and e["method"] == "Page.loadEventFired", timeout, start)
        if not loaded:
            raise TimeoutError(f"{url} did not load")
        if ready:
            self.wait_until(ready, timeout)
        self.tools.pump(0.3)

    def reload(self, ready=None):
        self.goto(self.eval("location.href"), ready)

    def eval(self, expression):
        result = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True, "awaitPromise": True})
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression!r} threw: {result['exceptionDetails'].get('text')}")
        return result["result"].get("value")

    def wait_until(self, expression, timeout=20):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.eval(f"!!({expression})"):
                return True
            self.tools.pump(0.1)
        raise TimeoutError(f"never true: {expression}")

    def key(self, key, code, keycode, modifiers=0, text=None):
        base = {"key": key, "code": code, "windowsVirtualKeyCode": keycode, "modifiers": modifiers}
        self.call("Input.dispatchKeyEvent", dict(base, type="keyDown", **({"text": text} if text else {})))
        self.call("Input.dispatchKeyEvent", dict(base, type="keyUp"))

    def click(self, selector):
        x, y = self.centre(selector)
        for kind in ("mousePressed", "mouseReleased"):
            self.call("Input.dispatchMouseEvent", {"type": kind, "x": x, "y": y, "button": "left", "clickCount": 1})
        self.tools.pump(0.3)

    def hover(self, selector):
        x, y = self.centre(selector)
        self.call("Input.dispatchMouseEvent", {"type": "mouseMoved", "x": x, "y": y})

    def centre(self, selector):
        # The first line box: a link that wraps has an empty middle in its bounding rectangle.
        box = self.eval(f"(() => {{ const r = document.querySelector({json.dumps(selector)}).getClientRects()[0];"
                        " return [r.left + r.width / 2, r.top + r.height / 2]; })()")
        return box[0], box[1]

    def screenshot(self, path, full=False):
        params = {"format": "png"}
        if full:
            # Lazy images only load near the viewport: scroll through the page first.
            self.eval("new Promise(done => { window.scrollTo(0, document.body.scrollHeight);"
                      " setTimeout(() => { window.scrollTo(0, 0); setTimeout(done, 300); }, 300); })")
            size = self.call("Page.getLayoutMetrics")["cssContentSize"]
            height = min(size["height"], 8000)
            params.update(captureBeyondViewport=True, clip={"x": 0, "y": 0, "width": size["width"], "height": height, "scale": 1})
        data = self.call("Page.captureScreenshot", params, timeout=60)["data"]
        Path(path).write_bytes(base64.b64decode(data))

    def problems(self):
        """Console errors and warnings, uncaught exceptions and failed requests so far."""
        found = []
        for event in self.my_events():
            method, params = event["method"], event.get("params", {})
            if method == "Runtime.exceptionThrown":
                details = params["exceptionDetails"]
                found.append("uncaught: " + (details.get("exception", {}).get("description") or details.get("text", "")))
            elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert", "warning"):
                text = " ".join(str(a.get("value", a.get("description", ""))) for a in params.get("args", []))
                found.append(f"console.{params['type']}: {text}")
            elif method == "Log.entryAdded" and params["entry"].get("level") == "error":
                entry = params["entry"]
                found.append(f"log: {entry.get('text')} {entry.get('url', '')}".strip())
            elif method == "Network.loadingFailed" and not params.get("canceled"):
                found.append(f"request failed: {params.get('errorText')} ({self._request_url(params['requestId'])})")
            elif method == "Network.responseReceived" and params["response"].get("status", 200) >= 400:
                found.append(f"HTTP {params['response']['status']}: {params['response']['url']}")
        return found

    def _request_url(self, request_id):
        for event in self.my_events():
            if event["method"] == "Network.requestWillBeSent" and event["params"]["requestId"] == request_id:
                return event["params"]["request"]["url"]
        return "?"

    def close(self):
        try:
            self.tools.call("Target.closeTarget", {"targetId": self.target})
        except (RuntimeError, TimeoutError):
            pass


# -- Chromium and a static server --------------------------------------------------------------

class Chromium:
    def __init__(self, binary):
        self.profile = tempfile.mkdtemp(prefix="trellis-browser-chromium-")
        self.process = subprocess.Popen(
            [binary, "--headless", "--no-sandbox", "--disable-gpu", "--remote-debugging-port=0",
             f"--user-data-dir={self.profile}", "--no-first-run", "--no-default-browser-check",
             "--disable-extensions", "--disable-background-networking", "--disable-component-update",
             "--hide-scrollbars", "--allow-file-access-from-files", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        self.url = None
        deadline = time.time() + 30
        while time.time() < deadline and self.url is None:
            line = self.process.stderr.readline()
            if not line and self.process.poll() is not None:
                break
            match = re.search(r"DevTools listening on (ws://\S+)", line)
            if match:
                self.url = match.group(1)
        if not self.url:
            self.stop()
            raise RuntimeError("Chromium did not start (no DevTools address on stderr)")
        # Keep reading stderr so Chromium never blocks on a full pipe.
        threading.Thread(target=lambda: [None for _ in self.process.stderr], daemon=True).start()

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
        shutil.rmtree(self.profile, ignore_errors=True)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(folder):
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


# -- The checks --------------------------------------------------------------------------------

class Run:
    def __init__(self, tools, site, screens):
        self.tools, self.site, self.screens = tools, site, screens
        self.failures = 0

    def url(self, page):
        return (self.site / page).resolve().as_uri()

    def report(self, name, problems):
        if problems:
            self.failures += 1
            print(f"FAIL - {name}")
            for problem in problems[:20]:
                print(f"       {problem}")
        else:
            print(f"ok   - {name}")

    def check(self, name, size=DESKTOP, mobile=False, scheme="light"):
        """Runs the decorated `body(page)` at once in a fresh tab, then reports the problems it
        returns plus every console error and failed request the tab saw."""
        def run(body):
            page = Page(self.tools, size, mobile, scheme)
            problems = []
            try:
                problems += body(page) or []
            except (RuntimeError, TimeoutError, TypeError, KeyError) as error:
                problems.append(f"{type(error).__name__}: {error}")
            problems = page.problems() + problems
            page.close()
            self.report(name, problems)
        return run

    def shot(self, page, name, full=False):
        page.screenshot(self.screens / f"{name}.png", full)


def expect(condition, message):
    return [] if condition else [message]


NO_OVERFLOW = "document.documentElement.scrollWidth <= window.innerWidth + 1"


def dark_background(page):
    rgb = page.eval("getComputedStyle(document.body).backgroundColor")
    values = [int(v) for v in re.findall(r"\d+", rgb)[:3]]
    return sum(values) / 3 < 60, rgb


def check_pages(run):
    @run.check("home page: explorer, local graph, table of contents, no errors")
    def _(page):
        page.goto(run.url("index.html"), "document.querySelector('#explorer .explorer-list')")
        run.shot(page, "01-home")
        problems = expect(page.eval("document.querySelectorAll('#explorer a').length") > 5, "explorer has no links")
        problems += expect(page.eval("document.querySelectorAll('#local-graph .graph-node').length") >= 2, "local graph not drawn")
        problems += expect(page.eval("!!document.querySelector('#explorer [aria-current=\"page\"]')"), "home not marked current")
        return problems + expect(page.eval(NO_OVERFLOW), "page scrolls sideways")

    @run.check("note page: backlinks, table of contents, current note opened in the explorer")
    def _(page):
        page.goto(run.url("storage/caching.html"))
        run.shot(page, "02-note")
        run.shot(page, "02-note-full", full=True)
        problems = expect(page.eval("document.querySelectorAll('.backlinks li').length") > 0, "no backlinks")
        problems += expect(page.eval("document.querySelectorAll('.toc li').length") > 1, "no table of contents")
        # The local graph's links are written from the site root and joined to this page's folder.
        hrefs = page.eval("Array.from(document.querySelectorAll('#local-graph a.graph-node'))"
                          ".map(a => new URL(a.getAttribute('href'), location.href).href)")
        problems += expect(len(hrefs) >= 2, "local graph has fewer than two links")
        for href in hrefs:
            target = urllib.parse.urlparse(href)
            problems += expect(target.scheme == "file" and os.path.isfile(urllib.parse.unquote(target.path)),
                               f"local graph link {href} names no page")
        current = page.eval("(document.querySelector('#explorer [aria-current=\"page\"]') || {}).textContent")
        problems += expect(current == "Caching", f"explorer current entry is {current!r}")
        problems += expect(page.eval("document.querySelector(\"#explorer [data-folder='storage/index.html'] .explorer-fold\")"
                                     ".getAttribute('aria-expanded') === 'true'"),
                           "the current note's folder is closed")
        return problems

    @run.check("explorer: a folder opens on click, and stays open on the next page")
    def _(page):
        page.goto(run.url("index.html"))
        page.eval("localStorage.removeItem('trellis-explorer')")
        folder = "#explorer [data-folder='networking/index.html']"
        page.click(folder + " .explorer-fold")
        problems = expect(page.eval(f"document.querySelectorAll(\"{folder} li\").length") > 0, "no notes shown in the opened folder")
        page.goto(run.url("storage/caching.html"))
        problems += expect(page.eval(f"document.querySelector(\"{folder} .explorer-fold\").getAttribute('aria-expanded')") == "true",
                           "the opened folder was not remembered")
        page.click("#explorer .explorer-collapse")
        problems += expect(page.eval("document.querySelectorAll('#explorer [aria-expanded=\"true\"]').length") == 0,
                           "collapse all left folders open")
        page.eval("localStorage.removeItem('trellis-explorer')")
        return problems

    @run.check("table of contents follows the section being read")
    def _(page):
        page.goto(run.url("storage/caching.html"))
        page.eval("document.getElementById('cache-invalidation').scrollIntoView()")
        page.tools.pump(0.4)
        current = page.eval("(document.querySelector('.toc [aria-current]') || {}).textContent")
        return expect(current == "Cache invalidation", f"highlighted entry is {current!r}")

    @run.check("graph: hovering a node shows its title, clicking opens the note")
    def _(page):
        page.goto(run.url("graph.html"), "document.getElementById('global-graph').dataset.state === 'ready'")
        box = page.eval("(() => { const r = document.querySelector('#global-graph canvas').getBoundingClientRect();"
                        " return [r.left, r.top, r.width, r.height]; })()")
        found = None
        for step in range(0, 400, 8):  # walk a spiral out from the centre until a node answers
            angle = step * 0.35
            x, y = box[0] + box[2] / 2 + step * 0.6 * math.cos(angle), box[1] + box[3] / 2 + step * 0.6 * math.sin(angle)
            page.call("Input.dispatchMouseEvent", {"type": "mouseMoved", "x": x, "y": y})
            if page.eval("!document.querySelector('.graph-tooltip').hidden"):
                found = (x, y)
                break
        if not found:
            return ["no node answered the pointer"]
        title = page.eval("document.querySelector('.graph-tooltip').firstChild.textContent")
        run.shot(page, "03-graph-hover")
        for kind in ("mousePressed", "mouseReleased"):
            page.call("Input.dispatchMouseEvent", {"type": kind, "x": found[0], "y": found[1], "button": "left", "clickCount": 1})
        page.wait_until(f"document.title.startsWith({json.dumps(title)})", 10)

    @run.check("graph page: every note laid out and drawn on a canvas")
    def _(page):
        page.goto(run.url("graph.html"), "document.getElementById('global-graph').dataset.state === 'ready'")
        page.tools.pump(0.5)
        run.shot(page, "03-graph")
        painted = page.eval("""(() => { const c = document.querySelector('#global-graph canvas');
            const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0;
            for (let i = 3; i < d.length; i += 4) if (d[i]) n++; return n; })()""")
        return expect(painted > 2000, f"graph canvas nearly empty ({painted} painted pixels)")

    @run.check("dark mode from the system setting")
    def _(page):
        page.emulate(scheme="dark")
        page.goto(run.url("storage/caching.html"))
        run.shot(page, "04-note-dark")
        dark, rgb = dark_background(page)
        return expect(dark, f"background is {rgb} with prefers-color-scheme: dark")

    @run.check("dark mode chosen with the toggle, remembered across pages")
    def _(page):
        page.goto(run.url("index.html"))
        page.click("#theme-toggle")
        problems = expect(page.eval("document.documentElement.dataset.theme") == "dark", "toggle did not switch to dark")
        page.goto(run.url("graph.html"), "document.getElementById('global-graph').dataset.state === 'ready'")
        page.tools.pump(0.5)
        run.shot(page, "05-graph-dark")
        dark, rgb = dark_background(page)
        problems += expect(dark, f"choice not remembered: background {rgb}")
        page.eval("localStorage.removeItem('trellis-theme')")
        return problems

    @run.check("keyboard: / and Ctrl-K focus the search box")
    def _(page):
        page.goto(run.url("storage/caching.html"))
        page.key("/", "Slash", 191, text="/")
        problems = expect(page.eval("document.activeElement.id") == "search-input", "/ did not focus the search box")
        problems += expect(page.eval("document.getElementById('search-input').value") == "", "/ was typed into the box")
        page.eval("document.activeElement.blur()")
        page.key("k", "KeyK", 75, modifiers=2)
        return problems + expect(page.eval("document.activeElement.id") == "search-input", "Ctrl-K did not focus the search box")

    @run.check("search: typing a word lists matching notes" +
               ("" if (run.site / "_trellis/search/meta.js").is_file() else " (skipped: this build has no search index)"))
    def _(page):
        if not (run.site / "_trellis/search/meta.js").is_file():
            return []
        page.goto(run.url("storage/caching.html"))
        page.key("/", "Slash", 191, text="/")
        page.call("Input.insertText", {"text": "cache"})
        page.wait_until("document.querySelectorAll('#search-results .search-result').length > 0", 10)
        run.shot(page, "05-search")
        return []

    @run.check("phone (390 px): one column, no sideways scrolling", PHONE, True)
    def _(page):
        page.goto(run.url("index.html"))
        run.shot(page, "06-phone-home")
        problems = expect(page.eval(NO_OVERFLOW), "page scrolls sideways")
        problems += expect(page.eval("getComputedStyle(document.getElementById('explorer')).visibility") == "hidden",
                           "explorer visible before the toggle")
        page.goto(run.url("storage/caching.html"))
        run.shot(page, "07-phone-note-full", full=True)
        return problems + expect(page.eval(NO_OVERFLOW), "note page scrolls sideways")

    @run.check("phone: the explorer drawer opens and closes", PHONE, True)
    def _(page):
        page.goto(run.url("storage/caching.html"))
        page.click("#explorer-toggle")
        page.tools.pump(0.4)
        run.shot(page, "08-phone-drawer")
        problems = expect(page.eval("document.getElementById('explorer-toggle').getAttribute('aria-expanded')") == "true",
                          "aria-expanded not true")
        problems += expect(page.eval("getComputedStyle(document.getElementById('explorer')).visibility") == "visible",
                           "drawer not visible")
        page.key("Escape", "Escape", 27)
        page.tools.pump(0.4)
        closed = "document.getElementById('explorer-toggle').getAttribute('aria-expanded') === 'false'"
        problems += expect(page.eval(closed), "Escape did not close the drawer")
        page.click("#explorer-toggle")
        page.tools.pump(0.4)
        page.click("#explorer .explorer-close")
        return problems + expect(page.eval(closed), "the close button did not close the drawer")

    @run.check("phone: dark graph page", PHONE, True, "dark")
    def _(page):
        page.goto(run.url("graph.html"), "document.getElementById('global-graph').dataset.state === 'ready'")
        page.tools.pump(0.5)
        run.shot(page, "09-phone-graph-dark")

    for name, path in (("10-folder", "storage/index.html"), ("11-tags", "tags/index.html"), ("12-404", "404.html")):
        @run.check(f"{path} renders without errors")
        def _(page, name=name, path=path):
            page.goto(run.url(path))
            run.shot(page, name)
            return expect(page.eval(NO_OVERFLOW), "page scrolls sideways")

    @run.check("print stylesheet hides the header, explorer and sidebar")
    def _(page):
        page.goto(run.url("storage/caching.html"))
        page.emulate(media="print")
        hidden = page.eval("['.site-header', '#explorer', '.sidebar'].every(s => "
                           "getComputedStyle(document.querySelector(s)).display === 'none')")
        return expect(hidden, "something is still shown in print")


def check_components(run, fixture):
    """A copy of a note page whose body holds every kind of content the theme styles."""
    source = (run.site / "storage/caching.html").read_text(encoding="utf-8")
    start = source.index('<div class="note-body">') + len('<div class="note-body">')
    end = source.rindex("</div>", start, source.index("</article>"))
    body = fixture.read_text(encoding="utf-8")
    (run.site / "storage/components.html").write_text(source[:start] + "\n" + body + source[end:], encoding="utf-8")
    results = """<a class="search-result" aria-selected="true" href="caching.html"><span class="search-result-title">Caching</span>
      <span class="search-result-snippet">A <mark>cache</mark> keeps a copy of frequently used data…</span></a>
      <a class="search-result" href="nosql.html"><span class="search-result-title">NoSQL</span>
      <span class="search-result-snippet">Key-value stores double as a <mark>cache</mark>…</span></a>"""
    show_results = f"""(() => {{ const r = document.getElementById('search-results');
        r.innerHTML = {json.dumps(results)}; r.hidden = false; return true; }})()"""

    for scheme in ("light", "dark"):
        @run.check(f"components page ({scheme}): callouts, tables, tasks, embeds, footnotes", scheme=scheme)
        def _(page, scheme=scheme):
            page.goto(run.url("storage/components.html"))
            run.shot(page, f"13-components-{scheme}", full=True)
            page.eval(show_results)
            run.shot(page, f"14-search-results-{scheme}")
            return expect(page.eval(NO_OVERFLOW), "page scrolls sideways")


MATH_PAGE = "fundamentals/availability-patterns.html"
ALL_TYPESET = """[...document.querySelectorAll('.math')].every(m => m.querySelector('.katex')
    && ![...m.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()))"""


def check_math_and_diagrams(run):
    """Notes/ has a page with inline and display math and a Mermaid diagram: KaTeX typesets every
    formula (no TeX left visible, its fonts loaded) in both schemes; a copy of the page with a
    formula KaTeX cannot parse shows that formula's source in the error style; the diagram is
    drawn when the site has a Mermaid script (MERMAID_JS for browser-check.sh), else it stays
    code with its note. Pages without math load no KaTeX."""
    source = (run.site / MATH_PAGE).read_text(encoding="utf-8")
    katex, mermaid = "_trellis/katex/katex.min.js" in source, "_trellis/mermaid.min.js" in source
    if not katex:
        print("       (KaTeX is not installed: math is checked to stay TeX source)")
    marker = '<div class="note-body">'
    broken = '<p id="broken">Broken: <span class="math math-inline">\\(\\frac{1}{\\)</span> stays source.</p>'
    (run.site / "fundamentals/math-error.html").write_text(source.replace(marker, marker + broken, 1), encoding="utf-8")

    for scheme in ("light", "dark"):
        @run.check(f"math and diagram page ({scheme}): every formula typeset, the diagram drawn or shown as code", scheme=scheme)
        def _(page, scheme=scheme):
            page.goto(run.url(MATH_PAGE))
            count = page.eval("document.querySelectorAll('.math').length")
            problems = expect(count >= 5, f"{count} formulas on the page")
            if katex:
                page.wait_until(ALL_TYPESET, 10)
                page.eval("document.fonts.ready.then(() => true)")
                problems += expect(page.eval("document.querySelectorAll('.katex-display').length") >= 2, "display math not in display mode")
                problems += expect(not page.eval("[...document.querySelectorAll('.katex-html')].some(k => k.innerText.includes('\\\\'))"),
                                   "TeX source left visible")
                problems += expect(page.eval("document.fonts.check('16px KaTeX_Main') && document.fonts.check('16px KaTeX_Math')"),
                                   "KaTeX's fonts did not load")
                problems += expect(page.eval("!document.querySelector('.math-error')"), "a formula shows as an error")
                problems += expect(page.eval("getComputedStyle(document.querySelector('.katex')).color === "
                                             "getComputedStyle(document.querySelector('.note-body')).color"),
                                   "math is not in the text colour")
            else:
                problems += expect(page.eval("document.querySelector('.math').textContent.startsWith('\\\\(')"), "TeX source not shown")
            if mermaid:
                page.wait_until("document.querySelector('figure.diagram-drawn .diagram-drawing svg')", 10)
                problems += expect(page.eval("getComputedStyle(document.querySelector('figure.diagram pre')).display === 'none'"),
                                   "the diagram's code still shows")
                node_fill = "getComputedStyle(document.querySelector('.diagram-drawing svg .node rect')).fill"
                lightness = lambda: sum(int(v) for v in re.findall(r"\d+", page.eval(node_fill))[:3]) / 3
                problems += expect((lightness() < 100) == (scheme == "dark"), f"diagram not in the {scheme} scheme")
            else:
                problems += expect(page.eval("document.querySelector('figure.diagram pre code').offsetHeight > 20"),
                                   "the diagram's code does not show")
                problems += expect(page.eval("document.querySelector('.diagram-note').textContent.includes('Mermaid diagram')"),
                                   "no note that the code is a diagram")
            page.eval("document.querySelector('.math-display').scrollIntoView({block: 'center'})")
            run.shot(page, f"18-math-{scheme}")
            page.eval("document.querySelector('figure.diagram').scrollIntoView({block: 'center'})")
            run.shot(page, f"19-diagram-{scheme}")
            if mermaid and scheme == "light":
                drawn = page.eval("document.querySelector('.diagram-drawing svg').id")
                page.click("#theme-toggle")
                page.wait_until(f"document.querySelector('.diagram-drawing svg').id !== {json.dumps(drawn)}", 10)
                problems += expect(lightness() < 100, "the diagram was not drawn again in the dark scheme")
                page.eval("localStorage.removeItem('trellis-theme')")
            return problems + expect(page.eval(NO_OVERFLOW), "page scrolls sideways")

    @run.check("a formula KaTeX cannot parse shows its source in the error style")
    def _(page):
        page.goto(run.url("fundamentals/math-error.html"))
        if not katex:
            return []
        page.wait_until("[...document.querySelectorAll('.math')].every(m => m.hasAttribute('data-typeset'))", 10)
        error = "document.querySelector('#broken .math-error .katex-error')"
        problems = expect(page.eval(f"!!{error}"), "the broken formula is not marked")
        if problems:
            return problems
        problems += expect(page.eval(f"{error}.textContent") == "\\frac{1}{", "the broken formula's source is not shown")
        colour = page.eval(f"getComputedStyle({error}).color")
        red, green, _ = [int(v) for v in re.findall(r"\d+", colour)[:3]]
        problems += expect(red > green + 60, f"the error is not in the danger colour ({colour})")
        page.eval("document.getElementById('broken').scrollIntoView({block: 'center'})")
        run.shot(page, "20-math-error")
        return problems + expect(page.eval("document.querySelectorAll('.math-error').length") == 1, "other formulas failed")

    @run.check("pages without math or diagrams load neither KaTeX nor Mermaid")
    def _(page):
        page.goto(run.url("storage/caching.html"))
        return expect(page.eval("!document.querySelector('[src*=katex], [href*=katex], [src*=mermaid], script[src$=\"math.js\"]')"),
                      "a page without math loads its scripts")


def check_properties(run):
    """Frontmatter properties under a note's title: a value that is a [[link]] is an <a>."""
    @run.check("note page: a property whose value is a [[link]] shows as a link to its page")
    def _(page):
        page.goto(run.url("storage/caching.html"))
        run.shot(page, "18-properties")
        links = page.eval("Array.from(document.querySelectorAll('.note-properties dd a.internal'))"
                          ".map(a => [a.textContent, new URL(a.getAttribute('href'), location.href).href])")
        problems = expect(any(text == "Content Delivery Networks" for text, _ in links),
                          f"no property link to Content Delivery Networks among {links}")
        for _, href in links:
            target = urllib.parse.urlparse(href)
            problems += expect(target.scheme == "file" and os.path.isfile(urllib.parse.unquote(target.path)),
                               f"property link {href} names no page")
        problems += expect(page.eval("!!document.querySelector('.note-title ~ .note-properties')"),
                           "the properties are not under the note's title")
        return problems + expect(page.eval(NO_OVERFLOW), "page scrolls sideways")


def check_http(run):
    """Hover previews need fetch, so serve the site over http, under a sub-path."""
    root = Path(tempfile.mkdtemp(prefix="trellis-browser-serve-"))
    (root / "docs").mkdir()
    os.symlink(run.site, root / "docs" / "notes")
    server = serve(root)
    base = f"http://127.0.0.1:{server.server_address[1]}/docs/notes/"
    try:
        @run.check("http, under a sub-path: hover preview of an internal link")
        def _(page):
            page.goto(base + "storage/caching.html")
            page.hover(".note-body a.internal[href*='#']")
            page.wait_until("!!document.querySelector('.popover:not([hidden]) p')", 5)
            run.shot(page, "15-hover-preview")
            return expect(page.eval("document.querySelector('.popover').textContent.length") > 40, "preview is empty")

        @run.check("http: graph page and a note page load every asset")
        def _(page):
            page.goto(base + "graph.html", "document.getElementById('global-graph').dataset.state === 'ready'")
            page.goto(base + "networking/load-balancers.html")
    finally:
        server.shutdown()
        shutil.rmtree(root, ignore_errors=True)


def synthetic_vault(count, seed=1):
    """A graph and explorer tree shaped like a big vault: folders of notes, links mostly nearby."""
    rng = random.Random(seed)
    folders = [f"Area {a:02d}/Topic {t:02d}" for a in range(20) for t in range(10)]
    nodes, edges, tree = [], [], {}
    for i in range(count):
        folder = folders[i % len(folders)]
        note_id = f"{folder}/Note {i:05d}.md"
        url = folder.lower().replace(" ", "-") + f"/note-{i:05d}.html"
        nodes.append({"id": note_id, "title": f"Note {i:05d}", "url": url, "tags": []})
        area, topic = folder.split("/")
        tree.setdefault(area, {}).setdefault(topic, []).append({"name": f"Note {i:05d}", "url": url})
    for i in range(count):
        for _ in range(rng.choice((1, 2, 3, 4))):
            j = (i + rng.choice((len(folders), 2 * len(folders), rng.randrange(count)))) % count
            edges.append({"source": nodes[i]["id"], "target": nodes[j]["id"], "kind": "link"})
    explorer = [{"name": area, "url": area.lower().replace(" ", "-") + "/index.html", "children": [
        {"name": topic, "url": f"{area}/{topic}".lower().replace(" ", "-") + "/index.html", "children": notes}
        for topic, notes in topics.items()]} for area, topics in tree.items()]
    return {"nodes": nodes, "edges": edges, "dangling": []}, explorer


def check_large_vault(run, count=10000):
    """The graph page and the explorer with a synthetic 10,000-note vault."""
    copy = Path(tempfile.mkdtemp(prefix="trellis-browser-large-")) / "site"
    shutil.copytree(run.site, copy)
    graph, tree = synthetic_vault(count)
    (copy / "_trellis/graph.js").write_text("window.TRELLIS_GRAPH = " + json.dumps(graph) + ";\n")
    (copy / "_trellis/explorer.js").write_text("window.TRELLIS_TREE = " + json.dumps(tree) + ";\n")
    try:
        @run.check(f"graph page with {count:,} notes: laid out in under 15 s, stays responsive")
        def _(page):
            started = time.time()
            page.goto(copy.as_uri() + "/graph.html", "document.getElementById('global-graph').dataset.state === 'ready'", 30)
            took = time.time() - started
            run.shot(page, "16-graph-10000")
            # A zoom must redraw quickly: time one frame after a wheel event.
            page.eval("window.__frame = new Promise(r => requestAnimationFrame(() => requestAnimationFrame(t => r(t))))")
            frame = page.eval("""(() => { const c = document.querySelector('#global-graph canvas'); const t0 = performance.now();
                c.dispatchEvent(new WheelEvent('wheel', {deltaY: -300, clientX: 500, clientY: 400, cancelable: true}));
                return new Promise(r => requestAnimationFrame(() => r(performance.now() - t0))); })()""")
            run.shot(page, "17-graph-10000-zoomed")
            print(f"       layout {took:.1f} s, one zoom frame {frame:.0f} ms")
            return expect(took < 15, f"layout took {took:.1f} s") + expect(frame < 250, f"a zoom frame took {frame:.0f} ms")

        @run.check(f"explorer with {count:,} notes renders only the open folders")
        def _(page):
            page.goto(copy.as_uri() + "/storage/caching.html")
            rows = page.eval("document.querySelectorAll('#explorer li').length")
            return expect(0 < rows < 500, f"{rows} explorer rows in the page")
    finally:
        shutil.rmtree(copy.parent, ignore_errors=True)


def check_every_page(run):
    """Every page of the site, quickly: no errors anywhere."""
    pages = sorted(p.relative_to(run.site).as_posix() for p in run.site.rglob("*.html"))

    @run.check(f"all {len(pages)} pages load without console errors or failed requests")
    def _(page):
        problems = []
        for path in pages:
            before = len(page.problems())
            page.goto(run.url(path))
            problems += [f"{path}: {p}" for p in page.problems()[before:]]
        # The caller adds page.problems() too: forget the events already reported per page.
        page.mark = len(page.tools.events)
        return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("screens", type=Path)
    parser.add_argument("--chromium", default=os.environ.get("CHROMIUM", "chromium"))
    parser.add_argument("--fixture", type=Path,
                        default=Path(__file__).resolve().parent.parent / "Tests/js/fixtures/components.html")
    args = parser.parse_args()
    args.screens.mkdir(parents=True, exist_ok=True)
    binary = shutil.which(args.chromium) or args.chromium
    browser = Chromium(binary)
    try:
        run = Run(DevTools(browser.url), args.site.resolve(), args.screens)
        check_pages(run)
        if args.fixture.is_file():
            check_components(run, args.fixture)
        check_math_and_diagrams(run)
        check_properties(run)
        check_http(run)
        check_large_vault(run)
        check_every_page(run)
    finally:
        browser.stop()
    print(f"browser-check: {'FAIL' if run.failures else 'ok'} ({run.failures} failed); screenshots in {args.screens}")
    return 1 if run.failures else 0


if __name__ == "__main__":
    sys.exit(main())
