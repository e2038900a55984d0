/* bourse-watchlist.c — symbols with live quotes; activating one shows it in the chart
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "bourse-instrument.h"
#include "bourse-order-validation.h"
#include "bourse-price.h"
#include "bourse-symbol-search.h"
#include "bourse-watchlist.h"

struct _BourseWatchlist
{
  GtkWidget           parent_instance;

  /* template widgets */
  GtkWidget          *box;
  GtkColumnView      *column_view;
  BourseSymbolSearch *search;

  /* owned */
  GtkStringList      *symbols;
  GListModel         *quotes;
  GListModel         *instruments;
  GHashTable         *quote_index;   /* symbol → BourseQuote (borrowed from quotes) */
  GHashTable         *tick_index;    /* symbol → (double *) min tick */
  char               *current_symbol; /* the chart's symbol: its row is the selected one */
  gulong              quotes_changed_id;
  gulong              instruments_changed_id;
};

G_DEFINE_FINAL_TYPE (BourseWatchlist, bourse_watchlist, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SYMBOLS,
  PROP_CURRENT_SYMBOL,
  N_PROPS
};

enum {
  SYMBOL_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

typedef enum
{
  COLUMN_SYMBOL,
  COLUMN_LAST,
  COLUMN_CHANGE,
  COLUMN_CHANGE_PERCENT,
  COLUMN_BID,
  COLUMN_ASK,
} Column;

static double
lookup_tick (BourseWatchlist *self,
             const char      *symbol)
{
  double *tick = g_hash_table_lookup (self->tick_index, symbol);
  return tick ? *tick : NAN;
}

static void
refresh_rows (BourseWatchlist *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->symbols));

  /* Rebind every row so each finds its (new) quote object. */
  if (n > 0)
    g_list_model_items_changed (G_LIST_MODEL (self->symbols), 0, n, n);
}

static void
rebuild_quote_index (BourseWatchlist *self)
{
  guint n = self->quotes ? g_list_model_get_n_items (self->quotes) : 0;

  g_hash_table_remove_all (self->quote_index);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BourseQuote) quote = g_list_model_get_item (self->quotes, i);
      const char *symbol = bourse_quote_get_symbol (quote);

      if (symbol)
        g_hash_table_insert (self->quote_index, g_strdup (symbol), quote);
    }
}

static void
quotes_items_changed_cb (BourseWatchlist *self,
                         guint            position,
                         guint            removed,
                         guint            added)
{
  rebuild_quote_index (self);
  refresh_rows (self);
}

static void
rebuild_tick_index (BourseWatchlist *self)
{
  guint n = self->instruments ? g_list_model_get_n_items (self->instruments) : 0;

  g_hash_table_remove_all (self->tick_index);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BourseInstrument) instrument = g_list_model_get_item (self->instruments, i);
      double *tick = g_new (double, 1);

      *tick = bourse_instrument_get_min_tick (instrument);
      g_hash_table_insert (self->tick_index, g_strdup (bourse_instrument_get_name (instrument)), tick);
    }
}

static void
instruments_items_changed_cb (BourseWatchlist *self)
{
  rebuild_tick_index (self);
  refresh_rows (self);
}

/* -- cells --------------------------------------------------------------- */

