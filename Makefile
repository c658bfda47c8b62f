# The two set-up commands of the README: `make book` and `make test`.
.PHONY: book test bench bench-scale

book:
	scripts/setup.sh
	.venv/bin/publish build --lang all

test:
	scripts/setup.sh --test
	.venv/bin/python -m pytest -q -n auto

bench:
	scripts/setup.sh --test
	.venv/bin/python bench/bench_fast.py
	.venv/bin/python bench/bench_build.py
	.venv/bin/python bench/bench_editions.py
	.venv/bin/python bench/bench_translate.py
	.venv/bin/python bench/bench_scale.py

# The last row of `make bench` alone (the 1,000-article PDF takes minutes): time and peak memory at 100 and 1,000
# articles.
bench-scale:
	scripts/setup.sh --test
	.venv/bin/python bench/bench_scale.py
