/* test-drawings.c — drawing geometry, hit testing, JSON and per-symbol persistence
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gstdio.h>

#include "bourse-drawing.h"
#include "bourse-drawing-store.h"

/* 1 px per second from t = 1000, 10 px per price unit, y down from price 200. */
static double
time_to_x (gint64 t, gpointer data)
{
  return (double) (t - 1000);
}

static double
price_to_y (double p, gpointer data)
{
  return (200 - p) * 10;
}

static const BourseDrawingProjection projection = { time_to_x, price_to_y, NULL, 800, 600 };

static void
test_line_values (void)
{
  BourseDrawingPoint pts[] = { { 1000, 100 }, { 1100, 110 } };
  g_autoptr(BourseDrawing) trend = bourse_drawing_new (BOURSE_DRAWING_TREND_LINE, pts);
  g_autoptr(BourseDrawing) ray = bourse_drawing_new (BOURSE_DRAWING_RAY, pts);
  g_autoptr(BourseDrawing) ext = bourse_drawing_new (BOURSE_DRAWING_EXTENDED_LINE, pts);
  g_autoptr(BourseDrawing) hline = bourse_drawing_new (BOURSE_DRAWING_HORIZONTAL_LINE, pts);
  g_autoptr(BourseDrawing) hray = bourse_drawing_new (BOURSE_DRAWING_HORIZONTAL_RAY, pts);
  g_autoptr(BourseDrawing) vline = bourse_drawing_new (BOURSE_DRAWING_VERTICAL_LINE, pts);
  double v;

  g_assert_true (bourse_drawing_value_at (trend, 1050, &v));
  g_assert_cmpfloat (v, ==, 105);
  g_assert_false (bourse_drawing_value_at (trend, 1101, &v));
  g_assert_false (bourse_drawing_value_at (trend, 999, &v));
  g_assert_true (bourse_drawing_value_at (ray, 1300, &v));
  g_assert_cmpfloat (v, ==, 130);
  g_assert_false (bourse_drawing_value_at (ray, 900, &v));
  g_assert_true (bourse_drawing_value_at (ext, 900, &v));
  g_assert_cmpfloat (v, ==, 90);
  g_assert_true (bourse_drawing_value_at (hline, 0, &v));
  g_assert_cmpfloat (v, ==, 100);
  g_assert_false (bourse_drawing_value_at (hray, 999, &v));
  g_assert_true (bourse_drawing_value_at (hray, 5000, &v));
  g_assert_false (bourse_drawing_value_at (vline, 1000, &v));

  g_assert_cmpuint (bourse_drawing_get_n_points (trend), ==, 2);
  g_assert_cmpuint (bourse_drawing_get_n_points (hline), ==, 1);
  g_assert_cmpuint (bourse_drawing_kind_get_n_points (BOURSE_DRAWING_PARALLEL_CHANNEL), ==, 3);
}

