/* bourse-webhook-delivery.c — one webhook delivery, as kept in the alert log
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "bourse-webhook-delivery.h"

struct _BourseWebhookDelivery
{
  GObject parent_instance;

  /* owned, all set at construction */
  char   *url;
  char   *body;
  char   *content_type;
  char   *idempotency_key;
  char   *error_message;
  gint64  sent_at;
  gint64  latency;
  guint   status;
  guint   attempts;
  int     error_code;
};

enum {
  PROP_0,
  PROP_URL,
  PROP_BODY,
  PROP_CONTENT_TYPE,
  PROP_IDEMPOTENCY_KEY,
  PROP_SENT_AT,
  PROP_STATUS,
  PROP_LATENCY,
  PROP_ATTEMPTS,
  PROP_ERROR_MESSAGE,
  PROP_ERROR_CODE,
  PROP_SUCCEEDED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (BourseWebhookDelivery, bourse_webhook_delivery, G_TYPE_OBJECT)

static void
bourse_webhook_delivery_finalize (GObject *object)
{
  BourseWebhookDelivery *self = BOURSE_WEBHOOK_DELIVERY (object);

  g_clear_pointer (&self->url, g_free);
  g_clear_pointer (&self->body, g_free);
  g_clear_pointer (&self->content_type, g_free);
  g_clear_pointer (&self->idempotency_key, g_free);
  g_clear_pointer (&self->error_message, g_free);

  G_OBJECT_CLASS (bourse_webhook_delivery_parent_class)->finalize (object);
}

static void
bourse_webhook_delivery_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  BourseWebhookDelivery *self = BOURSE_WEBHOOK_DELIVERY (object);

