/* bourse-broker-client.c — BourseBrokerClient: the REST API for Brokers, one _async/_finish pair per endpoint
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "bourse-api-exchange-private.h"
#include "bourse-broker-client-private.h"
#include "bourse-depth-private.h"
#include "bourse-json.h"
#include "bourse-models-private.h"

/* GTask source tags are function addresses; going through an integer keeps
 * -Wpedantic quiet about function-to-object pointer conversions. */
#define SOURCE_TAG(func) ((gpointer) (guintptr) (func))

#define DEFAULT_TIMEOUT_S   15
#define DEFAULT_MAX_RETRIES 2

struct _BourseBrokerClient
{
  GObject      parent_instance;

  /* owned */
  char        *base_url;        /* without a trailing '/' */
  SoupSession *session;         /* REST */
  SoupSession *stream_session;  /* endless responses: no socket timeout */
  char        *login;
  char        *password;
  char        *oauth_client_id;
  char        *oauth_client_secret;
  char        *oauth_redirect_uri;
  char        *access_token;
  char        *refresh_token;
  char        *locale;
  GPtrArray   *reauth_waiters;  /* GTask, waiting for the re-authorization in flight */

  guint        timeout;
  guint        max_retries;
  guint        reauth_in_flight : 1;
};

enum {
  PROP_0,
  PROP_BASE_URL,
  PROP_TIMEOUT,
  PROP_AUTHORIZED,
  N_PROPS
};

