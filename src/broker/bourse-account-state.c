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

  if (_bourse_json_get_number (object, "balance", &self->balance))
    self->present |= BOURSE_PRESENT_BIT (PROP_BALANCE);
  if (_bourse_json_get_number (object, "unrealizedPl", &self->unrealized_pl))
    self->present |= BOURSE_PRESENT_BIT (PROP_UNREALIZED_PL);
  if (_bourse_json_get_number (object, "equity", &self->equity))
    self->present |= BOURSE_PRESENT_BIT (PROP_EQUITY);
  if (_bourse_json_get_member (object, "amData") != NULL && !JSON_NODE_HOLDS_NULL (_bourse_json_get_member (object, "amData")))
    {
      self->am_data = json_node_copy (_bourse_json_get_member (object, "amData"));
      self->present |= BOURSE_PRESENT_BIT (PROP_AM_DATA);
    }
  if (_bourse_json_get_member (object, "accountSummaryRowData") != NULL && !JSON_NODE_HOLDS_NULL (_bourse_json_get_member (object, "accountSummaryRowData")))
    {
      self->account_summary_row_data = json_node_copy (_bourse_json_get_member (object, "accountSummaryRowData"));
      self->present |= BOURSE_PRESENT_BIT (PROP_ACCOUNT_SUMMARY_ROW_DATA);
    }

  return self;
}

/* Copies @other into @self and notifies each property whose value changed.
 * Returns: TRUE when anything changed */
gboolean
_bourse_account_state_update_from (BourseAccountState *self,
                                   BourseAccountState *other)
{
  gboolean changed = FALSE;

  g_object_freeze_notify (G_OBJECT (self));
  self->present = other->present;

  if (self->balance != other->balance)
    {
      self->balance = other->balance;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BALANCE]);
      changed = TRUE;
    }
  if (self->unrealized_pl != other->unrealized_pl)
    {
      self->unrealized_pl = other->unrealized_pl;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNREALIZED_PL]);
      changed = TRUE;
    }
  if (self->equity != other->equity)
    {
      self->equity = other->equity;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EQUITY]);
      changed = TRUE;
    }
  if ((self->am_data == NULL) != (other->am_data == NULL) ||
      (self->am_data != NULL && !json_node_equal (self->am_data, other->am_data)))
    {
      g_clear_pointer (&self->am_data, json_node_unref);
      self->am_data = other->am_data != NULL ? json_node_copy (other->am_data) : NULL;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AM_DATA]);
      changed = TRUE;
    }
  if ((self->account_summary_row_data == NULL) != (other->account_summary_row_data == NULL) ||
      (self->account_summary_row_data != NULL && !json_node_equal (self->account_summary_row_data, other->account_summary_row_data)))
    {
      g_clear_pointer (&self->account_summary_row_data, json_node_unref);
      self->account_summary_row_data = other->account_summary_row_data != NULL ? json_node_copy (other->account_summary_row_data) : NULL;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCOUNT_SUMMARY_ROW_DATA]);
      changed = TRUE;
    }
  g_object_thaw_notify (G_OBJECT (self));

  return changed;
}

/**
 * bourse_account_state_to_json:
 *
 * Returns: (transfer full): a JSON object with the members the broker sent
 */
JsonNode *
bourse_account_state_to_json (BourseAccountState *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (BOURSE_IS_ACCOUNT_STATE (self), NULL);

  json_builder_begin_object (builder);
  if (self->present & BOURSE_PRESENT_BIT (PROP_BALANCE))
    _bourse_json_builder_add_number_member (builder, "balance", self->balance);
  if (self->present & BOURSE_PRESENT_BIT (PROP_UNREALIZED_PL))
    _bourse_json_builder_add_number_member (builder, "unrealizedPl", self->unrealized_pl);
  if (self->present & BOURSE_PRESENT_BIT (PROP_EQUITY))
    _bourse_json_builder_add_number_member (builder, "equity", self->equity);
  if (self->present & BOURSE_PRESENT_BIT (PROP_AM_DATA))
    _bourse_json_builder_add_value_member (builder, "amData", json_node_copy (self->am_data));
  if (self->present & BOURSE_PRESENT_BIT (PROP_ACCOUNT_SUMMARY_ROW_DATA))
    _bourse_json_builder_add_value_member (builder, "accountSummaryRowData", json_node_copy (self->account_summary_row_data));
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}