  switch (prop_id)
    {
    case PROP_URL: g_value_set_string (value, self->url); break;
    case PROP_BODY: g_value_set_string (value, self->body); break;
    case PROP_CONTENT_TYPE: g_value_set_string (value, self->content_type); break;
    case PROP_IDEMPOTENCY_KEY: g_value_set_string (value, self->idempotency_key); break;
    case PROP_SENT_AT: g_value_set_int64 (value, self->sent_at); break;
    case PROP_STATUS: g_value_set_uint (value, self->status); break;
    case PROP_LATENCY: g_value_set_int64 (value, self->latency); break;
    case PROP_ATTEMPTS: g_value_set_uint (value, self->attempts); break;
    case PROP_ERROR_MESSAGE: g_value_set_string (value, self->error_message); break;
    case PROP_ERROR_CODE: g_value_set_int (value, self->error_code); break;
    case PROP_SUCCEEDED: g_value_set_boolean (value, bourse_webhook_delivery_get_succeeded (self)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bourse_webhook_delivery_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  BourseWebhookDelivery *self = BOURSE_WEBHOOK_DELIVERY (object);

  switch (prop_id)
    {
    case PROP_URL: self->url = g_value_dup_string (value); break;
    case PROP_BODY: self->body = g_value_dup_string (value); break;
    case PROP_CONTENT_TYPE: self->content_type = g_value_dup_string (value); break;
    case PROP_IDEMPOTENCY_KEY: self->idempotency_key = g_value_dup_string (value); break;
    case PROP_SENT_AT: self->sent_at = g_value_get_int64 (value); break;
    case PROP_STATUS: self->status = g_value_get_uint (value); break;
    case PROP_LATENCY: self->latency = g_value_get_int64 (value); break;
    case PROP_ATTEMPTS: self->attempts = g_value_get_uint (value); break;
    case PROP_ERROR_MESSAGE: self->error_message = g_value_dup_string (value); break;
    case PROP_ERROR_CODE: self->error_code = g_value_get_int (value); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bourse_webhook_delivery_class_init (BourseWebhookDeliveryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                         G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = bourse_webhook_delivery_finalize;
  object_class->get_property = bourse_webhook_delivery_get_property;
  object_class->set_property = bourse_webhook_delivery_set_property;

  properties[PROP_URL] = g_param_spec_string ("url", NULL, NULL, NULL, ro);
  properties[PROP_BODY] = g_param_spec_string ("body", NULL, NULL, NULL, ro);
  properties[PROP_CONTENT_TYPE] = g_param_spec_string ("content-type", NULL, NULL, NULL, ro);
  properties[PROP_IDEMPOTENCY_KEY] = g_param_spec_string ("idempotency-key", NULL, NULL, NULL, ro);
  properties[PROP_SENT_AT] = g_param_spec_int64 ("sent-at", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_STATUS] = g_param_spec_uint ("status", NULL, NULL, 0, 999, 0, ro);
  properties[PROP_LATENCY] = g_param_spec_int64 ("latency", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_ATTEMPTS] = g_param_spec_uint ("attempts", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_ERROR_MESSAGE] = g_param_spec_string ("error-message", NULL, NULL, NULL, ro);
  properties[PROP_ERROR_CODE] = g_param_spec_int ("error-code", NULL, NULL, -1, G_MAXINT, -1, ro);
  properties[PROP_SUCCEEDED] =
    g_param_spec_boolean ("succeeded", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bourse_webhook_delivery_init (BourseWebhookDelivery *self)
{
  self->error_code = -1;
}

const char *
bourse_webhook_delivery_get_url (BourseWebhookDelivery *self)
{
  g_return_val_if_fail (BOURSE_IS_WEBHOOK_DELIVERY (self), NULL);
  return self->url;
}

const char *
bourse_webhook_delivery_get_body (BourseWebhookDelivery *self)
{
  g_return_val_if_fail (BOURSE_IS_WEBHOOK_DELIVERY (self), NULL);
  return self->body;
}

const char *
bourse_webhook_delivery_get_content_type (BourseWebhookDelivery *self)
{
  g_return_val_if_fail (BOURSE_IS_WEBHOOK_DELIVERY (self), NULL);
  return self->content_type;
}

const char *
bourse_webhook_delivery_get_idempotency_key (BourseWebhookDelivery *self)
{
  g_return_val_if_fail (BOURSE_IS_WEBHOOK_DELIVERY (self), NULL);
  return self->idempotency_key;
}

gint64
bourse_webhook_delivery_get_sent_at (BourseWebhookDelivery *self)
{
  g_return_val_if_fail (BOURSE_IS_WEBHOOK_DELIVERY (self), 0);
  return self->sent_at;
}

guint
bourse_webhook_delivery_get_status (BourseWebhookDelivery *self)
{
  g_return_val_if_fail (BOURSE_IS_WEBHOOK_DELIVERY (self), 0);
  return self->status;
}

gint64
bourse_webhook_delivery_get_latency (BourseWebhookDelivery *self)
{
  g_return_val_if_fail (BOURSE_IS_WEBHOOK_DELIVERY (self), 0);
  return self->latency;
}

guint
bourse_webhook_delivery_get_attempts (BourseWebhookDelivery *self)
{
  g_return_val_if_fail (BOURSE_IS_WEBHOOK_DELIVERY (self), 0);
  return self->attempts;
}

const char *
bourse_webhook_delivery_get_error_message (BourseWebhookDelivery *self)
{
  g_return_val_if_fail (BOURSE_IS_WEBHOOK_DELIVERY (self), NULL);
  return self->error_message;
}

int
bourse_webhook_delivery_get_error_code (BourseWebhookDelivery *self)
{
  g_return_val_if_fail (BOURSE_IS_WEBHOOK_DELIVERY (self), -1);
  return self->error_code;
}

gboolean
bourse_webhook_delivery_get_succeeded (BourseWebhookDelivery *self)
{
  g_return_val_if_fail (BOURSE_IS_WEBHOOK_DELIVERY (self), FALSE);
  return self->error_code < 0 && self->status >= 200 && self->status < 300;
}