enum {
  EXCHANGE_FINISHED,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (BourseBrokerClient, bourse_broker_client, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* ---- parameters ---- */

struct _BourseParams
{
  GPtrArray *pairs;  /* name, value, name, value… */
};

BourseParams *
_bourse_params_new (void)
{
  BourseParams *params = g_new0 (BourseParams, 1);

  params->pairs = g_ptr_array_new_with_free_func (g_free);
  return params;
}

void
_bourse_params_free (BourseParams *params)
{
  if (params == NULL)
    return;
  g_ptr_array_unref (params->pairs);
  g_free (params);
}

void
_bourse_params_add (BourseParams *params,
                    const char   *name,
                    const char   *value)
{
  if (value == NULL)
    return;
  g_ptr_array_add (params->pairs, g_strdup (name));
  g_ptr_array_add (params->pairs, g_strdup (value));
}

void
_bourse_params_add_number (BourseParams *params,
                           const char   *name,
                           double        value)
{
  g_ptr_array_add (params->pairs, g_strdup (name));
  g_ptr_array_add (params->pairs, _bourse_format_number (value));
}

void
_bourse_params_add_int (BourseParams *params,
                        const char   *name,
                        gint64        value)
{
  g_ptr_array_add (params->pairs, g_strdup (name));
  g_ptr_array_add (params->pairs, g_strdup_printf ("%" G_GINT64_FORMAT, value));
}

char *
_bourse_params_encode (BourseParams *params)
{
  GString *out;

  if (params == NULL || params->pairs->len == 0)
    return NULL;
  out = g_string_new (NULL);
  for (guint i = 0; i + 1 < params->pairs->len; i += 2)
    {
      g_autofree char *name = g_uri_escape_string (g_ptr_array_index (params->pairs, i), NULL, FALSE);
      g_autofree char *value = g_uri_escape_string (g_ptr_array_index (params->pairs, i + 1), NULL, FALSE);

      if (out->len > 0)
        g_string_append_c (out, '&');
      g_string_append_printf (out, "%s=%s", name, value);
    }
  return g_string_free (out, FALSE);
}

/* ---- helpers ---- */

static gboolean
is_loopback_url (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  const char *host;

  if (uri == NULL || (host = g_uri_get_host (uri)) == NULL)
    return FALSE;
  return g_str_equal (host, "localhost") || g_str_has_prefix (host, "127.") ||
         g_str_equal (host, "::1") || g_str_equal (host, "[::1]");
}

static void
set_access_token (BourseBrokerClient *self,
                  const char         *token)
{
  gboolean was_authorized = self->access_token != NULL;

  if (g_strcmp0 (self->access_token, token) == 0)
    return;
  g_free (self->access_token);
  self->access_token = g_strdup (token);
  if (was_authorized != (self->access_token != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTHORIZED]);
}

void
_bourse_broker_client_emit_exchange (BourseBrokerClient *self,
                                     BourseApiExchange  *exchange)
{
  g_signal_emit (self, signals[EXCHANGE_FINISHED], 0, exchange);
}

gboolean
_bourse_broker_client_has_exchange_listeners (BourseBrokerClient *self)
{
  return g_signal_has_handler_pending (self, signals[EXCHANGE_FINISHED], 0, FALSE);
}

char *
_bourse_broker_client_build_uri (BourseBrokerClient *self,
                                 const char         *path_and_query)
{
  return g_strconcat (self->base_url, path_and_query, NULL);
}

SoupSession *
_bourse_broker_client_get_stream_session (BourseBrokerClient *self)
{
  return self->stream_session;
}

SoupMessage *
_bourse_broker_client_new_message (BourseBrokerClient  *self,
                                   const char          *method,
                                   const char          *path_and_query,
                                   char               **sent_token)
{
  g_autofree char *uri = _bourse_broker_client_build_uri (self, path_and_query);
  SoupMessage *msg = soup_message_new (method, uri);

  if (msg == NULL)
    return NULL;
  if (self->access_token != NULL)
    {
      g_autofree char *auth = g_strdup_printf ("Bearer %s", self->access_token);
      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
    }
  if (sent_token != NULL)
    *sent_token = g_strdup (self->access_token);
  return msg;
}

/* ---- the generic call ---- */

typedef struct
{
  char              *method;
  char              *path_and_query;
  char              *endpoint;       /* "GET /accounts/D1/orders": for errors */
  char              *form;
  char              *sent_token;
  GCancellable      *attempt_cancellable;
  SoupMessage       *msg;
  BourseApiExchange *exchange;
  BourseSchema       schema;
  BourseCallFlags    flags;
  gulong             cancelled_id;
  guint              timeout_id;
  guint              retry_id;
  guint              attempt;
  guint              reauthorized : 1;
  guint              timed_out : 1;
} Call;

static void
call_free (Call *call)
{
  g_clear_handle_id (&call->timeout_id, g_source_remove);
  g_clear_handle_id (&call->retry_id, g_source_remove);
  g_clear_pointer (&call->method, g_free);
  g_clear_pointer (&call->path_and_query, g_free);
  g_clear_pointer (&call->endpoint, g_free);
  g_clear_pointer (&call->form, g_free);
  g_clear_pointer (&call->sent_token, g_free);
  g_clear_object (&call->attempt_cancellable);
  g_clear_object (&call->msg);
  g_clear_object (&call->exchange);
  g_free (call);
}

static void send_attempt (GTask *task);

static void
finish_exchange (BourseBrokerClient *self,
                 Call               *call,
                 guint               status,
                 const char         *body,
                 gsize               body_size,
                 GPtrArray          *violations,
                 const GError       *error)
{
  g_autofree char *redacted = NULL;

  if (call->exchange == NULL)
    return;
  /* Only the token endpoints answer with secrets. */
  if (body != NULL && (call->schema == BOURSE_SCHEMA_AUTHORIZE || call->schema == BOURSE_SCHEMA_OAUTH_TOKEN))
    body = redacted = _bourse_redact_json_text (body, body_size);
  _bourse_api_exchange_complete (call->exchange, status, body, body_size, violations, error);
  _bourse_broker_client_emit_exchange (self, call->exchange);
  g_clear_object (&call->exchange);
}

static gboolean
caller_cancelled (GTask *task)
{
  GCancellable *cancellable = g_task_get_cancellable (task);
  return cancellable != NULL && g_cancellable_is_cancelled (cancellable);
}

static void
return_cancelled (GTask *task)
{
  Call *call = g_task_get_task_data (task);

  g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                           "%s: cancelled", call->endpoint);
}

static gboolean
retry_timeout_cb (gpointer user_data)
{
  GTask *task = user_data;
  Call *call = g_task_get_task_data (task);

  call->retry_id = 0;
  if (caller_cancelled (task))
    return_cancelled (task);
  else
    send_attempt (task);
  g_object_unref (task);
  return G_SOURCE_REMOVE;
}

/* Returns TRUE if a retry was scheduled (the task stays pending). */
static gboolean
maybe_retry (GTask *task,
             guint  retry_after_ms)
{
  BourseBrokerClient *self = g_task_get_source_object (task);
  Call *call = g_task_get_task_data (task);
  guint delay_ms;

  if ((call->flags & BOURSE_CALL_RETRY) == 0 || call->attempt >= self->max_retries || caller_cancelled (task))
    return FALSE;
  /* A Retry-After longer than the call may take is a no: give up now. */
  if (retry_after_ms > self->timeout * 1000)
    return FALSE;
  call->attempt++;
  /* 100 ms, 200 ms, 400 ms… with ±25 % jitter so clients don't retry in step. */
  delay_ms = 100u << MIN (call->attempt - 1, 5u);
  delay_ms = delay_ms * 3 / 4 + g_random_int_range (0, (gint32) delay_ms / 2 + 1);
  delay_ms = MAX (delay_ms, retry_after_ms);
  call->retry_id = g_timeout_add (delay_ms, retry_timeout_cb, g_object_ref (task));
  return TRUE;
}

static void
reauthorize_for_call_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  BourseBrokerClient *self = BOURSE_BROKER_CLIENT (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!_bourse_broker_client_reauthorize_finish (self, result, &error))
    {
      if (bourse_broker_error_is_cancelled (error) || caller_cancelled (task))
        return_cancelled (task);
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  send_attempt (task);
}

static void
call_sent_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  BourseBrokerClient *self = g_task_get_source_object (task);
  Call *call = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) violations = NULL;
  g_autofree char *body = NULL;
  const char *errmsg = NULL;
  gsize body_size = 0;
  guint status;

  bytes = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);
  g_clear_handle_id (&call->timeout_id, g_source_remove);
  g_cancellable_disconnect (g_task_get_cancellable (task), call->cancelled_id);
  call->cancelled_id = 0;

  if (bytes == NULL)
    {
      g_autoptr(GError) mapped = NULL;

      if (caller_cancelled (task))
        {
          mapped = g_error_new (G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s: cancelled", call->endpoint);
          finish_exchange (self, call, 0, NULL, 0, NULL, mapped);
          g_task_return_error (task, g_steal_pointer (&mapped));
          return;
        }
      if (call->timed_out)
        mapped = g_error_new (BOURSE_BROKER_ERROR, BOURSE_BROKER_ERROR_TIMEOUT,
                              "%s: no answer within %u s", call->endpoint, self->timeout);
      else
        mapped = bourse_broker_error_new_full (BOURSE_BROKER_ERROR_TRANSPORT, call->endpoint, error->message);
      finish_exchange (self, call, 0, NULL, 0, NULL, mapped);
      if (!maybe_retry (task, 0))
        g_task_return_error (task, g_steal_pointer (&mapped));
      return;
    }

  status = soup_message_get_status (call->msg);
  body_size = g_bytes_get_size (bytes);
  body = g_strndup (g_bytes_get_data (bytes, NULL), body_size);

  if (status == SOUP_STATUS_UNAUTHORIZED && (call->flags & BOURSE_CALL_AUTH) != 0 && !call->reauthorized)
    {
      g_autoptr(GError) auth_error = bourse_broker_error_new_http_status (call->endpoint, status, "Unauthorized");

      finish_exchange (self, call, status, body, body_size, NULL, auth_error);
      call->reauthorized = TRUE;
      _bourse_broker_client_reauthorize_async (self, call->sent_token, g_task_get_cancellable (task),
                                               reauthorize_for_call_cb, g_object_ref (task));
      return;
    }

  if (status != SOUP_STATUS_OK)
    {
      g_autoptr(JsonNode) err_root = _bourse_json_parse (body, body_size, NULL);
      g_autoptr(GError) status_error = NULL;
      const char *reason = soup_message_get_reason_phrase (call->msg);

      if (err_root != NULL && bourse_schema_is_rejection (err_root, &errmsg) && errmsg != NULL)
        reason = errmsg;
      status_error = bourse_broker_error_new_http_status (call->endpoint, status, reason);
      finish_exchange (self, call, status, body, body_size, NULL, status_error);
      /* 5xx and 429 may pass; honour the server's Retry-After (seconds) if any */
      if (status >= 500 || status == 429 /* Too Many Requests */)
        {
          const char *retry_after = soup_message_headers_get_one (soup_message_get_response_headers (call->msg),
                                                                  "Retry-After");
          guint64 seconds = 0;

          if (retry_after != NULL && !g_ascii_string_to_unsigned (retry_after, 10, 0, 3600, &seconds, NULL))
            seconds = 0;
          if (maybe_retry (task, (guint) seconds * 1000))
            return;
        }
      g_task_return_error (task, g_steal_pointer (&status_error));
      return;
    }

  root = _bourse_json_parse (body, body_size, &error);
  if (root == NULL)
    {
      g_autoptr(GError) protocol = bourse_broker_error_new_protocol (call->endpoint, "$", error->message);
      finish_exchange (self, call, status, body, body_size, NULL, protocol);
      g_task_return_error (task, g_steal_pointer (&protocol));
      return;
    }

  violations = bourse_schema_validate (call->schema, root, BOURSE_SCHEMA_FLAGS_NONE);
  if (violations->len > 0)
    {
      const BourseSchemaViolation *first = g_ptr_array_index (violations, 0);
      g_autoptr(GError) protocol = bourse_broker_error_new_protocol (call->endpoint, first->path, first->message);

      finish_exchange (self, call, status, body, body_size, violations, protocol);
      g_task_return_error (task, g_steal_pointer (&protocol));
      return;
    }

  if (bourse_schema_is_rejection (root, &errmsg))
    {
      g_autoptr(GError) rejected = bourse_broker_error_new_rejected (call->endpoint, errmsg);
      finish_exchange (self, call, status, body, body_size, NULL, rejected);
      g_task_return_error (task, g_steal_pointer (&rejected));
      return;
    }

  finish_exchange (self, call, status, body, body_size, NULL, NULL);
  g_task_return_pointer (task, g_steal_pointer (&root), (GDestroyNotify) json_node_unref);
}

