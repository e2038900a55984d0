/* bourse-bridge-message.c — parsing and validating one TradingView alert message
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Owns the message grammar of `bourse-cli bridge`. json-glib is lenient (it
 * accepts a second document, comments, 1e400 as inf, and coerces strings to
 * 0.0), so every field is read by its node type here and numbers given as
 * strings must be a complete '.'-decimal number: "1,5", "NaN", "inf", "0x10"
 * and "" are refused instead of becoming something else.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "bourse-bridge-message.h"
#include "bourse-json.h"

#define MAX_TEXT 128  /* longest ticker or id accepted */

G_DEFINE_QUARK (bourse-bridge-message-error-quark, bourse_bridge_message_error)

/* Registered by hand: G_DEFINE_BOXED_TYPE trips -Wpedantic with gcc 12. */
GType
bourse_bridge_message_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    {
      GType type = g_boxed_type_register_static (g_intern_static_string ("BourseBridgeMessage"),
                                                 (GBoxedCopyFunc) bourse_bridge_message_copy,
                                                 (GBoxedFreeFunc) bourse_bridge_message_free);
      g_once_init_leave (&type_id, type);
    }
  return type_id;
}

static const char * const action_names[] = { "buy", "sell", "exit", "cancel", "reverse" };

const char *
bourse_bridge_action_to_string (BourseBridgeAction action)
{
  g_return_val_if_fail (action < G_N_ELEMENTS (action_names), "");
  return action_names[action];
}

BourseBridgeMessage *
bourse_bridge_message_copy (const BourseBridgeMessage *self)
{
  BourseBridgeMessage *copy = g_memdup2 (self, sizeof *self);

  copy->ticker = g_strdup (self->ticker);
  copy->id = g_strdup (self->id);
  return copy;
}

void
bourse_bridge_message_free (BourseBridgeMessage *self)
{
  if (self == NULL)
    return;
  g_free (self->ticker);
  g_free (self->id);
  g_free (self);
}

char *
bourse_bridge_message_dup_key (const BourseBridgeMessage *self)
{
  if (self->id != NULL)
    return g_strconcat ("id:", self->id, NULL);
  if (self->time != 0)
    return g_strdup_printf ("tt:%s@%" G_GINT64_FORMAT, self->ticker, self->time);
  return NULL;
}

/* A complete '.'-decimal number: optional sign, digits, optional fraction and
 * exponent. Nothing else (no comma, hex, nan, inf, spaces inside). */
static gboolean
parse_decimal (const char *text,
               double     *out)
{
  const char *p = text;
  char *end = NULL;
  gboolean digits = FALSE;

  if (*p == '+' || *p == '-')
    p++;
  for (; g_ascii_isdigit (*p); p++)
    digits = TRUE;
  if (*p == '.')
    for (p++; g_ascii_isdigit (*p); p++)
      digits = TRUE;
  if (!digits)
    return FALSE;
  if (*p == 'e' || *p == 'E')
    {
      p++;
      if (*p == '+' || *p == '-')
        p++;
      if (!g_ascii_isdigit (*p))
        return FALSE;
      while (g_ascii_isdigit (*p))
        p++;
    }
  if (*p != '\0')
    return FALSE;
  *out = g_ascii_strtod (text, &end);
  return end == p && isfinite (*out);
}

/* Reads the number @name: FALSE with @error set when it is there but not a
 * finite number; TRUE with *@present telling whether it was given (a JSON null
 * or "" counts as not given: TradingView substitutes an empty placeholder so). */
static gboolean
read_number (JsonObject  *object,
             const char  *name,
             double      *out,
             gboolean    *present,
             GError     **error)
{
  JsonNode *node = _bourse_json_get_member (object, name);

  *present = FALSE;
  *out = 0;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (JSON_NODE_HOLDS_VALUE (node) &&
      (json_node_get_value_type (node) == G_TYPE_INT64 || json_node_get_value_type (node) == G_TYPE_DOUBLE))
    {
      *out = json_node_get_double (node);
      if (!isfinite (*out))
        goto bad;
      *present = TRUE;
      return TRUE;
    }
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      g_autofree char *stripped = g_strstrip (g_strdup (json_node_get_string (node)));

      if (*stripped == '\0')
        return TRUE;
      if (!parse_decimal (stripped, out))
        {
          g_set_error (error, BOURSE_BRIDGE_MESSAGE_ERROR, BOURSE_BRIDGE_MESSAGE_ERROR_INVALID,
                       "%s: \"%.32s\" is not a number (use a '.' decimal point, no thousands separator)",
                       name, stripped);
          return FALSE;
        }
      *present = TRUE;
      return TRUE;
    }
