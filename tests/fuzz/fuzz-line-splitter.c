/* fuzz-line-splitter.c — libFuzzer harness: the stream line splitter and its chunk framing
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The first byte sets the line limit, the second the chunk size: the rest is fed
 * in chunks of that size, as a chunked HTTP body arrives, and every line (or
 * oversize report) must equal what splitting the whole input at once gives.
 */
#include "config.h"

#include "bourse-line-splitter.h"
#include "fuzz-common.h"

typedef struct
{
  GString *lines;
} Collect;

static void
collect_cb (const char *line,
            gsize       length,
            gboolean    oversize,
            gpointer    user_data)
{
  Collect *c = user_data;

  /* How many bytes an oversize report counts depends on the chunking; that it comes does not. */
  if (oversize)
    {
      g_string_append (c->lines, "O:");
      return;
    }
  g_assert (line != NULL && length > 0);
  g_assert (memchr (line, '\n', length) == NULL);
  g_string_append_printf (c->lines, "L%" G_GSIZE_FORMAT ":", length);
  g_string_append_len (c->lines, line, length);
}

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  fuzz_init_glib ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(BourseLineSplitter) whole = NULL;
  g_autoptr(BourseLineSplitter) chunked = NULL;
  Collect a, b;
  gsize limit, chunk;

  if (size < 2)
    return 0;
  limit = 1 + data[0] * 4;
  chunk = 1 + data[1] % 64;
  data += 2;
  size -= 2;

  a.lines = g_string_new (NULL);
  b.lines = g_string_new (NULL);
  whole = _bourse_line_splitter_new (limit);
  chunked = _bourse_line_splitter_new (limit);
  _bourse_line_splitter_feed (whole, (const char *) data, size, collect_cb, &a);
  for (gsize off = 0; off < size; off += chunk)
    _bourse_line_splitter_feed (chunked, (const char *) data + off, MIN (chunk, size - off), collect_cb, &b);
  g_assert_cmpstr (a.lines->str, ==, b.lines->str);
  g_assert_cmpuint (_bourse_line_splitter_get_pending (whole), ==, _bourse_line_splitter_get_pending (chunked));
  _bourse_line_splitter_reset (chunked);
  g_assert_cmpuint (_bourse_line_splitter_get_pending (chunked), ==, 0);
  g_string_free (a.lines, TRUE);
  g_string_free (b.lines, TRUE);
  return 0;
}