static gboolean
call_timeout_cb (gpointer user_data)
{
  Call *call = user_data;

  call->timeout_id = 0;
  call->timed_out = TRUE;
  g_cancellable_cancel (call->attempt_cancellable);
  return G_SOURCE_REMOVE;
}

static void
caller_cancelled_cb (GCancellable *cancellable,
                     gpointer      user_data)
{
  GCancellable *attempt_cancellable = user_data;
  g_cancellable_cancel (attempt_cancellable);
}

static void
send_attempt (GTask *task)
{
  BourseBrokerClient *self = g_task_get_source_object (task);
  Call *call = g_task_get_task_data (task);

  if ((call->flags & BOURSE_CALL_AUTH) != 0 && self->access_token == NULL)
    {
      if (call->reauthorized)
        {
          g_task_return_new_error (task, BOURSE_BROKER_ERROR, BOURSE_BROKER_ERROR_AUTH,
                                   "%s: not logged in", call->endpoint);
          return;
        }
      /* Log in first (with the stored credentials), then send. */
      call->reauthorized = TRUE;
      _bourse_broker_client_reauthorize_async (self, NULL, g_task_get_cancellable (task),
                                               reauthorize_for_call_cb, g_object_ref (task));
      return;
    }

  g_clear_object (&call->msg);
  g_clear_pointer (&call->sent_token, g_free);
  call->msg = _bourse_broker_client_new_message (self, call->method, call->path_and_query,
                                                 (call->flags & BOURSE_CALL_AUTH) ? &call->sent_token : NULL);
  if (call->msg == NULL)
    {
      g_task_return_new_error (task, BOURSE_BROKER_ERROR, BOURSE_BROKER_ERROR_TRANSPORT,
                               "%s: invalid URL %s%s", call->endpoint, self->base_url, call->path_and_query);
      return;
    }
  if ((call->flags & BOURSE_CALL_AUTH) == 0)
    soup_message_headers_remove (soup_message_get_request_headers (call->msg), "Authorization");
  if (call->form != NULL)
    {
      g_autoptr(GBytes) body = g_bytes_new (call->form, strlen (call->form));
      soup_message_set_request_body_from_bytes (call->msg, "application/x-www-form-urlencoded", body);
    }

  g_clear_object (&call->exchange);
  {
    g_autofree char *uri = _bourse_broker_client_build_uri (self, call->path_and_query);
    call->exchange = _bourse_api_exchange_new (BOURSE_API_EXCHANGE_REST, call->method, uri,
                                               call->path_and_query, call->form,
                                               (call->flags & BOURSE_CALL_AUTH) != 0);
  }

  g_clear_object (&call->attempt_cancellable);
  call->attempt_cancellable = g_cancellable_new ();
  call->timed_out = FALSE;
  if (g_task_get_cancellable (task) != NULL)
    call->cancelled_id = g_cancellable_connect (g_task_get_cancellable (task),
                                                G_CALLBACK (caller_cancelled_cb),
                                                g_object_ref (call->attempt_cancellable),
                                                g_object_unref);
  call->timeout_id = g_timeout_add (self->timeout * 1000, call_timeout_cb, call);
  soup_session_send_and_read_async (self->session, call->msg, G_PRIORITY_DEFAULT,
                                    call->attempt_cancellable, call_sent_cb, g_object_ref (task));
}

void
_bourse_broker_client_call_async (BourseBrokerClient  *self,
                                  const char          *method,
                                  const char          *path,
                                  BourseParams        *query,
                                  BourseParams        *form,
                                  BourseSchema         schema,
                                  BourseCallFlags      flags,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *query_string = NULL;
  Call *call;

  g_return_if_fail (BOURSE_IS_BROKER_CLIENT (self));

  if (query == NULL)
    query = _bourse_params_new ();
  if (self->locale != NULL && (flags & BOURSE_CALL_NO_LOCALE) == 0)
    _bourse_params_add (query, "locale", self->locale);
  query_string = _bourse_params_encode (query);

  call = g_new0 (Call, 1);
  call->method = g_strdup (method);
  call->path_and_query = query_string != NULL ? g_strconcat (path, "?", query_string, NULL) : g_strdup (path);
  call->endpoint = g_strdup_printf ("%s %s", method, path);
  call->form = _bourse_params_encode (form);
  call->schema = schema;
  call->flags = flags;
  _bourse_params_free (query);
  _bourse_params_free (form);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, SOURCE_TAG (_bourse_broker_client_call_async));
  /* Cancellation is reported by return_cancelled(), naming the endpoint,
   * after the exchange was recorded for the inspector. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, call, (GDestroyNotify) call_free);

  if (cancellable != NULL && g_cancellable_is_cancelled (cancellable))
    {
      return_cancelled (task);
      return;
    }
  send_attempt (task);
}

JsonNode *
_bourse_broker_client_call_finish (BourseBrokerClient  *self,
                                   GAsyncResult        *result,
                                   GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- authorization ---- */

