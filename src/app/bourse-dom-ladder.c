/* bourse-dom-ladder.c — depth of market: bid/ask sizes per price, own orders, click to trade
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A fixed grid of rows (asks above, highest first; bids below) whose labels
 * are updated in place at most once per frame, however fast the book moves.
 * The rows scroll to keep the spread centred; the column titles are a grid
 * of their own above them, so they never scroll away.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "bourse-dom-ladder.h"
#include "bourse-order-validation.h"
#include "bourse-order.h"

#define MAX_LEVELS 10
#define N_ROWS     (2 * MAX_LEVELS)

struct _BourseDomLadder
{
  GtkWidget    parent_instance;

  /* template widgets */
  GtkWidget   *box;
  GtkGrid     *header_grid;
  GtkGrid     *grid;
  GtkLabel    *title_label;
  GtkLabel    *hint_label;
  GtkScrolledWindow *scroll;

  /* row widgets, top to bottom */
  GtkButton   *bid_buttons[N_ROWS];
  GtkLabel    *price_labels[N_ROWS];
  GtkButton   *ask_buttons[N_ROWS];
  GtkLabel    *own_labels[N_ROWS];
  double       row_prices[N_ROWS];

  /* owned */
  BourseDepth *depth;
  GListModel  *orders;
  char        *symbol;
  double       tick;
  gulong       depth_notify_id;
  gulong       orders_changed_id;
  guint        update_id;
  guint        n_levels;
  gboolean     available;
};

G_DEFINE_FINAL_TYPE (BourseDomLadder, bourse_dom_ladder, GTK_TYPE_WIDGET)

enum {
  PLACE_LIMIT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static double
own_qty_at (BourseDomLadder *self,
            double           price)
{
  guint n = self->orders ? g_list_model_get_n_items (self->orders) : 0;
  double qty = 0, tick = self->tick > 0 ? self->tick : 1e-9;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BourseOrder) order = g_list_model_get_item (self->orders, i);
      double order_price;

      if (g_strcmp0 (bourse_order_get_instrument (order), self->symbol) != 0 ||
          bourse_order_status_is_final (bourse_order_get_status (order)))
        continue;
      order_price = bourse_order_get_order_type (order) == BOURSE_ORDER_TYPE_STOP
                    ? bourse_order_get_stop_price (order) : bourse_order_get_limit_price (order);
      if (order_price > 0 && fabs (order_price - price) < tick / 2)
        qty += bourse_order_get_side (order) == BOURSE_SIDE_SELL ? -bourse_order_get_qty (order)
                                                                  : bourse_order_get_qty (order);
    }
  return qty;
}

static void
set_row (BourseDomLadder *self,
         guint            row,
         double           price,
         double           bid_size,
         double           ask_size,
         gboolean         best)
{
  g_autofree char *price_text = isfinite (price) ? bourse_format_price (price, self->tick) : g_strdup ("");
  g_autofree char *bid_text = bid_size > 0 ? g_strdup_printf ("%.10g", bid_size) : g_strdup ("");
  g_autofree char *ask_text = ask_size > 0 ? g_strdup_printf ("%.10g", ask_size) : g_strdup ("");
  double own = isfinite (price) ? own_qty_at (self, price) : 0;
  g_autofree char *own_text = own != 0 ? g_strdup_printf ("%+.10g", own) : g_strdup ("");

  self->row_prices[row] = price;
  gtk_label_set_text (self->price_labels[row], price_text);
  gtk_button_set_label (self->bid_buttons[row], bid_text);
  gtk_button_set_label (self->ask_buttons[row], ask_text);
  gtk_label_set_text (self->own_labels[row], own_text);
  gtk_widget_set_sensitive (GTK_WIDGET (self->bid_buttons[row]), isfinite (price));
  gtk_widget_set_sensitive (GTK_WIDGET (self->ask_buttons[row]), isfinite (price));

  if (best)
    gtk_widget_add_css_class (GTK_WIDGET (self->price_labels[row]), "best-price");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->price_labels[row]), "best-price");
  if (own != 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->own_labels[row]), "own-order");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->own_labels[row]), "own-order");
}

