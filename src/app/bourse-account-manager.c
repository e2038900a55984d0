/* bourse-account-manager.c — the bottom panel: positions, orders, history, executions, summary
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "bourse-account-manager.h"
#include "bourse-execution.h"
#include "bourse-instrument.h"
#include "bourse-order-fills.h"
#include "bourse-order-validation.h"
#include "bourse-order.h"
#include "bourse-position.h"
#include "bourse-table-columns-private.h"

struct _BourseAccountManager
{
  GtkWidget           parent_instance;

  /* template widgets */
  GtkWidget          *box;
  GtkStack           *stack;
  GtkColumnView      *positions_view;
  GtkColumnView      *orders_view;
  GtkColumnView      *history_view;
  GtkColumnView      *executions_view;
  GtkBox             *summary_box;
  GtkLabel           *account_label;
  GtkLabel           *balance_label;
  GtkLabel           *equity_label;
  GtkLabel           *pl_label;
  GtkStackSwitcher   *switcher;
  GtkToggleButton    *collapse_button;

  /* owned */
  GListModel         *instruments;
  GHashTable         *ticks;            /* instrument name → (double *) min tick */
  BourseAccountState *state;
  JsonNode           *summary_layout;
  char               *currency;
  gulong              state_notify_id;
  gulong              instruments_changed_id;
  GListModel         *executions;
  gulong              executions_changed_id;
  GHashTable         *fills;            /* order id → BourseOrderFills, from the executions */
  GHashTable         *fill_labels;      /* bound History cells that show fills */
  gboolean            collapsed;
};