static gboolean
take_password_token (BourseBrokerClient  *self,
                     JsonNode            *root,
                     GError             **error)
{
  JsonObject *d = _bourse_json_get_object (json_node_get_object (root), "d");

  set_access_token (self, _bourse_json_get_string (d, "access_token"));
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
  set_access_token (self, _bourse_json_get_string (o, "access_token"));
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
  g_autoptr(JsonNode) root = _bourse_broker_client_call_finish (self, result, &error);

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
  _bourse_broker_client_call_async (self, "POST",
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
  form = _bourse_params_new ();
  _bourse_params_add (form, "login", self->login);
  _bourse_params_add (form, "password", self->password);
  if (self->locale != NULL)
    _bourse_params_add (form, "locale", self->locale);
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
  g_autoptr(BourseParams) query = _bourse_params_new ();
  g_autofree char *encoded = NULL;

  g_return_val_if_fail (BOURSE_IS_BROKER_CLIENT (self), NULL);

  _bourse_params_add (query, "response_type", "code");
  _bourse_params_add (query, "client_id", self->oauth_client_id);
  _bourse_params_add (query, "redirect_uri", self->oauth_redirect_uri);
  _bourse_params_add (query, "state", state);
  encoded = _bourse_params_encode (query);
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

  form = _bourse_params_new ();
  _bourse_params_add (form, "grant_type", "authorization_code");
  _bourse_params_add (form, "code", code);
  _bourse_params_add (form, "client_id", self->oauth_client_id);
  _bourse_params_add (form, "client_secret", self->oauth_client_secret);
  _bourse_params_add (form, "redirect_uri", self->oauth_redirect_uri);
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
  form = _bourse_params_new ();
  _bourse_params_add (form, "grant_type", "refresh_token");
  _bourse_params_add (form, "refresh_token", self->refresh_token);
  _bourse_params_add (form, "client_id", self->oauth_client_id);
  _bourse_params_add (form, "client_secret", self->oauth_client_secret);
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
    set_access_token (self, NULL);
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

/* ---- endpoint plumbing ---- */

typedef gpointer (*ConvertFunc) (JsonNode *root, GError **error);

static void
endpoint_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = _bourse_broker_client_call_finish (BOURSE_BROKER_CLIENT (object), result, &error);

  if (root == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, g_steal_pointer (&root), (GDestroyNotify) json_node_unref);
}

static void
endpoint_call (BourseBrokerClient  *self,
               gpointer             source_tag,
               const char          *method,
               const char          *path,
               BourseParams        *query,
               BourseParams        *form,
               BourseSchema         schema,
               BourseCallFlags      flags,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_check_cancellable (task, FALSE);
  _bourse_broker_client_call_async (self, method, path, query, form, schema,
                                    flags | BOURSE_CALL_AUTH, cancellable, endpoint_cb, task);
}

static JsonNode *
endpoint_finish (BourseBrokerClient  *self,
                 GAsyncResult        *result,
                 gpointer             source_tag,
                 GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static JsonNode *
payload_of (JsonNode *root)
{
  return _bourse_json_get_member (json_node_get_object (root), "d");
}

typedef gpointer (*FromJsonFunc) (JsonObject *object);

static GPtrArray *
list_from_payload (JsonNode     *root,
                   FromJsonFunc  from_json)
{
  JsonArray *array = json_node_get_array (payload_of (root));
  GPtrArray *list = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < json_array_get_length (array); i++)
    g_ptr_array_add (list, from_json (json_array_get_object_element (array, i)));
  return list;
}

static char *
account_path (const char *account_id,
              const char *suffix,
              const char *item_id)
{
  g_autofree char *account = g_uri_escape_string (account_id, NULL, FALSE);
  g_autofree char *item = item_id != NULL ? g_uri_escape_string (item_id, NULL, FALSE) : NULL;

  if (item != NULL)
    return g_strdup_printf ("/accounts/%s/%s/%s", account, suffix, item);
  return g_strdup_printf ("/accounts/%s/%s", account, suffix);
}

static void
add_order_fields (BourseParams             *form,
                  const BourseOrderRequest *request,
                  gboolean                  placing)
{
  if (placing)
    {
      _bourse_params_add (form, "instrument", request->instrument);
      _bourse_params_add (form, "side", bourse_side_to_string (request->side));
      _bourse_params_add (form, "type", bourse_order_type_to_string (request->type));
    }
  _bourse_params_add_number (form, "qty", request->qty);
  if (request->limit_price != 0)
    _bourse_params_add_number (form, "limitPrice", request->limit_price);
  if (request->stop_price != 0)
    _bourse_params_add_number (form, "stopPrice", request->stop_price);
  if (request->stop_loss != 0)
    _bourse_params_add_number (form, "stopLoss", request->stop_loss);
  if (request->take_profit != 0)
    _bourse_params_add_number (form, "takeProfit", request->take_profit);
  if (request->duration_type != NULL)
    _bourse_params_add (form, "durationType", request->duration_type);
  if (request->duration_datetime != 0)
    _bourse_params_add_int (form, "durationDateTime", request->duration_datetime);
  if (request->current_ask != 0)
    _bourse_params_add_number (form, "currentAsk", request->current_ask);
  if (request->current_bid != 0)
    _bourse_params_add_number (form, "currentBid", request->current_bid);
}

/* ---- endpoints ---- */

void
bourse_broker_client_logout_async (BourseBrokerClient  *self,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  endpoint_call (self, SOURCE_TAG (bourse_broker_client_logout_async), "POST", "/logout", NULL, NULL,
                 BOURSE_SCHEMA_ACTION, BOURSE_CALL_NONE, cancellable, callback, user_data);
}

gboolean
bourse_broker_client_logout_finish (BourseBrokerClient  *self,
                                    GAsyncResult        *result,
                                    GError             **error)
{
  g_autoptr(JsonNode) root = endpoint_finish (self, result, SOURCE_TAG (bourse_broker_client_logout_async), error);

  if (root == NULL)
    return FALSE;
  set_access_token (self, NULL);
  g_clear_pointer (&self->refresh_token, g_free);
  return TRUE;
}

void
bourse_broker_client_get_config_async (BourseBrokerClient  *self,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  endpoint_call (self, SOURCE_TAG (bourse_broker_client_get_config_async), "GET", "/config", NULL, NULL,
                 BOURSE_SCHEMA_CONFIG, BOURSE_CALL_RETRY, cancellable, callback, user_data);
}

JsonNode *
bourse_broker_client_get_config_finish (BourseBrokerClient  *self,
                                        GAsyncResult        *result,
                                        GError             **error)
{
  g_autoptr(JsonNode) root = endpoint_finish (self, result, SOURCE_TAG (bourse_broker_client_get_config_async), error);

  return root != NULL ? json_node_ref (payload_of (root)) : NULL;
}

void
bourse_broker_client_get_accounts_async (BourseBrokerClient  *self,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  endpoint_call (self, SOURCE_TAG (bourse_broker_client_get_accounts_async), "GET", "/accounts", NULL, NULL,
                 BOURSE_SCHEMA_ACCOUNTS, BOURSE_CALL_RETRY, cancellable, callback, user_data);
}

GPtrArray *
bourse_broker_client_get_accounts_finish (BourseBrokerClient  *self,
                                          GAsyncResult        *result,
                                          GError             **error)
{
  g_autoptr(JsonNode) root = endpoint_finish (self, result, SOURCE_TAG (bourse_broker_client_get_accounts_async), error);

  return root != NULL ? list_from_payload (root, (FromJsonFunc) _bourse_account_new_from_json) : NULL;
}

void
bourse_broker_client_get_instruments_async (BourseBrokerClient  *self,
                                            const char          *account_id,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  g_autofree char *path = account_path (account_id, "instruments", NULL);

  endpoint_call (self, SOURCE_TAG (bourse_broker_client_get_instruments_async), "GET", path, NULL, NULL,
                 BOURSE_SCHEMA_INSTRUMENTS, BOURSE_CALL_RETRY, cancellable, callback, user_data);
}

GPtrArray *
bourse_broker_client_get_instruments_finish (BourseBrokerClient  *self,
                                             GAsyncResult        *result,
                                             GError             **error)
{
  g_autoptr(JsonNode) root = endpoint_finish (self, result, SOURCE_TAG (bourse_broker_client_get_instruments_async), error);

  return root != NULL ? list_from_payload (root, (FromJsonFunc) _bourse_instrument_new_from_json) : NULL;
}

void
bourse_broker_client_get_state_async (BourseBrokerClient  *self,
                                      const char          *account_id,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autofree char *path = account_path (account_id, "state", NULL);

  endpoint_call (self, SOURCE_TAG (bourse_broker_client_get_state_async), "GET", path, NULL, NULL,
                 BOURSE_SCHEMA_ACCOUNT_STATE, BOURSE_CALL_RETRY, cancellable, callback, user_data);
}

BourseAccountState *
bourse_broker_client_get_state_finish (BourseBrokerClient  *self,
                                       GAsyncResult        *result,
                                       GError             **error)
{
  g_autoptr(JsonNode) root = endpoint_finish (self, result, SOURCE_TAG (bourse_broker_client_get_state_async), error);

  return root != NULL ? _bourse_account_state_new_from_json (json_node_get_object (payload_of (root))) : NULL;
}

void
bourse_broker_client_get_orders_async (BourseBrokerClient  *self,
                                       const char          *account_id,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autofree char *path = account_path (account_id, "orders", NULL);

  endpoint_call (self, SOURCE_TAG (bourse_broker_client_get_orders_async), "GET", path, NULL, NULL,
                 BOURSE_SCHEMA_ORDERS, BOURSE_CALL_RETRY, cancellable, callback, user_data);
}

GPtrArray *
bourse_broker_client_get_orders_finish (BourseBrokerClient  *self,
                                        GAsyncResult        *result,
                                        GError             **error)
{
  g_autoptr(JsonNode) root = endpoint_finish (self, result, SOURCE_TAG (bourse_broker_client_get_orders_async), error);

  return root != NULL ? list_from_payload (root, (FromJsonFunc) _bourse_order_new_from_json) : NULL;
}

void
bourse_broker_client_get_order_async (BourseBrokerClient  *self,
                                      const char          *account_id,
                                      const char          *order_id,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autofree char *path = account_path (account_id, "orders", order_id);

  endpoint_call (self, SOURCE_TAG (bourse_broker_client_get_order_async), "GET", path, NULL, NULL,
                 BOURSE_SCHEMA_ORDER, BOURSE_CALL_RETRY, cancellable, callback, user_data);
}

BourseOrder *
bourse_broker_client_get_order_finish (BourseBrokerClient  *self,
                                       GAsyncResult        *result,
                                       GError             **error)
{
  g_autoptr(JsonNode) root = endpoint_finish (self, result, SOURCE_TAG (bourse_broker_client_get_order_async), error);

  return root != NULL ? _bourse_order_new_from_json (json_node_get_object (payload_of (root))) : NULL;
}

void
bourse_broker_client_get_orders_history_async (BourseBrokerClient  *self,
                                               const char          *account_id,
                                               guint                max_count,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data)
{
  g_autofree char *path = account_path (account_id, "ordersHistory", NULL);
  BourseParams *query = _bourse_params_new ();

  if (max_count > 0)
    _bourse_params_add_int (query, "maxCount", max_count);
  endpoint_call (self, SOURCE_TAG (bourse_broker_client_get_orders_history_async), "GET", path, query, NULL,
                 BOURSE_SCHEMA_ORDERS_HISTORY, BOURSE_CALL_RETRY, cancellable, callback, user_data);
}

GPtrArray *
bourse_broker_client_get_orders_history_finish (BourseBrokerClient  *self,
                                                GAsyncResult        *result,
                                                GError             **error)
{
  g_autoptr(JsonNode) root = endpoint_finish (self, result, SOURCE_TAG (bourse_broker_client_get_orders_history_async), error);

  return root != NULL ? list_from_payload (root, (FromJsonFunc) _bourse_order_new_from_json) : NULL;
}

void
bourse_broker_client_place_order_async (BourseBrokerClient       *self,
                                        const char               *account_id,
                                        const BourseOrderRequest *request,
                                        GCancellable             *cancellable,
                                        GAsyncReadyCallback       callback,
                                        gpointer                  user_data)
{
  g_autofree char *path = account_path (account_id, "orders", NULL);
  g_autofree char *fallback_id = NULL;
  BourseParams *query = _bourse_params_new ();
  BourseParams *form = _bourse_params_new ();

  g_return_if_fail (request != NULL);

  /* The requestId makes the POST idempotent, so it may be retried like a GET. */
  if (request->request_id == NULL)
    fallback_id = g_uuid_string_random ();
  _bourse_params_add (query, "requestId", request->request_id != NULL ? request->request_id : fallback_id);
  add_order_fields (form, request, TRUE);
  endpoint_call (self, SOURCE_TAG (bourse_broker_client_place_order_async), "POST", path, query, form,
                 BOURSE_SCHEMA_PLACE_ORDER, BOURSE_CALL_RETRY, cancellable, callback, user_data);
}

char *
bourse_broker_client_place_order_finish (BourseBrokerClient  *self,
                                         GAsyncResult        *result,
                                         GError             **error)
{
  g_autoptr(JsonNode) root = endpoint_finish (self, result, SOURCE_TAG (bourse_broker_client_place_order_async), error);

  return root != NULL ? _bourse_json_dup_id (json_node_get_object (payload_of (root)), "orderId") : NULL;
}

void
bourse_broker_client_preview_order_async (BourseBrokerClient       *self,
                                          const char               *account_id,
                                          const BourseOrderRequest *request,
                                          GCancellable             *cancellable,
                                          GAsyncReadyCallback       callback,
                                          gpointer                  user_data)
{
  g_autofree char *path = account_path (account_id, "previewOrder", NULL);
  BourseParams *form = _bourse_params_new ();

  add_order_fields (form, request, TRUE);
  endpoint_call (self, SOURCE_TAG (bourse_broker_client_preview_order_async), "POST", path, NULL, form,
                 BOURSE_SCHEMA_PREVIEW_ORDER, BOURSE_CALL_RETRY, cancellable, callback, user_data);
}

JsonNode *
bourse_broker_client_preview_order_finish (BourseBrokerClient  *self,
                                           GAsyncResult        *result,
                                           GError             **error)
{
  g_autoptr(JsonNode) root = endpoint_finish (self, result, SOURCE_TAG (bourse_broker_client_preview_order_async), error);

  return root != NULL ? json_node_ref (payload_of (root)) : NULL;
}

void
bourse_broker_client_modify_order_async (BourseBrokerClient       *self,
                                         const char               *account_id,
                                         const char               *order_id,
                                         const BourseOrderRequest *request,
                                         GCancellable             *cancellable,
                                         GAsyncReadyCallback       callback,
                                         gpointer                  user_data)
{
  g_autofree char *path = account_path (account_id, "orders", order_id);
  BourseParams *form = _bourse_params_new ();

  add_order_fields (form, request, FALSE);
  /* Modifying twice to the same values is harmless: retry like a read. */
  endpoint_call (self, SOURCE_TAG (bourse_broker_client_modify_order_async), "PUT", path, NULL, form,
                 BOURSE_SCHEMA_ACTION, BOURSE_CALL_RETRY, cancellable, callback, user_data);
}

gboolean
bourse_broker_client_modify_order_finish (BourseBrokerClient  *self,
                                          GAsyncResult        *result,
                                          GError             **error)
{
  g_autoptr(JsonNode) root = endpoint_finish (self, result, SOURCE_TAG (bourse_broker_client_modify_order_async), error);
  return root != NULL;
}

void
bourse_broker_client_cancel_order_async (BourseBrokerClient  *self,
                                         const char          *account_id,
                                         const char          *order_id,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_autofree char *path = account_path (account_id, "orders", order_id);

  endpoint_call (self, SOURCE_TAG (bourse_broker_client_cancel_order_async), "DELETE", path, NULL, NULL,
                 BOURSE_SCHEMA_ACTION, BOURSE_CALL_NONE, cancellable, callback, user_data);
}

gboolean
bourse_broker_client_cancel_order_finish (BourseBrokerClient  *self,
                                          GAsyncResult        *result,
                                          GError             **error)
{
  g_autoptr(JsonNode) root = endpoint_finish (self, result, SOURCE_TAG (bourse_broker_client_cancel_order_async), error);
  return root != NULL;
}

void
bourse_broker_client_get_positions_async (BourseBrokerClient  *self,
                                          const char          *account_id,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_autofree char *path = account_path (account_id, "positions", NULL);

  endpoint_call (self, SOURCE_TAG (bourse_broker_client_get_positions_async), "GET", path, NULL, NULL,
                 BOURSE_SCHEMA_POSITIONS, BOURSE_CALL_RETRY, cancellable, callback, user_data);
}

GPtrArray *
bourse_broker_client_get_positions_finish (BourseBrokerClient  *self,
                                           GAsyncResult        *result,
                                           GError             **error)
{
  g_autoptr(JsonNode) root = endpoint_finish (self, result, SOURCE_TAG (bourse_broker_client_get_positions_async), error);

  return root != NULL ? list_from_payload (root, (FromJsonFunc) _bourse_position_new_from_json) : NULL;
}

void
bourse_broker_client_get_position_async (BourseBrokerClient  *self,
                                         const char          *account_id,
                                         const char          *position_id,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_autofree char *path = account_path (account_id, "positions", position_id);

  endpoint_call (self, SOURCE_TAG (bourse_broker_client_get_position_async), "GET", path, NULL, NULL,
                 BOURSE_SCHEMA_POSITION, BOURSE_CALL_RETRY, cancellable, callback, user_data);
}

BoursePosition *
bourse_broker_client_get_position_finish (BourseBrokerClient  *self,
                                          GAsyncResult        *result,
                                          GError             **error)
{
  g_autoptr(JsonNode) root = endpoint_finish (self, result, SOURCE_TAG (bourse_broker_client_get_position_async), error);

  return root != NULL ? _bourse_position_new_from_json (json_node_get_object (payload_of (root))) : NULL;
}

void
bourse_broker_client_modify_position_async (BourseBrokerClient  *self,
                                            const char          *account_id,
                                            const char          *position_id,
                                            double               stop_loss,
                                            double               take_profit,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  g_autofree char *path = account_path (account_id, "positions", position_id);
  BourseParams *form = _bourse_params_new ();

  if (stop_loss != 0)
    _bourse_params_add_number (form, "stopLoss", stop_loss);
  if (take_profit != 0)
    _bourse_params_add_number (form, "takeProfit", take_profit);
  endpoint_call (self, SOURCE_TAG (bourse_broker_client_modify_position_async), "PUT", path, NULL, form,
                 BOURSE_SCHEMA_ACTION, BOURSE_CALL_RETRY, cancellable, callback, user_data);
}

gboolean
bourse_broker_client_modify_position_finish (BourseBrokerClient  *self,
                                             GAsyncResult        *result,
                                             GError             **error)
{
  g_autoptr(JsonNode) root = endpoint_finish (self, result, SOURCE_TAG (bourse_broker_client_modify_position_async), error);
  return root != NULL;
}

void
bourse_broker_client_close_position_async (BourseBrokerClient  *self,
                                           const char          *account_id,
                                           const char          *position_id,
                                           double               amount,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  g_autofree char *path = account_path (account_id, "positions", position_id);
  BourseParams *form = NULL;

  if (amount > 0)
    {
      form = _bourse_params_new ();
      _bourse_params_add_number (form, "amount", amount);
    }
  endpoint_call (self, SOURCE_TAG (bourse_broker_client_close_position_async), "DELETE", path, NULL, form,
                 BOURSE_SCHEMA_ACTION, BOURSE_CALL_NONE, cancellable, callback, user_data);
}

gboolean
bourse_broker_client_close_position_finish (BourseBrokerClient  *self,
                                            GAsyncResult        *result,
                                            GError             **error)
{
  g_autoptr(JsonNode) root = endpoint_finish (self, result, SOURCE_TAG (bourse_broker_client_close_position_async), error);
  return root != NULL;
}

void
bourse_broker_client_reverse_position_async (BourseBrokerClient  *self,
                                             const char          *account_id,
                                             const char          *position_id,
                                             BourseSide           new_side,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data)
{
  g_autofree char *path = account_path (account_id, "positions", position_id);
  BourseParams *form = _bourse_params_new ();

  _bourse_params_add (form, "side", bourse_side_to_string (new_side));
  endpoint_call (self, SOURCE_TAG (bourse_broker_client_reverse_position_async), "PUT", path, NULL, form,
                 BOURSE_SCHEMA_ACTION, BOURSE_CALL_NONE, cancellable, callback, user_data);
}

gboolean
bourse_broker_client_reverse_position_finish (BourseBrokerClient  *self,
                                              GAsyncResult        *result,
                                              GError             **error)
{
  g_autoptr(JsonNode) root = endpoint_finish (self, result, SOURCE_TAG (bourse_broker_client_reverse_position_async), error);
  return root != NULL;
}

void
bourse_broker_client_get_executions_async (BourseBrokerClient  *self,
                                           const char          *account_id,
                                           const char          *instrument,
                                           guint                max_count,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  g_autofree char *path = account_path (account_id, "executions", NULL);
  BourseParams *query = _bourse_params_new ();

  _bourse_params_add (query, "instrument", instrument);
  if (max_count > 0)
    _bourse_params_add_int (query, "maxCount", max_count);
  endpoint_call (self, SOURCE_TAG (bourse_broker_client_get_executions_async), "GET", path, query, NULL,
                 BOURSE_SCHEMA_EXECUTIONS, BOURSE_CALL_RETRY, cancellable, callback, user_data);
}

GPtrArray *
bourse_broker_client_get_executions_finish (BourseBrokerClient  *self,
                                            GAsyncResult        *result,
                                            GError             **error)
{
  g_autoptr(JsonNode) root = endpoint_finish (self, result, SOURCE_TAG (bourse_broker_client_get_executions_async), error);

  return root != NULL ? list_from_payload (root, (FromJsonFunc) _bourse_execution_new_from_json) : NULL;
}

void
bourse_broker_client_get_balances_async (BourseBrokerClient  *self,
                                         const char          *account_id,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_autofree char *path = account_path (account_id, "balances", NULL);

  endpoint_call (self, SOURCE_TAG (bourse_broker_client_get_balances_async), "GET", path, NULL, NULL,
                 BOURSE_SCHEMA_BALANCES, BOURSE_CALL_RETRY, cancellable, callback, user_data);
}

JsonNode *
bourse_broker_client_get_balances_finish (BourseBrokerClient  *self,
                                          GAsyncResult        *result,
                                          GError             **error)
{
  g_autoptr(JsonNode) root = endpoint_finish (self, result, SOURCE_TAG (bourse_broker_client_get_balances_async), error);

  return root != NULL ? json_node_ref (payload_of (root)) : NULL;
}

void
bourse_broker_client_get_quotes_async (BourseBrokerClient  *self,
                                       const char          *account_id,
                                       const char * const  *symbols,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  BourseParams *query = _bourse_params_new ();
  g_autofree char *joined = g_strjoinv (",", (char **) symbols);

  _bourse_params_add (query, "accountId", account_id);
  _bourse_params_add (query, "symbols", joined);
  endpoint_call (self, SOURCE_TAG (bourse_broker_client_get_quotes_async), "GET", "/quotes", query, NULL,
                 BOURSE_SCHEMA_QUOTES, BOURSE_CALL_RETRY, cancellable, callback, user_data);
}

GPtrArray *
bourse_broker_client_get_quotes_finish (BourseBrokerClient  *self,
                                        GAsyncResult        *result,
                                        GError             **error)
{
  g_autoptr(JsonNode) root = endpoint_finish (self, result, SOURCE_TAG (bourse_broker_client_get_quotes_async), error);
  JsonArray *array;
  GPtrArray *list;

  if (root == NULL)
    return NULL;
  array = json_node_get_array (payload_of (root));
  list = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *entry = json_array_get_object_element (array, i);
      if (g_strcmp0 (_bourse_json_get_string (entry, "s"), "ok") == 0)
        g_ptr_array_add (list, _bourse_quote_new_from_entry (entry));
    }
  return list;
}

