# The two commands of the README, plus bench. Each installs what is missing first.
.PHONY: run test check bench build deps deps-test deps-bench asan clean install deb

BUILD_DIR := build

run: deps build
	./$(BUILD_DIR)/portico serve --data var --listen 127.0.0.1:8080

test: deps-test build
	ctest --test-dir $(BUILD_DIR) --output-on-failure

# The inner loop: unit tests, the layer check and a smoke run of the real binary (pages and
# the rules of every route); make test runs everything.
check: deps-test build
	ctest --test-dir $(BUILD_DIR) --output-on-failure -E '^(http|http_postgresql|browser|fuzz_.*)$$'
	PORTICO_BIN=$(BUILD_DIR)/portico node --test --test-concurrency=1 tests/http/pages.test.mjs tests/http/route_rules.test.mjs

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

# Installs the binary, the theme, the assets, a default /etc/portico/portico.toml (kept when
# there is one), the systemd units and the service's sysusers.d entry: PREFIX (default
# /usr/local), DESTDIR for staging. Then: systemd-sysusers; systemctl enable --now portico.
PREFIX ?= /usr/local
install: deps build
	DESTDIR=$(DESTDIR) cmake --install $(BUILD_DIR) --prefix $(PREFIX)

# A Debian package of this tree (build/portico_VERSION_ARCH.deb), checked with lintian.
deb: deps build
	bash scripts/install-deps.sh deb
	bash scripts/make-deb.sh $(BUILD_DIR)

clean:
	rm -rf $(BUILD_DIR) build-asan
