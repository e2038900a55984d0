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

/* The members the broker sends, in the order to_json() writes them. */
static const BourseModelField fields[] = {
  { PROP_ID,            "id",           BOURSE_MODEL_FIELD_ID,     G_STRUCT_OFFSET (BourseAccount, id) },
  { PROP_NAME,          "name",         BOURSE_MODEL_FIELD_STRING, G_STRUCT_OFFSET (BourseAccount, name) },
  { PROP_ACCOUNT_TYPE,  "type",         BOURSE_MODEL_FIELD_STRING, G_STRUCT_OFFSET (BourseAccount, account_type) },
  { PROP_CURRENCY,      "currency",     BOURSE_MODEL_FIELD_STRING, G_STRUCT_OFFSET (BourseAccount, currency) },
  { PROP_CURRENCY_SIGN, "currencySign", BOURSE_MODEL_FIELD_STRING, G_STRUCT_OFFSET (BourseAccount, currency_sign) },
  { PROP_CONFIG,        "config",       BOURSE_MODEL_FIELD_JSON,   G_STRUCT_OFFSET (BourseAccount, config) },
};

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

  self->present = _bourse_model_fields_read (self, fields, G_N_ELEMENTS (fields), properties, object);
  return self;
}

/* Copies @other into @self and notifies each property whose value changed.
 * Returns: TRUE when anything changed */
gboolean
_bourse_account_update_from (BourseAccount *self,
                             BourseAccount *other)
{
  self->present = other->present;
  return _bourse_model_fields_update (self, other, fields, G_N_ELEMENTS (fields), properties);
}

/**
 * bourse_account_to_json:
 *
 * Returns: (transfer full): a JSON object with the members the broker sent
 */
JsonNode *
bourse_account_to_json (BourseAccount *self)
{
  g_return_val_if_fail (BOURSE_IS_ACCOUNT (self), NULL);

  return _bourse_model_fields_write (self, self->present, fields, G_N_ELEMENTS (fields), properties);
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