static void
update_rows (BourseDomLadder *self)
{
  const double *bid_prices = NULL, *bid_sizes = NULL, *ask_prices = NULL, *ask_sizes = NULL;
  guint n_bids = 0, n_asks = 0;

  if (self->depth)
    {
      n_bids = MIN (bourse_depth_get_bids (self->depth, &bid_prices, &bid_sizes), MAX_LEVELS);
      n_asks = MIN (bourse_depth_get_asks (self->depth, &ask_prices, &ask_sizes), MAX_LEVELS);
    }
  self->n_levels = n_bids + n_asks;

  /* Asks: row MAX_LEVELS-1 is the best (lowest) ask, higher asks above it. */
  for (guint i = 0; i < MAX_LEVELS; i++)
    {
      guint row = MAX_LEVELS - 1 - i;

      if (i < n_asks)
        set_row (self, row, ask_prices[i], 0, ask_sizes[i], i == 0);
      else
        set_row (self, row, NAN, 0, 0, FALSE);
    }
  for (guint i = 0; i < MAX_LEVELS; i++)
    {
      guint row = MAX_LEVELS + i;

      if (i < n_bids)
        set_row (self, row, bid_prices[i], bid_sizes[i], 0, i == 0);
      else
        set_row (self, row, NAN, 0, 0, FALSE);
    }
}

static gboolean
update_timeout_cb (gpointer user_data)
{
  BourseDomLadder *self = user_data;

  self->update_id = 0;
  update_rows (self);
  return G_SOURCE_REMOVE;
}

static void
queue_update (BourseDomLadder *self)
{
  /* Coalesce: a fast book changes many times per frame. */
  if (self->update_id == 0)
    self->update_id = g_timeout_add (33, update_timeout_cb, self);
}

/* Keep the spread in the middle of the view: asks above, bids below. */
static void
center_on_spread (BourseDomLadder *self)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scroll);
  double range = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_lower (adjustment);
  double page = gtk_adjustment_get_page_size (adjustment);

  if (range > page)
    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_lower (adjustment) + (range - page) / 2);
}

static void
adjustment_changed_cb (BourseDomLadder *self)
{
  /* The range changes with the widget's size, not with the user's scrolling. */
  center_on_spread (self);
}

static void
level_clicked_cb (GtkButton       *button,
                  BourseDomLadder *self)
{
  for (guint row = 0; row < N_ROWS; row++)
    {
      if (button == self->bid_buttons[row] && isfinite (self->row_prices[row]))
        g_signal_emit (self, signals[PLACE_LIMIT], 0, BOURSE_SIDE_BUY, self->row_prices[row]);
      else if (button == self->ask_buttons[row] && isfinite (self->row_prices[row]))
        g_signal_emit (self, signals[PLACE_LIMIT], 0, BOURSE_SIDE_SELL, self->row_prices[row]);
    }
}

static GtkButton *
create_size_button (BourseDomLadder *self,
                    const char      *css_class)
{
  GtkWidget *button = gtk_button_new_with_label ("");

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "tabular");
  gtk_widget_add_css_class (button, css_class);
  g_signal_connect (button, "clicked", G_CALLBACK (level_clicked_cb), self);
  return GTK_BUTTON (button);
}

static GtkLabel *
create_label (const char *css_class)
{
  GtkWidget *label = gtk_label_new ("");

  gtk_widget_add_css_class (label, "tabular");
  if (css_class)
    gtk_widget_add_css_class (label, css_class);
  return GTK_LABEL (label);
}

static void
bourse_dom_ladder_dispose (GObject *object)
{
  BourseDomLadder *self = BOURSE_DOM_LADDER (object);

  g_clear_handle_id (&self->update_id, g_source_remove);
  if (self->depth)
    g_clear_signal_handler (&self->depth_notify_id, self->depth);
  if (self->orders)
    g_clear_signal_handler (&self->orders_changed_id, self->orders);

  gtk_widget_dispose_template (GTK_WIDGET (self), BOURSE_TYPE_DOM_LADDER);

  g_clear_object (&self->depth);
  g_clear_object (&self->orders);
  g_clear_pointer (&self->symbol, g_free);

  G_OBJECT_CLASS (bourse_dom_ladder_parent_class)->dispose (object);
}

static void
bourse_dom_ladder_class_init (BourseDomLadderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bourse_dom_ladder_dispose;

  /**
   * BourseDomLadder::place-limit:
   * @side: a #BourseSide
   * @price: the level's price
   */
  signals[PLACE_LIMIT] =
    g_signal_new ("place-limit", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, BOURSE_TYPE_SIDE, G_TYPE_DOUBLE);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "domladder");
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/bourse-dom-ladder.ui");
  gtk_widget_class_bind_template_child (widget_class, BourseDomLadder, box);
  gtk_widget_class_bind_template_child (widget_class, BourseDomLadder, header_grid);
  gtk_widget_class_bind_template_child (widget_class, BourseDomLadder, grid);
  gtk_widget_class_bind_template_child (widget_class, BourseDomLadder, title_label);
  gtk_widget_class_bind_template_child (widget_class, BourseDomLadder, hint_label);
  gtk_widget_class_bind_template_child (widget_class, BourseDomLadder, scroll);
}

