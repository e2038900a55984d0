/* bourse-account.c — BourseAccount: an account of the logged-in user (GET /accounts)
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "bourse-json.h"
#include "bourse-models-private.h"
#include "bourse-account.h"

struct _BourseAccount
{
  GObject parent_instance;

  guint64 present;  /* bit per property: the broker sent it */

  char *id;
  char *name;
  char *account_type;
  char *currency;
  char *currency_sign;
  JsonNode *config;
};

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_ACCOUNT_TYPE,
  PROP_CURRENCY,
  PROP_CURRENCY_SIGN,
  PROP_CONFIG,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (BourseAccount, bourse_account, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

static void
bourse_account_finalize (GObject *object)
{
  BourseAccount *self = (BourseAccount *) object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->account_type, g_free);
  g_clear_pointer (&self->currency, g_free);
  g_clear_pointer (&self->currency_sign, g_free);
  g_clear_pointer (&self->config, json_node_unref);

  G_OBJECT_CLASS (bourse_account_parent_class)->finalize (object);
}

static void
bourse_account_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  BourseAccount *self = BOURSE_ACCOUNT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_ACCOUNT_TYPE:
      g_value_set_string (value, self->account_type);
      break;

    case PROP_CURRENCY:
      g_value_set_string (value, self->currency);
      break;

    case PROP_CURRENCY_SIGN:
      g_value_set_string (value, self->currency_sign);
      break;

    case PROP_CONFIG:
      g_value_set_boxed (value, self->config);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bourse_account_class_init (BourseAccountClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bourse_account_finalize;
  object_class->get_property = bourse_account_get_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACCOUNT_TYPE] =
    g_param_spec_string ("account-type", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CURRENCY] =
    g_param_spec_string ("currency", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CURRENCY_SIGN] =
    g_param_spec_string ("currency-sign", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CONFIG] =
    g_param_spec_boxed ("config", NULL, NULL, JSON_TYPE_NODE,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bourse_account_init (BourseAccount *self)
{
}

const char *
bourse_account_get_id (BourseAccount *self)
{
  g_return_val_if_fail (BOURSE_IS_ACCOUNT (self), NULL);
  return self->id;
}

const char *
bourse_account_get_name (BourseAccount *self)
{
  g_return_val_if_fail (BOURSE_IS_ACCOUNT (self), NULL);
  return self->name;
}

const char *
bourse_account_get_account_type (BourseAccount *self)
{
  g_return_val_if_fail (BOURSE_IS_ACCOUNT (self), NULL);
  return self->account_type;
}

const char *
bourse_account_get_currency (BourseAccount *self)
{
  g_return_val_if_fail (BOURSE_IS_ACCOUNT (self), NULL);
  return self->currency;
}

const char *
bourse_account_get_currency_sign (BourseAccount *self)
{
  g_return_val_if_fail (BOURSE_IS_ACCOUNT (self), NULL);
  return self->currency_sign;
}

JsonNode *
bourse_account_get_config (BourseAccount *self)
{
  g_return_val_if_fail (BOURSE_IS_ACCOUNT (self), NULL);
  return self->config;
}

/* Reads a validated object (bourse-schema has checked types and required members). */
BourseAccount *
_bourse_account_new_from_json (JsonObject *object)
{
  BourseAccount *self = g_object_new (BOURSE_TYPE_ACCOUNT, NULL);

  if ((self->id = _bourse_json_dup_id (object, "id")) != NULL)
    self->present |= BOURSE_PRESENT_BIT (PROP_ID);
  if ((self->name = g_strdup (_bourse_json_get_string (object, "name"))) != NULL)
    self->present |= BOURSE_PRESENT_BIT (PROP_NAME);
  if ((self->account_type = g_strdup (_bourse_json_get_string (object, "type"))) != NULL)
    self->present |= BOURSE_PRESENT_BIT (PROP_ACCOUNT_TYPE);
  if ((self->currency = g_strdup (_bourse_json_get_string (object, "currency"))) != NULL)
    self->present |= BOURSE_PRESENT_BIT (PROP_CURRENCY);
  if ((self->currency_sign = g_strdup (_bourse_json_get_string (object, "currencySign"))) != NULL)
    self->present |= BOURSE_PRESENT_BIT (PROP_CURRENCY_SIGN);
  if (_bourse_json_get_member (object, "config") != NULL && !JSON_NODE_HOLDS_NULL (_bourse_json_get_member (object, "config")))
    {
      self->config = json_node_copy (_bourse_json_get_member (object, "config"));
      self->present |= BOURSE_PRESENT_BIT (PROP_CONFIG);
    }

  return self;
}

/* Copies @other into @self and notifies each property whose value changed.
 * Returns: TRUE when anything changed */
gboolean
_bourse_account_update_from (BourseAccount *self,
                             BourseAccount *other)
{
  gboolean changed = FALSE;

  g_object_freeze_notify (G_OBJECT (self));
  self->present = other->present;

  if (g_strcmp0 (self->id, other->id) != 0)
    {
      g_free (self->id);
      self->id = g_strdup (other->id);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
      changed = TRUE;
    }
  if (g_strcmp0 (self->name, other->name) != 0)
    {
      g_free (self->name);
      self->name = g_strdup (other->name);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
      changed = TRUE;
    }
  if (g_strcmp0 (self->account_type, other->account_type) != 0)
    {
      g_free (self->account_type);
      self->account_type = g_strdup (other->account_type);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCOUNT_TYPE]);
      changed = TRUE;
    }
  if (g_strcmp0 (self->currency, other->currency) != 0)
    {
      g_free (self->currency);
      self->currency = g_strdup (other->currency);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENCY]);
      changed = TRUE;
    }
  if (g_strcmp0 (self->currency_sign, other->currency_sign) != 0)
    {
      g_free (self->currency_sign);
      self->currency_sign = g_strdup (other->currency_sign);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENCY_SIGN]);
      changed = TRUE;
    }
  if ((self->config == NULL) != (other->config == NULL) ||
      (self->config != NULL && !json_node_equal (self->config, other->config)))
    {
      g_clear_pointer (&self->config, json_node_unref);
      self->config = other->config != NULL ? json_node_copy (other->config) : NULL;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONFIG]);
      changed = TRUE;
    }
  g_object_thaw_notify (G_OBJECT (self));

  return changed;
}

