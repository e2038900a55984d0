#!/usr/bin/env python3
# check-flatpak-manifest.py — checks the flatpak manifest without flatpak-builder (no Flathub access here)
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The sandbox holes are a promise to users: exactly network, ipc, wayland with x11 fallback and dri.
# libsecret reaches the keyring through the Secret portal, so no D-Bus talk-name is needed.

import json
import sys

EXPECTED_FINISH_ARGS = [
    '--share=network',
    '--share=ipc',
    '--socket=wayland',
    '--socket=fallback-x11',
    '--device=dri',
]
APP_ID = 'io.github.bourse.Bourse'


def fail(path, message):
    print(f'{path}: {message}', file=sys.stderr)
    return 1


def check(path):
    try:
        with open(path, encoding='utf-8') as f:
            manifest = json.load(f)
    except OSError as e:
        return fail(path, f'cannot read: {e.strerror}')
    except json.JSONDecodeError as e:
        return fail(path, f'not valid JSON: {e}')

    if not isinstance(manifest, dict):
        return fail(path, 'top level is not an object')

    errors = 0
    expected_fields = {
        'id': APP_ID,
        'runtime': 'org.gnome.Platform',
        'sdk': 'org.gnome.Sdk',
        'command': 'bourse',
    }
    for key, value in expected_fields.items():
        if manifest.get(key) != value:
            errors += fail(path, f'"{key}" is {manifest.get(key)!r}, expected {value!r}')

    runtime_version = manifest.get('runtime-version')
    if not isinstance(runtime_version, str) or not runtime_version.isdigit():
        errors += fail(path, f'"runtime-version" {runtime_version!r} is not a stable GNOME branch')

    finish_args = manifest.get('finish-args')
    if not isinstance(finish_args, list):
        errors += fail(path, '"finish-args" is missing or not a list')
    else:
        missing = [a for a in EXPECTED_FINISH_ARGS if a not in finish_args]
        extra = [a for a in finish_args if a not in EXPECTED_FINISH_ARGS]
        duplicated = len(finish_args) != len(set(finish_args))
        if missing:
            errors += fail(path, f'finish-args lack {", ".join(missing)}')
        if extra:
            errors += fail(path, f'finish-args grant more than needed: {", ".join(map(str, extra))}')
        if duplicated:
            errors += fail(path, 'finish-args contain duplicates')

    modules = manifest.get('modules')
    if not isinstance(modules, list) or not modules:
        errors += fail(path, '"modules" is missing or empty')
    else:
        last = modules[-1]
        if not isinstance(last, dict) or last.get('buildsystem') != 'meson':
            errors += fail(path, 'the last module must build Bourse with meson')
        else:
            sources = last.get('sources', [])
            if not any(isinstance(s, dict) and s.get('type') in ('dir', 'git') for s in sources):
                errors += fail(path, 'the Bourse module has no dir or git source')

    if not isinstance(manifest.get('cleanup'), list):
        errors += fail(path, '"cleanup" list is missing')

    return 1 if errors else 0


if __name__ == '__main__':
    if len(sys.argv) != 2:
        print(f'usage: {sys.argv[0]} MANIFEST.json', file=sys.stderr)
        sys.exit(2)
    sys.exit(check(sys.argv[1]))