bad:
  g_set_error (error, BOURSE_BRIDGE_MESSAGE_ERROR, BOURSE_BRIDGE_MESSAGE_ERROR_INVALID,
               "%s: expected a finite number, got %s", name, _bourse_json_node_type_name (node));
  return FALSE;
}

/* A short string member, or a JSON integer given for an id. */
static gboolean
read_text (JsonObject  *object,
           const char  *name,
           char       **out,
           GError     **error)
{
  JsonNode *node = _bourse_json_get_member (object, name);
  g_autofree char *text = NULL;

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    text = g_strstrip (g_strdup (json_node_get_string (node)));
  else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
    text = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  else
    {
      g_set_error (error, BOURSE_BRIDGE_MESSAGE_ERROR, BOURSE_BRIDGE_MESSAGE_ERROR_INVALID,
                   "%s: expected a string, got %s", name, _bourse_json_node_type_name (node));
      return FALSE;
    }
  if (strlen (text) > MAX_TEXT || !g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, BOURSE_BRIDGE_MESSAGE_ERROR, BOURSE_BRIDGE_MESSAGE_ERROR_INVALID,
                   "%s: longer than %d bytes or not UTF-8", name, MAX_TEXT);
      return FALSE;
    }
  if (*text != '\0')
    *out = g_steal_pointer (&text);
  return TRUE;
}

/* time: TradingView's {{timenow}} (ISO 8601, "2024-05-01T14:30:00Z"), or
 * UNIX seconds or milliseconds as a number or a string. */
static gboolean
read_time (JsonObject  *object,
           gint64      *out,
           GError     **error)
{
  JsonNode *node = _bourse_json_get_member (object, "time");
  GError *number_error = NULL;
  gboolean present;
  double seconds;

  *out = 0;
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING &&
      strchr (json_node_get_string (node), 'T') != NULL)
    {
      g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
      g_autoptr(GDateTime) when = g_date_time_new_from_iso8601 (json_node_get_string (node), utc);

      if (when == NULL)
        {
          g_set_error (error, BOURSE_BRIDGE_MESSAGE_ERROR, BOURSE_BRIDGE_MESSAGE_ERROR_INVALID,
                       "time: \"%.40s\" is not an ISO 8601 time", json_node_get_string (node));
          return FALSE;
        }
      *out = g_date_time_to_unix (when);
      return TRUE;
    }
  if (!read_number (object, "time", &seconds, &present, &number_error))
    {
      g_propagate_error (error, number_error);
      return FALSE;
    }
  if (!present)
    return TRUE;
  if (seconds > 1e11)  /* milliseconds, as {{time}}-style epoch values are */
    seconds /= 1000;
  if (seconds <= 0 || seconds > 1e10)
    {
      g_set_error (error, BOURSE_BRIDGE_MESSAGE_ERROR, BOURSE_BRIDGE_MESSAGE_ERROR_INVALID,
                   "time: %g is not a UNIX time", seconds);
      return FALSE;
    }
  *out = (gint64) seconds;
  return TRUE;
}

static gboolean
read_enums (JsonObject           *object,
            BourseBridgeMessage  *message,
            GError              **error)
{
  static const char * const types[] = { "market", "limit", "stop" };
  static const BourseOrderType type_values[] = { BOURSE_ORDER_TYPE_MARKET, BOURSE_ORDER_TYPE_LIMIT, BOURSE_ORDER_TYPE_STOP };
  g_autofree char *action = NULL;
  g_autofree char *type = NULL;
  gboolean found = FALSE;

  if (!read_text (object, "action", &action, error) || !read_text (object, "order_type", &type, error))
    return FALSE;
  if (action == NULL)
    {
      g_set_error_literal (error, BOURSE_BRIDGE_MESSAGE_ERROR, BOURSE_BRIDGE_MESSAGE_ERROR_INVALID,
                           "action: missing (buy, sell, exit, cancel or reverse)");
      return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (action_names) && !found; i++)
    if (g_ascii_strcasecmp (action, action_names[i]) == 0)
      {
        message->action = i;
        found = TRUE;
      }
  if (!found)
    {
      g_set_error (error, BOURSE_BRIDGE_MESSAGE_ERROR, BOURSE_BRIDGE_MESSAGE_ERROR_INVALID,
                   "action: \"%s\" is not buy, sell, exit, cancel or reverse", action);
      return FALSE;
    }
  message->order_type = BOURSE_ORDER_TYPE_MARKET;
  if (type == NULL)
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    if (g_ascii_strcasecmp (type, types[i]) == 0)
      {
        message->order_type = type_values[i];
        return TRUE;
      }
  g_set_error (error, BOURSE_BRIDGE_MESSAGE_ERROR, BOURSE_BRIDGE_MESSAGE_ERROR_INVALID,
               "order_type: \"%s\" is not market, limit or stop", type);
  return FALSE;
}

