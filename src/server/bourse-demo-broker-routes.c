/* bourse-demo-broker-routes.c — the demo broker's HTTP endpoints
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One SoupServer handler routes every request of docs/api-profile.md:
 * password and OAuth2 logins, the REST endpoints backed by
 * BourseMatchingEngine and BoursePriceSimulator, `/_faults`, and hands
 * stream requests to bourse-demo-broker-streams.c. Business errors are HTTP
 * 200 with `s:error`; only authentication failures are 401.
 */

#include "config.h"

#include "bourse-demo-broker-private.h"
#include "bourse-server-error.h"
#include "bourse-server-json.h"

#include <math.h>
#include <string.h>

/* Fault names as flags and /_faults fields, in property order. */

static const char * const fault_names[N_FAULTS] = {
  "drop-stream-every", "latency-ms", "http500-fraction",
  "malformed-fraction", "split-fraction", "token-ttl",
};

static gint64
now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

/* The demo account's AccountFlags; tests may turn some with set_account_flag(). */
static const struct { const char *name; gboolean value; } demo_flags[] = {
  { "supportOrderBrackets", TRUE },
  { "supportMarketBrackets", TRUE },
  { "supportPositionBrackets", TRUE },
  { "supportPositions", TRUE },
  { "supportMultiposition", FALSE },
  { "supportPositionNetting", TRUE },
  { "supportClosePosition", TRUE },
  { "supportPartialClosePosition", TRUE },
  { "supportReversePosition", TRUE },
  { "supportNativeReversePosition", TRUE },
  { "supportMarketOrders", TRUE },
  { "supportLimitOrders", TRUE },
  { "supportStopOrders", TRUE },
  { "supportStopLimitOrders", TRUE },
  { "supportTrailingStop", FALSE },
  { "supportStopOrdersInBothDirections", FALSE },
  { "supportPartialOrderExecution", FALSE },
  { "supportModifyOrderPrice", TRUE },
  { "supportEditAmount", TRUE },
  { "supportModifyBrackets", TRUE },
  { "supportModifyDuration", FALSE },
  { "supportDigitalSignature", FALSE },
  { "supportPlaceOrderPreview", FALSE },
  { "supportModifyOrderPreview", FALSE },
  { "showQuantityInsteadOfAmount", TRUE },
  { "supportBalances", FALSE },
  { "supportOrdersHistory", TRUE },
  { "supportExecutions", TRUE },
  { "supportLeverage", FALSE },
  { "supportDOM", TRUE },
  { "supportLevel2Data", TRUE },
  { "supportPLUpdate", TRUE },
  { "supportLogout", TRUE },
  { "supportCustomAccountSummaryRow", TRUE },
};

gboolean
_bourse_demo_broker_is_account_flag (const char *flag)
{
  for (guint i = 0; i < G_N_ELEMENTS (demo_flags); i++)
    if (g_strcmp0 (demo_flags[i].name, flag) == 0)
      return TRUE;
  return FALSE;
}

