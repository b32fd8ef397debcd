# Jasper: `make demo` runs the main job on embedded defaults, `make test` runs the test suite.
.PHONY: setup demo test test-all lint typecheck bench clean

setup:
	@bash scripts/setup.sh

demo: setup
	.venv/bin/jasper demo

lint: setup
	.venv/bin/ruff check crawler evidence pipelines settings tests
	.venv/bin/ruff format --check crawler evidence pipelines settings tests
	.venv/bin/lint-imports

typecheck: setup
	.venv/bin/mypy

# Two workers (one per core; a module's tests stay together). Long crawls and exports are
# marked slow and run with `make test-all`.
PYTEST = .venv/bin/python -m pytest -q -n 2 --dist loadfile --durations=15

test: lint typecheck
	$(PYTEST) -m "not slow"

test-all: lint typecheck
	$(PYTEST)

bench: setup
	.venv/bin/python -m crawler.bench
	.venv/bin/python -m crawler.bench_scale

clean:
	rm -rf .venv jasper-data bench-data .mypy_cache .ruff_cache .pytest_cache
