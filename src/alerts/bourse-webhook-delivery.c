/* bourse-webhook-delivery.c — one webhook delivery, as kept in the alert log
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "bourse-webhook.h"
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

JsonNode *
bourse_webhook_delivery_to_json (BourseWebhookDelivery *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  GParamSpec **pspecs;
  guint n;

  g_return_val_if_fail (BOURSE_IS_WEBHOOK_DELIVERY (self), NULL);

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (self), &n);
  json_builder_begin_object (builder);
  for (guint i = 0; i < n; i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;

      if (!(pspecs[i]->flags & G_PARAM_CONSTRUCT_ONLY))
        continue;
      g_value_init (&value, pspecs[i]->value_type);
      g_object_get_property (G_OBJECT (self), pspecs[i]->name, &value);
      if (G_VALUE_HOLDS_STRING (&value))
        {
          if (g_value_get_string (&value) == NULL)
            continue;
          json_builder_set_member_name (builder, pspecs[i]->name);
          json_builder_add_string_value (builder, g_value_get_string (&value));
        }
      else
        {
          json_builder_set_member_name (builder, pspecs[i]->name);
          json_builder_add_int_value (builder, G_VALUE_HOLDS_INT64 (&value) ? g_value_get_int64 (&value) :
                                               G_VALUE_HOLDS_UINT (&value) ? (gint64) g_value_get_uint (&value) :
                                               (gint64) g_value_get_int (&value));
        }
    }
  json_builder_end_object (builder);
  g_free (pspecs);
  return json_builder_get_root (builder);
}

BourseWebhookDelivery *
bourse_webhook_delivery_new_from_json (JsonNode  *node,
                                       GError   **error)
{
  g_autoptr(GObject) object = NULL;
  GParamSpec **pspecs;
  GObjectClass *klass;
  JsonObject *json;
  const char *names[N_PROPS];
  GValue values[N_PROPS] = { G_VALUE_INIT };
  guint n, count = 0;
  gboolean ok = TRUE;

  g_return_val_if_fail (node != NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, BOURSE_WEBHOOK_ERROR, BOURSE_WEBHOOK_ERROR_INVALID_RECORD,
                   "A delivery record must be a JSON object");
      return NULL;
    }
  json = json_node_get_object (node);
  klass = g_type_class_ref (BOURSE_TYPE_WEBHOOK_DELIVERY);
  pspecs = g_object_class_list_properties (klass, &n);
  for (guint i = 0; i < n && ok; i++)
    {
      JsonNode *member = json_object_get_member (json, pspecs[i]->name);
      GType vt;

      if (!(pspecs[i]->flags & G_PARAM_CONSTRUCT_ONLY) || member == NULL || JSON_NODE_HOLDS_NULL (member))
        continue;
      vt = JSON_NODE_HOLDS_VALUE (member) ? json_node_get_value_type (member) : G_TYPE_INVALID;
      g_value_init (&values[count], pspecs[i]->value_type);
      if (G_VALUE_HOLDS_STRING (&values[count]) && vt == G_TYPE_STRING)
        g_value_set_string (&values[count], json_node_get_string (member));
      else if (vt == G_TYPE_INT64 && G_VALUE_HOLDS_INT64 (&values[count]) && json_node_get_int (member) >= 0)
        g_value_set_int64 (&values[count], json_node_get_int (member));
      else if (vt == G_TYPE_INT64 && G_VALUE_HOLDS_UINT (&values[count]) &&
               json_node_get_int (member) >= 0 && json_node_get_int (member) <= 999999)
        g_value_set_uint (&values[count], (guint) json_node_get_int (member));
      else if (vt == G_TYPE_INT64 && G_VALUE_HOLDS_INT (&values[count]) &&
               json_node_get_int (member) >= -1 && json_node_get_int (member) <= G_MAXINT)
        g_value_set_int (&values[count], (int) json_node_get_int (member));
      else
        {
          g_set_error (error, BOURSE_WEBHOOK_ERROR, BOURSE_WEBHOOK_ERROR_INVALID_RECORD,
                       "Delivery member “%s” has a wrong type or value", pspecs[i]->name);
          ok = FALSE;
        }
      names[count++] = pspecs[i]->name;
    }
  if (ok)
    object = g_object_new_with_properties (BOURSE_TYPE_WEBHOOK_DELIVERY, count, names, values);
  for (guint i = 0; i < count; i++)
    g_value_unset (&values[i]);
  g_free (pspecs);
  g_type_class_unref (klass);
  return ok ? BOURSE_WEBHOOK_DELIVERY (g_steal_pointer (&object)) : NULL;
}