static JsonNode *
account_flags (BourseDemoBroker *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  json_builder_begin_object (builder);
  for (guint i = 0; i < G_N_ELEMENTS (demo_flags); i++)
    {
      const char *override = self->account_flags ? g_hash_table_lookup (self->account_flags, demo_flags[i].name) : NULL;

      json_builder_set_member_name (builder, demo_flags[i].name);
      json_builder_add_boolean_value (builder, override ? g_str_equal (override, "true") : demo_flags[i].value);
    }
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static void
handle_config (BourseDemoBroker  *self,
               SoupServerMessage *msg)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) flags = account_flags (self);
  static const char * const pulling[][2] = {
    { "quotes", "500" }, { "orders", "500" }, { "positions", "1000" },
    { "accountManager", "1000" }, { "balances", "1000" },
  };
  static const char * const streams[] = { "prices", "orders", "positions", "executions", "state" };
  g_autoptr(GList) members = json_object_get_members (json_node_get_object (flags));

  json_builder_begin_object (builder);
  for (GList *l = members; l != NULL; l = l->next)
    {
      json_builder_set_member_name (builder, l->data);
      json_builder_add_value (builder, json_node_copy (json_object_get_member (json_node_get_object (flags), l->data)));
    }
  json_builder_set_member_name (builder, "accountManager");
  json_builder_add_value (builder, bourse_matching_engine_dup_account_manager_config ());
  json_builder_set_member_name (builder, "accountSummaryRow");
  json_builder_add_value (builder, bourse_matching_engine_dup_summary_row_config ());
  json_builder_set_member_name (builder, "durations");
  json_builder_begin_array (builder);
  for (guint i = 0; i < 3; i++)
    {
      static const char * const ids[] = { "DAY", "GTC", "GTT" };
      static const char * const titles[] = { "Day", "Good Till Cancelled", "Good Till Time" };

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, ids[i]);
      json_builder_set_member_name (builder, "title");
      json_builder_add_string_value (builder, titles[i]);
      if (i == 0)
        {
          json_builder_set_member_name (builder, "default");
          json_builder_add_boolean_value (builder, TRUE);
        }
      if (i == 2)
        {
          json_builder_set_member_name (builder, "hasDatePicker");
          json_builder_add_boolean_value (builder, TRUE);
          json_builder_set_member_name (builder, "hasTimePicker");
          json_builder_add_boolean_value (builder, TRUE);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "pullingInterval");
  json_builder_begin_object (builder);
  for (guint i = 0; i < G_N_ELEMENTS (pulling); i++)
    {
      json_builder_set_member_name (builder, pulling[i][0]);
      json_builder_add_int_value (builder, g_ascii_strtoll (pulling[i][1], NULL, 10));
    }
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "streaming");
  json_builder_begin_object (builder);
  for (guint i = 0; i < G_N_ELEMENTS (streams); i++)
    {
      json_builder_set_member_name (builder, streams[i]);
      json_builder_add_boolean_value (builder, TRUE);
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  _bourse_demo_broker_respond_ok (msg, json_builder_get_root (builder));
}

static void
handle_accounts (BourseDemoBroker  *self,
                 SoupServerMessage *msg,
                 const DemoUser    *user)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  json_builder_begin_array (builder);
  for (guint i = 0; i < G_N_ELEMENTS (user->account_ids) && user->account_ids[i]; i++)
    {
      const DemoAccount *account = _bourse_demo_broker_find_demo_account (user->account_ids[i]);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, account->id);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, account->name);
      json_builder_set_member_name (builder, "type");
      json_builder_add_string_value (builder, "demo");
      json_builder_set_member_name (builder, "currency");
      json_builder_add_string_value (builder, account->currency);
      json_builder_set_member_name (builder, "currencySign");
      json_builder_add_string_value (builder, account->currency_sign);
      json_builder_set_member_name (builder, "config");
      json_builder_add_value (builder, account_flags (self));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  _bourse_demo_broker_respond_ok (msg, json_builder_get_root (builder));
}

static void
handle_authorize (BourseDemoBroker  *self,
                  SoupServerMessage *msg,
                  GHashTable        *form)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  const char *login = g_hash_table_lookup (form, "login");
  const char *password = g_hash_table_lookup (form, "password");
  const DemoUser *user = _bourse_demo_broker_find_user (login);
  g_autofree char *secret = NULL;
  Token *token;

  if (login == NULL || password == NULL)
    {
      _bourse_demo_broker_respond_error (msg, SOUP_STATUS_OK, "Missing field 'login' or 'password'");
      return;
    }
  if (user == NULL || !g_str_equal (user->password, password))
    {
      _bourse_demo_broker_respond_error (msg, SOUP_STATUS_OK, "Invalid login or password");
      return;
    }

  secret = _bourse_demo_broker_issue_token (self, user->login, NULL);
  token = g_hash_table_lookup (self->tokens, secret);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "access_token");
  json_builder_add_string_value (builder, secret);
  json_builder_set_member_name (builder, "expiration");
  json_builder_add_int_value (builder, _bourse_demo_broker_token_expires (self, token) / G_USEC_PER_SEC);
  json_builder_end_object (builder);
  _bourse_demo_broker_respond_ok (msg, json_builder_get_root (builder));
}

