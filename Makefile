# The two set-up commands of the README: `make book` and `make test`.
.PHONY: book test bench

book:
	scripts/setup.sh
	.venv/bin/publish build --lang all

test:
	scripts/setup.sh --test
	.venv/bin/python -m pytest -q

bench:
	scripts/setup.sh --test
	.venv/bin/python bench/bench_build.py
	.venv/bin/python bench/bench_editions.py
	.venv/bin/python bench/bench_translate.py
