/* bourse-alerts-panel.c — the sidebar's alerts panel: the alerts with their state, and the log of firings
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Both tables are GtkColumnViews over the alert manager's GListModels,
 * sortable by every column; cells follow their alert as it changes.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "bourse-alert-event.h"
#include "bourse-alert.h"
#include "bourse-alerts-panel.h"
#include "bourse-instrument.h"
#include "bourse-price.h"
#include "bourse-table-columns-private.h"

struct _BourseAlertsPanel
{
  GtkWidget      parent_instance;

  /* template widgets */
  GtkWidget     *paned;
  GtkColumnView *alerts_view;
  GtkColumnView *alert_log_view;
  GtkLabel      *alerts_count_label;

  /* owned */
  GListModel    *alerts;
  GListModel    *instruments;    /* for the price format of each symbol */
  gulong         alerts_changed_id;
};

G_DEFINE_FINAL_TYPE (BourseAlertsPanel, bourse_alerts_panel, GTK_TYPE_WIDGET)

typedef enum
{
  CELL_TEXT,
  CELL_PRICE,
  CELL_ENUM,          /* an enum property, shown by its label */
  CELL_FIRED_AT,      /* an alert event's firing time */
} CellKind;

typedef struct
{
  BourseAlertsPanel *self;     /* borrowed: columns die with the widget */
  const char        *property;
  CellKind           kind;
} ColumnData;

/* -- formatting ---------------------------------------------------------- */

static double
lookup_tick (BourseAlertsPanel *self,
             const char        *symbol)
{
  guint n = self->instruments ? g_list_model_get_n_items (self->instruments) : 0;

  /* A few hundred instruments at most, looked up per visible cell. */
  for (guint i = 0; i < n && symbol; i++)
    {
      g_autoptr(BourseInstrument) instrument = g_list_model_get_item (self->instruments, i);

      if (g_strcmp0 (bourse_instrument_get_name (instrument), symbol) == 0)
        return bourse_instrument_get_min_tick (instrument);
    }
  return NAN;
}

static const char *
enum_to_label (GType type,
               int   value)
{
  static const struct { const char *nick; const char *label; } labels[] = {
    { "crossing", N_("Crossing") }, { "crossing-up", N_("Crossing Up") },
    { "crossing-down", N_("Crossing Down") }, { "greater-than", N_("Greater Than") },
    { "less-than", N_("Less Than") }, { "entering-channel", N_("Entering Channel") },
    { "exiting-channel", N_("Exiting Channel") }, { "inside-channel", N_("Inside Channel") },
    { "outside-channel", N_("Outside Channel") }, { "moving-up", N_("Moving Up") },
    { "moving-down", N_("Moving Down") }, { "moving-up-percent", N_("Moving Up %") },
    { "moving-down-percent", N_("Moving Down %") }, { "once", N_("Once") },
    { "once-per-bar", N_("Once per Bar") }, { "once-per-bar-close", N_("Once per Bar Close") },
    { "active", N_("Active") }, { "triggered", N_("Triggered") }, { "expired", N_("Expired") },
    { "paused", N_("Paused") },
  };
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);
  GEnumValue *enum_value = g_enum_get_value (klass, value);

  if (enum_value == NULL)
    return "?";
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_str_equal (labels[i].nick, enum_value->value_nick))
      return _(labels[i].label);
  return enum_value->value_nick;
}

static char *
format_cell (BourseAlertsPanel *self,
             GObject           *item,
             const ColumnData  *data)
{
  g_autofree char *symbol = NULL;
  GParamSpec *pspec;
  g_auto(GValue) value = G_VALUE_INIT;

  if (data->kind == CELL_FIRED_AT)
    {
      g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (bourse_alert_event_get_fired_at (BOURSE_ALERT_EVENT (item)));
      return dt ? g_date_time_format (dt, "%Y-%m-%d %H:%M:%S") : g_strdup ("—");
    }

  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (item), data->property);
  if (pspec == NULL)
    return g_strdup ("");
  g_value_init (&value, pspec->value_type);
  g_object_get_property (item, data->property, &value);

  switch (data->kind)
    {
    case CELL_ENUM:
      return g_strdup (enum_to_label (G_VALUE_TYPE (&value), g_value_get_enum (&value)));
    case CELL_PRICE:
      {
        double price = g_value_get_double (&value);

        g_object_get (item, "symbol", &symbol, NULL);
        return price > 0 ? bourse_format_price (price, lookup_tick (self, symbol)) : g_strdup ("—");
      }
    case CELL_TEXT:
    case CELL_FIRED_AT:
    default:
      if (G_VALUE_HOLDS_UINT (&value))
        return g_strdup_printf ("%u", g_value_get_uint (&value));
      if (G_VALUE_HOLDS_STRING (&value))
        return g_value_dup_string (&value);
      return g_strdup_value_contents (&value);
    }
}

