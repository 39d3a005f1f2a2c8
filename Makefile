# Quick start: `make run` and `make test`. Both install missing Debian packages first.
PRESET := $(if $(CI),ci,dev)
# Each preset has its own build folder, so a dev configure never hides CI's -Werror.
BUILD_DIR := build/$(PRESET)
JOBS ?= $(shell nproc)

.PHONY: deps build run test bench fuzz fuzz-corpus clean pack-workbooks

deps:
	@platform/debian/install-deps --check 2>/dev/null || platform/debian/install-deps

build: deps
	@test -f $(BUILD_DIR)/CMakeCache.txt || cmake --preset $(PRESET)
	cmake --build $(BUILD_DIR) -j $(JOBS)

# Starts the kiosk on the bundled pack. Extra arguments: make run ARGS="--fullscreen".
run: build
	$(BUILD_DIR)/app/kiosk/peiling $(ARGS)

test: build
	ctest --test-dir $(BUILD_DIR) --output-on-failure -j $(JOBS)

# Release build, then every benchmark side by side with its baseline.
bench: deps
	@test -f build/release/CMakeCache.txt || cmake --preset release
	cmake --build build/release -j $(JOBS)
	build/release/tests/bench/peiling-bench --bin-dir build/release --out build/bench/results.json

# The libFuzzer targets (preset fuzz: clang-14, ASan, UBSan), one after another, SECONDS each
# (default 1800); fails if any crashes, leaks or times out. Findings go to build/fuzz/findings/.
SECONDS ?= 1800
fuzz: deps
	@test -f build/fuzz/CMakeCache.txt || cmake --preset fuzz
	cmake --build build/fuzz -j $(JOBS) --target peiling_fuzzers
	tests/fuzz/run-fuzzers --seconds $(SECONDS) $(TARGETS)

# Minimises what the runs found, the seeds and the corpus into tests/fuzz/corpus/ (libFuzzer -merge=1).
fuzz-corpus: deps
	@test -f build/fuzz/CMakeCache.txt || cmake --preset fuzz
	cmake --build build/fuzz -j $(JOBS) --target peiling_fuzzers
	tests/fuzz/run-fuzzers --merge $(TARGETS)

# The workbooks beside the bundled packs, written again from the JSON (a test fails while they differ).
pack-workbooks: build
	for pack in assets/packs/*.json; do $(BUILD_DIR)/app/hub/peiling-hub pack to-sheet $$pack $${pack%.json}.xlsx || exit 1; done

clean:
	rm -rf build
