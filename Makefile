# Vindplek: `make run` starts the site, `make test` runs every check. See README.md.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
DATA ?= ../shared/data
BUILD := build
FIXTURE_DB := $(BUILD)/fixtures.sqlite3
PEILING_2023 := Landelijke peiling november 2023: het totaal (127 van 150) volgt de landelijke peiling; de regels per samenwerkingsverband zijn de voorbeeldgegevens.
MANAGE_DEV := DJANGO_DEBUG=1 $(PY) manage.py

.PHONY: help install install-test run test lint check fixtures bench e2e clean

help:
	@echo "make run       start the site at http://127.0.0.1:8000/ (SQLite, shipped data)"
	@echo "make test      lint, Django checks and the test suite (DATABASE_URL selects PostgreSQL)"
	@echo "make e2e       end-to-end and accessibility tests in a real browser"
	@echo "make bench     benchmarks; figures go to docs/benchmarks.md"
	@echo "make fixtures  re-import $(DATA) into fixtures/"

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

$(VENV)/.installed: $(VENV)/bin/python pyproject.toml
	$(PY) -m pip install -q -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/bin/python pyproject.toml
	$(PY) -m pip install -q -e '.[test]'
	touch $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

run: install
	$(MANAGE_DEV) migrate --noinput
	$(MANAGE_DEV) load_shipped_data
	$(MANAGE_DEV) rollen
	@echo ""
	@echo "Vindplek draait op http://127.0.0.1:8000/ (stoppen: Ctrl+C)."
	@echo "Beheer: maak eerst een eigen account met '$(PY) manage.py createsuperuser' en ga naar /beheer/."
	@echo ""
	$(MANAGE_DEV) runserver 127.0.0.1:8000

lint: install-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

check: install-test
	$(PY) manage.py check --settings=vindplek.test_settings
	$(PY) manage.py makemigrations --check --dry-run --settings=vindplek.test_settings

test: lint check
	$(VENV)/bin/pytest

fixtures: install
	rm -f $(FIXTURE_DB) && mkdir -p $(BUILD)
	DJANGO_SQLITE_PATH=$(FIXTURE_DB) $(MANAGE_DEV) migrate --noinput -v0
	DJANGO_SQLITE_PATH=$(FIXTURE_DB) $(MANAGE_DEV) import_regio_indeling $(DATA)/regio-indeling-pc4.csv
	DJANGO_SQLITE_PATH=$(FIXTURE_DB) $(MANAGE_DEV) import_geonames $(DATA)/geonames-nl-pc4.csv
	DJANGO_SQLITE_PATH=$(FIXTURE_DB) $(MANAGE_DEV) demo_steunpunten
	DJANGO_SQLITE_PATH=$(FIXTURE_DB) $(MANAGE_DEV) peiling_vastleggen --historisch --datum 2023-11-01 --omschrijving "$(PEILING_2023)"
	DJANGO_SQLITE_PATH=$(FIXTURE_DB) $(MANAGE_DEV) dump_shipped_data

clean:
	rm -rf $(BUILD) .pytest_cache .ruff_cache