/* -- cells --------------------------------------------------------------- */

static void
update_label (GtkLabel   *label,
              GObject    *item,
              ColumnData *data)
{
  g_autofree char *text = format_cell (data->self, item, data);

  gtk_label_set_text (label, text);
}

static void
item_notify_cb (GObject    *item,
                GParamSpec *pspec,
                GtkLabel   *label)
{
  update_label (label, item, g_object_get_data (G_OBJECT (label), "column-data"));
}

static void
label_setup_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                ColumnData               *data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), data->kind == CELL_PRICE ? 1.0 : 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (data->kind == CELL_PRICE)
    gtk_widget_add_css_class (label, "tabular");
  g_object_set_data (G_OBJECT (label), "column-data", data);
  gtk_list_item_set_child (list_item, label);
}

static void
label_bind_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               ColumnData               *data)
{
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (list_item));
  GObject *item = gtk_list_item_get_item (list_item);
  gulong id;

  update_label (label, item, data);
  /* Alerts change state and count in place; follow them while bound. */
  id = g_signal_connect_object (item, "notify", G_CALLBACK (item_notify_cb), label, 0);
  g_object_set_data (G_OBJECT (label), "notify-id", GSIZE_TO_POINTER (id));
}

static void
label_unbind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 ColumnData               *data)
{
  GtkWidget *label = gtk_list_item_get_child (list_item);
  GObject *item = gtk_list_item_get_item (list_item);
  gulong id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (label), "notify-id"));

  if (id != 0 && item != NULL)
    g_signal_handler_disconnect (item, id);
  g_object_set_data (G_OBJECT (label), "notify-id", NULL);
}

static void
add_column (BourseAlertsPanel *self,
            GtkColumnView     *view,
            GType              item_type,
            const char        *title,
            const char        *property,
            CellKind           kind,
            gboolean           expand)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  ColumnData *data = g_new0 (ColumnData, 1);
  g_autoptr(GtkColumnViewColumn) column = NULL;
  g_autoptr(GtkSorter) sorter = NULL;

  data->self = self;
  data->property = property;
  data->kind = kind;
  g_signal_connect (factory, "setup", G_CALLBACK (label_setup_cb), data);
  g_signal_connect (factory, "bind", G_CALLBACK (label_bind_cb), data);
  g_signal_connect (factory, "unbind", G_CALLBACK (label_unbind_cb), data);
  g_object_set_data_full (G_OBJECT (factory), "column-data", data, g_free);

  column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_expand (column, expand);
  gtk_column_view_column_set_resizable (column, TRUE);
  sorter = _bourse_table_property_sorter (item_type, property);
  gtk_column_view_column_set_sorter (column, sorter);
  gtk_column_view_append_column (view, column);
}

static const BourseRowAction alert_actions[] = {
  { "media-playback-pause-symbolic", N_("Pause or Resume Alert"), "win.toggle-alert", NULL },
  { "user-trash-symbolic", N_("Remove Alert"), "win.remove-alert", "error" },
  { NULL, NULL, NULL, NULL },
};

static const BourseRowAction alert_event_actions[] = {
  { "mail-send-symbolic", N_("Send the Webhook Again"), "win.resend-alert", NULL },
  { NULL, NULL, NULL, NULL },
};

static void
setup_columns (BourseAlertsPanel *self)
{
  add_column (self, self->alerts_view, BOURSE_TYPE_ALERT, _("Symbol"), "symbol", CELL_TEXT, FALSE);
  add_column (self, self->alerts_view, BOURSE_TYPE_ALERT, _("Name"), "name", CELL_TEXT, TRUE);
  add_column (self, self->alerts_view, BOURSE_TYPE_ALERT, _("Condition"), "condition", CELL_ENUM, FALSE);
  add_column (self, self->alerts_view, BOURSE_TYPE_ALERT, _("Value"), "value", CELL_PRICE, FALSE);
  add_column (self, self->alerts_view, BOURSE_TYPE_ALERT, _("Frequency"), "frequency", CELL_ENUM, FALSE);
  add_column (self, self->alerts_view, BOURSE_TYPE_ALERT, _("State"), "state", CELL_ENUM, FALSE);
  add_column (self, self->alerts_view, BOURSE_TYPE_ALERT, _("Fired"), "trigger-count", CELL_TEXT, FALSE);
  _bourse_table_add_actions_column (self->alerts_view, alert_actions, "id");

  add_column (self, self->alert_log_view, BOURSE_TYPE_ALERT_EVENT, _("Time"), NULL, CELL_FIRED_AT, FALSE);
  add_column (self, self->alert_log_view, BOURSE_TYPE_ALERT_EVENT, _("Symbol"), "symbol", CELL_TEXT, FALSE);
  add_column (self, self->alert_log_view, BOURSE_TYPE_ALERT_EVENT, _("Alert"), "alert-name", CELL_TEXT, FALSE);
  add_column (self, self->alert_log_view, BOURSE_TYPE_ALERT_EVENT, _("Message"), "message", CELL_TEXT, TRUE);
  _bourse_table_add_actions_column (self->alert_log_view, alert_event_actions, "fire-id");
}

