/* test-state-journal.c — BourseStateJournal on its own: records, page padding, replay, damage
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "bourse-server-error.h"
#include "bourse-state-journal.h"

static JsonNode *
record_new (guint n,
            gsize filler)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *text = g_strnfill (filler, 'a' + (char) (n % 26));

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "n");
  json_builder_add_int_value (builder, n);
  json_builder_set_member_name (builder, "text");
  json_builder_add_string_value (builder, text);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static gboolean
collect_cb (JsonNode  *record,
            gpointer   user_data,
            GError   **error)
{
  GArray *seen = user_data;
  guint n = (guint) json_object_get_int_member (json_node_get_object (record), "n");

  g_array_append_val (seen, n);
  return TRUE;
}

static void
test_page_padding (void)
{
  g_autofree char *dir = g_dir_make_tmp ("bourse-journal-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "state", NULL);
  g_autoptr(JsonNode) first = record_new (0, 10);
  g_autoptr(BourseStateJournal) journal = NULL;
  g_autoptr(GArray) seen = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize page = (gsize) sysconf (_SC_PAGESIZE);
  gsize length, offset = 0;
  BourseStateJournalInfo info;
  guint records = 0, padded = 0;

  journal = bourse_state_journal_create (path, first, &error);
  g_assert_no_error (error);
  /* records of 100 to ~3 000 bytes: many would straddle a page */
  for (guint n = 1; n <= 200; n++)
    {
      g_autoptr(JsonNode) record = record_new (n, 100 + (n * 757) % 2900);

      g_assert_true (bourse_state_journal_append (journal, record, &error));
      g_assert_no_error (error);
    }

  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  /* no record that fits in a page crosses one */
  while (offset < length)
    {
      const char *newline = memchr (data + offset, '\n', length - offset);
      gsize end = (gsize) (newline - data) + 1;

      if (end - offset > 1)
        {
          records++;
          if (offset > 0 && end - offset <= page)
            g_assert_cmpuint (offset / page, ==, (end - 1) / page);
        }
      else
        padded++;
      offset = end;
    }
  g_assert_cmpuint (records, ==, 1 + 1 + 200);   /* header, snapshot, changes */
  g_assert_cmpuint (padded, >, 0);

  g_assert_true (bourse_state_journal_replay (path, data, length, G_MAXUINT, collect_cb, seen, &info, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (info.n_records, ==, 201);
  g_assert_cmpuint (info.good_bytes, ==, length);
  for (guint i = 0; i < seen->len; i++)
    g_assert_cmpuint (g_array_index (seen, guint, i), ==, i);

  /* a file cut inside the padding before the last record: all records before it are good */
  {
    const char *last = g_strrstr_len (data, (gssize) length - 1, "\n") + 1;

    if (last[-2] == '\n')
      {
        g_array_set_size (seen, 0);
        g_assert_true (bourse_state_journal_replay (path, data, (gsize) (last - data) - 1, G_MAXUINT, collect_cb, seen,
                                                    &info, &error));
        g_assert_no_error (error);
        g_assert_cmpuint (info.n_records, ==, 200);
      }
  }

  /* cut inside the last record: an error naming the file and the record */
  g_array_set_size (seen, 0);
  g_assert_false (bourse_state_journal_replay (path, data, length - 5, G_MAXUINT, collect_cb, seen, &info, &error));
  g_assert_error (error, BOURSE_SERVER_ERROR, BOURSE_SERVER_ERROR_STATE_FILE);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, "record 201 "));
  g_assert_nonnull (strstr (error->message, "truncated"));
  g_assert_cmpuint (info.n_records, ==, 200);
  g_clear_error (&error);

  /* compaction: the same state, one record */
  {
    g_autoptr(JsonNode) snapshot = record_new (7, 10);
    g_autofree char *compacted = NULL;
    gsize compacted_length;

    g_assert_true (bourse_state_journal_compact (journal, snapshot, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_get_contents (path, &compacted, &compacted_length, NULL));
    g_array_set_size (seen, 0);
    g_assert_true (bourse_state_journal_replay (path, compacted, compacted_length, G_MAXUINT, collect_cb, seen, &info, &error));
    g_assert_cmpuint (info.n_records, ==, 1);
    g_assert_cmpuint (g_array_index (seen, guint, 0), ==, 7);
  }

  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Bourse/Server/Journal/page-padding", test_page_padding);

  return g_test_run ();
}