static void
update_cell (GtkLabel        *label,
             BourseWatchlist *self,
             const char      *symbol,
             BourseQuote     *quote,
             Column           column)
{
  g_autofree char *text = NULL;
  double tick = lookup_tick (self, symbol);
  double change = quote ? bourse_quote_get_change (quote) : 0;

  switch (column)
    {
    case COLUMN_SYMBOL:
      text = g_strdup (symbol);
      break;
    case COLUMN_LAST:
      text = quote ? bourse_format_price (bourse_quote_get_last (quote), tick) : g_strdup ("—");
      break;
    case COLUMN_CHANGE:
      text = quote ? bourse_format_change (change, bourse_decimals_for_tick (tick)) : g_strdup ("");
      break;
    case COLUMN_CHANGE_PERCENT:
      text = quote ? bourse_format_change_percent (bourse_quote_get_change_percent (quote)) : g_strdup ("");
      break;
    case COLUMN_BID:
      text = quote ? bourse_format_price (bourse_quote_get_bid (quote), tick) : g_strdup ("");
      break;
    case COLUMN_ASK:
    default:
      text = quote ? bourse_format_price (bourse_quote_get_ask (quote), tick) : g_strdup ("");
      break;
    }

  gtk_label_set_text (label, text);
  if (column == COLUMN_CHANGE || column == COLUMN_CHANGE_PERCENT || column == COLUMN_LAST)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (label), "up");
      gtk_widget_remove_css_class (GTK_WIDGET (label), "down");
      if (quote && change != 0)
        gtk_widget_add_css_class (GTK_WIDGET (label), change > 0 ? "up" : "down");
    }
}

static void
quote_notify_cb (BourseQuote *quote,
                 GParamSpec  *pspec,
                 GtkLabel    *label)
{
  BourseWatchlist *self = g_object_get_data (G_OBJECT (label), "watchlist");
  Column column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (label), "column"));

  update_cell (label, self, bourse_quote_get_symbol (quote), quote, column);
}

static void
cell_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               BourseWatchlist          *self)
{
  Column column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "column"));
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), column == COLUMN_SYMBOL ? 0.0 : 1.0);
  gtk_widget_add_css_class (label, column == COLUMN_SYMBOL ? "symbol" : "tabular");
  g_object_set_data (G_OBJECT (label), "watchlist", self);
  g_object_set_data (G_OBJECT (label), "column", GINT_TO_POINTER (column));
  gtk_list_item_set_child (list_item, label);
}

static void
cell_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              BourseWatchlist          *self)
{
  Column column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "column"));
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (list_item));
  const char *symbol = gtk_string_object_get_string (gtk_list_item_get_item (list_item));
  BourseQuote *quote = g_hash_table_lookup (self->quote_index, symbol);

  update_cell (label, self, symbol, quote, column);
  if (quote && column != COLUMN_SYMBOL)
    {
      gulong id = g_signal_connect_object (quote, "notify", G_CALLBACK (quote_notify_cb), label, 0);

      /* Keep the quote alive while bound: the store may drop it first. */
      g_object_set_data_full (G_OBJECT (label), "quote", g_object_ref (quote), g_object_unref);
      g_object_set_data (G_OBJECT (label), "notify-id", GSIZE_TO_POINTER (id));
    }
}

static void
cell_unbind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                BourseWatchlist          *self)
{
  GObject *label = G_OBJECT (gtk_list_item_get_child (list_item));
  BourseQuote *quote = g_object_get_data (label, "quote");
  gulong id = GPOINTER_TO_SIZE (g_object_get_data (label, "notify-id"));

  if (quote && id && g_signal_handler_is_connected (quote, id))
    g_signal_handler_disconnect (quote, id);
  g_object_set_data (label, "quote", NULL);
  g_object_set_data (label, "notify-id", NULL);
}

static void
add_column (BourseWatchlist *self,
            const char      *title,
            Column           column)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) view_column = NULL;

  g_object_set_data (G_OBJECT (factory), "column", GINT_TO_POINTER (column));
  g_signal_connect (factory, "setup", G_CALLBACK (cell_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (cell_bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (cell_unbind_cb), self);
  view_column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_expand (view_column, column == COLUMN_SYMBOL);
  gtk_column_view_column_set_resizable (view_column, TRUE);
  gtk_column_view_append_column (self->column_view, view_column);
}

static void
remove_setup_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("window-close-symbolic");

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "dim-label");
  gtk_widget_set_tooltip_text (button, _("Remove from Watchlist"));
  gtk_list_item_set_child (list_item, button);
}