static void
update_alerts_count (BourseAlertsPanel *self)
{
  guint n = self->alerts ? g_list_model_get_n_items (self->alerts) : 0, active = 0;
  g_autofree char *text = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BourseAlert) alert = g_list_model_get_item (self->alerts, i);

      if (bourse_alert_get_state (alert) == BOURSE_ALERT_STATE_ACTIVE)
        active++;
    }
  text = g_strdup_printf (ngettext ("%u alert, %u active", "%u alerts, %u active", n), n, active);
  gtk_label_set_text (self->alerts_count_label, text);
}

/* -- GObject ------------------------------------------------------------- */

static void
bourse_alerts_panel_dispose (GObject *object)
{
  BourseAlertsPanel *self = BOURSE_ALERTS_PANEL (object);

  if (self->alerts)
    g_clear_signal_handler (&self->alerts_changed_id, self->alerts);
  gtk_widget_dispose_template (GTK_WIDGET (self), BOURSE_TYPE_ALERTS_PANEL);
  g_clear_object (&self->alerts);
  g_clear_object (&self->instruments);

  G_OBJECT_CLASS (bourse_alerts_panel_parent_class)->dispose (object);
}

static void
bourse_alerts_panel_class_init (BourseAlertsPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bourse_alerts_panel_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/bourse-alerts-panel.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "alertspanel");
  gtk_widget_class_bind_template_child (widget_class, BourseAlertsPanel, paned);
  gtk_widget_class_bind_template_child (widget_class, BourseAlertsPanel, alerts_view);
  gtk_widget_class_bind_template_child (widget_class, BourseAlertsPanel, alert_log_view);
  gtk_widget_class_bind_template_child (widget_class, BourseAlertsPanel, alerts_count_label);
}

static void
bourse_alerts_panel_init (BourseAlertsPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  setup_columns (self);
  update_alerts_count (self);
}

/**
 * bourse_alerts_panel_set_models:
 * @alerts: (nullable): BourseAlerts of the alert manager
 * @log: (nullable): its BourseAlertEvents, newest last
 */
void
bourse_alerts_panel_set_models (BourseAlertsPanel *self,
                                GListModel        *alerts,
                                GListModel        *log)
{
  g_return_if_fail (BOURSE_IS_ALERTS_PANEL (self));

  if (self->alerts)
    g_clear_signal_handler (&self->alerts_changed_id, self->alerts);
  g_set_object (&self->alerts, alerts);
  if (alerts)
    self->alerts_changed_id = g_signal_connect_object (alerts, "items-changed",
                                                       G_CALLBACK (update_alerts_count), self,
                                                       G_CONNECT_SWAPPED);
  _bourse_table_set_model (self->alerts_view, alerts);
  _bourse_table_set_model (self->alert_log_view, log);
  update_alerts_count (self);
}

/**
 * bourse_alerts_panel_set_instruments:
 * @instruments: (nullable): the broker's BourseInstruments, for price formats
 */
void
bourse_alerts_panel_set_instruments (BourseAlertsPanel *self,
                                     GListModel        *instruments)
{
  g_return_if_fail (BOURSE_IS_ALERTS_PANEL (self));
  g_set_object (&self->instruments, instruments);
}

GtkColumnView *
bourse_alerts_panel_get_alerts_view (BourseAlertsPanel *self)
{
  g_return_val_if_fail (BOURSE_IS_ALERTS_PANEL (self), NULL);
  return self->alerts_view;
}

GtkColumnView *
bourse_alerts_panel_get_log_view (BourseAlertsPanel *self)
{
  g_return_val_if_fail (BOURSE_IS_ALERTS_PANEL (self), NULL);
  return self->alert_log_view;
}