static void
handle_oauth_authorize (BourseDemoBroker  *self,
                        SoupServerMessage *msg,
                        GHashTable        *query)
{
  const char *response_type = query ? g_hash_table_lookup (query, "response_type") : NULL;
  const char *client_id = query ? g_hash_table_lookup (query, "client_id") : NULL;
  const char *redirect_uri = query ? g_hash_table_lookup (query, "redirect_uri") : NULL;
  const char *state = query ? g_hash_table_lookup (query, "state") : NULL;
  const char *login = query ? g_hash_table_lookup (query, "login") : NULL;
  const char *password = query ? g_hash_table_lookup (query, "password") : NULL;
  const DemoUser *user = _bourse_demo_broker_find_user (login);
  g_autoptr(GUri) redirect = NULL;
  g_autoptr(GString) location = NULL;
  g_autofree char *code = NULL;
  g_autofree char *escaped_code = NULL;
  OAuthCode *entry;

  if (g_strcmp0 (response_type, "code") != 0)
    {
      _bourse_demo_broker_respond_oauth_error (msg, "unsupported_response_type", "response_type must be 'code'");
      return;
    }
  if (g_strcmp0 (client_id, OAUTH_CLIENT_ID) != 0)
    {
      _bourse_demo_broker_respond_oauth_error (msg, "unauthorized_client", "Unknown client_id");
      return;
    }
  if (redirect_uri == NULL || !(redirect = g_uri_parse (redirect_uri, G_URI_FLAGS_NONE, NULL)))
    {
      _bourse_demo_broker_respond_oauth_error (msg, "invalid_request", "redirect_uri is missing or not an absolute URI");
      return;
    }
  if (user == NULL || g_strcmp0 (user->password, password) != 0)
    {
      _bourse_demo_broker_respond_oauth_error (msg, "access_denied", "Invalid login or password");
      return;
    }

  code = _bourse_demo_broker_new_secret (self, "code");
  entry = g_new0 (OAuthCode, 1);
  entry->login = g_strdup (user->login);
  entry->redirect_uri = g_strdup (redirect_uri);
  entry->expires = now_seconds () + 120;
  g_hash_table_insert (self->codes, g_strdup (code), entry);

  location = g_string_new (redirect_uri);
  escaped_code = g_uri_escape_string (code, NULL, FALSE);
  g_string_append_c (location, strchr (redirect_uri, '?') ? '&' : '?');
  g_string_append_printf (location, "code=%s", escaped_code);
  if (state != NULL)
    {
      g_autofree char *escaped_state = g_uri_escape_string (state, NULL, FALSE);

      g_string_append_printf (location, "&state=%s", escaped_state);
    }

  soup_server_message_set_redirect (msg, SOUP_STATUS_FOUND, location->str);
}

static void
respond_oauth_tokens (BourseDemoBroker  *self,
                      SoupServerMessage *msg,
                      const char        *login,
                      const char        *replaces)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *access = _bourse_demo_broker_issue_token (self, login, replaces);
  char *refresh = _bourse_demo_broker_new_secret (self, "rt");

  /* the grant outlives its access token: refreshing after expiry is the normal case */
  g_hash_table_insert (self->refresh_tokens, refresh, g_strconcat (login, "\n", access, NULL));

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "token_type");
  json_builder_add_string_value (builder, "bearer");
  json_builder_set_member_name (builder, "access_token");
  json_builder_add_string_value (builder, access);
  json_builder_set_member_name (builder, "expires_in");
  json_builder_add_int_value (builder, (gint64) ceil (_bourse_demo_broker_token_lifetime (self)));
  json_builder_set_member_name (builder, "refresh_token");
  json_builder_add_string_value (builder, refresh);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  _bourse_demo_broker_respond_node (msg, SOUP_STATUS_OK, root);
}

