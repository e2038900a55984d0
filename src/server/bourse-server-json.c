/* bourse-server-json.c — compact JSON output with the shortest round-trip numbers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * json-glib 1.6 prints every double with 17 significant digits (1.0946 comes
 * out as 1.0946199999999999, 100 as 100.0). Clients read the same double back,
 * but people, logs and conformance reports read text, so the broker writes
 * with the core library's writer (bourse-json.h), the one the client
 * uses for its own output.
 */
#include "config.h"

#include "bourse-server-json.h"
#include "bourse-json.h"

void
bourse_server_json_append (GString  *out,
                           JsonNode *node)
{
  _bourse_json_append (out, node);
}

char *
bourse_server_json_to_string (JsonNode *node)
{
  GString *out = g_string_sized_new (256);

  _bourse_json_append (out, node);
  return g_string_free (out, FALSE);
}
