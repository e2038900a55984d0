/* bourse-json.c — strict json-glib readers that never g_critical and never coerce silently
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "bourse-broker-error.h"
#include "bourse-json.h"

/* Four hex digits at @p (within @end): their value, or -1. */
static gint
hex4 (const char *p,
      const char *end)
{
  gint v = 0;

  if (end - p < 4)
    return -1;
  for (guint k = 0; k < 4; k++)
    {
      gint d = g_ascii_xdigit_value (p[k]);
      if (d < 0)
        return -1;
      v = v * 16 + d;
    }
  return v;
}

/**
 * _bourse_json_prescan:
 *
 * Refuses two kinds of input on which json-glib 1.6 leaks memory, so that a
 * broker cannot grow ours with every answer or stream line (both found by
 * tests/fuzz):
 *  - a second top-level value after the first ("1{…}", "\"a\"[…]"), which it
 *    accepts, keeping one value and leaking the other's nodes;
 *  - a \\u escape without four hex digits ("\\ud80 "), a high surrogate
 *    not followed by a low one ("\\ud800\\u0041"), or a low surrogate alone
 *    ("\\udc80"), which it refuses, leaking the string it was building.
 * How: it follows strings (and their escapes) and bracket depth only; json-glib
 * still does the real parsing, so input it refuses anyway may pass here.
 */
gboolean
_bourse_json_prescan (const char *data,
                      gsize       length)
{
  const char *p = data;
  const char *end = data + length;
  gint depth = 0;
  gboolean done = FALSE;

  while (p < end)
    {
      char c = *p;

      if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
        {
          p++;
          continue;
        }
      if (done)
        return FALSE;
      if (c == '"')
        {
          for (p++; p < end && *p != '"'; p++)
            {
              gint u;

              if (*p != '\\')
                continue;
              if (++p == end || *p != 'u')
                continue;
              if ((u = hex4 (p + 1, end)) < 0)
                return FALSE;
              if (u >= 0xDC00 && u <= 0xDFFF)
                return FALSE;   /* a low surrogate with no high one before it */
              if (u >= 0xD800 && u <= 0xDBFF)
                {
                  gint low = end - p >= 11 && p[5] == '\\' && p[6] == 'u' ? hex4 (p + 7, end) : -1;
                  if (low < 0xDC00 || low > 0xDFFF)
                    return FALSE;
                  p += 6;
                }
            }
          p++;
          done = depth == 0;
          continue;
        }
      if (c == '{' || c == '[')
        depth++;
      else if (c == '}' || c == ']')
        {
          if (--depth <= 0)
            done = TRUE;
        }
      else if (depth == 0)
        {
          /* a bare scalar: 12, -1.5e3, true, null */
          while (p < end && strchr (" \t\n\r{}[]\",:", *p) == NULL)
            p++;
          done = TRUE;
          continue;
        }
      p++;
    }
  return TRUE;
}

/**
 * _bourse_json_parse:
 *
 * Parses one JSON document. Empty input (which json-glib accepts with a NULL
 * root) is an error here.
 *
 * Returns: (transfer full): the root node, or %NULL with a PROTOCOL error
 */
JsonNode *
_bourse_json_parse (const char  *data,
                    gssize       length,
                    GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;

  if (data == NULL)
    data = "";
  if (!_bourse_json_prescan (data, length >= 0 ? (gsize) length : strlen (data)))
    {
      g_set_error_literal (error, BOURSE_BROKER_ERROR, BOURSE_BROKER_ERROR_PROTOCOL,
                           "not JSON: more than one value, or a broken \\u escape");
      return NULL;
    }
  if (!json_parser_load_from_data (parser, data, length, &local_error))
    {
      g_set_error (error, BOURSE_BROKER_ERROR, BOURSE_BROKER_ERROR_PROTOCOL,
                   "not JSON: %s", local_error->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      g_set_error_literal (error, BOURSE_BROKER_ERROR, BOURSE_BROKER_ERROR_PROTOCOL,
                           "not JSON: empty body");
      return NULL;
    }
  return json_node_ref (root);
}

const char *
_bourse_json_node_type_name (JsonNode *node)
{
  if (node == NULL)
    return "nothing";
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT: return "an object";
    case JSON_NODE_ARRAY: return "an array";
    case JSON_NODE_NULL: return "null";
    case JSON_NODE_VALUE:
      {
        GType type = json_node_get_value_type (node);
        if (type == G_TYPE_STRING)
          return "a string";
        if (type == G_TYPE_BOOLEAN)
          return "a boolean";
        if (type == G_TYPE_INT64)
          return "an integer";
        return "a number";
      }
    default:
      return "something else";
    }
}