G_DEFINE_FINAL_TYPE (BourseAccountManager, bourse_account_manager, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_PAGE,
  PROP_COLLAPSED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef enum
{
  CELL_TEXT,
  CELL_SIDE,
  CELL_QTY,
  CELL_PRICE,
  CELL_PNL,
  CELL_TIME,
  CELL_ORDER_TYPE,
  CELL_STATUS,
  CELL_ORDER_PRICE,   /* limit, stop or "stop → limit" of an order */
  CELL_FILL_TIME,     /* an order's last execution (else its last change) */
  CELL_REALIZED_PL,   /* what an order's fills realised, see bourse-order-fills.c */
} CellKind;

typedef struct
{
  BourseAccountManager *self;     /* borrowed: columns die with the widget */
  const char           *property;
  CellKind              kind;
} ColumnData;

/* -- formatting ---------------------------------------------------------- */

static double
lookup_tick (BourseAccountManager *self,
             const char           *instrument)
{
  double *tick;

  if (instrument == NULL || self->ticks == NULL)
    return NAN;
  tick = g_hash_table_lookup (self->ticks, instrument);
  return tick ? *tick : NAN;
}

static char *
format_qty (double qty)
{
  /* %g keeps 0.01 lots and 100000 units both short. */
  return g_strdup_printf ("%.10g", qty);
}

static char *
format_money (double value)
{
  if (!isfinite (value))
    return g_strdup ("—");
  return g_strdup_printf ("%+.2f", value);
}

static const char *
side_to_label (BourseSide side)
{
  switch (side)
    {
    case BOURSE_SIDE_BUY:  return C_("side", "Buy");
    case BOURSE_SIDE_SELL: return C_("side", "Sell");
    case BOURSE_SIDE_UNKNOWN:
    default:               return "?";
    }
}

static const char *
order_type_to_label (BourseOrderType type)
{
  switch (type)
    {
    case BOURSE_ORDER_TYPE_MARKET:     return C_("order type", "Market");
    case BOURSE_ORDER_TYPE_LIMIT:      return C_("order type", "Limit");
    case BOURSE_ORDER_TYPE_STOP:       return C_("order type", "Stop");
    case BOURSE_ORDER_TYPE_STOP_LIMIT: return C_("order type", "Stop Limit");
    case BOURSE_ORDER_TYPE_UNKNOWN:
    default:                           return "?";
    }
}

static const char *
order_status_to_label (BourseOrderStatus status)
{
  switch (status)
    {
    case BOURSE_ORDER_STATUS_PLACING:   return C_("order status", "Placing");
    case BOURSE_ORDER_STATUS_INACTIVE:  return C_("order status", "Inactive");
    case BOURSE_ORDER_STATUS_WORKING:   return C_("order status", "Working");
    case BOURSE_ORDER_STATUS_REJECTED:  return C_("order status", "Rejected");
    case BOURSE_ORDER_STATUS_FILLED:    return C_("order status", "Filled");
    case BOURSE_ORDER_STATUS_CANCELLED: return C_("order status", "Cancelled");
    case BOURSE_ORDER_STATUS_UNKNOWN:
    default:                            return "?";
    }
}

static char *
format_cell (BourseAccountManager *self,
             GObject              *item,
             const ColumnData     *data,
             const char          **css_class)
{
  g_autofree char *instrument = NULL;
  GParamSpec *pspec = NULL;
  g_auto(GValue) value = G_VALUE_INIT;

  *css_class = NULL;

  if (g_object_class_find_property (G_OBJECT_GET_CLASS (item), "instrument"))
    g_object_get (item, "instrument", &instrument, NULL);
  else if (g_object_class_find_property (G_OBJECT_GET_CLASS (item), "symbol"))
    g_object_get (item, "symbol", &instrument, NULL);

  if (data->kind == CELL_FILL_TIME || data->kind == CELL_REALIZED_PL)
    {
      BourseOrder *order = BOURSE_ORDER (item);
      BourseOrderFills *f = self->fills ? g_hash_table_lookup (self->fills, bourse_order_get_id (order)) : NULL;

      if (data->kind == CELL_FILL_TIME)
        {
          gint64 time = f ? f->time : bourse_order_get_last_modified (order);
          g_autoptr(GDateTime) dt = time > 0 ? g_date_time_new_from_unix_local (time) : NULL;
          return dt ? g_date_time_format (dt, "%Y-%m-%d %H:%M:%S") : g_strdup ("—");
        }
      if (f == NULL || !isfinite (f->realized_pl))
        return g_strdup ("—");
      *css_class = f->realized_pl > 0 ? "up" : f->realized_pl < 0 ? "down" : NULL;
      return format_money (f->realized_pl);
    }

  if (data->kind == CELL_ORDER_PRICE)
    {
      BourseOrder *order = BOURSE_ORDER (item);
      double tick = lookup_tick (self, instrument);
      g_autofree char *limit = bourse_format_price (bourse_order_get_limit_price (order), tick);
      g_autofree char *stop = bourse_format_price (bourse_order_get_stop_price (order), tick);

      switch (bourse_order_get_order_type (order))
        {
        case BOURSE_ORDER_TYPE_LIMIT:      return g_steal_pointer (&limit);
        case BOURSE_ORDER_TYPE_STOP:       return g_steal_pointer (&stop);
        case BOURSE_ORDER_TYPE_STOP_LIMIT: return g_strdup_printf ("%s → %s", stop, limit);
        case BOURSE_ORDER_TYPE_MARKET:
        case BOURSE_ORDER_TYPE_UNKNOWN:
        default:
          return bourse_order_get_avg_price (order) > 0
            ? bourse_format_price (bourse_order_get_avg_price (order), tick)
            : g_strdup (C_("order price", "Market"));
        }
    }

  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (item), data->property);
  if (pspec == NULL)
    return g_strdup ("");
  g_value_init (&value, pspec->value_type);
  g_object_get_property (item, data->property, &value);

  switch (data->kind)
    {
    case CELL_SIDE:
      {
        BourseSide side = g_value_get_enum (&value);
        *css_class = side == BOURSE_SIDE_BUY ? "up" : side == BOURSE_SIDE_SELL ? "down" : NULL;
        return g_strdup (side_to_label (side));
      }
    case CELL_ORDER_TYPE:
      return g_strdup (order_type_to_label (g_value_get_enum (&value)));
    case CELL_STATUS:
      return g_strdup (order_status_to_label (g_value_get_enum (&value)));
    case CELL_QTY:
      return format_qty (g_value_get_double (&value));
    case CELL_PRICE:
      {
        double price = g_value_get_double (&value);
        return price > 0 ? bourse_format_price (price, lookup_tick (self, instrument)) : g_strdup ("—");
      }
    case CELL_PNL:
      {
        double pl = g_value_get_double (&value);
        *css_class = pl > 0 ? "up" : pl < 0 ? "down" : NULL;
        return format_money (pl);
      }
    case CELL_TIME:
      {
        g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (g_value_get_int64 (&value));
        return dt ? g_date_time_format (dt, "%Y-%m-%d %H:%M:%S") : g_strdup ("—");
      }
    case CELL_TEXT:
    case CELL_ORDER_PRICE:
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
  const char *css_class;
  g_autofree char *text = format_cell (data->self, item, data, &css_class);

  gtk_label_set_text (label, text);
  gtk_widget_remove_css_class (GTK_WIDGET (label), "up");
  gtk_widget_remove_css_class (GTK_WIDGET (label), "down");
  if (css_class)
    gtk_widget_add_css_class (GTK_WIDGET (label), css_class);
}

static void
item_notify_cb (GObject    *item,
                GParamSpec *pspec,
                GtkLabel   *label)
{
  ColumnData *data = g_object_get_data (G_OBJECT (label), "column-data");

  update_label (label, item, data);
}

static void
label_setup_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                ColumnData               *data)
{
  GtkWidget *label = gtk_label_new (NULL);
  gboolean numeric = data->kind == CELL_QTY || data->kind == CELL_PRICE || data->kind == CELL_PNL ||
                     data->kind == CELL_ORDER_PRICE || data->kind == CELL_REALIZED_PL;

  gtk_label_set_xalign (GTK_LABEL (label), numeric ? 1.0 : 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (numeric)
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
  if (data->kind == CELL_FILL_TIME || data->kind == CELL_REALIZED_PL)
    {
      /* refreshed when the executions change (see refresh_fills) */
      g_object_set_data (G_OBJECT (label), "item", item);
      g_hash_table_add (data->self->fill_labels, label);
    }
  /* The store updates objects in place; follow them while bound. */
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
  if (data->self->fill_labels != NULL)
    g_hash_table_remove (data->self->fill_labels, label);
  g_object_set_data (G_OBJECT (label), "item", NULL);
}

static GtkColumnViewColumn *
add_column (BourseAccountManager *self,
            GtkColumnView        *view,
            GType                 item_type,
            const char           *title,
            const char           *property,
            CellKind              kind,
            gboolean              expand)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  ColumnData *data = g_new0 (ColumnData, 1);
  GtkColumnViewColumn *column;
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
  sorter = _bourse_table_property_sorter (item_type, kind == CELL_ORDER_PRICE ? "limit-price" : property);
  gtk_column_view_column_set_sorter (column, sorter);
  gtk_column_view_append_column (view, column);
  g_object_unref (column);
  return column;
}

