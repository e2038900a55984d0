/* bourse-demo-broker-routes.c — the demo broker's HTTP endpoints and authentication
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

typedef struct
{
  const char *login;
  const char *password;
  const char *account_ids[3];
} DemoUser;

typedef struct
{
  const char *id;
  const char *name;
  const char *currency;
  const char *currency_sign;
  double      balance;
} DemoAccount;

static const DemoUser demo_users[] = {
  { "demo", "demo", { "D1", "D2", NULL } },
  { "trader", "trader", { "T1", NULL, NULL } },
};

static const DemoAccount demo_accounts[] = {
  { "D1", "Demo USD", "USD", "$", 100000 },
  { "D2", "Demo EUR", "EUR", "€", 25000 },
  { "T1", "Trader USD", "USD", "$", 50000 },
};

/* Fault names as flags and /_faults fields, in property order. */
static const char * const fault_names[N_FAULTS] = {
  "drop-stream-every", "latency-ms", "http500-fraction",
  "malformed-fraction", "split-fraction", "token-ttl",
};

static const DemoUser *
find_user (const char *login)
{
  for (guint i = 0; i < G_N_ELEMENTS (demo_users); i++)
    if (g_strcmp0 (demo_users[i].login, login) == 0)
      return &demo_users[i];
  return NULL;
}

static const DemoAccount *
find_demo_account (const char *account_id)
{
  for (guint i = 0; i < G_N_ELEMENTS (demo_accounts); i++)
    if (g_strcmp0 (demo_accounts[i].id, account_id) == 0)
      return &demo_accounts[i];
  return NULL;
}

static gboolean
user_owns_account (const DemoUser *user,
                   const char     *account_id)
{
  for (guint i = 0; i < G_N_ELEMENTS (user->account_ids) && user->account_ids[i]; i++)
    if (g_str_equal (user->account_ids[i], account_id))
      return TRUE;
  return FALSE;
}

static gint64
now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static void
add_cors (SoupServerMessage *msg)
{
  SoupMessageHeaders *request = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *response = soup_server_message_get_response_headers (msg);
  const char *origin = soup_message_headers_get_one (request, "Origin");

  soup_message_headers_replace (response, "Access-Control-Allow-Origin", origin ? origin : "*");
  if (origin != NULL)
    soup_message_headers_replace (response, "Vary", "Origin");
}

static void
respond_text (SoupServerMessage *msg,
              guint              status,
              char              *json)   /* transfer full */
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, json, strlen (json));
}

static void
respond_node (SoupServerMessage *msg,
              guint              status,
              JsonNode          *node)
{
  respond_text (msg, status, bourse_server_json_to_string (node));
}

