/* test-fuzz-regressions.c — the inputs tests/fuzz found, replayed in the normal suite
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every file in tests/fuzz/regressions made json-glib 1.6 leak (see its README).
 * Each must now be refused, with our error, by the three readers a broker or a
 * damaged file reaches: _bourse_json_parse() (every REST answer), a stream line
 * (bourse_stream_feed) and the drawings store. Without _bourse_json_prescan()
 * json-glib accepts the two-value documents, so these cases fail.
 */
#include "config.h"

#include <glib/gstdio.h>

#include "bourse-broker-error.h"
#include "bourse-drawing-store.h"
#include "bourse-json.h"
#include "bourse-stream.h"
#include "bourse-stream.h"

static char *
regression_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "fuzz", "regressions", name, NULL);
}

static void
malformed_cb (BourseStream *stream,
              const char   *line,
              const GError *error,
              guint        *count)
{
  g_assert_error (error, BOURSE_BROKER_ERROR, BOURSE_BROKER_ERROR_PROTOCOL);
  g_assert_nonnull (strstr (error->message, "more than one value, or a broken \\u escape"));
  (*count)++;
}

static void
message_cb (BourseStream *stream,
            JsonNode     *node,
            gpointer      user_data)
{
  g_assert_not_reached ();
}

static void
test_refused (gconstpointer data)
{
  const char *name = data;
  g_autofree char *path = regression_path (name);
  g_autofree char *contents = NULL;
  g_autofree char *line = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(BourseBrokerClient) client = bourse_broker_client_new ("http://127.0.0.1:9/");
  g_autoptr(BourseStream) stream = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(GFile) directory = NULL;
  g_autoptr(BourseDrawingStore) store = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GListStore) drawings = NULL;
  gsize length;
  guint malformed = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));

  /* every REST answer */
  root = _bourse_json_parse (contents, length, &error);
  g_assert_null (root);
  g_assert_error (error, BOURSE_BROKER_ERROR, BOURSE_BROKER_ERROR_PROTOCOL);
  g_assert_cmpstr (error->message, ==, "not JSON: more than one value, or a broken \\u escape");
  g_clear_error (&error);

  /* a stream line (the file's first line, newline-terminated) */
  line = g_strdup_printf ("%.*s\n", (int) strcspn (contents, "\n"), contents);
  stream = bourse_stream_new (client, "/streaming", BOURSE_SCHEMA_STREAM_PRICES);
  g_signal_connect (stream, "malformed-line", G_CALLBACK (malformed_cb), &malformed);
  g_signal_connect (stream, "message", G_CALLBACK (message_cb), NULL);
  bourse_stream_feed (stream, line, strlen (line));
  g_assert_cmpuint (malformed, ==, 1);

  /* a drawings file */
  dir = g_dir_make_tmp ("bourse-fuzz-regression-XXXXXX", &error);
  g_assert_no_error (error);
  directory = g_file_new_for_path (dir);
  store = bourse_drawing_store_new (directory);
  file = bourse_drawing_store_get_file (store, "FUZZ");
  {
    g_autofree char *file_path = g_file_get_path (file);
    g_assert_true (g_file_set_contents (file_path, contents, length, NULL));
    drawings = bourse_drawing_store_load (store, "FUZZ", &error);
    g_assert_null (drawings);
    g_assert_nonnull (error);
    g_assert_nonnull (strstr (error->message, "more than one JSON value, or a broken \\u escape"));
    g_unlink (file_path);
  }
  g_rmdir (dir);
}

/* What must still parse: one value with whitespace around, escapes of every kind. */
static void
test_accepted (void)
{
  static const char * const good[] = {
    " {\"s\":\"ok\",\"d\":[]}\r\n", "1", "-1.5e3", "true", "null", "\"a\\\"b\"", "[[],{}]",
    "\"\\ud83d\\ude00 \\u00e9 \\\\u12\"", "{\"a\":\"}{\"}", "\"\\u0041\"",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) root = _bourse_json_parse (good[i], -1, &error);

      g_assert_no_error (error);
      g_assert_nonnull (root);
      g_assert_true (_bourse_json_prescan (good[i], strlen (good[i])));
    }
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *dir_path = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  g_test_init (&argc, &argv, NULL);
  dir_path = g_test_build_filename (G_TEST_DIST, "fuzz", "regressions", NULL);
  dir = g_dir_open (dir_path, 0, NULL);
  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".json"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  g_assert_cmpuint (names->len, >, 0);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *test_path = g_strdup_printf ("/Bourse/Fuzz/Regressions/refused/%s",
                                                    (char *) g_ptr_array_index (names, i));
      g_test_add_data_func (test_path, g_ptr_array_index (names, i), test_refused);
    }
  g_test_add_func ("/Bourse/Fuzz/Regressions/accepted", test_accepted);
  return g_test_run ();
}
