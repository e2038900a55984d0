#!/usr/bin/env bash
# bench-peer.sh — Bourse's chart vs Lightweight Charts in Chromium, same scenario, same data
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs ../../../shared/bench/SCENARIO.md with `bourse-cli bench chart` and with run-peer.mjs
# in three Lightweight Charts configurations, interleaved run by run (the machine is shared
# and its load drifts), PEER_RUNS times per size. Every run prints one JSON line tagged
# "config"; all go to $WORK/peer-runs.jsonl, then summarize.py prints the medians table.
# Every run is bounded by PEER_TIMEOUT seconds (default 300); a failed or timed-out run
# is recorded as {"config":…,"bars":…,"error":…} and the bench goes on. Each line also
# carries the 1-minute load average after the run and the run's wall time (run_s).
# Needs /usr/bin/chromium and `npm ci` in this folder (make bench-peer does both).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
BUILDDIR=${BUILDDIR:-build}
CLI="$BUILDDIR/src/cli/bourse-cli"
SHARED=${BOURSE_SHARED:-$(cd "$HERE/../../../.." && pwd)/shared}
WORK=${BENCH_DIR:-$BUILDDIR/bench}
PEER_RUNS=${PEER_RUNS:-5}
PEER_SIZES=${PEER_SIZES-"10000 100000 1000000"}
PEER_TIMEOUT=${PEER_TIMEOUT:-300}
# The largest size, tried once per Lightweight Charts configuration that can show all bars
# (empty to skip): it needs ~2 GB of JS heap per million bars.
PEER_HUGE=${PEER_HUGE-10000000}
mkdir -p "$WORK"
out="$WORK/peer-runs.jsonl"
: > "$out"

[ -x /usr/bin/chromium ] || { echo "bench-peer: /usr/bin/chromium is missing (make bench-peer installs it)" >&2; exit 1; }
[ -d "$HERE/node_modules/lightweight-charts" ] && [ -d "$HERE/node_modules/playwright-core" ] ||
  { echo "bench-peer: run npm ci in $HERE first (make bench-peer does)" >&2; exit 1; }

# run CONFIG BARS COMMAND… — one bounded run, its JSON line tagged, load average attached.
run () {
  local config=$1 bars=$2 line err rc=0 t0
  shift 2
  err=$(mktemp)
  t0=$(date +%s.%N)
  line=$(timeout --kill-after=10 "$PEER_TIMEOUT" "$@" 2> "$err") || rc=$?
  python3 - "$config" "$bars" "$rc" "$line" "$err" "$t0" <<'PY' | tee -a "$out"
import json, os, sys, time
config, bars, rc, line, err = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5]
run_s = round(time.time() - float(sys.argv[6]), 1)
load1 = os.getloadavg()[0]
if rc == 0 and line.strip():
    row = json.loads(line.strip().splitlines()[-1])
else:
    msg = open(err).read().strip().splitlines()
    row = {"bars": bars, "error": ("timed out" if rc == 124 else (msg[-1] if msg else f"exit status {rc}"))}
print(json.dumps({"config": config, **row, "loadavg_1m": load1, "run_s": run_s}, separators=(",", ":")))
PY
  rm -f "$err"
}

peer=(node "$HERE/run-peer.mjs" --timeout "$PEER_TIMEOUT")

csv_for () {
  local csv="$WORK/bars-$1.csv"
  [ -s "$csv" ] || python3 "$SHARED/bench/gen_bars.py" "$1" "$csv"
  printf '%s\n' "$csv"
}

for n in $PEER_SIZES; do
  csv=$(csv_for "$n")
  for r in $(seq "$PEER_RUNS"); do
    png_ours=() png_lwc=()
    if [ "$r" = 1 ]; then  # the all-bars frame of the first run, to look at
      png_ours=(--png "$WORK/peer-ours-$n.png")
      png_lwc=(--png "$WORK/peer-lwc-$n.png")
    fi
    run bourse "$n" "$CLI" bench chart --bars "$csv" "${png_ours[@]}"
    run lwc-default "$n" "${peer[@]}" --bars "$csv"
    run lwc-minspacing "$n" "${peer[@]}" --bars "$csv" --min-bar-spacing 0.000001
    run lwc-conflation "$n" "${peer[@]}" --bars "$csv" --min-bar-spacing 0.000001 --conflation "${png_lwc[@]}"
  done
done
if [ -n "$PEER_HUGE" ]; then
  csv=$(csv_for "$PEER_HUGE")
  run bourse "$PEER_HUGE" "$CLI" bench chart --bars "$csv"
  run lwc-conflation "$PEER_HUGE" "${peer[@]}" --bars "$csv" --min-bar-spacing 0.000001 --conflation
fi
python3 "$HERE/summarize.py" "$out"
