/* bourse-line-splitter.c — splits a byte stream into '\n'-terminated lines, whatever the chunking
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How: each chunk is scanned with memchr for '\n'. A line wholly inside the
 * chunk is handed out in place (no copy: the common case at stream rates); only
 * the piece cut by a chunk boundary is kept in @partial and completed by the
 * next chunk. An oversize line is not buffered at all: its bytes are counted
 * until its newline, then reported once. Why not GDataInputStream: it returns
 * an unterminated fragment as a line at EOF, and a cut line must never reach
 * the JSON parser as if it were whole.
 */
#include "config.h"

#include <string.h>

#include "bourse-line-splitter.h"

struct _BourseLineSplitter
{
  GByteArray *partial;     /* bytes of the line being assembled */
  gsize       max_line_length;
  gsize       discarding;  /* > 0 while skipping the rest of an oversize line */
};

BourseLineSplitter *
_bourse_line_splitter_new (gsize max_line_length)
{
  BourseLineSplitter *self = g_new0 (BourseLineSplitter, 1);

  self->partial = g_byte_array_new ();
  self->max_line_length = MAX (max_line_length, 16);
  return self;
}

void
_bourse_line_splitter_free (BourseLineSplitter *self)
{
  if (self == NULL)
    return;
  g_byte_array_unref (self->partial);
  g_free (self);
}

void
_bourse_line_splitter_reset (BourseLineSplitter *self)
{
  g_byte_array_set_size (self->partial, 0);
  self->discarding = 0;
}

gsize
_bourse_line_splitter_get_pending (BourseLineSplitter *self)
{
  return self->partial->len;
}

static void
emit_line (BourseLineSplitter *self,
           const char         *line,
           gsize               length,
           BourseLineFunc      func,
           gpointer            user_data)
{
  if (length > 0 && line[length - 1] == '\r')
    length--;
  if (length == 0)
    return;
  func (line, length, FALSE, user_data);
}

void
_bourse_line_splitter_feed (BourseLineSplitter *self,
                            const char         *data,
                            gsize               length,
                            BourseLineFunc      func,
                            gpointer            user_data)
{
  const char *end = data + length;

  while (data < end)
    {
      const char *newline = memchr (data, '\n', end - data);
      gsize chunk = (newline != NULL ? newline : end) - data;

      gboolean too_long = self->discarding == 0 && self->partial->len + chunk > self->max_line_length;

      if (too_long)
        {
          /* Too long: drop what we have and skip to the next newline. */
          self->discarding = self->partial->len;
          g_byte_array_set_size (self->partial, 0);
        }
      if (too_long || self->discarding > 0)
        {
          self->discarding += chunk;
          if (newline == NULL)
            return;
          func (NULL, self->discarding, TRUE, user_data);
          self->discarding = 0;
          data = newline + 1;
          continue;
        }

      if (newline == NULL)
        {
          g_byte_array_append (self->partial, (const guint8 *) data, chunk);
          return;
        }

      if (self->partial->len == 0)
        {
          /* The common case: a whole line inside this chunk, no copy. */
          emit_line (self, data, chunk, func, user_data);
        }
      else
        {
          g_byte_array_append (self->partial, (const guint8 *) data, chunk);
          emit_line (self, (const char *) self->partial->data, self->partial->len, func, user_data);
          g_byte_array_set_size (self->partial, 0);
        }
      data = newline + 1;
    }
}