static void
handle_oauth_token (BourseDemoBroker  *self,
                    SoupServerMessage *msg,
                    GHashTable        *form)
{
  const char *grant_type = g_hash_table_lookup (form, "grant_type");
  const char *secret = g_hash_table_lookup (form, "client_secret");

  if (g_strcmp0 (secret, OAUTH_CLIENT_SECRET) != 0)
    {
      _bourse_demo_broker_respond_oauth_error (msg, "invalid_client", "Unknown client or wrong client_secret");
      return;
    }

  if (g_strcmp0 (grant_type, "authorization_code") == 0)
    {
      const char *code = g_hash_table_lookup (form, "code");
      const char *redirect_uri = g_hash_table_lookup (form, "redirect_uri");
      OAuthCode *entry = code ? g_hash_table_lookup (self->codes, code) : NULL;
      g_autofree char *login = NULL;

      if (entry == NULL || entry->expires <= now_seconds ())
        {
          _bourse_demo_broker_respond_oauth_error (msg, "invalid_grant", "Unknown or expired authorization code");
          return;
        }
      if (g_strcmp0 (redirect_uri, entry->redirect_uri) != 0)
        {
          _bourse_demo_broker_respond_oauth_error (msg, "invalid_grant", "redirect_uri does not match the authorization request");
          return;
        }
      login = g_strdup (entry->login);
      /* codes are single use */
      g_hash_table_remove (self->codes, code);
      respond_oauth_tokens (self, msg, login, NULL);
    }
  else if (g_strcmp0 (grant_type, "refresh_token") == 0)
    {
      const char *refresh = g_hash_table_lookup (form, "refresh_token");
      g_autofree char *grant = NULL;
      g_autofree char *used_refresh = NULL;
      g_auto(GStrv) parts = NULL;

      /* refresh tokens rotate: each is used once */
      if (refresh == NULL ||
          !g_hash_table_steal_extended (self->refresh_tokens, refresh, (gpointer *) &used_refresh, (gpointer *) &grant))
        {
          _bourse_demo_broker_respond_oauth_error (msg, "invalid_grant", "Unknown or used refresh token");
          return;
        }
      parts = g_strsplit (grant, "\n", 2);
      /* the previous access token (if still alive) works until the new one is used */
      respond_oauth_tokens (self, msg, parts[0],
                            g_hash_table_contains (self->tokens, parts[1]) ? parts[1] : NULL);
    }
  else
    _bourse_demo_broker_respond_oauth_error (msg, "unsupported_grant_type", "grant_type must be authorization_code or refresh_token");
}

static void
handle_logout (BourseDemoBroker  *self,
               SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *authorization = soup_message_headers_get_one (headers, "Authorization");

  if (authorization != NULL && strlen (authorization) > 7)
    g_hash_table_remove (self->tokens, authorization + 7);
  _bourse_demo_broker_respond_ok (msg, NULL);
}

static gboolean
handle_faults (BourseDemoBroker  *self,
               SoupServerMessage *msg,
               GHashTable        *form)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  GSocketAddress *remote = soup_server_message_get_remote_address (msg);

  if (!G_IS_INET_SOCKET_ADDRESS (remote) ||
      !g_inet_address_get_is_loopback (g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (remote))))
    {
      _bourse_demo_broker_respond_error (msg, SOUP_STATUS_FORBIDDEN, "Fault injection is only available from loopback");
      return TRUE;
    }

  if (form != NULL)
    {
      GHashTableIter iter;
      gpointer key, value;

      /* validate everything before applying anything */
      g_hash_table_iter_init (&iter, form);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          g_autoptr(GError) error = NULL;
          double parsed;
          char *end = NULL;
          gboolean known = FALSE;

          for (guint i = 0; i < G_N_ELEMENTS (fault_names); i++)
            known |= g_str_equal (fault_names[i], key);
          parsed = g_ascii_strtod (value, &end);
          if (!known || end == value || *end != '\0' || !(parsed >= 0) || !isfinite (parsed))
            {
              g_autofree char *errmsg = g_strdup_printf ("Bad fault setting %s=%s", (char *) key, (char *) value);

              _bourse_demo_broker_respond_error (msg, SOUP_STATUS_OK, errmsg);
              return TRUE;
            }
        }

      g_hash_table_iter_init (&iter, form);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          g_autoptr(GError) error = NULL;

          if (!bourse_demo_broker_set_fault (self, key, value, &error))
            {
              _bourse_demo_broker_respond_gerror (msg, error);
              return TRUE;
            }
        }
    }

  json_builder_begin_object (builder);
  for (guint i = 0; i < G_N_ELEMENTS (fault_names); i++)
    {
      json_builder_set_member_name (builder, fault_names[i]);
      json_builder_add_double_value (builder, self->faults[i]);
    }
  json_builder_end_object (builder);
  _bourse_demo_broker_respond_ok (msg, json_builder_get_root (builder));

  return TRUE;
}

