# Trellis — the two commands a new machine needs: `make site` and `make test`.
# Each installs what it needs first (cmark's headers, jemalloc and KaTeX through apt, with sudo when not root).

SWIFT ?= swift
PREFIX ?= /usr/local
SUDO := $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)
TRELLIS_RELEASE := .build/release/trellis

.PHONY: site test deps release unit acceptance browser-check install clean fuzz sanitize format lint

## site: install cmark and jemalloc if missing, build the release binary, build Notes/ into public/.
site: release
	$(TRELLIS_RELEASE) build Notes --output public
	@echo
	@echo "Open public/index.html in a browser (file://$(CURDIR)/public/index.html)."

## test: the lint, unit tests (swift test), JavaScript tests, and the acceptance checks on a release build.
test: deps lint unit release acceptance browser-check

## deps: cmark's headers, jemalloc and zlib (found by pkg-config), and KaTeX (libjs-katex, with its fonts
## from fonts-katex), which builds copy into sites with math (found by its files: it has no .pc).
KATEX := /usr/share/javascript/katex
deps:
	@pkg-config --exists libcmark jemalloc zlib && [ -f $(KATEX)/katex.min.js ] && [ -f $(KATEX)/fonts/KaTeX_Main-Regular.woff2 ] || { \
	  echo "Installing libcmark-dev (cmark's headers), libjemalloc-dev (the allocator), zlib1g-dev, libjs-katex and fonts-katex (math) through apt…"; \
	  $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libcmark-dev libjemalloc-dev zlib1g-dev pkg-config libjs-katex fonts-katex; }

## release: the binary with Swift's runtime and Foundation linked in (--static-swift-stdlib): it
## starts in 8 ms instead of 17, which is a twentieth of a second build after an edit.
RELEASE_FLAGS := -c release --static-swift-stdlib

release: deps
	$(SWIFT) build $(RELEASE_FLAGS) --product trellis

## format: formats the Swift code as .swift-format says (swift-format ships with the toolchain).
## lint: fails, naming file:line, where the code is not as `make format` would leave it.
SWIFT_CODE := Package.swift Sources Tests Fuzz/Package.swift Fuzz/Sources
format:
	$(SWIFT) format format --in-place --recursive --parallel $(SWIFT_CODE)

lint:
	$(SWIFT) format lint --strict --recursive --parallel $(SWIFT_CODE)

unit: deps
	python3 scripts/doc-links.py
	$(SWIFT) test
	@if command -v node >/dev/null && [ -d Tests/js ]; then node --test Tests/js/; fi

acceptance: release
	TRELLIS=$(TRELLIS_RELEASE) scripts/binary-check.sh
	TRELLIS=$(TRELLIS_RELEASE) scripts/acceptance.sh
	TRELLIS=$(TRELLIS_RELEASE) scripts/commands-vaults.sh
	TRELLIS=$(TRELLIS_RELEASE) scripts/edit-differential.py
	TRELLIS=$(TRELLIS_RELEASE) scripts/kill-test.sh
	TRELLIS=$(TRELLIS_RELEASE) scripts/serve-e2e.sh
	TRELLIS=$(TRELLIS_RELEASE) scripts/server-robustness.sh
	scripts/test-install.sh

## browser-check: headless Chromium loads the built Notes/ site, fails on console errors, saves screenshots,
## and opens a vault of hostile notes. Playwright drives Debian's chromium (installed through apt when
## missing) from a virtual environment, .venv-browser/, made with the pins in scripts/browser-requirements.txt
## (python3-venv through apt when missing) and made again when they change.
BROWSER_VENV := .venv-browser
BROWSER_PYTHON := $(BROWSER_VENV)/bin/python

browser-check: release $(BROWSER_VENV)/installed
	@command -v chromium >/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }
	TRELLIS=$(TRELLIS_RELEASE) PYTHON=$(BROWSER_PYTHON) scripts/browser-check.sh
	$(BROWSER_PYTHON) scripts/hostile-browser-check.py $(TRELLIS_RELEASE)

$(BROWSER_VENV)/installed: scripts/browser-requirements.txt
	@python3 -c 'import ensurepip' 2>/dev/null || { \
	  echo "Installing python3-venv (virtual environments) through apt…"; \
	  $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv; }
	rm -rf $(BROWSER_VENV)
	python3 -m venv $(BROWSER_VENV)
	$(BROWSER_VENV)/bin/pip install --quiet --disable-pip-version-check -r scripts/browser-requirements.txt
	touch $@

## sanitize: the unit tests under AddressSanitizer (with LeakSanitizer; third-party leaks listed in
## Tests/lsan-suppressions.txt) and ThreadSanitizer, each in a build folder of its own.
sanitize: deps
	LSAN_OPTIONS=suppressions=$(CURDIR)/Tests/lsan-suppressions.txt $(SWIFT) test --sanitize=address --scratch-path .build-asan
	$(SWIFT) test --sanitize=thread --scratch-path .build-tsan