static const BourseRowAction position_actions[] = {
  { "document-edit-symbolic", N_("Edit Take Profit and Stop Loss"), "win.edit-brackets", NULL },
  { "object-flip-horizontal-symbolic", N_("Reverse Position"), "win.reverse-position", NULL },
  { "window-close-symbolic", N_("Close Position"), "win.close-position", "error" },
  { NULL, NULL, NULL, NULL },
};

static const BourseRowAction order_actions[] = {
  { "document-edit-symbolic", N_("Modify Order"), "win.modify-order", NULL },
  { "window-close-symbolic", N_("Cancel Order"), "win.cancel-order", "error" },
  { NULL, NULL, NULL, NULL },
};

static void
setup_columns (BourseAccountManager *self)
{
  add_column (self, self->positions_view, BOURSE_TYPE_POSITION, _("Symbol"), "instrument", CELL_TEXT, TRUE);
  add_column (self, self->positions_view, BOURSE_TYPE_POSITION, _("Side"), "side", CELL_SIDE, FALSE);
  add_column (self, self->positions_view, BOURSE_TYPE_POSITION, _("Qty"), "qty", CELL_QTY, FALSE);
  add_column (self, self->positions_view, BOURSE_TYPE_POSITION, _("Avg Price"), "avg-price", CELL_PRICE, FALSE);
  add_column (self, self->positions_view, BOURSE_TYPE_POSITION, _("Profit"), "unrealized-pl", CELL_PNL, FALSE);
  _bourse_table_add_actions_column (self->positions_view, position_actions, "id");

  add_column (self, self->orders_view, BOURSE_TYPE_ORDER, _("Symbol"), "instrument", CELL_TEXT, TRUE);
  add_column (self, self->orders_view, BOURSE_TYPE_ORDER, _("Side"), "side", CELL_SIDE, FALSE);
  add_column (self, self->orders_view, BOURSE_TYPE_ORDER, _("Type"), "order-type", CELL_ORDER_TYPE, FALSE);
  add_column (self, self->orders_view, BOURSE_TYPE_ORDER, _("Qty"), "qty", CELL_QTY, FALSE);
  add_column (self, self->orders_view, BOURSE_TYPE_ORDER, _("Price"), NULL, CELL_ORDER_PRICE, FALSE);
  add_column (self, self->orders_view, BOURSE_TYPE_ORDER, _("Status"), "status", CELL_STATUS, FALSE);
  add_column (self, self->orders_view, BOURSE_TYPE_ORDER, _("Order ID"), "id", CELL_TEXT, FALSE);
  _bourse_table_add_actions_column (self->orders_view, order_actions, "id");

  add_column (self, self->history_view, BOURSE_TYPE_ORDER, _("Time"), "last-modified", CELL_FILL_TIME, FALSE);
  add_column (self, self->history_view, BOURSE_TYPE_ORDER, _("Symbol"), "instrument", CELL_TEXT, TRUE);
  add_column (self, self->history_view, BOURSE_TYPE_ORDER, _("Side"), "side", CELL_SIDE, FALSE);
  add_column (self, self->history_view, BOURSE_TYPE_ORDER, _("Type"), "order-type", CELL_ORDER_TYPE, FALSE);
  add_column (self, self->history_view, BOURSE_TYPE_ORDER, _("Qty"), "qty", CELL_QTY, FALSE);
  add_column (self, self->history_view, BOURSE_TYPE_ORDER, _("Filled"), "filled-qty", CELL_QTY, FALSE);
  add_column (self, self->history_view, BOURSE_TYPE_ORDER, _("Price"), "avg-price", CELL_PRICE, FALSE);
  add_column (self, self->history_view, BOURSE_TYPE_ORDER, _("Realized P&L"), NULL, CELL_REALIZED_PL, FALSE);
  add_column (self, self->history_view, BOURSE_TYPE_ORDER, _("Status"), "status", CELL_STATUS, FALSE);
  add_column (self, self->history_view, BOURSE_TYPE_ORDER, _("Order ID"), "id", CELL_TEXT, FALSE);

  add_column (self, self->executions_view, BOURSE_TYPE_EXECUTION, _("Time"), "time", CELL_TIME, FALSE);
  add_column (self, self->executions_view, BOURSE_TYPE_EXECUTION, _("Symbol"), "instrument", CELL_TEXT, TRUE);
  add_column (self, self->executions_view, BOURSE_TYPE_EXECUTION, _("Side"), "side", CELL_SIDE, FALSE);
  add_column (self, self->executions_view, BOURSE_TYPE_EXECUTION, _("Qty"), "qty", CELL_QTY, FALSE);
  add_column (self, self->executions_view, BOURSE_TYPE_EXECUTION, _("Price"), "price", CELL_PRICE, FALSE);
  add_column (self, self->executions_view, BOURSE_TYPE_EXECUTION, _("Order ID"), "order-id", CELL_TEXT, FALSE);

}