static void
respond_ok (SoupServerMessage *msg,
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
  respond_node (msg, SOUP_STATUS_OK, root);
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
  respond_node (msg, status, root);
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

static void
respond_oauth_error (SoupServerMessage *msg,
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
  respond_node (msg, SOUP_STATUS_BAD_REQUEST, root);
}

static char *
new_secret (BourseDemoBroker *self,
            const char       *prefix)
{
  g_autofree char *uuid = g_uuid_string_random ();

  return g_strdup_printf ("%s%" G_GUINT64_FORMAT "-%s", prefix, ++self->token_counter, uuid);
}

static double
token_lifetime (BourseDemoBroker *self)
{
  return self->faults[FAULT_TOKEN_TTL] > 0 ? self->faults[FAULT_TOKEN_TTL] : DEFAULT_TOKEN_TTL;
}

/* When (UNIX µs) a token expires: the token-ttl fault applies to tokens already issued too. */
static gint64
token_expires (BourseDemoBroker *self,
               const Token      *token)
{
  return token->issued_us + (gint64) (token_lifetime (self) * G_USEC_PER_SEC);
}

static char *
issue_token (BourseDemoBroker *self,
             const char       *login,
             const char       *replaces)
{
  Token *token = g_new0 (Token, 1);
  char *secret = new_secret (self, "at");
  gint64 now = g_get_real_time ();
  GHashTableIter iter;
  gpointer value;

  /* forget expired tokens so that a login loop cannot grow the table for ever */
  g_hash_table_iter_init (&iter, self->tokens);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (token_expires (self, value) <= now)
      g_hash_table_iter_remove (&iter);

  token->login = g_strdup (login);
  token->issued_us = now;
  token->replaces = g_strdup (replaces);
  g_hash_table_insert (self->tokens, g_strdup (secret), token);

  return secret;
}

/* Whether @secret is a known, unexpired access token; streams opened with it
 * end when it stops being one (see the API profile). */
gboolean
_bourse_demo_broker_token_is_live (BourseDemoBroker  *self,
                                   const char        *secret,
                                   GError           **error)
{
  Token *token = secret != NULL ? g_hash_table_lookup (self->tokens, secret) : NULL;

  if (token == NULL)
    {
      g_set_error (error, BOURSE_SERVER_ERROR, BOURSE_SERVER_ERROR_UNAUTHORIZED,
                   "Unknown or revoked access token");
      return FALSE;
    }
  if (g_get_real_time () >= token_expires (self, token))
    {
      g_set_error (error, BOURSE_SERVER_ERROR, BOURSE_SERVER_ERROR_UNAUTHORIZED, "Access token expired");
      return FALSE;
    }
  return TRUE;
}

/* The user behind the request's bearer token, or NULL with an UNAUTHORIZED error. */
static const DemoUser *
authenticate (BourseDemoBroker  *self,
              SoupServerMessage *msg,
              GError           **error)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *authorization = soup_message_headers_get_one (headers, "Authorization");
  const char *secret;
  Token *token;

  if (authorization == NULL || g_ascii_strncasecmp (authorization, "Bearer ", 7) != 0)
    {
      g_set_error (error, BOURSE_SERVER_ERROR, BOURSE_SERVER_ERROR_UNAUTHORIZED,
                   "Authorization required: send 'Authorization: Bearer <token>'");
      return NULL;
    }

  secret = authorization + 7;
  while (*secret == ' ')
    secret++;
  token = g_hash_table_lookup (self->tokens, secret);
  if (token == NULL)
    {
      g_set_error (error, BOURSE_SERVER_ERROR, BOURSE_SERVER_ERROR_UNAUTHORIZED,
                   "Unknown or revoked access token");
      return NULL;
    }

  if (g_get_real_time () >= token_expires (self, token))
    {
      g_hash_table_remove (self->tokens, secret);
      g_set_error (error, BOURSE_SERVER_ERROR, BOURSE_SERVER_ERROR_UNAUTHORIZED, "Access token expired");
      return NULL;
    }

  /* OAuth refresh: the previous tokens stay valid until this one is first used */
  while (token->replaces != NULL)
    {
      g_autofree char *previous = g_steal_pointer (&token->replaces);
      Token *replaced = g_hash_table_lookup (self->tokens, previous);

      if (replaced != NULL)
        token->replaces = g_steal_pointer (&replaced->replaces);
      g_hash_table_remove (self->tokens, previous);
    }

  return find_user (token->login);
}

