/* bourse-broker-call.c — the generic REST call (token, timeout, retries, 401 re-authorization, validation) and its parameters
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "bourse-api-exchange-private.h"
#include "bourse-broker-client-private.h"
#include "bourse-json.h"

/* ---- parameters ---- */

struct _BourseParams
{
  GPtrArray *pairs;  /* name, value, name, value… */
};

BourseParams *
bourse_params_new (void)
{
  BourseParams *params = g_new0 (BourseParams, 1);

  params->pairs = g_ptr_array_new_with_free_func (g_free);
  return params;
}

void
bourse_params_free (BourseParams *params)
{
  if (params == NULL)
    return;
  g_ptr_array_unref (params->pairs);
  g_free (params);
}

void
bourse_params_add (BourseParams *params,
                   const char   *name,
                   const char   *value)
{
  if (value == NULL)
    return;
  g_ptr_array_add (params->pairs, g_strdup (name));
  g_ptr_array_add (params->pairs, g_strdup (value));
}

void
bourse_params_add_number (BourseParams *params,
                          const char   *name,
                          double        value)
{
  g_ptr_array_add (params->pairs, g_strdup (name));
  g_ptr_array_add (params->pairs, _bourse_format_number (value));
}

void
bourse_params_add_int (BourseParams *params,
                       const char   *name,
                       gint64        value)
{
  g_ptr_array_add (params->pairs, g_strdup (name));
  g_ptr_array_add (params->pairs, g_strdup_printf ("%" G_GINT64_FORMAT, value));
}

char *
bourse_params_encode (BourseParams *params)
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
bourse_broker_client_call_async (BourseBrokerClient  *self,
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
    query = bourse_params_new ();
  if (self->locale != NULL && (flags & BOURSE_CALL_NO_LOCALE) == 0)
    bourse_params_add (query, "locale", self->locale);
  query_string = bourse_params_encode (query);

  call = g_new0 (Call, 1);
  call->method = g_strdup (method);
  call->path_and_query = query_string != NULL ? g_strconcat (path, "?", query_string, NULL) : g_strdup (path);
  call->endpoint = g_strdup_printf ("%s %s", method, path);
  call->form = bourse_params_encode (form);
  call->schema = schema;
  call->flags = flags;
  bourse_params_free (query);
  bourse_params_free (form);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, SOURCE_TAG (bourse_broker_client_call_async));
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
bourse_broker_client_call_finish (BourseBrokerClient  *self,
                                  GAsyncResult        *result,
                                  GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
