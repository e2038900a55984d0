/* bourse-alert-dialog.c — a new price or indicator alert, with its webhook
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The source is the price or one of the chart's indicators; the target is a
 * value (two for a channel) or one of the symbol's drawings. Only the fields
 * the chosen condition and target use can be edited. The dialog builds the
 * alert on request; whoever opened it validates and adds it on "create", so
 * the refusal is reported where the alerts are kept.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "bourse-alert-dialog.h"
#include "bourse-drawing.h"
#include "bourse-order-validation.h"
#include "bourse-webhook.h"

struct _BourseAlertDialog
{
  AdwMessageDialog  parent_instance;

  /* template widgets */
  GtkEditable      *symbol_entry;
  GtkDropDown      *source_drop_down;     /* 0: the price; i: source_specs[i - 1] */
  GtkStringList    *sources;
  GtkDropDown      *condition_drop_down;  /* in the order of conditions[] */
  GtkDropDown      *target_drop_down;     /* 0: the values; i: drawings[i - 1] */
  GtkStringList    *targets;
  GtkSpinButton    *value_spin;
  GtkSpinButton    *value2_spin;
  GtkSpinButton    *bars_spin;
  GtkDropDown      *frequency_drop_down;  /* in the order of frequencies[] */
  GtkDropDown      *expiry_drop_down;     /* in the order of expiries[] */
  GtkDropDown      *template_drop_down;   /* 0: custom; i: the webhook templates' i - 1 */
  GtkStringList    *templates;
  GtkEditable      *message_entry;
  GtkEditable      *webhook_entry;
  GtkCheckButton   *retry_check;
  GtkLabel         *warnings_label;

  /* owned */
  GPtrArray        *source_specs;
  GPtrArray        *drawings;
};

G_DEFINE_FINAL_TYPE (BourseAlertDialog, bourse_alert_dialog, ADW_TYPE_MESSAGE_DIALOG)

/* The drop-downs' rows, in the order of the template's string lists. */
static const BourseAlertCondition conditions[] = {
  BOURSE_ALERT_CROSSING, BOURSE_ALERT_CROSSING_UP, BOURSE_ALERT_CROSSING_DOWN,
  BOURSE_ALERT_GREATER_THAN, BOURSE_ALERT_LESS_THAN,
  BOURSE_ALERT_ENTERING_CHANNEL, BOURSE_ALERT_EXITING_CHANNEL,
  BOURSE_ALERT_INSIDE_CHANNEL, BOURSE_ALERT_OUTSIDE_CHANNEL,
  BOURSE_ALERT_MOVING_UP, BOURSE_ALERT_MOVING_DOWN,
  BOURSE_ALERT_MOVING_UP_PERCENT, BOURSE_ALERT_MOVING_DOWN_PERCENT,
};
static const BourseAlertFrequency frequencies[] = {
  BOURSE_ALERT_ONCE, BOURSE_ALERT_ONCE_PER_BAR, BOURSE_ALERT_ONCE_PER_BAR_CLOSE,
};
/* seconds from now; 0 = never */
static const gint64 expiries[] = { 0, 3600, 86400, 7 * 86400, 30 * 86400 };

static gboolean
is_channel_condition (BourseAlertCondition condition)
{
  return condition >= BOURSE_ALERT_ENTERING_CHANNEL && condition <= BOURSE_ALERT_OUTSIDE_CHANNEL;
}

static gboolean
is_moving_condition (BourseAlertCondition condition)
{
  return condition >= BOURSE_ALERT_MOVING_UP;
}

static BourseAlertCondition
selected_condition (BourseAlertDialog *self)
{
  return conditions[MIN (gtk_drop_down_get_selected (self->condition_drop_down), G_N_ELEMENTS (conditions) - 1)];
}

/* Only the fields the chosen condition and target use can be edited. */
static void
update_sensitivity (BourseAlertDialog *self)
{
  BourseAlertCondition condition = selected_condition (self);
  gboolean on_values = gtk_drop_down_get_selected (self->target_drop_down) == 0;

  gtk_widget_set_sensitive (GTK_WIDGET (self->value_spin), on_values || is_moving_condition (condition));
  gtk_widget_set_sensitive (GTK_WIDGET (self->value2_spin), on_values && is_channel_condition (condition));
  gtk_widget_set_sensitive (GTK_WIDGET (self->bars_spin), is_moving_condition (condition));
}

/* Where TradingView would refuse the webhook, or the message goes out as
 * something else than the user thinks: said under the URL while typing. */