static void
remove_bind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item)
{
  GtkActionable *button = GTK_ACTIONABLE (gtk_list_item_get_child (list_item));
  const char *symbol = gtk_string_object_get_string (gtk_list_item_get_item (list_item));

  gtk_actionable_set_action_target (button, "s", symbol);
  gtk_actionable_set_action_name (button, "watchlist.remove");
}

static gint find_symbol (BourseWatchlist *self,
                         const char      *symbol);

static void
select_current_symbol (BourseWatchlist *self)
{
  GtkSingleSelection *selection = GTK_SINGLE_SELECTION (gtk_column_view_get_model (self->column_view));
  gint position = self->current_symbol ? find_symbol (self, self->current_symbol) : -1;

  if (selection == NULL)
    return;
  gtk_single_selection_set_selected (selection, position >= 0 ? (guint) position : GTK_INVALID_LIST_POSITION);
}

static void
column_view_activate_cb (BourseWatchlist *self,
                         guint            position)
{
  const char *symbol = gtk_string_list_get_string (self->symbols, position);

  if (symbol)
    g_signal_emit (self, signals[SYMBOL_ACTIVATED], 0, symbol);
}

static void
search_symbol_activated_cb (BourseWatchlist *self,
                            const char      *symbol)
{
  bourse_watchlist_add_symbol (self, symbol);
}

static void
bourse_watchlist_remove_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  bourse_watchlist_remove_symbol (BOURSE_WATCHLIST (widget), g_variant_get_string (parameter, NULL));
}

static void
bourse_watchlist_remove_selected_action (GtkWidget  *widget,
                                         const char *action_name,
                                         GVariant   *parameter)
{
  BourseWatchlist *self = BOURSE_WATCHLIST (widget);
  GtkSingleSelection *selection = GTK_SINGLE_SELECTION (gtk_column_view_get_model (self->column_view));
  GtkStringObject *item = gtk_single_selection_get_selected_item (selection);

  if (item)
    {
      g_autofree char *symbol = g_strdup (gtk_string_object_get_string (item));
      bourse_watchlist_remove_symbol (self, symbol);
    }
}

/* -- GObject ------------------------------------------------------------- */

