# Vindplek: `make run` starts the site, `make test` runs every check. See README.md.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
DATA ?= data
# Where new versions of the upstream source files arrive (see data/SOURCES.md).
SHARED_DATA ?= ../shared/data
UPSTREAM_DATA := regio-indeling-pc4.csv regeling-regio-indeling-BWBR0032324.md geonames-nl-pc4.csv \
	pc4-gemeente-2024.csv scholen-2024-11.csv
BUILD := build
FIXTURE_DB := $(BUILD)/fixtures.sqlite3
PEILING_2023 := Landelijke peiling november 2023: 127 van de 150 samenwerkingsverbanden hadden een ouder- en jeugdsteunpunt. De peiling gaf alleen dit totaal, niet per sector of per samenwerkingsverband.
# Demo steunpunten exist under `make run` (and in the fixtures build); `make run VOORBEELDEN=0` without.
VOORBEELDEN ?= 1
MANAGE_DEV := DJANGO_DEBUG=1 VINDPLEK_VOORBEELDEN=$(VOORBEELDEN) $(PY) manage.py
# `make run PORT=8010` serves on another port; the links in mails follow (.env, see README).
PORT ?= 8000

.PHONY: deploy-check help install install-test run test lint check data fixtures bench e2e lighthouse audit lock messages vendor clean

help:
	@echo "make run       start the site at http://127.0.0.1:8000/ (SQLite, shipped data; PORT=8010 for another port)"
	@echo "make test      lint, Django checks and the test suite (DATABASE_URL selects PostgreSQL)"
	@echo "make test-realdata  the whole-country tests (sweeps, real files, backups) on all shipped data,"
	@echo "               the property tests at full size and the tests that start other processes"
	@echo "make e2e       end-to-end and accessibility tests in a real browser"
	@echo "make bench     benchmarks; figures go to docs/benchmarks*.md (first run: benchmarks-first-run.md)"
	@echo "make lighthouse  Lighthouse on the public pages and the beheer; scores go to docs/lighthouse.md"
	@echo "make audit     pip-audit over requirements.lock"
	@echo "make deploy-check  nginx + two gunicorn instances + PostgreSQL + Redis, restarted under load"
	@echo "make lock      re-pin every dependency into requirements.lock"
	@echo "make data      copy new upstream source files from $(SHARED_DATA) into data/"
	@echo "make fixtures  re-import $(DATA) into fixtures/"
	@echo "make vendor    the pinned front-end packages (npm) into static/vendor/"

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

$(VENV)/.installed: $(VENV)/bin/python pyproject.toml requirements.lock
	$(PY) -m pip install -q -c requirements.lock -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/bin/python pyproject.toml requirements.lock
	$(PY) -m pip install -q -c requirements.lock -e '.[test]'
	touch $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

run: install
	$(PY) -m vindplek.devenv --port $(PORT)
	$(MANAGE_DEV) migrate --noinput
	$(MANAGE_DEV) load_shipped_data
	$(MANAGE_DEV) ensure_roles
	@echo ""
	@echo "Vindplek draait op http://127.0.0.1:$(PORT)/ (stoppen: Ctrl+C)."
	@echo "Beheer: maak eerst een eigen account met '$(PY) manage.py createsuperuser'"
	@echo "en log in op /beheer/ met uw e-mailadres; daarna stelt u uw authenticator-app in."
	@echo ""
	$(MANAGE_DEV) runserver 127.0.0.1:$(PORT)

lint: install-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

check: install-test
	$(PY) manage.py check --settings=vindplek.test_settings
	$(PY) manage.py makemigrations --check --dry-run --settings=vindplek.test_settings

# Both cores (pytest-xdist): each worker has its own test database with the sample data.
# PYTHONDONTWRITEBYTECODE is emptied for the tests: pytest keeps its rewritten test modules in
# __pycache__ (git-ignored), which saves each worker about 5 s of compiling on the next run.
PYTEST := PYTHONDONTWRITEBYTECODE= $(VENV)/bin/pytest
test: lint check
	$(PYTEST) -n auto

# The tests marked realdata: whole-country sweeps, real-file imports, backup round trips and the
# property tests at full size, on all of the shipped data; and those marked processen, which start
# other processes (gunicorn, manage.py). .ci/run runs them on SQLite and PostgreSQL; not in `make test`.
test-realdata: install-test
	$(PYTEST) -n auto -m 'realdata or processen'

# End-to-end journeys and axe-core in Debian's Chromium against a real server (not in `make test`).
e2e: install-test
	bash .ci/browser.sh
	$(VENV)/bin/pytest tests/e2e -m e2e -p no:cacheprovider

# Lighthouse (pinned, npm, into build/lighthouse/) in Debian's Chromium against gunicorn on
# 127.0.0.1, public pages and the beheer (logged in per role): text compression and the category
# scores -> docs/lighthouse.md (not in CI).
lighthouse: install-test
	bash .ci/browser.sh
	$(PY) -m bench.lighthouse

# Known vulnerabilities in the locked dependencies (see .ci/audit.py for what it can reach).
audit: install-test
	$(PY) .ci/audit.py

