#!/usr/bin/env python3
# check-screenshots.py — every screenshot the metainfo advertises exists in the repository
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Software centres fetch screenshots from the repository's main branch, so a metainfo image URL
# whose file is missing from the tree shows a broken image to every user. Also checks each
# screenshot has a caption and is a PNG of a sensible size.

import struct
import sys
import xml.etree.ElementTree as ET

URL_PREFIX = 'https://github.com/bourse/bourse/raw/main/'


def png_size(path):
    with open(path, 'rb') as f:
        header = f.read(24)
    if len(header) < 24 or header[:8] != b'\x89PNG\r\n\x1a\n' or header[12:16] != b'IHDR':
        return None
    return struct.unpack('>II', header[16:24])


def main(metainfo, source_root):
    errors = []
    root = ET.parse(metainfo).getroot()
    screenshots = root.findall('./screenshots/screenshot')
    if not screenshots:
        errors.append('no screenshots')
    defaults = [s for s in screenshots if s.get('type') == 'default']
    if len(defaults) != 1:
        errors.append(f'{len(defaults)} default screenshots, expected exactly one')
    for shot in screenshots:
        image = shot.find('image')
        caption = shot.find('caption')
        if caption is None or not (caption.text or '').strip():
            errors.append('a screenshot has no caption')
        if image is None or not image.text:
            errors.append('a screenshot has no image')
            continue
        url = image.text.strip()
        if not url.startswith(URL_PREFIX):
            errors.append(f'{url}: not a file of the repository ({URL_PREFIX}…)')
            continue
        path = source_root + '/' + url[len(URL_PREFIX):]
        try:
            size = png_size(path)
        except OSError:
            errors.append(f'{url}: {path} does not exist')
            continue
        if size is None:
            errors.append(f'{path}: not a PNG file')
        elif size[0] < 624 or size[1] < 351:
            errors.append(f'{path}: {size[0]}x{size[1]} is smaller than 624x351')
    for error in errors:
        print(error, file=sys.stderr)
    return 1 if errors else 0


if __name__ == '__main__':
    if len(sys.argv) != 3:
        print(f'usage: {sys.argv[0]} METAINFO SOURCE_ROOT', file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1], sys.argv[2]))
