/* bourse-webhook-client.c — POSTs alert messages the way TradingView does
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <libsoup/soup.h>

#include "bourse-webhook-client.h"

struct _BourseWebhookClient
{
  GObject parent_instance;

  /* owned */
  SoupSession *session;

  guint        timeout_ms;
  guint        max_attempts;
  guint        retry_delay_ms;
  guint        allow_insecure_http : 1;
};

enum {
  PROP_0,
  PROP_TIMEOUT_MS,
  PROP_MAX_ATTEMPTS,
  PROP_RETRY_DELAY_MS,
  PROP_ALLOW_INSECURE_HTTP,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (BourseWebhookClient, bourse_webhook_client, G_TYPE_OBJECT)

typedef struct
{
  char         *url;
  char         *body;
  char         *content_type;
  char         *idempotency_key;
  GBytes       *bytes;
  GCancellable *attempt_cancellable;
  gulong        cancelled_id;
  guint         timeout_id;
  guint         max_attempts;
  guint         timeout_ms;
  guint         retry_delay_ms;
  guint         attempt;
  gint64        sent_at;
  gint64        attempt_started;
  gint64        latency;
  guint         status;
  int           error_code;
  char         *error_message;
  gboolean      timed_out;
} SendData;

static void
send_data_free (SendData *data)
{
  g_clear_handle_id (&data->timeout_id, g_source_remove);
  g_clear_pointer (&data->url, g_free);
  g_clear_pointer (&data->body, g_free);
  g_clear_pointer (&data->content_type, g_free);
  g_clear_pointer (&data->idempotency_key, g_free);
  g_clear_pointer (&data->error_message, g_free);
  g_clear_pointer (&data->bytes, g_bytes_unref);
  g_clear_object (&data->attempt_cancellable);
  g_free (data);
}

static void start_attempt (GTask *task);

static void
finish_delivery (GTask *task)
{
  SendData *data = g_task_get_task_data (task);
  BourseWebhookDelivery *delivery;

  delivery = g_object_new (BOURSE_TYPE_WEBHOOK_DELIVERY,
                           "url", data->url,
                           "body", data->body,
                           "content-type", data->content_type,
                           "idempotency-key", data->idempotency_key,
                           "sent-at", data->sent_at,
                           "status", data->status,
                           "latency", data->latency,
                           "attempts", data->attempt,
                           "error-message", data->error_message,
                           "error-code", data->error_code,
                           NULL);
  g_task_return_pointer (task, delivery, g_object_unref);
}

static gboolean
attempt_timed_out_cb (gpointer user_data)
{
  SendData *data = user_data;

  data->timeout_id = 0;
  data->timed_out = TRUE;
  g_cancellable_cancel (data->attempt_cancellable);
  return G_SOURCE_REMOVE;
}

static void
task_cancelled_cb (GCancellable *cancellable,
                   GCancellable *attempt_cancellable)
{
  g_cancellable_cancel (attempt_cancellable);
}

static gboolean
retry_timeout_cb (gpointer user_data)
{
  GTask *task = user_data;

  if (g_task_return_error_if_cancelled (task))
    return G_SOURCE_REMOVE;
  start_attempt (task);
  return G_SOURCE_REMOVE;
}

static gboolean
should_retry (SendData *data)
{
  if (data->attempt >= data->max_attempts)
    return FALSE;
  if (data->error_code == BOURSE_WEBHOOK_ERROR_TIMEOUT ||
      data->error_code == BOURSE_WEBHOOK_ERROR_NETWORK)
    return TRUE;
  return data->status == 408 || data->status == 429 || data->status >= 500;
}

static void
message_sent_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SendData *data = g_task_get_task_data (task);
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (object), result);
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);
  g_clear_handle_id (&data->timeout_id, g_source_remove);
  if (data->cancelled_id != 0)
    {
      g_cancellable_disconnect (g_task_get_cancellable (task), data->cancelled_id);
      data->cancelled_id = 0;
    }
  data->latency = g_get_monotonic_time () - data->attempt_started;

  if (g_task_return_error_if_cancelled (task))
    return;

  g_clear_pointer (&data->error_message, g_free);
  data->error_code = -1;
  data->status = msg != NULL ? soup_message_get_status (msg) : 0;
  if (error != NULL)
    {
      data->status = 0;
      if (data->timed_out)
        {
          data->error_code = BOURSE_WEBHOOK_ERROR_TIMEOUT;
          data->error_message = g_strdup_printf ("No answer within %u ms", data->timeout_ms);
        }
      else
        {
          data->error_code = BOURSE_WEBHOOK_ERROR_NETWORK;
          data->error_message = g_strdup (error->message);
        }
    }
  else if (data->status < 200 || data->status >= 300)
    {
      data->error_code = BOURSE_WEBHOOK_ERROR_HTTP;
      data->error_message = g_strdup_printf ("HTTP %u %s", data->status,
                                             soup_message_get_reason_phrase (msg)
                                               ? soup_message_get_reason_phrase (msg) : "");
    }

  if (should_retry (data))
    {
      guint delay = data->retry_delay_ms << MIN (data->attempt - 1, 4u);

      g_timeout_add (delay, retry_timeout_cb, g_object_ref (task));
      return;
    }
  finish_delivery (task);
}