static void
test_channels_fib_positions (void)
{
  BourseDrawingPoint ch[] = { { 1000, 100 }, { 1100, 110 }, { 1050, 95 } };
  BourseDrawingPoint rect[] = { { 1100, 90 }, { 1000, 120 } };
  BourseDrawingPoint fib[] = { { 1000, 100 }, { 1100, 200 } };
  BourseDrawingPoint lng[] = { { 1000, 100 }, { 1100, 112 }, { 1000, 96 } };
  BourseDrawingPoint sht[] = { { 1000, 100 }, { 1100, 91 }, { 1000, 103 } };
  g_autoptr(BourseDrawing) channel = bourse_drawing_new (BOURSE_DRAWING_PARALLEL_CHANNEL, ch);
  g_autoptr(BourseDrawing) rectangle = bourse_drawing_new (BOURSE_DRAWING_RECTANGLE, rect);
  g_autoptr(BourseDrawing) retracement = bourse_drawing_new (BOURSE_DRAWING_FIB_RETRACEMENT, fib);
  g_autoptr(BourseDrawing) long_pos = bourse_drawing_new (BOURSE_DRAWING_LONG_POSITION, lng);
  g_autoptr(BourseDrawing) short_pos = bourse_drawing_new (BOURSE_DRAWING_SHORT_POSITION, sht);
  double up, lo, risk, reward, ratio;

  /* Base at t=1050 is 105, the parallel passes 10 below. */
  g_assert_true (bourse_drawing_channel_at (channel, 1050, &up, &lo));
  g_assert_cmpfloat (up, ==, 105);
  g_assert_cmpfloat (lo, ==, 95);
  g_assert_true (bourse_drawing_channel_at (channel, 1100, &up, &lo));
  g_assert_cmpfloat (up, ==, 110);
  g_assert_cmpfloat (lo, ==, 100);
  g_assert_false (bourse_drawing_channel_at (channel, 1200, &up, &lo));
  g_assert_true (bourse_drawing_channel_at (rectangle, 1000, &up, &lo));
  g_assert_cmpfloat (up, ==, 120);
  g_assert_cmpfloat (lo, ==, 90);

  g_assert_cmpfloat (bourse_drawing_get_fib_price (retracement, 0), ==, 200);
  g_assert_cmpfloat (bourse_drawing_get_fib_price (retracement, 1), ==, 100);
  g_assert_cmpfloat_with_epsilon (bourse_drawing_get_fib_price (retracement, 0.618), 138.2, 1e-9);

  g_assert_true (bourse_drawing_get_risk_reward (long_pos, &risk, &reward, &ratio));
  g_assert_cmpfloat (risk, ==, 4);
  g_assert_cmpfloat (reward, ==, 12);
  g_assert_cmpfloat (ratio, ==, 3);
  g_assert_true (bourse_drawing_get_risk_reward (short_pos, &risk, &reward, &ratio));
  g_assert_cmpfloat (risk, ==, 3);
  g_assert_cmpfloat (reward, ==, 9);
  g_assert_cmpfloat (ratio, ==, 3);
  g_assert_false (bourse_drawing_get_risk_reward (channel, &risk, &reward, &ratio));
}

static void
test_hit_testing (void)
{
  BourseDrawingPoint seg[] = { { 1000, 200 }, { 1100, 190 } };    /* (0,0) → (100,100) */
  BourseDrawingPoint box[] = { { 1100, 190 }, { 1200, 180 } };    /* (100,100)-(200,200) */
  g_autoptr(BourseDrawing) trend = bourse_drawing_new (BOURSE_DRAWING_TREND_LINE, seg);
  g_autoptr(BourseDrawing) ext = bourse_drawing_new (BOURSE_DRAWING_EXTENDED_LINE, seg);
  g_autoptr(BourseDrawing) rect = bourse_drawing_new (BOURSE_DRAWING_RECTANGLE, box);
  g_autoptr(BourseDrawing) hline = bourse_drawing_new (BOURSE_DRAWING_HORIZONTAL_LINE, box);

  g_assert_cmpfloat_with_epsilon (bourse_drawing_hit_distance (trend, &projection, 50, 50), 0, 1e-9);
  g_assert_cmpfloat_with_epsilon (bourse_drawing_hit_distance (trend, &projection, 100, 0), sqrt (5000), 1e-9);
  /* Beyond the end: distance to the end point for a segment, 0 for the infinite line. */
  g_assert_cmpfloat_with_epsilon (bourse_drawing_hit_distance (trend, &projection, 200, 200), sqrt (20000), 1e-9);
  g_assert_cmpfloat_with_epsilon (bourse_drawing_hit_distance (ext, &projection, 200, 200), 0, 1e-9);
  g_assert_cmpfloat (bourse_drawing_hit_distance (rect, &projection, 150, 150), ==, 0);
  g_assert_cmpfloat (bourse_drawing_hit_distance (rect, &projection, 150, 95), ==, 5);
  g_assert_cmpfloat (bourse_drawing_hit_distance (hline, &projection, 700, 103), ==, 3);

  g_assert_cmpint (bourse_drawing_hit_handle (trend, &projection, 98, 101, 6), ==, 1);
  g_assert_cmpint (bourse_drawing_hit_handle (trend, &projection, 3, 2, 6), ==, 0);
  g_assert_cmpint (bourse_drawing_hit_handle (trend, &projection, 50, 50, 6), ==, -1);
}

static guint changed_count;

static void
changed_cb (BourseDrawing *drawing)
{
  changed_count++;
}

static void
count_changed_cb (guint *count)
{
  (*count)++;
}