JsonNode *
_bourse_json_get_member (JsonObject *object,
                         const char *member)
{
  if (object == NULL)
    return NULL;
  return json_object_get_member (object, member);
}

const char *
_bourse_json_get_string (JsonObject *object,
                         const char *member)
{
  JsonNode *node = _bourse_json_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

gboolean
_bourse_json_node_is_integer (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_INT64;
}

gboolean
_bourse_json_node_is_number (JsonNode *node)
{
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    return TRUE;
  /* json-glib turns 1e400 into inf: that is not a number we can trade on. */
  return type == G_TYPE_DOUBLE && isfinite (json_node_get_double (node));
}

gboolean
_bourse_json_node_get_number (JsonNode *node,
                              double   *out)
{
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    {
      *out = (double) json_node_get_int (node);
      return TRUE;
    }
  if (type == G_TYPE_DOUBLE)
    {
      double v = json_node_get_double (node);
      if (!isfinite (v))
        return FALSE;
      *out = v;
      return TRUE;
    }
  if (type == G_TYPE_STRING)
    {
      const char *str = json_node_get_string (node);
      char *end = NULL;
      double v;

      if (str == NULL || *str == '\0' || g_ascii_isspace (*str))
        return FALSE;
      v = g_ascii_strtod (str, &end);
      if (end == NULL || *end != '\0' || !isfinite (v))
        return FALSE;
      *out = v;
      return TRUE;
    }
  return FALSE;
}

gboolean
_bourse_json_get_number (JsonObject *object,
                         const char *member,
                         double     *out)
{
  return _bourse_json_node_get_number (_bourse_json_get_member (object, member), out);
}

gboolean
_bourse_json_get_int64 (JsonObject *object,
                        const char *member,
                        gint64     *out)
{
  JsonNode *node = _bourse_json_get_member (object, member);
  double v;

  if (_bourse_json_node_is_integer (node))
    {
      *out = json_node_get_int (node);
      return TRUE;
    }
  /* 1732500000.0 is an integer written by a JSON encoder that knows only doubles. */
  if (_bourse_json_node_get_number (node, &v) && v == floor (v) && fabs (v) < 9.0e15)
    {
      *out = (gint64) v;
      return TRUE;
    }
  return FALSE;
}

gboolean
_bourse_json_get_boolean (JsonObject *object,
                          const char *member,
                          gboolean   *out)
{
  JsonNode *node = _bourse_json_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return FALSE;
  *out = json_node_get_boolean (node);
  return TRUE;
}

JsonObject *
_bourse_json_get_object (JsonObject *object,
                         const char *member)
{
  JsonNode *node = _bourse_json_get_member (object, member);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

JsonArray *
_bourse_json_get_array (JsonObject *object,
                        const char *member)
{
  JsonNode *node = _bourse_json_get_member (object, member);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

char *
_bourse_json_dup_id (JsonObject *object,
                     const char *member)
{
  JsonNode *node = _bourse_json_get_member (object, member);
  const char *str = _bourse_json_get_string (object, member);

  if (str != NULL)
    return g_strdup (str);
  if (_bourse_json_node_is_integer (node))
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  return NULL;
}

char *
_bourse_format_number (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (value))
    return g_strdup ("0");
  if (value == floor (value) && fabs (value) < 1e15)
    return g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) value);
  /* 15 significant digits round-trip every price a broker quotes; take 16 or
   * 17 only when fewer would not read back as the same double. */
  for (int precision = 15; precision <= 17; precision++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", precision);
      g_ascii_formatd (buf, sizeof buf, format, value);
      if (precision == 17 || g_ascii_strtod (buf, NULL) == value)
        break;
    }
  return g_strdup (buf);
}