static void
bourse_watchlist_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  BourseWatchlist *self = BOURSE_WATCHLIST (object);

  switch (prop_id)
    {
    case PROP_SYMBOLS:
      g_value_take_boxed (value, bourse_watchlist_dup_symbols (self));
      break;
    case PROP_CURRENT_SYMBOL:
      g_value_set_string (value, self->current_symbol);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bourse_watchlist_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  BourseWatchlist *self = BOURSE_WATCHLIST (object);

  switch (prop_id)
    {
    case PROP_SYMBOLS:
      bourse_watchlist_set_symbols (self, g_value_get_boxed (value));
      break;
    case PROP_CURRENT_SYMBOL:
      bourse_watchlist_set_current_symbol (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bourse_watchlist_dispose (GObject *object)
{
  BourseWatchlist *self = BOURSE_WATCHLIST (object);

  if (self->quotes)
    g_clear_signal_handler (&self->quotes_changed_id, self->quotes);
  if (self->instruments)
    g_clear_signal_handler (&self->instruments_changed_id, self->instruments);

  gtk_widget_dispose_template (GTK_WIDGET (self), BOURSE_TYPE_WATCHLIST);

  g_clear_object (&self->symbols);
  g_clear_object (&self->quotes);
  g_clear_object (&self->instruments);
  g_clear_pointer (&self->quote_index, g_hash_table_unref);
  g_clear_pointer (&self->tick_index, g_hash_table_unref);
  g_clear_pointer (&self->current_symbol, g_free);

  G_OBJECT_CLASS (bourse_watchlist_parent_class)->dispose (object);
}

static void
bourse_watchlist_class_init (BourseWatchlistClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bourse_watchlist_dispose;
  object_class->get_property = bourse_watchlist_get_property;
  object_class->set_property = bourse_watchlist_set_property;

  properties[PROP_SYMBOLS] =
    g_param_spec_boxed ("symbols", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * BourseWatchlist:current-symbol:
   *
   * The symbol the chart shows. Its row is the selected (highlighted) one;
   * no row is selected when the symbol is not in the list.
   */
  properties[PROP_CURRENT_SYMBOL] =
    g_param_spec_string ("current-symbol", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * BourseWatchlist::symbol-activated:
   * @symbol: the broker symbol the user picked
   */
  signals[SYMBOL_ACTIVATED] =
    g_signal_new ("symbol-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (BOURSE_TYPE_SYMBOL_SEARCH);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/bourse-watchlist.ui");
  gtk_widget_class_bind_template_child (widget_class, BourseWatchlist, box);
  gtk_widget_class_bind_template_child (widget_class, BourseWatchlist, column_view);
  gtk_widget_class_bind_template_child (widget_class, BourseWatchlist, search);

  gtk_widget_class_install_action (widget_class, "watchlist.remove", "s", bourse_watchlist_remove_action);
  gtk_widget_class_install_action (widget_class, "watchlist.remove-selected", NULL,
                                   bourse_watchlist_remove_selected_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "watchlist.remove-selected", NULL);
}

static void
bourse_watchlist_init (BourseWatchlist *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->symbols = gtk_string_list_new (NULL);
  self->quote_index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->tick_index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  add_column (self, _("Symbol"), COLUMN_SYMBOL);
  add_column (self, _("Last"), COLUMN_LAST);
  add_column (self, _("Chg"), COLUMN_CHANGE);
  add_column (self, _("Chg%"), COLUMN_CHANGE_PERCENT);
  add_column (self, _("Bid"), COLUMN_BID);
  add_column (self, _("Ask"), COLUMN_ASK);
  {
    GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
    g_autoptr(GtkColumnViewColumn) column = NULL;

    g_signal_connect (factory, "setup", G_CALLBACK (remove_setup_cb), NULL);
    g_signal_connect (factory, "bind", G_CALLBACK (remove_bind_cb), NULL);
    column = gtk_column_view_column_new (NULL, factory);
    gtk_column_view_append_column (self->column_view, column);
  }

  {
    /* The selection only ever shows the chart's symbol: no row is picked
     * for the user, and none is selected when the symbol is not listed. */
    GtkSingleSelection *selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->symbols)));

    gtk_single_selection_set_autoselect (selection, FALSE);
    gtk_single_selection_set_can_unselect (selection, TRUE);
    gtk_single_selection_set_selected (selection, GTK_INVALID_LIST_POSITION);
    gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));
    g_signal_connect_object (self->symbols, "items-changed", G_CALLBACK (select_current_symbol), self,
                             G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  }
  g_signal_connect_object (self->column_view, "activate", G_CALLBACK (column_view_activate_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search, "symbol-activated", G_CALLBACK (search_symbol_activated_cb), self, G_CONNECT_SWAPPED);
}

/* -- public API ---------------------------------------------------------- */

void
bourse_watchlist_set_symbols (BourseWatchlist    *self,
                              const char * const *symbols)
{
  guint n;

  g_return_if_fail (BOURSE_IS_WATCHLIST (self));

  n = g_list_model_get_n_items (G_LIST_MODEL (self->symbols));
  gtk_string_list_splice (self->symbols, 0, n, symbols);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYMBOLS]);
}

char **
bourse_watchlist_dup_symbols (BourseWatchlist *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint n;

  g_return_val_if_fail (BOURSE_IS_WATCHLIST (self), NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->symbols));
  for (guint i = 0; i < n; i++)
    g_strv_builder_add (builder, gtk_string_list_get_string (self->symbols, i));
  return g_strv_builder_end (builder);
}

static gint
find_symbol (BourseWatchlist *self,
             const char      *symbol)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->symbols));

  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (gtk_string_list_get_string (self->symbols, i), symbol) == 0)
      return (gint) i;
  return -1;
}

