# The Makefile is the interface (see README.md).
#   make all [PDF=path.pdf] [OUT=dir] [PASSWORD=...]   run the pipeline (default: every sample PDF)
#   make -j4 all PDFS="a.pdf b.pdf" | PDF_DIR=folder      many PDFs, in parallel, one target each
#   make all PDF=pack.pdf WORKERS=1                      text pass of a long PDF in one process (default: one per core)
#   make diff OLD=a.pdf NEW=b.pdf [OUT=dir]              what changed between two appendix versions
#   make test | regress | regold | samples | lint | bench | clean
SHELL := /bin/bash
PYTHON3 ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
OUT ?= outputs
PDF ?=
PDF_DIR ?=
PDFS ?= $(if $(PDF),$(PDF),$(if $(PDF_DIR),$(wildcard $(PDF_DIR)/*.pdf),$(wildcard samples/*/*.pdf)))
PASSWORD ?=
WORKERS ?=
CODE := $(shell find extract normalise pipeline -name '*.py' -o -name '*.csv' 2>/dev/null) pyproject.toml

.PHONY: all test test-slow bench regress regold samples lint clean venv diff FORCE

all: $(foreach p,$(PDFS),$(OUT)/$(basename $(notdir $(p)))/actions.parquet)

venv: $(STAMP)
$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON3) -m venv $(VENV)
	@$(PY) -m pip install --quiet --upgrade pip >/dev/null
	@$(PY) -m pip install --quiet -e '.[dev,samples]'
	@touch $@

# One target per PDF: rerun only when the PDF or the code and vocabularies changed; `make -j` runs PDFs in
# parallel. A PDF named on the command line always runs (another file may share its stem); inside, the
# pipeline reuses raw/ when the PDF and the extract stage are unchanged, so only normalise reruns.
# No .DELETE_ON_ERROR: a failed run must leave an earlier good output exactly as it was.
define pdf_rule
$(OUT)/$(basename $(notdir $(1)))/actions.parquet: $(1) $(CODE) $(if $(PDF),FORCE) | $(STAMP)
	@$(PY) -m pipeline run "$(1)" --out "$(OUT)" $(if $(PASSWORD),--password "$(PASSWORD)") $(if $(WORKERS),--workers $(WORKERS))
endef
$(foreach p,$(PDFS),$(eval $(call pdf_rule,$(p))))

FORCE:

diff: $(STAMP)
	@test -n "$(OLD)" -a -n "$(NEW)" || { echo "error: make diff needs OLD=a.pdf NEW=b.pdf" >&2; exit 2; }
	@$(PY) -m pipeline diff "$(OLD)" "$(NEW)" --out "$(OUT)" $(if $(PASSWORD),--password "$(PASSWORD)")

test: $(STAMP)
	$(PY) -m pytest -q

# Tests that need a browser (apt-get install chromium); not part of make test.
test-slow: $(STAMP)
	$(PY) -m pytest -q -m slow

regress: $(STAMP)
	@$(PY) -m pipeline regress

# Rewrites samples/*/expected/ from each sample's source truth (never from the pipeline); review with git diff.
regold: $(STAMP)
	$(PY) -m samples.generator --expected-only

# Rebuilds the sample PDFs from their source (needs libreoffice-writer-nogui, poppler-utils, tesseract-ocr, qpdf).
samples: $(STAMP)
	$(PY) -m samples.generator

# The benchmark (needs libreoffice-writer-nogui to build its pack once): times, peak memory, ratios, growth.
bench: $(STAMP)
	$(PY) -m bench

lint: $(STAMP)
	$(PY) -m ruff check extract normalise pipeline samples tests bench
	$(PY) -m mypy extract normalise pipeline bench

clean:
	rm -rf $(OUT)/*/ .pytest_cache .mypy_cache .ruff_cache