void
bourse_broker_client_get_depth_async (BourseBrokerClient  *self,
                                      const char          *account_id,
                                      const char          *symbol,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  BourseParams *query = _bourse_params_new ();
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, SOURCE_TAG (bourse_broker_client_get_depth_async));
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, g_strdup (symbol), g_free);
  _bourse_params_add (query, "accountId", account_id);
  _bourse_params_add (query, "symbol", symbol);
  _bourse_broker_client_call_async (self, "GET", "/depth", query, NULL, BOURSE_SCHEMA_DEPTH,
                                    BOURSE_CALL_AUTH | BOURSE_CALL_RETRY, cancellable, endpoint_cb, task);
}

BourseDepth *
bourse_broker_client_get_depth_finish (BourseBrokerClient  *self,
                                       GAsyncResult        *result,
                                       GError             **error)
{
  g_autoptr(JsonNode) root = endpoint_finish (self, result, SOURCE_TAG (bourse_broker_client_get_depth_async), error);
  BourseDepth *depth;

  if (root == NULL)
    return NULL;
  depth = _bourse_depth_new (g_task_get_task_data (G_TASK (result)));
  _bourse_depth_apply (depth, json_node_get_object (payload_of (root)));
  return depth;
}

void
bourse_broker_client_get_history_async (BourseBrokerClient  *self,
                                        const char          *symbol,
                                        const char          *resolution,
                                        gint64               from,
                                        gint64               to,
                                        guint                countback,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  BourseParams *query = _bourse_params_new ();

  _bourse_params_add (query, "symbol", symbol);
  _bourse_params_add (query, "resolution", resolution);
  _bourse_params_add_int (query, "from", from);
  _bourse_params_add_int (query, "to", to);
  if (countback > 0)
    _bourse_params_add_int (query, "countback", countback);
  endpoint_call (self, SOURCE_TAG (bourse_broker_client_get_history_async), "GET", "/history", query, NULL,
                 BOURSE_SCHEMA_HISTORY, BOURSE_CALL_RETRY | BOURSE_CALL_NO_LOCALE, cancellable, callback, user_data);
}

