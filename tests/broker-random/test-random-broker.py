#!/usr/bin/env python3
# test-random-broker.py — bourse-cli check --trade and watch against random-broker.py, many seeds (TAP)
# SPDX-License-Identifier: GPL-3.0-or-later
#
# For each seed and mode (valid, invalid) it starts random-broker.py and runs
#   bourse-cli check URL --trade EURUSD --stream-seconds 0.5     exit 0 (all passed) or 1 (some failed)
#   bourse-cli watch URL --for 2 --snapshot                      exit 0 (ran) or 1 (could not start)
# and fails a seed when a command dies of a signal, exits with another status, prints a
# sanitizer report or a GLib critical/warning, or outlives its time limit (a hang). The
# regression case for issue 17's crash (a stream timer left pointing at check_stream's dead
# frame) runs with every stream failing at once (404) and REST answers slower than the
# 0.5 s stream check, so that such a timer would fire during the trade's /quotes call;
# ASan (detect_stack_use_after_return, set here) reports it (seed 44 reaches the trade).
#
# Usage: test-random-broker.py BOURSE_CLI [--seeds N] [--jobs J] [--tap]
import argparse
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
SERVER = os.path.join(HERE, "random-broker.py")
BAD_OUTPUT = ("AddressSanitizer", "LeakSanitizer", "runtime error:", "CRITICAL", "-WARNING **",
              "Segmentation fault", "double free", "free(): ", "malloc(): ")


def env_for_children():
    env = dict(os.environ)
    # Stack frames that outlive their call are the bug this test was written for.
    extra = "detect_stack_use_after_return=1:abort_on_error=0:halt_on_error=1"
    env["ASAN_OPTIONS"] = (env["ASAN_OPTIONS"] + ":" + extra) if env.get("ASAN_OPTIONS") else extra
    env.setdefault("UBSAN_OPTIONS", "halt_on_error=1:print_stacktrace=1")
    env.pop("G_DEBUG", None)  # a broker's garbage may warn; criticals are caught in the output instead
    return env


def run_case(cli, seed, mode, command, server_args=(), limit=None):
    """Returns None when the case passed, else a one-line reason (plus output for the log)."""
    server = subprocess.Popen([sys.executable, SERVER, "--seed", str(seed), "--mode", mode, *server_args],
                              stdout=subprocess.PIPE, stdin=subprocess.PIPE, text=True)
    try:
        line = server.stdout.readline()
        if not line.startswith("PORT "):
            return "random-broker.py did not start: %r" % line
        url = "http://127.0.0.1:%s" % line.split()[1]
        if command == "check":
            argv = [cli, "check", url, "--login", "trader", "--password", "secret", "--trade", "EURUSD",
                    "--stream-seconds", "0.5"]
            allowed = (0, 1)
            limit = limit or 90
        else:
            argv = [cli, "watch", url, "--login", "trader", "--password", "secret", "--for", "2", "--snapshot"]
            allowed = (0, 1)
            limit = limit or 40
        try:
            done = subprocess.run(argv, capture_output=True, text=True, errors="replace", timeout=limit,
                                  env=env_for_children())
        except subprocess.TimeoutExpired as e:
            return "hung: no exit within %d s\n%s" % (limit, (e.stderr or b"")[-2000:])
        out = done.stdout + done.stderr
        if done.returncode < 0:
            return "killed by signal %d\n%s" % (-done.returncode, out[-4000:])
        bad = [b for b in BAD_OUTPUT if b in out]
        if bad:
            return "printed %s (exit %d)\n%s" % (bad, done.returncode, out[-6000:])
        if done.returncode not in allowed:
            return "exit status %d, expected one of %s\n%s" % (done.returncode, allowed, out[-4000:])
        if command == "check" and "checks passed" not in done.stdout:
            return "no summary line\n%s" % out[-4000:]
        return None
    finally:
        server.kill()
        server.wait()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("cli")
    parser.add_argument("--seeds", type=int, default=30)
    parser.add_argument("--jobs", type=int, default=3)
    parser.add_argument("--tap", action="store_true", help="accepted for the suite's uniform arguments: output is always TAP")
    args = parser.parse_args()

    cases = [("regression: stream timer outlives check_stream (issue 17)", 44, "valid", "check",
              ("--stream-status", "404", "--delay-ms", "600"))]
    for seed in range(1, args.seeds + 1):
        cases.append(("check --trade, seed %d, valid answers" % seed, seed, "valid", "check", ()))
        cases.append(("watch --for 2, seed %d, valid answers" % seed, seed, "valid", "watch", ()))
    for seed in range(1, args.seeds // 3 + 1):
        cases.append(("check --trade, seed %d, invalid answers" % seed, seed, "invalid", "check", ()))
        cases.append(("watch --for 2, seed %d, invalid answers" % seed, seed, "invalid", "watch", ()))

    print("1..%d" % len(cases), flush=True)
    failed = 0

    def one(case):
        name, seed, mode, command, server_args = case
        return run_case(args.cli, seed, mode, command, server_args)

    # TAP wants the results in order: map() yields them so, while the cases run in parallel.
    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        for index, (case, reason) in enumerate(zip(cases, pool.map(one, cases)), 1):
            name, seed, mode, command, server_args = case
            if reason is None:
                print("ok %d - %s" % (index, name), flush=True)
                continue
            failed += 1
            first, _, rest = reason.partition("\n")
            print("not ok %d - %s: %s" % (index, name, first), flush=True)
            for line in rest.splitlines():
                print("# " + line, flush=True)
            print("# replay: %s --seed %d --mode %s %s, then bourse-cli %s" %
                  (SERVER, seed, mode, " ".join(server_args), command), flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
