# carelist — the Pelican convention: make build, make serve, make test.
# Each target creates .venv and installs what it needs on first use, so a fresh clone needs only python3 and make.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.carelist-installed
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: help install build serve test lint validate coverage catalog clean

help:
	@echo "make serve     set up, build the site into output/ and serve it on http://$(HOST):$(PORT)/"
	@echo "make build     validate the checklists and build the site into output/"
	@echo "make test      lint and run every test (installs test tools, Chromium and Node packages if missing)"
	@echo "make validate  check checklists/ against the schema and the national baseline"
	@echo "make coverage  the region x baseline-item matrix"

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

install: $(STAMP)

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

test: $(STAMP) lint
	$(BIN)/python -m pytest

catalog: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg -o theme/locales/messages.pot theme/templates src/carelist_site
	$(BIN)/pybabel update -i theme/locales/messages.pot -d theme/locales

clean:
	rm -rf output .pytest_cache .ruff_cache
