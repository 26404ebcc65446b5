# Needs only Python 3.11 and make. `make run` serves the demo commune on
# http://127.0.0.1:8000; `make test` runs the whole suite.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000

.PHONY: install run demo test test-quick test-serial test-thorough test-postgres lint clean bench bench-report bench-api backup-drill

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e ".[dev]"
	touch $@

install: $(BIN)/.installed

demo: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo

# The worker that runs the background tasks (Excel exports) runs beside the web server and
# stops with it.
run: demo
	@$(BIN)/python manage.py demo_logins --url http://$(HOST)
	@$(BIN)/python manage.py worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py runserver $(HOST)

# On every core (pytest-xdist); the browser tests (-m browser) are part of it.
# `make test-serial`, or pytest on a folder, runs in one process. Python keeps the compiled
# tests and modules between runs even where the machine sets PYTHONDONTWRITEBYTECODE:
# compiling them again costs each of pytest's processes seconds.
test: export PYTHONDONTWRITEBYTECODE :=
test: install
	$(BIN)/python -m pytest -n auto

# The quick loop while changing code: every test but those that drive a browser or run
# another program (-m system: LibreOffice, worker and manage.py processes, gunicorn, nginx…).
test-quick: export PYTHONDONTWRITEBYTECODE :=
test-quick: install
	$(BIN)/python -m pytest -n auto -m "not browser and not system"

# The property tests with 1,000 cases each instead of 50.
test-thorough: install
	HYPOTHESIS_PROFILE=thorough $(BIN)/python -m pytest -n auto hocvuso/roster/tests/test_generator_properties.py

test-serial: install
	$(BIN)/python -m pytest

test-postgres: export PYTHONDONTWRITEBYTECODE :=
test-postgres: install
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/hocvuso} $(BIN)/python -m pytest -n auto

# The report's speed on 200,000 visits (bench/README.md): on a temporary SQLite file, then
# on PostgreSQL, in a database hocvuso_bench that the script makes and drops.
BENCH_POSTGRES ?= postgres://postgres@127.0.0.1:5432/hocvuso_bench
bench: bench-report
bench-report: install
	$(BIN)/python bench/report_speed.py
	$(BIN)/python bench/report_speed.py --database-url $(BENCH_POSTGRES)

# The city's report and completeness on the demo city and on 114 communes × 50,000 visits
# (bench/README.md): on temporary SQLite files, then on PostgreSQL, in a database
# hocvuso_city_bench that the script makes and drops.
.PHONY: bench-city
BENCH_CITY_POSTGRES ?= postgres://postgres@127.0.0.1:5432/hocvuso_city_bench
bench-city: install
	$(BIN)/python bench/city_speed.py
	$(BIN)/python bench/city_speed.py --database-url $(BENCH_CITY_POSTGRES)

# The whole country on PostgreSQL (bench/README.md): load_demo --nation at SCALE (0.1: 5 million
# visits), then a commune's report, a province's pages, the national dashboard and the
# Ministry's report, each beside the plain SQL over the raw rows, in hocvuso_nation_bench.
.PHONY: bench-nation
BENCH_NATION_POSTGRES ?= postgres://postgres@127.0.0.1:5432/hocvuso_nation_bench
SCALE ?= 0.1
bench-nation: install
	$(BIN)/python bench/nation_speed.py --scale $(SCALE) --database-url $(BENCH_NATION_POSTGRES)

# The restore drill on PostgreSQL (docs/backup.md): the demo city in hocvuso_drill_src,
# `backup`, `restore` into hocvuso_drill_dst (integrity, migrate --check, row counts), the
# files and the commune's report compared; both databases are made and dropped by the drill.
# The same drill on SQLite files is a test (hocvuso/core/tests/test_backups.py).
DRILL_POSTGRES ?= postgres://postgres@127.0.0.1:5432/
backup-drill: install
	$(BIN)/python -m hocvuso.core.backup_drill --database-url $(DRILL_POSTGRES) --city --commune "Chí Minh"

# Ruff, then bandit's look for risky code (medium severity and up; offline, ~10 s).
lint: install
	$(BIN)/ruff check hocvuso
	$(BIN)/ruff format --check hocvuso
	$(BIN)/bandit -r hocvuso -ll -q

# Known vulnerabilities in the installed packages: pip-audit asks PyPI's and OSV's advisory
# databases, so it needs the Internet (not in CI); then bandit as in `make lint`.
.PHONY: audit
audit: install
	$(BIN)/pip-audit --skip-editable --strict
	$(BIN)/bandit -r hocvuso -ll -q

# Django's deployment checklist on the production settings (README, "Production"), with
# a throw-away key and host: any warning fails it. CI runs it.
.PHONY: check-deploy
check-deploy: install
	DEBUG=false ALLOWED_HOSTS=hocvuso.example.gov.vn SECURE_PROXY_SSL_HEADER=X-Forwarded-Proto \
	SECRET_KEY="$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))')" \
	$(BIN)/python manage.py check --deploy --fail-level WARNING

clean:
	rm -rf $(VENV) db.sqlite3 media static-collected

# Support visits posted through the API by 50 concurrent clients under gunicorn
# (bench/README.md), on SQLite then on PostgreSQL (database hocvuso_api_bench).
bench-api: install
	$(BIN)/python bench/api_load.py
	$(BIN)/python bench/api_load.py --database-url postgres://postgres@127.0.0.1:5432/hocvuso_api_bench

# The overview's response time, and the Excel export's time and peak memory, on 200,000 and
# 1,000,000 visits (bench/README.md): on a temporary SQLite file, then on PostgreSQL, in a
# database hocvuso_overview_bench that the script makes and drops.
.PHONY: bench-overview
BENCH_OVERVIEW_POSTGRES ?= postgres://postgres@127.0.0.1:5432/hocvuso_overview_bench
bench-overview: install
	$(BIN)/python bench/overview_speed.py
	$(BIN)/python bench/overview_speed.py --database-url $(BENCH_OVERVIEW_POSTGRES)

# The production set-up of docs/deploy.md, tried end to end: on a PostgreSQL database it makes
# and drops, `migrate`, `collectstatic` and `load_demo`, then gunicorn with DEBUG=false and the
# second factor required, and deploy/smoke.py against it (sign-in, TOTP, a report's DOCX and
# XLSX, static files, headers). CI runs it.
.PHONY: prod-check
PRODCHECK_POSTGRES ?= postgres://postgres@127.0.0.1:5432/hocvuso_prodcheck
prod-check: install
	$(BIN)/python deploy/prod_check.py --database-url $(PRODCHECK_POSTGRES)

# The wheel holds every file of hocvuso/ and runs alone: built, installed with its
# dependencies in a new virtualenv, and from outside the source `hocvuso migrate`, `load_demo`,
# `collectstatic` and `report` (a DOCX and an XLSX that open). CI runs it.
.PHONY: wheel-check
wheel-check: install
	$(BIN)/python deploy/wheel_check.py
