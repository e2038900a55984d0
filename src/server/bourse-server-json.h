/* bourse-server-json.h — compact JSON output with the shortest round-trip numbers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

char *bourse_server_json_to_string (JsonNode *node);
void  bourse_server_json_append    (GString  *out,
                                    JsonNode *node);

G_END_DECLS