static void
start_attempt (GTask *task)
{
  BourseWebhookClient *self = g_task_get_source_object (task);
  SendData *data = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autoptr(SoupMessage) msg = NULL;

  msg = soup_message_new (SOUP_METHOD_POST, data->url);
  if (msg == NULL)
    {
      data->error_code = BOURSE_WEBHOOK_ERROR_INVALID_URL;
      data->error_message = g_strdup_printf ("“%s” is not a valid URL", data->url);
      finish_delivery (task);
      return;
    }
  soup_message_set_request_body_from_bytes (msg, data->content_type, data->bytes);
  if (data->idempotency_key != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (msg),
                                  "Idempotency-Key", data->idempotency_key);

  data->attempt++;
  data->timed_out = FALSE;
  g_clear_object (&data->attempt_cancellable);
  data->attempt_cancellable = g_cancellable_new ();
  if (cancellable != NULL)
    data->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (task_cancelled_cb),
                                                g_object_ref (data->attempt_cancellable),
                                                g_object_unref);
  data->timeout_id = g_timeout_add (data->timeout_ms, attempt_timed_out_cb, data);
  data->attempt_started = g_get_monotonic_time ();
  if (data->attempt == 1)
    data->sent_at = g_get_real_time ();

  soup_session_send_and_read_async (self->session, msg, G_PRIORITY_DEFAULT,
                                    data->attempt_cancellable, message_sent_cb,
                                    g_object_ref (task));
}

static void
bourse_webhook_client_dispose (GObject *object)
{
  BourseWebhookClient *self = BOURSE_WEBHOOK_CLIENT (object);

  g_clear_object (&self->session);

  G_OBJECT_CLASS (bourse_webhook_client_parent_class)->dispose (object);
}

static void
bourse_webhook_client_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  BourseWebhookClient *self = BOURSE_WEBHOOK_CLIENT (object);

  switch (prop_id)
    {
    case PROP_TIMEOUT_MS: g_value_set_uint (value, self->timeout_ms); break;
    case PROP_MAX_ATTEMPTS: g_value_set_uint (value, self->max_attempts); break;
    case PROP_RETRY_DELAY_MS: g_value_set_uint (value, self->retry_delay_ms); break;
    case PROP_ALLOW_INSECURE_HTTP: g_value_set_boolean (value, self->allow_insecure_http); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bourse_webhook_client_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  BourseWebhookClient *self = BOURSE_WEBHOOK_CLIENT (object);

  switch (prop_id)
    {
    case PROP_TIMEOUT_MS: bourse_webhook_client_set_timeout_ms (self, g_value_get_uint (value)); break;
    case PROP_MAX_ATTEMPTS: bourse_webhook_client_set_max_attempts (self, g_value_get_uint (value)); break;
    case PROP_RETRY_DELAY_MS: bourse_webhook_client_set_retry_delay_ms (self, g_value_get_uint (value)); break;
    case PROP_ALLOW_INSECURE_HTTP: bourse_webhook_client_set_allow_insecure_http (self, g_value_get_boolean (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bourse_webhook_client_class_init (BourseWebhookClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->dispose = bourse_webhook_client_dispose;
  object_class->get_property = bourse_webhook_client_get_property;
  object_class->set_property = bourse_webhook_client_set_property;

  /* Budget of one attempt; TradingView cancels after 3 s. */
  properties[PROP_TIMEOUT_MS] =
    g_param_spec_uint ("timeout-ms", NULL, NULL, 1, 600000, BOURSE_WEBHOOK_DEFAULT_TIMEOUT_MS, rw);
  /* 1 = TradingView's single attempt; up to 5 with an Idempotency-Key. */
  properties[PROP_MAX_ATTEMPTS] =
    g_param_spec_uint ("max-attempts", NULL, NULL, 1, BOURSE_WEBHOOK_MAX_ATTEMPTS, 1, rw);
  properties[PROP_RETRY_DELAY_MS] =
    g_param_spec_uint ("retry-delay-ms", NULL, NULL, 0, 60000, 1000, rw);
  properties[PROP_ALLOW_INSECURE_HTTP] =
    g_param_spec_boolean ("allow-insecure-http", NULL, NULL, FALSE, rw);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bourse_webhook_client_init (BourseWebhookClient *self)
{
  self->timeout_ms = BOURSE_WEBHOOK_DEFAULT_TIMEOUT_MS;
  self->max_attempts = 1;
  self->retry_delay_ms = 1000;
  self->session = soup_session_new_with_options ("user-agent", "Bourse/" PACKAGE_VERSION " (webhook)",
                                                 NULL);
}

BourseWebhookClient *
bourse_webhook_client_new (void)
{
  return g_object_new (BOURSE_TYPE_WEBHOOK_CLIENT, NULL);
}

guint
bourse_webhook_client_get_timeout_ms (BourseWebhookClient *self)
{
  g_return_val_if_fail (BOURSE_IS_WEBHOOK_CLIENT (self), 0);
  return self->timeout_ms;
}

void
bourse_webhook_client_set_timeout_ms (BourseWebhookClient *self,
                                      guint                timeout_ms)
{
  g_return_if_fail (BOURSE_IS_WEBHOOK_CLIENT (self));
  g_return_if_fail (timeout_ms > 0);

  if (self->timeout_ms == timeout_ms)
    return;
  self->timeout_ms = timeout_ms;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT_MS]);
}

guint
bourse_webhook_client_get_max_attempts (BourseWebhookClient *self)
{
  g_return_val_if_fail (BOURSE_IS_WEBHOOK_CLIENT (self), 0);
  return self->max_attempts;
}

void
bourse_webhook_client_set_max_attempts (BourseWebhookClient *self,
                                        guint                max_attempts)
{
  g_return_if_fail (BOURSE_IS_WEBHOOK_CLIENT (self));

  max_attempts = CLAMP (max_attempts, 1, BOURSE_WEBHOOK_MAX_ATTEMPTS);
  if (self->max_attempts == max_attempts)
    return;
  self->max_attempts = max_attempts;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_ATTEMPTS]);
}

guint
bourse_webhook_client_get_retry_delay_ms (BourseWebhookClient *self)
{
  g_return_val_if_fail (BOURSE_IS_WEBHOOK_CLIENT (self), 0);
  return self->retry_delay_ms;
}

void
bourse_webhook_client_set_retry_delay_ms (BourseWebhookClient *self,
                                          guint                delay_ms)
{
  g_return_if_fail (BOURSE_IS_WEBHOOK_CLIENT (self));

  if (self->retry_delay_ms == delay_ms)
    return;
  self->retry_delay_ms = delay_ms;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RETRY_DELAY_MS]);
}

