/* bourse-broker-auth.c — BourseBrokerClient's authorization: password and OAuth tokens, shared re-authorization after a 401
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "bourse-broker-client-private.h"
#include "bourse-json.h"


/* ---- authorization ---- */

static gboolean
take_password_token (BourseBrokerClient  *self,
                     JsonNode            *root,
                     GError             **error)
{
  JsonObject *d = _bourse_json_get_object (json_node_get_object (root), "d");

  _bourse_broker_client_set_access_token_internal (self, _bourse_json_get_string (d, "access_token"));
  return TRUE;
}

static gboolean
take_oauth_token (BourseBrokerClient *self,
                  JsonNode           *root)
{
  JsonObject *o = json_node_get_object (root);
  const char *refresh = _bourse_json_get_string (o, "refresh_token");

  if (refresh != NULL)
    {
      g_free (self->refresh_token);
      self->refresh_token = g_strdup (refresh);
    }
  _bourse_broker_client_set_access_token_internal (self, _bourse_json_get_string (o, "access_token"));
  return TRUE;
}

/* A login refused by the broker is an AUTH error whatever form it took. */
static GError *
as_auth_error (GError *error)
{
  if (error->domain == BOURSE_BROKER_ERROR &&
      (error->code == BOURSE_BROKER_ERROR_REJECTED || error->code == BOURSE_BROKER_ERROR_HTTP_STATUS))
    error->code = BOURSE_BROKER_ERROR_AUTH;
  return error;
}

static void
token_call_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  BourseBrokerClient *self = BOURSE_BROKER_CLIENT (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = bourse_broker_client_call_finish (self, result, &error);

  if (root == NULL)
    {
      g_task_return_error (task, as_auth_error (g_steal_pointer (&error)));
      return;
    }
  if (GPOINTER_TO_INT (g_task_get_task_data (task)) == BOURSE_SCHEMA_OAUTH_TOKEN)
    take_oauth_token (self, root);
  else
    take_password_token (self, root, NULL);
  g_task_return_boolean (task, TRUE);
}

static void
start_token_call (BourseBrokerClient  *self,
                  BourseParams        *form,
                  BourseSchema         schema,
                  gpointer             source_tag,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, GINT_TO_POINTER (schema), NULL);
  bourse_broker_client_call_async (self, "POST",
                                   schema == BOURSE_SCHEMA_OAUTH_TOKEN ? "/oauth/token" : "/authorize",
                                   NULL, form, schema, BOURSE_CALL_NONE,
                                   cancellable, token_call_cb, task);
}

void
bourse_broker_client_authorize_async (BourseBrokerClient  *self,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  BourseParams *form;

  g_return_if_fail (BOURSE_IS_BROKER_CLIENT (self));

  if (self->login == NULL || self->password == NULL)
    {
      g_task_report_new_error (self, callback, user_data, SOURCE_TAG (bourse_broker_client_authorize_async),
                               BOURSE_BROKER_ERROR, BOURSE_BROKER_ERROR_AUTH, "No login and password given");
      return;
    }
  form = bourse_params_new ();
  bourse_params_add (form, "login", self->login);
  bourse_params_add (form, "password", self->password);
  if (self->locale != NULL)
    bourse_params_add (form, "locale", self->locale);
  start_token_call (self, form, BOURSE_SCHEMA_AUTHORIZE, SOURCE_TAG (bourse_broker_client_authorize_async),
                    cancellable, callback, user_data);
}