/* GET /accounts/{id}/{section}[/{item}]: FALSE when nothing matches. */
static gboolean
read_account_section (BourseDemoBroker  *self,
                      const char        *account_id,
                      const char        *section,
                      const char        *item,
                      GHashTable        *query,
                      JsonNode         **result,
                      GError           **error)
{
  if (item != NULL)
    {
      if (g_str_equal (section, "orders"))
        *result = bourse_matching_engine_dup_order (self->engine, account_id, item, error);
      else if (g_str_equal (section, "positions"))
        *result = bourse_matching_engine_dup_position (self->engine, account_id, item, error);
      else
        return FALSE;
      return TRUE;
    }

  if (g_str_equal (section, "instruments"))
    *result = bourse_matching_engine_dup_instruments (self->engine, account_id, error);
  else if (g_str_equal (section, "state"))
    *result = bourse_matching_engine_dup_state (self->engine, account_id, error);
  else if (g_str_equal (section, "orders"))
    *result = bourse_matching_engine_dup_orders (self->engine, account_id, error);
  else if (g_str_equal (section, "positions"))
    *result = bourse_matching_engine_dup_positions (self->engine, account_id, error);
  else if (g_str_equal (section, "ordersHistory") || g_str_equal (section, "executions"))
    {
      guint64 max_count;

      if (!_bourse_demo_broker_parse_uint_param (query, "maxCount", G_MAXUINT, &max_count, error))
        return TRUE;
      if (g_str_equal (section, "ordersHistory"))
        *result = bourse_matching_engine_dup_orders_history (self->engine, account_id, (guint) max_count, error);
      else
        *result = bourse_matching_engine_dup_executions (self->engine, account_id,
                                                         query ? g_hash_table_lookup (query, "instrument") : NULL,
                                                         (guint) max_count, error);
    }
  else
    return FALSE;
  return TRUE;
}

/* POST, PUT and DELETE on /accounts/{id}/orders[/{id}] and
 * /accounts/{id}/positions/{id}: FALSE when nothing matches. */
static gboolean
write_account_section (BourseDemoBroker  *self,
                       const char        *method,
                       const char        *account_id,
                       const char        *section,
                       const char        *item,
                       GHashTable        *query,
                       GHashTable        *form,
                       JsonNode         **result,
                       GError           **error)
{
  gboolean orders = g_str_equal (section, "orders"), positions = g_str_equal (section, "positions");

  if (orders && item == NULL && g_str_equal (method, "POST"))
    {
      const char *request_id = query ? g_hash_table_lookup (query, "requestId") : NULL;
      g_autofree char *order_id = bourse_matching_engine_place_order (self->engine, account_id, form, request_id, error);
      g_autoptr(JsonBuilder) builder = NULL;

      if (order_id == NULL)
        return TRUE;
      builder = json_builder_new_immutable ();
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "orderId");
      json_builder_add_string_value (builder, order_id);
      json_builder_end_object (builder);
      *result = json_builder_get_root (builder);
      return TRUE;
    }
  if (item == NULL)
    return FALSE;
  if (orders && g_str_equal (method, "PUT"))
    bourse_matching_engine_modify_order (self->engine, account_id, item, form, error);
  else if (orders && g_str_equal (method, "DELETE"))
    bourse_matching_engine_cancel_order (self->engine, account_id, item, error);
  else if (positions && g_str_equal (method, "PUT"))
    bourse_matching_engine_modify_position (self->engine, account_id, item, form, error);
  else if (positions && g_str_equal (method, "DELETE"))
    bourse_matching_engine_close_position (self->engine, account_id, item, form, error);
  else
    return FALSE;
  return TRUE;
}

/* /accounts/{id}/… — returns FALSE when the path matches nothing. */
static gboolean
handle_account_path (BourseDemoBroker  *self,
                     SoupServerMessage *msg,
                     const char        *method,
                     const DemoUser    *user,
                     char             **parts,
                     guint              n_parts,
                     GHashTable        *query,
                     GHashTable        *form)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) result = NULL;
  const char *account_id = parts[1];
  const char *section = n_parts > 2 ? parts[2] : NULL;
  const char *item = n_parts > 3 ? parts[3] : NULL;
  gboolean is_get = g_str_equal (method, "GET");

  if (!_bourse_demo_broker_user_owns_account (user, account_id))
    {
      g_autofree char *errmsg = g_strdup_printf ("Unknown account '%s'", account_id);

      _bourse_demo_broker_respond_error (msg, SOUP_STATUS_OK, errmsg);
      return TRUE;
    }

  if (n_parts == 2 || n_parts > 4)
    return FALSE;

  if (g_str_equal (section, "stream") && item != NULL && is_get)
    {
      _bourse_demo_broker_serve_entities (self, msg, account_id, item);
      return TRUE;
    }

  if (is_get ? !read_account_section (self, account_id, section, item, query, &result, &error)
             : !write_account_section (self, method, account_id, section, item, query, form, &result, &error))
    return FALSE;

  if (error != NULL)
    {
      _bourse_demo_broker_respond_gerror (msg, error);
      return TRUE;
    }

  /* an acknowledged change is on disk before the client hears about it */
  if (!is_get && self->state_dirty && !_bourse_demo_broker_save (self, &error))
    {
      _bourse_demo_broker_respond_gerror (msg, error);
      return TRUE;
    }

  _bourse_demo_broker_respond_ok (msg, g_steal_pointer (&result));
  return TRUE;
}

