/* bourse-account-state.c — BourseAccountState: balance, P&L and the account manager tables (GET …/state)
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "bourse-json.h"
#include "bourse-models-private.h"
#include "bourse-account-state.h"

struct _BourseAccountState
{
  GObject parent_instance;

  guint64 present;  /* bit per property: the broker sent it */

  double balance;
  double unrealized_pl;
  double equity;
  JsonNode *am_data;
  JsonNode *account_summary_row_data;
};

enum {
  PROP_0,
  PROP_BALANCE,
  PROP_UNREALIZED_PL,
  PROP_EQUITY,
  PROP_AM_DATA,
  PROP_ACCOUNT_SUMMARY_ROW_DATA,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (BourseAccountState, bourse_account_state, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

/* The members the broker sends, in the order to_json() writes them. */
static const BourseModelField fields[] = {
  { PROP_BALANCE,                  "balance",               BOURSE_MODEL_FIELD_NUMBER, G_STRUCT_OFFSET (BourseAccountState, balance) },
  { PROP_UNREALIZED_PL,            "unrealizedPl",          BOURSE_MODEL_FIELD_NUMBER, G_STRUCT_OFFSET (BourseAccountState, unrealized_pl) },
  { PROP_EQUITY,                   "equity",                BOURSE_MODEL_FIELD_NUMBER, G_STRUCT_OFFSET (BourseAccountState, equity) },
  { PROP_AM_DATA,                  "amData",                BOURSE_MODEL_FIELD_JSON,   G_STRUCT_OFFSET (BourseAccountState, am_data) },
  { PROP_ACCOUNT_SUMMARY_ROW_DATA, "accountSummaryRowData", BOURSE_MODEL_FIELD_JSON,   G_STRUCT_OFFSET (BourseAccountState, account_summary_row_data) },
};

static void
bourse_account_state_finalize (GObject *object)
{
  BourseAccountState *self = (BourseAccountState *) object;

  g_clear_pointer (&self->am_data, json_node_unref);
  g_clear_pointer (&self->account_summary_row_data, json_node_unref);

  G_OBJECT_CLASS (bourse_account_state_parent_class)->finalize (object);
}

static void
bourse_account_state_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  BourseAccountState *self = BOURSE_ACCOUNT_STATE (object);

  switch (prop_id)
    {
    case PROP_BALANCE:
      g_value_set_double (value, self->balance);
      break;

    case PROP_UNREALIZED_PL:
      g_value_set_double (value, self->unrealized_pl);
      break;

    case PROP_EQUITY:
      g_value_set_double (value, self->equity);
      break;

    case PROP_AM_DATA:
      g_value_set_boxed (value, self->am_data);
      break;

    case PROP_ACCOUNT_SUMMARY_ROW_DATA:
      g_value_set_boxed (value, self->account_summary_row_data);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bourse_account_state_class_init (BourseAccountStateClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bourse_account_state_finalize;
  object_class->get_property = bourse_account_state_get_property;

  properties[PROP_BALANCE] =
    g_param_spec_double ("balance", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_UNREALIZED_PL] =
    g_param_spec_double ("unrealized-pl", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EQUITY] =
    g_param_spec_double ("equity", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_AM_DATA] =
    g_param_spec_boxed ("am-data", NULL, NULL, JSON_TYPE_NODE,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACCOUNT_SUMMARY_ROW_DATA] =
    g_param_spec_boxed ("account-summary-row-data", NULL, NULL, JSON_TYPE_NODE,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bourse_account_state_init (BourseAccountState *self)
{
}

double
bourse_account_state_get_balance (BourseAccountState *self)
{
  g_return_val_if_fail (BOURSE_IS_ACCOUNT_STATE (self), 0);
  return self->balance;
}

double
bourse_account_state_get_unrealized_pl (BourseAccountState *self)
{
  g_return_val_if_fail (BOURSE_IS_ACCOUNT_STATE (self), 0);
  return self->unrealized_pl;
}

double
bourse_account_state_get_equity (BourseAccountState *self)
{
  g_return_val_if_fail (BOURSE_IS_ACCOUNT_STATE (self), 0);
  return self->equity;
}

JsonNode *
bourse_account_state_get_am_data (BourseAccountState *self)
{
  g_return_val_if_fail (BOURSE_IS_ACCOUNT_STATE (self), NULL);
  return self->am_data;
}

JsonNode *
bourse_account_state_get_account_summary_row_data (BourseAccountState *self)
{
  g_return_val_if_fail (BOURSE_IS_ACCOUNT_STATE (self), NULL);
  return self->account_summary_row_data;
}

/* Reads a validated object (bourse-schema has checked types and required members). */
BourseAccountState *
_bourse_account_state_new_from_json (JsonObject *object)
{
  BourseAccountState *self = g_object_new (BOURSE_TYPE_ACCOUNT_STATE, NULL);

  self->present = _bourse_model_fields_read (self, fields, G_N_ELEMENTS (fields), properties, object);
  return self;
}

/* Copies @other into @self and notifies each property whose value changed.
 * Returns: TRUE when anything changed */
gboolean
_bourse_account_state_update_from (BourseAccountState *self,
                                   BourseAccountState *other)
{
  self->present = other->present;
  return _bourse_model_fields_update (self, other, fields, G_N_ELEMENTS (fields), properties);
}

/**
 * bourse_account_state_to_json:
 *
 * Returns: (transfer full): a JSON object with the members the broker sent
 */
JsonNode *
bourse_account_state_to_json (BourseAccountState *self)
{
  g_return_val_if_fail (BOURSE_IS_ACCOUNT_STATE (self), NULL);

  return _bourse_model_fields_write (self, self->present, fields, G_N_ELEMENTS (fields), properties);
}
