# The Makefile is the interface (see README.md and `make help`); `appendix` is the command behind it.
#
# Names and passwords are data: PDF, PDF_DIR, PDFS, OUT, PASSWORD, VOCAB, OLD and NEW are read with
# $(value …) (never expanded by make) and handed to the command in its environment (never through a
# shell word), so `make all 'PDF=$(shell …).pdf'` or a file named `$(x)`.pdf` runs nothing.
SHELL := /bin/bash
PYTHON3 ?= python3
VENV := .venv
PY := $(VENV)/bin/python
APPENDIX := $(VENV)/bin/appendix
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev

unexport PDF PDF_DIR PDFS OUT PASSWORD VOCAB OLD NEW WORKERS
export APPENDIX_PDF := $(value PDF)
export APPENDIX_PDF_DIR := $(value PDF_DIR)
export APPENDIX_PDFS := $(value PDFS)
export APPENDIX_OUT := $(value OUT)
export APPENDIX_PASSWORD := $(value PASSWORD)
export APPENDIX_VOCAB := $(value VOCAB)
export APPENDIX_WORKERS := $(value WORKERS)
export APPENDIX_OLD := $(value OLD)
export APPENDIX_NEW := $(value NEW)
# With no PDF named, every sample (their names are ours: no spaces).
ifeq ($(strip $(APPENDIX_PDF)$(APPENDIX_PDF_DIR)$(APPENDIX_PDFS)),)
APPENDIX_PDFS := $(wildcard samples/*/*.pdf)
endif

.PHONY: all help test test-slow bench bench-batch regress regold samples lint clean venv dev diff fuzz fuzz-pdf

all: $(STAMP)
	@$(APPENDIX) run --inputs-from-env

help:
	@echo 'make all                          run the pipeline on every sample PDF → outputs/<stem>/'
	@echo 'make all PDF=path/to/appendix.pdf one PDF (any name: spaces, unicode, .PDF)'
	@echo 'make all PDF_DIR=incoming/        every PDF in a folder (.pdf in any case)'
	@echo 'make all PDFS="a.pdf b.pdf"       several PDFs (names without spaces; else PDF_DIR or appendix run)'
	@echo '    OUT=dir                       write dir/<stem>/ instead of outputs/<stem>/'
	@echo '    PASSWORD=…                    open an encrypted PDF (passed in the environment, not on a command line)'
	@echo '    VOCAB=dir                     your council'"'"'s vocabulary and canonical CSVs, and overrides.csv'
	@echo '    WORKERS=1                     a long PDF'"'"'s text pass in one process (default: one per core)'
	@echo 'make diff OLD=a.pdf NEW=b.pdf [OUT=dir]   what changed → OUT/diff-a-vs-b/changes.csv, changes.html'
	@echo 'make test                         the test suite'
	@echo 'make test-slow                    tests that need a browser (chromium)'
	@echo 'make regress                      accuracy per field on every sample'
	@echo 'make regold                       rewrite samples/*/expected/ from each sample'"'"'s truth'
	@echo 'make samples                      rebuild the sample PDFs (needs LibreOffice, poppler, qpdf, tesseract)'
	@echo 'make fuzz [N=200] [SEED=1] [SCAN=1]  random appendices (SCAN=1: scanned): accuracy per field, silent errors'
	@echo 'make fuzz-pdf [N=500] [SEED=1]    mutated PDFs: ok / clean error / other'
	@echo 'make bench-batch                  corpus mode: throughput with 1 and 2 workers, overhead'
	@echo 'make lint | bench | clean'
	@echo 'The command behind it: .venv/bin/appendix --help (run, diff, batch, regress)'

venv: $(STAMP)
$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON3) -m venv $(VENV)
	@$(PY) -m pip install --quiet --upgrade pip >/dev/null
	@$(PY) -m pip install --quiet -e .
	@# Bytecode now, as pip writes it for a regular install: with PYTHONDONTWRITEBYTECODE set, every run
	@# would compile the project's modules again.
	@$(PY) -m compileall -q extract normalise pipeline >/dev/null
	@touch $@

# Tests, lint and the sample generator need more than the pipeline does; kept out of `make all`'s venv.
dev: $(DEV_STAMP)
$(DEV_STAMP): $(STAMP) pyproject.toml
	@$(PY) -m pip install --quiet -e '.[dev,samples]'
	@touch $@

