# Makefile — the two commands of the README (make run, make test) and make bench.
# Each installs missing Debian build dependencies, configures meson and builds first.
# SPDX-License-Identifier: GPL-3.0-or-later

BUILDDIR ?= build
MESON_OPTS ?=

# Debian 12 packages needed to build, test and run.
BUILD_DEPS = gcc pkg-config meson ninja-build gettext \
	libglib2.0-dev libglib2.0-dev-bin libsoup-3.0-dev libjson-glib-dev libcairo2-dev libpango1.0-dev libsqlite3-dev \
	libgtk-4-dev libadwaita-1-dev libsecret-1-dev glib-networking \
	desktop-file-utils appstream appstream-util \
	xvfb xauth xdotool dbus dbus-x11 fonts-dejavu-core python3 locales

# Locales the tests switch to (a decimal comma must not reach the wire or a webhook).
TEST_LOCALES = de_DE.UTF-8

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all deps fuzz-deps setup build run test bench bench-peer fuzz clean

all: build

deps:
	@missing=$$(for p in $(BUILD_DEPS); do \
	    dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || echo $$p; \
	  done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing missing build dependencies:" $$missing; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi
	@for l in $(TEST_LOCALES); do \
	  norm=$$(echo "$$l" | sed 's/UTF-8$$/utf8/'); \
	  locale -a 2>/dev/null | grep -qx "$$norm" && continue; \
	  echo "Generating locale $$l for the tests"; \
	  if grep -qx "# *$$l UTF-8" /etc/locale.gen; then \
	    $(SUDO) sed -i "s/^# *\($$l UTF-8\)$$/\1/" /etc/locale.gen; \
	  elif ! grep -qx "$$l UTF-8" /etc/locale.gen; then \
	    echo "$$l UTF-8" | $(SUDO) tee -a /etc/locale.gen >/dev/null; \
	  fi; \
	  $(SUDO) locale-gen >/dev/null && locale -a | grep -qx "$$norm" || { echo "could not generate $$l" >&2; exit 1; }; \
	done

$(BUILDDIR)/build.ninja: | deps
	meson setup $(BUILDDIR) $(MESON_OPTS)

setup: $(BUILDDIR)/build.ninja

build: deps setup
	ninja -C $(BUILDDIR)

# Starts the terminal on the built-in demo broker (started in-process on a free loopback port).
run: build
	GSETTINGS_SCHEMA_DIR=$(BUILDDIR)/data $(BUILDDIR)/src/app/bourse

# The whole suite; under Xvfb (and a private session bus) when there is no display.
# With CI=true a test that skipped fails the run unless tests/allowed-skips excuses it.
test: build
	@if [ -n "$$DISPLAY$$WAYLAND_DISPLAY" ]; then \
	  meson test -C $(BUILDDIR) --print-errorlogs $(TEST_ARGS); \
	else \
	  xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- \
	    meson test -C $(BUILDDIR) --print-errorlogs $(TEST_ARGS); \
	fi
	@if [ "$$CI" = true ]; then python3 tests/check-skips.py $(BUILDDIR); fi

# The whole suite again on an AddressSanitizer + UndefinedBehaviorSanitizer build (CI runs both).
# Leak detection stays off here: GLib 2.74's GSlice, fontconfig's cache and LeakSanitizer's own crash
# when it scans GnuTLS's module at exit make it noise; the suites that are leak-clean run LSan with
# tests/lsan.supp when run on their own (see HACKING.md).
ASAN_BUILDDIR ?= build-asan
test-asan: deps
	@[ -f $(ASAN_BUILDDIR)/build.ninja ] || meson setup $(ASAN_BUILDDIR) $(MESON_OPTS) \
	  -Db_sanitize=address,undefined -Db_lundef=false
	ninja -C $(ASAN_BUILDDIR)
	@export ASAN_OPTIONS=detect_leaks=0 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1; \
	if [ -n "$$DISPLAY$$WAYLAND_DISPLAY" ]; then \
	  meson test -C $(ASAN_BUILDDIR) --print-errorlogs --timeout-multiplier 3 $(TEST_ARGS); \
	else \
	  xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- \
	    meson test -C $(ASAN_BUILDDIR) --print-errorlogs --timeout-multiplier 3 $(TEST_ARGS); \
	fi
	@if [ "$$CI" = true ]; then python3 tests/check-skips.py $(ASAN_BUILDDIR); fi

# libFuzzer harnesses (tests/fuzz), one per parser, on a clang ASan+UBSan build with coverage
# instrumentation; each runs FUZZ_SECONDS from its seed corpus. A crash, leak or timeout fails
# and keeps the reproducer in $(FUZZ_BUILDDIR)/fuzz/artifacts (tests/fuzz/run-fuzz.sh).
# Debian 12's clang is 14; libclang-rt-14-dev holds the libFuzzer runtime it links.
FUZZ_DEPS = clang libclang-rt-14-dev
FUZZ_BUILDDIR ?= build-fuzz
FUZZ_SECONDS ?= 60
fuzz-deps: deps
	@missing=$$(for p in $(FUZZ_DEPS); do \
	    dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || echo $$p; \
	  done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing missing fuzzing dependencies:" $$missing; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

fuzz: fuzz-deps
	@[ -f $(FUZZ_BUILDDIR)/build.ninja ] || CC=clang meson setup $(FUZZ_BUILDDIR) $(MESON_OPTS) \
	  -Dfuzzing=true -Db_sanitize=address,undefined -Db_lundef=false -Dapp=false -Dui_tests=false
	ninja -C $(FUZZ_BUILDDIR) fuzz
	tests/fuzz/run-fuzz.sh $(FUZZ_BUILDDIR) $(FUZZ_SECONDS) $(FUZZ_HARNESSES)

# Benchmarks print one JSON line each; quote medians over several runs.
bench: build
	BUILDDIR=$(BUILDDIR) ./tests/bench.sh

# The chart scenario side by side with Lightweight Charts 5.x in Debian's Chromium (issue 4;
# tests/bench/peer/RESULTS.md). Installs chromium (and npm) with apt-get and the pinned npm
# packages, without any browser download; about 15 minutes. BENCH_PEER=1 make bench runs
# the same after every other benchmark.
bench-peer: build
	@for p in chromium $$(command -v npm >/dev/null || echo npm); do \
	  dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || \
	  { $(SUDO) apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$p; }; \
	done
	cd tests/bench/peer && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund
	BUILDDIR=$(BUILDDIR) ./tests/bench/peer/bench-peer.sh  # = the BENCH_PEER=1 part of make bench

clean:
	rm -rf $(BUILDDIR)
