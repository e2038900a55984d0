#!/usr/bin/env python3
# check-skips.py — fails when the last `meson test` run skipped anything that tests/allowed-skips does not excuse
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: tests/check-skips.py BUILDDIR [ALLOW_LIST]
#
# `make test` and `make test-asan` call this when CI=true. It reads BUILDDIR/meson-logs/testlog.json (one JSON
# object per test program) and reports, for each program:
#  - a whole program meson counted as SKIP (exit status 77, or a TAP plan "1..0 # SKIP"),
#  - each TAP test case "ok N /path # SKIP reason" (g_test_skip) and "not ok N /path # TODO reason"
#    (g_test_incomplete), read from the program's standard output (the test programs run with --tap).
# A skip passes only when a line of the allow-list matches it:
#     TEST-NAME  CASE-PATH  REASON
# each a shell-style pattern (fnmatch) over the meson test name (without "project:suite / "), the TAP test
# case path ("-" for a whole program) and the skip message; REASON is the rest of the line. Comments say why
# the condition cannot be met on a CI machine. Incomplete (TODO) cases are never excused.

import fnmatch
import json
import os
import re
import sys

TAP_LINE = re.compile(r'^(?P<ok>not ok|ok)\b\s*(?P<num>\d+)?\s*(?P<path>[^#]*?)\s*#\s*(?P<directive>SKIP|TODO)\b\s*(?P<reason>.*)$',
                      re.IGNORECASE)
TAP_SKIP_PLAN = re.compile(r'^1\.\.0\b\s*(#\s*SKIP\b\s*(?P<reason>.*))?$', re.IGNORECASE)


def load_allow_list(path):
    rules = []
    with open(path, encoding='utf-8') as f:
        for number, line in enumerate(f, 1):
            line = line.strip()
            if not line or line.startswith('#'):
                continue
            fields = line.split(None, 2)
            if len(fields) != 3:
                sys.exit(f'{path}:{number}: want "TEST-NAME CASE-PATH REASON", got: {line}')
            rules.append(tuple(fields) + (f'{path}:{number}',))
    return rules


def short_name(name):
    # meson writes "project:suite / name"
    return name.split(' / ', 1)[-1]


def skips_of(entry):
    """(case path, directive, reason) for every skipped or incomplete part of one test program."""
    found = []
    for line in (entry.get('stdout') or '').splitlines():
        m = TAP_LINE.match(line.strip())
        if m:
            found.append((m.group('path') or f'#{m.group("num")}', m.group('directive').upper(),
                          m.group('reason').strip()))
            continue
        m = TAP_SKIP_PLAN.match(line.strip())
        if m:
            found.append(('-', 'SKIP', (m.group('reason') or '').strip()))
    # meson also calls a TAP program whose every case skipped SKIP: those cases are listed already
    if entry.get('result') == 'SKIP' and not found:
        found.append(('-', 'SKIP', f'the program skipped (exit status {entry.get("returncode")})'))
    return found


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit('usage: check-skips.py BUILDDIR [ALLOW_LIST]')
    log = os.path.join(sys.argv[1], 'meson-logs', 'testlog.json')
    allow_path = sys.argv[2] if len(sys.argv) == 3 else os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                                     'allowed-skips')
    rules = load_allow_list(allow_path)
    try:
        with open(log, encoding='utf-8') as f:
            entries = [json.loads(line) for line in f if line.strip()]
    except OSError as e:
        sys.exit(f'check-skips: cannot read {log}: {e.strerror} (run meson test first)')
    if not entries:
        sys.exit(f'check-skips: {log} lists no test')

    unexcused, excused = [], []
    for entry in entries:
        name = short_name(entry['name'])
        for path, directive, reason in skips_of(entry):
            rule = None
            if directive == 'SKIP':
                rule = next((r for r in rules if fnmatch.fnmatchcase(name, r[0]) and fnmatch.fnmatchcase(path, r[1])
                             and fnmatch.fnmatchcase(reason, r[2])), None)
            text = f'{entry["name"]}: {path}: {directive} {reason or "(no reason given)"}'
            (excused if rule else unexcused).append(text + (f'  [allowed by {rule[3]}]' if rule else ''))

    for text in excused:
        print(f'check-skips: allowed: {text}')
    for text in unexcused:
        print(f'check-skips: NOT ALLOWED: {text}', file=sys.stderr)
    if unexcused:
        print(f'check-skips: {len(unexcused)} skipped or incomplete test(s) in {log}; make the test run here, '
              f'or list a condition CI truly cannot meet in {allow_path}', file=sys.stderr)
        return 1
    print(f'check-skips: {len(entries)} test programs, {len(excused)} allowed skip(s), nothing else skipped')
    return 0


if __name__ == '__main__':
    sys.exit(main())
