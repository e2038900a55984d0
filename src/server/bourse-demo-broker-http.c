/* bourse-demo-broker-http.c — the demo broker's HTTP plumbing: CORS, {s: ok|error} bodies,
 * numbers as text, query parameters
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The bottom of the broker's files: used by the routes and the streams, it
 * calls none of them.
 */

#include "config.h"

#include "bourse-demo-broker-private.h"
#include "bourse-server-error.h"
#include "bourse-server-json.h"

#include <math.h>
#include <string.h>

void
_bourse_demo_broker_add_cors (SoupServerMessage *msg)
{
  SoupMessageHeaders *request = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *response = soup_server_message_get_response_headers (msg);
  const char *origin = soup_message_headers_get_one (request, "Origin");

  soup_message_headers_replace (response, "Access-Control-Allow-Origin", origin ? origin : "*");
  if (origin != NULL)
    soup_message_headers_replace (response, "Vary", "Origin");
}

void
_bourse_demo_broker_respond_text (SoupServerMessage *msg,
                                  guint              status,
                                  char              *json)   /* transfer full */
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, json, strlen (json));
}

void
_bourse_demo_broker_respond_node (SoupServerMessage *msg,
                                  guint              status,
                                  JsonNode          *node)
{
  _bourse_demo_broker_respond_text (msg, status, bourse_server_json_to_string (node));
}

void
_bourse_demo_broker_respond_ok (SoupServerMessage *msg,
                                JsonNode          *data)   /* nullable, transfer full */
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "s");
  json_builder_add_string_value (builder, "ok");
  if (data != NULL)
    {
      json_builder_set_member_name (builder, "d");
      json_builder_add_value (builder, data);
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  _bourse_demo_broker_respond_node (msg, SOUP_STATUS_OK, root);
}

void
_bourse_demo_broker_respond_error (SoupServerMessage *msg,
                                   guint              status,
                                   const char        *errmsg)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "s");
  json_builder_add_string_value (builder, "error");
  json_builder_set_member_name (builder, "errmsg");
  json_builder_add_string_value (builder, errmsg);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  _bourse_demo_broker_respond_node (msg, status, root);
}

/* Business errors are HTTP 200 with s:error; only auth failures are 401. */
void
_bourse_demo_broker_respond_gerror (SoupServerMessage *msg,
                                    const GError      *error)
{
  guint status = SOUP_STATUS_OK;

  if (g_error_matches (error, BOURSE_SERVER_ERROR, BOURSE_SERVER_ERROR_UNAUTHORIZED))
    status = SOUP_STATUS_UNAUTHORIZED;
  _bourse_demo_broker_respond_error (msg, status, error->message);
}

void
_bourse_demo_broker_respond_oauth_error (SoupServerMessage *msg,
                                         const char        *code,
                                         const char        *description)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "error");
  json_builder_add_string_value (builder, code);
  json_builder_set_member_name (builder, "error_description");
  json_builder_add_string_value (builder, description);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  _bourse_demo_broker_respond_node (msg, SOUP_STATUS_BAD_REQUEST, root);
}

void
_bourse_demo_broker_format_price (GString                    *out,
                                  const BourseInstrumentSpec *spec,
                                  double                      value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append (out, bourse_instrument_spec_format (spec, buffer, sizeof buffer, value));
}

void
_bourse_demo_broker_format_number (GString *out,
                                   double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append (out, g_ascii_dtostr (buffer, sizeof buffer, value));
}

gboolean
_bourse_demo_broker_parse_uint_param (GHashTable  *params,
                                      const char  *key,
                                      guint64      max,
                                      guint64     *value,
                                      GError     **error)
{
  const char *text = params ? g_hash_table_lookup (params, key) : NULL;

  *value = 0;
  if (text == NULL || *text == '\0')
    return TRUE;

  if (!g_ascii_string_to_unsigned (text, 10, 0, max, value, NULL))
    {
      g_set_error (error, BOURSE_SERVER_ERROR, BOURSE_SERVER_ERROR_INVALID_REQUEST,
                   "Parameter '%s' must be a whole number, not '%s'", key, text);
      return FALSE;
    }
  return TRUE;
}

gboolean
_bourse_demo_broker_parse_int_param (GHashTable  *params,
                                     const char  *key,
                                     gint64      *value,
                                     GError     **error)
{
  const char *text = params ? g_hash_table_lookup (params, key) : NULL;

  if (text == NULL || *text == '\0')
    {
      g_set_error (error, BOURSE_SERVER_ERROR, BOURSE_SERVER_ERROR_INVALID_REQUEST,
                   "Missing parameter '%s'", key);
      return FALSE;
    }

  if (!g_ascii_string_to_signed (text, 10, G_MININT64 / 2, G_MAXINT64 / 2, value, NULL))
    {
      g_set_error (error, BOURSE_SERVER_ERROR, BOURSE_SERVER_ERROR_INVALID_REQUEST,
                   "Parameter '%s' must be a UNIX time in seconds, not '%s'", key, text);
      return FALSE;
    }
  return TRUE;
}
