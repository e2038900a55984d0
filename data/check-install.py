#!/usr/bin/env python3
# check-install.py — runs `meson install --destdir` into a temporary directory and checks the result
# SPDX-License-Identifier: GPL-3.0-or-later
#
# A user who installs Bourse needs the programs, their man pages, the desktop integration files and
# the translations; this test fails when any of them is not installed or an installed program does
# not even start.

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile


def read_linguas(source_root):
    langs = []
    with open(os.path.join(source_root, 'po', 'LINGUAS'), encoding='utf-8') as f:
        for line in f:
            line = line.split('#', 1)[0]
            langs += line.split()
    return langs


LONG_OPTION = re.compile(r'(?<![\w-])--[a-z][a-z0-9-]*')


def help_texts(binary, env):
    """--help of a program, and of each bourse-cli command listed there."""
    def run(argv):
        return subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                              timeout=10, env=env)
    main_help = run([binary, '--help'])
    texts = [(main_help.returncode, main_help.stdout)]
    if os.path.basename(binary) == 'bourse-cli':
        commands = re.findall(r'^  ([a-z][a-z-]*)\s{2,}\S', main_help.stdout, re.M)
        for command in commands:
            sub = run([binary, command, '--help'])
            texts.append((0, sub.stdout))
    return texts


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--meson', default=shutil.which('meson') or 'meson')
    parser.add_argument('--source-root', required=True)
    parser.add_argument('--build-root', required=True)
    parser.add_argument('--prefix', required=True)
    parser.add_argument('--bindir', required=True)
    parser.add_argument('--datadir', required=True)
    parser.add_argument('--mandir', required=True)
    parser.add_argument('--localedir', required=True)
    parser.add_argument('--app-id', required=True)
    parser.add_argument('--with-app', action='store_true')
    parser.add_argument('--with-schema', action='store_true')
    args = parser.parse_args()

    def under_prefix(d):
        return d if os.path.isabs(d) else os.path.join(args.prefix, d)

    bindir = under_prefix(args.bindir)
    datadir = under_prefix(args.datadir)
    mandir = under_prefix(args.mandir)
    localedir = under_prefix(args.localedir)

    programs = ['bourse-cli', 'bourse-demo-broker']
    if args.with_app:
        programs.append('bourse')

    expected = [os.path.join(bindir, p) for p in programs]
    expected += [os.path.join(mandir, 'man1', p + '.1') for p in programs]
    if args.with_app:
        app_id = args.app_id
        expected += [
            os.path.join(datadir, 'applications', app_id + '.desktop'),
            os.path.join(datadir, 'metainfo', app_id + '.metainfo.xml'),
            os.path.join(datadir, 'dbus-1', 'services', app_id + '.service'),
            os.path.join(datadir, 'icons', 'hicolor', 'scalable', 'apps', app_id + '.svg'),
            os.path.join(datadir, 'icons', 'hicolor', 'symbolic', 'apps', app_id + '-symbolic.svg'),
        ]
    if args.with_schema:
        expected.append(os.path.join(datadir, 'glib-2.0', 'schemas', args.app_id + '.gschema.xml'))
    for lang in read_linguas(args.source_root):
        expected.append(os.path.join(localedir, lang, 'LC_MESSAGES', 'bourse.mo'))

    with tempfile.TemporaryDirectory(prefix='bourse-install-') as destdir:
        env = dict(os.environ)
        env.pop('DESTDIR', None)
        result = subprocess.run(
            [args.meson, 'install', '-C', args.build_root, '--no-rebuild', '--quiet',
             '--destdir', destdir],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=50)
        if result.returncode != 0:
            print(result.stdout, file=sys.stderr)
            print(f'meson install failed with status {result.returncode}', file=sys.stderr)
            return 1

        def staged(path):
            return os.path.join(destdir, path.lstrip('/'))

        missing = [p for p in expected if not os.path.isfile(staged(p))]
        for p in missing:
            print(f'not installed: {p}', file=sys.stderr)
        print(f'{len(expected) - len(missing)}/{len(expected)} expected files installed')

        failures = len(missing)

        # A real install runs glib-compile-schemas (gnome.post_install); with --destdir meson skips
        # it, so do the same here and point the programs at the staged data.
        staged_datadir = staged(datadir)
        env['XDG_DATA_DIRS'] = staged_datadir + ':' + env.get('XDG_DATA_DIRS', '/usr/local/share:/usr/share')
        env.pop('GSETTINGS_SCHEMA_DIR', None)
        schemas_dir = os.path.join(staged_datadir, 'glib-2.0', 'schemas')
        if args.with_schema and os.path.isdir(schemas_dir):
            compile_schemas = shutil.which('glib-compile-schemas') or 'glib-compile-schemas'
            run = subprocess.run([compile_schemas, '--strict', schemas_dir], stdout=subprocess.PIPE,
                                 stderr=subprocess.STDOUT, text=True, timeout=10)
            if run.returncode != 0:
                print(f'glib-compile-schemas failed on the installed schema:\n{run.stdout}', file=sys.stderr)
                failures += 1
            env['GSETTINGS_SCHEMA_DIR'] = schemas_dir
        env['GSETTINGS_BACKEND'] = 'memory'

        groff = shutil.which('groff')
        for p in programs:
            binary = staged(os.path.join(bindir, p))
            page = staged(os.path.join(mandir, 'man1', p + '.1'))
            if os.path.join(bindir, p) in missing:
                continue
            if not os.access(binary, os.X_OK):
                print(f'not executable: {binary}', file=sys.stderr)
                failures += 1
                continue

            # Each installed program runs from its installed location and answers --help.
            texts = help_texts(binary, env)
            status, text = texts[0]
            if status != 0 or not text.strip():
                print(f'{p} --help exited with {status}:\n{text}', file=sys.stderr)
                failures += 1
                continue
            if not os.path.isfile(page):
                continue

            # Its man page documents every long option its --help lists (GOption's own
            # --help-* groups aside), so the two cannot drift apart unnoticed.
            with open(page, encoding='utf-8') as f:
                man_text = f.read().replace('\\-', '-')
            options = {o for _, t in texts for o in LONG_OPTION.findall(t) if not o.startswith('--help')}
            for option in sorted(options):
                if option not in man_text:
                    print(f'{p}.1 does not document {option}', file=sys.stderr)
                    failures += 1

            # And it formats without groff warnings.
            if groff:
                run = subprocess.run([groff, '-man', '-Tutf8', '-ww', '-z', page],
                                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                     timeout=10)
                if run.returncode != 0 or run.stdout.strip():
                    print(f'{page}: groff complains:\n{run.stdout}', file=sys.stderr)
                    failures += 1

    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