static void
test_editing_signals (void)
{
  BourseDrawingPoint pts[] = { { 1000, 100 }, { 1100, 110 } };
  g_autoptr(BourseDrawing) d = bourse_drawing_new (BOURSE_DRAWING_TREND_LINE, pts);
  BourseDrawingPoint moved = { 1200, 120 };

  changed_count = 0;
  g_signal_connect (d, "changed", G_CALLBACK (changed_cb), NULL);
  bourse_drawing_set_point (d, 1, moved);
  bourse_drawing_set_point (d, 1, moved);            /* no change: no signal */
  bourse_drawing_translate (d, 60, -5);
  bourse_drawing_set_color (d, 0xff0000ff);
  bourse_drawing_set_color (d, 0xff0000ff);
  bourse_drawing_set_text (d, "breakout");
  bourse_drawing_set_line_style (d, BOURSE_LINE_STYLE_DASHED);
  g_assert_cmpuint (changed_count, ==, 5);
  g_assert_cmpint (bourse_drawing_get_point (d, 0).time, ==, 1060);
  g_assert_cmpfloat (bourse_drawing_get_point (d, 1).price, ==, 115);
}

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (bourse_drawing_store_save_finish (BOURSE_DRAWING_STORE (object), result, &error));
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

static void
test_store_round_trip (void)
{
  g_autofree char *dir = g_dir_make_tmp ("bourse-drawings-XXXXXX", NULL);
  g_autofree char *subdir = g_build_filename (dir, "drawings", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (subdir);
  g_autoptr(BourseDrawingStore) store = bourse_drawing_store_new (folder);
  g_autoptr(GListStore) list = g_list_store_new (BOURSE_TYPE_DRAWING);
  g_autoptr(GListStore) loaded = NULL;
  g_autoptr(GListStore) empty = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *base = NULL;

  for (guint k = 0; k < BOURSE_DRAWING_N_KINDS; k++)
    {
      BourseDrawingPoint pts[] = { { 1000 + k, 100.25 + k }, { 2000, 90.5 }, { 1500, 95.125 } };
      g_autoptr(BourseDrawing) d = bourse_drawing_new (k, pts);

      bourse_drawing_set_color (d, 0x10203040 + k);
      bourse_drawing_set_line_width (d, 1 + k % 3);
      bourse_drawing_set_line_style (d, k % 3);
      if (k == BOURSE_DRAWING_TEXT_NOTE)
        bourse_drawing_set_text (d, "Ünïcode \"quoted\" note");
      bourse_drawing_set_locked (d, k % 2);
      bourse_drawing_set_hidden (d, k % 3 == 1);
      bourse_drawing_set_fill_color (d, 0xa0b0c000 + k);
      g_list_store_append (list, d);
    }

  /* Missing file: an empty list, not an error. */
  empty = bourse_drawing_store_load (store, "NASDAQ:AAPL", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (empty)), ==, 0);

  g_assert_true (bourse_drawing_store_save (store, "NASDAQ:AAPL", G_LIST_MODEL (list), &error));
  g_assert_no_error (error);
  file = bourse_drawing_store_get_file (store, "NASDAQ:AAPL");
  base = g_file_get_basename (file);
  g_assert_cmpstr (base, ==, "NASDAQ%3AAAPL.json");
  g_assert_true (g_file_query_exists (file, NULL));

  /* A "restart": a new store on the same folder. */
  g_clear_object (&store);
  store = bourse_drawing_store_new (folder);
  loaded = bourse_drawing_store_load (store, "NASDAQ:AAPL", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (loaded)), ==, BOURSE_DRAWING_N_KINDS);
  for (guint k = 0; k < BOURSE_DRAWING_N_KINDS; k++)
    {
      g_autoptr(BourseDrawing) a = g_list_model_get_item (G_LIST_MODEL (list), k);
      g_autoptr(BourseDrawing) b = g_list_model_get_item (G_LIST_MODEL (loaded), k);
      g_autoptr(JsonNode) ja = bourse_drawing_to_json (a);
      g_autoptr(JsonNode) jb = bourse_drawing_to_json (b);
      g_autofree char *sa = json_to_string (ja, FALSE);
      g_autofree char *sb = json_to_string (jb, FALSE);

      g_assert_cmpstr (sa, ==, sb);
      g_assert_cmpstr (bourse_drawing_get_id (a), ==, bourse_drawing_get_id (b));
    }

  /* Other symbols are separate; tricky symbols stay inside the folder. */
  {
    g_autoptr(GFile) tricky = bourse_drawing_store_get_file (store, "../etc/passwd");
    g_autoptr(GFile) dots = bourse_drawing_store_get_file (store, "..");
    g_autoptr(GFile) parent = g_file_get_parent (tricky);
    g_autoptr(GFile) parent2 = g_file_get_parent (dots);
    g_autoptr(GListStore) other = bourse_drawing_store_load (store, "BTCUSD", &error);

    g_assert_true (g_file_equal (parent, folder));
    g_assert_true (g_file_equal (parent2, folder));
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (other)), ==, 0);
  }
  g_assert_null (bourse_drawing_store_load (store, "", &error));
  g_assert_error (error, BOURSE_DRAWING_ERROR, BOURSE_DRAWING_ERROR_INVALID);
  g_clear_error (&error);

  /* Damaged files are errors (and are not overwritten by loading). */
  {
    g_autofree char *path = g_file_get_path (file);
    const char *bad[] = {
      "not json",
      "{\"drawings\": 3}",
      "{\"drawings\": [{\"id\": \"x\", \"kind\": \"trend-line\", \"points\": [{\"time\": 1, \"price\": 2}]}]}",
      "{\"drawings\": [{\"id\": \"x\", \"kind\": \"spiral\", \"points\": []}]}",
      "{\"drawings\": [{\"id\": \"x\", \"kind\": \"horizontal-line\", \"points\": [{\"time\": 1, \"price\": \"2\"}]}]}",
      "{\"drawings\": [{\"id\": \"x\", \"kind\": \"horizontal-line\", \"points\": [{\"time\": 1, \"price\": 2}], \"color\": \"red\"}]}",
    };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autoptr(GListStore) none = NULL;

        g_assert_true (g_file_set_contents (path, bad[i], -1, NULL));
        none = bourse_drawing_store_load (store, "NASDAQ:AAPL", &error);
        g_assert_null (none);
        g_assert_error (error, BOURSE_DRAWING_ERROR, BOURSE_DRAWING_ERROR_INVALID);
        g_clear_error (&error);
      }
    g_remove (path);
  }

  /* The asynchronous save writes the same thing. */
  {
    g_autoptr(GListStore) again = NULL;
    g_autoptr(GFile) f = bourse_drawing_store_get_file (store, "EURUSD");
    g_autofree char *p = g_file_get_path (f);
    gboolean done = FALSE;

    bourse_drawing_store_save_async (store, "EURUSD", G_LIST_MODEL (list), NULL, saved_cb, &done);
    while (!done)
      g_main_context_iteration (NULL, TRUE);
    again = bourse_drawing_store_load (store, "EURUSD", &error);
    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (again)), ==, BOURSE_DRAWING_N_KINDS);
    g_remove (p);
  }
  g_rmdir (subdir);
  g_rmdir (dir);
}

