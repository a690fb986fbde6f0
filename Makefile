# Refleum: `make run` starts the API, `make test` runs the suite (see README.md).
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install run test bench bench-load demo lint clean

install: $(STAMP)

# Re-installs only when pyproject.toml changes, so `make run` is instant after the first time.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: install
	$(BIN)/refleum serve

# Storage and API tests run on SQLite and on PostgreSQL, rate limits on Redis; with one down the run
# stops at once and says so. REFLEUM_TEST_BACKENDS=sqlite runs SQLite only (Redis tests skip if it is down).
# TEST_WORKERS processes share the files (each test session has its own databases);
# TEST_WORKERS=0 runs everything in one process.
TEST_WORKERS ?= 2
test: install
	$(BIN)/ruff check src tests bench examples
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile --durations=15

bench: install
	$(BIN)/python -m bench

# The multi-process load test (bench/load/, ~5 min): Locust against `refleum serve --workers N`
# and `refleum worker` on a fresh PostgreSQL database (REFLEUM_TEST_PG_DSN's server, default
# 127.0.0.1:5432) and a redis-server of its own, with a worker, an API process and Redis
# killed mid-run. Not part of `make test`; exits 1 when a check prints MISS.
bench-load: install
	$(BIN)/python -m bench.load

# With `make run` running in another terminal (same REFLEUM_HOST/PORT/DATA_DIR): the README
# quickstart, end to end, for every pair in examples/, writing each one's tailored PDF, cover
# letter and outreach message beside it; keeps one key in the data dir and leaves the master
# resume alone. DEMO_ARGS=--serve starts a throwaway server instead (no `make run` needed).
DEMO_ARGS ?=
demo: install
	$(BIN)/python examples/demo.py $(DEMO_ARGS)

lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/lint-imports

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
