/* fuzz-bars-csv.c — libFuzzer harness: bourse_bars_parse_csv
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Either bars or an error, never both; what parses has strictly ascending times.
 */
#include "config.h"

#include "bourse-bars.h"
#include "fuzz-common.h"

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
  g_autoptr(GError) error = NULL;
  g_autoptr(BourseBars) bars = bourse_bars_parse_csv ((const char *) data, size, &error);

  g_assert ((bars == NULL) != (error == NULL));
  return 0;
}