static void
update_warnings (BourseAlertDialog *self)
{
  const char *url = gtk_editable_get_text (self->webhook_entry);
  g_auto(GStrv) messages = NULL;
  g_autofree char *text = NULL;

  if (*url == '\0')
    {
      gtk_widget_set_visible (GTK_WIDGET (self->warnings_label), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->retry_check), FALSE);
      return;
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->retry_check), TRUE);
  if (bourse_webhook_lint (url, gtk_editable_get_text (self->message_entry), &messages) == BOURSE_WEBHOOK_LINT_NONE ||
      messages == NULL || messages[0] == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->warnings_label), FALSE);
      return;
    }
  text = g_strjoinv ("\n", messages);
  gtk_label_set_text (self->warnings_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->warnings_label), TRUE);
}

static void
template_drop_down_selected_cb (BourseAlertDialog *self)
{
  guint selected = gtk_drop_down_get_selected (self->template_drop_down);
  const BourseWebhookTemplate *templates = bourse_webhook_list_templates ();

  /* 0 is "Custom message": keep what the user wrote */
  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION)
    return;
  for (guint i = 1; templates[i - 1].id != NULL; i++)
    if (i == selected)
      {
        gtk_editable_set_text (self->message_entry, templates[i - 1].template_);
        break;
      }
}

static const char *
selected_string (GtkDropDown *drop_down)
{
  GtkStringObject *item = gtk_drop_down_get_selected_item (drop_down);

  return item ? gtk_string_object_get_string (item) : NULL;
}

/* "EURUSD Crossing 1.08500", "sma:20 Crossing Drawing 1: trend-line" */
static char *
default_name (BourseAlertDialog *self)
{
  const char *source = selected_string (self->source_drop_down);
  const char *condition = selected_string (self->condition_drop_down);
  g_autofree char *value = NULL;

  if (gtk_drop_down_get_selected (self->target_drop_down) > 0 && selected_string (self->target_drop_down))
    value = g_strdup (selected_string (self->target_drop_down));
  else
    value = bourse_format_price (gtk_spin_button_get_value (self->value_spin),
                                 gtk_adjustment_get_step_increment (gtk_spin_button_get_adjustment (self->value_spin)));
  /* Translators: default alert name, e.g. "EURUSD Crossing 1.08500" */
  return g_strdup_printf (_("%s %s %s"),
                          gtk_drop_down_get_selected (self->source_drop_down) > 0 && source
                          ? source : gtk_editable_get_text (self->symbol_entry),
                          condition ? condition : "", value);
}

static void
bourse_alert_dialog_dispose (GObject *object)
{
  BourseAlertDialog *self = BOURSE_ALERT_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), BOURSE_TYPE_ALERT_DIALOG);
  g_clear_pointer (&self->source_specs, g_ptr_array_unref);
  g_clear_pointer (&self->drawings, g_ptr_array_unref);

  G_OBJECT_CLASS (bourse_alert_dialog_parent_class)->dispose (object);
}

static void
bourse_alert_dialog_class_init (BourseAlertDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bourse_alert_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/bourse-alert-dialog.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, BourseAlertDialog, name)
  BIND (symbol_entry); BIND (source_drop_down); BIND (sources); BIND (condition_drop_down);
  BIND (target_drop_down); BIND (targets); BIND (value_spin); BIND (value2_spin); BIND (bars_spin);
  BIND (frequency_drop_down); BIND (expiry_drop_down); BIND (template_drop_down); BIND (templates);
  BIND (message_entry); BIND (webhook_entry); BIND (retry_check); BIND (warnings_label);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, update_sensitivity);
  gtk_widget_class_bind_template_callback (widget_class, update_warnings);
  gtk_widget_class_bind_template_callback (widget_class, template_drop_down_selected_cb);
}

static void
bourse_alert_dialog_init (BourseAlertDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->source_specs = g_ptr_array_new_with_free_func (g_free);
  self->drawings = g_ptr_array_new_with_free_func (g_object_unref);
  for (const BourseWebhookTemplate *t = bourse_webhook_list_templates (); t->id != NULL; t++)
    gtk_string_list_append (self->templates, t->name);
  update_sensitivity (self);
  update_warnings (self);
}

/**
 * bourse_alert_dialog_new:
 * @value: the value prefilled (the last price, or where the chart was clicked)
 * @tick: the instrument's tick: the step and decimals of the value fields
 */
BourseAlertDialog *
bourse_alert_dialog_new (GtkWindow  *parent,
                         const char *symbol,
                         double      value,
                         double      tick)
{
  BourseAlertDialog *self;
  GtkSpinButton *spins[2];

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (symbol != NULL, NULL);

  if (!(tick > 0))
    tick = 0.01;
  self = g_object_new (BOURSE_TYPE_ALERT_DIALOG, "transient-for", parent, NULL);
  gtk_editable_set_text (self->symbol_entry, symbol);
  spins[0] = self->value_spin;
  spins[1] = self->value2_spin;
  for (guint i = 0; i < G_N_ELEMENTS (spins); i++)
    {
      gtk_spin_button_set_increments (spins[i], tick, 10 * tick);
      gtk_spin_button_set_digits (spins[i], bourse_decimals_for_tick (tick));
      gtk_spin_button_set_value (spins[i], value);
    }
  return self;
}