/* The executions changed (or the instruments' pip values): the History's
 * fill times and realised P&L are computed again and its cells updated. */
static void
refresh_fills (BourseAccountManager *self)
{
  GHashTableIter iter;
  gpointer label;

  g_clear_pointer (&self->fills, g_hash_table_unref);
  self->fills = bourse_order_fills_compute (self->executions, self->instruments);
  g_hash_table_iter_init (&iter, self->fill_labels);
  while (g_hash_table_iter_next (&iter, &label, NULL))
    {
      GObject *item = g_object_get_data (G_OBJECT (label), "item");

      if (item != NULL)
        update_label (label, item, g_object_get_data (G_OBJECT (label), "column-data"));
    }
}

static void
rebuild_ticks (BourseAccountManager *self)
{
  guint n = self->instruments ? g_list_model_get_n_items (self->instruments) : 0;

  g_hash_table_remove_all (self->ticks);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BourseInstrument) instrument = g_list_model_get_item (self->instruments, i);
      double *tick = g_new (double, 1);

      *tick = bourse_instrument_get_min_tick (instrument);
      g_hash_table_insert (self->ticks, g_strdup (bourse_instrument_get_name (instrument)), tick);
    }
}

static void
instruments_changed_cb (BourseAccountManager *self)
{
  rebuild_ticks (self);
  refresh_fills (self);
}

