/* bourse-ticket-durations.c — the order durations a broker offers (/config "durations") and expiry text
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The ticket offers what /config lists, in its order, with the broker's
 * default selected. A duration may name the order types it applies to
 * (supportedOrderTypes); without that list it applies to every type but
 * market. Expiries are typed as local "YYYY-MM-DD HH:MM".
 */
#include "config.h"

#include <stdio.h>

#include "bourse-ticket-durations.h"

void
bourse_ticket_duration_free (BourseTicketDuration *duration)
{
  if (duration == NULL)
    return;
  g_free (duration->id);
  g_free (duration->title);
  g_free (duration);
}

gboolean
bourse_ticket_duration_applies (const BourseTicketDuration *duration,
                                BourseOrderType             type)
{
  if (duration == NULL)
    return FALSE;
  if (duration->order_types == 0)
    return type != BOURSE_ORDER_TYPE_MARKET;
  return (duration->order_types & (1u << type)) != 0;
}

static guint
parse_order_types (JsonObject *duration)
{
  JsonNode *node;
  JsonArray *array;
  guint bits = 0;

  if (!json_object_has_member (duration, "supportedOrderTypes"))
    return 0;
  node = json_object_get_member (duration, "supportedOrderTypes");
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return 0;
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING)
        bits |= 1u << bourse_order_type_from_string (json_node_get_string (element));
    }
  return bits;
}

/**
 * bourse_ticket_durations_from_config:
 * @config: (nullable): the /config object
 * @default_position: (out): where the broker's default is in the list (0 without one)
 *
 * Entries that are not objects or have no id are skipped.
 *
 * Returns: (transfer full) (element-type BourseTicketDuration): the durations, maybe none
 */
GPtrArray *
bourse_ticket_durations_from_config (JsonNode *config,
                                     guint    *default_position)
{
  JsonObject *config_object = config && JSON_NODE_HOLDS_OBJECT (config) ? json_node_get_object (config) : NULL;
  GPtrArray *result = g_ptr_array_new_with_free_func ((GDestroyNotify) bourse_ticket_duration_free);
  JsonArray *durations;

  *default_position = 0;
  if (config_object == NULL || !json_object_has_member (config_object, "durations") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (config_object, "durations")))
    return result;

  durations = json_object_get_array_member (config_object, "durations");
  for (guint i = 0; i < json_array_get_length (durations); i++)
    {
      JsonNode *node = json_array_get_element (durations, i);
      JsonObject *object;
      BourseTicketDuration *info;
      const char *id;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      object = json_node_get_object (node);
      id = json_object_get_string_member_with_default (object, "id", NULL);
      if (id == NULL)
        continue;

      info = g_new0 (BourseTicketDuration, 1);
      info->id = g_strdup (id);
      info->title = g_strdup (json_object_get_string_member_with_default (object, "title", id));
      info->has_date = json_object_get_boolean_member_with_default (object, "hasDatePicker", FALSE) ||
                       json_object_get_boolean_member_with_default (object, "hasTimePicker", FALSE);
      info->is_default = json_object_get_boolean_member_with_default (object, "default", FALSE);
      info->order_types = parse_order_types (object);
      if (info->is_default)
        *default_position = result->len;
      g_ptr_array_add (result, info);
    }
  return result;
}

/* "2026-12-31 17:30" (or just the date) in local time → UNIX seconds; 0 when unreadable. */
gint64
bourse_ticket_parse_expiry (const char *text)
{
  int year, month, day, hour = 0, minute = 0;
  g_autoptr(GDateTime) dt = NULL;

  if (text == NULL || sscanf (text, "%d-%d-%d %d:%d", &year, &month, &day, &hour, &minute) < 3)
    return 0;
  dt = g_date_time_new_local (year, month, day, hour, minute, 0);
  return dt ? g_date_time_to_unix (dt) : 0;
}

char *
bourse_ticket_format_expiry (gint64 expiry)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (expiry);

  return dt ? g_date_time_format (dt, "%Y-%m-%d %H:%M") : g_strdup ("");
}