static gboolean
parse_uint_param (GHashTable  *params,
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

static gboolean
parse_int_param (GHashTable  *params,
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

  respond_ok (msg, json_builder_get_root (builder));
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
      const DemoAccount *account = find_demo_account (user->account_ids[i]);

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

  respond_ok (msg, json_builder_get_root (builder));
}

static void
handle_authorize (BourseDemoBroker  *self,
                  SoupServerMessage *msg,
                  GHashTable        *form)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  const char *login = g_hash_table_lookup (form, "login");
  const char *password = g_hash_table_lookup (form, "password");
  const DemoUser *user = find_user (login);
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

  secret = issue_token (self, user->login, NULL);
  token = g_hash_table_lookup (self->tokens, secret);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "access_token");
  json_builder_add_string_value (builder, secret);
  json_builder_set_member_name (builder, "expiration");
  json_builder_add_int_value (builder, token_expires (self, token) / G_USEC_PER_SEC);
  json_builder_end_object (builder);
  respond_ok (msg, json_builder_get_root (builder));
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
  const DemoUser *user = find_user (login);
  g_autoptr(GUri) redirect = NULL;
  g_autoptr(GString) location = NULL;
  g_autofree char *code = NULL;
  g_autofree char *escaped_code = NULL;
  OAuthCode *entry;

  if (g_strcmp0 (response_type, "code") != 0)
    {
      respond_oauth_error (msg, "unsupported_response_type", "response_type must be 'code'");
      return;
    }
  if (g_strcmp0 (client_id, OAUTH_CLIENT_ID) != 0)
    {
      respond_oauth_error (msg, "unauthorized_client", "Unknown client_id");
      return;
    }
  if (redirect_uri == NULL || !(redirect = g_uri_parse (redirect_uri, G_URI_FLAGS_NONE, NULL)))
    {
      respond_oauth_error (msg, "invalid_request", "redirect_uri is missing or not an absolute URI");
      return;
    }
  if (user == NULL || g_strcmp0 (user->password, password) != 0)
    {
      respond_oauth_error (msg, "access_denied", "Invalid login or password");
      return;
    }

  code = new_secret (self, "code");
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
  g_autofree char *access = issue_token (self, login, replaces);
  char *refresh = new_secret (self, "rt");

  /* the grant outlives its access token: refreshing after expiry is the normal case */
  g_hash_table_insert (self->refresh_tokens, refresh, g_strconcat (login, "\n", access, NULL));

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "token_type");
  json_builder_add_string_value (builder, "bearer");
  json_builder_set_member_name (builder, "access_token");
  json_builder_add_string_value (builder, access);
  json_builder_set_member_name (builder, "expires_in");
  json_builder_add_int_value (builder, (gint64) ceil (token_lifetime (self)));
  json_builder_set_member_name (builder, "refresh_token");
  json_builder_add_string_value (builder, refresh);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  respond_node (msg, SOUP_STATUS_OK, root);
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
      respond_oauth_error (msg, "invalid_client", "Unknown client or wrong client_secret");
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
          respond_oauth_error (msg, "invalid_grant", "Unknown or expired authorization code");
          return;
        }
      if (g_strcmp0 (redirect_uri, entry->redirect_uri) != 0)
        {
          respond_oauth_error (msg, "invalid_grant", "redirect_uri does not match the authorization request");
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
          respond_oauth_error (msg, "invalid_grant", "Unknown or used refresh token");
          return;
        }
      parts = g_strsplit (grant, "\n", 2);
      /* the previous access token (if still alive) works until the new one is used */
      respond_oauth_tokens (self, msg, parts[0],
                            g_hash_table_contains (self->tokens, parts[1]) ? parts[1] : NULL);
    }
  else
    respond_oauth_error (msg, "unsupported_grant_type", "grant_type must be authorization_code or refresh_token");
}

static void
handle_logout (BourseDemoBroker  *self,
               SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *authorization = soup_message_headers_get_one (headers, "Authorization");

  if (authorization != NULL && strlen (authorization) > 7)
    g_hash_table_remove (self->tokens, authorization + 7);
  respond_ok (msg, NULL);
}

static void
handle_mapping (BourseDemoBroker  *self,
                SoupServerMessage *msg)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) root = NULL;
  guint n_specs;
  const BourseInstrumentSpec *specs = bourse_instrument_spec_get_all (&n_specs);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "symbols");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n_specs; i++)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "s");
      json_builder_add_string_value (builder, specs[i].tradingview);
      json_builder_set_member_name (builder, "f");
      json_builder_begin_array (builder);
      json_builder_add_string_value (builder, specs[i].name);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "fields");
  json_builder_begin_array (builder);
  json_builder_add_string_value (builder, "brokerSymbol");
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  respond_node (msg, SOUP_STATUS_OK, root);
}

static void
handle_symbol_info (BourseDemoBroker  *self,
                    SoupServerMessage *msg)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) root = NULL;
  guint n;
  const BourseInstrumentSpec *specs = bourse_instrument_spec_get_all (&n);
  static const char * const resolutions[] = { "1", "5", "15", "60", "1D", "1W" };
  static const char * const multipliers[] = { "1", "5", "15", "60" };

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "s");
  json_builder_add_string_value (builder, "ok");

