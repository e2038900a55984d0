#!/usr/bin/env python3
# summarize.py — medians and Lightweight Charts / Bourse ratios of bench-peer.sh's runs
# SPDX-License-Identifier: GPL-3.0-or-later
#
# summarize.py RUNS.jsonl [TABLE.md]: prints one "peer-median" JSON line per (config, bars)
# and writes the markdown table (default: next to RUNS.jsonl, peer-summary.md). A ratio is
# median(LWC) / median(Bourse) of the same size: > 1 means Bourse is faster or smaller.
import json
import os
import statistics
import sys

KEYS = ["parse_ms", "load_ms", "frame_median_ms", "frame_p95_ms", "frame_max_ms",
        "zoom_median_ms", "pan_median_ms", "rss_mb"]
EXTRA = ["load_wall_ms", "frame_wall_median_ms", "browser_rss_mb", "js_heap_mb", "last_zoom_shown_bars"]
CONFIGS = ["bourse", "lwc-default", "lwc-minspacing", "lwc-conflation"]


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit("usage: summarize.py RUNS.jsonl [TABLE.md]")
    runs_path = sys.argv[1]
    table_path = sys.argv[2] if len(sys.argv) == 3 else os.path.join(os.path.dirname(runs_path), "peer-summary.md")
    groups = {}
    for number, line in enumerate(open(runs_path), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as e:
            sys.exit(f"{runs_path}:{number}: {e}")
        groups.setdefault((row["config"], row["bars"]), []).append(row)

    medians = {}
    for (config, bars), rows in sorted(groups.items(), key=lambda kv: (kv[0][1], CONFIGS.index(kv[0][0]) if kv[0][0] in CONFIGS else 99)):
        ok = [r for r in rows if "error" not in r]
        med = {"bench": "peer-median", "config": config, "bars": bars, "runs": len(ok), "failed": len(rows) - len(ok)}
        if ok:
            for k in KEYS + EXTRA:
                values = [r[k] for r in ok if isinstance(r.get(k), (int, float)) and not isinstance(r.get(k), bool)]
                if values:
                    med[k] = round(statistics.median(values), 3)
            med["loadavg_1m"] = round(statistics.median(r["loadavg_1m"] for r in ok), 2)
            if config != "bourse":
                med["all_bars_shown"] = all(r.get("all_bars_shown") for r in ok)
                med["engine"] = ok[0].get("engine")
        else:
            med["error"] = rows[-1]["error"]
        medians[(config, bars)] = med
        print(json.dumps(med, separators=(",", ":")))

    def cell(value, digits=1):
        return "—" if value is None else f"{value:.{digits}f}"

    def ratio(config, bars, key):
        ours = medians.get(("bourse", bars), {}).get(key)
        theirs = medians.get((config, bars), {}).get(key)
        if not ours or theirs is None:
            return "—"
        return f"{theirs / ours:.1f}×"

    lines = ["| bars | engine (config) | runs | parse ms | load ms | frame median ms | p95 ms | zoom median ms "
             "| pan median ms | RSS MB | all bars in last zoom frame |",
             "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
    ratio_lines = ["| bars | config | load | frame median | frame p95 | zoom median | pan median | RSS |",
                   "|---:|---|---:|---:|---:|---:|---:|---:|"]
    for (config, bars), med in medians.items():
        if "error" in med:
            lines.append(f"| {bars:,} | {config} | 0 of {med['failed']} | failed: {med['error']} "
                         "| | | | | | | |")
            continue
        shown = "yes" if config == "bourse" else (
            "yes" if med.get("all_bars_shown") else f"no ({int(med.get('last_zoom_shown_bars', 0)):,} shown)")
        lines.append(f"| {bars:,} | {config} | {med['runs']} | {cell(med.get('parse_ms'))} | {cell(med.get('load_ms'))} "
                     f"| {cell(med.get('frame_median_ms'), 2)} | {cell(med.get('frame_p95_ms'), 2)} "
                     f"| {cell(med.get('zoom_median_ms'), 2)} | {cell(med.get('pan_median_ms'), 2)} "
                     f"| {cell(med.get('rss_mb'), 0)} | {shown} |")
        if config != "bourse":
            ratio_lines.append(f"| {bars:,} | {config} | " + " | ".join(
                ratio(config, bars, k) for k in ["load_ms", "frame_median_ms", "frame_p95_ms",
                                                 "zoom_median_ms", "pan_median_ms", "rss_mb"]) + " |")
    with open(table_path, "w") as table:
        table.write("Medians per engine and size:\n\n" + "\n".join(lines) + "\n\n")
        table.write("Ratios of medians, Lightweight Charts / Bourse (> 1: Bourse faster or smaller):\n\n"
                    + "\n".join(ratio_lines) + "\n")


if __name__ == "__main__":
    main()