/* -- summary ------------------------------------------------------------- */

static void
set_money_label (GtkLabel   *label,
                 const char *title,
                 double      value,
                 const char *currency,
                 gboolean    colored)
{
  g_autofree char *text = NULL;

  if (!isfinite (value))
    text = g_strdup_printf ("%s —", title);
  else if (colored)
    text = g_strdup_printf ("%s %+.2f %s", title, value, currency ? currency : "");
  else
    text = g_strdup_printf ("%s %.2f %s", title, value, currency ? currency : "");
  gtk_label_set_text (label, text);

  gtk_widget_remove_css_class (GTK_WIDGET (label), "up");
  gtk_widget_remove_css_class (GTK_WIDGET (label), "down");
  if (colored && isfinite (value) && value != 0)
    gtk_widget_add_css_class (GTK_WIDGET (label), value > 0 ? "up" : "down");
}

static const char *
json_array_string (JsonArray *array,
                   guint      index)
{
  JsonNode *node;

  if (array == NULL || index >= json_array_get_length (array))
    return NULL;
  node = json_array_get_element (array, index);
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static void
rebuild_summary (BourseAccountManager *self)
{
  GtkWidget *child;
  JsonNode *am_data = self->state ? bourse_account_state_get_am_data (self->state) : NULL;
  JsonArray *tables;
  JsonArray *layout = NULL;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->summary_box))))
    gtk_box_remove (self->summary_box, child);

  if (self->summary_layout && JSON_NODE_HOLDS_ARRAY (self->summary_layout))
    layout = json_node_get_array (self->summary_layout);

  if (am_data == NULL || !JSON_NODE_HOLDS_ARRAY (am_data))
    {
      GtkWidget *label = gtk_label_new (_("The broker sends no account summary"));

      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (self->summary_box, label);
      return;
    }

  tables = json_node_get_array (am_data);
  for (guint t = 0; t < json_array_get_length (tables); t++)
    {
      JsonNode *table_node = json_array_get_element (tables, t);
      JsonObject *table_layout = NULL;
      JsonArray *columns = NULL;
      JsonArray *rows;
      GtkWidget *grid, *title;

      if (!JSON_NODE_HOLDS_ARRAY (table_node))
        continue;
      rows = json_node_get_array (table_node);

      if (layout && t < json_array_get_length (layout) &&
          JSON_NODE_HOLDS_OBJECT (json_array_get_element (layout, t)))
        {
          table_layout = json_array_get_object_element (layout, t);
          if (json_object_has_member (table_layout, "columns") &&
              JSON_NODE_HOLDS_ARRAY (json_object_get_member (table_layout, "columns")))
            columns = json_object_get_array_member (table_layout, "columns");
        }

      if (table_layout && json_object_has_member (table_layout, "title") &&
          JSON_NODE_HOLDS_VALUE (json_object_get_member (table_layout, "title")))
        {
          title = gtk_label_new (json_object_get_string_member (table_layout, "title"));
          gtk_widget_add_css_class (title, "heading");
          gtk_label_set_xalign (GTK_LABEL (title), 0);
          gtk_box_append (self->summary_box, title);
        }

      grid = gtk_grid_new ();
      gtk_grid_set_column_spacing (GTK_GRID (grid), 24);
      gtk_grid_set_row_spacing (GTK_GRID (grid), 4);

      for (guint c = 0; columns && c < json_array_get_length (columns); c++)
        {
          JsonNode *column = json_array_get_element (columns, c);
          const char *text = NULL;
          GtkWidget *label;

          if (JSON_NODE_HOLDS_OBJECT (column) && json_object_has_member (json_node_get_object (column), "title"))
            text = json_object_get_string_member (json_node_get_object (column), "title");
          label = gtk_label_new (text ? text : "");
          gtk_widget_add_css_class (label, "dim-label");
          gtk_label_set_xalign (GTK_LABEL (label), c == 0 ? 0 : 1);
          gtk_grid_attach (GTK_GRID (grid), label, c, 0, 1, 1);
        }

      for (guint r = 0; r < json_array_get_length (rows); r++)
        {
          JsonNode *row_node = json_array_get_element (rows, r);
          JsonArray *cells;

          if (!JSON_NODE_HOLDS_ARRAY (row_node))
            continue;
          cells = json_node_get_array (row_node);
          for (guint c = 0; c < json_array_get_length (cells); c++)
            {
              const char *text = json_array_string (cells, c);
              GtkWidget *label = gtk_label_new (text ? text : "");

              gtk_label_set_xalign (GTK_LABEL (label), c == 0 ? 0 : 1);
              gtk_label_set_selectable (GTK_LABEL (label), TRUE);
              gtk_widget_add_css_class (label, "tabular");
              gtk_grid_attach (GTK_GRID (grid), label, c, r + 1, 1, 1);
            }
        }
      gtk_box_append (self->summary_box, grid);
    }
}