/* The chart's indicators, offered as the alert's source after the price. */
void
bourse_alert_dialog_set_sources (BourseAlertDialog  *self,
                                 const char * const *specs)
{
  g_return_if_fail (BOURSE_IS_ALERT_DIALOG (self));

  gtk_string_list_splice (self->sources, 1, self->source_specs->len, NULL);
  g_ptr_array_set_size (self->source_specs, 0);
  for (guint i = 0; specs && specs[i]; i++)
    {
      g_ptr_array_add (self->source_specs, g_strdup (specs[i]));
      gtk_string_list_append (self->sources, specs[i]);
    }
}

/* The symbol's drawings, offered as the alert's target after the values. */
void
bourse_alert_dialog_set_drawings (BourseAlertDialog *self,
                                  GListModel        *drawings)
{
  guint n;

  g_return_if_fail (BOURSE_IS_ALERT_DIALOG (self));
  g_return_if_fail (drawings == NULL || G_IS_LIST_MODEL (drawings));

  gtk_string_list_splice (self->targets, 1, self->drawings->len, NULL);
  g_ptr_array_set_size (self->drawings, 0);
  n = drawings ? g_list_model_get_n_items (drawings) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BourseDrawing) drawing = g_list_model_get_item (drawings, i);
      g_autofree char *label = NULL;

      /* Translators: alert target, e.g. "Drawing 2: trend-line" */
      label = g_strdup_printf (_("Drawing %u: %s"), i + 1, bourse_drawing_kind_to_string (bourse_drawing_get_kind (drawing)));
      gtk_string_list_append (self->targets, label);
      g_ptr_array_add (self->drawings, g_steal_pointer (&drawing));
    }
}

const char *
bourse_alert_dialog_get_symbol (BourseAlertDialog *self)
{
  g_return_val_if_fail (BOURSE_IS_ALERT_DIALOG (self), NULL);
  return gtk_editable_get_text (self->symbol_entry);
}

/**
 * bourse_alert_dialog_build_alert:
 *
 * The alert as the fields say, named after them; not validated.
 *
 * Returns: (transfer full): a new alert
 */
BourseAlert *
bourse_alert_dialog_build_alert (BourseAlertDialog *self)
{
  g_autoptr(BourseAlert) alert = NULL;
  g_autofree char *name = NULL;
  const char *message, *webhook;
  guint frequency, source, target, expiry;
  BourseAlertCondition condition;

  g_return_val_if_fail (BOURSE_IS_ALERT_DIALOG (self), NULL);

  gtk_spin_button_update (self->value_spin);
  gtk_spin_button_update (self->value2_spin);
  gtk_spin_button_update (self->bars_spin);
  message = gtk_editable_get_text (self->message_entry);
  webhook = gtk_editable_get_text (self->webhook_entry);
  frequency = gtk_drop_down_get_selected (self->frequency_drop_down);
  source = gtk_drop_down_get_selected (self->source_drop_down);
  target = gtk_drop_down_get_selected (self->target_drop_down);
  expiry = gtk_drop_down_get_selected (self->expiry_drop_down);
  condition = selected_condition (self);

  alert = bourse_alert_new (gtk_editable_get_text (self->symbol_entry), condition,
                            gtk_spin_button_get_value (self->value_spin));
  bourse_alert_set_frequency (alert, frequencies[MIN (frequency, G_N_ELEMENTS (frequencies) - 1)]);
  if (is_channel_condition (condition))
    g_object_set (alert, "value2", gtk_spin_button_get_value (self->value2_spin), NULL);
  if (is_moving_condition (condition))
    g_object_set (alert, "bars", (guint) gtk_spin_button_get_value_as_int (self->bars_spin), NULL);
  if (source > 0 && source <= self->source_specs->len)
    g_object_set (alert, "source-study", g_ptr_array_index (self->source_specs, source - 1), NULL);
  if (target > 0 && target <= self->drawings->len)
    bourse_alert_set_drawing (alert, g_ptr_array_index (self->drawings, target - 1));
  if (expiry > 0 && expiry < G_N_ELEMENTS (expiries))
    bourse_alert_set_expires (alert, g_get_real_time () / G_USEC_PER_SEC + expiries[expiry]);
  if (*message)
    bourse_alert_set_message (alert, message);
  if (*webhook)
    {
      bourse_alert_set_webhook_url (alert, webhook);
      g_object_set (alert, "webhook-retry", gtk_check_button_get_active (self->retry_check), NULL);
    }
  name = default_name (self);
  g_object_set (alert, "name", name, NULL);
  return g_steal_pointer (&alert);
}
