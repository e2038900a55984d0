/* test-bars.c — the bar series and its CSV reader
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <glib/gstdio.h>

#include "bourse-bars.h"
#include "bourse-error.h"

static void
test_parse_valid (void)
{
  const char *csv =
    "time,open,high,low,close,volume\n"
    "1577836800,100.0000,100.1000,99.9000,100.0500,5000\n"
    "1577836860,100.0500,100.2000,100.0000,100.1500,7000\r\n"
    "1577836920,100.1500,100.1500,99.5,99.75,1e3\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(BourseBars) bars = bourse_bars_parse_csv (csv, strlen (csv), &error);

  g_assert_no_error (error);
  g_assert_nonnull (bars);
  g_assert_cmpuint (bars->len, ==, 3);
  g_assert_cmpint (bars->time[1], ==, 1577836860);
  g_assert_cmpfloat (bars->open[0], ==, 100.0);
  g_assert_cmpfloat (bars->close[1], ==, 100.15);
  g_assert_cmpfloat (bars->low[2], ==, 99.5);
  g_assert_cmpfloat (bars->volume[2], ==, 1000.0);
}

static void
test_parse_errors (void)
{
  const struct { const char *csv; int code; const char *needle; } cases[] = {
    { "t,o,h,l,c,v\n", BOURSE_DATA_ERROR_PARSE, "header" },
    { "time,open,high,low,close,volume\n1,2,3,4,5\n", BOURSE_DATA_ERROR_PARSE, "line 2" },
    { "time,open,high,low,close,volume\n1,2,3,x,5,6\n", BOURSE_DATA_ERROR_PARSE, "field 4" },
    { "time,open,high,low,close,volume\n2,1,1,1,1,1\n1,1,1,1,1,1\n", BOURSE_DATA_ERROR_ORDER, "line 3" },
    { "time,open,high,low,close,volume\n1,1,1,1,1,1,7\n", BOURSE_DATA_ERROR_PARSE, "after the volume" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(BourseBars) bars = bourse_bars_parse_csv (cases[i].csv, strlen (cases[i].csv), &error);

      g_assert_null (bars);
      g_assert_error (error, BOURSE_DATA_ERROR, cases[i].code);
      g_assert_nonnull (strstr (error->message, cases[i].needle));
    }
}

static void
test_ticks (void)
{
  g_autoptr(BourseBars) bars = bourse_bars_new (0);
  guint64 serial;

  g_assert_true (bourse_bars_apply_tick (bars, 60, 10.0, 1));
  g_assert_true (bourse_bars_apply_tick (bars, 60, 12.0, 2));
  g_assert_true (bourse_bars_apply_tick (bars, 60, 9.0, 3));
  serial = bourse_bars_get_serial (bars);
  g_assert_true (bourse_bars_apply_tick (bars, 120, 9.5, 1));
  g_assert_cmpuint (bourse_bars_get_serial (bars), >, serial);
  /* A late tick for an older bar must not rewrite history. */
  g_assert_false (bourse_bars_apply_tick (bars, 60, 100.0, 1));

  g_assert_cmpuint (bars->len, ==, 2);
  g_assert_cmpfloat (bars->open[0], ==, 10.0);
  g_assert_cmpfloat (bars->high[0], ==, 12.0);
  g_assert_cmpfloat (bars->low[0], ==, 9.0);
  g_assert_cmpfloat (bars->close[0], ==, 9.0);
  g_assert_cmpfloat (bars->volume[0], ==, 6.0);
  g_assert_cmpuint (bourse_bars_lower_bound (bars, 61), ==, 1);
  g_assert_cmpuint (bourse_bars_lower_bound (bars, 500), ==, 2);
}

static void
test_save_roundtrip (void)
{
  g_autoptr(BourseBars) bars = bourse_bars_new (0);
  g_autoptr(BourseBars) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bourse-bars-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "bars.csv", NULL);

  g_assert_no_error (error);
  for (int i = 0; i < 100; i++)
    g_assert_true (bourse_bars_append (bars, 60 * i, 1.0 + i / 3.0, 2.0 + i, 0.5, 1.1, i * 10.0));
  g_assert_true (bourse_bars_save_csv (bars, path, &error));
  g_assert_no_error (error);
  back = bourse_bars_load_csv (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (back->len, ==, 100);
  for (int i = 0; i < 100; i++)
    g_assert_cmpfloat (back->open[i], ==, bars->open[i]);
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/Bourse/Core/Bars/parse-valid", test_parse_valid);
  g_test_add_func ("/Bourse/Core/Bars/parse-errors", test_parse_errors);
  g_test_add_func ("/Bourse/Core/Bars/ticks", test_ticks);
  g_test_add_func ("/Bourse/Core/Bars/save-roundtrip", test_save_roundtrip);
  return g_test_run ();
}