gboolean
bourse_watchlist_add_symbol (BourseWatchlist *self,
                             const char      *symbol)
{
  g_return_val_if_fail (BOURSE_IS_WATCHLIST (self), FALSE);

  if (symbol == NULL || *symbol == '\0' || find_symbol (self, symbol) >= 0)
    return FALSE;
  gtk_string_list_append (self->symbols, symbol);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYMBOLS]);
  return TRUE;
}

gboolean
bourse_watchlist_remove_symbol (BourseWatchlist *self,
                                const char      *symbol)
{
  gint position;

  g_return_val_if_fail (BOURSE_IS_WATCHLIST (self), FALSE);

  position = find_symbol (self, symbol);
  if (position < 0)
    return FALSE;
  gtk_string_list_remove (self->symbols, position);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYMBOLS]);
  return TRUE;
}

void
bourse_watchlist_set_instruments (BourseWatchlist *self,
                                  GListModel      *instruments)
{
  g_return_if_fail (BOURSE_IS_WATCHLIST (self));

  if (self->instruments)
    g_clear_signal_handler (&self->instruments_changed_id, self->instruments);
  g_set_object (&self->instruments, instruments);
  if (instruments)
    self->instruments_changed_id =
      g_signal_connect_object (instruments, "items-changed",
                               G_CALLBACK (instruments_items_changed_cb), self, G_CONNECT_SWAPPED);
  bourse_symbol_search_set_instruments (self->search, instruments);
  instruments_items_changed_cb (self);
}

void
bourse_watchlist_set_quotes (BourseWatchlist *self,
                             GListModel      *quotes)
{
  g_return_if_fail (BOURSE_IS_WATCHLIST (self));

  if (self->quotes)
    g_clear_signal_handler (&self->quotes_changed_id, self->quotes);
  g_set_object (&self->quotes, quotes);
  if (quotes)
    self->quotes_changed_id =
      g_signal_connect_object (quotes, "items-changed",
                               G_CALLBACK (quotes_items_changed_cb), self, G_CONNECT_SWAPPED);
  rebuild_quote_index (self);
  refresh_rows (self);
}

/**
 * bourse_watchlist_lookup_quote:
 * Returns: (transfer none) (nullable): the live quote of @symbol
 */
BourseQuote *
bourse_watchlist_lookup_quote (BourseWatchlist *self,
                               const char      *symbol)
{
  g_return_val_if_fail (BOURSE_IS_WATCHLIST (self), NULL);
  return symbol ? g_hash_table_lookup (self->quote_index, symbol) : NULL;
}

/**
 * bourse_watchlist_set_current_symbol:
 * @symbol: (nullable): the chart's symbol
 *
 * Highlights @symbol's row, or no row when @symbol is not listed.
 */
void
bourse_watchlist_set_current_symbol (BourseWatchlist *self,
                                     const char      *symbol)
{
  g_return_if_fail (BOURSE_IS_WATCHLIST (self));

  if (g_strcmp0 (self->current_symbol, symbol) != 0)
    {
      g_free (self->current_symbol);
      self->current_symbol = g_strdup (symbol);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_SYMBOL]);
    }
  select_current_symbol (self);
}

/**
 * bourse_watchlist_get_selected_symbol:
 * Returns: (nullable): the symbol of the highlighted row
 */
const char *
bourse_watchlist_get_selected_symbol (BourseWatchlist *self)
{
  GtkSingleSelection *selection;
  GtkStringObject *item;

  g_return_val_if_fail (BOURSE_IS_WATCHLIST (self), NULL);

  selection = GTK_SINGLE_SELECTION (gtk_column_view_get_model (self->column_view));
  item = gtk_single_selection_get_selected_item (selection);
  return item ? gtk_string_object_get_string (item) : NULL;
}

/* What a click on the row does; for keyboard users and tests. */
void
bourse_watchlist_activate_symbol (BourseWatchlist *self,
                                  const char      *symbol)
{
  gint position;

  g_return_if_fail (BOURSE_IS_WATCHLIST (self));

  position = find_symbol (self, symbol);
  if (position >= 0)
    column_view_activate_cb (self, position);
}
