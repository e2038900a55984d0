/* bourse-alert-event.c — one entry of the alert log: an alert that fired
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "bourse-alert.h"
#include "bourse-alert-event.h"

struct _BourseAlertEvent
{
  GObject parent_instance;

  /* owned */
  char                  *alert_id;
  char                  *alert_name;
  char                  *symbol;
  char                  *message;
  char                  *fire_id;
  BourseWebhookDelivery *delivery;
  gint64                 bar_time;
  gint64                 fired_at;
};

enum {
  PROP_0,
  PROP_ALERT_ID,
  PROP_ALERT_NAME,
  PROP_SYMBOL,
  PROP_BAR_TIME,
  PROP_FIRED_AT,
  PROP_MESSAGE,
  PROP_FIRE_ID,
  PROP_DELIVERY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (BourseAlertEvent, bourse_alert_event, G_TYPE_OBJECT)

static void
bourse_alert_event_dispose (GObject *object)
{
  BourseAlertEvent *self = BOURSE_ALERT_EVENT (object);

  g_clear_object (&self->delivery);

  G_OBJECT_CLASS (bourse_alert_event_parent_class)->dispose (object);
}

static void
bourse_alert_event_finalize (GObject *object)
{
  BourseAlertEvent *self = BOURSE_ALERT_EVENT (object);

  g_free (self->alert_id);
  g_free (self->alert_name);
  g_free (self->symbol);
  g_free (self->message);
  g_free (self->fire_id);

  G_OBJECT_CLASS (bourse_alert_event_parent_class)->finalize (object);
}

static void
bourse_alert_event_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  BourseAlertEvent *self = BOURSE_ALERT_EVENT (object);

