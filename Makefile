# Trellis — the two commands a new machine needs: `make site` and `make test`.
# Each installs what it needs first (cmark's headers through apt, with sudo when not root).

SWIFT ?= swift
PREFIX ?= /usr/local
SUDO := $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)
TRELLIS_RELEASE := .build/release/trellis

.PHONY: site test deps release unit acceptance browser-check install clean

## site: install cmark if missing, build the release binary, build Notes/ into public/.
site: release
	$(TRELLIS_RELEASE) build Notes --output public
	@echo
	@echo "Open public/index.html in a browser (file://$(CURDIR)/public/index.html)."

## test: unit tests (swift test), JavaScript tests, and the acceptance checks on a release build.
test: deps unit release acceptance browser-check

deps:
	@pkg-config --exists libcmark || { \
	  echo "Installing libcmark-dev (cmark's headers) through apt…"; \
	  $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libcmark-dev pkg-config; }

release: deps
	$(SWIFT) build -c release --product trellis

unit: deps
	$(SWIFT) test
	@if command -v node >/dev/null && [ -d Tests/js ]; then node --test Tests/js/; fi

acceptance: release
	TRELLIS=$(TRELLIS_RELEASE) scripts/acceptance.sh

## browser-check: headless Chromium loads the built Notes/ site, fails on console errors, saves screenshots.
browser-check: release
	@command -v chromium >/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }
	TRELLIS=$(TRELLIS_RELEASE) scripts/browser-check.sh

clean:
	rm -rf .build public
