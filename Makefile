# scattn: `make report` and `make test` work on a fresh machine (they create .venv first).
SHELL := /bin/bash
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
export SCATTN_DATA_DIR ?= $(abspath ../shared/data)
MODEL ?= scamzi
DATASET ?= sim
PRESET ?= workshop
WORKSHOP_MODELS := scamzi sccompresssa scsmd srsavae sctrans
WORKSHOP_DATA ?= pbmc_10x_4k

.PHONY: venv data report workshop results readme test export-check nbtest pytest baselines leaderboard leaderboard-table bench docs html docs-test clean

# torch==2.13.0 first (a CPU wheel on local disk here), then the project with its dev extras.
$(BIN)/.installed: setup.py settings.ini
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q -e ".[dev]"
	touch $@

venv: $(BIN)/.installed

# The six real datasets from their public origins into the user cache (skips what is there; SCATTN_ORIGIN_MIRROR
# reads the origin files from a folder instead of the internet).
data: venv
	$(BIN)/scattn data fetch all

# The default report: an attention model (scAMZI) at its workshop preset on the embedded simulation (Splatter's
# default DE strength: the groups overlap); about a minute; prints the path of the HTML it wrote.
report: venv
	$(BIN)/scattn report --model $(MODEL) --dataset $(DATASET) --seed 0 --preset $(PRESET)

# A workshop's setup: one workshop-preset report per paper model on $(WORKSHOP_DATA) (fetched if missing), into
# _workshop/, then the book from the committed notebooks and outputs (not re-executed). About 10 min on 2 cores.
workshop: venv
	@for m in $(WORKSHOP_MODELS); do $(BIN)/scattn report --model $$m --dataset $(WORKSHOP_DATA) --seed 0 --preset workshop \
	  --out-dir _workshop/$$m || exit 1; done
	$(BIN)/python -m scattn.book --out _docs --no-execute
	@echo "reports: _workshop/<model>/report.html; book: _docs/index.html"

# Re-run every notebook's `#| results` cells (their committed outputs: tables from reports/leaderboard.csv, committed
# figures), then write README.md from nbs/index.ipynb. `make test` fails when an output or the README is stale.
results: venv
	$(BIN)/python -m scattn.book --refresh
	$(BIN)/python -m scattn.book --readme
readme: results

# Export-sync check, the notebooks' own tests (two kernels side by side, one thread each: more threads than cores made
# them several times slower: chapter 14 took 7 min beside another 2-thread job, 1.5 min alone), then pytest; ends with one "N passed, N failed" line.
test: venv
	@mkdir -p .test-results
	@$(MAKE) --no-print-directory export-check; echo $$? > .test-results/export.rc
	@OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 NUMBA_NUM_THREADS=1 $(BIN)/nbdev_test --do_print --n_workers 2 2>&1 | tee .test-results/nbdev.log; true
	@$(BIN)/pytest -q -p no:cacheprovider --junitxml=.test-results/pytest.xml tests 2>&1 | tee .test-results/pytest.log; true
	@$(BIN)/python tests/tally.py .test-results

# scattn/ must be exactly what nbs/ exports.
export-check: venv
	@rm -rf .test-results/export && mkdir -p .test-results/export
	@git ls-files -co --exclude-standard -z | tar --null -T - -cf - 2>/dev/null | tar -xf - -C .test-results/export
	@cd .test-results/export && ../../$(BIN)/nbdev_export
	@diff -r -x __pycache__ scattn .test-results/export/scattn && echo "export check: scattn/ is in sync with nbs/" \
	  || (echo "export check FAILED: run nbdev_export and commit scattn/ with the notebooks"; exit 1)

# The baselines' part of the grid (every baseline on every dataset its task fits), then the table.
baselines: venv
	$(MAKE) leaderboard MODELS=pca_kmeans,scanpy_leiden,protein_kmeans,logreg,knn

# The whole grid (scattn.leaderboard.grid: every model x every dataset its task fits x 3 seeds, 5 for annotation) through
# Snakemake (a dev requirement), which skips finished runs, then the table. MODELS=a,b restricts it.
leaderboard: venv
	PATH=$(abspath $(BIN)):$$PATH $(BIN)/snakemake --cores 2 $(if $(MODELS),--config models=$(MODELS))

# Only rebuild LEADERBOARD.md, leaderboard.csv, leaderboard.png and the README summary from the metrics.json files already there.
leaderboard-table: venv
	$(BIN)/scattn leaderboard reports
	$(MAKE) --no-print-directory results

# Speed and scale of every model (prints; writes reports/BENCH.md). Hours on 2 cores, resumable: measurements are
# kept in reports/bench/. BENCH_ARGS narrows it, e.g. BENCH_ARGS="--models pca_kmeans scamzi --sizes 1000 5000";
# BENCH_ARGS=--no-measure only rebuilds BENCH.md.
bench: venv
	$(BIN)/python -m scattn.bench $(BENCH_ARGS)

# The book: every notebook rendered to _docs/ in reading order, with a sidebar and MathJax 3 from a local copy
# (fetched once from npm). Quarto is not available here, so this replaces nbdev_docs. DOCS_ARGS=--no-execute is quick.
MATHJAX_VERSION := 3.2.2
.book/mathjax/tex-chtml-full.js:
	rm -rf .book && mkdir -p .book/mathjax/output/chtml
	cd .book && npm pack --silent mathjax@$(MATHJAX_VERSION) >/dev/null && tar xzf mathjax-$(MATHJAX_VERSION).tgz
	cp .book/package/es5/tex-chtml-full.js .book/mathjax/ && cp -r .book/package/es5/output/chtml/fonts .book/mathjax/output/chtml/
	rm -rf .book/package .book/mathjax-$(MATHJAX_VERSION).tgz

docs: venv .book/mathjax/tex-chtml-full.js
	$(BIN)/python -m scattn.book --out _docs --mathjax .book/mathjax $(DOCS_ARGS)
html: docs

# Opens the built index and one model page in headless Chromium (Debian chromium, installed here if missing) and
# checks that the pages load, the equations are typeset and the figures are there. Not part of `make test`.
docs-test: venv .book/mathjax/tex-chtml-full.js
	@command -v chromium >/dev/null || (apt-get update -q && apt-get install -y -q chromium chromium-driver)
	SCATTN_BROWSER_TEST=1 $(BIN)/pytest -q -p no:cacheprovider tests/test_book_browser.py

clean:
	rm -rf .test-results _docs .book
