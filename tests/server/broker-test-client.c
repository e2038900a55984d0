/* broker-test-client.c — a blocking HTTP client for the demo broker tests
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "broker-test-client.h"

#include <string.h>

TestClient *
test_client_new (const char *base)
{
  TestClient *client = g_new0 (TestClient, 1);

  /* no proxy (a CI http_proxy must not see loopback traffic); streams need
   * more than the default 2 connections per host; bounded waits */
  client->session = soup_session_new_with_options ("max-conns-per-host", 16,
                                                   "timeout", 15,
                                                   "proxy-resolver", NULL,
                                                   NULL);
  client->base = g_strdup (base);
  return client;
}

void
test_client_free (TestClient *client)
{
  soup_session_abort (client->session);
  g_object_unref (client->session);
  g_free (client->base);
  g_free (client->token);
  g_free (client);
}

static SoupMessage *
build_message (TestClient *client,
               const char *method,
               const char *path,
               GHashTable *form)
{
  g_autofree char *uri = g_strconcat (client->base, path, NULL);
  SoupMessage *msg;

  if (form != NULL && g_hash_table_size (form) > 0 && !g_str_equal (method, "GET"))
    {
      g_autofree char *body = soup_form_encode_hash (form);
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

      msg = soup_message_new (method, uri);
      g_assert_nonnull (msg);
      soup_message_set_request_body_from_bytes (msg, "application/x-www-form-urlencoded", bytes);
    }
  else
    {
      msg = soup_message_new (method, uri);
      g_assert_nonnull (msg);
    }

  if (client->token != NULL)
    {
      g_autofree char *value = g_strconcat ("Bearer ", client->token, NULL);

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", value);
    }

  return msg;
}

JsonNode *
test_client_request_v (TestClient *client,
                       const char *method,
                       const char *path,
                       guint      *status,
                       GHashTable *form)
{
  g_autoptr(SoupMessage) msg = build_message (client, method, path, form);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  const char *data;
  gsize size;

  body = soup_session_send_and_read (client->session, msg, NULL, &error);
  g_assert_no_error (error);
  if (status != NULL)
    *status = soup_message_get_status (msg);

  data = g_bytes_get_data (body, &size);
  if (size == 0)
    return NULL;
  json_parser_load_from_data (parser, data, (gssize) size, &error);
  g_assert_no_error (error);
  g_assert_nonnull (json_parser_get_root (parser));

  return json_node_ref (json_parser_get_root (parser));
}

static GHashTable *
collect_form (va_list args)
{
  GHashTable *form = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  const char *key;

  while ((key = va_arg (args, const char *)) != NULL)
    {
      const char *value = va_arg (args, const char *);

      g_hash_table_insert (form, g_strdup (key), g_strdup (value));
    }

  return form;
}

JsonNode *
test_client_request (TestClient *client,
                     const char *method,
                     const char *path,
                     guint      *status,
                     ...)
{
  g_autoptr(GHashTable) form = NULL;
  va_list args;

  va_start (args, status);
  form = collect_form (args);
  va_end (args);

  return test_client_request_v (client, method, path, status, form);
}

/* Asserts HTTP 200 and s:ok; returns `d` (or the whole answer when it has none). */
JsonNode *
test_client_ok (TestClient *client,
                const char *method,
                const char *path,
                ...)
{
  g_autoptr(GHashTable) form = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  guint status;
  va_list args;

  va_start (args, path);
  form = collect_form (args);
  va_end (args);

  root = test_client_request_v (client, method, path, &status, form);
  g_assert_nonnull (root);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  object = json_node_get_object (root);
  if (g_strcmp0 (json_object_get_string_member_with_default (object, "s", ""), "ok") != 0)
    g_error ("%s %s failed (%u): %s", method, path, status,
             json_object_get_string_member_with_default (object, "errmsg", "?"));
  g_assert_cmpuint (status, ==, 200);

  if (json_object_has_member (object, "d"))
    return json_node_copy (json_object_get_member (object, "d"));
  return g_steal_pointer (&root);
}

/* Asserts HTTP 200 and s:error; returns errmsg. */
char *
test_client_error (TestClient *client,
                   const char *method,
                   const char *path,
                   ...)
{
  g_autoptr(GHashTable) form = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  guint status;
  va_list args;

  va_start (args, path);
  form = collect_form (args);
  va_end (args);

  root = test_client_request_v (client, method, path, &status, form);
  g_assert_nonnull (root);
  object = json_node_get_object (root);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member_with_default (object, "s", ""), ==, "error");
  g_assert_true (json_object_has_member (object, "errmsg"));

  return g_strdup (json_object_get_string_member (object, "errmsg"));
}

void
test_client_login (TestClient *client,
                   const char *login,
                   const char *password)
{
  g_autoptr(JsonNode) d = NULL;

  g_clear_pointer (&client->token, g_free);
  d = test_client_ok (client, "POST", "/authorize", "login", login, "password", password, NULL);
  client->token = g_strdup (test_member_string (d, "access_token"));
}

GInputStream *
test_client_open_stream (TestClient *client,
                         const char *path,
                         guint      *status)
{
  g_autoptr(SoupMessage) msg = build_message (client, "GET", path, NULL);
  g_autoptr(GError) error = NULL;
  GInputStream *stream;

  stream = soup_session_send (client->session, msg, NULL, &error);
  g_assert_no_error (error);
  if (status != NULL)
    *status = soup_message_get_status (msg);

  return stream;
}

/* One line without its '\n', NULL at the end of the stream. */
char *
test_read_line (GDataInputStream *input)
{
  g_autoptr(GError) error = NULL;
  char *line = g_data_input_stream_read_line (input, NULL, NULL, &error);

  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT))
    g_assert_no_error (error);
  return line;
}

const char *
test_member_string (JsonNode   *object,
                    const char *member)
{
  JsonObject *o;

  g_assert_true (JSON_NODE_HOLDS_OBJECT (object));
  o = json_node_get_object (object);
  if (!json_object_has_member (o, member))
    g_error ("missing member %s", member);
  g_assert_cmpint (json_node_get_value_type (json_object_get_member (o, member)), ==, G_TYPE_STRING);
  return json_object_get_string_member (o, member);
}

double
test_member_double (JsonNode   *object,
                    const char *member)
{
  JsonObject *o;
  GType type;

  g_assert_true (JSON_NODE_HOLDS_OBJECT (object));
  o = json_node_get_object (object);
  if (!json_object_has_member (o, member))
    g_error ("missing member %s", member);
  type = json_node_get_value_type (json_object_get_member (o, member));
  g_assert_true (type == G_TYPE_DOUBLE || type == G_TYPE_INT64);
  return json_object_get_double_member (o, member);
}

JsonNode *
test_find_by_id (JsonNode   *array,
                 const char *id)
{
  JsonArray *a;

  g_assert_true (JSON_NODE_HOLDS_ARRAY (array));
  a = json_node_get_array (array);
  for (guint i = 0; i < json_array_get_length (a); i++)
    {
      JsonNode *element = json_array_get_element (a, i);

      if (g_strcmp0 (test_member_string (element, "id"), id) == 0)
        return element;
    }
  return NULL;
}
