/* bourse-demo-broker-auth.c — the demo broker's users, accounts and access tokens
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Demo users and their accounts are fixed tables; tokens are random secrets
 * kept in memory with their issue time (the token-ttl fault shortens the life
 * of tokens already issued too). Used by the routes and the streams, it calls
 * neither.
 */

#include "config.h"

#include "bourse-demo-broker-private.h"
#include "bourse-server-error.h"

#include <math.h>
#include <string.h>

static const DemoUser demo_users[] = {
  { "demo", "demo", { "D1", "D2", NULL } },
  { "trader", "trader", { "T1", NULL, NULL } },
};

static const DemoAccount demo_accounts[] = {
  { "D1", "Demo USD", "USD", "$", 100000 },
  { "D2", "Demo EUR", "EUR", "€", 25000 },
  { "T1", "Trader USD", "USD", "$", 50000 },
};

const DemoUser *
_bourse_demo_broker_find_user (const char *login)
{
  for (guint i = 0; i < G_N_ELEMENTS (demo_users); i++)
    if (g_strcmp0 (demo_users[i].login, login) == 0)
      return &demo_users[i];
  return NULL;
}

const DemoAccount *
_bourse_demo_broker_find_demo_account (const char *account_id)
{
  for (guint i = 0; i < G_N_ELEMENTS (demo_accounts); i++)
    if (g_strcmp0 (demo_accounts[i].id, account_id) == 0)
      return &demo_accounts[i];
  return NULL;
}

gboolean
_bourse_demo_broker_user_owns_account (const DemoUser *user,
                                       const char     *account_id)
{
  for (guint i = 0; i < G_N_ELEMENTS (user->account_ids) && user->account_ids[i]; i++)
    if (g_str_equal (user->account_ids[i], account_id))
      return TRUE;
  return FALSE;
}

void
_bourse_demo_broker_token_free (gpointer data)
{
  Token *token = data;

  g_free (token->login);
  g_free (token->replaces);
  g_free (token);
}

void
_bourse_demo_broker_oauth_code_free (gpointer data)
{
  OAuthCode *code = data;

  g_free (code->login);
  g_free (code->redirect_uri);
  g_free (code);
}

char *
_bourse_demo_broker_new_secret (BourseDemoBroker *self,
                                const char       *prefix)
{
  g_autofree char *uuid = g_uuid_string_random ();

  return g_strdup_printf ("%s%" G_GUINT64_FORMAT "-%s", prefix, ++self->token_counter, uuid);
}

double
_bourse_demo_broker_token_lifetime (BourseDemoBroker *self)
{
  return self->faults[FAULT_TOKEN_TTL] > 0 ? self->faults[FAULT_TOKEN_TTL] : DEFAULT_TOKEN_TTL;
}

/* When (UNIX µs) a token expires: the token-ttl fault applies to tokens already issued too. */
gint64
_bourse_demo_broker_token_expires (BourseDemoBroker *self,
                                   const Token      *token)
{
  return token->issued_us + (gint64) (_bourse_demo_broker_token_lifetime (self) * G_USEC_PER_SEC);
}

char *
_bourse_demo_broker_issue_token (BourseDemoBroker *self,
                                 const char       *login,
                                 const char       *replaces)
{
  Token *token = g_new0 (Token, 1);
  char *secret = _bourse_demo_broker_new_secret (self, "at");
  gint64 now = g_get_real_time ();
  GHashTableIter iter;
  gpointer value;

  /* forget expired tokens so that a login loop cannot grow the table for ever */
  g_hash_table_iter_init (&iter, self->tokens);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (_bourse_demo_broker_token_expires (self, value) <= now)
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
  if (g_get_real_time () >= _bourse_demo_broker_token_expires (self, token))
    {
      g_set_error (error, BOURSE_SERVER_ERROR, BOURSE_SERVER_ERROR_UNAUTHORIZED, "Access token expired");
      return FALSE;
    }
  return TRUE;
}

/* The user behind the request's bearer token, or NULL with an UNAUTHORIZED error. */
const DemoUser *
_bourse_demo_broker_authenticate (BourseDemoBroker  *self,
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

  if (g_get_real_time () >= _bourse_demo_broker_token_expires (self, token))
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

  return _bourse_demo_broker_find_user (token->login);
}

void
_bourse_demo_broker_add_demo_accounts (BourseMatchingEngine *engine)
{
  for (guint i = 0; i < G_N_ELEMENTS (demo_accounts); i++)
    bourse_matching_engine_add_account (engine, demo_accounts[i].id, demo_accounts[i].name,
                                        demo_accounts[i].currency, demo_accounts[i].balance);
}