/* Style, hide, fill and clone: what the style editor and the context menu change. */
static void
test_style_hide_fill_clone (void)
{
  BourseDrawingPoint pts[] = { { 1000, 10 }, { 2000, 20 } };
  g_autoptr(BourseDrawing) d = bourse_drawing_new (BOURSE_DRAWING_RECTANGLE, pts);
  g_autoptr(BourseDrawing) copy = NULL;
  g_autoptr(BourseDrawing) old = NULL;
  g_autoptr(BourseDrawing) back = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) old_node = NULL;
  g_autoptr(GError) error = NULL;
  guint count = 0;

  g_signal_connect_swapped (d, "changed", G_CALLBACK (count_changed_cb), &count);
  /* The default fill is the line colour at the opacity area kinds always had. */
  g_assert_cmphex (bourse_drawing_get_fill_color (d), ==, 0x2962ff26);
  g_assert_false (bourse_drawing_get_hidden (d));
  bourse_drawing_set_hidden (d, TRUE);
  bourse_drawing_set_hidden (d, TRUE);
  bourse_drawing_set_fill_color (d, 0x11223344);
  g_assert_cmpuint (count, ==, 2);
  g_assert_true (bourse_drawing_get_hidden (d));
  g_assert_true (bourse_drawing_kind_has_fill (BOURSE_DRAWING_RECTANGLE));
  g_assert_false (bourse_drawing_kind_has_fill (BOURSE_DRAWING_TREND_LINE));
  g_assert_cmpstr (bourse_drawing_kind_get_title (BOURSE_DRAWING_TREND_LINE), ==, "Trend Line");

  node = bourse_drawing_to_json (d);
  back = bourse_drawing_new_from_json (node, &error);
  g_assert_no_error (error);
  g_assert_true (bourse_drawing_get_hidden (back));
  g_assert_cmphex (bourse_drawing_get_fill_color (back), ==, 0x11223344);

  /* A file written before fills and hiding existed still loads. */
  old_node = json_from_string ("{\"id\": \"a\", \"kind\": \"rectangle\", \"points\": "
                               "[{\"time\": 1, \"price\": 2}, {\"time\": 3, \"price\": 4}], "
                               "\"color\": \"#ff000080\", \"locked\": true}", &error);
  g_assert_no_error (error);
  old = bourse_drawing_new_from_json (old_node, &error);
  g_assert_no_error (error);
  g_assert_false (bourse_drawing_get_hidden (old));
  g_assert_true (bourse_drawing_get_locked (old));
  g_assert_cmphex (bourse_drawing_get_fill_color (old), ==, 0xff000026);

  /* A clone: same style, a new id, moved, editable. */
  bourse_drawing_set_locked (d, TRUE);
  bourse_drawing_set_line_style (d, BOURSE_LINE_STYLE_DOTTED);
  copy = bourse_drawing_clone (d, 60, -1.5);
  g_assert_cmpstr (bourse_drawing_get_id (copy), !=, bourse_drawing_get_id (d));
  g_assert_cmpint (bourse_drawing_get_point (copy, 0).time, ==, 1060);
  g_assert_cmpfloat (bourse_drawing_get_point (copy, 1).price, ==, 18.5);
  g_assert_cmpuint (bourse_drawing_get_line_style (copy), ==, BOURSE_LINE_STYLE_DOTTED);
  g_assert_cmphex (bourse_drawing_get_fill_color (copy), ==, 0x11223344);
  g_assert_false (bourse_drawing_get_locked (copy));
}