## fuzz: libFuzzer (with AddressSanitizer) on the wiki-link scanner, the frontmatter splitter, the
## slug rules, a whole note, and a whole vault through check and build (which must agree);
## FUZZ_SECONDS each (default 120, 10 minutes in all). Seeds are in
## Fuzz/Corpus/; new inputs go to a temporary folder; a crash leaves its input in .build-fuzz/.
FUZZ_SECONDS ?= 120
fuzz: deps
	cd Fuzz && $(SWIFT) build -Xswiftc -sanitize=fuzzer,address --scratch-path ../.build-fuzz
	@set -e; for pair in FuzzWikiLinks:wikilinks FuzzFrontmatter:frontmatter FuzzSlug:slug FuzzNote:note FuzzVault:vault; do \
	  target=$${pair%%:*}; corpus=$${pair##*:}; work=$$(mktemp -d); \
	  echo "== $$target ($(FUZZ_SECONDS) s)"; \
	  SWIFT_BACKTRACE=enable=no .build-fuzz/debug/$$target -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -print_final_stats=1 \
	    -artifact_prefix=.build-fuzz/$$target- $$work Fuzz/Corpus/$$corpus 2>&1 | grep -E "Done|stat::number_of_executed_units|ERROR|SUMMARY" ; \
	  rm -rf $$work; \
	done

clean:
	rm -rf .build public .venv-browser

## install: build the release binary and install it under PREFIX (default /usr/local) with the default
## theme, bash, zsh and fish completions and the man page; `make uninstall` removes them. DESTDIR is
## honoured for packaging, SCRATCH is the build folder. The build runs as you; only the copy uses
## sudo, and only when PREFIX is not writable.
SCRATCH ?= .build
INSTALL_ROOT = $(DESTDIR)$(PREFIX)
INSTALL_STAGE = $(SCRATCH)/install-stage
INSTALLED_FILES = bin/trellis share/bash-completion/completions/trellis share/zsh/site-functions/_trellis \
	share/fish/vendor_completions.d/trellis.fish share/man/man1/trellis.1
INSTALL_SUDO = $(shell d='$(INSTALL_ROOT)'; while [ ! -e "$$d" ]; do d=$$(dirname "$$d"); done; [ -w "$$d" ] || echo sudo)

.PHONY: install uninstall

install: deps
	$(SWIFT) build $(RELEASE_FLAGS) --product trellis --scratch-path $(SCRATCH)
	$(SWIFT) package --scratch-path $(SCRATCH) generate-manual
	rm -rf $(INSTALL_STAGE)
	mkdir -p $(INSTALL_STAGE)/bin $(INSTALL_STAGE)/share/trellis $(INSTALL_STAGE)/share/man/man1 \
	  $(INSTALL_STAGE)/share/bash-completion/completions $(INSTALL_STAGE)/share/zsh/site-functions \
	  $(INSTALL_STAGE)/share/fish/vendor_completions.d
	cp "$$($(SWIFT) build $(RELEASE_FLAGS) --scratch-path $(SCRATCH) --show-bin-path)/trellis" $(INSTALL_STAGE)/bin/trellis
	cp -R Theme $(INSTALL_STAGE)/share/trellis/Theme
	$(INSTALL_STAGE)/bin/trellis --generate-completion-script bash > $(INSTALL_STAGE)/share/bash-completion/completions/trellis
	$(INSTALL_STAGE)/bin/trellis --generate-completion-script zsh > $(INSTALL_STAGE)/share/zsh/site-functions/_trellis
	$(INSTALL_STAGE)/bin/trellis --generate-completion-script fish > $(INSTALL_STAGE)/share/fish/vendor_completions.d/trellis.fish
	cp $(SCRATCH)/plugins/GenerateManual/outputs/trellis/trellis.1 $(INSTALL_STAGE)/share/man/man1/trellis.1
	$(INSTALL_SUDO) mkdir -p $(INSTALL_ROOT)
	$(INSTALL_SUDO) rm -rf $(INSTALL_ROOT)/share/trellis/Theme
	$(INSTALL_SUDO) cp -R $(INSTALL_STAGE)/. $(INSTALL_ROOT)/
	@echo "Installed $(INSTALL_ROOT)/bin/trellis, its theme, completions and man page."

uninstall:
	$(INSTALL_SUDO) rm -f $(addprefix $(INSTALL_ROOT)/,$(INSTALLED_FILES))
	$(INSTALL_SUDO) rm -rf $(INSTALL_ROOT)/share/trellis/Theme
	@$(INSTALL_SUDO) rmdir $(INSTALL_ROOT)/share/trellis 2>/dev/null || true