static gboolean
latency_elapsed_cb (gpointer user_data)
{
  soup_server_message_unpause (user_data);
  return G_SOURCE_REMOVE;
}

static GHashTable *
decode_form (SoupServerMessage *msg)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

  return soup_form_decode (text);
}

/* Runs once the headers are in, before the body is read: a form body is a few
 * hundred bytes, so one that announces more than MAX_REQUEST_BODY (or gives no
 * length at all) is refused. libsoup 3.2 still reads such a body off the
 * socket; with accumulation off it reads it into nothing, so memory stays
 * bounded whatever a client sends. */
void
_bourse_demo_broker_check_request_size (SoupServer        *server,
                                        SoupServerMessage *msg,
                                        const char        *path,
                                        GHashTable        *query,
                                        gpointer           user_data)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  gboolean chunked = soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CHUNKED;

  if (chunked || soup_message_headers_get_content_length (headers) > MAX_REQUEST_BODY)
    {
      soup_message_body_set_accumulate (soup_server_message_get_request_body (msg), FALSE);
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Connection", "close");
    }
  if (chunked)
    {
      _bourse_demo_broker_add_cors (msg);
      _bourse_demo_broker_respond_error (msg, SOUP_STATUS_LENGTH_REQUIRED,
                                         "Send the request body with a Content-Length, not chunked");
    }
  else if (soup_message_headers_get_content_length (headers) > MAX_REQUEST_BODY)
    {
      g_autofree char *errmsg = g_strdup_printf ("Request body too large: at most %d bytes", MAX_REQUEST_BODY);

      _bourse_demo_broker_add_cors (msg);
      _bourse_demo_broker_respond_error (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, errmsg);
    }
}

/* The path's segments, unescaped, NULL-terminated; FALSE on a malformed one. */
static gboolean
split_path (const char *path,
            GPtrArray  *parts)
{
  g_auto(GStrv) segments = g_strsplit (path, "/", -1);

  for (guint i = 0; segments[i] != NULL; i++)
    {
      char *segment;

      if (*segments[i] == '\0')
        continue;
      segment = g_uri_unescape_string (segments[i], "/");
      if (segment == NULL || !g_utf8_validate (segment, -1, NULL))
        {
          g_free (segment);
          return FALSE;
        }
      g_ptr_array_add (parts, segment);
    }
  g_ptr_array_add (parts, NULL);
  return TRUE;
}

static void
respond_preflight (SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  soup_message_headers_replace (headers, "Access-Control-Allow-Methods", "GET, POST, PUT, DELETE, OPTIONS");
  soup_message_headers_replace (headers, "Access-Control-Allow-Headers", "Authorization, Content-Type");
  soup_message_headers_replace (headers, "Access-Control-Max-Age", "600");
  soup_server_message_set_status (msg, SOUP_STATUS_NO_CONTENT, NULL);
}

/* Logins and the mapping need no token; everything else does. FALSE when
 * no endpoint matches; *is_stream tells a stream from a plain response. */
