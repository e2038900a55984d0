#!/usr/bin/env bash
# bench.sh — make bench: every benchmark prints one JSON line on stdout.
# Sections are owned by area; each appends its own runs below.
set -euo pipefail
BUILDDIR=${BUILDDIR:-build}
CLI="$BUILDDIR/src/cli/bourse-cli"
SHARED=${BOURSE_SHARED:-$(cd "$(dirname "$0")/../.." && pwd)/shared}
WORK=${BENCH_DIR:-$BUILDDIR/bench}
mkdir -p "$WORK"

# -- chart (issue 4) --
# -- broker client (issue 3) --
