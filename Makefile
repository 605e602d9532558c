# Two commands do all the set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
LOCAL := -e libs/govkit -e services/credit -e services/hydrogen -e services/awards -e services/tasks \
	-e services/housing -e gateway
STAMP := $(VENV)/.installed
PYPROJECTS := $(wildcard libs/*/pyproject.toml services/*/pyproject.toml gateway/pyproject.toml)

.PHONY: install lock run replicas test lint migrate check bench clean migration

$(STAMP): $(PYPROJECTS) requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q --require-hashes -r requirements.lock
	$(PY) -m pip install -q --no-deps $(LOCAL)
	touch $(STAMP)

install: $(STAMP)

## lock: re-pin every third-party dependency (after adding one to a pyproject.toml or requirements-dev.txt)
lock:
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q uv
	$(VENV)/bin/uv pip compile requirements.in -o requirements.lock --python-version 3.11 --generate-hashes \
		--quiet --no-header $(foreach p,govkit anyang-credit anyang-hydrogen anyang-awards anyang-tasks \
		anyang-housing anyang-gateway,--no-emit-package $(p))

## run: the whole platform on SQLite + a local nats-server, demo data loaded, gateway on :8000
run: $(STAMP)
	$(PY) deploy/run_local.py

## replicas: two replicas of every service behind the gateway, on the machine's PostgreSQL and NATS
replicas: $(STAMP)
	$(PY) deploy/run_replicas.py

## test: the whole suite (TEST_POSTGRES_URL / TEST_NATS_URL switch to PostgreSQL / a running NATS)
test: $(STAMP)
	$(PY) -m pytest -n $${TEST_WORKERS:-auto} -q

## lint: ruff, and the architecture contracts of pyproject.toml [tool.importlinter] (no cycles, layers)
lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports

migrate: $(STAMP)
	for s in credit hydrogen awards tasks housing; do $(PY) -m govkit.migrations upgrade anyang_$$s; done

## bench: every benchmark against the running platform (wrk, nginx; BENCH_ARGS=--quick for a short run)
bench: $(STAMP)
	$(PY) bench/run.py $(BENCH_ARGS)

clean:
	rm -rf var

## migration SERVICE=credit: regenerate that service's initial migration 0001 from its models
migration: $(STAMP)
	cd services/$(SERVICE) && ../../$(PY) -m govkit.migrations reset-initial anyang_$(SERVICE)
