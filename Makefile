# carelist — the Pelican convention: make build, make serve, make test.
# Each target creates .venv and installs what it needs on first use, so a fresh clone needs only python3 and make.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.carelist-installed
HOST   ?= 127.0.0.1
PORT   ?= 8000
# The browser tests drive Debian's Chromium; Playwright must never fetch a browser of its own.
CHROMIUM ?= /usr/bin/chromium
NODE_STAMP := node_modules/.installed
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1
# apt-get as root (CI) or through sudo; anything else gets told what to run.
APT_GET = if [ "$$(id -u)" = 0 ]; then SUDO=; elif command -v sudo >/dev/null; then SUDO=sudo; \
	else echo "need root or sudo to run: apt-get install -y $(1)" >&2; exit 1; fi; \
	$$SUDO apt-get update && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $(1)

.PHONY: help install browser-deps build serve test lint validate coverage expected catalog clean

help:
	@echo "make serve     set up, build the site into output/ and serve it on http://$(HOST):$(PORT)/"
	@echo "make build     validate the checklists and build the site into output/"
	@echo "make test      lint and run every test (installs test tools, Chromium and Node packages if missing)"
	@echo "make validate  check checklists/ against the schema and the national baseline"
	@echo "make coverage  the region x baseline-item matrix"
	@echo "make expected  regenerate tests/expected/site/ (the fixture site's expected output) after a deliberate change"

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

install: $(STAMP)

# Node packages for the tests (axe-core), exactly as package-lock.json pins them.
$(NODE_STAMP): package.json package-lock.json
	command -v npm >/dev/null || { $(call APT_GET,npm); }
	npm ci --no-audit --no-fund
	touch $@

# Only runs when Chromium is missing.
$(CHROMIUM):
	$(call APT_GET,chromium)
	@test -x $@ || { echo "Chromium is still missing at $@: install it, or set CHROMIUM=/path/to/chromium" >&2; exit 1; }

# Screenshots of Chinese pages need a Chinese font (a small one; Chromium brings none).
browser-deps: $(STAMP) $(NODE_STAMP) $(CHROMIUM)
	@fc-list :lang=zh family | grep -q . || { $(call APT_GET,fonts-wqy-microhei); }

build: $(STAMP)
	$(BIN)/carelist build

serve: $(STAMP)
	$(BIN)/carelist serve --host $(HOST) --port $(PORT)

validate: $(STAMP)
	$(BIN)/carelist validate

coverage: $(STAMP)
	$(BIN)/carelist coverage

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy --strict src/carelist
	$(BIN)/mypy src/carelist_site

test: $(STAMP) lint browser-deps
	CHROMIUM=$(CHROMIUM) $(BIN)/python -m pytest

# The expected output of the fixture site (tests/expected/site/): regenerate after a change you mean, then review the diff.
expected: $(STAMP)
	$(BIN)/python tests/expected_tree.py

catalog: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg -o theme/locales/messages.pot theme/templates src/carelist_site
	$(BIN)/pybabel update -i theme/locales/messages.pot -d theme/locales

clean:
	rm -rf output .pytest_cache .ruff_cache test-artifacts