/* contracts, price, stop_loss, take_profit and what each action needs of them. */
static gboolean
read_amounts (JsonObject           *object,
              BourseBridgeMessage  *message,
              GError              **error)
{
  const struct { const char *name; double *slot; } prices[] = {
    { "price", &message->price }, { "stop_loss", &message->stop_loss }, { "take_profit", &message->take_profit },
  };
  gboolean trades = message->action == BOURSE_BRIDGE_ACTION_BUY || message->action == BOURSE_BRIDGE_ACTION_SELL;
  gboolean present;

  if (!read_number (object, "contracts", &message->contracts, &present, error))
    return FALSE;
  if (trades && !present)
    {
      g_set_error_literal (error, BOURSE_BRIDGE_MESSAGE_ERROR, BOURSE_BRIDGE_MESSAGE_ERROR_INVALID,
                           "contracts: missing (a buy or sell needs a quantity)");
      return FALSE;
    }
  if (present && !(message->contracts > 0))
    {
      g_set_error (error, BOURSE_BRIDGE_MESSAGE_ERROR, BOURSE_BRIDGE_MESSAGE_ERROR_INVALID,
                   "contracts: %g is not a positive quantity", message->contracts);
      return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (prices); i++)
    {
      if (!read_number (object, prices[i].name, prices[i].slot, &present, error))
        return FALSE;
      if (present && !(*prices[i].slot > 0))
        {
          g_set_error (error, BOURSE_BRIDGE_MESSAGE_ERROR, BOURSE_BRIDGE_MESSAGE_ERROR_INVALID,
                       "%s: %g is not a positive price", prices[i].name, *prices[i].slot);
          return FALSE;
        }
    }
  if (trades && message->order_type != BOURSE_ORDER_TYPE_MARKET && message->price == 0)
    {
      g_set_error (error, BOURSE_BRIDGE_MESSAGE_ERROR, BOURSE_BRIDGE_MESSAGE_ERROR_INVALID,
                   "price: missing (a %s order needs one)",
                   message->order_type == BOURSE_ORDER_TYPE_LIMIT ? "limit" : "stop");
      return FALSE;
    }
  return TRUE;
}

BourseBridgeMessage *
bourse_bridge_message_parse (const char  *body,
                             gsize        length,
                             char       **secret,
                             GError     **error)
{
  g_autoptr(BourseBridgeMessage) message = g_new0 (BourseBridgeMessage, 1);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) parse_error = NULL;
  g_autofree char *text = NULL;
  JsonObject *object;

  if (secret != NULL)
    *secret = NULL;
  text = g_strndup (body != NULL ? body : "", length);
  if (strlen (text) != length || !g_utf8_validate (text, -1, NULL))
    {
      g_set_error_literal (error, BOURSE_BRIDGE_MESSAGE_ERROR, BOURSE_BRIDGE_MESSAGE_ERROR_MALFORMED,
                           "the body is not UTF-8 text");
      return NULL;
    }
  g_strstrip (text);
  if (*text == '\0')
    {
      g_set_error_literal (error, BOURSE_BRIDGE_MESSAGE_ERROR, BOURSE_BRIDGE_MESSAGE_ERROR_MALFORMED,
                           "empty body: the alert message must be a JSON object");
      return NULL;
    }
  /* One object only: _bourse_json_parse() refuses a second document ("{}{}"). */
  root = _bourse_json_parse (text, -1, &parse_error);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, BOURSE_BRIDGE_MESSAGE_ERROR, BOURSE_BRIDGE_MESSAGE_ERROR_MALFORMED,
                   "malformed JSON: %s", parse_error != NULL ? parse_error->message : "expected one JSON object");
      return NULL;
    }
  object = json_node_get_object (root);
  if (secret != NULL && _bourse_json_get_string (object, "secret") != NULL)
    *secret = g_strdup (_bourse_json_get_string (object, "secret"));

  if (!read_text (object, "ticker", &message->ticker, error) || !read_enums (object, message, error) ||
      !read_amounts (object, message, error) || !read_text (object, "id", &message->id, error) ||
      !read_time (object, &message->time, error))
    return NULL;
  if (message->ticker == NULL)
    {
      g_set_error_literal (error, BOURSE_BRIDGE_MESSAGE_ERROR, BOURSE_BRIDGE_MESSAGE_ERROR_INVALID,
                           "ticker: missing");
      return NULL;
    }
  return g_steal_pointer (&message);
}