void
_bourse_json_builder_add_number (JsonBuilder *builder,
                                 double       value)
{
  if (value == floor (value) && fabs (value) < 1e15)
    json_builder_add_int_value (builder, (gint64) value);
  else
    json_builder_add_double_value (builder, isfinite (value) ? value : 0.0);
}

void
_bourse_json_builder_add_number_member (JsonBuilder *builder,
                                        const char  *name,
                                        double       value)
{
  json_builder_set_member_name (builder, name);
  _bourse_json_builder_add_number (builder, value);
}

void
_bourse_json_builder_add_string_member (JsonBuilder *builder,
                                        const char  *name,
                                        const char  *value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

void
_bourse_json_builder_add_int_member (JsonBuilder *builder,
                                     const char  *name,
                                     gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

void
_bourse_json_builder_add_boolean_member (JsonBuilder *builder,
                                         const char  *name,
                                         gboolean     value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_boolean_value (builder, value);
}

void
_bourse_json_builder_add_value_member (JsonBuilder *builder,
                                       const char  *name,
                                       JsonNode    *node)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_value (builder, node);
}

static void
append_json_string (GString    *out,
                    const char *str)
{
  g_autofree char *valid = NULL;

  /* Text echoed from elsewhere (a client's unknown symbol in an errmsg) may be any bytes. */
  if (!g_utf8_validate (str, -1, NULL))
    str = valid = g_utf8_make_valid (str, -1);

  g_string_append_c (out, '"');
  for (const char *p = str; *p != '\0'; p++)
    {
      guchar ch = (guchar) *p;
      switch (ch)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          if (ch < 0x20)
            g_string_append_printf (out, "\\u%04x", ch);
          else
            g_string_append_c (out, (char) ch);
        }
    }
  g_string_append_c (out, '"');
}

/**
 * _bourse_json_append:
 *
 * Appends @node as compact JSON: members in insertion order, numbers in their
 * shortest round-trip form, integral doubles without a fraction, and `null`
 * for a non-finite double (JSON has no NaN; json-glib turns 1e400 into inf).
 */
void
_bourse_json_append (GString  *out,
                     JsonNode *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);
        /* json_object_get_members() keeps the members in insertion order. */
        g_autoptr(GList) names = json_object_get_members (object);

        g_string_append_c (out, '{');
        for (GList *l = names; l != NULL; l = l->next)
          {
            if (l != names)
              g_string_append_c (out, ',');
            append_json_string (out, l->data);
            g_string_append_c (out, ':');
            _bourse_json_append (out, json_object_get_member (object, l->data));
          }
        g_string_append_c (out, '}');
        break;
      }
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        g_string_append_c (out, '[');
        for (guint i = 0; i < json_array_get_length (array); i++)
          {
            if (i > 0)
              g_string_append_c (out, ',');
            _bourse_json_append (out, json_array_get_element (array, i));
          }
        g_string_append_c (out, ']');
        break;
      }
    case JSON_NODE_NULL:
      g_string_append (out, "null");
      break;
    case JSON_NODE_VALUE:
    default:
      {
        GType type = json_node_get_value_type (node);

        if (type == G_TYPE_STRING)
          append_json_string (out, json_node_get_string (node));
        else if (type == G_TYPE_BOOLEAN)
          g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
        else if (type == G_TYPE_INT64)
          g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
        else if (!isfinite (json_node_get_double (node)))
          g_string_append (out, "null");
        else
          {
            g_autofree char *num = _bourse_format_number (json_node_get_double (node));
            g_string_append (out, num);
          }
        break;
      }
    }
}

char *
_bourse_json_to_string (JsonNode *node)
{
  GString *out = g_string_new (NULL);

  if (node == NULL)
    g_string_append (out, "null");
  else
    _bourse_json_append (out, node);
  return g_string_free (out, FALSE);
}
