# Thi Đua — two commands on a fresh machine with python3 (3.11), make and git:
#   make run    set up, migrate, load the demo once, serve on http://127.0.0.1:8000 (PORT=…)
#   make test   ruff, the import layers, mypy and the whole pytest suite (browser tests when Chromium is present)
SHELL := /bin/bash
PORT ?= 8000
UV_VERSION := 0.13.8
TOOLS := .tools
UV := $(TOOLS)/bin/uv
PY := .venv/bin/python
export UV_PYTHON_DOWNLOADS := never
export UV_PYTHON := python3
# Trust the machine's certificate store: offices often reach PyPI through an inspecting proxy.
export UV_SYSTEM_CERTS := 1
# Install compiled bytecode (and compile our own package below): with PYTHONDONTWRITEBYTECODE set,
# as on many servers, every start would otherwise compile ~1,900 modules (a command: 1.3 s → 0.5 s).
export UV_COMPILE_BYTECODE := 1

.PHONY: run test sync sync-dev lint typecheck pytest messages fmt bench bench-national bench-national-run clean

$(UV):
	python3 -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

sync: $(UV)
	$(UV) sync --frozen --inexact
	$(PY) -m compileall -q thidua > /dev/null

sync-dev: $(UV)
	$(UV) sync --frozen --group dev
	$(PY) -m compileall -q thidua > /dev/null

run: sync
	$(PY) -m thidua migrate --noinput
	$(PY) -m thidua demo
	@echo ""
	@echo "Thi Đua đang chạy tại http://127.0.0.1:$(PORT)/  (Ctrl+C để dừng)"
	@# the background jobs (Excel exports, batch eligibility checks, e-mails sent at once) need a
	@# worker beside the web server; Ctrl+C stops both
	$(PY) -m thidua db_worker & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(PY) -m thidua runserver 127.0.0.1:$(PORT)

lint: sync-dev
	.venv/bin/ruff check thidua tests bench
	.venv/bin/ruff format --check thidua tests bench
	.venv/bin/lint-imports

typecheck: sync-dev
	.venv/bin/mypy thidua

# The suite runs with Hypothesis' `ci` profile (tests/conftest.py; `THIDUA_CI=0 make test` for
# `dev`) and measures branch coverage of thidua/ into var/.coverage (`PYTEST_COV=` skips it),
# failing under pyproject's [tool.coverage.report] fail_under.
PYTEST_COV ?= --cov --cov-report=term:skip-covered
pytest: sync-dev
	THIDUA_CI=$${THIDUA_CI:-1} $(PY) -m pytest -p no:cacheprovider $(PYTEST_COV) $(PYTEST_ARGS)

test: lint typecheck pytest

fmt: sync-dev
	.venv/bin/ruff format thidua tests bench
	.venv/bin/ruff check --fix thidua tests bench

# Compile the English catalogues (needs gettext's msgfmt; the .mo files are committed).
messages:
	$(PY) -m thidua makemessages -l en --no-obsolete -i ".venv/*" -i "tests/*" -i ".tools/*" -i "var/*" -i "bench/*"
	$(PY) -m thidua compilemessages -i ".venv" -i ".tools"

bench: sync-dev
	for b in bench/bench_*.py; do $(PY) $$b || exit 1; done

# The national benchmark (docs/dev/performance.md): drops and recreates BENCH_DATABASE_URL's
# PostgreSQL database, generates the national dataset at SCALE (1 = national, 0.1 = 1/10), then
# loads every main page through gunicorn (4 workers) with wrk at 32 connections, BENCH_SECONDS per
# run, and prints the table (also written to var/bench-national.md).
# `make bench-national-run` measures again without generating.
SCALE ?= 1
BENCH_SECONDS ?= 10
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/thidua_bench
bench-national: sync
	DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) bench/national/generate.py --recreate --scale $(SCALE)
	$(MAKE) bench-national-run

bench-national-run: sync
	@command -v wrk >/dev/null || { echo "installing wrk (apt-get install wrk)"; apt-get install -y -qq wrk; }
	DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) bench/national/run.py --seconds $(BENCH_SECONDS) --out var/bench-national.md

clean:
	rm -rf .venv $(TOOLS) var
