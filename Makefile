# The README's commands. `make run` serves the portal; `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUN_SETTINGS := DJANGO_SETTINGS_MODULE=portal.settings.dev
# pytest-xdist workers; each builds its own test database and takes its own Redis database (tests/conftest.py).
TEST_WORKERS ?= 2

.PHONY: run test lint bench

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.run-installed: requirements.lock | $(BIN)/python
	$(BIN)/pip install -q -r requirements.lock
	touch $@

$(VENV)/.test-installed: requirements-test.lock | $(BIN)/python
	$(BIN)/pip install -q -r requirements-test.lock
	touch $@ $(VENV)/.run-installed

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

run: $(VENV)/.run-installed
	mkdir -p var
	$(RUN_SETTINGS) $(BIN)/python manage.py migrate --no-input
	$(RUN_SETTINGS) $(BIN)/python manage.py load_demo_content
	@# Beside the server, a loop runs what Celery beat runs in production (outbox sweep, scheduled publishing).
	$(RUN_SETTINGS) $(BIN)/python manage.py run_periodic & trap 'kill $$!' EXIT INT TERM; \
		$(RUN_SETTINGS) $(BIN)/python manage.py runserver 127.0.0.1:8000

test: $(VENV)/.test-installed node_modules/.installed
	@if [ -z "$$DATABASE_URL" ]; then \
		echo "NOTICE: DATABASE_URL is not set, so the tests run on SQLite. CI runs them on PostgreSQL (.ci/run)."; \
	fi
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist worksteal

lint: $(VENV)/.test-installed
	$(BIN)/ruff check .

bench: $(VENV)/.test-installed
	$(BIN)/python bench/survey_exports.py
	$(BIN)/python bench/newsletter_send.py
	$(BIN)/python bench/qa_polling.py
