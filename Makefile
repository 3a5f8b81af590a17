# Teilhabe — `make run` sets everything up and serves the platform; `make test` passes the suite.
SHELL := /bin/bash
export PATH := $(HOME)/.local/bin:$(PATH)
UV ?= uv
# WeasyPrint (PDF forms and reports) needs Pango and HarfBuzz from Debian; Noto (core) has
# the Arabic-script glyphs of the Bildungspass in Arabic and Dari/Farsi (Noto Naskh Arabic).
RUN_APT := gettext libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core fonts-noto-core
# LibreOffice Calc (tests only): the import template must open in it with its dropdowns.
TEST_APT := $(RUN_APT) postgresql chromium poppler-utils libreoffice-calc-nogui
DEMO_ENV := TEILHABE_DEMO=1 TEILHABE_REQUIRE_MFA=0

.PHONY: uv-bin run test lint install install-dev apt-run apt-test assets db messages serve clean \
	bench check-security

run: install db
	@echo "Teilhabe läuft auf http://127.0.0.1:8000 (Demo-Modus, Zwei-Faktor-Pflicht aus)."
	@# Production server (gunicorn + WhiteNoise, as deploy/systemd/teilhabe-web.service); the task
	@# worker and the scheduler run beside it, and all three stop together (Ctrl-C, kill, exit).
	$(DEMO_ENV) $(UV) run --frozen teilhabe db_worker & worker=$$!; \
	$(DEMO_ENV) $(UV) run --frozen teilhabe scheduler & scheduler=$$!; \
	trap 'kill $$worker $$scheduler $$web 2>/dev/null; wait' EXIT INT TERM; \
	$(DEMO_ENV) TEILHABE_BIND=127.0.0.1:8000 $(UV) run --frozen gunicorn \
		-c python:teilhabe.ops.gunicorn_conf teilhabe.wsgi & web=$$!; \
	wait -n $$worker $$scheduler $$web

# The SQLite and the PostgreSQL run go side by side (each waits on its database part of the
# time); the PostgreSQL lines carry a prefix. Fails when either fails. The browser journeys
# run once, on SQLite (the database `make run` serves): they test pages, not the database,
# and running them twice took five of CI's minutes.
test: install-dev apt-test
	$(UV) run --frozen teilhabe compilemessages -v0
	set -o pipefail; \
	( TEILHABE_TEST_DB=postgres ./scripts/pytest.sh -m "not browser" 2>&1 \
		| sed -u 's/^/[postgres] /' ) & pg=$$!; \
	TEILHABE_TEST_DB=sqlite ./scripts/pytest.sh; sqlite=$$?; \
	wait $$pg; postgres=$$?; \
	echo "make test: SQLite exit $$sqlite, PostgreSQL exit $$postgres"; \
	[ $$sqlite -eq 0 ] && [ $$postgres -eq 0 ]

lint: install-dev
	$(UV) run --frozen ruff check src tests scripts bench
	$(UV) run --frozen ruff format --check src tests scripts bench
	$(UV) run --frozen mypy src
	$(UV) run --frozen python scripts/check_messages.py

# Security and robustness suite (CI runs it after `make test`): one line of figures per check.
check-security: install-dev apt-test
	$(UV) run --frozen teilhabe compilemessages -v0
	$(UV) run --frozen python scripts/check_security.py

# Benchmarks on a private PostgreSQL seeded with each profile (PROFILES="small nrw nrw10").
PROFILES ?= small nrw nrw10
bench: install-dev apt-test
	$(UV) run --frozen python -m bench.run $(PROFILES)

uv-bin:
	@command -v $(UV) >/dev/null 2>&1 || python3 -m pip install --quiet --user uv || python3 -m pip install --quiet uv

install: uv-bin apt-run assets
	$(UV) sync --frozen --no-dev
	$(UV) run --frozen teilhabe compilemessages -v0
	$(UV) run --frozen teilhabe collectstatic --noinput -v0

install-dev: uv-bin apt-run assets
	$(UV) sync --frozen
	$(UV) run --frozen teilhabe collectstatic --noinput -v0

assets:
	npm ci --no-audit --no-fund --loglevel=error

apt-run:
	./scripts/ensure-apt.sh $(RUN_APT)

apt-test:
	./scripts/ensure-apt.sh $(TEST_APT)

db:
	$(UV) run --frozen teilhabe migrate --noinput -v0
	$(UV) run --frozen teilhabe import_destatis --shipped
	$(DEMO_ENV) $(UV) run --frozen teilhabe seed_demo --profile small --seed 1

# German lives in src/teilhabe/locale/de/LC_MESSAGES/django.po: this extracts the msgids
# (makemessages -l de --no-obsolete -e html,txt,md,py, arguments in scripts/check_messages.py)
# and lists what is left to translate there; no fuzzy or empty entry may stay.
messages:
	$(UV) run --frozen python scripts/check_messages.py --extract

clean:
	rm -rf var .venv node_modules