gboolean
bourse_broker_client_authorize_finish (BourseBrokerClient  *self,
                                       GAsyncResult        *result,
                                       GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

char *
bourse_broker_client_build_oauth_authorize_uri (BourseBrokerClient *self,
                                                const char         *state,
                                                const char         *extra_query)
{
  g_autoptr(BourseParams) query = bourse_params_new ();
  g_autofree char *encoded = NULL;

  g_return_val_if_fail (BOURSE_IS_BROKER_CLIENT (self), NULL);

  bourse_params_add (query, "response_type", "code");
  bourse_params_add (query, "client_id", self->oauth_client_id);
  bourse_params_add (query, "redirect_uri", self->oauth_redirect_uri);
  bourse_params_add (query, "state", state);
  encoded = bourse_params_encode (query);
  return g_strdup_printf ("%s/oauth/authorize?%s%s%s", self->base_url, encoded != NULL ? encoded : "",
                          extra_query != NULL ? "&" : "", extra_query != NULL ? extra_query : "");
}

void
bourse_broker_client_oauth_exchange_code_async (BourseBrokerClient  *self,
                                                const char          *code,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data)
{
  BourseParams *form;

  g_return_if_fail (BOURSE_IS_BROKER_CLIENT (self));
  g_return_if_fail (code != NULL);

  form = bourse_params_new ();
  bourse_params_add (form, "grant_type", "authorization_code");
  bourse_params_add (form, "code", code);
  bourse_params_add (form, "client_id", self->oauth_client_id);
  bourse_params_add (form, "client_secret", self->oauth_client_secret);
  bourse_params_add (form, "redirect_uri", self->oauth_redirect_uri);
  start_token_call (self, form, BOURSE_SCHEMA_OAUTH_TOKEN, SOURCE_TAG (bourse_broker_client_oauth_exchange_code_async),
                    cancellable, callback, user_data);
}

gboolean
bourse_broker_client_oauth_exchange_code_finish (BourseBrokerClient  *self,
                                                 GAsyncResult        *result,
                                                 GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
bourse_broker_client_oauth_refresh_async (BourseBrokerClient  *self,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  BourseParams *form;

  g_return_if_fail (BOURSE_IS_BROKER_CLIENT (self));

  if (self->refresh_token == NULL)
    {
      g_task_report_new_error (self, callback, user_data, SOURCE_TAG (bourse_broker_client_oauth_refresh_async),
                               BOURSE_BROKER_ERROR, BOURSE_BROKER_ERROR_AUTH, "No refresh token");
      return;
    }
  form = bourse_params_new ();
  bourse_params_add (form, "grant_type", "refresh_token");
  bourse_params_add (form, "refresh_token", self->refresh_token);
  bourse_params_add (form, "client_id", self->oauth_client_id);
  bourse_params_add (form, "client_secret", self->oauth_client_secret);
  start_token_call (self, form, BOURSE_SCHEMA_OAUTH_TOKEN, SOURCE_TAG (bourse_broker_client_oauth_refresh_async),
                    cancellable, callback, user_data);
}

gboolean
bourse_broker_client_oauth_refresh_finish (BourseBrokerClient  *self,
                                           GAsyncResult        *result,
                                           GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
reauthorize_done_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  BourseBrokerClient *self = BOURSE_BROKER_CLIENT (object);
  g_autoptr(GPtrArray) waiters = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (g_task_get_source_tag (G_TASK (result)) == SOURCE_TAG (bourse_broker_client_oauth_refresh_async))
    ok = bourse_broker_client_oauth_refresh_finish (self, result, &error);
  else
    ok = bourse_broker_client_authorize_finish (self, result, &error);

  self->reauth_in_flight = FALSE;
  waiters = g_steal_pointer (&self->reauth_waiters);
  self->reauth_waiters = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < waiters->len; i++)
    {
      GTask *waiter = g_ptr_array_index (waiters, i);
      if (ok)
        g_task_return_boolean (waiter, TRUE);
      else
        g_task_return_error (waiter, g_error_copy (error));
    }
  g_object_unref (self);
}

/* Gets a new token after @failed_token was refused. If another call already
 * replaced it, returns at once; if a re-authorization is in flight, waits for it. */
void
_bourse_broker_client_reauthorize_async (BourseBrokerClient  *self,
                                         const char          *failed_token,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, SOURCE_TAG (_bourse_broker_client_reauthorize_async));

  if (!self->reauth_in_flight && self->access_token != NULL && g_strcmp0 (self->access_token, failed_token) != 0)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  g_ptr_array_add (self->reauth_waiters, g_steal_pointer (&task));
  if (self->reauth_in_flight)
    return;

  self->reauth_in_flight = TRUE;
  if (g_strcmp0 (self->access_token, failed_token) == 0)
    _bourse_broker_client_set_access_token_internal (self, NULL);
  /* Not tied to one caller's cancellable: others may be waiting on it too. */
  if (self->refresh_token != NULL && self->oauth_client_id != NULL)
    bourse_broker_client_oauth_refresh_async (self, NULL, reauthorize_done_cb, g_object_ref (self));
  else
    bourse_broker_client_authorize_async (self, NULL, reauthorize_done_cb, g_object_ref (self));
}

gboolean
_bourse_broker_client_reauthorize_finish (BourseBrokerClient  *self,
                                          GAsyncResult        *result,
                                          GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
