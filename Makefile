# Two commands on a fresh machine:  `make run` (the main job)  and  `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test install dev system-deps lint test-fast test-slow bench

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install -q -e .

dev: $(BIN)/python
	$(BIN)/pip install -q -e '.[dev]'

# Moderates the example comments (the web app joins as `suzgec serve`).
run: install
	$(BIN)/suzgec moderate examples/comments.jsonl -q

lint: dev
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

test-fast: dev
	$(BIN)/pytest -q

test-slow: dev
	$(BIN)/pytest -q -m slow

test: lint test-fast test-slow

bench: install
	$(BIN)/python -m benchmarks.form
