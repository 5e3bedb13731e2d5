# Two commands on a fresh machine:  `make run` (the main job)  and  `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test install dev system-deps dictionary lint test-fast test-slow bench demo-cli

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

install: $(BIN)/python dictionary
	$(BIN)/pip install -q -e .

dev: $(BIN)/python dictionary
	$(BIN)/pip install -q -e '.[dev]'

# Debian's Turkish Hunspell dictionary (MPL-2.0), read at run time by the form clauses
# (suzgec.text.dictionary); without it they still run, with more false alarms.
dictionary:
	@test -f /usr/share/hunspell/tr_TR.dic || ! command -v apt-get >/dev/null || { \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hunspell-tr >/dev/null; } \
		|| echo "hunspell-tr kurulamadı: yazım denetimi sözlüksüz çalışacak (SUZGEC_HUNSPELL_DIR)"

# The main job: the comment site with its demo article on http://127.0.0.1:8000/
run: install
	$(BIN)/suzgec serve --demo-moderator

# The batch CLI on the example comments.
demo-cli: install
	$(BIN)/suzgec moderate examples/comments.jsonl -q

# Debian's Chromium for the browser test (Playwright drives it; it never downloads one).
system-deps:
	@command -v chromium >/dev/null || { apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

lint: dev
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy

test-fast: dev
	$(BIN)/pytest -q

test-slow: dev system-deps
	$(BIN)/pytest -q -m slow

test: lint test-fast test-slow

bench: install
	$(BIN)/python -m benchmarks.form
	$(BIN)/python -m benchmarks.throughput