# Pin every runtime and test dependency; installs use it as constraints (-c requirements.lock).
lock: $(VENV)/bin/python
	$(PY) -m pip install -q pip-tools
	$(VENV)/bin/pip-compile --quiet --extra test --strip-extras --no-emit-index-url \
		--no-emit-find-links --no-emit-trusted-host --output-file requirements.lock pyproject.toml

# Throughput (gunicorn + wrk), nearest search, query counts, page weight -> docs/benchmarks.md;
# the first `make run` of a fresh clone and load_shipped_data -> docs/benchmarks-first-run.md.
bench: install-test
	command -v wrk >/dev/null || (apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk)
	$(PY) -m bench.run
	$(PY) -m bench.scholen
	$(PY) -m bench.first_run

# The upstream files only: the files kept in data/ itself (see data/SOURCES.md) are not replaced.
data:
	@for f in $(UPSTREAM_DATA); do cp -v $(SHARED_DATA)/$$f $(DATA)/$$f; done

fixtures: install
	rm -f $(FIXTURE_DB) && mkdir -p $(BUILD)
	DJANGO_SQLITE_PATH=$(FIXTURE_DB) $(MANAGE_DEV) migrate --noinput -v0
	DJANGO_SQLITE_PATH=$(FIXTURE_DB) $(MANAGE_DEV) import_regio_indeling $(DATA)/regio-indeling-pc4.csv
	DJANGO_SQLITE_PATH=$(FIXTURE_DB) $(MANAGE_DEV) import_geonames $(DATA)/geonames-nl-pc4.csv
	DJANGO_SQLITE_PATH=$(FIXTURE_DB) $(MANAGE_DEV) import_gemeenten $(DATA)/pc4-gemeente-2024.csv --scholen $(DATA)/scholen-2024-11.csv
	DJANGO_SQLITE_PATH=$(FIXTURE_DB) $(MANAGE_DEV) import_alternatieve_namen $(DATA)/alternatieve-namen.csv
	DJANGO_SQLITE_PATH=$(FIXTURE_DB) $(MANAGE_DEV) import_scholen $(DATA)/scholen-2024-11.csv
	DJANGO_SQLITE_PATH=$(FIXTURE_DB) $(MANAGE_DEV) create_demo_steunpunten
	DJANGO_SQLITE_PATH=$(FIXTURE_DB) $(MANAGE_DEV) record_peiling --datum 2023-11-01 --met-steunpunt 127 --aantal-swv 150 --omschrijving "$(PEILING_2023)"
	DJANGO_SQLITE_PATH=$(FIXTURE_DB) $(MANAGE_DEV) import_openbare_bronnen $(DATA)/steunpunten-openbare-bronnen.csv --namen $(DATA)/swv-namen-openbare-bronnen.csv
	DJANGO_SQLITE_PATH=$(FIXTURE_DB) $(MANAGE_DEV) dump_shipped_data

# The English catalogue: new message ids in, then compiled (the .mo is committed). No file
# locations in the .po, so that branches touching different files do not conflict there.
# locale/nl holds Dutch for texts of Django's admin and third-party apps (kept by hand).
messages: install
	$(MANAGE_DEV) makemessages -l en --no-location --ignore=.venv --ignore=build --ignore=tests -v0
	$(MANAGE_DEV) compilemessages -l en -l nl --ignore=.venv -v0

# Front-end packages from the npm registry, vendored into static/vendor/ and committed, so that
# `make run` needs no Node and no page loads anything from elsewhere (CSP script-src 'self').
AUTOCOMPLETE_VERSION := 3.0.1
AUTOCOMPLETE_DIR := static/vendor/accessible-autocomplete
vendor:
	rm -rf $(BUILD)/npm && mkdir -p $(BUILD)/npm $(AUTOCOMPLETE_DIR)
	cd $(BUILD)/npm && npm pack --silent accessible-autocomplete@$(AUTOCOMPLETE_VERSION)
	tar -xzf $(BUILD)/npm/accessible-autocomplete-$(AUTOCOMPLETE_VERSION).tgz -C $(BUILD)/npm
	cp $(BUILD)/npm/package/dist/accessible-autocomplete.min.js \
		$(BUILD)/npm/package/dist/accessible-autocomplete.min.css \
		$(BUILD)/npm/package/LICENSE.txt $(AUTOCOMPLETE_DIR)/
	# The source maps are left out: whitenoise would serve a reference to a file that is not there.
	sed -i '/sourceMappingURL/d' $(AUTOCOMPLETE_DIR)/accessible-autocomplete.min.js $(AUTOCOMPLETE_DIR)/accessible-autocomplete.min.css
	echo "accessible-autocomplete $(AUTOCOMPLETE_VERSION) (npm, MIT, Crown Copyright / GDS)" > $(AUTOCOMPLETE_DIR)/VERSION
	# The NL Design System components and the font: frontend/package.json, pinned in its lock file.
	cd frontend && npm ci --ignore-scripts --no-audit --no-fund
	$(PYTHON) frontend/vendor.py

# The production recipe of deploy/ on loopback: nginx in front of two gunicorn instances with a
# shared PostgreSQL and Redis, under a load of mixed postcodes through a rolling restart and a
# lost instance; fails on any failed request or an edit not visible on both (deploy/README.md).
deploy-check: install
	bash deploy/ensure-services.sh
	$(PY) -m deploy.check

clean:
	rm -rf $(BUILD) .pytest_cache .ruff_cache
