/* test-resolution.c — intervals as traders type them, turned into Broker API resolutions
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "bourse-resolution.h"

static void
test_parse_user (void)
{
  static const struct { const char *typed; const char *api; } cases[] = {
    { "4h", "240" }, { "1h", "60" }, { "2H", "120" }, { "15m", "15" }, { "7", "7" }, { "240", "240" },
    { "1D", "1D" }, { "d", "1D" }, { "D", "1D" }, { "2d", "2D" }, { "2W", "2W" }, { "w", "1W" },
    { "h", "60" }, { "1M", "1M" }, { "M", "1M" }, { "3M", "3M" }, { "30s", "30S" }, { "1S", "1S" }, { " 4h ", "240" }, { "4 h", "240" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *api = bourse_resolution_parse_user (cases[i].typed, &error);
      BourseResolution resolution;

      g_assert_no_error (error);
      g_assert_cmpstr (api, ==, cases[i].api);
      /* what comes out is a resolution the rest of Bourse accepts */
      g_assert_true (bourse_resolution_parse (api, &resolution, NULL));
    }
}

static void
test_parse_user_invalid (void)
{
  static const char * const bad[] = { "", "x", "4x", "4hh", "0", "0h", "-5", "1.5h", "2000h", "999999", "EURUSD" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *api = bourse_resolution_parse_user (bad[i], &error);

      g_test_message ("%s", bad[i]);
      g_assert_null (api);
      g_assert_error (error, BOURSE_RESOLUTION_ERROR, BOURSE_RESOLUTION_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "not an interval"));
    }
  g_assert_null (bourse_resolution_parse_user (NULL, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/Bourse/Studies/Resolution/parse-user", test_parse_user);
  g_test_add_func ("/Bourse/Studies/Resolution/parse-user-invalid", test_parse_user_invalid);
  return g_test_run ();
}