#define STRING_COLUMN(column, expr) \
  json_builder_set_member_name (builder, column); \
  json_builder_begin_array (builder); \
  for (guint i = 0; i < n; i++) json_builder_add_string_value (builder, (expr)); \
  json_builder_end_array (builder);

  STRING_COLUMN ("symbol", specs[i].name)
  STRING_COLUMN ("ticker", specs[i].name)
  STRING_COLUMN ("description", specs[i].description)
  STRING_COLUMN ("currency", specs[i].quote_currency)
  STRING_COLUMN ("exchange-listed", specs[i].exchange)
  STRING_COLUMN ("exchange-traded", specs[i].exchange)
  STRING_COLUMN ("type", specs[i].type)
#undef STRING_COLUMN

  json_builder_set_member_name (builder, "minmovement");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    {
      double scale = pow (10, bourse_instrument_spec_decimals (&specs[i]));
      json_builder_add_int_value (builder, (gint64) llround (specs[i].min_tick * scale));
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "pricescale");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    json_builder_add_int_value (builder, (gint64) llround (pow (10, bourse_instrument_spec_decimals (&specs[i]))));
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "pointvalue");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    json_builder_add_double_value (builder, specs[i].multiplier);
  json_builder_end_array (builder);

  /* scalars: equal for every symbol */
  json_builder_set_member_name (builder, "timezone");
  json_builder_add_string_value (builder, "Etc/UTC");
  json_builder_set_member_name (builder, "session-regular");
  json_builder_add_string_value (builder, "24x7");
  json_builder_set_member_name (builder, "has-intraday");
  json_builder_add_boolean_value (builder, TRUE);
  json_builder_set_member_name (builder, "has-daily");
  json_builder_add_boolean_value (builder, TRUE);
  json_builder_set_member_name (builder, "has-weekly-and-monthly");
  json_builder_add_boolean_value (builder, TRUE);
  json_builder_set_member_name (builder, "bar-source");
  json_builder_add_string_value (builder, "trade");
  json_builder_set_member_name (builder, "supported-resolutions");
  json_builder_begin_array (builder);
  for (guint i = 0; i < G_N_ELEMENTS (resolutions); i++)
    json_builder_add_string_value (builder, resolutions[i]);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "intraday-multipliers");
  json_builder_begin_array (builder);
  for (guint i = 0; i < G_N_ELEMENTS (multipliers); i++)
    json_builder_add_string_value (builder, multipliers[i]);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  respond_node (msg, SOUP_STATUS_OK, root);
}

static void
handle_quotes (BourseDemoBroker  *self,
               SoupServerMessage *msg,
               GHashTable        *query,
               const DemoUser    *user)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  const char *symbols = query ? g_hash_table_lookup (query, "symbols") : NULL;
  const char *account_id = query ? g_hash_table_lookup (query, "accountId") : NULL;
  g_auto(GStrv) names = NULL;

  if (symbols == NULL || *symbols == '\0')
    {
      _bourse_demo_broker_respond_error (msg, SOUP_STATUS_OK, "Missing parameter 'symbols'");
      return;
    }

  names = g_strsplit (symbols, ",", -1);
  json_builder_begin_array (builder);
  for (guint i = 0; names[i] != NULL; i++)
    {
      const BourseInstrumentSpec *spec;
      BourseQuoteSnapshot quote;
      guint index;

      g_strstrip (names[i]);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "n");
      json_builder_add_string_value (builder, names[i]);
      if (!(spec = bourse_instrument_spec_lookup (names[i], &index)))
        {
          g_autofree char *errmsg = g_strdup_printf ("Unknown symbol '%s'", names[i]);

          json_builder_set_member_name (builder, "s");
          json_builder_add_string_value (builder, "error");
          json_builder_set_member_name (builder, "errmsg");
          json_builder_add_string_value (builder, errmsg);
          json_builder_end_object (builder);
          continue;
        }

      bourse_price_simulator_get_quote (self->simulator, index, &quote);
      json_builder_set_member_name (builder, "s");
      json_builder_add_string_value (builder, "ok");
      json_builder_set_member_name (builder, "v");
      json_builder_begin_object (builder);
#define PRICE(member, value) \
      json_builder_set_member_name (builder, member); \
      json_builder_add_double_value (builder, bourse_instrument_spec_round (spec, (value)));
      PRICE ("lp", quote.last)
      PRICE ("ask", quote.ask)
      PRICE ("bid", quote.bid)
      PRICE ("spread", quote.ask - quote.bid)
      PRICE ("open_price", quote.open)
      PRICE ("high_price", quote.high)
      PRICE ("low_price", quote.low)
      PRICE ("prev_close_price", quote.prev_close)
      PRICE ("ch", quote.last - quote.prev_close)