  switch (prop_id)
    {
    case PROP_ALERT_ID: g_value_set_string (value, self->alert_id); break;
    case PROP_ALERT_NAME: g_value_set_string (value, self->alert_name); break;
    case PROP_SYMBOL: g_value_set_string (value, self->symbol); break;
    case PROP_BAR_TIME: g_value_set_int64 (value, self->bar_time); break;
    case PROP_FIRED_AT: g_value_set_int64 (value, self->fired_at); break;
    case PROP_MESSAGE: g_value_set_string (value, self->message); break;
    case PROP_FIRE_ID: g_value_set_string (value, self->fire_id); break;
    case PROP_DELIVERY: g_value_set_object (value, self->delivery); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bourse_alert_event_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  BourseAlertEvent *self = BOURSE_ALERT_EVENT (object);

  switch (prop_id)
    {
    case PROP_ALERT_ID: self->alert_id = g_value_dup_string (value); break;
    case PROP_ALERT_NAME: self->alert_name = g_value_dup_string (value); break;
    case PROP_SYMBOL: self->symbol = g_value_dup_string (value); break;
    case PROP_BAR_TIME: self->bar_time = g_value_get_int64 (value); break;
    case PROP_FIRED_AT: self->fired_at = g_value_get_int64 (value); break;
    case PROP_MESSAGE: self->message = g_value_dup_string (value); break;
    case PROP_FIRE_ID: self->fire_id = g_value_dup_string (value); break;
    case PROP_DELIVERY: bourse_alert_event_set_delivery (self, g_value_get_object (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bourse_alert_event_class_init (BourseAlertEventClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags co = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = bourse_alert_event_dispose;
  object_class->finalize = bourse_alert_event_finalize;
  object_class->get_property = bourse_alert_event_get_property;
  object_class->set_property = bourse_alert_event_set_property;

  properties[PROP_ALERT_ID] = g_param_spec_string ("alert-id", NULL, NULL, NULL, co);
  properties[PROP_ALERT_NAME] = g_param_spec_string ("alert-name", NULL, NULL, NULL, co);
  properties[PROP_SYMBOL] = g_param_spec_string ("symbol", NULL, NULL, NULL, co);
  properties[PROP_BAR_TIME] = g_param_spec_int64 ("bar-time", NULL, NULL, G_MININT64, G_MAXINT64, 0, co);
  properties[PROP_FIRED_AT] = g_param_spec_int64 ("fired-at", NULL, NULL, G_MININT64, G_MAXINT64, 0, co);
  properties[PROP_MESSAGE] = g_param_spec_string ("message", NULL, NULL, NULL, co);
  properties[PROP_FIRE_ID] = g_param_spec_string ("fire-id", NULL, NULL, NULL, co);
  properties[PROP_DELIVERY] =
    g_param_spec_object ("delivery", NULL, NULL, BOURSE_TYPE_WEBHOOK_DELIVERY,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bourse_alert_event_init (BourseAlertEvent *self)
{
}

BourseAlertEvent *
bourse_alert_event_new (const char *alert_id,
                        const char *alert_name,
                        const char *symbol,
                        gint64      bar_time,
                        gint64      fired_at,
                        const char *message,
                        const char *fire_id)
{
  return g_object_new (BOURSE_TYPE_ALERT_EVENT,
                       "alert-id", alert_id,
                       "alert-name", alert_name,
                       "symbol", symbol,
                       "bar-time", bar_time,
                       "fired-at", fired_at,
                       "message", message,
                       "fire-id", fire_id,
                       NULL);
}

#define GETTER(type, name, fallback)                                   \
  type                                                                 \
  bourse_alert_event_get_##name (BourseAlertEvent *self)               \
  {                                                                    \
    g_return_val_if_fail (BOURSE_IS_ALERT_EVENT (self), fallback);     \
    return self->name;                                                 \
  }

GETTER (const char *, alert_id, NULL)
GETTER (const char *, alert_name, NULL)
GETTER (const char *, symbol, NULL)
GETTER (gint64, bar_time, 0)
GETTER (gint64, fired_at, 0)
GETTER (const char *, message, NULL)
GETTER (const char *, fire_id, NULL)
GETTER (BourseWebhookDelivery *, delivery, NULL)

void
bourse_alert_event_set_delivery (BourseAlertEvent      *self,
                                 BourseWebhookDelivery *delivery)
{
  g_return_if_fail (BOURSE_IS_ALERT_EVENT (self));
  g_return_if_fail (!delivery || BOURSE_IS_WEBHOOK_DELIVERY (delivery));

  if (g_set_object (&self->delivery, delivery))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DELIVERY]);
}

JsonNode *
bourse_alert_event_to_json (BourseAlertEvent *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  const struct { const char *name; const char *value; } strings[] = {
    { "alert_id", self->alert_id }, { "alert_name", self->alert_name }, { "symbol", self->symbol },
    { "message", self->message }, { "fire_id", self->fire_id },
  };

  g_return_val_if_fail (BOURSE_IS_ALERT_EVENT (self), NULL);

  json_builder_begin_object (builder);
  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    if (strings[i].value != NULL)
      {
        json_builder_set_member_name (builder, strings[i].name);
        json_builder_add_string_value (builder, strings[i].value);
      }
  json_builder_set_member_name (builder, "bar_time");
  json_builder_add_int_value (builder, self->bar_time);
  json_builder_set_member_name (builder, "fired_at");
  json_builder_add_int_value (builder, self->fired_at);
  if (self->delivery != NULL)
    {
      json_builder_set_member_name (builder, "delivery");
      json_builder_add_value (builder, bourse_webhook_delivery_to_json (self->delivery));
    }
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static const char *
optional_string (JsonObject *object,
                 const char *name,
                 gboolean   *ok)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      *ok = FALSE;
      return NULL;
    }
  return json_node_get_string (node);
}

static gint64
required_int (JsonObject *object,
              const char *name,
              gboolean   *ok)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    {
      *ok = FALSE;
      return 0;
    }
  return json_node_get_int (node);
}

BourseAlertEvent *
bourse_alert_event_new_from_json (JsonNode  *node,
                                  GError   **error)
{
  g_autoptr(BourseAlertEvent) self = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonObject *object;
  JsonNode *delivery;
  gboolean ok = TRUE;
  const char *alert_id, *alert_name, *symbol, *message, *fire_id;
  gint64 bar_time, fired_at;

  g_return_val_if_fail (node != NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, BOURSE_ALERT_ERROR, BOURSE_ALERT_ERROR_INVALID, "A log entry must be a JSON object");
      return NULL;
    }
  object = json_node_get_object (node);
  alert_id = optional_string (object, "alert_id", &ok);
  alert_name = optional_string (object, "alert_name", &ok);
  symbol = optional_string (object, "symbol", &ok);
  message = optional_string (object, "message", &ok);
  fire_id = optional_string (object, "fire_id", &ok);
  bar_time = required_int (object, "bar_time", &ok);
  fired_at = required_int (object, "fired_at", &ok);
  if (!ok || alert_id == NULL || message == NULL)
    {
      g_set_error (error, BOURSE_ALERT_ERROR, BOURSE_ALERT_ERROR_INVALID,
                   "A log entry is missing fields or has wrong types");
      return NULL;
    }
  self = bourse_alert_event_new (alert_id, alert_name, symbol, bar_time, fired_at, message, fire_id);
  delivery = json_object_get_member (object, "delivery");
  if (delivery != NULL && !JSON_NODE_HOLDS_NULL (delivery))
    {
      g_autoptr(BourseWebhookDelivery) d = bourse_webhook_delivery_new_from_json (delivery, &local_error);

      if (d == NULL)
        {
          g_set_error (error, BOURSE_ALERT_ERROR, BOURSE_ALERT_ERROR_INVALID,
                       "Log entry %s: %s", fire_id ? fire_id : alert_id, local_error->message);
          return NULL;
        }
      self->delivery = g_steal_pointer (&d);
    }
  return g_steal_pointer (&self);
}
