/* bourse-line-splitter.h — splits a byte stream into '\n'-terminated lines, whatever the chunking
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GDataInputStream returns an unterminated trailing fragment as a line at EOF
 * (platform notes §2.1); this splitter only ever emits complete lines. A final
 * "\r" is stripped, blank lines are skipped, a line longer than the limit is
 * reported once as oversize and discarded up to its newline. A partial line is
 * kept until more bytes arrive; _bourse_line_splitter_reset() drops it (EOF,
 * reconnect). Not a GObject: it sits in the hot path of every stream.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _BourseLineSplitter BourseLineSplitter;

/* @line is not NUL-terminated; @oversize lines come with @line NULL and the
 * number of bytes dropped so far in @length. */
typedef void (*BourseLineFunc) (const char *line,
                                gsize       length,
                                gboolean    oversize,
                                gpointer    user_data);

BourseLineSplitter *_bourse_line_splitter_new      (gsize               max_line_length);
void                _bourse_line_splitter_free     (BourseLineSplitter *self);
void                _bourse_line_splitter_feed     (BourseLineSplitter *self,
                                                    const char         *data,
                                                    gsize               length,
                                                    BourseLineFunc      func,
                                                    gpointer            user_data);
void                _bourse_line_splitter_reset    (BourseLineSplitter *self);
gsize               _bourse_line_splitter_get_pending (BourseLineSplitter *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BourseLineSplitter, _bourse_line_splitter_free)

G_END_DECLS
