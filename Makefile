# Almen: the two commands of the README, and a few more for developers.
#   make run    set up what is missing, build, migrate and seed the SQLite demo, serve on :8080
#   make test   the whole suite: lint, SQLite, then a throwaway PostgreSQL cluster, then browsers
#   make lint   swift format in lint mode, and every import declared in Package.swift

SHELL := /bin/bash
SWIFT ?= swift
BIN := .build/debug/almen
HOST ?= 127.0.0.1
PORT ?= 8080
HOMES ?= 1500

.PHONY: run test build deps lint test-sqlite test-postgres test-browser bench-pages bench-arrears bench-letters faults cluster clean

deps:
	@scripts/ensure-deps.sh

build: deps
	$(SWIFT) build

# make's commands run the demo: development, with the demo keys, the sandbox logins and the NgDP
# stand-in. `almen` alone is production unless ALMEN_ENV or --env says otherwise.
export ALMEN_ENV ?= development

# The sandbox MitID is reached over HTTP at the public address, so it follows HOST and PORT.
export ALMEN_PUBLIC_BASE_URL ?= http://$(HOST):$(PORT)

run: build
	$(BIN) migrate
	$(BIN) seed --if-empty --homes $(HOMES)
	@echo "Almen is on http://$(HOST):$(PORT)/ (Ctrl-C stops it)"
	$(BIN) serve --hostname $(HOST) --port $(PORT)

test: deps
	@scripts/test.sh

# The format (swift format, .swift-format) and the package graph (every import declared).
lint:
	$(SWIFT) format lint --strict --recursive --parallel Sources Tests Package.swift
	scripts/check-imports.py

test-sqlite: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

test-postgres: deps
	$(SWIFT) build --build-tests
	scripts/with-postgres.sh $(SWIFT) test --skip-build --filter AppTests

test-browser: build
	scripts/browser-test.sh

# The pages benchmark on a throwaway PostgreSQL with 80,000 homes (docs/benchmarks.md).
bench-pages: deps
	scripts/bench-pages.sh

# The daily arrears run over 600,000 generated leases on a throwaway PostgreSQL (docs/benchmarks.md).
bench-arrears: deps
	scripts/bench-arrears.sh

# A meeting notice to every tenant of 80,000 homes through the workers and the NgDP stand-in, each
# its own process, on a throwaway PostgreSQL (docs/benchmarks.md).
bench-letters: deps
	scripts/bench-letters.sh

# The gateway's fault tests, each with a verdict line (make test runs a short version).
faults: deps
	scripts/faults.sh

# Two servers and two workers behind a round-robin on :8080 (scripts/cluster.sh --check proves it).
cluster: deps
	scripts/cluster.sh

clean:
	rm -rf .build data