BourseBars *
bourse_broker_client_get_history_finish (BourseBrokerClient  *self,
                                         GAsyncResult        *result,
                                         gint64              *next_time,
                                         GError             **error)
{
  g_autoptr(JsonNode) root = endpoint_finish (self, result, SOURCE_TAG (bourse_broker_client_get_history_async), error);
  JsonObject *o;
  JsonArray *t, *op, *hi, *lo, *cl, *vo;
  g_autoptr(BourseBars) bars = NULL;
  guint n;

  if (next_time != NULL)
    *next_time = 0;
  if (root == NULL)
    return NULL;
  o = json_node_get_object (root);
  if (g_strcmp0 (_bourse_json_get_string (o, "s"), "no_data") == 0)
    {
      if (next_time != NULL && !_bourse_json_get_int64 (o, "nb", next_time))
        _bourse_json_get_int64 (o, "nextTime", next_time);
      return bourse_bars_new (0);
    }
  t = _bourse_json_get_array (o, "t");
  op = _bourse_json_get_array (o, "o");
  hi = _bourse_json_get_array (o, "h");
  lo = _bourse_json_get_array (o, "l");
  cl = _bourse_json_get_array (o, "c");
  vo = _bourse_json_get_array (o, "v");
  n = json_array_get_length (t);
  bars = bourse_bars_new (n);
  for (guint i = 0; i < n; i++)
    {
      double tv = 0, ov = 0, hv = 0, lv = 0, cv = 0, vv = 0;

      _bourse_json_node_get_number (json_array_get_element (t, i), &tv);
      _bourse_json_node_get_number (json_array_get_element (op, i), &ov);
      _bourse_json_node_get_number (json_array_get_element (hi, i), &hv);
      _bourse_json_node_get_number (json_array_get_element (lo, i), &lv);
      _bourse_json_node_get_number (json_array_get_element (cl, i), &cv);
      if (vo != NULL)
        _bourse_json_node_get_number (json_array_get_element (vo, i), &vv);
      if (!bourse_bars_append (bars, (gint64) tv, ov, hv, lv, cv, vv))
        {
          g_autofree char *path = g_strdup_printf ("$.t[%u]", i);
          g_propagate_error (error, bourse_broker_error_new_protocol ("GET /history", path,
                                                                      "expected a valid, ascending bar"));
          return NULL;
        }
    }
  return g_steal_pointer (&bars);
}