diff: $(STAMP)
	@test -n "$$APPENDIX_OLD" -a -n "$$APPENDIX_NEW" || { echo "error: make diff needs OLD=a.pdf NEW=b.pdf" >&2; exit 2; }
	@$(APPENDIX) diff --from-env

test: $(DEV_STAMP)
	$(PY) -m pytest -q

# Tests that need a browser (apt-get install chromium chromium-driver); not part of make test.
test-slow: $(DEV_STAMP)
	$(PY) -m pytest -q -m slow

regress: $(STAMP)
	@$(APPENDIX) regress

# Rewrites samples/*/expected/ from each sample's source truth (never from the pipeline); review with git diff.
regold: $(DEV_STAMP)
	$(PY) -m samples.generator --expected-only

# Rebuilds the sample PDFs from their source (needs libreoffice-writer-nogui, poppler-utils, tesseract-ocr, qpdf).
samples: $(DEV_STAMP)
	$(PY) -m samples.generator

# The benchmark (needs libreoffice-writer-nogui to build its pack once): times, peak memory, ratios, growth.
# The libraries the pipeline is measured against (camelot brings pandas) in a venv of their own: in the
# pipeline's venv, pandas would be imported by pyarrow on every run, a cost no user of ours pays.
BASELINE_VENV := .venv-baseline
BASELINE_STAMP := $(BASELINE_VENV)/.installed
$(BASELINE_STAMP):
	@test -x $(BASELINE_VENV)/bin/python || $(PYTHON3) -m venv $(BASELINE_VENV)
	@$(BASELINE_VENV)/bin/python -m pip install --quiet 'camelot-py>=1.0,<3' 'pdfplumber>=0.11' 'pypdfium2>=4.30'
	@touch $@

# The pipeline as `make all` installs it (no test tools: frictionless's pandas would be imported by pyarrow
# on every run), for the benches to time.
RUN_VENV := .venv-run
RUN_STAMP := $(RUN_VENV)/.installed
$(RUN_STAMP): pyproject.toml
	@test -x $(RUN_VENV)/bin/python || $(PYTHON3) -m venv $(RUN_VENV)
	@$(RUN_VENV)/bin/python -m pip install --quiet --upgrade pip >/dev/null
	@$(RUN_VENV)/bin/python -m pip install --quiet -e .
	@touch $@

BENCH_ENV := BENCH_BASELINE_PYTHON=$(BASELINE_VENV)/bin/python BENCH_RUN_PYTHON=$(RUN_VENV)/bin/python

bench: $(DEV_STAMP) $(BASELINE_STAMP) $(RUN_STAMP)
	@$(RUN_VENV)/bin/python -m compileall -q extract normalise pipeline >/dev/null
	$(BENCH_ENV) $(PY) -m bench

# Corpus mode against one process per PDF (BENCH_N=300 for the issue's corpus size).
bench-batch: $(DEV_STAMP) $(BASELINE_STAMP) $(RUN_STAMP)
	@$(RUN_VENV)/bin/python -m compileall -q extract normalise pipeline >/dev/null
	$(BENCH_ENV) $(PY) -m bench.batch

# Mutated sample PDFs through appendix run, one process each: counts of ok / clean error / other (must be 0).
unexport N SEED
export FUZZ_N := $(or $(value N),500)
export FUZZ_SEED := $(or $(value SEED),1)
fuzz-pdf: $(DEV_STAMP)
	$(PY) -m fuzz pdf --n "$$FUZZ_N" --seed "$$FUZZ_SEED"

# Random appendices (samples/generator/random_truth.py) scored against their truth (default N=200 here);
# SCAN=1 scans every print with its seed's scan profile first (OCR: about a minute a variant).
export FUZZ_APPENDICES := $(or $(value N),200)
unexport SCAN
fuzz: $(DEV_STAMP)
	$(PY) -m fuzz appendix --n "$$FUZZ_APPENDICES" --seed "$$FUZZ_SEED" $(if $(value SCAN),--scan)

lint: $(DEV_STAMP)
	$(PY) -m ruff check extract normalise pipeline samples tests bench fuzz
	$(PY) -m mypy extract normalise pipeline bench fuzz

clean:
	rm -rf outputs/*/ .pytest_cache .mypy_cache .ruff_cache