/**
 * bourse_account_to_json:
 *
 * Returns: (transfer full): a JSON object with the members the broker sent
 */
JsonNode *
bourse_account_to_json (BourseAccount *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (BOURSE_IS_ACCOUNT (self), NULL);

  json_builder_begin_object (builder);
  if (self->present & BOURSE_PRESENT_BIT (PROP_ID))
    _bourse_json_builder_add_string_member (builder, "id", self->id);
  if (self->present & BOURSE_PRESENT_BIT (PROP_NAME))
    _bourse_json_builder_add_string_member (builder, "name", self->name);
  if (self->present & BOURSE_PRESENT_BIT (PROP_ACCOUNT_TYPE))
    _bourse_json_builder_add_string_member (builder, "type", self->account_type);
  if (self->present & BOURSE_PRESENT_BIT (PROP_CURRENCY))
    _bourse_json_builder_add_string_member (builder, "currency", self->currency);
  if (self->present & BOURSE_PRESENT_BIT (PROP_CURRENCY_SIGN))
    _bourse_json_builder_add_string_member (builder, "currencySign", self->currency_sign);
  if (self->present & BOURSE_PRESENT_BIT (PROP_CONFIG))
    _bourse_json_builder_add_value_member (builder, "config", json_node_copy (self->config));
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/* Defaults from the spec (AccountFlags, 1.3.27); flags not listed default to FALSE. */
static const char * const default_true_flags[] = {
  "supportMarketBrackets", "supportPositions", "supportReversePosition", "supportMarketOrders",
  "supportLimitOrders", "supportStopOrders", "supportModifyOrderPrice", "supportEditAmount",
  "supportModifyBrackets", "supportDOM", "supportPLUpdate", "supportDisplayBrokerNameInSymbolSearch",
  NULL
};

/* The default the TradingView docs give each AccountFlags member. */
gboolean
bourse_account_flag_default (const char *flag)
{
  g_return_val_if_fail (flag != NULL, FALSE);

  return g_strv_contains (default_true_flags, flag);
}

/**
 * bourse_account_flags_lookup:
 * @flags: (nullable): an AccountFlags object (an account's `config`, or /config)
 * @flag: the flag's name
 *
 * The one reader of capability flags: a boolean the broker sent wins, anything
 * else (absent, null, a string) is the spec's default.
 */
gboolean
bourse_account_flags_lookup (JsonNode   *flags,
                             const char *flag)
{
  gboolean value;

  g_return_val_if_fail (flag != NULL, FALSE);

  if (flags != NULL && JSON_NODE_HOLDS_OBJECT (flags) &&
      _bourse_json_get_boolean (json_node_get_object (flags), flag, &value))
    return value;
  return bourse_account_flag_default (flag);
}

gboolean
bourse_account_get_flag (BourseAccount *self,
                         const char    *flag)
{
  g_return_val_if_fail (BOURSE_IS_ACCOUNT (self), FALSE);

  return bourse_account_flags_lookup (self->config, flag);
}
