#!/usr/bin/env bash
# Builds Notes/ with $TRELLIS, opens it in headless Chromium (driven by Playwright, from the virtual
# environment `make browser-check` makes) and fails on any console error or failed request; checks
# the theme's behaviour (explorer, graphs, dark mode, phone drawer, shortcuts, search, hover
# previews) and saves screenshots to look at (02-note.png is the README's docs/screenshot.png).
#
#   scripts/browser-check.sh [SCREENSHOT_DIR]        (default /tmp/trellis-screens)
#   TRELLIS=.build/debug/trellis CHROMIUM=chromium PYTHON=.venv-browser/bin/python scripts/browser-check.sh
#   MERMAID_JS=path/to/mermaid.min.js scripts/browser-check.sh   (diagrams drawn, through a theme)
set -euo pipefail
cd "$(dirname "$0")/.."

: "${TRELLIS:=.build/release/trellis}"
: "${CHROMIUM:=chromium}"
: "${PYTHON:=.venv-browser/bin/python}"
export CHROMIUM
screens=${1:-/tmp/trellis-screens}

if [ ! -x "$TRELLIS" ]; then
  echo "FAIL - no trellis binary at $TRELLIS (build it, or set TRELLIS=path)"
  exit 1
fi
if [ ! -x "$PYTHON" ]; then
  echo "FAIL - no Python with Playwright at $PYTHON (make browser-check makes .venv-browser/)"
  exit 1
fi
if ! command -v "$CHROMIUM" >/dev/null; then
  echo "browser-check: $CHROMIUM not found; skipped"
  exit 0
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/trellis-browser.XXXXXX")
trap 'rm -rf "$work"' EXIT

theme=()
if [ -n "${MERMAID_JS:-}" ]; then
  mkdir -p "$work/theme/assets"
  cp "$MERMAID_JS" "$work/theme/assets/mermaid.min.js"
  theme=(--theme "$work/theme")
fi
if ! "$TRELLIS" build Notes --output "$work/site" "${theme[@]}" >"$work/build.log" 2>&1; then
  echo "FAIL - trellis build Notes"
  cat "$work/build.log"
  exit 1
fi
echo "ok   - trellis build Notes"

"$PYTHON" scripts/browser-check.py "$work/site" "$screens"
