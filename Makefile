# Two commands for a newcomer: `make run` and `make test`. Everything else is optional.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

export DJANGO_DEBUG ?= 1

.PHONY: run test install migrate seed bench lint format css clean

# Development and tests use requirements-dev.lock (the site's packages plus the test
# tooling); a production install uses requirements.lock, which has no test tooling.
# pip's -qq keeps it to errors, so the sign-ins are what `make run` leaves on screen.
$(STAMP): requirements-dev.lock
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is needed ($(PYTHON) not found)"; exit 1; }
	@echo "Installing Python packages into $(VENV) (first run only)..."
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install -qq --disable-pip-version-check --upgrade pip
	@$(BIN)/python -m pip install -qq --disable-pip-version-check --require-hashes -r requirements-dev.lock
	@touch $(STAMP)

install: $(STAMP)

migrate: install
	@echo "Setting up the database..."
	@$(BIN)/python manage.py migrate --noinput -v0

seed: migrate
	@$(BIN)/python manage.py seed_demo

run: migrate
	@echo "Loading the demo partnership and content..."
	@$(BIN)/python manage.py seed_demo --no-sign-ins
	@$(BIN)/python manage.py runserver --demo-sign-ins $(HOST):$(PORT)

# One pytest worker per core (pytest-xdist); PYTEST_ARGS="-n 0" runs in one process.
# Not --dist worksteal: it hands a worker tests from the end of another's queue, where
# pytest-django puts the transactional tests that empty the database, and the tests
# that run after them there then find no groups or content types.
test: install
	$(BIN)/python -m pytest -n auto $(PYTEST_ARGS)

bench: install
	$(BIN)/python -m pytest -m benchmark tests/benchmarks

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Rebuilds static/css/hub.css from static/src (needs Node; the result is committed).
css:
	npm ci --no-audit --no-fund
	npm run build:css

clean:
	rm -rf $(VENV) var staticfiles