gboolean
bourse_webhook_client_get_allow_insecure_http (BourseWebhookClient *self)
{
  g_return_val_if_fail (BOURSE_IS_WEBHOOK_CLIENT (self), FALSE);
  return self->allow_insecure_http;
}

void
bourse_webhook_client_set_allow_insecure_http (BourseWebhookClient *self,
                                               gboolean             allow)
{
  g_return_if_fail (BOURSE_IS_WEBHOOK_CLIENT (self));

  allow = !!allow;
  if (self->allow_insecure_http == allow)
    return;
  self->allow_insecure_http = allow;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ALLOW_INSECURE_HTTP]);
}

void
bourse_webhook_client_send_async (BourseWebhookClient *self,
                                  const char          *url,
                                  const char          *body,
                                  const char          *idempotency_key,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  SendData *data;

  g_return_if_fail (BOURSE_IS_WEBHOOK_CLIENT (self));
  g_return_if_fail (url != NULL);
  g_return_if_fail (body != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  /* Through an integer: ISO C has no function-to-object pointer conversion. */
  g_task_set_source_tag (task, (gpointer) (guintptr) bourse_webhook_client_send_async);

  data = g_new0 (SendData, 1);
  data->url = g_strdup (url);
  data->body = g_strdup (body);
  data->content_type = g_strdup (bourse_webhook_content_type_for (body));
  data->bytes = g_bytes_new (data->body, strlen (data->body));
  data->max_attempts = self->max_attempts;
  data->timeout_ms = self->timeout_ms;
  data->retry_delay_ms = self->retry_delay_ms;
  data->error_code = -1;
  if (data->max_attempts > 1)
    data->idempotency_key = idempotency_key ? g_strdup (idempotency_key) : g_uuid_string_random ();
  g_task_set_task_data (task, data, (GDestroyNotify) send_data_free);

  if (!bourse_webhook_check_url (url, self->allow_insecure_http, &error))
    {
      data->sent_at = g_get_real_time ();
      data->error_code = error->code;
      data->error_message = g_strdup (error->message);
      finish_delivery (task);
      return;
    }
  start_attempt (task);
}

BourseWebhookDelivery *
bourse_webhook_client_send_finish (BourseWebhookClient  *self,
                                   GAsyncResult         *result,
                                   GError              **error)
{
  g_return_val_if_fail (BOURSE_IS_WEBHOOK_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
bourse_webhook_client_resend_async (BourseWebhookClient   *self,
                                    BourseWebhookDelivery *previous,
                                    GCancellable          *cancellable,
                                    GAsyncReadyCallback    callback,
                                    gpointer               user_data)
{
  g_return_if_fail (BOURSE_IS_WEBHOOK_DELIVERY (previous));

  bourse_webhook_client_send_async (self,
                                    bourse_webhook_delivery_get_url (previous),
                                    bourse_webhook_delivery_get_body (previous),
                                    bourse_webhook_delivery_get_idempotency_key (previous),
                                    cancellable, callback, user_data);
}
