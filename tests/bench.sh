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
# The scenario of ../shared/bench/SCENARIO.md at 10k, 100k, 1M and 10M bars; CSVs are
# generated once into $WORK. CHART_RUNS runs each (default 5), then the medians.
CHART_RUNS=${CHART_RUNS:-5}
CHART_SIZES=${CHART_SIZES:-"10000 100000 1000000 10000000"}
for n in $CHART_SIZES; do
  csv="$WORK/bars-$n.csv"
  [ -s "$csv" ] || python3 "$SHARED/bench/gen_bars.py" "$n" "$csv"
  runs="$WORK/chart-$n.jsonl"
  : > "$runs"
  for _ in $(seq "$CHART_RUNS"); do
    "$CLI" bench chart --bars "$csv" | tee -a "$runs"
  done
  python3 - "$runs" <<'PY'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
keys = ["parse_ms", "load_ms", "frame_median_ms", "frame_p95_ms", "frame_max_ms", "zoom_median_ms", "pan_median_ms", "rss_mb"]
med = {"bench": "chart-median", "bars": rows[0]["bars"], "runs": len(rows)}
med.update({k: round(statistics.median(r[k] for r in rows), 3) for k in keys})
print(json.dumps(med, separators=(",", ":")))
PY
done
# -- demo broker (issue 2) --
# /streaming throughput over loopback (broker thread + one reading, parsing client):
# requested rate, 5 s each; msgs_per_s is what the client received and parsed.
for rate in ${STREAM_RATES:-50000 200000 1000000}; do
  "$BUILDDIR/tests/server/bench-stream" "$rate" "${STREAM_SECONDS:-5}"
done
# -- demo broker persistence (issue 17) --
# Placement latency (one limit order after another over loopback, each answered once
# it is on disk) against the real executable started on a --state file that already
# holds N orders; p50/p99/max per size. PERSIST_BROKER=path measures another build.
for n in ${PERSIST_SIZES:-1000 10000 100000}; do
  "$BUILDDIR/tests/server/bench-persist" "${PERSIST_BROKER:-$BUILDDIR/src/server/bourse-demo-broker}" "$n" "${PERSIST_PLACED:-1000}"
done
# -- indicators (issue 5) --
# All 22 studies on generated bars: full computation per study, and the cost of one
# live update (append or revise the last bar) — flat across sizes if O(1) holds.
for n in ${INDICATOR_SIZES:-100000 1000000}; do
  "$CLI" indicators --bench "$n"
done
# -- broker client (issue 3) --
# Stream ingest from memory (one core, no network), then REST round trips and
# order placed → visible in the session store against a demo broker on loopback.
"$CLI" bench broker ingest --messages "${INGEST_MESSAGES:-1000000}"
broker_out="$WORK/broker-client-bench.url"
"$BUILDDIR/src/server/bourse-demo-broker" --listen 127.0.0.1:0 > "$broker_out" &
broker_pid=$!
trap 'kill "$broker_pid" 2>/dev/null || true' EXIT  # even if a bench fails under set -e
for _ in $(seq 50); do [ -s "$broker_out" ] && break; sleep 0.1; done
broker_url=$(head -n 1 "$broker_out")
"$CLI" bench broker rest "$broker_url" --login demo --password demo --requests "${REST_REQUESTS:-2000}"
"$CLI" bench broker order "$broker_url" --login demo --password demo --orders "${ORDER_COUNT:-500}"
"$CLI" bench broker order "$broker_url" --login trader --password trader --orders "${POLL_ORDER_COUNT:-50}" --polling
kill "$broker_pid"
wait "$broker_pid" 2>/dev/null || true
trap - EXIT
# -- peer: Lightweight Charts (opt-in) --
# BENCH_PEER=1 (make bench-peer runs only this): the chart scenario side by side with
# Lightweight Charts 5.x in Debian's Chromium; needs chromium and npm ci in tests/bench/peer.
if [ "${BENCH_PEER:-0}" = 1 ]; then
  BUILDDIR="$BUILDDIR" BENCH_DIR="$WORK" BOURSE_SHARED="$SHARED" "$(dirname "$0")/bench/peer/bench-peer.sh"
fi
