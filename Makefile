# Schakel: the two commands a newcomer needs are `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
OPENAPI_TMP := $(shell mktemp -u /tmp/schakel-openapi-XXXXXX.yaml)
DEMO_ENV := SCHAKEL_DEMO_MODE=1 DJANGO_SETTINGS_MODULE=schakel.config.settings.local
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install demo test lint unit e2e openapi lock messages bench bench-beleidsscan bench-cases bench-monitor bench-linkage bench-linkage-realtime bench-linkage-nightly clean

$(BIN)/schakel: pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	@touch $(BIN)/schakel

install: $(BIN)/schakel

demo: install
	@mkdir -p var/static
	$(DEMO_ENV) $(BIN)/schakel migrate --noinput
	$(DEMO_ENV) $(BIN)/schakel load_reference_data
	$(DEMO_ENV) $(BIN)/schakel demo_load
	@$(DEMO_ENV) SCHAKEL_DEMO_URL=http://$(HOST):$(PORT) $(BIN)/schakel demo_logins
	$(DEMO_ENV) $(BIN)/schakel runserver --noreload $(HOST):$(PORT)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/schakel makemigrations --check --dry-run --settings=schakel.config.settings.test
	$(BIN)/schakel spectacular --validate --fail-on-warn --settings=schakel.config.settings.test \
		--file $(OPENAPI_TMP)
	@diff -u docs/openapi.yaml $(OPENAPI_TMP) \
		|| (echo "docs/openapi.yaml is out of date: run 'make openapi'" && exit 1)
	@rm -f $(OPENAPI_TMP)
	@echo "OpenAPI document up to date."

unit: install
	$(BIN)/pytest -m "not e2e" -q

e2e: install
	$(BIN)/pytest -m e2e -q

# SKIP_LINT=1: only the tests (CI lints once, then tests SQLite and PostgreSQL side by side).
test: $(if $(SKIP_LINT),install,lint)
	$(BIN)/pytest -q

openapi: install
	$(BIN)/schakel spectacular --validate --settings=schakel.config.settings.test --file docs/openapi.yaml

lock:
	uv pip compile pyproject.toml --extra dev --extra bench --generate-hashes --python-version 3.11 -o requirements.lock

messages: install
	cd src/schakel && ../../$(BIN)/schakel makemessages -l en --no-obsolete && ../../$(BIN)/schakel compilemessages -l en

bench: install
	$(BIN)/python bench/route_engine.py

# The beleidsscan: agreement with the labelled evaluation set, and a 100-page PDF in < 5 s.
bench-beleidsscan: install
	$(BIN)/python bench/beleidsscan_eval.py
	$(BIN)/python bench/beleidsscan_speed.py

# Needs PostgreSQL (see .ci/run); about 20 minutes, half of it generating data.
bench-cases: install
	$(BIN)/python bench/cases_load.py

# Needs PostgreSQL and the bench-cases data (made first when missing); p95 < 500 ms.
bench-monitor: install
	$(BIN)/python bench/monitor_dashboard.py

# Same-person linkage against plain Splink: FEBRL4, Dutch 10k and 100k pairs, a 1M dedupe
# (data made in /tmp/schakel-linkage-bench when missing); up to about 35 minutes.
bench-linkage: install
	$(BIN)/python bench/linkage_splink.py

# Needs PostgreSQL (database schakel_bench_linkage, loaded when missing: about 5 minutes, then
# about 5 to measure); a new signal's suggestions in a region of 100,000 persons: p95 < 1 s.
bench-linkage-realtime: install
	$(BIN)/python bench/linkage_realtime.py

bench-linkage-nightly: install
	$(BIN)/python bench/linkage_nightly.py

clean:
	rm -rf $(VENV) var