#undef PRICE
      json_builder_set_member_name (builder, "chp");
      json_builder_add_double_value (builder, round ((quote.last - quote.prev_close) / quote.prev_close * 1e4) / 100);
      json_builder_set_member_name (builder, "volume");
      json_builder_add_double_value (builder, round (quote.volume * 1e8) / 1e8);
      json_builder_set_member_name (builder, "ask_size");
      json_builder_add_double_value (builder, quote.ask_size);
      json_builder_set_member_name (builder, "bid_size");
      json_builder_add_double_value (builder, quote.bid_size);
      json_builder_set_member_name (builder, "t");
      json_builder_add_int_value (builder, quote.time);
      if (account_id != NULL && user_owns_account (user, account_id))
        {
          /* pip values move with cross rates: current ones, in the account's currency */
          double pip_value = bourse_matching_engine_get_pip_value (self->engine, account_id, spec->name);

          json_builder_set_member_name (builder, "buyPipValue");
          json_builder_add_double_value (builder, pip_value);
          json_builder_set_member_name (builder, "sellPipValue");
          json_builder_add_double_value (builder, pip_value);
        }
      json_builder_end_object (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  respond_ok (msg, json_builder_get_root (builder));
}

static void
handle_depth (BourseDemoBroker  *self,
              SoupServerMessage *msg,
              GHashTable        *query)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  const char *symbol = query ? g_hash_table_lookup (query, "symbol") : NULL;
  double bp[DEPTH_LEVELS], bs[DEPTH_LEVELS], ap[DEPTH_LEVELS], as[DEPTH_LEVELS];
  const BourseInstrumentSpec *spec;
  guint index;

  if (symbol == NULL || *symbol == '\0')
    {
      _bourse_demo_broker_respond_error (msg, SOUP_STATUS_OK, "Missing parameter 'symbol'");
      return;
    }
  if (!(spec = bourse_instrument_spec_lookup (symbol, &index)))
    {
      g_autofree char *errmsg = g_strdup_printf ("Unknown symbol '%s'", symbol);

      _bourse_demo_broker_respond_error (msg, SOUP_STATUS_OK, errmsg);
      return;
    }

  bourse_price_simulator_get_depth (self->simulator, index, bourse_price_simulator_get_time (self->simulator),
                                    DEPTH_LEVELS, bp, bs, ap, as);

  /* spec 1.3.27: both sides ascending by price */
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "asks");
  json_builder_begin_array (builder);
  for (guint i = 0; i < DEPTH_LEVELS; i++)
    {
      json_builder_begin_array (builder);
      json_builder_add_double_value (builder, ap[i]);
      json_builder_add_double_value (builder, as[i]);
      json_builder_end_array (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "bids");
  json_builder_begin_array (builder);
  for (guint i = DEPTH_LEVELS; i-- > 0;)
    {
      json_builder_begin_array (builder);
      json_builder_add_double_value (builder, bp[i]);
      json_builder_add_double_value (builder, bs[i]);
      json_builder_end_array (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  respond_ok (msg, json_builder_get_root (builder));
}

static void
append_column (GString                    *out,
               const char                 *name,
               const double               *values,
               gsize                       len,
               const BourseInstrumentSpec *spec)
{
  g_string_append_printf (out, ",\"%s\":[", name);
  for (gsize i = 0; i < len; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      if (spec != NULL)
        _bourse_demo_broker_format_price (out, spec, values[i]);
      else
        _bourse_demo_broker_format_number (out, round (values[i] * 1e8) / 1e8);
    }
  g_string_append_c (out, ']');
}

static void
handle_history (BourseDemoBroker  *self,
                SoupServerMessage *msg,
                GHashTable        *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BourseBars) bars = NULL;
  g_autoptr(GString) out = NULL;
  const char *symbol = query ? g_hash_table_lookup (query, "symbol") : NULL;
  const char *resolution = query ? g_hash_table_lookup (query, "resolution") : NULL;
  const BourseInstrumentSpec *spec;
  gint64 seconds, from = 0, to = 0;
  guint64 countback = 0;
  gboolean no_data;
  guint index;

  if (symbol == NULL && query != NULL)
    symbol = g_hash_table_lookup (query, "ticker");
  if (symbol == NULL || *symbol == '\0')
    {
      _bourse_demo_broker_respond_error (msg, SOUP_STATUS_OK, "Missing parameter 'symbol'");
      return;
    }
  if (!(spec = bourse_instrument_spec_lookup (symbol, &index)))
    {
      g_autofree char *errmsg = g_strdup_printf ("Unknown symbol '%s'", symbol);

      _bourse_demo_broker_respond_error (msg, SOUP_STATUS_OK, errmsg);
      return;
    }
  if (!bourse_price_simulator_parse_resolution (resolution, &seconds))
    {
      g_autofree char *errmsg =
        g_strdup_printf ("Unsupported resolution '%s' (use 1, 5, 15, 60, 1D or 1W)", resolution ? resolution : "");

      _bourse_demo_broker_respond_error (msg, SOUP_STATUS_OK, errmsg);
      return;
    }
  if (!parse_uint_param (query, "countback", 1000000, &countback, &error) ||
      (countback == 0 && !parse_int_param (query, "from", &from, &error)) ||
      !parse_int_param (query, "to", &to, &error))
    {
      _bourse_demo_broker_respond_gerror (msg, error);
      return;
    }
  if (countback == 0 && from > to)
    {
      _bourse_demo_broker_respond_error (msg, SOUP_STATUS_OK, "'from' is after 'to'");
      return;
    }

  bars = bourse_price_simulator_get_history (self->simulator, index, seconds, from, to,
                                             (guint) countback, &no_data);
  if (no_data)
    {
      respond_text (msg, SOUP_STATUS_OK, g_strdup ("{\"s\":\"no_data\"}"));
      return;
    }

  /* written by hand: prices at the instrument's precision, fast for 100k bars */
  out = g_string_sized_new (64 + bars->len * 64);
  g_string_append (out, "{\"s\":\"ok\",\"t\":[");
  for (gsize i = 0; i < bars->len; i++)
    g_string_append_printf (out, i ? ",%" G_GINT64_FORMAT : "%" G_GINT64_FORMAT, bars->time[i]);
  g_string_append_c (out, ']');
  append_column (out, "o", bars->open, bars->len, spec);
  append_column (out, "h", bars->high, bars->len, spec);
  append_column (out, "l", bars->low, bars->len, spec);
  append_column (out, "c", bars->close, bars->len, spec);
  append_column (out, "v", bars->volume, bars->len, NULL);
  g_string_append_c (out, '}');

  respond_text (msg, SOUP_STATUS_OK, g_string_free (g_steal_pointer (&out), FALSE));
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
  respond_ok (msg, json_builder_get_root (builder));

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

  if (!user_owns_account (user, account_id))
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

  if (item == NULL && is_get)
    {
      if (g_str_equal (section, "instruments"))
        result = bourse_matching_engine_dup_instruments (self->engine, account_id, &error);
      else if (g_str_equal (section, "state"))
        result = bourse_matching_engine_dup_state (self->engine, account_id, &error);
      else if (g_str_equal (section, "orders"))
        result = bourse_matching_engine_dup_orders (self->engine, account_id, &error);
      else if (g_str_equal (section, "positions"))
        result = bourse_matching_engine_dup_positions (self->engine, account_id, &error);
      else if (g_str_equal (section, "ordersHistory") || g_str_equal (section, "executions"))
        {
          guint64 max_count;

          if (!parse_uint_param (query, "maxCount", G_MAXUINT, &max_count, &error))
            {
              _bourse_demo_broker_respond_gerror (msg, error);
              return TRUE;
            }
          if (g_str_equal (section, "ordersHistory"))
            result = bourse_matching_engine_dup_orders_history (self->engine, account_id, (guint) max_count, &error);
          else
            result = bourse_matching_engine_dup_executions (self->engine, account_id,
                                                            query ? g_hash_table_lookup (query, "instrument") : NULL,
                                                            (guint) max_count, &error);
        }
      else
        return FALSE;
    }
  else if (item != NULL && is_get)
    {
      if (g_str_equal (section, "orders"))
        result = bourse_matching_engine_dup_order (self->engine, account_id, item, &error);
      else if (g_str_equal (section, "positions"))
        result = bourse_matching_engine_dup_position (self->engine, account_id, item, &error);
      else
        return FALSE;
    }
  else if (g_str_equal (section, "orders") && item == NULL && g_str_equal (method, "POST"))
    {
      g_autofree char *order_id = NULL;
      const char *request_id = query ? g_hash_table_lookup (query, "requestId") : NULL;

      order_id = bourse_matching_engine_place_order (self->engine, account_id, form, request_id, &error);
      if (order_id == NULL)
        {
          _bourse_demo_broker_respond_gerror (msg, error);
          return TRUE;
        }
      {
        g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

        json_builder_begin_object (builder);
        json_builder_set_member_name (builder, "orderId");
        json_builder_add_string_value (builder, order_id);
        json_builder_end_object (builder);
        result = json_builder_get_root (builder);
      }
    }
  else if (item != NULL && g_str_equal (section, "orders") && g_str_equal (method, "PUT"))
    {
      if (!bourse_matching_engine_modify_order (self->engine, account_id, item, form, &error))
        {
          _bourse_demo_broker_respond_gerror (msg, error);
          return TRUE;
        }
    }
  else if (item != NULL && g_str_equal (section, "orders") && g_str_equal (method, "DELETE"))
    {
      if (!bourse_matching_engine_cancel_order (self->engine, account_id, item, &error))
        {
          _bourse_demo_broker_respond_gerror (msg, error);
          return TRUE;
        }
    }
  else if (item != NULL && g_str_equal (section, "positions") && g_str_equal (method, "PUT"))
    {
      if (!bourse_matching_engine_modify_position (self->engine, account_id, item, form, &error))
        {
          _bourse_demo_broker_respond_gerror (msg, error);
          return TRUE;
        }
    }
  else if (item != NULL && g_str_equal (section, "positions") && g_str_equal (method, "DELETE"))
    {
      if (!bourse_matching_engine_close_position (self->engine, account_id, item, form, &error))
        {
          _bourse_demo_broker_respond_gerror (msg, error);
          return TRUE;
        }
    }
  else
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

  respond_ok (msg, g_steal_pointer (&result));
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
      add_cors (msg);
      _bourse_demo_broker_respond_error (msg, SOUP_STATUS_LENGTH_REQUIRED,
                                         "Send the request body with a Content-Length, not chunked");
    }
  else if (soup_message_headers_get_content_length (headers) > MAX_REQUEST_BODY)
    {
      g_autofree char *errmsg = g_strdup_printf ("Request body too large: at most %d bytes", MAX_REQUEST_BODY);

      add_cors (msg);
      _bourse_demo_broker_respond_error (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, errmsg);
    }
}