static void
update_state_labels (BourseAccountManager *self)
{
  double balance = NAN, equity = NAN, pl = NAN;

  if (self->state)
    {
      balance = bourse_account_state_get_balance (self->state);
      equity = bourse_account_state_get_equity (self->state);
      pl = bourse_account_state_get_unrealized_pl (self->state);
    }

  set_money_label (self->balance_label, _("Balance"), balance, self->currency, FALSE);
  set_money_label (self->equity_label, _("Equity"), equity, self->currency, FALSE);
  set_money_label (self->pl_label, _("Profit"), pl, self->currency, TRUE);
}

static void
state_notify_cb (BourseAccountManager *self,
                 GParamSpec           *pspec)
{
  update_state_labels (self);
  if (pspec == NULL || g_str_equal (pspec->name, "am-data"))
    rebuild_summary (self);
}

static void
stack_visible_child_cb (BourseAccountManager *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
}

/* -- collapsing to the tab row ------------------------------------------- */

static void
sync_collapsed (BourseAccountManager *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->stack), !self->collapsed);
  gtk_toggle_button_set_active (self->collapse_button, self->collapsed);
  gtk_button_set_icon_name (GTK_BUTTON (self->collapse_button),
                            self->collapsed ? "pan-up-symbolic" : "pan-down-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->collapse_button),
                               self->collapsed ? _("Show Panel") : _("Hide Panel"));
}

static void
collapse_button_toggled_cb (BourseAccountManager *self)
{
  bourse_account_manager_set_collapsed (self, gtk_toggle_button_get_active (self->collapse_button));
}

static void
switcher_released_cb (BourseAccountManager *self,
                      int                   n_press,
                      double                x,
                      double                y,
                      GtkGestureClick      *gesture)
{
  GtkWidget *picked = gtk_widget_pick (GTK_WIDGET (self->switcher), x, y, GTK_PICK_DEFAULT);
  GtkWidget *button = picked ? gtk_widget_get_ancestor (picked, GTK_TYPE_TOGGLE_BUTTON) : NULL;

  if (button == NULL)
    return;
  /* The switcher's buttons follow the stack's pages in order. */
  if (self->collapsed)
    bourse_account_manager_set_collapsed (self, FALSE);
  else if (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button)))
    {
      bourse_account_manager_set_collapsed (self, TRUE);
      /* the tab stays the shown one */
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
    }
}

/* -- GObject ------------------------------------------------------------- */

