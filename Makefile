# scattn: `make report` and `make test` work on a fresh machine (they create .venv first).
SHELL := /bin/bash
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
export SCATTN_DATA_DIR ?= $(abspath ../shared/data)
MODEL ?= pca_kmeans
DATASET ?= sim
SEEDS ?= 0 1 2
BASELINES_CLUSTER := pca_kmeans scanpy_leiden
BASELINES_ANNOTATE := logreg
DATASETS := pbmc_10x_4k human_kidney cbmc_citeseq pbmc_citeseq_49adt zeisel baron_human_subsample

.PHONY: venv report test export-check nbtest pytest baselines leaderboard html clean

# torch==2.13.0 first (a CPU wheel on local disk here), then the project with its dev extras.
$(BIN)/.installed: setup.py settings.ini
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q -e ".[dev]"
	touch $@

venv: $(BIN)/.installed

# The default report: MODEL on the embedded simulation; prints the path of the HTML it wrote.
report: venv
	$(BIN)/scattn report --model $(MODEL) --dataset $(DATASET) --seed 0

# Export-sync check, the notebooks' own tests, then pytest; ends with one "N passed, N failed" line.
test: venv
	@mkdir -p .test-results
	@$(MAKE) --no-print-directory export-check; echo $$? > .test-results/export.rc
	@$(BIN)/nbdev_test --do_print --n_workers 2 2>&1 | tee .test-results/nbdev.log; true
	@$(BIN)/pytest -q -p no:cacheprovider --junitxml=.test-results/pytest.xml tests 2>&1 | tee .test-results/pytest.log; true
	@$(BIN)/python tests/tally.py .test-results

# scattn/ must be exactly what nbs/ exports.
export-check: venv
	@rm -rf .test-results/export && mkdir -p .test-results/export
	@git ls-files -co --exclude-standard -z | tar --null -T - -cf - 2>/dev/null | tar -xf - -C .test-results/export
	@cd .test-results/export && ../../$(BIN)/nbdev_export
	@diff -r -x __pycache__ scattn .test-results/export/scattn && echo "export check: scattn/ is in sync with nbs/" \
	  || (echo "export check FAILED: run nbdev_export and commit scattn/ with the notebooks"; exit 1)

# The committed results: every baseline on every shared dataset, 3 seeds, then the leaderboard.
baselines: venv
	for d in $(DATASETS); do for m in $(BASELINES_CLUSTER) $(BASELINES_ANNOTATE); do \
	  $(BIN)/scattn report --model $$m --dataset $$d --seed $(SEEDS) --no-html || exit 1; done; done
	$(MAKE) leaderboard

leaderboard: venv
	$(BIN)/scattn leaderboard reports

# Quarto is not available here, so notebooks are rendered with nbconvert instead of nbdev_docs.
html: venv
	$(BIN)/jupyter nbconvert --to html --output-dir _docs nbs/*.ipynb

clean:
	rm -rf .test-results _docs