void
_bourse_demo_broker_handle_request (SoupServer        *server,
                                    SoupServerMessage *msg,
                                    const char        *path,
                                    GHashTable        *query,
                                    gpointer           user_data)
{
  BourseDemoBroker *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) form = NULL;
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) segments = g_strsplit (path, "/", -1);
  const char *method = soup_server_message_get_method (msg);
  const DemoUser *user;
  gboolean handled = TRUE;
  const char *first;
  gboolean is_stream = FALSE;

  add_cors (msg);

  if (g_str_equal (method, "OPTIONS"))
    {
      SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

      soup_message_headers_replace (headers, "Access-Control-Allow-Methods", "GET, POST, PUT, DELETE, OPTIONS");
      soup_message_headers_replace (headers, "Access-Control-Allow-Headers", "Authorization, Content-Type");
      soup_message_headers_replace (headers, "Access-Control-Max-Age", "600");
      soup_server_message_set_status (msg, SOUP_STATUS_NO_CONTENT, NULL);
      return;
    }

  for (guint i = 0; segments[i] != NULL; i++)
    {
      char *segment;

      if (*segments[i] == '\0')
        continue;
      segment = g_uri_unescape_string (segments[i], "/");
      if (segment == NULL || !g_utf8_validate (segment, -1, NULL))
        {
          g_free (segment);
          _bourse_demo_broker_respond_error (msg, SOUP_STATUS_BAD_REQUEST, "Malformed request path");
          return;
        }
      g_ptr_array_add (parts, segment);
    }
  g_ptr_array_add (parts, NULL);
  first = parts->len > 1 ? g_ptr_array_index (parts, 0) : "";
  if (first == NULL)
    first = "";

  if (g_str_equal (method, "POST") || g_str_equal (method, "PUT") || g_str_equal (method, "DELETE"))
    form = decode_form (msg);
  else
    form = g_hash_table_new (g_str_hash, g_str_equal);

  if (g_str_equal (first, "_faults") && parts->len == 2)
    {
      handle_faults (self, msg, g_str_equal (method, "POST") ? form : NULL);
      return;
    }

  if (self->faults[FAULT_HTTP500_FRACTION] > 0 && g_rand_double (self->fault_rand) < self->faults[FAULT_HTTP500_FRACTION])
    {
      _bourse_demo_broker_respond_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "Injected fault: internal server error");
      goto out;
    }

  if (g_str_equal (first, "authorize") && g_str_equal (method, "POST"))
    handle_authorize (self, msg, form);
  else if (g_str_equal (first, "oauth") && parts->len == 3 &&
           g_str_equal (g_ptr_array_index (parts, 1), "authorize") && g_str_equal (method, "GET"))
    handle_oauth_authorize (self, msg, query);
  else if (g_str_equal (first, "oauth") && parts->len == 3 &&
           g_str_equal (g_ptr_array_index (parts, 1), "token") && g_str_equal (method, "POST"))
    handle_oauth_token (self, msg, form);
  else if (g_str_equal (first, "mapping") && g_str_equal (method, "GET"))
    handle_mapping (self, msg);
  else if (!(user = authenticate (self, msg, &error)))
    _bourse_demo_broker_respond_gerror (msg, error);
  else if (g_str_equal (first, "logout") && g_str_equal (method, "POST"))
    handle_logout (self, msg);
  else if (g_str_equal (first, "config") && g_str_equal (method, "GET"))
    handle_config (self, msg);
  else if (g_str_equal (first, "accounts") && parts->len == 2 && g_str_equal (method, "GET"))
    handle_accounts (self, msg, user);
  else if (g_str_equal (first, "accounts") && parts->len >= 3)
    {
      is_stream = parts->len == 5 && g_str_equal (g_ptr_array_index (parts, 2), "stream");
      handled = handle_account_path (self, msg, method, user, (char **) parts->pdata, parts->len - 1, query, form);
    }
  else if (g_str_equal (first, "quotes") && g_str_equal (method, "GET"))
    handle_quotes (self, msg, query, user);
  else if (g_str_equal (first, "depth") && g_str_equal (method, "GET"))
    handle_depth (self, msg, query);
  else if (g_str_equal (first, "history") && g_str_equal (method, "GET"))
    handle_history (self, msg, query);
  else if (g_str_equal (first, "symbol_info") && g_str_equal (method, "GET"))
    handle_symbol_info (self, msg);
  else if (g_str_equal (first, "streaming") && g_str_equal (method, "GET"))
    {
      _bourse_demo_broker_serve_prices (self, msg, query);
      is_stream = TRUE;
    }
  else
    handled = FALSE;

  if (!handled)
    {
      g_autofree char *errmsg = g_strdup_printf ("No endpoint %s %s", method, path);

      _bourse_demo_broker_respond_error (msg, SOUP_STATUS_NOT_FOUND, errmsg);
    }

out:
  if (self->faults[FAULT_LATENCY_MS] > 0 && !is_stream)
    {
      GSource *source = g_timeout_source_new ((guint) self->faults[FAULT_LATENCY_MS]);

      soup_server_message_pause (msg);
      g_source_set_callback (source, latency_elapsed_cb, g_object_ref (msg), g_object_unref);
      g_source_attach (source, self->context);
      g_source_unref (source);
    }
}

void
_bourse_demo_broker_add_demo_accounts (BourseMatchingEngine *engine)
{
  for (guint i = 0; i < G_N_ELEMENTS (demo_accounts); i++)
    bourse_matching_engine_add_account (engine, demo_accounts[i].id, demo_accounts[i].name,
                                        demo_accounts[i].currency, demo_accounts[i].balance);
}
