/* bourse-modify-order-dialog.c — change a working order's quantity, prices and brackets
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "bourse-modify-order-dialog.h"
#include "bourse-price-fields-private.h"

struct _BourseModifyOrderDialog
{
  AdwMessageDialog parent_instance;

  /* template widgets */
  GtkSpinButton  *qty_spin;
  GtkLabel       *limit_label;
  GtkSpinButton  *limit_spin;
  GtkLabel       *stop_label;
  GtkSpinButton  *stop_spin;
  GtkCheckButton *take_profit_check;
  GtkSpinButton  *take_profit_spin;
  GtkCheckButton *stop_loss_check;
  GtkSpinButton  *stop_loss_spin;

  /* owned */
  BourseTrader   *trader;
  BourseOrder    *order;
};

enum {
  PROP_0,
  PROP_TRADER,
  PROP_ORDER,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (BourseModifyOrderDialog, bourse_modify_order_dialog, ADW_TYPE_MESSAGE_DIALOG)

static GParamSpec *properties[N_PROPS];

/* -- GObject ------------------------------------------------------------- */

static void
bourse_modify_order_dialog_constructed (GObject *object)
{
  BourseModifyOrderDialog *self = BOURSE_MODIFY_ORDER_DIALOG (object);
  BourseOrderType type = bourse_order_get_order_type (self->order);
  const char *id = bourse_order_get_id (self->order);
  double tick = bourse_trader_get_tick (self->trader, bourse_order_get_instrument (self->order));
  gboolean has_limit = type == BOURSE_ORDER_TYPE_LIMIT || type == BOURSE_ORDER_TYPE_STOP_LIMIT;
  gboolean has_stop = type == BOURSE_ORDER_TYPE_STOP || type == BOURSE_ORDER_TYPE_STOP_LIMIT;
  gboolean brackets = bourse_trader_order_takes_brackets (self->trader, self->order);
  g_autofree char *heading = g_strdup_printf (_("Modify Order %s"), id);

  G_OBJECT_CLASS (bourse_modify_order_dialog_parent_class)->constructed (object);

  adw_message_dialog_set_heading (ADW_MESSAGE_DIALOG (self), heading);
  gtk_spin_button_set_value (self->qty_spin, bourse_order_get_qty (self->order));

  gtk_widget_set_visible (GTK_WIDGET (self->limit_label), has_limit);
  gtk_widget_set_visible (GTK_WIDGET (self->limit_spin), has_limit);
  _bourse_price_field_set (self->limit_spin, bourse_order_get_limit_price (self->order), tick);
  gtk_widget_set_visible (GTK_WIDGET (self->stop_label), has_stop);
  gtk_widget_set_visible (GTK_WIDGET (self->stop_spin), has_stop);
  _bourse_price_field_set (self->stop_spin, bourse_order_get_stop_price (self->order), tick);

  gtk_widget_set_visible (GTK_WIDGET (self->take_profit_check), brackets);
  gtk_widget_set_visible (GTK_WIDGET (self->take_profit_spin), brackets);
  gtk_widget_set_visible (GTK_WIDGET (self->stop_loss_check), brackets);
  gtk_widget_set_visible (GTK_WIDGET (self->stop_loss_spin), brackets);
  if (brackets)
    {
      double take_profit = bourse_trader_get_bracket_price (self->trader, id, BOURSE_PARENT_TYPE_ORDER, BOURSE_ORDER_TYPE_LIMIT);
      double stop_loss = bourse_trader_get_bracket_price (self->trader, id, BOURSE_PARENT_TYPE_ORDER, BOURSE_ORDER_TYPE_STOP);

      _bourse_bracket_leg_set (self->take_profit_check, self->take_profit_spin, take_profit, tick);
      _bourse_bracket_leg_set (self->stop_loss_check, self->stop_loss_spin, stop_loss, tick);
    }
}

static void
bourse_modify_order_dialog_dispose (GObject *object)
{
  BourseModifyOrderDialog *self = BOURSE_MODIFY_ORDER_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), BOURSE_TYPE_MODIFY_ORDER_DIALOG);
  g_clear_object (&self->trader);
  g_clear_object (&self->order);

  G_OBJECT_CLASS (bourse_modify_order_dialog_parent_class)->dispose (object);
}