void
bourse_broker_client_get_symbol_info_async (BourseBrokerClient  *self,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  endpoint_call (self, SOURCE_TAG (bourse_broker_client_get_symbol_info_async), "GET", "/symbol_info", NULL, NULL,
                 BOURSE_SCHEMA_SYMBOL_INFO, BOURSE_CALL_RETRY | BOURSE_CALL_NO_LOCALE, cancellable, callback, user_data);
}

JsonNode *
bourse_broker_client_get_symbol_info_finish (BourseBrokerClient  *self,
                                             GAsyncResult        *result,
                                             GError             **error)
{
  return endpoint_finish (self, result, SOURCE_TAG (bourse_broker_client_get_symbol_info_async), error);
}

void
bourse_broker_client_get_mapping_async (BourseBrokerClient  *self,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, SOURCE_TAG (bourse_broker_client_get_mapping_async));
  g_task_set_check_cancellable (task, FALSE);
  /* /mapping needs no authorization. */
  _bourse_broker_client_call_async (self, "GET", "/mapping", NULL, NULL, BOURSE_SCHEMA_MAPPING,
                                    BOURSE_CALL_RETRY | BOURSE_CALL_NO_LOCALE, cancellable, endpoint_cb, task);
}

JsonNode *
bourse_broker_client_get_mapping_finish (BourseBrokerClient  *self,
                                         GAsyncResult        *result,
                                         GError             **error)
{
  return endpoint_finish (self, result, SOURCE_TAG (bourse_broker_client_get_mapping_async), error);
}

/* ---- GObject ---- */

