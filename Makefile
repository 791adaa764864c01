# duban — the README's two commands are `make demo` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
VENDOR := static/vendor
HOST ?= 127.0.0.1
PORT ?= 8000
DEMO_PASSWORD ?= duban-demo-2026
export DJANGO_SETTINGS_MODULE := duban.settings

.PHONY: demo test venv bench fuzz assets messages sysdeps lint clean mutation serve load bench-city

# With DEBUG off duban refuses to start without SECRET_KEY, AUDIT_KEY and FIELD_KEY from the environment;
# the demo and the static checks are development runs (pytest gets the development keys by itself).
demo lint: export DEBUG ?= 1

## venv: set-up only (Python packages, front-end assets, translations, system packages)
venv: $(STAMP) assets messages sysdeps

$(STAMP): requirements.lock pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	@touch $(STAMP)

## assets: htmx and ECharts from the npm registry, copied into our own static files (no CDN)
assets: $(VENDOR)/.installed

$(VENDOR)/.installed: package.json package-lock.json
	@command -v npm >/dev/null || bin/ensure-system-packages npm
	npm ci --no-audit --no-fund --silent
	mkdir -p $(VENDOR) var/staticfiles
	cp node_modules/htmx.org/dist/htmx.min.js $(VENDOR)/htmx.min.js
	cp node_modules/echarts/dist/echarts.min.js $(VENDOR)/echarts.min.js
	@touch $@

## messages: compile the zh-Hans catalogues (the project's and each app's)
PO_FILES := $(wildcard locale/zh_Hans/LC_MESSAGES/django.po */locale/zh_Hans/LC_MESSAGES/django.po)
messages: $(PO_FILES:.po=.mo)

%.mo: %.po
	@command -v msgfmt >/dev/null || bin/ensure-system-packages gettext
	msgfmt --check-format -o $@ $<

## sysdeps: Chromium (browser tests), CJK fonts, LibreOffice (PDF), gettext — installed with apt-get when missing
sysdeps:
	@bin/ensure-system-packages

## demo: migrate a SQLite database, load the demo data and serve duban at http://$(HOST):$(PORT)
demo: venv
	$(PY) manage.py migrate --noinput
	$(PY) manage.py demo --password "$(DEMO_PASSWORD)"
	@echo ""
	@echo "duban 已启动 / duban is running: http://$(HOST):$(PORT)/"
	@echo "登录 / log in (password $(DEMO_PASSWORD) for every account):"
	@echo "  admin            系统管理员 / administrator"
	@echo "  qg-sup, lc-sup   泉港区、鲤城区督查室 / supervision offices"
	@echo "  qg-u001-liaison  泉港区发改局联络员 / a unit liaison (qg-u001-leader: its unit leader)"
	@echo "  all accounts:    $(PY) manage.py demo --json --password $(DEMO_PASSWORD)"
	@echo ""
	@# the background worker reads uploaded tables; it stops when the server stops
	$(PY) manage.py db_worker & worker=$$!; trap "kill $$worker 2>/dev/null" EXIT INT TERM; \
		DEBUG=1 $(PY) manage.py runserver --noreload $(HOST):$(PORT)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy .
	$(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/lint-imports

## test: ruff, mypy (strict), the migration check, the layering contract, then pytest with branch coverage
## (the floor is `fail_under` in pyproject.toml's [tool.coverage.report])
test: venv lint
	$(VENV)/bin/pytest --cov --cov-branch --cov-report=term:skip-covered

## mutation: mutation testing (mutmut) of the access modules and the services' guard functions; slow (tens of
## minutes), never part of `make test`. What is mutated is listed once, in pyproject.toml ([tool.mutmut]
## only_mutate, [tool.duban.mutation.guards]); results: `.venv/bin/mutmut results`, report: docs/mutation.md.
## One `mutmut run` per file, access modules first; each pytest session copies a migrated template database
## into memory instead of migrating (DUBAN_TEST_DB_TEMPLATE, tests/db_template.py)
mutation: venv
	rm -f mutants/test-db-template.sqlite3
	bin/mutation-targets | while read -r patterns; do \
		DUBAN_TEST_DB_TEMPLATE=$(CURDIR)/mutants/test-db-template.sqlite3 \
			$(VENV)/bin/mutmut run --max-children 2 $$patterns </dev/null || exit 1; \
	done
	$(VENV)/bin/mutmut results

## bench: benchmarks; each bench/bench_*.py replaces its own section of docs/benchmarks.md (bench/sections.py),
## and the city scale (bench/city.py) when PostgreSQL answers at 127.0.0.1:5432
bench: venv
	$(PY) bench/run.py

## serve: the production stack locally on PostgreSQL — gunicorn, db_worker, run_periodic; DEBUG off
## (DATABASE_URL defaults to postgres://postgres@127.0.0.1:5432/duban_serve; keys generated into var/)
serve:
	bin/serve

## load: the deadline-day load test (locust, loopback only, bounded) → docs/benchmarks.md; not in `make test`.
## Through the pages and through the API, on PostgreSQL (production's database: its result is the target) and
## on SQLite (the demo's: reported beside it); see docs/decisions/0017-deadline-day-on-production-database.md
load:
	$(PY) bench/load/run.py --db sqlite; $(PY) bench/load/run.py --via api --db sqlite; \
	$(PY) bench/load/run.py --via api --db pg; api=$$?; $(PY) bench/load/run.py --db pg && exit $$api

## bench-city: a city's worth of data on PostgreSQL (12 regions × 150 tasks × 5 years) and the pages' p95
bench-city:
	$(PY) bench/city.py

clean:
	rm -rf $(VENV) node_modules $(VENDOR) var db.sqlite3*

## fuzz: 10,000 mutated documents of every format through taskdoc's isolated reader (not part of `make test`;
## N=… and BUDGET=… seconds to shorten); the counts go to bench/fuzz_results.md and docs/benchmarks.md
N ?= 10000
BUDGET ?= 0
fuzz: venv
	$(PY) bench/fuzz_taskdoc.py --n $(N) --budget $(BUDGET)