static gboolean
route_request (BourseDemoBroker  *self,
               SoupServerMessage *msg,
               const char        *method,
               GPtrArray         *parts,
               GHashTable        *query,
               GHashTable        *form,
               gboolean          *is_stream)
{
  g_autoptr(GError) error = NULL;
  const char *first = parts->len > 1 ? g_ptr_array_index (parts, 0) : "";
  const DemoUser *user;

  if (first == NULL)
    first = "";
  if (g_str_equal (first, "authorize") && g_str_equal (method, "POST"))
    handle_authorize (self, msg, form);
  else if (g_str_equal (first, "oauth") && parts->len == 3 &&
           g_str_equal (g_ptr_array_index (parts, 1), "authorize") && g_str_equal (method, "GET"))
    handle_oauth_authorize (self, msg, query);
  else if (g_str_equal (first, "oauth") && parts->len == 3 &&
           g_str_equal (g_ptr_array_index (parts, 1), "token") && g_str_equal (method, "POST"))
    handle_oauth_token (self, msg, form);
  else if (g_str_equal (first, "mapping") && g_str_equal (method, "GET"))
    _bourse_demo_broker_handle_mapping (self, msg);
  else if (!(user = _bourse_demo_broker_authenticate (self, msg, &error)))
    _bourse_demo_broker_respond_gerror (msg, error);
  else if (g_str_equal (first, "logout") && g_str_equal (method, "POST"))
    handle_logout (self, msg);
  else if (g_str_equal (first, "config") && g_str_equal (method, "GET"))
    handle_config (self, msg);
  else if (g_str_equal (first, "accounts") && parts->len == 2 && g_str_equal (method, "GET"))
    handle_accounts (self, msg, user);
  else if (g_str_equal (first, "accounts") && parts->len >= 3)
    {
      *is_stream = parts->len == 5 && g_str_equal (g_ptr_array_index (parts, 2), "stream");
      return handle_account_path (self, msg, method, user, (char **) parts->pdata, parts->len - 1, query, form);
    }
  else if (g_str_equal (first, "quotes") && g_str_equal (method, "GET"))
    _bourse_demo_broker_handle_quotes (self, msg, query, user);
  else if (g_str_equal (first, "depth") && g_str_equal (method, "GET"))
    _bourse_demo_broker_handle_depth (self, msg, query);
  else if (g_str_equal (first, "history") && g_str_equal (method, "GET"))
    _bourse_demo_broker_handle_history (self, msg, query);
  else if (g_str_equal (first, "symbol_info") && g_str_equal (method, "GET"))
    _bourse_demo_broker_handle_symbol_info (self, msg);
  else if (g_str_equal (first, "streaming") && g_str_equal (method, "GET"))
    {
      _bourse_demo_broker_serve_prices (self, msg, query);
      *is_stream = TRUE;
    }
  else
    return FALSE;
  return TRUE;
}

/* The latency-ms fault: the response leaves that much later. */
static void
delay_response (BourseDemoBroker  *self,
                SoupServerMessage *msg)
{
  GSource *source = g_timeout_source_new ((guint) self->faults[FAULT_LATENCY_MS]);

  soup_server_message_pause (msg);
  g_source_set_callback (source, latency_elapsed_cb, g_object_ref (msg), g_object_unref);
  g_source_attach (source, self->context);
  g_source_unref (source);
}

void
_bourse_demo_broker_handle_request (SoupServer        *server,
                                    SoupServerMessage *msg,
                                    const char        *path,
                                    GHashTable        *query,
                                    gpointer           user_data)
{
  BourseDemoBroker *self = user_data;
  g_autoptr(GHashTable) form = NULL;
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  const char *method = soup_server_message_get_method (msg);
  gboolean is_stream = FALSE;

  _bourse_demo_broker_add_cors (msg);

  if (g_str_equal (method, "OPTIONS"))
    {
      respond_preflight (msg);
      return;
    }

  if (!split_path (path, parts))
    {
      _bourse_demo_broker_respond_error (msg, SOUP_STATUS_BAD_REQUEST, "Malformed request path");
      return;
    }

  if (g_str_equal (method, "POST") || g_str_equal (method, "PUT") || g_str_equal (method, "DELETE"))
    form = decode_form (msg);
  else
    form = g_hash_table_new (g_str_hash, g_str_equal);

  if (parts->len == 2 && g_str_equal (g_ptr_array_index (parts, 0), "_faults"))
    {
      handle_faults (self, msg, g_str_equal (method, "POST") ? form : NULL);
      return;
    }

  if (self->faults[FAULT_HTTP500_FRACTION] > 0 && g_rand_double (self->fault_rand) < self->faults[FAULT_HTTP500_FRACTION])
    _bourse_demo_broker_respond_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "Injected fault: internal server error");
  else if (!route_request (self, msg, method, parts, query, form, &is_stream))
    {
      g_autofree char *errmsg = g_strdup_printf ("No endpoint %s %s", method, path);

      _bourse_demo_broker_respond_error (msg, SOUP_STATUS_NOT_FOUND, errmsg);
    }

  if (self->faults[FAULT_LATENCY_MS] > 0 && !is_stream)
    delay_response (self, msg);
}
