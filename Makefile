# govpub — two commands on a fresh machine: `make demo`, then `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test lint hooks guide bench clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
	  { echo "需要 Python 3.11 或更高版本（当前：$$($(PYTHON) --version)）"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[full,dev]'
	@touch $@

tests/node_modules/.package-lock.json: tests/package.json tests/package-lock.json
	@command -v npm >/dev/null || { echo "测试需要 Node.js 和 npm（Debian：apt-get install nodejs npm）"; exit 1; }
	npm ci --prefix tests --no-audit --no-fund --loglevel=error

## demo: create .venv, install, check the sample articles, build the website into site/
demo: $(STAMP)
	$(BIN)/govpub check
	@echo
	@echo "内容检查通过。查看规则：$(BIN)/govpub rules；检查一篇文章：$(BIN)/govpub check content/gzdt/"
	$(BIN)/govpub build --quiet
	@echo
	@echo "网站已构建到 site/（首页 file://$(CURDIR)/site/index.html）。"
	@echo "站内搜索需要通过网页服务器打开：$(BIN)/python -m http.server -d site 8000，然后浏览 http://127.0.0.1:8000/"

## test: the test suite (pytest), with the npm and Debian packages it needs; the 25 slowest tests
## are listed at the end. Bytecode is written even where PYTHONDONTWRITEBYTECODE is set: the tests
## start `python -m govpub` in many subprocesses, and each would compile govpub's modules again.
## CPU seconds per test file: GOVPUB_TEST_CPU=/tmp/cpu.jsonl make test, then python3 bench/cpu.py /tmp/cpu.jsonl.
## TEST_WORKERS: pytest-xdist workers, default two more than the cores: a large part of the suite waits on
## subprocesses, git and HTTP doubles (2 cores, clean clone, eighth round: 12 min 34 s with 2 workers, 11 min 00 s
## with 3; ninth round, 11,870 tests: 12 min 59 s with 3, 10 min 15 s – 12 min 25 s with 4; `make test TEST_WORKERS=3` to compare).
TEST_WORKERS ?= $(shell python3 -c 'import os; print((os.cpu_count() or 1) + 2)')
test: $(STAMP) tests/node_modules/.package-lock.json
	@bash .ci/system-deps
	env -u PYTHONDONTWRITEBYTECODE $(BIN)/python -m pytest -n $(TEST_WORKERS) --dist worksteal --durations=25

## lint: every pre-commit hook over the whole repository (ruff, secrets, actionlint for the workflows, …), then mypy --strict over govpub/ (config in pyproject.toml)
lint: $(STAMP)
	$(BIN)/pre-commit run --all-files --show-diff-on-failure
	$(BIN)/mypy

## hooks: install the pre-commit hooks into this clone
hooks: $(STAMP)
	$(BIN)/pre-commit install

## guide: the staff guide (使用指南) with rule pages and screenshots of the real pages, into guide/site/
guide: $(STAMP)
	$(BIN)/python guide/screenshots.py
	$(BIN)/govpub rules --pages guide/docs/rules
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --quiet --strict -f guide/mkdocs.yml
	@echo "使用指南已构建：guide/site/index.html"

## bench: speed figures (see README)
bench: $(STAMP)
	$(BIN)/python bench/check_speed.py

clean:
	rm -rf $(VENV) tests/node_modules site .pytest_cache