/* Reloads @symbol until @check accepts it (bounded: 5 s). */
static GListStore *
reload_until (GFile       *folder,
              const char  *symbol,
              gboolean   (*check) (GListModel *model))
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  for (;;)
    {
      g_autoptr(BourseDrawingStore) reader = bourse_drawing_store_new (folder);
      GListStore *list;

      while (g_main_context_iteration (NULL, FALSE))
        ;
      list = bourse_drawing_store_load (reader, symbol, NULL);
      if (list != NULL && check (G_LIST_MODEL (list)))
        return list;
      g_clear_object (&list);
      if (g_get_monotonic_time () > deadline)
        g_error ("autosave did not happen");
      g_usleep (5000);
    }
}

static gboolean
has_two (GListModel *model)
{
  return g_list_model_get_n_items (model) == 2;
}

static gboolean
first_moved (GListModel *model)
{
  g_autoptr(BourseDrawing) d = g_list_model_get_n_items (model) ? g_list_model_get_item (model, 0) : NULL;
  return d != NULL && bourse_drawing_get_point (d, 0).price == 150;
}

static gboolean
has_one (GListModel *model)
{
  return g_list_model_get_n_items (model) == 1;
}

static void
test_store_autosave (void)
{
  g_autofree char *dir = g_dir_make_tmp ("bourse-autosave-XXXXXX", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autoptr(BourseDrawingStore) store = bourse_drawing_store_new (folder);
  g_autoptr(GListStore) list = g_list_store_new (BOURSE_TYPE_DRAWING);
  BourseDrawingPoint pt[] = { { 1000, 100 } };
  g_autoptr(BourseDrawing) a = bourse_drawing_new (BOURSE_DRAWING_HORIZONTAL_LINE, pt);
  g_autoptr(BourseDrawing) b = bourse_drawing_new (BOURSE_DRAWING_VERTICAL_LINE, pt);
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  g_list_store_append (list, a);
  bourse_drawing_store_autosave (store, "XAUUSD", list);

  /* Added, moved, removed: each reaches the file without an explicit save. */
  g_list_store_append (list, b);
  g_clear_object (&list);   /* the autosave keeps it alive */
  {
    g_autoptr(GListStore) seen = reload_until (folder, "XAUUSD", has_two);
    g_autoptr(BourseDrawing) first = g_list_model_get_item (G_LIST_MODEL (seen), 0);
    g_autoptr(BourseDrawing) second = g_list_model_get_item (G_LIST_MODEL (seen), 1);

    g_assert_cmpint (bourse_drawing_get_kind (first), ==, BOURSE_DRAWING_HORIZONTAL_LINE);
    g_assert_cmpint (bourse_drawing_get_kind (second), ==, BOURSE_DRAWING_VERTICAL_LINE);
  }
  bourse_drawing_translate (a, 0, 50);
  {
    g_autoptr(GListStore) seen = reload_until (folder, "XAUUSD", first_moved);
    g_autoptr(BourseDrawing) second = g_list_model_get_item (G_LIST_MODEL (seen), 1);

    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (seen)), ==, 2);
    g_assert_cmpfloat (bourse_drawing_get_point (second, 0).price, ==, 100);
  }
  {
    /* A fresh autosave of the same symbol replaces the old one. */
    g_autoptr(GListStore) again = g_list_store_new (BOURSE_TYPE_DRAWING);
    g_list_store_append (again, a);
    bourse_drawing_store_autosave (store, "XAUUSD", again);
    /* Starting writes nothing: the file still holds the old list's two drawings
     * (a write of the old list still under way writes those two as well). */
    while (g_main_context_iteration (NULL, FALSE))
      ;
    {
      g_autoptr(BourseDrawingStore) reader = bourse_drawing_store_new (folder);
      g_autoptr(GListStore) now = bourse_drawing_store_load (reader, "XAUUSD", NULL);

      g_assert_nonnull (now);
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (now)), ==, 2);
    }
    /* Its first change writes the new list. */
    bourse_drawing_set_line_width (a, 3);
    {
      g_autoptr(GListStore) seen = reload_until (folder, "XAUUSD", has_one);
      g_autoptr(BourseDrawing) only = g_list_model_get_item (G_LIST_MODEL (seen), 0);

      g_assert_cmpint (bourse_drawing_get_kind (only), ==, BOURSE_DRAWING_HORIZONTAL_LINE);
      g_assert_cmpfloat (bourse_drawing_get_line_width (only), ==, 3);
    }
    /* A drawing no longer in any watched list changing is harmless: the old
     * autosave no longer listens (a write by it would warn or, under ASan, touch
     * freed memory), and the file keeps the new list. */
    bourse_drawing_translate (b, 0, 1);
    while (g_main_context_iteration (NULL, FALSE))
      ;
    {
      g_autoptr(GListStore) seen = reload_until (folder, "XAUUSD", has_one);
      g_autoptr(BourseDrawing) only = g_list_model_get_item (G_LIST_MODEL (seen), 0);

      g_assert_cmpint (bourse_drawing_get_kind (only), ==, BOURSE_DRAWING_HORIZONTAL_LINE);
    }
    /* A change is saved later, in an idle, not at once; this one is still pending
     * when the store goes away below, which writes it. */
    bourse_drawing_set_text (a, "flushed");
    {
      g_autoptr(BourseDrawingStore) reader = bourse_drawing_store_new (folder);
      g_autoptr(GListStore) now = bourse_drawing_store_load (reader, "XAUUSD", NULL);
      g_autoptr(BourseDrawing) only = g_list_model_get_item (G_LIST_MODEL (now), 0);

      g_assert_cmpstr (bourse_drawing_get_text (only), !=, "flushed");
    }
  }
  {
    /* In-flight writes hold the store; it flushes when the last one is done. */
    gpointer weak = store;
    gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

    g_object_add_weak_pointer (G_OBJECT (store), &weak);
    g_clear_object (&store);
    while (weak != NULL && g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, FALSE);
    g_assert_null (weak);
  }
  {
    g_autoptr(BourseDrawingStore) reader = bourse_drawing_store_new (folder);
    g_autoptr(GListStore) seen = bourse_drawing_store_load (reader, "XAUUSD", NULL);
    g_autoptr(BourseDrawing) d = g_list_model_get_item (G_LIST_MODEL (seen), 0);

    g_assert_cmpstr (bourse_drawing_get_text (d), ==, "flushed");
    file = bourse_drawing_store_get_file (reader, "XAUUSD");
  }
  while (g_main_context_iteration (NULL, FALSE))
    ;
  path = g_file_get_path (file);
  g_remove (path);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Bourse/Studies/Drawing/line-values", test_line_values);
  g_test_add_func ("/Bourse/Studies/Drawing/channels-fib-positions", test_channels_fib_positions);
  g_test_add_func ("/Bourse/Studies/Drawing/hit-testing", test_hit_testing);
  g_test_add_func ("/Bourse/Studies/Drawing/editing-signals", test_editing_signals);
  g_test_add_func ("/Bourse/Studies/Drawing/store-round-trip", test_store_round_trip);
  g_test_add_func ("/Bourse/Studies/Drawing/style-hide-fill-clone", test_style_hide_fill_clone);
  g_test_add_func ("/Bourse/Studies/Drawing/store-autosave", test_store_autosave);

  return g_test_run ();
}
