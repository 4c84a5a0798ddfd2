# Warta: the two commands of the README.
#   make run   set everything up (venv, dependencies, models, index), then start the chat UI
#   make test  set everything up, then run the whole test suite
# Both are idempotent: stamps in .venv/ skip what is done.

PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
WARTA := $(VENV)/bin/warta
# Portable llama.cpp build (no -march=native): the wheel pip caches must run on any x86-64 with AVX2.
LLAMA_CMAKE_ARGS := -DLLAVA_BUILD=OFF -DGGML_NATIVE=OFF -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON -DGGML_BMI2=ON

.PHONY: run test setup models index browser bench clean-index

run: setup index
	$(WARTA) serve

test: setup browser
	$(PY) -m pytest -q --durations=25

setup: $(VENV)/.deps models

$(VENV)/.venv-ok:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	touch $@

# torch first, pinned to the CPU build: sentence-transformers would otherwise pull CUDA (~2.7 GB).
$(VENV)/.deps: $(VENV)/.venv-ok pyproject.toml
	$(PIP) install torch==2.13.0
	CMAKE_ARGS="$(LLAMA_CMAKE_ARGS)" $(PIP) install -e '.[llm,test]'
	touch $@

models: $(VENV)/.deps
	$(WARTA) models pull

index: setup
	$(WARTA) index

# Headless Chromium for the UI test, from Debian (never a browser download).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium chromium-driver; }

bench: setup
	$(PIP) install -e '.[llm,test,bench]'

clean-index:
	rm -rf index