static void
bourse_modify_order_dialog_get_property (GObject    *object,
                                         guint       prop_id,
                                         GValue     *value,
                                         GParamSpec *pspec)
{
  BourseModifyOrderDialog *self = BOURSE_MODIFY_ORDER_DIALOG (object);

  switch (prop_id)
    {
    case PROP_TRADER:
      g_value_set_object (value, self->trader);
      break;
    case PROP_ORDER:
      g_value_set_object (value, self->order);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bourse_modify_order_dialog_set_property (GObject      *object,
                                         guint         prop_id,
                                         const GValue *value,
                                         GParamSpec   *pspec)
{
  BourseModifyOrderDialog *self = BOURSE_MODIFY_ORDER_DIALOG (object);

  switch (prop_id)
    {
    case PROP_TRADER:
      self->trader = g_value_dup_object (value);
      break;
    case PROP_ORDER:
      self->order = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bourse_modify_order_dialog_class_init (BourseModifyOrderDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = bourse_modify_order_dialog_constructed;
  object_class->dispose = bourse_modify_order_dialog_dispose;
  object_class->get_property = bourse_modify_order_dialog_get_property;
  object_class->set_property = bourse_modify_order_dialog_set_property;

  properties[PROP_TRADER] =
    g_param_spec_object ("trader", NULL, NULL, BOURSE_TYPE_TRADER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ORDER] =
    g_param_spec_object ("order", NULL, NULL, BOURSE_TYPE_ORDER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/bourse-modify-order-dialog.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, BourseModifyOrderDialog, name)
  BIND (qty_spin); BIND (limit_label); BIND (limit_spin); BIND (stop_label); BIND (stop_spin);
  BIND (take_profit_check); BIND (take_profit_spin); BIND (stop_loss_check); BIND (stop_loss_spin);
#undef BIND
}

static void
bourse_modify_order_dialog_init (BourseModifyOrderDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* -- public API ---------------------------------------------------------- */

/**
 * bourse_modify_order_dialog_new:
 * @parent: (nullable): the window it belongs to
 * @trader: the trader of the store @order is in
 * @order: a working order
 */
BourseModifyOrderDialog *
bourse_modify_order_dialog_new (GtkWindow    *parent,
                                BourseTrader *trader,
                                BourseOrder  *order)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (BOURSE_IS_TRADER (trader), NULL);
  g_return_val_if_fail (BOURSE_IS_ORDER (order), NULL);

  return g_object_new (BOURSE_TYPE_MODIFY_ORDER_DIALOG,
                       "transient-for", parent,
                       "trader", trader,
                       "order", order,
                       NULL);
}

BourseTrader *
bourse_modify_order_dialog_get_trader (BourseModifyOrderDialog *self)
{
  g_return_val_if_fail (BOURSE_IS_MODIFY_ORDER_DIALOG (self), NULL);

  return self->trader;
}

const char *
bourse_modify_order_dialog_get_order_id (BourseModifyOrderDialog *self)
{
  g_return_val_if_fail (BOURSE_IS_MODIFY_ORDER_DIALOG (self), NULL);

  return bourse_order_get_id (self->order);
}

/**
 * bourse_modify_order_dialog_plan:
 *
 * The modification the fields ask for, planned by the trader: hidden fields
 * keep what the order has (brackets are re-attached), an unticked bracket is
 * removed.
 *
 * Returns: (transfer full): the trade, or %NULL with @error when the order is
 *   gone
 */
BourseTrade *
bourse_modify_order_dialog_plan (BourseModifyOrderDialog  *self,
                                 GError                  **error)
{
  gboolean brackets;
  double take_profit = NAN, stop_loss = NAN;

  g_return_val_if_fail (BOURSE_IS_MODIFY_ORDER_DIALOG (self), NULL);

  brackets = gtk_widget_get_visible (GTK_WIDGET (self->take_profit_check));
  if (brackets)
    {
      take_profit = _bourse_bracket_leg_get (self->take_profit_check, self->take_profit_spin);
      stop_loss = _bourse_bracket_leg_get (self->stop_loss_check, self->stop_loss_spin);
    }
  return bourse_trader_plan_modify_order (self->trader, bourse_order_get_id (self->order),
                                          _bourse_spin_value (self->qty_spin),
                                          gtk_widget_get_visible (GTK_WIDGET (self->limit_spin)) ? _bourse_spin_value (self->limit_spin) : 0,
                                          gtk_widget_get_visible (GTK_WIDGET (self->stop_spin)) ? _bourse_spin_value (self->stop_spin) : 0,
                                          take_profit, stop_loss, error);
}
