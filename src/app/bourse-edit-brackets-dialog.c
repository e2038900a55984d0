/* bourse-edit-brackets-dialog.c — take profit and stop loss of an open position
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "bourse-edit-brackets-dialog.h"
#include "bourse-position.h"
#include "bourse-price-fields-private.h"

struct _BourseEditBracketsDialog
{
  AdwMessageDialog parent_instance;

  /* template widgets */
  GtkCheckButton *take_profit_check;
  GtkSpinButton  *take_profit_spin;
  GtkCheckButton *stop_loss_check;
  GtkSpinButton  *stop_loss_spin;

  /* owned */
  BourseTrader   *trader;
  BoursePosition *position;
};

enum {
  PROP_0,
  PROP_TRADER,
  PROP_POSITION,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (BourseEditBracketsDialog, bourse_edit_brackets_dialog, ADW_TYPE_MESSAGE_DIALOG)

static GParamSpec *properties[N_PROPS];

/* -- GObject ------------------------------------------------------------- */

static void
bourse_edit_brackets_dialog_constructed (GObject *object)
{
  BourseEditBracketsDialog *self = BOURSE_EDIT_BRACKETS_DIALOG (object);
  const char *id = bourse_position_get_id (self->position);
  const char *instrument = bourse_position_get_instrument (self->position);
  double tick = bourse_trader_get_tick (self->trader, instrument);
  g_autofree char *heading = g_strdup_printf (_("Protect %s Position"), instrument);

  G_OBJECT_CLASS (bourse_edit_brackets_dialog_parent_class)->constructed (object);

  adw_message_dialog_set_heading (ADW_MESSAGE_DIALOG (self), heading);
  _bourse_bracket_leg_set (self->take_profit_check, self->take_profit_spin,
                           bourse_trader_get_bracket_price (self->trader, id, BOURSE_PARENT_TYPE_POSITION, BOURSE_ORDER_TYPE_LIMIT),
                           tick);
  _bourse_bracket_leg_set (self->stop_loss_check, self->stop_loss_spin,
                           bourse_trader_get_bracket_price (self->trader, id, BOURSE_PARENT_TYPE_POSITION, BOURSE_ORDER_TYPE_STOP),
                           tick);
}

static void
bourse_edit_brackets_dialog_dispose (GObject *object)
{
  BourseEditBracketsDialog *self = BOURSE_EDIT_BRACKETS_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), BOURSE_TYPE_EDIT_BRACKETS_DIALOG);
  g_clear_object (&self->trader);
  g_clear_object (&self->position);

  G_OBJECT_CLASS (bourse_edit_brackets_dialog_parent_class)->dispose (object);
}

static void
bourse_edit_brackets_dialog_get_property (GObject    *object,
                                          guint       prop_id,
                                          GValue     *value,
                                          GParamSpec *pspec)
{
  BourseEditBracketsDialog *self = BOURSE_EDIT_BRACKETS_DIALOG (object);

  switch (prop_id)
    {
    case PROP_TRADER:
      g_value_set_object (value, self->trader);
      break;
    case PROP_POSITION:
      g_value_set_object (value, self->position);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bourse_edit_brackets_dialog_set_property (GObject      *object,
                                          guint         prop_id,
                                          const GValue *value,
                                          GParamSpec   *pspec)
{
  BourseEditBracketsDialog *self = BOURSE_EDIT_BRACKETS_DIALOG (object);

  switch (prop_id)
    {
    case PROP_TRADER:
      self->trader = g_value_dup_object (value);
      break;
    case PROP_POSITION:
      self->position = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bourse_edit_brackets_dialog_class_init (BourseEditBracketsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = bourse_edit_brackets_dialog_constructed;
  object_class->dispose = bourse_edit_brackets_dialog_dispose;
  object_class->get_property = bourse_edit_brackets_dialog_get_property;
  object_class->set_property = bourse_edit_brackets_dialog_set_property;

  properties[PROP_TRADER] =
    g_param_spec_object ("trader", NULL, NULL, BOURSE_TYPE_TRADER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_POSITION] =
    g_param_spec_object ("position", NULL, NULL, BOURSE_TYPE_POSITION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/bourse-edit-brackets-dialog.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, BourseEditBracketsDialog, name)
  BIND (take_profit_check); BIND (take_profit_spin); BIND (stop_loss_check); BIND (stop_loss_spin);
#undef BIND
}

static void
bourse_edit_brackets_dialog_init (BourseEditBracketsDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* -- public API ---------------------------------------------------------- */

/**
 * bourse_edit_brackets_dialog_new:
 * @parent: (nullable): the window it belongs to
 * @trader: the trader of the store @position is in
 * @position: an open position
 */
BourseEditBracketsDialog *
bourse_edit_brackets_dialog_new (GtkWindow      *parent,
                                 BourseTrader   *trader,
                                 BoursePosition *position)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (BOURSE_IS_TRADER (trader), NULL);
  g_return_val_if_fail (BOURSE_IS_POSITION (position), NULL);

  return g_object_new (BOURSE_TYPE_EDIT_BRACKETS_DIALOG,
                       "transient-for", parent,
                       "trader", trader,
                       "position", position,
                       NULL);
}

BourseTrader *
bourse_edit_brackets_dialog_get_trader (BourseEditBracketsDialog *self)
{
  g_return_val_if_fail (BOURSE_IS_EDIT_BRACKETS_DIALOG (self), NULL);

  return self->trader;
}

/**
 * bourse_edit_brackets_dialog_plan:
 *
 * Returns: (transfer full): the position's new brackets as a trade, or
 *   %NULL with @error when the position is gone or the broker takes none
 */
BourseTrade *
bourse_edit_brackets_dialog_plan (BourseEditBracketsDialog  *self,
                                  GError                   **error)
{
  g_return_val_if_fail (BOURSE_IS_EDIT_BRACKETS_DIALOG (self), NULL);

  return bourse_trader_plan_position_brackets (self->trader, bourse_position_get_id (self->position),
                                               _bourse_bracket_leg_get (self->take_profit_check, self->take_profit_spin),
                                               _bourse_bracket_leg_get (self->stop_loss_check, self->stop_loss_spin),
                                               error);
}
