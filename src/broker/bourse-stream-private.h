/* bourse-stream-private.h — feeding a BourseStream from memory, for benchmarks and tests
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bourse-stream.h"

G_BEGIN_DECLS

/* Runs @data through the same splitter, parser, validator and signals as bytes read from the network. */
void _bourse_stream_feed (BourseStream *self,
                          const char   *data,
                          gsize         length);

G_END_DECLS
