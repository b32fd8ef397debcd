# Jasper: `make demo` runs the main job on embedded defaults, `make test` runs the test suite.
.PHONY: setup demo test lint typecheck bench clean

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

test: lint typecheck
	.venv/bin/python -m pytest -q

bench: setup
	.venv/bin/python -m crawler.bench
	.venv/bin/python -m crawler.bench_scale

clean:
	rm -rf .venv jasper-data bench-data .mypy_cache .ruff_cache .pytest_cache
