# polner — common tasks. `make test` is what CI runs (through .ci/run).
CARGO ?= cargo
SHARED_DEV ?= ../shared/data/slavicner-pl-dev

.PHONY: all build test test-rust test-python lint bench compare resources run-example fuzz

all: build

build:
	$(CARGO) build --release

## Every test: unit, integration, doc tests, Python bindings (if present).
## Evaluations on SlavicNER data run when POLNER_SLAVICNER_DIR is set.
test: test-rust test-python

test-rust:
	$(CARGO) test --workspace --all-targets
	$(CARGO) test --workspace --doc
	# timing checks (4x input, at most 6x time) run one at a time, so that no other
	# test of the binary competes with them for the CPU and its caches
	$(CARGO) test --release --test robustness -- --test-threads=1
	$(CARGO) build --no-default-features --lib

test-python:
	@if [ -f bindings/python/test.sh ]; then bash bindings/python/test.sh; \
	else echo "bindings/python not present: no Python tests"; fi

lint:
	$(CARGO) fmt --all --check
	$(CARGO) clippy --workspace --all-targets -- -D warnings

bench:
	$(CARGO) bench

## polner next to spaCy, dateparser, YAKE and morfeusz2 on one corpus
## (benches/compare/compare.py); writes benches/RESULTS.md.
COMPARE_VENV ?= benches/compare/.venv
compare:
	$(CARGO) build --release --bin polner --example throughput --example export_gazetteer
	@[ -x $(COMPARE_VENV)/bin/python ] || python3 -m venv $(COMPARE_VENV)
	$(COMPARE_VENV)/bin/pip install -q -r benches/compare/requirements-compare.txt
	# the Python binding, built from this checkout as a user's `pip install` would
	$(COMPARE_VENV)/bin/pip install -q maturin
	$(COMPARE_VENV)/bin/pip install -q --force-reinstall --no-deps ./bindings/python
	$(COMPARE_VENV)/bin/python benches/compare/compare.py

run-example:
	$(CARGO) run --release -- extract resources/examples/gdansk-port.txt

## Fuzzing (needs the nightly toolchain and `cargo install cargo-fuzz`);
## each target runs FUZZ_SECONDS. Crashing inputs go to fuzz/regressions/<target>/.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS = tokenize extract jsonl gazetteer
fuzz:
	@for t in $(FUZZ_TARGETS); do \
	  echo "== fuzz $$t ($(FUZZ_SECONDS) s)"; \
	  (cd fuzz && cargo +nightly fuzz run $$t -- -max_total_time=$(FUZZ_SECONDS)) || exit 1; \
	done

## Regenerate the data resources from their upstream sources (PyPI packages;
## see resources/SOURCES.md). Takes ~15 minutes; the results are committed.
MORPH_WORK = resources/scripts/morph/.work
resources:
	python3 -m venv $(MORPH_WORK)/venv
	$(MORPH_WORK)/venv/bin/pip install -q -r resources/scripts/morph/requirements.txt
	$(MORPH_WORK)/venv/bin/python resources/scripts/morph/export_sgjp.py $(MORPH_WORK)/sgjp.tsv
	$(CARGO) run --release --manifest-path resources/scripts/morph/build-morph/Cargo.toml -- \
	  $(MORPH_WORK)/sgjp.tsv resources/generated/morph.bin
	python3 -m venv .venv
	.venv/bin/pip install -q -r resources/scripts/gazetteer/requirements.txt
	.venv/bin/python resources/scripts/gazetteer/build_gazetteer.py
