#!/usr/bin/env python3
# check-potfiles.py — fails when POTFILES.in misses a file with translatable strings
# SPDX-License-Identifier: GPL-3.0-or-later
#
# A string in a file that POTFILES.in does not list never reaches translators, silently. This walks
# the sources the way a reviewer would (C files with _()/N_()/C_()/ngettext, .ui files with
# translatable="yes", desktop/metainfo/schema data) and compares with POTFILES.in, which must also
# list only existing files, each once, sorted.

import os
import re
import sys

C_MARKER = re.compile(
    r'(?<![A-Za-z0-9_])(?:_|N_|C_|NC_|Q_|ngettext|g_dngettext|g_dpgettext2|g_dgettext)\s*\(\s*(?:"|[A-Za-z_]+\s*,\s*")')
C_COMMENT = re.compile(r'/\*.*?\*/|//[^\n]*', re.S)
UI_MARKER = re.compile(r'translatable\s*=\s*"(?:yes|true|1)"')
SCHEMA_MARKER = re.compile(r'<(?:summary|description)\b')

SOURCE_DIRS = ['src', 'ui', 'data']
SKIP_DIRS = {'.git', 'tests', 'po', 'flatpak'}


def read_potfiles(path):
    entries = []
    with open(path, encoding='utf-8') as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith('#'):
                entries.append(line)
    return entries


def has_translatable_strings(path):
    name = os.path.basename(path)
    try:
        with open(path, encoding='utf-8') as f:
            text = f.read()
    except (OSError, UnicodeDecodeError):
        return False
    if name.endswith(('.c', '.h')):
        return bool(C_MARKER.search(C_COMMENT.sub('', text)))
    if name.endswith('.ui'):
        return bool(UI_MARKER.search(text))
    if name.endswith('.gschema.xml'):
        return bool(SCHEMA_MARKER.search(text))
    if name.endswith(('.desktop.in', '.desktop.in.in', '.metainfo.xml.in', '.metainfo.xml.in.in')):
        return True
    return False


def walk_sources(root):
    for top in SOURCE_DIRS:
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, top)):
            dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS and not d.startswith('build'))
            for filename in sorted(filenames):
                path = os.path.join(dirpath, filename)
                if has_translatable_strings(path):
                    yield os.path.relpath(path, root)


def main(root):
    potfiles_path = os.path.join(root, 'po', 'POTFILES.in')
    entries = read_potfiles(potfiles_path)
    errors = []

    for entry in entries:
        if not os.path.isfile(os.path.join(root, entry)):
            errors.append(f'{entry}: listed in po/POTFILES.in but does not exist')
    if entries != sorted(entries):
        errors.append('po/POTFILES.in is not sorted (run: LC_ALL=C sort -u -o po/POTFILES.in po/POTFILES.in)')
    duplicates = sorted({e for e in entries if entries.count(e) > 1})
    for entry in duplicates:
        errors.append(f'{entry}: listed more than once in po/POTFILES.in')

    listed = set(entries)
    for path in walk_sources(root):
        if path not in listed:
            errors.append(f'{path}: has translatable strings but is missing from po/POTFILES.in')

    for error in errors:
        print(error, file=sys.stderr)
    return 1 if errors else 0


if __name__ == '__main__':
    if len(sys.argv) != 2:
        print(f'usage: {sys.argv[0]} SOURCE_ROOT', file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1]))