static void
bourse_broker_client_constructed (GObject *object)
{
  BourseBrokerClient *self = BOURSE_BROKER_CLIENT (object);

  G_OBJECT_CLASS (bourse_broker_client_parent_class)->constructed (object);

  /* Our own per-call timeout replaces libsoup's per-socket one (platform notes §2.1). */
  self->session = soup_session_new_with_options ("timeout", 0, "max-conns-per-host", 8, NULL);
  self->stream_session = soup_session_new_with_options ("timeout", 0, "idle-timeout", 0,
                                                        "max-conns-per-host", 32, "max-conns", 64, NULL);
  if (self->base_url != NULL && is_loopback_url (self->base_url))
    {
      /* A CI http_proxy must never hijack 127.0.0.1 traffic. */
      soup_session_set_proxy_resolver (self->session, NULL);
      soup_session_set_proxy_resolver (self->stream_session, NULL);
    }
}

static void
bourse_broker_client_dispose (GObject *object)
{
  BourseBrokerClient *self = BOURSE_BROKER_CLIENT (object);

  /* libsoup 3.2 crashes if a connection outlives its manager: abort first. */
  if (self->session != NULL)
    soup_session_abort (self->session);
  if (self->stream_session != NULL)
    soup_session_abort (self->stream_session);
  g_clear_object (&self->session);
  g_clear_object (&self->stream_session);

  G_OBJECT_CLASS (bourse_broker_client_parent_class)->dispose (object);
}

static void
bourse_broker_client_finalize (GObject *object)
{
  BourseBrokerClient *self = BOURSE_BROKER_CLIENT (object);

  g_clear_pointer (&self->base_url, g_free);
  g_clear_pointer (&self->login, g_free);
  g_clear_pointer (&self->password, g_free);
  g_clear_pointer (&self->oauth_client_id, g_free);
  g_clear_pointer (&self->oauth_client_secret, g_free);
  g_clear_pointer (&self->oauth_redirect_uri, g_free);
  g_clear_pointer (&self->access_token, g_free);
  g_clear_pointer (&self->refresh_token, g_free);
  g_clear_pointer (&self->locale, g_free);
  g_clear_pointer (&self->reauth_waiters, g_ptr_array_unref);

  G_OBJECT_CLASS (bourse_broker_client_parent_class)->finalize (object);
}

static void
bourse_broker_client_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  BourseBrokerClient *self = BOURSE_BROKER_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      g_value_set_string (value, self->base_url);
      break;
    case PROP_TIMEOUT:
      g_value_set_uint (value, self->timeout);
      break;
    case PROP_AUTHORIZED:
      g_value_set_boolean (value, self->access_token != NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bourse_broker_client_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  BourseBrokerClient *self = BOURSE_BROKER_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      {
        const char *url = g_value_get_string (value);
        gsize len = url != NULL ? strlen (url) : 0;

        while (len > 0 && url[len - 1] == '/')
          len--;
        self->base_url = g_strndup (url != NULL ? url : "", len);
        break;
      }
    case PROP_TIMEOUT:
      bourse_broker_client_set_timeout (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bourse_broker_client_class_init (BourseBrokerClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = bourse_broker_client_constructed;
  object_class->dispose = bourse_broker_client_dispose;
  object_class->finalize = bourse_broker_client_finalize;
  object_class->get_property = bourse_broker_client_get_property;
  object_class->set_property = bourse_broker_client_set_property;

  properties[PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL, 1, 600, DEFAULT_TIMEOUT_S,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* TRUE while the client holds an access token. */
  properties[PROP_AUTHORIZED] =
    g_param_spec_boolean ("authorized", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * BourseBrokerClient::exchange-finished:
   * @exchange: the finished BourseApiExchange
   *
   * Emitted after every HTTP exchange and for stream traffic, for the API inspector.
   */
  signals[EXCHANGE_FINISHED] =
    g_signal_new ("exchange-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, BOURSE_TYPE_API_EXCHANGE);
}

static void
bourse_broker_client_init (BourseBrokerClient *self)
{
  self->timeout = DEFAULT_TIMEOUT_S;
  self->max_retries = DEFAULT_MAX_RETRIES;
  self->reauth_waiters = g_ptr_array_new_with_free_func (g_object_unref);
}

/* ---- public accessors ---- */

BourseBrokerClient *
bourse_broker_client_new (const char *base_url)
{
  g_return_val_if_fail (base_url != NULL, NULL);
  return g_object_new (BOURSE_TYPE_BROKER_CLIENT, "base-url", base_url, NULL);
}

const char *
bourse_broker_client_get_base_url (BourseBrokerClient *self)
{
  g_return_val_if_fail (BOURSE_IS_BROKER_CLIENT (self), NULL);
  return self->base_url;
}

guint
bourse_broker_client_get_timeout (BourseBrokerClient *self)
{
  g_return_val_if_fail (BOURSE_IS_BROKER_CLIENT (self), 0);
  return self->timeout;
}

void
bourse_broker_client_set_timeout (BourseBrokerClient *self,
                                  guint               seconds)
{
  g_return_if_fail (BOURSE_IS_BROKER_CLIENT (self));

  seconds = CLAMP (seconds, 1, 600);
  if (self->timeout == seconds)
    return;
  self->timeout = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT]);
}

void
bourse_broker_client_set_max_retries (BourseBrokerClient *self,
                                      guint               max_retries)
{
  g_return_if_fail (BOURSE_IS_BROKER_CLIENT (self));
  self->max_retries = MIN (max_retries, 10);
}

void
bourse_broker_client_set_locale (BourseBrokerClient *self,
                                 const char         *locale)
{
  g_return_if_fail (BOURSE_IS_BROKER_CLIENT (self));
  g_free (self->locale);
  self->locale = g_strdup (locale);
}

gboolean
bourse_broker_client_get_authorized (BourseBrokerClient *self)
{
  g_return_val_if_fail (BOURSE_IS_BROKER_CLIENT (self), FALSE);
  return self->access_token != NULL;
}

void
bourse_broker_client_set_password_credentials (BourseBrokerClient *self,
                                               const char         *login,
                                               const char         *password)
{
  g_return_if_fail (BOURSE_IS_BROKER_CLIENT (self));
  g_free (self->login);
  self->login = g_strdup (login);
  g_free (self->password);
  self->password = g_strdup (password);
}

void
bourse_broker_client_set_oauth_client (BourseBrokerClient *self,
                                       const char         *client_id,
                                       const char         *client_secret,
                                       const char         *redirect_uri)
{
  g_return_if_fail (BOURSE_IS_BROKER_CLIENT (self));
  g_free (self->oauth_client_id);
  self->oauth_client_id = g_strdup (client_id);
  g_free (self->oauth_client_secret);
  self->oauth_client_secret = g_strdup (client_secret);
  g_free (self->oauth_redirect_uri);
  self->oauth_redirect_uri = g_strdup (redirect_uri);
}

void
bourse_broker_client_set_access_token (BourseBrokerClient *self,
                                       const char         *token)
{
  g_return_if_fail (BOURSE_IS_BROKER_CLIENT (self));
  set_access_token (self, token);
}

const char *
bourse_broker_client_get_refresh_token (BourseBrokerClient *self)
{
  g_return_val_if_fail (BOURSE_IS_BROKER_CLIENT (self), NULL);
  return self->refresh_token;
}
