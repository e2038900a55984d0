/* bourse-json.h — strict json-glib readers that never g_critical and never coerce silently
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * json_object_get_*_member() emits a critical on a missing member and turns a
 * string into 0.0; these helpers instead answer "absent or not that type" so the
 * caller decides. Numbers are accepted as JSON integers or doubles (finite only)
 * and as strings holding a complete '.'-decimal number (a broker quirk that
 * bourse-schema reports in strict mode); ids as strings or integers.
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

JsonNode   *_bourse_json_parse           (const char  *data,
                                          gssize       length,
                                          GError     **error);
const char *_bourse_json_node_type_name  (JsonNode    *node);
gboolean    _bourse_json_prescan         (const char  *data,
                                          gsize        length);

JsonNode   *_bourse_json_get_member      (JsonObject  *object,
                                          const char  *member);
const char *_bourse_json_get_string      (JsonObject  *object,
                                          const char  *member);
gboolean    _bourse_json_get_number      (JsonObject  *object,
                                          const char  *member,
                                          double      *out);
gboolean    _bourse_json_get_int64       (JsonObject  *object,
                                          const char  *member,
                                          gint64      *out);
gboolean    _bourse_json_get_boolean     (JsonObject  *object,
                                          const char  *member,
                                          gboolean    *out);
JsonObject *_bourse_json_get_object      (JsonObject  *object,
                                          const char  *member);
JsonArray  *_bourse_json_get_array       (JsonObject  *object,
                                          const char  *member);
char       *_bourse_json_dup_id          (JsonObject  *object,
                                          const char  *member);

gboolean    _bourse_json_node_get_number (JsonNode    *node,
                                          double      *out);
gboolean    _bourse_json_node_is_number  (JsonNode    *node);
gboolean    _bourse_json_node_is_integer (JsonNode    *node);

/* Adds @value as an integer when it is integral (json-glib would print 100.0). */
void        _bourse_json_builder_add_number (JsonBuilder *builder,
                                             double       value);

/* One object member each: the member name, then the value (a number through
 * _bourse_json_builder_add_number; @node's ownership moves to @builder). */
void        _bourse_json_builder_add_number_member  (JsonBuilder *builder,
                                                     const char  *name,
                                                     double       value);
void        _bourse_json_builder_add_string_member  (JsonBuilder *builder,
                                                     const char  *name,
                                                     const char  *value);
void        _bourse_json_builder_add_int_member     (JsonBuilder *builder,
                                                     const char  *name,
                                                     gint64       value);
void        _bourse_json_builder_add_boolean_member (JsonBuilder *builder,
                                                     const char  *name,
                                                     gboolean     value);
void        _bourse_json_builder_add_value_member   (JsonBuilder *builder,
                                                     const char  *name,
                                                     JsonNode    *node);

void        _bourse_json_append          (GString     *out,
                                          JsonNode    *node);

/* Compact JSON text of @node with numbers in their shortest round-trip form
 * (json-glib prints 0.30000000000000004 and 100.0). */
char       *_bourse_json_to_string       (JsonNode    *node);

/* Shortest '.'-decimal text that reads back as @value, whatever LC_NUMERIC. */
char       *_bourse_format_number        (double       value);

G_END_DECLS
