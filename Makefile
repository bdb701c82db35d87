# Press office platform. `make run` and `make test` do all the set-up on a fresh machine.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
PYTHON ?= python3
PORT ?= 8000
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/pressoffice
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: run test lint format bench install install-dev browser bench-tools clean

$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements.txt
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(PY) -m pip install -q -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

# Serves the site on http://127.0.0.1:$(PORT) and runs the task worker beside it.
run: install
	DJANGO_SETTINGS_MODULE=pressoffice.settings.dev $(PY) manage.py migrate --noinput
	DJANGO_SETTINGS_MODULE=pressoffice.settings.dev $(PY) manage.py load_demo_content
	DJANGO_SETTINGS_MODULE=pressoffice.settings.dev $(PY) manage.py load_demo_operations
	DJANGO_SETTINGS_MODULE=pressoffice.settings.dev $(PY) manage.py run_worker & \
	  WORKER=$$!; trap "kill $$WORKER 2>/dev/null" EXIT INT TERM; \
	  DJANGO_SETTINGS_MODULE=pressoffice.settings.dev $(PY) manage.py runserver 127.0.0.1:$(PORT)

# Debian's chromium for the Playwright journeys (a test tool's own browser download fails here).
browser:
	@test -x /usr/bin/chromium || { apt-get update -qq && apt-get install -y -qq chromium; }

test: install-dev browser
	DATABASE_URL=$${DATABASE_URL:-$(TEST_DATABASE_URL)} $(PY) -m pytest $(PYTEST_ARGS)

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install-dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

bench-tools:
	@command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }

bench: install-dev bench-tools
	DATABASE_URL=$${DATABASE_URL:-$(TEST_DATABASE_URL)} $(PY) -m bench

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