static void
bourse_account_manager_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  BourseAccountManager *self = BOURSE_ACCOUNT_MANAGER (object);

  switch (prop_id)
    {
    case PROP_PAGE:
      g_value_set_string (value, bourse_account_manager_get_page (self));
      break;
    case PROP_COLLAPSED:
      g_value_set_boolean (value, self->collapsed);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bourse_account_manager_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  BourseAccountManager *self = BOURSE_ACCOUNT_MANAGER (object);

  switch (prop_id)
    {
    case PROP_PAGE:
      bourse_account_manager_set_page (self, g_value_get_string (value));
      break;
    case PROP_COLLAPSED:
      bourse_account_manager_set_collapsed (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bourse_account_manager_dispose (GObject *object)
{
  BourseAccountManager *self = BOURSE_ACCOUNT_MANAGER (object);

  if (self->state)
    g_clear_signal_handler (&self->state_notify_id, self->state);
  if (self->instruments)
    g_clear_signal_handler (&self->instruments_changed_id, self->instruments);

  gtk_widget_dispose_template (GTK_WIDGET (self), BOURSE_TYPE_ACCOUNT_MANAGER);

  g_clear_object (&self->state);
  g_clear_object (&self->instruments);
  g_clear_pointer (&self->ticks, g_hash_table_unref);
  if (self->executions)
    g_clear_signal_handler (&self->executions_changed_id, self->executions);
  g_clear_object (&self->executions);
  g_clear_pointer (&self->fills, g_hash_table_unref);
  g_clear_pointer (&self->fill_labels, g_hash_table_unref);
  g_clear_pointer (&self->summary_layout, json_node_unref);
  g_clear_pointer (&self->currency, g_free);

  G_OBJECT_CLASS (bourse_account_manager_parent_class)->dispose (object);
}

static void
bourse_account_manager_class_init (BourseAccountManagerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bourse_account_manager_dispose;
  object_class->get_property = bourse_account_manager_get_property;
  object_class->set_property = bourse_account_manager_set_property;

  properties[PROP_PAGE] =
    g_param_spec_string ("page", NULL, NULL, "positions",
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * BourseAccountManager:collapsed:
   *
   * Whether only the tab row shows: the tables give their height to the chart.
   */
  properties[PROP_COLLAPSED] =
    g_param_spec_boolean ("collapsed", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "accountmanager");
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/bourse-account-manager.ui");
  gtk_widget_class_bind_template_child (widget_class, BourseAccountManager, box);
  gtk_widget_class_bind_template_child (widget_class, BourseAccountManager, stack);
  gtk_widget_class_bind_template_child (widget_class, BourseAccountManager, positions_view);
  gtk_widget_class_bind_template_child (widget_class, BourseAccountManager, orders_view);
  gtk_widget_class_bind_template_child (widget_class, BourseAccountManager, history_view);
  gtk_widget_class_bind_template_child (widget_class, BourseAccountManager, executions_view);
  gtk_widget_class_bind_template_child (widget_class, BourseAccountManager, summary_box);
  gtk_widget_class_bind_template_child (widget_class, BourseAccountManager, account_label);
  gtk_widget_class_bind_template_child (widget_class, BourseAccountManager, balance_label);
  gtk_widget_class_bind_template_child (widget_class, BourseAccountManager, equity_label);
  gtk_widget_class_bind_template_child (widget_class, BourseAccountManager, pl_label);
  gtk_widget_class_bind_template_child (widget_class, BourseAccountManager, switcher);
  gtk_widget_class_bind_template_child (widget_class, BourseAccountManager, collapse_button);
}

static void
bourse_account_manager_init (BourseAccountManager *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->ticks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->fill_labels = g_hash_table_new (NULL, NULL);
  setup_columns (self);
  update_state_labels (self);
  rebuild_summary (self);

  g_signal_connect_object (self->stack, "notify::visible-child",
                           G_CALLBACK (stack_visible_child_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->collapse_button, "toggled",
                           G_CALLBACK (collapse_button_toggled_cb), self, G_CONNECT_SWAPPED);
  {
    /* Captured before the tab's own button sees the press: a click on the
     * tab already shown folds the panel, a click on any tab unfolds it. */
    GtkGesture *click = gtk_gesture_click_new ();

    gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
    g_signal_connect_object (click, "released", G_CALLBACK (switcher_released_cb), self, G_CONNECT_SWAPPED);
    gtk_widget_add_controller (GTK_WIDGET (self->switcher), GTK_EVENT_CONTROLLER (click));
  }
  sync_collapsed (self);
}

/* -- public API ---------------------------------------------------------- */

/**
 * bourse_account_manager_set_models:
 *
 * Shows the store's lists; any may be %NULL (e.g. no order history at this
 * broker). @instruments gives each row its price precision.
 */
void
bourse_account_manager_set_models (BourseAccountManager *self,
                                   GListModel           *positions,
                                   GListModel           *orders,
                                   GListModel           *history,
                                   GListModel           *executions,
                                   GListModel           *instruments)
{
  g_return_if_fail (BOURSE_IS_ACCOUNT_MANAGER (self));

  if (self->instruments)
    g_clear_signal_handler (&self->instruments_changed_id, self->instruments);
  g_set_object (&self->instruments, instruments);
  if (instruments)
    self->instruments_changed_id =
      g_signal_connect_object (instruments, "items-changed",
                               G_CALLBACK (instruments_changed_cb), self, G_CONNECT_SWAPPED);
  rebuild_ticks (self);

  if (self->executions)
    g_clear_signal_handler (&self->executions_changed_id, self->executions);
  g_set_object (&self->executions, executions);
  if (executions)
    self->executions_changed_id =
      g_signal_connect_object (executions, "items-changed", G_CALLBACK (refresh_fills), self, G_CONNECT_SWAPPED);
  refresh_fills (self);

  _bourse_table_set_model (self->positions_view, positions);
  _bourse_table_set_model (self->orders_view, orders);
  _bourse_table_set_model (self->history_view, history);
  _bourse_table_set_model (self->executions_view, executions);
}

void
bourse_account_manager_set_account (BourseAccountManager *self,
                                    const char           *title,
                                    const char           *currency)
{
  g_return_if_fail (BOURSE_IS_ACCOUNT_MANAGER (self));

  gtk_label_set_text (self->account_label, title ? title : "");
  /* The header bar names the account; the panel shows it only in the tooltip. */
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->balance_label), title);
  g_free (self->currency);
  self->currency = g_strdup (currency);
  update_state_labels (self);
}

void
bourse_account_manager_set_account_state (BourseAccountManager *self,
                                          BourseAccountState   *state)
{
  g_return_if_fail (BOURSE_IS_ACCOUNT_MANAGER (self));

  if (self->state == state)
    return;
  if (self->state)
    g_clear_signal_handler (&self->state_notify_id, self->state);
  g_set_object (&self->state, state);
  if (state)
    self->state_notify_id = g_signal_connect_object (state, "notify",
                                                     G_CALLBACK (state_notify_cb), self,
                                                     G_CONNECT_SWAPPED);
  state_notify_cb (self, NULL);
}

/**
 * bourse_account_manager_set_summary_layout:
 * @account_manager_config: (nullable): the `accountManager` array of /config
 */
void
bourse_account_manager_set_summary_layout (BourseAccountManager *self,
                                           JsonNode             *account_manager_config)
{
  g_return_if_fail (BOURSE_IS_ACCOUNT_MANAGER (self));

  g_clear_pointer (&self->summary_layout, json_node_unref);
  if (account_manager_config)
    self->summary_layout = json_node_ref (account_manager_config);
  rebuild_summary (self);
}

const char *
bourse_account_manager_get_page (BourseAccountManager *self)
{
  g_return_val_if_fail (BOURSE_IS_ACCOUNT_MANAGER (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

/* Showing a page shows the panel: whoever asks for the orders wants to see them. */
void
bourse_account_manager_set_page (BourseAccountManager *self,
                                 const char           *page)
{
  g_return_if_fail (BOURSE_IS_ACCOUNT_MANAGER (self));

  if (page && gtk_stack_get_child_by_name (self->stack, page))
    {
      gtk_stack_set_visible_child_name (self->stack, page);
      bourse_account_manager_set_collapsed (self, FALSE);
    }
}

gboolean
bourse_account_manager_get_collapsed (BourseAccountManager *self)
{
  g_return_val_if_fail (BOURSE_IS_ACCOUNT_MANAGER (self), FALSE);
  return self->collapsed;
}

void
bourse_account_manager_set_collapsed (BourseAccountManager *self,
                                      gboolean              collapsed)
{
  g_return_if_fail (BOURSE_IS_ACCOUNT_MANAGER (self));

  collapsed = !!collapsed;
  if (self->collapsed == collapsed)
    return;
  self->collapsed = collapsed;
  sync_collapsed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLLAPSED]);
}

GtkColumnView *
bourse_account_manager_get_positions_view (BourseAccountManager *self)
{
  g_return_val_if_fail (BOURSE_IS_ACCOUNT_MANAGER (self), NULL);
  return self->positions_view;
}

GtkColumnView *
bourse_account_manager_get_orders_view (BourseAccountManager *self)
{
  g_return_val_if_fail (BOURSE_IS_ACCOUNT_MANAGER (self), NULL);
  return self->orders_view;
}

GtkColumnView *
bourse_account_manager_get_history_view (BourseAccountManager *self)
{
  g_return_val_if_fail (BOURSE_IS_ACCOUNT_MANAGER (self), NULL);
  return self->history_view;
}

double
bourse_account_manager_lookup_tick (BourseAccountManager *self,
                                    const char           *instrument)
{
  g_return_val_if_fail (BOURSE_IS_ACCOUNT_MANAGER (self), NAN);
  return lookup_tick (self, instrument);
}
