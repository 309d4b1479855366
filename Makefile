# Luton AI Club portal. `make run` to try it, `make test` to test it. `make help` lists all.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
PYTEST_ARGS ?=

.DEFAULT_GOAL := help
.PHONY: help install assets translations messages check-translations run test test-fast lint format migrate demo worker clean bench bench-dashboard loadtest

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-16s %s\n", $$1, $$2}'

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed")'
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: $(BIN)/python requirements.txt requirements-dev.txt
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	@touch $@

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

build/static/css/main.css: node_modules/.package-lock.json $(wildcard assets/scss/*.scss) scripts/build_static.mjs
	npm run --silent build

# The switcher names Urdu and Bengali in their own scripts on every page: a few glyphs each.
LANGUAGE_NAME_FONTS := build/static/fonts/language-names-ur.woff2 build/static/fonts/language-names-bn.woff2

build/static/fonts/language-names-ur.woff2: build/static/css/main.css $(VENV)/.installed scripts/subset_language_names.py
	$(BIN)/python scripts/subset_language_names.py ur build/static/fonts/noto-naskh-arabic-arabic-400-normal.woff2 $@

build/static/fonts/language-names-bn.woff2: build/static/css/main.css $(VENV)/.installed scripts/subset_language_names.py
	$(BIN)/python scripts/subset_language_names.py bn build/static/fonts/noto-sans-bengali-bengali-400-normal.woff2 $@

assets: build/static/css/main.css $(LANGUAGE_NAME_FONTS) ## Build the CSS, JavaScript and fonts into build/static

# The interface's languages besides English, each in locale/<code>/LC_MESSAGES/django.po.
TRANSLATED := pl ro ur bn
SOURCE_IGNORES := --ignore=.venv --ignore=node_modules --ignore=build --ignore=static_collected --ignore=media --ignore=test-results
PO_FILES := $(foreach code,$(TRANSLATED),locale/$(code)/LC_MESSAGES/django.po)
MO_FILES := $(PO_FILES:.po=.mo)

locale/%/LC_MESSAGES/django.mo: locale/%/LC_MESSAGES/django.po
	msgfmt --check --output-file=$@ $<

translations: $(MO_FILES) ## Compile the translations in locale/ (never committed)

messages: $(VENV)/.installed ## Gather the interface's text into locale/*/django.po for translators
	$(MANAGE) makemessages --no-location --no-obsolete --no-wrap $(SOURCE_IGNORES) $(addprefix --locale=,$(TRANSLATED))

check-translations: $(VENV)/.installed ## Fail when text is left out of locale/, or untranslated or fuzzy there
	$(BIN)/python scripts/check_translations.py $(TRANSLATED)

install: $(VENV)/.installed assets translations ## Create .venv, install pinned Python and npm packages, build assets and translations

migrate: install ## Apply database migrations
	$(MANAGE) migrate --no-input

demo: migrate ## Load the demo content (safe to run again)
	$(MANAGE) load_demo

run: demo ## Set everything up and serve the portal at http://127.0.0.1:8000
	$(MANAGE) runserver 127.0.0.1:8000

test: install ## Run every test (set DATABASE_URL / REDIS_URL to use PostgreSQL and Redis)
	$(BIN)/pytest $(PYTEST_ARGS)

test-fast: install ## Run the tests without the browser journeys
	$(BIN)/pytest -m "not browser" $(PYTEST_ARGS)

lint: install ## Check code style (ruff lint and format)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install ## Fix code style where ruff can
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

worker: install ## Run the background task worker (production uses the database queue)
	$(MANAGE) db_worker

bench: install ## Throughput of the main pages, anonymous and signed in, against gunicorn (needs wrk)
	$(BIN)/python scripts/bench.py

bench-dashboard: install ## Time the dashboard at 200,000 assessments and 20,000 business checks (needs DATABASE_URL to PostgreSQL, and wrk)
	$(BIN)/python scripts/bench_dashboard.py --assessments 200000 --business-checks 20000

$(VENV)/.loadtest-installed: $(VENV)/.installed requirements-loadtest.txt
	$(BIN)/python -m pip install --quiet -r requirements-loadtest.txt
	@touch $@

loadtest: install $(VENV)/.loadtest-installed ## 100 people on real journeys for 3 minutes against gunicorn ×4, PostgreSQL, Redis and a worker
	$(BIN)/python scripts/loadtest/run.py --users 100 --minutes 3

clean: ## Remove the virtualenv, npm packages and built files
	rm -rf $(VENV) node_modules build static_collected $(MO_FILES)
