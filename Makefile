# The two commands of the README, plus bench. Each installs what is missing first.
.PHONY: run test bench build deps deps-test deps-bench asan clean

BUILD_DIR := build

run: deps build
	./$(BUILD_DIR)/portico serve --data var --listen 127.0.0.1:8080

test: deps-test build
	ctest --test-dir $(BUILD_DIR) --output-on-failure

bench: deps-bench build
	bash bench/run.sh

build:
	cmake --preset release
	cmake --build --preset release -j $$(nproc)

deps:
	bash scripts/install-deps.sh build

deps-test:
	bash scripts/install-deps.sh test

deps-bench:
	bash scripts/install-deps.sh bench

# Unit tests under AddressSanitizer and UBSan (not part of make test).
asan: deps-test
	cmake --preset asan
	cmake --build --preset asan -j $$(nproc)
	ctest --test-dir build-asan --output-on-failure -R '^[A-Z]'

clean:
	rm -rf $(BUILD_DIR) build-asan
