# Bürgerdesk developer tasks. Stamp files in .venv keep repeated runs fast.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
ARGS ?=
PYTEST_ARGS ?=
# make test runs the suite in this many processes (pytest-xdist); 0 runs it in one
TEST_WORKERS ?= 2

.PHONY: venv install install-dev run lint test soak bench translations lock dist dist-check clean

venv: $(VENV)/.stamp-venv

$(VENV)/.stamp-venv:
	PYTHON=$(PYTHON) scripts/ensure-system-packages venv
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --upgrade pip
	touch $@

install: $(VENV)/.stamp-install

$(VENV)/.stamp-install: $(VENV)/.stamp-venv pyproject.toml
	scripts/ensure-system-packages run
	$(BIN)/pip install -e .
	touch $@

install-dev: $(VENV)/.stamp-dev

$(VENV)/.stamp-dev: $(VENV)/.stamp-venv pyproject.toml
	scripts/ensure-system-packages test
	$(BIN)/pip install -e '.[dev]'
	touch $@

# Bytecode is written up front (a no-op when current): with PYTHONDONTWRITEBYTECODE set,
# every start would compile the app's modules again, as an installed build never does.
run: install
	$(BIN)/python -m compileall -q desk ui >/dev/null
	$(BIN)/buergerdesk $(ARGS)

lint: install-dev
	$(BIN)/ruff check desk ui tests bench
	$(BIN)/ruff format --check desk ui tests bench scripts
	$(BIN)/mypy desk
	$(BIN)/lint-imports

test: lint
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

soak: install-dev
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest -m soak $(PYTEST_ARGS)

bench: install-dev
	@found=; for f in bench/*.py; do \
		[ -e "$$f" ] || continue; found=1; \
		echo "== $$f"; $(BIN)/python "$$f" || exit 1; \
	done; \
	[ -n "$$found" ] || echo "bench: no benchmarks in bench/"

# after changing UI texts: update the .ts catalogue, translate in Qt Linguist
# (pyside6-linguist), then compile the .qm that the app loads
translations: install-dev
	$(BIN)/pyside6-lupdate $$(find ui -name '*.py' | sort) -ts resources/i18n/buergerdesk_en.ts \
		-source-language de -target-language en
	$(BIN)/pyside6-lrelease resources/i18n/buergerdesk_en.ts -qm resources/i18n/buergerdesk_en.qm

# What the app ships, pinned with hashes (uv, one lock for Linux and Windows). After a
# change of the dependencies in pyproject.toml: make lock. Security updates of everything:
# make lock LOCK_ARGS=--upgrade; of one package: LOCK_ARGS='--upgrade-package psycopg-binary'
# requirements/build.lock: PyInstaller, whose bootloader and hooks go into dist/ too.
LOCK := requirements/app.lock
BUILD_LOCK := requirements/build.lock
LOCK_ARGS ?=
UV_COMPILE = $(BIN)/uv pip compile --universal --python-version 3.11 --generate-hashes \
	--custom-compile-command 'make lock' --quiet $(LOCK_ARGS)
lock: install-dev
	$(UV_COMPILE) pyproject.toml -o $(LOCK)
	$(UV_COMPILE) requirements/build.in -c $(LOCK) -o $(BUILD_LOCK)

# The build's own venv holds exactly the locked packages, each checked against its hash
# (the dev venv may hold newer ones), the app itself without dependencies, and PyInstaller.
# Its Python: $(PYTHON), 3.11 or later.
DIST_VENV := build/dist-venv
$(DIST_VENV)/.stamp: $(VENV)/.stamp-venv $(LOCK) $(BUILD_LOCK) pyproject.toml
	rm -rf $(DIST_VENV)
	$(PYTHON) -m venv $(DIST_VENV)
	$(DIST_VENV)/bin/python -m pip install --quiet --require-hashes -r $(LOCK)
	$(DIST_VENV)/bin/python -m pip install --quiet --no-deps -e .
	$(DIST_VENV)/bin/python -m pip install --quiet --require-hashes -r $(BUILD_LOCK)
	touch $@

# the installable folder dist/buergerdesk/ (PyInstaller onedir, build.spec)
dist: $(DIST_VENV)/.stamp
	scripts/ensure-system-packages run
	$(DIST_VENV)/bin/pyinstaller --noconfirm --log-level WARN build.spec

# build, then start the built program on a fresh data folder (window, first paint, exit 0)
dist-check: $(DIST_VENV)/.stamp
	@start=$$(date +%s); \
	$(DIST_VENV)/bin/pyinstaller --noconfirm --log-level WARN build.spec || exit 1; \
	built=$$(date +%s); data=$$(mktemp -d); \
	BUERGERDESK_DATA_DIR=$$data QT_QPA_PLATFORM=offscreen dist/buergerdesk/buergerdesk --smoke; \
	code=$$?; ended=$$(date +%s); rm -rf "$$data"; \
	echo "dist-check: build $$((built - start)) s, smoke start $$((ended - built)) s" \
		"(exit $$code), size $$(du -sh dist/buergerdesk | cut -f1)"; \
	exit $$code

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis build dist *.egg-info
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