static void
bourse_dom_ladder_init (BourseDomLadder *self)
{
  static const char *headers[] = { N_("Bid"), N_("Price"), N_("Ask"), N_("Mine") };

  gtk_widget_init_template (GTK_WIDGET (self));
  self->tick = 0.01;
  self->available = TRUE;

  for (guint c = 0; c < G_N_ELEMENTS (headers); c++)
    {
      GtkWidget *label = gtk_label_new (_(headers[c]));

      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_add_css_class (label, "caption");
      gtk_grid_attach (self->header_grid, label, c, 0, 1, 1);
    }

  for (guint row = 0; row < N_ROWS; row++)
    {
      self->bid_buttons[row] = create_size_button (self, "bid-size");
      self->price_labels[row] = create_label (NULL);
      self->ask_buttons[row] = create_size_button (self, "ask-size");
      self->own_labels[row] = create_label (NULL);
      self->row_prices[row] = NAN;
      gtk_grid_attach (self->grid, GTK_WIDGET (self->bid_buttons[row]), 0, row, 1, 1);
      gtk_grid_attach (self->grid, GTK_WIDGET (self->price_labels[row]), 1, row, 1, 1);
      gtk_grid_attach (self->grid, GTK_WIDGET (self->ask_buttons[row]), 2, row, 1, 1);
      gtk_grid_attach (self->grid, GTK_WIDGET (self->own_labels[row]), 3, row, 1, 1);
    }
  update_rows (self);
  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (self->scroll), "changed",
                           G_CALLBACK (adjustment_changed_cb), self, G_CONNECT_SWAPPED);
}

/**
 * bourse_dom_ladder_set_depth:
 * @depth: (nullable): the live book of the chart's symbol
 */
void
bourse_dom_ladder_set_depth (BourseDomLadder *self,
                             BourseDepth     *depth)
{
  g_return_if_fail (BOURSE_IS_DOM_LADDER (self));

  if (self->depth == depth)
    return;
  if (self->depth)
    g_clear_signal_handler (&self->depth_notify_id, self->depth);
  g_set_object (&self->depth, depth);
  if (depth)
    self->depth_notify_id = g_signal_connect_object (depth, "notify::serial",
                                                     G_CALLBACK (queue_update), self, G_CONNECT_SWAPPED);
  update_rows (self);
}

BourseDepth *
bourse_dom_ladder_get_depth (BourseDomLadder *self)
{
  g_return_val_if_fail (BOURSE_IS_DOM_LADDER (self), NULL);
  return self->depth;
}

void
bourse_dom_ladder_set_tick (BourseDomLadder *self,
                            double           tick)
{
  g_return_if_fail (BOURSE_IS_DOM_LADDER (self));
  self->tick = tick > 0 ? tick : 0.01;
  update_rows (self);
}

void
bourse_dom_ladder_set_orders (BourseDomLadder *self,
                              GListModel      *orders,
                              const char      *symbol)
{
  g_return_if_fail (BOURSE_IS_DOM_LADDER (self));

  if (self->orders != orders)
    {
      if (self->orders)
        g_clear_signal_handler (&self->orders_changed_id, self->orders);
      g_set_object (&self->orders, orders);
      if (orders)
        self->orders_changed_id = g_signal_connect_object (orders, "items-changed",
                                                           G_CALLBACK (queue_update), self, G_CONNECT_SWAPPED);
    }
  g_free (self->symbol);
  self->symbol = g_strdup (symbol);
  queue_update (self);
}

/* FALSE when the broker has no level 2 data: the ladder says so. */
void
bourse_dom_ladder_set_available (BourseDomLadder *self,
                                 gboolean         available)
{
  g_return_if_fail (BOURSE_IS_DOM_LADDER (self));

  self->available = !!available;
  gtk_label_set_text (self->hint_label,
                      available ? _("Click a bid size to buy, an ask size to sell at that price")
                                : _("This broker offers no depth of market"));
}

guint
bourse_dom_ladder_get_n_levels (BourseDomLadder *self)
{
  g_return_val_if_fail (BOURSE_IS_DOM_LADDER (self), 0);
  return self->n_levels;
}

/* What a click on level @level (0 = best) of one side does. */
void
bourse_dom_ladder_click_level (BourseDomLadder *self,
                               guint            level,
                               gboolean         bid_side)
{
  guint row;

  g_return_if_fail (BOURSE_IS_DOM_LADDER (self));
  g_return_if_fail (level < MAX_LEVELS);

  update_rows (self);
  row = bid_side ? MAX_LEVELS + level : MAX_LEVELS - 1 - level;
  level_clicked_cb (bid_side ? self->bid_buttons[row] : self->ask_buttons[row], self);
}
